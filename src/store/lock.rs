//! Advisory lock files: `.NAME.toml.debrief-lock` beside the document says
//! who has it open (user, host, pid, since), so a second debrief — the same
//! user in another SSH session or a colleague on the same jump host — opens
//! read-only unless told to take over.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who holds a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockOwner {
    /// Login name.
    pub user: String,
    /// Host name.
    pub host: String,
    /// Process id on that host.
    pub pid: u32,
    /// When the lock was taken.
    pub since: DateTime<Utc>,
    /// The command holding it for one write (`import`, `fmt`, …); `None`
    /// for an editor, which holds it for the whole session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

impl LockOwner {
    /// This process.
    pub fn current() -> LockOwner {
        LockOwner {
            user: current_user(),
            host: current_host(),
            pid: std::process::id(),
            since: Utc::now(),
            command: None,
        }
    }

    /// True when the owner is a process on this host that no longer runs.
    pub fn is_stale(&self) -> bool {
        self.host == current_host() && !process_alive(self.pid)
    }

    /// "alice@jump-1 (pid 4242) since 2026-02-05 14:02 UTC"; a command
    /// holding it is named: "(pid 4242, debrief import)".
    pub fn describe(&self) -> String {
        let command = self
            .command
            .as_deref()
            .map(|c| format!(", debrief {c}"))
            .unwrap_or_default();
        format!(
            "{}@{} (pid {}{command}) since {}",
            self.user,
            self.host,
            self.pid,
            self.since.format("%Y-%m-%d %H:%M UTC")
        )
    }

    /// Whether this is a running editor session (not a one-shot command).
    pub fn is_editor(&self) -> bool {
        self.command.is_none()
    }
}

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
    let real = super::identity(document);
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

fn read_owner(path: &Path) -> io::Result<LockOwner> {
    let text = super::read_text_limited(path, 64 * 1024, "lock files")?;
    serde_json::from_str(&text).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

fn current_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .or_else(user_from_proc)
        .unwrap_or_else(|| "unknown".into())
}

/// The login name of this process's uid from /etc/passwd (`uid N` when it
/// has none), for sessions without `$USER` (cron, some SSH setups, tmux).
fn user_from_proc() -> Option<String> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    let name = passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    });
    Some(name.unwrap_or_else(|| format!("uid {uid}")))
}

fn current_host() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".into())
}

/// Whether a process runs on this host. Where that cannot be told (no
/// /proc), the process is assumed alive: a lock is never cleared on a guess.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_open_sees_the_holder_and_stale_locks_clear() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("pm.toml");
        let LockAttempt::Acquired { lock, cleared } = acquire(&doc).expect("lock") else {
            panic!("first open must get the lock");
        };
        assert!(cleared.is_none());
        assert!(lock_path(&doc).exists());
        match acquire(&doc).expect("second") {
            LockAttempt::Held(owner) => assert_eq!(owner.pid, std::process::id()),
            LockAttempt::Acquired { .. } => panic!("second open must see the holder"),
        }
        drop(lock);
        assert!(
            !lock_path(&doc).exists(),
            "dropping the lock removes the file"
        );

        // A lock left by a process that is gone.
        let mut dead = LockOwner::current();
        dead.pid = u32::MAX - 1;
        fs::write(lock_path(&doc), serde_json::to_string(&dead).expect("json")).expect("write");
        match acquire(&doc).expect("stale") {
            LockAttempt::Acquired { cleared, .. } => assert_eq!(cleared, Some(dead)),
            LockAttempt::Held(_) => panic!("a stale lock must be cleared"),
        }
    }

    /// Editors taking over a dead owner's session race for its stale
    /// lock: exactly one gets it, every time.
    #[test]
    fn of_many_clearing_one_stale_lock_at_once_exactly_one_takes_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("pm.toml");
        let mut dead = LockOwner::current();
        dead.pid = u32::MAX - 1;
        for round in 0..100 {
            fs::write(lock_path(&doc), serde_json::to_string(&dead).expect("json")).expect("write");
            let start = std::sync::Arc::new(std::sync::Barrier::new(6));
            let racers: Vec<_> = (0..6)
                .map(|_| {
                    let (doc, start) = (doc.clone(), std::sync::Arc::clone(&start));
                    std::thread::spawn(move || {
                        start.wait();
                        acquire(&doc).expect("lock")
                    })
                })
                .collect();
            let attempts: Vec<LockAttempt> = racers
                .into_iter()
                .map(|r| r.join().expect("racer"))
                .collect();
            let won = attempts
                .iter()
                .filter(|a| matches!(a, LockAttempt::Acquired { .. }))
                .count();
            assert_eq!(won, 1, "round {round}: {won} took the lock");
            drop(attempts);
            assert!(!lock_path(&doc).exists());
        }
    }

    #[test]
    fn takeover_leaves_the_new_owners_file_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("pm.toml");
        let LockAttempt::Acquired { lock: first, .. } = acquire(&doc).expect("lock") else {
            panic!("lock");
        };
        // Simulate the other process: a different owner takes over.
        let mut other = LockOwner::current();
        other.pid += 1;
        fs::write(
            lock_path(&doc),
            serde_json::to_string(&other).expect("json"),
        )
        .expect("write");
        assert!(!first.still_ours());
        drop(first);
        assert_eq!(
            holder(&doc),
            Some(other),
            "the old holder must not delete the new lock"
        );
    }
}
