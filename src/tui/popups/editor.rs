//! The field editor: a text box for one field of a list item or of the
//! document, over the selected row — as wide as the screen and as tall as
//! the text when the text is long, wrapped at words. It edits its own text
//! and lints it as it changes (underlined, listed under the text); applying
//! it (checked, as one undo step) is `update`'s job.
//!
//! One rule for every field: Enter applies the text and leaves, Alt-Enter
//! starts a new line where a field has lines, Tab / Shift-Tab apply and move
//! to the next / previous field, Esc leaves (an invalid value stays as a
//! draft the status line names; Esc again discards it).

use std::time::Instant;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use ratatui_textarea::{TextArea, WrapMode};

use super::{AfterField, Request};
use crate::lint::Finding;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane, Target};
use crate::tui::component::{Component, Hint, Input, Outcome, hint_line};
use crate::tui::findings::{CHECK_AT_ONCE, glyph, severity_style, typed_findings};
use crate::tui::keymap::Mode;
use crate::tui::panes::{self, fit, wrap};

/// A field being edited in place.
#[derive(Debug)]
pub struct FieldEditor {
    /// Where the text goes.
    pub target: Target,
    /// The text being typed.
    pub textarea: TextArea<'static>,
    /// Why the last attempt to apply it failed (shown under the text).
    pub error: Option<String>,
    /// Whether the field holds several lines (Alt-Enter adds one).
    pub multiline: bool,
    /// What the linter finds in the text as typed.
    pub findings: Vec<Finding>,
    /// When the text changed and was not linted yet (long texts are linted
    /// when typing pauses).
    pub unchecked_since: Option<Instant>,
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
    Hint::one(&[Action::Finish], "done"),
    Hint::one(&[Action::NewLine], "new line"),
    Hint::one(&[Action::NextField], "next field"),
    Hint::one(&[Action::Leave], "leave"),
];

const FIELD_HINTS: &[Hint] = &[
    Hint::one(&[Action::Finish], "done"),
    Hint::one(&[Action::NextField], "next field"),
    Hint::one(&[Action::Leave], "leave"),
];

/// The most lines of findings listed under the text.
const FINDING_LINES: usize = 3;

impl FieldEditor {
    /// An editor on `target` holding `text`, the cursor at its end.
    pub fn new(target: Target, text: &str, multiline: bool) -> FieldEditor {
        let mut textarea = TextArea::new(text.lines().map(String::from).collect());
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        textarea.set_cursor_line_style(Style::default());
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        FieldEditor {
            target,
            textarea,
            error: None,
            multiline,
            findings: Vec::new(),
            unchecked_since: None,
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Lints the text as it is now and underlines what was found.
    pub fn check(&mut self, app: &App) {
        self.findings = typed_findings(app, &self.target, &self.text());
        self.unchecked_since = None;
        let excerpts: Vec<String> = self
            .findings
            .iter()
            .filter_map(|f| f.excerpt.as_deref())
            .filter(|e| !e.is_empty())
            .map(regex::escape)
            .collect();
        // The text box underlines its search matches: the findings' words.
        let _ = self.textarea.set_search_pattern(excerpts.join("|"));
        let worst = self.findings.iter().map(|f| f.severity).max();
        if let Some(severity) = worst {
            self.textarea
                .set_search_style(severity_style(app, severity).add_modifier(Modifier::UNDERLINED));
        }
    }

    /// The text changed: lint it now, or when typing pauses if it is long.
    fn changed(&mut self, app: &App) {
        self.error = None;
        if self.textarea.lines().iter().map(String::len).sum::<usize>() <= CHECK_AT_ONCE {
            self.check(app);
        } else {
            self.unchecked_since.get_or_insert_with(Instant::now);
        }
    }

    /// Lines under the text: the error, then the findings, wrapped.
    fn notes(&self, app: &App, width: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if let Some(error) = &self.error {
            for l in wrap(error, width) {
                lines.push(Line::from(Span::styled(l, app.theme.error)));
            }
        }
        for f in self.findings.iter().take(FINDING_LINES) {
            let excerpt = f.excerpt.as_deref().unwrap_or("");
            let text = format!("{} `{excerpt}`: {}", glyph(f.severity), f.message);
            lines.push(Line::from(Span::styled(
                fit(&text, width),
                severity_style(app, f.severity),
            )));
        }
        if self.findings.len() > FINDING_LINES {
            lines.push(Line::from(Span::styled(
                format!("… {} more", self.findings.len() - FINDING_LINES),
                app.theme.muted,
            )));
        }
        lines
    }

    /// Where the box goes: over the selected row of the focused pane, the
    /// pane's width; the whole width of the screen when the text is long.
    fn rect(&self, app: &App) -> (Rect, Vec<Line<'static>>, u16) {
        let layout = app.layout();
        let body = Rect::new(
            0,
            layout.tabs.bottom(),
            layout.status.width,
            layout.status.y.saturating_sub(layout.tabs.bottom()),
        );
        let pane = layout.area(app.focus).unwrap_or(body);
        let text = self.text();
        let long = wrap(&text, pane.width.saturating_sub(2) as usize).len() > 2 || pane.width < 60;
        let (x, width) = if long {
            (body.x, body.width)
        } else {
            (pane.x, pane.width)
        };
        let inner = width.saturating_sub(2) as usize;
        let notes = self.notes(app, inner);
        let min_text = if self.multiline { 4 } else { 1 };
        let text_rows = (wrap(&text, inner).len() as u16).max(min_text);
        let height = (text_rows + notes.len() as u16 + 2).min(body.height);
        let text_rows = text_rows.min(height.saturating_sub(2 + notes.len() as u16).max(1));
        let (line, _) = panes::selected_line(app, app.focus);
        let rows = panes::content_rows(app, app.focus, &layout);
        let offset = panes::offset_for(app, app.focus, rows);
        let extra = u16::from(app.focus == Pane::Timeline);
        let row_y = pane.y + 1 + extra + line.saturating_sub(offset) as u16;
        let y = row_y.min(body.bottom().saturating_sub(height)).max(body.y);
        (Rect::new(x, y, width, height), notes, text_rows)
    }
}

impl Component for FieldEditor {
    fn mode(&self) -> Mode {
        if self.multiline { PROSE } else { FIELD }
    }

    fn handle(&mut self, input: Input, app: &App) -> Outcome {
        let apply = |then| Outcome::StayThen(Request::ApplyField(then));
        match input.action {
            Some(Action::Finish) => apply(AfterField::Close),
            Some(Action::Leave) => apply(AfterField::Leave),
            Some(Action::NextField) => apply(AfterField::Next),
            Some(Action::PrevField) => apply(AfterField::Prev),
            // Clears the field, as Ctrl-U in a shell (the text box's own
            // undo stays on its other keys).
            Some(Action::Clear) => {
                self.textarea.select_all();
                self.textarea.cut();
                self.changed(app);
                Outcome::Stay
            }
            Some(Action::NewLine) => {
                self.textarea.insert_newline();
                self.changed(app);
                Outcome::Stay
            }
            _ => {
                if self.textarea.input(input.key) {
                    self.changed(app);
                }
                Outcome::Stay
            }
        }
    }

    fn draw(&self, app: &App, _area: Rect, buf: &mut Buffer) {
        let (rect, notes, text_rows) = self.rect(app);
        Clear.render(rect, buf);
        let label = self.target.name(&app.doc);
        let room = rect.width.saturating_sub(4) as usize;
        let keys = hint_line(&app.keymap, self.mode(), self.hints(), " ", " · ");
        let block = Block::bordered()
            .title(Line::from(Span::styled(
                format!(" {} ", fit(&label, room)),
                app.theme.title,
            )))
            .title_bottom(
                Line::from(Span::styled(
                    format!(" {} ", fit(&keys, room)),
                    app.theme.muted,
                ))
                .right_aligned(),
            )
            .border_style(app.theme.border_focused)
            .style(app.theme.base);
        let inner = block.inner(rect);
        block.render(rect, buf);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let text_area = Rect::new(inner.x, inner.y, inner.width, text_rows.min(inner.height));
        self.textarea.render(text_area, buf);
        for (k, line) in notes.iter().enumerate() {
            let y = text_area.bottom() + k as u16;
            if y >= inner.bottom() {
                break;
            }
            buf.set_line(inner.x, y, line, inner.width);
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
