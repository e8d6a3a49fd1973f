//! Write only what can be read back: every writer refuses a document over
//! the reading limits (64 MiB, 1 MiB per field) with a message naming the
//! field, and the largest accepted document opens again.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use debrief::model::edit::{DocField, Edit};
use debrief::model::{Event, Kind, Postmortem};
use debrief::store::journal::{Journal, journal_path};
use debrief::store::{MAX_DOCUMENT_BYTES, MAX_FIELD_BYTES, load, save};

const BIN: &str = env!("CARGO_BIN_EXE_debrief");

fn example(dir: &Path) -> PathBuf {
    let path = dir.join("pm.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/db-connection-pool.toml"),
        &path,
    )
    .expect("copy example");
    path
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run debrief")
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn import_of_a_2_mb_alert_summary_is_refused_naming_the_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path());
    let before = std::fs::read_to_string(&path).expect("read");
    let summary = "s".repeat(2 * 1024 * 1024);
    let alerts = format!(
        r#"[{{"annotations": {{"summary": "{summary}"}}, "startsAt": "2024-03-12T09:14:00Z", "status": {{"state": "active"}}, "labels": {{"alertname": "Big", "severity": "critical"}}}}]"#
    );
    std::fs::write(dir.path().join("alerts.json"), alerts).expect("alerts");
    let out = run(dir.path(), &["import", "alerts.json", "--into", "pm.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    let text = said(&out);
    assert!(text.contains("timeline["), "names the field: {text}");
    assert!(text.contains("up to 1024 KiB"), "{text}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    assert!(load(&path).is_ok());
}

#[test]
fn import_md_of_a_10_mb_line_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let line = "word ".repeat(2 * 1024 * 1024);
    std::fs::write(
        dir.path().join("pm.md"),
        format!("# Outage\n\n## Summary\n\n{line}\n"),
    )
    .expect("md");
    let out = run(dir.path(), &["import-md", "pm.md", "-o", "pm.toml"]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("KiB"), "{}", said(&out));
    assert!(!dir.path().join("pm.toml").exists(), "nothing written");
}

#[test]
fn recover_apply_of_a_5_mb_field_keeps_the_journal_and_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path());
    let before = std::fs::read_to_string(&path).expect("read");
    let doc = load(&path).expect("load").doc;
    let mut journal = Journal::start(&path, &before).expect("journal");
    journal
        .append(&Edit::SetText {
            field: DocField::Title,
            before: doc.meta.title.clone(),
            after: "t".repeat(5 * 1024 * 1024),
        })
        .expect("append");
    drop(journal);
    let out = run(dir.path(), &["recover", "pm.toml", "--apply"]);
    assert_ne!(out.status.code(), Some(0), "{}", said(&out));
    assert!(said(&out).contains("meta.title"), "{}", said(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    assert!(journal_path(&path).exists(), "the journal is kept");
}

#[test]
fn a_paste_over_the_field_limit_is_refused_in_the_editor() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path());
    let mut app = debrief::tui::terminal::prepare(&debrief::tui::Options {
        path: Some(path.clone()),
        today: Some(common::today()),
        config: Some("/nonexistent".into()),
        ..Default::default()
    })
    .expect("prepare");
    app.size = (100, 30);
    let events = app.doc.timeline.len();
    common::press(&mut app, "a");
    let big = "p".repeat(MAX_FIELD_BYTES + 200 * 1024);
    debrief::tui::update::handle_event(
        &mut app,
        ratatui::crossterm::event::Event::Paste(big.clone()),
    );
    common::press(&mut app, "<enter>");
    assert!(
        !app.doc
            .timeline
            .iter()
            .any(|e| e.text.len() > MAX_FIELD_BYTES),
        "the paste never reached the document"
    );
    let editor = app.editor.as_ref().expect("the editor stays open");
    let error = editor.error.clone().unwrap_or_default();
    assert!(error.contains("text would be"), "{error}");
    common::press(&mut app, "<esc><esc>");
    common::press(&mut app, "<c-s>");
    let saved = load(&path).expect("what was saved opens again").doc;
    assert!(saved.timeline.len() <= events + 1);
}

/// The largest document debrief accepts: fields at exactly 1 MiB, up to
/// just under 64 MiB. Saved, it opens again; one byte more in one field,
/// or one more field, is refused.
#[test]
fn the_largest_accepted_document_saves_and_opens_again() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("big.toml");
    let mut doc = Postmortem::new(Kind::Incident, "Big".to_string());
    let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time");
    let field = "x".repeat(MAX_FIELD_BYTES);
    let fits = (MAX_DOCUMENT_BYTES as usize / MAX_FIELD_BYTES) - 1;
    for n in 0..fits {
        doc.timeline.push(Box::new(Event::new(
            format!("E-{}", n + 1),
            at,
            field.clone(),
        )));
    }
    save(&doc, &path).expect("the largest accepted document saves");
    let size = std::fs::metadata(&path).expect("meta").len();
    assert!(
        size > MAX_DOCUMENT_BYTES - 2 * MAX_FIELD_BYTES as u64,
        "{size}"
    );
    let loaded = load(&path).expect("and opens again").doc;
    assert_eq!(loaded.timeline.len(), fits);

    let mut longer = doc.clone();
    longer.timeline[3].text.push('x');
    let err = save(&longer, &path).expect_err("a field one byte over");
    assert!(err.to_string().contains("timeline[3].text"), "{err}");
    let mut bigger = doc;
    for n in 0..2 {
        bigger
            .timeline
            .push(Box::new(Event::new(format!("X-{n}"), at, field.clone())));
    }
    let err = save(&bigger, &path).expect_err("a document over 64 MiB");
    assert!(err.to_string().contains("up to 64 MiB"), "{err}");
    assert_eq!(load(&path).expect("unchanged").doc.timeline.len(), fits);
}
