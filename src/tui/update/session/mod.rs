//! The session in `update`: lock and journal on open, recovery of a
//! journal left by a crash, journaling every applied edit, read-only
//! refusals, the checks before and after a save, and noticing a change on
//! disk or a takeover of the lock. `journal.rs` keeps the edit journal and
//! recovers one left by a crash.

mod journal;

pub use journal::{apply_recovery, discard_recovery, record, save_recovery_elsewhere};
pub(super) use journal::{start_due_journal, start_journal_unsaved};

use std::path::Path;
use std::time::Instant;

use crate::store::lock::{self, LockAttempt};
use crate::store::{DiskStamp, disk_stamp};
use crate::tui::action::Action;
use crate::tui::app::{App, Origin, Tone};
use crate::tui::popups::{Confirm, Popup};
use crate::tui::session::CHECK_EVERY;

use super::history::{Saved, replace_document};
use journal::{check_journal, start_journal};

fn own_path(app: &App) -> Option<std::path::PathBuf> {
    match &app.origin {
        Origin::File(p) => Some(p.clone()),
        _ => None,
    }
}

/// Called once the document is loaded: lock it, then offer to recover a
/// journal left by a crash, or start a fresh journal.
pub fn open(app: &mut App) {
    let Some(path) = own_path(app) else {
        return;
    };
    app.session.stamp = disk_stamp(&path).ok().flatten();
    if app.session.read_only {
        // `--read-only`: no lock, no journal, no session.
        return;
    }
    match lock::acquire(&path) {
        Ok(LockAttempt::Acquired { lock, cleared }) => {
            app.session.lock = Some(lock);
            if let Some(stale) = cleared {
                app.say(
                    format!(
                        "cleared a stale lock left by {} (that process is gone)",
                        stale.describe()
                    ),
                    Tone::Info,
                );
            }
            check_journal(app, &path);
            // A journal to recover first: the session starts after a
            // reopen (participants must start from one document).
            if app.session.pending.is_none() {
                super::collab::host(app);
            }
        }
        Ok(LockAttempt::Held(owner)) => {
            // A running editor has it: join its live session.
            let joined = if owner.is_editor() {
                super::collab::join(app)
            } else {
                Err("a command holds it".to_string())
            };
            if let Err(why) = joined {
                app.session.read_only = true;
                app.popup = Some(Popup::Confirm(Confirm::LockHeld(owner.describe())));
                if owner.is_editor() {
                    app.say(format!("cannot join its live session: {why}"), Tone::Error);
                }
            }
        }
        Err(e) => {
            app.say(
                format!(
                    "cannot lock {}: {e}; editing without a lock",
                    path.display()
                ),
                Tone::Error,
            );
            check_journal(app, &path);
        }
    }
}

/// Whether `action` changes the document and must be refused (read-only).
pub fn refuses(app: &mut App, action: Action) -> bool {
    use Action::*;
    let edits = matches!(
        action,
        Edit | Add
            | AddChild
            | Delete
            | MoveDown
            | MoveUp
            | Indent
            | Outdent
            | ToggleRoot
            | TogglePrivate
            | Cycle
            | CyclePriority
            | CycleTimeframe
            | CycleType
            | Mark
            | Link
            | Undo
            | Redo
    );
    edits && refuse_edit(app)
}

/// In read-only mode, says why and returns true.
pub fn refuse_edit(app: &mut App) -> bool {
    if app.session.read_only {
        app.say(
            "read-only: another debrief has this file (:w OTHER saves a copy)",
            Tone::Error,
        );
    }
    app.session.read_only
}

/// Checks before writing `path`: read-only, or changed on disk since we
/// loaded or saved it (never a silent overwrite). Returns whether to go on.
pub fn before_save(app: &mut App, path: &Path, force: bool) -> bool {
    if !own_path(app).is_some_and(|own| crate::store::same_document(&own, path)) {
        // Another document: not while a running debrief holds it.
        if let Some(message) = crate::store::lock::held_elsewhere(path) {
            app.say(message, Tone::Error);
            return false;
        }
        return true;
    }
    if app.session.read_only {
        refuse_edit(app);
        return false;
    }
    if super::collab::request_save(app) {
        return false;
    }
    if !force && changed_on_disk(app, path).is_some() {
        app.popup = Some(Popup::Confirm(Confirm::ChangedOnDisk));
        return false;
    }
    true
}

/// After a successful save of the document's own file: restart the journal
/// on the saved text and remember the file's stamp.
pub fn after_save(app: &mut App, path: &Path) {
    if !own_path(app).is_some_and(|own| crate::store::same_document(&own, path)) {
        return;
    }
    app.session.stamp = disk_stamp(path).ok().flatten();
    app.session.notified = None;
    if app.session.lock.is_none() && !app.session.read_only {
        // A new file: lock it now that it exists.
        if let Ok(LockAttempt::Acquired { lock, .. }) = lock::acquire(path) {
            app.session.lock = Some(lock);
        }
    }
    start_journal(app);
}

/// The file's stamp if it differs from the one we know.
fn changed_on_disk(app: &App, path: &Path) -> Option<Option<DiskStamp>> {
    let now = disk_stamp(path).ok()?;
    (now != app.session.stamp).then_some(now)
}

/// Periodic check from the event loop (and on focus): the file changed on
/// disk, or another debrief took the lock over.
pub fn tick(app: &mut App, now: bool) {
    if !now
        && app
            .session
            .checked
            .is_some_and(|t| t.elapsed() < CHECK_EVERY)
    {
        return;
    }
    app.session.checked = Some(Instant::now());
    let Some(path) = own_path(app) else {
        return;
    };
    // The file, the lock and the journal are the owner's to watch.
    if super::collab::is_participant(app) {
        return;
    }
    // Room again on the disk: journal from here on.
    if app.session.trouble.is_some() {
        start_journal(app);
    }
    // Only a lock file naming someone else means a takeover: an unreadable
    // one (the folder went away) does not.
    if let Some(lock) = &app.session.lock
        && let Some(holder) = lock::holder(&path)
        && holder != *lock.owner()
    {
        let who = holder.describe();
        // Participants see the connection close and join the new holder.
        app.collab = None;
        app.session.lock = None;
        app.session.journal = None;
        app.session.read_only = true;
        app.say(
            format!("{who} took this file over: read-only now; your edits are in memory, :w OTHER saves them"),
            Tone::Error,
        );
        return;
    }
    if app.popup.is_some() || app.editor.is_some() || app.session.read_only {
        return;
    }
    if let Some(stamp) = changed_on_disk(app, &path)
        && app.session.notified != Some(stamp)
    {
        app.session.notified = Some(stamp);
        app.popup = Some(Popup::Confirm(Confirm::ChangedOnDisk));
    }
}

/// Takes the lock over from another debrief.
pub fn take_over(app: &mut App) {
    let Some(path) = own_path(app) else {
        return;
    };
    match lock::take_over(&path) {
        Ok(lock) => {
            app.session.lock = Some(lock);
            app.session.read_only = false;
            app.say("took the lock over: you are editing now", Tone::Info);
            // The other session's unsaved edits are in its journal.
            check_journal(app, &path);
            if app.session.pending.is_none() {
                super::collab::host(app);
            }
        }
        Err(e) => app.say(format!("cannot take the lock over: {e}"), Tone::Error),
    }
}

/// Reloads the file; unsaved edits go to the recovery file first.
pub fn reload(app: &mut App) {
    let Some(path) = own_path(app) else {
        return;
    };
    match crate::store::load(&path) {
        Ok(loaded) => {
            let kept = if app.modified() {
                crate::tui::recovery::write_recovery(app)
            } else {
                None
            };
            replace_document(app, loaded.doc, Saved::Yes);
            app.session.stamp = disk_stamp(&path).ok().flatten();
            app.session.notified = None;
            start_journal(app);
            app.say(
                match kept {
                    Some(p) => format!("reloaded; your previous version is in {}", p.display()),
                    None => "reloaded from disk".to_string(),
                },
                Tone::Info,
            );
        }
        Err(e) => app.say(format!("cannot reload: {e}"), Tone::Error),
    }
}
