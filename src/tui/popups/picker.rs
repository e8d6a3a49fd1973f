//! A fuzzy list to pick from (`L` links, `m` marks).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::Request;
use super::centered;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::component::{Component, Hint, Input, Outcome, hint_keys};
use crate::tui::keymap::Mode;

/// What the pick is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickPurpose {
    /// Toggle a link from the item `from` (an id) to the picked id.
    Link {
        /// The selected item's id.
        from: String,
    },
    /// Toggle a mark on the event with this id.
    Mark {
        /// The event id.
        event: String,
    },
    /// Jump to the picked item.
    Jump,
    /// Add an item of `list` into the picked group.
    NewItem {
        /// The list (factors or actions).
        list: crate::model::edit::List,
    },
}

/// One choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickItem {
    /// The id or key it stands for.
    pub key: String,
    /// What is shown and matched.
    pub label: String,
    /// Already linked / set.
    pub checked: bool,
}

/// A filterable list.
#[derive(Debug, Clone)]
pub struct Picker {
    /// Title.
    pub title: String,
    /// What picking does.
    pub purpose: PickPurpose,
    /// All choices.
    pub items: Vec<PickItem>,
    /// The typed filter.
    pub query: String,
    /// Selected position within the filtered list.
    pub selected: usize,
}

/// Scores `label` against `query` as a subsequence (case-insensitive);
/// `None` when it does not match. Consecutive and early matches score more.
pub fn fuzzy_score(query: &str, label: &str) -> Option<i64> {
    let mut score = 0i64;
    let mut chars = label.chars().map(|c| c.to_ascii_lowercase()).enumerate();
    let mut last: Option<usize> = None;
    for q in query
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| !c.is_whitespace())
    {
        let (at, _) = chars.by_ref().find(|(_, c)| *c == q)?;
        score += if last.is_some_and(|l| l + 1 == at) {
            10
        } else {
            1
        };
        score -= (at as i64) / 20;
        last = Some(at);
    }
    Some(score)
}

impl Picker {
    /// The choices matching the query, best first.
    pub fn filtered(&self) -> Vec<&PickItem> {
        let mut scored: Vec<(i64, usize, &PickItem)> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| fuzzy_score(&self.query, &item.label).map(|s| (s, i, item)))
            .collect();
        if !self.query.is_empty() {
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        scored.into_iter().map(|(_, _, item)| item).collect()
    }
}

/// The keys of a picker.
pub const MODE: Mode = Mode {
    section: "picker",
    title: "In a list to pick from (L, m)",
    question: false,
};

const HINTS: &[Hint] = &[
    Hint::one(&[Action::Toggle], "toggles"),
    Hint::one(&[Action::Close], "closes"),
];

impl Component for Picker {
    fn mode(&self) -> Mode {
        MODE
    }

    fn handle(&mut self, input: Input, _app: &App) -> Outcome {
        match input.action {
            Some(Action::Close) => return Outcome::Close,
            Some(Action::Toggle) => {
                return match self.filtered().get(self.selected) {
                    Some(choice) => Outcome::StayThen(Request::Pick(choice.key.clone())),
                    None => Outcome::Stay,
                };
            }
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.filtered().len().saturating_sub(1));
            }
            _ => match input.key.code {
                KeyCode::Backspace => {
                    self.query.pop();
                    self.selected = 0;
                }
                KeyCode::Char(c) if !input.key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.query.push(c);
                    self.selected = 0;
                }
                _ => {}
            },
        }
        Outcome::Stay
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        render(app, self, area, buf);
    }

    fn hints(&self) -> &'static [Hint] {
        HINTS
    }
}

fn render(app: &App, picker: &Picker, area: Rect, buf: &mut Buffer) {
    let rect = centered(area, 70, area.height.saturating_sub(4).clamp(5, 20));
    Clear.render(rect, buf);
    let shown = picker.filtered();
    let height = rect.height.saturating_sub(3) as usize;
    let offset = crate::tui::layout::scrolled(0, picker.selected, height, shown.len());
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", app.theme.mark),
        Span::styled(picker.query.clone(), app.theme.base),
        Span::styled("▏", app.theme.mark),
    ])];
    for (i, item) in shown.iter().enumerate().skip(offset).take(height) {
        let check = if item.checked { "[x] " } else { "[ ] " };
        let style = if i == picker.selected {
            app.theme.selected
        } else {
            app.theme.base
        };
        let pointer = if i == picker.selected { "▶ " } else { "  " };
        lines.push(Line::from(Span::styled(
            format!("{pointer}{check}{}", item.label),
            style,
        )));
    }
    if shown.is_empty() {
        lines.push(Line::from(Span::styled("  no match", app.theme.muted)));
    }
    let keys: Vec<String> = HINTS
        .iter()
        .map(|h| {
            let label = match (&picker.purpose, h.label) {
                (PickPurpose::Jump, "toggles") => "jumps",
                (PickPurpose::NewItem { .. }, "toggles") => "adds there",
                (_, label) => label,
            };
            format!("{} {label}", hint_keys(&app.keymap, MODE, h))
        })
        .collect();
    let title = format!(" {} — type to filter, {} ", picker.title, keys.join(", "));
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(title)
                .border_style(app.theme.border_focused),
        )
        .style(app.theme.base)
        .render(rect, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_matches_subsequences_and_prefers_runs() {
        assert!(fuzzy_score("pool", "F2 connection pool exhausted").is_some());
        assert!(fuzzy_score("xyz", "connection pool").is_none());
        let run = fuzzy_score("pool", "pool size").expect("match");
        let spread = fuzzy_score("pool", "p o o l").expect("match");
        assert!(run > spread);
    }
}
