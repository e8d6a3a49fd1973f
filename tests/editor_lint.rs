//! Live validation in the editor: findings after edits, `]d` / `[d`, the
//! findings panel, `g a` fixes as one undo step, and how problems show on
//! screen (underline and a glyph that reads without colour).

mod common;

use common::{app, default_app, find, press, render, screen};
use debrief::lint::Severity;
use debrief::lint::rule;
use debrief::tui::app::{App, Pane};
use ratatui::style::Modifier;

const BLAMEFUL: &str = "The deploy engineer forgot to drain the pool.";

fn findings_on(app: &App, id: &str) -> Vec<(String, Severity)> {
    app.lint
        .all()
        .into_iter()
        .filter(|f| f.location.item == id)
        .map(|f| (f.rule.to_string(), f.severity))
        .collect()
}

/// Replaces the selected event's text by typing it.
fn retype(app: &mut App, text: &str) {
    press(app, &format!("e<c-u>{text}<enter>"));
    assert!(app.editor.is_none());
}

#[test]
fn a_blameful_edit_produces_a_finding_and_the_header_count_changes() {
    let mut app = app("checkout-cache-stampede.toml", 160, 48);
    let before = app.lint.counts();
    let id = app.doc.timeline[0].id.clone();
    assert!(
        findings_on(&app, &id).is_empty(),
        "the example starts clean"
    );
    let header_before = screen(&app).lines().next().unwrap_or("").to_string();
    assert_eq!(before.warnings, 0, "the example is clean");
    assert!(header_before.contains("✓ no findings"), "{header_before}");

    retype(&mut app, BLAMEFUL);
    let after = app.lint.counts();
    assert_eq!(after.warnings, before.warnings + 1, "{:?}", app.lint.all());
    assert_eq!(
        findings_on(&app, &id),
        vec![("blame/blame-verb".to_string(), Severity::Warning)]
    );
    let header = screen(&app).lines().next().unwrap_or("").to_string();
    assert!(header.contains(&format!("!{}", after.warnings)), "{header}");
    assert_ne!(header, header_before);

    // Rewriting it blamelessly clears the finding again.
    retype(&mut app, "The pool was not drained before the deploy.");
    assert!(findings_on(&app, &id).is_empty());
    assert_eq!(app.lint.counts(), before);
}

#[test]
fn next_and_previous_finding_select_the_item() {
    let mut app = default_app();
    retype(&mut app, BLAMEFUL);
    let first = app.doc.timeline[0].id.clone();
    press(&mut app, "jjj");
    retype(&mut app, "Bob restarted the cache.");
    let second = app.doc.timeline[3].id.clone();
    press(&mut app, "3"); // somewhere else entirely
    assert_eq!(app.focus, Pane::Factors);

    let all: Vec<String> = app
        .lint
        .all()
        .iter()
        .map(|f| f.location.item.clone())
        .collect();
    let at_first = all.iter().position(|i| *i == first).expect("first");
    let at_second = all.iter().position(|i| *i == second).expect("second");
    assert!(at_first < at_second);

    // Walk forward until the first event's finding, then on to the second.
    for _ in 0..=at_first {
        press(&mut app, "]d");
    }
    assert_eq!(app.lint.current, Some(at_first));
    assert_eq!(app.focus, Pane::Timeline, "switched to the item's pane");
    assert_eq!(app.cursor.timeline, 0);
    for _ in at_first..at_second {
        press(&mut app, "]d");
    }
    assert_eq!(app.lint.current, Some(at_second));
    assert_eq!(app.cursor.timeline, 3);
    press(&mut app, "[d");
    assert_eq!(app.lint.current, Some(at_second - 1));
    for _ in at_first..at_second - 1 {
        press(&mut app, "[d");
    }
    assert_eq!(app.cursor.timeline, 0);
    // `[d` from the first finding wraps round to the last.
    for _ in 0..=at_first {
        press(&mut app, "[d");
    }
    assert_eq!(app.lint.current, Some(all.len() - 1));
}

#[test]
fn applying_a_fix_rewrites_the_text_and_one_undo_restores_it() {
    let mut app = default_app();
    retype(&mut app, BLAMEFUL);
    let undo_depth = app.history.undo.len();
    press(&mut app, "ga");
    assert_eq!(
        app.doc.timeline[0].text,
        "The deploy engineer did not drain the pool."
    );
    assert_eq!(app.history.undo.len(), undo_depth + 1, "one undo step");
    assert!(findings_on(&app, &app.doc.timeline[0].id.clone()).is_empty());
    press(&mut app, "u");
    assert_eq!(app.doc.timeline[0].text, BLAMEFUL);
    assert_eq!(findings_on(&app, &app.doc.timeline[0].id.clone()).len(), 1);
}

#[test]
fn a_fix_that_deletes_a_word_leaves_tidy_spacing() {
    let mut app = default_app();
    retype(&mut app, "The responder simply restarted the cache.");
    press(&mut app, "ga");
    assert_eq!(
        app.doc.timeline[0].text,
        "The responder restarted the cache."
    );
}

#[test]
fn applying_a_fix_where_there_is_none_says_so() {
    let mut app = default_app();
    let doc = app.doc.clone();
    press(&mut app, "ga");
    assert_eq!(app.doc, doc);
    assert!(screen(&app).contains("no suggested rewrite here"));
}

#[test]
fn findings_panel_toggles_and_lists_rule_severity_and_suggestion() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app("checkout-cache-stampede.toml", w, h);
        retype(&mut app, BLAMEFUL);
        assert!(!screen(&app).contains("Findings:"));
        press(&mut app, "F");
        assert!(app.lint.panel);
        press(&mut app, "]d");
        let shown = screen(&app);
        assert!(shown.contains("Findings:"), "{shown}");
        let index = app.lint.current.expect("current");
        let current = app.lint.all()[index].clone();
        assert!(shown.contains(current.rule.as_str()), "{shown}");
        assert!(shown.contains(current.severity.as_str()), "{shown}");
        if current.rule == rule::BLAME_VERB {
            assert!(shown.contains("suggestion: `did not`"), "{shown}");
        }
        press(&mut app, "F");
        assert!(!app.lint.panel);
        assert!(!screen(&app).contains("Findings:"));
    }
}

#[test]
fn the_matched_words_are_underlined_and_the_row_carries_a_glyph() {
    let mut app = app("checkout-cache-stampede.toml", 160, 48);
    retype(&mut app, BLAMEFUL);
    press(&mut app, "j"); // the row is not selected
    let buf = render(&app);
    let (x, y) = find(&buf, "forgot to").expect("text on screen");
    let warning = app.theme.warning.fg;
    for dx in 0..9 {
        let cell = &buf[(x + dx, y)];
        assert!(cell.modifier.contains(Modifier::UNDERLINED), "{dx}");
        assert_eq!(cell.fg, warning.unwrap_or_default());
    }
    let (before, _) = find(&buf, "deploy engineer").expect("text");
    assert!(!buf[(before, y)].modifier.contains(Modifier::UNDERLINED));
    // The lead of the row (after the selection glyph): `!` for a warning.
    assert_eq!(buf[(2, y)].symbol(), "!");
    assert_eq!(buf[(2, y)].fg, warning.unwrap_or_default());
    assert_eq!(buf[(2, y + 1)].symbol(), " ", "the next row is clean");
}

#[test]
fn without_colour_the_underline_and_glyph_remain() {
    let mut app = app("checkout-cache-stampede.toml", 80, 24);
    app.theme = app.theme.without_colour();
    retype(&mut app, "Bob restarted the cache.");
    let buf = render(&app);
    let (x, y) = find(&buf, "Bob").expect("text on screen");
    for dx in 0..3 {
        assert!(buf[(x + dx, y)].modifier.contains(Modifier::UNDERLINED));
    }
    assert_eq!(buf[(2, y)].symbol(), "✗", "error glyph at the row's lead");
    let header = common::text(&buf);
    let first = header.lines().next().unwrap_or("");
    let errors = app.lint.counts().errors;
    assert!(errors >= 1);
    assert!(first.contains(&format!("✗{errors}")), "{first}");
}

#[test]
fn the_config_files_team_roster_is_used_in_the_editor() {
    let dir = tempfile::tempdir().expect("tmp");
    let doc = dir.path().join("pm.toml");
    std::fs::write(
        &doc,
        debrief::examples::EXAMPLES[1].text.replacen(
            "text = \"",
            "text = \"Quillon restarted the primary. ",
            1,
        ),
    )
    .expect("write");
    let config = dir.path().join("config.toml");
    let open = |config: Option<std::path::PathBuf>| {
        debrief::tui::terminal::prepare(&debrief::tui::Options {
            path: Some(doc.clone()),
            config,
            today: Some(common::today()),
            ..Default::default()
        })
        .expect("opens")
    };
    let named = |app: &App| {
        app.lint
            .all()
            .iter()
            .any(|f| f.rule == rule::NAMED_INDIVIDUAL && f.message.contains("Quillon"))
    };
    std::fs::write(&config, "").expect("empty config");
    let mut plain = open(Some(config.clone()));
    assert!(!named(&plain), "not a known first name on its own");
    plain.quit = true;
    drop(plain);
    std::fs::write(&config, "[lint]\nroster = [\"Quillon Abernathy\"]\n").expect("write");
    let with_roster = open(Some(config.clone()));
    assert!(named(&with_roster), "the team roster names Quillon");
}

#[test]
fn the_repositorys_debrief_toml_is_used_in_the_editor() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join(".git")).expect("repo root");
    std::fs::create_dir(dir.path().join("postmortems")).expect("folder");
    let doc = dir.path().join("postmortems/pm.toml");
    std::fs::write(
        &doc,
        debrief::examples::EXAMPLES[1].text.replacen(
            "text = \"",
            "text = \"Quillon restarted the primary. ",
            1,
        ),
    )
    .expect("write");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").expect("empty user config");
    let open = || {
        let mut app = debrief::tui::terminal::prepare(&debrief::tui::Options {
            path: Some(doc.clone()),
            config: Some(config.clone()),
            today: Some(common::today()),
            ..Default::default()
        })
        .expect("opens");
        app.quit = true;
        app
    };
    let named = |app: &App| {
        app.lint
            .all()
            .iter()
            .any(|f| f.rule == rule::NAMED_INDIVIDUAL && f.message.contains("Quillon"))
    };
    assert!(!named(&open()), "no roster yet");
    std::fs::write(
        dir.path().join("debrief.toml"),
        "[lint]\nroster = [\"Quillon Abernathy\"]\n",
    )
    .expect("write debrief.toml");
    let app = open();
    assert!(named(&app), "the repository's roster names Quillon");
    assert!(
        app.privacy.roster.iter().any(|r| r == "Quillon Abernathy"),
        "the customer export's privacy check knows the roster too"
    );
    // Close it first: a second editor on the file would join its session.
    drop(app);
    // A broken debrief.toml is said, and the document still opens.
    std::fs::write(dir.path().join("debrief.toml"), "[lint\n").expect("write");
    let app = open();
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.contains("debrief.toml"), "{message}");
    assert!(!named(&app));
}

#[test]
fn the_actor_kind_is_edited_like_the_other_choices_and_a_system_is_no_person() {
    let mut app = default_app();
    let id = app.doc.timeline[0].id.clone();
    // Text, time, source, actor, actor kind: Tab goes through them.
    press(
        &mut app,
        "e<c-u>Sarah<space>restarted<space>the<space>pool.<tab><tab><tab><c-u>Sarah<enter>",
    );
    assert_eq!(app.doc.timeline[0].actor, "Sarah");
    assert!(
        findings_on(&app, &id).contains(&("blame/named-individual".to_string(), Severity::Error)),
        "{:?}",
        app.lint.all()
    );
    let depth = app.history.undo.len();
    // A kind that does not exist is refused and stays in the editor.
    press(&mut app, "e<tab><tab><tab><tab>");
    assert!(screen(&app).contains("actor kind"), "{}", screen(&app));
    press(&mut app, "<c-u>robot<enter>");
    assert!(app.editor.is_some(), "refused");
    assert!(
        screen(&app).contains("expected person, system or nothing"),
        "{}",
        screen(&app)
    );
    press(&mut app, "<c-u>system<enter>");
    assert!(app.editor.is_none());
    assert_eq!(
        app.doc.timeline[0].actor_kind,
        debrief::model::ActorKind::System
    );
    assert_eq!(app.history.undo.len(), depth + 1, "one undo step");
    assert!(findings_on(&app, &id).is_empty(), "{:?}", app.lint.all());
    assert!(screen(&app).contains("Sarah (system)"), "{}", screen(&app));
    // Emptied, it is not said again; undo brings the system back.
    press(&mut app, "e<tab><tab><tab><tab><c-u><enter>");
    assert!(app.doc.timeline[0].actor_kind.is_unknown());
    press(&mut app, "u");
    assert_eq!(
        app.doc.timeline[0].actor_kind,
        debrief::model::ActorKind::System
    );
}
