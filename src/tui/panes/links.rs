//! The links strip under a single list pane: what the selection links to
//! and what links to it in the other panes — id, pane and short text — so
//! the links show on a small terminal, where the grid's highlights do not.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{fit, put_line};
use crate::tui::app::App;

/// Draws the strip in `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let pane = app.focus;
    let relations = app.links_of_selection(pane);
    let ids: Vec<(&str, &String)> = relations
        .iter()
        .flat_map(|(relation, ids)| ids.iter().map(move |id| (*relation, id)))
        .collect();
    let goto = app
        .keymap
        .keys_for(pane, crate::tui::action::Action::GotoLink);
    let link = app.keymap.keys_for(pane, crate::tui::action::Action::Link);
    let title = match app.selected_id(pane) {
        Some(id) if !ids.is_empty() => format!(
            " Linked to {id}: {} ({} goes round) ",
            ids.len(),
            goto.first().unwrap_or(&"g d")
        ),
        Some(id) => format!(
            " Linked to {id}: nothing ({} links it) ",
            link.first().unwrap_or(&"L")
        ),
        None => " Linked: select an item to see its links ".to_string(),
    };
    let block = Block::bordered()
        .title(Line::from(Span::styled(
            fit(&title, area.width.saturating_sub(2) as usize),
            theme.muted,
        )))
        .border_style(theme.border)
        .style(theme.base);
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = inner.height as usize;
    let width = inner.width as usize;
    let more = ids.len().saturating_sub(rows);
    let shown = if more > 0 {
        rows.saturating_sub(1)
    } else {
        rows
    };
    for (k, (relation, id)) in ids.iter().take(shown).enumerate() {
        let (other, text) = app
            .item_summary(id)
            .map(|(p, t)| (p.title(), t))
            .unwrap_or(("", String::new()));
        let lead = format!("◆ {id:<4} {other:<8} {relation:<12} ");
        let room = width.saturating_sub(lead.chars().count());
        let line = Line::from(vec![
            Span::styled(lead, theme.linked),
            Span::styled(fit(&text, room), theme.base),
        ]);
        put_line(buf, inner, inner.y + k as u16, &line, theme.base);
    }
    if more > 0 {
        let line = Line::from(Span::styled(
            format!("  … and {} more", ids.len() - shown),
            theme.muted,
        ));
        put_line(buf, inner, inner.y + shown as u16, &line, theme.base);
    }
}
