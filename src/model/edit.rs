//! Edits as values. Every change to the document is an [`Edit`] that can be
//! applied and inverted: undo/redo replays inverses, and the same values can
//! be appended to a recovery journal or tell an incremental linter which
//! items changed ([`Edit::touched`]). Nothing here knows about the terminal.

use serde::{Deserialize, Serialize};

pub use super::field::{
    DocField, ResponseColumn, Shape, response_phase, response_slot_of, response_slots, text_at_mut,
};
use super::{ActionItem, Event, Factor, Postmortem, Why};

mod item_field;
mod splice;

pub use item_field::ItemField;

/// One list item of the document, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// A timeline event.
    Event(Event),
    /// A 5 Whys node.
    Why(Why),
    /// A contributing factor.
    Factor(Factor),
    /// An action item.
    Action(ActionItem),
}

/// Which list an item lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum List {
    /// `timeline`.
    Timeline,
    /// `whys.node`.
    Whys,
    /// `factors`.
    Factors,
    /// `actions`.
    Actions,
}

impl Item {
    /// The list this item belongs in.
    pub fn list(&self) -> List {
        match self {
            Item::Event(_) => List::Timeline,
            Item::Why(_) => List::Whys,
            Item::Factor(_) => List::Factors,
            Item::Action(_) => List::Actions,
        }
    }

    /// The item's id.
    pub fn id(&self) -> &str {
        match self {
            Item::Event(e) => &e.id,
            Item::Why(w) => &w.id,
            Item::Factor(f) => &f.id,
            Item::Action(a) => &a.id,
        }
    }
}

/// One invertible change to the document.
// Replace carries two whole items; edits are few (one per user step), so
// boxing them would buy nothing but indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Put `item` at `index` of its list.
    Insert {
        /// Position after insertion.
        index: usize,
        /// The new item.
        item: Item,
    },
    /// Take the item at `index` out of its list (`item` is what was there).
    Remove {
        /// Position before removal.
        index: usize,
        /// The removed item.
        item: Item,
    },
    /// Replace the item at `index`.
    Replace {
        /// Position.
        index: usize,
        /// What was there.
        before: Item,
        /// What is there now.
        after: Item,
    },
    /// Move an item within its list.
    Move {
        /// The list.
        list: List,
        /// Old position.
        from: usize,
        /// New position.
        to: usize,
    },
    /// Set a document-level text field.
    SetText {
        /// The field.
        field: DocField,
        /// The old text.
        before: String,
        /// The new text.
        after: String,
    },
    /// Several edits as one undo step, applied in order.
    Batch(Vec<Edit>),
}

/// An edit that does not fit the document it is applied to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("edit does not apply: {0}")]
pub struct EditError(String);

/// The number of items in `list` of `doc`.
pub fn list_len(doc: &Postmortem, list: List) -> usize {
    match list {
        List::Timeline => doc.timeline.len(),
        List::Whys => doc.whys.nodes.len(),
        List::Factors => doc.factors.len(),
        List::Actions => doc.actions.len(),
    }
}

fn insert(doc: &mut Postmortem, index: usize, item: Item) {
    match item {
        Item::Event(e) => doc.timeline.insert(index, Box::new(e)),
        Item::Why(w) => doc.whys.nodes.insert(index, Box::new(w)),
        Item::Factor(f) => doc.factors.insert(index, f),
        Item::Action(a) => doc.actions.insert(index, a),
    }
}

/// Puts `item` in place of the item at `index` of its list (in place: a
/// removal and an insertion would move the rest of the list twice).
fn replace(doc: &mut Postmortem, index: usize, item: Item) {
    match item {
        Item::Event(e) => *doc.timeline[index] = e,
        Item::Why(w) => *doc.whys.nodes[index] = w,
        Item::Factor(f) => doc.factors[index] = f,
        Item::Action(a) => doc.actions[index] = a,
    }
}

fn remove(doc: &mut Postmortem, list: List, index: usize) {
    match list {
        List::Timeline => drop(doc.timeline.remove(index)),
        List::Whys => drop(doc.whys.nodes.remove(index)),
        List::Factors => drop(doc.factors.remove(index)),
        List::Actions => drop(doc.actions.remove(index)),
    }
}

/// Where the item `id` is in `list`.
pub fn index_of(doc: &Postmortem, list: List, id: &str) -> Option<usize> {
    match list {
        List::Timeline => doc.timeline.iter().position(|e| e.id == id),
        List::Whys => doc.whys.nodes.iter().position(|w| w.id == id),
        List::Factors => doc.factors.iter().position(|f| f.id == id),
        List::Actions => doc.actions.iter().position(|a| a.id == id),
    }
}

/// The item at `index` of `list`, cloned.
pub fn item_at(doc: &Postmortem, list: List, index: usize) -> Option<Item> {
    Some(match list {
        List::Timeline => Item::Event(Event::clone(doc.timeline.get(index)?)),
        List::Whys => Item::Why(Why::clone(doc.whys.nodes.get(index)?)),
        List::Factors => Item::Factor(doc.factors.get(index)?.clone()),
        List::Actions => Item::Action(doc.actions.get(index)?.clone()),
    })
}

fn move_item<T>(items: &mut Vec<T>, from: usize, to: usize) {
    let item = items.remove(from);
    items.insert(to, item);
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::Insert { index, item } => Edit::Remove {
                index: *index,
                item: item.clone(),
            },
            Edit::Remove { index, item } => Edit::Insert {
                index: *index,
                item: item.clone(),
            },
            Edit::Replace {
                index,
                before,
                after,
            } => Edit::Replace {
                index: *index,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Move { list, from, to } => Edit::Move {
                list: *list,
                from: *to,
                to: *from,
            },
            Edit::SetText {
                field,
                before,
                after,
            } => Edit::SetText {
                field: *field,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Batch(edits) => Edit::Batch(edits.iter().rev().map(Edit::inverse).collect()),
        }
    }

    /// Applies the edit. It is checked against the document first, so a
    /// stale edit (e.g. from a journal of another version) changes nothing.
    pub fn apply(&self, doc: &mut Postmortem) -> Result<(), EditError> {
        match self {
            Edit::Insert { index, item } => {
                if *index > list_len(doc, item.list()) {
                    return Err(EditError(format!(
                        "insert of {} at {index} past the end",
                        item.id()
                    )));
                }
                insert(doc, *index, item.clone());
            }
            Edit::Remove { index, item } => {
                if item_at(doc, item.list(), *index).as_ref() != Some(item) {
                    return Err(EditError(format!("{} is not at {index}", item.id())));
                }
                remove(doc, item.list(), *index);
            }
            Edit::Replace {
                index,
                before,
                after,
            } => {
                if item_at(doc, before.list(), *index).as_ref() != Some(before)
                    || before.list() != after.list()
                {
                    return Err(EditError(format!("{} is not at {index}", before.id())));
                }
                replace(doc, *index, after.clone());
            }
            Edit::Move { list, from, to } => {
                let n = list_len(doc, *list);
                if *from >= n || *to >= n {
                    return Err(EditError(format!("move {from}→{to} outside a list of {n}")));
                }
                match list {
                    List::Timeline => move_item(&mut doc.timeline, *from, *to),
                    List::Whys => move_item(&mut doc.whys.nodes, *from, *to),
                    List::Factors => move_item(&mut doc.factors, *from, *to),
                    List::Actions => move_item(&mut doc.actions, *from, *to),
                }
            }
            Edit::SetText {
                field,
                before,
                after,
            } => {
                if field.get(doc) != *before {
                    return Err(EditError(format!("{field:?} changed underneath")));
                }
                field.set(doc, after);
            }
            Edit::Batch(edits) => {
                let mut done = 0;
                while done < edits.len() {
                    // Many inserts (an import) or their removals: one pass.
                    let run = splice::apply_leading_run(doc, &edits[done..]);
                    if run > 0 {
                        done += run;
                    } else if let Err(e) = edits[done].apply(doc) {
                        // Roll back what was applied so the batch is all or nothing.
                        for applied in edits[..done].iter().rev() {
                            let _ = applied.inverse().apply(doc);
                        }
                        return Err(e);
                    } else {
                        done += 1;
                    }
                }
            }
        }
        Ok(())
    }

    /// Ids of the items (or names of document fields) this edit touches:
    /// what an incremental linter needs to re-check.
    pub fn touched(&self) -> Vec<String> {
        match self {
            Edit::Insert { item, .. } | Edit::Remove { item, .. } => vec![item.id().to_string()],
            Edit::Replace { after, .. } => vec![after.id().to_string()],
            Edit::Move { list, .. } => vec![format!("{list:?}")],
            Edit::SetText { field, .. } => vec![format!("{field:?}")],
            Edit::Batch(edits) => edits.iter().flat_map(Edit::touched).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Timestamp};
    fn parse_timestamp(s: &str) -> Result<Timestamp, chrono::ParseError> {
        chrono::DateTime::parse_from_rfc3339(s)
    }

    fn doc() -> Postmortem {
        let mut doc = Postmortem::new(Kind::Incident, "t");
        for (id, at) in [
            ("T1", "2026-02-05T14:00:00Z"),
            ("T2", "2026-02-05T14:05:00Z"),
        ] {
            doc.timeline.push(Box::new(Event::new(
                id,
                parse_timestamp(at).expect("ts"),
                id,
            )));
        }
        doc
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let original = doc();
        let mut changed_event = (*original.timeline[0]).clone();
        changed_event.text = "changed".into();
        let edits = vec![
            Edit::Insert {
                index: 1,
                item: Item::Event((*original.timeline[0]).clone()),
            },
            Edit::Remove {
                index: 1,
                item: Item::Event((*original.timeline[1]).clone()),
            },
            Edit::Replace {
                index: 0,
                before: Item::Event((*original.timeline[0]).clone()),
                after: Item::Event(changed_event),
            },
            Edit::Move {
                list: List::Timeline,
                from: 0,
                to: 1,
            },
            Edit::SetText {
                field: DocField::Lucky,
                before: String::new(),
                after: "a\nb".into(),
            },
            Edit::Batch(vec![
                Edit::SetText {
                    field: DocField::Title,
                    before: "t".into(),
                    after: "u".into(),
                },
                Edit::Move {
                    list: List::Timeline,
                    from: 1,
                    to: 0,
                },
            ]),
        ];
        for edit in edits {
            let mut doc = original.clone();
            edit.apply(&mut doc).expect("applies");
            assert_ne!(doc, original, "{edit:?} changed nothing");
            edit.inverse().apply(&mut doc).expect("inverse applies");
            assert_eq!(doc, original, "{edit:?}");
        }
    }

    #[test]
    fn stale_edits_change_nothing() {
        let original = doc();
        let mut doc = original.clone();
        let stale = Edit::Batch(vec![
            Edit::SetText {
                field: DocField::Title,
                before: "t".into(),
                after: "u".into(),
            },
            Edit::Remove {
                index: 0,
                item: Item::Event((*original.timeline[1]).clone()),
            },
        ]);
        assert!(stale.apply(&mut doc).is_err());
        assert_eq!(doc, original);
    }

    #[test]
    fn edits_serialize_for_a_journal() {
        let edit = Edit::SetText {
            field: DocField::Summary,
            before: String::new(),
            after: "x".into(),
        };
        let json = toml::to_string(&edit).expect("serializes");
        assert!(json.contains("summary"), "{json}");
    }
}
