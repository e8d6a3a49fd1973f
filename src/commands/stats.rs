//! `debrief stats DIR`: what a folder of postmortems says together.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::library::{self, Filter, StatsOptions};

/// Output format of `stats` and `actions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LibraryFormat {
    /// Readable text (with charts on a terminal).
    Human,
    /// JSON: every figure with the ids of the documents behind it.
    Json,
    /// CSV, one figure (or action) a row.
    Csv,
}

/// When to draw text charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Charts {
    /// On a terminal.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Which documents count: shared by `stats` and `actions`.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only incidents that started on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<NaiveDate>,
    /// Only incidents that started on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<NaiveDate>,
    /// Only postmortems involving this service (meta.services).
    #[arg(long, value_name = "S")]
    pub service: Option<String>,
    /// Only postmortems with this tag (meta.tags).
    #[arg(long, value_name = "T")]
    pub tag: Option<String>,
    /// The day overdue actions, late postmortems and anniversaries are
    /// measured against (default: today, local time).
    #[arg(long, value_name = "DATE")]
    pub today: Option<NaiveDate>,
}

impl FilterArgs {
    /// The library filter.
    pub fn filter(&self) -> Filter {
        Filter {
            since: self.since,
            until: self.until,
            service: self.service.clone(),
            tag: self.tag.clone(),
        }
    }

    /// The day to measure against.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// `debrief stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The folder of postmortems (every *.toml below it).
    pub dir: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: LibraryFormat,
    /// Text charts (bars, sparklines) beside the numbers.
    #[arg(long, value_enum, default_value = "auto")]
    pub charts: Charts,
    /// Days after an incident by which the review meeting is due.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub review_days: i64,
    /// Days after an incident by which the postmortem is due final.
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub final_days: i64,
}

/// Scans `dir` and reports each skipped file on `err`.
pub(crate) fn scan(dir: &std::path::Path, err: &mut dyn Write) -> Result<library::Library> {
    let lib = library::scan(dir).context("cannot read the library")?;
    for skipped in &lib.skipped {
        writeln!(err, "debrief: skipped {}", skipped.error)?;
    }
    Ok(lib)
}

/// `debrief stats`: exit 0, or 2 when files were skipped (the figures
/// cover the others).
pub fn stats(args: &StatsArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let lib = scan(&args.dir, err)?;
    let mut options = StatsOptions::new(args.filter.today());
    options.filter = args.filter.filter();
    options.review_days = args.review_days;
    options.final_days = args.final_days;
    let figures = library::stats(&lib, &options);
    match args.format {
        LibraryFormat::Human => {
            let charts = match args.charts {
                Charts::Always => true,
                Charts::Never => false,
                Charts::Auto => std::io::stdout().is_terminal(),
            };
            out.write_all(library::stats_human(&figures, charts).as_bytes())?;
        }
        LibraryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &figures)?;
            writeln!(out)?;
        }
        LibraryFormat::Csv => out.write_all(library::stats_csv(&figures).as_bytes())?,
    }
    if lib.skipped.is_empty() {
        Ok(EXIT_OK)
    } else {
        writeln!(
            err,
            "debrief: {} file(s) skipped; the figures cover the {} that could be read",
            lib.skipped.len(),
            lib.entries.len()
        )?;
        Ok(EXIT_UNREADABLE)
    }
}
