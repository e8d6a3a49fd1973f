//! A participant's side of a live session between keys: what the owner
//! sends is applied through `history`'s one apply-and-record path (as a
//! remote edit), with the replica taking own pending edits back and
//! putting them on top again.

use crate::collab::{Document, Message, Replica, Who};
use crate::model::edit::Edit;
use crate::tui::app::{App, Tone};
use crate::tui::collab::{Collab, Role};

use super::history::{self, Saved};

/// Applies what the session sends through `history`.
struct Live<'a>(&'a mut App);

impl Document for Live<'_> {
    fn doc_mut(&mut self) -> &mut crate::model::Postmortem {
        &mut self.0.doc
    }

    fn apply(&mut self, edit: &Edit) -> Result<(), String> {
        history::apply_remote(self.0, edit)
    }
}

/// A participant's messages. Returns whether any arrived.
pub(super) fn receive(app: &mut App, collab: &mut Collab) -> bool {
    let mut changed = false;
    loop {
        let Role::Participant { replica, client } = &mut collab.role else {
            return changed;
        };
        let message = match client.inbox.try_recv() {
            Ok(Some(message)) => message,
            Ok(None) | Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                super::collab_takeover::orphan(app, collab);
                return true;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => return changed,
        };
        changed = true;
        match message {
            Message::Applied {
                seq,
                edit,
                renamed,
                id,
                ..
            } => {
                if let Err(e) = replica.applied(&mut Live(app), seq, id, &edit, &renamed) {
                    app.say(
                        format!("the session's edit {seq} did not apply: {e}"),
                        Tone::Error,
                    );
                }
            }
            Message::Rejected { reason } => {
                let _ = replica.rejected(&mut Live(app));
                app.say(format!("your edit was not taken: {reason}"), Tone::Error);
            }
            Message::Superseded { by, field, restore } => {
                superseded(app, collab, by, &field, restore)
            }
            Message::Presence { who, place } => {
                collab.places.insert(who, place);
            }
            Message::Peers { peers } => collab.people = peers,
            Message::Saved { error: None, .. } => {
                app.history.clean = Some(app.history.undo.len());
                app.say("saved (by the session's owner)", Tone::Info);
            }
            Message::Saved { error: Some(e), .. } => {
                app.say(format!("the owner could not save: {e}"), Tone::Error)
            }
            Message::Document { seq, document } => reloaded(app, replica, seq, &document),
            _ => {}
        }
    }
}

/// The owner replaced the whole document.
fn reloaded(app: &mut App, replica: &mut Replica, seq: u64, document: &str) {
    let path = super::collab::own_path(app).unwrap_or_default();
    if let Ok(doc) = crate::store::parse(document, &path) {
        replica.reset(seq);
        history::replace_document(app, doc, Saved::Yes);
        app.say("the owner reloaded the document", Tone::Info);
    }
}

/// Someone's later change of a field overwrote this editor's: told, and
/// one undo puts it back.
pub(super) fn superseded(app: &mut App, collab: &Collab, by: Who, field: &str, restore: Edit) {
    let name = collab
        .people
        .iter()
        .find(|p| p.who == by)
        .map_or_else(|| format!("participant {by}"), |p| p.user.clone());
    // Undo applies the inverse of what is on the stack.
    app.history.undo.push(restore.inverse());
    app.history.redo.clear();
    app.say(
        format!("{name} changed {field} after you: u puts your text back"),
        Tone::Error,
    );
}
