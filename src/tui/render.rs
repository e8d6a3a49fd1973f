//! The whole screen, drawn from `&App` without changing it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::action::Action;
use super::app::{App, Origin, Target, Tone};
use super::panes;
use super::popups;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self, area, buf);
            return;
        }
        let layout = super::layout::Layout::compute(area, self.focus);
        buf.set_style(area, self.theme.base);
        header(self, layout.header, buf);
        tabs(self, layout.tabs, buf);
        for (pane, rect) in &layout.panes {
            panes::render(self, *pane, *rect, buf);
        }
        super::findings::render_panel(self, area, buf);
        status(self, layout.status, buf);
        if self.editor.is_some() {
            editor(self, &layout, buf);
        }
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
    let mut facts = Vec::new();
    if !doc.meta.severity.is_empty() {
        facts.push(doc.meta.severity.clone());
    }
    facts.push(doc.meta.status.label().to_string());
    if app.session.read_only {
        facts.insert(0, "READ-ONLY".to_string());
    }
    if let Some(warning) = app.session.journal_warning() {
        facts.insert(0, format!("⚠ {warning}"));
    }
    facts.push(match (&app.origin, app.modified()) {
        (Origin::Scratch(name), _) => format!("scratch copy of bundled {name} (:w FILE saves)"),
        (Origin::NewFile(_), _) => "● new file".to_string(),
        (_, true) => "● modified".to_string(),
        (_, false) => "saved".to_string(),
    });
    facts.push(super::findings::header_text(app));
    let right = format!("│ {} ", facts.join(" │ "));
    let right_width = unicode_width::UnicodeWidthStr::width(right.as_str());
    let room = (area.width as usize).saturating_sub(right_width + 9 + 2);
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

fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    buf.set_style(area, t.status_bar);
    let line = if let Some((text, tone)) = &app.message {
        Line::from(Span::styled(
            format!(" {text}"),
            if *tone == Tone::Error {
                t.error
            } else {
                t.status_bar
            },
        ))
    } else if let Some(first) = app.pending {
        Line::from(Span::styled(format!(" {first}-"), t.mark))
    } else {
        // Hints are built from the keymap, so they always match.
        let mut spans = Vec::new();
        for action in [
            Action::Add,
            Action::Edit,
            Action::Delete,
            Action::Link,
            Action::Search,
            Action::Save,
            Action::Help,
            Action::Quit,
        ] {
            if let Some(key) = app.keymap.keys_for(app.focus, action).first() {
                spans.push(Span::styled(format!(" {key}"), t.mark));
                spans.push(Span::styled(
                    format!(" {} ", action.describe().split(" (").next().unwrap_or("")),
                    t.status_bar,
                ));
            }
        }
        Line::from(spans)
    };
    buf.set_line(area.x, area.y, &line, area.width);
}

/// The field editor, drawn over the selected row of the focused pane.
fn editor(app: &App, layout: &super::layout::Layout, buf: &mut Buffer) {
    let Some(ed) = &app.editor else { return };
    let area = layout
        .area(app.focus)
        .or_else(|| layout.panes.first().map(|(_, r)| *r))
        .unwrap_or(layout.header);
    let height: u16 = if ed.multiline { 8 } else { 3 };
    let (line, _) = panes::selected_line(app, app.focus);
    let rows = panes::content_rows(app, app.focus, layout);
    let offset = panes::offset_for(app, app.focus, rows);
    let extra = if app.focus == super::app::Pane::Timeline {
        1
    } else {
        0
    };
    let row_y = area.y + 1 + extra + line.saturating_sub(offset) as u16;
    let y = row_y.min(area.bottom().saturating_sub(height)).max(area.y);
    let rect = Rect::new(area.x, y, area.width, height.min(area.height));
    Clear.render(rect, buf);
    let label = match &ed.target {
        Target::Doc(field) => field.title(&app.doc),
        Target::Item { id, field, .. } => format!("{id} {}", field.label()),
    };
    let keys = if ed.multiline {
        "alt-enter/esc: done · enter: new line · tab: next"
    } else {
        "enter/esc: done · tab: next field"
    };
    let mut block = Block::bordered()
        .title(Line::from(Span::styled(
            format!(" {label} "),
            app.theme.title,
        )))
        .title(Line::from(Span::styled(format!(" {keys} "), app.theme.muted)).right_aligned())
        .border_style(app.theme.border_focused);
    if let Some(error) = &ed.error {
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {error} "),
            app.theme.error,
        )));
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height > 0 && inner.width > 0 {
        ed.textarea.render(inner, buf);
    }
    let _ = Paragraph::new("");
}
