//! `debrief recover`: the edit journal of a session that crashed.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::store;

/// `debrief recover`.
#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// The postmortem whose journal to look at.
    pub file: PathBuf,
    /// Say what the journal would change (the default).
    #[arg(long, conflicts_with_all = ["apply", "discard"])]
    pub show: bool,
    /// Write the recovered document to FILE (atomically) and remove the journal
    /// (kept, exit 1, when not every edit could be replayed).
    #[arg(long, conflicts_with = "discard")]
    pub apply: bool,
    /// Remove the journal without applying it.
    #[arg(long)]
    pub discard: bool,
}

/// `debrief recover`: show, apply or discard the edit journal beside a
/// document, without the editor. Exit 0 when done (or nothing to recover),
/// 1 when `--apply` could not replay every record (what did replay is
/// written and the journal is kept), 2 when the journal cannot be read or
/// a running debrief holds the file.
pub fn recover(args: &RecoverArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    use crate::store::{journal, recover};
    let file = &args.file;
    let journal_file = journal::journal_path(file);
    // Applying or discarding needs the document to ourselves: an editor
    // that holds it also holds its journal.
    let _lock = if args.apply || args.discard {
        match store::for_writing(file, "recover") {
            Ok(lock) => Some(lock),
            Err(refusal) => {
                writeln!(err, "{refusal}")?;
                return Ok(EXIT_UNREADABLE);
            }
        }
    } else {
        None
    };
    if args.discard {
        if journal_file.exists() {
            journal::discard_journal(file)
                .with_context(|| format!("cannot remove {}", journal_file.display()))?;
            writeln!(out, "discarded {}", journal_file.display())?;
        } else {
            writeln!(out, "{}: no journal, nothing to discard", file.display())?;
        }
        return Ok(EXIT_OK);
    }
    let recovery = match recover::recover(file) {
        Ok(Some(recovery)) => recovery,
        Ok(None) if journal_file.exists() => {
            writeln!(
                out,
                "{}: the journal {} holds no unsaved edits, nothing to recover",
                file.display(),
                journal_file.display()
            )?;
            return Ok(EXIT_OK);
        }
        Ok(None) => {
            writeln!(
                out,
                "{}: no journal of unsaved edits, nothing to recover",
                file.display()
            )?;
            return Ok(EXIT_OK);
        }
        Err(error) => {
            writeln!(err, "{error}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let summary = recover::summarize(&recover::on_disk(file, &recovery), &recovery.doc);
    writeln!(
        out,
        "journal: {} (started {}, {} edit{})",
        recovery.journal.display(),
        recovery.started.format("%Y-%m-%d %H:%M:%S UTC"),
        recovery.applied,
        if recovery.applied == 1 { "" } else { "s" }
    )?;
    if recovery.skipped > 0 {
        let lines: Vec<String> = recovery.damaged.iter().map(|n| n.to_string()).collect();
        writeln!(
            out,
            "skipped {} unreadable line{} of the journal ({}): a write cut short or damaged",
            recovery.skipped,
            if recovery.skipped == 1 { "" } else { "s" },
            lines.join(", ")
        )?;
    }
    if recovery.unsaved {
        writeln!(
            out,
            "the journal's base holds edits made while it could not be written"
        )?;
    }
    if let Some(why) = &recovery.stopped {
        writeln!(out, "replay stopped early: {why}")?;
    }
    writeln!(out, "compared with {}: {summary}", file.display())?;
    if args.apply && !recovery.is_complete() {
        // Part of it: write what replayed, keep the journal for a look.
        if recovery.applied > 0 || recovery.unsaved {
            store::save(&recovery.doc, file)?;
        }
        let applied = match recovery.applied {
            0 => "applied no record".to_string(),
            n => format!("applied records 1–{n}"),
        };
        writeln!(
            err,
            "{}: {applied} of the {} readable in the journal; not every edit could be recovered, so the journal is kept: {} (`--discard` drops it)",
            file.display(),
            recovery.records,
            journal_file.display()
        )?;
        return Ok(EXIT_PROBLEMS);
    }
    if args.apply {
        store::save(&recovery.doc, file)?;
        journal::discard_journal(file)
            .with_context(|| format!("cannot remove {}", journal_file.display()))?;
        writeln!(out, "recovered into {}", file.display())?;
    } else {
        writeln!(
            out,
            "`debrief recover --apply {}` writes it; `--discard` drops it",
            file.display()
        )?;
    }
    Ok(EXIT_OK)
}
