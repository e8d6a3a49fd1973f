//! The property tests: random edits (inserts, removals, moves, replaces,
//! field edits, imports and their undo, batches) applied to `LiveLint`
//! directly, with the renumbering left to the pause, with a deferred first
//! lint, and through the editor's commit, undo and redo.

use crate::{TEXTS, action, assert_same, document, event, factor, fresh, why};
use chrono::NaiveDate;
use debrief::lint::{ItemRef, LintConfig, LiveLint};
use debrief::model::Postmortem;
use debrief::model::edit::{DocField, Edit, Item, List, item_at};
use debrief::tui::action::Action;
use debrief::tui::app::{App, Origin};
use debrief::tui::findings::LintState;
use debrief::tui::update;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

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
    // Failures are kept beside this file: the default place would be
    // `tests/proptest-regressions/`, as this directory holds a `main.rs`.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(96)
    })]

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
