//! `debrief init [DIR]`: a postmortem repository in one command — the
//! `postmortems/` folder, `debrief.toml`, `.gitattributes` naming the diff
//! and merge drivers, CI for GitHub Actions and GitLab, and (in a git
//! repository) the drivers in git's config. Running it again changes
//! nothing that is there.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};
use clap::Args;

use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::store;
use crate::vcs::init::{FILES, GIT_CONFIG, with_missing_lines};

/// `debrief init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The repository's folder (default: the current one; made if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// `debrief init`: says what it created, added or kept.
pub fn init(args: &InitArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let dir = &args.dir;
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut status = EXIT_OK;
    for file in FILES {
        let path = dir.join(file.path);
        match write_one(&path, file.text, file.add_lines) {
            Ok(what) => writeln!(out, "{what} {}", path.display())?,
            Err(e) => {
                writeln!(err, "{}: {e}", path.display())?;
                status = EXIT_UNREADABLE;
            }
        }
    }
    if in_git_repository(dir) {
        for (key, value) in GIT_CONFIG {
            let current = git(dir, &["config", "--local", "--get", key]);
            match current {
                Some(v) if v == value => {}
                Some(v) => writeln!(out, "kept git config {key} = {v} (debrief's is `{value}`)")?,
                None if git(dir, &["config", "--local", key, value]).is_some() => {
                    writeln!(out, "set git config {key} = {value}")?
                }
                None => {
                    writeln!(
                        err,
                        "could not set git config {key}: run `git config {key} '{value}'`"
                    )?;
                    status = EXIT_UNREADABLE;
                }
            }
        }
    } else {
        writeln!(
            out,
            "not a git repository: after `git init`, run `debrief init` again to set the diff and merge drivers"
        )?;
    }
    Ok(status)
}

/// Creates `path` with `text` when missing; else adds the missing lines or
/// keeps it. Returns what was done.
fn write_one(path: &Path, text: &str, add_lines: bool) -> std::io::Result<&'static str> {
    let existing = match store::read_text_limited(path, store::MAX_DOCUMENT_BYTES, "files") {
        Ok(existing) => Some(existing),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    match existing {
        None => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            store::write_new(path, text.as_bytes())?;
            Ok("created")
        }
        Some(existing) if add_lines => match with_missing_lines(&existing, text) {
            Some(updated) => {
                store::write_atomic(path, updated.as_bytes())?;
                Ok("added debrief's lines to")
            }
            None => Ok("kept"),
        },
        Some(_) => Ok("kept"),
    }
}

fn in_git_repository(dir: &Path) -> bool {
    git(dir, &["rev-parse", "--git-dir"]).is_some()
}

/// Runs git in `dir`; its trimmed output when it succeeds.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}
