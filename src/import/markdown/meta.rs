//! The title, bold-label metadata lines, metadata tables, and what the title
//! area holds besides.

use chrono::NaiveTime;

use crate::model::format_duration;

use super::blocks::{Block, BlockKind, slice};
use super::labels::canonical_label;
use super::sections::Section;
use super::text::{self, label_value, plain, unwrap_emphasis};
use super::{Chunk, Importer};

mod fields;

pub(crate) use fields::apply;

const TITLE_PREFIXES: &[&str] = &[
    "near miss",
    "near-miss",
    "project postmortem",
    "project post-mortem",
    "project retrospective",
    "quick postmortem",
    "incident postmortem",
    "incident post-mortem",
    "postmortem",
    "post-mortem",
    "post mortem",
    "incident review",
    "incident report",
    "retrospective",
];

/// Reads the date and zone from label lines before the sections are read.
pub(crate) fn prescan(im: &mut Importer<'_>, paragraph: &str) {
    for line in lines(paragraph) {
        // A key/value table row: `| **Date** | 2024-03-14 |`.
        let line = match line.strip_prefix('|').and_then(|l| l.strip_suffix('|')) {
            Some(row) => match row.split_once('|') {
                Some((label, value)) => {
                    format!("**{}:** {}", unwrap_emphasis(label.trim()), value.trim())
                }
                None => line,
            },
            None => line,
        };
        for segment in segments(&line) {
            let Some((label, value)) = label_value(&segment, true) else {
                continue;
            };
            match canonical_label(&plain(&label)) {
                "date" | "incident date" | "date of incident" | "started" | "start"
                    if im.date.is_none() =>
                {
                    im.date = text::find_date(&value, None);
                }
                "time zone" | "timezone" | "tz" => {
                    if let Ok(zone) = crate::model::DisplayZone::parse(unwrap_emphasis(&value)) {
                        im.declare_zone(zone, unwrap_emphasis(&value));
                    }
                }
                _ => {}
            }
        }
    }
}

/// The lines of a paragraph, without hard-break markers.
fn lines(paragraph: &str) -> Vec<String> {
    paragraph
        .lines()
        .map(|l| {
            l.trim_end()
                .trim_end_matches('\\')
                .trim()
                .trim_start_matches('>')
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// `**A:** x | **B:** y` → the segments, when every one is a label.
fn segments(line: &str) -> Vec<String> {
    let parts: Vec<String> = line
        .replace(" · ", " | ")
        .replace(" • ", " | ")
        .replace(" — ", " | ")
        .split(" | ")
        .map(|s| s.trim().to_string())
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| label_value(p, false).is_some()) {
        parts
    } else {
        vec![line.to_string()]
    }
}

/// Reads the title chunk, the preamble, or a metadata section.
pub(crate) fn chunk<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    if chunk.section == Section::Title
        && let Some(heading) = &chunk.heading
    {
        title(im, &heading.text);
        im.report.mapped(chunk, "meta.title", 1);
    }
    let title_area = chunk.section != Section::Meta;
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::Metadata { toml, text } => {
                let unused = super::front::apply(im, *toml, text);
                im.report.mapped(chunk, "front matter", 1);
                if !unused.is_empty() {
                    im.report.unmapped("Front matter", &unused);
                    im.doc.unmapped.push(crate::model::Unmapped {
                        heading: "Front matter".into(),
                        markdown: unused,
                    });
                }
            }
            BlockKind::Paragraph => {
                let raw = slice(im.src, &block.range);
                let leftover = label_lines(im, raw, true);
                if leftover.len() < lines(raw).len() {
                    im.report.mapped(chunk, "meta", 1);
                }
                if leftover.is_empty() {
                    continue;
                }
                if leftover.len() == lines(raw).len() {
                    if title_area {
                        im.lead.push(raw.trim().to_string());
                    } else {
                        rest.push(block);
                    }
                } else if title_area {
                    im.lead.push(leftover.join("\n"));
                } else {
                    let heading = chunk
                        .heading
                        .as_ref()
                        .map(|h| h.text.clone())
                        .unwrap_or_default();
                    let markdown = leftover.join("\n");
                    im.report.unmapped(&heading, &markdown);
                    im.doc
                        .unmapped
                        .push(crate::model::Unmapped { heading, markdown });
                }
            }
            BlockKind::Table { head, rows } if head.len() == 2 => {
                let mut unused = Vec::new();
                let header = (
                    text::cell(slice(im.src, &head[0])),
                    text::cell(slice(im.src, &head[1])),
                );
                // A two-column table is either "Field | Value" or its first row.
                let mut pairs = vec![header.clone()];
                for row in rows {
                    if row.len() >= 2 {
                        pairs.push((
                            text::cell(slice(im.src, &row[0])),
                            text::cell(slice(im.src, &row[1])),
                        ));
                    }
                }
                for (label, value) in pairs {
                    if is_field_header(&label) {
                        // "| Field | Value |": the table's own header, kept.
                        im.as_written
                            .push(format!("{} | {}", label.trim(), value.trim()));
                    } else if !apply(im, unwrap_emphasis(&label), &value) {
                        unused.push(format!("| {label} | {value} |"));
                    }
                }
                if unused.len() == rows.len() + 1 {
                    rest.push(block);
                } else {
                    im.report.mapped(chunk, "meta", 1);
                    if !unused.is_empty() {
                        let heading = chunk
                            .heading
                            .as_ref()
                            .map(|h| h.text.clone())
                            .unwrap_or_else(|| "Metadata".into());
                        let markdown = unused.join("\n");
                        im.report.unmapped(&heading, &markdown);
                        im.doc
                            .unmapped
                            .push(crate::model::Unmapped { heading, markdown });
                    }
                }
            }
            BlockKind::List { items } => {
                let all_labels = items.iter().all(|item| {
                    label_value(&item.text(im.src), false).is_some_and(|(l, _)| is_meta_label(&l))
                });
                if all_labels && !items.is_empty() {
                    for item in items {
                        if let Some((label, value)) = label_value(&item.text(im.src), false) {
                            apply(im, &label, &value);
                        }
                    }
                    im.report.mapped(chunk, "meta", items.len());
                } else if title_area {
                    im.lead
                        .push(slice(im.src, &block.range).trim_end().to_string());
                } else {
                    rest.push(block);
                }
            }
            BlockKind::Rule => {}
            BlockKind::Other if slice(im.src, &block.range).trim_start().starts_with('>') => {
                // Metadata in a block quote: `> **Severity:** SEV2`.
                let raw = slice(im.src, &block.range);
                let inner: String = raw
                    .lines()
                    .map(|l| {
                        let l = l.trim_start();
                        l.strip_prefix("> ")
                            .or_else(|| l.strip_prefix('>'))
                            .unwrap_or(l)
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let leftover = label_lines(im, &inner, false);
                if leftover.len() == lines(&inner).len() {
                    rest.push(block);
                } else {
                    im.report.mapped(chunk, "meta", 1);
                    if !leftover.is_empty() {
                        let heading = chunk
                            .heading
                            .as_ref()
                            .map(|h| h.text.clone())
                            .unwrap_or_default();
                        let markdown = leftover.join("\n");
                        im.report.unmapped(&heading, &markdown);
                        im.doc
                            .unmapped
                            .push(crate::model::Unmapped { heading, markdown });
                    }
                }
            }
            _ => {
                if title_area
                    && matches!(
                        block.kind,
                        BlockKind::Html | BlockKind::Code { .. } | BlockKind::Other
                    )
                {
                    rest.push(block);
                } else if title_area {
                    im.lead
                        .push(slice(im.src, &block.range).trim_end().to_string());
                } else {
                    rest.push(block);
                }
            }
        }
    }
    rest
}

fn is_field_header(label: &str) -> bool {
    matches!(
        plain(label).as_str(),
        "field" | "key" | "property" | "attribute" | "metadata" | "item"
    )
}

/// Applies every label line of a paragraph; returns the lines left over.
pub(crate) fn label_lines(
    im: &mut Importer<'_>,
    paragraph: &str,
    plain_labels: bool,
) -> Vec<String> {
    let mut leftover = Vec::new();
    for line in lines(paragraph) {
        let segments = segments(&line);
        let mut kept = Vec::new();
        for segment in &segments {
            let applied = label_value(segment, plain_labels)
                .is_some_and(|(label, value)| apply(im, &label, &value));
            if !applied {
                kept.push(segment.clone());
            }
        }
        if kept.len() == segments.len() {
            leftover.push(line);
        } else if !kept.is_empty() {
            leftover.push(kept.join(" | "));
        }
    }
    leftover
}

fn is_meta_label(label: &str) -> bool {
    matches!(
        canonical_label(&plain(label)),
        "incident id"
            | "id"
            | "project id"
            | "severity"
            | "status"
            | "date"
            | "duration"
            | "authors"
            | "author"
            | "reviewers"
            | "services"
            | "tags"
            | "owner"
            | "team"
            | "postmortem date"
            | "time zone"
            | "timezone"
            | "date of incident"
            | "incident date"
            | "engagement period"
    )
}

fn title(im: &mut Importer<'_>, heading: &str) {
    let mut title = heading.trim();
    for prefix in TITLE_PREFIXES {
        let head = title.get(..prefix.len());
        if head.is_some_and(|h| h.eq_ignore_ascii_case(prefix)) {
            let rest = title.get(prefix.len()..).unwrap_or_default();
            let stripped = rest.trim_start();
            if let Some(rest) = stripped
                .strip_prefix(':')
                .or_else(|| stripped.strip_prefix(" - "))
                .or_else(|| stripped.strip_prefix('—'))
                .or_else(|| stripped.strip_prefix('–'))
                .or_else(|| stripped.strip_prefix("- "))
            {
                if prefix.starts_with("project") {
                    im.project = true;
                }
                if prefix.starts_with("near") {
                    im.doc.kind = crate::model::Kind::NearMiss;
                }
                // "Incident Report: …" stays an incident report.
                let written = title.get(..prefix.len()).unwrap_or_default().to_string();
                let default = if im.project {
                    "project postmortem"
                } else if prefix.starts_with("near") {
                    "near miss"
                } else {
                    "postmortem"
                };
                if plain(&written) != default {
                    im.doc.headings.insert("title".into(), written);
                }
                title = rest.trim();
            }
            break;
        }
    }
    im.doc.meta.title = title.to_string();
}

/// Final touches: the lead text, and a Duration that is not derivable.
pub(crate) fn finish(im: &mut Importer<'_>) {
    let written = std::mem::take(&mut im.as_written);
    if !written.is_empty() {
        let heading = "Metadata as written".to_string();
        let markdown = written.join("\n");
        im.report.unmapped(&heading, &markdown);
        im.doc
            .unmapped
            .push(crate::model::Unmapped { heading, markdown });
    }
    let lead = std::mem::take(&mut im.lead);
    if !lead.is_empty() {
        let text = lead.join("\n\n");
        if im.doc.summary.trim().is_empty() {
            im.doc.summary = text;
        } else {
            let heading = if im.doc.meta.title.is_empty() {
                "Preamble".to_string()
            } else {
                im.doc.meta.title.clone()
            };
            im.report.unmapped(&heading, &text);
            im.doc.unmapped.push(crate::model::Unmapped {
                heading,
                markdown: text,
            });
        }
    }
    // A date without a time: the incident starts with its first event that
    // day, or at the start of the day.
    if im.doc.meta.started.is_none()
        && let Some(date) = im.date
        && im.dated
    {
        let first = im
            .doc
            .timeline
            .first()
            .map(|e| e.at)
            .filter(|at| im.zone.local(at).date() == date);
        im.doc.meta.started = Some(first.unwrap_or_else(|| im.resolve(date, NaiveTime::MIN)));
    }
    if let Some(raw) = im.duration_text.take() {
        let derived = match (im.doc.meta.started, im.doc.meta.ended) {
            (Some(start), Some(end)) => format!(
                "{} ({} – {} {})",
                format_duration(end.signed_duration_since(start)),
                im.zone.clock(&start),
                im.zone.clock(&end),
                im.zone.abbreviation(Some(&start))
            ),
            _ => String::new(),
        };
        // The impact table's duration, when there is one, says it already.
        if raw != derived && im.doc.impact.duration.is_empty() {
            im.doc.impact.duration = raw;
        }
    }
}
