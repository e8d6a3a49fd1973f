//! The edit journal of a session (started on the file's text, every
//! applied edit appended, restarted after trouble) and the recovery of a
//! journal left by a crash.

use std::path::Path;

use crate::model::edit::Edit;
use crate::store::journal::{Journal, discard_journal};
use crate::store::recover;
use crate::tui::app::{App, Tone};
use crate::tui::popups::{Confirm, Popup};
use crate::tui::session::{JournalTrouble, recovered_copy_path};

use super::super::history::{Saved, replace_document};
use super::own_path;

/// Offers recovery when a journal with records is there, else starts one.
/// A damaged journal is moved aside (kept, and named in a message) and a
/// fresh one started: crash protection never stays off.
pub(super) fn check_journal(app: &mut App, path: &Path) {
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
pub(in crate::tui::update) fn start_journal_unsaved(app: &mut App) {
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
pub(in crate::tui::update) fn start_due_journal(app: &mut App) {
    if std::mem::take(&mut app.session.journal_due) {
        start_journal(app);
    }
}

/// Starts (or restarts) the journal with the document as it is now as
/// base. Returns whether the journal is running.
pub(super) fn start_journal(app: &mut App) -> bool {
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
    let done = super::super::history::commit(app, edit);
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
