//! The title, bold-label metadata lines, metadata tables, and what the title
//! area holds besides.

use chrono::NaiveTime;

use crate::model::{ActionItem, IdKind, Lesson, format_duration};

use super::blocks::{Block, BlockKind, slice};
use super::labels::{canonical_label, duration, period, severity, status};
use super::sections::{self, Section};
use super::text::{
    self, date_prefix, label_value, plain, split_list, time_prefix, unwrap_emphasis,
};
use super::{Chunk, Importer, append, timeline};

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
                    if !apply(im, unwrap_emphasis(&label), &value) && !is_field_header(&label) {
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

/// Puts one `label: value` into the document; false when the label is not
/// understood (the line is then kept elsewhere). A label in other words
/// ("Schweregrad") or a status or severity word normalized ("Reviewed",
/// "Majeure") is also kept as written ([`finish`] makes it an unmapped part).
pub(crate) fn apply(im: &mut Importer<'_>, label: &str, value: &str) -> bool {
    if !apply_value(im, label, value) {
        return false;
    }
    let key = plain(label);
    let canonical = canonical_label(&key);
    let bare = plain(unwrap_emphasis(value));
    let normalized = match canonical {
        "status" => !matches!(bare.as_str(), "draft" | "in review" | "final"),
        "severity" => {
            let scale = crate::model::default_severity_scale();
            !scale
                .iter()
                .any(|l| plain(&l.level) == bare || plain(&l.label) == bare)
                && bare.split(' ').count() == 1
                && !bare.chars().any(|c| c.is_ascii_digit())
        }
        _ => false,
    };
    // The label as written becomes the export's label for the field; one it
    // cannot name (a second wording, a field without a label) stays here.
    let label_kept = match meta_label_key(canonical) {
        Some(field) => super::wording::keep(im, field, label),
        None => canonical == key,
    };
    if !label_kept || normalized {
        im.as_written
            .push(format!("**{}:** {}", label.trim(), value.trim()));
    }
    true
}

/// The `[headings]` key of a metadata label the export prints.
fn meta_label_key(canonical: &str) -> Option<&'static str> {
    Some(match canonical {
        "incident id" | "id" | "incident" | "project id" | "incident number" | "incident ref" => {
            "meta.id"
        }
        "severity" | "sev" | "severity level" | "impact level" => "meta.severity",
        "status" | "postmortem status" | "document status" => "meta.status",
        "authors" | "author" | "written by" | "prepared by" | "postmortem owner" => "meta.authors",
        "reviewers" | "reviewer" | "reviewed by" => "meta.reviewers",
        "services"
        | "service"
        | "affected services"
        | "services affected"
        | "systems affected"
        | "affected systems"
        | "components"
        | "affected components" => "meta.services",
        "tags" | "labels" | "keywords" => "meta.tags",
        _ => return None,
    })
}

fn apply_value(im: &mut Importer<'_>, label: &str, value: &str) -> bool {
    let key = canonical_label(&plain(label)).to_string();
    let value = value.trim();
    let bare = unwrap_emphasis(value);
    if bare.is_empty() {
        return false;
    }
    let meta = &mut im.doc.meta;
    match key.as_str() {
        "incident id" | "id" | "incident" | "project id" | "incident number" | "incident ref"
            if meta.id.is_empty() && !bare.contains(' ') =>
        {
            meta.id = bare.to_string();
        }
        "severity" | "sev" | "severity level" | "impact level" if meta.severity.is_empty() => {
            let (level, canonical) = severity(bare);
            meta.severity = level;
            if !canonical && bare.split_whitespace().count() > 1 {
                // The author's own wording stays, next to the level it maps to.
                im.doc.impact.extra.push(crate::model::ImpactRow {
                    metric: "Severity".into(),
                    value: bare.to_string(),
                });
            }
        }
        "status" | "postmortem status" | "document status" => match status(bare) {
            Some(s) => meta.status = s,
            None => return false,
        },
        "date" | "incident date" | "date of incident" => {
            let Some((date, used)) = date_prefix(bare, None) else {
                return false;
            };
            let rest = bare[used..].trim_start_matches([' ', ',', 'T']);
            im.date = Some(date);
            im.dated = true;
            if let Some((time, _)) = time_prefix(rest) {
                let at = im.resolve(date, time);
                im.doc.meta.started = Some(at);
            } else if !rest.is_empty() {
                return false;
            }
        }
        "duration" | "incident duration" | "total duration" => {
            duration(im, bare);
        }
        "start" | "started" | "start time" | "incident start" | "began" => {
            match im.timestamp(bare) {
                Some(at) => im.doc.meta.started = Some(at),
                None => return false,
            }
        }
        "end" | "ended" | "end time" | "incident end" | "resolved" | "resolved at" => {
            match im.timestamp(bare) {
                Some(at) => im.doc.meta.ended = Some(at),
                None => return false,
            }
        }
        "engagement period" | "project period" | "period" => return period(im, bare),
        "authors" | "author" | "written by" | "prepared by" | "postmortem owner" => {
            meta.authors.extend(split_list(bare));
        }
        "reviewers" | "reviewer" | "reviewed by" => meta.reviewers.extend(split_list(bare)),
        "reviewed" => match text::whole_date(bare, None) {
            Some(date) if meta.postmortem_date.is_none() => meta.postmortem_date = Some(date),
            _ => meta.reviewers.extend(split_list(bare)),
        },
        "postmortem date" | "review date" | "postmortem meeting" | "post mortem date" => {
            match text::whole_date(bare, None) {
                Some(date) => meta.postmortem_date = Some(date),
                None => return false,
            }
        }
        "services"
        | "service"
        | "affected services"
        | "services affected"
        | "systems affected"
        | "affected systems"
        | "components"
        | "affected components" => {
            meta.services.extend(split_list(bare));
        }
        "tags" | "labels" | "keywords" => meta.tags.extend(split_list(bare)),
        "time zone" | "timezone" | "tz" => {
            if crate::model::DisplayZone::parse(bare).is_err() {
                return false;
            }
            meta.timezone = bare.to_string();
        }
        "distribution" | "distribution list" => im.doc.distribution.extend(split_list(bare)),
        "team" | "team members" if im.project => {
            im.doc
                .project
                .get_or_insert_with(Default::default)
                .team
                .extend(split_list(bare));
        }
        _ => return section_label(im, &key, label, value),
    }
    true
}

/// A label that names a section ("**Root cause**: …" in a quick postmortem).
fn section_label(im: &mut Importer<'_>, key: &str, label: &str, value: &str) -> bool {
    let section = sections::classify(key, None).or(match key {
        "what happened" => Some(Section::Summary),
        "lesson" => Some(Section::Lessons(None)),
        "fix" | "fixes" => Some(Section::Actions(None)),
        _ => None,
    });
    let value = value.trim().to_string();
    match section {
        Some(Section::Summary) => append(&mut im.doc.summary, &value),
        Some(Section::RootCause) => append(&mut im.doc.whys.root_cause, &value),
        Some(Section::Problem) => append(&mut im.doc.whys.problem, &value),
        Some(Section::Timeline) => return timeline::arrows(im, &value),
        Some(Section::Lessons(_)) => im.doc.review.lessons.push(Lesson {
            text: value,
            category: String::new(),
        }),
        Some(Section::Actions(_)) => {
            let id = im.doc.next_id(IdKind::Action);
            im.doc.actions.push(ActionItem::new(id, value));
        }
        Some(Section::WentWell) => im.doc.review.went_well.push(value),
        Some(Section::WentPoorly) => im.doc.review.went_poorly.push(value),
        Some(Section::Lucky) => im.doc.review.lucky.push(value),
        _ => return false,
    }
    if let Some(section) = section {
        // The label heads the section in the export, as a heading would.
        let label = unwrap_emphasis(label.trim());
        let covered = sections::heading_is_covered(label, &section);
        super::wording::section(im, &section, label, covered);
    }
    true
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
