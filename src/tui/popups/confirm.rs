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
    /// A journal of unsaved edits was found: what differs.
    Recover(String),
    /// Another debrief holds the lock: who, where, since.
    LockHeld(String),
    /// The file changed on disk since it was loaded or saved.
    ChangedOnDisk,
    /// Replace an existing file (saving an imported document)?
    Overwrite(std::path::PathBuf),
    /// `:w FILE`, `:wq FILE` or `:export FILE` named a file that exists.
    Replace(std::path::PathBuf, AfterReplace),
}

/// What `:w FILE` / `:export FILE` does once the user agrees to replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterReplace {
    /// Save the document there (and quit, for `:wq`).
    Save {
        /// Quit after a successful save.
        quit: bool,
    },
    /// Write the Markdown export there.
    Export,
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
            Confirm::Recover(summary) => format!(
                "Recover unsaved edits?\n{summary}\n\n r: recover   d: discard   s: save the recovered version as a copy"
            ),
            Confirm::LockHeld(owner) => format!(
                "This file is open in another debrief:\n{owner}\n\n r: open read-only   t: take over   q: quit"
            ),
            Confirm::ChangedOnDisk => "The file changed on disk since it was loaded or saved.\n\n r: reload (your version goes to the recovery file)\n o: overwrite it   s: save as…   esc: not now".into(),
            Confirm::Replace(path, then) => format!(
                "{} already exists.\nReplace it with {}?\n\n y: replace   n: keep it",
                path.display(),
                match then {
                    AfterReplace::Save { .. } => "this document",
                    AfterReplace::Export => "the Markdown export",
                }
            ),
            Confirm::Overwrite(path) => format!(
                "{} already exists.\nReplace it with this document?\n\n y: replace   n: keep it (ctrl-s asks again)",
                path.display()
            ),
        }
    }
}

pub(super) fn render(app: &App, confirm: &Confirm, area: Rect, buf: &mut Buffer) {
    let lines: Vec<Line> = confirm
        .question(app)
        .lines()
        .map(|l| Line::from(l.to_string()))
        .collect();
    let width = match confirm {
        Confirm::QuitUnsaved | Confirm::CreateFile => 60,
        _ => 60.max(area.width.saturating_sub(4).min(76)),
    };
    // Room for the lines, with some for wrapping, inside the border.
    let height = (lines.len() as u16 + 2).max(7) + u16::from(lines.len() > 5) * 2;
    let rect = centered(area, width, height);
    Clear.render(rect, buf);
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
