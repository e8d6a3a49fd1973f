//! Contributing factors grouped under their categories, with counts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Selection, fit, is_hit, offset_for, put_line, row_glyph, row_style};
use crate::model::edit::List;
use crate::tui::app::{App, Pane};
use crate::tui::views::Groups;

/// What a display line shows: the heading of a category (its group) or a
/// factor. Lines are found from the groups by counting, not listed: the
/// pane reads a screenful of them per frame, whatever the number of factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Heading(usize),
    Factor(usize),
}

/// What display line `line` shows.
fn shown(groups: &Groups, mut line: usize) -> Option<Shown> {
    for (group, (_, members)) in groups.iter().enumerate() {
        if line == 0 {
            return Some(Shown::Heading(group));
        }
        line -= 1;
        if let Some(&factor) = members.get(line) {
            return Some(Shown::Factor(factor));
        }
        line -= members.len();
    }
    None
}

/// The number of display lines: a heading per category and its factors.
fn line_count(groups: &Groups) -> usize {
    groups.iter().map(|(_, members)| 1 + members.len()).sum()
}

/// The display line of factor `factor`.
fn line_of(groups: &Groups, factor: usize) -> Option<usize> {
    let mut line = 0;
    for (_, members) in groups.iter() {
        if let Some(at) = members.iter().position(|&i| i == factor) {
            return Some(line + 1 + at);
        }
        line += 1 + members.len();
    }
    None
}

/// The selected line and the number of lines.
pub fn selection(app: &App) -> Selection {
    let groups = app.factor_groups();
    let row = line_of(&groups, app.cursor.factors).unwrap_or(0);
    // A heading scrolls into view with the first factor under it.
    let top = match row.checked_sub(1).and_then(|h| shown(&groups, h)) {
        Some(Shown::Heading(_)) => row - 1,
        _ => row,
    };
    Selection {
        top,
        row,
        bottom: row,
        len: line_count(&groups),
    }
}

/// The factor on display line `line`.
pub fn click(app: &App, line: usize) -> Option<usize> {
    match shown(&app.factor_groups(), line) {
        Some(Shown::Factor(i)) => Some(i),
        _ => None,
    }
}

/// Draws the factors into their content area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let groups = app.factor_groups();
    let count = line_count(&groups);
    let height = area.height as usize;
    let offset = offset_for(app, Pane::Factors, height);
    let linked = app.linked_ids();
    let focused = app.focus == Pane::Factors;
    let width = area.width as usize;
    for r in offset..count.min(offset + height) {
        let y = area.y + (r - offset) as u16;
        let i = match shown(&groups, r) {
            Some(Shown::Factor(i)) => i,
            Some(Shown::Heading(group)) => {
                let (category, members) = &groups[group];
                let heading = format!("{category} ({})", members.len());
                put_line(
                    buf,
                    area,
                    y,
                    &Line::from(Span::styled(heading, theme.category)),
                    theme.base,
                );
                continue;
            }
            None => break,
        };
        let f = &app.doc.factors[i];
        let selected = focused && i == app.cursor.factors;
        let is_linked = linked.contains(&f.id);
        let hit = is_hit(app, Pane::Factors, i);
        let style = row_style(app, selected, is_linked, hit);
        let links = format!(" ⟶{}", f.events.len() + f.whys.len());
        let lead = format!(
            "{} {} {}{}",
            row_glyph(selected, is_linked, hit),
            f.id,
            super::privacy_mark(f.private, false),
            super::others_here(app, &f.id)
        );
        let room = width.saturating_sub(lead.chars().count() + links.chars().count());
        let line = Line::from(vec![
            Span::styled(lead, style),
            Span::styled(
                format!(
                    "{:<room$}",
                    fit(if f.text.is_empty() { "…" } else { &f.text }, room)
                ),
                style,
            ),
            Span::styled(links, if selected { style } else { theme.muted }),
        ]);
        put_line(buf, area, y, &line, style);
        crate::tui::findings::mark_row(app, List::Factors, i, area.x + 1, y, buf);
    }
    if app.doc.factors.is_empty() && height > count {
        let y = area.y + count as u16;
        put_line(
            buf,
            area,
            y,
            &Line::from(Span::styled("press a to add a factor", theme.muted)),
            theme.base,
        );
    }
}
