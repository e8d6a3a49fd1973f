//! Where everything goes on screen: a pure function of size and focus, used
//! by rendering and by mouse handling alike.

use ratatui::layout::{Constraint, Layout as Split, Rect};

use super::app::Pane;
use crate::config::Scroll;

/// The grid needs at least this much room; below it one pane is shown.
pub const GRID_MIN: (u16, u16) = (120, 32);

/// Screen areas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Title, status and counts.
    pub header: Rect,
    /// The tab bar.
    pub tabs: Rect,
    /// Messages, prompts and key hints.
    pub status: Rect,
    /// The visible panes and their areas.
    pub panes: Vec<(Pane, Rect)>,
    /// Under a single list pane: the selection's links in the other panes
    /// (the grid shows them highlighted instead).
    pub links: Option<Rect>,
}

/// Rows of the links strip under a single list pane (borders included).
const LINKS_ROWS: u16 = 5;

impl Layout {
    /// Lays out `area` with `focus` visible.
    pub fn compute(area: Rect, focus: Pane) -> Layout {
        let [header, tabs, body, status] = Split::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let grid =
            area.width >= GRID_MIN.0 && area.height >= GRID_MIN.1 && Pane::GRID.contains(&focus);
        let panes = if grid {
            let [top, bottom] =
                Split::vertical([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(body);
            let [tl, tr] =
                Split::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(top);
            let [bl, br] =
                Split::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
                    .areas(bottom);
            vec![
                (Pane::Timeline, tl),
                (Pane::Whys, tr),
                (Pane::Factors, bl),
                (Pane::Actions, br),
            ]
        } else {
            vec![(focus, body)]
        };
        let mut layout = Layout {
            header,
            tabs,
            status,
            panes,
            links: None,
        };
        if !grid && focus.list().is_some() && body.height >= 14 + LINKS_ROWS {
            let [pane, links] =
                Split::vertical([Constraint::Fill(1), Constraint::Length(LINKS_ROWS)]).areas(body);
            layout.panes = vec![(focus, pane)];
            layout.links = Some(links);
        }
        layout
    }

    /// The area of a pane, when it is visible.
    pub fn area(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }

    /// Rows of content a pane shows (inside its border).
    pub fn rows(&self, pane: Pane) -> usize {
        self.area(pane)
            .map_or(10, |r| r.height.saturating_sub(2) as usize)
            .max(1)
    }
}

/// The first visible row so that `selected` is in view, moving `offset` as
/// little as possible.
pub fn scrolled(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    scrolled_span(offset, selected, selected, height, len)
}

/// Like [`scrolled`] for a selection that spans rows `top..=bottom` (a
/// heading with the item under it, a card of two lines): the whole span
/// shows when it fits, its top when it does not.
pub fn scrolled_span(offset: usize, top: usize, bottom: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut offset = offset.min(len.saturating_sub(height));
    if bottom >= offset + height {
        offset = bottom + 1 - height;
    }
    if top < offset {
        offset = top;
    }
    offset
}

/// Like [`scrolled_span`], moving `offset` by half of `height` more when it
/// has to move at all ([`Scroll::HalfPage`]), as far as the whole span
/// still shows and the list allows.
pub fn scrolled_by(
    scroll: Scroll,
    offset: usize,
    top: usize,
    bottom: usize,
    height: usize,
    len: usize,
) -> usize {
    let height = height.max(1);
    let before = offset.min(len.saturating_sub(height));
    let after = scrolled_span(offset, top, bottom, height, len);
    if scroll == Scroll::Line || after == before {
        return after;
    }
    let jump = height / 2;
    if after > before {
        (after + jump).min(top).min(len.saturating_sub(height))
    } else {
        after
            .saturating_sub(jump)
            .max((bottom + 1).saturating_sub(height))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_scroll_moves_as_little_as_possible() {
        // 16 rows shown of 100, the selection steps past the last one.
        assert_eq!(scrolled_by(Scroll::Line, 0, 16, 16, 16, 100), 1);
        assert_eq!(scrolled_by(Scroll::Line, 10, 9, 9, 16, 100), 9);
    }

    #[test]
    fn half_page_scroll_jumps_and_keeps_the_selection_in_view() {
        // Down past the last row: the view moves by 1 + 8, the selection
        // lands on row 7 of 16 with 8 rows ahead.
        assert_eq!(scrolled_by(Scroll::HalfPage, 0, 16, 16, 16, 100), 9);
        // Up past the first row: the selection lands on row 8.
        assert_eq!(scrolled_by(Scroll::HalfPage, 10, 9, 9, 16, 100), 1);
        // Never past either end of the list.
        assert_eq!(scrolled_by(Scroll::HalfPage, 80, 96, 96, 16, 100), 84);
        assert_eq!(scrolled_by(Scroll::HalfPage, 3, 2, 2, 16, 100), 0);
        // A move inside the view does not scroll.
        assert_eq!(scrolled_by(Scroll::HalfPage, 9, 20, 20, 16, 100), 9);
        // A list that shrank is only clamped.
        assert_eq!(scrolled_by(Scroll::HalfPage, 90, 10, 10, 16, 20), 4);
    }

    #[test]
    fn half_page_scroll_keeps_a_whole_span() {
        // A two-row card at rows 20..=21 in 16 rows: its top stays shown.
        let offset = scrolled_by(Scroll::HalfPage, 0, 20, 21, 16, 100);
        assert!(offset <= 20 && 21 < offset + 16, "{offset}");
        // A span taller than the view shows its top.
        assert_eq!(scrolled_by(Scroll::HalfPage, 0, 30, 60, 16, 100), 30);
        let offset = scrolled_by(Scroll::HalfPage, 50, 40, 41, 16, 100);
        assert!(offset <= 40 && 41 < offset + 16, "{offset}");
    }
}
