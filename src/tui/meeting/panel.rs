//! The meeting on screen: the header's clock (step, time left, total) and
//! the prompt panel (the step's questions, the blameless statement, the
//! blame redirect, what a step lacks before moving on). Nothing here
//! relies on colour alone: near the end and over time carry a marker and
//! words too.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Phase, guide};
use crate::model::{Topic, clock_text};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::panes::wrap;

/// The keys section that applies while a meeting runs.
pub const MODE: crate::tui::keymap::Mode = crate::tui::keymap::Mode {
    section: "meeting",
    title: "While facilitating (before the pane's keys)",
    question: false,
};

/// The clock as words: `7:30 left`, `△ 1:30 left, wrap up`, `▲ over 1:10`,
/// with the phase it is in.
pub fn clock(app: &App) -> (String, Phase) {
    let Some(step) = app.doc.meeting.step() else {
        return ("no agenda".to_string(), Phase::OnTime);
    };
    let spent = app.step_spent();
    let timebox = step.timebox();
    let phase = Phase::of(spent, timebox);
    let left = match phase {
        Phase::OnTime => format!("{} left", clock_text(timebox - spent)),
        Phase::Near => format!("△ {} left, wrap up", clock_text(timebox - spent)),
        Phase::Over => format!("▲ over {}", clock_text(spent - timebox)),
    };
    let paused = app
        .stage
        .meeting
        .as_ref()
        .is_some_and(|m| m.since.is_none());
    let left = if paused {
        format!("‖ paused · {left}")
    } else {
        left
    };
    (left, phase)
}

/// The header while a meeting runs: the step, its time left and the
/// meeting's total, then the title in what room is left.
pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let meeting = &app.doc.meeting;
    let (left, phase) = clock(app);
    let step = meeting.step().map_or_else(String::new, |s| {
        format!(
            " {}/{} {} ",
            meeting.current + 1,
            meeting.agenda.len(),
            s.name
        )
    });
    let total = format!(
        " total {} / {}:00 ",
        clock_text(app.meeting_spent()),
        meeting.planned_minutes()
    );
    let clock_style = match phase {
        Phase::OnTime => t.header,
        Phase::Near => t.warning.add_modifier(Modifier::REVERSED),
        Phase::Over => t.error,
    };
    let used = 9 + width(&step) + width(&left) + 2 + width(&total);
    let room = (area.width as usize).saturating_sub(used + 3);
    let mut spans = vec![
        Span::styled(" MEETING ", t.tab_active),
        Span::styled(step, t.header.add_modifier(Modifier::BOLD)),
        Span::styled(format!(" {left} "), clock_style),
        Span::styled(total, t.header),
    ];
    // The title only whole: a shared screen shows nothing cut.
    if width(&app.doc.meta.title) <= room {
        spans.push(Span::styled(format!("│ {}", app.doc.meta.title), t.header));
    }
    buf.set_style(area, t.header);
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// The prompt panel's lines for a text width.
pub fn lines(app: &App, width: usize) -> Vec<(String, Style)> {
    let t = &app.theme;
    let g = guide();
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut push = |text: &str, style: Style, indent: &str| {
        for (k, line) in wrap(text, width.saturating_sub(indent.len()))
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 { indent } else { "  " };
            out.push((format!("{lead}{line}"), style));
        }
    };
    let state = app.stage.meeting.as_ref();
    if let Some(check) = state.and_then(|m| m.check.as_ref()) {
        push("Before moving on:", t.warning, "");
        for line in &check.lines {
            push(line, t.base, "• ");
        }
        push("n again moves on anyway · p goes back a step", t.muted, "");
        return out;
    }
    if let Some(redirect) = state.and_then(|m| m.redirect.as_ref()) {
        push(
            &format!("Blame redirect — say: “{}”", g.redirect),
            t.warning,
            "",
        );
        push(
            &format!("“{}” → “{}”", redirect.excerpt, redirect.rewrite),
            t.base,
            "  ",
        );
    }
    let Some(step) = app.doc.meeting.step() else {
        push(
            "The agenda is empty: :agenda NAME picks one (facilitation, sixty, project).",
            t.base,
            "",
        );
        return out;
    };
    let topic = step.topic();
    if topic == Some(Topic::Tone) {
        push(&format!("Read aloud: “{}”", g.statement), t.title, "");
    }
    for question in topic.map(|t| g.questions(t)).unwrap_or_default() {
        push(question, t.base, "• ");
    }
    out
}

/// Draws the prompt panel.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let meeting = &app.doc.meeting;
    let title = meeting.step().map_or_else(
        || " Meeting ".to_string(),
        |s| {
            format!(
                " Step {}/{}: {} ({} min) ",
                meeting.current + 1,
                meeting.agenda.len(),
                s.name,
                s.minutes
            )
        },
    );
    let keys = key_line(app);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focused)
        .title(Span::styled(title, t.title))
        .title_bottom(Span::styled(keys, t.muted));
    let inner = block.inner(area);
    buf.set_style(area, t.base);
    block.render(area, buf);
    let rows = lines(app, inner.width.saturating_sub(1) as usize);
    // The last rows matter as much as the first: when they do not all
    // fit, say how many are left out rather than cutting silently.
    let room = inner.height as usize;
    let shown = if rows.len() > room {
        room.saturating_sub(1)
    } else {
        rows.len()
    };
    for (k, (text, style)) in rows.iter().take(shown).enumerate() {
        buf.set_stringn(
            inner.x + 1,
            inner.y + k as u16,
            text,
            inner.width.saturating_sub(1) as usize,
            *style,
        );
    }
    if shown < rows.len() {
        let more = format!("(+{} more lines: z zooms)", rows.len() - shown);
        buf.set_stringn(
            inner.x + 1,
            inner.y + shown as u16,
            more,
            inner.width.saturating_sub(1) as usize,
            t.muted,
        );
    }
}

/// The meeting's keys, from the key map.
fn key_line(app: &App) -> String {
    let pairs = [
        (Action::NextStep, "next"),
        (Action::PrevStep, "back"),
        (Action::PauseTimer, "pause"),
        (Action::Park, "park"),
        (Action::Attend, "attendee"),
        (Action::MeetingNote, "note"),
        (Action::CloseMeeting, "close"),
    ];
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(action, label)| {
            app.keymap
                .mode_keys(MODE, *action)
                .first()
                .map(|k| format!("{k} {label}"))
        })
        .collect();
    format!(" {} ", parts.join(" · "))
}
