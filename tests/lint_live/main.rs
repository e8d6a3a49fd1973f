//! The incremental linter against a fresh one: after any sequence of
//! inserts, removals, moves and edits (alone or as one batch), `LiveLint`
//! holds exactly the findings, counts and score a whole-document lint of the
//! result gives, in the same order. A property test drives `LiveLint`
//! directly; a second one drives the editor (`update::commit`, undo, redo)
//! and compares what the findings panel lists.
//!
//! One test binary: the documents and the comparison with a fresh lint are
//! here; the tests by kind in the modules below.

use chrono::{Duration, NaiveDate};
use debrief::lint::{ItemRef, LintConfig, LiveLint};
use debrief::model::{ActionItem, Event, Factor, Kind, Mark, Postmortem, Timestamp, Why};

mod incremental;
mod large;
mod properties;

/// Prose for items: clean, blameful, and two that name a person only once
/// the roster knows them (`Zephyr`, `kzeph`): an actor or owner adds them.
const TEXTS: [&str; 8] = [
    "The pool was exhausted after the deploy.",
    "Bob should have checked the dashboard.",
    "Zephyr restarted the primary without a drain.",
    "kzeph drained the node before the restart.",
    "Human error caused the outage.",
    "The retry logic failed to back off.",
    "The operator forgot to drain the node.",
    "",
];

/// Actors and owners: roles, systems, and people who join the roster.
const PEOPLE: [&str; 6] = [
    "",
    "orders-api",
    "On-call engineer",
    "Alice Zephyr",
    "@kzeph",
    "SRE team",
];

/// Action titles: concrete, vague, blameful.
const TITLES: [&str; 5] = [
    "Alert when pool usage exceeds 80% for 5 minutes",
    "Be more careful with deploys",
    "Improve monitoring",
    "Zephyr to review every deploy",
    "",
];

const CATEGORIES: [&str; 3] = ["technical", "process", "human"];

fn start() -> Timestamp {
    "2026-02-05T14:00:00Z".parse().expect("timestamp")
}

fn event(id: String, variant: usize) -> Event {
    let mut event = Event::new(
        id,
        start() + Duration::minutes((variant * 17 % 240) as i64),
        TEXTS[variant % TEXTS.len()],
    );
    event.actor = PEOPLE[variant / 3 % PEOPLE.len()].into();
    // Some actors are marked systems: their words are allowed, not people
    // (`Alice Zephyr` as a system changes what the texts may say).
    if variant % 7 == 3 {
        event.actor_kind = debrief::model::ActorKind::System;
    }
    event.marks = match variant % 11 {
        0 => vec![Mark::Detected],
        5 => vec![Mark::Mitigated, Mark::Resolved],
        _ => Vec::new(),
    };
    if variant.is_multiple_of(13) {
        event.ignore = vec!["complete/timeline-order".into()];
    }
    event
}

fn why(id: String, parent: String, variant: usize) -> Why {
    let mut why = Why::new(id, parent, TEXTS[variant % TEXTS.len()]);
    why.root = variant.is_multiple_of(3);
    why.question = TEXTS[(variant / 2) % TEXTS.len()].into();
    why
}

fn factor(id: String, variant: usize) -> Factor {
    let mut factor = Factor::new(
        id,
        CATEGORIES[variant % CATEGORIES.len()],
        TEXTS[variant % TEXTS.len()],
    );
    if variant.is_multiple_of(4) {
        factor.accepted_risk = "Rare enough to accept.".into();
    }
    factor
}

fn action(id: String, doc: &Postmortem, variant: usize) -> ActionItem {
    let mut action = ActionItem::new(id, TITLES[variant % TITLES.len()]);
    action.owner = PEOPLE[variant / 2 % PEOPLE.len()].into();
    if let Some(f) = doc.factors.get(variant % 3) {
        action.factors = vec![f.id.clone()];
    }
    if variant.is_multiple_of(2) {
        action.due = NaiveDate::from_ymd_opt(2026, 1 + (variant % 4) as u32, 10);
    }
    action
}

/// A small incident document with something in every list.
fn document() -> Postmortem {
    let mut doc = Postmortem::new(Kind::Incident, "Checkout outage");
    doc.meta.severity = "SEV-3".into();
    doc.meta.authors = vec!["@incident-commander".into()];
    doc.meta.started = Some(start());
    doc.summary = "Checkout failed. A rollback fixed it.".into();
    doc.impact.users_affected = "all users".into();
    for n in 0..6 {
        doc.timeline
            .push(Box::new(event(format!("T{}", n + 1), n * 5)));
    }
    doc.whys.nodes = [
        why("W1".into(), String::new(), 1),
        why("W2".into(), "W1".into(), 2),
        why("W3".into(), "W2".into(), 3),
    ]
    .map(Box::new)
    .into();
    doc.factors = vec![factor("F1".into(), 1), factor("F2".into(), 2)];
    for n in 0..3 {
        let action = action(format!("A{}", n + 1), &doc, n);
        doc.actions.push(action);
    }
    doc
}

/// What a fresh linter says about `doc`: every finding in order, counts,
/// score, and the findings of each item.
fn fresh(doc: &Postmortem) -> LiveLint {
    LiveLint::new(doc, &LintConfig::default())
}

fn assert_same(live: &LiveLint, doc: &Postmortem, step: &str) {
    let expected = fresh(doc);
    let got: Vec<_> = live.findings().collect();
    let want: Vec<_> = expected.findings().collect();
    assert_eq!(got, want, "findings differ after {step}");
    assert_eq!(live.counts(), expected.counts(), "counts after {step}");
    assert_eq!(live.score(), expected.score(), "score after {step}");
    for item in ItemRef::all(doc) {
        assert_eq!(
            live.findings_for(item),
            expected.findings_for(item),
            "{item:?} after {step}"
        );
    }
}
