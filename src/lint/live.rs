//! Incremental linting for the editor: findings cached per item, so an edit
//! re-lints only the touched item plus the (cheap) document-level rules.
//!
//! Inserting, removing or moving a list item shifts the cached findings of
//! the items after it (renumbering the index in their paths) instead of
//! re-linting them. Item findings depend only on the item and the
//! [`Context`]; everything that looks across items (timeline order, gaps
//! and marks, the whys chain, factor categories, unaddressed factors, the
//! number of actions, final-with-errors) is a document-level rule, re-run
//! whole after every change. The context changes with the people the
//! document names: actors and owners are counted one item at a time, and
//! only a change of the roster itself re-lints everything.

use crate::model::Postmortem;
use crate::model::edit::List;

use super::complete::lint_document_rules;
use super::context::{Context, LintConfig};
use super::items::{ItemRef, lint_item};
use super::score::{Score, completeness_score};
use super::{Counts, Finding, Severity};

mod backlog;
mod named;
mod shift;

use named::{Named, Systems, named_of};
use shift::NUMBERED;

/// One change to a document, as the incremental linter needs to know it.
/// Indexes are those of the moment the change was made: in a sequence of
/// changes each one sees the list as the ones before it left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Something inside one item changed (its index did not).
    Edited(ItemRef),
    /// An item was inserted into `list` at `index` (its index after the
    /// insertion).
    Inserted {
        /// The list.
        list: List,
        /// Where the new item is.
        index: usize,
    },
    /// The item at `index` of `list` was removed.
    Removed {
        /// The list.
        list: List,
        /// Where the item was.
        index: usize,
    },
    /// An item moved within `list`.
    Moved {
        /// The list.
        list: List,
        /// Its old index.
        from: usize,
        /// Its new index.
        to: usize,
    },
}

/// The cached findings of one item.
#[derive(Default)]
struct Slot {
    findings: Vec<Finding>,
    /// The actor or owner this item counts in the context's roster votes
    /// or among the systems (`None`: nothing counted yet).
    person: Option<Named>,
    /// Inserted or edited since it was last linted.
    stale: bool,
    /// Never linted yet: waiting in the backlog of a deferred start
    /// (`backlog.rs`), linted a slice at a time.
    queued: bool,
}

impl Slot {
    fn stale() -> Slot {
        Slot {
            stale: true,
            ..Slot::default()
        }
    }
}

/// One vector of slots per `ItemRef` variant, in the variants' (document)
/// order; items without an index have one slot.
const SECTIONS: usize = 14;

fn section_of(item: ItemRef) -> (usize, usize) {
    match item {
        ItemRef::Meta => (0, 0),
        ItemRef::Summary => (1, 0),
        ItemRef::Impact => (2, 0),
        ItemRef::Event(i) => (3, i),
        ItemRef::WhysHeader => (4, 0),
        ItemRef::Why(i) => (5, i),
        ItemRef::Factor(i) => (6, i),
        ItemRef::Response(i) => (7, i),
        ItemRef::Review => (8, 0),
        ItemRef::Action(i) => (9, i),
        ItemRef::Project => (10, 0),
        ItemRef::Appendix => (11, 0),
        ItemRef::FollowUp(i) => (12, i),
        ItemRef::Unmapped(i) => (13, i),
    }
}

fn item_in(section: usize, index: usize) -> ItemRef {
    match section {
        0 => ItemRef::Meta,
        1 => ItemRef::Summary,
        2 => ItemRef::Impact,
        3 => ItemRef::Event(index),
        4 => ItemRef::WhysHeader,
        5 => ItemRef::Why(index),
        6 => ItemRef::Factor(index),
        7 => ItemRef::Response(index),
        8 => ItemRef::Review,
        9 => ItemRef::Action(index),
        10 => ItemRef::Project,
        11 => ItemRef::Appendix,
        12 => ItemRef::FollowUp(index),
        _ => ItemRef::Unmapped(index),
    }
}

fn section_of_list(list: List) -> usize {
    match list {
        List::Timeline => 3,
        List::Whys => 5,
        List::Factors => 6,
        List::Actions => 9,
    }
}

/// How many slots each section of `doc` has.
fn section_lengths(doc: &Postmortem) -> [usize; SECTIONS] {
    let mut lengths = [1; SECTIONS];
    lengths[3] = doc.timeline.len();
    lengths[5] = doc.whys.nodes.len();
    lengths[6] = doc.factors.len();
    lengths[7] = doc.response.len();
    lengths[9] = doc.actions.len();
    lengths[12] = doc.follow_up.len();
    lengths[13] = doc.unmapped.len();
    lengths
}

fn errors_in(findings: &[Finding]) -> usize {
    Counts::of(findings).errors
}

/// Live lint state of one open document.
///
/// ```text
/// let mut live = LiveLint::new(&doc, &LintConfig::default());
/// // … the user edits timeline[42].text …
/// live.edited(&doc, ItemRef::Event(42));
/// // … an event is inserted at 7 …
/// live.inserted(&doc, List::Timeline, 7);
/// // … an import: many inserts as one step …
/// live.changed(&doc, inserts);
/// // … the document was replaced …
/// live.restructured(&doc);
/// ```
pub struct LiveLint {
    config: LintConfig,
    ctx: Context,
    /// [`Context::declared_fingerprint_of`] the document `ctx` was built
    /// from: when it differs, the context is rebuilt.
    declared: u64,
    /// Boxed, so an insert or removal moves pointers (`shift.rs`).
    #[allow(clippy::vec_box)]
    sections: [Vec<Box<Slot>>; SECTIONS],
    /// The slots the changes being followed made stale, as (section,
    /// index), carried through the later changes of the same step.
    stale: Vec<(usize, usize)>,
    /// Per section, the first slot whose findings may still be numbered
    /// for an old position (`NUMBERED`: none).
    unnumbered: [usize; SECTIONS],
    document: Vec<Finding>,
    /// Errors among the cached item findings.
    item_errors: usize,
    score: Score,
    full_lints: u64,
    /// Slots still `queued`.
    queued: usize,
    /// The systems the timeline's actors name, counted.
    systems: Systems,
    /// Where the backlog walk goes on from (section, index): a hint.
    backlog_at: (usize, usize),
    /// Leave the document-level rules, and renumbering the paths of the
    /// findings of shifted items, to [`LiveLint::refresh_stale`] (a large
    /// document: both are linear, so not run on every key).
    pub defer_document: bool,
    /// The document-level rules have not seen the latest change.
    document_stale: bool,
}

impl LiveLint {
    /// Lints the whole document.
    pub fn new(doc: &Postmortem, config: &LintConfig) -> LiveLint {
        let mut live = LiveLint {
            config: config.clone(),
            ctx: Context::new(doc, config),
            declared: Context::declared_fingerprint_of(doc),
            sections: Default::default(),
            stale: Vec::new(),
            unnumbered: [NUMBERED; SECTIONS],
            document: Vec::new(),
            item_errors: 0,
            score: completeness_score(doc),
            full_lints: 0,
            queued: 0,
            systems: Systems::default(),
            backlog_at: (0, 0),
            defer_document: false,
            document_stale: false,
        };
        live.relint_all(doc);
        live
    }

    /// The context in force.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// After an edit inside one item. Changing an event's actor or an
    /// action's owner re-lints everything only when it changes the roster;
    /// a change of the meta block (roster, authors, allow list: pass
    /// `ItemRef::Meta`) or the sign-off rebuilds the context.
    pub fn edited(&mut self, doc: &Postmortem, item: ItemRef) {
        self.changed(doc, [Change::Edited(item)]);
    }

    /// After an item was inserted at `index` of `list`: the items after it
    /// shift, only the new one is linted.
    pub fn inserted(&mut self, doc: &Postmortem, list: List, index: usize) {
        self.changed(doc, [Change::Inserted { list, index }]);
    }

    /// After the item at `index` of `list` was removed.
    pub fn removed(&mut self, doc: &Postmortem, list: List, index: usize) {
        self.changed(doc, [Change::Removed { list, index }]);
    }

    /// After an item of `list` moved from `from` to `to`.
    pub fn moved(&mut self, doc: &Postmortem, list: List, from: usize, to: usize) {
        self.changed(doc, [Change::Moved { list, from, to }]);
    }

    /// After several changes, in the order they were made (`doc` is the
    /// document after the last). New and edited items are linted once, at
    /// the end, and the document-level rules run once; a run of inserts at
    /// rising indexes (an import) or of removals at falling ones (its undo)
    /// shifts the cache in one pass. Changes that do not fit the document
    /// re-lint everything.
    pub fn changed(&mut self, doc: &Postmortem, changes: impl IntoIterator<Item = Change>) {
        if Context::declared_fingerprint_of(doc) != self.declared
            || self.shift(changes).is_err()
            || self.sections.iter().map(Vec::len).ne(section_lengths(doc))
        {
            self.restructured(doc);
            return;
        }
        let stale = self.settle_people(doc);
        if self.ctx.take_roster_change() | self.systems.take_change() {
            // A new or vanished person or system changes what every item
            // may say.
            self.restructured(doc);
            return;
        }
        for (section, index) in stale {
            let findings = lint_item(doc, item_in(section, index), &self.ctx);
            let slot = &mut self.sections[section][index];
            self.item_errors -= errors_in(&slot.findings);
            self.item_errors += errors_in(&findings);
            slot.findings = findings;
            slot.stale = false;
            if std::mem::take(&mut slot.queued) {
                self.queued -= 1;
            }
        }
        if self.defer_document {
            self.document_stale = true;
        } else {
            self.renumber_shifted();
            self.refresh_document(doc);
        }
    }

    /// After the document was replaced (or anything the other methods do
    /// not describe): rebuilds the context and re-lints everything.
    pub fn restructured(&mut self, doc: &Postmortem) {
        self.ctx = Context::new(doc, &self.config);
        self.declared = Context::declared_fingerprint_of(doc);
        self.relint_all(doc);
    }

    fn relint_all(&mut self, doc: &Postmortem) {
        self.full_lints += 1;
        self.sections = Default::default();
        self.stale.clear();
        self.unnumbered = [NUMBERED; SECTIONS];
        self.item_errors = 0;
        self.queued = 0;
        for item in ItemRef::all(doc) {
            let findings = lint_item(doc, item, &self.ctx);
            self.item_errors += errors_in(&findings);
            self.sections[section_of(item).0].push(Box::new(Slot {
                findings,
                person: named_of(doc, item).map(Named::of),
                stale: false,
                queued: false,
            }));
        }
        self.recount_systems();
        self.refresh_document(doc);
    }

    /// Counts the systems named by the timeline's slots afresh.
    fn recount_systems(&mut self) {
        let timeline = &self.sections[section_of_list(List::Timeline)];
        self.systems
            .recount(timeline.iter().filter_map(|slot| slot.person.as_ref()));
    }

    /// Counts the actors and owners of the stale slots, and returns them
    /// (to lint once the roster is known).
    fn settle_people(&mut self, doc: &Postmortem) -> Vec<(usize, usize)> {
        let mut stale = std::mem::take(&mut self.stale);
        stale.sort_unstable();
        stale.dedup();
        stale.retain(|&(section, index)| {
            self.sections[section]
                .get(index)
                .is_some_and(|slot| slot.stale)
        });
        for &(section, index) in &stale {
            let slot = &mut self.sections[section][index];
            let named = named_of(doc, item_in(section, index));
            if !slot.person.as_ref().is_some_and(|p| p.matches(named))
                && (slot.person.is_some() || named.is_some())
            {
                if let Some(old) = slot.person.take() {
                    self.systems.count(&mut self.ctx, &old, false);
                }
                if let Some(new) = named.map(Named::of) {
                    self.systems.count(&mut self.ctx, &new, true);
                    slot.person = Some(new);
                }
            }
        }
        stale
    }

    /// Re-runs only the document-level rules and the score (cheap: linear in
    /// the document, no prose scanning).
    pub fn refresh_document(&mut self, doc: &Postmortem) {
        self.document = lint_document_rules(doc, &self.ctx, self.item_errors);
        self.score = completeness_score(doc);
        self.document_stale = false;
    }

    /// Every finding: items in document order, then document-level ones.
    /// With `defer_document`, the paths of items shifted since the last
    /// [`LiveLint::refresh_stale`] may still name their old indexes.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.sections
            .iter()
            .flatten()
            .flat_map(|slot| &slot.findings)
            .chain(&self.document)
    }

    /// The findings of one item (for underlining a field).
    pub fn findings_for(&self, item: ItemRef) -> &[Finding] {
        let (section, index) = section_of(item);
        self.sections[section]
            .get(index)
            .map_or(&[], |slot| slot.findings.as_slice())
    }

    /// Counts by severity, for the header.
    pub fn counts(&self) -> Counts {
        Counts::of(self.findings())
    }

    /// Whether any error remains.
    pub fn has_errors(&self) -> bool {
        self.findings().any(|f| f.severity == Severity::Error)
    }

    /// The completeness score.
    pub fn score(&self) -> &Score {
        &self.score
    }

    /// How many times every item was linted (on creation, replacement,
    /// roster changes and fallbacks): lets tests see that an edit took the
    /// incremental path.
    pub fn full_lints(&self) -> u64 {
        self.full_lints
    }
}
