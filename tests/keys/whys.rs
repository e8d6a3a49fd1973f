//! The 5 Whys pane: add a child, indent, outdent, root, collapse; delete
//! with the subtree; move among siblings.

use crate::common::{default_app, press, screen};
use debrief::tui::app::Pane;

#[test]
fn whys_add_child_indent_outdent_root_collapse() {
    let mut app = default_app();
    press(&mut app, "2");
    assert_eq!(app.focus, Pane::Whys);
    press(&mut app, "j"); // W1
    let w1 = app
        .doc
        .whys
        .nodes
        .iter()
        .find(|w| w.id == "W1")
        .expect("W1")
        .clone();
    press(&mut app, "ANew cause<esc>");
    let new = app.doc.whys.nodes.last().expect("added").clone();
    assert_eq!(
        (new.parent.as_str(), new.text.as_str()),
        ("W1", "New cause")
    );
    assert_eq!(
        app.selected_why().map(|i| app.doc.whys.nodes[i].id.clone()),
        Some(new.id.clone())
    );
    press(&mut app, "<");
    assert_eq!(app.doc.whys.get(&new.id).expect("node").parent, "");
    // `>` puts it under the sibling above it in the tree (W8 after outdent).
    press(&mut app, ">");
    assert_eq!(app.doc.whys.get(&new.id).expect("node").parent, "W8");
    assert_ne!(w1.id, "W8");
    press(&mut app, "r");
    assert!(app.doc.whys.get(&new.id).expect("node").root);
    assert!(screen(&app).contains("ROOT New cause"));
    press(&mut app, "uuu");
    assert_eq!(app.doc.whys.get(&new.id).expect("node").parent, "W1");
    // Collapse W1: its children disappear from the rows.
    press(&mut app, "gg j");
    let rows = app.why_rows().len();
    press(&mut app, "<space>");
    assert!(app.why_rows().len() < rows);
    press(&mut app, "<space>");
    assert_eq!(app.why_rows().len(), rows);
}

#[test]
fn whys_delete_takes_the_subtree_and_move_swaps_siblings() {
    let mut app = default_app();
    press(&mut app, "2j"); // W1, which has descendants
    let total = app.doc.whys.nodes.len();
    press(&mut app, "d");
    assert!(app.doc.whys.get("W1").is_none());
    assert!(app.doc.whys.nodes.len() < total - 1, "children went too");
    assert!(
        app.lint.structural().is_empty(),
        "links cleaned: {:?}",
        app.lint.structural()
    );
    press(&mut app, "u");
    assert_eq!(app.doc.whys.nodes.len(), total);
    // W1 and W8 are top-level siblings: J swaps them.
    press(&mut app, "gg j");
    press(&mut app, "J");
    let tops: Vec<&str> = app.doc.whys.children("").map(|w| w.id.as_str()).collect();
    assert_eq!(tops, ["W8", "W1"]);
    assert_eq!(app.selected_id(Pane::Whys).as_deref(), Some("W1"));
}
