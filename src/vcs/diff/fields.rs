//! Everything but the item lists: document fields by their text forms, the
//! response table by phase, marks, key intervals and findings.

use std::collections::{BTreeMap, HashSet};

use toml::Value;

use super::items::{entries, text};
use super::{Change, FieldChange, FindingsDelta, MarkChange};
use crate::lint::{self, Context, Counts, LintConfig};
use crate::model::edit::{DocField, Shape};
use crate::model::{Mark, Postmortem, format_duration};
use crate::vcs::tree::{self, KEYED, TreeError};

/// The document's response table as a tree (`response = [...]`), the
/// only part of a document outside the item lists compared as a tree.
pub(super) fn response_tree(doc: &Postmortem) -> Result<toml::Table, TreeError> {
    let mut table = toml::Table::new();
    if !doc.response.is_empty() {
        let rows = Value::try_from(&doc.response).map_err(|e| TreeError::Encode(e.to_string()))?;
        table.insert("response".to_string(), rows);
    }
    Ok(table)
}

/// Document fields, by their text forms; the response table by phase.
pub(super) fn diff_fields(
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

pub(super) fn diff_marks(old: &Postmortem, new: &Postmortem) -> Vec<MarkChange> {
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

pub(super) fn diff_intervals(
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

pub(super) fn diff_findings(
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
