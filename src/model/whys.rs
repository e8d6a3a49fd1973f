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
    /// its ancestry is broken or cyclic.
    pub fn depth(&self, id: &str) -> Option<usize> {
        let mut depth = 0;
        let mut current = id;
        while !current.is_empty() {
            depth += 1;
            if depth > self.nodes.len() {
                return None;
            }
            current = &self.get(current)?.parent;
        }
        Some(depth)
    }

    /// The nodes in tree order (depth-first, siblings in document order),
    /// each with its depth starting at 0. Orphans and cycles are skipped.
    pub fn walk(&self) -> Vec<(usize, &Why)> {
        let mut out = Vec::with_capacity(self.nodes.len());
        self.walk_from("", 0, &mut out);
        out
    }

    fn walk_from<'a>(&'a self, parent: &str, depth: usize, out: &mut Vec<(usize, &'a Why)>) {
        if depth > self.nodes.len() {
            return;
        }
        for node in self.nodes.iter().filter(|w| w.parent == parent) {
            out.push((depth, node));
            self.walk_from(&node.id, depth + 1, out);
        }
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
            ignore: Vec::new(),
        }
    }
}
