//! Broken files and a missing folder: reported, skipped, exit status 2.

use super::*;

#[test]
fn broken_files_are_reported_and_skipped() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library-broken");
    let tmp = tempfile::tempdir().expect("tempdir");
    for name in ["ok.toml", "broken.toml", "binary.toml"] {
        std::fs::copy(dir.join(name), tmp.path().join(name)).expect("copy");
    }
    // A FIFO that would block a naive reader: refused, not waited on.
    let fifo = tmp.path().join("pipe.toml");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let path = tmp.path().to_str().expect("path");
    let out = debrief(&["stats", path, "--today", TODAY, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "some files were skipped");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml:5:12:"), "{err}");
    assert!(err.contains("binary.toml:3:14: not UTF-8"), "{err}");
    if made {
        assert!(err.contains("pipe.toml"), "{err}");
    }
    let s: Value = serde_json::from_slice(&out.stdout).expect("figures still written");
    assert_eq!(s["documents"], 1, "the readable file still counts");
    assert_eq!(
        s["skipped"].as_array().map(Vec::len),
        Some(if made { 3 } else { 2 })
    );
    let actions = debrief(&["actions", path, "--today", TODAY, "--overdue"]);
    assert_eq!(actions.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&actions.stdout).contains("INC-OK#A1"));
    let check = debrief(&["actions", path, "--today", TODAY, "--check"]);
    assert_eq!(
        check.status.code(),
        Some(2),
        "skipped files outrank the failing check"
    );
}

#[test]
fn a_missing_folder_is_an_error() {
    let out = debrief(&["stats", "/nonexistent/debrief-library", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/debrief-library"));
}
