//! What keeps a file-backed editing session safe: the edit journal (every
//! completed edit on disk before the next key), the document lock, recovery
//! of a journal left by a crash, and noticing that the file changed under
//! the editor. `update` calls in here through small hooks; scratch
//! documents (no file) have none of this.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::action::Action;
use super::app::{App, Origin, Tone};
use super::popups::{Confirm, Popup, Prompt, PromptKind};
use crate::model::edit::Edit;
use crate::store::journal::{Journal, discard_journal};
use crate::store::lock::{self, DocumentLock, LockAttempt};
use crate::store::recover::{self, Recovery};
use crate::store::{DiskStamp, disk_stamp};

/// How often the event loop looks at the file and the lock.
pub const CHECK_EVERY: Duration = Duration::from_secs(2);

/// The safety state of one editing session.
#[derive(Debug, Default)]
pub struct Session {
    /// The open journal, when the document has a file and we may write it.
    journal: Option<Journal>,
    /// Edits are not reaching the journal (a write failed): how many
    /// since, and why. Shown in the header until a fresh journal starts.
    trouble: Option<JournalTrouble>,
    /// The lock we hold.
    lock: Option<DocumentLock>,
    /// Edits are refused: someone else holds the lock.
    pub read_only: bool,
    /// The file's size and time when we last loaded or saved it.
    stamp: Option<DiskStamp>,
    /// A change on disk the user was already told about.
    notified: Option<Option<DiskStamp>>,
    /// When the file was last looked at.
    checked: Option<Instant>,
    /// A journal found on open, waiting for the user's choice.
    pending: Option<Recovery>,
}

/// Why edits are not crash-safe right now.
#[derive(Debug, Clone)]
struct JournalTrouble {
    /// Edits applied since the journal stopped taking them.
    edits: usize,
    /// The OS error.
    error: String,
}

impl Session {
    /// The journal file, while one is kept.
    pub fn journal_path(&self) -> Option<&Path> {
        self.journal.as_ref().map(Journal::path)
    }

    /// The header's warning while edits are not reaching the journal (a
    /// full disk): they would be lost in a crash. `None` when all is well.
    pub fn journal_warning(&self) -> Option<String> {
        self.trouble.as_ref().map(|t| match t.edits {
            0 => "NO JOURNAL".to_string(),
            1 => "1 EDIT NOT JOURNALED".to_string(),
            n => format!("{n} EDITS NOT JOURNALED"),
        })
    }
}

fn own_path(app: &App) -> Option<PathBuf> {
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

/// Starts (or restarts) the journal with the document as it is now as
/// base. Returns whether the journal is running.
fn start_journal(app: &mut App) -> bool {
    let Some(path) = own_path(app) else {
        return false;
    };
    if app.session.read_only {
        return false;
    }
    let started = crate::store::to_toml(&app.doc)
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
pub fn refuses(app: &mut App, action: &Action) -> bool {
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

/// The status message for a failed save.
pub fn save_failed(app: &App, error: &dyn std::fmt::Display) -> String {
    let kept = match app.session.journal_path() {
        Some(j) => format!("edits are kept in memory and in {}", j.display()),
        None => "edits are kept in memory".to_string(),
    };
    format!("save failed, the file is unchanged: {error}; {kept}; :w OTHER saves elsewhere")
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

/// Handles the keys of this module's questions. Returns true when it did.
pub fn popup_key(app: &mut App, key: KeyEvent) -> bool {
    let Some(Popup::Confirm(confirm)) = &app.popup else {
        return false;
    };
    let code = match key.code {
        KeyCode::Char(c) => c.to_ascii_lowercase(),
        KeyCode::Esc => '\x1b',
        _ => {
            return matches!(
                confirm,
                Confirm::Recover(_) | Confirm::LockHeld(_) | Confirm::ChangedOnDisk
            );
        }
    };
    match (confirm, code) {
        (Confirm::LockHeld(_), 'r' | '\x1b') => {
            app.popup = None;
            app.say("opened read-only: :w OTHER saves a copy", Tone::Info);
        }
        (Confirm::LockHeld(_), 't') => {
            app.popup = None;
            take_over(app);
        }
        (Confirm::LockHeld(_), 'q') => {
            app.popup = None;
            app.quit = true;
        }
        (Confirm::Recover(_), 'r') => {
            app.popup = None;
            apply_recovery(app);
        }
        (Confirm::Recover(_), 'd') => {
            app.popup = None;
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
        (Confirm::Recover(_), 's') => {
            app.popup = None;
            save_recovery_elsewhere(app);
        }
        (Confirm::ChangedOnDisk, 'r') => {
            app.popup = None;
            reload(app);
        }
        (Confirm::ChangedOnDisk, 'o') => {
            app.popup = None;
            super::update::save_forced(app);
        }
        (Confirm::ChangedOnDisk, 's') => {
            let mut prompt = Prompt::new(PromptKind::Command);
            prompt.input.insert_str("w ");
            app.popup = Some(Popup::Prompt(Box::new(prompt)));
        }
        (Confirm::ChangedOnDisk, '\x1b') => {
            app.popup = None;
            app.say(
                "the file changed on disk: saving will ask again",
                Tone::Info,
            );
        }
        (Confirm::Recover(_) | Confirm::LockHeld(_) | Confirm::ChangedOnDisk, _) => {}
        _ => return false,
    }
    true
}

fn take_over(app: &mut App) {
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

fn apply_recovery(app: &mut App) {
    let (Some(recovery), Some(path)) = (app.session.pending.take(), own_path(app)) else {
        return;
    };
    app.doc = recovery.doc;
    app.history.undo.clear();
    app.history.redo.clear();
    app.history.clean = None;
    app.findings = super::app::diagnose(&app.doc);
    app.lint.reset(&app.doc);
    app.history.revision += 1; // the document was replaced: drop cached summaries
    super::update::clamp(app);
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

/// `NAME.recovered.toml` (or `NAME.recovered-2.toml`, …) beside `path`.
pub fn recovered_copy_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    (1..)
        .map(|n| {
            let name = if n == 1 {
                format!("{stem}.recovered.toml")
            } else {
                format!("{stem}.recovered-{n}.toml")
            };
            path.with_file_name(name)
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.with_extension("recovered.toml"))
}

fn save_recovery_elsewhere(app: &mut App) {
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

fn reload(app: &mut App) {
    let Some(path) = own_path(app) else {
        return;
    };
    match crate::store::load(&path) {
        Ok(loaded) => {
            let kept = if app.modified() {
                super::terminal::write_recovery(app)
            } else {
                None
            };
            app.doc = loaded.doc;
            app.history.undo.clear();
            app.history.redo.clear();
            app.history.clean = Some(0);
            app.findings = super::app::diagnose(&app.doc);
            app.lint.reset(&app.doc);
            app.history.revision += 1; // the document was replaced: drop cached summaries
            super::update::clamp(app);
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

/// A clean quit: the journal goes (the user saved or chose to drop the
/// edits) and the lock is released.
pub fn close(app: &mut App) {
    if let Some(journal) = app.session.journal.take() {
        let _ = journal.remove();
    }
    app.session.lock = None;
}

/// Leaving without a clean quit (signal, error, panic): the journal stays
/// for recovery; the lock is released so the next open is not refused.
pub fn abandon(app: &mut App) -> Option<PathBuf> {
    let journal = app
        .session
        .journal
        .take()
        .filter(Journal::holds_unsaved)
        .map(|j| j.path().to_path_buf());
    app.session.lock = None;
    journal
}
