//! The related-incidents panel: the postmortems of the document's folder
//! whose causes resemble this one's, with the terms they share; Enter adds
//! the selected one to the appendix's related list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::{Request, centered};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::component::{Component, Hint, Input, Outcome, hint_keys};
use crate::tui::keymap::Mode;
use crate::tui::panes::fit;

/// The keys of the related-incidents panel.
pub const MODE: Mode = Mode {
    section: "related",
    title: "In the related-incidents panel",
    question: false,
};

const ADD: Hint = Hint::one(&[Action::Accept], "add to related");
const CLOSE: Hint = Hint::one(&[Action::Close], "close");

/// One similar postmortem as the panel lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedRow {
    /// The line `appendix.related` gets: `KEY (DATE): TITLE`.
    pub entry: String,
    /// Its key (`meta.id` or relative path).
    pub key: String,
    /// Its title.
    pub title: String,
    /// Similarity, 0–1.
    pub score: f64,
    /// The terms both documents' causes use, rarest first.
    pub shared: Vec<String>,
}

/// The panel: the folder it looked in and what it found.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedView {
    /// The folder, for the title.
    pub folder: String,
    /// The similar postmortems, most similar first.
    pub rows: Vec<RelatedRow>,
    /// The selected row.
    pub selected: usize,
}

impl Component for RelatedView {
    fn mode(&self) -> Mode {
        MODE
    }

    fn handle(&mut self, input: Input, _app: &App) -> Outcome {
        let last = self.rows.len().saturating_sub(1);
        match input.action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Accept) => {
                if let Some(row) = self.rows.get(self.selected) {
                    return Outcome::StayThen(Request::AddRelated(row.entry.clone()));
                }
            }
            Some(Action::Close) => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        // Two lines a row, the borders, at least room for a message.
        let wanted = u16::try_from(self.rows.len() * 2 + 2).unwrap_or(u16::MAX);
        let rect = centered(area, 100, wanted.clamp(5, area.height.saturating_sub(2)));
        Clear.render(rect, buf);
        let width = usize::from(rect.width.saturating_sub(2));
        let listed = &app.doc.appendix.related;
        let mut lines: Vec<Line> = Vec::new();
        if self.rows.is_empty() {
            lines.push(Line::from(Span::styled(
                "no postmortem in this folder shares enough of this one's causes",
                app.theme.muted,
            )));
        }
        for (i, row) in self.rows.iter().enumerate() {
            let mark = if listed.iter().any(|l| l.starts_with(&row.key)) {
                "✓"
            } else {
                " "
            };
            let style = if i == self.selected {
                app.theme.selected
            } else {
                app.theme.base
            };
            let head = format!(
                "{mark} {:>3}%  {}  {}",
                (row.score * 100.0).round() as u32,
                row.key,
                row.title
            );
            lines.push(Line::from(Span::styled(fit(&head, width), style)));
            let shared = format!("        shared: {}", row.shared.join(", "));
            lines.push(Line::from(Span::styled(
                fit(&shared, width),
                app.theme.muted,
            )));
        }
        let keys = format!(
            " {} {} · {} {} ",
            hint_keys(&app.keymap, MODE, &ADD),
            ADD.label,
            hint_keys(&app.keymap, MODE, &CLOSE),
            CLOSE.label
        );
        let title = format!(" Related incidents in {} ", self.folder);
        // Keep the selection in view: two lines per row.
        let inner = usize::from(rect.height.saturating_sub(2));
        let scroll = (self.selected * 2 + 2).saturating_sub(inner);
        Paragraph::new(lines)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .style(app.theme.base)
            .block(
                Block::bordered()
                    .title(Line::from(Span::styled(title, app.theme.title)))
                    .title_bottom(Line::from(Span::styled(keys, app.theme.muted)).right_aligned())
                    .border_style(app.theme.border_focused),
            )
            .render(rect, buf);
    }

    fn hints(&self) -> &'static [Hint] {
        &[ADD, CLOSE]
    }
}
