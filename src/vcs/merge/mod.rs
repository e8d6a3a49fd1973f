//! Three-way merge of postmortems by id: what `debrief merge` (git's merge
//! driver) does.
//!
//! Each side is compared with the base, item by id and field by field:
//! a change on one side wins over no change on the other; lists of values
//! (links, marks, sign-off rows, went-well lines) merge as sets, so two
//! reviewers adding rows keep both. Items both sides added under the same
//! id keep their content: their side's colliding new ids are renumbered
//! past every id in use, and their links follow. The same field changed
//! differently, or an item deleted on one side and edited on the other, is
//! a [`Conflict`] record in the result: the document keeps one side's value
//! (ours, or the edited item) and still loads.

mod base;
mod lists;
mod order;

use std::collections::{HashMap, HashSet};

use toml::{Table, Value};

use self::base::BaseRows;
use self::order::row_order;
use super::rows::Row;
use super::tree::{self, Keyed, Place, TreeError};
use crate::model::{ActionItem, Conflict, Event, Factor, IdKind, Postmortem, Side};

/// The document's top-level keys in file order.
const TOP_ORDER: [&str; 18] = [
    "schema",
    "kind",
    "summary",
    "distribution",
    "meta",
    "impact",
    "timeline",
    "whys",
    "factors",
    "response",
    "review",
    "actions",
    "project",
    "appendix",
    "follow_up",
    "sign_off",
    "unmapped",
    "conflict",
];

/// What a merge made.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged document (with its conflict records).
    pub doc: Postmortem,
    /// The conflicts this merge added.
    pub conflicts: Vec<Conflict>,
    /// Their new items renumbered because ours took the id: `(old, new)`.
    pub renumbered: Vec<(String, String)>,
    /// Links dropped because the item they named was deleted: `F2 → T9`.
    pub dropped_links: Vec<String>,
}

/// Merges `ours` and `theirs`, both descended from `base` (`None` when the
/// two sides created the document independently): [`start`], then
/// [`Started::merge`].
pub fn merge(
    base: Option<Postmortem>,
    ours: Postmortem,
    theirs: Postmortem,
) -> Result<Merged, TreeError> {
    start(base, ours).merge(theirs)
}

/// A merge with the base and ours in hand, waiting for theirs. The base's
/// item rows equal to ours are dropped (read back from ours where the merge
/// compares them), so a merge of 100,000 events holds two documents, not
/// three, while theirs is read.
#[derive(Debug)]
pub struct Started {
    base: Option<Postmortem>,
    ours: Postmortem,
    base_timeline: BaseRows<Box<Event>>,
    base_factors: BaseRows<Factor>,
    base_actions: BaseRows<ActionItem>,
    // The model's own timeline, moved as it is.
    #[allow(clippy::vec_box)]
    our_timeline: Vec<Box<Event>>,
    our_factors: Vec<Factor>,
    our_actions: Vec<ActionItem>,
}

/// Starts a merge of `ours` with a side descended from `base`.
pub fn start(mut base: Option<Postmortem>, mut ours: Postmortem) -> Started {
    let our_timeline = std::mem::take(&mut ours.timeline);
    let our_factors = std::mem::take(&mut ours.factors);
    let our_actions = std::mem::take(&mut ours.actions);
    let (base_timeline, base_factors, base_actions) = match base.as_mut() {
        Some(doc) => (
            BaseRows::new(std::mem::take(&mut doc.timeline), &our_timeline),
            BaseRows::new(std::mem::take(&mut doc.factors), &our_factors),
            BaseRows::new(std::mem::take(&mut doc.actions), &our_actions),
        ),
        None => Default::default(),
    };
    Started {
        base,
        ours,
        base_timeline,
        base_factors,
        base_actions,
        our_timeline,
        our_factors,
        our_actions,
    }
}

impl Started {
    /// Merges `theirs` in.
    ///
    /// The item lists (timeline, factors, actions) merge on the model, row
    /// by id ([`lists`]); the rest of the document merges as TOML trees.
    /// Only rows that differ on all three sides become trees.
    pub fn merge(self, mut theirs: Postmortem) -> Result<Merged, TreeError> {
        let Started {
            base,
            ours,
            base_timeline,
            base_factors,
            base_actions,
            our_timeline,
            our_factors,
            our_actions,
        } = self;
        let (mut their_timeline, mut their_factors, mut their_actions) = (
            std::mem::take(&mut theirs.timeline),
            std::mem::take(&mut theirs.factors),
            std::mem::take(&mut theirs.actions),
        );
        let base = match base {
            Some(doc) => tree::to_tree(&doc)?,
            None => Table::new(),
        };
        let ours = tree::to_tree(&ours)?;
        let mut theirs = tree::to_tree(&theirs)?;
        let whys = tree::keyed("whys.node").ok_or_else(|| TreeError::Path("whys.node".into()))?;
        // Their new ids that ours took too, list by list in the file's order.
        let mut renames = lists::Renames::default();
        renames.plan_rows(
            IdKind::Event,
            &base_timeline,
            &our_timeline,
            &their_timeline,
        );
        renames.plan(
            IdKind::Why,
            tree_rows(&base, whys)
                .into_iter()
                .map(|(id, _)| id)
                .collect(),
            tree_rows(&ours, whys),
            tree_rows(&theirs, whys),
        );
        renames.plan_rows(IdKind::Factor, &base_factors, &our_factors, &their_factors);
        renames.plan_rows(IdKind::Action, &base_actions, &our_actions, &their_actions);
        if !renames.is_empty() {
            renames.apply(&mut their_timeline);
            rename_tree(&mut theirs, &renames);
            renames.apply(&mut their_factors);
            renames.apply(&mut their_actions);
        }
        let mut conflicts = Vec::new();
        let mut m = Merger {
            conflicts: &mut conflicts,
        };
        let mut merged = merge_table("", Some(&base), &ours, &theirs, &mut m);
        drop((ours, theirs));
        let list = |path: &str| tree::keyed(path).ok_or_else(|| TreeError::Path(path.into()));
        let timeline = lists::merge_list(
            list("timeline")?,
            base_timeline,
            our_timeline,
            their_timeline,
            &mut m,
        )?;
        let mut factors = lists::merge_list(
            list("factors")?,
            base_factors,
            our_factors,
            their_factors,
            &mut m,
        )?;
        let mut actions = lists::merge_list(
            list("actions")?,
            base_actions,
            our_actions,
            their_actions,
            &mut m,
        )?;
        // Links to items no side kept, in the file's order of lists (events
        // have no links).
        let why_ids: HashSet<String> = tree::ids(&merged, whys).into_iter().collect();
        let tracked: HashSet<String> = factors
            .iter()
            .map(|f| f.id().to_string())
            .chain(actions.iter().map(|a| a.id().to_string()))
            .collect();
        let events: HashSet<&str> = timeline.iter().map(|e| e.id()).collect();
        let exists = |id: &str| events.contains(id) || why_ids.contains(id) || tracked.contains(id);
        let mut dropped_links = tree::drop_dangling_in(&mut merged, &base, &[whys], &exists);
        lists::drop_dangling(&mut factors, &exists, &mut dropped_links);
        lists::drop_dangling(&mut actions, &exists, &mut dropped_links);
        drop(events);
        // In the order of the document (the tree's keys are sorted by name).
        conflicts.sort_by_key(|c| {
            let top = c.at.split('.').next().unwrap_or_default();
            TOP_ORDER
                .iter()
                .position(|k| *k == top)
                .unwrap_or(TOP_ORDER.len())
        });
        if !conflicts.is_empty() {
            let records = merged
                .entry("conflict")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(records) = records {
                for conflict in &conflicts {
                    let record =
                        Value::try_from(conflict).map_err(|e| TreeError::Encode(e.to_string()))?;
                    records.push(record);
                }
            }
        }
        let mut doc = tree::from_tree(merged)?;
        doc.timeline = timeline;
        doc.factors = factors;
        doc.actions = actions;
        Ok(Merged {
            doc,
            conflicts,
            renumbered: renames.done(),
            dropped_links,
        })
    }
}

/// The rows of a keyed list of a tree with their keys.
fn tree_rows(table: &Table, list: Keyed) -> Vec<(&str, &Value)> {
    tree::rows(table, list)
        .iter()
        .filter_map(|r| tree::row_key(r, list).map(|k| (k, r)))
        .collect()
}

struct Merger<'a> {
    conflicts: &'a mut Vec<Conflict>,
}

impl Merger<'_> {
    /// Records a conflict at `path`; the result keeps ours.
    fn conflict(
        &mut self,
        path: &str,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        self.conflicts.push(Conflict {
            at: path.to_string(),
            kept: Side::Ours,
            base: base.cloned(),
            ours: ours.cloned(),
            theirs: theirs.cloned(),
        });
        ours.cloned()
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Keys of `ours`, then those only `theirs` has.
fn keys<'a>(ours: &'a Table, theirs: &'a Table) -> Vec<&'a String> {
    let mut keys: Vec<&String> = ours.keys().collect();
    keys.extend(theirs.keys().filter(|k| !ours.contains_key(*k)));
    keys
}

fn merge_table(
    path: &str,
    base: Option<&Table>,
    ours: &Table,
    theirs: &Table,
    m: &mut Merger,
) -> Table {
    let mut out = Table::new();
    for key in keys(ours, theirs) {
        let here = join(path, key);
        let b = base.and_then(|t| t.get(key));
        if let Some(v) = merge_value(&here, b, ours.get(key), theirs.get(key), m) {
            out.insert(key.clone(), v);
        }
    }
    out
}

fn merge_value(
    path: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    m: &mut Merger,
) -> Option<Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    let empty = Vec::new();
    fn array(v: Option<&Value>) -> Option<&Vec<Value>> {
        v.and_then(Value::as_array)
    }
    if let Some(list) = tree::keyed(path) {
        return Some(Value::Array(merge_keyed(
            list,
            array(base).unwrap_or(&empty),
            array(ours).unwrap_or(&empty),
            array(theirs).unwrap_or(&empty),
            m,
        )));
    }
    match (ours, theirs) {
        (Some(Value::Table(o)), Some(Value::Table(t))) => Some(Value::Table(merge_table(
            path,
            base.and_then(Value::as_table),
            o,
            t,
            m,
        ))),
        (Some(Value::Array(o)), Some(Value::Array(t))) => {
            Some(Value::Array(merge_set(array(base).unwrap_or(&empty), o, t)))
        }
        _ => m.conflict(path, base, ours, theirs),
    }
}

/// Lists of values as sets: ours, less what they removed, plus what they
/// added.
fn merge_set(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = ours
        .iter()
        .filter(|v| !base.contains(v) || theirs.contains(v))
        .cloned()
        .collect();
    for v in theirs {
        if !base.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// A keyed list, row by key. The order is ours; their new rows follow the
/// row they follow on their side.
fn merge_keyed<'a>(
    list: Keyed,
    base: &'a [Value],
    ours: &'a [Value],
    theirs: &'a [Value],
    m: &mut Merger,
) -> Vec<Value> {
    let by_key = |rows: &'a [Value]| -> HashMap<&'a str, &'a Value> {
        rows.iter()
            .filter_map(|r| tree::row_key(r, list).map(|k| (k, r)))
            .collect()
    };
    let (b, o, t) = (by_key(base), by_key(ours), by_key(theirs));
    let key = |r: &'a Value| tree::row_key(r, list);
    let order = row_order(ours.iter().filter_map(key), theirs.iter().filter_map(key));
    // Rows without a key (not valid, but never dropped).
    let keyless = |rows: &[Value]| -> Vec<Value> {
        rows.iter()
            .filter(|r| tree::row_key(r, list).is_none())
            .cloned()
            .collect()
    };
    let mut out = Vec::with_capacity(order.len());
    for key in order {
        let here = Place::Row(list, key.to_string()).path();
        let (bv, ov, tv) = (
            b.get(key).copied(),
            o.get(key).copied(),
            t.get(key).copied(),
        );
        let row = match (bv, ov, tv) {
            (_, Some(ov), Some(tv)) => Some(merge_row(&here, bv, ov, tv, m)),
            (Some(bv), Some(ov), None) if ov == bv => None,
            (Some(bv), None, Some(tv)) if tv == bv => None,
            // Deleted on one side, edited on the other: keep the edit.
            (Some(_), Some(_), None) => m.conflict(&here, bv, ov, None),
            (Some(_), None, Some(tv)) => {
                m.conflicts.push(Conflict {
                    at: here.clone(),
                    kept: Side::Theirs,
                    base: bv.cloned(),
                    ours: None,
                    theirs: Some(tv.clone()),
                });
                Some(tv.clone())
            }
            (None, Some(v), None) | (None, None, Some(v)) => Some(v.clone()),
            _ => None,
        };
        out.extend(row);
    }
    out.extend(merge_set(&keyless(base), &keyless(ours), &keyless(theirs)));
    out
}

/// One row present on both sides: field by field.
fn merge_row(
    path: &str,
    base: Option<&Value>,
    ours: &Value,
    theirs: &Value,
    m: &mut Merger,
) -> Value {
    if ours == theirs || Some(theirs) == base {
        return ours.clone();
    }
    if Some(ours) == base {
        return theirs.clone();
    }
    let (Some(o), Some(t)) = (ours.as_table(), theirs.as_table()) else {
        return m
            .conflict(path, base, Some(ours), Some(theirs))
            .unwrap_or_else(|| ours.clone());
    };
    let b = base.and_then(Value::as_table);
    let mut out = Table::new();
    for key in keys(o, t) {
        let (bv, ov, tv) = (b.and_then(|b| b.get(key)), o.get(key), t.get(key));
        let here = join(path, key);
        let value = if ov == tv || tv == bv {
            ov.cloned()
        } else if ov == bv {
            tv.cloned()
        } else {
            match (ov, tv) {
                (Some(Value::Array(oa)), Some(Value::Array(ta))) => Some(Value::Array(merge_set(
                    bv.and_then(Value::as_array).map_or(&[], Vec::as_slice),
                    oa,
                    ta,
                ))),
                _ => m.conflict(&here, bv, ov, tv),
            }
        };
        if let Some(value) = value {
            out.insert(key.clone(), value);
        }
    }
    Value::Table(out)
}

/// Points the whys of `theirs` at their renamed ids (ids, parents, links).
fn rename_tree(theirs: &mut Table, renames: &lists::Renames) {
    let Some(list) = tree::keyed("whys.node") else {
        return;
    };
    for row in tree::rows_mut(theirs, list).iter_mut() {
        let Some(row) = row.as_table_mut() else {
            continue;
        };
        for field in ["id", "parent"] {
            if let Some(Value::String(id)) = row.get_mut(field) {
                renames.rename(id);
            }
        }
        for field in ["events", "whys", "factors"] {
            if let Some(Value::Array(links)) = row.get_mut(field) {
                for link in links.iter_mut() {
                    if let Value::String(id) = link {
                        renames.rename(id);
                    }
                }
            }
        }
    }
}
