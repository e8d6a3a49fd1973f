//! Timeline: time, mark glyphs, event, source, actor; derived intervals on
//! the first line and the time-axis strip on the second. Only the visible
//! window of events is touched; intervals and strip come from the cached
//! [`crate::tui::summary::Summary`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{fit, is_hit, offset_for, put_line, row_glyph, row_style, strip};
use crate::model::edit::{ItemField, List};
use crate::model::format_duration;
use crate::tui::app::{App, Pane};

/// Lines above the event rows: intervals, then the time-axis strip.
pub const HEADER_ROWS: usize = 2;

/// Draws the timeline into its content area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let theme = &app.theme;
    let doc = &app.doc;
    let zone = doc.display_zone();
    let summary = app.summary();
    let intervals = &summary.intervals;
    let mut spans: Vec<Span> = Vec::new();
    for i in &intervals.items {
        spans.push(Span::styled(format!("{} ", i.kind.short()), theme.muted));
        spans.push(Span::styled(
            format!("{}  ", format_duration(i.duration())),
            theme.mark,
        ));
    }
    if spans.is_empty() {
        spans.push(Span::styled(
            "mark events (m) to derive time to detect / mitigate / resolve",
            theme.muted,
        ));
    }
    put_line(buf, area, area.y, &Line::from(spans), theme.base);
    strip::render(app, &summary, area, area.y + 1, buf);

    let rows = area.height.saturating_sub(HEADER_ROWS as u16) as usize;
    if doc.timeline.is_empty() {
        put_line(
            buf,
            area,
            area.y + HEADER_ROWS as u16,
            &Line::from(Span::styled(
                " no events yet: press a to add one",
                theme.muted,
            )),
            theme.base,
        );
        return;
    }
    let offset = offset_for(app, Pane::Timeline, rows);
    let linked = app.linked_ids();
    let focused = app.focus == Pane::Timeline;
    let width = area.width as usize;
    let show_sides = width >= 60;
    let side = if width >= 100 { 14 } else { 10 };
    let fixed = 2 + 9 + 3 + if show_sides { 2 * (side + 1) } else { 0 };
    let text_width = width.saturating_sub(fixed).max(8);
    let show_date = doc
        .timeline
        .first()
        .zip(doc.timeline.last())
        .is_some_and(|(a, b)| zone.local(&a.at).date() != zone.local(&b.at).date());
    for (row, event) in doc.timeline.iter().enumerate().skip(offset).take(rows) {
        let selected = focused && row == app.cursor.timeline;
        let is_linked = linked.contains(&event.id);
        let hit = is_hit(app, Pane::Timeline, row);
        let style = row_style(app, selected, is_linked, hit);
        let glyphs: String = event.marks.iter().map(|m| m.glyph()).take(2).collect();
        let clock = if show_date {
            zone.local(&event.at).format("%d %H:%M").to_string()
        } else {
            zone.clock(&event.at)
        };
        let gap = if event.gap { "? " } else { "" };
        let private = super::privacy_mark(event.private, false);
        let others = super::others_here(app, &event.id);
        let mut spans = vec![
            Span::styled(format!("{} ", row_glyph(selected, is_linked, hit)), style),
            Span::styled(
                format!("{:<9}", fit(&clock, 8)),
                if selected {
                    style
                } else {
                    theme.time.patch(style)
                },
            ),
            Span::styled(
                format!("{:<3}", glyphs),
                if selected { style } else { theme.mark },
            ),
        ];
        // Lint findings: the matched words underlined, a glyph in the lead.
        let flagged = crate::tui::findings::ranges(app, List::Timeline, row, ItemField::Text);
        spans.extend(crate::tui::findings::underlined(
            app,
            &event.text,
            &flagged,
            text_width.saturating_sub(gap.len() + private.len() + others.chars().count()),
            style,
        ));
        if !others.is_empty() {
            spans.insert(3, Span::styled(others, theme.mark.patch(style)));
        }
        if !private.is_empty() {
            spans.insert(3, Span::styled(private, style));
        }
        if !gap.is_empty() {
            spans.insert(3, Span::styled(gap, style));
        }
        if show_sides {
            spans.push(Span::styled(
                format!(" {:<side$}", fit(&event.source, side)),
                if selected { style } else { theme.muted },
            ));
            spans.push(Span::styled(
                format!(" {:<side$}", fit(&event.actor, side)),
                if selected { style } else { theme.muted },
            ));
        }
        let y = area.y + HEADER_ROWS as u16 + (row - offset) as u16;
        put_line(buf, area, y, &Line::from(spans), style);
        crate::tui::findings::mark_row(app, List::Timeline, row, area.x + 1, y, buf);
    }
}
