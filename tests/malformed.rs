//! Malformed documents: each gives a clear error naming the file, the line
//! and column where there is one, and what was expected — and the file on
//! disk is never modified, whatever the command.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const VALID: &str = r#"schema = 1
kind = "incident"
summary = "The API returned errors for 47 minutes."

[meta]
title = "API outage"
severity = "SEV-2"
started = 2026-02-05T14:00:00Z
ended = 2026-02-05T14:47:00Z

[[timeline]]
id = "T1"
at = 2026-02-05T14:00:00Z
text = "Error rate rises"
marks = ["impact-start"]

[[timeline]]
id = "T2"
at = 2026-02-05T14:02:00Z
text = "Alert fires"
marks = ["detected"]

[whys]
problem = "API requests failed"

[[whys.node]]
id = "W1"
text = "The connection pool was exhausted"

[[whys.node]]
id = "W2"
parent = "W1"
text = "Connections leaked on the error path"
root = true

[[factors]]
id = "F1"
category = "technical"
text = "No pool utilization alert"
events = ["T2"]
whys = ["W2"]

[[actions]]
id = "A1"
title = "Alert at 80% pool utilization"
type = "detect"
priority = "P1"
owner = "SRE"
due = 2026-02-10
factors = ["F1"]
"#;

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .output()
        .expect("run debrief")
}

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
}

fn replaced(name: &'static str, from: &str, to: &str) -> Case {
    assert!(VALID.contains(from), "{name}: base text lacks {from:?}");
    Case {
        name,
        bytes: VALID.replacen(from, to, 1).into_bytes(),
    }
}

/// Runs check, fmt, fmt --check and export on the case and returns check's
/// output, asserting the file is untouched afterwards.
fn run_all(case: &Case) -> (i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(format!("{}.toml", case.name));
    fs::write(&path, &case.bytes).expect("write case");
    let file = path.to_str().expect("utf-8 path");
    let check = debrief(&["check", file]);
    let unreadable = check.status.code() == Some(2);
    // Unreadable files make every command fail; structurally broken ones
    // still load, so only the commands that never write are run on them.
    let commands = if unreadable {
        vec![
            vec!["fmt", file],
            vec!["fmt", "--check", file],
            vec!["export", file],
        ]
    } else {
        vec![vec!["fmt", "--check", file], vec!["export", file]]
    };
    for args in commands {
        let out = debrief(&args);
        if unreadable {
            assert_eq!(
                out.status.code(),
                Some(2),
                "{}: {:?} should fail",
                case.name,
                args
            );
        }
    }
    assert_eq!(
        fs::read(&path).expect("read back"),
        case.bytes,
        "{}: the file was modified",
        case.name
    );
    assert_only_file(dir.path(), &path);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    (check.status.code().unwrap_or(-1), text)
}

fn assert_only_file(dir: &Path, path: &Path) {
    let entries: Vec<_> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(
        entries,
        vec![path.to_path_buf()],
        "no temp files may be left behind"
    );
}

fn expect(case: Case, code: i32, position: Option<&str>, message: &str) {
    let (actual_code, text) = run_all(&case);
    assert_eq!(
        actual_code, code,
        "{}: exit code; output:\n{text}",
        case.name
    );
    let file = format!("{}.toml", case.name);
    assert!(
        text.contains(&file),
        "{}: names the file:\n{text}",
        case.name
    );
    if let Some(position) = position {
        let needle = format!("{file}:{position}:");
        assert!(
            text.contains(&needle),
            "{}: expected {needle} in:\n{text}",
            case.name
        );
    }
    assert!(
        text.contains(message),
        "{}: expected {message:?} in:\n{text}",
        case.name
    );
}

#[test]
fn the_base_document_is_valid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("valid.toml");
    fs::write(&path, VALID).expect("write");
    let out = debrief(&["check", path.to_str().expect("path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn impossible_date() {
    expect(
        replaced("bad-date", "due = 2026-02-10", "due = 2026-02-30"),
        2,
        Some("49:7"),
        "invalid",
    );
}

#[test]
fn timestamp_without_offset() {
    expect(
        replaced(
            "no-offset",
            "at = 2026-02-05T14:02:00Z",
            "at = 2026-02-05T14:02:00",
        ),
        2,
        Some("19:6"),
        "has no offset",
    );
}

#[test]
fn unknown_severity() {
    expect(
        replaced("severity", "\"SEV-2\"", "\"SEV-9\""),
        1,
        Some("7:12"),
        "unknown severity `SEV-9`: expected one of SEV-1, SEV-2, SEV-3, SEV-4",
    );
}

#[test]
fn dangling_link() {
    expect(
        replaced("dangling", "events = [\"T2\"]", "events = [\"T9\"]"),
        1,
        Some("40:11"),
        "F1 (factors[0].events[0]): links to timeline event `T9`, which does not exist",
    );
}

#[test]
fn duplicate_id() {
    expect(
        replaced("duplicate", "id = \"T2\"", "id = \"T1\""),
        1,
        Some("18:6"),
        "duplicate id `T1`: already used by timeline[0]",
    );
}

#[test]
fn wrong_type() {
    expect(
        replaced("wrong-type", "title = \"API outage\"", "title = 42"),
        2,
        Some("6:9"),
        "invalid type: integer `42`, expected a string",
    );
}

#[test]
fn truncated_file() {
    let cut = VALID.find("at = 2026-02-05T14:02").expect("anchor") + 8;
    expect(
        Case {
            name: "truncated",
            bytes: VALID.as_bytes()[..cut].to_vec(),
        },
        2,
        Some("19:6"),
        "expected a timestamp with offset like 2026-02-05T14:02:00Z, found an integer",
    );
}

#[test]
fn newer_schema() {
    expect(
        replaced("newer", "schema = 1", "schema = 2"),
        2,
        Some("1:10"),
        "schema 2 is newer than this debrief understands (it reads schema 1): upgrade debrief",
    );
}

#[test]
fn empty_file() {
    expect(
        Case {
            name: "empty",
            bytes: Vec::new(),
        },
        2,
        None,
        "empty file: expected a debrief document starting with `schema = 1`",
    );
}

#[test]
fn binary_garbage() {
    let mut bytes = b"schema = 1\n".to_vec();
    bytes.extend([0x00, 0xff, 0xfe, 0x89, b'P', b'N', b'G']);
    expect(
        Case {
            name: "binary",
            bytes,
        },
        2,
        Some("2:2"),
        "not UTF-8 text",
    );
}

#[test]
fn unknown_field() {
    expect(
        replaced(
            "unknown-field",
            "title = \"API outage\"",
            "title = \"API outage\"\ncolour = \"red\"",
        ),
        2,
        Some("7:1"),
        "unknown field `colour`",
    );
}

#[test]
fn missing_schema() {
    expect(
        replaced("no-schema", "schema = 1\n", ""),
        2,
        None,
        "missing `schema = 1`: is this a debrief document?",
    );
}

#[test]
fn unknown_mark() {
    expect(
        replaced("mark", "marks = [\"detected\"]", "marks = [\"exploded\"]"),
        2,
        Some("21:10"),
        "unknown variant `exploded`",
    );
}

#[test]
fn why_cycle() {
    expect(
        replaced("cycle", "id = \"W1\"\n", "id = \"W1\"\nparent = \"W2\"\n"),
        1,
        Some("28:10"),
        "W1 (whys.node[0].parent): parent `W2` leads to a cycle",
    );
}

#[test]
fn unknown_time_zone() {
    expect(
        replaced(
            "zone",
            "ended = 2026-02-05T14:47:00Z",
            "ended = 2026-02-05T14:47:00Z\ntimezone = \"Mars/Base\"",
        ),
        1,
        Some("10:12"),
        "unknown time zone `Mars/Base`",
    );
}

#[test]
fn end_before_start() {
    expect(
        replaced(
            "backwards",
            "ended = 2026-02-05T14:47:00Z",
            "ended = 2026-02-05T13:47:00Z",
        ),
        1,
        Some("9:9"),
        "before it starts",
    );
}

#[test]
fn unknown_category() {
    expect(
        replaced(
            "category",
            "category = \"technical\"",
            "category = \"cosmic\"",
        ),
        1,
        Some("38:12"),
        "unknown category `cosmic`: expected one of process, technical, human, organizational",
    );
}

#[test]
fn missing_required_field() {
    expect(
        replaced("missing-at", "at = 2026-02-05T14:00:00Z\n", ""),
        2,
        Some("11:1"),
        "missing field `at`",
    );
}

#[test]
fn action_link_to_a_why_that_does_not_exist() {
    expect(
        replaced(
            "action-why",
            "factors = [\"F1\"]",
            "factors = [\"F1\"]\nwhys = [\"W7\"]",
        ),
        1,
        Some("51:9"),
        "A1 (actions[0].whys[0]): links to why `W7`, which does not exist",
    );
}
