//! `debrief DIR`: the library view. A table of the folder's postmortems
//! (date, id, title, severity, status, completeness, open and overdue
//! actions), narrowed by typing and sorted by column; Enter opens one in
//! the editor, and quitting the editor (or Esc) comes back here.
//!
//! `LibraryView` is the state and its keys (pure, tested without a
//! terminal), `view.rs` draws it, `run.rs` is its loop on the terminal.

mod run;
mod view;

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use run::run;
pub use view::draw;

use super::action::Action;
use super::keymap::Mode;
use crate::library::Row;

/// The keys of the library view.
pub const MODE: Mode = Mode {
    section: "library",
    title: "In the library view (`debrief DIR`; type to filter)",
    question: false,
};

/// The column the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    /// Incident day, newest first.
    Date,
    /// `meta.id` (or the file's path).
    Id,
    /// Severity, most severe first.
    Severity,
    /// Draft, in review, final.
    Status,
    /// Completeness score, lowest first (what needs work).
    Completeness,
    /// Overdue then open actions, most first.
    Actions,
    /// Title, alphabetically.
    Title,
}

impl SortBy {
    const ALL: [SortBy; 7] = [
        SortBy::Date,
        SortBy::Id,
        SortBy::Severity,
        SortBy::Status,
        SortBy::Completeness,
        SortBy::Actions,
        SortBy::Title,
    ];

    /// The column's name in the header.
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Date => "date",
            SortBy::Id => "id",
            SortBy::Severity => "severity",
            SortBy::Status => "status",
            SortBy::Completeness => "completeness",
            SortBy::Actions => "open actions",
            SortBy::Title => "title",
        }
    }

    fn next(self) -> SortBy {
        let i = SortBy::ALL.iter().position(|s| *s == self).unwrap_or(0);
        SortBy::ALL[(i + 1) % SortBy::ALL.len()]
    }

    /// The column's own order (before any reversal).
    fn compare(self, a: &Row, b: &Row) -> Ordering {
        match self {
            // Newest first, undated last.
            SortBy::Date => b
                .date
                .is_some()
                .cmp(&a.date.is_some())
                .then(b.date.cmp(&a.date)),
            SortBy::Id => a.key.cmp(&b.key),
            // Unset severities last; `SEV1` before `SEV2`.
            SortBy::Severity => a
                .severity
                .is_empty()
                .cmp(&b.severity.is_empty())
                .then_with(|| a.severity.cmp(&b.severity)),
            SortBy::Status => (a.status as u8).cmp(&(b.status as u8)),
            SortBy::Completeness => a.completeness.cmp(&b.completeness),
            SortBy::Actions => {
                (b.overdue_actions, b.open_actions).cmp(&(a.overdue_actions, a.open_actions))
            }
            SortBy::Title => a.title.to_lowercase().cmp(&b.title.to_lowercase()),
        }
    }
}

/// What a key asks of the loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Stay in the view.
    Stay,
    /// Open this document in the editor.
    Open(PathBuf),
    /// Leave debrief.
    Quit,
}

/// The library table: every row, and which of them show in what order.
#[derive(Debug, Clone)]
pub struct LibraryView {
    /// The folder.
    pub root: PathBuf,
    /// Every postmortem that loaded.
    pub rows: Vec<Row>,
    /// The files that did not load, each with its error (file, line, column).
    pub skipped: Vec<String>,
    /// What was typed: every word must appear in the row.
    pub filter: String,
    /// The sort column.
    pub sort: SortBy,
    /// Whether the column's order is reversed.
    pub reversed: bool,
    /// The selected row, an index into [`LibraryView::shown`].
    pub selected: usize,
    /// Rows per page, as last drawn.
    pub page: usize,
    shown: Vec<usize>,
}

impl LibraryView {
    /// The view of `rows`, sorted by date, nothing filtered.
    pub fn new(root: PathBuf, rows: Vec<Row>, skipped: Vec<String>) -> LibraryView {
        let mut view = LibraryView {
            root,
            rows,
            skipped,
            filter: String::new(),
            sort: SortBy::Date,
            reversed: false,
            selected: 0,
            page: 10,
            shown: Vec::new(),
        };
        view.refresh();
        view
    }

    /// The rows shown, in order, as indexes into `rows`.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// The selected row, if any row is shown.
    pub fn current(&self) -> Option<&Row> {
        self.shown.get(self.selected).map(|&i| &self.rows[i])
    }

    /// Takes over `earlier`'s filter, sort and selection (the view is
    /// built again after a document was edited).
    pub fn carry(&mut self, earlier: &LibraryView) {
        let selected = earlier.current().map(|r| r.path.clone());
        self.filter = earlier.filter.clone();
        self.sort = earlier.sort;
        self.reversed = earlier.reversed;
        self.refresh();
        if let Some(path) = selected {
            self.select_path(&path);
        }
    }

    /// Selects the row of `path`, when it is shown.
    pub fn select_path(&mut self, path: &Path) {
        if let Some(at) = self.shown.iter().position(|&i| self.rows[i].path == path) {
            self.selected = at;
        }
    }

    /// Filters and sorts again, keeping the selected document selected.
    fn refresh(&mut self) {
        let keep = self.current().map(|r| r.path.clone());
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let mut shown: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let hay = haystack(&self.rows[i]);
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect();
        let (sort, reversed, rows) = (self.sort, self.reversed, &self.rows);
        shown.sort_by(|&a, &b| {
            let order = sort
                .compare(&rows[a], &rows[b])
                .then_with(|| rows[a].key.cmp(&rows[b].key));
            if reversed { order.reverse() } else { order }
        });
        self.shown = shown;
        self.selected = 0;
        if let Some(path) = keep {
            self.select_path(&path);
        }
    }

    /// Answers a key: `action` is what the `library` key map section binds
    /// to it; other printable keys are typed into the filter.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent) -> Step {
        let last = self.shown.len().saturating_sub(1);
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::PageUp) => self.selected = self.selected.saturating_sub(self.page),
            Some(Action::PageDown) => self.selected = (self.selected + self.page).min(last),
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = last,
            Some(Action::Accept) => {
                if let Some(row) = self.current() {
                    return Step::Open(row.path.clone());
                }
            }
            Some(Action::SortNext) => {
                self.sort = self.sort.next();
                self.reversed = false;
                self.refresh();
            }
            Some(Action::SortReverse) => {
                self.reversed = !self.reversed;
                self.refresh();
            }
            Some(Action::Clear) => {
                self.filter.clear();
                self.refresh();
            }
            Some(Action::Close) if !self.filter.is_empty() => {
                self.filter.clear();
                self.refresh();
            }
            Some(Action::Close | Action::QuitNow) => return Step::Quit,
            _ => match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.filter.push(c);
                    self.refresh();
                }
                KeyCode::Backspace => {
                    self.filter.pop();
                    self.refresh();
                }
                _ => {}
            },
        }
        Step::Stay
    }
}

/// What the filter searches in a row, lower-cased.
fn haystack(row: &Row) -> String {
    format!(
        "{} {} {} {} {} {} {}",
        row.date.map(|d| d.to_string()).unwrap_or_default(),
        row.key,
        row.title,
        row.severity,
        row.status.as_str(),
        row.kind.as_str(),
        row.path.display()
    )
    .to_lowercase()
}
