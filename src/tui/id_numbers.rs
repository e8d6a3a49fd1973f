//! The numbers of the ids in use, by list, so the id of a new item (the
//! highest number in use plus one: `model::next_id`'s rule) costs a lookup
//! and not a parse of every id of a 100,000-event timeline on each `a`.
//! A list's numbers are read by one scan when its first new item is made,
//! then follow every edit.

use std::collections::BTreeMap;

use crate::collab::rebase::id_kind;
use crate::model::edit::{Edit, Item, List, list_len};
use crate::model::{IdKind, Postmortem, id_number};

/// How many ids of one list hold each number, and how many hold none.
#[derive(Debug, Clone, Default)]
struct Counts {
    numbers: BTreeMap<u64, u32>,
    unnumbered: usize,
    /// Ids counted in all.
    total: usize,
}

impl Counts {
    fn read<'a>(kind: IdKind, ids: impl Iterator<Item = &'a str>) -> Counts {
        let mut counts = Counts::default();
        for id in ids {
            counts.add(kind, id);
        }
        counts
    }

    fn add(&mut self, kind: IdKind, id: &str) {
        self.total += 1;
        match id_number(kind, id) {
            Some(n) => *self.numbers.entry(n).or_default() += 1,
            None => self.unnumbered += 1,
        }
    }

    fn take(&mut self, kind: IdKind, id: &str) {
        match id_number(kind, id) {
            Some(n) => {
                if let Some(count) = self.numbers.get_mut(&n) {
                    self.total -= 1;
                    *count -= 1;
                    if *count == 0 {
                        self.numbers.remove(&n);
                    }
                }
            }
            None if self.unnumbered > 0 => {
                self.unnumbered -= 1;
                self.total -= 1;
            }
            None => {}
        }
    }
}

/// The id numbers of each list, read when first needed.
#[derive(Debug, Clone, Default)]
pub struct IdNumbers {
    /// By list; a list whose count of ids is not its length (changed by
    /// other means than an edit) is read again.
    lists: [Option<Counts>; 4],
}

fn slot(list: List) -> usize {
    match list {
        List::Timeline => 0,
        List::Whys => 1,
        List::Factors => 2,
        List::Actions => 3,
    }
}

fn list_of(kind: IdKind) -> List {
    match kind {
        IdKind::Event => List::Timeline,
        IdKind::Why => List::Whys,
        IdKind::Factor => List::Factors,
        IdKind::Action => List::Actions,
    }
}

/// The ids of `list` in `doc`.
fn ids(doc: &Postmortem, list: List) -> Box<dyn Iterator<Item = &str> + '_> {
    match list {
        List::Timeline => Box::new(doc.timeline.iter().map(|e| e.id.as_str())),
        List::Whys => Box::new(doc.whys.nodes.iter().map(|w| w.id.as_str())),
        List::Factors => Box::new(doc.factors.iter().map(|f| f.id.as_str())),
        List::Actions => Box::new(doc.actions.iter().map(|a| a.id.as_str())),
    }
}

impl IdNumbers {
    /// The id a new item of `kind` takes in `doc` (the document every edit
    /// so far was followed on): the same as [`Postmortem::next_id`].
    pub fn next_id(&mut self, doc: &Postmortem, kind: IdKind) -> String {
        let list = list_of(kind);
        let at = slot(list);
        let stale = match &self.lists[at] {
            Some(counts) => counts.total != list_len(doc, list),
            None => true,
        };
        if stale {
            self.lists[at] = Some(Counts::read(kind, ids(doc, list)));
        }
        let highest = self.lists[at]
            .as_ref()
            .and_then(|c| c.numbers.keys().next_back().copied())
            .unwrap_or(0);
        format!("{}{}", kind.prefix(), highest + 1)
    }

    /// Follows `edit`, just applied.
    pub fn follow(&mut self, edit: &Edit) {
        match edit {
            Edit::Insert { item, .. } => self.with(item, Counts::add),
            Edit::Remove { item, .. } => self.with(item, Counts::take),
            Edit::Replace { before, after, .. } if before.id() != after.id() => {
                self.with(before, Counts::take);
                self.with(after, Counts::add);
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| self.follow(e)),
            Edit::Replace { .. } | Edit::Move { .. } | Edit::SetText { .. } => {}
        }
    }

    fn with(&mut self, item: &Item, change: fn(&mut Counts, IdKind, &str)) {
        let list = item.list();
        if let Some(counts) = &mut self.lists[slot(list)] {
            change(counts, id_kind(list), item.id());
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Event, Why};

    fn event(id: &str) -> Item {
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").expect("time");
        Item::Event(Event::new(id, at, "x"))
    }

    proptest! {
        /// Through any inserts, removals and re-ids (holes, duplicates,
        /// ids of another kind or with no number), the next id is the one
        /// a scan of the document gives.
        #[test]
        fn the_next_id_follows_edits_like_a_scan(
            steps in proptest::collection::vec((0u8..4, 0usize..40, "(T|W|X)?-?[0-9]{0,3}"), 1..60)
        ) {
            let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
            let mut numbers = IdNumbers::default();
            for (op, at, id) in steps {
                let len = doc.timeline.len();
                let edit = match op {
                    0 | 1 => Edit::Insert { index: at.min(len), item: event(&id) },
                    2 if len > 0 => Edit::Remove {
                        index: at % len,
                        item: Item::Event((*doc.timeline[at % len]).clone()),
                    },
                    3 if len > 0 => {
                        let before = (*doc.timeline[at % len]).clone();
                        let mut after = before.clone();
                        after.id = id;
                        Edit::Replace { index: at % len, before: Item::Event(before), after: Item::Event(after) }
                    }
                    _ => Edit::Insert {
                        index: 0,
                        item: Item::Why(Why::new(&id, String::new(), "w")),
                    },
                };
                edit.apply(&mut doc).expect("applies");
                numbers.follow(&edit);
                for kind in [IdKind::Event, IdKind::Why] {
                    prop_assert_eq!(numbers.next_id(&doc, kind), doc.next_id(kind));
                }
            }
        }
    }
}
