//! End to end: the real binary in a pseudo-terminal. Open a copy of an
//! example, add a timeline event with a typed time and text, edit an
//! action's owner, save with Ctrl-s, quit; then check the saved TOML and
//! that the terminal left the alternate screen.

mod common;

use common::pty::Term;

/// Opens a copy of the connection-pool example at `path`.
fn start(dir: &std::path::Path, path: &std::path::Path) -> Term {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/db-connection-pool.toml");
    std::fs::copy(&example, path).expect("copy example");
    Term::open(dir, path)
}

#[test]
fn sigterm_writes_a_recovery_file_and_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("incident.toml");
    let mut s = start(dir.path(), &path);
    s.wait_for("1 Timeline");
    s.send("d");
    s.wait_for("modified");
    s.signal("-TERM");
    let status = s.wait_exit();
    assert!(
        status.success(),
        "SIGTERM ends the session normally: {status:?}"
    );
    assert!(!s.parser.screen().alternate_screen(), "terminal restored");
    assert!(
        dir.path().join(".incident.toml.debrief-journal").exists(),
        "the edit journal is kept for `debrief recover`"
    );
    assert!(
        !dir.path().join(".incident.toml.debrief-lock").exists(),
        "the lock is released"
    );
    assert!(
        s.parser.screen().contents().contains("debrief-recover"),
        "message says where"
    );
    let recovery = dir.path().join(".incident.toml.debrief-recover");
    let recovered = debrief::store::load(&recovery).expect("recovery file loads");
    let original = debrief::store::load(&path).expect("original untouched");
    assert_eq!(
        recovered.doc.timeline.len() + 1,
        original.doc.timeline.len()
    );
}

/// SIGINT and SIGQUIT (kill(1), a supervisor; in raw mode the keys do not
/// send them) end the session as SIGTERM does: recovery file, journal
/// kept, lock released, terminal restored, exit 0.
#[test]
fn sigint_and_sigquit_end_the_session_like_sigterm() {
    for signal in ["-INT", "-QUIT"] {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("incident.toml");
        let mut s = start(dir.path(), &path);
        s.wait_for("1 Timeline");
        s.send("d");
        s.wait_for("modified");
        s.signal(signal);
        let status = s.wait_exit();
        assert!(status.success(), "{signal}: {status:?}");
        assert!(!s.parser.screen().alternate_screen(), "{signal}: restored");
        assert!(
            !dir.path().join(".incident.toml.debrief-lock").exists(),
            "{signal}: the lock is released"
        );
        assert!(
            dir.path().join(".incident.toml.debrief-journal").exists(),
            "{signal}: the journal is kept"
        );
        let recovery = dir.path().join(".incident.toml.debrief-recover");
        assert!(
            debrief::store::load(&recovery).is_ok(),
            "{signal}: recovery file"
        );
    }
}

#[test]
fn edit_save_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("incident.toml");
    let mut s = start(dir.path(), &path);

    s.wait_for("1 Timeline");
    assert!(
        s.parser.screen().alternate_screen(),
        "editor runs on the alternate screen"
    );
    // Add an event after the first, type its text, Tab to the time, clear it
    // (Ctrl-U) and type a new one.
    s.send("a");
    s.wait_for("T");
    s.send("Replica lag alert acknowledged");
    s.send("\t");
    s.send("\x15");
    s.send("14:03\r");
    s.wait_for("modified");
    // Actions pane: edit the owner of the selected card.
    s.send("4");
    s.wait_for("4 Actions");
    s.send("e\t\x15Database team\r");
    s.send("\x13"); // Ctrl-S
    s.wait_for("saved");
    s.send("q");

    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(
        !s.parser.screen().alternate_screen(),
        "terminal left the alternate screen"
    );
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(raw.contains("\x1b[?1049l"), "alternate screen switched off");

    let saved = debrief::store::load(&path).expect("saved file loads");
    let zone = saved.doc.display_zone();
    let event = saved
        .doc
        .timeline
        .iter()
        .find(|e| e.text == "Replica lag alert acknowledged")
        .expect("new event saved");
    assert_eq!(zone.clock(&event.at), "14:03");
    assert!(saved.doc.timeline.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(
        saved.doc.actions.iter().any(|a| a.owner == "Database team"),
        "owner saved"
    );
}
