//! The session in `update`: lock and journal on open, recovery of a
//! journal left by a crash, journaling every applied edit, read-only
//! refusals, the checks before and after a save, and noticing a change on
//! disk or a takeover of the lock.

use std::path::Path;
use std::time::Instant;

use crate::model::edit::Edit;
use crate::store::journal::{Journal, discard_journal};
use crate::store::lock::{self, LockAttempt};
use crate::store::recover;
use crate::store::{DiskStamp, disk_stamp};
use crate::tui::action::Action;
use crate::tui::app::{App, Origin, Tone};
use crate::tui::popups::{Confirm, Popup};
use crate::tui::session::{CHECK_EVERY, recovered_copy_path};

use super::history::{Saved, replace_document};

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
        }
        Ok(LockAttempt::Held(owner)) => {
            app.session.read_only = true;
            app.popup = Some(Popup::Confirm(Confirm::LockHeld(owner.describe())));
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

/// Offers recovery when a journal with records is there, else starts one.
fn check_journal(app: &mut App, path: &Path) {
    match recover::recover(path) {
        Ok(Some(recovery)) => {
            let summary = recover::summarize(&recover::on_disk(path, &recovery), &recovery.doc);
            if summary.is_empty() {
                let _ = discard_journal(path);
                start_journal(app);
                return;
            }
            let text = format!(
                "{} edit{} from {} were not saved.\nCompared with the file: {summary}.",
                recovery.applied,
                if recovery.applied == 1 { "" } else { "s" },
                recovery.started.format("%Y-%m-%d %H:%M UTC"),
            );
            app.session.pending = Some(recovery);
            app.popup = Some(Popup::Confirm(Confirm::Recover(text)));
        }
        Ok(None) => start_journal(app),
        Err(e) => {
            // A damaged journal is left alone for the user to look at.
            app.say(
                format!("{e}; the journal is kept, new edits are not journaled"),
                Tone::Error,
            );
        }
    }
}

/// Starts (or restarts) the journal with the document as it is now as base.
fn start_journal(app: &mut App) {
    let Some(path) = own_path(app) else {
        return;
    };
    if app.session.read_only {
        return;
    }
    let started = crate::store::to_toml(&app.doc)
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|base| Journal::start(&path, &base));
    match started {
        Ok(journal) => {
            app.session.journal = Some(journal);
            app.session.journal_failed = false;
        }
        Err(e) => {
            app.session.journal = None;
            app.session.journal_failed = true;
            app.say(
                format!("cannot write the edit journal: {e}; edits are only in memory"),
                Tone::Error,
            );
        }
    }
}

/// Appends an applied edit to the journal (synced before returning).
pub fn record(app: &mut App, edit: &Edit) {
    let Some(journal) = app.session.journal.as_mut() else {
        return;
    };
    if let Err(e) = journal.append(edit)
        && !app.session.journal_failed
    {
        app.session.journal_failed = true;
        app.say(
            format!("cannot write the edit journal: {e}; save soon"),
            Tone::Error,
        );
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
    if own_path(app).as_deref() != Some(path) {
        return true;
    }
    if app.session.read_only {
        refuse_edit(app);
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
    if own_path(app).as_deref() != Some(path) {
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
    // Only a lock file naming someone else means a takeover: an unreadable
    // one (the folder went away) does not.
    if let Some(lock) = &app.session.lock
        && let Some(holder) = lock::holder(&path)
        && holder != *lock.owner()
    {
        let who = holder.describe();
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
        }
        Err(e) => app.say(format!("cannot take the lock over: {e}"), Tone::Error),
    }
}

/// Replaces the document by the recovered one and keeps journaling on
/// top of the recovered records.
pub fn apply_recovery(app: &mut App) {
    let (Some(recovery), Some(path)) = (app.session.pending.take(), own_path(app)) else {
        return;
    };
    replace_document(app, recovery.doc, Saved::No);
    // Keep journaling on top of the recovered records.
    match Journal::resume(&path) {
        Ok(journal) => app.session.journal = Some(journal),
        Err(_) => start_journal(app),
    }
    app.say(
        format!(
            "recovered {} edit{}: save to keep them",
            recovery.applied,
            if recovery.applied == 1 { "" } else { "s" }
        ),
        Tone::Info,
    );
}

/// Saves the recovered version beside the file and drops the journal.
pub fn save_recovery_elsewhere(app: &mut App) {
    let (Some(recovery), Some(path)) = (app.session.pending.take(), own_path(app)) else {
        return;
    };
    let copy = recovered_copy_path(&path);
    match crate::store::create(&recovery.doc, &copy) {
        Ok(()) => {
            let _ = discard_journal(&path);
            start_journal(app);
            app.say(
                format!("recovered version saved as {}", copy.display()),
                Tone::Info,
            );
        }
        Err(e) => {
            app.session.pending = Some(recovery.clone());
            app.popup = Some(Popup::Confirm(Confirm::Recover(format!(
                "{e}\nThe journal is kept."
            ))));
        }
    }
}

/// Drops the unsaved edits of the last session.
pub fn discard_recovery(app: &mut App) {
    app.session.pending = None;
    if let Some(path) = own_path(app) {
        let _ = discard_journal(&path);
    }
    start_journal(app);
    app.say(
        "discarded the unsaved edits of the last session",
        Tone::Info,
    );
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
