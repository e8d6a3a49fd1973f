//! One line per postmortem: what the editor's library table shows.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::filter::doc_date;
use super::scan::{Entry, Library};
use crate::model::{ActionStatus, Kind, Status};

/// A postmortem as a row of the library table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The file.
    pub path: PathBuf,
    /// Its key in figures: `meta.id`, or the relative path.
    pub key: String,
    /// The incident's day (start in its zone), else the postmortem date.
    pub date: Option<NaiveDate>,
    /// The title.
    pub title: String,
    /// Incident, near miss or project.
    pub kind: Kind,
    /// Severity level, empty when unset.
    pub severity: String,
    /// Draft, in review or final.
    pub status: Status,
    /// The completeness score, 0–100.
    pub completeness: u8,
    /// Actions open or in progress.
    pub open_actions: usize,
    /// Of those, the ones past their due date.
    pub overdue_actions: usize,
}

impl Row {
    /// The row of one document; `today` decides what is overdue.
    pub fn of(entry: &Entry, today: NaiveDate) -> Row {
        let doc = &entry.doc;
        let open = doc
            .actions
            .iter()
            .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::InProgress));
        Row {
            path: entry.path.clone(),
            key: entry.key().to_string(),
            date: doc_date(doc),
            title: doc.meta.title.clone(),
            kind: doc.kind,
            severity: doc.meta.severity.clone(),
            status: doc.meta.status,
            completeness: crate::lint::completeness_score(doc).total,
            open_actions: open.clone().count(),
            overdue_actions: open.filter(|a| a.is_overdue(today)).count(),
        }
    }
}

/// The rows of the whole library, newest first (undated last), then by key.
pub fn rows(library: &Library, today: NaiveDate) -> Vec<Row> {
    let mut rows: Vec<Row> = library.entries.iter().map(|e| Row::of(e, today)).collect();
    rows.sort_by(|a, b| {
        b.date
            .is_some()
            .cmp(&a.date.is_some())
            .then(b.date.cmp(&a.date))
            .then(a.key.cmp(&b.key))
    });
    rows
}
