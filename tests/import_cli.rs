//! `debrief import` and the intervals in `debrief check`, through the binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOC: &str = r#"schema = 1
kind = "incident"

[meta]
title = "API outage"
started = 2025-02-09T10:05:23Z

[[timeline]]
id = "T1"
at = 2025-02-09T10:05:23Z
text = "Error rate rises"
marks = ["impact-start"]
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

fn doc_in(dir: &Path) -> PathBuf {
    let path = dir.join("pm.toml");
    fs::write(&path, DOC).expect("write doc");
    path
}

#[test]
fn dry_run_prints_events_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = doc_in(dir.path());
    let doc_arg = doc.display().to_string();
    let out = debrief(&[
        "import",
        &fixture("log_entries.json"),
        "--into",
        &doc_arg,
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{stdout}");
    assert_eq!(
        lines[0],
        "+ T2 2025-02-09T10:08:12Z Incident \"[#1234] HighErrorRate on api\" triggered [detected]"
    );
    assert!(lines[2].contains("2025-02-09T10:12:00Z") && lines[2].ends_with("[escalated]"));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("(pagerduty)"), "{stderr}");
    assert!(
        stderr.contains("1 line(s) or item(s) could not be read"),
        "{stderr}"
    );
    assert!(stderr.contains("/log_entries/5"), "{stderr}");
    assert_eq!(fs::read_to_string(&doc).expect("doc"), DOC);
}

#[test]
fn import_saves_once_and_reimport_adds_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = doc_in(dir.path());
    let doc_arg = doc.display().to_string();
    let args = [
        "import",
        &fixture("plain.log"),
        &fixture("events.csv"),
        "--into",
        &doc_arg,
        "--quiet",
    ];
    let first = debrief(&args);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert!(first.stderr.is_empty(), "quiet: {}", text(&first.stderr));
    let saved = fs::read_to_string(&doc).expect("doc");
    // plain.log's repeated line is two events.
    assert_eq!(saved.matches("[[timeline]]").count(), 1 + 5 + 4);
    assert_eq!(saved.matches("[timeline.provenance]").count(), 9);
    assert!(saved.contains("id = \"T10\""));
    assert!(saved.contains("text = \"Error rate rises\""), "T1 kept");

    let second = debrief(&args[..5]);
    assert_eq!(second.status.code(), Some(0));
    let stderr = text(&second.stderr);
    assert!(
        stderr.contains("0 new, 5 already in the timeline"),
        "{stderr}"
    );
    assert!(stderr.contains("added 0 event(s)"), "{stderr}");
    assert_eq!(fs::read_to_string(&doc).expect("doc"), saved);
}

#[test]
fn zone_less_evidence_without_tz_fails_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = doc_in(dir.path());
    let doc_arg = doc.display().to_string();
    let out = debrief(&["import", &fixture("zoneless.log"), "--into", &doc_arg]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("has no time zone: pass --tz ZONE"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&doc).expect("doc"), DOC);

    let out = debrief(&[
        "import",
        &fixture("zoneless.log"),
        "--into",
        &doc_arg,
        "--tz",
        "America/New_York",
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2025-02-09T10:05:23.120Z"));
}

#[test]
fn bad_flags_are_clear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = doc_in(dir.path());
    let doc_arg = doc.display().to_string();
    let out = debrief(&[
        "import",
        &fixture("plain.log"),
        "--into",
        &doc_arg,
        "--from",
        "fax",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown source `fax`"));
    let out = debrief(&[
        "import",
        &fixture("access.log"),
        "--into",
        &doc_arg,
        "--since",
        "2025-02-09 10:00",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--since"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).contains("--tz"), "{}", text(&out.stderr));
    let out = debrief(&["import", "/no/such/file.log", "--into", &doc_arg]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("/no/such/file.log"));
    assert_eq!(fs::read_to_string(&doc).expect("doc"), DOC);
}

#[test]
fn since_until_and_grep_flags_narrow_the_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = doc_in(dir.path());
    let doc_arg = doc.display().to_string();
    let out = debrief(&[
        "import",
        &fixture("chat.txt"),
        "--into",
        &doc_arg,
        "--tz",
        "UTC",
        "--since",
        "10:10",
        "--until",
        "2025-02-09T12:00:00Z",
        "--grep",
        "pool|ack",
        "--roles",
        &fixture("roles.toml"),
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout,
        "+ T2 2025-02-09T10:12:00Z ack, looking\n+ T3 2025-02-09T10:15:30Z pool exhausted, raising the limit\n"
    );
}

#[test]
fn check_shows_intervals_and_gap_questions_without_failing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = doc_in(dir.path());
    let later =
        "\n[[timeline]]\nid = \"T2\"\nat = 2025-02-09T11:00:00Z\ntext = \"Review starts\"\n";
    fs::write(&doc, format!("{DOC}{later}")).expect("write");
    let doc_arg = doc.display().to_string();
    let out = debrief(&["import", &fixture("webhook.json"), "--into", &doc_arg, "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let check = debrief(&["check", &doc_arg]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let stdout = text(&check.stdout);
    assert!(
        stdout.contains("info: Time to detect: 1m 22s (2025-02-09 10:05 → 2025-02-09 10:06)"),
        "{stdout}"
    );
    assert!(stdout.contains("info: Time to resolve: 29m"), "{stdout}");
    assert!(
        stdout.contains("question: what happened between 10:35 and 11:00?"),
        "{stdout}"
    );
}

#[test]
fn notes_with_times_but_no_date_are_refused_until_date_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A document with no start time, and notes that state no date.
    let doc = dir.path().join("pm.toml");
    fs::write(
        &doc,
        "schema = 1\nkind = \"incident\"\n\n[meta]\ntitle = \"Flags\"\n",
    )
    .expect("write doc");
    let before = fs::read_to_string(&doc).expect("read");
    let notes = dir.path().join("notes.md");
    fs::write(&notes, "- 10:02 deploy starts\n- 10:05 reads time out\n").expect("write notes");
    let (doc_arg, notes_arg) = (doc.display().to_string(), notes.display().to_string());
    let refused = debrief(&[
        "import", &notes_arg, "--into", &doc_arg, "--from", "markdown", "--tz", "UTC",
    ]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    let said = text(&refused.stderr);
    assert!(said.contains("2 line(s) have a time but no date"), "{said}");
    assert!(said.contains("pass --date YYYY-MM-DD"), "{said}");
    assert_eq!(
        fs::read_to_string(&doc).expect("read"),
        before,
        "nothing written"
    );
    let done = debrief(&[
        "import",
        &notes_arg,
        "--into",
        &doc_arg,
        "--from",
        "markdown",
        "--tz",
        "UTC",
        "--date",
        "2024-03-14",
    ]);
    assert!(done.status.success(), "{}", text(&done.stderr));
    let after = fs::read_to_string(&doc).expect("read");
    assert!(after.contains("2024-03-14T10:02:00Z"), "{after}");
    assert!(after.contains("reads time out"), "{after}");
}
