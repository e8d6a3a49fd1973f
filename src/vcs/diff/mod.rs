//! What changed between two versions of a postmortem, in meaning: items
//! added, removed, moved and changed by id with each changed field, links
//! added and removed, marks that moved, the key intervals, completeness and
//! findings before and after. [`super::render`] prints it.

mod fields;
mod items;

use serde::Serialize;
use toml::Value;

use super::tree::TreeError;
use super::words::Segment;
use crate::lint::{self, LintConfig};
use crate::model::Postmortem;
use fields::{diff_fields, diff_findings, diff_intervals, diff_marks, response_tree};
use items::diff_items;

/// The whole difference between two documents.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocDiff {
    /// Items added, removed, moved or changed, list by list.
    pub items: Vec<ItemChange>,
    /// Document fields that changed (title, summary, impact, review, …).
    pub fields: Vec<FieldChange>,
    /// Marks that moved, appeared or went.
    pub marks: Vec<MarkChange>,
    /// Key intervals that changed: `(label, before, after)`.
    pub intervals: Vec<(String, Option<String>, Option<String>)>,
    /// Completeness score before and after (absent for a missing side).
    pub score: (Option<u8>, Option<u8>),
    /// Findings before and after.
    pub findings: FindingsDelta,
    /// Unresolved merge conflicts before and after.
    pub conflicts: (usize, usize),
}

impl DocDiff {
    /// Whether anything changed in meaning.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
            && self.fields.is_empty()
            && self.marks.is_empty()
            && self.conflicts.0 == self.conflicts.1
    }
}

/// What happened to one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// New in the new version.
    Added,
    /// Gone from the new version.
    Removed,
    /// In both, with fields changed or moved.
    Changed,
}

/// One item's change.
#[derive(Debug, Clone, Serialize)]
pub struct ItemChange {
    /// The list: `timeline`, `whys`, `factors`, `actions`, `response`.
    pub list: &'static str,
    /// The item's id (or phase name).
    pub id: String,
    /// Added, removed or changed.
    pub status: ItemStatus,
    /// Its main text (the new one, or the old for a removed item).
    pub text: String,
    /// 1-based positions before and after, when it moved among the others.
    pub moved: Option<(usize, usize)>,
    /// The fields that changed (none for an added or removed item).
    pub fields: Vec<FieldChange>,
}

/// One field's change.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    /// The field: `text`, `owner`, `Summary`, `Went well`, `triage · worked`.
    pub field: String,
    /// How it changed.
    pub change: Change,
}

/// How a value changed.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A text, word by word.
    Text {
        /// Before.
        old: String,
        /// After.
        new: String,
        /// The word-level diff.
        words: Vec<Segment>,
    },
    /// Entries of a list (lines, rows, links) added and removed.
    Entries {
        /// Whether the entries are links to other items.
        links: bool,
        /// New entries.
        added: Vec<String>,
        /// Entries gone.
        removed: Vec<String>,
    },
    /// Any other value (a time, a date, a choice, a flag).
    Value {
        /// Before (absent: unset).
        old: Option<String>,
        /// After (absent: unset).
        new: Option<String>,
    },
}

/// A mark that moved between events, was set or was taken off.
#[derive(Debug, Clone, Serialize)]
pub struct MarkChange {
    /// The mark: `detected`, …
    pub mark: &'static str,
    /// Events that had it and no longer do.
    pub from: Vec<String>,
    /// Events that have it now and did not.
    pub to: Vec<String>,
}

/// Findings before and after.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingsDelta {
    /// Errors, warnings and infos before: `[errors, warnings, infos]`.
    pub before: [usize; 3],
    /// The same after.
    pub after: [usize; 3],
    /// Findings that are new: `severity[rule] item: message`.
    pub new: Vec<String>,
    /// Findings that went away.
    pub resolved: Vec<String>,
}

/// Compares two versions (`None`: the file does not exist on that side).
pub fn diff(
    old: Option<&Postmortem>,
    new: Option<&Postmortem>,
    config: &LintConfig,
) -> Result<DocDiff, TreeError> {
    let empty = Postmortem::new(
        new.or(old).map(|d| d.kind).unwrap_or_default(),
        String::new(),
    );
    let (o, n) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    // The item lists on the model: a tree of each version would take ten
    // times the memory of the document.
    let mut items = diff_items("timeline", &o.timeline, &n.timeline, true)?;
    items.extend(diff_items("whys", &o.whys.nodes, &n.whys.nodes, false)?);
    items.extend(diff_items("factors", &o.factors, &n.factors, false)?);
    items.extend(diff_items("actions", &o.actions, &n.actions, false)?);
    let score = |d: Option<&Postmortem>| d.map(|d| lint::completeness_score(d).total);
    Ok(DocDiff {
        items,
        fields: diff_fields(o, n, &response_tree(o)?, &response_tree(n)?),
        marks: diff_marks(o, n),
        intervals: diff_intervals(o, n),
        score: (score(old), score(new)),
        findings: diff_findings(old, new, config),
        conflicts: (o.conflicts.len(), n.conflicts.len()),
    })
}

/// A value as text: strings as they are, the rest in TOML form.
pub fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Datetime(d) => d.to_string(),
        other => other.to_string(),
    }
}
