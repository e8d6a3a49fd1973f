//! The report of a Markdown import: what mapped where, what was kept
//! aside. Closing it asks where to save when the document has no file yet.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::Request;
use super::centered;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::component::{Component, Hint, Input, Outcome, hint_keys};
use crate::tui::keymap::Mode;

/// The import report popup (its text is `App::imported`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportView;

/// The keys of the import report.
pub const MODE: Mode = Mode {
    section: "report",
    title: "In the Markdown import report",
    question: false,
};

const CLOSE: Hint = Hint::one(&[Action::Close], "closes");
const CHOOSE: Hint = Hint {
    actions: &[Action::Close],
    label: "choose where to save",
    keys: 2,
};

impl Component for ReportView {
    fn mode(&self) -> Mode {
        MODE
    }

    fn handle(&mut self, input: Input, _app: &App) -> Outcome {
        match input.action {
            Some(Action::Close) => Outcome::Then(Request::ReportClosed),
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let Some(imported) = &app.imported else {
            return;
        };
        let rect = centered(area, 96, area.height.saturating_sub(2));
        Clear.render(rect, buf);
        let mut lines: Vec<Line> = imported
            .report
            .lines()
            .map(|l| Line::from(l.to_string()))
            .collect();
        if lines.is_empty() {
            lines.push(Line::from("nothing to report"));
        }
        let title = format!(" Imported {} ", imported.source.display());
        let keys = if imported.saved {
            format!(" {} {} ", hint_keys(&app.keymap, MODE, &CLOSE), CLOSE.label)
        } else {
            format!(
                " {}: {} ",
                hint_keys(&app.keymap, MODE, &CHOOSE),
                CHOOSE.label
            )
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
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
        &[CLOSE]
    }
}
