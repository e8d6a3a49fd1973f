//! The reading form of a pane, for a shared screen: zoom (the focused pane
//! alone, with a blank line between items) and the presenter view. Every
//! text is wrapped in full — never cut with an ellipsis — and the drafting
//! noise is left out: no ids, no finding underlines or glyphs, no
//! provenance. The selection is marked with `▶` as well as its colour.
//!
//! Only the items around the selection are wrapped: from the selection
//! back until a third of the height is filled, then forward until the
//! pane is full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{Pane, field_title, fields, wrap};
use crate::tui::app::App;

/// One item as lines: (text, muted).
type Lines = Vec<(String, bool)>;

/// Draws `pane` in its reading form over `area`.
pub fn render(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let focused = app.focus == pane;
    let marker = if focused { "▶ " } else { "" };
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {marker}{} {} ", pane.number(), pane.title()),
            t.title,
        ))
        .border_style(if focused { t.border_focused } else { t.border })
        .style(t.base);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let (count, selected) = items(app, pane);
    if count == 0 {
        buf.set_stringn(
            inner.x + 1,
            inner.y,
            "(nothing yet)",
            inner.width as usize,
            t.muted,
        );
        return;
    }
    let gap = usize::from(app.stage.zoom);
    let width = inner.width.saturating_sub(4) as usize;
    let height = inner.height as usize;
    let selected = selected.min(count - 1);
    // Back from the selection over a third of the height.
    let mut first = selected;
    let mut above = 0;
    while first > 0 {
        let rows = item(app, pane, first - 1, width).len() + gap;
        if above + rows > height / 3 {
            break;
        }
        above += rows;
        first -= 1;
    }
    let mut y = inner.y;
    for index in first..count {
        if y >= inner.bottom() {
            break;
        }
        let is_selected = index == selected;
        for (k, (text, muted)) in item(app, pane, index, width).into_iter().enumerate() {
            if y >= inner.bottom() {
                break;
            }
            let style: Style = if is_selected {
                t.selected
            } else if muted {
                t.muted
            } else {
                t.base
            };
            let glyph = if is_selected && k == 0 { "▶ " } else { "  " };
            let line = Line::from(vec![Span::styled(glyph, t.mark), Span::styled(text, style)]);
            buf.set_line(inner.x + 1, y, &line, inner.width.saturating_sub(1));
            y += 1;
        }
        y += gap as u16;
    }
}

/// How many items the pane lists and which is selected.
fn items(app: &App, pane: Pane) -> (usize, usize) {
    let doc = &app.doc;
    match pane {
        Pane::Timeline => (doc.timeline.len(), app.cursor.timeline),
        Pane::Whys => (app.why_rows().len(), app.cursor.whys),
        Pane::Factors => (doc.factors.len(), factor_row(app)),
        Pane::Actions => (doc.actions.len(), app.cursor.actions),
        Pane::Overview | Pane::Review => (fields(doc, pane).len(), app.cursor.field(pane)),
        Pane::Preview => (0, 0),
    }
}

/// The factors in the order the pane groups them.
fn factor_order(app: &App) -> Vec<usize> {
    app.factor_groups()
        .iter()
        .flat_map(|(_, members)| members.iter().copied())
        .collect()
}

fn factor_row(app: &App) -> usize {
    factor_order(app)
        .iter()
        .position(|i| *i == app.cursor.factors)
        .unwrap_or(0)
}

/// Item `index` of the pane, wrapped to `width`.
fn item(app: &App, pane: Pane, index: usize, width: usize) -> Lines {
    let doc = &app.doc;
    let mut out: Lines = Vec::new();
    // `indent` before every line; `hang` more before the lines a long
    // text wraps onto.
    let mut put = |text: &str, muted: bool, indent: usize, hang: usize| {
        let pad = " ".repeat(indent);
        let first_width = width.saturating_sub(indent).max(8);
        let mut lines = wrap(text, first_width).into_iter();
        let Some(first) = lines.next() else { return };
        out.push((format!("{pad}{first}"), muted));
        let rest: String = lines.collect::<Vec<_>>().join(" ");
        let hang_pad = " ".repeat(indent + hang);
        for line in wrap(&rest, first_width.saturating_sub(hang).max(8)) {
            if !line.is_empty() {
                out.push((format!("{hang_pad}{line}"), muted));
            }
        }
    };
    match pane {
        Pane::Timeline => {
            let Some(e) = doc.timeline.get(index) else {
                return out;
            };
            let zone = doc.display_zone();
            let marks: Vec<&str> = e.marks.iter().map(|m| m.label()).collect();
            let mut head = format!("{}  {}", zone.local(&e.at).format("%H:%M"), e.text);
            if !marks.is_empty() {
                head.push_str(&format!("  [{}]", marks.join(", ")));
            }
            put(&head, false, 0, 7);
            let who: Vec<&str> = [e.source.as_str(), e.actor.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if !who.is_empty() {
                put(&who.join(" · "), true, 7, 0);
            }
        }
        Pane::Whys => {
            let rows = app.why_rows();
            match rows.get(index) {
                Some((_, None)) => put(&format!("Problem: {}", doc.whys.problem), false, 0, 9),
                Some((depth, Some(node))) => {
                    let why = &doc.whys.nodes[*node];
                    let root = if why.root { "  (root cause)" } else { "" };
                    put(&format!("Why? {}{root}", why.text), false, depth * 2, 5);
                }
                None => {}
            }
        }
        Pane::Factors => {
            let order = factor_order(app);
            if let Some(f) = order.get(index).and_then(|i| doc.factors.get(*i)) {
                put(&format!("[{}] {}", f.category, f.text), false, 0, 2);
            }
        }
        Pane::Actions => {
            let Some(a) = doc.actions.get(index) else {
                return out;
            };
            put(&a.title, false, 0, 0);
            let mut facts: Vec<String> = Vec::new();
            if let Some(kind) = a.kind {
                facts.push(kind.label().to_string());
            }
            if let Some(priority) = a.priority {
                facts.push(priority.label().to_string());
            }
            facts.push(if a.owner.is_empty() {
                "no owner".to_string()
            } else {
                a.owner.clone()
            });
            facts.push(
                a.due
                    .map_or("no due date".to_string(), |d| format!("due {d}")),
            );
            facts.push(a.status.label().to_string());
            put(&facts.join(" · "), true, 2, 0);
        }
        Pane::Overview | Pane::Review => {
            let list = fields(doc, pane);
            if let Some(field) = list.get(index) {
                put(&field_title(*field, doc), true, 0, 0);
                let value = field.shown(doc);
                let value = if value.trim().is_empty() {
                    "—".to_string()
                } else {
                    value
                };
                for line in value.lines() {
                    put(line, false, 2, 0);
                }
            }
        }
        Pane::Preview => {}
    }
    out
}
