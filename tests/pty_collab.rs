//! Live co-editing end to end: the real binary in three pseudo-terminals
//! on one file. Each editor's edit shows in the others; the owner saves
//! for everyone; killing the owner with SIGKILL hands the session to a
//! participant with every acknowledged edit.

mod common;

use common::pty::Term;

fn copy_example(path: &std::path::Path) {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/db-connection-pool.toml");
    std::fs::copy(&example, path).expect("copy example");
}

/// Adds an event after the selected one with `text`.
fn add_event(term: &mut Term, text: &str) {
    term.send("a");
    term.send(text);
    term.send("\r");
}

fn texts(path: &std::path::Path) -> Vec<String> {
    let doc = debrief::store::load(path).expect("loads").doc;
    doc.timeline.iter().map(|e| e.text.clone()).collect()
}

#[test]
fn three_editors_on_one_file_see_each_others_edits_and_save_one_document() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("incident.toml");
    copy_example(&path);
    let mut owner = Term::open(dir.path(), &path);
    owner.wait_for("live: alone");
    let mut second = Term::open(dir.path(), &path);
    second.wait_for("joined the live session (1 other)");
    let mut third = Term::open(dir.path(), &path);
    third.wait_for("joined the live session (2 others)");
    assert!(!second.screen().contains("READ-ONLY"));

    add_event(&mut owner, "typed by the owner");
    add_event(&mut second, "typed by the second");
    add_event(&mut third, "typed by the third");
    for term in [&mut second, &mut third, &mut owner] {
        for text in [
            "typed by the owner",
            "typed by the second",
            "typed by the third",
        ] {
            term.wait_for(text);
        }
    }
    // Others' selections show as a marker with their initials.
    owner.wait_for("‹");
    second.wait_for("‹");

    // The third follows the owner (the default) and sees the pane the
    // owner goes to; a key stops it.
    third.send(":follow\r");
    let me = debrief::store::lock::LockOwner::current().user;
    third.wait_for(&format!("following {me}"));
    owner.send("4");
    third.wait_for("▶ 4 Actions");
    third.send("1");
    third.wait_for("stopped following");
    assert!(
        third.screen().contains("▶ 4 Actions"),
        "the key only stopped following"
    );

    // A participant saves: the owner writes the one document.
    second.send("\x13");
    second.wait_for("saved (by the session's owner)");
    let saved = texts(&path);
    for text in [
        "typed by the owner",
        "typed by the second",
        "typed by the third",
    ] {
        assert_eq!(
            saved.iter().filter(|t| *t == text).count(),
            1,
            "{text} in {saved:?}"
        );
    }
    // Every participant's document is the saved one.
    let file = debrief::store::load(&path).expect("saved").doc;
    for (n, term) in [&mut second, &mut third].into_iter().enumerate() {
        let copy = dir.path().join(format!("copy{n}.toml"));
        term.send(&format!(":w {}\r", copy.display()));
        term.wait_for("copy");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !copy.exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let theirs = debrief::store::load(&copy).expect("copy").doc;
        assert_eq!(theirs, file, "participant {} differs", n + 2);
    }
    for term in [&mut third, &mut second, &mut owner] {
        term.send(":q!\r");
        assert!(term.wait_exit().success());
    }
}

#[test]
fn killing_the_owner_hands_the_session_to_a_participant_with_every_acknowledged_edit() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("incident.toml");
    copy_example(&path);
    let mut owner = Term::open(dir.path(), &path);
    owner.wait_for("live: alone");
    let mut second = Term::open(dir.path(), &path);
    second.wait_for("joined the live session");
    let mut third = Term::open(dir.path(), &path);
    third.wait_for("joined the live session");

    // The second, who takes over, types nothing before: what it has to
    // save is the others' work.
    add_event(&mut third, "acknowledged before the kill");
    add_event(&mut owner, "the owner's own edit");
    for term in [&mut owner, &mut second, &mut third] {
        term.wait_for("acknowledged before the kill");
        term.wait_for("the owner's own edit");
    }
    owner.kill9();
    second.wait_for("owns the session now");
    // The dead owner's edits are not in the file yet: the new owner has
    // them to save.
    second.wait_for("modified");
    third.wait_for("joined the live session");
    add_event(&mut third, "after the takeover");
    second.wait_for("after the takeover");

    second.send("\x13");
    second.wait_for("saved");
    let saved = texts(&path);
    for text in [
        "acknowledged before the kill",
        "the owner's own edit",
        "after the takeover",
    ] {
        assert!(saved.iter().any(|t| t == text), "{text} lost: {saved:?}");
    }
    for term in [&mut third, &mut second] {
        term.send(":q!\r");
        assert!(term.wait_exit().success());
    }
}
