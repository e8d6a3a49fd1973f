//! Action items from tables, task lists and plain lists: owner, due date,
//! ticket and status taken apart.

use std::ops::Range;

use crate::model::{ActionItem, ActionStatus, ActionType, IdKind, Priority, Timeframe};

use super::blocks::{Block, BlockKind, Item, slice};
use super::tables::cells;
use super::text::{self, label_value, plain, unwrap_emphasis};
use super::{Chunk, Importer};

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

/// The `[headings]` column key of a column the export prints.
fn column_key(col: Col) -> Option<&'static str> {
    Some(match col {
        Col::Id => "id",
        Col::Action => "action",
        Col::Owner => "owner",
        Col::Due => "due",
        Col::Status => "status",
        Col::Priority => "priority",
        Col::Type => "type",
        Col::Ticket => "ticket",
        Col::Timeframe => "timeframe",
        Col::Addresses => "addresses",
        Col::Other => return None,
    })
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
    for (col, header) in columns.iter().zip(&headers) {
        if let Some(key) = column_key(*col) {
            super::wording::column(im, "actions", key, header);
        }
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
