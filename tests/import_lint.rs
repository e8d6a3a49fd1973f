//! Systems are not people: importing real logs (syslog, journalctl, nginx,
//! PostgreSQL, Alertmanager, Prometheus-style plain logs) into a clean
//! document leaves `debrief lint` at exit 0, and actors read from a log's
//! program or host field are marked as systems in the file.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// A document with every required field, so only the import can make lint red.
const CLEAN: &str = r#"schema = 1
kind = "incident"
summary = "The connection pool filled and logins failed for 20 minutes; raising the pool limit restored service."

[meta]
title = "Login failures"
severity = "SEV-2"
status = "draft"
started = 2025-02-09T10:00:00Z
ended = 2025-02-09T10:30:00Z
authors = ["the incident commander"]
"#;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .output()
        .expect("run debrief")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Imports `evidence` into a fresh clean document; returns the file's text
/// and the lint run over it.
fn import_then_lint(evidence: &str) -> (String, Output) {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("pm.toml");
    fs::write(&doc, CLEAN).expect("write doc");
    let doc_arg = doc.display().to_string();
    let import = debrief(&[
        "import",
        "-q",
        "--tz",
        "UTC",
        "--into",
        &doc_arg,
        &fixture(evidence),
    ]);
    assert!(
        import.status.success(),
        "import {evidence}: {}",
        text(&import.stderr)
    );
    let written = fs::read_to_string(&doc).expect("read doc");
    assert!(
        written.contains("[[timeline]]"),
        "{evidence}: nothing imported"
    );
    (written, debrief(&["lint", &doc_arg]))
}

#[test]
fn clean_import_of_real_logs_keeps_lint_green() {
    for evidence in [
        "syslog.log",
        "journal.log",
        "access.log",
        "postgresql.log",
        "amtool.json",
        "webhook.json",
        "plain.log",
        "kubectl.log",
    ] {
        let (_, lint) = import_then_lint(evidence);
        let out = text(&lint.stdout);
        assert!(
            !out.contains("blame/"),
            "{evidence}: blameless findings after a clean import:\n{out}"
        );
        assert_eq!(lint.status.code(), Some(0), "{evidence}: lint red:\n{out}");
    }
}

#[test]
fn log_programs_and_alert_sources_are_systems() {
    let (syslog, _) = import_then_lint("syslog.log");
    // Every syslog line names its program (nginx, kernel, su, …).
    let events = syslog.matches("[[timeline]]").count();
    assert_eq!(
        syslog.matches("actor_kind = \"system\"").count(),
        events,
        "{syslog}"
    );
    let (alerts, _) = import_then_lint("webhook.json");
    assert!(alerts.contains("actor = \"Alertmanager\"\nactor_kind = \"system\""));
    // A document without the field reads and writes as before.
    assert!(!CLEAN.contains("actor_kind"));
}
