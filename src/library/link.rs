//! `actions --link`: tickets and their statuses written back into the
//! postmortems from a CSV of `action,ticket[,status]`, so the files stay the
//! truth. Idempotent: a row that matches the file changes nothing. Each
//! changed file is rewritten once, under its write lock, through
//! `store::save`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;
use thiserror::Error;

use super::scan::Library;
use crate::model::ActionStatus;
use crate::store::{self, StoreError};

/// One row of a links file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    /// Line in the file (1-based).
    pub line: usize,
    /// `DOC#A1`: a document's id (or path relative to the library) and an
    /// action id.
    pub action: String,
    /// Ticket id or URL.
    pub ticket: String,
    /// The tracker's status, when given.
    pub status: Option<ActionStatus>,
}

/// A row that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[error("{file}:{line}: {message}")]
pub struct LinkError {
    /// The links file.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One change to one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkChange {
    /// The document's file.
    pub path: PathBuf,
    /// `DOC#A1`.
    pub action: String,
    /// The action's id in its document.
    #[serde(skip)]
    pub id: String,
    /// `ticket` or `status`.
    pub field: &'static str,
    /// The value before.
    pub from: String,
    /// The value written.
    pub to: String,
}

/// What `--link` did.
#[derive(Debug, Default)]
pub struct LinkOutcome {
    /// The changes written.
    pub changed: Vec<LinkChange>,
    /// Rows that matched the files already.
    pub unchanged: usize,
    /// Files that could not be written, with why.
    pub failed: Vec<StoreError>,
}

/// A tracker's word for a status: debrief's own names and labels, and the
/// usual ones of GitHub, Jira and Linear.
fn status_of(text: &str) -> Option<ActionStatus> {
    if let Some(s) = ActionStatus::parse(text) {
        return Some(s);
    }
    let key: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    Some(match key.as_str() {
        "todo" | "backlog" | "new" | "reopened" | "triage" | "selectedfordevelopment" => {
            ActionStatus::Open
        }
        "started" | "inreview" | "review" | "doing" | "active" => ActionStatus::InProgress,
        "closed" | "resolved" | "completed" | "complete" | "fixed" | "merged" | "finished" => {
            ActionStatus::Done
        }
        "canceled" | "cancelled" | "wontfix" | "notplanned" | "duplicate" | "declined" => {
            ActionStatus::WontDo
        }
        _ => return None,
    })
}

/// Reads a links file: `action,ticket[,status]` per line, an optional
/// header line (`action,…`), blank lines ignored. Bad rows are errors; the
/// good ones are still returned.
pub fn parse_links(file: &str, text: &str) -> (Vec<LinkRow>, Vec<LinkError>) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let error = |line: usize, message: String| LinkError {
            file: file.to_string(),
            line,
            message,
        };
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(n + 1, |p| p.line() as usize);
                errors.push(error(line, format!("not CSV: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(n + 1, |p| p.line() as usize);
        let cell = |i: usize| record.get(i).unwrap_or_default().to_string();
        let action = cell(0);
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        if n == 0 && action.eq_ignore_ascii_case("action") {
            continue;
        }
        if !action.contains('#') {
            errors.push(error(
                line,
                format!("`{action}`: expected an action as DOC#A1 (a postmortem id or path, `#`, an action id)"),
            ));
            continue;
        }
        let ticket = cell(1);
        if ticket.is_empty() {
            errors.push(error(
                line,
                format!("{action}: no ticket in the second column"),
            ));
            continue;
        }
        let status_text = cell(2);
        let status = if status_text.is_empty() {
            None
        } else {
            match status_of(&status_text) {
                Some(s) => Some(s),
                None => {
                    errors.push(error(
                        line,
                        format!(
                            "{action}: unknown status `{status_text}`: expected {} (or the tracker's open, closed, canceled…)",
                            ActionStatus::choices()
                        ),
                    ));
                    continue;
                }
            }
        };
        rows.push(LinkRow {
            line,
            action,
            ticket,
            status,
        });
    }
    (rows, errors)
}

/// The changes `rows` make to `library`, without writing anything: rows
/// naming no action (or an ambiguous document) are errors.
pub fn plan_links(
    library: &Library,
    file: &str,
    rows: &[LinkRow],
) -> (Vec<LinkChange>, usize, Vec<LinkError>) {
    let mut changes = Vec::new();
    let mut unchanged = 0;
    let mut errors = Vec::new();
    // Later rows win: a links file appended to over time ends current.
    let mut last: BTreeMap<&str, &LinkRow> = BTreeMap::new();
    for row in rows {
        last.insert(row.action.as_str(), row);
    }
    for row in rows {
        if !std::ptr::eq(last[row.action.as_str()], row) {
            continue;
        }
        let error = |message: String| LinkError {
            file: file.to_string(),
            line: row.line,
            message,
        };
        let Some((doc_key, id)) = row.action.rsplit_once('#') else {
            continue;
        };
        let docs: Vec<_> = library
            .entries
            .iter()
            .filter(|e| e.key() == doc_key || e.rel == doc_key)
            .collect();
        let entry = match docs.as_slice() {
            [one] => *one,
            [] => {
                errors.push(error(format!(
                    "{}: no postmortem `{doc_key}` in the library",
                    row.action
                )));
                continue;
            }
            _ => {
                errors.push(error(format!(
                    "{}: {} postmortems have the id `{doc_key}`: name the file instead (path#{id})",
                    row.action,
                    docs.len()
                )));
                continue;
            }
        };
        let Some(action) = entry.doc.action(id) else {
            errors.push(error(format!(
                "{}: {} has no action `{id}`",
                row.action, entry.rel
            )));
            continue;
        };
        let mut changed = false;
        let mut change = |field, from: String, to: String| {
            changed = true;
            changes.push(LinkChange {
                path: entry.path.clone(),
                action: row.action.clone(),
                id: id.to_string(),
                field,
                from,
                to,
            });
        };
        if action.ticket != row.ticket {
            change("ticket", action.ticket.clone(), row.ticket.clone());
        }
        if let Some(status) = row.status.filter(|s| *s != action.status) {
            change(
                "status",
                action.status.as_str().to_string(),
                status.as_str().to_string(),
            );
        }
        if !changed {
            unchanged += 1;
        }
    }
    (changes, unchanged, errors)
}

/// Writes `changes` into their files: each file under its write lock,
/// read again there (so an edit since the plan is kept), changed, saved.
pub fn apply_links(changes: Vec<LinkChange>, unchanged: usize) -> LinkOutcome {
    let mut by_file: BTreeMap<PathBuf, Vec<LinkChange>> = BTreeMap::new();
    for c in changes {
        by_file.entry(c.path.clone()).or_default().push(c);
    }
    let mut outcome = LinkOutcome {
        unchanged,
        ..LinkOutcome::default()
    };
    for (path, changes) in by_file {
        match write_one(&path, &changes) {
            Ok(done) => outcome.changed.extend(done),
            Err(e) => outcome.failed.push(e),
        }
    }
    outcome
}

fn write_one(
    path: &std::path::Path,
    changes: &[LinkChange],
) -> Result<Vec<LinkChange>, StoreError> {
    let _lock = store::for_writing(path, "actions --link")?;
    let mut doc = store::load(path)?.doc;
    let mut done = Vec::new();
    for c in changes {
        let Some(action) = doc.actions.iter_mut().find(|a| a.id == c.id) else {
            continue;
        };
        let mut c = c.clone();
        match c.field {
            "ticket" if action.ticket != c.to => {
                c.from = std::mem::replace(&mut action.ticket, c.to.clone());
            }
            "status" => {
                let Some(status) = ActionStatus::parse(&c.to).filter(|s| *s != action.status)
                else {
                    continue;
                };
                c.from = action.status.as_str().to_string();
                action.status = status;
            }
            _ => continue,
        }
        done.push(c);
    }
    if !done.is_empty() {
        store::save(&doc, path)?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_header_and_tracker_statuses() {
        let text = "action,ticket,status\nINC-1#A1,https://x/1,closed\n\nINC-1#A2, ENG-2 \nbad,1\nINC-1#A3,ENG-3,maybe\n";
        let (rows, errors) = parse_links("l.csv", text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].status, Some(ActionStatus::Done));
        assert_eq!(rows[1].ticket, "ENG-2");
        assert_eq!(rows[1].status, None);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [5, 6]);
    }
}
