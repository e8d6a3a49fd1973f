//! The timeline pane: adding an event and typing its time, relative and
//! invalid times, delete with its links, move, marks, and undo / redo.

use crate::common::{default_app, press, screen};

fn event_texts(app: &debrief::tui::app::App) -> Vec<String> {
    app.doc.timeline.iter().map(|e| e.text.clone()).collect()
}

#[test]
fn timeline_add_edit_time_reorders_and_undo_redo() {
    let mut app = default_app();
    let before = app.doc.timeline.len();
    // Add after the first event, type its text, then its time.
    press(&mut app, "aSecond deploy started<tab>");
    assert_eq!(app.doc.timeline.len(), before + 1);
    assert_eq!(app.doc.timeline[1].text, "Second deploy started");
    // The time field is open: move the event to 08:10 (display zone New York).
    press(&mut app, "<c-u>08:10<enter>");
    assert!(
        app.editor.is_none(),
        "editor still open: {:?}",
        app.editor.as_ref().map(|e| &e.error)
    );
    let at = app
        .doc
        .timeline
        .iter()
        .position(|e| e.text == "Second deploy started")
        .expect("event");
    let zone = app.doc.display_zone();
    assert_eq!(zone.clock(&app.doc.timeline[at].at), "08:10");
    assert!(
        app.doc.timeline.windows(2).all(|w| w[0].at <= w[1].at),
        "time order kept"
    );
    assert_eq!(app.cursor.timeline, at, "selection follows the event");
    // One undo for the time, one for add + text.
    press(&mut app, "u");
    assert_eq!(app.doc.timeline[1].text, "Second deploy started");
    press(&mut app, "u");
    assert_eq!(app.doc.timeline.len(), before);
    press(&mut app, "<c-r><c-y>");
    let at = app
        .doc
        .timeline
        .iter()
        .position(|e| e.text == "Second deploy started")
        .expect("redone");
    assert_eq!(zone.clock(&app.doc.timeline[at].at), "08:10");
    assert!(app.modified());
}

#[test]
fn editing_the_text_of_an_event_keeps_its_place_among_events_at_the_same_time() {
    let mut app = default_app();
    // `a` adds an event at the selected one's time, right after it.
    press(&mut app, "aSame minute<enter>");
    assert_eq!(app.doc.timeline[0].at, app.doc.timeline[1].at, "a tie");
    let order: Vec<String> = app.doc.timeline.iter().map(|e| e.id.clone()).collect();
    // Edit the first of the two: its text changes, not its time.
    press(&mut app, "k");
    assert_eq!(app.cursor.timeline, 0);
    press(&mut app, "e<c-u>First, reworded<enter>");
    assert_eq!(app.doc.timeline[0].text, "First, reworded");
    let after: Vec<String> = app.doc.timeline.iter().map(|e| e.id.clone()).collect();
    assert_eq!(after, order, "no event moved");
    // Re-timed later than everything, it does move, to the end.
    let last = app.doc.timeline.len() - 1;
    press(&mut app, "e<tab><c-u>23:59<enter>");
    assert_eq!(app.doc.timeline[last].text, "First, reworded");
    assert!(app.doc.timeline.windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn invalid_time_is_shown_and_not_applied() {
    let mut app = default_app();
    let first = (*app.doc.timeline[0]).clone();
    press(&mut app, "e<tab><c-u>half past nine<enter>");
    let error = app
        .editor
        .as_ref()
        .and_then(|e| e.error.clone())
        .expect("error shown");
    assert!(error.contains("cannot read"), "{error}");
    assert!(
        screen(&app).contains("cannot read"),
        "error visible beside the field"
    );
    assert_eq!(*app.doc.timeline[0], first);
    press(&mut app, "<esc><esc>");
    assert!(app.editor.is_none());
    assert_eq!(*app.doc.timeline[0], first);
    assert!(!app.modified());
}

#[test]
fn relative_time_follows_the_previous_event() {
    let mut app = default_app();
    let prev = app.doc.timeline[0].at;
    press(&mut app, "aPing<tab><c-u>+2m<enter>");
    let e = app
        .doc
        .timeline
        .iter()
        .find(|e| e.text == "Ping")
        .expect("added");
    assert_eq!((e.at - prev).num_minutes(), 2);
}

#[test]
fn timeline_delete_cleans_links_and_undo_restores() {
    let mut app = default_app();
    let original = app.doc.clone();
    let id = app.doc.timeline[0].id.clone();
    assert!(
        app.doc.factors.iter().any(|f| f.events.contains(&id)),
        "example links T1"
    );
    press(&mut app, "d");
    assert!(app.doc.event(&id).is_none());
    assert!(
        !app.doc.factors.iter().any(|f| f.events.contains(&id)),
        "no dangling link"
    );
    assert!(
        app.lint.structural().is_empty(),
        "{:?}",
        app.lint.structural()
    );
    press(&mut app, "u");
    assert_eq!(app.doc, original);
    assert!(!app.modified());
}

#[test]
fn timeline_move_keeps_time_order() {
    let mut app = default_app();
    let texts = event_texts(&app);
    press(&mut app, "J");
    assert_eq!(event_texts(&app), texts, "J cannot break time order");
    assert!(
        app.message
            .as_ref()
            .expect("message")
            .0
            .contains("time order")
    );
}

#[test]
fn timeline_mark_picker_toggles_a_mark() {
    let mut app = default_app();
    press(&mut app, "jm");
    let had = app.doc.timeline[1].marks.clone();
    // Communications happen many times: no question (see the key-mark test).
    press(&mut app, "commun<enter><esc>");
    let now = &app.doc.timeline[1].marks;
    assert_ne!(*now, had);
    assert!(now.contains(&debrief::model::Mark::Communicated));
    press(&mut app, "u");
    assert_eq!(app.doc.timeline[1].marks, had);
}
