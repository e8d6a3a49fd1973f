//! The item lists by id (timeline, whys, factors, actions): items added,
//! removed, moved and changed, with each changed field. Items are compared
//! as model values; only those that differ become TOML values to compare
//! field by field.

use std::collections::{HashMap, HashSet};

use toml::Value;

use super::{Change, FieldChange, ItemChange, ItemStatus, show};
use crate::vcs::rows::{Row, to_value};
use crate::vcs::tree::{LINK_FIELDS, TreeError};
use crate::vcs::words::words;

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

/// What changed in one item list, in the order of the old list's removed
/// items, then the new list's added and changed ones.
pub(super) fn diff_items<T: Row>(
    name: &'static str,
    olds: &[T],
    news: &[T],
    skip_marks: bool,
) -> Result<Vec<ItemChange>, TreeError> {
    fn index<T: Row>(rows: &[T]) -> HashMap<&str, (usize, &T)> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| (r.id(), (i, r)))
            .collect()
    }
    let (oi, ni) = (index(olds), index(news));
    let moved = moved_keys(olds, &ni);
    let mut out = Vec::new();
    let change = |row: &T, status: ItemStatus| -> Result<ItemChange, TreeError> {
        Ok(ItemChange {
            list: name,
            id: row.id().to_string(),
            status,
            text: main_text(&to_value(row)?),
            moved: None,
            fields: Vec::new(),
        })
    };
    for row in olds {
        if !ni.contains_key(row.id()) {
            out.push(change(row, ItemStatus::Removed)?);
        }
    }
    for (i, row) in news.iter().enumerate() {
        let key = row.id();
        let Some((before, old_row)) = oi.get(key) else {
            out.push(change(row, ItemStatus::Added)?);
            continue;
        };
        let moved = moved.contains(key).then_some((before + 1, i + 1));
        // Equal items have equal trees: only different ones are compared
        // field by field.
        let (fields, new_value) = if *old_row == row {
            (Vec::new(), None)
        } else {
            let new_value = to_value(row)?;
            (
                diff_row(&to_value(*old_row)?, &new_value, skip_marks),
                Some(new_value),
            )
        };
        if !fields.is_empty() || moved.is_some() {
            let text = match new_value {
                Some(value) => main_text(&value),
                None => main_text(&to_value(row)?),
            };
            out.push(ItemChange {
                list: name,
                id: key.to_string(),
                status: ItemStatus::Changed,
                text,
                moved,
                fields,
            });
        }
    }
    Ok(out)
}

fn main_text(row: &Value) -> String {
    ["text", "title"]
        .iter()
        .find_map(|k| row.get(*k).and_then(Value::as_str))
        .unwrap_or_default()
        .to_string()
}

/// Keys of rows in both versions that changed place relative to the
/// others: those outside a longest run kept in order.
fn moved_keys<'a, T: Row>(olds: &'a [T], ni: &HashMap<&str, (usize, &T)>) -> HashSet<&'a str> {
    let common: Vec<(&str, usize)> = olds
        .iter()
        .map(Row::id)
        .filter_map(|k| ni.get(k).map(|(i, _)| (k, *i)))
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
        .map(|(_, (k, _))| *k)
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
                change: change_of(ov, nv, LINK_FIELDS.contains(&k.as_str())),
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

pub(super) fn text(old: &str, new: &str) -> Change {
    Change::Text {
        old: old.to_string(),
        new: new.to_string(),
        words: words(old, new),
    }
}

pub(super) fn entries(old: Vec<String>, new: Vec<String>, links: bool) -> Change {
    Change::Entries {
        links,
        added: new.iter().filter(|e| !old.contains(e)).cloned().collect(),
        removed: old.iter().filter(|e| !new.contains(e)).cloned().collect(),
    }
}
