//! Resolving a merge conflict: the document with one side's value in
//! place and the record gone, and the [`Edit`] that makes that change (so
//! the editor can apply it as one undo step, journaled like any other).

use super::tree::{self, Place, TreeError};
use crate::model::edit::{DocField, Edit, Item, List};
use crate::model::{Event, Postmortem, Side, Why};

/// `doc` with conflict `index` resolved for `side`: its value put in place
/// (an item deleted on that side is removed, with the links to it), the
/// record removed.
pub fn resolve(doc: &Postmortem, index: usize, side: Side) -> Result<Postmortem, TreeError> {
    let conflict = doc
        .conflicts
        .get(index)
        .ok_or_else(|| TreeError::Path(format!("conflict {}", index + 1)))?;
    let mut rest = doc.clone();
    rest.conflicts.remove(index);
    if side == conflict.kept {
        return Ok(rest);
    }
    let before = tree::to_tree(&rest)?;
    let mut table = before.clone();
    let place = Place::parse(&conflict.at);
    tree::put(&mut table, &place, conflict.value(side).cloned())?;
    if matches!(place, Place::Row(..)) {
        tree::drop_dangling_links(&mut table, &before);
    }
    tree::from_tree(table)
}

/// The edit that turns `old` into `new`: removed, replaced and inserted
/// items by id, then every document field whose text differs. Checked: it
/// is returned only when applying it to `old` gives exactly `new`.
pub fn edit_between(old: &Postmortem, new: &Postmortem) -> Option<Edit> {
    let mut edits = Vec::new();
    for list in [List::Timeline, List::Whys, List::Factors, List::Actions] {
        list_edits(old, new, list, &mut edits);
    }
    let mut fields = DocField::all_for(old);
    for field in DocField::all_for(new) {
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    let mut current = old.clone();
    if Edit::Batch(edits.clone()).apply(&mut current).is_err() {
        return None;
    }
    for field in fields {
        let (before, after) = (field.get(&current), field.get(new));
        if before != after {
            let edit = Edit::SetText {
                field,
                before,
                after,
            };
            edit.apply(&mut current).ok()?;
            edits.push(edit);
        }
    }
    let edit = Edit::Batch(edits);
    let mut check = old.clone();
    edit.apply(&mut check).ok()?;
    (check == *new).then_some(edit)
}

fn items(doc: &Postmortem, list: List) -> Vec<Item> {
    match list {
        List::Timeline => doc
            .timeline
            .iter()
            .map(|e| Item::Event(Event::clone(e)))
            .collect(),
        List::Whys => doc
            .whys
            .nodes
            .iter()
            .map(|w| Item::Why(Why::clone(w)))
            .collect(),
        List::Factors => doc.factors.iter().cloned().map(Item::Factor).collect(),
        List::Actions => doc.actions.iter().cloned().map(Item::Action).collect(),
    }
}

/// Removals (from the end), replacements, then insertions (in order).
fn list_edits(old: &Postmortem, new: &Postmortem, list: List, out: &mut Vec<Edit>) {
    let (olds, news) = (items(old, list), items(new, list));
    let mut kept: Vec<Item> = Vec::new();
    let mut removals = Vec::new();
    for (i, item) in olds.iter().enumerate() {
        if news.iter().any(|n| n.id() == item.id()) {
            kept.push(item.clone());
        } else {
            removals.push(Edit::Remove {
                index: i,
                item: item.clone(),
            });
        }
    }
    out.extend(removals.into_iter().rev());
    for (i, item) in kept.iter().enumerate() {
        if let Some(after) = news.iter().find(|n| n.id() == item.id())
            && after != item
        {
            out.push(Edit::Replace {
                index: i,
                before: item.clone(),
                after: after.clone(),
            });
        }
    }
    for (i, item) in news.iter().enumerate() {
        if !olds.iter().any(|o| o.id() == item.id()) {
            out.push(Edit::Insert {
                index: i,
                item: item.clone(),
            });
        }
    }
}
