//! `debrief merge` as git's merge driver, in real repositories: both
//! sides add items, edit different fields, edit the same field, delete an
//! item the other side edited. The result always loads, ids are unique and
//! links point at items that exist; a conflict is a record that resolves.

mod common;

use std::collections::HashSet;

use chrono::{DateTime, Duration};
use common::git::{DOC, merged};
use debrief::model::{ActionItem, Event, Factor, Postmortem, Side, SignOff, Timestamp, check};
use debrief::vcs;

fn at(doc: &Postmortem, minutes: i64) -> Timestamp {
    doc.timeline.last().expect("events").at + Duration::minutes(minutes)
}

fn event(doc: &Postmortem, id: &str, minutes: i64, text: &str) -> Event {
    Event::new(id, at(doc, minutes), text)
}

/// Ids unique in every list, every link to an existing item, and no
/// structural problem other than recorded conflicts.
fn assert_sound(doc: &Postmortem) {
    for ids in [
        doc.timeline.iter().map(|e| &e.id).collect::<Vec<_>>(),
        doc.whys.nodes.iter().map(|w| &w.id).collect(),
        doc.factors.iter().map(|f| &f.id).collect(),
        doc.actions.iter().map(|a| &a.id).collect(),
    ] {
        let unique: HashSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
    }
    let problems: Vec<String> = check(doc)
        .iter()
        .filter(|p| !p.message.contains("merge conflict"))
        .map(|p| p.to_string())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
}

fn merge_succeeded(out: &std::process::Output) -> bool {
    out.status.success()
}

#[test]
fn both_sides_add_events_and_their_new_ids_are_renumbered_with_links() {
    let (repo, out) = merged(
        |doc| {
            let e = event(doc, "T17", 10, "Ours: the incident channel was archived.");
            doc.timeline.push(Box::new(e));
            doc.factors.push(Factor::new(
                "F15",
                "process",
                "Ours: the archive step is manual.",
            ));
        },
        |doc| {
            let e = event(
                doc,
                "T17",
                20,
                "Theirs: finance confirmed the GMV estimate.",
            );
            doc.timeline.push(Box::new(e));
            let mut f = Factor::new("F15", "technical", "Theirs: order logs lag by a day.");
            f.events = vec!["T17".into()];
            doc.factors.push(f);
            let mut a = ActionItem::new("A15", "Stream order logs to the warehouse hourly.");
            a.factors = vec!["F15".into()];
            doc.actions.push(a);
        },
    );
    assert!(
        merge_succeeded(&out),
        "clean merge: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = repo.load(DOC);
    assert_sound(&doc);
    assert!(doc.conflicts.is_empty());
    let text = |id: &str| doc.event(id).map(|e| e.text.clone()).unwrap_or_default();
    assert!(text("T17").starts_with("Ours"), "ours keeps T17");
    assert!(text("T18").starts_with("Theirs"), "theirs becomes T18");
    let theirs_factor = doc.factor("F16").expect("their F15 is F16");
    assert!(theirs_factor.text.starts_with("Theirs"));
    assert_eq!(
        theirs_factor.events,
        ["T18"],
        "its link follows the renumbering"
    );
    assert_eq!(
        doc.factor("F15").map(|f| f.category.as_str()),
        Some("process")
    );
    assert_eq!(
        doc.action("A15").map(|a| a.factors.clone()),
        Some(vec!["F16".to_string()])
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("T17: theirs is now T18"), "{said}");
    // The merge was committed, and the history has both sides.
    let log = repo.git_ok(&["log", "--oneline"]);
    assert!(log.contains("Merge branch 'theirs'"), "{log}");
}

#[test]
fn edits_to_different_fields_and_items_merge_cleanly() {
    let (repo, out) = merged(
        |doc| {
            doc.factors[0].text = "Ours: the deploy had no freeze.".into();
            doc.summary.push_str(" Ours.");
        },
        |doc| {
            doc.factors[0].contribution = "Theirs: peak traffic.".into();
            doc.actions[3].owner = "Theirs team".into();
            doc.review
                .went_well
                .push("Theirs: the rollback worked.".into());
        },
    );
    assert!(
        merge_succeeded(&out),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = repo.load(DOC);
    assert_sound(&doc);
    assert_eq!(doc.factors[0].text, "Ours: the deploy had no freeze.");
    assert_eq!(doc.factors[0].contribution, "Theirs: peak traffic.");
    assert_eq!(doc.actions[3].owner, "Theirs team");
    assert!(doc.summary.ends_with(" Ours."));
    assert!(doc.review.went_well.iter().any(|w| w.starts_with("Theirs")));
}

#[test]
fn the_same_field_changed_twice_is_a_conflict_record_that_resolves() {
    let (repo, out) = merged(
        |doc| doc.actions[0].title = "Ours: codify a freeze for peak events.".into(),
        |doc| doc.actions[0].title = "Theirs: codify a 48-hour freeze.".into(),
    );
    assert!(!merge_succeeded(&out), "git reports the conflict");
    assert!(repo.git_ok(&["status", "--short"]).contains("UU "));
    // The file still loads: ours in place, the conflict recorded.
    let doc = repo.load(DOC);
    assert_sound(&doc);
    assert_eq!(doc.conflicts.len(), 1);
    let conflict = &doc.conflicts[0];
    assert_eq!(conflict.at, "actions.A1.title");
    assert_eq!(conflict.kept, Side::Ours);
    assert_eq!(
        doc.actions[0].title,
        "Ours: codify a freeze for peak events."
    );
    assert_eq!(
        conflict.theirs.as_ref().and_then(|v| v.as_str()),
        Some("Theirs: codify a 48-hour freeze.")
    );
    // check fails until it is resolved.
    let check_out = repo.debrief(&["check", DOC]);
    assert_eq!(check_out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check_out.stdout).contains("unresolved merge conflict"));
    // Taking theirs puts their title in and removes the record.
    let resolved = vcs::resolve(&doc, 0, Side::Theirs).expect("resolves");
    assert_eq!(
        resolved.actions[0].title,
        "Theirs: codify a 48-hour freeze."
    );
    assert!(resolved.conflicts.is_empty());
    assert!(check(&resolved).is_empty());
    // Keeping ours only removes the record.
    let kept = vcs::resolve(&doc, 0, Side::Ours).expect("resolves");
    assert_eq!(kept.actions[0].title, doc.actions[0].title);
    assert!(kept.conflicts.is_empty());
}

#[test]
fn deleting_an_item_the_other_side_edited_keeps_the_edit_as_a_conflict() {
    // Ours deletes A14; theirs edits its owner.
    let (repo, out) = merged(
        |doc| {
            doc.actions.retain(|a| a.id != "A14");
        },
        |doc| {
            let a14 = doc.actions.iter_mut().find(|a| a.id == "A14").expect("A14");
            a14.owner = "Theirs: checkout team".into();
        },
    );
    assert!(!merge_succeeded(&out));
    let doc = repo.load(DOC);
    assert_sound(&doc);
    assert_eq!(doc.conflicts.len(), 1);
    assert_eq!(doc.conflicts[0].at, "actions.A14");
    assert_eq!(doc.conflicts[0].kept, Side::Theirs);
    assert!(doc.conflicts[0].ours.is_none(), "deleted on our side");
    assert_eq!(
        doc.action("A14").map(|a| a.owner.as_str()),
        Some("Theirs: checkout team"),
        "nothing lost: the edited item stays until someone decides"
    );
    // Deciding for ours deletes it (and links to it).
    let gone = vcs::resolve(&doc, 0, Side::Ours).expect("resolves");
    assert!(gone.action("A14").is_none());
    assert!(check(&gone).is_empty(), "{:?}", check(&gone));

    // The other way round: ours edits, theirs deletes.
    let (repo, out) = merged(
        |doc| doc.factors[1].text = "Ours: no rollback rehearsal.".into(),
        |doc| {
            let id = doc.factors[1].id.clone();
            doc.factors.remove(1);
            for a in &mut doc.actions {
                a.factors.retain(|f| *f != id);
            }
        },
    );
    assert!(!merge_succeeded(&out));
    let doc = repo.load(DOC);
    assert_sound(&doc);
    assert_eq!(doc.conflicts[0].kept, Side::Ours);
    assert_eq!(doc.factors[1].text, "Ours: no rollback rehearsal.");
}

#[test]
fn two_sign_offs_and_two_went_well_lines_are_both_kept() {
    let row = |role: &str, name: &str| SignOff {
        role: role.into(),
        name: name.into(),
        date: DateTime::parse_from_rfc3339("2026-03-02T00:00:00Z")
            .ok()
            .map(|d| d.date_naive()),
        fingerprint: String::new(),
    };
    let (repo, out) = merged(
        |doc| doc.sign_off.push(row("Reviewed", "Sam Okafor")),
        |doc| doc.sign_off.push(row("Approved", "Kim Lee")),
    );
    assert!(
        merge_succeeded(&out),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = repo.load(DOC);
    let names: Vec<&str> = doc.sign_off.iter().map(|s| s.name.as_str()).collect();
    assert!(
        names.contains(&"Sam Okafor") && names.contains(&"Kim Lee"),
        "{names:?}"
    );
}

#[test]
fn their_new_events_land_after_the_event_they_follow_on_their_side() {
    let mut base = Postmortem::new(debrief::model::Kind::Incident, "Order".to_string());
    base.timeline.push(Box::new(Event::new(
        "E1",
        DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time"),
        "one",
    )));
    for (id, text) in [("E2", "two"), ("E3", "three"), ("E4", "four")] {
        let e = event(&base, id, 1, text);
        base.timeline.push(Box::new(e));
    }
    let ours = {
        let mut doc = base.clone();
        doc.timeline.remove(1); // E2
        let o1 = event(&doc, "O1", 1, "ours");
        doc.timeline.insert(2, Box::new(o1)); // after E3
        doc
    };
    let theirs = {
        let mut doc = base.clone();
        let mut add = |index: usize, id: &str| {
            let e = event(&base, id, 5, id);
            doc.timeline.insert(index, Box::new(e));
        };
        add(0, "N0"); // first
        add(2, "N1"); // after E1
        add(3, "N2"); // after N1
        add(6, "N3"); // after E3
        add(8, "N4"); // last
        doc
    };
    let merged = vcs::merge(Some(base), ours, theirs).expect("merge");
    let ids: Vec<&str> = merged.doc.timeline.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["N0", "E1", "N1", "N2", "E3", "N3", "O1", "E4", "N4"]);
    assert!(merged.conflicts.is_empty());
}

/// The base's rows ours left as they were are dropped before theirs is
/// read (`vcs::merge::start`); every change either side made still counts,
/// and a conflict still records the base's value.
#[test]
fn a_merge_started_before_theirs_is_read_keeps_every_change() {
    let mut base = Postmortem::new(debrief::model::Kind::Incident, "Rows".to_string());
    base.timeline.push(Box::new(Event::new(
        "E1",
        DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time"),
        "one",
    )));
    for (id, text) in [
        ("E2", "two"),
        ("E3", "three"),
        ("E4", "four"),
        ("E5", "five"),
    ] {
        let e = event(&base, id, 1, text);
        base.timeline.push(Box::new(e));
    }
    let ours = {
        let mut doc = base.clone();
        doc.timeline.retain(|e| e.id != "E3"); // theirs leaves it: deleted
        doc.timeline[3].text = "ours five".into(); // E5: theirs deletes it
        doc
    };
    let theirs = {
        let mut doc = base.clone();
        doc.timeline[0].text = "their one".into(); // ours left it
        doc.timeline.retain(|e| e.id != "E2" && e.id != "E5"); // ours left E2
        doc
    };
    let started = vcs::merge::start(Some(base), ours);
    let merged = started.merge(theirs).expect("merge");
    let rows: Vec<(&str, &str)> = merged
        .doc
        .timeline
        .iter()
        .map(|e| (e.id.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        rows,
        [("E1", "their one"), ("E4", "four"), ("E5", "ours five")]
    );
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.at, "timeline.E5");
    let base_text = conflict
        .base
        .as_ref()
        .and_then(|v| v.get("text"))
        .and_then(|v| v.as_str());
    assert_eq!(base_text, Some("five"));
    assert!(conflict.theirs.is_none());
}
