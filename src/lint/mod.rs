//! The lint engine: blameless-language and completeness rules over the model.
//!
//! One engine serves the editor (live, incremental) and the CLI. Rules have
//! stable ids (`blame/…`, `complete/…`) described in `assets/lint/rules.toml`
//! and documented in `docs/lint-rules.md`; word lists live in `assets/lint/`.
//!
//! For live linting build a [`Context`] once per document, then either call
//! [`lint_item`] for the item an edit touched plus [`lint_document_rules`]
//! (cheap), or let [`LiveLint`] keep the per-item cache for you (it also
//! follows inserts, removals and moves without re-linting the list).

mod blame;
mod catalog;
mod changes;
mod complete;
mod context;
mod directives;
mod items;
pub mod levels;
mod lexicon;
mod live;
mod markdown;
pub mod position;
pub mod report;
pub mod rule;
mod score;
mod spot;
pub mod suppress;
mod text;
pub mod vale;

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::model::PathSeg;

pub use blame::{Hit, ScanOptions, scan};
pub use catalog::{RuleInfo, is_known, rule, rules};
pub use changes::{changes_of, item_ref, undo_changes_of};
pub use complete::lint_document_rules;
pub use context::{Context, LintConfig};
pub use items::{
    ItemRef, lint_action, lint_document, lint_event, lint_factor, lint_item, lint_why,
};
pub use live::{Change, LiveLint};
pub use rule::RuleId;
pub use score::{Score, ScorePart, completeness_score};
pub use spot::{ItemPart, Spot};
pub use suppress::{place_key, stale_suppressions, suppression_for};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a build.
    Info,
    /// Should be fixed; fails with `--deny warnings`.
    Warning,
    /// Must be fixed; a `final` document may have none.
    Error,
}

impl Severity {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which family a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Blameless language (`blame/…`).
    Blameless,
    /// Completeness of the postmortem (`complete/…`).
    Completeness,
}

impl Category {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Blameless => "blameless",
            Category::Completeness => "completeness",
        }
    }
}

/// Where a finding is in the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The section: `meta`, `summary`, `timeline`, `whys`, `factors`, …
    pub section: &'static str,
    /// The item id (`T3`, `W2`, `F1`, `A4`), empty for sections without ids.
    pub item: String,
    /// The field within the item (`text`, `title`, …), empty for the section.
    pub field: &'static str,
    /// The TOML path of the field (for [`position::SourceIndex`]).
    pub path: Vec<PathSeg>,
    /// Byte range within the field's text, when the finding is in the text.
    pub range: Option<Range<usize>>,
    /// The same place, typed, for the editor.
    pub spot: Spot,
}

impl Location {
    /// The path in dotted form: `timeline[2].text`.
    pub fn dotted_path(&self) -> String {
        crate::model::dotted(&self.path)
    }
}

/// One problem the linter found.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable rule id.
    pub rule: RuleId,
    /// Rule family.
    pub category: Category,
    /// How serious.
    pub severity: Severity,
    /// One sentence: what is wrong and the blameless alternative.
    pub message: String,
    /// Advice or the replacement text (see `fix`).
    pub suggestion: Option<String>,
    /// A mechanical rewrite: replace `location.range` of the field by this.
    pub fix: Option<String>,
    /// Where.
    pub location: Location,
    /// The matched text, when the finding is in a text.
    pub excerpt: Option<String>,
}

impl Finding {
    /// A finding of `rule` with the catalogue's message and severity.
    pub fn new(rule: RuleId, location: Location) -> Finding {
        let info = catalog::rule(rule);
        Finding {
            rule,
            category: info.category,
            severity: info.severity,
            message: info.message.clone(),
            suggestion: info.advice.clone(),
            fix: None,
            location,
            excerpt: None,
        }
    }

    /// The same finding with a more specific message.
    pub fn with_message(mut self, message: impl Into<String>) -> Finding {
        self.message = message.into();
        self
    }

    /// The same finding at another severity.
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// What to show as the suggestion: the rewrite, else the advice.
    pub fn suggestion_text(&self) -> Option<&str> {
        self.fix.as_deref().or(self.suggestion.as_deref())
    }
}

/// Findings for free prose, with no document around it: what `lint-text`
/// runs on each line. Byte ranges are within `text`.
pub fn lint_prose(text: &str, ctx: &Context) -> Vec<Finding> {
    let ignores = text::ignore_markers(text).unwrap_or_default();
    let mut findings = scan(text, ctx, ScanOptions::default())
        .into_iter()
        .filter(|hit| !text::is_ignored(hit.rule, &ignores))
        .map(|hit| finding_from_hit(hit, text, Location::default()))
        .collect();
    levels::apply(ctx.config(), &mut findings);
    findings
}

pub(crate) fn finding_from_hit(hit: Hit, text: &str, mut location: Location) -> Finding {
    let excerpt = text.get(hit.range.clone()).map(|s| s.trim().to_string());
    location.range = Some(hit.range);
    let mut finding = Finding::new(hit.rule, location);
    if let Some(excerpt) = &excerpt {
        finding.message = format!("`{excerpt}`: {}", finding.message);
    }
    finding.fix = hit.fix;
    finding.excerpt = excerpt;
    finding
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Counts {
    /// Counts `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Counts {
        let mut counts = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }
}
