//! 5 Whys: a collapsible tree with the problem at the top, root causes marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{fit, is_hit, offset_for, put_line, row_glyph, row_style};
use crate::model::edit::List;
use crate::tui::app::{App, Pane};

/// Draws the tree into its content area.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let whys = &app.doc.whys;
    let rows = app.why_rows();
    let height = area.height as usize;
    let offset = offset_for(app, Pane::Whys, height);
    let linked = app.linked_ids();
    let focused = app.focus == Pane::Whys;
    let width = area.width as usize;
    for (r, (depth, node)) in rows.iter().enumerate().skip(offset).take(height) {
        let selected = focused && r == app.cursor.whys;
        let y = area.y + (r - offset) as u16;
        let Some(i) = node else {
            let problem = if whys.problem.is_empty() {
                "(no problem statement: Enter writes one)"
            } else {
                &whys.problem
            };
            let style = row_style(app, selected, false, false);
            let line = Line::from(vec![
                Span::styled(format!("{} ", row_glyph(selected, false, false)), style),
                Span::styled("Problem: ", if selected { style } else { theme.category }),
                Span::styled(fit(problem, width.saturating_sub(11)), style),
            ]);
            put_line(buf, area, y, &line, style);
            continue;
        };
        let why = &whys.nodes[*i];
        let is_linked = linked.contains(&why.id);
        let hit = is_hit(app, Pane::Whys, *i);
        let style = row_style(app, selected, is_linked, hit);
        // An open node's children are the rows below it (a scan of every
        // node per row was most of the pane's frame at 2,000 whys); a
        // folded node hides them, so its children are looked for.
        let folded = app.collapsed.contains(&why.id);
        let has_children = if folded {
            whys.children(&why.id).next().is_some()
        } else {
            rows.get(r + 1).is_some_and(|(below, _)| below > depth)
        };
        let fold = match (has_children, folded) {
            (false, _) => "  ",
            (true, true) => "▸ ",
            (true, false) => "▾ ",
        };
        let indent = "  ".repeat(depth.saturating_sub(1).min(12));
        let root = if why.root { "◎ ROOT " } else { "" };
        let private = super::privacy_mark(why.private, false);
        let others = super::others_here(app, &why.id);
        let lead = format!("{} {indent}{fold}", row_glyph(selected, is_linked, hit));
        let id = format!("{} ", why.id);
        let used = lead.chars().count()
            + id.len()
            + root.chars().count()
            + private.len()
            + others.chars().count();
        let line = Line::from(vec![
            Span::styled(lead, style),
            Span::styled(id, if selected { style } else { theme.id }),
            Span::styled(root, if selected { style } else { theme.root }),
            Span::styled(private, style),
            Span::styled(others, if selected { style } else { theme.mark }),
            Span::styled(
                fit(
                    if why.text.is_empty() {
                        "…"
                    } else {
                        &why.text
                    },
                    width.saturating_sub(used),
                ),
                style,
            ),
        ]);
        put_line(buf, area, y, &line, style);
        crate::tui::findings::mark_row(app, List::Whys, *i, area.x + 1, y, buf);
    }
}
