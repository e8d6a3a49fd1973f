//! Unit tests of the update functions: dispatch, history and commands,
//! driven without a terminal.

use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::model::edit::{DocField, Edit, Item};
use crate::model::{Event as TimelineEvent, Postmortem};
use crate::tui::app::{App, Origin};
use crate::tui::popups::Popup;

fn app() -> App {
    let doc = crate::examples::DEFAULT
        .load()
        .expect("bundled example loads");
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let mut app = App::new(doc, Origin::Scratch("test".into()), today);
    app.size = (120, 40);
    clamp(&mut app);
    app
}

fn key(app: &mut App, code: KeyCode) {
    handle_event(app, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn new_event(app: &App, text: &str) -> Edit {
    let id = app.doc.next_id(crate::model::IdKind::Event);
    let at = app.doc.timeline[0].at;
    Edit::Insert {
        index: 0,
        item: Item::Event(TimelineEvent::new(&id, at, text)),
    }
}

// ---------------------------------------------------------------- dispatch

#[test]
fn a_popup_sees_keys_before_the_panes() {
    let mut app = app();
    update(&mut app, Action::CommandLine);
    // `j` would move the selection; in the prompt it is typed.
    let before = app.cursor.timeline;
    type_text(&mut app, "jq");
    assert_eq!(app.cursor.timeline, before);
    assert!(!app.quit, "q typed into the prompt does not quit");
    match &app.popup {
        Some(Popup::Prompt(prompt)) => assert_eq!(prompt.text(), "jq"),
        other => panic!("prompt expected, got {other:?}"),
    }
    key(&mut app, KeyCode::Esc);
    assert!(app.popup.is_none());
}

#[test]
fn two_key_sequences_wait_for_their_second_key() {
    let mut app = app();
    key(&mut app, KeyCode::Char('g'));
    assert!(app.pending.is_some(), "g waits for the next key");
    key(&mut app, KeyCode::Char('G'));
    assert!(app.pending.is_none());
    // An unfinished sequence drops the prefix and runs the key alone: G
    // goes to the last event.
    assert_eq!(app.cursor.timeline, app.doc.timeline.len() - 1);
}

#[test]
fn the_field_editor_takes_keys_and_applies_its_text_as_one_edit() {
    let mut app = app();
    update(&mut app, Action::Edit);
    assert!(app.editor.is_some());
    let undo_depth = app.history.undo.len();
    type_text(&mut app, " (edited)");
    key(&mut app, KeyCode::Enter);
    assert!(app.editor.is_none(), "enter finishes a one-line field");
    assert!(app.doc.timeline[0].text.ends_with(" (edited)"));
    assert_eq!(app.history.undo.len(), undo_depth + 1);
}

#[test]
fn a_question_waits_for_one_of_its_answers() {
    let mut app = app();
    {
        let edit = new_event(&app, "something");
        commit(&mut app, edit)
    };
    update(&mut app, Action::Quit);
    assert!(matches!(app.popup, Some(Popup::Confirm(_))));
    // A key the question does not answer changes nothing.
    key(&mut app, KeyCode::Char('x'));
    assert!(matches!(app.popup, Some(Popup::Confirm(_))));
    assert!(!app.quit);
    key(&mut app, KeyCode::Char('N'));
    assert!(app.quit, "n (either case) quits without saving");
}

// ----------------------------------------------------------------- history

#[test]
fn commit_undo_and_redo_share_one_path() {
    let mut app = app();
    let original: Postmortem = app.doc.clone();
    let revision = app.history.revision;
    assert!({
        let edit = new_event(&app, "first");
        commit(&mut app, edit)
    });
    assert!(commit(
        &mut app,
        Edit::SetText {
            field: DocField::Title,
            before: original.meta.title.clone(),
            after: "Renamed".into(),
        }
    ));
    assert_eq!(app.history.revision, revision + 2);
    assert!(app.modified());
    let edited = app.doc.clone();
    update(&mut app, Action::Undo);
    update(&mut app, Action::Undo);
    assert_eq!(app.doc, original, "undo restores the document exactly");
    assert!(!app.modified(), "back at the saved state");
    assert_eq!(app.history.revision, revision + 4, "undo is a change too");
    update(&mut app, Action::Redo);
    update(&mut app, Action::Redo);
    assert_eq!(app.doc, edited);
    // The linter followed every step: the title edit leaves no stale
    // findings behind.
    let fresh = crate::tui::findings::LintState::new(&app.doc);
    assert_eq!(app.lint.counts(), fresh.counts());
}

#[test]
fn an_edit_that_does_not_apply_changes_nothing_and_says_why() {
    let mut app = app();
    let original = app.doc.clone();
    let stale = Edit::Remove {
        index: 0,
        item: Item::Event(TimelineEvent::new("T999", original.timeline[0].at, "gone")),
    };
    assert!(!commit(&mut app, stale));
    assert_eq!(app.doc, original);
    assert!(app.history.undo.is_empty());
    assert!(app.message.is_some());
}

#[test]
fn replacing_the_document_resets_history_and_every_derived_view() {
    let mut app = app();
    {
        let edit = new_event(&app, "to be replaced");
        commit(&mut app, edit)
    };
    app.cursor.timeline = app.doc.timeline.len() - 1;
    let mut other = app.doc.clone();
    other.timeline.truncate(2);
    let revision = app.history.revision;
    replace_document(&mut app, other.clone(), history::Saved::No);
    assert_eq!(app.doc, other);
    assert!(app.history.undo.is_empty() && app.history.redo.is_empty());
    assert!(app.modified(), "recovered edits are unsaved");
    assert!(app.history.revision > revision);
    assert!(
        app.cursor.timeline < 2,
        "the selection is kept inside the list"
    );
    replace_document(&mut app, other, history::Saved::Yes);
    assert!(!app.modified(), "a reloaded document is the file");
}

#[test]
fn the_first_text_of_a_new_item_is_one_undo_step_with_its_insertion() {
    let mut app = app();
    let before = app.doc.timeline.len();
    update(&mut app, Action::Add);
    type_text(&mut app, "new event");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.doc.timeline.len(), before + 1);
    update(&mut app, Action::Undo);
    assert_eq!(app.doc.timeline.len(), before, "one u removes it");
}

// ---------------------------------------------------------------- commands

#[test]
fn every_command_is_found_by_its_name_and_aliases() {
    for command in COMMANDS {
        let found = commands::find(command.name).expect("by name");
        assert_eq!(found.name, command.name);
        for alias in command.aliases {
            assert_eq!(commands::find(alias).map(|c| c.name), Some(command.name));
        }
        assert!(!command.doc.is_empty());
        assert!(command.usage().starts_with(&format!(":{}", command.name)));
    }
    assert!(commands::find("nope").is_none());
}

#[test]
fn an_unknown_command_names_the_known_ones() {
    let mut app = app();
    commands::run(&mut app, "frobnicate");
    let (message, _) = app.message.clone().expect("message");
    assert!(message.contains("unknown command :frobnicate"), "{message}");
    for command in COMMANDS {
        assert!(message.contains(&format!(":{}", command.name)), "{message}");
    }
}

#[test]
fn q_refuses_unsaved_changes_and_q_bang_quits() {
    let mut app = app();
    {
        let edit = new_event(&app, "unsaved");
        commit(&mut app, edit)
    };
    commands::run(&mut app, "q");
    assert!(!app.quit);
    assert!(app.message.as_ref().is_some_and(|(m, _)| m.contains(":q!")));
    commands::run(&mut app, "q!");
    assert!(app.quit);
}

#[test]
fn a_bang_is_refused_where_it_means_nothing() {
    let mut app = app();
    commands::run(&mut app, "report!");
    let (message, _) = app.message.clone().expect("message");
    assert!(message.contains("takes no !"), "{message}");
}

#[test]
fn export_writes_the_markdown_and_asks_before_replacing() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("out.md");
    let mut app = app();
    commands::run(&mut app, &format!("export {}", out.display()));
    let written = std::fs::read_to_string(&out).expect("exported");
    assert!(written.contains(&app.doc.meta.title));
    commands::run(&mut app, &format!("export {}", out.display()));
    assert!(
        matches!(app.popup, Some(Popup::Confirm(_))),
        "an existing file is only replaced after a yes"
    );
}
