//! A large document in the editor: linted after its first frame, a slice
//! at a time, and its document rules after each pause; once settled, the
//! findings are a fresh lint's.

use crate::fresh;
use chrono::NaiveDate;
use debrief::tui::action::Action;
use debrief::tui::app::{App, Origin};
use debrief::tui::update;

/// Settles the editor's lint of a large document as the event loop does
/// between keys (slices of the backlog, then the checks after a pause).
fn settle(app: &mut App) {
    while app.lint.unsettled() {
        if !app.lint.settle(&app.doc) && !app.lint.busy() {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// What the editor must show once settled: a fresh lint plus the
/// structural problems.
fn assert_settled_like_fresh(app: &App, step: &str) {
    let expected = fresh(&app.doc);
    let structural = debrief::model::check(&app.doc).len();
    let mut counts = expected.counts();
    counts.errors += structural;
    assert_eq!(app.lint.counts(), counts, "counts after {step}");
    assert_eq!(app.lint.structural().len(), structural, "{step}");
    let got: Vec<_> = app
        .lint
        .all()
        .into_iter()
        .take(expected.findings().count())
        .collect();
    let want: Vec<_> = expected.findings().collect();
    assert_eq!(got, want, "findings after {step}");
}

#[test]
fn a_large_document_is_checked_after_its_first_frame_and_after_each_pause() {
    let doc = debrief::sample::generate(&debrief::sample::SampleSpec::with_events(3_000));
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let mut app = App::new(doc, Origin::Scratch("large".into()), today);
    assert!(app.lint.busy(), "nothing linted before the first frame");
    assert_eq!(app.lint.counts().warnings + app.lint.counts().errors, 0);
    settle(&mut app);
    assert!(!app.lint.busy());
    let before = app.lint.counts();
    assert!(
        before.warnings + before.errors > 0,
        "the sample has findings"
    );
    assert_settled_like_fresh(&app, "the first lint");

    // An edit: its own item at once, the linear checks after a pause.
    update::update(&mut app, Action::Delete);
    assert!(app.lint.unsettled());
    settle(&mut app);
    assert_settled_like_fresh(&app, "a delete");
    update::update(&mut app, Action::Undo);
    settle(&mut app);
    assert_settled_like_fresh(&app, "its undo");
    assert_eq!(app.lint.counts(), before);
}
