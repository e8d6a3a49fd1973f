//! `debrief export`: the document for an audience (internal, customer,
//! exec) as Markdown, a standalone HTML page or JSON, to stdout or a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::export::{self, Audience, ExportError, Format, Privacy};
use crate::lint::LintConfig;
use crate::store;

/// Who reads the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    /// Engineering: the whole document.
    Internal,
    /// Customers: summary, impact, key moments, actions marked public; fails
    /// if it would show a person, a private term or a private item.
    Customer,
    /// Leadership: one page of figures, root causes and top actions.
    Exec,
}

/// What the export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// GitHub-flavoured Markdown.
    Md,
    /// One standalone HTML page (inline CSS, no script, no network).
    Html,
    /// The document with its derived values (internal audience only).
    Json,
}

/// `debrief export`.
#[derive(Debug, Args)]
#[command(
    after_help = "The format follows the extension of -o (.md, .markdown, .html, .htm, \
    .json) unless --format is given; any other extension is refused.\n\
    A customer export exits 1 and names each leak (a roster or person's name, a private term, \
    the text of a private item, a link to an internal host) unless it is removed or allowed \
    with --allow or [export] allow in the config. See docs/export.md."
)]
pub struct ExportArgs {
    /// The postmortem to export.
    pub file: PathBuf,
    /// Who reads it.
    #[arg(long, short = 'a', value_enum, default_value = "internal")]
    pub audience: AudienceArg,
    /// md, html or json (default: from the extension of -o, else md).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<FormatArg>,
    /// Write the export here instead of stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// A term the customer export may show although it is private or a
    /// name (repeatable; compared without regard to case).
    #[arg(long, value_name = "TERM")]
    pub allow: Vec<String>,
    /// The config file whose `[export]` private terms and allow list and
    /// `[lint]` roster apply (default: $XDG_CONFIG_HOME/debrief/config.toml,
    /// or $DEBRIEF_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl From<AudienceArg> for Audience {
    fn from(arg: AudienceArg) -> Audience {
        match arg {
            AudienceArg::Internal => Audience::Internal,
            AudienceArg::Customer => Audience::Customer,
            AudienceArg::Exec => Audience::Exec,
        }
    }
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Format {
        match arg {
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        }
    }
}

/// The format asked for: `--format`, else the extension of `-o`, else
/// Markdown. An extension debrief cannot write is an error, and so is one
/// that contradicts `--format`.
fn format_of(args: &ExportArgs) -> Result<Format, String> {
    let by_name = match args.output.as_deref().filter(|p| !store::is_stream(p)) {
        Some(path) => Format::from_extension(path).transpose().map_err(|ext| {
            format!(
                "{}: debrief cannot write .{ext} files: use .md, .markdown, .html, .htm or .json \
                 (or --format)",
                path.display()
            )
        })?,
        None => None,
    };
    match (args.format.map(Format::from), by_name) {
        (Some(asked), Some(named)) if asked != named => Err(format!(
            "--format {} does not match the extension of {}",
            asked.as_str(),
            args.output
                .as_deref()
                .map(Path::display)
                .map(|d| d.to_string())
                .unwrap_or_default()
        )),
        (Some(asked), _) => Ok(asked),
        (None, named) => Ok(named.unwrap_or_default()),
    }
}

/// The team's privacy settings and lint roster, from the config files.
fn settings(args: &ExportArgs) -> Result<(Privacy, LintConfig)> {
    let user = crate::config::load(args.config.as_deref())?;
    let mut lint = user.lint.lint_config();
    let mut export = user.export.clone();
    if let Some((_, project)) = crate::config::load_project(&args.file)? {
        project.apply(&mut lint);
        export.extend(&project.export);
    }
    let mut allow = export.allow;
    allow.extend(args.allow.iter().cloned());
    let privacy = Privacy {
        private_terms: export.private_terms,
        roster: lint.roster.clone(),
        allow,
    };
    Ok((privacy, lint))
}

/// `debrief export`.
pub fn export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let format = match format_of(args) {
        Ok(format) => format,
        Err(message) => {
            writeln!(err, "debrief export: {message}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    // The document only: its text is not kept while the export is made.
    let doc = store::load(&args.file)?.doc;
    let (privacy, lint) = settings(args)?;
    let audience = Audience::from(args.audience);
    let text = match export::render(&doc, audience, format, &privacy, &lint) {
        Ok(text) => text,
        Err(ExportError::Leaks(leaks)) => {
            writeln!(
                err,
                "debrief export: {}: the customer export would show {} thing(s) that must stay internal:",
                args.file.display(),
                leaks.len()
            )?;
            for leak in &leaks {
                writeln!(err, "  {leak}")?;
            }
            writeln!(
                err,
                "Reword or remove them, or allow a term with --allow TERM \
                 (or [export] allow in the config). Nothing was written."
            )?;
            return Ok(EXIT_PROBLEMS);
        }
        Err(ExportError::Unsupported(message)) => {
            writeln!(err, "debrief export: {message}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    match &args.output {
        Some(path) => write_to(path, &text)?,
        None => out.write_all(text.as_bytes())?,
    }
    if audience == Audience::Customer {
        // Advice only: the export is written.
        for advice in export::customer_wording(&doc, &lint) {
            writeln!(err, "debrief export: wording (advice): {advice}")?;
        }
    }
    Ok(EXIT_OK)
}

fn write_to(path: &Path, text: &str) -> Result<()> {
    // A stream (`-o /dev/stdout`, a FIFO) has no lock; a file does.
    let _lock = if store::is_stream(path) {
        None
    } else {
        Some(store::for_writing(path, "export").map_err(store::StoreError::from)?)
    };
    store::write_output(path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}
