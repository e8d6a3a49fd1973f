//! Drawing the library view: a header with the folder and the sort, the
//! table, and a footer with the keys (from the key map) or the files that
//! did not load.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{LibraryView, MODE};
use crate::library::Row;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::panes::{fit, fit_start, put_line};
use crate::tui::theme::Theme;

/// One column: its heading, its width, and its cell.
struct Column {
    heading: &'static str,
    width: usize,
    cell: fn(&Row) -> String,
}

fn columns(width: usize) -> Vec<Column> {
    let mut out = vec![
        Column {
            heading: "date",
            width: 10,
            cell: |r| r.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
        },
        Column {
            heading: "id",
            width: 16,
            cell: |r| r.key.clone(),
        },
        Column {
            heading: "sev",
            width: 5,
            cell: |r| r.severity.clone(),
        },
    ];
    // At 80 columns the title keeps room: the status goes first.
    if width >= 96 {
        out.push(Column {
            heading: "status",
            width: 9,
            cell: |r| r.status.as_str().to_string(),
        });
    }
    out.extend([
        Column {
            heading: "done",
            width: 4,
            cell: |r| format!("{:>3}%", r.completeness),
        },
        Column {
            heading: "open",
            width: 4,
            cell: |r| format!("{:>4}", r.open_actions),
        },
        Column {
            heading: "late",
            width: 4,
            cell: |r| {
                if r.overdue_actions == 0 {
                    "   ·".into()
                } else {
                    format!("{:>4}", r.overdue_actions)
                }
            },
        },
    ]);
    out
}

/// The keys of `action` in the library section, joined: `tab`, `esc`.
fn keys(keymap: &Keymap, action: Action) -> String {
    keymap.mode_keys(MODE, action).join("/")
}

/// Draws the view over `area`; remembers the page height for paging.
pub fn draw(view: &mut LibraryView, theme: &Theme, keymap: &Keymap, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.base);
    if area.height < 4 || area.width < 20 {
        return;
    }
    let width = usize::from(area.width);
    let order = if view.reversed { ", reversed" } else { "" };
    // The count and the sort come first to stay in sight; the folder gets
    // what is left of the line, cut from its start.
    let tail = format!(
        " · {} postmortems{} · sorted by {}{order}",
        view.rows.len(),
        if view.shown().len() == view.rows.len() {
            String::new()
        } else {
            format!(" ({} shown)", view.shown().len())
        },
        view.sort.label(),
    );
    let lead = " debrief · ";
    let room = width.saturating_sub(lead.chars().count() + tail.chars().count());
    let root = fit_start(&view.root.display().to_string(), room.max(8));
    let head = format!("{lead}{root}{tail}");
    put(buf, area, area.y, &fit(&head, width), theme.header);
    let filter = if view.filter.is_empty() {
        " type to filter".to_string()
    } else {
        format!(" filter: {}▏", view.filter)
    };
    let filter_style = if view.filter.is_empty() {
        theme.muted
    } else {
        theme.base
    };
    put(buf, area, area.y + 1, &fit(&filter, width), filter_style);

    let columns = columns(width);
    let fixed: usize = columns.iter().map(|c| c.width + 1).sum::<usize>() + 1;
    let title_width = width.saturating_sub(fixed).max(8);
    let row_text = |cells: Vec<String>, title: &str| {
        let mut line = String::from(" ");
        for (c, text) in columns.iter().zip(cells) {
            line.push_str(&padded(&text, c.width));
            line.push(' ');
        }
        line.push_str(&fit(title, title_width));
        fit(&line, width)
    };
    let headings = columns.iter().map(|c| c.heading.to_string()).collect();
    put(
        buf,
        area,
        area.y + 2,
        &row_text(headings, "title"),
        theme.title.add_modifier(Modifier::BOLD),
    );

    let footer_rows: u16 = if view.skipped.is_empty() { 1 } else { 2 };
    let body_top = area.y + 3;
    let body_rows = usize::from(area.height.saturating_sub(3 + footer_rows));
    view.page = body_rows.max(1);
    let offset = (view.selected + 1).saturating_sub(body_rows);
    for (n, &i) in view.shown().iter().skip(offset).take(body_rows).enumerate() {
        let row = &view.rows[i];
        let cells = columns.iter().map(|c| (c.cell)(row)).collect();
        let style = if offset + n == view.selected {
            theme.selected
        } else if row.overdue_actions > 0 {
            theme.overdue
        } else {
            theme.base
        };
        let y = body_top + n as u16;
        put(buf, area, y, &row_text(cells, &row.title), style);
    }
    if view.shown().is_empty() {
        let empty = if view.rows.is_empty() {
            " no postmortems (*.toml) in this folder"
        } else {
            " no postmortem matches the filter"
        };
        put(buf, area, body_top, &fit(empty, width), theme.muted);
    }

    let bottom = area.y + area.height - 1;
    if let Some(first) = view.skipped.first() {
        let text = format!(" {} file(s) skipped: {first}", view.skipped.len());
        put(buf, area, bottom - 1, &fit(&text, width), theme.overdue);
    }
    let hints = format!(
        " {} open · {} sort · {} reverse · {} clear filter / quit",
        keys(keymap, Action::Accept),
        keys(keymap, Action::SortNext),
        keys(keymap, Action::SortReverse),
        keys(keymap, Action::Close),
    );
    put(buf, area, bottom, &fit(&hints, width), theme.muted);
}

/// `text` cut or padded to exactly `width` columns.
fn padded(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let used = cut.width();
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
}

/// One line of `text` in `style` at row `y` of `area`.
fn put(buf: &mut Buffer, area: Rect, y: u16, text: &str, style: Style) {
    put_line(buf, area, y, &Line::from(Span::styled(text, style)), style);
}
