//! A participant's copy of the document. Its own edits are applied at
//! once and sent to the owner (pending until the owner's answer comes
//! back); edits the owner orders are applied as they arrive. When one
//! arrives while own edits are pending, those are taken back, the owner's
//! edit applied and they are put on top again, carried onto the new state
//! by id: so the copy always equals the owner's document plus the pending
//! edits, and equals it exactly once nothing is pending.

use std::collections::VecDeque;

use crate::model::Postmortem;
use crate::model::edit::Edit;

use super::hub::Who;
use super::rebase::{Mode, rebase, rename_ids};

/// Where a replica's edits are applied: the editor applies them through
/// its one apply-and-record path; tests apply them to a bare document.
pub trait Document {
    /// The document, to carry edits onto it (unchanged on return).
    fn doc_mut(&mut self) -> &mut Postmortem;
    /// Applies an edit that came from, or was taken back for, the session.
    fn apply(&mut self, edit: &Edit) -> Result<(), String>;
}

impl Document for Postmortem {
    fn doc_mut(&mut self) -> &mut Postmortem {
        self
    }

    fn apply(&mut self, edit: &Edit) -> Result<(), String> {
        edit.apply(self).map_err(|e| e.to_string())
    }
}

/// One own edit sent and not yet answered.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    edit: Edit,
    /// Whether it is applied to the copy now (it may not fit after
    /// someone else's edit; the owner's answer settles it).
    applied: bool,
}

/// A participant's view of the order.
#[derive(Debug, Clone, Default)]
pub struct Replica {
    /// This participant's number.
    pub me: Who,
    /// The number of the last ordered edit applied here.
    pub seq: u64,
    pending: VecDeque<Pending>,
}

impl Replica {
    /// A replica of participant `me`, whose document holds every edit up
    /// to `seq`.
    pub fn new(me: Who, seq: u64) -> Replica {
        Replica {
            me,
            seq,
            pending: VecDeque::new(),
        }
    }

    /// Records an own edit, already applied here: returns the base to
    /// send it with.
    pub fn proposed(&mut self, edit: Edit) -> u64 {
        self.pending.push_back(Pending {
            edit,
            applied: true,
        });
        self.seq
    }

    /// How many own edits wait for the owner's answer.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// The edits still waiting, in order (to send again to a new owner).
    pub fn pending_edits(&self) -> Vec<Edit> {
        self.pending.iter().map(|p| p.edit.clone()).collect()
    }

    /// The owner ordered `edit` as number `seq`, by `author`; `renamed`
    /// are ids of the author's items the owner changed.
    pub fn applied<D: Document>(
        &mut self,
        doc: &mut D,
        seq: u64,
        author: Who,
        edit: &Edit,
        renamed: &[(String, String)],
    ) -> Result<(), String> {
        if seq <= self.seq {
            return Ok(()); // already here (sent again after a takeover)
        }
        self.seq = seq;
        if author == self.me
            && let Some(head) = self.pending.front()
            && head.applied
            && head.edit == *edit
        {
            // The owner took it as it was: it is applied here already.
            self.pending.pop_front();
            return Ok(());
        }
        let own = author == self.me;
        self.rewind(doc)?;
        if own {
            self.pending.pop_front();
            for p in &mut self.pending {
                p.edit = rename_ids(&p.edit, renamed);
            }
        }
        doc.apply(edit)?;
        self.replay(doc);
        Ok(())
    }

    /// The owner refused the oldest pending edit: it is taken back.
    pub fn rejected<D: Document>(&mut self, doc: &mut D) -> Result<(), String> {
        self.rewind(doc)?;
        self.pending.pop_front();
        self.replay(doc);
        Ok(())
    }

    /// Takes back every pending edit applied here, newest first.
    fn rewind<D: Document>(&mut self, doc: &mut D) -> Result<(), String> {
        for p in self.pending.iter_mut().rev() {
            if p.applied {
                doc.apply(&p.edit.inverse())?;
                p.applied = false;
            }
        }
        Ok(())
    }

    /// Puts the pending edits back on top, carried onto the document as
    /// it is; after the first that no longer fits, the rest wait for the
    /// owner's answer (applying them alone could touch the wrong item).
    fn replay<D: Document>(&mut self, doc: &mut D) {
        for p in self.pending.iter_mut() {
            let Ok(rebased) = rebase(doc.doc_mut(), &p.edit, Mode::LaterWins) else {
                break;
            };
            if doc.apply(&rebased).is_err() {
                break;
            }
            p.edit = rebased;
            p.applied = true;
        }
    }

    /// Own pending edits after a new owner took over: the replica starts
    /// again from `seq` and returns the edits to send again (they stay
    /// applied here).
    pub fn restart(&mut self, me: Who, seq: u64) -> Vec<Edit> {
        self.me = me;
        self.seq = seq;
        self.pending_edits()
    }
}
