//! The top-level command line: the `debrief` parser and its subcommands.
//! Each subcommand's arguments live with what it does, in
//! [`crate::commands`].

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands::{
    ActionsArgs, CheckArgs, CompletionsArgs, DiffArgs, EditArgs, ExportArgs, FacilitateArgs,
    FmtArgs, ImportArgs, ImportMdArgs, InitArgs, LintArgs, LintTextArgs, ManArgs, MergeArgs,
    NewArgs, RecoverArgs, SampleArgs, SignArgs, StatsArgs,
};

/// debrief — a keyboard-driven terminal editor for blameless postmortems.
///
/// Postmortems are TOML files that live in git. debrief edits them in linked
/// panes (timeline, 5 Whys, contributing factors, action board), lints them
/// for blameless language and completeness, imports timelines from raw
/// evidence and Markdown postmortems, and exports them for engineers,
/// customers and executives (Markdown, HTML, JSON); across a folder
/// of postmortems it reports figures and patterns and tracks action items
/// to done. Run without arguments to open a scratch copy of the bundled
/// example.
#[derive(Debug, Parser)]
#[command(
    name = "debrief",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The postmortem to edit (a new one is started there if it does not
    /// exist); a folder opens the library view of its postmortems. Without
    /// it, a scratch copy of the bundled example opens.
    pub file: Option<PathBuf>,
    /// Theme: dark (default), light, high-contrast, or a theme file.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// The config file (default: $XDG_CONFIG_HOME/debrief/config.toml,
    /// or $DEBRIEF_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Open read-only: no lock, no journal, and no joining the live
    /// session of an editor that has the file open.
    #[arg(long)]
    pub read_only: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Edit a postmortem in the terminal editor.
    Edit(EditArgs),
    /// Run the postmortem meeting on a shared screen: the agenda with its
    /// timeboxes, the guide's prompts, parking lot, attendance and notes.
    Facilitate(FacilitateArgs),
    /// Write a new, empty postmortem (refuses to overwrite); without FILE,
    /// named from the date and title (`postmortems/YYYY-MM-DD-slug.toml`).
    New(NewArgs),
    /// Export a postmortem for an audience (internal, customer, exec) as
    /// Markdown, a standalone HTML page or JSON (stdout by default).
    Export(ExportArgs),
    /// Check structure and links; exit 0 clean, 1 problems, 2 unreadable.
    Check(CheckArgs),
    /// Rewrite files in canonical form (like rustfmt).
    Fmt(FmtArgs),
    /// Check blameless language and completeness; exit 0 clean, 1 errors
    /// (or warnings with --deny warnings), 2 unreadable.
    Lint(LintArgs),
    /// Check free prose for blameful language, line by line (stdin with `-`).
    LintText(LintTextArgs),
    /// Import a Markdown postmortem into a new TOML document; the report of
    /// what went where is printed to stderr.
    #[command(name = "import-md")]
    ImportMd(ImportMdArgs),
    /// Merge events from logs, alerts, pages, chat or git into the timeline.
    Import(ImportArgs),
    /// Recover the unsaved edits of a session that crashed or was killed,
    /// from the edit journal beside the file (`--show` by default).
    Recover(RecoverArgs),
    /// Write a large, valid, reproducible sample postmortem (for trying
    /// debrief at scale and for benchmarks).
    Sample(SampleArgs),
    /// What changed between two versions, in meaning (items by id, fields
    /// word by word, links, marks, intervals, completeness, findings); also
    /// git's diff driver.
    Diff(DiffArgs),
    /// Three-way merge by id, as git's merge driver (`%O %A %B`): writes
    /// into OURS; exit 0 clean, 1 conflicts recorded in the document.
    Merge(MergeArgs),
    /// Add a sign-off row: your name from git, today's date and the
    /// content's fingerprint.
    Sign(SignArgs),
    /// Set up a postmortem repository: postmortems/, debrief.toml,
    /// .gitattributes, CI files, git's diff and merge drivers (idempotent).
    Init(InitArgs),
    /// Print a shell completion script (bash, zsh or fish).
    Completions(CompletionsArgs),
    /// Print the man page (roff), or a subcommand's.
    Man(ManArgs),
    /// Figures across a folder of postmortems: durations as distributions,
    /// MTBF, timeliness, completeness, actions, factors and recurring
    /// patterns; exit 2 when files were skipped.
    Stats(StatsArgs),
    /// Every action item across a folder of postmortems; export them to a
    /// tracker (--export), write tickets back (--link), or check them in CI
    /// (--check: exit 1 when a P0/P1 action is overdue or unowned).
    Actions(ActionsArgs),
}
