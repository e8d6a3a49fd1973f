//! The panes of the editor and how the action board groups its cards.

use crate::model::edit::List;

/// A pane (or full-screen view).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// Timeline of events.
    Timeline,
    /// 5 Whys tree.
    Whys,
    /// Contributing factors.
    Factors,
    /// Action board.
    Actions,
    /// Meta, summary, impact.
    Overview,
    /// Response, went well / poorly / lucky, lessons…
    Review,
    /// Exported Markdown.
    Preview,
}

impl Pane {
    /// Every pane, in tab order (number keys 1–7).
    pub const ALL: [Pane; 7] = [
        Pane::Timeline,
        Pane::Whys,
        Pane::Factors,
        Pane::Actions,
        Pane::Overview,
        Pane::Review,
        Pane::Preview,
    ];

    /// The four panes of the grid.
    pub const GRID: [Pane; 4] = [Pane::Timeline, Pane::Whys, Pane::Factors, Pane::Actions];

    /// Title shown on the border and the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::Whys => "5 Whys",
            Pane::Factors => "Factors",
            Pane::Actions => "Actions",
            Pane::Overview => "Overview",
            Pane::Review => "Review",
            Pane::Preview => "Preview",
        }
    }

    /// The key map section.
    pub fn section(self) -> &'static str {
        match self {
            Pane::Timeline => "timeline",
            Pane::Whys => "whys",
            Pane::Factors => "factors",
            Pane::Actions => "actions",
            Pane::Overview => "overview",
            Pane::Review => "review",
            Pane::Preview => "preview",
        }
    }

    /// The number key.
    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    /// The list of items this pane edits, if any.
    pub fn list(self) -> Option<List> {
        match self {
            Pane::Timeline => Some(List::Timeline),
            Pane::Whys => Some(List::Whys),
            Pane::Factors => Some(List::Factors),
            Pane::Actions => Some(List::Actions),
            _ => None,
        }
    }
}

/// How the action board groups its cards into columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// A column per status.
    #[default]
    Status,
    /// A column per time frame.
    Timeframe,
    /// A column per priority.
    Priority,
}

impl Grouping {
    /// The next grouping.
    pub fn next(self) -> Grouping {
        match self {
            Grouping::Status => Grouping::Timeframe,
            Grouping::Timeframe => Grouping::Priority,
            Grouping::Priority => Grouping::Status,
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            Grouping::Status => "status",
            Grouping::Timeframe => "time frame",
            Grouping::Priority => "priority",
        }
    }
}
