//! What `debrief lint` and `debrief lint-text` print: findings of loaded
//! documents or of free text in the output formats (human, JSON, GitHub
//! annotations), and the counts that decide the exit status. The command
//! line (arguments, reading files, exit codes) is in `commands::lint`.

use std::io::{self, Write};

use serde_json::json;

use super::directives::Directives;
use super::position::{SourceIndex, Span};
use super::{
    Context, Counts, Finding, LintConfig, Severity, completeness_score, lint_document, lint_prose,
};
use crate::model::{Postmortem, escape_controls};
use crate::store;

/// Output format of `debrief lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextFormat {
    /// Readable lines.
    #[default]
    Human,
    /// A JSON array of `{rule, category, severity, message, suggestion, line, column, end_column}`.
    Json,
}

/// Whether `counts` fail the check: any error, or any warning when
/// warnings are denied.
pub fn fails(counts: Counts, deny_warnings: bool) -> bool {
    counts.errors > 0 || (deny_warnings && counts.warnings > 0)
}

/// A finding of one file with its position.
struct Located<'a> {
    file: String,
    finding: &'a Finding,
    span: Option<Span>,
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
                    escape_controls(&l.file),
                    l.finding.severity,
                    l.finding.rule,
                    escape_controls(&l.finding.message),
                    escape_controls(&where_in_doc(l.finding))
                )?;
                if let Some(s) = l.finding.suggestion_text() {
                    let label = if l.finding.fix.is_some() {
                        "rewrite"
                    } else {
                        "hint"
                    };
                    let s = if s.is_empty() { "(delete)" } else { s };
                    writeln!(out, "    {label}: {}", escape_controls(s))?;
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
                props.push_str(&format!(",title={}", escape_property(f.rule.as_str())));
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

/// One linted input: its name as shown, its findings with their places
/// in the file, and its completeness score.
pub struct Linted {
    /// The file as it should be shown.
    pub file: String,
    /// Findings, with their place in the file when known.
    pub findings: Vec<(Finding, Option<Span>)>,
    /// Completeness, 0–100.
    pub score: u8,
}

/// Lints a loaded TOML document (with its stale suppressions), placing the
/// findings in its source.
pub fn lint_loaded(file: &str, doc: &store::Loaded, config: &LintConfig) -> Linted {
    let ctx = Context::new(&doc.doc, config);
    let mut findings = lint_document(&doc.doc, &ctx);
    findings.extend(super::stale_suppressions(&doc.doc, config));
    let index = SourceIndex::new(&doc.source);
    Linted {
        file: file.to_string(),
        findings: findings
            .into_iter()
            .map(|f| {
                let span = index.span(&f.location);
                (f, span)
            })
            .collect(),
        score: completeness_score(&doc.doc).total,
    }
}

/// Lints a Markdown postmortem: `doc` as the importer read it from
/// `source`, the findings placed in the Markdown (see [`super::markdown`]).
pub fn lint_markdown(file: &str, source: &str, doc: &Postmortem, config: &LintConfig) -> Linted {
    Linted {
        file: file.to_string(),
        findings: super::markdown::markdown_findings(source, doc, config),
        score: completeness_score(doc).total,
    }
}

/// Lints loaded documents (named as they should be shown) and writes the
/// findings to `out` in `format` (see [`report_linted`]).
pub fn report_documents(
    docs: &[(String, store::Loaded)],
    config: &LintConfig,
    format: LintFormat,
    out: &mut dyn Write,
) -> io::Result<Counts> {
    let linted: Vec<Linted> = docs
        .iter()
        .map(|(file, doc)| lint_loaded(file, doc, config))
        .collect();
    report_linted(&linted, format, out)
}

/// Writes linted inputs to `out` in `format`: per file with a summary line
/// in human form, as one array or one command stream otherwise. Returns
/// the counts over all files.
pub fn report_linted(
    linted: &[Linted],
    format: LintFormat,
    out: &mut dyn Write,
) -> io::Result<Counts> {
    let mut total = Counts::default();
    let mut located_all = Vec::new();
    for input in linted {
        let counts = Counts::of(input.findings.iter().map(|(f, _)| f));
        total.errors += counts.errors;
        total.warnings += counts.warnings;
        total.infos += counts.infos;
        let mut located: Vec<Located> = input
            .findings
            .iter()
            .map(|(finding, span)| Located {
                file: input.file.clone(),
                span: *span,
                finding,
            })
            .collect();
        located.sort_by_key(|l| l.span.map(|s| (s.line, s.column)));
        if format == LintFormat::Human {
            write_located(out, format, &located)?;
            writeln!(
                out,
                "{}: {} error(s), {} warning(s), {} info; completeness {}/100",
                input.file, counts.errors, counts.warnings, counts.infos, input.score
            )?;
        } else {
            located_all.extend(located);
        }
    }
    if format != LintFormat::Human {
        write_located(out, format, &located_all)?;
    }
    Ok(total)
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

/// Lints free prose line by line (what `lint-text` does), honouring the
/// `debrief-disable…` comments of Markdown (see [`super::directives`]).
pub fn lint_text_lines(text: &str, ctx: &Context) -> Vec<TextFinding> {
    let mut out = Vec::new();
    let mut directives = Directives::default();
    for (n, line) in text.lines().enumerate() {
        let now = Directives::before(line, &mut directives);
        for finding in lint_prose(line, ctx) {
            if now.disables(finding.rule) {
                continue;
            }
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

/// Lints free prose line by line and writes the findings of `text` (shown
/// as `name`) to `out` in `format`. Returns the counts.
pub fn report_text(
    name: &str,
    text: &str,
    config: &LintConfig,
    format: TextFormat,
    out: &mut dyn Write,
) -> io::Result<Counts> {
    let ctx = Context::for_text(config);
    let findings = lint_text_lines(text, &ctx);
    match format {
        TextFormat::Human => {
            for f in &findings {
                writeln!(
                    out,
                    "{}:{}:{}: {}[{}] {}",
                    escape_controls(name),
                    f.line,
                    f.column,
                    f.finding.severity,
                    f.finding.rule,
                    escape_controls(&f.finding.message)
                )?;
                if let Some(s) = f.finding.suggestion_text() {
                    let s = if s.is_empty() { "(delete)" } else { s };
                    writeln!(out, "    suggestion: {}", escape_controls(s))?;
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
    Ok(Counts::of(findings.iter().map(|f| &f.finding)))
}
