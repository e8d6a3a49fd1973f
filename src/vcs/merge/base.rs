//! The base's rows of an item list, held against ours: a base row equal to
//! our row of its id is kept as that row's index, so a merge of 100,000
//! events drops most of the base before theirs is read (the base is needed
//! only where ours changed something).

use std::collections::HashMap;

use crate::vcs::rows::Row;

/// One base row: its own value, or the index of our row equal to it.
#[derive(Debug, Clone)]
enum BaseRow<T> {
    Own(T),
    Ours(usize),
}

/// The base's rows of one list, in the base's order; each row reads back as
/// the value it had ([`BaseRows::get`], given ours).
#[derive(Debug, Clone)]
pub(super) struct BaseRows<T> {
    rows: Vec<BaseRow<T>>,
}

impl<T> Default for BaseRows<T> {
    fn default() -> Self {
        BaseRows { rows: Vec::new() }
    }
}

/// The index of the last row of each id, as a map collected from the list
/// keeps it (the row a merge compares for that id).
pub(super) fn last_by_id<T: Row>(rows: &[T]) -> HashMap<&str, usize> {
    rows.iter().enumerate().map(|(i, r)| (r.id(), i)).collect()
}

impl<T: Row> BaseRows<T> {
    /// The base's rows, each equal to our row of its id (the last of that
    /// id) replaced by that row's index.
    pub(super) fn new(base: Vec<T>, ours: &[T]) -> Self {
        let by_id = last_by_id(ours);
        let rows = base
            .into_iter()
            .map(|row| match by_id.get(row.id()) {
                Some(&i) if ours[i] == row => BaseRow::Ours(i),
                _ => BaseRow::Own(row),
            })
            .collect();
        BaseRows { rows }
    }

    /// The base's row `i` as it was; `ours` is the list it was made with.
    pub(super) fn get<'a>(&'a self, i: usize, ours: &'a [T]) -> &'a T {
        match &self.rows[i] {
            BaseRow::Own(row) => row,
            BaseRow::Ours(o) => &ours[*o],
        }
    }

    /// The base's rows as they were, in order.
    pub(super) fn iter<'a>(&'a self, ours: &'a [T]) -> impl Iterator<Item = &'a T> {
        (0..self.rows.len()).map(move |i| self.get(i, ours))
    }

    /// Whether the base's list equals `other` (ours, theirs).
    pub(super) fn equals(&self, ours: &[T], other: &[T]) -> bool {
        self.rows.len() == other.len()
            && self
                .iter(ours)
                .zip(other)
                .all(|(b, r)| std::ptr::eq(b, r) || b == r)
    }

    /// How many base rows are held as values (the rest are ours).
    #[cfg(test)]
    pub(super) fn own(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, BaseRow::Own(_)))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;

    fn event(id: &str, text: &str) -> Event {
        let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time");
        Event::new(id, at, text)
    }

    #[test]
    fn rows_equal_to_ours_are_dropped_and_read_back_as_they_were() {
        let base = vec![
            event("T1", "a"),
            event("T2", "b"),
            event("T3", "c"),
            event("T4", "d"),
        ];
        // T2 changed, T3 deleted, T4 twice (the last one counts), T5 new.
        let ours = vec![
            event("T4", "other"),
            event("T1", "a"),
            event("T2", "changed"),
            event("T4", "d"),
            event("T5", "e"),
        ];
        let rows = BaseRows::new(base.clone(), &ours);
        assert_eq!(rows.iter(&ours).count(), 4);
        assert_eq!(rows.own(), 2, "T2 and T3 are held, T1 and T4 are ours");
        let back: Vec<Event> = rows.iter(&ours).cloned().collect();
        assert_eq!(back, base);
        assert!(rows.equals(&ours, &base));
        assert!(!rows.equals(&ours, &ours));
        assert!(!rows.equals(&ours, &base[..3]));
    }

    #[test]
    fn a_duplicate_id_is_compared_with_the_last_row_of_that_id() {
        let base = vec![event("T1", "first")];
        let ours = vec![event("T1", "first"), event("T1", "second")];
        let rows = BaseRows::new(base.clone(), &ours);
        assert_eq!(rows.own(), 1);
        assert_eq!(rows.get(0, &ours), &base[0]);
    }
}
