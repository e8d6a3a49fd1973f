//! A deferred start for a large document: the context is built and the
//! people counted at once, but the items are linted later, a slice at a
//! time between keys, so the editor can draw its first frame and take keys
//! while the rest is checked. Edits made meanwhile go through
//! [`LiveLint::changed`] as usual: an edited or inserted item is linted
//! then, a queued one that is never touched waits for its slice.

use crate::lint::context::{Context, LintConfig};
use crate::lint::items::{ItemRef, lint_item};
use crate::lint::score::completeness_score;
use crate::model::Postmortem;

use super::named::{Named, Systems, named_of};
use super::{LiveLint, NUMBERED, SECTIONS, Slot, errors_in, section_of};

impl LiveLint {
    /// A linter for `doc` whose items all wait in the backlog: call
    /// [`LiveLint::lint_backlog`] until it returns `true`. Until then the
    /// findings are those of the items linted so far.
    pub fn deferred(doc: &Postmortem, config: &LintConfig) -> LiveLint {
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
            full_lints: 1,
            queued: 0,
            systems: Systems::default(),
            backlog_at: (0, 0),
            defer_document: true,
            document_stale: true,
        };
        for item in ItemRef::all(doc) {
            live.sections[section_of(item).0].push(Box::new(Slot {
                findings: Vec::new(),
                person: named_of(doc, item).map(Named::of),
                stale: false,
                queued: true,
            }));
            live.queued += 1;
        }
        live.recount_systems();
        live
    }

    /// How many items still wait to be linted.
    pub fn backlog(&self) -> usize {
        self.queued
    }

    /// Whether the document-level rules have not seen the latest change
    /// (see `defer_document`).
    pub fn document_stale(&self) -> bool {
        self.document_stale
    }

    /// Runs the document-level rules if a change was left for them, and
    /// renumbers the findings of the items a change shifted.
    pub fn refresh_stale(&mut self, doc: &Postmortem) {
        self.renumber_shifted();
        if self.document_stale {
            self.refresh_document(doc);
        }
    }

    /// Lints up to `budget` queued items; returns whether the backlog is
    /// empty. The walk goes on from where the last one stopped, and starts
    /// over once if edits moved queued items behind it.
    pub fn lint_backlog(&mut self, doc: &Postmortem, budget: usize) -> bool {
        let mut done = 0;
        let mut wrapped = false;
        while self.queued > 0 && done < budget {
            let (section, index) = self.backlog_at;
            if section >= SECTIONS {
                if wrapped {
                    // The count and the slots disagree: trust the slots.
                    self.queued = 0;
                    break;
                }
                wrapped = true;
                self.backlog_at = (0, 0);
                continue;
            }
            let Some(slot) = self.sections[section].get(index) else {
                self.backlog_at = (section + 1, 0);
                continue;
            };
            self.backlog_at = (section, index + 1);
            if !slot.queued {
                continue;
            }
            let item = super::item_in(section, index);
            let findings = lint_item(doc, item, &self.ctx);
            self.item_errors += errors_in(&findings);
            let slot = &mut self.sections[section][index];
            slot.findings = findings;
            slot.queued = false;
            self.queued -= 1;
            done += 1;
        }
        if self.queued == 0 {
            self.document_stale = true;
            true
        } else {
            false
        }
    }
}
