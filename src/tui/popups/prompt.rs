//! The one-line prompt on the status bar: `:` commands, `/` search and
//! "save as".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use ratatui_textarea::{CursorMove, TextArea};

use super::Request;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::component::{Component, Hint, Input, Outcome};
use crate::tui::keymap::Mode;

/// The keys of the prompts.
pub const MODE: Mode = Mode {
    section: "prompt",
    title: "In the command line, search and save-as prompts",
    question: false,
};

/// Which prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `:` command line.
    Command,
    /// `/` search.
    Search,
    /// Where to save a document that has no file yet.
    SaveAs,
    /// A line for the meeting: a parked point, an attendee, a note.
    Meeting(super::MeetingEntry),
    /// Why the selected finding is accepted (`g s`).
    Suppress,
    /// The incident date for an `:import` whose times have none.
    ImportDate,
}

/// A prompt being typed.
#[derive(Debug)]
pub struct Prompt {
    /// Which prompt.
    pub kind: PromptKind,
    /// The text.
    pub input: TextArea<'static>,
    /// What the answer is for: the `:import` arguments of an
    /// [`PromptKind::ImportDate`] prompt.
    pub args: String,
}

impl Prompt {
    /// An empty prompt.
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            input: TextArea::default(),
            args: String::new(),
        }
    }

    /// Asks for the incident date of `:import ARGS`, whose times have none.
    pub fn import_date(args: &str) -> Prompt {
        Prompt {
            args: args.to_string(),
            ..Prompt::new(PromptKind::ImportDate)
        }
    }

    /// A prompt holding `text`, the cursor at its end.
    pub fn with_text(kind: PromptKind, text: &str) -> Prompt {
        let mut input = TextArea::new(vec![text.to_string()]);
        input.move_cursor(CursorMove::End);
        input.set_cursor_line_style(ratatui::style::Style::default());
        Prompt {
            kind,
            input,
            args: String::new(),
        }
    }

    /// The typed text.
    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

impl Component for Prompt {
    fn mode(&self) -> Mode {
        MODE
    }

    fn handle(&mut self, input: Input, _app: &App) -> Outcome {
        match input.action {
            Some(Action::Close) => Outcome::Close,
            Some(Action::Accept) => {
                let text = self.text();
                Outcome::Then(match self.kind {
                    PromptKind::Command => Request::Command(text.trim().to_string()),
                    PromptKind::Search => Request::Search(text),
                    PromptKind::SaveAs => Request::SaveAs(text),
                    PromptKind::Meeting(entry) => Request::Meeting(entry, text),
                    PromptKind::Suppress => Request::Suppress(text),
                    PromptKind::ImportDate => Request::ImportDate {
                        args: self.args.clone(),
                        date: text.trim().to_string(),
                    },
                })
            }
            Some(Action::Clear) => {
                self.input.select_all();
                self.input.cut();
                Outcome::Stay
            }
            _ => {
                self.input.input(input.key);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, app: &App, _area: Rect, buf: &mut Buffer) {
        let area = app.layout().status;
        Clear.render(area, buf);
        let suppress;
        let lead = match self.kind {
            PromptKind::Suppress => {
                suppress = crate::tui::findings::suppress_target(app).map_or_else(
                    || "accept the finding because: ".to_string(),
                    |f| match f.excerpt {
                        Some(text) => format!("accept {} `{text}` because: ", f.rule),
                        None => format!("accept {} because: ", f.rule),
                    },
                );
                suppress.as_str()
            }
            PromptKind::ImportDate => "no date in the notes: incident date (YYYY-MM-DD): ",
            PromptKind::Command => ":",
            PromptKind::Search => "/",
            PromptKind::SaveAs => "save as: ",
            PromptKind::Meeting(super::MeetingEntry::Park) => "park: ",
            PromptKind::Meeting(super::MeetingEntry::Attend) => "attendee (role: name): ",
            PromptKind::Meeting(super::MeetingEntry::Note) => "note: ",
        };
        let [lead_area, input_area] = ratatui::layout::Layout::horizontal([
            ratatui::layout::Constraint::Length(lead.chars().count() as u16),
            ratatui::layout::Constraint::Fill(1),
        ])
        .areas(area);
        Paragraph::new(Line::from(Span::styled(lead, app.theme.mark))).render(lead_area, buf);
        self.input.render(input_area, buf);
    }

    fn hints(&self) -> &'static [Hint] {
        const HINTS: &[Hint] = &[
            Hint::one(&[Action::Accept], "run"),
            Hint::one(&[Action::Close], "cancel"),
            Hint::one(&[Action::Clear], "clear"),
        ];
        HINTS
    }
}
