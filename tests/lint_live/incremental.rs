//! Deterministic cases of `LiveLint`: a new person in the roster re-lints
//! what names them, inserts shift the findings after them, batches of
//! inserts and removals, and changes that do not fit the document.

use crate::{TEXTS, assert_same, document, event, fresh};
use debrief::lint::{Change, ItemRef, LiveLint};
use debrief::model::PathSeg;
use debrief::model::edit::List;

fn rules_on(live: &LiveLint, item: ItemRef) -> Vec<&'static str> {
    live.findings_for(item)
        .iter()
        .map(|f| f.rule.as_str())
        .collect()
}

#[test]
fn an_inserted_actor_who_is_a_person_relints_what_names_them() {
    let mut doc = document();
    doc.timeline[0].text = TEXTS[2].into(); // "Zephyr restarted …"
    for event in &mut doc.timeline {
        event.actor = "orders-api".into();
    }
    doc.actions.clear();
    let mut live = fresh(&doc);
    assert!(
        !rules_on(&live, ItemRef::Event(0)).contains(&"blame/named-individual"),
        "Zephyr is nobody yet"
    );

    let mut newcomer = event("T99".into(), 0);
    newcomer.text = "The pool recovered.".into();
    newcomer.actor = "Alice Zephyr".into();
    doc.timeline.insert(3, Box::new(newcomer.clone()));
    let full = live.full_lints();
    live.inserted(&doc, List::Timeline, 3);
    assert_eq!(live.full_lints(), full + 1, "a new person re-lints all");
    assert!(
        rules_on(&live, ItemRef::Event(0)).contains(&"blame/named-individual"),
        "the actor made Zephyr a person: {:?}",
        live.findings_for(ItemRef::Event(0))
    );
    assert_same(&live, &doc, "inserting a person as actor");

    // Their event's text and place change: the roster does not.
    let full = live.full_lints();
    doc.timeline[3].text = "The pool recovered, slowly.".into();
    live.edited(&doc, ItemRef::Event(3));
    let moved = doc.timeline.remove(3);
    doc.timeline.insert(1, moved);
    live.moved(&doc, List::Timeline, 3, 1);
    // Removed and put back in one batch (their actor leaves the roster
    // and returns): still the same people.
    let removed = doc.timeline.remove(1);
    doc.timeline.insert(4, removed);
    live.changed(
        &doc,
        [
            Change::Removed {
                list: List::Timeline,
                index: 1,
            },
            Change::Inserted {
                list: List::Timeline,
                index: 4,
            },
        ],
    );
    assert_eq!(live.full_lints(), full, "no edit changed the roster");
    assert_same(&live, &doc, "moving the person's event around");

    doc.timeline.remove(4);
    live.removed(&doc, List::Timeline, 4);
    assert!(!rules_on(&live, ItemRef::Event(0)).contains(&"blame/named-individual"));
    assert_same(&live, &doc, "removing the person again");
}

#[test]
fn an_insert_shifts_the_findings_after_it_and_their_paths() {
    let mut doc = document();
    doc.timeline[1].text = TEXTS[1].into(); // "Bob should have …"
    let mut live = fresh(&doc);
    let before: Vec<_> = live.findings_for(ItemRef::Event(1)).to_vec();
    assert!(!before.is_empty(), "event 1 has findings to shift");

    doc.timeline.insert(0, Box::new(event("T50".into(), 8)));
    live.inserted(&doc, List::Timeline, 0);
    let after = live.findings_for(ItemRef::Event(2));
    assert_eq!(after.len(), before.len());
    for (old, new) in before.iter().zip(after) {
        assert_eq!(old.rule, new.rule);
        assert_eq!(old.location.path[1], PathSeg::Index(1));
        assert_eq!(new.location.path[1], PathSeg::Index(2));
    }
    assert_same(&live, &doc, "inserting at the front");
}

#[test]
fn a_batch_of_rising_inserts_then_falling_removals_matches_a_fresh_lint() {
    let mut doc = document();
    let mut live = fresh(&doc);
    let mut inserts = Vec::new();
    for (n, index) in [0, 2, 3, 7, 10].into_iter().enumerate() {
        doc.timeline
            .insert(index, Box::new(event(format!("T{}", 60 + n), n * 7 + 1)));
        inserts.push(Change::Inserted {
            list: List::Timeline,
            index,
        });
    }
    let full = live.full_lints();
    live.changed(&doc, inserts);
    assert_same(&live, &doc, "an import-like batch");

    let mut removals = Vec::new();
    for index in [10, 7, 3, 2, 0] {
        doc.timeline.remove(index);
        removals.push(Change::Removed {
            list: List::Timeline,
            index,
        });
    }
    live.changed(&doc, removals);
    assert_same(&live, &doc, "its undo");
    assert_eq!(live.full_lints(), full, "neither re-linted everything");
}

#[test]
fn changes_that_do_not_fit_the_document_fall_back_to_a_full_lint() {
    let mut doc = document();
    let mut live = fresh(&doc);
    doc.timeline.push(Box::new(event("T70".into(), 2)));
    // Told about a removal that did not happen, and out of range.
    live.changed(
        &doc,
        [Change::Removed {
            list: List::Timeline,
            index: 40,
        }],
    );
    assert_same(&live, &doc, "a change past the end");
    doc.factors.remove(0);
    live.edited(&doc, ItemRef::Factor(0));
    assert_same(&live, &doc, "a removal reported as an edit");
}
