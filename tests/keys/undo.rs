//! Undo puts the selection back where the key it undoes was pressed.

use crate::common::{default_app, press};

#[test]
fn undoing_an_add_selects_where_it_was_pressed() {
    for (pane, add) in [
        ("1", "aA new event<enter>"),
        ("2", "aA new cause<enter>"),
        ("2", "AA deeper cause<enter>"),
        // A factor or an action asks its group first: Enter takes the
        // selection's.
        ("3", "a<enter>A new factor<enter>"),
        ("4", "a<enter>A new action<enter>"),
    ] {
        let mut app = default_app();
        press(&mut app, pane);
        press(&mut app, "jj");
        let focus = app.focus;
        let before = app.selected_id(focus);
        let count = app.doc.timeline.len()
            + app.doc.whys.nodes.len()
            + app.doc.factors.len()
            + app.doc.actions.len();
        press(&mut app, add);
        assert_ne!(
            app.selected_id(focus),
            before,
            "{add}: the new item is selected"
        );
        press(&mut app, "u");
        let after = app.doc.timeline.len()
            + app.doc.whys.nodes.len()
            + app.doc.factors.len()
            + app.doc.actions.len();
        assert_eq!(after, count, "{add}: one undo takes the new item away");
        assert_eq!(app.focus, focus);
        assert_eq!(app.selected_id(focus), before, "{add}");
    }
}
