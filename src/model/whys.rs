//! The 5 Whys as a tree: a problem at the top, causes below.

use serde::{Deserialize, Serialize};

/// The 5 Whys analysis.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Whys {
    /// The problem statement at the top of the tree.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problem: String,
    /// The root-cause statement: the underlying systemic issue.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub root_cause: String,
    /// The nodes, in display order; children refer to their parent by id.
    #[serde(default, rename = "node", skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Box<Why>>,
}

/// One "why?" and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Why {
    /// Stable id (`W1`, …).
    pub id: String,
    /// The node this one explains; empty for a direct cause of the problem.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parent: String,
    /// The question, if written out ("Why was the pool exhausted?").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
    /// The answer: the cause.
    pub text: String,
    /// Marked as a root cause.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub root: bool,
    /// Accepted as a risk instead of being addressed by an action.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accepted_risk: String,
    /// Kept out of the customer export: its text is internal (a customer
    /// export that would show it fails).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// Lint rules silenced for this node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
}

impl Whys {
    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.problem.is_empty() && self.root_cause.is_empty() && self.nodes.is_empty()
    }

    /// Children of `parent` ("" for the top level), in document order.
    pub fn children<'a>(&'a self, parent: &'a str) -> impl Iterator<Item = &'a Why> + 'a {
        self.nodes
            .iter()
            .map(|w| &**w)
            .filter(move |w| w.parent == parent)
    }

    /// Finds a node by id.
    pub fn get(&self, id: &str) -> Option<&Why> {
        self.nodes.iter().map(|w| &**w).find(|w| w.id == id)
    }

    /// Depth of a node (1 for a direct cause of the problem), or `None` when
    /// its ancestry is broken or cyclic. Linear in the document; for every
    /// node at once use [`Whys::depths`].
    pub fn depth(&self, id: &str) -> Option<usize> {
        self.depths().of(id)
    }

    /// The depth of every node, found in one pass over the tree (however
    /// deep: no recursion, each node visited once), so a check or a lint rule
    /// over all nodes is linear in their number.
    pub fn depths(&self) -> Depths<'_> {
        // Ids resolve to their first node, as `get` does.
        let mut index: foldhash::HashMap<&str, usize> =
            foldhash::HashMap::with_capacity_and_hasher(self.nodes.len(), Default::default());
        for (i, node) in self.nodes.iter().enumerate() {
            index.entry(node.id.as_str()).or_insert(i);
        }
        // `None` = not yet known; `Some(None)` = broken or cyclic.
        let mut depth: Vec<Option<Option<usize>>> = vec![None; self.nodes.len()];
        let mut on_path = vec![false; self.nodes.len()];
        let mut path: Vec<usize> = Vec::new();
        for start in 0..self.nodes.len() {
            // Climb until the problem, a known node, a missing parent or a
            // node already on this path (a cycle).
            let mut current = start;
            let base: Option<usize> = loop {
                if let Some(known) = depth[current] {
                    break known;
                }
                if on_path[current] {
                    break None;
                }
                on_path[current] = true;
                path.push(current);
                let parent = self.nodes[current].parent.as_str();
                if parent.is_empty() {
                    break Some(0);
                }
                match index.get(parent) {
                    Some(&p) => current = p,
                    None => break None,
                }
            };
            // Unwind: each node is one deeper than its parent.
            let mut below = base;
            while let Some(node) = path.pop() {
                below = below.map(|d| d + 1);
                depth[node] = Some(below);
                on_path[node] = false;
            }
        }
        Depths {
            index,
            depth: depth.into_iter().map(Option::flatten).collect(),
        }
    }

    /// The nodes in tree order (depth-first, siblings in document order),
    /// each with its depth starting at 0. Orphans and cycles are skipped, and
    /// each node appears once. Iterative and linear, whatever the depth.
    pub fn walk(&self) -> Vec<(usize, &Why)> {
        self.walk_indexed()
            .into_iter()
            .map(|(depth, i)| (depth, &*self.nodes[i]))
            .collect()
    }

    /// [`Whys::walk`] with each node's index in `nodes` instead of the node.
    pub fn walk_indexed(&self) -> Vec<(usize, usize)> {
        // The walk runs after every edit of the whys in the editor, so the
        // children are grouped without a list per parent: each distinct
        // parent id gets a number (foldhash: SipHash over short ids was most
        // of the cost), then the nodes are laid out by that number, in
        // document order within each (a counting sort).
        let n = self.nodes.len();
        let mut groups: foldhash::HashMap<&str, usize> =
            foldhash::HashMap::with_capacity_and_hasher(n, Default::default());
        let group_of: Vec<usize> = (self.nodes.iter())
            .map(|node| {
                let next = groups.len();
                *groups.entry(node.parent.as_str()).or_insert(next)
            })
            .collect();
        let mut starts = vec![0usize; groups.len() + 1];
        for &g in &group_of {
            starts[g + 1] += 1;
        }
        for g in 0..groups.len() {
            starts[g + 1] += starts[g];
        }
        let mut members = vec![0usize; n];
        let mut fill = starts.clone();
        for (i, &g) in group_of.iter().enumerate() {
            members[fill[g]] = i;
            fill[g] += 1;
        }
        let children = |parent: &str| -> &[usize] {
            groups
                .get(parent)
                .map_or(&[][..], |&g| &members[starts[g]..starts[g + 1]])
        };
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(self.nodes.len());
        let mut seen = vec![false; self.nodes.len()];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let push_children = |stack: &mut Vec<(usize, usize)>, parent: &str, depth: usize| {
            stack.extend(children(parent).iter().rev().map(|&i| (depth, i)));
        };
        push_children(&mut stack, "", 0);
        while let Some((depth, i)) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            let node = &self.nodes[i];
            out.push((depth, i));
            // A node that is its own parent would be pushed again: `seen`
            // stops it, as it stops a duplicated id.
            push_children(&mut stack, &node.id, depth + 1);
        }
        out
    }
}

/// The depth of every 5 Whys node: see [`Whys::depths`].
#[derive(Debug, Clone)]
pub struct Depths<'a> {
    index: foldhash::HashMap<&'a str, usize>,
    depth: Vec<Option<usize>>,
}

impl Depths<'_> {
    /// The depth of the node with this id (1 for a direct cause of the
    /// problem), or `None` when it is missing, or its ancestry is broken or
    /// cyclic.
    pub fn of(&self, id: &str) -> Option<usize> {
        self.index.get(id).and_then(|&i| self.depth[i])
    }
}

impl Why {
    /// A new node under `parent`.
    pub fn new(id: impl Into<String>, parent: impl Into<String>, text: impl Into<String>) -> Self {
        Why {
            id: id.into(),
            parent: parent.into(),
            question: String::new(),
            text: text.into(),
            root: false,
            accepted_risk: String::new(),
            private: false,
            ignore: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(nodes: &[(&str, &str)]) -> Whys {
        Whys {
            nodes: nodes
                .iter()
                .map(|(id, parent)| Box::new(Why::new(*id, *parent, *id)))
                .collect(),
            ..Whys::default()
        }
    }

    #[test]
    fn walk_is_depth_first_with_siblings_in_document_order() {
        let whys = tree(&[
            ("W3", "W1"),
            ("W1", ""),
            ("W4", "W3"),
            ("W2", ""),
            ("W5", "W1"),
            ("W9", "W8"), // orphan: skipped
        ]);
        let walked: Vec<(usize, &str)> = whys
            .walk()
            .into_iter()
            .map(|(d, w)| (d, w.id.as_str()))
            .collect();
        assert_eq!(
            walked,
            [(0, "W1"), (1, "W3"), (2, "W4"), (1, "W5"), (0, "W2")]
        );
    }

    #[test]
    fn depths_find_broken_and_cyclic_ancestry() {
        let whys = tree(&[
            ("W1", ""),
            ("W2", "W1"),
            ("W3", "W2"),
            ("W4", "W9"), // missing parent
            ("W5", "W4"), // below a broken one
            ("W6", "W7"), // a cycle
            ("W7", "W6"),
            ("W8", "W6"),   // leads into the cycle
            ("W10", "W10"), // its own parent
        ]);
        let depths = whys.depths();
        let got: Vec<Option<usize>> = ["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W10", "W0"]
            .iter()
            .map(|id| depths.of(id))
            .collect();
        assert_eq!(
            got,
            [
                Some(1),
                Some(2),
                Some(3),
                None,
                None,
                None,
                None,
                None,
                None,
                None
            ]
        );
        assert_eq!(whys.depth("W3"), Some(3));
        // The walk reaches only the sound part, once each.
        assert_eq!(whys.walk().len(), 3);
    }

    /// The walk as first written: a list of children per parent id.
    fn walk_by_lists(whys: &Whys) -> Vec<(usize, usize)> {
        let mut children: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (i, node) in whys.nodes.iter().enumerate() {
            children.entry(node.parent.as_str()).or_default().push(i);
        }
        let mut out = Vec::new();
        let mut seen = vec![false; whys.nodes.len()];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let kids = |parent: &str| children.get(parent).cloned().unwrap_or_default();
        stack.extend(kids("").into_iter().rev().map(|i| (0, i)));
        while let Some((depth, i)) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            out.push((depth, i));
            let below = kids(&whys.nodes[i].id);
            stack.extend(below.into_iter().rev().map(|c| (depth + 1, c)));
        }
        out
    }

    proptest::proptest! {
        /// Ids drawn from a few names: duplicates, cycles, self-parents and
        /// orphans all occur.
        #[test]
        fn the_walk_matches_a_walk_by_lists_of_children(
            pairs in proptest::collection::vec((0u8..12, 0u8..13), 0..40)
        ) {
            let name = |n: u8| if n == 12 { String::new() } else { format!("W{n}") };
            let whys = Whys {
                nodes: pairs
                    .iter()
                    .map(|&(id, parent)| Box::new(Why::new(name(id), name(parent), "")))
                    .collect(),
                ..Whys::default()
            };
            proptest::prop_assert_eq!(whys.walk_indexed(), walk_by_lists(&whys));
        }
    }
}
