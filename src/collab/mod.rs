//! Live co-editing: several editors on one document, on one machine (over
//! SSH). The editor that opens the document first owns the session: it
//! holds the lock and the journal and orders every edit ([`hub`]); the
//! others join over a Unix-domain socket beside the lock file ([`net`])
//! and keep a [`replica`]. Edits travel as [`crate::model::edit::Edit`]
//! values, so traffic is proportional to the edit; [`rebase`] carries an
//! edit made on an older state onto the current one by item id.
//! Nothing here knows about the terminal. docs/collaboration.md has the
//! protocol ([`protocol`]).

pub mod hub;
pub mod net;
pub mod protocol;
pub mod rebase;
pub mod replica;

pub use hub::{Hub, Ordered, Who};
pub use protocol::{EditId, Logged, Message, PROTOCOL, Peer, Place, Proposal, Resumes};
pub use replica::{Document, Replica};
