//! Killing debrief in the middle of a save never leaves a half-written file:
//! after every kill the document is either the complete old text or the
//! complete new one.

use std::fs;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::Duration;

use debrief::model::{Event, Postmortem};
use debrief::store;

/// A large, valid document in a non-canonical layout, so `debrief fmt`
/// rewrites it, and its canonical form.
fn old_and_new() -> (String, String) {
    let mut doc = Postmortem::new(debrief::model::Kind::Incident, "Crash test");
    let start = debrief::model::Timestamp::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("ts");
    for n in 0..800 {
        let at = start + chrono::Duration::seconds(n * 7);
        doc.timeline.push(Box::new(Event::new(
            format!("T{}", n + 1),
            at,
            format!("Event number {n} with enough text to make the file large"),
        )));
    }
    let canonical = store::to_toml(&doc).expect("serialize");
    let messy = format!("# not canonical\n{canonical}");
    (messy, canonical)
}

/// A small deterministic generator for kill delays.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn kill_during_save_leaves_old_or_new_file() {
    let (old, new) = old_and_new();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pm.toml");
    // Measure one uninterrupted save, then kill at moments spread over it.
    fs::write(&path, &old).expect("write");
    let started = std::time::Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(["fmt", path.to_str().expect("path")])
        .stdout(Stdio::null())
        .status()
        .expect("run");
    assert!(status.success());
    assert_eq!(fs::read_to_string(&path).expect("read"), new);
    let window = (started.elapsed().as_micros() as u64 * 6 / 5).max(1000);
    let mut delays = Lcg(0x5eed);
    let (mut saw_old, mut saw_new) = (0, 0);
    for round in 0..200 {
        fs::write(&path, &old).expect("reset");
        let mut child = Command::new(env!("CARGO_BIN_EXE_debrief"))
            .args(["fmt", path.to_str().expect("path")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Spread the kills across start-up, parsing, writing and renaming.
        sleep(Duration::from_micros(delays.next(window)));
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read_to_string(&path).expect("the document always exists");
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!(
                "round {round}: the file is neither the old nor the new text ({} bytes)",
                now.len()
            );
        }
    }
    // Both outcomes occur, or the test would not be exercising the window.
    assert!(saw_old > 0 && saw_new > 0, "old {saw_old}, new {saw_new}");
}
