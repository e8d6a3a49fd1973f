//! Document-level fields as editable text.
//!
//! Everything in a postmortem that is not a list item (timeline event, why,
//! factor, action) is a [`DocField`]: it can be read as text, checked and
//! canonicalised ([`DocField::prepare`]) and written back. An
//! [`Edit::SetText`](super::edit::Edit::SetText) carries the canonical texts,
//! so `set(get(doc))` must give back exactly `doc` — that is what makes undo
//! and the recovery journal exact.
//!
//! Text forms, by [`Shape`]: a single line; prose (kept verbatim); a list
//! (one entry per line); a table (one row per line, cells separated by
//! ` | `; `\|`, `\\` and `\n` escape a pipe, a backslash and a line break in
//! a cell); a time (typed as `14:02`, `+5m`, `2026-02-05 14:02`, stored as
//! RFC 3339); a date (`YYYY-MM-DD`); a choice from a fixed set.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    Assessment, DisplayZone, Goal, ImpactRow, Lesson, PathSeg, Postmortem, Project,
    RESPONSE_PHASES, ResponsePhase, SeverityLevel, Timestamp, parse_time,
};

/// A column of the detection & response table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseColumn {
    /// What happened in the phase.
    Happened,
    /// What worked.
    Worked,
    /// What did not.
    DidNotWork,
}

impl ResponseColumn {
    /// The three columns, in table order.
    pub const ALL: [ResponseColumn; 3] = [
        ResponseColumn::Happened,
        ResponseColumn::Worked,
        ResponseColumn::DidNotWork,
    ];

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            ResponseColumn::Happened => "happened",
            ResponseColumn::Worked => "worked",
            ResponseColumn::DidNotWork => "didn't work",
        }
    }

    fn cell(self, phase: &ResponsePhase) -> &String {
        match self {
            ResponseColumn::Happened => &phase.happened,
            ResponseColumn::Worked => &phase.worked,
            ResponseColumn::DidNotWork => &phase.did_not_work,
        }
    }

    fn cell_mut(self, phase: &mut ResponsePhase) -> &mut String {
        match self {
            ResponseColumn::Happened => &mut phase.happened,
            ResponseColumn::Worked => &mut phase.worked,
            ResponseColumn::DidNotWork => &mut phase.did_not_work,
        }
    }
}

/// A document-level field (anything that is not a list item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocField {
    /// `meta.title`.
    Title,
    /// `meta.id`.
    DocId,
    /// `kind`: incident or project.
    Kind,
    /// `meta.severity`.
    Severity,
    /// `meta.status` (as its file name).
    Status,
    /// `meta.started`.
    Started,
    /// `meta.ended`.
    Ended,
    /// `meta.postmortem_date`.
    PostmortemDate,
    /// `meta.timezone`.
    Timezone,
    /// `meta.services`, one per line.
    Services,
    /// `meta.authors`, one per line.
    Authors,
    /// `meta.reviewers`, one per line.
    Reviewers,
    /// `meta.tags`, one per line.
    Tags,
    /// `meta.roster`, one per line.
    Roster,
    /// `meta.allow`, one per line.
    Allow,
    /// `meta.categories`, one per line (empty: the default four).
    Categories,
    /// `meta.severity_scale` rows: `level | label | definition`.
    SeverityScale,
    /// `summary`.
    Summary,
    /// `impact.users_affected`.
    UsersAffected,
    /// `impact.duration`.
    ImpactDuration,
    /// `impact.requests_failed`.
    RequestsFailed,
    /// `impact.revenue`.
    Revenue,
    /// `impact.sla`.
    Sla,
    /// `impact.data_loss`.
    DataLoss,
    /// `impact.customer_complaints`.
    CustomerComplaints,
    /// `impact.extra` rows: `metric | value`.
    ImpactExtra,
    /// `whys.problem`.
    Problem,
    /// `whys.root_cause`.
    RootCause,
    /// One cell of the detection & response table. Slots 0–4 are the
    /// standard phases (created when first written, dropped when emptied);
    /// further slots are the document's other phases in file order.
    Response {
        /// The phase, see [`response_slots`].
        slot: u8,
        /// The column.
        column: ResponseColumn,
    },
    /// `review.went_well`, one per line.
    WentWell,
    /// `review.went_poorly`, one per line.
    WentPoorly,
    /// `review.lucky`, one per line.
    Lucky,
    /// `review.lessons`, one per line as `[category] text`.
    Lessons,
    /// `project.team`, one per line.
    Team,
    /// `project.goals` rows: `goal | target | actual | assessment`.
    Goals,
    /// `project.differently`, one per line.
    Differently,
    /// `project.recommendations`, one per line.
    Recommendations,
    /// `follow_up` rows: `what | date`.
    FollowUp,
    /// `sign_off` rows: `role | name | date`.
    SignOff,
    /// `distribution`, one per line.
    Distribution,
    /// `appendix.logs` (verbatim).
    Logs,
    /// `appendix.metrics` (Markdown).
    Metrics,
    /// `appendix.related`, one per line.
    Related,
    /// `appendix.notes` (Markdown).
    Notes,
    /// `unmapped`: what an import could not place, each part as a
    /// `§ heading` line followed by its Markdown (see [`unmapped_text`]).
    Unmapped,
}

/// How a field's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line of free text.
    Line,
    /// Free text over several lines, kept verbatim.
    Prose,
    /// One entry per line; blank lines are dropped.
    List,
    /// One row per line, cells separated by ` | `; the column names.
    Table(&'static [&'static str]),
    /// A point in time, typed in the display zone.
    Time,
    /// A calendar date.
    Date,
    /// One of a fixed set of words.
    Choice,
}

/// Number of response-table slots `doc` shows: the five standard phases
/// plus its other phases.
pub fn response_slots(doc: &Postmortem) -> usize {
    RESPONSE_PHASES.len()
        + doc
            .response
            .iter()
            .filter(|p| standard_rank(&p.phase).is_none())
            .count()
}

/// The phase name shown for `slot`.
pub fn response_phase(doc: &Postmortem, slot: u8) -> String {
    let slot = slot as usize;
    match RESPONSE_PHASES.get(slot) {
        Some(name) => name.to_string(),
        None => response_row(doc, slot)
            .map(|i| doc.response[i].phase.clone())
            .unwrap_or_default(),
    }
}

/// The slot of the phase named `phase` in `doc`, if it has one.
pub fn response_slot_of(doc: &Postmortem, phase: &str) -> Option<u8> {
    if let Some(rank) = standard_rank(phase) {
        return u8::try_from(rank).ok();
    }
    let custom = doc
        .response
        .iter()
        .filter(|p| standard_rank(&p.phase).is_none())
        .position(|p| p.phase == phase)?;
    u8::try_from(RESPONSE_PHASES.len() + custom).ok()
}

fn standard_rank(phase: &str) -> Option<usize> {
    RESPONSE_PHASES
        .iter()
        .position(|p| p.eq_ignore_ascii_case(phase.trim()))
}

/// The row of `doc.response` behind `slot`.
fn response_row(doc: &Postmortem, slot: usize) -> Option<usize> {
    match RESPONSE_PHASES.get(slot) {
        Some(name) => doc
            .response
            .iter()
            .position(|p| p.phase.trim().eq_ignore_ascii_case(name)),
        None => doc
            .response
            .iter()
            .enumerate()
            .filter(|(_, p)| standard_rank(&p.phase).is_none())
            .nth(slot - RESPONSE_PHASES.len())
            .map(|(i, _)| i),
    }
}

fn set_response(doc: &mut Postmortem, slot: usize, column: ResponseColumn, text: &str) {
    let row = match response_row(doc, slot) {
        Some(row) => row,
        None if slot < RESPONSE_PHASES.len() && !text.is_empty() => {
            // A standard phase is written for the first time: it takes its
            // place in the seed's order among the phases already there.
            let at = doc
                .response
                .iter()
                .position(|p| standard_rank(&p.phase).is_some_and(|r| r > slot))
                .unwrap_or(doc.response.len());
            doc.response.insert(
                at,
                ResponsePhase {
                    phase: RESPONSE_PHASES[slot].to_string(),
                    ..ResponsePhase::default()
                },
            );
            at
        }
        None => return,
    };
    let phase = &mut doc.response[row];
    *column.cell_mut(phase) = text.to_string();
    let emptied = ResponseColumn::ALL.iter().all(|c| c.cell(phase).is_empty());
    if emptied && slot < RESPONSE_PHASES.len() {
        doc.response.remove(row);
    }
}

// ------------------------------------------------------------------ tables

/// Escapes one table cell: `\` → `\\`, `|` → `\|`, line break → `\n`.
fn escape_cell(cell: &str) -> String {
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
fn format_row(cells: &[&str]) -> String {
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
fn parse_row(line: &str) -> Vec<String> {
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
fn parse_table(text: &str, columns: &[&str]) -> Result<Vec<Vec<String>>, String> {
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

fn parse_date(cell: &str, line: usize) -> Result<Option<NaiveDate>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(cell, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("line {line}: `{cell}` is not a date: expected YYYY-MM-DD"))
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn parse_assessment(cell: &str, line: usize) -> Result<Option<Assessment>, String> {
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

fn assessment_text(assessment: Option<Assessment>) -> &'static str {
    match assessment {
        None => "",
        Some(Assessment::Met) => "met",
        Some(Assessment::PartiallyMet) => "partially-met",
        Some(Assessment::NotMet) => "not-met",
    }
}

const SCALE_COLUMNS: &[&str] = &["level", "label", "definition"];
const IMPACT_COLUMNS: &[&str] = &["metric", "value"];
const GOAL_COLUMNS: &[&str] = &["goal", "target", "actual", "assessment"];
const FOLLOW_UP_COLUMNS: &[&str] = &["what", "date"];
const SIGN_OFF_COLUMNS: &[&str] = &["role", "name", "date"];

// ------------------------------------------------------------------- lists

fn lines(list: &[String]) -> String {
    list.join("\n")
}

fn split(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// A lesson as one editable line: `[category] text`, or just the text.
fn lesson_line(lesson: &Lesson) -> String {
    if lesson.category.is_empty() {
        lesson.text.clone()
    } else {
        format!("[{}] {}", lesson.category, lesson.text)
    }
}

/// The inverse of [`lesson_line`].
fn parse_lesson(line: &str) -> Lesson {
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

fn project_list(doc: &Postmortem, pick: fn(&Project) -> &Vec<String>) -> String {
    doc.project
        .as_ref()
        .map(|p| lines(pick(p)))
        .unwrap_or_default()
}

/// Changes the project part; an emptied project part is dropped, so an
/// incident never grows an empty `[project]` table.
fn with_project(doc: &mut Postmortem, change: impl FnOnce(&mut Project)) {
    let project = doc.project.get_or_insert_with(Project::default);
    change(project);
    if *project == Project::default() {
        doc.project = None;
    }
}

// ------------------------------------------------------------------- times

fn time_text(ts: Option<Timestamp>) -> String {
    ts.map(|t| t.to_rfc3339()).unwrap_or_default()
}

/// The wall-clock form used to show and edit a time.
fn local_text(zone: &DisplayZone, ts: &Timestamp) -> String {
    let local = zone.local(ts);
    if local.and_utc().timestamp() % 60 == 0 {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

impl DocField {
    /// Every field whose set does not depend on the document (all but the
    /// response cells, see [`DocField::all_for`]), in screen order.
    pub const FIXED: [DocField; 44] = {
        use DocField::*;
        [
            Title,
            DocId,
            Kind,
            Severity,
            Status,
            Started,
            Ended,
            PostmortemDate,
            Timezone,
            Services,
            Authors,
            Reviewers,
            Tags,
            Roster,
            Allow,
            Categories,
            SeverityScale,
            Summary,
            UsersAffected,
            ImpactDuration,
            RequestsFailed,
            Revenue,
            Sla,
            DataLoss,
            CustomerComplaints,
            ImpactExtra,
            Problem,
            RootCause,
            WentWell,
            WentPoorly,
            Lucky,
            Lessons,
            Team,
            Goals,
            Differently,
            Recommendations,
            FollowUp,
            SignOff,
            Distribution,
            Logs,
            Metrics,
            Related,
            Notes,
            Unmapped,
        ]
    };

    /// The response cells of `doc`, row by row.
    pub fn response_cells(doc: &Postmortem) -> Vec<DocField> {
        (0..response_slots(doc))
            .filter_map(|slot| u8::try_from(slot).ok())
            .flat_map(|slot| {
                ResponseColumn::ALL
                    .into_iter()
                    .map(move |column| DocField::Response { slot, column })
            })
            .collect()
    }

    /// Every field of `doc`: the fixed ones and its response cells.
    pub fn all_for(doc: &Postmortem) -> Vec<DocField> {
        let mut all = DocField::FIXED.to_vec();
        all.extend(DocField::response_cells(doc));
        all
    }

    /// Human label (for a response cell, its column; see [`DocField::title`]).
    pub fn label(self) -> &'static str {
        use DocField::*;
        match self {
            Title => "Title",
            DocId => "Id",
            Kind => "Kind",
            Severity => "Severity",
            Status => "Status",
            Started => "Started",
            Ended => "Ended",
            PostmortemDate => "Postmortem date",
            Timezone => "Time zone",
            Services => "Services",
            Authors => "Authors",
            Reviewers => "Reviewers",
            Tags => "Tags",
            Roster => "Roster (never exported)",
            Allow => "Allowed words",
            Categories => "Factor categories",
            SeverityScale => "Severity scale",
            Summary => "Summary",
            UsersAffected => "Users affected",
            ImpactDuration => "Duration of user impact",
            RequestsFailed => "Requests failed",
            Revenue => "Revenue impact",
            Sla => "SLA impact",
            DataLoss => "Data loss",
            CustomerComplaints => "Customer complaints",
            ImpactExtra => "Other impact",
            Problem => "Problem",
            RootCause => "Root cause",
            Response { column, .. } => column.label(),
            WentWell => "Went well",
            WentPoorly => "Went poorly",
            Lucky => "Where we got lucky",
            Lessons => "Lessons learned",
            Team => "Team",
            Goals => "Goals vs. outcomes",
            Differently => "What we would do differently",
            Recommendations => "Recommendations",
            FollowUp => "Follow-up",
            SignOff => "Sign-off",
            Distribution => "Distribution",
            Logs => "Logs",
            Metrics => "Metrics and graphs",
            Related => "Related",
            Notes => "Notes",
            Unmapped => "Unmapped parts",
        }
    }

    /// The label as shown: a response cell names its phase too.
    pub fn title(self, doc: &Postmortem) -> String {
        match self {
            DocField::Response { slot, column } => {
                let phase = response_phase(doc, slot);
                let mut chars = phase.chars();
                let phase = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default();
                format!("{phase} · {}", column.label())
            }
            DocField::Unmapped => "Parts (§ heading, then its Markdown)".to_string(),
            field => match field.shape() {
                Shape::Table(columns) => format!("{} ({})", field.label(), columns.join(" | ")),
                _ => field.label().to_string(),
            },
        }
    }

    /// The group the field is shown under.
    pub fn section(self) -> &'static str {
        use DocField::*;
        match self {
            Title | DocId | Kind | Severity | Status | Started | Ended | PostmortemDate
            | Timezone | Services | Authors | Reviewers | Tags => "Incident",
            Summary | Problem | RootCause => "Summary",
            UsersAffected | ImpactDuration | RequestsFailed | Revenue | Sla | DataLoss
            | CustomerComplaints | ImpactExtra => "Impact",
            Roster | Allow | Categories | SeverityScale => "Document settings",
            Response { .. } => "Detection & response",
            WentWell | WentPoorly | Lucky | Lessons => "Review",
            Team | Goals | Differently | Recommendations => "Project",
            FollowUp | SignOff | Distribution => "Follow-up and sign-off",
            Logs | Metrics | Related | Notes => "Appendix",
            Unmapped => "Not mapped by the import (exported in the appendix)",
        }
    }

    /// How the field's text is written.
    pub fn shape(self) -> Shape {
        use DocField::*;
        match self {
            Kind | Severity | Status => Shape::Choice,
            Started | Ended => Shape::Time,
            PostmortemDate => Shape::Date,
            Services | Authors | Reviewers | Tags | Roster | Allow | Categories | WentWell
            | WentPoorly | Lucky | Lessons | Team | Differently | Recommendations
            | Distribution | Related => Shape::List,
            SeverityScale => Shape::Table(SCALE_COLUMNS),
            ImpactExtra => Shape::Table(IMPACT_COLUMNS),
            Goals => Shape::Table(GOAL_COLUMNS),
            FollowUp => Shape::Table(FOLLOW_UP_COLUMNS),
            SignOff => Shape::Table(SIGN_OFF_COLUMNS),
            Summary | Response { .. } | Logs | Metrics | Notes | Unmapped => Shape::Prose,
            Title | DocId | Timezone | UsersAffected | ImpactDuration | RequestsFailed
            | Revenue | Sla | DataLoss | CustomerComplaints | Problem | RootCause => Shape::Line,
        }
    }

    /// Whether the field holds several lines (a list, a table or prose).
    pub fn multiline(self) -> bool {
        matches!(self.shape(), Shape::Prose | Shape::List | Shape::Table(_))
    }

    /// The field's exact text: `set(get(doc))` changes nothing.
    pub fn get(self, doc: &Postmortem) -> String {
        use DocField::*;
        let meta = &doc.meta;
        match self {
            Title => meta.title.clone(),
            DocId => meta.id.clone(),
            Kind => doc.kind.as_str().to_string(),
            Severity => meta.severity.clone(),
            Status => meta.status.as_str().to_string(),
            Started => time_text(meta.started),
            Ended => time_text(meta.ended),
            PostmortemDate => date_text(meta.postmortem_date),
            Timezone => meta.timezone.clone(),
            Services => lines(&meta.services),
            Authors => lines(&meta.authors),
            Reviewers => lines(&meta.reviewers),
            Tags => lines(&meta.tags),
            Roster => lines(&meta.roster),
            Allow => lines(&meta.allow),
            Categories => lines(&meta.categories),
            SeverityScale => meta
                .severity_scale
                .iter()
                .map(|s| format_row(&[&s.level, &s.label, &s.definition]))
                .collect::<Vec<_>>()
                .join("\n"),
            Summary => doc.summary.clone(),
            UsersAffected => doc.impact.users_affected.clone(),
            ImpactDuration => doc.impact.duration.clone(),
            RequestsFailed => doc.impact.requests_failed.clone(),
            Revenue => doc.impact.revenue.clone(),
            Sla => doc.impact.sla.clone(),
            DataLoss => doc.impact.data_loss.clone(),
            CustomerComplaints => doc.impact.customer_complaints.clone(),
            ImpactExtra => doc
                .impact
                .extra
                .iter()
                .map(|r| format_row(&[&r.metric, &r.value]))
                .collect::<Vec<_>>()
                .join("\n"),
            Problem => doc.whys.problem.clone(),
            RootCause => doc.whys.root_cause.clone(),
            Response { slot, column } => response_row(doc, slot as usize)
                .map(|row| column.cell(&doc.response[row]).clone())
                .unwrap_or_default(),
            WentWell => lines(&doc.review.went_well),
            WentPoorly => lines(&doc.review.went_poorly),
            Lucky => lines(&doc.review.lucky),
            Lessons => doc
                .review
                .lessons
                .iter()
                .map(lesson_line)
                .collect::<Vec<_>>()
                .join("\n"),
            Team => project_list(doc, |p| &p.team),
            Goals => doc
                .project
                .as_ref()
                .map(|p| {
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
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default(),
            Differently => project_list(doc, |p| &p.differently),
            Recommendations => project_list(doc, |p| &p.recommendations),
            FollowUp => doc
                .follow_up
                .iter()
                .map(|f| format_row(&[&f.what, &date_text(f.date)]))
                .collect::<Vec<_>>()
                .join("\n"),
            SignOff => doc
                .sign_off
                .iter()
                .map(|s| format_row(&[&s.role, &s.name, &date_text(s.date)]))
                .collect::<Vec<_>>()
                .join("\n"),
            Distribution => lines(&doc.distribution),
            Logs => doc.appendix.logs.clone(),
            Metrics => doc.appendix.metrics.clone(),
            Related => lines(&doc.appendix.related),
            Notes => doc.appendix.notes.clone(),
            Unmapped => unmapped_text(&doc.unmapped),
        }
    }

    /// The text to start editing with: times in the display zone's wall
    /// clock, everything else as [`DocField::get`].
    pub fn edit_text(self, doc: &Postmortem) -> String {
        let zone = doc.display_zone();
        match self {
            DocField::Started => doc
                .meta
                .started
                .map(|t| local_text(&zone, &t))
                .unwrap_or_default(),
            DocField::Ended => doc
                .meta
                .ended
                .map(|t| local_text(&zone, &t))
                .unwrap_or_default(),
            field => field.get(doc),
        }
    }

    /// The text to show on screen (empty when unset): times in the display
    /// zone with its name, defaults spelled out.
    pub fn shown(self, doc: &Postmortem) -> String {
        let zone = doc.display_zone();
        let time = |t: Option<Timestamp>| {
            t.map(|t| format!("{} {}", local_text(&zone, &t), zone.abbreviation(Some(&t))))
                .unwrap_or_default()
        };
        match self {
            DocField::Started => time(doc.meta.started),
            DocField::Ended => time(doc.meta.ended),
            DocField::Categories if doc.meta.categories.is_empty() => {
                format!("(default: {})", doc.factor_categories().join(", "))
            }
            DocField::SeverityScale if doc.meta.severity_scale.is_empty() => format!(
                "(default: {})",
                doc.severity_scale()
                    .iter()
                    .map(|s| format!("{} {}", s.level, s.label))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            field => field.get(doc),
        }
    }

    /// Checks `text` against `doc` and returns it in the canonical form
    /// [`DocField::get`] will read back once it is applied, or what was
    /// expected. Canonical forms: lists and tables drop blank lines and trim,
    /// short codes are trimmed, times become RFC 3339.
    pub fn prepare(self, doc: &Postmortem, text: &str) -> Result<String, String> {
        let canonical = self.canonical(doc, text)?;
        self.keeps_document_sound(doc, &canonical)?;
        Ok(canonical)
    }

    /// Refuses values that would leave the rest of the document pointing at
    /// nothing: a category or severity level still in use, an end before
    /// the start.
    fn keeps_document_sound(self, doc: &Postmortem, canonical: &str) -> Result<(), String> {
        if !matches!(
            self,
            DocField::Categories | DocField::SeverityScale | DocField::Started | DocField::Ended
        ) {
            return Ok(());
        }
        // These fields live in `meta`: a copy of it is enough to try them.
        let mut changed = Postmortem::new(doc.kind, "");
        changed.meta = doc.meta.clone();
        self.set(&mut changed, canonical);
        match self {
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

    fn canonical(self, doc: &Postmortem, text: &str) -> Result<String, String> {
        use DocField::*;
        match self.shape() {
            Shape::List => {
                let entries = split(text);
                return Ok(if self == Lessons {
                    entries
                        .iter()
                        .map(|l| lesson_line(&parse_lesson(l)))
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    lines(&entries)
                });
            }
            Shape::Table(columns) => return self.prepare_table(columns, text),
            Shape::Time => return self.prepare_time(doc, text),
            Shape::Date => {
                return parse_date(text.trim(), 1)
                    .map(date_text)
                    .map_err(|_| format!("`{}` is not a date: expected YYYY-MM-DD", text.trim()));
            }
            Shape::Line | Shape::Prose | Shape::Choice => {}
        }
        let trimmed = text.trim();
        match self {
            Severity => {
                let scale = doc.severity_scale();
                if trimmed.is_empty() || scale.iter().any(|s| s.level == trimmed) {
                    Ok(trimmed.to_string())
                } else {
                    let levels: Vec<&str> = scale.iter().map(|s| s.level.as_str()).collect();
                    Err(format!("expected one of {}", levels.join(", ")))
                }
            }
            Status => super::Status::ALL
                .iter()
                .find(|s| s.as_str() == trimmed)
                .map(|s| s.as_str().to_string())
                .ok_or_else(|| "expected draft, in-review or final".to_string()),
            Kind => [super::Kind::Incident, super::Kind::Project]
                .iter()
                .find(|k| k.as_str() == trimmed)
                .map(|k| k.as_str().to_string())
                .ok_or_else(|| "expected incident or project".to_string()),
            Timezone => DisplayZone::parse(trimmed).map(|_| trimmed.to_string()),
            Unmapped => parse_unmapped(text).map(|parts| unmapped_text(&parts)),
            _ => Ok(text.to_string()),
        }
    }

    fn prepare_table(self, columns: &[&str], text: &str) -> Result<String, String> {
        let rows = parse_table(text, columns)?;
        for (n, row) in rows.iter().enumerate() {
            let line = n + 1;
            match self {
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
                if self == DocField::Goals {
                    // Reads "Partially met" and writes `partially-met`.
                    cells[3] =
                        assessment_text(parse_assessment(&cells[3], 0).ok().flatten()).to_string();
                }
                format_row(&cells.iter().map(String::as_str).collect::<Vec<_>>())
            })
            .collect::<Vec<_>>();
        Ok(canonical.join("\n"))
    }

    fn prepare_time(self, doc: &Postmortem, text: &str) -> Result<String, String> {
        let text = text.trim();
        let current = if self == DocField::Started {
            doc.meta.started
        } else {
            doc.meta.ended
        };
        if text.is_empty() {
            return Ok(String::new());
        }
        // A bare clock time takes its date (and `+5m` its start) from the
        // incident's start for the end, else from the value or first event.
        let reference = match self {
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

    /// Writes canonical `text` (from [`DocField::prepare`]) into `doc`.
    /// Text that does not parse leaves the field as it was.
    pub(super) fn set(self, doc: &mut Postmortem, text: &str) {
        use DocField::*;
        let meta = &mut doc.meta;
        match self {
            Title => meta.title = text.to_string(),
            DocId => meta.id = text.to_string(),
            Kind => {
                doc.kind = if text.trim() == "project" {
                    super::Kind::Project
                } else {
                    super::Kind::Incident
                }
            }
            Severity => meta.severity = text.trim().to_string(),
            Status => {
                if let Some(s) = super::Status::ALL
                    .iter()
                    .find(|s| s.as_str() == text.trim())
                {
                    meta.status = *s;
                }
            }
            Started => meta.started = super::time::parse_timestamp(text).ok(),
            Ended => meta.ended = super::time::parse_timestamp(text).ok(),
            PostmortemDate => meta.postmortem_date = parse_date(text.trim(), 1).ok().flatten(),
            Timezone => meta.timezone = text.trim().to_string(),
            Services => meta.services = split(text),
            Authors => meta.authors = split(text),
            Reviewers => meta.reviewers = split(text),
            Tags => meta.tags = split(text),
            Roster => meta.roster = split(text),
            Allow => meta.allow = split(text),
            Categories => meta.categories = split(text),
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
            Summary => doc.summary = text.to_string(),
            UsersAffected => doc.impact.users_affected = text.to_string(),
            ImpactDuration => doc.impact.duration = text.to_string(),
            RequestsFailed => doc.impact.requests_failed = text.to_string(),
            Revenue => doc.impact.revenue = text.to_string(),
            Sla => doc.impact.sla = text.to_string(),
            DataLoss => doc.impact.data_loss = text.to_string(),
            CustomerComplaints => doc.impact.customer_complaints = text.to_string(),
            ImpactExtra => {
                doc.impact.extra = rows(text, IMPACT_COLUMNS)
                    .into_iter()
                    .map(|mut r| ImpactRow {
                        value: r.pop().unwrap_or_default(),
                        metric: r.pop().unwrap_or_default(),
                    })
                    .collect()
            }
            Problem => doc.whys.problem = text.to_string(),
            RootCause => doc.whys.root_cause = text.to_string(),
            Response { slot, column } => set_response(doc, slot as usize, column, text),
            WentWell => doc.review.went_well = split(text),
            WentPoorly => doc.review.went_poorly = split(text),
            Lucky => doc.review.lucky = split(text),
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
                    .map(|r| super::FollowUp {
                        what: r[0].clone(),
                        date: parse_date(&r[1], 0).ok().flatten(),
                    })
                    .collect()
            }
            SignOff => {
                doc.sign_off = rows(text, SIGN_OFF_COLUMNS)
                    .into_iter()
                    .map(|r| super::SignOff {
                        role: r[0].clone(),
                        name: r[1].clone(),
                        date: parse_date(&r[2], 0).ok().flatten(),
                    })
                    .collect()
            }
            Distribution => doc.distribution = split(text),
            Logs => doc.appendix.logs = text.to_string(),
            Metrics => doc.appendix.metrics = text.to_string(),
            Related => doc.appendix.related = split(text),
            Notes => doc.appendix.notes = text.to_string(),
            Unmapped => {
                if let Ok(parts) = parse_unmapped(text) {
                    doc.unmapped = parts;
                }
            }
        }
    }
}

/// Starts an unmapped part's heading line.
const PART_MARK: char = '§';

/// Every unmapped part as text: a `§ heading` line, then the Markdown line
/// by line; a Markdown line starting with `§` or `\` gets a `\` in front.
pub fn unmapped_text(parts: &[super::Unmapped]) -> String {
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
fn parse_unmapped(text: &str) -> Result<Vec<super::Unmapped>, String> {
    let mut parts: Vec<super::Unmapped> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let close = |parts: &mut Vec<super::Unmapped>, body: &mut Vec<&str>| {
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
            parts.push(super::Unmapped {
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

/// The prose string at `path` (as the linter reports it, e.g.
/// `project.goals[2].actual`) among the document-level fields, to rewrite
/// in place. List items (timeline, whys, factors, actions) are not here.
pub fn text_at_mut<'d>(doc: &'d mut Postmortem, path: &[PathSeg]) -> Option<&'d mut String> {
    use PathSeg::{Index, Key};
    let list_entry = |list: &'d mut Vec<String>, n: &usize| list.get_mut(*n);
    Some(match path {
        [Key("meta"), Key("title")] => &mut doc.meta.title,
        [Key("summary")] => &mut doc.summary,
        [Key("impact"), Key("extra"), Index(n), Key("value")] => {
            &mut doc.impact.extra.get_mut(*n)?.value
        }
        [Key("impact"), Key(field)] => {
            let i = &mut doc.impact;
            match *field {
                "users_affected" => &mut i.users_affected,
                "duration" => &mut i.duration,
                "requests_failed" => &mut i.requests_failed,
                "revenue" => &mut i.revenue,
                "sla" => &mut i.sla,
                "data_loss" => &mut i.data_loss,
                "customer_complaints" => &mut i.customer_complaints,
                _ => return None,
            }
        }
        [Key("whys"), Key("problem")] => &mut doc.whys.problem,
        [Key("whys"), Key("root_cause")] => &mut doc.whys.root_cause,
        [Key("response"), Index(n), Key(column)] => {
            let phase = doc.response.get_mut(*n)?;
            match *column {
                "happened" => &mut phase.happened,
                "worked" => &mut phase.worked,
                "did_not_work" => &mut phase.did_not_work,
                _ => return None,
            }
        }
        [Key("review"), Key("lessons"), Index(n), Key("text")] => {
            &mut doc.review.lessons.get_mut(*n)?.text
        }
        [Key("review"), Key(list), Index(n)] => list_entry(
            match *list {
                "went_well" => &mut doc.review.went_well,
                "went_poorly" => &mut doc.review.went_poorly,
                "lucky" => &mut doc.review.lucky,
                _ => return None,
            },
            n,
        )?,
        [Key("project"), Key("goals"), Index(n), Key("actual")] => {
            &mut doc.project.as_mut()?.goals.get_mut(*n)?.actual
        }
        [Key("project"), Key(list), Index(n)] => {
            let project = doc.project.as_mut()?;
            list_entry(
                match *list {
                    "differently" => &mut project.differently,
                    "recommendations" => &mut project.recommendations,
                    _ => return None,
                },
                n,
            )?
        }
        [Key("appendix"), Key("notes")] => &mut doc.appendix.notes,
        [Key("appendix"), Key("metrics")] => &mut doc.appendix.metrics,
        [Key("follow_up"), Index(n), Key("what")] => &mut doc.follow_up.get_mut(*n)?.what,
        [Key("unmapped"), Index(n), Key("markdown")] => &mut doc.unmapped.get_mut(*n)?.markdown,
        _ => return None,
    })
}

/// Table rows of canonical text, padded to `columns` (rows that do not fit
/// are skipped: `prepare` never produces them).
fn rows(text: &str, columns: &[&str]) -> Vec<Vec<String>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::EXAMPLES;

    fn examples() -> Vec<Postmortem> {
        EXAMPLES
            .iter()
            .map(|e| e.load().expect("example parses"))
            .collect()
    }

    #[test]
    fn get_then_set_changes_nothing_and_get_is_canonical() {
        for doc in examples() {
            for field in DocField::all_for(&doc) {
                let text = field.get(&doc);
                let mut copy = doc.clone();
                field.set(&mut copy, &text);
                assert_eq!(copy, doc, "{field:?} of {}", doc.meta.title);
                assert_eq!(
                    field.prepare(&doc, &text).as_deref(),
                    Ok(text.as_str()),
                    "{field:?} of {}",
                    doc.meta.title
                );
            }
        }
    }

    #[test]
    fn table_cells_escape_pipes_backslashes_and_line_breaks() {
        let cells = ["a | b", "c\\d", "two\nlines"];
        let line = format_row(&cells);
        assert_eq!(line, "a \\| b | c\\\\d | two\\nlines");
        assert_eq!(parse_row(&line), cells);
        assert_eq!(format_row(&["x", "", ""]), "x");
    }

    #[test]
    fn tables_are_checked_and_canonicalised() {
        let doc = Postmortem::new(crate::model::Kind::Incident, "t");
        let sign = DocField::SignOff;
        assert_eq!(
            sign.prepare(&doc, "Author|Jane Doe|2026-02-06\n\n  Reviewed | |  "),
            Ok("Author | Jane Doe | 2026-02-06\nReviewed".to_string())
        );
        let err = sign
            .prepare(&doc, "Author | Jane | next week")
            .expect_err("refused");
        assert!(
            err.contains("line 1") && err.contains("YYYY-MM-DD"),
            "{err}"
        );
        let err = sign
            .prepare(&doc, "a | b | 2026-01-01 | d")
            .expect_err("refused");
        assert!(err.contains("at most 3"), "{err}");
        let err = DocField::FollowUp
            .prepare(&doc, " | 2026-01-01")
            .expect_err("refused");
        assert!(err.contains("what is missing"), "{err}");
        assert_eq!(
            DocField::Goals.prepare(&doc, "Ship v2 | by March | shipped April | Partially met"),
            Ok("Ship v2 | by March | shipped April | partially-met".to_string())
        );
    }

    #[test]
    fn a_standard_phase_appears_in_order_and_goes_when_emptied() {
        let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
        let cell = |slot| DocField::Response {
            slot,
            column: ResponseColumn::Worked,
        };
        cell(3).set(&mut doc, "rollback");
        cell(0).set(&mut doc, "alert fired");
        let phases: Vec<&str> = doc.response.iter().map(|p| p.phase.as_str()).collect();
        assert_eq!(phases, ["detection", "mitigation"]);
        assert_eq!(cell(3).get(&doc), "rollback");
        cell(3).set(&mut doc, "");
        assert_eq!(doc.response.len(), 1);
        assert_eq!(response_slots(&doc), 5);
    }

    #[test]
    fn custom_phases_take_the_slots_after_the_standard_ones() {
        let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
        doc.response.push(ResponsePhase {
            phase: "escalation".into(),
            happened: "paged the DB team".into(),
            ..ResponsePhase::default()
        });
        assert_eq!(response_slots(&doc), 6);
        assert_eq!(response_slot_of(&doc, "escalation"), Some(5));
        assert_eq!(response_slot_of(&doc, "Triage"), Some(1));
        let field = DocField::Response {
            slot: 5,
            column: ResponseColumn::Happened,
        };
        assert_eq!(field.get(&doc), "paged the DB team");
        assert_eq!(field.title(&doc), "Escalation · happened");
    }

    #[test]
    fn times_are_typed_in_the_display_zone_and_kept_exact() {
        let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
        doc.meta.timezone = "America/New_York".into();
        doc.meta.started =
            Some(chrono::DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("ts"));
        let started = DocField::Started;
        assert_eq!(started.edit_text(&doc), "2026-02-05 09:00");
        // Unchanged text is the same instant: no edit.
        assert_eq!(
            started.prepare(&doc, "2026-02-05 09:00"),
            Ok(started.get(&doc))
        );
        assert_eq!(
            DocField::Ended.prepare(&doc, "+2h").as_deref(),
            Ok("2026-02-05T11:00:00-05:00")
        );
        assert_eq!(
            DocField::Ended.prepare(&doc, "10:30").as_deref(),
            Ok("2026-02-05T10:30:00-05:00")
        );
        assert!(DocField::Ended.prepare(&doc, "soon").is_err());
        assert_eq!(DocField::Ended.prepare(&doc, " "), Ok(String::new()));
    }

    #[test]
    fn unmapped_parts_round_trip_exactly_as_text() {
        let parts = vec![
            crate::model::Unmapped {
                heading: "Customer quotes".into(),
                markdown: "> §3 of the contract\n\\escaped\n".into(),
            },
            crate::model::Unmapped {
                heading: String::new(),
                markdown: String::new(),
            },
        ];
        let text = unmapped_text(&parts);
        assert_eq!(parse_unmapped(&text), Ok(parts.clone()));
        let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
        doc.unmapped = parts;
        // Deleting a part's lines deletes the part.
        let first_only: String = text.split("\n§").next().expect("first").to_string();
        DocField::Unmapped.set(&mut doc, &first_only);
        assert_eq!(doc.unmapped.len(), 1);
        let err = DocField::Unmapped
            .prepare(&doc, "stray text\n§ Heading")
            .expect_err("text before any heading");
        assert!(err.contains("line 1"), "{err}");
        assert_eq!(DocField::Unmapped.prepare(&doc, "  \n"), Ok(String::new()));
    }

    #[test]
    fn settings_in_use_cannot_be_taken_away() {
        let doc = examples().remove(0);
        let err = DocField::Categories
            .prepare(&doc, "process\ntechnical")
            .expect_err("refused");
        assert!(err.contains("`human` is still used by F"), "{err}");
        let all = "process\ntechnical\nhuman\norganizational\nvendor";
        assert_eq!(DocField::Categories.prepare(&doc, all).as_deref(), Ok(all));
        let err = DocField::SeverityScale
            .prepare(&doc, "P1 | Urgent")
            .expect_err("refused");
        assert!(err.contains("`SEV-1` must stay"), "{err}");
        let err = DocField::Ended
            .prepare(&doc, "2000-01-01 00:00")
            .expect_err("refused");
        assert!(err.contains("before the start"), "{err}");
    }

    #[test]
    fn project_parts_come_and_go_with_their_content() {
        let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
        DocField::Team.set(&mut doc, "Ana — lead");
        assert_eq!(doc.project.as_ref().map(|p| p.team.len()), Some(1));
        DocField::Team.set(&mut doc, "");
        assert_eq!(doc.project, None);
    }
}
