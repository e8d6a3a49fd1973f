//! The derived views: the whys walk and subtrees, opening a branch to
//! select a node, and factor groups.

use chrono::NaiveDate;

use crate::model::edit::List;
use crate::model::{Factor, Kind, Postmortem, Why};
use crate::tui::app::{App, Origin, Pane};
use crate::tui::update::select_id;

/// W1 ─ W2 ─ W3, W1 ─ W4, and W5 beside W1.
fn app_with_whys() -> App {
    let mut doc = Postmortem::new(Kind::Incident, "test");
    doc.whys.nodes = [
        Why::new("W1", "", "one"),
        Why::new("W5", "", "five"),
        Why::new("W3", "W2", "three"),
        Why::new("W2", "W1", "two"),
        Why::new("W4", "W1", "four"),
    ]
    .map(Box::new)
    .into();
    app_of(doc)
}

fn app_of(doc: Postmortem) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let mut app = App::new(doc, Origin::Scratch("test".into()), today);
    app.size = (120, 40);
    app
}

fn ids(app: &App, indexes: &[usize]) -> Vec<String> {
    indexes
        .iter()
        .map(|&i| app.doc.whys.nodes[i].id.clone())
        .collect()
}

#[test]
fn a_subtree_is_the_node_and_everything_below_it_in_tree_order() {
    let app = app_with_whys();
    assert_eq!(ids(&app, &app.why_subtree(0)), ["W1", "W2", "W3", "W4"]);
    assert_eq!(ids(&app, &app.why_subtree(3)), ["W2", "W3"]);
    assert_eq!(ids(&app, &app.why_subtree(1)), ["W5"]);
}

#[test]
fn selecting_a_hidden_node_opens_its_ancestors_and_only_them() {
    let mut app = app_with_whys();
    for id in ["W1", "W2", "W5"] {
        app.collapsed.insert(id.to_string());
    }
    let visible: Vec<Option<usize>> = app.why_rows().iter().map(|r| r.1).collect();
    assert_eq!(visible, [None, Some(0), Some(1)], "W1 and W5 folded");
    select_id(&mut app, List::Whys, "W3");
    assert!(!app.collapsed.contains("W1") && !app.collapsed.contains("W2"));
    assert!(
        app.collapsed.contains("W5"),
        "a branch beside it stays folded"
    );
    assert_eq!(app.selected_id(Pane::Whys).as_deref(), Some("W3"));
    assert_eq!(app.focus, Pane::Whys);
}

#[test]
fn the_rows_follow_an_edit_of_the_whys() {
    let mut app = app_with_whys();
    let before = app.why_rows().len();
    app.doc
        .whys
        .nodes
        .push(Box::new(Why::new("W6", "W4", "six")));
    app.history.lists.whys += 1;
    assert_eq!(app.why_rows().len(), before + 1);
    assert_eq!(ids(&app, &app.why_subtree(4)), ["W4", "W6"]);
}

#[test]
fn a_category_named_twice_is_one_group_and_each_factor_shows_once() {
    let mut doc = Postmortem::new(Kind::Incident, "test");
    doc.meta.categories = vec!["process".into(), "process".into(), "technical".into()];
    doc.factors = vec![
        Factor::new("F1", "technical", "a"),
        Factor::new("F2", "process", "b"),
        Factor::new("F3", "vendor", "c"),
    ];
    let app = app_of(doc);
    let groups = app.factor_groups();
    let names: Vec<&str> = groups.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(names, ["process", "technical", "vendor"]);
    assert_eq!(app.factor_order(), [1, 0, 2]);
}

#[test]
fn the_walk_kept_through_edits_is_the_walk_of_the_document() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let doc = crate::examples::DEFAULT.load().expect("bundled example");
    let mut app = app_of(doc);
    let press = |app: &mut App, code: KeyCode| {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        crate::tui::update::handle_event(app, Event::Key(key));
        assert_eq!(
            *app.why_walk(),
            app.doc.whys.walk_indexed(),
            "after {code:?}"
        );
    };
    press(&mut app, KeyCode::Char('2'));
    // Every leaf in turn, wherever it sits in the list of nodes: deleted
    // (the nodes after it move down), then brought back.
    let rows = app.why_rows().len();
    let mut leaves = 0;
    for row in 1..rows {
        app.cursor.whys = row;
        let Some(index) = app.selected_why() else {
            continue;
        };
        if app.why_subtree(index).len() > 1 {
            continue;
        }
        leaves += 1;
        press(&mut app, KeyCode::Char('d'));
        press(&mut app, KeyCode::Char('u'));
    }
    assert!(leaves >= 2, "the example has leaves");
    // A new node: `a`, its text, Enter; then undone.
    for code in [KeyCode::Char('a'), KeyCode::Char('x'), KeyCode::Enter] {
        press(&mut app, code);
    }
    press(&mut app, KeyCode::Char('u'));
}
