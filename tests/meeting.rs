//! The meeting: facilitation with an injected clock (snapshots at 50 %,
//! 90 % and 110 % of a timebox, with and without colour), steps focusing
//! their pane, time spent saved and exported, the parking lot, attendance,
//! notes, the blame redirect, the checks before moving on and the close.

mod common;

use std::rc::Rc;

use common::{app, press, render, screen};
use debrief::model::edit::{Edit, Item};
use debrief::model::{Meeting, Timestamp};
use debrief::tui::app::{App, Pane};
use debrief::tui::meeting::ManualClock;
use debrief::tui::update;

fn at(text: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(text).expect("timestamp")
}

/// The default example at `w`×`h`, facilitating with a clock at 10:00.
fn meeting(w: u16, h: u16) -> (App, Rc<ManualClock>) {
    let mut app = app("checkout-cache-stampede.toml", w, h);
    let clock = Rc::new(ManualClock::new(at("2026-03-01T10:00:00+00:00")));
    app.stage.clock = clock.clone();
    press(&mut app, "M");
    (app, clock)
}

#[test]
fn starting_sets_the_guides_agenda_and_focuses_the_first_step() {
    let (app, _) = meeting(100, 30);
    let minutes: Vec<u32> = app.doc.meeting.agenda.iter().map(|s| s.minutes).collect();
    assert_eq!(minutes, [2, 10, 15, 10, 5, 5, 3]);
    assert_eq!(app.focus, Pane::Overview);
    let s = screen(&app);
    assert!(s.contains("MEETING  1/7 Set the tone"), "{s}");
    assert!(
        s.contains("Read aloud: “This is a blameless postmortem."),
        "{s}"
    );
}

#[test]
fn the_clock_at_50_90_and_110_percent_of_a_timebox() {
    for (w, h) in [(80, 24), (100, 30)] {
        for (percent, seconds, expected) in [
            (50, 300, "5:00 left"),
            (90, 540, "△ 1:00 left, wrap up"),
            (110, 660, "▲ over 1:00"),
        ] {
            // Step 2 is the timeline's 10 minutes.
            let (mut app, clock) = meeting(w, h);
            press(&mut app, "n");
            clock.advance(seconds);
            let coloured = render(&app);
            let s = common::text(&coloured);
            assert!(s.lines().next().expect("header").contains(expected), "{s}");
            // Colour says it too: amber near the end, red when over.
            let header = s.lines().next().expect("header");
            let x = header
                .chars()
                .take_while(|_| true)
                .collect::<String>()
                .find(expected.split(' ').next().expect("word"))
                .map(|byte| header[..byte].chars().count() as u16)
                .expect("clock shown");
            let style = coloured[(x + 1, 0)].style();
            match percent {
                50 => assert_eq!(style.fg, app.theme.header.fg, "{percent}%"),
                90 => assert_eq!(style.fg, app.theme.warning.fg, "{percent}%"),
                _ => assert_eq!(style.bg, app.theme.error.bg, "{percent}%"),
            }
            insta::assert_snapshot!(format!("meeting_{percent}pct_{w}x{h}"), s);
            // Without colour the words and markers carry it alone.
            app.theme = app.theme.without_colour();
            let plain = screen(&app);
            assert_eq!(plain, s, "the same words without colour");
        }
    }
}

#[test]
fn each_step_focuses_its_pane_and_time_spent_is_saved_and_exported() {
    let (mut app, clock) = meeting(100, 30);
    let mut panes = vec![app.focus];
    for _ in 0..6 {
        clock.advance(90);
        press(&mut app, "n");
        // A check may hold the step: n again moves on.
        if app
            .stage
            .meeting
            .as_ref()
            .is_some_and(|m| m.check.is_some())
        {
            press(&mut app, "n");
        }
        panes.push(app.focus);
    }
    assert_eq!(
        panes,
        [
            Pane::Overview,
            Pane::Timeline,
            Pane::Factors,
            Pane::Actions,
            Pane::Actions,
            Pane::Actions,
            Pane::Review
        ]
    );
    let spent: Vec<u64> = app.doc.meeting.agenda.iter().map(|s| s.spent).collect();
    assert_eq!(spent, [90, 90, 90, 90, 90, 90, 0]);
    let text = debrief::store::to_toml(&app.doc).expect("toml");
    assert!(text.contains("[meeting]"), "{text}");
    assert!(text.contains("spent = 90"), "{text}");
    let md = debrief::export::markdown(&app.doc);
    assert!(md.contains("## Meeting"), "{md}");
    assert!(
        md.contains("| Walk through the timeline | 10 min | 1:30 |"),
        "{md}"
    );
    // Undo takes back the last step change, time and all.
    press(&mut app, "u");
    assert_eq!(app.doc.meeting.current, 5);
}

#[test]
fn pause_stops_the_clock() {
    let (mut app, clock) = meeting(80, 24);
    clock.advance(30);
    press(&mut app, "P");
    clock.advance(600);
    assert_eq!(app.step_spent(), 30);
    assert!(screen(&app).contains("‖ paused"));
    press(&mut app, "P");
    clock.advance(10);
    assert_eq!(app.step_spent(), 40);
}

#[test]
fn parking_lot_attendance_and_notes_are_saved() {
    let (mut app, clock) = meeting(100, 30);
    press(&mut app, "Orename the dashboards<enter>");
    press(&mut app, "Wfacilitator: Sam<enter>");
    clock.advance(75);
    press(&mut app, "iwho pages the database team?<enter>");
    let m = &app.doc.meeting;
    assert_eq!(m.parking[0].text, "rename the dashboards");
    assert_eq!(
        (m.attendance[0].role.as_str(), m.attendance[0].name.as_str()),
        ("facilitator", "Sam")
    );
    assert_eq!(m.notes[0].at, at("2026-03-01T10:01:15+00:00"));
    let text = debrief::store::to_toml(&app.doc).expect("toml");
    let back: debrief::model::Postmortem = toml::from_str(&text).expect("reads back");
    assert_eq!(back.meeting, app.doc.meeting);
    let md = debrief::export::markdown(&app.doc);
    assert!(md.contains("| facilitator | Sam |"), "{md}");
    assert!(md.contains("rename the dashboards (open)"), "{md}");
}

#[test]
fn a_blame_finding_during_the_meeting_shows_the_redirect() {
    let (mut app, _) = meeting(100, 30);
    press(&mut app, "n");
    // A new event whose text blames a person.
    press(
        &mut app,
        "aThe engineer should have checked the cache<enter>",
    );
    let s = screen(&app);
    assert!(s.contains("Blame redirect"), "{s}");
    assert!(
        s.contains("Let's focus on what made that outcome likely"),
        "{s}"
    );
    let redirect = app
        .stage
        .meeting
        .as_ref()
        .and_then(|m| m.redirect.clone())
        .expect("redirect");
    assert!(s.contains(&redirect.excerpt), "{s}");
    insta::assert_snapshot!("meeting_redirect_100x30", s);
}

#[test]
fn leaving_prioritize_and_owners_shows_what_is_missing() {
    let (mut app, _) = meeting(100, 30);
    // An action without owner or due date, as a key would add it.
    let id = app.doc.next_id(debrief::model::IdKind::Action);
    let orphan = debrief::model::ActionItem::new(&id, "Add a pool alert");
    let index = app.doc.actions.len();
    assert!(update::commit(
        &mut app,
        Edit::Insert {
            index,
            item: Item::Action(orphan),
        },
    ));
    press(&mut app, "nnnn");
    assert_eq!(app.doc.meeting.current, 4, "at prioritize");
    press(&mut app, "n");
    assert_eq!(app.doc.meeting.current, 4, "held by the check");
    let s = screen(&app);
    assert!(s.contains("Before moving on"), "{s}");
    assert!(
        s.contains(&format!(
            "{} actions: the quick template keeps at most 5",
            index + 1
        )),
        "{s}"
    );
    press(&mut app, "n");
    assert_eq!(app.doc.meeting.current, 5, "n again moves on");
    press(&mut app, "n");
    assert_eq!(app.doc.meeting.current, 5, "held by the orphan");
    let s = screen(&app);
    assert!(s.contains("no orphan items"), "{s}");
    assert!(
        s.contains(&format!("{id} Add a pool alert — no owner, no due date")),
        "{s}"
    );
    insta::assert_snapshot!("meeting_check_owners_100x30", s);
    press(&mut app, "p");
    assert_eq!(app.doc.meeting.current, 4, "p goes back");
}

#[test]
fn closing_writes_the_follow_up_and_resolves_the_parking_lot() {
    let (mut app, _) = meeting(100, 30);
    press(&mut app, "Orename the dashboards<enter>");
    press(&mut app, "Oretire the old runbook<enter>");
    press(&mut app, "C");
    let s = screen(&app);
    assert!(s.contains("Meeting closed"), "{s}");
    assert!(s.contains("Parking lot: 2 point(s), 2 not resolved"), "{s}");
    let review = chrono::NaiveDate::from_ymd_opt(2026, 3, 15);
    assert_eq!(app.doc.meeting.review, review);
    assert!(app.doc.follow_up.iter().any(|f| f.date == review));
    let actions = app.doc.actions.len();
    press(&mut app, "a");
    press(&mut app, "jx");
    assert_eq!(app.doc.actions.len(), actions + 1);
    let new = &app.doc.actions[actions];
    assert_eq!(new.title, "rename the dashboards");
    assert_eq!(app.doc.meeting.parking[0].resolved, new.id);
    assert_eq!(app.doc.meeting.parking[1].resolved, "dropped");
    assert!(app.stage.meeting.is_none(), "facilitation ended");
    let _ = Meeting::default();
}

#[test]
fn many_short_changes_lose_no_time() {
    let (mut app, clock) = meeting(80, 24);
    let start = at("2026-03-01T10:00:00+00:00");
    // Four notes 600 ms apart: 2.4 s, of which 2 whole seconds are saved.
    for k in 1..=4 {
        clock.set(start + chrono::Duration::milliseconds(600 * k));
        press(&mut app, &format!("inote {k}<enter>"));
    }
    assert_eq!(app.doc.meeting.agenda[0].spent, 2);
    assert_eq!(app.step_spent(), 2);
    clock.set(start + chrono::Duration::milliseconds(3000));
    assert_eq!(app.step_spent(), 3, "the fraction carried over");
}
