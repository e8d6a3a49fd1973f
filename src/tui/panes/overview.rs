//! Overview: meta, summary, root cause statement, impact and document
//! settings (fields, see [`super::fields`]); then the key intervals and the
//! gap questions (read-only, from the cached timeline summary).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::model::{GAP_THRESHOLD, format_duration};
use crate::tui::app::{App, Pane};

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
    super::fields::render(app, Pane::Overview, area, buf);
}
