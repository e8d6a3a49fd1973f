//! The messages of a session, one JSON object per line (`serde_json`
//! writes no raw newline inside a value, so a line is a frame). The first
//! message each way is the handshake: `hello` from the participant with
//! its protocol version, `welcome` (or `refused`, with a reason to show)
//! from the owner. docs/collaboration.md describes every message.

use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use super::hub::Who;
use crate::model::edit::Edit;

/// The protocol version this debrief speaks.
pub const PROTOCOL: u32 = 2;

/// The longest line read (a whole document travels in `welcome`).
pub const MAX_LINE: u64 = 80 * 1024 * 1024;

/// Someone in the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    /// Their number in the session.
    pub who: Who,
    /// Login name.
    pub user: String,
    /// Whether they own the session (hold the lock and the journal).
    pub owner: bool,
}

impl Peer {
    /// Up to two letters for markers: `alice` → `AL`, `bob.smith` → `BS`.
    pub fn initials(&self) -> String {
        let parts: Vec<&str> = self
            .user
            .split(|c: char| !c.is_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        let letters: String = match parts.as_slice() {
            [] => "?".into(),
            [one] => one.chars().take(2).collect(),
            [first, .., last] => first.chars().take(1).chain(last.chars().take(1)).collect(),
        };
        letters.to_uppercase()
    }
}

/// An edit's name, kept through takeovers: the token of the editor that
/// made it and its count there. A participant that rejoins after a
/// takeover sends edits by name, so none is applied twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct EditId {
    /// The token of the editor that made it ([`token`]).
    pub origin: u64,
    /// Its count in that editor.
    pub n: u64,
}

/// A random number naming this editor's edits and, for an owner, its
/// order of edits (an epoch).
pub fn token() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.finish()
}

/// An ordered edit a participant applied, by its number in the order of
/// the owner it had then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logged {
    /// Its number.
    pub seq: u64,
    /// Its name.
    pub id: EditId,
    /// The edit, as ordered.
    pub edit: Edit,
}

/// An own edit a participant sent and never saw answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// Its name.
    pub id: EditId,
    /// The edit.
    pub edit: Edit,
}

/// The order an owner took over: every edit of `epoch` up to `seq` is in
/// its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resumes {
    /// The dead owner's order.
    pub epoch: u64,
    /// The last of its edits the new owner has.
    pub seq: u64,
}

/// Where someone is: their pane and selected item or field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Place {
    /// The pane's title (`Timeline`, `Whys`, …).
    pub pane: String,
    /// The selected item's id, or the field's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// Participant → owner, first: who is asking, in which version.
    Hello {
        /// The sender's protocol version.
        protocol: u32,
        /// Login name.
        user: String,
    },
    /// Owner → participant: you are in.
    Welcome {
        /// The owner's protocol version.
        protocol: u32,
        /// Your number.
        you: Who,
        /// The number of the last ordered edit, which `document` holds.
        seq: u64,
        /// The document as TOML.
        document: String,
        /// Everyone in the session.
        peers: Vec<Peer>,
        /// This owner's order of edits (a token).
        #[serde(default)]
        epoch: u64,
        /// The dead owner's order this one took over, and how far.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resumes: Option<Resumes>,
    },
    /// Owner → participant: not let in, and why (shown as it is).
    Refused {
        /// The reason.
        reason: String,
    },
    /// Participant → owner: an edit made after edit `base`.
    Propose {
        /// The last ordered edit the sender had applied.
        base: u64,
        /// The edit.
        edit: Edit,
        /// Its name.
        #[serde(default)]
        id: EditId,
    },
    /// Owner → all: edit number `seq`, as it applies in order.
    Applied {
        /// Its number.
        seq: u64,
        /// Its author.
        author: Who,
        /// The edit.
        edit: Edit,
        /// Ids of the author's new items that got another id.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        renamed: Vec<(String, String)>,
        /// Its name (as proposed).
        #[serde(default)]
        id: EditId,
    },
    /// Participant → owner, right after `welcome` when it rejoins after a
    /// takeover: the edits of the dead owner's order it applied after
    /// the point the new owner `resumes`, and its own edits never
    /// answered. The owner orders those it lacks.
    Resume {
        /// The dead owner's order the `edits` are numbered in.
        epoch: u64,
        /// Ordered edits the new owner may lack, in order.
        edits: Vec<Logged>,
        /// Own edits never answered, in order.
        pending: Vec<Proposal>,
    },
    /// Owner → author: the oldest pending edit does not fit any more.
    Rejected {
        /// Why.
        reason: String,
    },
    /// Owner → earlier author: a later edit overwrote your change.
    Superseded {
        /// Who wrote over it.
        by: Who,
        /// The field (`Title`, `T5.text`).
        field: String,
        /// The edit that puts your text back (kept for one undo).
        restore: Edit,
    },
    /// Anyone → owner → all: where someone is.
    Presence {
        /// Who (set by the owner when relaying).
        #[serde(default)]
        who: Who,
        /// Where.
        place: Place,
    },
    /// Owner → all: the participants now.
    Peers {
        /// Everyone in the session.
        peers: Vec<Peer>,
    },
    /// Owner → all: the whole document was replaced (the owner reloaded
    /// it from disk or recovered a journal): it holds every edit up to
    /// `seq`.
    Document {
        /// The number it stands at.
        seq: u64,
        /// The document as TOML.
        document: String,
    },
    /// Participant → owner: save the document.
    Save,
    /// Owner → all: the document was saved with every edit up to `seq`
    /// (or not, with the reason).
    Saved {
        /// The last edit in the file.
        seq: u64,
        /// The error, when the save failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
}

/// Writes one message as a line.
pub fn write<W: Write>(out: &mut W, message: &Message) -> io::Result<()> {
    let mut line = serde_json::to_vec(message).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)?;
    out.flush()
}

/// Reads one message; `None` at the end of the stream. A line that is
/// not a message of this version is an `InvalidData` error naming it.
pub fn read<R: BufRead>(input: &mut R) -> io::Result<Option<Message>> {
    let mut line = Vec::new();
    let n = io::Read::take(&mut *input, MAX_LINE).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.last() != Some(&b'\n') && n as u64 >= MAX_LINE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a session message longer than the limit",
        ));
    }
    serde_json::from_slice(&line).map(Some).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not a debrief session message: {e}"),
        )
    })
}

/// The reason given to a participant speaking another version.
pub fn version_refusal(theirs: u32) -> String {
    format!(
        "this session speaks debrief protocol {PROTOCOL}, you speak {theirs}: \
         use the same debrief version as the session's owner"
    )
}

/// The version a first line asks for, read loosely (any `protocol`
/// number in a JSON object), so a newer participant whose hello has
/// other fields still gets a clear refusal rather than a parse error.
pub fn protocol_of(line: &[u8]) -> Option<u32> {
    let value: serde_json::Value = serde_json::from_slice(line).ok()?;
    value
        .get("protocol")?
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::DocField;

    #[test]
    fn a_resume_reads_back_as_written() {
        let edit = Edit::SetText {
            field: DocField::Summary,
            before: "a".into(),
            after: "b".into(),
        };
        let id = EditId {
            origin: u64::MAX - 3,
            n: 2,
        };
        let message = Message::Resume {
            epoch: token(),
            edits: vec![Logged {
                seq: 2,
                id,
                edit: edit.clone(),
            }],
            pending: vec![Proposal { id, edit }],
        };
        let mut line = Vec::new();
        write(&mut line, &message).expect("write");
        let back = read(&mut line.as_slice()).expect("reads");
        assert_eq!(back, Some(message));
    }
}
