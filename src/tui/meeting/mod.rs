//! The meeting on the shared screen: facilitation (agenda, timeboxes,
//! prompts, parking lot, attendance, notes), zoom and the presenter view.
//!
//! This module holds the state and what is derived from it (time spent,
//! the timebox's phase, where the prompt panel goes); `update::meeting`
//! changes it, `panel` draws the header clock and the prompt panel. The
//! time comes from a [`Clock`] so tests can stand at any point of a step.

mod guide;
pub mod panel;

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt::Debug;
use std::rc::Rc;

use ratatui::layout::Rect;

pub use guide::{Guide, guide};

use super::app::{App, Pane};
use super::layout::Layout;
use crate::model::{AgendaStep, Timestamp, Topic};

/// Where the time comes from.
pub trait Clock: Debug {
    /// Now, with its offset.
    fn now(&self) -> Timestamp;
}

/// The computer's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        chrono::Local::now().fixed_offset()
    }
}

/// A clock that stands still until moved (tests, demos).
#[derive(Debug)]
pub struct ManualClock(Cell<Timestamp>);

impl ManualClock {
    /// A clock showing `at`.
    pub fn new(at: Timestamp) -> ManualClock {
        ManualClock(Cell::new(at))
    }

    /// Moves it to `at`.
    pub fn set(&self, at: Timestamp) {
        self.0.set(at);
    }

    /// Moves it on by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.0
            .set(self.0.get() + chrono::Duration::seconds(seconds));
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.0.get()
    }
}

/// Zoom, presenter view and the meeting under way.
#[derive(Debug)]
pub struct Stage {
    /// Where the time comes from.
    pub clock: Rc<dyn Clock>,
    /// The focused pane alone on the whole screen, its text in full.
    pub zoom: bool,
    /// Drafting noise (finding underlines, ids, provenance) hidden.
    pub present: bool,
    /// Facilitation, while it runs.
    pub meeting: Option<Facilitation>,
    /// Agendas from the user's config, by name (besides the built-in ones).
    pub agendas: Vec<(String, Vec<AgendaStep>)>,
}

impl Default for Stage {
    fn default() -> Stage {
        Stage {
            clock: Rc::new(SystemClock),
            zoom: false,
            present: false,
            meeting: None,
            agendas: Vec::new(),
        }
    }
}

/// The state of a running facilitation that is not saved: the timer and
/// what the prompt panel shows besides the step's questions.
#[derive(Debug, Clone, Default)]
pub struct Facilitation {
    /// When the current step's timer last started; `None` while paused.
    pub since: Option<Timestamp>,
    /// The blame findings already seen (a new one shows the redirect).
    pub seen: HashSet<String>,
    /// The redirect to read aloud, after a blame finding appeared.
    pub redirect: Option<Redirect>,
    /// What the step about to be left still lacks: `n` again moves on.
    pub check: Option<StepCheck>,
    /// The clock text last drawn (the loop redraws when it changes).
    pub shown: String,
}

/// A blame finding turned into words for the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The words that read as blame.
    pub excerpt: String,
    /// The blameless rewrite (or the rule's advice).
    pub rewrite: String,
}

/// The problems found when leaving a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepCheck {
    /// The step they were found on.
    pub step: usize,
    /// One line per problem.
    pub lines: Vec<String>,
}

/// How far into its timebox a step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Under 80 %.
    OnTime,
    /// 80 % or more: time to wrap up.
    Near,
    /// Past the timebox.
    Over,
}

impl Phase {
    /// The phase of `spent` seconds in a timebox of `timebox` seconds.
    pub fn of(spent: u64, timebox: u64) -> Phase {
        if spent > timebox {
            Phase::Over
        } else if spent * 5 >= timebox * 4 && timebox > 0 {
            Phase::Near
        } else {
            Phase::OnTime
        }
    }
}

/// The pane a topic is about.
pub fn pane_of(topic: Topic) -> Pane {
    match topic {
        Topic::Tone => Pane::Overview,
        Topic::Timeline => Pane::Timeline,
        Topic::Factors => Pane::Factors,
        Topic::Actions | Topic::Prioritize | Topic::Owners => Pane::Actions,
        Topic::Close
        | Topic::Goals
        | Topic::WentWell
        | Topic::Differently
        | Topic::Lessons
        | Topic::Recommendations => Pane::Review,
    }
}

impl App {
    /// Seconds spent on the current step: what is saved plus the running
    /// timer.
    pub fn step_spent(&self) -> u64 {
        let saved = self.doc.meeting.step().map_or(0, |s| s.spent);
        saved + self.running_seconds()
    }

    /// Seconds of the meeting so far, every step.
    pub fn meeting_spent(&self) -> u64 {
        self.doc.meeting.spent() + self.running_seconds()
    }

    /// Seconds on the running timer, not yet saved in the document.
    pub fn running_seconds(&self) -> u64 {
        self.stage
            .meeting
            .as_ref()
            .and_then(|m| m.since)
            .map_or(0, |since| {
                let seconds = (self.stage.clock.now() - since).num_seconds();
                u64::try_from(seconds).unwrap_or(0)
            })
    }
}

/// Rows of the prompt panel for a screen `area`, 0 without a meeting.
fn panel_rows(app: &App, area: Rect) -> u16 {
    if app.stage.meeting.is_none() {
        return 0;
    }
    // The header, tabs and status take 3 rows; leave the panes at least 8.
    let body = area.height.saturating_sub(3);
    (body / 3).clamp(5, 9).min(body.saturating_sub(8))
}

/// The screen layout with zoom and the meeting's prompt panel (between
/// the panes and the status bar), and the panel's area.
pub fn layout(app: &App, area: Rect) -> (Layout, Option<Rect>) {
    let rows = panel_rows(app, area);
    let full = Layout::compute(area, app.focus);
    let mut layout = if rows == 0 {
        full.clone()
    } else {
        Layout::compute(
            Rect {
                height: area.height - rows,
                ..area
            },
            app.focus,
        )
    };
    let panel = (rows > 0).then(|| Rect::new(area.x, layout.status.y, area.width, rows));
    layout.status = full.status;
    if app.stage.present
        && let Some(links) = layout.links.take()
    {
        // The links strip names ids (drafting noise): the pane takes its room.
        for (_, rect) in &mut layout.panes {
            if rect.bottom() == links.y {
                rect.height += links.height;
            }
        }
    }
    if app.stage.zoom {
        // The focused pane alone, over the tab row too.
        let top = layout.tabs.y;
        let bottom = panel.map_or(layout.status.y, |p| p.y);
        layout.panes = vec![(
            app.focus,
            Rect::new(area.x, top, area.width, bottom.saturating_sub(top)),
        )];
        layout.links = None;
    }
    (layout, panel)
}

#[cfg(test)]
mod tests {
    use super::Phase;

    #[test]
    fn phases_turn_at_80_and_100_percent() {
        assert_eq!(Phase::of(300, 600), Phase::OnTime);
        assert_eq!(Phase::of(479, 600), Phase::OnTime);
        assert_eq!(Phase::of(480, 600), Phase::Near);
        assert_eq!(Phase::of(600, 600), Phase::Near);
        assert_eq!(Phase::of(601, 600), Phase::Over);
    }
}
