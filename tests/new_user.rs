//! What a new user ran into (issue 13), one test per finding: each failed
//! on the editor before the fix.

mod common;

use common::{app, default_app, press, screen};
use debrief::model::{ActionType, Mark};
use debrief::tui::app::Pane;
use debrief::tui::popups::{Confirm, Popup};

/// Finding 1: An action's type can be set and seen; the time frame shows on the
/// card; the detail strip lists what the action addresses.
#[test]
fn an_actions_type_is_set_from_the_keyboard_and_shown() {
    let mut app = default_app();
    press(&mut app, "4");
    let id = app.selected_id(Pane::Actions).expect("action");
    let mut doc_action = app.doc.action(&id).expect("a").clone();
    doc_action.kind = None;
    // Start from an action without a type: lint asks for one.
    let index = app.doc.actions.iter().position(|a| a.id == id).expect("i");
    app.doc.actions[index].kind = None;
    app.lint = debrief::tui::findings::LintState::new(&app.doc);
    let missing = |app: &debrief::tui::app::App| {
        app.lint
            .all()
            .iter()
            .any(|f| f.location.item == id && f.message.contains("type"))
    };
    assert!(missing(&app), "lint reports the missing type");
    press(&mut app, "T");
    assert_eq!(
        app.doc.action(&id).expect("a").kind,
        Some(ActionType::Prevent)
    );
    assert!(!missing(&app), "the warning clears from the keyboard");
    // The type field is in the form too: owner, due, then type.
    press(&mut app, "e<tab><tab><tab><c-u>detect<enter>");
    assert_eq!(
        app.doc.action(&id).expect("a").kind,
        Some(ActionType::Detect)
    );
    let s = screen(&app);
    assert!(s.contains("Detect"), "type on the card\n{s}");
    let frame = doc_action.timeframe.expect("the example sets a time frame");
    assert!(s.contains(frame.label()), "time frame on the card\n{s}");
    // The links strip names the factors it addresses.
    let factor = app.doc.action(&id).expect("a").factors[0].clone();
    assert!(
        s.contains(&format!("◆ {factor}")) && s.contains("addresses"),
        "{s}"
    );
}

/// Finding 2: Blame is found while typing, before Enter: in the editor and in
/// the header's counts.
#[test]
fn blameless_language_is_checked_while_typing() {
    let mut app = default_app();
    assert!(screen(&app).contains("✓"));
    press(
        &mut app,
        "e<c-u>Bob forgot to restart the server, human error",
    );
    assert!(app.editor.is_some(), "still typing");
    let editor = app.editor.as_ref().expect("editor");
    assert!(
        editor.findings.iter().any(|f| f.rule.is_blame()),
        "{:?}",
        editor.findings
    );
    let s = screen(&app);
    let header = s.lines().next().expect("header");
    assert!(
        !header.contains('✓'),
        "the header counts the typed text\n{s}"
    );
    assert!(s.contains("forgot to"), "the finding is listed\n{s}");
    press(&mut app, "<esc>");
}

/// Finding 3: Long prose wraps in a full-width box; the title fits; Enter applies
/// in every field; Esc always leaves.
#[test]
fn long_prose_is_edited_in_a_wrapping_box_with_one_rule_for_enter() {
    let mut app = common::app("checkout-cache-stampede.toml", 80, 24);
    press(&mut app, "2j");
    let why = app.selected_why().expect("why");
    let text = app.doc.whys.nodes[why].text.clone();
    assert!(text.chars().count() > 100, "a long why");
    press(&mut app, "e");
    let s = screen(&app);
    let first: String = text.chars().take(30).collect();
    let last: String = text
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(
        s.contains(&first) && s.contains(&last),
        "the whole text shows\n{s}"
    );
    assert!(s.contains("enter done"), "keys fit in the border\n{s}");
    // Enter applies (the why is one line of prose).
    press(&mut app, " More.<enter>");
    assert!(app.editor.is_none());
    assert!(app.doc.whys.nodes[why].text.ends_with(" More."));
    // A multi-line field: Enter applies there too; Alt-Enter is a new line.
    press(&mut app, "6");
    app.cursor.review = debrief::tui::panes::fields(&app.doc, Pane::Review)
        .iter()
        .position(|f| *f == debrief::model::edit::DocField::WentWell)
        .expect("went well");
    press(&mut app, "<enter><a-enter>Good dashboards<enter>");
    assert!(app.editor.is_none(), "enter applies a list too");
    assert!(
        app.doc
            .review
            .went_well
            .iter()
            .any(|w| w == "Good dashboards")
    );
}

/// Finding 3, 5: On an invalid value Esc leaves: `:q!` typed afterwards is a
/// command, not text; the draft shows and Esc again discards it.
#[test]
fn esc_always_leaves_and_a_second_esc_discards_the_draft() {
    let mut app = default_app();
    press(&mut app, "5");
    let severity = app.doc.meta.severity.clone();
    let at = debrief::tui::panes::fields(&app.doc, Pane::Overview)
        .iter()
        .position(|f| *f == debrief::model::edit::DocField::Severity)
        .expect("severity field");
    app.cursor.overview = at;
    press(&mut app, "e<c-u>P2<esc>");
    assert!(app.editor.is_none(), "esc left the field");
    assert_eq!(app.doc.meta.severity, severity, "nothing applied");
    let s = screen(&app);
    assert!(s.contains("`P2` is not applied"), "{s}");
    assert!(s.contains("esc discards it"), "{s}");
    // `e` brings the draft back with its reason.
    press(&mut app, "e");
    let editor = app.editor.as_ref().expect("editor");
    assert_eq!(editor.text(), "P2");
    assert!(editor.error.is_some());
    press(&mut app, "<esc><esc>");
    assert!(app.draft.is_none(), "the second esc discards it");
    press(&mut app, ":q!<enter>");
    assert!(app.quit, ":q! after leaving the field quits");
    assert_eq!(app.doc.meta.severity, severity);
}

/// Finding 4: At 80×24 the footer ends with `?`, card text is readable, and a long
/// message wraps instead of losing its end.
#[test]
fn text_fits_at_80x24() {
    let mut app = default_app();
    for pane in ["1", "2", "3", "4", "5", "6", "7"] {
        press(&mut app, pane);
        let s = screen(&app);
        let footer = s.lines().last().expect("footer");
        assert!(footer.contains("? help"), "pane {pane}: {footer}");
    }
    press(&mut app, "4");
    let id = app.selected_id(Pane::Actions).expect("action");
    let title: String = app
        .doc
        .action(&id)
        .expect("a")
        .title
        .chars()
        .take(60)
        .collect();
    assert!(screen(&app).contains(&title), "60 characters of the title");
    press(&mut app, ":export /nonexistent/dir/out.md<enter>");
    let s = screen(&app);
    let (message, _) = app.message.clone().expect("message");
    let end: String = message
        .chars()
        .rev()
        .take(15)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(s.contains(end.trim()), "the message's end shows\n{s}");
}

/// Finding 5: Jump to an id from anywhere; help lists every `:` command.
#[test]
fn jump_to_an_id_and_find_every_command_in_help() {
    let mut app = default_app();
    press(&mut app, ":W9<enter>");
    assert_eq!(app.focus, Pane::Whys);
    assert_eq!(app.selected_id(Pane::Whys).as_deref(), Some("W9"));
    press(&mut app, "1gi");
    assert!(matches!(app.popup, Some(Popup::Picker(_))));
    press(&mut app, "F12<enter>");
    assert_eq!(app.selected_id(Pane::Factors).as_deref(), Some("F12"));
    press(&mut app, "?G");
    let s = screen(&app);
    for command in [":import", ":report", ":x", ":ID"] {
        assert!(s.contains(command), "{command} in help\n{s}");
    }
}

/// Finding 6: A message belongs to the action that made it; counts have no zeros;
/// the score is not 100 % while errors remain.
#[test]
fn status_and_counts_do_not_mislead() {
    let mut app = default_app();
    press(&mut app, "J");
    assert!(app.message.is_some(), "the timeline says why J did nothing");
    press(&mut app, "4J");
    let message = app.message.clone().map(|m| m.0).unwrap_or_default();
    assert!(
        !message.contains("timeline"),
        "no message left over from the timeline: {message}"
    );
    press(
        &mut app,
        "1e<c-u>The deploy engineer forgot to drain the pool.<enter>",
    );
    let header = screen(&app).lines().next().expect("header").to_string();
    assert!(!header.contains("✗0") && !header.contains("i0"), "{header}");
    // An error: the score cannot read 100 %.
    let index = 0;
    app.doc.timeline[index].id = app.doc.timeline[1].id.clone();
    app.lint = debrief::tui::findings::LintState::new(&app.doc);
    assert!(app.lint.counts().errors > 0);
    assert!(app.lint.score() < 100);
}

/// Finding 7: A cancelled add leaves nothing; a new event starts at the incident's
/// start; a new factor asks its category first.
#[test]
fn new_items_start_where_the_user_expects() {
    let mut app = default_app();
    press(&mut app, "2");
    let whys = app.doc.whys.nodes.len();
    press(&mut app, "a<esc>");
    assert_eq!(app.doc.whys.nodes.len(), whys, "nothing left behind");
    assert!(app.history.undo.is_empty(), "and nothing to undo");
    // An empty document: the first event is at meta.started.
    let mut doc = debrief::model::Postmortem::new(debrief::model::Kind::Incident, "t");
    doc.meta.started = app.doc.meta.started;
    let mut empty = debrief::tui::app::App::new(
        doc,
        debrief::tui::app::Origin::Scratch("t".into()),
        common::today(),
    );
    empty.size = (80, 24);
    press(&mut empty, "aFirst thing<enter>");
    assert_eq!(Some(empty.doc.timeline[0].at), empty.doc.meta.started);
    // A factor asks its category, the selection's first.
    press(&mut app, "3a");
    assert!(matches!(app.popup, Some(Popup::Picker(_))));
    press(&mut app, "human<enter>A cause<enter>");
    let added = app
        .doc
        .factors
        .iter()
        .find(|f| f.text == "A cause")
        .expect("added");
    assert_eq!(added.category, "human");
}

/// Finding 8: A second key mark asks; `check` reports duplicates; an import that
/// brings a mark the timeline has leaves it off unless kept.
#[test]
fn a_key_mark_is_set_once_unless_confirmed() {
    let mut app = default_app();
    let resolved = app
        .doc
        .timeline
        .iter()
        .position(|e| e.has(Mark::Resolved))
        .expect("the example has a resolved mark");
    press(&mut app, "m");
    press(&mut app, "resolved<enter>");
    assert!(
        matches!(
            app.popup,
            Some(Popup::Confirm(Confirm::DuplicateMark { .. }))
        ),
        "asks first"
    );
    press(&mut app, "y");
    assert!(app.doc.timeline[0].has(Mark::Resolved), "moved here");
    assert!(!app.doc.timeline[resolved].has(Mark::Resolved));
    // Keeping both is a problem `check` names.
    press(&mut app, "u");
    let mut doc = app.doc.clone();
    doc.timeline[0].marks.push(Mark::Resolved);
    let problems = debrief::model::check(&doc);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("`resolved` is marked on 2 events")),
        "{problems:?}"
    );
}

/// Finding 9: At 80×24 the links show under the single pane.
#[test]
fn links_show_at_80x24() {
    let mut app = app("checkout-cache-stampede.toml", 80, 24);
    press(&mut app, "3");
    let f1 = app.doc.factor("F1").expect("F1").clone();
    let s = screen(&app);
    assert!(s.contains("Linked to F1"), "{s}");
    for id in f1.events.iter().chain(&f1.whys) {
        assert!(s.contains(&format!("◆ {id}")), "{id} listed\n{s}");
    }
}
