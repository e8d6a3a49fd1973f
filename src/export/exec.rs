//! The executive export: one printed page. The summary, the impact figures,
//! the key intervals, each root cause in one line, the top actions by
//! priority with owner and due date, and how far the actions have come.

use super::builder::{Markdown, inline};
use super::escape;
use crate::model::{ActionItem, ActionStatus, Postmortem, format_duration};

/// The most actions the page lists (the status line counts them all).
pub const TOP_ACTIONS: usize = 5;
/// The most impact rows the page lists.
const IMPACT_ROWS: usize = 6;
/// The most root causes the page lists (a line says how many more).
const ROOT_CAUSES: usize = 5;
/// The longest line (in characters) a root cause keeps: one printed line.
const ONE_LINE: usize = 100;
/// The longest text (in characters) a table cell keeps.
const CELL: usize = 80;
/// The longest summary (in characters) the page keeps: its first paragraph,
/// cut after a sentence.
const SUMMARY: usize = 600;

/// The executive export as Markdown.
pub fn exec(doc: &Postmortem) -> String {
    let mut out = Markdown::default();
    let title = match doc.meta.title.trim() {
        "" => "Untitled",
        title => title,
    };
    out.heading(1, title);
    header(doc, &mut out);
    out.section("Summary", &brief(&doc.summary));
    impact(doc, &mut out);
    intervals(doc, &mut out);
    goals(doc, &mut out);
    root_causes(doc, &mut out);
    actions(doc, &mut out);
    out.finish()
}

/// One line: severity, status, date, duration.
fn header(doc: &Postmortem, out: &mut Markdown) {
    let zone = doc.display_zone();
    let mut parts = Vec::new();
    let mut field = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            parts.push(format!("**{label}:** {}", escape::label(&inline(value))));
        }
    };
    let level = &doc.meta.severity;
    let severity = match doc.severity_scale().iter().find(|s| &s.level == level) {
        Some(s) => format!("{} ({})", s.level, s.label),
        None => level.clone(),
    };
    field("Severity", &severity);
    field("Status", doc.meta.status.label());
    if let Some(start) = doc.meta.started {
        field("Date", &zone.local(&start).format("%Y-%m-%d").to_string());
    }
    if let (Some(start), Some(end)) = (doc.meta.started, doc.meta.ended) {
        field(
            "Duration",
            &format_duration(end.signed_duration_since(start)),
        );
    }
    out.raw(&parts.join(" · "));
}

fn impact(doc: &Postmortem, out: &mut Markdown) {
    let rows: Vec<Vec<String>> = doc
        .impact
        .rows()
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .take(IMPACT_ROWS)
        .map(|(metric, value)| vec![metric.to_string(), cut(value, CELL)])
        .collect();
    if !rows.is_empty() {
        out.heading(2, "Impact");
        out.table(&["Metric", "Value"], rows);
    }
}

fn intervals(doc: &Postmortem, out: &mut Markdown) {
    let intervals = doc.intervals();
    if intervals.items.is_empty() {
        return;
    }
    out.heading(2, "Key intervals");
    let rows = intervals
        .items
        .iter()
        .map(|i| vec![i.kind.label().to_string(), format_duration(i.duration())])
        .collect();
    out.table(&["Interval", "Duration"], rows);
}

fn goals(doc: &Postmortem, out: &mut Markdown) {
    let Some(project) = &doc.project else {
        return;
    };
    if project.goals.is_empty() {
        return;
    }
    out.heading(2, "Goals");
    let rows = project
        .goals
        .iter()
        .map(|g| {
            vec![
                cut(&g.goal, CELL),
                g.assessment
                    .map(|a| a.label().to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    out.table(&["Goal", "Assessment"], rows);
}

fn root_causes(doc: &Postmortem, out: &mut Markdown) {
    let mut causes: Vec<String> = doc
        .whys
        .nodes
        .iter()
        .filter(|w| w.root)
        .map(|w| one_line(&w.text))
        .collect();
    if causes.is_empty() && !doc.whys.root_cause.trim().is_empty() {
        causes.push(one_line(&doc.whys.root_cause));
    }
    if causes.is_empty() {
        return;
    }
    let more = causes.len().saturating_sub(ROOT_CAUSES);
    causes.truncate(ROOT_CAUSES);
    if more > 0 {
        causes.push(format!("… and {more} more in the full postmortem."));
    }
    out.heading(2, "Root causes");
    out.list(&causes);
}

/// Most urgent first: by priority (none last), unfinished before done, then
/// by due date; actions decided against are left out.
fn top_actions(doc: &Postmortem) -> Vec<&ActionItem> {
    let mut actions: Vec<&ActionItem> = doc
        .actions
        .iter()
        .filter(|a| a.status != ActionStatus::WontDo)
        .collect();
    actions.sort_by_key(|a| {
        (
            a.priority.map_or(usize::MAX, |p| p as usize),
            a.status == ActionStatus::Done,
            a.due,
        )
    });
    actions.truncate(TOP_ACTIONS);
    actions
}

fn actions(doc: &Postmortem, out: &mut Markdown) {
    if doc.actions.is_empty() {
        return;
    }
    out.heading(2, "Top actions");
    let rows = top_actions(doc)
        .into_iter()
        .map(|a| {
            vec![
                a.priority
                    .map(|p| p.label().to_string())
                    .unwrap_or_default(),
                cut(&a.title, CELL),
                a.owner.clone(),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                a.status.label().to_string(),
            ]
        })
        .collect();
    out.table(&["Priority", "Action", "Owner", "Due", "Status"], rows);
    let count = |status: ActionStatus| doc.actions.iter().filter(|a| a.status == status).count();
    let counts: Vec<String> = ActionStatus::ALL
        .iter()
        .map(|s| (count(*s), s.label().to_lowercase()))
        .filter(|(n, _)| *n > 0)
        .map(|(n, label)| format!("{n} {label}"))
        .collect();
    out.raw(&format!(
        "**Actions:** {} ({} in all)",
        counts.join(", "),
        doc.actions.len()
    ));
}

/// The first paragraph of `text`, cut after the last sentence that ends
/// within [`SUMMARY`] characters.
fn brief(text: &str) -> String {
    let first = text.trim().split("\n\n").next().unwrap_or_default().trim();
    if first.chars().count() <= SUMMARY {
        return first.to_string();
    }
    let head: String = first.chars().take(SUMMARY).collect();
    match head.rfind(". ") {
        Some(at) => head[..=at].to_string(),
        None => format!("{}…", head.trim_end()),
    }
}

/// The first sentence of `text` on one line, cut at [`ONE_LINE`] characters.
fn one_line(text: &str) -> String {
    cut(text, ONE_LINE)
}

/// The first sentence of `text` on one line, cut at a word before `max`
/// characters with an ellipsis.
fn cut(text: &str, max: usize) -> String {
    let text = inline(text);
    let first = match text.find(". ") {
        Some(at) => &text[..=at],
        None => text.as_str(),
    };
    if first.chars().count() <= max {
        return first.to_string();
    }
    let mut cut: String = first.chars().take(max - 1).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_keeps_the_first_sentence_and_cuts_long_ones() {
        assert_eq!(one_line("First part.  Second\npart."), "First part.");
        let long = "word ".repeat(60);
        let line = one_line(&long);
        assert!(
            line.ends_with('…') && line.chars().count() <= ONE_LINE,
            "{line}"
        );
    }
}
