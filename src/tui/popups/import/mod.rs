//! `:import PATH`: a preview of the events read from evidence. Each
//! candidate can be kept or dropped, its text or time edited, and the kept
//! ones accepted as one undoable step. Nothing touches the document here:
//! [`ImportPreview::accept`] only builds the [`Edit`] that `update` commits.
//! `draw.rs` draws it.

use std::path::{Path, PathBuf};

mod draw;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::Request;
use crate::import::timeline::{
    Candidate, Context, NoProgress, Options, Parsed, SkippedItem, SourceKind, key_mark_holders,
    known_hashes, parse_evidence,
};
use crate::model::edit::{Edit, Item};
use crate::model::parse_time;
use crate::model::{DisplayZone, IdKind, Mark, Postmortem, next_id};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::component::{Component, Hint, Input, Outcome};
use crate::tui::keymap::Mode;

/// One candidate and what the user decided about it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The event as it will be added (text and time may be edited).
    pub candidate: Candidate,
    /// Whether it will be added.
    pub keep: bool,
    /// Already in the timeline (same provenance hash), or read twice.
    pub known: bool,
    /// Key marks the row brings that the timeline (or an earlier row)
    /// already has, with the event that has each: left off unless
    /// `keep_marks`, so an import never silently moves an interval.
    pub taken: Vec<(Mark, String)>,
    /// Keep the row's marks even where the timeline has them.
    pub keep_marks: bool,
}

/// Which candidate field is being edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    /// What happened.
    Text,
    /// When, as typed in the display zone.
    Time,
}

/// The import preview popup.
#[derive(Debug)]
pub struct ImportPreview {
    /// The evidence file.
    pub path: PathBuf,
    /// Its format.
    pub kind: SourceKind,
    /// The candidates, in the order read.
    pub rows: Vec<Row>,
    /// The selected row.
    pub selected: usize,
    /// Lines or items that could not be read.
    pub unparseable: usize,
    /// Of those, times without a date (Markdown notes with no date).
    pub undated: usize,
    /// The first of them.
    pub examples: Vec<SkippedItem>,
    /// Events beyond the candidate cap, not shown.
    pub over_limit: usize,
    /// The field being edited, with its text and the last error.
    pub editing: Option<(ImportField, TextArea<'static>, Option<String>)>,
}

impl ImportPreview {
    /// Reads `path` into a preview for `doc`. Candidates already in the
    /// document (or repeated in the file) are shown as known and not kept.
    pub fn open(doc: &Postmortem, path: &Path, options: &Options) -> Result<Self, String> {
        let parsed = parse_evidence(path, options, &Context::of(doc), &NoProgress)
            .map_err(|e| e.to_string())?;
        Ok(Self::from_parsed(doc, parsed))
    }

    /// A preview of already parsed evidence.
    pub fn from_parsed(doc: &Postmortem, parsed: Parsed) -> Self {
        // One set instead of `is_known_in` per candidate: linear, not
        // candidates × events.
        let mut known = known_hashes(doc);
        // Who has each key mark so far: the timeline, then earlier rows.
        let mut holders = key_mark_holders(doc);
        let rows = parsed
            .candidates
            .into_iter()
            .enumerate()
            .map(|(n, candidate)| {
                let fresh = known.insert(candidate.provenance.hash.clone());
                let mut taken = Vec::new();
                for mark in candidate.marks.iter().filter(|m| m.is_key()) {
                    match holders.iter().find(|(m, _)| m == mark) {
                        Some((_, holder)) => taken.push((*mark, holder.clone())),
                        None if fresh => holders.push((*mark, format!("row {}", n + 1))),
                        None => {}
                    }
                }
                Row {
                    candidate,
                    keep: fresh,
                    known: !fresh,
                    taken,
                    keep_marks: false,
                }
            })
            .collect();
        ImportPreview {
            path: parsed.path,
            kind: parsed.kind,
            rows,
            selected: 0,
            unparseable: parsed.unparseable,
            undated: parsed.undated,
            examples: parsed.examples,
            over_limit: parsed.over_limit,
            editing: None,
        }
    }

    /// How many rows will be added.
    pub fn kept(&self) -> usize {
        self.rows.iter().filter(|r| r.keep).count()
    }

    /// How many rows are already in the document.
    pub fn known(&self) -> usize {
        self.rows.iter().filter(|r| r.known).count()
    }

    /// Handles a bound action (row keys); `zone` reads typed times.
    fn act(&mut self, action: Action, zone: &DisplayZone) -> Outcome {
        let last = self.rows.len().saturating_sub(1);
        let page = 10;
        match action {
            Action::Close => return Outcome::Then(Request::CancelImport),
            Action::Accept => return Outcome::StayThen(Request::AcceptImport),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(page),
            Action::PageDown => self.selected = (self.selected + page).min(last),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Toggle => {
                if let Some(row) = self.rows.get_mut(self.selected)
                    && !row.known
                {
                    row.keep = !row.keep;
                    self.selected = (self.selected + 1).min(last);
                }
            }
            Action::ToggleAll => {
                let keep = self.rows.iter().any(|r| !r.known && !r.keep);
                for row in self.rows.iter_mut().filter(|r| !r.known) {
                    row.keep = keep;
                }
            }
            Action::KeepMarks => {
                if let Some(row) = self.rows.get_mut(self.selected)
                    && !row.taken.is_empty()
                {
                    row.keep_marks = !row.keep_marks;
                }
            }
            Action::EditText => self.start_edit(ImportField::Text, zone),
            Action::EditTime => self.start_edit(ImportField::Time, zone),
            _ => {}
        }
        Outcome::Stay
    }

    fn start_edit(&mut self, field: ImportField, zone: &DisplayZone) {
        let Some(row) = self.rows.get(self.selected) else {
            return;
        };
        let text = match field {
            ImportField::Text => row.candidate.text.clone(),
            ImportField::Time => zone
                .local(&row.candidate.at)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string(),
        };
        let mut area = TextArea::new(vec![text]);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.editing = Some((field, area, None));
    }

    fn edit_key(&mut self, input: Input, zone: &DisplayZone) {
        let Some((field, area, error)) = self.editing.as_mut() else {
            return;
        };
        match input.action {
            Some(Action::Close) => self.editing = None,
            Some(Action::Accept) => {
                let text = area.lines().join(" ");
                let Some(row) = self.rows.get_mut(self.selected) else {
                    self.editing = None;
                    return;
                };
                match field {
                    ImportField::Text if text.trim().is_empty() => {
                        *error = Some("an event needs text".into());
                        return;
                    }
                    ImportField::Text => row.candidate.text = text,
                    ImportField::Time => match parse_time(&text, zone, row.candidate.at) {
                        Ok(at) => row.candidate.at = at,
                        Err(e) => {
                            *error = Some(e);
                            return;
                        }
                    },
                }
                self.editing = None;
            }
            Some(Action::Clear) => *area = TextArea::default(),
            _ => {
                area.input(input.key);
            }
        }
    }

    /// The edit adding the kept candidates, and their new ids in the order
    /// read: one [`Edit::Batch`] of inserts, each at its place in time
    /// (after events at the same time), so it is undone in one step.
    /// `None` when nothing is kept.
    pub fn accept(&self, doc: &Postmortem) -> Option<(Edit, Vec<String>)> {
        let mut id = doc.next_id(IdKind::Event);
        let mut added = Vec::new();
        let mut new_events = Vec::new();
        for row in self.rows.iter().filter(|r| r.keep && !r.known) {
            let following = next_id(IdKind::Event, [id.as_str()]);
            let current = std::mem::replace(&mut id, following);
            added.push(current.clone());
            let mut candidate = row.candidate.clone();
            if !row.keep_marks {
                candidate
                    .marks
                    .retain(|m| !row.taken.iter().any(|(t, _)| t == m));
            }
            new_events.push(candidate.into_event(current));
        }
        if new_events.is_empty() {
            return None;
        }
        new_events.sort_by_key(|e| e.at); // stable: equal times keep read order
        // Walk the timeline and the new events together; each insert goes
        // where it ends up, so earlier inserts have already shifted the rest.
        let mut edits = Vec::with_capacity(new_events.len());
        let mut existing = doc.timeline.iter().peekable();
        let mut index = 0;
        for event in new_events {
            while existing.next_if(|e| e.at <= event.at).is_some() {
                index += 1;
            }
            edits.push(Edit::Insert {
                index,
                item: Item::Event(event),
            });
            index += 1;
        }
        Some((Edit::Batch(edits), added))
    }
}

/// The keys of the import preview.
pub const MODE: Mode = Mode {
    section: "import",
    title: "In the :import preview",
    question: false,
};

/// The keys while a row of the preview is edited.
pub const EDIT_MODE: Mode = Mode {
    section: "import_edit",
    title: "Editing a row of the :import preview",
    question: false,
};

const MARKS_HINT: Hint = Hint::one(&[Action::KeepMarks], "keep marks");

const HINTS: &[Hint] = &[
    Hint::one(&[Action::Toggle], "keep/drop"),
    Hint::one(&[Action::ToggleAll], "all"),
    Hint::one(&[Action::EditText], "text"),
    Hint::one(&[Action::EditTime], "time"),
    Hint {
        actions: &[Action::Accept],
        label: "accept",
        keys: 2,
    },
    Hint::one(&[Action::Close], "cancel"),
];

impl Component for ImportPreview {
    fn mode(&self) -> Mode {
        if self.editing.is_some() {
            EDIT_MODE
        } else {
            MODE
        }
    }

    fn handle(&mut self, input: Input, app: &App) -> Outcome {
        let zone = app.doc.display_zone();
        if self.editing.is_some() {
            self.edit_key(input, &zone);
            return Outcome::Stay;
        }
        match input.action {
            Some(action) => self.act(action, &zone),
            None => Outcome::Stay,
        }
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        draw::render(app, self, area, buf);
    }

    fn hints(&self) -> &'static [Hint] {
        HINTS
    }
}
