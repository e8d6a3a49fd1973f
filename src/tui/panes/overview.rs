//! Overview: meta, summary, root cause statement and impact, one editable
//! field per block; then the key intervals and the gap questions (read-only,
//! from the cached timeline summary).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{is_hit, offset_for, put_line, wrap};
use crate::model::edit::DocField;
use crate::model::{GAP_THRESHOLD, format_duration};
use crate::tui::app::{App, Pane};

/// The editable fields, in display order.
pub const FIELDS: &[DocField] = &[
    DocField::Title,
    DocField::DocId,
    DocField::Severity,
    DocField::Status,
    DocField::Timezone,
    DocField::Services,
    DocField::Authors,
    DocField::Summary,
    DocField::RootCause,
    DocField::UsersAffected,
    DocField::ImpactDuration,
    DocField::RequestsFailed,
    DocField::Revenue,
    DocField::Sla,
    DocField::DataLoss,
    DocField::CustomerComplaints,
];

/// Display lines of `fields`: the field index each belongs to and its text
/// (`label` lines are the field's first).
pub fn field_lines(app: &App, fields: &[DocField], width: usize) -> Vec<(usize, bool, String)> {
    let mut out = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let value = field.get(&app.doc);
        let bullets = matches!(
            field,
            DocField::Services
                | DocField::Authors
                | DocField::WentWell
                | DocField::WentPoorly
                | DocField::Lucky
                | DocField::Lessons
                | DocField::Distribution
        );
        if !field.multiline() || value.is_empty() {
            let shown = if value.is_empty() {
                "—".to_string()
            } else {
                value
            };
            let label = format!("{}: ", field.label());
            let mut wrapped =
                wrap(&shown, width.saturating_sub(label.chars().count() + 2)).into_iter();
            out.push((
                i,
                true,
                format!("{label}{}", wrapped.next().unwrap_or_default()),
            ));
            out.extend(wrapped.map(|l| (i, false, format!("    {l}"))));
            continue;
        }
        out.push((i, true, format!("{}:", field.label())));
        for item in value.lines() {
            let text = if bullets {
                format!("• {item}")
            } else {
                item.to_string()
            };
            for (k, l) in wrap(&text, width.saturating_sub(4)).into_iter().enumerate() {
                out.push((
                    i,
                    false,
                    format!("{}{l}", if k == 0 || !bullets { "  " } else { "    " }),
                ));
            }
        }
    }
    out
}

fn width_of(app: &App, pane: Pane) -> usize {
    app.layout()
        .area(pane)
        .map_or(60, |r| r.width.saturating_sub(2) as usize)
}

/// The first line of the selected field and the number of lines.
pub fn selected_line(app: &App, fields: &[DocField], selected: usize) -> (usize, usize) {
    let pane = if std::ptr::eq(fields, FIELDS) {
        Pane::Overview
    } else {
        Pane::Review
    };
    let lines = field_lines(app, fields, width_of(app, pane));
    let at = lines
        .iter()
        .position(|(i, _, _)| *i == selected)
        .unwrap_or(0);
    if pane == Pane::Overview {
        // The read-only block under the last field scrolls into view with it.
        let len = lines.len() + extra_lines(app).len();
        let at = if selected + 1 == fields.len() {
            len - 1
        } else {
            at
        };
        return (at, len);
    }
    (at, lines.len() + super::review::extra_lines(app).len())
}

/// Selects the field on display line `line`.
pub fn click_field(app: &mut App, fields: &[DocField], line: usize, review: bool) {
    let pane = if review { Pane::Review } else { Pane::Overview };
    if let Some((i, _, _)) = field_lines(app, fields, width_of(app, pane)).get(line) {
        if review {
            app.cursor.review = *i;
        } else {
            app.cursor.overview = *i;
        }
    }
}

/// Draws field blocks plus `extra` read-only lines.
pub fn render_fields(
    app: &App,
    pane: Pane,
    fields: &[DocField],
    selected: usize,
    extra: Vec<Line<'static>>,
    area: Rect,
    buf: &mut Buffer,
) {
    let theme = &app.theme;
    let lines = field_lines(app, fields, area.width as usize);
    let height = area.height as usize;
    let offset = offset_for(app, pane, height);
    let focused = app.focus == pane;
    let field_count = lines.len();
    for (r, (i, first, text)) in lines.into_iter().enumerate().skip(offset).take(height) {
        let is_selected = focused && i == selected;
        let hit = is_hit(app, pane, i);
        let style = super::row_style(app, is_selected, false, hit);
        let y = area.y + (r - offset) as u16;
        let line = if first {
            let (label, rest) = text.split_once(':').unwrap_or((&text, ""));
            Line::from(vec![
                Span::styled(if is_selected { "▶" } else { " " }, style),
                Span::styled(
                    format!("{label}:"),
                    if is_selected { style } else { theme.category },
                ),
                Span::styled(rest.to_string(), style),
            ])
        } else {
            Line::from(vec![
                Span::styled(if is_selected { "▶" } else { " " }, style),
                Span::styled(text, style),
            ])
        };
        put_line(
            buf,
            area,
            y,
            &line,
            if is_selected { style } else { theme.base },
        );
    }
    for (k, line) in extra.into_iter().enumerate() {
        let r = field_count + k;
        if r < offset || r >= offset + height {
            continue;
        }
        put_line(buf, area, area.y + (r - offset) as u16, &line, theme.base);
    }
}

/// At most this many gap questions are listed (the block stays short enough
/// to show with the last field at 80×24); the rest are counted.
const MAX_QUESTIONS: usize = 5;

/// The read-only lines under the fields: key intervals, then the questions
/// the timeline's silences raise.
pub fn extra_lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let summary = app.summary();
    let zone = app.doc.display_zone();
    let mut out = vec![
        Line::from(""),
        Line::from(Span::styled(" Key intervals", theme.category)),
    ];
    if summary.intervals.items.is_empty() {
        out.push(Line::from(Span::styled(
            "   (mark timeline events to derive them)",
            theme.muted,
        )));
    }
    for interval in &summary.intervals.items {
        out.push(Line::from(vec![
            Span::styled(format!("  {:<30}", interval.kind.label()), theme.base),
            Span::styled(
                format!("{:<9}", format_duration(interval.duration())),
                theme.mark,
            ),
            Span::styled(
                format!(
                    "{} → {}",
                    zone.date_time(&interval.from),
                    if zone.local(&interval.from).date() == zone.local(&interval.to).date() {
                        zone.clock(&interval.to)
                    } else {
                        zone.date_time(&interval.to)
                    }
                ),
                theme.muted,
            ),
        ]));
    }
    if summary.gaps.is_empty() {
        return out;
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        format!(
            " Questions (silences over {} minutes)",
            GAP_THRESHOLD.num_minutes()
        ),
        theme.category,
    )));
    for gap in summary.gaps.iter().take(MAX_QUESTIONS) {
        out.push(Line::from(vec![
            Span::styled("  ? ", theme.warning),
            Span::styled(
                format!(
                    "what happened between {} and {}?",
                    zone.clock(&gap.from),
                    zone.clock(&gap.to)
                ),
                theme.base,
            ),
        ]));
    }
    if summary.gaps.len() > MAX_QUESTIONS {
        out.push(Line::from(Span::styled(
            format!(
                "    … and {} more (debrief check lists them all)",
                summary.gaps.len() - MAX_QUESTIONS
            ),
            theme.muted,
        )));
    }
    out
}

/// Draws the overview.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    render_fields(
        app,
        Pane::Overview,
        FIELDS,
        app.cursor.overview,
        extra_lines(app),
        area,
        buf,
    );
}
