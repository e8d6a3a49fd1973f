//! Who an item names, followed edit by edit: an event's actor or an
//! action's owner may be a person (a vote in the context's roster) or a
//! system (its words are allowed). Counting them per item lets an edit tell
//! whether the roster or the allowed systems changed without walking the
//! whole timeline.

use std::collections::HashMap;

use crate::lint::context::Context;
use crate::lint::items::ItemRef;
use crate::model::{ActorKind, Postmortem};

/// What one item names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Named {
    /// A possible person: counted in the roster votes.
    Person(String),
    /// A timeline actor marked as a system: its words are allowed.
    System(String),
}

/// The name `item` adds to the context, if any (borrowed: compared before
/// anything is allocated).
pub(super) fn named_of(doc: &Postmortem, item: ItemRef) -> Option<(bool, &str)> {
    match item {
        ItemRef::Event(i) => doc
            .timeline
            .get(i)
            .map(|e| (e.actor_kind == ActorKind::System, e.actor.as_str())),
        ItemRef::Action(i) => doc.actions.get(i).map(|a| (false, a.owner.as_str())),
        _ => None,
    }
}

impl Named {
    pub(super) fn of(named: (bool, &str)) -> Named {
        match named {
            (true, name) => Named::System(name.to_string()),
            (false, name) => Named::Person(name.to_string()),
        }
    }

    pub(super) fn matches(&self, named: Option<(bool, &str)>) -> bool {
        match (self, named) {
            (Named::System(a), Some((true, b))) | (Named::Person(a), Some((false, b))) => a == b,
            _ => false,
        }
    }
}

/// How many items name each system, and whether a name appeared or
/// vanished since the last [`Systems::take_change`].
#[derive(Debug, Default)]
pub(super) struct Systems {
    counts: HashMap<String, usize>,
    crossed: bool,
}

impl Systems {
    /// Adds or removes one item's name: a person goes to the context's
    /// roster votes, a system to these counts.
    pub(super) fn count(&mut self, ctx: &mut Context, named: &Named, add: bool) {
        match named {
            Named::Person(name) => ctx.count_person(name, add),
            Named::System(name) if add => {
                let n = self.counts.entry(name.clone()).or_default();
                *n += 1;
                self.crossed |= *n == 1;
            }
            Named::System(name) => {
                if let Some(n) = self.counts.get_mut(name) {
                    *n -= 1;
                    if *n == 0 {
                        self.counts.remove(name);
                        self.crossed = true;
                    }
                }
            }
        }
    }

    /// Counts the systems of freshly built slots (the context counted the
    /// people when it was built).
    pub(super) fn recount<'a>(&mut self, named: impl Iterator<Item = &'a Named>) {
        self.counts.clear();
        self.crossed = false;
        for n in named {
            if let Named::System(name) = n {
                *self.counts.entry(name.clone()).or_default() += 1;
            }
        }
    }

    /// Whether the set of systems changed (the allowed words with it).
    pub(super) fn take_change(&mut self) -> bool {
        std::mem::take(&mut self.crossed)
    }
}
