//! Where each item is, by id: kept up to date edit by edit (an insert
//! shifts the positions after it) so finding a linked item costs a lookup,
//! not a scan of a 100,000-event timeline, on every frame.

use std::collections::HashMap;

use crate::model::Postmortem;
use crate::model::edit::{Edit, List};

/// Batches larger than this rebuild the index instead of following each
/// edit (an import of thousands of events).
const FOLLOW_AT_MOST: usize = 16;

/// Item positions by id.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    map: HashMap<String, (List, usize)>,
}

impl IdIndex {
    /// The index of every item of `doc` (the first item of a duplicated id).
    pub fn build(doc: &Postmortem) -> IdIndex {
        let mut map = HashMap::with_capacity(
            doc.timeline.len() + doc.whys.nodes.len() + doc.factors.len() + doc.actions.len(),
        );
        let lists = [
            (
                List::Timeline,
                doc.timeline.iter().map(|e| &e.id).collect::<Vec<_>>(),
            ),
            (List::Whys, doc.whys.nodes.iter().map(|w| &w.id).collect()),
            (List::Factors, doc.factors.iter().map(|f| &f.id).collect()),
            (List::Actions, doc.actions.iter().map(|a| &a.id).collect()),
        ];
        for (list, ids) in lists {
            for (i, id) in ids.into_iter().enumerate() {
                map.entry(id.clone()).or_insert((list, i));
            }
        }
        IdIndex { map }
    }

    /// The list and position of the item `id`.
    pub fn get(&self, id: &str) -> Option<(List, usize)> {
        self.map.get(id).copied()
    }

    /// Follows `edit`, just applied to `doc`.
    pub fn follow(&mut self, doc: &Postmortem, edit: &Edit) {
        match edit {
            Edit::Batch(edits) if edits.len() > FOLLOW_AT_MOST => *self = IdIndex::build(doc),
            Edit::Batch(edits) => edits.iter().for_each(|e| self.shift(e)),
            edit => self.shift(edit),
        }
    }

    /// Moves every position of `list` through `f`.
    fn each(&mut self, list: List, f: impl Fn(usize) -> usize) {
        for (l, at) in self.map.values_mut() {
            if *l == list {
                *at = f(*at);
            }
        }
    }

    fn shift(&mut self, edit: &Edit) {
        match edit {
            Edit::Insert { index, item } => {
                let index = *index;
                self.each(item.list(), |at| if at >= index { at + 1 } else { at });
                self.map.insert(item.id().to_string(), (item.list(), index));
            }
            Edit::Remove { index, item } => {
                let index = *index;
                if self.map.get(item.id()) == Some(&(item.list(), index)) {
                    self.map.remove(item.id());
                }
                self.each(item.list(), |at| if at > index { at - 1 } else { at });
            }
            Edit::Move { list, from, to } => {
                let (from, to) = (*from, *to);
                self.each(*list, |at| {
                    if at == from {
                        to
                    } else if from < to && at > from && at <= to {
                        at - 1
                    } else if to < from && at >= to && at < from {
                        at + 1
                    } else {
                        at
                    }
                });
            }
            Edit::Replace {
                index,
                before,
                after,
            } if before.id() != after.id() => {
                self.map.remove(before.id());
                self.map
                    .insert(after.id().to_string(), (after.list(), *index));
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| self.shift(e)),
            Edit::Replace { .. } | Edit::SetText { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::Item;

    #[test]
    fn the_index_follows_inserts_removals_and_moves_like_a_rebuild() {
        let mut doc = crate::examples::DEFAULT.load().expect("example");
        let mut index = IdIndex::build(&doc);
        let event = doc.timeline[3].clone();
        let mut new = event.clone();
        new.id = "T999".into();
        let edits = [
            Edit::Insert {
                index: 2,
                item: Item::Event(new.clone()),
            },
            Edit::Move {
                list: List::Timeline,
                from: 2,
                to: 7,
            },
            Edit::Remove {
                index: 7,
                item: Item::Event(new),
            },
            Edit::Move {
                list: List::Timeline,
                from: 9,
                to: 1,
            },
        ];
        for edit in &edits {
            edit.apply(&mut doc).expect("applies");
            index.follow(&doc, edit);
            let rebuilt = IdIndex::build(&doc);
            assert_eq!(index.map, rebuilt.map, "after {edit:?}");
        }
    }
}
