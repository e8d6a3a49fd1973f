//! Key-script tests of `:import`: the preview, keep/drop, editing, one-step
//! undo of an accepted import, re-import showing known events, and errors
//! that stay on the status line.

mod common;

use common::{default_app, press, screen};
use debrief::tui::app::{App, Tone};
use debrief::tui::popups::Popup;

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn preview(app: &App) -> &debrief::tui::popups::ImportPreview {
    match &app.popup {
        Some(Popup::Import(p)) => p,
        other => panic!("no import preview: {other:?} / {:?}", app.message),
    }
}

fn texts(app: &App) -> Vec<String> {
    app.doc.timeline.iter().map(|e| e.text.clone()).collect()
}

#[test]
fn import_keep_drop_edit_accept_is_one_undo_step() {
    let mut app = default_app();
    let original = app.doc.clone();
    press(
        &mut app,
        &format!(":import {}<enter>", fixture("plain.log")),
    );
    let rows: Vec<String> = preview(&app)
        .rows
        .iter()
        .map(|r| r.candidate.text.clone())
        .collect();
    assert!(rows.len() >= 3, "plain.log gives several events: {rows:?}");
    // plain.log repeats its first line: the repeat is an event of its own.
    let p = preview(&app);
    let last = p.rows.last().expect("rows");
    assert_eq!(last.candidate.text, rows[0], "the repeated line is listed");
    assert!(p.rows.iter().all(|r| r.keep && !r.known));
    let fresh = rows.len();
    let shown = screen(&app);
    assert!(shown.contains("Import"), "{shown}");
    assert!(
        shown.contains(&rows[0][..20]),
        "first candidate listed:\n{shown}"
    );
    assert!(shown.contains("unparseable"), "{shown}");

    // Drop the first (space moves on), edit the second's text.
    press(&mut app, "<space>e<c-u>Upstream timeouts on web1<enter>");
    let p = preview(&app);
    assert!(!p.rows[0].keep);
    assert_eq!(p.rows[1].candidate.text, "Upstream timeouts on web1");
    assert_eq!(p.kept(), fresh - 1);

    press(&mut app, "a");
    assert!(app.popup.is_none());
    assert_eq!(app.doc.timeline.len(), original.timeline.len() + fresh - 1);
    let now = texts(&app);
    // The first line was dropped; its repetition (the last row) was kept.
    assert_eq!(
        now.iter().filter(|t| **t == rows[0]).count(),
        1,
        "dropped one not added"
    );
    assert!(now.contains(&"Upstream timeouts on web1".to_string()));
    assert!(
        app.doc.timeline.windows(2).all(|w| w[0].at <= w[1].at),
        "inserted in time order"
    );
    assert!(
        app.doc
            .timeline
            .iter()
            .filter(|e| e.provenance.is_some())
            .count()
            == fresh - 1
    );
    assert_eq!(app.history.undo.len(), 1, "one step");

    press(&mut app, "u");
    assert_eq!(app.doc, original, "one undo restores the document");
    press(&mut app, "<c-r>");
    assert_eq!(app.doc.timeline.len(), original.timeline.len() + fresh - 1);

    // Re-import: the added ones are known and unchecked; the dropped one is new.
    press(
        &mut app,
        &format!(":import {}<enter>", fixture("plain.log")),
    );
    let p = preview(&app);
    assert_eq!(p.known(), fresh - 1, "the added ones");
    assert_eq!(p.kept(), 1);
    assert!(p.rows[0].keep && !p.rows[0].known);
    assert!(screen(&app).contains("(known)"));
    // Space on a known row changes nothing.
    press(&mut app, "j<space>");
    assert!(!preview(&app).rows[1].keep);
    press(&mut app, "<esc>");
    assert!(app.popup.is_none());
    assert_eq!(app.doc.timeline.len(), original.timeline.len() + fresh - 1);
}

#[test]
fn editing_a_candidate_time_reads_the_display_zone() {
    let mut app = default_app();
    press(
        &mut app,
        &format!(":import {}<enter>", fixture("plain.log")),
    );
    press(&mut app, "t<c-u>2025-02-09 03:00<enter>");
    let zone = app.doc.display_zone();
    let at = preview(&app).rows[0].candidate.at;
    assert_eq!(zone.date_time(&at), "2025-02-09 03:00");
    press(&mut app, "t<c-u>not a time<enter>");
    let editing = preview(&app).editing.as_ref().expect("still editing");
    assert!(
        editing
            .2
            .as_deref()
            .is_some_and(|e| e.contains("cannot read"))
    );
    press(&mut app, "<esc><esc>");
    assert!(app.popup.is_none());
}

#[test]
fn errors_stay_on_the_status_line() {
    let mut app = default_app();
    let original = app.doc.clone();
    press(&mut app, ":import /nonexistent/evidence.log<enter>");
    assert!(app.popup.is_none());
    let (message, tone) = app.message.clone().expect("message");
    assert_eq!(tone, Tone::Error);
    assert!(message.contains("/nonexistent/evidence.log"), "{message}");

    press(
        &mut app,
        &format!(":import {}<enter>", fixture("zoneless.log")),
    );
    assert!(app.popup.is_none());
    let (message, _) = app.message.clone().expect("message");
    assert!(message.contains("--tz"), "{message}");

    press(
        &mut app,
        &format!(
            ":import {} --tz Nowhere/City<enter>",
            fixture("zoneless.log")
        ),
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, _)| m.contains("unknown time zone"))
    );
    press(&mut app, ":import<enter>");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|(m, _)| m.contains("needs a file"))
    );

    press(
        &mut app,
        &format!(
            ":import {} --tz Europe/Berlin<enter>",
            fixture("zoneless.log")
        ),
    );
    assert_eq!(preview(&app).rows.len(), 2);
    press(&mut app, "<esc>");
    assert_eq!(app.doc, original);
}

#[test]
fn import_preview_fits_80x24_with_the_hints() {
    let mut app = default_app();
    press(
        &mut app,
        &format!(":import {} --from log --tz UTC<enter>", fixture("chat.txt")),
    );
    let shown = screen(&app);
    assert!(shown.contains("seeing 502s on checkout"), "{shown}");
    assert!(shown.contains("space keep/drop"), "{shown}");
    assert!(shown.contains("1 unparseable"), "{shown}");
    assert!(
        shown.contains("not a timed line"),
        "example shown:\n{shown}"
    );
}

#[test]
fn notes_without_any_date_ask_for_the_incident_date() {
    use debrief::model::{Kind, Postmortem};
    use debrief::tui::app::Origin;
    use debrief::tui::popups::PromptKind;
    // A document with no start and no events: nothing dates the notes.
    let doc = Postmortem::new(Kind::Incident, "undated");
    let mut app = App::new(
        doc,
        Origin::File(std::env::temp_dir().join("debrief-never-written.toml")),
        common::today(),
    );
    app.size = (100, 24);
    let args = format!("{} --tz UTC", fixture("notes.md"));
    press(&mut app, &format!(":import {args}<enter>"));
    match &app.popup {
        Some(Popup::Prompt(p)) => {
            assert_eq!(p.kind, PromptKind::ImportDate);
            assert_eq!(p.args, args);
        }
        other => panic!("expected the date prompt, got {other:?}"),
    }
    assert!(screen(&app).contains("incident date (YYYY-MM-DD)"));
    press(&mut app, "2025-02-09<enter>");
    let p = preview(&app);
    assert_eq!(p.undated, 0);
    let first = &p.rows.first().expect("rows").candidate;
    assert_eq!(first.text, "Alert fires for checkout latency");
    assert_eq!(first.at.to_string(), "2025-02-09 14:02:00 +00:00");
    // A date that is not one is said on the status line, nothing opens.
    press(&mut app, "<esc>");
    press(&mut app, &format!(":import {args}<enter>"));
    press(&mut app, "9 Feb<enter>");
    assert!(app.popup.is_none(), "{:?}", app.popup);
    let (text, tone) = app.message.clone().expect("a message");
    assert_eq!(tone, Tone::Error, "{text}");
    assert!(text.contains("--date"), "{text}");
}
