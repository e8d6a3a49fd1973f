//! `debrief actions DIR`: every action item of a folder of postmortems;
//! the tracker outbox (`--export`), tickets written back (`--link`) and
//! the CI check (`--check`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use super::stats::{FilterArgs, scan};
use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::library::{self, ActionQuery, OutboxOptions, StatusFilter};
use crate::model::{ActionStatus, PathSeg, escape_controls};
use crate::store;

/// Output format of `actions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionsFormat {
    /// Readable lines.
    Human,
    /// JSON: every action with its postmortem and what it addresses.
    Json,
    /// CSV, one action a row.
    Csv,
    /// GitHub Actions annotations (with --check).
    Github,
}

/// `--status` on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Not started.
    Open,
    /// Being worked on.
    InProgress,
    /// Finished.
    Done,
    /// Decided against.
    WontDo,
    /// Open or in progress.
    Pending,
}

/// Tracker formats of `--export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportKind {
    /// A shell script of `gh issue create` commands.
    Github,
    /// Jira's CSV importer layout.
    JiraCsv,
    /// Linear's CSV importer layout.
    LinearCsv,
}

/// `debrief actions`.
#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// The folder of postmortems (every *.toml below it).
    pub dir: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Only actions whose owner contains this text (case-insensitive).
    #[arg(long, value_name = "X")]
    pub owner: Option<String>,
    /// Only actions with this status (pending: open or in progress).
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Only actions open or in progress past their due date.
    #[arg(long)]
    pub overdue: bool,
    /// Output format (github: annotations, with --check).
    #[arg(long, value_enum, default_value = "human")]
    pub format: ActionsFormat,
    /// Write the actions that have no ticket yet (open or in progress) for a
    /// tracker, to the file given with -o.
    #[arg(long, value_enum, requires = "output", conflicts_with_all = ["link", "check"])]
    pub export: Option<ExportKind>,
    /// Where --export writes (`-` for standard output).
    #[arg(short, long, value_name = "FILE", requires = "export")]
    pub output: Option<PathBuf>,
    /// Prefix of the links back to the postmortems in exported tickets
    /// (e.g. https://github.com/org/postmortems/blob/main/).
    #[arg(long, value_name = "URL", requires = "export")]
    pub base_url: Option<String>,
    /// Write tickets and statuses back into the postmortems from a CSV of
    /// `action,ticket[,status]` (action as DOC#A1); idempotent.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "check")]
    pub link: Option<PathBuf>,
    /// Exit 1 when any P0/P1 action is overdue or has no owner (for CI).
    #[arg(long)]
    pub check: bool,
}

/// `debrief actions`: exit 0; 1 when `--check` fails or `--link` has rows
/// it cannot apply; 2 when files were skipped or could not be written.
pub fn actions(args: &ActionsArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    if args.format == ActionsFormat::Github && !args.check {
        bail!("--format github writes annotations for --check: add --check");
    }
    let lib = scan(&args.dir, err)?;
    let today = args.filter.today();
    let skipped = if lib.skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_UNREADABLE
    };
    if let Some(links) = &args.link {
        return Ok(link(&lib, links, out, err)?.max(skipped));
    }
    let query = ActionQuery {
        filter: args.filter.filter(),
        owner: args.owner.clone(),
        status: args.status.map(|s| match s {
            StatusArg::Open => StatusFilter::Is(ActionStatus::Open),
            StatusArg::InProgress => StatusFilter::Is(ActionStatus::InProgress),
            StatusArg::Done => StatusFilter::Is(ActionStatus::Done),
            StatusArg::WontDo => StatusFilter::Is(ActionStatus::WontDo),
            StatusArg::Pending => StatusFilter::Pending,
        }),
        overdue: args.overdue,
    };
    let rows = library::actions(&lib, &query, today);
    if let (Some(kind), Some(path)) = (args.export, &args.output) {
        let options = OutboxOptions {
            base_url: args.base_url.clone(),
        };
        let outbox = library::outbox(&rows);
        let text = match kind {
            ExportKind::Github => library::github_script(&outbox, &options),
            ExportKind::JiraCsv => library::jira_csv(&outbox, &options),
            ExportKind::LinearCsv => library::linear_csv(&outbox, &options),
        };
        if path.as_os_str() == "-" {
            out.write_all(text.as_bytes())?;
        } else {
            store::write_output(path, text.as_bytes())
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        writeln!(
            err,
            "{} action(s) to export ({} of the {} listed have a ticket or are finished)",
            outbox.len(),
            rows.len() - outbox.len(),
            rows.len()
        )?;
        return Ok(skipped);
    }
    if args.check {
        return Ok(check(&rows, today, args.format, out, err)?.max(skipped));
    }
    match args.format {
        ActionsFormat::Human | ActionsFormat::Github => {
            out.write_all(library::actions_human(&rows).as_bytes())?
        }
        ActionsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        ActionsFormat::Csv => out.write_all(library::actions_csv(&rows).as_bytes())?,
    }
    Ok(skipped)
}

/// `--check`: the P0/P1 actions overdue or unowned, as lines or GitHub
/// annotations at the action's `due` or the action itself.
fn check(
    rows: &[library::ActionRow],
    today: chrono::NaiveDate,
    format: ActionsFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let findings = library::check(rows, today);
    match format {
        ActionsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &findings)?;
            writeln!(out)?;
        }
        ActionsFormat::Csv => {
            let failing: Vec<library::ActionRow> =
                findings.iter().map(|f| f.action.clone()).collect();
            out.write_all(library::actions_csv(&failing).as_bytes())?;
        }
        ActionsFormat::Human | ActionsFormat::Github => {
            for f in &findings {
                let field = match f.reason {
                    library::CheckReason::Overdue => Some(PathSeg::Key("due")),
                    library::CheckReason::Unowned => None,
                };
                let at = position(&f.action, field);
                let file = f.action.file.display().to_string();
                if format == ActionsFormat::Github {
                    let mut props = format!("file={}", escape_property(&file));
                    if let Some((line, col)) = at {
                        props.push_str(&format!(",line={line},col={col}"));
                    }
                    props.push_str(",title=debrief actions --check");
                    writeln!(out, "::error {props}::{}", escape_data(&f.message))?;
                } else {
                    let at = at.map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
                    writeln!(out, "{file}{at}: {}", escape_controls(&f.message))?;
                }
            }
        }
    }
    if findings.is_empty() {
        writeln!(err, "no P0/P1 action overdue or without an owner")?;
        Ok(EXIT_OK)
    } else {
        writeln!(err, "{} P0/P1 problem(s) with action items", findings.len())?;
        Ok(EXIT_PROBLEMS)
    }
}

/// Line and column of an action (or one of its fields) in its file, read
/// again for the position (only for the few failing actions).
fn position(row: &library::ActionRow, field: Option<PathSeg>) -> Option<(usize, usize)> {
    let loaded = store::load(&row.file).ok()?;
    let mut path = vec![PathSeg::Key("actions"), PathSeg::Index(row.index)];
    path.extend(field);
    let at = store::locate(&loaded.source, &path)
        .or_else(|| store::locate(&loaded.source, &path[..2]))?;
    Some((at.line, at.column))
}

fn escape_data(text: &str) -> String {
    let text = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    escape_controls(&text).into_owned()
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `--link`: apply the links file and say what changed.
fn link(
    lib: &library::Library,
    links: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let text = store::read_text_limited(links, 64 * 1024 * 1024, "links files")
        .with_context(|| format!("{}: cannot read", links.display()))?;
    let name = links.display().to_string();
    let (rows, mut errors) = library::parse_links(&name, &text);
    let (changes, unchanged, plan_errors) = library::plan_links(lib, &name, &rows);
    errors.extend(plan_errors);
    errors.sort_by_key(|e| e.line);
    for e in &errors {
        writeln!(err, "debrief: {}", escape_controls(&e.to_string()))?;
    }
    let outcome = library::apply_links(changes, unchanged);
    for c in &outcome.changed {
        let shown = |v: &str| {
            if v.is_empty() {
                "(none)".to_string()
            } else {
                escape_controls(v).into_owned()
            }
        };
        writeln!(
            out,
            "{}: {} {}: {} → {}",
            c.path.display(),
            escape_controls(&c.action),
            c.field,
            shown(&c.from),
            shown(&c.to)
        )?;
    }
    for e in &outcome.failed {
        writeln!(err, "debrief: {e}")?;
    }
    let files: std::collections::BTreeSet<_> = outcome.changed.iter().map(|c| &c.path).collect();
    writeln!(
        out,
        "{} change(s) in {} file(s); {} row(s) already up to date",
        outcome.changed.len(),
        files.len(),
        outcome.unchanged
    )?;
    Ok(if !outcome.failed.is_empty() {
        EXIT_UNREADABLE
    } else if !errors.is_empty() {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}
