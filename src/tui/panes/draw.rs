//! Drawing helpers shared by the panes: cutting and wrapping text to a
//! width, writing a line, and the styles and glyphs of a row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthChar;

use crate::tui::app::{App, Pane};

/// Cuts `text` to `width` columns, ending with `…` when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    let one_line = text.replace('\n', " ⏎ ");
    let total: usize = one_line.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return one_line;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in one_line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `text` to `width` columns from the start, beginning with `…` when
/// something was cut: for paths, whose end says the most.
pub fn fit_start(text: &str, width: usize) -> String {
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// Wraps `text` to `width` columns (by words; long words are split).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ') {
            let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
            if used > 0 && used + 1 + w > width {
                out.push(std::mem::take(&mut line));
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width {
                    out.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        out.push(line);
    }
    out
}

/// Writes a line of spans at row `y` of `area`, padding the rest with `fill`.
pub fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line, fill: Style) {
    if y >= area.y + area.height {
        return;
    }
    let row = Rect::new(area.x, y, area.width, 1);
    buf.set_style(row, fill);
    buf.set_line(area.x, y, line, area.width);
}

/// The style of a row: selected, linked, search hit or plain (in that order).
pub fn row_style(app: &App, selected: bool, linked: bool, hit: bool) -> Style {
    if selected {
        app.theme.selected
    } else if linked {
        app.theme.linked
    } else if hit {
        app.theme.search_match
    } else {
        app.theme.base
    }
}

/// The glyph at the start of a row: `▶` selected, `◆` linked, `»` search hit.
pub fn row_glyph(selected: bool, linked: bool, hit: bool) -> &'static str {
    if selected {
        "▶"
    } else if linked {
        "◆"
    } else if hit {
        "»"
    } else {
        " "
    }
}

/// The marker of other participants of a live session whose selection is
/// item `id`: `‹AL BO› ` (empty when nobody's is).
pub fn others_here(app: &App, id: &str) -> String {
    let Some(collab) = &app.collab else {
        return String::new();
    };
    let here = collab.on_item(id);
    if here.is_empty() {
        String::new()
    } else {
        format!("‹{}› ", here.join(" "))
    }
}

/// Whether the search matched item `index` of `pane`.
pub fn is_hit(app: &App, pane: Pane, index: usize) -> bool {
    app.search.as_ref().is_some_and(|s| {
        s.hits
            .binary_search_by(|h| (h.pane.number(), h.index).cmp(&(pane.number(), index)))
            .is_ok()
    })
}

/// The word before an item kept out of the customer export (or, for an
/// action, shown in it): text, so it reads without colour.
pub fn privacy_mark(private: bool, public: bool) -> &'static str {
    match (private, public) {
        (true, _) => "(private) ",
        (false, true) => "(public) ",
        (false, false) => "",
    }
}
