//! A participant's copy of the document. Its own edits are applied at
//! once and sent to the owner (pending until the owner's answer comes
//! back); edits the owner orders are applied as they arrive. When one
//! arrives while own edits are pending, those are taken back, the owner's
//! edit applied and they are put on top again, carried onto the new state
//! by id: so the copy always equals the owner's document plus the pending
//! edits, and equals it exactly once nothing is pending.
//!
//! It also keeps the last ordered edits it applied ([`LOG`]): when the
//! owner dies, a participant may have received edits the new owner did
//! not, and sends them on rejoining ([`Replica::resume`]).

use std::collections::{HashSet, VecDeque};

use crate::model::Postmortem;
use crate::model::edit::Edit;

use super::hub::{Hub, Who};
use super::protocol::{EditId, Logged, Message, Proposal, Resumes, token};
use super::rebase::{Mode, rebase, rename_ids};

/// How many ordered edits a participant keeps for a takeover: far more
/// than can be on the way to one participant when the owner dies.
pub const LOG: usize = 1024;

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
    id: EditId,
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
    /// The owner's order the numbers belong to (its token).
    pub epoch: u64,
    /// This editor's token, naming its edits.
    origin: u64,
    /// Own edits made so far (the next one's count).
    made: u64,
    pending: VecDeque<Pending>,
    /// The last ordered edits applied here, oldest first.
    log: VecDeque<Logged>,
}

impl Replica {
    /// A replica of participant `me`, whose document holds every edit up
    /// to `seq`.
    pub fn new(me: Who, seq: u64) -> Replica {
        Replica {
            me,
            seq,
            epoch: 0,
            origin: token(),
            made: 0,
            pending: VecDeque::new(),
            log: VecDeque::new(),
        }
    }

    /// Records an own edit, already applied here: returns the base to
    /// send it with and its name.
    pub fn proposed(&mut self, edit: Edit) -> (u64, EditId) {
        self.made += 1;
        let id = EditId {
            origin: self.origin,
            n: self.made,
        };
        self.pending.push_back(Pending {
            id,
            edit,
            applied: true,
        });
        (self.seq, id)
    }

    /// How many own edits wait for the owner's answer.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// The owner ordered `edit` (named `id`) as number `seq`; `renamed`
    /// are ids of the author's items the owner changed.
    pub fn applied<D: Document>(
        &mut self,
        doc: &mut D,
        seq: u64,
        id: EditId,
        edit: &Edit,
        renamed: &[(String, String)],
    ) -> Result<(), String> {
        if seq <= self.seq {
            return Ok(()); // already here
        }
        self.seq = seq;
        if self.log.len() == LOG {
            self.log.pop_front();
        }
        self.log.push_back(Logged {
            seq,
            id,
            edit: edit.clone(),
        });
        let own = self.pending.front().is_some_and(|head| head.id == id);
        if own
            && let Some(head) = self.pending.front()
            && head.applied
            && head.edit == *edit
        {
            // The owner took it as it was: it is applied here already.
            self.pending.pop_front();
            return Ok(());
        }
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

    /// The owner replaced the whole document, as of edit `seq`: nothing
    /// pending or logged before it counts any more.
    pub fn reset(&mut self, seq: u64) {
        self.seq = seq;
        self.pending.clear();
        self.log.clear();
    }

    /// What to send a new owner on rejoining (its welcome said it
    /// `resumes` the dead owner's order up to some edit): the logged
    /// edits after that point, and every own edit never answered. An
    /// owner of another order (a fresh one, which read the file) gets
    /// only the unanswered edits.
    pub fn resume(&self, resumes: Option<Resumes>) -> Message {
        let edits = match resumes {
            Some(r) if r.epoch == self.epoch => {
                self.log.iter().filter(|l| l.seq > r.seq).cloned().collect()
            }
            _ => Vec::new(),
        };
        Message::Resume {
            epoch: self.epoch,
            edits,
            pending: self
                .pending
                .iter()
                .map(|p| Proposal {
                    id: p.id,
                    edit: p.edit.clone(),
                })
                .collect(),
        }
    }

    /// Starts again as participant `me` of a new owner's order, from its
    /// welcome (the document is replaced by the caller).
    pub fn rejoined(&mut self, me: Who, seq: u64, epoch: u64) {
        self.me = me;
        self.epoch = epoch;
        self.reset(seq);
    }

    /// The hub of this editor taking the session over: it goes on from
    /// the last edit applied here, and knows the names of the logged and
    /// pending edits (the document holds them), so none comes back twice.
    pub fn take_over(&self) -> Hub {
        let known: HashSet<EditId> = self
            .log
            .iter()
            .map(|l| l.id)
            .chain(self.pending.iter().map(|p| p.id))
            .collect();
        Hub::taking_over(
            Resumes {
                epoch: self.epoch,
                seq: self.seq,
            },
            known,
            self.origin,
            self.made,
        )
    }
}
