//! Where each item is, by id, so finding a linked item costs a lookup,
//! not a scan of a 100,000-event timeline, on every frame. Nothing is
//! built up front (start-up draws at once): an id is found by one scan the
//! first time it is looked up, then remembered. An edit costs what it
//! changed: inserts, removals and moves go to a log, and a remembered
//! position is carried through the entries made since, when it is looked
//! up again (a few per frame). When the log grows long it is dropped with
//! what was remembered; a position that does not name its item (a
//! duplicated id) is found again by a scan.

use std::cell::RefCell;
use std::collections::HashMap;

use super::id_numbers::IdNumbers;
use crate::model::edit::{Edit, List};
use crate::model::{IdKind, Postmortem};

/// Structural edits kept before the log is dropped with what was
/// remembered (the ids on screen are then found again by a scan each).
const LOG_AT_MOST: usize = 4096;

/// Where an id was when the log had `seen` entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    list: List,
    /// `None`: no item has the id (a dangling link), until one is inserted.
    at: Option<usize>,
    seen: usize,
}

/// A structural edit of one list, as the index needs it.
#[derive(Debug, Clone, Copy)]
enum Shift {
    Insert { list: List, index: usize },
    Remove { list: List, index: usize },
    Move { list: List, from: usize, to: usize },
}

impl Shift {
    /// Where an item at `at` of `list` is after this edit (`None`: removed).
    fn carry(self, list: List, at: usize) -> Option<usize> {
        match self {
            Shift::Insert { list: l, index } if l == list => {
                Some(if at >= index { at + 1 } else { at })
            }
            Shift::Remove { list: l, index } if l == list => match at.cmp(&index) {
                std::cmp::Ordering::Less => Some(at),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(at - 1),
            },
            Shift::Move { list: l, from, to } if l == list => Some(if at == from {
                to
            } else if from < to && at > from && at <= to {
                at - 1
            } else if to < from && at >= to && at < from {
                at + 1
            } else {
                at
            }),
            _ => Some(at),
        }
    }
}

/// Item positions by id, and the numbers of the ids in use.
#[derive(Debug, Default)]
pub struct IdIndex {
    map: RefCell<HashMap<String, Entry>>,
    log: Vec<Shift>,
    numbers: IdNumbers,
}

/// The id of the item at `at` of `list`.
fn id_at(doc: &Postmortem, list: List, at: usize) -> Option<&str> {
    match list {
        List::Timeline => doc.timeline.get(at).map(|e| e.id.as_str()),
        List::Whys => doc.whys.nodes.get(at).map(|w| w.id.as_str()),
        List::Factors => doc.factors.get(at).map(|f| f.id.as_str()),
        List::Actions => doc.actions.get(at).map(|a| a.id.as_str()),
    }
}

/// The first item with the id `id`, looked for list by list in the order
/// lookups prefer (no list of ids is made: a timeline can hold 100,000).
fn scan(doc: &Postmortem, id: &str) -> Option<(List, usize)> {
    let found = |list: List, at: Option<usize>| at.map(|at| (list, at));
    found(List::Timeline, doc.timeline.iter().position(|e| e.id == id))
        .or_else(|| found(List::Whys, doc.whys.nodes.iter().position(|w| w.id == id)))
        .or_else(|| found(List::Factors, doc.factors.iter().position(|f| f.id == id)))
        .or_else(|| found(List::Actions, doc.actions.iter().position(|a| a.id == id)))
}

/// Every list with its ids, in the order lookups prefer them.
#[cfg(test)]
fn lists(doc: &Postmortem) -> [(List, Vec<&str>); 4] {
    [
        (
            List::Timeline,
            doc.timeline.iter().map(|e| e.id.as_str()).collect(),
        ),
        (
            List::Whys,
            doc.whys.nodes.iter().map(|w| w.id.as_str()).collect(),
        ),
        (
            List::Factors,
            doc.factors.iter().map(|f| f.id.as_str()).collect(),
        ),
        (
            List::Actions,
            doc.actions.iter().map(|a| a.id.as_str()).collect(),
        ),
    ]
}

impl IdIndex {
    /// An index with nothing remembered yet.
    pub fn new() -> IdIndex {
        IdIndex::default()
    }

    /// The list and position of the item `id` in `doc` (the document every
    /// edit so far was followed on).
    pub fn get(&self, doc: &Postmortem, id: &str) -> Option<(List, usize)> {
        let mut map = self.map.borrow_mut();
        let now = self.log.len();
        if let Some(entry) = map.get_mut(id) {
            // Known to be nowhere: until an insert names it.
            let mut at = entry.at?;
            let mut carried = Some(at);
            for shift in &self.log[entry.seen.min(now)..] {
                carried = carried.and_then(|a| shift.carry(entry.list, a));
            }
            if let Some(a) = carried
                && id_at(doc, entry.list, a) == Some(id)
            {
                at = a;
                *entry = Entry {
                    at: Some(at),
                    seen: now,
                    ..*entry
                };
                return Some((entry.list, at));
            }
        }
        // Unknown, or not where the log says: one scan, remembered (also
        // when nothing has the id, so a dangling link is not scanned for
        // on every frame).
        let found = scan(doc, id);
        let (list, at) = found.map_or((List::Timeline, None), |(l, a)| (l, Some(a)));
        map.insert(
            id.to_string(),
            Entry {
                list,
                at,
                seen: now,
            },
        );
        found
    }

    /// The position of the item `id` in `list`: a lookup, or a scan of
    /// that list when the id is also in another (a damaged document).
    pub fn position(&self, doc: &Postmortem, list: List, id: &str) -> Option<usize> {
        match self.get(doc, id)? {
            (found, at) if found == list => Some(at),
            _ => crate::model::edit::index_of(doc, list, id),
        }
    }

    /// The id a new item of `kind` takes: [`Postmortem::next_id`] without
    /// reading every id each time.
    pub fn next_id(&mut self, doc: &Postmortem, kind: IdKind) -> String {
        self.numbers.next_id(doc, kind)
    }

    /// Follows `edit`, just applied: logged; positions forgotten when the
    /// log is long.
    pub fn follow(&mut self, edit: &Edit) {
        self.note(edit);
        self.numbers.follow(edit);
        if self.log.len() > LOG_AT_MOST {
            self.map.get_mut().clear();
            self.log.clear();
        }
    }

    fn note(&mut self, edit: &Edit) {
        let map = self.map.get_mut();
        match edit {
            Edit::Insert { index, item } => {
                self.log.push(Shift::Insert {
                    list: item.list(),
                    index: *index,
                });
                map.insert(
                    item.id().to_string(),
                    Entry {
                        list: item.list(),
                        at: Some(*index),
                        seen: self.log.len(),
                    },
                );
            }
            Edit::Remove { index, item } => {
                self.log.push(Shift::Remove {
                    list: item.list(),
                    index: *index,
                });
                // Another item with the same id is found by a scan.
                map.remove(item.id());
            }
            Edit::Move { list, from, to } => self.log.push(Shift::Move {
                list: *list,
                from: *from,
                to: *to,
            }),
            Edit::Replace {
                index,
                before,
                after,
            } if before.id() != after.id() => {
                map.remove(before.id());
                map.insert(
                    after.id().to_string(),
                    Entry {
                        list: after.list(),
                        at: Some(*index),
                        seen: self.log.len(),
                    },
                );
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| self.note(e)),
            Edit::Replace { .. } | Edit::SetText { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::Item;

    #[test]
    fn the_index_follows_inserts_removals_and_moves_like_a_scan() {
        let mut doc = crate::examples::DEFAULT.load().expect("example");
        let mut index = IdIndex::new();
        let event = (*doc.timeline[3]).clone();
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
        // Everything looked up once, then again after some edits only:
        // remembered positions are carried through several log entries.
        agrees(&index, &doc);
        for (n, edit) in edits.iter().enumerate() {
            edit.apply(&mut doc).expect("applies");
            index.follow(edit);
            if n % 2 == 1 {
                agrees(&index, &doc);
            }
        }
        assert_eq!(index.get(&doc, "T999"), None, "removed");
        assert_eq!(index.get(&doc, "NOPE"), None, "dangling");
    }

    /// Every id of `doc` is where a fresh index finds it.
    fn agrees(index: &IdIndex, doc: &Postmortem) {
        for (_, ids) in lists(doc) {
            for id in ids {
                let found = index.get(doc, id);
                assert_eq!(found, IdIndex::new().get(doc, id), "{id}");
                let (list, at) = found.expect("every id is found");
                assert_eq!(id_at(doc, list, at), Some(id));
            }
        }
    }

    #[test]
    fn a_long_log_is_dropped_and_a_replaced_id_moves_with_its_item() {
        let mut doc = crate::examples::DEFAULT.load().expect("example");
        let mut index = IdIndex::new();
        let event = (*doc.timeline[0]).clone();
        for _ in 0..=LOG_AT_MOST / 2 {
            for edit in [
                Edit::Remove {
                    index: 0,
                    item: Item::Event(event.clone()),
                },
                Edit::Insert {
                    index: 0,
                    item: Item::Event(event.clone()),
                },
            ] {
                edit.apply(&mut doc).expect("applies");
                index.follow(&edit);
            }
        }
        assert!(index.log.len() < LOG_AT_MOST, "dropped on the way");
        agrees(&index, &doc);
        let mut renamed = (*doc.timeline[2]).clone();
        renamed.id = "T777".into();
        let edit = Edit::Replace {
            index: 2,
            before: Item::Event((*doc.timeline[2]).clone()),
            after: Item::Event(renamed),
        };
        edit.apply(&mut doc).expect("applies");
        index.follow(&edit);
        assert_eq!(index.get(&doc, "T777"), Some((List::Timeline, 2)));
        agrees(&index, &doc);
    }
}
