//! The meeting in `update`: starting and leaving facilitation, moving
//! through the agenda (each step's checks first), the timer, the parking
//! lot, attendance and notes, the blame redirect and closing. Every change
//! of the meeting record is one `DocField::Meeting` edit through
//! `history`, so it is undone and journaled like any other; the running
//! timer's seconds are added to the step each time the record changes.

use std::collections::HashSet;

use crate::lint::Category;
use crate::model::edit::{DocField, Edit, Item};
use crate::model::{ActionItem, Attendee, IdKind, Meeting, MeetingNote, Parked, Topic};
use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::meeting::{Facilitation, Redirect, StepCheck, guide, pane_of, panel};
use crate::tui::popups::{MeetingEntry, MeetingSummary, Popup, Prompt, PromptKind};

use super::{history, nav};

/// How many days after the meeting the follow-up review is (the guide's
/// two weeks).
pub const REVIEW_AFTER_DAYS: u64 = 14;

/// The follow-up row closing a meeting adds.
const REVIEW_WHAT: &str = "Action item review";

/// Carries out a meeting action; false when `action` is not one.
pub fn handle(app: &mut App, action: Action) -> bool {
    match action {
        Action::Facilitate => toggle(app),
        Action::Zoom => {
            app.stage.zoom = !app.stage.zoom;
            nav::clamp(app);
        }
        Action::Present => {
            app.stage.present = !app.stage.present;
            let state = if app.stage.present { "on" } else { "off" };
            app.say(format!("presenter view {state}"), Tone::Info);
        }
        _ if app.stage.meeting.is_none() => return false,
        Action::NextStep => next(app),
        Action::PrevStep => prev(app),
        Action::PauseTimer => pause(app),
        Action::Park => ask(app, MeetingEntry::Park),
        Action::Attend => ask(app, MeetingEntry::Attend),
        Action::MeetingNote => ask(app, MeetingEntry::Note),
        Action::CloseMeeting => close(app),
        _ => return false,
    }
    true
}

/// `M`: starts facilitation, or leaves it (the time spent is saved).
pub fn toggle(app: &mut App) {
    if app.stage.meeting.is_some() {
        change(app, |_| {});
        app.stage.meeting = None;
        app.say("facilitation off: time spent saved", Tone::Info);
    } else {
        start(app, None);
    }
}

/// Starts facilitation with the document's agenda, or `agenda` (a
/// built-in or configured name) when the document has none or one is
/// asked for.
pub fn start(app: &mut App, agenda: Option<&str>) -> bool {
    if app.doc.meeting.agenda.is_empty() || agenda.is_some() {
        let g = guide();
        let name = agenda.unwrap_or(if app.doc.kind == crate::model::Kind::Project {
            &g.default_project
        } else {
            &g.default
        });
        let Some(steps) = agenda_named(app, name) else {
            let mut names: Vec<String> = g.agendas.keys().cloned().collect();
            names.extend(app.stage.agendas.iter().map(|(n, _)| n.clone()));
            app.say(
                format!("no agenda `{name}`: expected one of {}", names.join(", ")),
                Tone::Error,
            );
            return false;
        };
        app.stage.meeting = None;
        let changed = change(app, |m| {
            m.agenda = steps;
            m.current = 0;
            m.closed = false;
        });
        if !changed {
            return false;
        }
    }
    app.stage.meeting = Some(Facilitation {
        since: Some(app.stage.clock.now()),
        seen: blame_keys(app),
        ..Facilitation::default()
    });
    focus_step(app);
    let next = app
        .keymap
        .mode_keys(panel::MODE, Action::NextStep)
        .first()
        .map_or("n".to_string(), |k| k.to_string());
    app.say(
        format!("facilitating: {next} moves to the next step"),
        Tone::Info,
    );
    true
}

/// An agenda by name: the user's config first, then the built-in ones.
fn agenda_named(app: &App, name: &str) -> Option<Vec<crate::model::AgendaStep>> {
    app.stage
        .agendas
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, steps)| steps.clone())
        .or_else(|| guide().agenda(name).map(<[_]>::to_vec))
}

/// Changes the meeting record as one undo step, adding the running
/// timer's seconds to the current step first (and restarting it).
fn change(app: &mut App, f: impl FnOnce(&mut Meeting)) -> bool {
    let running = app.running_seconds();
    let mut meeting = app.doc.meeting.clone();
    let current = meeting.current;
    if let Some(step) = meeting.agenda.get_mut(current) {
        step.spent += running;
    }
    f(&mut meeting);
    let changed = history::set_field(app, DocField::Meeting, meeting.to_text());
    if changed
        && let Some(state) = app.stage.meeting.as_mut()
        && let Some(since) = state.since
    {
        // Whole seconds were saved: the fraction carries over, so many
        // short changes lose no time.
        state.since = Some(since + chrono::Duration::seconds(i64::try_from(running).unwrap_or(0)));
    }
    changed
}

/// Focuses the pane the current step is about.
fn focus_step(app: &mut App) {
    if let Some(topic) = app.doc.meeting.step().and_then(|s| s.topic()) {
        nav::focus(app, pane_of(topic));
    }
}

/// What the step about to be left still lacks.
fn checks(app: &App) -> Vec<String> {
    let doc = &app.doc;
    match doc.meeting.step().and_then(|s| s.topic()) {
        Some(Topic::Owners) => {
            let orphans = crate::tui::popups::summary::orphans(doc);
            if orphans.is_empty() {
                return orphans;
            }
            let mut lines = vec![format!(
                "{} action(s) without owner or due date — no orphan items:",
                orphans.len()
            )];
            lines.extend(orphans);
            lines
        }
        Some(Topic::Prioritize) if doc.actions.len() > QUICK_ACTIONS => vec![format!(
            "{} actions: the quick template keeps at most {QUICK_ACTIONS} — which matter most?",
            doc.actions.len()
        )],
        _ => Vec::new(),
    }
}

/// The quick template's limit on action items.
const QUICK_ACTIONS: usize = 5;

/// `n`: the next step, once the current one's checks pass (or `n` is
/// pressed again over them).
fn next(app: &mut App) {
    let meeting = &app.doc.meeting;
    let current = meeting.current;
    if current + 1 >= meeting.agenda.len() {
        app.say("this is the last step: C closes the meeting", Tone::Info);
        return;
    }
    let insisted = app
        .stage
        .meeting
        .as_ref()
        .and_then(|m| m.check.as_ref())
        .is_some_and(|c| c.step == current);
    if !insisted {
        let lines = checks(app);
        if !lines.is_empty() {
            if let Some(state) = app.stage.meeting.as_mut() {
                state.check = Some(StepCheck {
                    step: current,
                    lines,
                });
            }
            app.say("before moving on: see the prompt panel", Tone::Info);
            return;
        }
    }
    move_to(app, current + 1);
}

/// `p`: back to the previous step.
fn prev(app: &mut App) {
    let current = app.doc.meeting.current;
    if current == 0 {
        app.say("this is the first step", Tone::Info);
        return;
    }
    move_to(app, current - 1);
}

fn move_to(app: &mut App, step: usize) {
    if let Some(state) = app.stage.meeting.as_mut() {
        state.check = None;
        state.redirect = None;
    }
    if change(app, |m| m.current = step) {
        focus_step(app);
    }
}

/// `P`: pauses or resumes the timer.
fn pause(app: &mut App) {
    let running = app
        .stage
        .meeting
        .as_ref()
        .is_some_and(|m| m.since.is_some());
    if running {
        change(app, |_| {});
        if let Some(state) = app.stage.meeting.as_mut() {
            state.since = None;
        }
        app.say("timer paused", Tone::Info);
    } else {
        let now = app.stage.clock.now();
        if let Some(state) = app.stage.meeting.as_mut() {
            state.since = Some(now);
        }
        app.say("timer running", Tone::Info);
    }
}

fn ask(app: &mut App, entry: MeetingEntry) {
    app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::Meeting(
        entry,
    )))));
}

/// Adds a typed line to the parking lot, the attendance or the notes.
pub fn add_entry(app: &mut App, entry: MeetingEntry, text: &str) {
    let text = text.trim().to_string();
    if text.is_empty() {
        return;
    }
    let now = app.stage.clock.now();
    let (changed, what) = match entry {
        MeetingEntry::Park => (
            change(app, |m| {
                m.parking.push(Parked {
                    text,
                    resolved: String::new(),
                })
            }),
            "parked",
        ),
        MeetingEntry::Attend => {
            let (role, name) = text
                .split_once([':', '|'])
                .map_or((text.as_str(), ""), |(r, n)| (r.trim(), n.trim()));
            let person = Attendee {
                role: role.to_string(),
                name: name.to_string(),
            };
            (change(app, |m| m.attendance.push(person)), "attendee added")
        }
        MeetingEntry::Note => (
            change(app, |m| m.notes.push(MeetingNote { at: now, text })),
            "note taken",
        ),
    };
    if changed {
        app.say(what, Tone::Info);
    }
}

/// `C`: saves the time, writes the follow-up review date (two weeks on,
/// unless set) into the meeting and the follow-up schedule, ends
/// facilitation and shows the summary.
fn close(app: &mut App) {
    let review = app
        .doc
        .meeting
        .review
        .unwrap_or_else(|| app.today + chrono::Days::new(REVIEW_AFTER_DAYS));
    if change(app, |m| {
        m.review = Some(review);
        m.closed = true;
    }) {
        add_review_follow_up(app, review);
    }
    app.stage.meeting = None;
    app.popup = Some(Popup::Summary(MeetingSummary::default()));
}

/// Adds the review to the follow-up schedule, unless a row has its date.
fn add_review_follow_up(app: &mut App, review: chrono::NaiveDate) {
    if app.doc.follow_up.iter().any(|f| f.date == Some(review)) {
        return;
    }
    let mut rows = DocField::FollowUp.get(&app.doc);
    if !rows.is_empty() {
        rows.push('\n');
    }
    rows.push_str(&format!("{REVIEW_WHAT} | {review}"));
    match DocField::FollowUp.prepare(&app.doc, &rows) {
        Ok(canonical) => {
            history::set_field(app, DocField::FollowUp, canonical);
        }
        Err(e) => app.say(format!("follow-up not written: {e}"), Tone::Error),
    }
}

/// Resolves parking-lot point `index`: a new action with its text, or
/// dropped. One undo step.
pub fn resolve_parked(app: &mut App, index: usize, to_action: bool) {
    let Some(point) = app.doc.meeting.parking.get(index).cloned() else {
        return;
    };
    if !point.is_open() {
        app.say(format!("already {}", point.resolved), Tone::Info);
        return;
    }
    let mut meeting = app.doc.meeting.clone();
    if !to_action {
        meeting.parking[index].resolved = Parked::DROPPED.to_string();
        history::set_field(app, DocField::Meeting, meeting.to_text());
        return;
    }
    let id = app.ids.next_id(&app.doc, IdKind::Action);
    meeting.parking[index].resolved = id.clone();
    let edit = Edit::Batch(vec![
        Edit::Insert {
            index: app.doc.actions.len(),
            item: Item::Action(ActionItem::new(&id, &point.text)),
        },
        Edit::SetText {
            field: DocField::Meeting,
            before: app.doc.meeting.to_text(),
            after: meeting.to_text(),
        },
    ]);
    if history::commit(app, edit) {
        app.say(format!("{id} added from the parking lot"), Tone::Info);
    }
}

/// Keys of the blame findings, to tell a new one.
fn blame_keys(app: &App) -> HashSet<String> {
    app.lint
        .all()
        .into_iter()
        .filter(|f| f.category == Category::Blameless)
        .map(blame_key)
        .collect()
}

fn blame_key(f: &crate::lint::Finding) -> String {
    format!("{}|{:?}|{:?}", f.rule, f.location, f.excerpt)
}

/// After each key while a meeting runs: a blame finding that was not
/// there before shows the redirect with its blameless rewrite.
pub fn after_key(app: &mut App) {
    if app.stage.meeting.is_none() {
        return;
    }
    let keys = blame_keys(app);
    let Some(seen) = app.stage.meeting.as_ref().map(|m| &m.seen) else {
        return;
    };
    let fresh = app
        .lint
        .all()
        .into_iter()
        .filter(|f| f.category == Category::Blameless)
        .find(|f| !seen.contains(&blame_key(f)))
        .map(|f| Redirect {
            excerpt: f.excerpt.clone().unwrap_or_else(|| f.message.clone()),
            rewrite: f
                .fix
                .clone()
                .or_else(|| f.suggestion.clone())
                .unwrap_or_else(|| f.message.clone()),
        });
    if let Some(state) = app.stage.meeting.as_mut() {
        state.seen = keys;
        if fresh.is_some() {
            state.redirect = fresh;
        }
    }
}

/// Between keys: whether the clock shown changed (the loop redraws).
pub fn tick(app: &mut App) -> bool {
    if app.stage.meeting.is_none() {
        return false;
    }
    let shown = format!("{} {}", panel::clock(app).0, app.meeting_spent());
    let Some(state) = app.stage.meeting.as_mut() else {
        return false;
    };
    let changed = state.shown != shown;
    state.shown = shown;
    changed
}
