//! The whole screen, drawn from `&App` without changing it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::action::Action;
use super::app::{App, Origin, Tone};
use super::panes;
use super::popups;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self, area, buf);
            return;
        }
        let (layout, panel) = super::meeting::layout(self, area);
        buf.set_style(area, self.theme.base);
        if self.stage.meeting.is_some() {
            super::meeting::panel::header(self, layout.header, buf);
        } else {
            header(self, layout.header, buf);
        }
        if !self.stage.zoom {
            tabs(self, layout.tabs, buf);
        }
        for (pane, rect) in &layout.panes {
            panes::render(self, *pane, *rect, buf);
        }
        if let Some(rect) = layout.links {
            panes::links::render(self, rect, buf);
        }
        if let Some(rect) = panel {
            super::meeting::panel::render(self, rect, buf);
        }
        if !self.stage.present {
            super::findings::render_panel(self, area, buf);
        }
        status(self, layout.status, buf);
        popups::render(self, area, buf);
    }
}

/// Below this size the panes cannot be laid out; a notice is shown instead
/// (the document is untouched and the editor still takes keys).
const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
const MIN_HEIGHT: u16 = 10;

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.theme.base);
    let lines = [
        format!("Terminal {}×{} is too small", area.width, area.height),
        format!("debrief needs at least {MIN_WIDTH}×{MIN_HEIGHT}"),
    ];
    for (row, text) in lines.iter().enumerate() {
        let y = area.y + row as u16;
        if y >= area.bottom() {
            break;
        }
        buf.set_stringn(area.x, y, text, area.width as usize, app.theme.base);
    }
}

fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let doc = &app.doc;
    let title = if doc.meta.title.is_empty() {
        "(untitled)"
    } else {
        &doc.meta.title
    };
    // The facts on the right always show; the title takes what is left.
    // Where the title would be cut hard, the facts take their short form.
    let title_width = unicode_width::UnicodeWidthStr::width(title);
    let fits = |facts: &str| {
        (area.width as usize).saturating_sub(width(facts) + 11) >= title_width.min(40)
    };
    let right = [facts(app, Form::Full), facts(app, Form::Compact)]
        .into_iter()
        .find(|f| fits(f))
        .unwrap_or_else(|| facts(app, Form::Short));
    let room = (area.width as usize).saturating_sub(width(&right) + 9 + 2);
    let spans = vec![
        Span::styled(" debrief ", t.tab_active),
        Span::styled(
            format!(" {} ", panes::fit(title, room.max(8))),
            t.header.add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(right, t.header),
    ];
    buf.set_style(area, t.header);
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// How much room the header's facts take.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Every fact in words.
    Full,
    /// Score and counts in short.
    Compact,
    /// Everything in short.
    Short,
}

/// The header's facts: severity, status, saved or not, score and counts.
fn facts(app: &App, form: Form) -> String {
    let short = form != Form::Full;
    let doc = &app.doc;
    let mut facts = Vec::new();
    if let Some(warning) = app.session.journal_warning() {
        facts.push(format!("⚠ {warning}"));
    }
    if app.session.read_only {
        facts.push("READ-ONLY".to_string());
    }
    if let Some(collab) = &app.collab {
        facts.push(collab.header());
    }
    if !doc.meta.severity.is_empty() {
        facts.push(doc.meta.severity.clone());
    }
    facts.push(doc.meta.status.label().to_string());
    facts.push(match (&app.origin, app.modified(), short) {
        (Origin::Scratch(_), _, _) if form == Form::Short => "scratch (:w FILE)".to_string(),
        (Origin::Scratch(name), _, _) => {
            format!("scratch copy of bundled {name} (:w FILE saves)")
        }
        (Origin::NewFile(_), _, _) => "● new file".to_string(),
        (_, true, _) => "● modified".to_string(),
        (_, false, _) => "saved".to_string(),
    });
    if short && app.lint.busy() {
        facts.push(super::findings::counts_text(app));
        format!("│ {} ", facts.join(" · "))
    } else if short {
        facts.push(format!(
            "{}% {}",
            app.lint.score(),
            super::findings::counts_text(app)
        ));
        format!("│ {} ", facts.join(" · "))
    } else {
        facts.push(super::findings::header_text(app));
        format!("│ {} ", facts.join(" │ "))
    }
}

fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let layout = app.layout();
    let spans: Vec<Span> = super::app::Pane::ALL
        .iter()
        .map(|p| {
            let shown = layout.area(*p).is_some();
            let style = if *p == app.focus {
                app.theme.tab_active
            } else if shown {
                app.theme.title
            } else {
                app.theme.tab
            };
            Span::styled(panes::tab_label(*p), style)
        })
        .collect();
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The pane's key hints, from the key map so they always match: as many
/// as fit, most important first, and always the key for help at the end.
fn hints(app: &App, width: usize) -> Line<'static> {
    let t = &app.theme;
    let key = |action| {
        app.keymap
            .keys_for(app.focus, action)
            .first()
            .map(|k| k.to_string())
    };
    let pair = |key: String, label: &str| {
        vec![
            Span::styled(format!(" {key}"), t.mark),
            Span::styled(format!(" {label} "), t.status_bar),
        ]
    };
    let help = key(Action::Help)
        .map(|k| pair(k, "help"))
        .unwrap_or_default();
    let mut room = width.saturating_sub(spans_width(&help));
    let mut spans = Vec::new();
    for (action, label) in app.focus.hints() {
        let Some(k) = key(*action) else { continue };
        let hint = pair(k, label);
        let w = spans_width(&hint);
        if w > room {
            break;
        }
        room -= w;
        spans.extend(hint);
    }
    spans.extend(help);
    Line::from(spans)
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.width()).sum()
}

fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    buf.set_style(area, t.status_bar);
    let draft = app.draft.as_ref().map(|d| {
        let edit = app
            .keymap
            .keys_for(app.focus, Action::Edit)
            .first()
            .map_or("e".to_string(), |k| k.to_string());
        (
            format!(
                "{}: `{}` is not applied — {} · {edit} edits it again · esc discards it",
                d.target.name(&app.doc),
                d.text,
                d.error
            ),
            Tone::Error,
        )
    });
    let line = if let Some((text, tone)) = app.message.clone().or(draft) {
        let style = if tone == Tone::Error {
            t.error
        } else {
            t.status_bar
        };
        // A message longer than the bar wraps upwards over the panes, so
        // its end (often the part that says what to do) is never cut.
        // Messages quote input (file names, typed text): never let it
        // drive the terminal.
        let text = crate::model::escape_controls(&text);
        let lines = panes::wrap(&text, (area.width as usize).saturating_sub(2));
        let rows = lines.len().min(usize::from(area.y).min(6));
        let top = area.y - rows.saturating_sub(1) as u16;
        for (k, l) in lines.iter().take(rows).enumerate() {
            let row = Rect::new(area.x, top + k as u16, area.width, 1);
            buf.set_style(row, t.status_bar);
            buf.set_line(
                row.x,
                row.y,
                &Line::from(Span::styled(format!(" {l}"), style)),
                row.width,
            );
        }
        return;
    } else if let Some(first) = app.pending {
        Line::from(Span::styled(format!(" {first}-"), t.mark))
    } else {
        hints(app, area.width as usize)
    };
    buf.set_line(area.x, area.y, &line, area.width);
}
