//! Drawing the `:import` preview: the rows of candidates, the row being
//! edited, and the summary under the list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::super::centered;
use super::{HINTS, ImportField, ImportPreview, MARKS_HINT, MODE};
use crate::tui::app::App;
use crate::tui::component::hint_line;
use crate::tui::panes::{fit, put_line};

/// Draws the preview over `area`.
pub(super) fn render(app: &App, preview: &ImportPreview, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let rect = centered(area, 110, area.height.saturating_sub(2).max(8));
    Clear.render(rect, buf);
    let title = format!(
        " Import {} ({}) — {} of {} kept ",
        preview.path.display(),
        preview.kind,
        preview.kept(),
        preview.rows.len()
    );
    let block = Block::bordered()
        .title(Line::from(Span::styled(
            fit(&title, rect.width.saturating_sub(4) as usize),
            theme.title,
        )))
        .title_bottom(Line::from(Span::styled(
            format!(" {} ", hint_line(&app.keymap, MODE, HINTS, " ", " · ")),
            theme.muted,
        )))
        .border_style(theme.border_focused)
        .style(theme.base);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height < 3 {
        return;
    }
    let footer = footer_lines(app, preview, inner.width as usize);
    let footer_rows = footer.len().min(inner.height as usize / 3);
    let list_rows = inner.height as usize - footer_rows;
    let zone = app.doc.display_zone();
    let show_date = preview
        .rows
        .first()
        .zip(preview.rows.last())
        .is_some_and(|(a, b)| {
            zone.local(&a.candidate.at).date() != zone.local(&b.candidate.at).date()
        });
    let width = inner.width as usize;
    let side = if width >= 90 { 14 } else { 0 };
    let clock_width = if show_date { 15 } else { 9 };
    let text_width = width
        .saturating_sub(2 + 4 + clock_width + 3 + if side > 0 { 2 * (side + 1) } else { 0 })
        .max(8);
    let offset = crate::tui::layout::scrolled(0, preview.selected, list_rows, preview.rows.len());
    if preview.rows.is_empty() {
        put_line(
            buf,
            inner,
            inner.y,
            &Line::from(Span::styled(" no events found in this file", theme.muted)),
            theme.base,
        );
    }
    for (i, row) in preview.rows.iter().enumerate().skip(offset).take(list_rows) {
        let selected = i == preview.selected;
        let style = if selected {
            theme.selected
        } else if row.known {
            theme.muted
        } else {
            theme.base
        };
        let check = match (row.known, row.keep) {
            (true, _) => "[=] ",
            (false, true) => "[x] ",
            (false, false) => "[ ] ",
        };
        let c = &row.candidate;
        let local = zone.local(&c.at);
        let clock = if show_date {
            local.format("%m-%d %H:%M:%S").to_string()
        } else {
            local.format("%H:%M:%S").to_string()
        };
        let glyphs: String = c.marks.iter().map(|m| m.glyph()).take(2).collect();
        let taken: Vec<String> = row
            .taken
            .iter()
            .map(|(m, holder)| format!("{} on {holder}", m.glyph()))
            .collect();
        let text = match (row.known, taken.is_empty(), row.keep_marks) {
            (true, _, _) => format!("(known) {}", c.text),
            (false, true, _) => c.text.clone(),
            (false, false, false) => {
                format!("(mark already {}: left off) {}", taken.join(", "), c.text)
            }
            (false, false, true) => format!("(mark kept, also {}) {}", taken.join(", "), c.text),
        };
        let mut spans = vec![
            Span::styled(if selected { "▶ " } else { "  " }, style),
            Span::styled(check, style),
            Span::styled(
                format!("{:<clock_width$}", clock),
                if selected {
                    style
                } else {
                    theme.time.patch(style)
                },
            ),
            Span::styled(
                format!("{glyphs:<3}"),
                if selected { style } else { theme.mark },
            ),
            Span::styled(format!("{:<text_width$}", fit(&text, text_width)), style),
        ];
        if side > 0 {
            spans.push(Span::styled(
                format!(" {:<side$}", fit(&c.source, side)),
                if selected { style } else { theme.muted },
            ));
            spans.push(Span::styled(
                format!(" {:<side$}", fit(&c.actor, side)),
                if selected { style } else { theme.muted },
            ));
        }
        let y = inner.y + (i - offset) as u16;
        put_line(buf, inner, y, &Line::from(spans), style);
    }
    for (k, line) in footer.iter().take(footer_rows).enumerate() {
        let y = inner.y + (list_rows + k) as u16;
        put_line(buf, inner, y, line, theme.base);
    }
    if let Some((field, textarea, error)) = &preview.editing {
        let y = inner.y + (preview.selected - offset).min(list_rows.saturating_sub(1)) as u16;
        let label = match field {
            ImportField::Text => " text: ",
            ImportField::Time => " time: ",
        };
        let edit_area = Rect::new(inner.x, y, inner.width, 1);
        Clear.render(edit_area, buf);
        buf.set_string(inner.x, y, label, theme.mark);
        let w = label.chars().count() as u16;
        textarea.render(
            Rect::new(inner.x + w, y, inner.width.saturating_sub(w), 1),
            buf,
        );
        if let Some(error) = error
            && y + 1 < inner.bottom()
        {
            let line = Line::from(Span::styled(format!(" {error}"), theme.error));
            put_line(buf, inner, y + 1, &line, theme.base);
        }
    }
}

/// The summary under the list: counts, then the first unreadable lines.
fn footer_lines(app: &App, preview: &ImportPreview, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut counts = format!(
        " {} events · {} kept · {} already in the timeline · {} unparseable",
        preview.rows.len(),
        preview.kept(),
        preview.known(),
        preview.unparseable
    );
    if preview.over_limit > 0 {
        counts.push_str(&format!(
            " · {} over the limit (narrow with the CLI's --since/--until)",
            preview.over_limit
        ));
    }
    let mut out = vec![Line::from(Span::styled(fit(&counts, width), theme.muted))];
    let taken = preview.rows.iter().filter(|r| !r.taken.is_empty()).count();
    if taken > 0 {
        let key = crate::tui::component::hint_keys(&app.keymap, MODE, &MARKS_HINT);
        out.push(Line::from(Span::styled(
            fit(
                &format!(
                    "  {taken} row(s) bring key marks the timeline already has: added without them ({key} keeps a row's marks)"
                ),
                width,
            ),
            theme.warning,
        )));
    }
    for example in &preview.examples {
        out.push(Line::from(Span::styled(
            fit(
                &format!(
                    "  {}: {} — {}",
                    example.location, example.reason, example.text
                ),
                width,
            ),
            theme.warning,
        )));
    }
    out
}
