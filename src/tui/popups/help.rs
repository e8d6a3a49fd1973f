//! `?`: the bindings of the focused pane, built from the key map itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::centered;
use crate::tui::app::App;

/// One help row per action: its keys, what it does, its keymap section.
fn rows(app: &App) -> Vec<(String, &'static str, String)> {
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
    rows
}

/// How many rows the help lists for the focused pane.
pub fn row_count(app: &App) -> usize {
    rows(app).len()
}

/// Draws the bindings of the focused pane from row `offset`, with the
/// position shown when they do not all fit.
pub(super) fn render(app: &App, offset: usize, area: Rect, buf: &mut Buffer) {
    let rows = rows(app);
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
    let visible = usize::from(height.saturating_sub(2));
    let offset = offset.min(lines.len().saturating_sub(visible));
    let mut block = Block::bordered()
        .title(title)
        .border_style(app.theme.border_focused);
    if visible < lines.len() {
        let arrows = match (offset > 0, offset + visible < lines.len()) {
            (true, true) => "↑↓",
            (true, false) => "↑",
            _ => "↓",
        };
        block = block.title_bottom(
            Line::from(format!(
                " {arrows} {}-{} of {} (j/k, pgup/pgdn) ",
                offset + 1,
                offset + visible,
                lines.len()
            ))
            .right_aligned(),
        );
    }
    Paragraph::new(lines)
        .scroll((u16::try_from(offset).unwrap_or(u16::MAX), 0))
        .block(block)
        .style(app.theme.base)
        .render(rect, buf);
}
