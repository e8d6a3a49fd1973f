//! The fields with a text form of their own (`Store::Own` in the
//! registry): kind and status, times and dates, tables, lessons, the
//! project's lists, response cells and unmapped parts — reading, writing
//! and checking them.

use crate::model::{Goal, ImpactRow, Postmortem, SeverityLevel, parse_time};

use super::DocField;
use super::codec::{
    FOLLOW_UP_COLUMNS, GOAL_COLUMNS, IMPACT_COLUMNS, SCALE_COLUMNS, SIGN_OFF_COLUMNS,
    assessment_text, date_text, format_row, lesson_line, parse_assessment, parse_date,
    parse_lesson, parse_table, parse_unmapped, project_list, rows, split, time_text, unmapped_text,
    with_project,
};
use super::response::{response_row, set_response};

/// The text of a field stored in a form of its own.
pub(super) fn get(field: DocField, doc: &Postmortem) -> String {
    use DocField::*;
    let meta = &doc.meta;
    let table = |rows: Vec<String>| rows.join("\n");
    match field {
        Kind => doc.kind.as_str().to_string(),
        Status => meta.status.as_str().to_string(),
        Started => time_text(meta.started),
        Ended => time_text(meta.ended),
        PostmortemDate => date_text(meta.postmortem_date),
        SeverityScale => table(
            meta.severity_scale
                .iter()
                .map(|s| format_row(&[&s.level, &s.label, &s.definition]))
                .collect(),
        ),
        ImpactExtra => table(
            doc.impact
                .extra
                .iter()
                .map(|r| format_row(&[&r.metric, &r.value]))
                .collect(),
        ),
        Response { slot, column } => response_row(doc, slot as usize)
            .map(|row| column.cell(&doc.response[row]).clone())
            .unwrap_or_default(),
        Lessons => table(doc.review.lessons.iter().map(lesson_line).collect()),
        Team => project_list(doc, |p| &p.team),
        Goals => doc
            .project
            .as_ref()
            .map(|p| {
                table(
                    p.goals
                        .iter()
                        .map(|g| {
                            format_row(&[
                                &g.goal,
                                &g.target,
                                &g.actual,
                                assessment_text(g.assessment),
                            ])
                        })
                        .collect(),
                )
            })
            .unwrap_or_default(),
        Differently => project_list(doc, |p| &p.differently),
        Recommendations => project_list(doc, |p| &p.recommendations),
        FollowUp => table(
            doc.follow_up
                .iter()
                .map(|f| format_row(&[&f.what, &date_text(f.date)]))
                .collect(),
        ),
        SignOff => table(
            doc.sign_off
                .iter()
                .map(|s| format_row(&[&s.role, &s.name, &date_text(s.date), &s.fingerprint]))
                .collect(),
        ),
        Unmapped => unmapped_text(&doc.unmapped),
        Conflicts => crate::model::conflicts_text(&doc.conflicts),
        Meeting => doc.meeting.to_text(),
        Lint => doc.lint.to_text(),
        // The registry stores every other field as a string or a list.
        _ => String::new(),
    }
}

/// Writes canonical `text` into a field stored in a form of its own.
pub(super) fn set(field: DocField, doc: &mut Postmortem, text: &str) {
    use DocField::*;
    let meta = &mut doc.meta;
    match field {
        Kind => {
            doc.kind = crate::model::Kind::parse(text).unwrap_or_default();
        }
        Status => {
            if let Some(s) = crate::model::Status::ALL
                .iter()
                .find(|s| s.as_str() == text.trim())
            {
                meta.status = *s;
            }
        }
        Started => meta.started = crate::model::time::parse_timestamp(text).ok(),
        Ended => meta.ended = crate::model::time::parse_timestamp(text).ok(),
        PostmortemDate => meta.postmortem_date = parse_date(text.trim(), 1).ok().flatten(),
        SeverityScale => {
            meta.severity_scale = rows(text, SCALE_COLUMNS)
                .into_iter()
                .map(|mut r| SeverityLevel {
                    definition: r.pop().unwrap_or_default(),
                    label: r.pop().unwrap_or_default(),
                    level: r.pop().unwrap_or_default(),
                })
                .collect()
        }
        ImpactExtra => {
            doc.impact.extra = rows(text, IMPACT_COLUMNS)
                .into_iter()
                .map(|mut r| ImpactRow {
                    value: r.pop().unwrap_or_default(),
                    metric: r.pop().unwrap_or_default(),
                })
                .collect()
        }
        Response { slot, column } => set_response(doc, slot as usize, column, text),
        Lessons => doc.review.lessons = split(text).iter().map(|l| parse_lesson(l)).collect(),
        Team => with_project(doc, |p| p.team = split(text)),
        Goals => {
            let goals = rows(text, GOAL_COLUMNS)
                .into_iter()
                .map(|r| Goal {
                    goal: r[0].clone(),
                    target: r[1].clone(),
                    actual: r[2].clone(),
                    assessment: parse_assessment(&r[3], 0).ok().flatten(),
                })
                .collect();
            with_project(doc, |p| p.goals = goals);
        }
        Differently => with_project(doc, |p| p.differently = split(text)),
        Recommendations => with_project(doc, |p| p.recommendations = split(text)),
        FollowUp => {
            doc.follow_up = rows(text, FOLLOW_UP_COLUMNS)
                .into_iter()
                .map(|r| crate::model::FollowUp {
                    what: r[0].clone(),
                    date: parse_date(&r[1], 0).ok().flatten(),
                })
                .collect()
        }
        SignOff => {
            doc.sign_off = rows(text, SIGN_OFF_COLUMNS)
                .into_iter()
                .map(|r| crate::model::SignOff {
                    role: r[0].clone(),
                    name: r[1].clone(),
                    date: parse_date(&r[2], 0).ok().flatten(),
                    fingerprint: r[3].clone(),
                })
                .collect()
        }
        Unmapped => {
            if let Ok(parts) = parse_unmapped(text) {
                doc.unmapped = parts;
            }
        }
        Conflicts => {
            if let Ok(conflicts) = crate::model::parse_conflicts(text) {
                doc.conflicts = conflicts;
            }
        }
        Meeting => {
            if let Ok(meeting) = crate::model::Meeting::from_text(text) {
                doc.meeting = meeting;
            }
        }
        Lint => {
            if let Ok(lint) = crate::model::DocLint::from_text(text) {
                doc.lint = lint;
            }
        }
        // The registry stores every other field as a string or a list.
        _ => {}
    }
}

/// Lessons, one per line, in their canonical `[category] text` form.
pub(super) fn canonical_lessons(text: &str) -> String {
    split(text)
        .iter()
        .map(|l| lesson_line(&parse_lesson(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The unmapped parts, checked and in canonical form.
pub(super) fn canonical_unmapped(text: &str) -> Result<String, String> {
    parse_unmapped(text).map(|parts| unmapped_text(&parts))
}

/// A date field, checked and in canonical form.
pub(super) fn prepare_date(text: &str) -> Result<String, String> {
    parse_date(text.trim(), 1)
        .map(date_text)
        .map_err(|_| format!("`{}` is not a date: expected YYYY-MM-DD", text.trim()))
}

/// A table, checked row by row and in canonical form.
pub(super) fn prepare_table(
    field: DocField,
    columns: &[&str],
    text: &str,
) -> Result<String, String> {
    let rows = parse_table(text, columns)?;
    for (n, row) in rows.iter().enumerate() {
        let line = n + 1;
        match field {
            DocField::FollowUp => drop(parse_date(&row[1], line)?),
            DocField::SignOff => drop(parse_date(&row[2], line)?),
            DocField::Goals => drop(parse_assessment(&row[3], line)?),
            DocField::SeverityScale if row[1].is_empty() => {
                return Err(format!("line {line}: the label is missing"));
            }
            _ => {}
        }
    }
    let canonical = rows
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = row.clone();
            if field == DocField::Goals {
                // Reads "Partially met" and writes `partially-met`.
                cells[3] =
                    assessment_text(parse_assessment(&cells[3], 0).ok().flatten()).to_string();
            }
            format_row(&cells.iter().map(String::as_str).collect::<Vec<_>>())
        })
        .collect::<Vec<_>>();
    Ok(canonical.join("\n"))
}

/// A time field as typed (`14:02`, `+2h`, a whole date and time), in
/// canonical RFC 3339.
pub(super) fn prepare_time(
    field: DocField,
    doc: &Postmortem,
    text: &str,
) -> Result<String, String> {
    let text = text.trim();
    let current = if field == DocField::Started {
        doc.meta.started
    } else {
        doc.meta.ended
    };
    if text.is_empty() {
        return Ok(String::new());
    }
    // A bare clock time takes its date (and `+5m` its start) from the
    // incident's start for the end, else from the value or first event.
    let reference = match field {
        DocField::Ended => doc.meta.started.or(current),
        _ => current,
    }
    .or_else(|| doc.timeline.first().map(|e| e.at));
    let reference = match reference {
        Some(reference) => reference,
        // Nothing to go by: only a whole date and time can be read.
        None if !text.starts_with('+') && text.len() >= 10 => {
            chrono::DateTime::UNIX_EPOCH.fixed_offset()
        }
        None => {
            return Err(format!(
                "no date to go by: type the whole time, e.g. 2026-02-05 {text}"
            ));
        }
    };
    let zone = doc.display_zone();
    let at = zone.in_zone(&parse_time(text, &zone, reference)?);
    if current == Some(at) {
        // Same instant: keep the stored offset, so this is no edit.
        return Ok(time_text(current));
    }
    Ok(time_text(Some(at)))
}

/// Refuses values that would leave the rest of the document pointing at
/// nothing: a category or severity level still in use, an end before the
/// start.
pub(super) fn keeps_document_sound(
    field: DocField,
    doc: &Postmortem,
    canonical: &str,
) -> Result<(), String> {
    if !matches!(
        field,
        DocField::Categories | DocField::SeverityScale | DocField::Started | DocField::Ended
    ) {
        return Ok(());
    }
    // These fields live in `meta`: a copy of it is enough to try them.
    let mut changed = Postmortem::new(doc.kind, "");
    changed.meta = doc.meta.clone();
    field.set(&mut changed, canonical);
    match field {
        DocField::Categories => {
            let categories = changed.factor_categories();
            let orphans: Vec<_> = doc
                .factors
                .iter()
                .filter(|f| !categories.contains(&f.category))
                .collect();
            if let Some(first) = orphans.first() {
                let ids: Vec<&str> = orphans.iter().map(|f| f.id.as_str()).collect();
                return Err(format!(
                    "`{}` is still used by {}: keep it or change those factors first",
                    first.category,
                    ids.join(", ")
                ));
            }
        }
        DocField::SeverityScale => {
            let severity = &doc.meta.severity;
            if !severity.is_empty()
                && !changed
                    .severity_scale()
                    .iter()
                    .any(|s| s.level == *severity)
            {
                return Err(format!(
                    "the document's severity `{severity}` must stay on the scale"
                ));
            }
        }
        DocField::Started | DocField::Ended => {
            if let (Some(start), Some(end)) = (changed.meta.started, changed.meta.ended)
                && end < start
            {
                return Err("the end must not be before the start".to_string());
            }
        }
        _ => {}
    }
    Ok(())
}
