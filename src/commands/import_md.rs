//! `debrief import-md`: a Markdown postmortem into a new TOML document.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::store;

/// `debrief import-md`.
#[derive(Debug, Args)]
pub struct ImportMdArgs {
    /// The Markdown postmortem to import.
    pub file: PathBuf,
    /// Where to write the TOML document (refuses to overwrite without --force).
    #[arg(short, long, value_name = "PM.toml")]
    pub output: PathBuf,
    /// Zone for times the document gives without one: UTC, -05:00 or an IANA
    /// name. A zone the document states ("All times in …") takes precedence.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// The incident date (YYYY-MM-DD) when neither the document nor its file
    /// name gives one. Required when the timeline has times without a date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// Map a heading to a section, e.g. --map "Things that made it
    /// worse=factors" (repeatable). Sections: summary, impact, timeline,
    /// root-cause, whys, problem, factors, response, detection, triage,
    /// communication, mitigation, resolution, went-well, went-poorly, lucky,
    /// lessons, actions, appendix, notes, logs, metrics, related, metadata,
    /// unmapped.
    #[arg(long = "map", value_name = "HEADING=SECTION", value_parser = parse_map)]
    pub map: Vec<(String, String)>,
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}`: expected a date as YYYY-MM-DD, e.g. 2024-03-14"))
}

fn parse_map(text: &str) -> Result<(String, String), String> {
    crate::import::markdown::parse_map(text)
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
    let bytes = match store::read_limited(&args.file, MAX_MARKDOWN_BYTES as u64, "Markdown") {
        Ok(bytes) => bytes,
        Err(e) => {
            writeln!(err, "debrief: {}: {e}", args.file.display())?;
            return Ok(EXIT_UNREADABLE);
        }
    };
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
    let options = ImportOptions {
        zone,
        date: args.date,
        name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned()),
        map: args.map.clone(),
    };
    let (doc, report) = match import(&text, &options) {
        Ok(done) => done,
        Err(e) => {
            writeln!(err, "debrief: {}: {e}", args.file.display())?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    if report.needs_date {
        // Nothing is written: a made-up date would be stored as fact.
        writeln!(
            err,
            "debrief: {}: no incident date found (no Date field, dated heading or date in the \
             file name) and the timeline has times without a date: pass --date YYYY-MM-DD",
            args.file.display()
        )?;
        return Ok(EXIT_UNREADABLE);
    }
    let _lock = store::for_writing(&args.output, "import-md").map_err(store::StoreError::from)?;
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
