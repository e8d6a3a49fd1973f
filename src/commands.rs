//! What each CLI subcommand does. `main.rs` only parses and dispatches;
//! everything here writes to the streams it is given, so tests can drive it.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::{
    CheckArgs, ExportArgs, FmtArgs, ImportMdArgs, LintArgs, LintTextArgs, NewArgs, RecoverArgs,
};
use crate::export::markdown;
use crate::model::{Postmortem, RESPONSE_PHASES, ResponsePhase};
use crate::store::{self, StoreError};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: the command ran and found problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status: unreadable input or bad usage.
pub const EXIT_UNREADABLE: u8 = 2;

/// `debrief` alone: the embedded default example, as Markdown.
pub fn show_default(out: &mut dyn Write) -> Result<u8> {
    let doc = crate::examples::DEFAULT.load()?;
    out.write_all(markdown(&doc).as_bytes())?;
    Ok(EXIT_OK)
}

/// `debrief new`: a new document with the standard sections laid out.
pub fn new(args: &NewArgs, out: &mut dyn Write) -> Result<u8> {
    let title = args.title.clone().unwrap_or_default();
    let mut doc = Postmortem::new(args.kind.into(), title);
    if doc.kind == crate::model::Kind::Incident {
        doc.response = RESPONSE_PHASES
            .iter()
            .map(|phase| ResponsePhase {
                phase: phase.to_string(),
                ..ResponsePhase::default()
            })
            .collect();
    }
    store::create(&doc, &args.file)?;
    writeln!(out, "created {}", args.file.display())?;
    Ok(EXIT_OK)
}

/// `debrief export`.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<u8> {
    let loaded = store::load(&args.file)?;
    let text = markdown(&loaded.doc);
    match &args.output {
        Some(path) => store::write_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}

/// `debrief check`: every problem as `file:line:column: item (path): message`.
pub fn check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let mut status = EXIT_OK;
    let mut total = 0;
    for file in &args.files {
        let loaded = match store::load(file) {
            Ok(loaded) => loaded,
            Err(error) => {
                writeln!(err, "{error}")?;
                status = EXIT_UNREADABLE;
                continue;
            }
        };
        let problems = store::check_source(&loaded.doc, &loaded.source);
        for located in &problems {
            match located.position {
                Some(at) => writeln!(
                    out,
                    "{}:{}:{}: {}",
                    file.display(),
                    at.line,
                    at.column,
                    located.problem
                )?,
                None => writeln!(out, "{}: {}", file.display(), located.problem)?,
            }
        }
        total += problems.len();
        intervals_info(file, &loaded.doc, out)?;
        if !problems.is_empty() && status == EXIT_OK {
            status = EXIT_PROBLEMS;
        }
    }
    if total > 0 {
        writeln!(err, "{total} problem(s) found")?;
    }
    Ok(status)
}

/// Key intervals and gap questions: information for `check`, not problems.
fn intervals_info(file: &Path, doc: &Postmortem, out: &mut dyn Write) -> Result<()> {
    let zone = doc.display_zone();
    for interval in doc.intervals().items {
        writeln!(
            out,
            "{}: info: {}: {} ({} → {})",
            file.display(),
            interval.kind.label(),
            crate::model::format_duration(interval.duration()),
            zone.date_time(&interval.from),
            zone.date_time(&interval.to),
        )?;
    }
    let mut timeline = doc.timeline.clone();
    timeline.sort_by_key(|e| e.at);
    for gap in crate::model::find_gaps(&timeline, crate::model::GAP_THRESHOLD) {
        writeln!(
            out,
            "{}: question: what happened between {} and {}?",
            file.display(),
            zone.clock(&gap.from),
            zone.clock(&gap.to),
        )?;
    }
    Ok(())
}

/// `debrief fmt`: rewrites files whose text differs from the canonical form.
pub fn fmt(args: &FmtArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let mut status = EXIT_OK;
    for file in &args.files {
        match format_one(file, args.check) {
            Ok(false) => {}
            Ok(true) if args.check => {
                writeln!(out, "{}: not in canonical form", file.display())?;
                status = status.max(EXIT_PROBLEMS);
            }
            Ok(true) => writeln!(out, "formatted {}", file.display())?,
            Err(error) => {
                writeln!(err, "{error}")?;
                status = EXIT_UNREADABLE;
            }
        }
    }
    Ok(status)
}

/// Whether `file` differs from canonical form; rewrites it unless `check_only`.
fn format_one(file: &Path, check_only: bool) -> Result<bool, StoreError> {
    let loaded = store::load(file)?;
    let canonical = store::to_toml(&loaded.doc)?;
    if canonical == loaded.source {
        return Ok(false);
    }
    if !check_only {
        store::write_atomic(file, canonical.as_bytes()).map_err(|source| StoreError::Io {
            path: file.to_path_buf(),
            action: "cannot save",
            source,
        })?;
    }
    Ok(true)
}

/// `debrief lint`: blameless-language and completeness findings with file,
/// section, item, field, line and column.
pub fn lint(args: &LintArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let code = crate::lint::report::run_lint(args, out, err)?;
    Ok(u8::try_from(code).unwrap_or(EXIT_UNREADABLE))
}

/// `debrief lint-text`: blameful language in free prose, line by line.
pub fn lint_text(
    args: &LintTextArgs,
    stdin: &mut dyn std::io::Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let code = crate::lint::report::run_lint_text(args, stdin, out, err)?;
    Ok(u8::try_from(code).unwrap_or(EXIT_UNREADABLE))
}

/// `debrief import-md`: Markdown in, TOML out, the report on `err`.
pub fn import_md(args: &ImportMdArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    use crate::import::markdown::{ImportOptions, MAX_MARKDOWN_BYTES, import};
    let zone = match &args.tz {
        Some(text) => match crate::model::DisplayZone::parse(text) {
            Ok(zone) => Some(zone),
            Err(message) => {
                writeln!(err, "debrief: --tz: {message}")?;
                return Ok(EXIT_UNREADABLE);
            }
        },
        None => None,
    };
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("{}: cannot read", args.file.display()))?
        .len();
    if size > MAX_MARKDOWN_BYTES as u64 {
        writeln!(
            err,
            "debrief: {}: file is {size} bytes; debrief imports Markdown up to 16 MiB",
            args.file.display()
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("{}: cannot read", args.file.display()))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let at = store::position_of(&prefix, valid);
            writeln!(
                err,
                "debrief: {}:{}:{}: not UTF-8 text: expected a Markdown document",
                args.file.display(),
                at.line,
                at.column
            )?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let (doc, report) = match import(&text, &ImportOptions { zone }) {
        Ok(done) => done,
        Err(e) => {
            writeln!(err, "debrief: {}: {e}", args.file.display())?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    if args.force {
        store::save(&doc, &args.output)?;
    } else {
        store::create(&doc, &args.output)?;
    }
    write!(err, "{report}")?;
    writeln!(
        out,
        "imported {} into {}",
        args.file.display(),
        args.output.display()
    )?;
    Ok(EXIT_OK)
}

/// `debrief import`: see [`crate::import::timeline::command`].
pub fn import(
    args: &crate::cli::ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    crate::import::timeline::command::run(args, out, err)
}

/// `debrief recover`: show, apply or discard the edit journal beside a
/// document, without the editor. Exit 0 when done (or nothing to recover),
/// 2 when the journal cannot be read or a running debrief holds the file.
pub fn recover(args: &RecoverArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    use crate::store::{journal, lock, recover};
    let file = &args.file;
    let journal_file = journal::journal_path(file);
    if (args.apply || args.discard)
        && let Some(owner) = lock::holder(file).filter(|o| !o.is_stale())
    {
        writeln!(
            err,
            "{}: open in a running debrief ({}); its journal is in use",
            file.display(),
            owner.describe()
        )?;
        return Ok(EXIT_UNREADABLE);
    }
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
        writeln!(
            out,
            "skipped {} unreadable line{} (a write cut short by the crash)",
            recovery.skipped,
            if recovery.skipped == 1 { "" } else { "s" }
        )?;
    }
    if let Some(why) = &recovery.stopped {
        writeln!(out, "replay stopped early: {why}")?;
    }
    writeln!(out, "compared with {}: {summary}", file.display())?;
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
