//! Edits made against an older state of the document, carried onto the
//! document as it is now. Positions are found again by item id, so an
//! insert or removal elsewhere never breaks an edit; a changed item is
//! merged field by field (its top-level keys), so two people changing
//! different fields of one item both keep their change.

use serde_json::{Map, Value};

use crate::model::edit::{Edit, Item, List, index_of, item_at, list_len};
use crate::model::{IdKind, Postmortem};

/// What to do when the part an edit changes was changed by someone else
/// since the edit was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The edit wins (the owner orders it later).
    LaterWins,
    /// The edit is refused (an undo: yours only while nobody changed it).
    Strict,
}

/// `edit`, made on some earlier state, as it applies to `doc` now. The
/// document is unchanged on return (a batch is tried step by step on it
/// and taken back), so the caller applies the result through its own
/// path.
pub fn rebase(doc: &mut Postmortem, edit: &Edit, mode: Mode) -> Result<Edit, String> {
    let Edit::Batch(edits) = edit else {
        return rebase_one(doc, edit, mode);
    };
    let mut done: Vec<Edit> = Vec::with_capacity(edits.len());
    let mut outcome = Ok(());
    for sub in edits {
        match rebase(doc, sub, mode)
            .and_then(|r| r.apply(doc).map(|()| r).map_err(|e| e.to_string()))
        {
            Ok(r) => done.push(r),
            Err(e) => {
                outcome = Err(e);
                break;
            }
        }
    }
    for applied in done.iter().rev() {
        // Each was just applied: its inverse fits.
        let _ = applied.inverse().apply(doc);
    }
    outcome.map(|()| Edit::Batch(done))
}

fn rebase_one(doc: &mut Postmortem, edit: &Edit, mode: Mode) -> Result<Edit, String> {
    let find = |item: &Item| {
        index_of(doc, item.list(), item.id())
            .ok_or_else(|| format!("{} is no longer there", item.id()))
    };
    Ok(match edit {
        Edit::Insert { index, item } => {
            if index_of(doc, item.list(), item.id()).is_some() {
                return Err(format!("{} exists already", item.id()));
            }
            Edit::Insert {
                index: (*index).min(list_len(doc, item.list())),
                item: item.clone(),
            }
        }
        Edit::Remove { item, .. } => {
            let index = find(item)?;
            let current = item_at(doc, item.list(), index).ok_or("vanished")?;
            if mode == Mode::Strict && current != *item {
                return Err(format!("{} was changed by someone else since", item.id()));
            }
            Edit::Remove {
                index,
                item: current,
            }
        }
        Edit::Replace { before, after, .. } => {
            let index = find(before)?;
            let current = item_at(doc, before.list(), index).ok_or("vanished")?;
            let changed = changed_keys(before, after);
            if mode == Mode::Strict && !changed_keys(before, &current).is_disjoint(&changed) {
                return Err(format!("{} was changed by someone else since", before.id()));
            }
            Edit::Replace {
                index,
                after: merge(before, after, &current)?,
                before: current,
            }
        }
        Edit::Move { list, from, to } => {
            let n = list_len(doc, *list);
            if *from >= n || *to >= n {
                return Err(format!(
                    "the {list:?} list changed: move {from}→{to} no longer fits"
                ));
            }
            edit.clone()
        }
        Edit::SetText {
            field,
            before,
            after,
        } => {
            let current = field.get(doc);
            if mode == Mode::Strict && current != *before {
                return Err(format!("{field:?} was changed by someone else since"));
            }
            Edit::SetText {
                field: *field,
                before: current,
                after: after.clone(),
            }
        }
        Edit::Batch(_) => rebase(doc, edit, mode)?,
    })
}

/// An item's fields as a JSON object (the item's own table).
fn fields(item: &Item) -> Map<String, Value> {
    match serde_json::to_value(item) {
        Ok(Value::Object(outer)) => match outer.into_iter().next() {
            Some((_, Value::Object(inner))) => inner,
            _ => Map::new(),
        },
        _ => Map::new(),
    }
}

fn item_from(like: &Item, fields: Map<String, Value>) -> Result<Item, String> {
    let tag = match like.list() {
        List::Timeline => "event",
        List::Whys => "why",
        List::Factors => "factor",
        List::Actions => "action",
    };
    let mut outer = Map::new();
    outer.insert(tag.to_string(), Value::Object(fields));
    serde_json::from_value(Value::Object(outer)).map_err(|e| e.to_string())
}

/// The top-level keys whose values differ between `a` and `b`.
pub fn changed_keys(a: &Item, b: &Item) -> std::collections::BTreeSet<String> {
    let (a, b) = (fields(a), fields(b));
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// `current` with every field `before` → `after` changed set as in `after`.
fn merge(before: &Item, after: &Item, current: &Item) -> Result<Item, String> {
    if before == current {
        return Ok(after.clone());
    }
    let mut merged = fields(current);
    let after_fields = fields(after);
    for key in changed_keys(before, after) {
        match after_fields.get(&key) {
            Some(value) => merged.insert(key, value.clone()),
            None => merged.remove(&key),
        };
    }
    item_from(current, merged)
}

/// `item` with the fields `keys` as they are in `from`.
pub fn with_fields(item: &Item, from: &Item, keys: &[String]) -> Result<Item, String> {
    let mut merged = fields(item);
    let source = fields(from);
    for key in keys {
        match source.get(key) {
            Some(value) => merged.insert(key.clone(), value.clone()),
            None => merged.remove(key),
        };
    }
    item_from(item, merged)
}

/// `edit` with every `Move` written as the removal and insertion of the
/// item it moves, which [`rebase`] can place by id. `doc` is the document
/// *before* `edit` (a batch with moves is tried on it and taken back).
pub fn portable(doc: &mut Postmortem, edit: &Edit) -> Edit {
    match edit {
        Edit::Move { list, from, to } => match item_at(doc, *list, *from) {
            Some(item) => Edit::Batch(vec![
                Edit::Remove {
                    index: *from,
                    item: item.clone(),
                },
                Edit::Insert { index: *to, item },
            ]),
            None => edit.clone(),
        },
        Edit::Batch(edits) if has_move(edit) => {
            let mut out = Vec::with_capacity(edits.len());
            for sub in edits {
                let p = portable(doc, sub);
                if p.apply(doc).is_err() {
                    break;
                }
                out.push(p);
            }
            for applied in out.iter().rev() {
                let _ = applied.inverse().apply(doc);
            }
            if out.len() == edits.len() {
                Edit::Batch(out)
            } else {
                edit.clone()
            }
        }
        _ => edit.clone(),
    }
}

fn has_move(edit: &Edit) -> bool {
    match edit {
        Edit::Move { .. } => true,
        Edit::Batch(edits) => edits.iter().any(has_move),
        _ => false,
    }
}

/// Every item id `renames` names, renamed, in the items `edit` carries.
pub fn rename_ids(edit: &Edit, renames: &[(String, String)]) -> Edit {
    if renames.is_empty() {
        return edit.clone();
    }
    let item = |item: &Item| {
        let mut item = item.clone();
        if let Some((_, new)) = renames.iter().find(|(old, _)| old == item.id()) {
            set_id(&mut item, new.clone());
        }
        item
    };
    match edit {
        Edit::Insert { index, item: i } => Edit::Insert {
            index: *index,
            item: item(i),
        },
        Edit::Remove { index, item: i } => Edit::Remove {
            index: *index,
            item: item(i),
        },
        Edit::Replace {
            index,
            before,
            after,
        } => Edit::Replace {
            index: *index,
            before: item(before),
            after: item(after),
        },
        Edit::Batch(edits) => Edit::Batch(edits.iter().map(|e| rename_ids(e, renames)).collect()),
        other => other.clone(),
    }
}

fn set_id(item: &mut Item, id: String) {
    match item {
        Item::Event(e) => e.id = id,
        Item::Why(w) => w.id = id,
        Item::Factor(f) => f.id = id,
        Item::Action(a) => a.id = id,
    }
}

/// The id kind of a list.
pub fn id_kind(list: List) -> IdKind {
    match list {
        List::Timeline => IdKind::Event,
        List::Whys => IdKind::Why,
        List::Factors => IdKind::Factor,
        List::Actions => IdKind::Action,
    }
}

/// Inserts in `edit` whose id the document already has (someone else
/// added an item with that id at the same time) get the next free id;
/// the renames are returned so later parts of the same author's edits
/// follow.
pub fn fresh_ids(doc: &Postmortem, edit: &Edit) -> (Edit, Vec<(String, String)>) {
    let mut renames: Vec<(String, String)> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    // Ids the edit itself removes first (a move is a removal and an
    // insertion of one item) are not taken by someone else.
    let mut freed: Vec<String> = Vec::new();
    walk(edit, &mut |sub: &Edit| {
        let item = match sub {
            Edit::Remove { item, .. } => {
                freed.push(item.id().to_string());
                return;
            }
            Edit::Insert { item, .. } => item,
            _ => return,
        };
        if let Some(at) = freed.iter().position(|id| id == item.id()) {
            freed.swap_remove(at);
            return;
        }
        if index_of(doc, item.list(), item.id()).is_some() {
            let in_use = ids_of(doc, item.list());
            let new = crate::model::next_id(
                id_kind(item.list()),
                in_use
                    .iter()
                    .map(String::as_str)
                    .chain(taken.iter().map(String::as_str)),
            );
            taken.push(new.clone());
            renames.push((item.id().to_string(), new));
        }
    });
    (rename_ids(edit, &renames), renames)
}

/// Every edit in `edit` that is not a batch, in order.
fn walk(edit: &Edit, f: &mut dyn FnMut(&Edit)) {
    match edit {
        Edit::Batch(edits) => edits.iter().for_each(|e| walk(e, f)),
        other => f(other),
    }
}

fn ids_of(doc: &Postmortem, list: List) -> Vec<String> {
    match list {
        List::Timeline => doc.timeline.iter().map(|e| e.id.clone()).collect(),
        List::Whys => doc.whys.nodes.iter().map(|w| w.id.clone()).collect(),
        List::Factors => doc.factors.iter().map(|f| f.id.clone()).collect(),
        List::Actions => doc.actions.iter().map(|a| a.id.clone()).collect(),
    }
}
