//! Saving and quitting: `:w` and `:export` (asking before replacing a
//! file), `ctrl-s`, and `q` / `:q` with unsaved changes.

use crate::common::{default_app, press, screen};

#[test]
fn command_line_writes_exports_and_quits() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("copy.toml");
    let md = dir.path().join("out.md");
    let mut app = default_app();
    press(&mut app, "aNew thing<esc>");
    press(&mut app, &format!(":w {}<enter>", out.display()));
    let saved = debrief::store::load(&out).expect("saved file loads");
    assert!(saved.doc.timeline.iter().any(|e| e.text == "New thing"));
    press(&mut app, &format!(":export {}<enter>", md.display()));
    let markdown = std::fs::read_to_string(&md).expect("exported");
    assert!(markdown.contains("New thing"));
    // An existing file is only replaced after a yes, or with `!`.
    press(&mut app, "aLater thing<esc>");
    press(&mut app, &format!(":w {}<enter>", out.display()));
    assert!(screen(&app).contains("already exists"), "asks");
    press(&mut app, "n");
    let kept = std::fs::read_to_string(&out).expect("copy");
    assert!(!kept.contains("Later thing"), "n keeps the file");
    press(&mut app, &format!(":w {}<enter>y", out.display()));
    let replaced = std::fs::read_to_string(&out).expect("copy");
    assert!(replaced.contains("Later thing"), "y replaces it");
    press(&mut app, &format!(":export {}<enter><esc>", md.display()));
    assert!(
        !std::fs::read_to_string(&md)
            .expect("md")
            .contains("Later thing")
    );
    press(&mut app, &format!(":export! {}<enter>", md.display()));
    assert!(
        std::fs::read_to_string(&md)
            .expect("md")
            .contains("Later thing")
    );
    press(&mut app, ":q<enter>");
    assert!(!app.quit, "unsaved changes to its own file");
    press(&mut app, ":bogus<enter>");
    assert!(
        app.message
            .as_ref()
            .expect("msg")
            .0
            .contains("unknown command")
    );
    press(&mut app, ":q!<enter>");
    assert!(app.quit);
}

#[test]
fn quit_with_unsaved_changes_asks() {
    let mut app = default_app();
    press(&mut app, "q");
    assert!(app.quit, "nothing to lose");
    let mut app = default_app();
    press(&mut app, "d");
    press(&mut app, "q");
    assert!(!app.quit);
    assert!(screen(&app).contains("unsaved changes"));
    press(&mut app, "<esc>");
    assert!(!app.quit && app.popup.is_none());
    press(&mut app, "qn");
    assert!(app.quit);
}

#[test]
fn ctrl_s_saves_atomically_and_marks_clean() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("doc.toml");
    let mut app = default_app();
    app.origin = debrief::tui::app::Origin::File(path.clone());
    press(&mut app, "4e<tab><c-u>Owner X<enter><c-s>");
    assert!(!app.modified());
    assert!(screen(&app).contains("saved"));
    let loaded = debrief::store::load(&path).expect("loads");
    assert!(loaded.doc.actions.iter().any(|a| a.owner == "Owner X"));
}
