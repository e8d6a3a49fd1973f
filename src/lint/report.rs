//! The `debrief lint` and `debrief lint-text` commands: argument structs,
//! running, output formats (human, JSON, GitHub annotations) and the exit
//! code. The binary only parses arguments and calls [`run_lint`] /
//! [`run_lint_text`].

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde_json::json;

use super::position::{SourceIndex, Span};
use super::{
    Context, Counts, Finding, LintConfig, Severity, completeness_score, lint_document, lint_prose,
};
use crate::store;

/// Exit code: no findings at the failing level.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: errors found (or warnings, with `--deny warnings`).
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: an input could not be read or parsed.
pub const EXIT_UNREADABLE: i32 = 2;

/// Output format of `debrief lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum LintFormat {
    /// Readable lines: `file:line:col: severity[rule] message`.
    #[default]
    Human,
    /// A JSON array of findings.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`).
    Github,
}

/// Output format of `debrief lint-text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TextFormat {
    /// Readable lines.
    #[default]
    Human,
    /// A JSON array of `{rule, category, severity, message, suggestion, line, column, end_column}`.
    Json,
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
    /// Postmortem documents (.toml) to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LintFormat::Human)]
    pub format: LintFormat,
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
    /// The config file whose `[lint]` roster, allow list and gap threshold
    /// apply (default: $XDG_CONFIG_HOME/debrief/config.toml, or
    /// $DEBRIEF_CONFIG).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `debrief lint-text [FILE|-]`
#[derive(Debug, Clone, Args)]
pub struct LintTextArgs {
    /// A text file, one paragraph or sentence per line; `-` or nothing reads
    /// standard input.
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextFormat::Human)]
    pub format: TextFormat,
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
        if let Some(minutes) = self.gap_minutes {
            config.gap_threshold = chrono::Duration::minutes(minutes.max(1));
        }
        Ok(config)
    }
}

/// The exit code for a set of findings.
pub fn exit_code(counts: Counts, deny_warnings: bool) -> i32 {
    if counts.errors > 0 || (deny_warnings && counts.warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// A finding of one file with its position.
struct Located<'a> {
    file: String,
    finding: &'a Finding,
    span: Option<Span>,
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn where_in_doc(f: &Finding) -> String {
    let l = &f.location;
    let mut parts = vec![l.section.to_string()];
    if !l.item.is_empty() {
        parts.push(l.item.clone());
    }
    if !l.field.is_empty() && l.field != l.section {
        parts.push(l.field.to_string());
    }
    parts.join(" ")
}

fn write_located(out: &mut dyn Write, format: LintFormat, items: &[Located]) -> io::Result<()> {
    match format {
        LintFormat::Human => {
            for l in items {
                let (line, col) = l.span.map_or((0, 0), |s| (s.line, s.column));
                writeln!(
                    out,
                    "{}:{line}:{col}: {}[{}] {} ({})",
                    l.file,
                    l.finding.severity,
                    l.finding.rule,
                    l.finding.message,
                    where_in_doc(l.finding)
                )?;
                if let Some(s) = l.finding.suggestion_text() {
                    let label = if l.finding.fix.is_some() {
                        "rewrite"
                    } else {
                        "hint"
                    };
                    let s = if s.is_empty() { "(delete)" } else { s };
                    writeln!(out, "    {label}: {s}")?;
                }
            }
        }
        LintFormat::Json => {
            let array: Vec<serde_json::Value> = items
                .iter()
                .map(|l| {
                    let f = l.finding;
                    json!({
                        "file": l.file,
                        "rule": f.rule,
                        "category": f.category.as_str(),
                        "severity": f.severity.as_str(),
                        "message": f.message,
                        "suggestion": f.suggestion_text(),
                        "fix": f.fix,
                        "section": f.location.section,
                        "item": f.location.item,
                        "field": f.location.field,
                        "path": f.location.dotted_path(),
                        "line": l.span.map(|s| s.line),
                        "column": l.span.map(|s| s.column),
                        "end_line": l.span.map(|s| s.end_line),
                        "end_column": l.span.map(|s| s.end_column),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &array).map_err(io::Error::other)?;
            writeln!(out)?;
        }
        LintFormat::Github => {
            for l in items {
                let f = l.finding;
                let command = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "notice",
                };
                let mut props = format!("file={}", escape_property(&l.file));
                if let Some(s) = l.span {
                    props.push_str(&format!(",line={},col={}", s.line, s.column));
                    if s.end_line == s.line {
                        props.push_str(&format!(",endColumn={}", s.end_column));
                    }
                }
                props.push_str(&format!(",title={}", escape_property(f.rule)));
                writeln!(
                    out,
                    "::{command} {props}::{}",
                    escape_data(&format!("{} ({})", f.message, where_in_doc(f)))
                )?;
            }
        }
    }
    Ok(())
}

/// Runs `debrief lint`. Findings go to `out`, unreadable files to `err`.
/// Returns the exit code: 0 clean, 1 findings at the failing level, 2 when
/// any input could not be read.
pub fn run_lint(args: &LintArgs, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    let config = match args.config() {
        Ok(config) => config,
        Err(message) => {
            writeln!(err, "{message}")?;
            return Ok(EXIT_UNREADABLE);
        }
    };
    let deny_warnings = args.deny.contains(&DenyLevel::Warnings);
    let mut unreadable = false;
    let mut total = Counts::default();
    let mut located_all = Vec::new();
    let mut loaded = Vec::new();
    for path in &args.files {
        match store::load(path) {
            Ok(doc) => loaded.push((path.display().to_string(), doc)),
            Err(e) => {
                writeln!(err, "{e}")?;
                unreadable = true;
            }
        }
    }
    let mut per_file = Vec::new();
    for (file, doc) in &loaded {
        let ctx = Context::new(&doc.doc, &config);
        let findings = lint_document(&doc.doc, &ctx);
        let score = completeness_score(&doc.doc);
        per_file.push((file.clone(), findings, score.total));
    }
    for ((file, findings, score), (_, doc)) in per_file.iter().zip(&loaded) {
        let index = SourceIndex::new(&doc.source);
        let counts = Counts::of(findings);
        total.errors += counts.errors;
        total.warnings += counts.warnings;
        total.infos += counts.infos;
        let mut located: Vec<Located> = findings
            .iter()
            .map(|f| Located {
                file: file.clone(),
                span: index.span(&f.location),
                finding: f,
            })
            .collect();
        located.sort_by_key(|l| l.span.map(|s| (s.line, s.column)));
        if args.format == LintFormat::Human {
            write_located(out, args.format, &located)?;
            writeln!(
                out,
                "{file}: {} error(s), {} warning(s), {} info; completeness {score}/100",
                counts.errors, counts.warnings, counts.infos
            )?;
        } else {
            located_all.extend(located);
        }
    }
    if args.format != LintFormat::Human {
        write_located(out, args.format, &located_all)?;
    }
    Ok(if unreadable {
        EXIT_UNREADABLE
    } else {
        exit_code(total, deny_warnings)
    })
}

/// A finding in free text, with its 1-based line and columns (characters).
#[derive(Debug, Clone)]
pub struct TextFinding {
    /// The finding (its location range is within the line).
    pub finding: Finding,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the start.
    pub column: usize,
    /// 1-based column just past the end.
    pub end_column: usize,
}

/// Lints free prose line by line (what `lint-text` does).
pub fn lint_text_lines(text: &str, ctx: &Context) -> Vec<TextFinding> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for finding in lint_prose(line, ctx) {
            let range = finding.location.range.clone().unwrap_or(0..0);
            let column = line[..range.start.min(line.len())].chars().count() + 1;
            let end_column = line[..range.end.min(line.len())].chars().count() + 1;
            out.push(TextFinding {
                finding,
                line: n + 1,
                column,
                end_column,
            });
        }
    }
    out
}

/// Runs `debrief lint-text`, reading standard input from `stdin` when no
/// file (or `-`) is given. Exits 1 on any finding (warnings included), 2
/// when the input cannot be read.
pub fn run_lint_text(
    args: &LintTextArgs,
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let mut text = String::new();
    let read = match &args.input {
        Some(path) if path.as_os_str() != "-" => std::fs::read(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", path.display()))
            })
            .map(|t| text = t),
        _ => stdin
            .read_to_string(&mut text)
            .map(|_| ())
            .map_err(|e| format!("standard input: {e}")),
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
    let ctx = Context::for_text(&config);
    let findings = lint_text_lines(&text, &ctx);
    let name = match &args.input {
        Some(path) if path.as_os_str() != "-" => path.display().to_string(),
        _ => "-".to_string(),
    };
    match args.format {
        TextFormat::Human => {
            for f in &findings {
                writeln!(
                    out,
                    "{name}:{}:{}: {}[{}] {}",
                    f.line, f.column, f.finding.severity, f.finding.rule, f.finding.message
                )?;
                if let Some(s) = f.finding.suggestion_text() {
                    let s = if s.is_empty() { "(delete)" } else { s };
                    writeln!(out, "    suggestion: {s}")?;
                }
            }
        }
        TextFormat::Json => {
            let array: Vec<serde_json::Value> = findings
                .iter()
                .map(|f| {
                    json!({
                        "rule": f.finding.rule,
                        "category": f.finding.category.as_str(),
                        "severity": f.finding.severity.as_str(),
                        "message": f.finding.message,
                        "suggestion": f.finding.suggestion_text(),
                        "line": f.line,
                        "column": f.column,
                        "end_column": f.end_column,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &array).map_err(io::Error::other)?;
            writeln!(out)?;
        }
    }
    // Free text has no completeness rules: any blameful phrase fails.
    Ok(exit_code(
        Counts::of(findings.iter().map(|f| &f.finding)),
        true,
    ))
}
