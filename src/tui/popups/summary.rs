//! The meeting's closing summary: actions without an owner or a due
//! date, open questions, the parking lot (each point made an action or
//! dropped here) and the follow-up review date.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::Request;
use super::centered;
use crate::model::Postmortem;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::component::{Component, Hint, Input, Outcome, hint_line};
use crate::tui::keymap::Mode;

/// The keys of the closing summary.
pub const MODE: Mode = Mode {
    section: "summary",
    title: "In the meeting's closing summary",
    question: false,
};

/// The closing summary; `selected` is a parking-lot point.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MeetingSummary {
    /// The selected parking-lot point.
    pub selected: usize,
}

const HINTS: &[Hint] = &[
    Hint::one(&[Action::Down, Action::Up], "point"),
    Hint::one(&[Action::Accept], "make it an action"),
    Hint::one(&[Action::Discard], "drop it"),
    Hint::one(&[Action::Close], "done"),
];

/// Actions that lack an owner or a due date, as lines.
pub fn orphans(doc: &Postmortem) -> Vec<String> {
    doc.actions
        .iter()
        .filter_map(|a| {
            let missing: Vec<&str> = [
                (a.owner.trim().is_empty(), "no owner"),
                (a.due.is_none(), "no due date"),
            ]
            .into_iter()
            .filter_map(|(lacks, what)| lacks.then_some(what))
            .collect();
            (!missing.is_empty()).then(|| format!("{} {} — {}", a.id, a.title, missing.join(", ")))
        })
        .collect()
}

/// Open questions: timeline gaps still to investigate and notes that ask.
pub fn open_questions(doc: &Postmortem) -> Vec<String> {
    let gaps = doc
        .timeline
        .iter()
        .filter(|e| e.gap)
        .map(|e| format!("{} {}", e.id, e.text));
    let asked = doc
        .meeting
        .notes
        .iter()
        .filter(|n| n.text.trim_end().ends_with('?'))
        .map(|n| n.text.clone());
    gaps.chain(asked).collect()
}

impl Component for MeetingSummary {
    fn mode(&self) -> Mode {
        MODE
    }

    fn handle(&mut self, input: Input, app: &App) -> Outcome {
        let points = app.doc.meeting.parking.len();
        match input.action {
            Some(Action::Close) => Outcome::Close,
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(points.saturating_sub(1));
                Outcome::Stay
            }
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Stay
            }
            Some(Action::Accept) if self.selected < points => {
                Outcome::StayThen(Request::ResolveParked(self.selected, true))
            }
            Some(Action::Discard) if self.selected < points => {
                Outcome::StayThen(Request::ResolveParked(self.selected, false))
            }
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer) {
        let t = &app.theme;
        let doc = &app.doc;
        let rect = centered(area, 96, area.height.saturating_sub(2));
        Clear.render(rect, buf);
        let mut lines: Vec<Line> = Vec::new();
        let heading = |text: String| Line::from(Span::styled(text, t.title));
        let item = |text: String, style: Style| Line::from(Span::styled(text, style));
        let orphans = orphans(doc);
        lines.push(heading(format!(
            "Actions without owner or due date: {}",
            orphans.len()
        )));
        lines.extend(
            orphans
                .into_iter()
                .map(|l| item(format!("  • {l}"), t.base)),
        );
        let questions = open_questions(doc);
        lines.push(heading(format!("Open questions: {}", questions.len())));
        lines.extend(
            questions
                .into_iter()
                .map(|l| item(format!("  • {l}"), t.base)),
        );
        let parking = &doc.meeting.parking;
        let open = parking.iter().filter(|p| p.is_open()).count();
        lines.push(heading(format!(
            "Parking lot: {} point(s), {open} not resolved",
            parking.len()
        )));
        for (k, point) in parking.iter().enumerate() {
            let fate = match point.resolved.as_str() {
                "" => "open".to_string(),
                crate::model::Parked::DROPPED => "dropped".to_string(),
                id => format!("became {id}"),
            };
            let selected = k == self.selected;
            let glyph = if selected { "▶" } else { " " };
            let style = if selected { t.selected } else { t.base };
            lines.push(item(format!(" {glyph} {} ({fate})", point.text), style));
        }
        let review = doc
            .meeting
            .review
            .map_or("not set".to_string(), |d| d.to_string());
        lines.push(heading(format!("Follow-up review: {review}")));
        let minutes = doc.meeting.spent().div_ceil(60);
        lines.push(item(
            format!(
                "Meeting took {minutes} min of {} planned — thank the team.",
                doc.meeting.planned_minutes()
            ),
            t.base,
        ));
        let keys = format!(" {} ", hint_line(&app.keymap, MODE, HINTS, " ", " · "));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .style(t.base)
            .block(
                Block::bordered()
                    .title(Line::from(Span::styled(" Meeting closed ", t.title)))
                    .title_bottom(Line::from(Span::styled(keys, t.muted)))
                    .border_style(t.border_focused),
            )
            .render(rect, buf);
    }

    fn hints(&self) -> &'static [Hint] {
        HINTS
    }
}
