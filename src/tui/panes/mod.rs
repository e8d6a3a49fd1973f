//! The panes: each renders from `&App` (visible rows only) and maps a click
//! back to a selection.

pub mod actions;
mod draw;
pub mod factors;
pub mod fields;
pub mod overview;
pub mod preview;
pub mod review;
pub mod strip;
pub mod timeline;
pub mod whys;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

pub use draw::{fit, is_hit, put_line, row_glyph, row_style, wrap};
pub use fields::{field_title, fields};

use super::action::Action;
use super::app::App;
use super::layout::{Layout, scrolled};
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
    let mut inner = frame(app, pane, area, buf);
    if has_detail(pane, area) {
        let strip = Rect::new(
            inner.x,
            inner.bottom() - DETAIL_ROWS,
            inner.width,
            DETAIL_ROWS,
        );
        inner.height -= DETAIL_ROWS;
        detail(app, pane, strip, buf);
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
    let rows = content_rows_in(pane, area);
    let (selected, len) = selected_line(app, pane);
    let offset = visible_offset(app, pane, selected, rows, len);
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

/// Lines at the bottom of a list pane showing the selected item in full,
/// so nothing cut short in a row is hidden.
const DETAIL_ROWS: u16 = 2;

fn has_detail(pane: Pane, area: Rect) -> bool {
    pane.list().is_some() && area.height >= 12
}

fn detail(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let zone = app.doc.display_zone();
    let text = match pane {
        Pane::Timeline => app.doc.timeline.get(app.cursor.timeline).map(|e| {
            let marks: Vec<&str> = e.marks.iter().map(|m| m.label()).collect();
            format!(
                "{} {} {} · {} · {}{}",
                e.id,
                zone.date_time(&e.at),
                e.text,
                if e.source.is_empty() {
                    "no source"
                } else {
                    &e.source
                },
                if e.actor.is_empty() {
                    "no actor"
                } else {
                    &e.actor
                },
                if marks.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", marks.join(", "))
                }
            )
        }),
        Pane::Whys => match app.selected_why() {
            Some(i) => {
                let w = &app.doc.whys.nodes[i];
                Some(format!(
                    "{}{} {}",
                    w.id,
                    if w.question.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", w.question)
                    },
                    w.text
                ))
            }
            None => Some(format!("Problem: {}", app.doc.whys.problem)),
        },
        Pane::Factors => app.doc.factors.get(app.cursor.factors).map(|f| {
            let links: Vec<&str> = f.events.iter().chain(&f.whys).map(String::as_str).collect();
            format!(
                "{} [{}] {} · cites {}",
                f.id,
                f.category,
                f.text,
                if links.is_empty() {
                    "nothing".to_string()
                } else {
                    links.join(", ")
                }
            )
        }),
        Pane::Actions => app.doc.actions.get(app.cursor.actions).map(|a| {
            format!(
                "{} {} · {} · owner {} · due {} · {}{}",
                a.id,
                a.title,
                a.priority.map(|p| p.label()).unwrap_or("no priority"),
                if a.owner.is_empty() { "none" } else { &a.owner },
                a.due
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "none".into()),
                a.status.label(),
                if a.ticket.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", a.ticket)
                }
            )
        }),
        _ => None,
    };
    let lines = wrap(&text.unwrap_or_default(), area.width as usize);
    let rule = "╌".repeat(area.width as usize);
    buf.set_string(area.x, area.y.saturating_sub(0), "", theme.muted);
    for (k, l) in lines.iter().take(area.height as usize).enumerate() {
        let mut shown = l.clone();
        if k + 1 == area.height as usize && lines.len() > area.height as usize {
            shown = fit(&format!("{l} …"), area.width as usize);
        }
        put_line(
            buf,
            area,
            area.y + k as u16,
            &Line::from(Span::styled(
                shown,
                theme.muted.add_modifier(ratatui::style::Modifier::ITALIC),
            )),
            theme.base,
        );
    }
    let _ = rule;
}

/// Rows of scrollable content inside a pane of `area` (borders, fixed
/// header lines and the detail strip taken off).
fn content_rows_in(pane: Pane, area: Rect) -> usize {
    let detail = if has_detail(pane, area) {
        DETAIL_ROWS as usize
    } else {
        0
    };
    let inner = (area.height.saturating_sub(2) as usize).saturating_sub(detail);
    match pane {
        Pane::Timeline => inner.saturating_sub(timeline::HEADER_ROWS),
        Pane::Actions => inner.saturating_sub(1) / actions::CARD_HEIGHT,
        _ => inner,
    }
    .max(1)
}

/// Rows of scrollable content of a visible pane.
pub fn content_rows(_app: &App, pane: Pane, layout: &Layout) -> usize {
    layout
        .area(pane)
        .map_or(1, |area| content_rows_in(pane, area))
}

/// The selected row and the number of rows, in the pane's scroll units.
pub fn selected_line(app: &App, pane: Pane) -> (usize, usize) {
    match pane {
        Pane::Timeline => (app.cursor.timeline, app.doc.timeline.len()),
        Pane::Whys => (app.cursor.whys, app.why_rows().len()),
        Pane::Factors => factors::selected_line(app),
        Pane::Actions => actions::selected_line(app),
        Pane::Overview | Pane::Review => fields::selected_line(app, pane),
        Pane::Preview => (app.cursor.offset[6], preview::line_count(app)),
    }
}

/// The first visible row, with the selection always in view.
pub fn visible_offset(app: &App, pane: Pane, selected: usize, rows: usize, len: usize) -> usize {
    let stored = app.cursor.offset[pane.number() - 1];
    if pane == Pane::Preview {
        return stored.min(len.saturating_sub(1));
    }
    scrolled(stored, selected, rows, len)
}

/// The offset for a pane drawn in `inner` (content area).
pub(crate) fn offset_for(app: &App, pane: Pane, rows: usize) -> usize {
    let (selected, len) = selected_line(app, pane);
    visible_offset(app, pane, selected, rows, len)
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
    let rows = content_rows_in(pane, area);
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
