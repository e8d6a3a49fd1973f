//! Who holds a lock: this process's user, host and pid, and whether a
//! holder on this host still runs.

use std::fs;
use std::path::Path;

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
