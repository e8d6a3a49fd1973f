//! The item lists merged on the model (timeline, factors, actions): rows
//! by id, whole rows compared by value and moved into the result; only a
//! row changed on both sides becomes a TOML tree, merged field by field
//! like the rest of the document ([`super::merge_row`]).

use std::collections::{HashMap, HashSet};

use super::base::{BaseRows, last_by_id};
use super::{Merger, merge_row, row_order};
use crate::model::{Conflict, IdKind, Side, next_id};
use crate::vcs::rows::{Row, from_value, to_value};
use crate::vcs::tree::{Keyed, Place, TreeError};

/// Their new ids that ours also added with other content, and the ids
/// they get.
#[derive(Debug, Default)]
pub(super) struct Renames {
    map: HashMap<String, String>,
    order: Vec<(String, String)>,
}

impl Renames {
    /// Whether nothing is renamed.
    pub(super) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The renames, in the order they were made.
    pub(super) fn done(self) -> Vec<(String, String)> {
        self.order
    }

    /// Renames `id` in place when it is renamed.
    pub(super) fn rename(&self, id: &mut String) {
        if let Some(new) = self.map.get(id.as_str()) {
            *id = new.clone();
        }
    }

    /// [`Renames::plan`] over model rows.
    pub(super) fn plan_rows<T: Row>(
        &mut self,
        kind: IdKind,
        base: &BaseRows<T>,
        ours: &[T],
        theirs: &[T],
    ) {
        fn keyed<T: Row>(rows: &[T]) -> Vec<(&str, &T)> {
            rows.iter().map(|r| (r.id(), r)).collect()
        }
        let base_ids = base.iter(ours).map(Row::id).collect();
        self.plan(kind, base_ids, keyed(ours), keyed(theirs));
    }

    /// Renames each of their rows whose id is new on both sides (not in
    /// `base_ids`) with other content (the same item added on both sides is one item), past every
    /// id in use.
    pub(super) fn plan<R: PartialEq>(
        &mut self,
        kind: IdKind,
        base_ids: HashSet<&str>,
        ours: Vec<(&str, R)>,
        theirs: Vec<(&str, R)>,
    ) {
        // The first row of each id, as a search of the list finds it.
        let mut first: HashMap<&str, &R> = HashMap::new();
        for (id, row) in &ours {
            first.entry(*id).or_insert(row);
        }
        let mut their_first: HashMap<&str, &R> = HashMap::new();
        for (id, row) in &theirs {
            their_first.entry(*id).or_insert(row);
        }
        let mut made: Vec<String> = Vec::new();
        for (id, _) in &theirs {
            if base_ids.contains(id) || self.map.contains_key(*id) {
                continue;
            }
            let Some(ours_row) = first.get(id) else {
                continue;
            };
            if their_first.get(id) == Some(ours_row) {
                continue; // the same item added on both sides
            }
            // The last id made is past every id in use.
            let new = match made.last() {
                Some(last) => next_id(kind, [last.as_str()]),
                None => next_id(
                    kind,
                    base_ids
                        .iter()
                        .copied()
                        .chain(ours.iter().map(|(id, _)| *id))
                        .chain(theirs.iter().map(|(id, _)| *id)),
                ),
            };
            made.push(new.clone());
            self.map.insert(id.to_string(), new.clone());
            self.order.push((id.to_string(), new));
        }
    }

    /// Points their rows at the new ids: the ids and the links.
    pub(super) fn apply<T: Row>(&self, rows: &mut [T]) {
        for row in rows {
            self.rename(row.id_mut());
            for links in row.links_mut() {
                links.iter_mut().for_each(|id| self.rename(id));
            }
        }
    }
}

/// Where a row of the merged list comes from.
enum Pick<T> {
    Ours(usize),
    Theirs(usize),
    Merged(T),
}

/// A keyed list, row by id, as `super::merge_keyed` merges a tree's: the
/// order is ours, their new rows follow the row they follow on their
/// side; a row deleted on one side and edited on the other is kept as a
/// conflict. Rows are moved, not copied, into the result.
pub(super) fn merge_list<T: Row>(
    list: Keyed,
    base: BaseRows<T>,
    ours: Vec<T>,
    theirs: Vec<T>,
    m: &mut Merger,
) -> Result<Vec<T>, TreeError> {
    if ours == theirs || base.equals(&ours, &theirs) {
        return Ok(ours);
    }
    if base.equals(&ours, &ours) {
        return Ok(theirs);
    }
    let picks = picks(list, &base, &ours, &theirs, m)?;
    drop(base);
    // How often each row is picked (more than once only for a duplicate
    // id): the last pick moves it, the others copy it.
    let (mut left_o, mut left_t) = (vec![0u32; ours.len()], vec![0u32; theirs.len()]);
    for pick in &picks {
        match pick {
            Pick::Ours(i) => left_o[*i] += 1,
            Pick::Theirs(i) => left_t[*i] += 1,
            Pick::Merged(_) => {}
        }
    }
    let mut ours: Vec<Option<T>> = ours.into_iter().map(Some).collect();
    let mut theirs: Vec<Option<T>> = theirs.into_iter().map(Some).collect();
    let take = |rows: &mut [Option<T>], left: &mut [u32], i: usize| {
        left[i] -= 1;
        if left[i] == 0 {
            rows[i].take()
        } else {
            rows[i].clone()
        }
    };
    let mut out = Vec::with_capacity(picks.len());
    for pick in picks {
        out.extend(match pick {
            Pick::Ours(i) => take(&mut ours, &mut left_o, i),
            Pick::Theirs(i) => take(&mut theirs, &mut left_t, i),
            Pick::Merged(row) => Some(row),
        });
    }
    Ok(out)
}

/// The rows of the merged list, in order, with the conflicts recorded.
fn picks<T: Row>(
    list: Keyed,
    base: &BaseRows<T>,
    ours: &[T],
    theirs: &[T],
    m: &mut Merger,
) -> Result<Vec<Pick<T>>, TreeError> {
    let b: HashMap<&str, usize> = base
        .iter(ours)
        .enumerate()
        .map(|(i, r)| (r.id(), i))
        .collect();
    let (o, t) = (last_by_id(ours), last_by_id(theirs));
    let order = row_order(ours.iter().map(Row::id), theirs.iter().map(Row::id));
    let value = |row: Option<&T>| row.map(to_value).transpose();
    let mut out = Vec::with_capacity(order.len());
    for id in order {
        let (bi, oi, ti) = (b.get(id).copied(), o.get(id).copied(), t.get(id).copied());
        let bv = bi.map(|i| base.get(i, ours));
        let here = || Place::Row(list, id.to_string()).path();
        let pick = match (bi, oi, ti) {
            (_, Some(oi), Some(ti)) => {
                let (ov, tv) = (&ours[oi], &theirs[ti]);
                if ov == tv || Some(tv) == bv {
                    Some(Pick::Ours(oi))
                } else if Some(ov) == bv {
                    Some(Pick::Theirs(ti))
                } else {
                    let row = merge_row(
                        &here(),
                        value(bv)?.as_ref(),
                        &to_value(ov)?,
                        &to_value(tv)?,
                        m,
                    );
                    Some(Pick::Merged(from_value(row)?))
                }
            }
            (Some(_), Some(oi), None) if Some(&ours[oi]) == bv => None,
            (Some(_), None, Some(ti)) if Some(&theirs[ti]) == bv => None,
            // Deleted on one side, edited on the other: keep the edit.
            (Some(_), Some(oi), None) => {
                let ov = value(Some(&ours[oi]))?;
                m.conflict(&here(), value(bv)?.as_ref(), ov.as_ref(), None);
                Some(Pick::Ours(oi))
            }
            (Some(_), None, Some(ti)) => {
                m.conflicts.push(Conflict {
                    at: here(),
                    kept: Side::Theirs,
                    base: value(bv)?,
                    ours: None,
                    theirs: value(Some(&theirs[ti]))?,
                });
                Some(Pick::Theirs(ti))
            }
            (None, Some(oi), None) => Some(Pick::Ours(oi)),
            (None, None, Some(ti)) => Some(Pick::Theirs(ti)),
            (Some(_), None, None) | (None, None, None) => None,
        };
        out.extend(pick);
    }
    Ok(out)
}

/// Drops links to ids no row has any more: `F2 → T9` lines into `dropped`.
pub(super) fn drop_dangling<T: Row>(
    rows: &mut [T],
    exists: &dyn Fn(&str) -> bool,
    dropped: &mut Vec<String>,
) {
    for row in rows {
        let dangling = row
            .links_mut()
            .iter()
            .any(|links| links.iter().any(|l| !exists(l)));
        if !dangling {
            continue;
        }
        let id = row.id().to_string();
        for links in row.links_mut() {
            links.retain(|l| {
                let keep = exists(l);
                if !keep {
                    dropped.push(format!("{id} → {l}"));
                }
                keep
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use toml::Value;

    use super::*;
    use crate::model::Event;
    use crate::vcs::tree;

    /// One side's change to an event of the base.
    #[derive(Debug, Clone)]
    enum Op {
        Keep,
        Delete,
        /// Sets the text to one of a few, so both sides may make one edit.
        Text(u8),
        Source(u8),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => Just(Op::Keep),
            1 => Just(Op::Delete),
            2 => (0u8..3).prop_map(Op::Text),
            1 => (0u8..2).prop_map(Op::Source),
        ]
    }

    fn event(id: &str, text: &str) -> Event {
        let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time");
        Event::new(id, at, text)
    }

    /// A side: the base with `ops`, new events (ids from a small pool, so
    /// both sides may add one id, with the same text or not) inserted at
    /// positions, and one row moved.
    fn side(base: &[Event], ops: &[Op], adds: &[(usize, u8, u8)], swap: usize) -> Vec<Event> {
        let mut rows: Vec<Event> = Vec::new();
        for (event, op) in base
            .iter()
            .zip(ops.iter().chain(std::iter::repeat(&Op::Keep)))
        {
            let mut event = event.clone();
            match op {
                Op::Keep => {}
                Op::Delete => continue,
                Op::Text(t) => event.text = format!("text {t}"),
                Op::Source(s) => event.source = format!("source {s}"),
            }
            rows.push(event);
        }
        for (at, id, text) in adds {
            let id = format!("T{}", 20 + id);
            if rows.iter().all(|r| r.id != id) {
                let at = at % (rows.len() + 1);
                rows.insert(at, event(&id, &format!("new {text}")));
            }
        }
        if rows.len() > 1 {
            let from = swap % rows.len();
            let row = rows.remove(from);
            rows.insert(0, row);
        }
        rows
    }

    fn as_tree(rows: &[Event]) -> Option<Value> {
        (!rows.is_empty())
            .then(|| Value::Array(rows.iter().map(|r| to_value(r).expect("value")).collect()))
    }

    proptest! {
        /// The list merged on the model is the list the tree merge makes
        /// of the same rows, with the same conflicts.
        #[test]
        fn the_model_merge_is_the_tree_merge(
            n in 0usize..8,
            ours_ops in proptest::collection::vec(op(), 8),
            their_ops in proptest::collection::vec(op(), 8),
            ours_adds in proptest::collection::vec((0usize..10, 0u8..3, 0u8..2), 0..3),
            their_adds in proptest::collection::vec((0usize..10, 0u8..3, 0u8..2), 0..3),
            ours_swap in 0usize..10,
            their_swap in 0usize..10,
        ) {
            let base: Vec<Event> = (1..=n).map(|i| event(&format!("T{i}"), &format!("base {i}"))).collect();
            let ours = side(&base, &ours_ops, &ours_adds, ours_swap);
            let theirs = side(&base, &their_ops, &their_adds, their_swap);
            let list = tree::keyed("timeline").expect("keyed");
            let mut expected_conflicts = Vec::new();
            let expected = super::super::merge_value(
                "timeline",
                as_tree(&base).as_ref(),
                as_tree(&ours).as_ref(),
                as_tree(&theirs).as_ref(),
                &mut Merger { conflicts: &mut expected_conflicts },
            );
            let mut conflicts = Vec::new();
            let base = BaseRows::new(base, &ours);
            let merged = merge_list(list, base, ours, theirs, &mut Merger { conflicts: &mut conflicts })
                .expect("merges");
            let expected_rows = expected.as_ref().and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
            let rows: Vec<Value> = merged.iter().map(|r| to_value(r).expect("value")).collect();
            prop_assert_eq!(&rows[..], expected_rows);
            prop_assert_eq!(conflicts, expected_conflicts);
        }
    }
}
