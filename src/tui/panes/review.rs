//! Review: the detection & response table cell by cell, went well / poorly
//! / lucky, lessons, the project parts, follow-up, sign-off, distribution
//! and the appendix (fields, see [`super::fields`]); then what an import
//! could not map (read-only).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui::app::{App, Pane};

/// Draws the review.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    super::fields::render(app, Pane::Review, area, buf);
}
