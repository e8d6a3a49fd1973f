//! The cache follows the items as a change moves them: slots are inserted,
//! removed and moved with their items, and an edit costs what it changed,
//! not the length of the list.
//!
//! Two things would be linear if done at once, and are not:
//! - Which slots to re-lint is a short list of positions (`stale`), carried
//!   through the later changes of the same step, rather than a range from
//!   the first change to the end of the list.
//! - The paths of the findings after an insert, a removal or a move still
//!   name their items' old indexes; from which slot on is remembered
//!   (`unnumbered`) and they are renumbered together
//!   ([`LiveLint::renumber_shifted`]): at once for a small document, after
//!   a pause for a large one. The editor finds an item's findings by slot
//!   and names items by id, so an old index in a path is never shown.
//!
//! Slots are boxed, so shifting a section of 100,000 moves pointers.

use super::{Change, LiveLint, Slot, errors_in, section_of, section_of_list};
use crate::model::PathSeg;

/// A change that does not fit the cached lists (the caller's changes and
/// document disagree); the linter then re-lints everything.
pub(super) struct Mismatch;

/// No slot of the section waits to be renumbered.
pub(super) const NUMBERED: usize = usize::MAX;

impl LiveLint {
    /// Moves the cached slots as `changes` moved the items; inserted and
    /// edited items become stale.
    pub(super) fn shift(
        &mut self,
        changes: impl IntoIterator<Item = Change>,
    ) -> Result<(), Mismatch> {
        let mut changes = changes.into_iter().peekable();
        while let Some(change) = changes.next() {
            match change {
                Change::Edited(item) => {
                    let (section, index) = section_of(item);
                    let slot = self.sections[section].get_mut(index).ok_or(Mismatch)?;
                    slot.stale = true;
                    self.stale.push((section, index));
                }
                Change::Inserted { list, index } => {
                    let mut run = vec![index];
                    while let Some(&Change::Inserted { list: l, index: i }) = changes.peek()
                        && l == list
                        && run.last().is_some_and(|last| i > *last)
                    {
                        run.push(i);
                        changes.next();
                    }
                    self.insert_run(section_of_list(list), &run)?;
                }
                Change::Removed { list, index } => {
                    let mut run = vec![index];
                    while let Some(&Change::Removed { list: l, index: i }) = changes.peek()
                        && l == list
                        && run.last().is_some_and(|last| i < *last)
                    {
                        run.push(i);
                        changes.next();
                    }
                    self.remove_run(section_of_list(list), &run)?;
                }
                Change::Moved { list, from, to } => {
                    let section = section_of_list(list);
                    let slots = &mut self.sections[section];
                    if from >= slots.len() || to >= slots.len() {
                        return Err(Mismatch);
                    }
                    let slot = slots.remove(from);
                    slots.insert(to, slot);
                    self.carry(section, |at| {
                        Some(if at == from {
                            to
                        } else if from < to && at > from && at <= to {
                            at - 1
                        } else if to < from && at >= to && at < from {
                            at + 1
                        } else {
                            at
                        })
                    });
                    self.shifted(section, from.min(to));
                }
            }
        }
        Ok(())
    }

    /// Inserts stale slots at `indexes` (rising; each the index after the
    /// inserts before it), in one pass over the section.
    fn insert_run(&mut self, section: usize, indexes: &[usize]) -> Result<(), Mismatch> {
        let slots = &mut self.sections[section];
        let old_len = slots.len();
        if indexes.iter().enumerate().any(|(n, i)| *i > old_len + n) {
            return Err(Mismatch);
        }
        if let [index] = indexes {
            slots.insert(*index, Box::new(Slot::stale()));
        } else {
            let mut old = std::mem::take(slots).into_iter();
            let mut merged = Vec::with_capacity(old_len + indexes.len());
            for &index in indexes {
                merged.extend(old.by_ref().take(index - merged.len()));
                merged.push(Box::new(Slot::stale()));
            }
            merged.extend(old);
            *slots = merged;
        }
        // An item at `at` before the run ends after the inserted ones whose
        // index, less the inserts before them, is at most `at` (that value
        // never falls along the run): one search per stale position, so a
        // run of 100,000 inserts costs no more than its own length.
        let settled: Vec<usize> = indexes.iter().enumerate().map(|(n, i)| i - n).collect();
        self.carry(section, |at| {
            Some(at + settled.partition_point(|s| *s <= at))
        });
        self.stale
            .extend(indexes.iter().map(|index| (section, *index)));
        self.shifted(section, indexes[0]);
        Ok(())
    }

    /// Removes the slots at `indexes` (falling, so each is also its index
    /// before the run), in one pass over the section.
    fn remove_run(&mut self, section: usize, indexes: &[usize]) -> Result<(), Mismatch> {
        let slots = &mut self.sections[section];
        if indexes.first().is_none_or(|i| *i >= slots.len()) {
            return Err(Mismatch);
        }
        let removed: Vec<Box<Slot>> = if let [index] = indexes {
            vec![slots.remove(*index)]
        } else {
            let mut gone = indexes.iter().rev().copied().peekable();
            let mut kept = Vec::with_capacity(slots.len() - indexes.len());
            let mut removed = Vec::with_capacity(indexes.len());
            for (i, slot) in std::mem::take(slots).into_iter().enumerate() {
                if gone.next_if_eq(&i).is_some() {
                    removed.push(slot);
                } else {
                    kept.push(slot);
                }
            }
            *slots = kept;
            removed
        };
        for slot in removed {
            if slot.queued {
                self.queued -= 1;
            }
            self.item_errors -= errors_in(&slot.findings);
            if let Some(named) = slot.person {
                self.systems.count(&mut self.ctx, &named, false);
            }
        }
        // The removed indexes are falling, each also its index before the
        // run: rising, they say how many went before a position.
        let gone: Vec<usize> = indexes.iter().rev().copied().collect();
        self.carry(section, |at| {
            let before = gone.partition_point(|g| *g < at);
            (gone.get(before) != Some(&at)).then(|| at - before)
        });
        let first = indexes.last().copied().unwrap_or_default();
        self.shifted(section, first);
        Ok(())
    }

    /// Carries the stale positions of `section` through one structural
    /// change (`None`: the item is gone).
    fn carry(&mut self, section: usize, to: impl Fn(usize) -> Option<usize>) {
        self.stale.retain_mut(|(s, at)| {
            if *s != section {
                return true;
            }
            match to(*at) {
                Some(new) => {
                    *at = new;
                    true
                }
                None => false,
            }
        });
    }

    /// The slots of `section` from `from` on may hold findings numbered
    /// for their old positions.
    fn shifted(&mut self, section: usize, from: usize) {
        let first = &mut self.unnumbered[section];
        *first = (*first).min(from);
    }

    /// Points the paths of every shifted slot's findings at its index
    /// (linear in the slots after the first shift, so left to a pause in a
    /// large document).
    pub(super) fn renumber_shifted(&mut self) {
        for (section, first) in self.unnumbered.iter_mut().enumerate() {
            let from = std::mem::replace(first, NUMBERED);
            for (index, slot) in self.sections[section].iter_mut().enumerate().skip(from) {
                renumber(&mut slot.findings, index);
            }
        }
    }
}

/// Points the paths of an item's findings at its new index (the first
/// index in an item's paths is the item's own).
pub(super) fn renumber(findings: &mut [crate::lint::Finding], index: usize) {
    for finding in findings {
        if let Some(seg) = finding
            .location
            .path
            .iter_mut()
            .find(|seg| matches!(seg, PathSeg::Index(_)))
        {
            *seg = PathSeg::Index(index);
        }
    }
}
