//! `debrief export`: Markdown to stdout or a file.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::EXIT_OK;
use crate::export::markdown;
use crate::store;

/// `debrief export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The postmortem to export.
    pub file: PathBuf,
    /// Write the Markdown here instead of stdout.
    #[arg(short, long, value_name = "OUT.md")]
    pub output: Option<PathBuf>,
}

/// `debrief export`.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<u8> {
    let loaded = store::load(&args.file)?;
    let text = markdown(&loaded.doc);
    match &args.output {
        Some(path) => {
            // A stream (`-o /dev/stdout`, a FIFO) has no lock; a file does.
            let _lock = if store::is_stream(path) {
                None
            } else {
                Some(store::for_writing(path, "export").map_err(store::StoreError::from)?)
            };
            store::write_output(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(EXIT_OK)
}
