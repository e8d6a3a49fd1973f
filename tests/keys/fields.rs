//! The overview and review panes: document fields edited in place (text,
//! lists, tables, response cells, times), cleared with `d`, and undone.

use crate::common::{default_app, press, screen};
use debrief::model::edit::DocField;
use debrief::tui::app::App;

/// Moves the selection of field pane `view` ("5" or "6") to `field`.
fn select_field(app: &mut App, view: &str, field: DocField) {
    press(app, view);
    let pane = app.focus;
    let at = debrief::tui::panes::fields(&app.doc, pane)
        .iter()
        .position(|f| *f == field)
        .expect("field shown");
    press(app, "gg");
    for _ in 0..at {
        press(app, "j");
    }
    assert_eq!(app.cursor.field(pane), at);
}

#[test]
fn overview_and_review_fields_edit_in_place() {
    let mut app = default_app();
    press(&mut app, "5<enter><c-u>New title<enter>");
    assert_eq!(app.doc.meta.title, "New title");
    assert!(screen(&app).contains("New title"));
    select_field(&mut app, "5", DocField::Status);
    press(&mut app, "c");
    assert_eq!(
        app.doc.meta.status,
        debrief::model::Status::Draft,
        "final cycles to draft"
    );
    select_field(&mut app, "6", DocField::WentWell);
    let was = app.doc.review.went_well.len();
    // Alt-Enter starts a new line (Enter applies the text).
    press(&mut app, "<enter><a-enter>Good dashboards<esc>");
    assert_eq!(app.doc.review.went_well.len(), was + 1);
    assert_eq!(
        app.doc.review.went_well.last().map(String::as_str),
        Some("Good dashboards")
    );
    press(&mut app, "uuu");
    assert_eq!(
        app.doc.meta.title,
        "Checkout outage — Black Friday cache stampede"
    );
}

#[test]
fn tables_times_and_response_cells_edit_in_place() {
    let mut app = default_app();
    let original = app.doc.clone();
    // Sign-off is a table: one row per line, cells split by `|`.
    select_field(&mut app, "6", DocField::SignOff);
    press(
        &mut app,
        "<enter><c-u>Author | Dana Reyes | 2026-12-01<enter>",
    );
    assert_eq!(app.doc.sign_off.len(), 1);
    assert_eq!(app.doc.sign_off[0].name, "Dana Reyes");
    assert_eq!(
        app.doc.sign_off[0].date.map(|d| d.to_string()).as_deref(),
        Some("2026-12-01")
    );
    // A bad date is shown beside the field and not applied.
    press(&mut app, "<enter><c-u>Author | Dana | next week<enter>");
    let error = app
        .editor
        .as_ref()
        .and_then(|e| e.error.clone())
        .expect("error shown");
    assert!(error.contains("YYYY-MM-DD"), "{error}");
    press(&mut app, "<esc><esc>");
    assert_eq!(app.doc.sign_off[0].name, "Dana Reyes", "nothing applied");
    // A response cell writes that phase's row.
    let cell = DocField::Response {
        slot: 1,
        column: debrief::model::edit::ResponseColumn::DidNotWork,
    };
    select_field(&mut app, "6", cell);
    press(&mut app, "<enter><c-u>The runbook link was stale<enter>");
    let triage = app
        .doc
        .response
        .iter()
        .find(|p| p.phase == "triage")
        .expect("triage");
    assert_eq!(triage.did_not_work, "The runbook link was stale");
    assert!(screen(&app).contains("Triage · didn't work"));
    // Times are typed in the display zone, relative to the start.
    select_field(&mut app, "5", DocField::Ended);
    press(&mut app, "<enter><c-u>+3h<enter>");
    let started = app.doc.meta.started.expect("started");
    assert_eq!(
        app.doc.meta.ended,
        Some(started + chrono::Duration::hours(3))
    );
    press(&mut app, "uuu");
    assert_eq!(app.doc, original, "undo restores every field");
    press(&mut app, "<c-r><c-r><c-r>");
    assert_eq!(app.doc.sign_off[0].name, "Dana Reyes", "redo");
}

#[test]
fn d_clears_a_document_field_and_u_restores_it() {
    let mut app = default_app();
    let summary = app.doc.summary.clone();
    select_field(&mut app, "5", DocField::Summary);
    press(&mut app, "d");
    assert!(app.doc.summary.is_empty());
    press(&mut app, "u");
    assert_eq!(app.doc.summary, summary);
    // A field that cannot be empty says why and keeps its value.
    select_field(&mut app, "5", DocField::Status);
    press(&mut app, "d");
    assert_eq!(app.doc.meta.status, debrief::model::Status::Final);
    assert!(
        app.message
            .as_ref()
            .expect("msg")
            .0
            .contains("cannot be empty"),
        "{:?}",
        app.message
    );
}
