//! The action board: a column per status (or time frame, or priority); each
//! card shows id, priority, title, owner and due date, red when overdue or
//! unowned.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::{fit, is_hit, put_line, row_glyph, row_style};
use crate::model::edit::List;
use crate::tui::app::{App, Pane};

/// Lines per card.
pub const CARD_HEIGHT: usize = 2;

/// The selected card's row in its column and the longest column.
pub fn selected_line(app: &App) -> (usize, usize) {
    let board = app.board();
    let longest = board.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let row = board
        .iter()
        .find_map(|(_, c)| c.iter().position(|i| *i == app.cursor.actions))
        .unwrap_or(0);
    (row, longest)
}

fn column_areas(area: Rect, n: usize) -> Vec<Rect> {
    let n = n.max(1) as u16;
    let w = area.width / n;
    (0..n)
        .map(|i| {
            Rect::new(
                area.x + i * w,
                area.y,
                if i == n - 1 { area.width - i * w } else { w },
                area.height,
            )
        })
        .collect()
}

/// The card at `at`.
pub fn click(app: &App, inner: Rect, offset: usize, at: Position) -> Option<usize> {
    let board = app.board();
    for ((_, cards), col) in board.iter().zip(column_areas(inner, board.len())) {
        if col.contains(at) && at.y > col.y {
            let i = offset + (at.y - col.y - 1) as usize / CARD_HEIGHT;
            if let Some(card) = cards.get(i) {
                return Some(*card);
            }
        }
    }
    None
}

/// Draws the board into its content area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let board = app.board();
    let rows = (area.height.saturating_sub(1) as usize / CARD_HEIGHT).max(1);
    let (selected_row, longest) = selected_line(app);
    let offset = super::visible_offset(app, Pane::Actions, selected_row, rows, longest);
    let linked = app.linked_ids();
    let focused = app.focus == Pane::Actions;
    for ((label, cards), col) in board.iter().zip(column_areas(area, board.len())) {
        let width = col.width.saturating_sub(1) as usize;
        let head = fit(&format!("{label} ({})", cards.len()), width);
        put_line(
            buf,
            col,
            col.y,
            &Line::from(Span::styled(format!("{head:<width$}"), theme.category)),
            theme.base,
        );
        for (r, i) in cards.iter().enumerate().skip(offset).take(rows) {
            let a = &app.doc.actions[*i];
            let selected = focused && *i == app.cursor.actions;
            let is_linked = linked.contains(&a.id);
            let hit = is_hit(app, Pane::Actions, *i);
            let style = row_style(app, selected, is_linked, hit);
            let overdue = a.is_overdue(app.today);
            let unowned = a.owner.trim().is_empty();
            let alarm = if selected {
                style
            } else if overdue || unowned {
                theme.overdue
            } else {
                theme.muted
            };
            let y = col.y + 1 + ((r - offset) * CARD_HEIGHT) as u16;
            let priority = a.priority.map(|p| p.label()).unwrap_or("--");
            let title = if a.title.is_empty() { "…" } else { &a.title };
            let lead = format!(
                "{}{} {} ",
                row_glyph(selected, is_linked, hit),
                a.id,
                priority
            );
            let room = width.saturating_sub(lead.chars().count());
            let first = Line::from(vec![
                Span::styled(lead, style),
                Span::styled(format!("{:<room$}", fit(title, room)), style),
            ]);
            put_line(
                buf,
                Rect::new(col.x, col.y, col.width.saturating_sub(1), col.height),
                y,
                &first,
                style,
            );
            let owner = if unowned {
                "! no owner".to_string()
            } else {
                a.owner.clone()
            };
            let due = match a.due {
                Some(d) if overdue => format!(" ! due {d} OVERDUE"),
                Some(d) => format!(" due {d}"),
                None => String::new(),
            };
            let second = Line::from(Span::styled(
                format!(
                    "  {:<w$}",
                    fit(&format!("{owner}{due}"), width.saturating_sub(2)),
                    w = width.saturating_sub(2)
                ),
                alarm,
            ));
            put_line(
                buf,
                Rect::new(col.x, col.y, col.width.saturating_sub(1), col.height),
                y + 1,
                &second,
                theme.base,
            );
            crate::tui::findings::mark_row(app, List::Actions, *i, col.x, y + 1, buf);
        }
    }
    if app.doc.actions.is_empty() && area.height > 1 {
        put_line(
            buf,
            area,
            area.y + 1,
            &Line::from(Span::styled("press a to add an action item", theme.muted)),
            theme.base,
        );
    }
}
