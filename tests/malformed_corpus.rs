//! A corpus of malformed documents (`tests/fixtures/malformed/`), each with
//! its expected exit status, position and message in `expected.tsv`. None
//! panics; an unreadable one is never modified, even by `debrief fmt`.

use std::fs;
use std::path::{Path, PathBuf};

use debrief::commands;
use debrief::commands::FmtArgs;
use debrief::store::{self, StoreError};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}

/// What `debrief check` would report first: (exit status, position, message).
fn first_report(path: &Path) -> (u8, String, String) {
    match store::load(path) {
        Err(StoreError::Syntax {
            line,
            column,
            message,
            ..
        }) => (2, format!("{line}:{column}"), message),
        Err(StoreError::Invalid { message, .. }) => (2, "-".into(), message),
        Err(other) => (2, "-".into(), other.to_string()),
        Ok(loaded) => {
            let problems = store::check_source(&loaded.doc, &loaded.source);
            let Some(first) = problems.first() else {
                return (0, "-".into(), String::new());
            };
            let position = first
                .position
                .map_or("-".into(), |p| format!("{}:{}", p.line, p.column));
            (1, position, first.problem.to_string())
        }
    }
}

#[test]
fn every_malformed_input_gets_its_expected_error() {
    let expected = fs::read_to_string(corpus_dir().join("expected.tsv")).expect("expected.tsv");
    let mut seen = 0;
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.splitn(4, '\t').collect();
        let [name, code, position, message] = fields[..] else {
            panic!("bad line in expected.tsv: {line}");
        };
        let path = corpus_dir().join(name);
        let before = fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (actual_code, actual_position, actual_message) = first_report(&path);
        assert_eq!(
            actual_code.to_string(),
            code,
            "{name}: exit status ({actual_message})"
        );
        assert_eq!(
            actual_position, position,
            "{name}: position ({actual_message})"
        );
        assert_eq!(actual_message, message, "{name}: message");

        if actual_code == 2 {
            let args = FmtArgs {
                check: false,
                files: vec![path.clone()],
            };
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let status = commands::fmt(&args, &mut out, &mut err).expect("fmt runs");
            assert_eq!(status, 2, "{name}: fmt must refuse");
            assert_eq!(
                fs::read(&path).expect("read"),
                before,
                "{name}: modified by fmt"
            );
        }
        seen += 1;
    }
    let files = fs::read_dir(corpus_dir())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count();
    assert_eq!(seen, files, "every corpus file has an expectation");
    assert!(seen >= 30, "the corpus holds at least 30 malformed inputs");
}

#[test]
fn an_oversized_field_is_refused_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.toml");
    let huge = "x".repeat(store::MAX_FIELD_BYTES + 1);
    fs::write(
        &path,
        format!("schema = 1\n\n[meta]\ntitle = \"ok\"\n\n[appendix]\nlogs = \"{huge}\"\n"),
    )
    .expect("write");
    let (code, position, message) = first_report(&path);
    assert_eq!(code, 2);
    assert_eq!(position, "7:8");
    assert!(
        message.contains("debrief reads fields up to 1024 KiB"),
        "{message}"
    );
}
