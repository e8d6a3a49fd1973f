//! Popups: a layer on top that sees keys first (help, confirm, picker,
//! command line / search prompt, import preview).

mod confirm;
pub mod help;
mod import;
mod picker;
mod prompt;

pub use confirm::{AfterReplace, Confirm};
pub use import::{
    ImportField, ImportPreview, Outcome as ImportOutcome, Row as ImportRow,
    parse_args as parse_import_args,
};
pub use picker::{PickItem, PickPurpose, Picker, fuzzy_score};
pub use prompt::{Prompt, PromptKind};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::app::App;

/// The popup on top of the panes.
#[derive(Debug)]
pub enum Popup {
    /// Key bindings of the focused pane, scrolled to this row.
    Help(usize),
    /// A yes/no question.
    Confirm(Confirm),
    /// A fuzzy list to pick from.
    Picker(Picker),
    /// A one-line prompt at the bottom (`:` or `/`).
    Prompt(Box<Prompt>),
    /// The Markdown import report.
    Report,
    /// `:import`: candidates from evidence to keep, edit and accept.
    Import(Box<ImportPreview>),
}

/// Draws the popup, if any.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    match &app.popup {
        Some(Popup::Help(offset)) => help::render(app, *offset, area, buf),
        Some(Popup::Confirm(c)) => confirm::render(app, c, area, buf),
        Some(Popup::Picker(p)) => picker::render(app, p, area, buf),
        Some(Popup::Prompt(p)) => prompt::render(app, p, app.layout().status, buf),
        Some(Popup::Report) => crate::tui::import::render_report(app, area, buf),
        Some(Popup::Import(p)) => import::render(app, p, area, buf),
        None => {}
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
