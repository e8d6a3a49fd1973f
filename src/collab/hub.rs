//! The owner's sequencer: the one place the order of edits is decided.
//! A participant's edit, made on the state after edit `base`, is carried
//! onto the document as it is now ([`rebase`](super::rebase)), given the
//! next sequence number and then applied, journaled and sent on by the
//! caller. When it changes a field someone else changed after `base`,
//! the later one wins and the earlier author gets an edit that puts
//! their text back (one undo).

use std::collections::{HashMap, HashSet};

use crate::model::Postmortem;
use crate::model::edit::Edit;

use super::protocol::{EditId, Logged, Proposal, Resumes, token};

use super::rebase::{self, Mode, changed_keys, fresh_ids, rename_ids, with_fields};

/// A participant's number in a session (the owner's included).
pub type Who = u32;

/// An edit given its place in the order.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered {
    /// The edit as it applies to the owner's document now.
    pub edit: Edit,
    /// Items of the author that got a new id (someone added one with the
    /// same id first): old, new.
    pub renamed: Vec<(String, String)>,
    /// Earlier authors whose change this one overwrote, each with the
    /// edit that puts their text back, and what was overwritten.
    pub superseded: Vec<(Who, Edit, String)>,
}

/// Orders the edits of a session.
#[derive(Debug, Default)]
pub struct Hub {
    seq: u64,
    /// Who last changed each field (`Title`, `T5.text`), at which number.
    writers: HashMap<String, (u64, Who)>,
    /// Per author, ids the hub renamed and from which number on the
    /// author knows: their edits made earlier still use the old id.
    renames: HashMap<Who, Vec<(u64, String, String)>>,
    /// This order's token (its epoch), also naming the owner's edits.
    origin: u64,
    /// The owner's own edits so far.
    made: u64,
    /// After a takeover: how far the dead owner's order is in the
    /// document, and the names of edits in it that came another way.
    taken: Option<Taken>,
}

/// What a hub that took a session over knows of the dead owner's order.
#[derive(Debug)]
struct Taken {
    resumes: Resumes,
    known: HashSet<EditId>,
}

/// The fields an edit changes, for noticing two changes of one field.
pub fn fields_of(edit: &Edit) -> Vec<String> {
    match edit {
        Edit::SetText { field, .. } => vec![format!("{field:?}")],
        Edit::Replace { before, after, .. } => changed_keys(before, after)
            .into_iter()
            .map(|k| format!("{}.{k}", after.id()))
            .collect(),
        Edit::Batch(edits) => edits.iter().flat_map(fields_of).collect(),
        _ => Vec::new(),
    }
}

impl Hub {
    /// A hub whose last edit had number `seq` (a session taken over goes
    /// on counting where the last owner stopped).
    pub fn new(seq: u64) -> Hub {
        Hub {
            seq,
            origin: token(),
            ..Hub::default()
        }
    }

    /// The hub of an editor taking a session over: its document holds
    /// the dead owner's order up to `resumes.seq` and the edits named
    /// `known`; its own edits go on being named from `origin` and `made`.
    pub fn taking_over(resumes: Resumes, known: HashSet<EditId>, origin: u64, made: u64) -> Hub {
        Hub {
            seq: resumes.seq,
            origin,
            made,
            taken: Some(Taken { resumes, known }),
            ..Hub::default()
        }
    }

    /// This order's token, sent in `welcome`.
    pub fn epoch(&self) -> u64 {
        self.origin
    }

    /// The dead owner's order this hub took over, and how far its
    /// document holds it (sent in `welcome`).
    pub fn resumes(&self) -> Option<Resumes> {
        self.taken.as_ref().map(|t| t.resumes)
    }

    /// The name of the owner's next own edit.
    pub fn next_id(&mut self) -> EditId {
        self.made += 1;
        EditId {
            origin: self.origin,
            n: self.made,
        }
    }

    /// The whole document was replaced: no earlier order resumes.
    pub fn replaced(&mut self) {
        self.taken = None;
    }

    /// Of what a rejoining participant sent (`edits` numbered in the
    /// order `epoch`, then its unanswered `pending`), the edits this
    /// document lacks, in order, each to be ordered as new. Each edit is
    /// let through once, whoever sends it: the dead owner's edits by
    /// number, any by name.
    pub fn missing(
        &mut self,
        epoch: u64,
        edits: Vec<Logged>,
        pending: Vec<Proposal>,
    ) -> Vec<Proposal> {
        let mut out = Vec::new();
        let Some(taken) = self.taken.as_mut() else {
            // A fresh owner read the file: only unanswered edits count.
            return pending;
        };
        if epoch == taken.resumes.epoch {
            for logged in edits {
                if logged.seq <= taken.resumes.seq {
                    continue;
                }
                taken.resumes.seq = logged.seq;
                if taken.known.insert(logged.id) {
                    out.push(Proposal {
                        id: logged.id,
                        edit: logged.edit,
                    });
                }
            }
        }
        out.extend(pending.into_iter().filter(|p| taken.known.insert(p.id)));
        out
    }

    /// The number of the last ordered edit.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Places `author`'s `edit`, made after edit `base`, on `doc` as it is
    /// now. `doc` is unchanged on return; an error says why the edit no
    /// longer fits (the item it changes was deleted).
    pub fn order(
        &mut self,
        doc: &mut Postmortem,
        author: Who,
        base: u64,
        edit: &Edit,
    ) -> Result<Ordered, String> {
        let known: Vec<(String, String)> = self
            .renames
            .get(&author)
            .map(|r| {
                r.iter()
                    .filter(|(at, ..)| *at > base)
                    .map(|(_, old, new)| (old.clone(), new.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let edit = rename_ids(edit, &known);
        let (edit, renamed) = fresh_ids(doc, &edit);
        let edit = rebase::rebase(doc, &edit, Mode::LaterWins)?;
        let mut superseded: Vec<(Who, Edit, String)> = Vec::new();
        for leaf in leaves(&edit) {
            for field in fields_of(leaf) {
                let Some(&(at, earlier)) = self.writers.get(&field) else {
                    continue;
                };
                if at <= base || earlier == author {
                    continue;
                }
                if let Some(restore) = restore(leaf, &field) {
                    superseded.push((earlier, restore, field));
                }
            }
        }
        Ok(Ordered {
            edit,
            renamed,
            superseded,
        })
    }

    /// Records that `edit` by `author` was applied: returns its number.
    pub fn confirm(&mut self, author: Who, edit: &Edit, renamed: &[(String, String)]) -> u64 {
        self.seq += 1;
        for field in fields_of(edit) {
            self.writers.insert(field, (self.seq, author));
        }
        if !renamed.is_empty() {
            let list = self.renames.entry(author).or_default();
            list.extend(
                renamed
                    .iter()
                    .map(|(old, new)| (self.seq, old.clone(), new.clone())),
            );
        }
        self.seq
    }

    /// Forgets what a participant who left needs no more.
    pub fn left(&mut self, who: Who) {
        self.renames.remove(&who);
    }
}

fn leaves(edit: &Edit) -> Vec<&Edit> {
    match edit {
        Edit::Batch(edits) => edits.iter().flat_map(leaves).collect(),
        other => vec![other],
    }
}

/// The edit that puts back what `leaf` overwrote in `field`.
fn restore(leaf: &Edit, field: &str) -> Option<Edit> {
    match leaf {
        Edit::SetText { .. } => Some(leaf.inverse()),
        Edit::Replace {
            index,
            before,
            after,
        } => {
            let key = field.rsplit_once('.').map(|(_, k)| k.to_string())?;
            let back = with_fields(after, before, &[key]).ok()?;
            Some(Edit::Replace {
                index: *index,
                before: after.clone(),
                after: back,
            })
        }
        _ => None,
    }
}
