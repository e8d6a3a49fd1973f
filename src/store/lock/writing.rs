//! The lock a one-shot command takes to rewrite a document (`for_writing`):
//! refused while an editor holds it, queued behind another command.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{DocumentLock, LockAttempt, LockOwner, acquire_as};

/// How long a command waits for another command writing the same
/// document before it gives up.
const WRITER_PATIENCE: Duration = Duration::from_secs(60);

/// Why a command may not write a document now.
#[derive(Debug, thiserror::Error)]
pub enum WriteLockError {
    /// A running editor has the document open.
    #[error(
        "{path}: open in a running debrief editor ({who}): save or quit there first, or use :import in that editor (this command changed nothing)"
    )]
    Editor {
        /// The document.
        path: PathBuf,
        /// Who holds it.
        who: String,
    },
    /// Another command held it for longer than [`WRITER_PATIENCE`].
    #[error("{path}: still being written by {who} after a minute: try again when it is done")]
    Busy {
        /// The document.
        path: PathBuf,
        /// Who holds it.
        who: String,
    },
    /// The lock file could not be made.
    #[error("{path}: cannot lock: {reason}")]
    Io {
        /// The document.
        path: PathBuf,
        /// The OS error, as text.
        reason: String,
    },
}

/// Takes the lock of `document` for a one-shot `command` (`import`, `fmt`,
/// …) that reads and rewrites it: refused at once while an editor holds
/// it, waited for while another command does (so parallel commands
/// serialize and none loses the other's work). A stale lock is cleared.
/// Dropping the returned lock releases it.
pub fn for_writing(document: &Path, command: &str) -> Result<WriteLock, WriteLockError> {
    // Commands queue on an flock(2) of the folder, which the kernel hands
    // over in order and releases if the process dies; the lock file still
    // tells editors (and older debriefs) that the document is being written.
    let folder = writers_queue(document);
    let mut owner = LockOwner::current();
    owner.command = Some(command.to_string());
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        let attempt = acquire_as(document, owner.clone()).map_err(|e| WriteLockError::Io {
            path: document.to_path_buf(),
            reason: e.to_string(),
        })?;
        match attempt {
            LockAttempt::Acquired { lock, .. } => {
                return Ok(WriteLock {
                    lock,
                    _queue: folder,
                });
            }
            LockAttempt::Held(holder) if holder.is_editor() => {
                return Err(WriteLockError::Editor {
                    path: document.to_path_buf(),
                    who: holder.describe(),
                });
            }
            LockAttempt::Held(holder) if started.elapsed() > WRITER_PATIENCE => {
                return Err(WriteLockError::Busy {
                    path: document.to_path_buf(),
                    who: holder.describe(),
                });
            }
            LockAttempt::Held(_) => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
        }
    }
}

/// The lock a command holds while it rewrites a document: the lock file,
/// and its place in the folder's queue of writers. Dropping it releases
/// both.
#[derive(Debug)]
pub struct WriteLock {
    lock: DocumentLock,
    _queue: Option<fs::File>,
}

impl WriteLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        self.lock.path()
    }
}

/// Waits for the exclusive flock(2) of the document's folder; `None` where
/// the file system has none (the lock file alone then serializes).
fn writers_queue(document: &Path) -> Option<fs::File> {
    let real = crate::store::identity(document);
    let folder = real.parent()?;
    let file = fs::File::open(folder).ok()?;
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        loop {
            match flock(&file, FlockOperation::LockExclusive) {
                Ok(()) => return Some(file),
                Err(rustix::io::Errno::INTR) => continue,
                Err(_) => return None,
            }
        }
    }
    #[cfg(not(unix))]
    Some(file)
}
