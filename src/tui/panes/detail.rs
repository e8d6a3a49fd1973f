//! The strip at the bottom of a list pane: the selected item in full —
//! its text, its facts, and what it links to and what links to it — so
//! nothing cut short in a row is hidden.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

use super::{Pane, fit, put_line, wrap};
use crate::tui::app::App;

/// Rows of the strip in a pane of `area` (none in short panes).
pub fn rows(pane: Pane, area: Rect) -> u16 {
    match (pane.list(), area.height) {
        (None, _) | (_, 0..12) => 0,
        (_, 12..20) => 2,
        _ => 3,
    }
}

/// A short form of `text` for lists of links.
fn short(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// The selection's links as text: `cites T3 Rollback…, W2 … · addressed
/// by A1 …`; ids only when `with_text` is false.
pub fn links_text(app: &App, pane: Pane, with_text: bool) -> String {
    app.links_of_selection(pane)
        .into_iter()
        .map(|(relation, ids)| {
            let items: Vec<String> = ids
                .iter()
                .map(|id| match app.item_summary(id) {
                    Some((_, text)) if with_text && !text.is_empty() => {
                        format!("{id} {}", short(&text, 24))
                    }
                    _ => id.clone(),
                })
                .collect();
            format!("{relation} {}", items.join(", "))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The selected item in full, with its facts.
fn item_text(app: &App, pane: Pane) -> Option<String> {
    let zone = app.doc.display_zone();
    let or = |text: &str, none: &str| {
        if text.is_empty() {
            none.to_string()
        } else {
            text.to_string()
        }
    };
    match pane {
        Pane::Timeline => app.doc.timeline.get(app.cursor.timeline).map(|e| {
            let marks: Vec<&str> = e.marks.iter().map(|m| m.label()).collect();
            let mut parts = vec![
                format!("{} {} {}", e.id, zone.date_time(&e.at), e.text),
                or(&e.source, "no source"),
                if !e.actor_kind.is_unknown() && !e.actor.is_empty() {
                    format!("{} ({})", e.actor, e.actor_kind.as_str())
                } else {
                    or(&e.actor, "no actor")
                },
            ];
            if !marks.is_empty() {
                parts.push(marks.join(", "));
            }
            parts.join(" · ")
        }),
        Pane::Whys => Some(match app.selected_why() {
            Some(i) => {
                let w = &app.doc.whys.nodes[i];
                let question = if w.question.is_empty() {
                    String::new()
                } else {
                    format!(" {}", w.question)
                };
                format!("{}{question} {}", w.id, w.text)
            }
            None => format!("Problem: {}", app.doc.whys.problem),
        }),
        Pane::Factors => app
            .doc
            .factors
            .get(app.cursor.factors)
            .map(|f| format!("{} [{}] {}", f.id, f.category, f.text)),
        Pane::Actions => app.doc.actions.get(app.cursor.actions).map(|a| {
            let mut parts = vec![
                format!("{} {}", a.id, a.title),
                a.priority.map_or("no priority", |p| p.label()).to_string(),
                a.kind.map_or("no type", |k| k.label()).to_string(),
                a.timeframe
                    .map_or("no time frame", |t| t.label())
                    .to_string(),
                format!("owner {}", or(&a.owner, "none")),
                format!(
                    "due {}",
                    a.due.map_or("none".to_string(), |d| d.to_string())
                ),
                a.status.label().to_string(),
            ];
            if !a.ticket.is_empty() {
                parts.push(a.ticket.clone());
            }
            parts.join(" · ")
        }),
        _ => None,
    }
}

/// Draws the strip for `pane` in `area`.
pub fn render(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let Some(mut text) = item_text(app, pane) else {
        return;
    };
    // Where the links strip lists the links with their texts, ids suffice.
    let strip = app.layout().links.is_some();
    let links = links_text(app, pane, !strip);
    if !links.is_empty() {
        text.push_str(" · ");
        text.push_str(&links);
    }
    let lines = wrap(&text, area.width as usize);
    let style = theme.muted.add_modifier(Modifier::ITALIC);
    for (k, l) in lines.iter().take(area.height as usize).enumerate() {
        let mut shown = l.clone();
        if k + 1 == area.height as usize && lines.len() > area.height as usize {
            shown = fit(&format!("{l} …"), area.width as usize);
        }
        let line = Line::from(Span::styled(shown, style));
        put_line(buf, area, area.y + k as u16, &line, theme.base);
    }
}
