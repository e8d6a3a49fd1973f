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
use crate::tui::session::{CHECK_EVERY, JournalTrouble, recovered_copy_path};

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

/// Offers recovery when a journal with records is there, else starts one.
/// A damaged journal is moved aside (kept, and named in a message) and a
/// fresh one started: crash protection never stays off.
fn check_journal(app: &mut App, path: &Path) {
    match recover::recover(path) {
        Ok(Some(recovery)) => {
            let summary = recover::summarize(&recover::on_disk(path, &recovery), &recovery.doc);
            if summary.is_empty() {
                if recovery.skipped > 0 {
                    set_journal_aside(app, path, "holds unreadable lines");
                } else {
                    let _ = discard_journal(path);
                }
                start_journal(app);
                return;
            }
            let skipped = match recovery.skipped {
                0 => String::new(),
                n => format!(" ({n} unreadable journal line{} skipped)", plural(n)),
            };
            let text = format!(
                "{} edit{} from {} were not saved{skipped}.\nCompared with the file: {summary}.",
                recovery.applied,
                plural(recovery.applied),
                recovery.started.format("%Y-%m-%d %H:%M UTC"),
            );
            app.session.pending = Some(recovery);
            app.popup = Some(Popup::Confirm(Confirm::Recover(text)));
        }
        Ok(None) if app.session.loaded_text.is_some() => {
            // Nothing to recover and the file's own text as base: after the
            // first frame (see `start_due_journal`).
            app.session.journal_due = true;
        }
        Ok(None) => {
            start_journal(app);
        }
        Err(e) => {
            set_journal_aside(app, path, &e.to_string());
            start_journal(app);
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Keeps a damaged journal under another name and says where.
fn set_journal_aside(app: &mut App, path: &Path, why: &str) {
    match crate::store::journal::set_aside(path) {
        Ok(kept) => app.say(
            format!(
                "the edit journal was damaged ({why}): kept as {}; a fresh journal is started",
                kept.display()
            ),
            Tone::Error,
        ),
        Err(e) => app.say(
            format!("the edit journal is damaged ({why}) and cannot be moved aside: {e}"),
            Tone::Error,
        ),
    }
}

/// Starts the journal of a session taken over: the base is the document
/// as it is, with edits the file does not have.
pub(super) fn start_journal_unsaved(app: &mut App) {
    let Some(path) = own_path(app) else {
        return;
    };
    match crate::store::to_toml(&app.doc)
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|base| Journal::start_on(&path, &base, true))
    {
        Ok(journal) => app.session.journal = Some(journal),
        Err(e) => {
            app.session.trouble = Some(JournalTrouble {
                edits: 0,
                error: e.to_string(),
            })
        }
    }
}

/// Starts the journal left for after the first frame, if it waits.
pub(super) fn start_due_journal(app: &mut App) {
    if std::mem::take(&mut app.session.journal_due) {
        start_journal(app);
    }
}

/// Starts (or restarts) the journal with the document as it is now as
/// base. Returns whether the journal is running.
fn start_journal(app: &mut App) -> bool {
    let Some(path) = own_path(app) else {
        return false;
    };
    if app.session.read_only {
        return false;
    }
    // The text just read is the document's own: no need to write it out
    // again, unless it was edited since.
    let loaded = app.session.loaded_text.take().filter(|_| !app.modified());
    let started = loaded
        .map(Ok)
        .unwrap_or_else(|| crate::store::to_toml(&app.doc))
        .map_err(|e| std::io::Error::other(e.to_string()))
        .and_then(|base| Journal::start_on(&path, &base, app.modified()));
    match started {
        Ok(journal) => {
            app.session.journal = Some(journal);
            if app.session.trouble.take().is_some_and(|t| t.edits > 0) {
                app.say(
                    "the edit journal works again: every edit is crash-safe",
                    Tone::Info,
                );
            }
            true
        }
        Err(e) => {
            let edits = app.session.trouble.as_ref().map_or(0, |t| t.edits);
            app.session.trouble = Some(JournalTrouble {
                edits,
                error: e.to_string(),
            });
            if edits == 0 {
                app.say(
                    format!("cannot write the edit journal: {e}; edits are only in memory until it works"),
                    Tone::Error,
                );
            }
            false
        }
    }
}

/// Appends an applied edit to the journal (synced before returning). When
/// that fails (a full disk) the edit is only in memory: the header says so
/// until the journal works again, which is tried on every later edit and
/// every few seconds — a fresh journal on the document as it is then, so
/// the edits made meanwhile are safe from then on too.
pub fn record(app: &mut App, edit: &Edit) {
    // The first edit before the first tick: the base is the file as read
    // (`loaded_text`, the document before this edit).
    start_due_journal(app);
    if app.session.trouble.is_none() {
        let Some(journal) = app.session.journal.as_mut() else {
            return;
        };
        let Err(e) = journal.append(edit) else {
            return;
        };
        app.session.trouble = Some(JournalTrouble {
            edits: 0,
            error: e.to_string(),
        });
    }
    let Some(trouble) = app.session.trouble.as_mut() else {
        return;
    };
    trouble.edits += 1;
    let (edits, error) = (trouble.edits, trouble.error.clone());
    if !start_journal(app) {
        app.say(
            format!(
                "{edits} edit{} would be lost in a crash: cannot write the edit journal ({error}); free space or :w to save",
                plural(edits)
            ),
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

/// Replaces the document by the recovered one and keeps journaling on
/// top of the recovered records.
pub fn apply_recovery(app: &mut App) {
    let (Some(recovery), Some(path)) = (app.session.pending.take(), own_path(app)) else {
        return;
    };
    // When the file is still the journal's base, the recovered edits are
    // one undo step on top of it: undoing everything gives the file back.
    let on_base =
        crate::store::load(&path).is_ok_and(|l| l.doc == recovery.base) && app.doc == recovery.base;
    if !(on_base && recover_as_one_edit(app, recovery.edits)) {
        replace_document(app, recovery.doc, Saved::No);
    }
    // Keep journaling on top of the recovered records.
    match Journal::resume(&path) {
        Ok(journal) => app.session.journal = Some(journal),
        Err(_) => {
            start_journal(app);
        }
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

/// Applies the recovered edits as one undo step. False (nothing changed)
/// when they do not apply to the document as it is.
fn recover_as_one_edit(app: &mut App, edits: Vec<Edit>) -> bool {
    let edit = Edit::Batch(edits);
    let mut trial = app.doc.clone();
    if edit.apply(&mut trial).is_err() {
        return false;
    }
    // The journal already holds these edits: they are not journaled again.
    let journal = app.session.journal.take();
    let done = super::history::commit(app, edit);
    app.session.journal = journal;
    done
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
