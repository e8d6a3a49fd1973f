//! What changed between two versions of a postmortem, in meaning: items
//! added, removed, moved and changed by id with each changed field, links
//! added and removed, marks that moved, the key intervals, completeness and
//! findings before and after. [`super::render`] prints it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use toml::Value;

use super::tree::{self, KEYED, Keyed, TreeError};
use super::words::{Segment, words};
use crate::lint::{self, Context, Counts, LintConfig};
use crate::model::edit::{DocField, Shape};
use crate::model::{Mark, Postmortem, format_duration};

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

/// The item lists by id (the response table is compared as fields).
const ITEM_LISTS: [(&str, &str); 4] = [
    ("timeline", "timeline"),
    ("whys.node", "whys"),
    ("factors", "factors"),
    ("actions", "actions"),
];

/// The order item fields are listed in (the model's field order).
const FIELD_ORDER: [&str; 29] = [
    "id",
    "at",
    "parent",
    "category",
    "question",
    "text",
    "title",
    "type",
    "priority",
    "owner",
    "due",
    "status",
    "ticket",
    "timeframe",
    "contribution",
    "source",
    "actor",
    "marks",
    "gap",
    "root",
    "events",
    "whys",
    "factors",
    "accepted_risk",
    "notes",
    "public",
    "private",
    "ignore",
    "provenance",
];

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
    let (ot, nt) = (tree::to_tree(o)?, tree::to_tree(n)?);
    let mut out = DocDiff::default();
    for (path, name) in ITEM_LISTS {
        if let Some(list) = tree::keyed(path) {
            out.items.extend(diff_list(list, name, &ot, &nt));
        }
    }
    out.fields = diff_fields(o, n, &ot, &nt);
    out.marks = diff_marks(o, n);
    out.intervals = diff_intervals(o, n);
    let score = |d: Option<&Postmortem>| d.map(|d| lint::completeness_score(d).total);
    out.score = (score(old), score(new));
    out.findings = diff_findings(old, new, config);
    out.conflicts = (o.conflicts.len(), n.conflicts.len());
    Ok(out)
}

/// A value as text: strings as they are, the rest in TOML form.
pub fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Datetime(d) => d.to_string(),
        other => other.to_string(),
    }
}

fn main_text(row: &Value) -> String {
    ["text", "title"]
        .iter()
        .find_map(|k| row.get(*k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

fn diff_list<'a>(
    list: Keyed,
    name: &'static str,
    old: &'a toml::Table,
    new: &'a toml::Table,
) -> Vec<ItemChange> {
    let (olds, news) = (tree::rows(old, list), tree::rows(new, list));
    let index = |rows: &'a [Value]| -> HashMap<&'a str, (usize, &'a Value)> {
        rows.iter()
            .enumerate()
            .filter_map(|(i, r)| tree::row_key(r, list).map(|k| (k, (i, r))))
            .collect()
    };
    let (oi, ni) = (index(olds), index(news));
    let moved = moved_keys(list, olds, &ni);
    let mut out = Vec::new();
    for row in olds {
        let Some(key) = tree::row_key(row, list) else {
            continue;
        };
        if !ni.contains_key(key) {
            out.push(ItemChange {
                list: name,
                id: key.to_string(),
                status: ItemStatus::Removed,
                text: main_text(row),
                moved: None,
                fields: Vec::new(),
            });
        }
    }
    for (i, row) in news.iter().enumerate() {
        let Some(key) = tree::row_key(row, list) else {
            continue;
        };
        let Some((before, old_row)) = oi.get(key) else {
            out.push(ItemChange {
                list: name,
                id: key.to_string(),
                status: ItemStatus::Added,
                text: main_text(row),
                moved: None,
                fields: Vec::new(),
            });
            continue;
        };
        let fields = diff_row(old_row, row, list.path == "timeline");
        let moved = moved.contains(key).then_some((before + 1, i + 1));
        if !fields.is_empty() || moved.is_some() {
            out.push(ItemChange {
                list: name,
                id: key.to_string(),
                status: ItemStatus::Changed,
                text: main_text(row),
                moved,
                fields,
            });
        }
    }
    out
}

/// Keys of rows in both versions that changed place relative to the
/// others: those outside a longest run kept in order.
fn moved_keys(list: Keyed, olds: &[Value], ni: &HashMap<&str, (usize, &Value)>) -> HashSet<String> {
    let common: Vec<(String, usize)> = olds
        .iter()
        .filter_map(|r| tree::row_key(r, list))
        .filter_map(|k| ni.get(k).map(|(i, _)| (k.to_string(), *i)))
        .collect();
    // Longest increasing subsequence of new positions, in old order.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; common.len()];
    for (j, (_, pos)) in common.iter().enumerate() {
        let at = tails.partition_point(|&t| common[t].1 < *pos);
        if at > 0 {
            prev[j] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(j);
        } else {
            tails[at] = j;
        }
    }
    let mut keep = HashSet::new();
    let mut cursor = tails.last().copied();
    while let Some(j) = cursor {
        keep.insert(j);
        cursor = prev[j];
    }
    common
        .iter()
        .enumerate()
        .filter(|(j, _)| !keep.contains(j))
        .map(|(_, (k, _))| k.clone())
        .collect()
}

fn field_rank(key: &str) -> usize {
    FIELD_ORDER
        .iter()
        .position(|k| *k == key)
        .unwrap_or(FIELD_ORDER.len())
}

fn diff_row(old: &Value, new: &Value, skip_marks: bool) -> Vec<FieldChange> {
    let empty = toml::Table::new();
    let o = old.as_table().unwrap_or(&empty);
    let n = new.as_table().unwrap_or(&empty);
    let mut keys: Vec<&String> = o.keys().chain(n.keys()).collect();
    keys.sort_by(|a, b| field_rank(a).cmp(&field_rank(b)).then(a.cmp(b)));
    keys.dedup();
    keys.into_iter()
        .filter(|k| !(skip_marks && k.as_str() == "marks"))
        .filter_map(|k| {
            let (ov, nv) = (o.get(k), n.get(k));
            (ov != nv).then(|| FieldChange {
                field: k.clone(),
                change: change_of(ov, nv, tree::LINK_FIELDS.contains(&k.as_str())),
            })
        })
        .collect()
}

fn change_of(old: Option<&Value>, new: Option<&Value>, links: bool) -> Change {
    match (old, new) {
        (Some(Value::Array(_)), _) | (_, Some(Value::Array(_))) => {
            let list = |v: Option<&Value>| -> Vec<String> {
                v.and_then(Value::as_array)
                    .map(|a| a.iter().map(show).collect())
                    .unwrap_or_default()
            };
            entries(list(old), list(new), links)
        }
        (Some(Value::String(o)), Some(Value::String(n))) => text(o, n),
        (None, Some(Value::String(n))) => text("", n),
        (Some(Value::String(o)), None) => text(o, ""),
        _ => Change::Value {
            old: old.map(show),
            new: new.map(show),
        },
    }
}

fn text(old: &str, new: &str) -> Change {
    Change::Text {
        old: old.to_string(),
        new: new.to_string(),
        words: words(old, new),
    }
}

fn entries(old: Vec<String>, new: Vec<String>, links: bool) -> Change {
    Change::Entries {
        links,
        added: new.iter().filter(|e| !old.contains(e)).cloned().collect(),
        removed: old.iter().filter(|e| !new.contains(e)).cloned().collect(),
    }
}

/// Document fields, by their text forms; the response table by phase.
fn diff_fields(
    old: &Postmortem,
    new: &Postmortem,
    ot: &toml::Table,
    nt: &toml::Table,
) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for field in DocField::FIXED {
        if *field == DocField::Conflicts {
            continue;
        }
        let (o, n) = (field.get(old), field.get(new));
        if o == n {
            continue;
        }
        let change = match field.shape() {
            Shape::List | Shape::Table(_) => entries(lines(&o), lines(&n), false),
            Shape::Line | Shape::Prose => text(&o, &n),
            Shape::Time | Shape::Date | Shape::Choice => Change::Value {
                old: (!o.is_empty()).then_some(o),
                new: (!n.is_empty()).then_some(n),
            },
        };
        out.push(FieldChange {
            field: field.label().to_string(),
            change,
        });
    }
    if let Some(list) = KEYED.iter().find(|k| k.path == "response") {
        let rows = |t: &toml::Table| -> BTreeMap<String, Value> {
            tree::rows(t, *list)
                .iter()
                .filter_map(|r| tree::row_key(r, *list).map(|k| (k.to_string(), r.clone())))
                .collect()
        };
        let (o, n) = (rows(ot), rows(nt));
        let phases: Vec<&String> = tree::rows(nt, *list)
            .iter()
            .chain(tree::rows(ot, *list))
            .filter_map(|r| r.get("phase").and_then(Value::as_str))
            .filter_map(|p| o.keys().chain(n.keys()).find(|k| k.as_str() == p))
            .collect();
        let mut seen = HashSet::new();
        for phase in phases {
            if !seen.insert(phase) {
                continue;
            }
            for (key, label) in [
                ("happened", "happened"),
                ("worked", "worked"),
                ("did_not_work", "didn't work"),
            ] {
                let get = |m: &BTreeMap<String, Value>| {
                    m.get(phase)
                        .and_then(|r| r.get(key))
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                let (before, after) = (get(&o), get(&n));
                if before != after {
                    out.push(FieldChange {
                        field: format!("Response · {phase} · {label}"),
                        change: text(&before, &after),
                    });
                }
            }
        }
    }
    out
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn diff_marks(old: &Postmortem, new: &Postmortem) -> Vec<MarkChange> {
    let holders = |doc: &Postmortem, mark: Mark| -> Vec<String> {
        doc.timeline
            .iter()
            .filter(|e| e.has(mark))
            .map(|e| e.id.clone())
            .collect()
    };
    Mark::ALL
        .into_iter()
        .filter_map(|mark| {
            let (o, n) = (holders(old, mark), holders(new, mark));
            let from: Vec<String> = o.iter().filter(|id| !n.contains(id)).cloned().collect();
            let to: Vec<String> = n.iter().filter(|id| !o.contains(id)).cloned().collect();
            (!from.is_empty() || !to.is_empty()).then_some(MarkChange {
                mark: mark.as_str(),
                from,
                to,
            })
        })
        .collect()
}

fn diff_intervals(
    old: &Postmortem,
    new: &Postmortem,
) -> Vec<(String, Option<String>, Option<String>)> {
    let of = |doc: &Postmortem| -> Vec<(&'static str, String)> {
        doc.intervals()
            .items
            .iter()
            .map(|i| (i.kind.label(), format_duration(i.duration())))
            .collect()
    };
    let (o, n) = (of(old), of(new));
    use crate::model::IntervalKind::*;
    [
        TimeToDetect,
        TimeToEscalate,
        TimeToMitigate,
        TimeToResolve,
        CommunicationDelay,
        Total,
    ]
    .into_iter()
    .map(|kind| kind.label())
    .filter_map(|label| {
        let find =
            |v: &[(&str, String)]| v.iter().find(|(l, _)| *l == label).map(|(_, d)| d.clone());
        let (before, after) = (find(&o), find(&n));
        (before != after).then(|| (label.to_string(), before, after))
    })
    .collect()
}

fn diff_findings(
    old: Option<&Postmortem>,
    new: Option<&Postmortem>,
    config: &LintConfig,
) -> FindingsDelta {
    let lint = |doc: Option<&Postmortem>| -> (Vec<String>, [usize; 3]) {
        let Some(doc) = doc else {
            return (Vec::new(), [0; 3]);
        };
        let ctx = Context::new(doc, config);
        let findings = lint::lint_document(doc, &ctx);
        let counts = Counts::of(&findings);
        let lines = findings
            .iter()
            .map(|f| {
                let item = if f.location.item.is_empty() {
                    f.location.section.to_string()
                } else {
                    f.location.item.clone()
                };
                format!("{}[{}] {item}: {}", f.severity, f.rule, f.message)
            })
            .collect();
        (lines, [counts.errors, counts.warnings, counts.infos])
    };
    let (before, bc) = lint(old);
    let (after, ac) = lint(new);
    // Sets: a search of the other list per finding is quadratic.
    let (was, is): (HashSet<&String>, HashSet<&String>) =
        (before.iter().collect(), after.iter().collect());
    FindingsDelta {
        before: bc,
        after: ac,
        new: after.iter().filter(|f| !was.contains(f)).cloned().collect(),
        resolved: before.iter().filter(|f| !is.contains(f)).cloned().collect(),
    }
}
