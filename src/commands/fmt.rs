//! `debrief fmt`: rewrite files in canonical form.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Args;

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::store::{self, StoreError};

/// `debrief fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Only report files that are not in canonical form (exit 1 if any).
    #[arg(long)]
    pub check: bool,
    /// The postmortems to format.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
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
    let _lock = if check_only {
        None
    } else {
        Some(store::for_writing(file, "fmt")?)
    };
    let loaded = store::load(file)?;
    let canonical = store::writable_text(&loaded.doc, file)?;
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
