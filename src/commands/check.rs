//! `debrief check`: structure and links, with positions.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::model::{Postmortem, escape_controls};
use crate::store;

/// `debrief check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The postmortems to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
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
                    escape_controls(&located.problem.to_string())
                )?,
                None => writeln!(
                    out,
                    "{}: {}",
                    file.display(),
                    escape_controls(&located.problem.to_string())
                )?,
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
    let mut timeline: Vec<&crate::model::Event> = doc.timeline.iter().map(|e| &**e).collect();
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
