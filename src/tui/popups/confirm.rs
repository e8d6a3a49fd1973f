//! Yes/no questions.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::centered;
use crate::tui::app::App;

/// What is being asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// Quit with unsaved changes?
    QuitUnsaved,
    /// Create the missing file?
    CreateFile,
    /// Replace an existing file (saving an imported document)?
    Overwrite(std::path::PathBuf),
}

impl Confirm {
    /// The question.
    pub fn question(&self, app: &App) -> String {
        match self {
            Confirm::QuitUnsaved => "There are unsaved changes. Save before quitting?\n\n y: save and quit   n: quit without saving   esc: stay".into(),
            Confirm::CreateFile => {
                let name = match &app.origin {
                    crate::tui::app::Origin::NewFile(p) => p.display().to_string(),
                    _ => String::new(),
                };
                format!("{name} does not exist.\nCreate it?\n\n y: create   n: quit")
            }
            Confirm::Overwrite(path) => format!(
                "{} already exists.\nReplace it with this document?\n\n y: replace   n: keep it (ctrl-s asks again)",
                path.display()
            ),
        }
    }
}

pub(super) fn render(app: &App, confirm: &Confirm, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 60, 7);
    Clear.render(rect, buf);
    let lines: Vec<Line> = confirm
        .question(app)
        .lines()
        .map(|l| Line::from(l.to_string()))
        .collect();
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .style(app.theme.base)
        .block(
            Block::bordered()
                .title(" Confirm ")
                .border_style(app.theme.border_focused),
        )
        .render(rect, buf);
}
