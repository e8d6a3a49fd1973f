//! `debrief lint` and `debrief lint-text`: arguments, reading the inputs,
//! the exit status. What is printed is `lint::report`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE};
use crate::lint::report::{self, LintFormat, TextFormat};
use crate::lint::{LintConfig, Severity};
use crate::store;

/// Output format of `debrief lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum LintFormatArg {
    /// Readable lines: `file:line:col: severity[rule] message`.
    #[default]
    Human,
    /// A JSON array of findings.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
}

impl From<LintFormatArg> for LintFormat {
    fn from(format: LintFormatArg) -> LintFormat {
        match format {
            LintFormatArg::Human => LintFormat::Human,
            LintFormatArg::Json => LintFormat::Json,
            LintFormatArg::Github => LintFormat::Github,
        }
    }
}

/// Output format of `debrief lint-text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TextFormatArg {
    /// Readable lines.
    #[default]
    Human,
    /// A JSON array of `{rule, category, severity, message, suggestion, line, column, end_column}`.
    Json,
}

impl From<TextFormatArg> for TextFormat {
    fn from(format: TextFormatArg) -> TextFormat {
        match format {
            TextFormatArg::Human => TextFormat::Human,
            TextFormatArg::Json => TextFormat::Json,
        }
    }
}

/// A severity that `--deny` turns into a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DenyLevel {
    /// Fail on warnings as well as errors.
    Warnings,
}

/// `debrief lint FILE...`
#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// Postmortem documents to check: .toml files, or Markdown
    /// postmortems (.md, .markdown) read through the Markdown importer, with
    /// findings placed in the Markdown.
    #[arg(required_unless_present = "vale_style", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write the phrase rules as a Vale style into DIR (existence and
    /// substitution rules, one YAML file each) instead of linting.
    #[arg(long, value_name = "DIR")]
    pub vale_style: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormatArg::Human)]
    pub format: LintFormatArg,
    /// Also fail (exit 1) on warnings.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Vec<DenyLevel>,
    /// A word the blameless rules must accept (repeatable), e.g. a service
    /// named like a person.
    #[arg(long, value_name = "WORD")]
    pub allow: Vec<String>,
    /// Flag timeline gaps longer than this many minutes (default 30, or
    /// `gap_minutes` under `[lint]` in the config file).
    #[arg(long, value_name = "MINUTES")]
    pub gap_minutes: Option<i64>,
    /// The config file whose `[lint]` roster, allow list, gap threshold and
    /// rule levels apply (default: $XDG_CONFIG_HOME/debrief/config.toml, or
    /// $DEBRIEF_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings at or above this level.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_level: Option<MinLevel>,
}

/// The lowest severity `--min-level` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinLevel {
    /// Everything.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

impl From<MinLevel> for Severity {
    fn from(level: MinLevel) -> Severity {
        match level {
            MinLevel::Info => Severity::Info,
            MinLevel::Warning => Severity::Warning,
            MinLevel::Error => Severity::Error,
        }
    }
}

/// `debrief lint-text [FILE|-]`
#[derive(Debug, Clone, Args)]
pub struct LintTextArgs {
    /// A text file, one paragraph or sentence per line; `-` or nothing reads
    /// standard input.
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormatArg::Human)]
    pub format: TextFormatArg,
    /// A word the blameless rules must accept (repeatable).
    #[arg(long, value_name = "WORD")]
    pub allow: Vec<String>,
    /// The config file whose `[lint]` roster and allow list apply.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The config file's `[lint]` settings plus the command line's `--allow`.
fn lint_config(file: Option<&Path>, allow: &[String]) -> Result<LintConfig, String> {
    let settings = crate::config::load(file).map_err(|e| e.to_string())?.lint;
    let mut config = settings.lint_config();
    config.allow.extend(allow.iter().cloned());
    Ok(config)
}

impl LintArgs {
    fn config(&self) -> Result<LintConfig, String> {
        let mut config = lint_config(self.config.as_deref(), &self.allow)?;
        // The repository's debrief.toml, found from the first file.
        if let Some(first) = self.files.first()
            && let Some((_, project)) =
                crate::config::load_project(first).map_err(|e| e.to_string())?
        {
            project.apply(&mut config);
        }
        if let Some(minutes) = self.gap_minutes {
            config.gap_threshold = chrono::Duration::minutes(minutes.max(1));
        }
        if let Some(level) = self.min_level {
            config.min_severity = level.into();
        }
        Ok(config)
    }
}

/// `debrief lint`: blameless-language and completeness findings with file,
/// section, item, field, line and column. Exit 0 clean, 1 findings at the
/// failing level, 2 when any input could not be read.
pub fn lint(args: &LintArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    if let Some(dir) = &args.vale_style {
        return write_vale_style(dir, out, err);
    }
    let config = match args.config() {
        Ok(config) => config,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let deny_warnings = args.deny.contains(&DenyLevel::Warnings);
    let mut unreadable = false;
    let mut linted = Vec::new();
    for path in &args.files {
        if is_markdown(path) {
            match read_markdown(path) {
                Ok((source, doc)) => linted.push(report::lint_markdown(
                    &path.display().to_string(),
                    &source,
                    &doc,
                    &config,
                )),
                Err(message) => {
                    writeln!(err, "{message}")?;
                    unreadable = true;
                }
            }
            continue;
        }
        match store::load(path) {
            Ok(doc) => {
                let unknown = crate::lint::levels::unknown_in(&doc.doc.lint);
                for e in &unknown {
                    writeln!(err, "{}: {e} (the document's [lint.rules])", path.display())?;
                }
                unreadable |= !unknown.is_empty();
                linted.push(report::lint_loaded(
                    &path.display().to_string(),
                    &doc,
                    &config,
                ));
            }
            Err(e) => {
                writeln!(err, "{e}")?;
                unreadable = true;
            }
        }
    }
    let counts = report::report_linted(&linted, args.format.into(), out)?;
    Ok(if unreadable {
        EXIT_UNREADABLE
    } else if report::fails(counts, deny_warnings) {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}

/// Whether `path` names a Markdown postmortem (by its extension).
fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A Markdown postmortem and the document the importer reads from it.
fn read_markdown(path: &Path) -> Result<(String, crate::model::Postmortem), String> {
    use crate::import::markdown::{ImportOptions, MAX_MARKDOWN_BYTES, import};
    let bytes = store::read_limited(path, MAX_MARKDOWN_BYTES as u64, "Markdown")
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let source =
        String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))?;
    let options = ImportOptions {
        name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        ..ImportOptions::default()
    };
    let (doc, _) = import(&source, &options).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((source, doc))
}

/// `debrief lint-text`: blameful language in free prose, line by line,
/// from standard input when no file (or `-`) is given. Exits 1 on any
/// finding (warnings included), 2 when the input cannot be read.
pub fn lint_text(
    args: &LintTextArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<u8> {
    let mut text = String::new();
    let read = match &args.input {
        Some(path) if path.as_os_str() != "-" => {
            store::read_limited(path, store::MAX_DOCUMENT_BYTES, "text")
                .map_err(|e| format!("{}: cannot read: {e}", path.display()))
                .and_then(|bytes| {
                    String::from_utf8(bytes)
                        .map_err(|_| format!("{}: not UTF-8 text", path.display()))
                })
                .map(|t| text = t)
        }
        _ => store::read_stream_limited(stdin, store::MAX_DOCUMENT_BYTES, "text")
            .map_err(|e| format!("standard input: {e}"))
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| "standard input: not UTF-8 text".to_string())
            })
            .map(|t| text = t),
    };
    if let Err(message) = read {
        writeln!(err, "{message}")?;
        return Ok(EXIT_UNREADABLE);
    }
    let config = match lint_config(args.config.as_deref(), &args.allow) {
        Ok(config) => config,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let name = match &args.input {
        Some(path) if path.as_os_str() != "-" => path.display().to_string(),
        _ => "-".to_string(),
    };
    let counts = report::report_text(&name, &text, &config, args.format.into(), out)?;
    // Free text has no completeness rules: any blameful phrase fails.
    Ok(if report::fails(counts, true) {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}

/// `debrief lint --vale-style DIR`: writes the style's rule files.
fn write_vale_style(dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    if let Err(e) = std::fs::create_dir_all(dir) {
        writeln!(err, "{}: cannot create: {e}", dir.display())?;
        return Ok(EXIT_UNREADABLE);
    }
    let files = crate::lint::vale::style_files();
    for (name, text) in &files {
        let path = dir.join(name);
        if let Err(e) = store::write_atomic(&path, text.as_bytes()) {
            writeln!(err, "{}: cannot write: {e}", path.display())?;
            return Ok(EXIT_UNREADABLE);
        }
    }
    writeln!(out, "wrote {} Vale rules to {}", files.len(), dir.display())?;
    Ok(EXIT_OK)
}
