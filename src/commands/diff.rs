//! `debrief diff`: what changed between two versions of a postmortem, in
//! meaning. Also git's external diff driver (seven arguments).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::model::Postmortem;
use crate::store;
use crate::vcs::{self, render};

/// Output format of `debrief diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum DiffFormat {
    /// Readable lines; changed words as `[-old-]{+new+}`.
    #[default]
    Human,
    /// A Markdown comment for a pull request.
    Markdown,
    /// The changes as JSON.
    Json,
}

/// `debrief diff OLD NEW`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// OLD NEW; or the seven arguments git gives an external diff driver
    /// (path old-file old-hex old-mode new-file new-hex new-mode, nine for
    /// a rename). `/dev/null` stands for a file that does not exist.
    #[arg(required = true, num_args = 2..=9, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Exit 1 when the documents differ in meaning, as diff(1) does (git's
    /// seven-argument form always exits 0, or git stops).
    #[arg(long)]
    pub exit_code: bool,
    /// The config file whose `[lint]` settings the findings use.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `debrief diff`.
pub fn diff(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let (title, old, new, git) = match args.files.as_slice() {
        [old, new] => (
            format!("{} → {}", old.display(), new.display()),
            old,
            new,
            false,
        ),
        [path, old, _, _, new, _, _] | [path, old, _, _, new, _, _, _, _] => {
            (path.display().to_string(), old, new, true)
        }
        _ => {
            writeln!(
                err,
                "debrief diff: expected OLD NEW, or the 7 arguments of a git diff driver (got {})",
                args.files.len()
            )?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let (old_doc, new_doc) = match (read(old), read(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            for e in [o.err(), n.err()].into_iter().flatten() {
                writeln!(err, "debrief diff: {e}")?;
            }
            if !git {
                return Ok(EXIT_UNREADABLE);
            }
            // In git, show the lines at least (a file with conflict
            // markers, say), and let git go on to the next file.
            writeln!(
                out,
                "debrief diff {title}: not a readable postmortem, lines:"
            )?;
            out.write_all(line_diff(old, new).as_bytes())?;
            return Ok(EXIT_OK);
        }
    };
    let mut config = crate::config::load(args.config.as_deref())
        .map(|c| c.lint.lint_config())
        .unwrap_or_default();
    if let Ok(Some((_, project))) = crate::config::load_project(Path::new(new)) {
        project.apply(&mut config);
    }
    let changes = vcs::diff(old_doc.as_ref(), new_doc.as_ref(), &config)?;
    let text = match args.format {
        DiffFormat::Human => render::human(&changes, &title),
        DiffFormat::Markdown => render::markdown(&changes, &title),
        DiffFormat::Json => render::json(&changes),
    };
    out.write_all(text.as_bytes())?;
    Ok(if args.exit_code && !git && !changes.is_empty() {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}

/// The document at `path`; `None` for `/dev/null` (git's missing side).
fn read(path: &Path) -> Result<Option<Postmortem>, store::StoreError> {
    if path == Path::new("/dev/null") {
        return Ok(None);
    }
    store::load(path).map(|l| Some(l.doc))
}

fn line_diff(old: &Path, new: &Path) -> String {
    let text = |p: &Path| {
        store::read_text_limited(p, store::MAX_DOCUMENT_BYTES, "documents").unwrap_or_default()
    };
    let (o, n) = (text(old), text(new));
    similar::TextDiff::from_lines(&o, &n)
        .unified_diff()
        .context_radius(3)
        .to_string()
}
