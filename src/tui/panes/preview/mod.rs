//! Preview: the exported Markdown rendered in the terminal through
//! pulldown-cmark (headings, lists, tables, emphasis, code), for the
//! audience chosen with `a` (internal, customer, exec). `markdown.rs` lays
//! the Markdown out as lines; this file caches them and draws them.

mod markdown;

pub use markdown::to_lines;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use std::cell::RefCell;
use std::rc::Rc;

use super::put_line;
use crate::export::Audience;
use crate::tui::app::{App, Pane};

/// The preview's lines at `width` columns, for the audience chosen.
pub fn lines(app: &App, width: usize) -> Rc<[Line<'static>]> {
    app.preview
        .get(app.history.revision, width, app.audience, || {
            let text = crate::export::preview(&app.doc, app.audience, &app.privacy);
            to_lines(&text, &app.theme, width)
        })
}

/// The rendered preview of the last revision and width: exporting and
/// laying out the whole document is linear in it, so it happens once per
/// edit, not once per frame or scroll step.
#[derive(Debug, Default)]
pub struct PreviewCache {
    slot: RefCell<Option<CachedPreview>>,
}

/// Revision, width, audience and the lines rendered for them.
type CachedPreview = (u64, usize, Audience, Rc<[Line<'static>]>);

impl PreviewCache {
    fn get(
        &self,
        revision: u64,
        width: usize,
        audience: Audience,
        render: impl FnOnce() -> Vec<Line<'static>>,
    ) -> Rc<[Line<'static>]> {
        let mut slot = self.slot.borrow_mut();
        if let Some((rev, w, a, lines)) = slot.as_ref()
            && *rev == revision
            && *w == width
            && *a == audience
        {
            return Rc::clone(lines);
        }
        let lines: Rc<[Line<'static>]> = render().into();
        *slot = Some((revision, width, audience, Rc::clone(&lines)));
        lines
    }
}

/// Lines of the preview (at its current width) that contain `query`,
/// ignoring case.
pub fn matching_lines(app: &App, query: &str) -> Vec<usize> {
    lines(app, width(app))
        .iter()
        .enumerate()
        .filter(|(_, line)| !match_ranges(&line_text(line), query).is_empty())
        .map(|(i, _)| i)
        .collect()
}

fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Char ranges of `text` where `query` matches, ignoring case.
fn match_ranges(text: &str, query: &str) -> Vec<(usize, usize)> {
    let text: Vec<char> = text.chars().collect();
    let query: Vec<char> = query.chars().collect();
    let same = |a: char, b: char| a == b || a.to_lowercase().eq(b.to_lowercase());
    let mut out = Vec::new();
    let mut at = 0;
    while !query.is_empty() && at + query.len() <= text.len() {
        if text[at..at + query.len()]
            .iter()
            .zip(&query)
            .all(|(a, b)| same(*a, *b))
        {
            out.push((at, at + query.len()));
            at += query.len();
        } else {
            at += 1;
        }
    }
    out
}

/// `line` with the parts matching `query` drawn in `style`.
fn highlighted(line: &Line<'static>, query: &str, style: Style) -> Line<'static> {
    let ranges = match_ranges(&line_text(line), query);
    if ranges.is_empty() {
        return line.clone();
    }
    let mut spans = Vec::new();
    let mut at = 0;
    for span in &line.spans {
        let mut piece = String::new();
        let mut piece_hit = false;
        for c in span.content.chars() {
            let hit = ranges.iter().any(|(from, to)| (*from..*to).contains(&at));
            if hit != piece_hit && !piece.is_empty() {
                let shown = if piece_hit {
                    span.style.patch(style)
                } else {
                    span.style
                };
                spans.push(Span::styled(std::mem::take(&mut piece), shown));
            }
            piece_hit = hit;
            piece.push(c);
            at += 1;
        }
        if !piece.is_empty() {
            let shown = if piece_hit {
                span.style.patch(style)
            } else {
                span.style
            };
            spans.push(Span::styled(piece, shown));
        }
    }
    Line::from(spans).style(line.style)
}

fn width(app: &App) -> usize {
    app.layout()
        .area(Pane::Preview)
        .map_or(78, |r| r.width.saturating_sub(2) as usize)
}

/// How many lines the preview has.
pub fn line_count(app: &App) -> usize {
    lines(app, width(app)).len()
}

/// Draws the preview.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let all = lines(app, area.width as usize);
    let offset = app.cursor.offset[Pane::Preview.number() - 1].min(all.len().saturating_sub(1));
    let query = app.search.as_ref().map(|s| s.query.as_str());
    let style = app
        .theme
        .search_match
        .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    for (r, line) in all
        .iter()
        .enumerate()
        .skip(offset)
        .take(area.height as usize)
    {
        let line = match query {
            Some(query) => highlighted(line, query, style),
            None => line.clone(),
        };
        put_line(
            buf,
            area,
            area.y + (r - offset) as u16,
            &line,
            app.theme.base,
        );
    }
}
