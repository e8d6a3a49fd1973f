//! Sections read from tables: impact, response, goals, actions, sign-off.

use std::ops::Range;

use crate::model::{
    ActionItem, ActionStatus, ActionType, Assessment, Goal, IdKind, ImpactRow, Priority,
    ResponsePhase, SignOff, Timeframe,
};

use super::blocks::{Block, BlockKind, Item, slice};
use super::text::{self, label_value, plain, unwrap_emphasis};
use super::{Chunk, Importer};

type Cells = Vec<String>;

fn cells(im: &Importer<'_>, ranges: &[Range<usize>]) -> Cells {
    ranges
        .iter()
        .map(|r| text::cell(slice(im.src, r)))
        .collect()
}

/// Impact rows: a Metric | Value table, `**Label:** value` bullets, prose.
pub(crate) fn impact<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::Table { head, rows: body } if head.len() == 2 => {
                let header = cells(im, head);
                let known = |h: &str| {
                    matches!(
                        plain(h).as_str(),
                        "metric" | "value" | "" | "impact" | "area" | "measure" | "details"
                    )
                };
                if !(known(&header[0]) && known(&header[1])) {
                    rows.push((unwrap_emphasis(&header[0]).to_string(), header[1].clone()));
                }
                for row in body {
                    let c = cells(im, row);
                    if c.len() >= 2 {
                        rows.push((unwrap_emphasis(&c[0]).to_string(), c[1].clone()));
                    }
                }
            }
            BlockKind::List { items } => {
                for item in items {
                    let t = item.text(im.src);
                    match label_value(&t, false) {
                        Some((label, value)) => rows.push((label, value)),
                        None => rows.push((String::new(), t)),
                    }
                }
            }
            BlockKind::Paragraph => {
                let raw = slice(im.src, &block.range).trim().to_string();
                match label_value(&raw, false).filter(|_| !raw.contains('\n')) {
                    Some((label, value)) => rows.push((label, value)),
                    None => rows.push((String::new(), raw)),
                }
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    let count = rows.len();
    for (label, value) in rows {
        let impact = &mut im.doc.impact;
        let field = match plain(&label).as_str() {
            "users affected" | "affected users" | "customers affected" | "users" | "customers" => {
                Some(&mut impact.users_affected)
            }
            "duration of user impact" | "duration" | "duration of impact" | "impact duration" => {
                Some(&mut impact.duration)
            }
            "requests failed" | "failed requests" | "errors" | "failed transactions" => {
                Some(&mut impact.requests_failed)
            }
            "revenue impact" | "revenue" | "revenue loss" | "financial impact" | "cost" => {
                Some(&mut impact.revenue)
            }
            "sla impact" | "sla" | "sla breach" | "slo impact" => Some(&mut impact.sla),
            "data loss" | "data impact" | "data" => Some(&mut impact.data_loss),
            "customer complaints" | "support tickets" | "complaints" => {
                Some(&mut impact.customer_complaints)
            }
            _ => None,
        };
        match field {
            Some(field)
                if field.is_empty() && !value.trim().is_empty() && is_canonical_label(&label) =>
            {
                *field = value;
            }
            Some(field) if field.is_empty() && !value.trim().is_empty() => {
                // Kept under the author's own label so its words stay.
                let _ = field;
                im.doc.impact.extra.push(ImpactRow {
                    metric: label,
                    value,
                });
            }
            _ => im.doc.impact.extra.push(ImpactRow {
                metric: label,
                value,
            }),
        }
    }
    if count > 0 {
        im.report.mapped(chunk, "impact", count);
    }
    rest
}

/// Whether an impact label is the export's own (so it maps to its field
/// without losing the author's words).
fn is_canonical_label(label: &str) -> bool {
    let key = plain(label);
    [
        "users affected",
        "duration of user impact",
        "requests failed",
        "revenue impact",
        "sla impact",
        "data loss",
        "customer complaints",
        "duration",
        "revenue",
        "sla",
    ]
    .contains(&key.as_str())
}

/// The export's derived "Key intervals" table is skipped; anything else kept.
pub(crate) fn key_intervals<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    chunk
        .blocks
        .iter()
        .filter(|b| match &b.kind {
            BlockKind::Table { head, .. } => {
                let h: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
                h != ["interval", "duration", "from", "to"]
            }
            _ => true,
        })
        .collect()
}

/// Detection and response: Phase | What happened | What worked | What didn't.
pub(crate) fn response<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        let BlockKind::Table { head, rows } = &block.kind else {
            if !matches!(block.kind, BlockKind::Rule) {
                rest.push(block);
            }
            continue;
        };
        let header: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
        let find = |f: &dyn Fn(&str) -> bool| header.iter().position(|h| f(h));
        let phase = find(&|h| h.starts_with("phase") || h == "stage");
        let happened = find(&|h| h.contains("happened") || h == "what" || h == "description");
        let didnt = find(&|h| {
            h.contains("didn")
                || h.contains("did not")
                || h.contains("not work")
                || h.contains("improve")
                || h.contains("better")
                || h.contains("went wrong")
                || h.contains("poorly")
        });
        let worked = find(&|h| {
            (h.contains("worked") || h.contains("went well"))
                && !h.contains("didn")
                && !h.contains("not")
        });
        let Some(phase) = phase else {
            rest.push(block);
            continue;
        };
        let titles = cells(im, head);
        let used = [Some(phase), happened, worked, didnt];
        for row in rows {
            let c = cells(im, row);
            let get = |i: Option<usize>| i.and_then(|i| c.get(i)).cloned().unwrap_or_default();
            let mut happened_text = get(happened);
            // Columns with no field of their own are kept in "happened".
            for (i, value) in c.iter().enumerate() {
                if !used.contains(&Some(i)) && !value.trim().is_empty() {
                    let title = titles.get(i).map(String::as_str).unwrap_or("Note");
                    super::append(&mut happened_text, &format!("*{title}:* {value}"));
                }
            }
            im.doc.response.push(ResponsePhase {
                phase: get(Some(phase)).to_lowercase(),
                happened: happened_text,
                worked: get(worked),
                did_not_work: get(didnt),
            });
        }
        im.report.mapped(chunk, "response", rows.len());
    }
    rest
}

/// A prose section named after a response phase ("## Detection").
pub(crate) fn response_phase<'c>(
    im: &mut Importer<'_>,
    chunk: &'c Chunk,
    phase: &str,
) -> Vec<&'c Block> {
    let all: Vec<&Block> = chunk.blocks.iter().collect();
    let text = im.body(&all);
    if text.is_empty() {
        return Vec::new();
    }
    match im.doc.response.iter_mut().find(|r| r.phase == phase) {
        Some(row) => super::append(&mut row.happened, &text),
        None => im.doc.response.push(ResponsePhase {
            phase: phase.to_string(),
            happened: text,
            ..ResponsePhase::default()
        }),
    }
    im.report.mapped(chunk, "response", 1);
    Vec::new()
}

/// "What worked / what didn't": a two-column table or two lists.
pub(crate) fn worked_didnt<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::Table { head, rows } if head.len() == 2 => {
                let header: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
                let didnt_first = header[0].contains("didn") || header[0].contains("not");
                for row in rows {
                    let c = cells(im, row);
                    let (good, bad) = if didnt_first { (1, 0) } else { (0, 1) };
                    if let Some(v) = c.get(good).filter(|v| !v.trim().is_empty()) {
                        im.doc.review.went_well.push(v.clone());
                    }
                    if let Some(v) = c.get(bad).filter(|v| !v.trim().is_empty()) {
                        im.doc.review.went_poorly.push(v.clone());
                    }
                }
                im.report
                    .mapped(chunk, "review.went_well + went_poorly", rows.len());
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    rest
}

/// Goals vs outcomes.
pub(crate) fn goals<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        let BlockKind::Table { head, rows } = &block.kind else {
            if !matches!(block.kind, BlockKind::Rule) {
                rest.push(block);
            }
            continue;
        };
        let header: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.iter().any(|n| h.starts_with(n)))
        };
        let Some(goal_col) = find(&["goal", "objective"]) else {
            rest.push(block);
            continue;
        };
        let target = find(&["target", "success", "criteria", "planned", "expected"]);
        let actual = find(&["actual", "outcome", "result", "delivered"]);
        let assessment = find(&["assessment", "status", "met", "rating"]);
        for row in rows {
            let c = cells(im, row);
            let get = |i: Option<usize>| i.and_then(|i| c.get(i)).cloned().unwrap_or_default();
            let raw = get(assessment);
            let parsed = match plain(&raw).as_str() {
                "met" | "yes" | "achieved" => Some(Assessment::Met),
                "partially met" | "partial" | "partly met" | "partially" => {
                    Some(Assessment::PartiallyMet)
                }
                "not met" | "no" | "missed" | "not achieved" => Some(Assessment::NotMet),
                _ => None,
            };
            let mut actual_text = get(actual);
            if parsed.is_none() && !raw.trim().is_empty() {
                actual_text.push_str(&format!("\n*Assessment:* {raw}"));
            }
            im.project_goal(Goal {
                goal: get(Some(goal_col)),
                target: get(target),
                actual: actual_text.trim().to_string(),
                assessment: parsed,
            });
        }
        im.report.mapped(chunk, "project.goals", rows.len());
    }
    rest
}

impl Importer<'_> {
    fn project_goal(&mut self, goal: Goal) {
        self.project = true;
        self.doc
            .project
            .get_or_insert_with(Default::default)
            .goals
            .push(goal);
    }
}

/// Sign-off: Role | Name | Date.
pub(crate) fn sign_off<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        let BlockKind::Table { head, rows } = &block.kind else {
            if !matches!(block.kind, BlockKind::Rule) {
                rest.push(block);
            }
            continue;
        };
        let header: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
        let find = |n: &str| header.iter().position(|h| h.starts_with(n));
        let (role, name, date) = (find("role"), find("name"), find("date"));
        if role.is_none() {
            rest.push(block);
            continue;
        }
        for row in rows {
            let c = cells(im, row);
            let get = |i: Option<usize>| i.and_then(|i| c.get(i)).cloned().unwrap_or_default();
            let raw_date = get(date);
            let parsed = text::whole_date(&raw_date, None);
            let mut name_text = get(name);
            if parsed.is_none() && !raw_date.trim().is_empty() {
                name_text.push_str(&format!(" ({raw_date})"));
            }
            im.doc.sign_off.push(SignOff {
                role: get(role),
                name: name_text,
                date: parsed,
                fingerprint: String::new(),
            });
        }
        im.report.mapped(chunk, "sign_off", rows.len());
    }
    rest
}

/// What an action table column holds.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Col {
    Id,
    Action,
    Owner,
    Due,
    Status,
    Priority,
    Type,
    Ticket,
    Timeframe,
    Addresses,
    Other,
}

fn action_column(header: &str) -> Col {
    let key = plain(header);
    match key.as_str() {
        "id" | "ref" | "no" | "number" | "key" => Col::Id,
        "action" | "action item" | "actions" | "item" | "task" | "description" | "what"
        | "title" | "remediation" | "follow up" | "todo" | "to do" => Col::Action,
        "owner" | "owners" | "assignee" | "assigned to" | "who" | "responsible" | "team"
        | "dri" | "verantwortlich" | "zuständig" | "responsable" | "propriétaire" | "porteur" => {
            Col::Owner
        }
        "maßnahme" | "massnahme" | "aufgabe" | "acción" | "accion" | "tarea" | "tâche" => {
            Col::Action
        }
        "fällig" | "fällig am" | "frist" | "termin" | "échéance" | "fecha límite"
        | "fecha limite" | "vencimiento" => Col::Due,
        "estado" | "statut" => Col::Status,
        "due" | "due date" | "deadline" | "date" | "target" | "target date" | "eta" | "when"
        | "by" => Col::Due,
        "status" | "state" | "done" | "progress" | "complete" | "completed" => Col::Status,
        "priority" | "prio" | "p" | "severity" | "urgency" => Col::Priority,
        "type" | "kind" | "category" | "action type" => Col::Type,
        "ticket" | "issue" | "jira" | "link" | "tracking" | "tracker" | "pr" | "bug"
        | "reference" => Col::Ticket,
        "timeframe" | "horizon" | "term" | "time frame" => Col::Timeframe,
        "addresses" | "factors" | "fixes" | "related" | "links to" => Col::Addresses,
        _ if key.starts_with("action") => Col::Action,
        _ if key.starts_with("due") => Col::Due,
        _ if key.is_empty() => Col::Status,
        _ => Col::Other,
    }
}

/// Whether a table's header names an action and its owner or due date.
pub(crate) fn is_action_table(im: &Importer<'_>, head: &[Range<usize>]) -> bool {
    let columns: Vec<Col> = cells(im, head).iter().map(|h| action_column(h)).collect();
    let has = |c: Col| columns.contains(&c);
    has(Col::Action) && (has(Col::Owner) || has(Col::Due))
}

/// Action items from tables, task lists and plain lists.
pub(crate) fn actions<'c>(
    im: &mut Importer<'_>,
    chunk: &'c Chunk,
    timeframe: Option<Timeframe>,
) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::Table { head, rows } => {
                if action_table(im, head, rows, timeframe) {
                    im.report.mapped(chunk, "actions", rows.len());
                } else {
                    rest.push(block);
                }
            }
            BlockKind::List { items } => {
                for item in items {
                    list_action(im, item, timeframe);
                }
                im.report.mapped(chunk, "actions", items.len());
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    rest
}

fn action_table(
    im: &mut Importer<'_>,
    head: &[Range<usize>],
    rows: &[Vec<Range<usize>>],
    timeframe: Option<Timeframe>,
) -> bool {
    if rows.is_empty() {
        return false;
    }
    let headers = cells(im, head);
    let mut columns: Vec<Col> = headers.iter().map(|h| action_column(h)).collect();
    if headers.iter().all(|h| h.trim().is_empty()) {
        // No headers: each column by what its first row holds.
        let first = cells(im, &rows[0]);
        let year = im.date.map(|d| chrono::Datelike::year(&d));
        for (i, column) in columns.iter_mut().enumerate() {
            let value = first.get(i).map(|v| v.trim()).unwrap_or_default();
            *column = if i == 0 {
                Col::Action
            } else if value.starts_with('@') {
                Col::Owner
            } else if text::whole_date(value, year).is_some() {
                Col::Due
            } else if is_ticket(value) {
                Col::Ticket
            } else {
                Col::Other
            };
        }
    }
    if !columns.contains(&Col::Action) {
        match columns.iter().position(|c| *c == Col::Other) {
            Some(i) => columns[i] = Col::Action,
            None => return false,
        }
    }
    let blank = |row: &Vec<Range<usize>>| cells(im, row).iter().all(|v| v.trim().is_empty());
    if rows.iter().all(blank) {
        // A template's empty table: kept as written.
        return false;
    }
    for row in rows {
        let c = cells(im, row);
        if c.iter().all(|v| v.trim().is_empty()) {
            // A template's blank row.
            continue;
        }
        let mut action = ActionItem::new("", "");
        let mut notes = Vec::new();
        let mut foreign_id = None;
        action.timeframe = timeframe;
        for (i, col) in columns.iter().enumerate() {
            let Some(value) = c.get(i) else { continue };
            let value = value.trim();
            if value.is_empty() || value == "-" {
                continue;
            }
            let header = headers.get(i).map(String::as_str).unwrap_or_default();
            match col {
                Col::Id => foreign_id = Some(unwrap_emphasis(value).to_string()),
                Col::Action => {
                    let (title, note) = match value.find("\n*Notes:*") {
                        Some(at) => (&value[..at], Some(value[at + "\n*Notes:*".len()..].trim())),
                        None => (value, None),
                    };
                    action.title = title.trim().to_string();
                    if let Some(note) = note {
                        action.notes = note.to_string();
                    }
                }
                Col::Owner => action.owner = value.to_string(),
                Col::Due => {
                    match text::whole_date(value, im.date.map(|d| chrono::Datelike::year(&d))) {
                        Some(date) => action.due = Some(date),
                        None => notes.push(format!("{header}: {value}")),
                    }
                }
                Col::Status => {
                    let (status, exact) = status(value);
                    action.status = status;
                    if !exact {
                        notes.push(format!("{header}: {value}"));
                    }
                }
                Col::Priority => match priority(value) {
                    Some((p, exact)) => {
                        action.priority = Some(p);
                        if !exact {
                            notes.push(format!("{header}: {value}"));
                        }
                    }
                    None => notes.push(format!("{header}: {value}")),
                },
                Col::Type => match ActionType::ALL
                    .iter()
                    .find(|t| plain(value) == t.as_str() || plain(value) == plain(t.label()))
                {
                    Some(t) => action.kind = Some(*t),
                    None => notes.push(format!("{header}: {value}")),
                },
                Col::Ticket => {
                    // Google's template marks status in the bug column.
                    let mut value = value.to_string();
                    for (mark, status) in [
                        ("**DONE**", ActionStatus::Done),
                        ("**TODO**", ActionStatus::Open),
                    ] {
                        if value.contains(mark) {
                            action.status = status;
                            notes.push(format!("Status: {}", mark.trim_matches('*')));
                            value = value.replace(mark, "").trim().to_string();
                        }
                    }
                    action.ticket = value;
                }
                Col::Timeframe => match Timeframe::ALL
                    .iter()
                    .find(|t| plain(value) == plain(t.label()))
                {
                    Some(t) => action.timeframe = Some(*t),
                    None => notes.push(format!("{header}: {value}")),
                },
                Col::Addresses => {
                    for id in text::split_list(value) {
                        if id.starts_with('W') {
                            action.whys.push(id);
                        } else {
                            action.factors.push(id);
                        }
                    }
                }
                Col::Other => notes.push(format!("{header}: {value}")),
            }
        }
        action.id = own_id(im, foreign_id.as_deref(), &mut action, &mut notes);
        for note in notes {
            super::append(&mut action.notes, &note);
        }
        im.doc.actions.push(action);
    }
    true
}

/// The action's id: the export's `A3` as is; `3` becomes `A3`; other ids
/// (`AI-001`) get a new id and are kept as the ticket or in the notes.
fn own_id(
    im: &Importer<'_>,
    foreign: Option<&str>,
    action: &mut ActionItem,
    notes: &mut Vec<String>,
) -> String {
    if let Some(foreign) = foreign {
        let candidate = if foreign.starts_with('A') && foreign[1..].parse::<u64>().is_ok() {
            Some(foreign.to_string())
        } else if foreign.parse::<u64>().is_ok() {
            Some(format!("A{}", foreign.trim_start_matches('0')))
        } else {
            None
        };
        if let Some(id) = candidate.filter(|id| id != "A" && im.doc.action(id).is_none()) {
            return id;
        }
        if action.ticket.is_empty() {
            action.ticket = foreign.to_string();
        } else {
            notes.push(format!("ID: {foreign}"));
        }
    }
    im.doc.next_id(IdKind::Action)
}

/// A status cell: checkbox, emoji or words; `exact` when nothing else was said.
fn status(value: &str) -> (ActionStatus, bool) {
    let v = value.trim();
    let key = plain(v);
    if v == "[x]" || v == "[X]" {
        return (ActionStatus::Done, true);
    }
    if v == "[ ]" {
        return (ActionStatus::Open, true);
    }
    let status = if v.contains('✅')
        || v.contains("✔")
        || key.starts_with("done")
        || key.starts_with("complete")
        || key.starts_with("closed")
        || key.starts_with("fixed")
        || key.starts_with("resolved")
        || v.starts_with("[x]")
    {
        ActionStatus::Done
    } else if v.contains('🔄')
        || v.contains('🚧')
        || key.starts_with("in progress")
        || key.starts_with("wip")
        || key.starts_with("ongoing")
        || key.starts_with("started")
        || key.starts_with("doing")
    {
        ActionStatus::InProgress
    } else if v.contains('❌')
        || key.starts_with("won t")
        || key.starts_with("wont")
        || key.starts_with("cancel")
        || key.starts_with("dropped")
        || key.starts_with("rejected")
    {
        ActionStatus::WontDo
    } else {
        ActionStatus::Open
    };
    let exact = ActionStatus::ALL
        .iter()
        .any(|s| key == plain(s.label()) || key == s.as_str())
        || (key.is_empty() && v.chars().count() <= 2);
    (status, exact)
}

fn priority(value: &str) -> Option<(Priority, bool)> {
    let key = plain(value);
    if let Some(p) = Priority::ALL
        .iter()
        .find(|p| key == p.as_str().to_lowercase())
    {
        return Some((*p, true));
    }
    let p = match key.split(' ').next().unwrap_or_default() {
        "p0" | "critical" | "urgent" | "highest" | "blocker" => Priority::P0,
        "p1" | "high" => Priority::P1,
        "p2" | "medium" | "med" | "normal" | "moderate" => Priority::P2,
        "p3" | "low" | "lowest" | "minor" => Priority::P3,
        _ => return None,
    };
    Some((p, false))
}

/// Whether a word is a ticket: `ABC-123`, `#123`, a URL, `[ABC-1](url)`.
fn is_ticket(word: &str) -> bool {
    let word = word.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | ',' | ';'));
    let key = word.split(['|', ']']).next().unwrap_or(word);
    let jira = key.split_once('-').is_some_and(|(p, n)| {
        p.len() >= 2
            && p.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && p.starts_with(|c: char| c.is_ascii_uppercase())
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
    });
    let number = key
        .strip_prefix('#')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    jira || number || word.starts_with("https://") || word.starts_with("http://")
}

/// Reads one ` — ` part of an action line into its field; false when it is
/// none (owner, due date, ticket or status).
fn action_part(im: &Importer<'_>, action: &mut ActionItem, part: &str) -> bool {
    let bare = part.trim().trim_end_matches('.');
    if bare.is_empty() {
        return false;
    }
    let year = im.date.map(|d| chrono::Datelike::year(&d));
    let due_text = bare
        .strip_prefix("due ")
        .or_else(|| bare.strip_prefix("Due "))
        .or_else(|| bare.strip_prefix("by "))
        .unwrap_or(bare);
    if action.due.is_none()
        && let Some(date) = text::whole_date(due_text, year)
    {
        action.due = Some(date);
        return true;
    }
    if action.ticket.is_empty() && !bare.contains(' ') && is_ticket(bare) {
        action.ticket = bare.to_string();
        return true;
    }
    if action.owner.is_empty() && bare.starts_with('@') && !bare.contains(' ') {
        action.owner = bare.to_string();
        return true;
    }
    let status_word = matches!(
        plain(bare).as_str(),
        "done"
            | "closed"
            | "open"
            | "in progress"
            | "todo"
            | "to do"
            | "fixed"
            | "resolved"
            | "complete"
            | "completed"
            | "wip"
    ) || ["✅", "✔", "🔄", "❌"].contains(&bare);
    if status_word {
        action.status = status(bare).0;
        return true;
    }
    // A name or a team: a few capitalized words.
    let words: Vec<&str> = bare.split_whitespace().collect();
    if action.owner.is_empty()
        && (1..=3).contains(&words.len())
        && words[0].starts_with(|c: char| c.is_uppercase())
        && !bare.contains(['(', ':', '/'])
    {
        action.owner = bare.to_string();
        return true;
    }
    false
}

/// `- [ ] Fix it (@alice, due 2026-02-10)`, `- Fix it — owner: SRE`.
fn list_action(im: &mut Importer<'_>, item: &Item, timeframe: Option<Timeframe>) {
    let mut title = item.text(im.src);
    for sub in item.sublists() {
        title.push('\n');
        title.push_str(&super::blocks::dedent(slice(im.src, &sub.range)));
    }
    let id = im.doc.next_id(IdKind::Action);
    let mut action = ActionItem::new(id, title.trim().to_string());
    action.timeframe = timeframe;
    action.status = match item.task {
        Some(true) => ActionStatus::Done,
        _ => ActionStatus::Open,
    };
    // "Fix it — @sre — due 2024-03-29 — PAY-883": the parts after the
    // title, each read by its shape; what no field takes stays in the title.
    let parts: Vec<&str> = title.split(" — ").map(str::trim).collect();
    if parts.len() > 1 && !title.contains('\n') {
        let mut kept = vec![parts[0].to_string()];
        for part in &parts[1..] {
            if !action_part(im, &mut action, part) {
                kept.push(part.to_string());
            }
        }
        title = kept.join(" — ");
        action.title = title.clone();
    }
    if action.ticket.is_empty()
        && let Some(ticket) = title.split_whitespace().next().filter(|t| is_ticket(t))
    {
        action.ticket = ticket.to_string();
    }
    // An @handle names the owner.
    if let Some(at) = title.find('@') {
        let handle: String = title[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '@' | '-' | '_' | '.'))
            .collect();
        let handle = handle.trim_end_matches('.').to_string();
        let before = title[..at].chars().next_back();
        if handle.len() > 1 && before.is_none_or(|c| !c.is_alphanumeric()) {
            action.owner = handle;
        }
    }
    if action.owner.is_empty() {
        for part in title.split([',', '(', ')', '—', '|', ';']) {
            if let Some((label, value)) = label_value(part.trim(), true)
                && matches!(plain(&label).as_str(), "owner" | "assignee" | "assigned to")
            {
                action.owner = value.trim().to_string();
            }
        }
    }
    if let Some(date) = text::find_date(&title, None) {
        action.due = Some(date);
    }
    im.doc.actions.push(action);
}
