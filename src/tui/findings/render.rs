//! Drawing findings: severity glyphs and styles, underlines inside a
//! row's text, the header's counts and the findings panel.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthChar;

use crate::lint::{ItemPart, Severity, Spot, item_ref};
use crate::model::edit::{ItemField, List};
use crate::tui::app::App;
use crate::tui::panes::{fit, put_line, wrap};

/// The first line of a message.
pub fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// The glyph for a severity: reads without colour.
pub fn glyph(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    }
}

/// The style for a severity.
pub fn severity_style(app: &App, severity: Severity) -> Style {
    match severity {
        Severity::Error => app.theme.error,
        Severity::Warning => app.theme.warning,
        Severity::Info => app.theme.muted,
    }
}

/// The worst finding of a list item, if any.
pub fn worst(app: &App, list: List, index: usize) -> Option<Severity> {
    app.lint
        .findings_for(item_ref(list, index))
        .iter()
        .map(|f| f.severity)
        .max()
}

/// The header's facts: completeness score and counts by severity.
pub fn header_text(app: &App) -> String {
    let c = super::live_counts(app);
    let score = app.lint.score();
    if app.lint.busy() {
        return "checking…".to_string();
    }
    if c.errors + c.warnings + c.infos == 0 && !app.lint.unsettled() {
        format!("{score}% complete │ ✓ no findings")
    } else {
        format!("{score}% complete │ {}", counts_text(app))
    }
}

/// The counts of findings by severity, zero counts left out: `✗2 !1`;
/// `…` after them while a large document's checks wait for a pause in
/// typing, and `checking…` until its first lint is done.
pub fn counts_text(app: &App) -> String {
    if app.lint.busy() {
        return "checking…".to_string();
    }
    let counts = settled_counts_text(app);
    if app.lint.unsettled() {
        format!("{counts} …")
    } else {
        counts
    }
}

fn settled_counts_text(app: &App) -> String {
    let c = super::live_counts(app);
    let parts: Vec<String> = [
        (c.errors, glyph(Severity::Error)),
        (c.warnings, glyph(Severity::Warning)),
        (c.infos, glyph(Severity::Info)),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, g)| format!("{g}{n}"))
    .collect();
    if parts.is_empty() {
        "✓".to_string()
    } else {
        parts.join(" ")
    }
}

/// Puts the severity glyph of list item `index` in the cell at (`x`, `y`):
/// the marker every row with a finding carries, colour or not.
pub fn mark_row(app: &App, list: List, index: usize, x: u16, y: u16, buf: &mut Buffer) {
    if let Some(severity) = worst(app, list, index)
        && buf.area.contains(ratatui::layout::Position::new(x, y))
    {
        let cell = &mut buf[(x, y)];
        cell.set_symbol(glyph(severity));
        cell.set_style(severity_style(app, severity).add_modifier(Modifier::BOLD));
    }
}

/// Byte ranges of the findings in `field` of list item `index`.
pub fn ranges(
    app: &App,
    list: List,
    index: usize,
    field: ItemField,
) -> Vec<(std::ops::Range<usize>, Severity)> {
    let spot = Spot::Item(list, ItemPart::Field(field));
    app.lint
        .findings_for(item_ref(list, index))
        .iter()
        .filter(|f| f.location.spot == spot)
        .filter_map(|f| f.location.range.clone().map(|r| (r, f.severity)))
        .collect()
}

/// `text` cut to `width` columns (like [`fit`], padded), as spans in
/// which the bytes in `ranges` are underlined in their severity's style.
pub fn underlined(
    app: &App,
    text: &str,
    ranges: &[(std::ops::Range<usize>, Severity)],
    width: usize,
    style: Style,
) -> Vec<Span<'static>> {
    if ranges.is_empty() {
        return vec![Span::styled(format!("{:<width$}", fit(text, width)), style)];
    }
    let flagged = |byte: usize| {
        ranges
            .iter()
            .filter(|(r, _)| r.contains(&byte))
            .map(|(_, s)| *s)
            .max()
    };
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>()
        + text.matches('\n').count() * 2;
    let limit = if total <= width {
        width
    } else {
        width.saturating_sub(1)
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_flag: Option<Severity> = None;
    let mut used = 0;
    let style_of = |flag: Option<Severity>| match flag {
        Some(s) => style
            .patch(severity_style(app, s))
            .add_modifier(Modifier::UNDERLINED),
        None => style,
    };
    for (byte, c) in text.char_indices() {
        let shown = if c == '\n' {
            " ⏎ ".to_string()
        } else {
            c.to_string()
        };
        let w: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
        if used + w > limit {
            break;
        }
        let flag = flagged(byte);
        if flag != run_flag && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style_of(run_flag)));
        }
        run_flag = flag;
        run.push_str(&shown);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style_of(run_flag)));
    }
    if total > width {
        spans.push(Span::styled("…", style));
        used += 1;
    }
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), style));
    }
    spans
}

/// The rectangle the findings panel takes: the bottom rows above the
/// status bar (a third of the screen, at least 6 rows).
pub fn panel_area(area: Rect) -> Rect {
    let height = (area.height / 3).max(6).min(area.height.saturating_sub(3));
    Rect::new(
        area.x,
        area.bottom().saturating_sub(height + 1),
        area.width,
        height,
    )
}

/// Draws the findings panel over the bottom of the panes.
pub fn render_panel(app: &App, area: Rect, buf: &mut Buffer) {
    if !app.lint.panel || area.height < 8 {
        return;
    }
    let rect = panel_area(area);
    Clear.render(rect, buf);
    let theme = &app.theme;
    let all = app.lint.all();
    let title = format!(" Findings: {} ", header_text(app));
    let keys = " ]d/[d move · g a applies · F closes ";
    let block = Block::bordered()
        .title(Line::from(Span::styled(title, theme.title)))
        .title(Line::from(Span::styled(keys, theme.muted)).right_aligned())
        .border_style(theme.border_focused)
        .style(theme.base);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height == 0 {
        return;
    }
    if all.is_empty() {
        put_line(
            buf,
            inner,
            inner.y,
            &Line::from(Span::styled(" ✓ no findings", theme.ok)),
            theme.base,
        );
        return;
    }
    // The list on top; the rows it does not need (two at least) explain
    // the current finding in full: its message, then the suggestion.
    let min_detail: u16 = 2;
    let list_rows = (inner.height.saturating_sub(min_detail).max(1) as usize).min(all.len());
    let detail_rows = inner.height.saturating_sub(list_rows as u16);
    let current = app.lint.current.unwrap_or(0).min(all.len() - 1);
    let offset = crate::tui::layout::scrolled(0, current, list_rows, all.len());
    let width = inner.width as usize;
    for (row, (i, f)) in all
        .iter()
        .enumerate()
        .skip(offset)
        .take(list_rows)
        .enumerate()
    {
        let selected = app.lint.current == Some(i);
        let style = if selected { theme.selected } else { theme.base };
        let lead = if selected { "▶" } else { " " };
        let place = if f.location.item.is_empty() {
            f.location.section.to_string()
        } else {
            f.location.item.clone()
        };
        let head = format!(
            "{lead}{} {:<7} {:<26} {:<6} ",
            glyph(f.severity),
            f.severity,
            f.rule,
            place
        );
        let head_width = head.chars().count();
        let spans = vec![
            Span::styled(
                head,
                if selected {
                    style
                } else {
                    severity_style(app, f.severity)
                },
            ),
            Span::styled(
                fit(first_line(&f.message), width.saturating_sub(head_width)),
                style,
            ),
        ];
        put_line(buf, inner, inner.y + row as u16, &Line::from(spans), style);
    }
    let f = all[current];
    let suggestion = match (&f.fix, &f.suggestion) {
        (Some(fix), _) if fix.is_empty() => "suggestion: delete it (g a)".to_string(),
        (Some(fix), _) => format!("suggestion: `{fix}` (g a applies)"),
        (None, Some(advice)) => format!("suggestion: {advice}"),
        (None, None) => "no suggestion".to_string(),
    };
    let mut lines: Vec<(String, Style)> = Vec::new();
    if detail_rows > min_detail {
        // Room to spare: the whole message first (the list cuts it).
        let message = format!("{} {}: {}", glyph(f.severity), f.rule, f.message);
        lines.extend(
            wrap(&message, width.saturating_sub(2))
                .into_iter()
                .map(|l| (l, theme.base)),
        );
    }
    let advice = wrap(&suggestion, width.saturating_sub(2));
    // The suggestion always shows: the message gives way to it.
    let keep = (detail_rows as usize).saturating_sub(advice.len());
    lines.truncate(keep);
    lines.extend(advice.into_iter().map(|l| (l, theme.mark)));
    let top = inner.y + list_rows as u16;
    for (k, (line, style)) in lines.iter().take(detail_rows as usize).enumerate() {
        put_line(
            buf,
            inner,
            top + k as u16,
            &Line::from(Span::styled(format!(" {line}"), *style)),
            theme.base,
        );
    }
}
