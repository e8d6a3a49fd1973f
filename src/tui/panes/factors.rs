//! Contributing factors grouped under their categories, with counts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Selection, fit, is_hit, offset_for, put_line, row_glyph, row_style};
use crate::model::edit::List;
use crate::tui::app::{App, Pane};

/// Display lines: `None` is a category heading, `Some(i)` factor `i`.
fn lines(app: &App) -> Vec<(String, Option<usize>)> {
    let mut out = Vec::new();
    for (category, members) in app.factor_groups().iter() {
        out.push((format!("{category} ({})", members.len()), None));
        out.extend(members.iter().map(|i| (String::new(), Some(*i))));
    }
    out
}

/// The selected line and the number of lines.
pub fn selection(app: &App) -> Selection {
    let lines = lines(app);
    let row = lines
        .iter()
        .position(|(_, i)| *i == Some(app.cursor.factors))
        .unwrap_or(0);
    // A heading scrolls into view with the first factor under it.
    let top = match row.checked_sub(1).map(|h| &lines[h]) {
        Some((_, None)) => row - 1,
        _ => row,
    };
    Selection {
        top,
        row,
        bottom: row,
        len: lines.len(),
    }
}

/// The factor on display line `line`.
pub fn click(app: &App, line: usize) -> Option<usize> {
    match lines(app).get(line) {
        Some((_, Some(i))) => Some(*i),
        _ => None,
    }
}

/// Draws the factors into their content area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let all = lines(app);
    let height = area.height as usize;
    let offset = offset_for(app, Pane::Factors, height);
    let linked = app.linked_ids();
    let focused = app.focus == Pane::Factors;
    let width = area.width as usize;
    for (r, (heading, factor)) in all.iter().enumerate().skip(offset).take(height) {
        let y = area.y + (r - offset) as u16;
        let Some(i) = factor else {
            put_line(
                buf,
                area,
                y,
                &Line::from(Span::styled(heading.clone(), theme.category)),
                theme.base,
            );
            continue;
        };
        let f = &app.doc.factors[*i];
        let selected = focused && *i == app.cursor.factors;
        let is_linked = linked.contains(&f.id);
        let hit = is_hit(app, Pane::Factors, *i);
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
        crate::tui::findings::mark_row(app, List::Factors, *i, area.x + 1, y, buf);
    }
    if app.doc.factors.is_empty() && height > all.len() {
        let y = area.y + all.len() as u16;
        put_line(
            buf,
            area,
            y,
            &Line::from(Span::styled("press a to add a factor", theme.muted)),
            theme.base,
        );
    }
}
