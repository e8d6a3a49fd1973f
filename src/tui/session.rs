//! What keeps a file-backed editing session safe, as state: the edit
//! journal (every completed edit on disk before the next key), the
//! document lock, a journal found on open, and the file's stamp for
//! noticing a change on disk. `update::session` drives it; scratch
//! documents (no file) have none of this.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::store::DiskStamp;
use crate::store::journal::Journal;
use crate::store::lock::DocumentLock;
use crate::store::recover::Recovery;

/// How often the event loop looks at the file and the lock.
pub const CHECK_EVERY: Duration = Duration::from_secs(2);

/// The safety state of one editing session.
#[derive(Debug, Default)]
pub struct Session {
    /// The open journal, when the document has a file and we may write it.
    pub(crate) journal: Option<Journal>,
    /// Edits are not reaching the journal (a write failed): how many
    /// since, and why. Shown in the header until a fresh journal starts.
    pub(crate) trouble: Option<JournalTrouble>,
    /// The lock we hold.
    pub(crate) lock: Option<DocumentLock>,
    /// Edits are refused: someone else holds the lock.
    pub read_only: bool,
    /// The file's size and time when we last loaded or saved it.
    pub(crate) stamp: Option<DiskStamp>,
    /// A change on disk the user was already told about.
    pub(crate) notified: Option<Option<DiskStamp>>,
    /// When the file was last looked at.
    pub(crate) checked: Option<Instant>,
    /// A journal found on open, waiting for the user's choice.
    pub(crate) pending: Option<Recovery>,
    /// The file's text as loaded, until the first journal starts: the
    /// journal's base without serializing the document again (a
    /// third of the start-up time at 100,000 events).
    pub(crate) loaded_text: Option<String>,
    /// The journal waits for the first frame (writing the base of a large
    /// document takes a while): started by the first tick or, before it,
    /// by the first edit. Its base is `loaded_text`, the file as read.
    pub(crate) journal_due: bool,
}

/// Why edits are not crash-safe right now.
#[derive(Debug, Clone)]
pub(crate) struct JournalTrouble {
    /// Edits applied since the journal stopped taking them.
    pub(crate) edits: usize,
    /// The OS error.
    pub(crate) error: String,
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

    /// A clean quit: the journal goes (the user saved or chose to drop the
    /// edits) and the lock is released.
    pub fn close(&mut self) {
        if let Some(journal) = self.journal.take() {
            let _ = journal.remove();
        }
        self.lock = None;
    }

    /// Leaving without a clean quit (signal, error, panic): the journal
    /// stays for recovery; the lock is released so the next open is not
    /// refused. Returns the journal kept, if it holds edits.
    pub fn abandon(&mut self) -> Option<PathBuf> {
        let journal = self
            .journal
            .take()
            .filter(Journal::holds_unsaved)
            .map(|j| j.path().to_path_buf());
        self.lock = None;
        journal
    }

    /// The status message for a failed save.
    pub fn save_failed(&self, error: &dyn std::fmt::Display) -> String {
        let kept = match self.journal_path() {
            Some(j) => format!("edits are kept in memory and in {}", j.display()),
            None => "edits are kept in memory".to_string(),
        };
        format!("save failed, the file is unchanged: {error}; {kept}; :w OTHER saves elsewhere")
    }
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
