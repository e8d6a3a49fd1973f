//! The incremental linter against a fresh one: after any sequence of
//! inserts, removals, moves and edits (alone or as one batch), `LiveLint`
//! holds exactly the findings, counts and score a whole-document lint of the
//! result gives, in the same order. A property test drives `LiveLint`
//! directly; a second one drives the editor (`update::commit`, undo, redo)
//! and compares what the findings panel lists.

use chrono::{Duration, NaiveDate};
use debrief::lint::{Change, ItemRef, LintConfig, LiveLint};
use debrief::model::edit::{DocField, Edit, Item, List, item_at};
use debrief::model::{ActionItem, Event, Factor, Kind, Mark, PathSeg, Postmortem, Timestamp, Why};
use debrief::tui::action::Action;
use debrief::tui::app::{App, Origin};
use debrief::tui::findings::LintState;
use debrief::tui::update;
use proptest::prelude::*;

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

// ------------------------------------------------------- deterministic cases

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

// ------------------------------------------------------- LiveLint property

/// One abstract step; indexes are taken modulo the list's length.
#[derive(Debug, Clone)]
enum Op {
    Insert(usize, usize, usize),
    Remove(usize, usize),
    Move(usize, usize, usize),
    Replace(usize, usize, usize),
    Field(usize, usize),
    /// Events inserted at rising indexes (as `:import` does).
    Import(Vec<(usize, usize)>),
    /// Events removed at falling indexes (an import undone).
    RemoveMany(usize, usize),
    /// Several steps as one batch.
    Batch(Vec<Op>),
}

fn op_strategy() -> impl Strategy<Value = Op> {
    let n = || 0usize..64;
    let single = prop_oneof![
        4 => (0usize..4, n(), n()).prop_map(|(l, i, v)| Op::Insert(l, i, v)),
        3 => (0usize..4, n()).prop_map(|(l, i)| Op::Remove(l, i)),
        2 => (0usize..4, n(), n()).prop_map(|(l, f, t)| Op::Move(l, f, t)),
        4 => (0usize..4, n(), n()).prop_map(|(l, i, v)| Op::Replace(l, i, v)),
        2 => (0usize..FIELDS.len(), n()).prop_map(|(f, v)| Op::Field(f, v)),
        1 => prop::collection::vec((0usize..4, n()), 1..12).prop_map(Op::Import),
        1 => (n(), 1usize..6).prop_map(|(i, c)| Op::RemoveMany(i, c)),
    ];
    single.prop_recursive(1, 12, 6, |inner| {
        prop::collection::vec(inner, 1..6).prop_map(Op::Batch)
    })
}

/// Fields whose edits matter to the rules: the declared roster (authors),
/// severity and status (document rules), and prose.
const FIELDS: [DocField; 15] = [
    DocField::Title,
    DocField::Summary,
    DocField::Authors,
    DocField::Severity,
    DocField::Status,
    DocField::RootCause,
    DocField::WentWell,
    DocField::Roster,
    DocField::Allow,
    DocField::SignOff,
    DocField::FollowUp,
    DocField::ImpactExtra,
    DocField::Goals,
    DocField::Notes,
    DocField::Response {
        slot: 1,
        column: debrief::model::edit::ResponseColumn::DidNotWork,
    },
];

fn field_text(field: DocField, variant: usize) -> String {
    match field {
        DocField::Authors => {
            ["@incident-commander", "Quentin Zephyr", "@kzeph\nDana"][variant % 3].into()
        }
        DocField::Severity => ["SEV-1", "SEV-3", ""][variant % 3].into(),
        DocField::Status => ["draft", "final", "in-review"][variant % 3].into(),
        DocField::Roster => ["Quentin Zephyr", "", "@kzeph\nDana"][variant % 3].into(),
        DocField::Allow => ["Quentin", "", "Zephyr"][variant % 3].into(),
        DocField::SignOff => [
            "Author | Quentin Zephyr | 2026-01-02",
            "",
            "Reviewed | @kzeph",
        ][variant % 3]
            .into(),
        DocField::FollowUp => [
            "Quentin forgot the review | 2026-02-01",
            "",
            "Action item review\nRetro check-in | 2026-03-01",
        ][variant % 3]
            .into(),
        DocField::ImpactExtra => {
            ["p99 latency | 5 s because Dana ignored it", ""][variant % 2].into()
        }
        DocField::Goals => {
            ["Ship v2 | March | Quentin botched it | not-met", ""][variant % 2].into()
        }
        _ => TEXTS[variant % TEXTS.len()].into(),
    }
}

const LISTS: [List; 4] = [List::Timeline, List::Whys, List::Factors, List::Actions];

fn list_len(doc: &Postmortem, list: List) -> usize {
    match list {
        List::Timeline => doc.timeline.len(),
        List::Whys => doc.whys.nodes.len(),
        List::Factors => doc.factors.len(),
        List::Actions => doc.actions.len(),
    }
}

/// A new item of `list` (ids from `next`, never reused).
fn new_item(doc: &Postmortem, list: List, variant: usize, next: &mut usize) -> Item {
    *next += 1;
    match list {
        List::Timeline => Item::Event(event(format!("T{next}"), variant)),
        List::Whys => {
            let parent = doc
                .whys
                .nodes
                .get(variant % (doc.whys.nodes.len() + 1))
                .map(|w| w.id.clone())
                .unwrap_or_default();
            Item::Why(why(format!("W{next}"), parent, variant))
        }
        List::Factors => Item::Factor(factor(format!("F{next}"), variant)),
        List::Actions => Item::Action(action(format!("A{next}"), doc, variant)),
    }
}

/// The item at `index` changed as `variant` says (same id).
fn changed_item(doc: &Postmortem, list: List, index: usize, variant: usize) -> Option<Item> {
    let mut item = item_at(doc, list, index)?;
    let mut next = 0;
    let fresh = new_item(doc, list, variant, &mut next);
    match (&mut item, fresh) {
        (Item::Event(e), Item::Event(f)) => {
            match variant % 3 {
                0 => e.text = f.text,
                1 => {
                    e.actor = f.actor;
                    e.actor_kind = f.actor_kind;
                }
                _ => e.at = f.at,
            }
            e.marks = f.marks;
        }
        (Item::Why(w), Item::Why(f)) => {
            w.text = f.text;
            w.root = f.root;
        }
        (Item::Factor(x), Item::Factor(f)) => {
            x.text = f.text;
            x.category = f.category;
            x.accepted_risk = f.accepted_risk;
        }
        (Item::Action(a), Item::Action(f)) => {
            a.title = f.title;
            a.owner = f.owner;
            a.due = f.due;
        }
        _ => return None,
    }
    Some(item)
}

/// The edit `op` stands for on `doc`, or `None` when it does not fit (an
/// empty list). Batches are built against a scratch copy, step by step.
fn concrete(op: &Op, doc: &Postmortem, next: &mut usize) -> Option<Edit> {
    let list = |l: usize| LISTS[l % LISTS.len()];
    Some(match op {
        Op::Insert(l, i, v) => {
            let list = list(*l);
            Edit::Insert {
                index: i % (list_len(doc, list) + 1),
                item: new_item(doc, list, *v, next),
            }
        }
        Op::Remove(l, i) => {
            let list = list(*l);
            let index = i % list_len(doc, list).max(1);
            Edit::Remove {
                index,
                item: item_at(doc, list, index)?,
            }
        }
        Op::Move(l, f, t) => {
            let list = list(*l);
            let n = list_len(doc, list);
            if n == 0 {
                return None;
            }
            Edit::Move {
                list,
                from: f % n,
                to: t % n,
            }
        }
        Op::Replace(l, i, v) => {
            let list = list(*l);
            let index = i % list_len(doc, list).max(1);
            Edit::Replace {
                index,
                before: item_at(doc, list, index)?,
                after: changed_item(doc, list, index, *v)?,
            }
        }
        Op::Field(f, v) => {
            let field = FIELDS[*f];
            Edit::SetText {
                field,
                before: field.get(doc),
                after: field.prepare(doc, &field_text(field, *v)).ok()?,
            }
        }
        Op::Import(steps) => {
            let mut index = 0;
            let mut edits = Vec::new();
            for (n, (skip, variant)) in steps.iter().enumerate() {
                index = (index + skip).min(doc.timeline.len() + n);
                *next += 1;
                edits.push(Edit::Insert {
                    index,
                    item: Item::Event(event(format!("T{next}"), *variant)),
                });
                index += 1;
            }
            Edit::Batch(edits)
        }
        Op::RemoveMany(i, count) => {
            let n = doc.timeline.len();
            let first = i % n.max(1);
            let mut edits = Vec::new();
            for index in (first..n).step_by(2).take(*count).rev() {
                edits.push(Edit::Remove {
                    index,
                    item: item_at(doc, List::Timeline, index)?,
                });
            }
            Edit::Batch(edits)
        }
        Op::Batch(ops) => {
            let mut scratch = doc.clone();
            let mut edits = Vec::new();
            for op in ops {
                if let Some(edit) = concrete(op, &scratch, next)
                    && edit.apply(&mut scratch).is_ok()
                {
                    edits.push(edit);
                }
            }
            Edit::Batch(edits)
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn live_lint_matches_a_fresh_lint_after_any_edits(
        ops in prop::collection::vec(op_strategy(), 1..24)
    ) {
        let mut doc = document();
        let mut live = fresh(&doc);
        let mut next = 100;
        for (step, op) in ops.iter().enumerate() {
            let Some(edit) = concrete(op, &doc, &mut next) else { continue };
            if edit.apply(&mut doc).is_err() {
                continue;
            }
            let made = debrief::lint::changes_of(&doc, &edit);
            live.changed(&doc, made);
            assert_same(&live, &doc, &format!("step {step}: {edit:?}"));
        }
    }

    /// In a large document the paths of shifted items are renumbered after
    /// a pause, not on every key: after any edits and then the pause, the
    /// findings (paths included) are a fresh lint's.
    #[test]
    fn renumbering_left_to_the_pause_matches_a_fresh_lint(
        ops in prop::collection::vec(op_strategy(), 1..24)
    ) {
        let mut doc = document();
        let mut live = fresh(&doc);
        live.defer_document = true;
        let mut next = 100;
        for op in &ops {
            let Some(edit) = concrete(op, &doc, &mut next) else { continue };
            if edit.apply(&mut doc).is_err() {
                continue;
            }
            let made = debrief::lint::changes_of(&doc, &edit);
            live.changed(&doc, made);
        }
        live.refresh_stale(&doc);
        assert_same(&live, &doc, "after the pause");
    }

    /// A large document is linted after its first frame, a slice at a
    /// time, while edits keep coming: once the backlog is empty and the
    /// document rules ran, the findings are a fresh lint's.
    #[test]
    fn a_deferred_lint_with_edits_between_slices_matches_a_fresh_lint(
        ops in prop::collection::vec((op_strategy(), 0..4usize), 1..24)
    ) {
        let mut doc = document();
        let mut live = LiveLint::deferred(&doc, &LintConfig::default());
        prop_assert_eq!(live.backlog(), ItemRef::all(&doc).len());
        let mut next = 100;
        for (op, slice) in &ops {
            live.lint_backlog(&doc, *slice);
            let Some(edit) = concrete(op, &doc, &mut next) else { continue };
            if edit.apply(&mut doc).is_err() {
                continue;
            }
            let made = debrief::lint::changes_of(&doc, &edit);
            live.changed(&doc, made);
        }
        while !live.lint_backlog(&doc, 3) {}
        prop_assert_eq!(live.backlog(), 0);
        live.refresh_stale(&doc);
        assert_same(&live, &doc, "the backlog");
    }

    #[test]
    fn editor_findings_match_a_fresh_lint_through_commit_undo_and_redo(
        ops in prop::collection::vec(
            prop_oneof![4 => op_strategy().prop_map(Some), 1 => Just(None)],
            1..20,
        ),
        undo_after in prop::collection::vec(prop::bool::ANY, 20),
    ) {
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let mut app = App::new(document(), Origin::Scratch("prop".into()), today);
        let mut next = 100;
        for (step, op) in ops.iter().enumerate() {
            match op {
                Some(op) => {
                    let Some(edit) = concrete(op, &app.doc, &mut next) else { continue };
                    update::commit(&mut app, edit);
                }
                None => update::update(&mut app, Action::Redo),
            }
            if undo_after[step] {
                update::update(&mut app, Action::Undo);
            }
            let expected = LintState::new(&app.doc);
            let got: Vec<_> = app.lint.all();
            prop_assert_eq!(got, expected.all(), "step {}: {:?}", step, op);
            prop_assert_eq!(app.lint.counts(), expected.counts());
            prop_assert_eq!(app.lint.score(), expected.score());
        }
    }
}

/// Settles the editor's lint of a large document as the event loop does
/// between keys (slices of the backlog, then the checks after a pause).
fn settle(app: &mut App) {
    while app.lint.unsettled() {
        if !app.lint.settle(&app.doc) && !app.lint.busy() {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// What the editor must show once settled: a fresh lint plus the
/// structural problems.
fn assert_settled_like_fresh(app: &App, step: &str) {
    let expected = fresh(&app.doc);
    let structural = debrief::model::check(&app.doc).len();
    let mut counts = expected.counts();
    counts.errors += structural;
    assert_eq!(app.lint.counts(), counts, "counts after {step}");
    assert_eq!(app.lint.structural().len(), structural, "{step}");
    let got: Vec<_> = app
        .lint
        .all()
        .into_iter()
        .take(expected.findings().count())
        .collect();
    let want: Vec<_> = expected.findings().collect();
    assert_eq!(got, want, "findings after {step}");
}

#[test]
fn a_large_document_is_checked_after_its_first_frame_and_after_each_pause() {
    let doc = debrief::sample::generate(&debrief::sample::SampleSpec::with_events(3_000));
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let mut app = App::new(doc, Origin::Scratch("large".into()), today);
    assert!(app.lint.busy(), "nothing linted before the first frame");
    assert_eq!(app.lint.counts().warnings + app.lint.counts().errors, 0);
    settle(&mut app);
    assert!(!app.lint.busy());
    let before = app.lint.counts();
    assert!(
        before.warnings + before.errors > 0,
        "the sample has findings"
    );
    assert_settled_like_fresh(&app, "the first lint");

    // An edit: its own item at once, the linear checks after a pause.
    update::update(&mut app, Action::Delete);
    assert!(app.lint.unsettled());
    settle(&mut app);
    assert_settled_like_fresh(&app, "a delete");
    update::update(&mut app, Action::Undo);
    settle(&mut app);
    assert_settled_like_fresh(&app, "its undo");
    assert_eq!(app.lint.counts(), before);
}
