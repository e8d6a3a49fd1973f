//! The factors and actions panes: cycling a category or status, linked
//! highlights and `gd`, the link picker, editing an action's owner,
//! grouping the board, and adding an action into a group.

use crate::common::{default_app, press, screen};
use debrief::tui::app::Pane;

#[test]
fn factors_cycle_category_move_and_link_highlights() {
    let mut app = default_app();
    press(&mut app, "3");
    let f = app.selected_id(Pane::Factors).expect("factor");
    let category = app.doc.factor(&f).expect("f").category.clone();
    press(&mut app, "c");
    assert_ne!(app.doc.factor(&f).expect("f").category, category);
    press(&mut app, "u");
    // Linked highlight: the factor's events are marked on the timeline.
    let factor = app.doc.factor(&f).expect("f").clone();
    let linked = app.linked_ids();
    for e in &factor.events {
        assert!(linked.contains(e), "{e} highlighted");
    }
    // gd jumps to the first linked item; again, round the others.
    assert!(linked.len() >= 2, "the example's factor has several links");
    for expected in linked.iter().chain(linked.first()) {
        press(&mut app, "gd");
        assert_eq!(
            app.selected_id(app.focus).as_deref(),
            Some(expected.as_str())
        );
    }
    // Any other key ends the round: gd then follows the reached item's links.
    let reached = app.selected_id(app.focus).expect("reached");
    let onward = app.linked_ids();
    assert!(!onward.is_empty(), "{reached} links back");
    press(&mut app, "FFgd");
    assert_eq!(
        app.selected_id(app.focus).as_deref(),
        Some(onward[0].as_str())
    );
    // ctrl-o goes back to where the last round started.
    press(&mut app, "<c-o>");
    assert_eq!(app.selected_id(app.focus), Some(reached));
}

#[test]
fn link_picker_toggles_links() {
    let mut app = default_app();
    press(&mut app, "3");
    let f = app.selected_id(Pane::Factors).expect("factor");
    let before = app.doc.factor(&f).expect("f").clone();
    // Link to T16 (last event) by fuzzy filtering its id.
    press(&mut app, "LT16<enter><esc>");
    let after = app.doc.factor(&f).expect("f");
    assert_eq!(
        after.events.len(),
        before.events.len() + 1,
        "{:?}",
        after.events
    );
    assert!(after.events.contains(&"T16".to_string()));
    press(&mut app, "LT16<enter><esc>");
    assert_eq!(
        app.doc.factor(&f).expect("f").events,
        before.events,
        "toggled off"
    );
    press(&mut app, "uu");
    assert_eq!(app.doc.factor(&f).expect("f"), &before);
}

#[test]
fn actions_edit_owner_cycle_status_grouping_and_add() {
    let mut app = default_app();
    press(&mut app, "4");
    let a = app.selected_id(Pane::Actions).expect("action");
    press(&mut app, "e<tab><c-u>SRE team<enter>");
    assert_eq!(app.doc.action(&a).expect("a").owner, "SRE team");
    let status = app.doc.action(&a).expect("a").status;
    press(&mut app, "c");
    assert_eq!(app.doc.action(&a).expect("a").status, status.cycle());
    assert_eq!(
        app.selected_id(Pane::Actions).as_deref(),
        Some(a.as_str()),
        "selection follows the card"
    );
    press(&mut app, "s");
    // The board may show as a list at 80×24: its title names the grouping.
    assert!(
        screen(&app).contains("by time frame"),
        "grouped by time frame"
    );
    // `a` asks the new action's group first (Enter: the selection's).
    press(&mut app, "ssa<enter>Write the load test<esc>");
    let new = app
        .doc
        .actions
        .iter()
        .find(|x| x.title == "Write the load test")
        .expect("added");
    assert_eq!(app.selected_id(Pane::Actions), Some(new.id.clone()));
    press(&mut app, "K");
    press(&mut app, "d");
    assert!(
        app.doc
            .actions
            .iter()
            .all(|x| x.title != "Write the load test")
    );
}
