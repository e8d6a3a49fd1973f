//! `debrief import`: parse every evidence file, then merge and save once.
//! A file that cannot be read at all (missing, no `--tz` for zone-less
//! times, not the format asked for) stops the import before anything is
//! written; unparseable lines only get reported.
//!
//! [`EvidenceArgs`] are the options shared with the editor's `:import`
//! ([`EditorImportArgs`] parses them without `--into`).

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use chrono::{SecondsFormat, Utc};
use clap::{Args, Parser};

use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::import::timeline::progress::TerminalProgress;
use crate::import::timeline::{
    ColumnMap, Context, MAX_CANDIDATES, Parsed, Request, SourceChoice, Threshold, merge,
    parse_evidence,
};
use crate::model::escape_controls;
use crate::store;

/// The evidence and how to read it: what `debrief import` and the
/// editor's `:import` share. (`display_order` keeps `--help` in the order
/// the options have always had, `--into` and `--dry-run` among them.)
#[derive(Debug, Clone, Args)]
pub struct EvidenceArgs {
    /// Evidence files (a Slack channel folder or a git repository also work).
    #[arg(required = true, value_name = "EVIDENCE")]
    pub evidence: Vec<PathBuf>,
    /// Source format: auto, log, csv, alertmanager, prometheus, pagerduty,
    /// slack, markdown or git.
    #[arg(long, default_value = "auto", value_name = "SOURCE", display_order = 2)]
    pub from: SourceChoice,
    /// Keep events at or after this time (RFC 3339, or zone-less with --tz).
    #[arg(long, value_name = "T", display_order = 3)]
    pub since: Option<String>,
    /// Keep events at or before this time.
    #[arg(long, value_name = "T", display_order = 4)]
    pub until: Option<String>,
    /// Zone of zone-less times: UTC, -05:00 or an IANA name.
    #[arg(long, value_name = "ZONE", display_order = 5)]
    pub tz: Option<String>,
    /// Keep only lines (or items) matching this regular expression.
    #[arg(long, value_name = "PATTERN", display_order = 6)]
    pub grep: Option<String>,
    /// The incident date for Markdown notes' times without one, when the
    /// document has no start time and the notes state no date.
    #[arg(long, value_name = "YYYY-MM-DD", display_order = 7)]
    pub date: Option<chrono::NaiveDate>,
    /// CSV / Markdown table columns: time=HEADER,event=HEADER,source=…,actor=…
    #[arg(long, value_name = "MAP", display_order = 8)]
    pub columns: Option<ColumnMap>,
    /// Prometheus threshold: 0.05 (rising above is bad) or '<10'.
    #[arg(long, value_name = "LEVEL", display_order = 9)]
    pub threshold: Option<Threshold>,
    /// TOML file mapping user ids and handles to roles (U024BE7LH = "incident commander").
    #[arg(long, value_name = "FILE", display_order = 10)]
    pub roles: Option<PathBuf>,
}

impl EvidenceArgs {
    /// The library's view of these options.
    pub fn request(&self) -> Request {
        Request {
            from: self.from,
            since: self.since.clone(),
            until: self.until.clone(),
            tz: self.tz.clone(),
            grep: self.grep.clone(),
            date: self.date,
            columns: self.columns.clone(),
            threshold: self.threshold,
            roles: self.roles.clone(),
        }
    }
}

/// `debrief import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What to import and how to read it.
    #[command(flatten)]
    pub evidence: EvidenceArgs,
    /// The postmortem to merge into.
    #[arg(long, value_name = "PM.toml", display_order = 1)]
    pub into: PathBuf,
    /// Print what would be added; change nothing.
    #[arg(long, display_order = 7)]
    pub dry_run: bool,
    /// No progress bar and no summary (errors are still shown).
    #[arg(long, short, display_order = 11)]
    pub quiet: bool,
}

/// The editor's `:import` arguments: the same evidence options as `debrief
/// import`, into the open document. Parse with
/// `clap::Parser::try_parse_from([":import", …words])`.
#[derive(Debug, Parser)]
#[command(name = ":import", disable_version_flag = true)]
pub struct EditorImportArgs {
    /// What to import and how to read it.
    #[command(flatten)]
    pub evidence: EvidenceArgs,
}

/// Runs the import; the report goes to `err`, a dry run's events to `out`.
pub fn import(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    // Read and rewritten under the lock, so parallel imports each keep
    // their events and an editor's session is never written under it.
    let _lock = if args.dry_run {
        None
    } else {
        Some(store::for_writing(&args.into, "import").map_err(store::StoreError::from)?)
    };
    // The document only: the file's text would be held to the end.
    let mut doc = store::load(&args.into)?.doc;
    let context = Context::of(&doc);
    let options = args.evidence.request().options(&context)?;
    let progress = TerminalProgress::new(args.quiet);
    let mut parsed_files = Vec::new();
    for path in &args.evidence.evidence {
        parsed_files.push(parse_evidence(path, &options, &context, &progress)?);
    }
    // Times with no date anywhere: refuse, as `import-md` does, rather than
    // write a partial timeline (a made-up date would be stored as fact).
    if args.evidence.date.is_none()
        && let Some(parsed) = parsed_files.iter().find(|p| p.undated > 0)
    {
        writeln!(
            err,
            "debrief: {}: {} line(s) have a time but no date (the document has no start time \
             and the notes state no date): pass --date YYYY-MM-DD; nothing written",
            parsed.path.display(),
            parsed.undated
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    let mut added_total = 0;
    for mut parsed in parsed_files {
        let kept = std::mem::take(&mut parsed.candidates);
        let candidates = kept.len();
        let report = merge(&mut doc, kept);
        added_total += report.added.len();
        for (event, mark, holder) in report.marks_left_off.iter().filter(|_| !args.quiet) {
            writeln!(
                err,
                "{event}: the `{}` mark is left off: {holder} has it (an incident has that moment once; the editor's m moves it)",
                mark.as_str()
            )?;
        }
        if !args.quiet {
            summary(
                err,
                &parsed,
                candidates,
                report.added.len(),
                report.duplicates,
            )?;
        }
        if args.dry_run {
            // In time order; a set, since looking each id up is quadratic.
            let added: HashSet<&str> = report.added.iter().map(String::as_str).collect();
            for event in doc
                .timeline
                .iter()
                .filter(|e| added.contains(e.id.as_str()))
            {
                let marks: Vec<&str> = event.marks.iter().map(|m| m.as_str()).collect();
                writeln!(
                    out,
                    "+ {} {} {}{}",
                    event.id,
                    event
                        .at
                        .with_timezone(&Utc)
                        .to_rfc3339_opts(SecondsFormat::AutoSi, true),
                    escape_controls(&event.text),
                    if marks.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", marks.join(", "))
                    }
                )?;
            }
        }
    }
    if args.dry_run {
        if !args.quiet {
            writeln!(
                err,
                "dry run: {added_total} event(s) would be added; nothing written"
            )?;
        }
        return Ok(EXIT_OK);
    }
    if added_total > 0 {
        store::save(&doc, &args.into)?;
    }
    if !args.quiet {
        writeln!(
            err,
            "added {added_total} event(s) to {}",
            args.into.display()
        )?;
    }
    Ok(EXIT_OK)
}

fn summary(
    err: &mut dyn Write,
    parsed: &Parsed,
    candidates: usize,
    added: usize,
    duplicates: usize,
) -> Result<()> {
    write!(
        err,
        "{} ({}): {candidates} event(s) read, {added} new, {duplicates} already in the timeline",
        parsed.path.display(),
        parsed.kind
    )?;
    if parsed.filtered > 0 {
        write!(err, ", {} left out", parsed.filtered)?;
    }
    writeln!(err)?;
    if parsed.over_limit > 0 {
        writeln!(
            err,
            "  {} more matching event(s) not kept (limit {MAX_CANDIDATES} per file): narrow with --since, --until or --grep",
            parsed.over_limit,
        )?;
    }
    if parsed.unparseable > 0 {
        writeln!(
            err,
            "  {} line(s) or item(s) could not be read; the first {}:",
            parsed.unparseable,
            parsed.examples.len()
        )?;
        for example in &parsed.examples {
            writeln!(
                err,
                "    {}: {}: {}",
                escape_controls(&example.location),
                escape_controls(&example.reason),
                escape_controls(&example.text)
            )?;
        }
    }
    for warning in &parsed.warnings {
        writeln!(err, "  warning: {}", escape_controls(warning))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_import_arguments_parse_with_the_cli_definition() {
        let args = EditorImportArgs::try_parse_from([
            ":import", "app.log", "--from", "log", "--tz", "UTC", "--grep", "error",
        ])
        .expect("parses");
        assert_eq!(args.evidence.evidence, vec![PathBuf::from("app.log")]);
        assert_eq!(args.evidence.tz.as_deref(), Some("UTC"));
        let options = args
            .evidence
            .request()
            .options(&Context::default())
            .expect("options");
        assert_eq!(options.from, Some(crate::import::timeline::SourceKind::Log));
        assert!(options.grep.is_some_and(|g| g.is_match("an error")));
        // --into belongs to the command line only.
        assert!(
            EditorImportArgs::try_parse_from([":import", "a.log", "--into", "x.toml"]).is_err()
        );
        assert!(EditorImportArgs::try_parse_from([":import", "a.log", "--from", "nope"]).is_err());
    }
}
