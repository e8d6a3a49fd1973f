//! `debrief FILE.md`: the Markdown is imported into a new, unsaved document;
//! the import report is shown, then the user is asked where to save
//! (prefilled with `FILE.toml` beside it). An existing file is never
//! overwritten without a yes.

use std::path::{Path, PathBuf};

use anyhow::Context;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use super::app::{App, Origin, Tone};
use super::popups::{Confirm, Popup, Prompt, PromptKind, centered};
use super::update;
use crate::import::markdown::{ImportOptions, import};
use crate::model::Postmortem;

/// Where an imported document came from and what the import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The Markdown file.
    pub source: PathBuf,
    /// The import report (what mapped where, what went to `unmapped`).
    pub report: String,
    /// Whether the user has chosen a file and saved to it.
    pub saved: bool,
}

/// Whether `path` names a Markdown file (by extension).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The file offered for saving: `FILE.toml` beside `FILE.md`.
pub fn suggested_path(source: &Path) -> PathBuf {
    source.with_extension("toml")
}

/// Reads and imports `source`. Fails (before the terminal is taken) when
/// the file cannot be read or holds no postmortem.
pub fn load(source: &Path) -> anyhow::Result<(Postmortem, Imported)> {
    let text = crate::store::read_text_limited(
        source,
        crate::import::markdown::MAX_MARKDOWN_BYTES as u64,
        "Markdown",
    )
    .with_context(|| format!("{}: cannot read", source.display()))?;
    let (doc, report) = import(&text, &ImportOptions::default())
        .with_context(|| format!("{}: cannot import", source.display()))?;
    Ok((
        doc,
        Imported {
            source: source.to_path_buf(),
            report: report.to_string(),
            saved: false,
        },
    ))
}

/// Sets up a freshly built editor on an imported document: the report on
/// top, the save prompt after it.
pub fn opened(app: &mut App, imported: Imported) {
    app.imported = Some(imported);
    app.popup = Some(Popup::Report);
}

/// Whether saving must first ask where: imported and not saved yet.
pub fn needs_target(app: &App) -> bool {
    app.imported.as_ref().is_some_and(|i| !i.saved)
}

/// Opens the "save as" prompt, prefilled with the suggested file.
pub fn ask_where(app: &mut App) {
    let suggested = match (&app.origin, &app.imported) {
        (Origin::NewFile(p) | Origin::File(p), _) => p.clone(),
        (_, Some(i)) => suggested_path(&i.source),
        (_, None) => PathBuf::from("postmortem.toml"),
    };
    let mut input = TextArea::new(vec![suggested.display().to_string()]);
    input.move_cursor(CursorMove::End);
    input.set_cursor_line_style(ratatui::style::Style::default());
    app.popup = Some(Popup::Prompt(Box::new(Prompt {
        kind: PromptKind::SaveAs,
        input,
    })));
}

/// Saves to `path`; asks first when it exists and `overwrite` is false.
pub fn save_to(app: &mut App, path: &str, overwrite: bool) {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        app.say("not saved: no file name (ctrl-s asks again)", Tone::Error);
        return;
    }
    if path.exists() && !overwrite {
        app.popup = Some(Popup::Confirm(Confirm::Overwrite(path)));
        return;
    }
    let previous = std::mem::replace(&mut app.origin, Origin::NewFile(path));
    if let Some(i) = app.imported.as_mut() {
        i.saved = true;
    }
    if !update::save(app, None) {
        app.origin = previous;
        if let Some(i) = app.imported.as_mut() {
            i.saved = false;
        }
    }
}

/// Draws the import report.
pub fn render_report(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(imported) = &app.imported else {
        return;
    };
    let rect = centered(area, 96, area.height.saturating_sub(2));
    Clear.render(rect, buf);
    let mut lines: Vec<Line> = imported
        .report
        .lines()
        .map(|l| Line::from(l.to_string()))
        .collect();
    if lines.is_empty() {
        lines.push(Line::from("nothing to report"));
    }
    let title = format!(" Imported {} ", imported.source.display());
    let keys = if imported.saved {
        " esc closes "
    } else {
        " esc/enter: choose where to save "
    };
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .style(app.theme.base)
        .block(
            Block::bordered()
                .title(Line::from(Span::styled(title, app.theme.title)))
                .title_bottom(Line::from(Span::styled(keys, app.theme.muted)).right_aligned())
                .border_style(app.theme.border_focused),
        )
        .render(rect, buf);
}
