//! The panes: each renders from `&App` (visible rows only) and maps a click
//! back to a selection.

pub mod actions;
mod detail;
mod draw;
pub mod factors;
pub mod fields;
pub mod links;
pub mod overview;
pub mod preview;
pub mod reading;
pub mod review;
pub mod strip;
pub mod timeline;
pub mod whys;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

pub use draw::{
    fit, fit_start, is_hit, others_here, privacy_mark, put_line, row_glyph, row_style, wrap,
};
pub use fields::{field_title, fields};

use super::action::Action;
use super::app::App;
use super::layout::{Layout, scrolled_by};
use crate::config::Scroll;
use crate::model::edit::List;

/// A pane (or full-screen view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Timeline of events.
    Timeline,
    /// 5 Whys tree.
    Whys,
    /// Contributing factors.
    Factors,
    /// Action board.
    Actions,
    /// Meta, summary, impact.
    Overview,
    /// Response, went well / poorly / lucky, lessons…
    Review,
    /// Exported Markdown.
    Preview,
}

impl Pane {
    /// Every pane, in tab order (number keys 1–7).
    pub const ALL: [Pane; 7] = [
        Pane::Timeline,
        Pane::Whys,
        Pane::Factors,
        Pane::Actions,
        Pane::Overview,
        Pane::Review,
        Pane::Preview,
    ];

    /// The four panes of the grid.
    pub const GRID: [Pane; 4] = [Pane::Timeline, Pane::Whys, Pane::Factors, Pane::Actions];

    /// Title shown on the border and the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::Whys => "5 Whys",
            Pane::Factors => "Factors",
            Pane::Actions => "Actions",
            Pane::Overview => "Overview",
            Pane::Review => "Review",
            Pane::Preview => "Preview",
        }
    }

    /// The key map section.
    pub fn section(self) -> &'static str {
        match self {
            Pane::Timeline => "timeline",
            Pane::Whys => "whys",
            Pane::Factors => "factors",
            Pane::Actions => "actions",
            Pane::Overview => "overview",
            Pane::Review => "review",
            Pane::Preview => "preview",
        }
    }

    /// The number key.
    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    /// The action that shows this pane (number keys by default).
    pub fn view_action(self) -> Action {
        match self {
            Pane::Timeline => Action::ViewTimeline,
            Pane::Whys => Action::ViewWhys,
            Pane::Factors => Action::ViewFactors,
            Pane::Actions => Action::ViewActions,
            Pane::Overview => Action::ViewOverview,
            Pane::Review => Action::ViewReview,
            Pane::Preview => Action::ViewPreview,
        }
    }

    /// The pane `action` shows, if it is a view action.
    pub fn viewed_by(action: Action) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| p.view_action() == action)
    }

    /// The keys the status bar offers in this pane, most important first,
    /// with a short label (`?` for help is always added).
    pub fn hints(self) -> &'static [(Action, &'static str)] {
        use Action::*;
        match self {
            Pane::Timeline => &[
                (Add, "add"),
                (Edit, "edit"),
                (Mark, "mark"),
                (Link, "link"),
                (Delete, "delete"),
                (Search, "search"),
                (CommandLine, "command"),
                (Quit, "quit"),
            ],
            Pane::Whys => &[
                (Add, "add"),
                (AddChild, "add child"),
                (Edit, "edit"),
                (ToggleRoot, "root"),
                (Link, "link"),
                (Delete, "delete"),
                (CommandLine, "command"),
                (Quit, "quit"),
            ],
            Pane::Factors => &[
                (Add, "add"),
                (Edit, "edit"),
                (Cycle, "category"),
                (Link, "link"),
                (Delete, "delete"),
                (CommandLine, "command"),
                (Quit, "quit"),
            ],
            Pane::Actions => &[
                (Add, "add"),
                (Edit, "edit"),
                (Cycle, "status"),
                (CyclePriority, "priority"),
                (CycleType, "type"),
                (Link, "link"),
                (Delete, "delete"),
                (CommandLine, "command"),
                (Quit, "quit"),
            ],
            Pane::Overview | Pane::Review => &[
                (Edit, "edit"),
                (Cycle, "cycle"),
                (Delete, "clear"),
                (Search, "search"),
                (CommandLine, "command"),
                (Quit, "quit"),
            ],
            Pane::Preview => &[
                (Search, "search"),
                (SearchNext, "next"),
                (CommandLine, "command"),
                (Quit, "quit"),
            ],
        }
    }

    /// The list of items this pane edits, if any.
    pub fn list(self) -> Option<List> {
        match self {
            Pane::Timeline => Some(List::Timeline),
            Pane::Whys => Some(List::Whys),
            Pane::Factors => Some(List::Factors),
            Pane::Actions => Some(List::Actions),
            _ => None,
        }
    }
}

/// Renders `pane` into `area`.
pub fn render(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    // On a shared screen (zoom, presenter view) panes read in full.
    if (app.stage.zoom || app.stage.present) && pane != Pane::Preview {
        return reading::render(app, pane, area, buf);
    }
    let mut inner = frame(app, pane, area, buf);
    let rows = detail::rows(pane, area);
    if rows > 0 {
        let strip = Rect::new(inner.x, inner.bottom() - rows, inner.width, rows);
        inner.height -= rows;
        detail::render(app, pane, strip, buf);
    }
    match pane {
        Pane::Timeline => timeline::render(app, inner, buf),
        Pane::Whys => whys::render(app, inner, buf),
        Pane::Factors => factors::render(app, inner, buf),
        Pane::Actions => actions::render(app, inner, buf),
        Pane::Overview => overview::render(app, inner, buf),
        Pane::Review => review::render(app, inner, buf),
        Pane::Preview => preview::render(app, inner, buf),
    }
}

/// Draws the border, title and scroll indicator; returns the inside.
fn frame(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) -> Rect {
    let focused = app.focus == pane;
    let theme = &app.theme;
    let marker = if focused { "▶ " } else { "" };
    let title = Line::from(vec![
        Span::styled(
            format!(" {marker}{} {} ", pane.number(), pane.title()),
            theme.title,
        ),
        Span::styled(subtitle(app, pane), theme.muted),
    ]);
    let mut block = Block::bordered()
        .title(title)
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .style(theme.base);
    let layout = app.layout();
    let rows = content_rows_in(app, pane, area);
    let len = selection(app, pane).len;
    let offset = offset_for(app, pane, rows);
    let _ = layout;
    if len > rows {
        let up = if offset > 0 { "↑" } else { " " };
        let down = if offset + rows < len { "↓" } else { " " };
        let shown_to = (offset + rows).min(len);
        block = block.title_bottom(
            Line::from(Span::styled(
                format!(" {up}{down} {}-{} of {len} ", offset + 1, shown_to),
                theme.warning,
            ))
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

fn subtitle(app: &App, pane: Pane) -> String {
    match pane {
        // Times in the rows are wall-clock times in this zone.
        Pane::Timeline => format!(
            "{} events · {} ",
            app.doc.timeline.len(),
            app.doc.display_zone()
        ),
        Pane::Whys => format!("{} causes ", app.doc.whys.nodes.len()),
        Pane::Factors => format!("{} factors ", app.doc.factors.len()),
        Pane::Actions => format!(
            "{} items · by {} ",
            app.doc.actions.len(),
            app.grouping.label()
        ),
        _ => String::new(),
    }
}

/// Rows of scrollable content inside a pane of `area` (borders, fixed
/// header lines and the detail strip taken off).
fn content_rows_in(app: &App, pane: Pane, area: Rect) -> usize {
    let detail = detail::rows(pane, area) as usize;
    let inner = (area.height.saturating_sub(2) as usize).saturating_sub(detail);
    match pane {
        Pane::Timeline => inner.saturating_sub(timeline::HEADER_ROWS),
        Pane::Actions => actions::content_rows(app, area.width.saturating_sub(2), inner),
        _ => inner,
    }
    .max(1)
}

/// Rows of scrollable content of a visible pane.
pub fn content_rows(app: &App, pane: Pane, layout: &Layout) -> usize {
    layout
        .area(pane)
        .map_or(1, |area| content_rows_in(app, pane, area))
}

/// Where the selection is, in the pane's scroll units (rows; card rows
/// on the action board).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// The first row that shows with it (a heading above it).
    pub top: usize,
    /// The selected item's own first row.
    pub row: usize,
    /// Its last row (a card's second line).
    pub bottom: usize,
    /// The number of rows.
    pub len: usize,
}

impl Selection {
    /// A selection of one row.
    pub fn single(row: usize, len: usize) -> Selection {
        Selection {
            top: row,
            row,
            bottom: row,
            len,
        }
    }
}

/// Where the selection of `pane` is.
pub fn selection(app: &App, pane: Pane) -> Selection {
    match pane {
        Pane::Timeline => Selection::single(app.cursor.timeline, app.doc.timeline.len()),
        Pane::Whys => Selection::single(app.cursor.whys, app.why_rows().len()),
        Pane::Factors => factors::selection(app),
        Pane::Actions => actions::selection(app),
        Pane::Overview | Pane::Review => fields::selection(app, pane),
        Pane::Preview => Selection::single(app.cursor.offset[6], preview::line_count(app)),
    }
}

/// The selected row and the number of rows, in the pane's scroll units.
pub fn selected_line(app: &App, pane: Pane) -> (usize, usize) {
    let sel = selection(app, pane);
    (sel.row, sel.len)
}

/// The first visible row of `rows`, scrolled from `stored` so the whole
/// selection shows, as little as possible or (`scroll`) by half a page.
pub fn scroll_for(app: &App, pane: Pane, stored: usize, rows: usize, scroll: Scroll) -> usize {
    let sel = selection(app, pane);
    if pane == Pane::Preview {
        return stored.min(sel.len.saturating_sub(1));
    }
    scrolled_by(scroll, stored, sel.top, sel.bottom, rows, sel.len)
}

/// The offset for a pane drawn in `inner` (content area).
pub(crate) fn offset_for(app: &App, pane: Pane, rows: usize) -> usize {
    let stored = app.cursor.offset[pane.number() - 1];
    scroll_for(app, pane, stored, rows, Scroll::Line)
}

/// The tab under column `x` of the tab bar.
pub fn tab_at(layout: &Layout, x: u16) -> Option<Pane> {
    let mut at = layout.tabs.x;
    for pane in Pane::ALL {
        let w = tab_label(pane).chars().count() as u16;
        if x >= at && x < at + w {
            return Some(pane);
        }
        at += w;
    }
    None
}

/// A tab's text.
pub fn tab_label(pane: Pane) -> String {
    format!(" {} {} ", pane.number(), pane.title())
}

/// What a click selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Click {
    /// A timeline event, by index.
    Event(usize),
    /// A row of the visible whys tree.
    WhyRow(usize),
    /// A factor, by index.
    Factor(usize),
    /// An action, by index.
    Action(usize),
    /// A field of a field pane, by index.
    Field(Pane, usize),
}

/// What was clicked at `at` inside `area`, if anything.
pub fn click(app: &App, pane: Pane, area: Rect, at: Position) -> Option<Click> {
    let inner = Block::bordered().inner(area);
    if !inner.contains(at) {
        return None;
    }
    let row = (at.y - inner.y) as usize;
    let rows = content_rows_in(app, pane, area);
    let offset = offset_for(app, pane, rows);
    match pane {
        Pane::Timeline if row >= timeline::HEADER_ROWS => {
            let i = offset + row - timeline::HEADER_ROWS;
            (i < app.doc.timeline.len()).then_some(Click::Event(i))
        }
        Pane::Whys => {
            let i = offset + row;
            (i < app.why_rows().len()).then_some(Click::WhyRow(i))
        }
        Pane::Factors => factors::click(app, offset + row).map(Click::Factor),
        Pane::Actions => actions::click(app, inner, offset, at).map(Click::Action),
        Pane::Overview | Pane::Review => {
            fields::click(app, pane, offset + row).map(|i| Click::Field(pane, i))
        }
        _ => None,
    }
}
