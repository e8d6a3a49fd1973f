//! `debrief edit` (and `debrief FILE`): the terminal editor.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::EXIT_OK;

/// `debrief edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The postmortem to edit (a new one is started there if it does not
    /// exist); a folder opens the library view of its postmortems.
    pub file: PathBuf,
    /// Theme: dark (default), light, high-contrast, or a theme file.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// The config file (default: $XDG_CONFIG_HOME/debrief/config.toml,
    /// or $DEBRIEF_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Start in the presenter view for a shared screen (no ids, finding
    /// underlines or provenance; V toggles it).
    #[arg(long)]
    pub present: bool,
    /// Open read-only: no lock, no journal, and no joining the live
    /// session of an editor that has the file open.
    #[arg(long)]
    pub read_only: bool,
}

/// Starts the terminal editor on `path` (a scratch example without one);
/// a folder opens the library view of its postmortems.
pub fn edit(
    path: Option<PathBuf>,
    theme: Option<String>,
    config: Option<PathBuf>,
    present: bool,
    read_only: bool,
) -> Result<u8> {
    let options = crate::tui::Options {
        path: path.clone(),
        theme,
        create_missing: true,
        config,
        present,
        read_only,
        ..crate::tui::Options::default()
    };
    match path {
        Some(dir) if dir.is_dir() => crate::tui::library::run(&dir, options)?,
        _ => crate::tui::run(options)?,
    }
    Ok(EXIT_OK)
}
