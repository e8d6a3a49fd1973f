//! What the import did: where each section went, counts, what was unmapped.

use std::fmt;

use crate::model::Postmortem;

use super::Chunk;

/// One line of the report: a section of the input and where it went.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportLine {
    /// The heading in the input ("(title)" or "(before the first heading)").
    pub heading: String,
    /// The model field it went to (`timeline`, `unmapped`, …).
    pub target: String,
    /// How many items it gave.
    pub count: usize,
}

/// The import report, printed to stderr by `debrief import-md`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Sections mapped to fields, in document order.
    pub mapped: Vec<ReportLine>,
    /// Parts kept in `unmapped`: heading and size in lines.
    pub unmapped: Vec<ReportLine>,
    /// Things the user should check.
    pub warnings: Vec<String>,
    /// Item counts of the resulting document, per section.
    pub totals: Vec<(String, usize)>,
    /// The timeline has times without a date and no incident date was found
    /// (nor given): the CLI asks for `--date`, the editor for a date.
    pub needs_date: bool,
}

impl ImportReport {
    pub(crate) fn mapped(&mut self, chunk: &Chunk, target: &str, count: usize) {
        let heading = chunk
            .heading
            .as_ref()
            .map(|h| h.text.clone())
            .unwrap_or_else(|| "(before the first heading)".into());
        if let Some(line) = self
            .mapped
            .iter_mut()
            .rev()
            .find(|l| l.heading == heading && l.target == target)
        {
            line.count += count;
            return;
        }
        self.mapped.push(ReportLine {
            heading,
            target: target.to_string(),
            count,
        });
    }

    pub(crate) fn unmapped(&mut self, heading: &str, markdown: &str) {
        self.unmapped.push(ReportLine {
            heading: heading.to_string(),
            target: "unmapped".into(),
            count: markdown.lines().count(),
        });
    }

    pub(crate) fn warn(&mut self, message: impl Into<String>) {
        self.warnings.push(message.into());
    }

    pub(crate) fn totals(&mut self, doc: &Postmortem) {
        let counts = [
            ("timeline events", doc.timeline.len()),
            ("whys", doc.whys.nodes.len()),
            ("contributing factors", doc.factors.len()),
            ("response phases", doc.response.len()),
            ("went well", doc.review.went_well.len()),
            ("went poorly", doc.review.went_poorly.len()),
            ("lucky", doc.review.lucky.len()),
            ("lessons", doc.review.lessons.len()),
            ("action items", doc.actions.len()),
            ("unmapped parts", doc.unmapped.len()),
        ];
        self.totals = counts
            .into_iter()
            .map(|(name, n)| (name.to_string(), n))
            .collect();
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "mapped:")?;
        for line in &self.mapped {
            writeln!(f, "  {} → {} ({})", line.heading, line.target, line.count)?;
        }
        let totals: Vec<String> = self
            .totals
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(name, n)| format!("{n} {name}"))
            .collect();
        writeln!(f, "totals: {}", totals.join(", "))?;
        if self.unmapped.is_empty() {
            writeln!(f, "unmapped: nothing")?;
        } else {
            writeln!(f, "unmapped (kept verbatim, exported in the appendix):")?;
            for line in &self.unmapped {
                writeln!(f, "  {} ({} lines)", line.heading, line.count)?;
            }
        }
        for warning in &self.warnings {
            writeln!(f, "warning: {warning}")?;
        }
        Ok(())
    }
}
