//! Bounded reading: a device, FIFO or directory given as a document is
//! refused at once (never read forever, never blocked on), and a file is
//! read to its limit plus one byte at most.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_debrief");

/// Runs debrief with a deadline: a hang is a failure, not a stuck test.
fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("debrief {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn check_dev_zero_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = run_within(dir.path(), &["check", "/dev/zero"], Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("character device"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_fifo_without_a_writer_is_refused_not_waited_for() {
    let dir = tempfile::tempdir().expect("tmp");
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pm.toml"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let made = Command::new(BIN)
        .current_dir(dir.path())
        .args(["new", "x.toml"])
        .stdout(Stdio::null())
        .status()
        .expect("new");
    assert!(made.success());
    for args in [
        &["check", "pm.toml"][..],
        &["lint", "pm.toml"],
        &["export", "pm.toml"],
        &["import-md", "pm.toml", "-o", "out.toml"],
        &["lint-text", "pm.toml"],
        &["import", "pm.toml", "--into", "x.toml"],
    ] {
        let out = run_within(dir.path(), args, Duration::from_secs(10));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("FIFO"), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_directory_as_a_document_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join("pm.toml")).expect("mkdir");
    let out = run_within(dir.path(), &["check", "pm.toml"], Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("directory"), "{}", stderr(&out));
}

#[test]
fn lint_text_reads_standard_input_with_a_dash() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut child = Command::new(BIN)
        .current_dir(dir.path())
        .args(["lint-text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"The database failed over.\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}
