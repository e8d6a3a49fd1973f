//! One `label: value` into the document: metadata fields, and labels that
//! name a section ("**Root cause**: …").

use crate::model::{ActionItem, IdKind, Lesson};

use super::super::labels::{canonical_label, duration, period, severity, status};
use super::super::sections::{self, Section};
use super::super::text::{self, date_prefix, plain, split_list, time_prefix, unwrap_emphasis};
use super::super::{Importer, append, timeline};

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
        Some(field) => super::super::wording::keep(im, field, label),
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
    // Labels of fields the export prints are matched by their field (one
    // list of synonyms, `meta_label_key`); the others as written.
    match meta_label_key(&key).unwrap_or(key.as_str()) {
        "meta.id" if meta.id.is_empty() && !bare.contains(' ') => {
            meta.id = bare.to_string();
        }
        "meta.severity" if meta.severity.is_empty() => {
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
        "meta.status" => match status(bare) {
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
        "meta.authors" => meta.authors.extend(split_list(bare)),
        "meta.reviewers" => meta.reviewers.extend(split_list(bare)),
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
        "meta.services" => meta.services.extend(split_list(bare)),
        "meta.tags" => meta.tags.extend(split_list(bare)),
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
        super::super::wording::section(im, &section, label, covered);
    }
    true
}
