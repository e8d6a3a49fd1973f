//! Structural checks: ids, links, scales. What `debrief check` reports.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::Postmortem;
use super::time::DisplayZone;

/// One step of a path into the document (`factors[2].events[0]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    /// A table key.
    Key(&'static str),
    /// An array index.
    Index(usize),
}

/// A structural problem, naming the item and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the document, as TOML keys and indexes.
    pub path: Vec<PathSeg>,
    /// The id of the item concerned, when it has one.
    pub item: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// The path in dotted form: `factors[2].events[0]`.
    pub fn dotted_path(&self) -> String {
        dotted(&self.path)
    }
}

/// A path in dotted form: `factors[2].events[0]`.
pub fn dotted(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.item.is_empty() {
            write!(f, "{}: {}", self.dotted_path(), self.message)
        } else {
            write!(
                f,
                "{} ({}): {}",
                self.item,
                self.dotted_path(),
                self.message
            )
        }
    }
}

use PathSeg::{Index, Key};

/// Checks ids, links and scales. An empty result means the document is
/// structurally sound (completeness is the linter's business).
pub fn check(doc: &Postmortem) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |path: Vec<PathSeg>, item: &str, message: String| {
        problems.push(Problem {
            path,
            item: item.to_string(),
            message,
        })
    };

    if doc.schema != super::SCHEMA_VERSION {
        push(
            vec![Key("schema")],
            "",
            format!(
                "schema {} is not supported (this debrief reads schema {})",
                doc.schema,
                super::SCHEMA_VERSION
            ),
        );
    }

    let scale = doc.severity_scale();
    if !doc.meta.severity.is_empty() && !scale.iter().any(|s| s.level == doc.meta.severity) {
        let levels: Vec<&str> = scale.iter().map(|s| s.level.as_str()).collect();
        push(
            vec![Key("meta"), Key("severity")],
            "",
            format!(
                "unknown severity `{}`: expected one of {}",
                doc.meta.severity,
                levels.join(", ")
            ),
        );
    }
    if let Err(message) = DisplayZone::parse(&doc.meta.timezone) {
        push(vec![Key("meta"), Key("timezone")], "", message);
    }
    if let (Some(start), Some(end)) = (doc.meta.started, doc.meta.ended)
        && end < start
    {
        push(
            vec![Key("meta"), Key("ended")],
            "",
            format!("ends ({end}) before it starts ({start})"),
        );
    }

    // Ids: present and unique across the whole document, so a link or a jump
    // always names exactly one item.
    let mut seen: HashMap<&str, String> = HashMap::new();
    let collections: [(&'static str, Vec<&str>); 4] = [
        (
            "timeline",
            doc.timeline.iter().map(|e| e.id.as_str()).collect(),
        ),
        (
            "whys",
            doc.whys.nodes.iter().map(|w| w.id.as_str()).collect(),
        ),
        (
            "factors",
            doc.factors.iter().map(|f| f.id.as_str()).collect(),
        ),
        (
            "actions",
            doc.actions.iter().map(|a| a.id.as_str()).collect(),
        ),
    ];
    for (name, ids) in &collections {
        for (index, id) in ids.iter().enumerate() {
            let path = if *name == "whys" {
                vec![Key("whys"), Key("node"), Index(index), Key("id")]
            } else {
                vec![Key(name), Index(index), Key("id")]
            };
            let here = format!("{name}[{index}]");
            if id.trim().is_empty() {
                push(path, "", "missing id".into());
            } else if let Some(first) = seen.get(id) {
                push(
                    path,
                    id,
                    format!("duplicate id `{id}`: already used by {first}"),
                );
            } else {
                seen.insert(id, here);
            }
        }
    }

    let events: HashSet<&str> = doc.timeline.iter().map(|e| e.id.as_str()).collect();
    let whys: HashSet<&str> = doc.whys.nodes.iter().map(|w| w.id.as_str()).collect();
    let factors: HashSet<&str> = doc.factors.iter().map(|f| f.id.as_str()).collect();

    let depths = doc.whys.depths();
    for (index, why) in doc.whys.nodes.iter().enumerate() {
        if why.parent.is_empty() {
            continue;
        }
        let path = vec![Key("whys"), Key("node"), Index(index), Key("parent")];
        if !whys.contains(why.parent.as_str()) {
            push(
                path,
                &why.id,
                format!("parent `{}` is not a why in this document", why.parent),
            );
        } else if depths.of(&why.id).is_none() {
            push(
                path,
                &why.id,
                format!("parent `{}` leads to a cycle", why.parent),
            );
        }
    }

    let categories = doc.factor_categories();
    for (index, factor) in doc.factors.iter().enumerate() {
        if !categories.contains(&factor.category) {
            push(
                vec![Key("factors"), Index(index), Key("category")],
                &factor.id,
                format!(
                    "unknown category `{}`: expected one of {} (or list it in meta.categories)",
                    factor.category,
                    categories.join(", ")
                ),
            );
        }
        for (link_index, link) in factor.events.iter().enumerate() {
            if !events.contains(link.as_str()) {
                push(
                    vec![
                        Key("factors"),
                        Index(index),
                        Key("events"),
                        Index(link_index),
                    ],
                    &factor.id,
                    format!("links to timeline event `{link}`, which does not exist"),
                );
            }
        }
        for (link_index, link) in factor.whys.iter().enumerate() {
            if !whys.contains(link.as_str()) {
                push(
                    vec![Key("factors"), Index(index), Key("whys"), Index(link_index)],
                    &factor.id,
                    format!("links to why `{link}`, which does not exist"),
                );
            }
        }
    }

    for (index, action) in doc.actions.iter().enumerate() {
        for (link_index, link) in action.factors.iter().enumerate() {
            if !factors.contains(link.as_str()) {
                push(
                    vec![
                        Key("actions"),
                        Index(index),
                        Key("factors"),
                        Index(link_index),
                    ],
                    &action.id,
                    format!("links to contributing factor `{link}`, which does not exist"),
                );
            }
        }
        for (link_index, link) in action.whys.iter().enumerate() {
            if !whys.contains(link.as_str()) {
                push(
                    vec![Key("actions"), Index(index), Key("whys"), Index(link_index)],
                    &action.id,
                    format!("links to why `{link}`, which does not exist"),
                );
            }
        }
    }

    // A key moment happens once: a second mark silently moves an interval.
    for (mark, holders) in super::duplicate_marks(doc) {
        let ids: Vec<&str> = holders
            .iter()
            .map(|i| doc.timeline[*i].id.as_str())
            .collect();
        for &index in &holders[1..] {
            let event = &doc.timeline[index];
            push(
                vec![Key("timeline"), Index(index), Key("marks")],
                &event.id,
                format!(
                    "`{}` is marked on {} events ({}): intervals use the earliest; keep one",
                    mark.as_str(),
                    holders.len(),
                    ids.join(", ")
                ),
            );
        }
    }

    for (i, conflict) in doc.conflicts.iter().enumerate() {
        push(
            vec![Key("conflict"), Index(i), Key("at")],
            "",
            format!(
                "unresolved merge conflict at `{}` (the document holds {}): resolve it in the editor (`:conflicts`, then o or t) or delete the record",
                conflict.at,
                conflict.kept.as_str()
            ),
        );
    }

    problems
}
