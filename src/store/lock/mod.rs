//! Advisory lock files: `.NAME.toml.debrief-lock` beside the document says
//! who has it open (user, host, pid, since), so a second debrief — the same
//! user in another SSH session or a colleague on the same jump host — opens
//! read-only unless told to take over. `owner.rs` says who holds a lock and
//! whether they still run; `writing.rs` is the lock a command takes to
//! rewrite a document.

mod owner;
mod writing;

pub use owner::LockOwner;
pub use writing::{WriteLock, WriteLockError, for_writing};

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The outcome of trying to lock a document.
#[derive(Debug)]
pub enum LockAttempt {
    /// We hold the lock now. `cleared` names a stale owner that was removed.
    Acquired {
        /// The held lock; dropping it removes the lock file.
        lock: DocumentLock,
        /// A stale lock that was cleared on the way, for a notice.
        cleared: Option<LockOwner>,
    },
    /// Someone else holds it: open read-only or take over explicitly.
    Held(LockOwner),
}

/// A held lock; the file is removed on drop.
#[derive(Debug)]
pub struct DocumentLock {
    path: PathBuf,
    owner: LockOwner,
}

impl DocumentLock {
    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who we are in the lock file.
    pub fn owner(&self) -> &LockOwner {
        &self.owner
    }

    /// Whether the lock file still names us (a colleague may have taken
    /// over).
    pub fn still_ours(&self) -> bool {
        read_owner(&self.path).is_ok_and(|owner| owner == self.owner)
    }
}

impl Drop for DocumentLock {
    fn drop(&mut self) {
        // Only remove the file if it is still ours: after a takeover it
        // belongs to the other process.
        if self.still_ours() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// `.NAME.toml.debrief-lock` beside `document`.
pub fn lock_path(document: &Path) -> PathBuf {
    sidecar(document, "debrief-lock")
}

/// A hidden file beside the document `document` names: `.NAME.<suffix>`
/// next to the real file, so every spelling of the path (`./f.toml`, an
/// absolute path, a symbolic link) finds the same lock and journal.
pub fn sidecar(document: &Path, suffix: &str) -> PathBuf {
    let real = super::identity(document);
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    real.with_file_name(format!(".{name}.{suffix}"))
}

/// Tries to lock `document`; a stale lock (dead process on this host) is
/// cleared and reported.
pub fn acquire(document: &Path) -> io::Result<LockAttempt> {
    acquire_as(document, LockOwner::current())
}

fn acquire_as(document: &Path, owner: LockOwner) -> io::Result<LockAttempt> {
    let path = lock_path(document);
    let mut cleared = None;
    for _ in 0..100 {
        match create_lock(&path, owner.clone()) {
            Ok(owner) => {
                return Ok(LockAttempt::Acquired {
                    lock: DocumentLock { path, owner },
                    cleared,
                });
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                match read_owner(&path) {
                    Ok(owner) if !owner.is_stale() => return Ok(LockAttempt::Held(owner)),
                    // Stale: clear it (if nobody did meanwhile) and retry.
                    Ok(owner) => {
                        let stale = owner.clone();
                        if clear(&path, |p| read_owner(p).is_ok_and(|o| o == stale))? {
                            cleared = Some(owner);
                        }
                    }
                    // Unreadable: a lock being written this instant (its
                    // owner created it and is writing it), or one torn by a
                    // crash long ago, which is cleared.
                    Err(_) if is_young(&path) => std::thread::sleep(Duration::from_millis(10)),
                    Err(_) => {
                        clear(&path, |p| read_owner(p).is_err() && !is_young(p))?;
                    }
                }
            }
            Err(err) => return Err(err),
        }
    }
    match read_owner(&path) {
        Ok(owner) => Ok(LockAttempt::Held(owner)),
        Err(err) => Err(err),
    }
}

/// Removes the lock file at `path` if `dead` still holds of it: under an
/// exclusive flock(2) of that very file, and only while the path still
/// names it. Two editors clearing one stale lock at once (a session's
/// participants taking over) cannot then remove the fresh lock the
/// faster one made: exactly one of them gets it. Returns whether it
/// removed the file.
fn clear(path: &Path, dead: impl Fn(&Path) -> bool) -> io::Result<bool> {
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(err) => return Err(err),
    };
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        use std::os::unix::fs::MetadataExt;
        // Without flock (some network file systems) the checks below
        // still narrow the race to an instant.
        while let Err(rustix::io::Errno::INTR) = flock(&file, FlockOperation::LockExclusive) {}
        let held = file.metadata()?;
        match fs::metadata(path) {
            Ok(now) if (now.dev(), now.ino()) == (held.dev(), held.ino()) => {}
            // Removed or replaced meanwhile: nothing of ours to clear.
            _ => return Ok(false),
        }
    }
    if !dead(path) {
        return Ok(false);
    }
    remove_if_there(path)?;
    Ok(true)
}

fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// Whether the file at `path` was written in the last two seconds.
fn is_young(path: &Path) -> bool {
    fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age < Duration::from_secs(2)))
}

/// Takes the lock from its current owner (after the user said so).
pub fn take_over(document: &Path) -> io::Result<DocumentLock> {
    let path = lock_path(document);
    let owner = LockOwner::current();
    let text = serde_json::to_string_pretty(&owner).map_err(io::Error::other)?;
    super::write_private(&path, text.as_bytes())?;
    readable_by_all(&path)?;
    Ok(DocumentLock { path, owner })
}

/// A lock says only who has the document open (user, host, pid: what
/// `ps` shows anyone): every user who may write the document must be able
/// to read it, or they would take an unreadable lock for a torn one and
/// clear it, rather than join the session or open read-only.
fn readable_by_all(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Removes the lock on `document` if this process holds it (for a last
/// resort exit that cannot reach the `DocumentLock`).
pub fn release_if_ours(document: &Path) {
    let me = LockOwner::current();
    if holder(document).is_some_and(|h| h.pid == me.pid && h.host == me.host) {
        let _ = fs::remove_file(lock_path(document));
    }
}

/// Why `document` may not be written by this process now: a running
/// debrief other than this one holds it (`None` when free, stale or ours).
pub fn held_elsewhere(document: &Path) -> Option<String> {
    let holder = holder(document).filter(|h| !h.is_stale())?;
    let me = LockOwner::current();
    if holder.pid == me.pid && holder.host == me.host {
        return None;
    }
    Some(format!(
        "{}: open in another running debrief ({}): not written; save it there, or pick another name",
        document.display(),
        holder.describe()
    ))
}

/// Reads who holds the lock on `document`, if anyone.
pub fn holder(document: &Path) -> Option<LockOwner> {
    read_owner(&lock_path(document)).ok()
}

fn create_lock(path: &Path, owner: LockOwner) -> io::Result<LockOwner> {
    let text = serde_json::to_string_pretty(&owner).map_err(io::Error::other)?;
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    readable_by_all(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(owner)
}

fn read_owner(path: &Path) -> io::Result<LockOwner> {
    let text = super::read_text_limited(path, 64 * 1024, "lock files")?;
    serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests;
