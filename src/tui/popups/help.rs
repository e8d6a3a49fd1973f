//! `?`: every key of the focused pane, of each popup and text field, and
//! the `:` commands — built from the key map and the command table when
//! it opens, so it cannot drift from what the keys do.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::centered;
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};
use crate::tui::component::{Component, Hint, Input, Outcome, hint_keys};
use crate::tui::keymap::{Keymap, Mode};

/// The keys of the help page.
pub const MODE: Mode = Mode {
    section: "help",
    title: "In this help",
    question: false,
};

/// How a help row is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A heading for the rows under it.
    Heading,
    /// A key that works in every pane.
    Global,
    /// A key of the focused pane, a popup or a command.
    Own,
}

/// One row: keys (or a command) and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys, joined (`j, down`), or the command (`:w [FILE]`).
    pub keys: String,
    /// What they do.
    pub what: String,
    /// How it is shown.
    pub kind: RowKind,
}

impl HelpRow {
    /// A heading row.
    pub fn heading(text: &str) -> HelpRow {
        HelpRow {
            keys: String::new(),
            what: text.to_string(),
            kind: RowKind::Heading,
        }
    }
}

/// The help page: its rows and how far it is scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpPage {
    /// The pane it was opened on.
    pub pane: Pane,
    /// Every row.
    pub rows: Vec<HelpRow>,
    /// The first row shown.
    pub offset: usize,
}

/// The rows of the focused pane (its own keys and the global ones it does
/// not shadow), one per action, then each mode's keys under a heading.
pub fn keymap_rows(keymap: &Keymap, pane: Pane) -> Vec<HelpRow> {
    let mut rows: Vec<HelpRow> = Vec::new();
    let add = |rows: &mut Vec<HelpRow>, keys: &str, action: Action, kind: RowKind| {
        let what = action.describe();
        // Group keys by action so each line reads "j, down   move down".
        if let Some(row) = rows
            .iter_mut()
            .rev()
            .take_while(|r| r.kind != RowKind::Heading)
            .find(|r| r.what == what)
        {
            row.keys.push_str(", ");
            row.keys.push_str(keys);
        } else {
            rows.push(HelpRow {
                keys: keys.to_string(),
                what: what.to_string(),
                kind,
            });
        }
    };
    for b in keymap.bindings_for(pane) {
        let kind = if b.section == "global" {
            RowKind::Global
        } else {
            RowKind::Own
        };
        add(&mut rows, &b.keys, b.action, kind);
    }
    for mode in super::MODES {
        rows.push(HelpRow::heading(mode.title));
        for b in keymap.mode_bindings(*mode) {
            add(&mut rows, &b.keys, b.action, RowKind::Own);
        }
    }
    rows
}

/// The widest key column; longer keys (a command's usage) get a line of
/// their own above what they do.
const KEY_WIDTH: usize = 22;

impl HelpPage {
    fn page(app: &App) -> usize {
        usize::from(app.size.1.saturating_sub(2)).max(1)
    }

    /// The page as lines: each block (rows between headings) aligns its
    /// own key column.
    fn lines(&self, app: &App) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let mut blocks: Vec<&[HelpRow]> = Vec::new();
        let mut start = 0;
        for (i, row) in self.rows.iter().enumerate() {
            if row.kind == RowKind::Heading && i > start {
                blocks.push(&self.rows[start..i]);
                start = i;
            }
        }
        blocks.push(&self.rows[start..]);
        for block in blocks {
            let width = block
                .iter()
                .filter(|r| r.kind != RowKind::Heading)
                .map(|r| r.keys.chars().count())
                .filter(|w| *w <= KEY_WIDTH)
                .max()
                .unwrap_or(0);
            for row in block {
                let style = match row.kind {
                    RowKind::Heading => {
                        lines.push(Line::from(Span::styled(
                            format!(" {}", row.what),
                            app.theme.title,
                        )));
                        continue;
                    }
                    RowKind::Global => app.theme.base,
                    RowKind::Own => app.theme.category,
                };
                if row.keys.chars().count() > width {
                    lines.push(Line::from(Span::styled(
                        format!(" {}", row.keys),
                        app.theme.mark,
                    )));
                    lines.push(Line::from(Span::styled(
                        format!(" {:width$}  {}", "", row.what),
                        style,
                    )));
                } else {
                    lines.push(Line::from(vec![
                        Span::styled(format!(" {:<width$}  ", row.keys), app.theme.mark),
                        Span::styled(row.what.clone(), style),
                    ]));
                }
            }
        }
        lines
    }
}

impl Component for HelpPage {
    fn mode(&self) -> Mode {
        MODE
    }

    fn handle(&mut self, input: Input, app: &App) -> Outcome {
        // The list scrolls when the terminal is shorter than it.
        let page = HelpPage::page(app);
        let offset = self.offset;
        self.offset = match input.action {
            Some(Action::Close) => return Outcome::Close,
            Some(Action::Down) => offset + 1,
            Some(Action::Up) => offset.saturating_sub(1),
            Some(Action::PageDown) => offset + page,
            Some(Action::PageUp) => offset.saturating_sub(page),
            Some(Action::Top) => 0,
            Some(Action::Bottom) => usize::MAX,
            _ => offset,
        }
        .min(self.lines(app).len().saturating_sub(page));
        Outcome::Stay
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let lines = self.lines(app);
        let height = (lines.len() as u16 + 2).min(area.height);
        let rect = centered(area, 64, height);
        Clear.render(rect, buf);
        let close = hint_keys(&app.keymap, MODE, &HINTS[0]);
        let title = format!(" Keys: {} ({close} closes) ", self.pane.title());
        let visible = usize::from(height.saturating_sub(2));
        let offset = self.offset.min(lines.len().saturating_sub(visible));
        let mut block = Block::bordered()
            .title(title)
            .border_style(app.theme.border_focused);
        if visible < lines.len() {
            let arrows = match (offset > 0, offset + visible < lines.len()) {
                (true, true) => "↑↓",
                (true, false) => "↑",
                _ => "↓",
            };
            let scroll: Vec<String> = HINTS[1..]
                .iter()
                .map(|h| hint_keys(&app.keymap, MODE, h))
                .collect();
            block = block.title_bottom(
                Line::from(format!(
                    " {arrows} {}-{} of {} ({}) ",
                    offset + 1,
                    offset + visible,
                    lines.len(),
                    scroll.join(", ")
                ))
                .right_aligned(),
            );
        }
        Paragraph::new(lines)
            .scroll((u16::try_from(offset).unwrap_or(u16::MAX), 0))
            .block(block)
            .style(app.theme.base)
            .render(rect, buf);
    }

    fn hints(&self) -> &'static [Hint] {
        HINTS
    }
}

const HINTS: &[Hint] = &[
    Hint::one(&[Action::Close], "close"),
    Hint::one(&[Action::Down, Action::Up], "scroll"),
    Hint::one(&[Action::PageDown, Action::PageUp], "page"),
];
