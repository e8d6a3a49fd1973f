//! The text forms of document fields: table rows with escaped cells,
//! lists one entry per line, dates, goal assessments, lessons with their
//! category, times, and the unmapped parts of an import.

use chrono::NaiveDate;

use crate::model::{Assessment, DisplayZone, Lesson, Postmortem, Project, Timestamp};

/// Escapes one table cell: `\` → `\\`, `|` → `\|`, line break → `\n`.
pub(super) fn escape_cell(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// One table row as a line; trailing empty cells are left out.
pub(super) fn format_row(cells: &[&str]) -> String {
    let used = cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1);
    cells[..used]
        .iter()
        .map(|c| escape_cell(c))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Splits a row line into trimmed, unescaped cells.
pub(super) fn parse_row(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('|') => cell.push('|'),
                Some('\\') => cell.push('\\'),
                Some('n') => cell.push('\n'),
                Some(other) => {
                    cell.push('\\');
                    cell.push(other);
                }
                None => cell.push('\\'),
            },
            '|' => cells.push(std::mem::take(&mut cell).trim().to_string()),
            c => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

/// The rows of a table text, each with exactly `columns.len()` cells.
pub(super) fn parse_table(text: &str, columns: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut cells = parse_row(line);
        if cells.len() > columns.len() {
            return Err(format!(
                "line {}: {} cells, expected at most {} ({})",
                n + 1,
                cells.len(),
                columns.len(),
                columns.join(" | ")
            ));
        }
        if cells[0].is_empty() {
            return Err(format!("line {}: the {} is missing", n + 1, columns[0]));
        }
        cells.resize(columns.len(), String::new());
        rows.push(cells);
    }
    Ok(rows)
}

pub(super) fn parse_date(cell: &str, line: usize) -> Result<Option<NaiveDate>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(cell, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("line {line}: `{cell}` is not a date: expected YYYY-MM-DD"))
}

pub(super) fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

pub(super) fn parse_assessment(cell: &str, line: usize) -> Result<Option<Assessment>, String> {
    let key: String = cell
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    Ok(match key.as_str() {
        "" => None,
        "met" => Some(Assessment::Met),
        "partiallymet" | "partial" => Some(Assessment::PartiallyMet),
        "notmet" => Some(Assessment::NotMet),
        _ => {
            return Err(format!(
                "line {line}: `{cell}` is not an assessment: expected met, partially-met or not-met"
            ));
        }
    })
}

pub(super) fn assessment_text(assessment: Option<Assessment>) -> &'static str {
    match assessment {
        None => "",
        Some(Assessment::Met) => "met",
        Some(Assessment::PartiallyMet) => "partially-met",
        Some(Assessment::NotMet) => "not-met",
    }
}

pub(super) const SCALE_COLUMNS: &[&str] = &["level", "label", "definition"];
pub(super) const IMPACT_COLUMNS: &[&str] = &["metric", "value"];
pub(super) const GOAL_COLUMNS: &[&str] = &["goal", "target", "actual", "assessment"];
pub(super) const FOLLOW_UP_COLUMNS: &[&str] = &["what", "date"];
pub(super) const SIGN_OFF_COLUMNS: &[&str] = &["role", "name", "date", "fingerprint"];

// ------------------------------------------------------------------- lists

pub(super) fn lines(list: &[String]) -> String {
    list.join("\n")
}

pub(super) fn split(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// A lesson as one editable line: `[category] text`, or just the text.
pub(super) fn lesson_line(lesson: &Lesson) -> String {
    if lesson.category.is_empty() {
        lesson.text.clone()
    } else {
        format!("[{}] {}", lesson.category, lesson.text)
    }
}

/// The inverse of [`lesson_line`].
pub(super) fn parse_lesson(line: &str) -> Lesson {
    if let Some(rest) = line.strip_prefix('[')
        && let Some((category, text)) = rest.split_once(']')
        && !category.trim().is_empty()
        && !category.contains('[')
    {
        return Lesson {
            text: text.trim().to_string(),
            category: category.trim().to_string(),
        };
    }
    Lesson {
        text: line.to_string(),
        category: String::new(),
    }
}

pub(super) fn project_list(doc: &Postmortem, pick: fn(&Project) -> &Vec<String>) -> String {
    doc.project
        .as_ref()
        .map(|p| lines(pick(p)))
        .unwrap_or_default()
}

/// Changes the project part; an emptied project part is dropped, so an
/// incident never grows an empty `[project]` table.
pub(super) fn with_project(doc: &mut Postmortem, change: impl FnOnce(&mut Project)) {
    let project = doc.project.get_or_insert_with(Project::default);
    change(project);
    if *project == Project::default() {
        doc.project = None;
    }
}

// ------------------------------------------------------------------- times

pub(super) fn time_text(ts: Option<Timestamp>) -> String {
    ts.map(|t| t.to_rfc3339()).unwrap_or_default()
}

/// The wall-clock form used to show and edit a time.
pub(super) fn local_text(zone: &DisplayZone, ts: &Timestamp) -> String {
    let local = zone.local(ts);
    if local.and_utc().timestamp() % 60 == 0 {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// Starts an unmapped part's heading line.
pub(super) const PART_MARK: char = '§';

/// Every unmapped part as text: a `§ heading` line, then the Markdown line
/// by line; a Markdown line starting with `§` or `\` gets a `\` in front.
pub fn unmapped_text(parts: &[crate::model::Unmapped]) -> String {
    let mut lines = Vec::new();
    for part in parts {
        lines.push(format!("{PART_MARK} {}", part.heading));
        for line in part.markdown.split('\n') {
            if line.starts_with([PART_MARK, '\\']) {
                lines.push(format!("\\{line}"));
            } else {
                lines.push(line.to_string());
            }
        }
    }
    lines.join("\n")
}

/// The inverse of [`unmapped_text`].
pub(super) fn parse_unmapped(text: &str) -> Result<Vec<crate::model::Unmapped>, String> {
    let mut parts: Vec<crate::model::Unmapped> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let close = |parts: &mut Vec<crate::model::Unmapped>, body: &mut Vec<&str>| {
        if let Some(last) = parts.last_mut() {
            last.markdown = body.join("\n");
        }
        body.clear();
    };
    if text.trim().is_empty() {
        return Ok(parts);
    }
    for (n, line) in text.split('\n').enumerate() {
        if let Some(heading) = line.strip_prefix(PART_MARK) {
            close(&mut parts, &mut body);
            parts.push(crate::model::Unmapped {
                heading: heading.strip_prefix(' ').unwrap_or(heading).to_string(),
                markdown: String::new(),
            });
        } else if parts.is_empty() {
            if line.trim().is_empty() {
                continue;
            }
            return Err(format!(
                "line {}: start each part with a `{PART_MARK} heading` line",
                n + 1
            ));
        } else {
            body.push(line.strip_prefix('\\').unwrap_or(line));
        }
    }
    close(&mut parts, &mut body);
    Ok(parts)
}

/// Table rows of canonical text, padded to `columns` (rows that do not fit
/// are skipped: `prepare` never produces them).
pub(super) fn rows(text: &str, columns: &[&str]) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(parse_row)
        .filter(|cells| cells.len() <= columns.len())
        .map(|mut cells| {
            cells.resize(columns.len(), String::new());
            cells
        })
        .collect()
}
