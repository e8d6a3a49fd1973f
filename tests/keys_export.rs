//! Key-script tests of the audiences in the editor (issue 16): `P` marks
//! items private (actions: internal → public → private) and the rows say
//! so without colour, `a` in the Preview switches audience, `:yank` copies
//! through the terminal (OSC 52), `:export FILE.html` writes HTML.

mod common;

use common::{default_app, press, screen};
use debrief::export::Audience;

#[test]
fn p_marks_items_private_and_the_rows_say_so() {
    let mut app = default_app();
    assert!(!app.doc.timeline[0].private);
    press(&mut app, "P");
    assert!(app.doc.timeline[0].private);
    assert!(screen(&app).contains("(private)"), "{}", screen(&app));
    press(&mut app, "u");
    assert!(!app.doc.timeline[0].private, "one undo step");
    // Actions: internal → public → private → internal.
    press(&mut app, "4");
    let selected = |app: &debrief::tui::app::App| {
        let a = &app.doc.actions[app.cursor.actions];
        (a.public, a.private)
    };
    assert_eq!(selected(&app), (false, false));
    press(&mut app, "P");
    assert_eq!(selected(&app), (true, false));
    assert!(screen(&app).contains("(public)"), "{}", screen(&app));
    press(&mut app, "P");
    assert_eq!(selected(&app), (false, true));
    press(&mut app, "P");
    assert_eq!(selected(&app), (false, false));
}

#[test]
fn the_preview_switches_audience_and_lists_leaks() {
    let mut app = default_app();
    press(&mut app, "7");
    assert!(
        screen(&app).contains("Postmortem: Checkout"),
        "{}",
        screen(&app)
    );
    press(&mut app, "a");
    assert_eq!(app.audience, Audience::Customer);
    let shown = screen(&app);
    assert!(shown.contains("customer export"), "{shown}");
    assert!(shown.contains("Incident report"), "{shown}");
    press(&mut app, "a");
    assert_eq!(app.audience, Audience::Exec);
    assert!(screen(&app).contains("exec export"), "{}", screen(&app));
    press(&mut app, "a");
    assert_eq!(app.audience, Audience::Internal);
    // A private term in the summary: the customer preview lists the leak.
    app.privacy.private_terms = vec!["Meridian".into()];
    press(&mut app, "a");
    let shown = screen(&app);
    assert!(shown.contains("Not ready for customers"), "{shown}");
    assert!(shown.contains("Meridian"), "{shown}");
}

#[test]
fn yank_puts_the_text_on_the_clipboard_through_the_terminal() {
    let mut app = default_app();
    press(&mut app, ":yank summary<enter>");
    assert_eq!(app.clipboard.as_deref(), Some(app.doc.summary.trim()));
    assert!(screen(&app).contains("OSC 52"), "{}", screen(&app));
    press(&mut app, ":yank exec<enter>");
    assert!(
        app.clipboard
            .as_deref()
            .is_some_and(|t| t.contains("## Top actions"))
    );
    press(&mut app, ":yank section Impact<enter>");
    let section = app.clipboard.clone().expect("copied");
    assert!(section.starts_with("## Impact\n") && !section.contains("## Timeline"));
    // Without a heading, the focused pane's section.
    press(&mut app, "4:y section<enter>");
    assert!(
        app.clipboard
            .as_deref()
            .is_some_and(|t| t.starts_with("## Action Items"))
    );
    // A customer export that would leak is not copied.
    app.clipboard = None;
    app.privacy.private_terms = vec!["Meridian".into()];
    press(&mut app, ":yank customer<enter>");
    assert!(app.clipboard.is_none());
    assert!(screen(&app).contains("not copied"), "{}", screen(&app));
    press(&mut app, ":yank nonsense<enter>");
    assert!(app.clipboard.is_none());
}

#[test]
fn export_writes_the_format_of_the_extension_for_the_previews_audience() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut app = default_app();
    let html = dir.path().join("out.html");
    press(&mut app, &format!(":export {}<enter>", html.display()));
    let page = std::fs::read_to_string(&html).expect("written");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("class=\"internal\""));
    press(&mut app, "7a");
    let md = dir.path().join("customer.md");
    press(&mut app, &format!(":export {}<enter>", md.display()));
    let text = std::fs::read_to_string(&md).expect("written");
    assert!(text.starts_with("# Incident report: "), "{text}");
    let pdf = dir.path().join("out.pdf");
    press(&mut app, &format!(":export {}<enter>", pdf.display()));
    assert!(!pdf.exists());
    assert!(
        screen(&app).contains("cannot write .pdf"),
        "{}",
        screen(&app)
    );
}

#[test]
fn yank_writes_osc_52_to_a_real_terminal() {
    use debrief::tui::clipboard::base64;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("incident.toml");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/db-connection-pool.toml");
    std::fs::copy(&example, &path).expect("copy example");
    let doc = debrief::store::load(&path).expect("loads").doc;
    let mut term = common::pty::Term::open(dir.path(), &path);
    term.wait_for("1 Timeline");
    term.send(":yank summary\r");
    term.wait_for("OSC 52");
    let raw = String::from_utf8_lossy(&term.raw).into_owned();
    let sequence = format!("\x1b]52;c;{}\x07", base64(doc.summary.trim().as_bytes()));
    assert!(raw.contains(&sequence), "the OSC 52 sequence was written");
    term.send(":q\r");
    assert!(term.wait_exit().success());
}
