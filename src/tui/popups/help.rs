//! `?`: the bindings of the focused pane, built from the key map itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::centered;
use crate::tui::app::App;

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let bindings = app.keymap.bindings_for(app.focus);
    // Group keys by action so each line reads "j, down   move down".
    let mut rows: Vec<(String, &'static str, String)> = Vec::new();
    for b in bindings {
        if let Some(row) = rows.iter_mut().find(|r| r.1 == b.action.describe()) {
            row.0.push_str(", ");
            row.0.push_str(&b.keys);
        } else {
            rows.push((b.keys.clone(), b.action.describe(), b.section.clone()));
        }
    }
    let key_width = rows
        .iter()
        .map(|r| r.0.chars().count())
        .max()
        .unwrap_or(0)
        .min(22);
    let lines: Vec<Line> = rows
        .iter()
        .map(|(keys, what, section)| {
            let style = if section == "global" {
                app.theme.base
            } else {
                app.theme.category
            };
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), app.theme.mark),
                Span::styled(what.to_string(), style),
            ])
        })
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centered(area, 64, height);
    Clear.render(rect, buf);
    let title = format!(" Keys: {} (esc closes) ", app.focus.title());
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(title)
                .border_style(app.theme.border_focused),
        )
        .style(app.theme.base)
        .render(rect, buf);
}
