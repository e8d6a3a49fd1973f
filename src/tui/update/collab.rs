//! The live session in `update`: hosting it (the first editor on a
//! document), joining it (the next ones), and between keys the messages
//! that arrive — every edit from another participant goes through
//! `history`'s one apply-and-record path as a remote edit. Also the
//! markers' presence, following someone, and taking the session over
//! when its owner is gone.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::collab::net::{Client, JoinError, Peers, Server, Welcome};
use crate::collab::rebase::{self, Mode};
use crate::collab::{Document, Hub, Message, PROTOCOL, Peer, Place, Replica, Who};
use crate::model::edit::Edit;
use crate::store::lock::{self, LockAttempt, LockOwner};
use crate::tui::app::{App, Origin, Pane, Tone};
use crate::tui::collab::{Collab, Role};

use super::history::{self, Saved};

fn own_path(app: &App) -> Option<PathBuf> {
    match &app.origin {
        Origin::File(p) => Some(p.clone()),
        _ => None,
    }
}

fn me() -> String {
    LockOwner::current().user
}

/// Starts a session on the document whose lock this editor just took:
/// others can join from now on. Without a socket (a folder that does not
/// take one) the editor works alone, as before.
pub fn host(app: &mut App) {
    let Some(path) = own_path(app) else {
        return;
    };
    host_from(app, &path, 0, 0, 1);
}

/// Hosts as participant `me_who`, edits numbered on from `seq`, joiners
/// numbered from `first`.
fn host_from(app: &mut App, path: &Path, me_who: Who, seq: u64, first: Who) {
    match Server::bind(path, first) {
        Ok(server) => {
            let user = me();
            app.collab = Some(Collab {
                role: Role::Owner {
                    hub: Hub::new(seq),
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
    start_participant(app, client, welcome, doc, Vec::new());
    Ok(())
}

fn start_participant(
    app: &mut App,
    client: Client,
    welcome: Welcome,
    doc: crate::model::Postmortem,
    again: Vec<Edit>,
) {
    app.session.read_only = false;
    history::replace_document(app, doc, Saved::Yes);
    app.collab = Some(Collab {
        role: Role::Participant {
            replica: Replica::new(welcome.you, welcome.seq),
            client,
        },
        me: welcome.you,
        user: me(),
        people: welcome.peers,
        places: Default::default(),
        announced: None,
        following: None,
    });
    // Own edits the last owner never answered: proposed again.
    for edit in again {
        if let Ok(edit) = rebase::rebase(&mut app.doc, &edit, Mode::LaterWins) {
            history::commit(app, edit);
        }
    }
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
            let seq = hub.confirm(me, edit, &[]);
            peers.broadcast(&Message::Applied {
                seq,
                author: me,
                edit: edit.clone(),
                renamed: Vec::new(),
            });
        }
        Role::Participant { replica, client } => {
            let base = replica.proposed(edit.clone());
            client.send(Message::Propose {
                base,
                edit: edit.clone(),
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

/// Between keys: handles what arrived, tells the others where this
/// editor is, follows whom it follows. Returns whether anything changed.
pub fn tick(app: &mut App) -> bool {
    let Some(mut collab) = app.collab.take() else {
        return false;
    };
    let selected = (app.focus, app.selected_id(app.focus));
    let mut changed = match collab.role {
        Role::Owner { .. } => super::collab_owner::receive(app, &mut collab),
        Role::Participant { .. } => receive(app, &mut collab),
        Role::Orphan { .. } => take_over(app, &mut collab),
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
    changed |= follow(app, &collab);
    announce(app, &mut collab);
    if app.collab.is_none() {
        app.collab = Some(collab);
    }
    changed
}

/// Where this editor is now.
fn place(app: &App) -> Place {
    Place {
        pane: app.focus.title().to_string(),
        item: app.selected_id(app.focus),
    }
}

fn announce(app: &App, collab: &mut Collab) {
    let here = place(app);
    if collab.announced.as_ref() == Some(&here) {
        return;
    }
    let me = collab.me;
    match &collab.role {
        Role::Owner { peers, .. } => peers.broadcast(&Message::Presence {
            who: me,
            place: here.clone(),
        }),
        Role::Participant { client, .. } => client.send(Message::Presence {
            who: me,
            place: here.clone(),
        }),
        Role::Orphan { .. } => return,
    }
    collab.announced = Some(here);
}

/// Mirrors the followed participant's pane and selection.
fn follow(app: &mut App, collab: &Collab) -> bool {
    let Some(place) = collab.following.and_then(|w| collab.places.get(&w)) else {
        return false;
    };
    let Some(pane) = Pane::ALL.iter().copied().find(|p| p.title() == place.pane) else {
        return false;
    };
    let before = (app.focus, app.selected_id(app.focus));
    match (pane.list(), &place.item) {
        (Some(list), Some(id)) => super::nav::select_id(app, list, id),
        _ => app.focus = pane,
    }
    app.focus = pane;
    before != (app.focus, app.selected_id(app.focus))
}

/// A participant's messages.
fn receive(app: &mut App, collab: &mut Collab) -> bool {
    let mut changed = false;
    loop {
        let Role::Participant { replica, client } = &mut collab.role else {
            return changed;
        };
        let message = match client.inbox.try_recv() {
            Ok(Some(message)) => message,
            Ok(None) | Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                orphan(app, collab);
                return true;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => return changed,
        };
        changed = true;
        match message {
            Message::Applied {
                seq,
                author,
                edit,
                renamed,
            } => {
                if let Err(e) = replica.applied(&mut Live(app), seq, author, &edit, &renamed) {
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
            Message::Document { seq, document } => {
                let path = own_path(app).unwrap_or_default();
                if let Ok(doc) = crate::store::parse(&document, &path) {
                    *replica = Replica::new(collab.me, seq);
                    history::replace_document(app, doc, Saved::Yes);
                    app.say("the owner reloaded the document", Tone::Info);
                }
            }
            _ => {}
        }
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

/// The owner's connection closed: take the session over, or join who did.
fn orphan(app: &mut App, collab: &mut Collab) {
    let Role::Participant { replica, .. } = &collab.role else {
        return;
    };
    // The lowest numbers try first, so one takes the lock and the others
    // find it held and join.
    let rank = collab
        .others()
        .filter(|p| !p.owner && p.who < collab.me)
        .count() as u64;
    collab.role = Role::Orphan {
        replica: replica.clone(),
        retry: Instant::now() + Duration::from_millis(300 * rank),
        tries: 60,
    };
    collab.people.retain(|p| !p.owner);
    app.say("the session's owner left: taking over…", Tone::Info);
}

fn take_over(app: &mut App, collab: &mut Collab) -> bool {
    let Role::Orphan {
        replica,
        retry,
        tries,
    } = &mut collab.role
    else {
        return false;
    };
    if Instant::now() < *retry {
        return false;
    }
    let Some(path) = own_path(app) else {
        return false;
    };
    *tries = tries.saturating_sub(1);
    *retry = Instant::now() + Duration::from_millis(250);
    match lock::acquire(&path) {
        Ok(LockAttempt::Acquired { lock, .. }) => {
            app.session.lock = Some(lock);
            app.session.stamp = crate::store::disk_stamp(&path).ok().flatten();
            super::session::start_journal_unsaved(app);
            let (me, seq) = (collab.me, replica.seq);
            // Numbers go on from the highest seen, so none is reused.
            let next = collab
                .people
                .iter()
                .map(|p| p.who)
                .max()
                .unwrap_or(me)
                .max(me);
            app.collab = None;
            host_from(app, &path, me, seq, next + 1);
            // The edits the owner had not saved are ours to save now.
            let on_disk = crate::store::load(&path).map(|loaded| loaded.doc).ok();
            if on_disk.as_ref() != Some(&app.doc) {
                app.history.clean = None;
            }
            app.say(
                "the owner left: this editor owns the session now, with every edit acknowledged so far",
                Tone::Info,
            );
            true
        }
        Ok(LockAttempt::Held(_)) => match Client::join(&path, &collab.user) {
            Ok((client, welcome)) => {
                let again = replica.pending_edits();
                match crate::store::parse(&welcome.document, &path) {
                    Ok(doc) => {
                        app.collab = None;
                        start_participant(app, client, welcome, doc, again);
                        true
                    }
                    Err(e) => give_up(app, collab, &e.to_string()),
                }
            }
            Err(JoinError::NoSession(_)) if *tries > 0 => false,
            Err(e) => give_up(app, collab, &e.to_string()),
        },
        Err(e) => give_up(app, collab, &e.to_string()),
    }
}

fn give_up(app: &mut App, collab: &mut Collab, why: &str) -> bool {
    if let Role::Orphan { tries, .. } = collab.role
        && tries > 0
    {
        return false;
    }
    app.session.read_only = true;
    app.collab = None;
    collab.people.clear();
    app.say(
        format!("the live session ended ({why}): read-only, :w OTHER saves a copy"),
        Tone::Error,
    );
    true
}

/// `:follow NAME`: mirror NAME's pane and selection until a key.
pub fn start_following(app: &mut App, name: &str) {
    let Some(collab) = app.collab.as_mut() else {
        app.say("not in a live session", Tone::Error);
        return;
    };
    let found = if name.trim().is_empty() {
        collab
            .others()
            .find(|p| p.owner)
            .or_else(|| collab.others().next())
    } else {
        collab.find(name)
    };
    match found.map(|p| (p.who, p.user.clone())) {
        Some((who, user)) => {
            collab.following = Some(who);
            app.say(format!("following {user}: any key stops"), Tone::Info);
        }
        None => app.say(
            format!("nobody called {name:?} in this session"),
            Tone::Error,
        ),
    }
}

/// A key while following: stops following (and the key does nothing
/// else). Returns whether it did.
pub fn stop_following(app: &mut App) -> bool {
    let Some(collab) = app.collab.as_mut() else {
        return false;
    };
    if collab.following.take().is_none() {
        return false;
    }
    app.say("stopped following", Tone::Info);
    true
}

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
                    format!("{} {}{role}{you}", p.initials(), p.user)
                })
                .collect();
            format!("live session (protocol {PROTOCOL}): {}", people.join(", "))
        }
    }
}
