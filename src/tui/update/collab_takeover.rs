//! The owner of a live session is gone (its editor quit or was killed,
//! its SSH connection dropped): the participants take the session over.
//! The lock file is the arbiter: exactly one takes it (created with
//! O_EXCL) and owns the session with every edit it has; the others find
//! it held and join it, sending the edits it may lack (the
//! replica's log and their own unanswered edits), which it orders once.

use std::time::{Duration, Instant};

use crate::collab::net::{Client, JoinError};
use crate::store::lock::{self, LockAttempt};
use crate::tui::app::{App, Tone};
use crate::tui::collab::{Collab, Role};

/// The owner's connection closed: take the session over, or join who did.
pub(super) fn orphan(app: &mut App, collab: &mut Collab) {
    let Role::Participant { replica, .. } = &collab.role else {
        return;
    };
    // The lowest numbers try first, so one usually takes the lock at
    // once and the others find it held and join.
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

/// Tries to take the lock, or to join whoever has it.
pub(super) fn take_over(app: &mut App, collab: &mut Collab) -> bool {
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
    let Some(path) = super::collab::own_path(app) else {
        return false;
    };
    *tries = tries.saturating_sub(1);
    *retry = Instant::now() + Duration::from_millis(250);
    match lock::acquire(&path) {
        Ok(LockAttempt::Acquired { lock, .. }) => {
            app.session.lock = Some(lock);
            app.session.stamp = crate::store::disk_stamp(&path).ok().flatten();
            super::session::start_journal_unsaved(app);
            let me = collab.me;
            // Numbers go on from the highest seen, so none is reused.
            let next = collab
                .people
                .iter()
                .map(|p| p.who)
                .max()
                .unwrap_or(me)
                .max(me);
            let hub = replica.take_over();
            app.collab = None;
            super::collab::host_with(app, &path, me, hub, next + 1);
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
            Ok((client, welcome)) => match crate::store::parse(&welcome.document, &path) {
                Ok(doc) => {
                    let replica = replica.clone();
                    app.collab = None;
                    super::collab::start_participant(app, client, welcome, doc, replica);
                    true
                }
                Err(e) => give_up(app, collab, &e.to_string()),
            },
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
