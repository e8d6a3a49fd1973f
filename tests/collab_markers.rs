//! Others' markers in a live session: distinct when two people share
//! initials (or a login), and shown on the Overview's and Review's
//! fields as on items.

mod common;

use std::time::Instant;

use debrief::collab::{Peer, Place, Replica};
use debrief::tui::app::{App, Pane};
use debrief::tui::collab::{Collab, Role};

fn peer(who: u32, user: &str, owner: bool) -> Peer {
    Peer {
        who,
        user: user.into(),
        owner,
    }
}

/// A session seen by participant 9 (no socket: between owners).
fn session(people: Vec<Peer>) -> Collab {
    Collab {
        role: Role::Orphan {
            replica: Replica::new(9, 0),
            retry: Instant::now(),
            tries: 0,
        },
        me: 9,
        user: "me".into(),
        people,
        places: Default::default(),
        announced: None,
        following: None,
    }
}

#[test]
fn shared_initials_get_a_digit_by_number_and_the_same_everywhere() {
    let collab = session(vec![
        peer(0, "alice", true),
        peer(4, "john.doe", false),
        peer(2, "jdoe", false),
        peer(3, "bob", false),
        peer(5, "bob", false),
        peer(9, "me", false),
    ]);
    let marker = |who: u32| {
        let p = collab.people.iter().find(|p| p.who == who).expect("peer");
        collab.marker(p)
    };
    assert_eq!(marker(0), "AL");
    assert_eq!((marker(2), marker(4)), ("JD1".into(), "JD2".into()));
    assert_eq!((marker(3), marker(5)), ("BO1".into(), "BO2".into()));
    assert_eq!(collab.header(), "live with AL* JD2 JD1 BO1 BO2");
    assert_eq!(collab.find("jd2").map(|p| p.who), Some(4));
    assert_eq!(collab.find("BO2").map(|p| p.who), Some(5));
}

fn with_someone_on(place: Place) -> App {
    let mut app = common::default_app();
    let mut collab = session(vec![peer(0, "alice", true), peer(9, "me", false)]);
    collab.places.insert(0, place);
    app.collab = Some(collab);
    app
}

#[test]
fn a_field_someone_else_selected_carries_their_marker() {
    for pane in [Pane::Overview, Pane::Review] {
        // The pane's third field (the first is selected here).
        let doc = common::default_app().doc;
        let third = debrief::tui::panes::fields(&doc, pane)[2];
        let label = format!("{}:", debrief::tui::panes::field_title(third, &doc));
        let field = format!("{third:?}");
        let mut app = with_someone_on(Place {
            pane: pane.title().into(),
            item: Some(field),
        });
        app.focus = pane;
        let screen = common::screen(&app);
        let line = screen
            .lines()
            .find(|l| l.contains(&label))
            .unwrap_or_else(|| panic!("{label} shown:\n{screen}"));
        assert!(line.contains("‹AL›"), "{pane:?}: {line}");
        assert_eq!(screen.matches('‹').count(), 1, "{screen}");
    }
}
