//! Popups: a layer on top that sees keys first (help, questions, pickers,
//! the command line / search prompt, the import preview and report) and
//! the field editor. Each is a [`Component`]; `update` opens them, passes
//! them keys and carries out what they ask.

mod confirm;
pub mod editor;
pub mod help;
mod import;
mod picker;
mod prompt;
mod related;
mod report;
pub mod summary;

pub use confirm::{AfterReplace, Confirm};
pub use editor::FieldEditor;
pub use help::{HelpPage, HelpRow};
pub use import::{ImportField, ImportPreview, Row as ImportRow};
pub use picker::{PickItem, PickPurpose, Picker, fuzzy_score};
pub use prompt::{Prompt, PromptKind};
pub use related::{RelatedRow, RelatedView};
pub use report::ReportView;
pub use summary::MeetingSummary;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::component::Component;
use super::keymap::Mode;

/// Every mode with keys of its own, in the order help and docs list them.
pub const MODES: &[Mode] = &[
    editor::FIELD,
    editor::PROSE,
    prompt::MODE,
    picker::MODE,
    help::MODE,
    import::MODE,
    import::EDIT_MODE,
    report::MODE,
    confirm::CONFIRM,
    confirm::LOCKED,
    confirm::RECOVER,
    confirm::CHANGED,
    confirm::CONFLICT,
    super::meeting::panel::MODE,
    summary::MODE,
    related::MODE,
    super::library::MODE,
];

/// What a component asks the editor to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Run a `:` command line.
    Command(String),
    /// Search the document.
    Search(String),
    /// Save an imported document to this file.
    SaveAs(String),
    /// Toggle the choice with this key in the open picker.
    Pick(String),
    /// A question was answered with this action.
    Answer(Confirm, Action),
    /// Add the kept rows of the open import preview.
    AcceptImport,
    /// The import preview was closed without importing.
    CancelImport,
    /// The Markdown import report was closed.
    ReportClosed,
    /// Apply the field editor's text, then do `then`.
    ApplyField(AfterField),
    /// Add what was typed to the meeting (parking lot, attendance, notes).
    Meeting(MeetingEntry, String),
    /// Resolve parking-lot point N: as a new action (true) or dropped.
    ResolveParked(usize, bool),
    /// Add this line to the appendix's related incidents.
    AddRelated(String),
    /// Suppress the selected finding for this reason.
    Suppress(String),
    /// Run `:import ARGS` again with this incident date (`--date`).
    ImportDate {
        /// The `:import` arguments that found times without a date.
        args: String,
        /// The date as typed.
        date: String,
    },
}

/// Which list of the meeting a prompt adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingEntry {
    /// An off-topic point.
    Park,
    /// An attendee, `role: name`.
    Attend,
    /// A note stamped with the time.
    Note,
}

/// What follows applying a field's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterField {
    /// Close the editor.
    Close,
    /// Close the editor; an invalid value is kept as a draft.
    Leave,
    /// Edit the next field.
    Next,
    /// Edit the previous field.
    Prev,
}

/// The popup on top of the panes.
#[derive(Debug)]
pub enum Popup {
    /// The key bindings and `:` commands.
    Help(HelpPage),
    /// A question.
    Confirm(Confirm),
    /// A fuzzy list to pick from.
    Picker(Picker),
    /// A one-line prompt at the bottom (`:` or `/`).
    Prompt(Box<Prompt>),
    /// The Markdown import report.
    Report(ReportView),
    /// `:import`: candidates from evidence to keep, edit and accept.
    Import(Box<ImportPreview>),
    /// The meeting's closing summary.
    Summary(MeetingSummary),
    /// Similar postmortems of the same folder.
    Related(Box<RelatedView>),
}

impl Popup {
    /// The popup as a component.
    pub fn component(&self) -> &dyn Component {
        match self {
            Popup::Help(p) => p,
            Popup::Confirm(p) => p,
            Popup::Picker(p) => p,
            Popup::Prompt(p) => p.as_ref(),
            Popup::Report(p) => p,
            Popup::Import(p) => p.as_ref(),
            Popup::Summary(p) => p,
            Popup::Related(p) => p.as_ref(),
        }
    }

    /// The popup as a component, to pass it a key.
    pub fn component_mut(&mut self) -> &mut dyn Component {
        match self {
            Popup::Help(p) => p,
            Popup::Confirm(p) => p,
            Popup::Picker(p) => p,
            Popup::Prompt(p) => p.as_mut(),
            Popup::Report(p) => p,
            Popup::Import(p) => p.as_mut(),
            Popup::Summary(p) => p,
            Popup::Related(p) => p.as_mut(),
        }
    }
}

/// Draws the field editor and the popup, if any.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if let Some(editor) = &app.editor {
        editor.draw(app, area, buf);
    }
    if let Some(popup) = &app.popup {
        popup.component().draw(app, area, buf);
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
