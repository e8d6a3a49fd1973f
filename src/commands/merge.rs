//! `debrief merge BASE OURS THEIRS`: git's merge driver (`%O %A %B`). The
//! result is written into OURS; exit 0 clean, 1 with conflicts (recorded
//! in the document), 2 when a side is not a readable postmortem (OURS is
//! then left as it was, for git to mark the file conflicted).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::model::Postmortem;
use crate::store;
use crate::vcs;

/// `debrief merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's `%O`; an empty file when both sides
    /// created the document).
    pub base: PathBuf,
    /// Our version (git's `%A`): the merged result is written here.
    pub ours: PathBuf,
    /// Their version (git's `%B`).
    pub theirs: PathBuf,
    /// The document's name in messages (git's `%P`).
    #[arg(long, value_name = "PATH")]
    pub name: Option<String>,
}

/// `debrief merge`.
pub fn merge(args: &MergeArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let name = args
        .name
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let _lock = match store::for_writing(&args.ours, "merge") {
        Ok(lock) => lock,
        Err(e) => {
            writeln!(err, "debrief merge: {e}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let base = match read_base(&args.base) {
        Ok(base) => base,
        Err(e) => return unreadable(err, &name, &e),
    };
    // One at a time, each file's text dropped once it is read, and the
    // base's rows ours did not change dropped before theirs is read: the
    // documents of 100,000 events are most of what a merge holds.
    let ours = match store::load(&args.ours) {
        Ok(loaded) => loaded.doc,
        Err(e) => return unreadable(err, &name, &e.to_string()),
    };
    let started = vcs::merge::start(base, ours);
    let theirs = match store::load(&args.theirs) {
        Ok(loaded) => loaded.doc,
        Err(e) => return unreadable(err, &name, &e.to_string()),
    };
    let merged = match started.merge(theirs) {
        Ok(merged) => merged,
        Err(e) => return unreadable(err, &name, &e.to_string()),
    };
    if let Err(e) = store::save(&merged.doc, &args.ours) {
        return unreadable(err, &name, &e.to_string());
    }
    for (old, new) in &merged.renumbered {
        writeln!(
            out,
            "{name}: both sides added {old}: theirs is now {new} (its links follow)"
        )?;
    }
    for link in &merged.dropped_links {
        writeln!(out, "{name}: dropped the link {link}: the item was deleted")?;
    }
    if merged.conflicts.is_empty() {
        return Ok(EXIT_OK);
    }
    for conflict in &merged.conflicts {
        writeln!(
            err,
            "{name}: conflict at {} (kept {}): both sides changed it",
            conflict.at,
            conflict.kept.as_str()
        )?;
    }
    writeln!(
        err,
        "{name}: {} conflict(s) recorded in the document: open it with `debrief {name}` and press o (ours) or t (theirs) on each, then `git add {name}`",
        merged.conflicts.len()
    )?;
    Ok(EXIT_PROBLEMS)
}

/// The base, or `None` when git gave an empty one (no common ancestor).
fn read_base(path: &std::path::Path) -> Result<Option<Postmortem>, String> {
    let text = store::read_text_limited(path, store::MAX_DOCUMENT_BYTES, "documents")
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    store::parse(&text, path)
        .map(Some)
        .map_err(|e| e.to_string())
}

fn unreadable(err: &mut dyn Write, name: &str, error: &str) -> Result<u8> {
    writeln!(
        err,
        "debrief merge: {name}: {error}\n{name}: not merged: our version is left as it was; merge it by hand (`git checkout --theirs {name}` takes theirs)"
    )?;
    Ok(EXIT_UNREADABLE)
}
