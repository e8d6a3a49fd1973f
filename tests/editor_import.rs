//! `debrief FILE.md` in the editor: the Markdown is imported into a new
//! unsaved document, the import report is shown, and saving asks where
//! (FILE.toml beside it by default), never replacing a file unasked.

mod common;

use std::path::{Path, PathBuf};

use common::{press, screen, today};
use debrief::tui::app::{App, Origin, Pane};
use debrief::tui::popups::{Confirm, Popup, PromptKind};
use debrief::tui::terminal::{Options, prepare};

const FIXTURE: &str = "tests/fixtures/markdown/03-other-headings.md";

/// Copies the fixture into a fresh folder and opens the editor on it.
fn open_copy(dir: &Path) -> (App, PathBuf) {
    let md = dir.join("storage.md");
    std::fs::copy(FIXTURE, &md).expect("copy fixture");
    let mut app = prepare(&Options {
        path: Some(md.clone()),
        today: Some(today()),
        config: Some(dir.join("no-config.toml")),
        ..Options::default()
    })
    .expect("imports");
    app.size = (100, 30);
    (app, md)
}

#[test]
fn opening_a_markdown_file_imports_it_and_asks_where_to_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, md) = open_copy(dir.path());
    let target = dir.path().join("storage.toml");
    assert_eq!(app.doc.meta.title, "Storage node outage in eu-west");
    assert!(!app.doc.timeline.is_empty(), "timeline imported");
    assert_eq!(app.origin, Origin::NewFile(target.clone()));
    assert!(app.modified(), "a new, unsaved document");
    // The report first.
    assert!(matches!(app.popup, Some(Popup::Report(_))));
    let report = app.imported.as_ref().expect("imported").report.clone();
    let first_line = report.lines().next().expect("report has lines").trim();
    let shown = screen(&app);
    assert!(shown.contains("Imported"), "{shown}");
    assert!(shown.contains(first_line), "{first_line}\n{shown}");
    // Then the prompt, prefilled with FILE.toml beside it.
    press(&mut app, "<esc>");
    match &app.popup {
        Some(Popup::Prompt(p)) => {
            assert_eq!(p.kind, PromptKind::SaveAs);
            assert_eq!(p.text(), target.display().to_string());
        }
        other => panic!("expected the save prompt, got {other:?}"),
    }
    assert!(screen(&app).contains("save as:"));
    press(&mut app, "<enter>");
    assert!(target.exists(), "saved beside the Markdown");
    assert_eq!(app.origin, Origin::File(target.clone()));
    assert!(!app.modified());
    let saved = debrief::store::load(&target).expect("saved file loads").doc;
    assert_eq!(saved, app.doc);
    assert!(md.exists(), "the Markdown is left alone");
    // Ctrl-s now saves in place without asking.
    press(&mut app, "<c-s>");
    assert!(app.popup.is_none());
}

#[test]
fn an_existing_file_is_not_replaced_without_a_yes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("storage.toml");
    std::fs::write(&target, "keep me\n").expect("write");
    let (mut app, _) = open_copy(dir.path());
    press(&mut app, "<esc><enter>");
    assert_eq!(
        app.popup
            .as_ref()
            .map(|p| matches!(p, Popup::Confirm(Confirm::Overwrite(_)))),
        Some(true)
    );
    press(&mut app, "n");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep me\n");
    assert!(app.modified());
    // Saving asks where again; another name is fine.
    press(&mut app, "<c-s>");
    assert!(matches!(app.popup, Some(Popup::Prompt(_))));
    let other = dir.path().join("other.toml");
    press(&mut app, &format!("<c-u>{}<enter>", other.display()));
    assert!(other.exists());
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "keep me\n");
    // And `y` replaces when asked.
    let (mut again, _) = open_copy(dir.path());
    press(&mut again, "<esc><enter>y");
    assert!(debrief::store::load(&target).is_ok(), "replaced after y");
}

#[test]
fn the_review_view_shows_unmapped_parts_and_edits_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, _) = open_copy(dir.path());
    app.size = (160, 48);
    let parts = app.doc.unmapped.clone();
    assert!(parts.len() >= 2, "the fixture has several unmapped parts");
    // The unmapped parts are the Review view's last field.
    press(&mut app, "<esc><esc>6G");
    assert_eq!(app.focus, Pane::Review);
    let shown = screen(&app);
    assert!(shown.contains("Not mapped by the import"), "{shown}");
    for part in &parts {
        assert!(
            shown.contains(&format!("§ {}", part.heading)),
            "{} missing\n{shown}",
            part.heading
        );
        // A heading kept without text (an empty section) shows only its name.
        if let Some(first) = part.markdown.lines().find(|l| !l.trim().is_empty()) {
            let start: String = first.trim().chars().take(30).collect();
            assert!(shown.contains(&start), "{start} missing\n{shown}");
        }
    }
    // Delete the first part's lines: the part goes; u brings it back.
    let text = debrief::model::edit::DocField::Unmapped.get(&app.doc);
    let rest = &text[text.find("\n§").expect("second part") + 1..];
    press(&mut app, "<enter>");
    let editor = app.editor.as_mut().expect("editor open");
    editor.textarea = ratatui_textarea::TextArea::new(rest.lines().map(String::from).collect());
    press(&mut app, "<enter>");
    assert_eq!(
        app.doc.unmapped.len(),
        parts.len() - 1,
        "{:?}",
        app.editor.as_ref().map(|e| &e.error)
    );
    assert_eq!(app.doc.unmapped[..], parts[1..]);
    press(&mut app, "u");
    assert_eq!(app.doc.unmapped, parts);
}

#[test]
fn the_report_can_be_shown_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, _) = open_copy(dir.path());
    press(&mut app, "<esc><esc>:report<enter>");
    assert!(matches!(app.popup, Some(Popup::Report(_))));
}

#[test]
fn a_markdown_file_that_is_not_a_postmortem_fails_before_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = dir.path().join("empty.md");
    std::fs::write(&md, "   \n").expect("write");
    let err = prepare(&Options {
        path: Some(md),
        config: Some(dir.path().join("none.toml")),
        ..Options::default()
    })
    .expect_err("empty Markdown is an error");
    assert!(format!("{err:#}").contains("empty"), "{err:#}");
}
