//! The editor's session safety without a terminal: journal records, the
//! changed-on-disk question, read-only opens. (The pty versions with the
//! real binary are in `reliability.rs`.)

mod common;

use std::path::{Path, PathBuf};

use common::{press, screen};
use debrief::model::edit::Edit;
use debrief::store::journal::{journal_path, read_journal};
use debrief::store::lock::{LockOwner, lock_path};
use debrief::tui::app::App;
use debrief::tui::terminal::prepare;

fn copy_example(dir: &Path) -> PathBuf {
    let path = dir.join("pm.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/db-connection-pool.toml"),
        &path,
    )
    .expect("copy");
    path
}

fn open(path: &Path) -> App {
    let mut app = prepare(&debrief::tui::Options {
        path: Some(path.to_path_buf()),
        today: Some(common::today()),
        config: Some("/nonexistent".into()),
        ..Default::default()
    })
    .expect("prepare");
    app.size = (100, 30);
    app
}

#[test]
fn every_edit_undo_and_redo_is_journaled_and_a_save_restarts_the_journal() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    let mut app = open(&path);
    let events = app.doc.timeline.len();
    press(&mut app, "d");
    press(&mut app, "u");
    press(&mut app, "<c-r>");
    let journal = read_journal::<Edit>(&path).expect("read").expect("journal");
    assert_eq!(journal.records.len(), 3);
    assert_eq!(
        journal.records[1],
        journal.records[0].inverse(),
        "undo is journaled as the inverse"
    );
    assert_eq!(journal.records[2], journal.records[0], "redo as the edit");
    assert!(!journal.records[0].touched().is_empty());
    let base = debrief::store::parse(&journal.header.base, &path).expect("base parses");
    assert_eq!(base.timeline.len(), events);

    press(&mut app, "<c-s>");
    let journal = read_journal::<Edit>(&path).expect("read").expect("journal");
    assert!(journal.records.is_empty(), "a save restarts the journal");
    assert_eq!(
        journal.header.base,
        std::fs::read_to_string(&path).expect("read"),
        "on the saved text"
    );
}

#[test]
fn a_file_changed_on_disk_is_never_silently_overwritten() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    let mut app = open(&path);
    press(&mut app, "d");
    let mut theirs = debrief::store::load(&path).expect("load").doc;
    theirs.meta.title = "Changed by git pull".into();
    debrief::store::save(&theirs, &path).expect("save");

    press(&mut app, "<c-s>");
    assert!(screen(&app).contains("changed on disk"), "{}", screen(&app));
    let on_disk = debrief::store::load(&path).expect("load").doc;
    assert_eq!(on_disk.meta.title, "Changed by git pull", "not overwritten");

    // Esc: not now; the next save asks again. Then reload.
    press(&mut app, "<esc>");
    press(&mut app, "<c-s>");
    assert!(screen(&app).contains("changed on disk"));
    press(&mut app, "r");
    assert_eq!(app.doc.meta.title, "Changed by git pull");
    assert!(!app.modified());
    let kept = dir.path().join(".pm.toml.debrief-recover");
    let mine = debrief::store::load(&kept).expect("our version kept").doc;
    assert_eq!(mine.timeline.len() + 1, on_disk.timeline.len());
}

#[test]
fn overwrite_after_a_change_on_disk_is_an_explicit_choice() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    let mut app = open(&path);
    press(&mut app, "d");
    let mut theirs = debrief::store::load(&path).expect("load").doc;
    theirs.meta.title = "Someone else's title".into();
    debrief::store::save(&theirs, &path).expect("save");
    // Noticed without saving too: the periodic check.
    debrief::tui::update::session::tick(&mut app, true);
    assert!(screen(&app).contains("changed on disk"));
    press(&mut app, "o");
    let saved = debrief::store::load(&path).expect("load").doc;
    assert_eq!(saved.timeline.len(), app.doc.timeline.len());
    assert_ne!(saved.meta.title, "Someone else's title");
    assert!(!app.modified());
}

#[test]
fn a_held_lock_opens_read_only_and_refuses_edits() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    let mut other = LockOwner::current(); // a live pid on this host
    other.user = "alice".into();
    std::fs::write(
        lock_path(&path),
        serde_json::to_string(&other).expect("json"),
    )
    .expect("lock");
    let mut app = open(&path);
    let s = screen(&app);
    assert!(s.contains("open in another debrief"), "{s}");
    assert!(s.contains("alice@"), "{s}");
    press(&mut app, "r");
    assert!(
        screen(&app)
            .lines()
            .next()
            .expect("header")
            .contains("READ-ONLY")
    );
    let events = app.doc.timeline.len();
    press(&mut app, "d");
    press(&mut app, "a");
    assert_eq!(app.doc.timeline.len(), events);
    assert!(app.editor.is_none());
    assert!(app.message.as_ref().expect("msg").0.contains("read-only"));
    let before = std::fs::read_to_string(&path).expect("read");
    press(&mut app, "<c-s>");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    assert!(
        !journal_path(&path).exists(),
        "a read-only session keeps no journal"
    );
    drop(app);
    assert!(lock_path(&path).exists(), "the other's lock stays");
}

#[test]
fn scratch_documents_have_no_journal() {
    let mut app = prepare(&debrief::tui::Options {
        today: Some(common::today()),
        config: Some("/nonexistent".into()),
        ..Default::default()
    })
    .expect("prepare");
    press(&mut app, "d");
    assert!(app.session.journal_path().is_none());
}

/// `:w` with the document's own file spelled differently (`./pm.toml`, the
/// absolute path, a symbolic link) is still the document: the
/// changed-on-disk question comes, and a read-only session refuses.
#[test]
fn the_own_file_spelled_differently_is_still_checked() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("pm.toml", &link).expect("symlink");
    let dotted = format!("{}/./pm.toml", dir.path().display());
    let absolute = std::fs::canonicalize(&path).expect("abs");
    for spelling in [
        dotted.clone(),
        absolute.display().to_string(),
        link.display().to_string(),
    ] {
        let mut app = open(&path);
        press(&mut app, "d");
        let mut theirs = debrief::store::load(&path).expect("load").doc;
        theirs.meta.title = format!("Changed outside before :w {spelling}");
        debrief::store::save(&theirs, &path).expect("save");
        press(&mut app, &format!(":w {spelling}<enter>"));
        assert!(
            screen(&app).contains("changed on disk"),
            ":w {spelling}: {}",
            screen(&app)
        );
        let on_disk = debrief::store::load(&path).expect("load").doc;
        assert_eq!(on_disk.meta.title, theirs.meta.title, ":w {spelling}");
        press(&mut app, "<esc>");
        press(&mut app, &format!(":w! {spelling}<enter>"));
        let on_disk = debrief::store::load(&path).expect("load").doc;
        assert_eq!(on_disk.meta.title, theirs.meta.title, ":w! {spelling}");
        drop(app);
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );

    // A read-only session: no spelling writes the other user's file.
    let mut other = LockOwner::current();
    other.user = "alice".into();
    other.pid = std::process::id() + 1_000_000; // never ours
    other.host = "elsewhere".into(); // not stale: another host
    std::fs::write(
        lock_path(&path),
        serde_json::to_string(&other).expect("json"),
    )
    .expect("lock");
    let before = std::fs::read_to_string(&path).expect("read");
    let mut app = open(&path);
    press(&mut app, "r");
    for spelling in [
        dotted,
        absolute.display().to_string(),
        link.display().to_string(),
    ] {
        press(&mut app, &format!(":w {spelling}<enter>"));
        press(&mut app, &format!(":w! {spelling}<enter>"));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            before,
            "read-only :w {spelling}"
        );
    }
}

/// A damaged journal found at open is moved aside (kept, named in a
/// message) and a fresh journal started: crash protection stays on.
#[test]
fn the_journal_starts_after_the_first_frame_on_the_file_as_read() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    let text = std::fs::read_to_string(&path).expect("read");
    let mut app = open(&path);
    // Opening writes nothing but the lock: the first frame comes first.
    assert!(
        !journal_path(&path).exists(),
        "no journal before the first frame"
    );
    screen(&app);
    debrief::tui::update::tick(&mut app, false);
    let journal = read_journal::<Edit>(&path).expect("read").expect("journal");
    assert!(journal.records.is_empty());
    assert_eq!(journal.header.base, text, "the base is the file as read");
    assert!(!journal.header.unsaved);
}

#[test]
fn a_damaged_journal_at_open_is_kept_aside_and_a_fresh_one_started() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    std::fs::write(journal_path(&path), "{not a journal header\n").expect("garbage");
    let mut app = open(&path);
    let kept = dir.path().join(".pm.toml.debrief-journal.damaged");
    assert_eq!(
        std::fs::read_to_string(&kept).expect("kept aside"),
        "{not a journal header\n"
    );
    let said = app.message.as_ref().expect("message").0.clone();
    assert!(said.contains("kept as"), "{said}");
    assert!(said.contains(".debrief-journal.damaged"), "{said}");
    press(&mut app, "d");
    let journal = read_journal::<Edit>(&path)
        .expect("read")
        .expect("fresh journal");
    assert_eq!(journal.records.len(), 1, "edits are journaled again");
}

/// `:w OTHER` never writes a document another running debrief holds.
#[test]
fn saving_as_a_file_another_debrief_holds_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    let other = dir.path().join("other.toml");
    std::fs::copy(&path, &other).expect("copy");
    let mut owner = LockOwner::current();
    owner.user = "alice".into();
    owner.host = "elsewhere".into();
    std::fs::write(
        lock_path(&other),
        serde_json::to_string(&owner).expect("json"),
    )
    .expect("lock");
    let before = std::fs::read_to_string(&other).expect("read");
    let mut app = open(&path);
    press(&mut app, "d");
    press(&mut app, &format!(":w! {}<enter>", other.display()));
    assert_eq!(std::fs::read_to_string(&other).expect("read"), before);
    let said = app.message.as_ref().expect("message").0.clone();
    assert!(said.contains("alice@elsewhere"), "{said}");
}

#[test]
fn recovered_edits_are_one_undo_step_and_undoing_them_is_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = copy_example(dir.path());
    let events = {
        let mut app = open(&path);
        let events = app.doc.timeline.len();
        press(&mut app, "ddd");
        // A crash: the session ends without a clean quit (journal kept).
        let _ = app.session.abandon();
        events
    };
    let mut app = open(&path);
    assert!(screen(&app).contains("Recover unsaved edits?"));
    press(&mut app, "r");
    assert_eq!(app.doc.timeline.len(), events - 3, "recovered");
    assert!(app.modified());
    press(&mut app, "u");
    assert_eq!(app.doc.timeline.len(), events, "one undo step");
    assert!(!app.modified(), "undoing everything is the file again");
    press(&mut app, "q");
    assert!(app.quit, "quits without asking about unsaved changes");
}
