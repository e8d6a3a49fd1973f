//! The field editor: a text box over the selected row, for one field of a
//! list item or of the document. It only edits its own text; applying it
//! (checked, as one undo step) is `update`'s job.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use ratatui_textarea::TextArea;

use super::{AfterField, Request};
use crate::tui::action::Action;
use crate::tui::app::{App, Pane, Target};
use crate::tui::component::{Component, Hint, Input, Outcome, hint_line};
use crate::tui::keymap::Mode;
use crate::tui::panes;

/// A field being edited in place.
#[derive(Debug)]
pub struct FieldEditor {
    /// Where the text goes.
    pub target: Target,
    /// The text being typed.
    pub textarea: TextArea<'static>,
    /// Why the last attempt to apply it failed (shown beside the field).
    pub error: Option<String>,
    /// Whether Enter adds a line.
    pub multiline: bool,
    /// Set when leaving failed on an invalid value: leaving again discards.
    pub discard_armed: bool,
}

/// What is appended to an error when leaving again discards the text.
pub const DISCARD_NOTE: &str = "(esc again discards)";

impl FieldEditor {
    /// An editor on `target` holding `text`, the cursor at its end.
    pub fn new(target: Target, text: &str, multiline: bool) -> FieldEditor {
        let mut textarea = TextArea::new(text.lines().map(String::from).collect());
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        textarea.set_cursor_line_style(ratatui::style::Style::default());
        FieldEditor {
            target,
            textarea,
            error: None,
            multiline,
            discard_armed: false,
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    fn typed(&mut self) {
        self.error = None;
        self.discard_armed = false;
    }
}

/// The keys of a one-line field.
pub const FIELD: Mode = Mode {
    section: "field",
    title: "In a one-line field",
    question: false,
};

/// The keys of a multi-line field.
pub const PROSE: Mode = Mode {
    section: "prose",
    title: "In a multi-line field",
    question: false,
};

const PROSE_HINTS: &[Hint] = &[
    Hint::one(&[Action::Finish, Action::Leave], "done"),
    Hint::one(&[Action::NewLine], "new line"),
    Hint::one(&[Action::NextField], "next"),
];

const FIELD_HINTS: &[Hint] = &[
    Hint::one(&[Action::Finish, Action::Leave], "done"),
    Hint::one(&[Action::NextField], "next field"),
];

impl Component for FieldEditor {
    fn mode(&self) -> Mode {
        if self.multiline { PROSE } else { FIELD }
    }

    fn handle(&mut self, input: Input, _app: &App) -> Outcome {
        let apply = |then| Outcome::StayThen(Request::ApplyField(then));
        match input.action {
            Some(Action::Finish) => apply(AfterField::Close),
            Some(Action::Leave) if self.discard_armed => Outcome::StayThen(Request::DiscardField),
            Some(Action::Leave) => apply(AfterField::Leave),
            Some(Action::NextField) => apply(AfterField::Next),
            Some(Action::PrevField) => apply(AfterField::Prev),
            // Clears the field, as Ctrl-U in a shell (the text box's own
            // undo stays on its other keys).
            Some(Action::Clear) => {
                self.textarea.select_all();
                self.textarea.cut();
                self.typed();
                Outcome::Stay
            }
            Some(Action::NewLine) => {
                self.textarea.insert_newline();
                self.typed();
                Outcome::Stay
            }
            _ => {
                if self.textarea.input(input.key) {
                    self.typed();
                }
                Outcome::Stay
            }
        }
    }

    /// Drawn over the selected row of the focused pane.
    fn draw(&self, app: &App, _area: Rect, buf: &mut Buffer) {
        let layout = app.layout();
        let area = layout
            .area(app.focus)
            .or_else(|| layout.panes.first().map(|(_, r)| *r))
            .unwrap_or(layout.header);
        let height: u16 = if self.multiline { 8 } else { 3 };
        let (line, _) = panes::selected_line(app, app.focus);
        let rows = panes::content_rows(app, app.focus, &layout);
        let offset = panes::offset_for(app, app.focus, rows);
        let extra = u16::from(app.focus == Pane::Timeline);
        let row_y = area.y + 1 + extra + line.saturating_sub(offset) as u16;
        let y = row_y.min(area.bottom().saturating_sub(height)).max(area.y);
        let rect = Rect::new(area.x, y, area.width, height.min(area.height));
        Clear.render(rect, buf);
        let label = match &self.target {
            Target::Doc(field) => crate::tui::panes::field_title(*field, &app.doc),
            Target::Item { id, field, .. } => format!("{id} {}", field.label()),
        };
        let keys = hint_line(&app.keymap, self.mode(), self.hints(), ": ", " · ");
        let mut block = Block::bordered()
            .title(Line::from(Span::styled(
                format!(" {label} "),
                app.theme.title,
            )))
            .title(Line::from(Span::styled(format!(" {keys} "), app.theme.muted)).right_aligned())
            .border_style(app.theme.border_focused);
        if let Some(error) = &self.error {
            let shown = if self.discard_armed {
                format!(" {error} {DISCARD_NOTE} ")
            } else {
                format!(" {error} ")
            };
            block = block.title_bottom(Line::from(Span::styled(shown, app.theme.error)));
        }
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.height > 0 && inner.width > 0 {
            self.textarea.render(inner, buf);
        }
    }

    fn hints(&self) -> &'static [Hint] {
        if self.multiline {
            PROSE_HINTS
        } else {
            FIELD_HINTS
        }
    }
}
