//! Merge conflicts in the editor: the question shows both sides, `o` keeps
//! ours and `t` takes theirs, each one undo step; in a real terminal, a
//! document `debrief merge` left conflicted is resolved and saved.

mod common;

use common::pty::Term;
use common::{press, screen};
use debrief::model::{Postmortem, Side};
use debrief::tui::app::{App, Origin};

/// The example with two conflicts: A1's title and the summary.
fn conflicted() -> Postmortem {
    let base = common::git::example();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.actions[0].title = "Ours: codify a freeze for peak events.".into();
    theirs.actions[0].title = "Theirs: codify a 48-hour freeze.".into();
    // Long texts that differ late: the question shows where they differ.
    let long = "On Black Friday morning a promo banner deploy set off a cache stampede against the shared Redis cluster, and checkout failed for every customer at the payment step.";
    ours.summary = format!("{long} Ours: the summary.");
    theirs.summary = format!("{long} Theirs: the summary.");
    let merged = debrief::vcs::merge(Some(base), ours, theirs).expect("merges");
    assert_eq!(merged.conflicts.len(), 2);
    merged.doc
}

#[test]
fn conflicts_resolve_with_one_key_per_side_and_undo() {
    let mut app = App::new(
        conflicted(),
        Origin::File(std::env::temp_dir().join("debrief-never-written.toml")),
        common::today(),
    );
    app.size = (80, 24);
    press(&mut app, ":conflicts<enter>");
    let shown = screen(&app);
    assert!(shown.contains("Merge conflict 1 of 2"), "{shown}");
    assert!(shown.contains("Theirs: the summary"), "{shown}");
    assert!(shown.contains("…"), "the common start is cut: {shown}");
    // t: theirs for the first (the summary, in document order), then the
    // second is asked; o keeps ours.
    let first = app.doc.conflicts[0].at.clone();
    press(&mut app, "t");
    assert_eq!(app.doc.conflicts.len(), 1);
    assert!(screen(&app).contains("Merge conflict 1 of 1"));
    press(&mut app, "o");
    assert!(app.doc.conflicts.is_empty());
    assert_eq!(first, "summary");
    assert!(app.doc.summary.ends_with("Theirs: the summary."));
    assert_eq!(
        app.doc.actions[0].title,
        "Ours: codify a freeze for peak events."
    );
    assert!(debrief::model::check(&app.doc).is_empty());
    // Each answer is one undo step.
    press(&mut app, "u");
    assert_eq!(app.doc.conflicts.len(), 1);
    press(&mut app, "u");
    assert_eq!(app.doc.conflicts.len(), 2);
    assert!(app.doc.summary.ends_with("Ours: the summary."));
    assert_eq!(app.doc.conflicts[0].kept, Side::Ours);
}

#[test]
fn a_conflicted_document_opens_on_the_question_and_saves_resolved() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("pm.toml");
    debrief::store::save(&conflicted(), &path).expect("save");
    let mut s = Term::open(dir.path(), &path);
    s.wait_for("Merge conflict 1 of 2");
    s.send("t");
    s.wait_for("Merge conflict 1 of 1");
    s.send("o");
    s.wait_for("0 conflict(s) left");
    s.send("\x13"); // Ctrl-S
    s.wait_for("saved");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    let saved = debrief::store::load(&path).expect("loads").doc;
    assert!(saved.conflicts.is_empty());
    assert!(saved.summary.ends_with("Theirs: the summary."));
    assert_eq!(
        saved.actions[0].title,
        "Ours: codify a freeze for peak events."
    );
}
