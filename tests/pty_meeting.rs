//! A whole short meeting with the real binary in a pseudo-terminal:
//! `debrief facilitate`, an attendee and a parked point, every agenda step,
//! a blame finding and its redirect, the close with the parked point made
//! an action; then the saved TOML holds the meeting record.

mod common;

use std::time::{Duration, Instant};

use common::pty::{BIN, Term};

/// Presses `n` until the header shows step `step` of 7, pressing it once
/// more over a check ("Before moving on").
fn next_step(s: &mut Term, step: usize) {
    let want = format!("MEETING  {step}/7");
    s.send("n");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let screen = s.screen();
        if screen.contains(&want) {
            return;
        }
        if screen.contains("Before moving on") {
            s.send("n");
        }
        assert!(Instant::now() < deadline, "never reached {want}:\n{screen}");
        std::thread::sleep(Duration::from_millis(30));
    }
}

#[test]
fn a_short_meeting_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("incident.toml");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/db-connection-pool.toml");
    std::fs::copy(&example, &path).expect("copy example");
    let mut s = Term::spawn(
        dir.path(),
        BIN,
        &["facilitate", path.to_str().expect("utf-8 path")],
    );

    s.wait_for("MEETING  1/7 Set the tone");
    s.wait_for("Read aloud");
    s.send("W");
    s.wait_for("attendee (role: name):");
    s.send("facilitator: Sam\r");
    s.wait_for("attendee added");
    s.send("O");
    s.wait_for("park:");
    s.send("rename the dashboards\r");
    s.wait_for("parked");

    next_step(&mut s, 2);
    // A new timeline event that blames a person: the redirect shows.
    s.send("a");
    s.send("The engineer should have checked the replica\r");
    s.wait_for("Blame redirect");
    s.wait_for("should have");
    for step in 3..=7 {
        next_step(&mut s, step);
    }
    s.send("C");
    s.wait_for("Meeting closed");
    s.wait_for("1 not resolved");
    s.send("a");
    s.wait_for("0 not resolved");
    s.send("\x1b");
    s.send("\x13"); // Ctrl-S
    s.wait_for("saved");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");

    let text = std::fs::read_to_string(&path).expect("saved");
    assert!(text.contains("[meeting]"), "{text}");
    let saved = debrief::store::load(&path).expect("loads").doc;
    let m = &saved.meeting;
    assert_eq!(m.agenda.len(), 7);
    assert_eq!(m.current, 6);
    assert!(m.closed);
    assert!(m.review.is_some());
    assert_eq!(m.attendance[0].role, "facilitator");
    assert_eq!(m.attendance[0].name, "Sam");
    let action = saved
        .action(&m.parking[0].resolved)
        .expect("the parked point became an action");
    assert_eq!(action.title, "rename the dashboards");
    assert!(
        saved
            .timeline
            .iter()
            .any(|e| e.text == "The engineer should have checked the replica")
    );
    assert!(saved.follow_up.iter().any(|f| f.date == m.review));
}
