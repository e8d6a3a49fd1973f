//! Every action item of the library as one list: sorted by due date, each
//! with its postmortem and what it addresses; and the check CI runs (no
//! P0/P1 action overdue or without an owner).

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::filter::Filter;
use super::scan::{Entry, Library};
use crate::model::{ActionItem, ActionStatus, ActionType, Priority};

/// Which statuses `actions --status` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Exactly this status.
    Is(ActionStatus),
    /// Open or in progress: not finished either way.
    Pending,
}

impl StatusFilter {
    /// Whether `status` is kept.
    pub fn keeps(self, status: ActionStatus) -> bool {
        match self {
            StatusFilter::Is(s) => s == status,
            StatusFilter::Pending => {
                matches!(status, ActionStatus::Open | ActionStatus::InProgress)
            }
        }
    }
}

/// Which actions to list.
#[derive(Debug, Clone, Default)]
pub struct ActionQuery {
    /// The documents whose actions count.
    pub filter: Filter,
    /// Owner containing this text (case-insensitive; a leading `@` is ignored).
    pub owner: Option<String>,
    /// Only this status.
    pub status: Option<StatusFilter>,
    /// Only actions open or in progress past their due date.
    pub overdue: bool,
}

/// A contributing factor or why an action addresses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Addressed {
    /// Its id (`F2`, `W5`).
    pub id: String,
    /// Its category (factors only).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// Its text.
    pub text: String,
}

/// One action item with its postmortem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRow {
    /// `DOC#A1`: the document's key and the action's id.
    pub key: String,
    /// The document's key.
    pub doc: String,
    /// The document's title.
    pub doc_title: String,
    /// The file, relative to the library.
    pub path: String,
    /// The file as found (for writing back and positions).
    #[serde(skip)]
    pub file: PathBuf,
    /// The action's index in the document's list.
    #[serde(skip)]
    pub index: usize,
    /// The action's id.
    pub id: String,
    /// What will be done.
    pub title: String,
    /// Prevent, detect, mitigate or process.
    #[serde(rename = "type")]
    pub kind: Option<ActionType>,
    /// P0–P3.
    pub priority: Option<Priority>,
    /// Who owns it.
    pub owner: String,
    /// When it is due.
    pub due: Option<NaiveDate>,
    /// Its status.
    pub status: ActionStatus,
    /// Open or in progress past its due date.
    pub overdue: bool,
    /// The tracker ticket, when linked.
    pub ticket: String,
    /// The factors and whys it addresses.
    pub addresses: Vec<Addressed>,
}

impl ActionRow {
    fn of(entry: &Entry, index: usize, a: &ActionItem, today: NaiveDate) -> ActionRow {
        let doc = &entry.doc;
        let mut addresses: Vec<Addressed> = a
            .factors
            .iter()
            .map(|id| Addressed {
                id: id.clone(),
                category: doc
                    .factor(id)
                    .map(|f| f.category.clone())
                    .unwrap_or_default(),
                text: doc.factor(id).map(|f| f.text.clone()).unwrap_or_default(),
            })
            .collect();
        addresses.extend(a.whys.iter().map(|id| Addressed {
            id: id.clone(),
            category: String::new(),
            text: doc.whys.get(id).map(|w| w.text.clone()).unwrap_or_default(),
        }));
        ActionRow {
            key: format!("{}#{}", entry.key(), a.id),
            doc: entry.key().to_string(),
            doc_title: doc.meta.title.clone(),
            path: entry.rel.clone(),
            file: entry.path.clone(),
            index,
            id: a.id.clone(),
            title: a.title.clone(),
            kind: a.kind,
            priority: a.priority,
            owner: a.owner.clone(),
            due: a.due,
            status: a.status,
            overdue: a.is_overdue(today),
            ticket: a.ticket.clone(),
            addresses,
        }
    }

    /// Open or in progress.
    pub fn is_pending(&self) -> bool {
        matches!(self.status, ActionStatus::Open | ActionStatus::InProgress)
    }
}

fn owner_matches(owner: &str, want: &str) -> bool {
    let norm = |s: &str| s.trim().trim_start_matches('@').to_lowercase();
    let want = norm(want);
    !want.is_empty() && norm(owner).contains(&want)
}

/// The actions of the selected documents that `query` keeps, by due date
/// (undated last), then by document and id.
pub fn actions(library: &Library, query: &ActionQuery, today: NaiveDate) -> Vec<ActionRow> {
    let mut rows: Vec<ActionRow> = library
        .entries
        .iter()
        .filter(|e| query.filter.matches(&e.doc))
        .flat_map(|e| {
            e.doc
                .actions
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    query
                        .owner
                        .as_deref()
                        .is_none_or(|o| owner_matches(&a.owner, o))
                })
                .filter(|(_, a)| query.status.is_none_or(|s| s.keeps(a.status)))
                .filter(|(_, a)| !query.overdue || a.is_overdue(today))
                .map(move |(i, a)| ActionRow::of(e, i, a, today))
        })
        .collect();
    rows.sort_by(|a, b| {
        a.due
            .is_none()
            .cmp(&b.due.is_none())
            .then(a.due.cmp(&b.due))
            .then_with(|| a.doc.cmp(&b.doc))
            .then_with(|| id_order(&a.id).cmp(&id_order(&b.id)))
    });
    rows
}

/// `A10` after `A9`: ids by their number.
fn id_order(id: &str) -> (u64, &str) {
    let digits: String = id.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits.parse().unwrap_or(u64::MAX), id)
}

/// Why an action fails the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckReason {
    /// Past its due date and not finished.
    Overdue,
    /// Not finished and nobody owns it.
    Unowned,
}

/// A P0/P1 action that fails the check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckFinding {
    /// The action.
    pub action: ActionRow,
    /// Why.
    pub reason: CheckReason,
    /// What to say about it.
    pub message: String,
}

/// The P0 and P1 actions among `rows` that are overdue or unowned (an
/// action both is reported twice, once per reason).
pub fn check(rows: &[ActionRow], today: NaiveDate) -> Vec<CheckFinding> {
    let mut out = Vec::new();
    for row in rows {
        let urgent = matches!(row.priority, Some(Priority::P0 | Priority::P1));
        if !urgent || !row.is_pending() {
            continue;
        }
        let priority = row.priority.map_or("", |p| p.as_str());
        if let Some(due) = row.due.filter(|_| row.overdue) {
            let days = (today - due).num_days();
            out.push(CheckFinding {
                action: row.clone(),
                reason: CheckReason::Overdue,
                message: format!(
                    "{priority} action {} is overdue: due {due} ({days} day{} ago), still {}: {}",
                    row.key,
                    if days == 1 { "" } else { "s" },
                    row.status.as_str(),
                    row.title
                ),
            });
        }
        if row.owner.trim().is_empty() {
            out.push(CheckFinding {
                action: row.clone(),
                reason: CheckReason::Unowned,
                message: format!("{priority} action {} has no owner: {}", row.key, row.title),
            });
        }
    }
    out
}
