//! `debrief import`: parse every evidence file, then merge and save once.
//! A file that cannot be read at all (missing, no `--tz` for zone-less
//! times, not the format asked for) stops the import before anything is
//! written; unparseable lines only get reported.

use std::collections::HashSet;
use std::io::Write;

use anyhow::{Context as _, Result, bail};
use chrono::{SecondsFormat, Utc};
use regex::Regex;

use super::clock::{self, Resolver};
use super::progress::TerminalProgress;
use super::{Context, Options, Parsed, Roles, merge, parse_evidence};
use crate::cli::ImportArgs;
use crate::commands::EXIT_OK;
use crate::model::{DisplayZone, Timestamp};
use crate::store;

/// Runs the import; the report goes to `err`, a dry run's events to `out`.
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let loaded = store::load(&args.into)?;
    let mut doc = loaded.doc;
    let context = Context::of(&doc);
    let options = options(args, &context)?;
    let progress = TerminalProgress::new(args.quiet);
    let mut parsed_files = Vec::new();
    for path in &args.evidence {
        parsed_files.push(parse_evidence(path, &options, &context, &progress)?);
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
                    event.text,
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
            "  {} more matching event(s) not kept (limit {} per file): narrow with --since, --until or --grep",
            parsed.over_limit,
            super::MAX_CANDIDATES
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
                example.location, example.reason, example.text
            )?;
        }
    }
    Ok(())
}

fn options(args: &ImportArgs, context: &Context) -> Result<Options> {
    let tz = args
        .tz
        .as_deref()
        .map(DisplayZone::parse)
        .transpose()
        .map_err(anyhow::Error::msg)
        .context("--tz")?;
    let grep = args
        .grep
        .as_deref()
        .map(Regex::new)
        .transpose()
        .context("--grep is not a valid regular expression")?;
    let roles = match &args.roles {
        Some(path) => Roles::load(path)?,
        None => Roles::default(),
    };
    let reference = context
        .started
        .map(|s| tz.unwrap_or_default().local(&s).date());
    let time = |flag: &str, text: &Option<String>| -> Result<Option<Timestamp>> {
        let Some(text) = text else { return Ok(None) };
        let Some(stamp) = clock::whole(text) else {
            bail!(
                "{flag} `{text}`: expected a time like 2026-02-05T14:00:00Z, 2026-02-05 14:00 (with --tz) or 14:00"
            );
        };
        Resolver::new(tz, reference)
            .resolve(stamp)
            .map(Some)
            .map_err(|why| match why {
                clock::Unresolved::NeedsZone => anyhow::anyhow!(
                    "{flag} `{text}` has no time zone: add one (2026-02-05T14:00:00Z) or pass --tz ZONE"
                ),
                clock::Unresolved::NeedsDate => anyhow::anyhow!(
                    "{flag} `{text}` has no date and the document has no start time: write the full date"
                ),
                clock::Unresolved::Nonexistent => {
                    anyhow::anyhow!("{flag} `{text}` does not exist in that zone (DST change)")
                }
            })
    };
    Ok(Options {
        from: args.from.0,
        since: time("--since", &args.since)?,
        until: time("--until", &args.until)?,
        tz,
        grep,
        columns: args.columns.clone().unwrap_or_default(),
        threshold: args.threshold,
        roles,
    })
}
