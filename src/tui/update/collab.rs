//! The live session in `update`: hosting it (the first editor on a
//! document), joining it (the next ones), what an edit made here sends,
//! and between keys the dispatch of what arrived. The rest is split by
//! job: `collab_owner` (the owner's side), `collab_participant` (a
//! participant's messages, applied through `history`'s one path),
//! `collab_takeover` (the owner is gone) and `collab_presence` (markers
//! and following).

use std::path::{Path, PathBuf};

use crate::collab::net::{Client, Peers, Server, Welcome};
use crate::collab::rebase;
use crate::collab::{Hub, Message, PROTOCOL, Peer, Replica, Who};
use crate::model::edit::Edit;
use crate::store::lock::LockOwner;
use crate::tui::app::{App, Origin, Tone};
use crate::tui::collab::{Collab, Role};

use super::history::{self, Saved};

pub(super) fn own_path(app: &App) -> Option<PathBuf> {
    match &app.origin {
        Origin::File(p) => Some(p.clone()),
        _ => None,
    }
}

pub(super) fn me() -> String {
    LockOwner::current().user
}

/// Starts a session on the document whose lock this editor just took:
/// others can join from now on. Without a socket (a folder that does not
/// take one) the editor works alone, as before.
pub fn host(app: &mut App) {
    let Some(path) = own_path(app) else {
        return;
    };
    host_with(app, &path, 0, Hub::new(0), 1);
}

/// Hosts as participant `me_who` with the order `hub`, joiners numbered
/// from `first`.
pub(super) fn host_with(app: &mut App, path: &Path, me_who: Who, hub: Hub, first: Who) {
    match Server::bind(path, first) {
        Ok(server) => {
            let user = me();
            app.collab = Some(Collab {
                role: Role::Owner {
                    hub,
                    server,
                    peers: Peers::default(),
                },
                me: me_who,
                people: vec![Peer {
                    who: me_who,
                    user: user.clone(),
                    owner: true,
                }],
                user,
                places: Default::default(),
                announced: None,
                following: None,
            });
        }
        Err(e) => app.say(
            format!("others cannot join this session (no socket: {e})"),
            Tone::Error,
        ),
    }
}

/// Joins the session of the editor holding the lock on the document.
/// Returns the reason when there is none to join.
pub fn join(app: &mut App) -> Result<(), String> {
    let path = own_path(app).ok_or("not a file")?;
    let (client, welcome) = Client::join(&path, &me()).map_err(|e| e.to_string())?;
    let doc = crate::store::parse(&welcome.document, &path).map_err(|e| e.to_string())?;
    let replica = Replica::new(welcome.you, welcome.seq);
    start_participant(app, client, welcome, doc, replica);
    Ok(())
}

/// Starts taking part with the owner's welcome. `replica` is this
/// editor's state before (a fresh one on a first join): after a takeover
/// it sends the new owner the edits it may lack.
pub(super) fn start_participant(
    app: &mut App,
    client: Client,
    welcome: Welcome,
    doc: crate::model::Postmortem,
    mut replica: Replica,
) {
    app.session.read_only = false;
    history::replace_document(app, doc, Saved::Yes);
    let resume = replica.resume(welcome.resumes);
    replica.rejoined(welcome.you, welcome.seq, welcome.epoch);
    if let Message::Resume { edits, pending, .. } = &resume
        && !(edits.is_empty() && pending.is_empty())
    {
        client.send(resume);
    }
    app.collab = Some(Collab {
        role: Role::Participant { replica, client },
        me: welcome.you,
        user: me(),
        people: welcome.peers,
        places: Default::default(),
        announced: None,
        following: None,
    });
    let others = app.collab.as_ref().map_or(0, |c| c.others().count());
    app.say(
        format!("joined the live session ({others} other{})", plural(others)),
        Tone::Info,
    );
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Whether this editor takes part in a session without owning it.
pub fn is_participant(app: &App) -> bool {
    app.collab.as_ref().is_some_and(|c| !c.is_owner())
}

/// An edit made here (a key, undo, redo) was applied: the owner orders
/// it at once and sends it on; a participant sends it to the owner.
pub fn local(app: &mut App, edit: &Edit) {
    let Some(collab) = app.collab.as_mut() else {
        return;
    };
    let me = collab.me;
    match &mut collab.role {
        Role::Owner { hub, peers, .. } => {
            let id = hub.next_id();
            let seq = hub.confirm(me, edit, &[]);
            peers.broadcast(&Message::Applied {
                seq,
                author: me,
                edit: edit.clone(),
                renamed: Vec::new(),
                id,
            });
        }
        Role::Participant { replica, client } => {
            let (base, id) = replica.proposed(edit.clone());
            client.send(Message::Propose {
                base,
                edit: edit.clone(),
                id,
            });
        }
        Role::Orphan { replica, .. } => {
            replica.proposed(edit.clone());
        }
    }
}

/// A participant's edit in the form the owner can place by id (moves as
/// removal and insertion).
pub fn portable(app: &mut App, edit: Edit) -> Edit {
    if is_participant(app) {
        rebase::portable(&mut app.doc, &edit)
    } else {
        edit
    }
}

/// The whole document was replaced (reload, recovery) at the owner:
/// everyone gets it.
pub fn replaced(app: &mut App) {
    let Some(Collab {
        role: Role::Owner { hub, peers, .. },
        me,
        ..
    }) = app.collab.as_mut()
    else {
        return;
    };
    hub.replaced();
    let seq = hub.confirm(*me, &Edit::Batch(Vec::new()), &[]);
    if let Ok(document) = crate::store::to_toml(&app.doc) {
        peers.broadcast(&Message::Document { seq, document });
    }
}

/// Asks the owner to save (a participant's ctrl-s). False when this
/// editor is not a participant.
pub fn request_save(app: &mut App) -> bool {
    let Some(Collab {
        role: Role::Participant { client, .. },
        ..
    }) = app.collab.as_ref()
    else {
        return false;
    };
    client.send(Message::Save);
    app.say("asked the session's owner to save", Tone::Info);
    true
}

/// Between keys: handles what arrived, tells the others where this
/// editor is, follows whom it follows. Returns whether anything changed.
pub fn tick(app: &mut App) -> bool {
    let Some(mut collab) = app.collab.take() else {
        return false;
    };
    let selected = (app.focus, app.selected_id(app.focus));
    let mut changed = match collab.role {
        Role::Owner { .. } => super::collab_owner::receive(app, &mut collab),
        Role::Participant { .. } => super::collab_participant::receive(app, &mut collab),
        Role::Orphan { .. } => super::collab_takeover::take_over(app, &mut collab),
    };
    if changed && let (pane, Some(id)) = selected {
        // Keep the selection on its item when others' edits moved it.
        if let Some(list) = pane.list()
            && app.focus == pane
        {
            let focus = app.focus;
            super::nav::select_id(app, list, &id);
            app.focus = focus;
        }
    }
    changed |= super::collab_presence::follow(app, &collab);
    super::collab_presence::announce(app, &mut collab);
    if app.collab.is_none() {
        app.collab = Some(collab);
    }
    changed
}

pub use super::collab_presence::{start_following, stop_following};

/// The protocol version, for `:who`.
pub fn describe(app: &App) -> String {
    match &app.collab {
        None => "not in a live session".to_string(),
        Some(c) => {
            let people: Vec<String> = c
                .people
                .iter()
                .map(|p| {
                    let role = if p.owner { " (owner)" } else { "" };
                    let you = if p.who == c.me { " (you)" } else { "" };
                    format!("{} {}{role}{you}", c.marker(p), p.user)
                })
                .collect();
            format!("live session (protocol {PROTOCOL}): {}", people.join(", "))
        }
    }
}
