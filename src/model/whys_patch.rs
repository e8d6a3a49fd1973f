//! Keeping a walk of the whys ([`Whys::walk_indexed`]) up to date through
//! an edit, so the editor does not walk the whole tree again after each
//! key: a text changed, a leaf added or removed. Anything else (a move, a
//! re-parent, a subtree, a duplicated id) asks for a fresh walk.

use super::edit::{Edit, Item, List};
use super::{Why, Whys};

impl Whys {
    /// Brings `walk`, the walk of these whys before `edit`, to what
    /// [`Whys::walk_indexed`] gives now that `edit` is applied. False when
    /// the edit is not one this follows: `walk` is then to be walked again.
    pub fn patch_walk(&self, walk: &mut Vec<(usize, usize)>, edit: &Edit) -> bool {
        match edit {
            Edit::Batch(edits) => {
                // The document is the one after the whole batch: a batch
                // whose other edits leave the whys alone saw the nodes as
                // they are now.
                let mut touching = edits.iter().filter(|e| touches_whys(e));
                match (touching.next(), touching.next()) {
                    (None, _) => true,
                    (Some(one), None) => self.patch_walk(walk, one),
                    _ => false,
                }
            }
            Edit::Remove {
                index,
                item: Item::Why(gone),
            } => self.patch_removed(walk, *index, gone),
            Edit::Insert {
                index,
                item: Item::Why(new),
            } => self.patch_inserted(walk, *index, new),
            Edit::Replace {
                before: Item::Why(before),
                after: Item::Why(after),
                ..
            } => before.id == after.id && before.parent == after.parent,
            Edit::Move { list, .. } => *list != List::Whys,
            _ => true,
        }
    }

    /// A node that had no children and whose id no other node has: its
    /// entry goes, later indexes move down by one.
    fn patch_removed(&self, walk: &mut Vec<(usize, usize)>, index: usize, gone: &Why) -> bool {
        if self
            .nodes
            .iter()
            .any(|n| n.id == gone.id || n.parent == gone.id)
        {
            return false;
        }
        walk.retain(|&(_, i)| i != index);
        for (_, i) in walk.iter_mut() {
            if *i > index {
                *i -= 1;
            }
        }
        true
    }

    /// A new node with no children, an id of its own and a parent that is
    /// not itself: it goes among its parent's children in document order.
    fn patch_inserted(&self, walk: &mut Vec<(usize, usize)>, index: usize, new: &Why) -> bool {
        // Under a duplicated id the walk meets children through whichever
        // copy it pushed last: not followed.
        let parents = self.nodes.iter().filter(|n| n.id == new.parent).count();
        let shared = (self.nodes.iter().enumerate())
            .any(|(j, n)| j != index && (n.id == new.id || n.parent == new.id));
        if new.parent == new.id || parents > 1 || shared {
            return false;
        }
        for (_, i) in walk.iter_mut() {
            if *i >= index {
                *i += 1;
            }
        }
        // The parent's children follow it until the walk comes back to its
        // depth.
        let (start, depth) = if new.parent.is_empty() {
            (0, 0)
        } else {
            let parent = walk
                .iter()
                .position(|&(_, i)| self.nodes[i].id == new.parent);
            match parent {
                Some(at) => (at + 1, walk[at].0 + 1),
                // An orphan is not walked.
                None => return true,
            }
        };
        let end = walk[start..]
            .iter()
            .position(|&(d, _)| d < depth)
            .map_or(walk.len(), |n| start + n);
        let at = walk[start..end]
            .iter()
            .position(|&(d, i)| d == depth && i > index)
            .map_or(end, |n| start + n);
        walk.insert(at, (depth, index));
        true
    }
}

/// Whether `edit` adds, removes, moves or replaces a why node.
fn touches_whys(edit: &Edit) -> bool {
    match edit {
        Edit::Insert { item, .. } | Edit::Remove { item, .. } => matches!(item, Item::Why(_)),
        Edit::Replace { before, .. } => matches!(before, Item::Why(_)),
        Edit::Move { list, .. } => *list == List::Whys,
        Edit::Batch(edits) => edits.iter().any(touches_whys),
        Edit::SetText { .. } => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::Edit;
    use crate::model::{Kind, Postmortem};
    use proptest::prelude::*;

    /// An edit of the whys, drawn from few ids and parents so duplicates,
    /// cycles, orphans and subtrees all occur.
    #[derive(Debug, Clone)]
    enum Step {
        Insert { at: usize, id: u8, parent: u8 },
        Remove { at: usize },
        Retext { at: usize },
        Reparent { at: usize, parent: u8 },
    }

    fn name(n: u8) -> String {
        if n == 9 {
            String::new()
        } else {
            format!("W{n}")
        }
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0usize..30, 0u8..9, 0u8..10).prop_map(|(at, id, parent)| Step::Insert {
                at,
                id,
                parent
            }),
            (0usize..30).prop_map(|at| Step::Remove { at }),
            (0usize..30).prop_map(|at| Step::Retext { at }),
            (0usize..30, 0u8..10).prop_map(|(at, parent)| Step::Reparent { at, parent }),
        ]
    }

    fn edit_of(doc: &Postmortem, step: &Step) -> Option<Edit> {
        let nodes = &doc.whys.nodes;
        let why = |at: usize| Item::Why(Why::clone(&nodes[at]));
        Some(match *step {
            Step::Insert { at, id, parent } => Edit::Insert {
                index: at.min(nodes.len()),
                item: Item::Why(Why::new(name(id), name(parent), "")),
            },
            Step::Remove { at } if at < nodes.len() => Edit::Remove {
                index: at,
                item: why(at),
            },
            Step::Retext { at } if at < nodes.len() => {
                let mut after = Why::clone(&nodes[at]);
                after.text.push('x');
                Edit::Replace {
                    index: at,
                    before: why(at),
                    after: Item::Why(after),
                }
            }
            Step::Reparent { at, parent } if at < nodes.len() => {
                let mut after = Why::clone(&nodes[at]);
                after.parent = name(parent);
                Edit::Replace {
                    index: at,
                    before: why(at),
                    after: Item::Why(after),
                }
            }
            _ => return None,
        })
    }

    proptest! {
        #[test]
        fn a_patched_walk_is_the_walk_of_the_edited_whys(
            steps in proptest::collection::vec((step(), any::<bool>()), 1..60)
        ) {
            let mut doc = Postmortem::new(Kind::Incident, "t");
            let mut walk = doc.whys.walk_indexed();
            for (step, batched) in &steps {
                let Some(edit) = edit_of(&doc, step) else { continue };
                let edit = if *batched { Edit::Batch(vec![edit]) } else { edit };
                edit.apply(&mut doc).expect("the edit applies");
                if doc.whys.patch_walk(&mut walk, &edit) {
                    prop_assert_eq!(&walk, &doc.whys.walk_indexed(), "after {:?}", step);
                } else {
                    walk = doc.whys.walk_indexed();
                }
            }
        }
    }

    #[test]
    fn a_leaf_goes_among_its_siblings_in_document_order() {
        let mut doc = Postmortem::new(Kind::Incident, "t");
        for (id, parent) in [("W1", ""), ("W2", "W1"), ("W4", "W1"), ("W5", "")] {
            doc.whys.nodes.push(Box::new(Why::new(id, parent, "")));
        }
        let mut walk = doc.whys.walk_indexed();
        let edit = Edit::Insert {
            index: 2,
            item: Item::Why(Why::new("W3", "W1", "")),
        };
        edit.apply(&mut doc).expect("applies");
        assert!(doc.whys.patch_walk(&mut walk, &edit));
        assert_eq!(walk, [(0, 0), (1, 1), (1, 2), (1, 3), (0, 4)]);
    }
}
