//! The command line: one subcommand per user job (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Kind;

pub use crate::lint::report::{LintArgs, LintTextArgs};

/// debrief — a keyboard-driven terminal editor for blameless postmortems.
///
/// Postmortems are TOML files that live in git. debrief edits them in linked
/// panes (timeline, 5 Whys, contributing factors, action board), lints them
/// for blameless language and completeness, imports timelines from raw
/// evidence and Markdown postmortems, and exports Markdown. Run without
/// arguments to open a scratch copy of the bundled example.
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
    /// exist). Without it, a scratch copy of the bundled example opens.
    pub file: Option<PathBuf>,
    /// Theme: dark (default), light, high-contrast, or a theme file.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// The config file (default: $XDG_CONFIG_HOME/debrief/config.toml,
    /// or $DEBRIEF_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Edit a postmortem in the terminal editor.
    Edit(EditArgs),
    /// Write a new, empty postmortem (refuses to overwrite).
    New(NewArgs),
    /// Export a postmortem as Markdown (stdout by default).
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
}

/// Document kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A production incident.
    Incident,
    /// A project or engagement retrospective.
    Project,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Incident => Kind::Incident,
            KindArg::Project => Kind::Project,
        }
    }
}

/// `debrief new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Incident postmortem or project retrospective.
    #[arg(long, value_enum, default_value = "incident")]
    pub kind: KindArg,
    /// The title.
    #[arg(long)]
    pub title: Option<String>,
    /// Where to write it (must not exist).
    pub file: PathBuf,
}

/// `debrief edit`.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The postmortem to edit (a new one is started there if it does not exist).
    pub file: PathBuf,
    /// Theme: dark (default), light, high-contrast, or a theme file.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// The config file (default: $XDG_CONFIG_HOME/debrief/config.toml,
    /// or $DEBRIEF_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `debrief export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The postmortem to export.
    pub file: PathBuf,
    /// Write the Markdown here instead of stdout.
    #[arg(short, long, value_name = "OUT.md")]
    pub output: Option<PathBuf>,
}

/// `debrief check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The postmortems to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

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

/// `debrief recover`.
#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// The postmortem whose journal to look at.
    pub file: PathBuf,
    /// Say what the journal would change (the default).
    #[arg(long, conflicts_with_all = ["apply", "discard"])]
    pub show: bool,
    /// Write the recovered document to FILE (atomically) and remove the journal.
    #[arg(long, conflicts_with = "discard")]
    pub apply: bool,
    /// Remove the journal without applying it.
    #[arg(long)]
    pub discard: bool,
}

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
    /// Replace the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `debrief import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Evidence files (a Slack channel folder or a git repository also work).
    #[arg(required = true, value_name = "EVIDENCE")]
    pub evidence: Vec<PathBuf>,
    /// The postmortem to merge into.
    #[arg(long, value_name = "PM.toml")]
    pub into: PathBuf,
    /// Source format: auto, log, csv, alertmanager, prometheus, pagerduty,
    /// slack, markdown or git.
    #[arg(long, default_value = "auto", value_name = "SOURCE")]
    pub from: crate::import::timeline::SourceChoice,
    /// Keep events at or after this time (RFC 3339, or zone-less with --tz).
    #[arg(long, value_name = "T")]
    pub since: Option<String>,
    /// Keep events at or before this time.
    #[arg(long, value_name = "T")]
    pub until: Option<String>,
    /// Zone of zone-less times: UTC, -05:00 or an IANA name.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Keep only lines (or items) matching this regular expression.
    #[arg(long, value_name = "PATTERN")]
    pub grep: Option<String>,
    /// Print what would be added; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// CSV / Markdown table columns: time=HEADER,event=HEADER,source=…,actor=…
    #[arg(long, value_name = "MAP")]
    pub columns: Option<crate::import::timeline::ColumnMap>,
    /// Prometheus threshold: 0.05 (rising above is bad) or '<10'.
    #[arg(long, value_name = "LEVEL")]
    pub threshold: Option<crate::import::timeline::Threshold>,
    /// TOML file mapping user ids and handles to roles (U024BE7LH = "incident commander").
    #[arg(long, value_name = "FILE")]
    pub roles: Option<PathBuf>,
    /// No progress bar and no summary (errors are still shown).
    #[arg(long, short)]
    pub quiet: bool,
}
