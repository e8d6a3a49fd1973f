//! `:import PATH`: a preview of the events read from evidence. Each
//! candidate can be kept or dropped, its text or time edited, and the kept
//! ones accepted as one undoable step. Nothing touches the document here:
//! [`ImportPreview::accept`] only builds the [`Edit`] that `update` commits.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use ratatui_textarea::TextArea;

use super::Request;
use super::centered;
use crate::import::timeline::{
    Candidate, Context, NoProgress, Options, Parsed, SkippedItem, SourceKind, parse_evidence,
};
use crate::model::edit::{Edit, Item};
use crate::model::parse_time;
use crate::model::{DisplayZone, IdKind, Mark, Postmortem, next_id};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::component::{Component, Hint, Input, Outcome, hint_line};
use crate::tui::keymap::Mode;
use crate::tui::panes::{fit, put_line};

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
        let mut known: HashSet<String> = doc
            .timeline
            .iter()
            .filter_map(|e| e.provenance.as_ref().map(|p| p.hash.clone()))
            .collect();
        // Who has each key mark so far: the timeline, then earlier rows.
        let mut holders: Vec<(Mark, String)> = Mark::ALL
            .into_iter()
            .filter(|m| m.is_key())
            .filter_map(|m| {
                doc.timeline
                    .iter()
                    .find(|e| e.has(m))
                    .map(|e| (m, e.id.clone()))
            })
            .collect();
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
        render(app, self, area, buf);
    }

    fn hints(&self) -> &'static [Hint] {
        HINTS
    }
}

/// Draws the preview over `area`.
fn render(app: &App, preview: &ImportPreview, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let rect = centered(area, 110, area.height.saturating_sub(2).max(8));
    Clear.render(rect, buf);
    let title = format!(
        " Import {} ({}) — {} of {} kept ",
        preview.path.display(),
        preview.kind,
        preview.kept(),
        preview.rows.len()
    );
    let block = Block::bordered()
        .title(Line::from(Span::styled(
            fit(&title, rect.width.saturating_sub(4) as usize),
            theme.title,
        )))
        .title_bottom(Line::from(Span::styled(
            format!(" {} ", hint_line(&app.keymap, MODE, HINTS, " ", " · ")),
            theme.muted,
        )))
        .border_style(theme.border_focused)
        .style(theme.base);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 3 {
        return;
    }
    let footer = footer_lines(app, preview, inner.width as usize);
    let footer_rows = footer.len().min(inner.height as usize / 3);
    let list_rows = inner.height as usize - footer_rows;
    let zone = app.doc.display_zone();
    let show_date = preview
        .rows
        .first()
        .zip(preview.rows.last())
        .is_some_and(|(a, b)| {
            zone.local(&a.candidate.at).date() != zone.local(&b.candidate.at).date()
        });
    let width = inner.width as usize;
    let side = if width >= 90 { 14 } else { 0 };
    let clock_width = if show_date { 15 } else { 9 };
    let text_width = width
        .saturating_sub(2 + 4 + clock_width + 3 + if side > 0 { 2 * (side + 1) } else { 0 })
        .max(8);
    let offset = crate::tui::layout::scrolled(0, preview.selected, list_rows, preview.rows.len());
    if preview.rows.is_empty() {
        put_line(
            buf,
            inner,
            inner.y,
            &Line::from(Span::styled(" no events found in this file", theme.muted)),
            theme.base,
        );
    }
    for (i, row) in preview.rows.iter().enumerate().skip(offset).take(list_rows) {
        let selected = i == preview.selected;
        let style = if selected {
            theme.selected
        } else if row.known {
            theme.muted
        } else {
            theme.base
        };
        let check = match (row.known, row.keep) {
            (true, _) => "[=] ",
            (false, true) => "[x] ",
            (false, false) => "[ ] ",
        };
        let c = &row.candidate;
        let local = zone.local(&c.at);
        let clock = if show_date {
            local.format("%m-%d %H:%M:%S").to_string()
        } else {
            local.format("%H:%M:%S").to_string()
        };
        let glyphs: String = c.marks.iter().map(|m| m.glyph()).take(2).collect();
        let taken: Vec<String> = row
            .taken
            .iter()
            .map(|(m, holder)| format!("{} on {holder}", m.glyph()))
            .collect();
        let text = match (row.known, taken.is_empty(), row.keep_marks) {
            (true, _, _) => format!("(known) {}", c.text),
            (false, true, _) => c.text.clone(),
            (false, false, false) => {
                format!("(mark already {}: left off) {}", taken.join(", "), c.text)
            }
            (false, false, true) => format!("(mark kept, also {}) {}", taken.join(", "), c.text),
        };
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, style),
            Span::styled(check, style),
            Span::styled(
                format!("{:<clock_width$}", clock),
                if selected {
                    style
                } else {
                    theme.time.patch(style)
                },
            ),
            Span::styled(
                format!("{glyphs:<3}"),
                if selected { style } else { theme.mark },
            ),
            Span::styled(format!("{:<text_width$}", fit(&text, text_width)), style),
        ];
        if side > 0 {
            spans.push(Span::styled(
                format!(" {:<side$}", fit(&c.source, side)),
                if selected { style } else { theme.muted },
            ));
            spans.push(Span::styled(
                format!(" {:<side$}", fit(&c.actor, side)),
                if selected { style } else { theme.muted },
            ));
        }
        let y = inner.y + (i - offset) as u16;
        put_line(buf, inner, y, &Line::from(spans), style);
    }
    for (k, line) in footer.iter().take(footer_rows).enumerate() {
        let y = inner.y + (list_rows + k) as u16;
        put_line(buf, inner, y, line, theme.base);
    }
    if let Some((field, textarea, error)) = &preview.editing {
        let y = inner.y + (preview.selected - offset).min(list_rows.saturating_sub(1)) as u16;
        let label = match field {
            ImportField::Text => " text: ",
            ImportField::Time => " time: ",
        };
        let edit_area = Rect::new(inner.x, y, inner.width, 1);
        Clear.render(edit_area, buf);
        buf.set_string(inner.x, y, label, theme.mark);
        let w = label.chars().count() as u16;
        textarea.render(
            Rect::new(inner.x + w, y, inner.width.saturating_sub(w), 1),
            buf,
        );
        if let Some(error) = error
            && y + 1 < inner.bottom()
        {
            let line = Line::from(Span::styled(format!(" {error}"), theme.error));
            put_line(buf, inner, y + 1, &line, theme.base);
        }
    }
}

/// The summary under the list: counts, then the first unreadable lines.
fn footer_lines(app: &App, preview: &ImportPreview, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut counts = format!(
        " {} events · {} kept · {} already in the timeline · {} unparseable",
        preview.rows.len(),
        preview.kept(),
        preview.known(),
        preview.unparseable
    );
    if preview.over_limit > 0 {
        counts.push_str(&format!(
            " · {} over the limit (narrow with the CLI's --since/--until)",
            preview.over_limit
        ));
    }
    let mut out = vec![Line::from(Span::styled(fit(&counts, width), theme.muted))];
    let taken = preview.rows.iter().filter(|r| !r.taken.is_empty()).count();
    if taken > 0 {
        let key = crate::tui::component::hint_keys(&app.keymap, MODE, &MARKS_HINT);
        out.push(Line::from(Span::styled(
            fit(
                &format!(
                    "  {taken} row(s) bring key marks the timeline already has: added without them ({key} keeps a row's marks)"
                ),
                width,
            ),
            theme.warning,
        )));
    }
    for example in &preview.examples {
        out.push(Line::from(Span::styled(
            fit(
                &format!(
                    "  {}: {} — {}",
                    example.location, example.reason, example.text
                ),
                width,
            ),
            theme.warning,
        )));
    }
    out
}
