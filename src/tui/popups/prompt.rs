//! The one-line prompt on the status bar: `:` commands and `/` search.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::tui::app::App;

/// Which prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:` command line.
    Command,
    /// `/` search.
    Search,
    /// Where to save a document that has no file yet.
    SaveAs,
}

/// A prompt being typed.
#[derive(Debug)]
pub struct Prompt {
    /// Which prompt.
    pub kind: PromptKind,
    /// The text.
    pub input: TextArea<'static>,
}

impl Prompt {
    /// An empty prompt.
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            input: TextArea::default(),
        }
    }

    /// The typed text.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

pub(super) fn render(app: &App, prompt: &Prompt, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let lead = match prompt.kind {
        PromptKind::Command => ":",
        PromptKind::Search => "/",
        PromptKind::SaveAs => "save as: ",
    };
    let [lead_area, input_area] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Length(lead.len() as u16),
        ratatui::layout::Constraint::Fill(1),
    ])
    .areas(area);
    Paragraph::new(Line::from(Span::styled(lead, app.theme.mark))).render(lead_area, buf);
    prompt.input.render(input_area, buf);
}
