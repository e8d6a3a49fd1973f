//! The time-axis strip above the timeline rows: first and last event time,
//! and between them mark glyphs where they fall, `░` over gaps longer than
//! the threshold and `?` at unknowns. Glyphs carry the meaning, so it reads
//! without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::put_line;
use crate::tui::app::App;
use crate::tui::summary::{StripCell, Summary};

/// The glyph of a gap column.
pub const GAP_GLYPH: char = '░';
/// The glyph of time with nothing notable.
pub const AXIS_GLYPH: char = '─';

/// Draws the strip on row `y` of `area`.
pub fn render(app: &App, summary: &Summary, area: Rect, y: u16, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some((first, last)) = summary.span else {
        return;
    };
    let zone = app.doc.display_zone();
    let (start, end) = (
        format!(" {} ", zone.clock(&first)),
        format!(" {} ", zone.clock(&last)),
    );
    let labels = start.chars().count() + end.chars().count();
    let width = area.width as usize;
    let show_labels = width >= labels + 16;
    let axis = if show_labels { width - labels } else { width };
    let mut spans = Vec::new();
    if show_labels {
        spans.push(Span::styled(start, theme.time));
    }
    // Runs of one kind become one span: a frame touches `width` cells once.
    let mut run = String::new();
    let mut run_style = theme.muted;
    for cell in summary.strip(axis).iter() {
        let (glyph, style) = match cell {
            StripCell::Axis => (AXIS_GLYPH, theme.muted),
            StripCell::Gap => (GAP_GLYPH, theme.warning),
            StripCell::Unknown => ('?', theme.warning),
            StripCell::Mark(mark) => (mark.glyph(), theme.mark),
        };
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push(glyph);
    }
    spans.push(Span::styled(run, run_style));
    if show_labels {
        spans.push(Span::styled(end, theme.time));
    }
    put_line(buf, area, y, &Line::from(spans), theme.base);
}
