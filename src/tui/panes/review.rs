//! Review: went well / poorly / lucky, lessons, distribution (editable),
//! then the detection & response table, follow-ups and sign-off.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::overview::render_fields;
use crate::model::edit::DocField;
use crate::tui::app::{App, Pane};

/// The editable fields, in display order.
pub const FIELDS: &[DocField] = &[
    DocField::WentWell,
    DocField::WentPoorly,
    DocField::Lucky,
    DocField::Lessons,
    DocField::Distribution,
];

/// The read-only lines below the fields.
pub fn extra_lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let doc = &app.doc;
    let mut out = vec![
        Line::from(""),
        Line::from(Span::styled(" Detection & response", theme.category)),
    ];
    if doc.response.is_empty() {
        out.push(Line::from(Span::styled(
            "   (no assessment yet)",
            theme.muted,
        )));
    }
    for phase in &doc.response {
        out.push(Line::from(vec![
            Span::styled(format!("  {:<14}", phase.phase), theme.mark),
            Span::styled(phase.happened.clone(), theme.base),
        ]));
        if !phase.worked.is_empty() {
            out.push(Line::from(Span::styled(
                format!("  {:<14}+ {}", "", phase.worked),
                theme.ok,
            )));
        }
        if !phase.did_not_work.is_empty() {
            out.push(Line::from(Span::styled(
                format!("  {:<14}- {}", "", phase.did_not_work),
                theme.warning,
            )));
        }
    }
    out.push(Line::from(Span::styled(" Follow-up", theme.category)));
    for f in &doc.follow_up {
        let date = f
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "no date".into());
        out.push(Line::from(format!("  {date}  {}", f.what)));
    }
    out.push(Line::from(Span::styled(" Sign-off", theme.category)));
    for s in &doc.sign_off {
        let date = s.date.map(|d| d.to_string()).unwrap_or_default();
        out.push(Line::from(format!(
            "  {:<12} {:<20} {date}",
            s.role, s.name
        )));
    }
    out.extend(crate::tui::import::unmapped_lines(app));
    out
}

/// The selected line and the number of lines.
pub fn selected_line(app: &App) -> (usize, usize) {
    super::overview::selected_line(app, FIELDS, app.cursor.review)
}

/// Draws the review.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    render_fields(
        app,
        Pane::Review,
        FIELDS,
        app.cursor.review,
        extra_lines(app),
        area,
        buf,
    );
}
