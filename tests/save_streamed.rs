//! A save writes its text into the temporary file a block at a time: the
//! file holds exactly the canonical text, and a document refused by the
//! limits leaves the old file as it was, with no temporary file behind.

use std::fs;
use std::path::Path;

use debrief::sample::{SampleSpec, generate};
use debrief::store::{self, LimitError, MAX_DOCUMENT_BYTES, MAX_FIELD_BYTES, StoreError};

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn save_and_create_write_exactly_the_canonical_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    for events in [3, 1_000, 5_000] {
        let doc = generate(&SampleSpec::with_events(events));
        let canonical = store::to_toml(&doc).expect("toml");
        let created = dir.path().join(format!("new-{events}.toml"));
        store::create(&doc, &created).expect("create");
        assert!(fs::read_to_string(&created).expect("read") == canonical);
        let saved = dir.path().join("pm.toml");
        fs::write(&saved, "old").expect("write");
        store::save(&doc, &saved).expect("save");
        assert!(
            fs::read_to_string(&saved).expect("read") == canonical,
            "{events} events"
        );
        assert_eq!(store::load(&saved).expect("load").doc, doc);
    }
}

#[test]
fn a_field_over_the_limit_leaves_the_old_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pm.toml");
    fs::write(&path, "old text\n").expect("write");
    let mut doc = generate(&SampleSpec::with_events(3_000));
    doc.timeline[2_999].text = "x".repeat(MAX_FIELD_BYTES + 1);
    match store::save(&doc, &path) {
        Err(StoreError::Limit {
            path: named,
            limit: LimitError::Field { field, len },
        }) => {
            assert_eq!(named, path);
            assert_eq!(field, "timeline[2999].text");
            assert_eq!(len, MAX_FIELD_BYTES + 1);
        }
        other => panic!("expected the field limit, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).expect("read"), "old text\n");
    assert_eq!(names(dir.path()), ["pm.toml"], "no temporary file left");
    // A new file is not made either.
    let new = dir.path().join("new.toml");
    assert!(matches!(
        store::create(&doc, &new),
        Err(StoreError::Limit { .. })
    ));
    assert_eq!(names(dir.path()), ["pm.toml"]);
    // At the limit it is written.
    doc.timeline[2_999].text.pop();
    store::save(&doc, &path).expect("at the limit");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        store::to_toml(&doc).expect("toml")
    );
}

#[test]
fn a_document_over_the_limit_leaves_the_old_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pm.toml");
    fs::write(&path, "old text\n").expect("write");
    let mut doc = generate(&SampleSpec::with_events(300));
    // Every field within its limit, the whole over the document's.
    let per_event = (MAX_DOCUMENT_BYTES as usize) / doc.timeline.len() + 1;
    for event in &mut doc.timeline {
        event.text = "y".repeat(per_event.min(MAX_FIELD_BYTES));
    }
    match store::save(&doc, &path) {
        Err(StoreError::Limit {
            limit: LimitError::Document { len },
            ..
        }) => assert!(len as u64 > MAX_DOCUMENT_BYTES, "{len}"),
        other => panic!("expected the document limit, got {other:?}"),
    }
    assert_eq!(fs::read_to_string(&path).expect("read"), "old text\n");
    assert_eq!(names(dir.path()), ["pm.toml"], "no temporary file left");
}

#[test]
fn create_never_replaces_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pm.toml");
    fs::write(&path, "old text\n").expect("write");
    let doc = generate(&SampleSpec::with_events(1_000));
    let err = store::create(&doc, &path).expect_err("exists");
    assert!(err.to_string().contains("refusing to overwrite"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), "old text\n");
    assert_eq!(names(dir.path()), ["pm.toml"]);
}
