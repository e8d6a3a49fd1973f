//! `debrief lint FILE.md`: the findings of a Markdown postmortem, linted as
//! the document the Markdown importer reads from it, placed back in the
//! Markdown file. A finding in a text is placed where its matched words are
//! (of their occurrences, the one whose line reads most like the field's);
//! one about an item without matched words at the item's first line; the
//! rest have no position. The `debrief-disable…` comments of lint-text
//! apply by the line a finding is placed on.

use crate::model::Postmortem;
use crate::model::edit::text_at_mut;

use super::directives::Directives;
use super::position::Span;
use super::{Context, Finding, LintConfig, Location, lint_document, stale_suppressions};

/// The findings of `doc`, imported from the Markdown `source`, each with
/// its place in `source` when it can be found.
pub fn markdown_findings(
    source: &str,
    doc: &Postmortem,
    config: &LintConfig,
) -> Vec<(Finding, Option<Span>)> {
    let ctx = Context::new(doc, config);
    let mut findings = lint_document(doc, &ctx);
    findings.extend(stale_suppressions(doc, config));
    let lines = Lines::new(source);
    let disabled = disabled_per_line(source);
    let mut scratch = doc.clone();
    findings
        .into_iter()
        .filter_map(|finding| {
            let anchor = field_text(doc, &mut scratch, &finding.location);
            let span = place(source, &lines, &finding, anchor.as_deref());
            let off = span.is_some_and(|s| {
                disabled
                    .get(s.line - 1)
                    .is_some_and(|d| d.disables(finding.rule))
            });
            (!off).then_some((finding, span))
        })
        .collect()
}

/// The directives in force on each line of `source`.
fn disabled_per_line(source: &str) -> Vec<Directives> {
    let mut state = Directives::default();
    source
        .split('\n')
        .map(|line| Directives::before(line, &mut state))
        .collect()
}

/// The text of the field a finding is in, as imported.
fn field_text(doc: &Postmortem, scratch: &mut Postmortem, location: &Location) -> Option<String> {
    let item = |value: Option<toml::Value>| -> Option<String> {
        let value = value?;
        // The field's text, else (a finding about a missing field or the
        // whole item) the item's own text.
        [location.field, "text", "title", "question"]
            .into_iter()
            .filter_map(|f| value.get(f)?.as_str())
            .find(|t| !t.trim().is_empty())
            .map(str::to_string)
    };
    let id = location.item.as_str();
    match location.section {
        "timeline" => item(doc.event(id).and_then(|e| toml::Value::try_from(e).ok())),
        "factors" => item(doc.factor(id).and_then(|f| toml::Value::try_from(f).ok())),
        "actions" => item(doc.action(id).and_then(|a| toml::Value::try_from(a).ok())),
        "whys" if !id.is_empty() => item(
            doc.whys
                .nodes
                .iter()
                .find(|w| w.id == id)
                .and_then(|w| toml::Value::try_from(w).ok()),
        ),
        _ => text_at_mut(scratch, &location.path).map(|s| s.clone()),
    }
}

/// Line starts of a text, for 1-based lines and character columns.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(source: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    fn span(&self, source: &str, start: usize, end: usize) -> Span {
        let (line, column) = self.line_column(source, start);
        let (end_line, end_column) = self.line_column(source, end);
        Span {
            line,
            column,
            end_line,
            end_column,
        }
    }

    fn line_column(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self.starts[line - 1];
        let column = source
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    /// The byte range of the line holding `offset`, without its newline.
    fn line_around(&self, source: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|s| *s <= offset);
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map_or(source.len(), |s| s - 1);
        (start, end)
    }
}

/// Where `finding` is in `source`: its matched words, else the first
/// line of the text it is about.
fn place(source: &str, lines: &Lines, finding: &Finding, anchor: Option<&str>) -> Option<Span> {
    let anchor = anchor.filter(|a| !a.trim().is_empty());
    if let (Some(range), Some(text)) = (&finding.location.range, anchor)
        && let Some(words) = text.get(range.clone()).filter(|w| !w.trim().is_empty())
    {
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[range.end..]
            .find('\n')
            .map_or(text.len(), |i| range.end + i);
        let before = &text[line_start..range.start];
        let after = &text[range.end..line_end];
        return best_occurrence(source, lines, words, before, after)
            .map(|at| lines.span(source, at, at + words.len()));
    }
    let first = anchor?.lines().map(str::trim).find(|l| !l.is_empty())?;
    let probe: String = first.chars().take(40).collect();
    let at = source.find(probe.as_str())?;
    Some(lines.span(source, at, at + probe.len()))
}

/// The occurrence of `words` in `source` whose line agrees most with the
/// field's (`before` and `after` the words on their line).
fn best_occurrence(
    source: &str,
    lines: &Lines,
    words: &str,
    before: &str,
    after: &str,
) -> Option<usize> {
    source
        .match_indices(words)
        // Bounded: a common word in a huge file costs no more than this.
        .take(OCCURRENCES)
        .map(|(at, _)| {
            let (start, end) = lines.line_around(source, at);
            let end = end.max(at + words.len());
            let left = common_suffix(&source[start..at], before);
            let right = common_prefix(&source[at + words.len()..end], after);
            (left + right, at)
        })
        // The highest agreement; the first occurrence of equals.
        .min_by_key(|(score, at)| (usize::MAX - score, *at))
        .map(|(_, at)| at)
}

/// The most occurrences of a finding's words weighed.
const OCCURRENCES: usize = 1_000;

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}
