//! `debrief recover FILE [--show|--apply|--discard]`, run as a user would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use debrief::model::edit::{DocField, Edit};
use debrief::store::journal::{Journal, journal_path};

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .output()
        .expect("run debrief")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A document with a journal: the title changed, the first event removed,
/// an undone change to the summary.
fn crashed_session(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("pm.toml");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/db-connection-pool.toml"),
    )
    .expect("example");
    std::fs::write(&path, &text).expect("write");
    let doc = debrief::store::parse(&text, &path).expect("parse");
    let mut journal = Journal::start(&path, &text).expect("journal");
    journal
        .append(&Edit::SetText {
            field: DocField::Title,
            before: doc.meta.title.clone(),
            after: "Recovered title".into(),
        })
        .expect("append");
    let event = debrief::model::edit::item_at(&doc, debrief::model::edit::List::Timeline, 0)
        .expect("event");
    journal
        .append(&Edit::Remove {
            index: 0,
            item: event,
        })
        .expect("append");
    let summary = Edit::SetText {
        field: DocField::Summary,
        before: doc.summary.clone(),
        after: "draft".into(),
    };
    journal.append(&summary).expect("append");
    journal.append(&summary.inverse()).expect("append");
    (path, text)
}

#[test]
fn show_says_what_differs_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, text) = crashed_session(dir.path());
    let out = debrief(&["recover", path.to_str().expect("p"), "--show"]);
    assert!(out.status.success());
    let shown = stdout(&out);
    assert!(shown.contains("4 edits"), "{shown}");
    assert!(
        shown.contains("0 added, 0 changed, 1 removed; fields: Title"),
        "{shown}"
    );
    assert!(
        !shown.contains("Summary"),
        "the undone change nets out: {shown}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    assert!(journal_path(&path).exists());
    // Without a flag it shows too.
    let plain = debrief(&["recover", path.to_str().expect("p")]);
    assert_eq!(stdout(&plain), shown);
}

#[test]
fn apply_writes_the_recovered_document_and_removes_the_journal() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, text) = crashed_session(dir.path());
    let before = debrief::store::parse(&text, &path).expect("parse");
    // The file changed since the journal started: replay uses the base.
    std::fs::write(&path, text.replace(&before.meta.title, "Edited elsewhere")).expect("w");
    let out = debrief(&["recover", path.to_str().expect("p"), "--apply"]);
    assert!(out.status.success(), "{}", stdout(&out));
    let doc = debrief::store::load(&path).expect("load").doc;
    assert_eq!(doc.meta.title, "Recovered title");
    assert_eq!(doc.summary, before.summary);
    assert_eq!(doc.timeline.len() + 1, before.timeline.len());
    assert_eq!(doc.timeline[0], before.timeline[1]);
    assert!(!journal_path(&path).exists());
}

#[test]
fn discard_removes_the_journal_and_keeps_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, text) = crashed_session(dir.path());
    let out = debrief(&["recover", path.to_str().expect("p"), "--discard"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("discarded"));
    assert!(!journal_path(&path).exists());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn no_journal_is_nothing_to_recover() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("pm.toml");
    for flag in ["--show", "--apply", "--discard"] {
        let out = debrief(&["recover", path.to_str().expect("p"), flag]);
        assert!(out.status.success(), "{flag}");
        assert!(
            stdout(&out).contains("nothing to"),
            "{flag}: {}",
            stdout(&out)
        );
        assert!(!path.exists(), "{flag} creates nothing");
    }
}

#[test]
fn a_running_editors_journal_is_not_applied() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, text) = crashed_session(dir.path());
    // Our own pid: a live process holds the lock.
    let owner = debrief::store::lock::LockOwner::current();
    std::fs::write(
        debrief::store::lock::lock_path(&path),
        serde_json::to_string(&owner).expect("json"),
    )
    .expect("lock");
    let out = debrief(&["recover", path.to_str().expect("p"), "--apply"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("running debrief"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    assert!(journal_path(&path).exists());
}

#[test]
fn flags_are_exclusive() {
    let out = debrief(&["recover", "x.toml", "--apply", "--discard"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A journal whose replay stops (record 2 does not apply): `--apply`
/// writes what replayed, keeps the journal, says which records were
/// applied and exits 1.
#[test]
fn apply_that_cannot_replay_every_record_keeps_the_journal_and_exits_1() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, text) = crashed_session(dir.path());
    let doc = debrief::store::parse(&text, &path).expect("parse");
    // Replace the journal: the title, then a removal at an index that
    // does not exist, then the title again.
    let mut journal = Journal::start(&path, &text).expect("journal");
    journal
        .append(&Edit::SetText {
            field: DocField::Title,
            before: doc.meta.title.clone(),
            after: "Applied before the bad record".into(),
        })
        .expect("append");
    let event = debrief::model::edit::item_at(&doc, debrief::model::edit::List::Timeline, 0)
        .expect("event");
    journal
        .append(&Edit::Remove {
            index: 99_999,
            item: event,
        })
        .expect("append");
    drop(journal);
    let out = debrief(&["recover", path.to_str().expect("p"), "--apply"]);
    let said = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("replay stopped early: record 2 of 2"),
        "{said}"
    );
    assert!(said.contains("applied records 1–1 of the 2"), "{said}");
    assert!(journal_path(&path).exists(), "the journal is kept");
    let saved = debrief::store::load(&path).expect("load").doc;
    assert_eq!(saved.meta.title, "Applied before the bad record");
}

/// A journal that exists but whose records are all unreadable is not "no
/// journal": recover says what it found, and `--apply` keeps it.
#[test]
fn a_journal_with_only_unreadable_records_is_reported_not_ignored() {
    let dir = tempfile::tempdir().expect("tmp");
    let (path, text) = crashed_session(dir.path());
    Journal::start(&path, &text).expect("journal");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(journal_path(&path))
        .expect("open");
    use std::io::Write;
    file.write_all(b"{\"set_text\": {\"field\": \"title\", \"bef\n")
        .expect("torn");
    drop(file);
    let out = debrief(&["recover", path.to_str().expect("p"), "--show"]);
    let said = stdout(&out);
    assert!(!said.contains("no journal"), "{said}");
    assert!(said.contains("skipped 1 unreadable line"), "{said}");
    let out = debrief(&["recover", path.to_str().expect("p"), "--apply"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(journal_path(&path).exists(), "kept for a look");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}
