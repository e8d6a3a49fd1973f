//! The 5 Whys as a tree: a problem at the top, causes below.

use std::collections::HashMap;

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
    pub nodes: Vec<Why>,
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
        self.nodes.iter().filter(move |w| w.parent == parent)
    }

    /// Finds a node by id.
    pub fn get(&self, id: &str) -> Option<&Why> {
        self.nodes.iter().find(|w| w.id == id)
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
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(self.nodes.len());
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
            .map(|(depth, i)| (depth, &self.nodes[i]))
            .collect()
    }

    /// [`Whys::walk`] with each node's index in `nodes` instead of the node.
    pub fn walk_indexed(&self) -> Vec<(usize, usize)> {
        let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            children.entry(node.parent.as_str()).or_default().push(i);
        }
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(self.nodes.len());
        let mut seen = vec![false; self.nodes.len()];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        let push_children = |stack: &mut Vec<(usize, usize)>, parent: &str, depth: usize| {
            if let Some(kids) = children.get(parent) {
                stack.extend(kids.iter().rev().map(|&i| (depth, i)));
            }
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
    index: HashMap<&'a str, usize>,
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
                .map(|(id, parent)| Why::new(*id, *parent, *id))
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
}
