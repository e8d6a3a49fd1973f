//! Quiet pipes and clean messages: a closed stdout ends quietly, an OS
//! error is said once, and control characters from input never reach the
//! terminal raw.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use debrief::model::{Event, Kind, Postmortem};

const BIN: &str = env!("CARGO_BIN_EXE_debrief");

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run debrief")
}

fn big_document(path: &Path) {
    let mut doc = Postmortem::new(Kind::Incident, "Long".to_string());
    let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time");
    doc.timeline = (0..3000)
        .map(|n| {
            Box::new(Event::new(
                format!("E-{}", n + 1),
                at + chrono::Duration::seconds(n),
                format!("Replica {n} reported replication lag over the threshold"),
            ))
        })
        .collect();
    debrief::store::save(&doc, path).expect("save");
}

/// `debrief export x.toml | head`: the reader goes away, debrief exits 0
/// without a word.
#[test]
fn a_closed_pipe_on_stdout_ends_quietly_with_exit_0() {
    let dir = tempfile::tempdir().expect("tmp");
    big_document(&dir.path().join("big.toml"));
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .args(["export", "big.toml"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut head = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("read");
    // The pipe is closed here, as `head` closes it.
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn an_os_error_is_said_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), &["export", "missing.toml"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        said.matches("No such file or directory").count(),
        1,
        "{said}"
    );
}

/// Escape sequences in an unreadable log line (a window title, a screen
/// clear) are shown escaped in import's report.
#[test]
fn imports_echo_of_unreadable_lines_escapes_control_characters() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), &["new", "pm.toml"]);
    assert!(out.status.success());
    std::fs::write(
        dir.path().join("app.log"),
        "2024-03-12T09:14:00Z ERROR pool exhausted\n\x1b]0;owned\x07\x1b[2J not a log line\n",
    )
    .expect("log");
    let out = run(dir.path(), &["import", "app.log", "--into", "pm.toml"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        !out.stderr.contains(&0x1b),
        "raw ESC reached the terminal: {said}"
    );
    assert!(said.contains("\\x1b]0;owned\\x07\\x1b[2J"), "{said}");
}

/// Values quoted in error messages and file names quoted in lint output.
#[test]
fn quoted_values_and_names_are_escaped() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), &["new", "pm.toml"]);
    assert!(out.status.success());
    std::fs::write(dir.path().join("a.log"), "2024-03-12T09:14:00Z x\n").expect("log");
    let out = run(
        dir.path(),
        &[
            "import",
            "a.log",
            "--into",
            "pm.toml",
            "--since",
            "\x1b[2Jsoon",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.contains(&0x1b), "{:?}", out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("\\x1b[2Jsoon"));

    let name = "notes\x1b[31m.txt";
    std::fs::write(
        dir.path().join(name),
        "The engineer forgot to restart it.\n",
    )
    .expect("text");
    let out = run(dir.path(), &["lint-text", name]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(!out.stdout.contains(&0x1b), "{:?}", out.stdout);
    assert!(String::from_utf8_lossy(&out.stdout).contains("notes\\x1b[31m.txt:1:"));
}
