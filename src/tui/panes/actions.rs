//! The action board: a column per status (or time frame, or priority); each
//! card shows id, priority and title, then owner, due date, type and time
//! frame, marked when overdue or unowned. Where columns would be too narrow
//! to read (80×24, and the grid at 120×32), the board is one list with a
//! heading per column instead.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::{Selection, fit, is_hit, put_line, row_glyph, row_style};
use crate::model::ActionItem;
use crate::model::edit::List;
use crate::tui::app::{App, Pane};
use crate::tui::views::Groups;

/// Lines per card.
pub const CARD_HEIGHT: usize = 2;

/// Columns narrower than this make the board a list.
const MIN_COLUMN: u16 = 30;

/// Whether the board shows as one list in a content area `width` wide.
pub fn is_list(app: &App, width: u16) -> bool {
    let columns = app.board().len().max(1) as u16;
    width / columns < MIN_COLUMN
}

/// The content width of the Actions pane as laid out now.
fn width_of(app: &App) -> u16 {
    app.layout()
        .area(Pane::Actions)
        .map_or(80, |r| r.width.saturating_sub(2))
}

/// What a line of the list layout shows: a column's heading, or one of a
/// card's two lines. Lines are found from the board by counting, not
/// listed: a frame reads a screenful of them, whatever the number of cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListLine {
    Heading(usize),
    Card { action: usize, second: bool },
}

/// What line `line` of the list layout shows: each column's cards under
/// its heading.
fn list_line(board: &Groups, mut line: usize) -> Option<ListLine> {
    for (column, (_, cards)) in board.iter().enumerate() {
        if line == 0 {
            return Some(ListLine::Heading(column));
        }
        line -= 1;
        if let Some(&action) = cards.get(line / CARD_HEIGHT) {
            return Some(ListLine::Card {
                action,
                second: !line.is_multiple_of(CARD_HEIGHT),
            });
        }
        line -= cards.len() * CARD_HEIGHT;
    }
    None
}

/// The number of lines of the list layout.
fn list_len(board: &Groups) -> usize {
    board
        .iter()
        .map(|(_, cards)| 1 + cards.len() * CARD_HEIGHT)
        .sum()
}

/// The first line of the card of `action` in the list layout.
fn list_line_of(board: &Groups, action: usize) -> Option<usize> {
    let mut line = 0;
    for (_, cards) in board.iter() {
        if let Some(at) = cards.iter().position(|&i| i == action) {
            return Some(line + 1 + at * CARD_HEIGHT);
        }
        line += 1 + cards.len() * CARD_HEIGHT;
    }
    None
}

/// Where the selected card is, in scroll units: card rows of the longest
/// column on the board, lines in the list.
pub fn selection(app: &App) -> Selection {
    let board = app.board();
    if is_list(app, width_of(app)) {
        let len = list_len(&board);
        let row = list_line_of(&board, app.cursor.actions).unwrap_or(0);
        // The heading above the first card scrolls into view with it.
        let top = match row.checked_sub(1).and_then(|h| list_line(&board, h)) {
            Some(ListLine::Heading(_)) => row - 1,
            _ => row,
        };
        return Selection {
            top,
            row,
            bottom: (row + 1).min(len.saturating_sub(1)),
            len,
        };
    }
    let longest = board.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let row = board
        .iter()
        .find_map(|(_, c)| c.iter().position(|i| *i == app.cursor.actions))
        .unwrap_or(0);
    Selection::single(row, longest)
}

/// Scrollable rows of a content area `height` lines high.
pub fn content_rows(app: &App, width: u16, height: usize) -> usize {
    if is_list(app, width) {
        height
    } else {
        height.saturating_sub(1) / CARD_HEIGHT
    }
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
    if is_list(app, inner.width) {
        return match list_line(&app.board(), offset + (at.y - inner.y) as usize) {
            Some(ListLine::Card { action, .. }) => Some(action),
            _ => None,
        };
    }
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

/// The card's second line: owner, due date, type and time frame.
fn facts(a: &ActionItem, overdue: bool) -> String {
    let mut facts = vec![if a.owner.trim().is_empty() {
        "! no owner".to_string()
    } else {
        a.owner.clone()
    }];
    match a.due {
        Some(d) if overdue => facts.push(format!("! due {d} OVERDUE")),
        Some(d) => facts.push(format!("due {d}")),
        None => {}
    }
    facts.push(a.kind.map_or("no type", |k| k.label()).to_string());
    if let Some(t) = a.timeframe {
        facts.push(t.label().to_string());
    }
    facts.join(" · ")
}

/// Draws card `i` (two lines from `y`) in `col`, `width` columns wide;
/// `linked` are the ids linked to the selection.
fn card(app: &App, linked: &[String], i: usize, col: Rect, y: u16, width: usize, buf: &mut Buffer) {
    let theme = &app.theme;
    let a = &app.doc.actions[i];
    let selected = app.focus == Pane::Actions && i == app.cursor.actions;
    let is_linked = linked.contains(&a.id);
    let hit = is_hit(app, Pane::Actions, i);
    let style = row_style(app, selected, is_linked, hit);
    let overdue = a.is_overdue(app.today);
    let alarm = if selected {
        style
    } else if overdue || a.owner.trim().is_empty() {
        theme.overdue
    } else {
        theme.muted
    };
    let priority = a.priority.map(|p| p.label()).unwrap_or("--");
    let title = if a.title.is_empty() { "…" } else { &a.title };
    let lead = format!(
        "{}{} {} {}{}",
        row_glyph(selected, is_linked, hit),
        a.id,
        priority,
        super::privacy_mark(a.private, a.public),
        super::others_here(app, &a.id)
    );
    let room = width.saturating_sub(lead.chars().count());
    let row = Rect::new(col.x, col.y, width as u16, col.height);
    let first = Line::from(vec![
        Span::styled(lead, style),
        Span::styled(format!("{:<room$}", fit(title, room)), style),
    ]);
    put_line(buf, row, y, &first, style);
    let rest = width.saturating_sub(2);
    let second = Line::from(Span::styled(
        format!("  {:<rest$}", fit(&facts(a, overdue), rest)),
        alarm,
    ));
    put_line(buf, row, y + 1, &second, theme.base);
    crate::tui::findings::mark_row(app, List::Actions, i, col.x, y + 1, buf);
}

/// Draws the board (or the list) into its content area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    if app.doc.actions.is_empty() {
        if area.height > 1 {
            put_line(
                buf,
                area,
                area.y + 1,
                &Line::from(Span::styled("press a to add an action item", theme.muted)),
                theme.base,
            );
        }
        return;
    }
    let linked = app.linked_ids();
    if is_list(app, area.width) {
        return render_list(app, &linked, area, buf);
    }
    let board = app.board();
    let rows = content_rows(app, area.width, area.height as usize).max(1);
    let offset = super::offset_for(app, Pane::Actions, rows);
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
            let y = col.y + 1 + ((r - offset) * CARD_HEIGHT) as u16;
            card(app, &linked, *i, col, y, width, buf);
        }
    }
}

/// The board as one list: a heading per column, then its cards.
fn render_list(app: &App, linked: &[String], area: Rect, buf: &mut Buffer) {
    let board = app.board();
    let len = list_len(&board);
    let height = area.height as usize;
    let mut offset = super::offset_for(app, Pane::Actions, height);
    // Never start on a card's second line when the selection still shows
    // without it.
    if matches!(
        list_line(&board, offset),
        Some(ListLine::Card { second: true, .. })
    ) && offset < selection(app).top
    {
        offset += 1;
    }
    let width = area.width as usize;
    let mut r = offset;
    while r < len && r < offset + height {
        let y = area.y + (r - offset) as u16;
        match list_line(&board, r) {
            None => break,
            Some(ListLine::Heading(column)) => {
                let (label, cards) = &board[column];
                let text = format!("{label} ({})", cards.len());
                let line = Line::from(Span::styled(fit(&text, width), app.theme.category));
                put_line(buf, area, y, &line, app.theme.base);
                r += 1;
            }
            Some(ListLine::Card { action, second }) => {
                // A card cut by the top of the view shows its second line
                // only; one cut by the bottom, its first.
                let top = if second { y.saturating_sub(1) } else { y };
                let clip = Rect::new(area.x, area.y, area.width, area.height);
                let mut card_buf = Buffer::empty(Rect::new(area.x, top, area.width, 2));
                card(
                    app,
                    linked,
                    action,
                    Rect::new(area.x, top, area.width, 2),
                    top,
                    width,
                    &mut card_buf,
                );
                for dy in 0..2u16 {
                    let row = top + dy;
                    if row >= clip.y && row < clip.bottom() {
                        for x in area.x..area.right() {
                            buf[(x, row)] = card_buf[(x, row)].clone();
                        }
                    }
                }
                r += if second { 1 } else { 2 };
            }
        }
    }
}
