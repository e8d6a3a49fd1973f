//! The owner's side of a live session between keys: participants join
//! and leave, their edits are ordered by the hub and applied through
//! `history` (journaled like any edit) before they are sent on, saves
//! they ask for are done here. After a takeover, the edits a rejoining
//! participant sends (`resume`) that this document lacks are ordered
//! like proposals.

use crate::collab::net::Incoming;
use crate::collab::{EditId, Message, PROTOCOL, Peer, Who};
use crate::model::edit::Edit;
use crate::tui::app::{App, Tone};
use crate::tui::collab::{Collab, Role};

use super::history;

/// Handles everything that arrived. Returns whether anything did.
pub(super) fn receive(app: &mut App, collab: &mut Collab) -> bool {
    let mut changed = false;
    loop {
        let Role::Owner { server, .. } = &collab.role else {
            return changed;
        };
        let Ok(incoming) = server.incoming.try_recv() else {
            return changed;
        };
        changed = true;
        match incoming {
            Incoming::Joined { who, user, sender } => joined(app, collab, who, user, sender),
            Incoming::Left(who) => left(app, collab, who),
            Incoming::Message(who, message) => message_from(app, collab, who, message),
        }
    }
}

fn peers_of(people: &[Peer]) -> Message {
    Message::Peers {
        peers: people.to_vec(),
    }
}

fn joined(
    app: &mut App,
    collab: &mut Collab,
    who: Who,
    user: String,
    sender: std::sync::mpsc::Sender<Message>,
) {
    let Role::Owner { hub, peers, .. } = &mut collab.role else {
        return;
    };
    let document = match crate::store::to_toml(&app.doc) {
        Ok(text) => text,
        Err(e) => {
            let _ = sender.send(Message::Refused {
                reason: format!("the document cannot be sent: {e}"),
            });
            return;
        }
    };
    collab.people.push(Peer {
        who,
        user: user.clone(),
        owner: false,
    });
    let _ = sender.send(Message::Welcome {
        protocol: PROTOCOL,
        you: who,
        seq: hub.seq(),
        document,
        peers: collab.people.clone(),
        epoch: hub.epoch(),
        resumes: hub.resumes(),
    });
    // Where everyone is, so the newcomer's markers show at once.
    for (w, place) in &collab.places {
        let _ = sender.send(Message::Presence {
            who: *w,
            place: place.clone(),
        });
    }
    if let Some(place) = &collab.announced {
        let _ = sender.send(Message::Presence {
            who: collab.me,
            place: place.clone(),
        });
    }
    peers.add(who, sender);
    peers.broadcast(&peers_of(&collab.people));
    app.say(format!("{user} joined"), Tone::Info);
}

fn left(app: &mut App, collab: &mut Collab, who: Who) {
    let Role::Owner { hub, peers, .. } = &mut collab.role else {
        return;
    };
    peers.remove(who);
    hub.left(who);
    collab.places.remove(&who);
    if collab.following == Some(who) {
        collab.following = None;
    }
    let name = collab
        .people
        .iter()
        .find(|p| p.who == who)
        .map(|p| p.user.clone());
    collab.people.retain(|p| p.who != who);
    peers.broadcast(&peers_of(&collab.people));
    if let Some(name) = name {
        app.say(format!("{name} left"), Tone::Info);
    }
}

fn message_from(app: &mut App, collab: &mut Collab, who: Who, message: Message) {
    match message {
        Message::Propose { base, edit, id } => {
            if let Err(reason) = propose(app, collab, (who, false), base, &edit, id)
                && let Role::Owner { peers, .. } = &collab.role
            {
                peers.send(who, Message::Rejected { reason });
            }
        }
        Message::Resume {
            epoch,
            edits,
            pending,
        } => resume(app, collab, who, epoch, edits, pending),
        Message::Presence { place, .. } => {
            if let Role::Owner { peers, .. } = &collab.role {
                peers.broadcast(&Message::Presence {
                    who,
                    place: place.clone(),
                });
            }
            collab.places.insert(who, place);
        }
        Message::Save => {
            // The owner's own save, with its checks (changed on disk).
            let saved = super::files::save(app, None);
            let error = (!saved).then(|| {
                app.message
                    .as_ref()
                    .map_or_else(|| "not saved".to_string(), |(m, _)| m.clone())
            });
            if let Role::Owner { hub, peers, .. } = &collab.role {
                peers.broadcast(&Message::Saved {
                    seq: hub.seq(),
                    error,
                });
            }
        }
        _ => {}
    }
}

/// A participant rejoining after a takeover sent what it had: the edits
/// this document lacks are ordered now (on the document as it is; none
/// is answered with `rejected`, as the sender has nothing pending).
fn resume(
    app: &mut App,
    collab: &mut Collab,
    who: Who,
    epoch: u64,
    edits: Vec<crate::collab::Logged>,
    pending: Vec<crate::collab::Proposal>,
) {
    let Role::Owner { hub, .. } = &mut collab.role else {
        return;
    };
    let missing = hub.missing(epoch, edits, pending);
    let mut lost = 0;
    for proposal in missing {
        let Role::Owner { hub, .. } = &collab.role else {
            return;
        };
        let base = hub.seq();
        if propose(app, collab, (who, true), base, &proposal.edit, proposal.id).is_err() {
            lost += 1;
        }
    }
    if lost > 0 {
        app.say(
            format!("{lost} edit(s) sent again after the takeover no longer fit"),
            Tone::Error,
        );
    }
}

/// Orders a participant's edit, applies it here, sends it on; an error
/// says why it does not fit. A `resumed` edit (sent again after a
/// takeover) is not in its sender's document, so ids it had renamed are
/// not the sender's to follow.
fn propose(
    app: &mut App,
    collab: &mut Collab,
    (who, resumed): (Who, bool),
    base: u64,
    edit: &Edit,
    id: EditId,
) -> Result<(), String> {
    let Role::Owner { hub, peers, .. } = &mut collab.role else {
        return Ok(());
    };
    crate::store::check_edit(&app.doc, edit).map_err(|e| e.to_string())?;
    let ordered = hub.order(&mut app.doc, who, base, edit)?;
    history::apply_remote(app, &ordered.edit)?;
    let renames = if resumed { &[][..] } else { &ordered.renamed };
    let seq = hub.confirm(who, &ordered.edit, renames);
    peers.broadcast(&Message::Applied {
        seq,
        author: who,
        edit: ordered.edit,
        renamed: ordered.renamed,
        id,
    });
    for (earlier, restore, field) in ordered.superseded {
        if earlier == collab.me {
            super::collab_participant::superseded(app, collab, who, &field, restore);
        } else if let Role::Owner { peers, .. } = &collab.role {
            peers.send(
                earlier,
                Message::Superseded {
                    by: who,
                    field,
                    restore,
                },
            );
        }
    }
    Ok(())
}
