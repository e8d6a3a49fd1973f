//! `debrief facilitate`: the editor as the meeting's shared screen — the
//! agenda with its timeboxes, the prompts, the parking lot, attendance and
//! notes (docs/meeting.md).

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::EXIT_OK;

/// `debrief facilitate`.
#[derive(Debug, Args)]
pub struct FacilitateArgs {
    /// The postmortem to review (it must exist).
    pub file: PathBuf,
    /// The agenda: facilitation (the guide's 50 minutes), sixty (the
    /// writing guide's 60), project, or one from your config's
    /// `[agendas]`. Default: the document's own, else facilitation
    /// (project for a project retrospective).
    #[arg(long, value_name = "NAME")]
    pub agenda: Option<String>,
    /// Start in the presenter view (no ids, underlines or provenance).
    #[arg(long)]
    pub present: bool,
    /// Theme: dark (default), light, high-contrast, or a theme file.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// The config file (default: $XDG_CONFIG_HOME/debrief/config.toml,
    /// or $DEBRIEF_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// Starts the editor on `args.file` with facilitation running.
pub fn facilitate(args: &FacilitateArgs) -> Result<u8> {
    crate::tui::run(crate::tui::Options {
        path: Some(args.file.clone()),
        theme: args.theme.clone(),
        config: args.config.clone(),
        facilitate: true,
        agenda: args.agenda.clone(),
        present: args.present,
        ..crate::tui::Options::default()
    })?;
    Ok(EXIT_OK)
}
