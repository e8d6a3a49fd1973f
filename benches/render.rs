//! Editor speed on a 10,000-event document: drawing the main screen, and
//! whole edit cycles (apply an edit through `update`, re-lint what it
//! touched, draw): a text edit, inserting and deleting an event, and an
//! `:import` of 1,000 events. Figures: docs/performance.md.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use debrief::model::edit::{Edit, Item};
use debrief::model::{ActionItem, Event, Factor, Kind, Mark, Postmortem, Timestamp, Why};
use debrief::tui::action::Action;
use debrief::tui::app::{App, Origin};
use debrief::tui::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const EVENTS: usize = 10_000;

/// Event texts: mostly plain technical prose, one in four blameful, so
/// the screen carries underlines and the linter has work to do.
const TEXTS: [&str; 4] = [
    "Replication lag on the secondary grew to 40 seconds during the batch rewrite.",
    "The on-call engineer acknowledged the page and opened the pool dashboard.",
    "The retry logic did not back off, which amplified load on the primary.",
    "The operator forgot to drain the node before the restart.",
];

fn document() -> Postmortem {
    let mut doc = Postmortem::new(Kind::Incident, "Generated editor load test");
    doc.summary = "Checkout failed for 40 minutes; a rollback fixed it.".into();
    doc.meta.severity = "SEV-2".into();
    let start: Timestamp = "2026-02-05T14:00:00Z".parse().expect("timestamp");
    doc.meta.started = Some(start);
    for i in 0..EVENTS {
        let mut event = Event::new(
            format!("T{}", i + 1),
            start + chrono::Duration::seconds(i as i64 * 15),
            format!("{} ({i})", TEXTS[i % TEXTS.len()]),
        );
        event.actor = "orders-api".into();
        if i == 2 {
            event.marks = vec![Mark::Detected];
        }
        doc.timeline.push(Box::new(event));
    }
    doc.meta.ended = doc.timeline.last().map(|e| e.at);
    doc.whys.problem = "Checkout returned errors.".into();
    doc.whys.nodes = [
        Why::new("W1", "", "The pool was exhausted."),
        Why {
            root: true,
            ..Why::new("W2", "W1", "No test covered the error path.")
        },
    ]
    .map(Box::new)
    .into();
    doc.factors = vec![Factor::new("F1", "technical", "No pool saturation alert.")];
    let mut action = ActionItem::new("A1", "Alert when pool usage exceeds 80%");
    action.factors = vec!["F1".into()];
    doc.actions.push(action);
    doc
}

/// `count` new events spread through the document's time span (one after
/// every tenth event), as one batch of inserts at their final places: the
/// shape of the edit an accepted `:import` preview commits.
fn import_batch(doc: &Postmortem, count: usize) -> Edit {
    let start = doc.timeline[0].at;
    let mut edits = Vec::with_capacity(count);
    let mut existing = doc.timeline.iter().peekable();
    let mut index = 0;
    for n in 0..count {
        let at = start + chrono::Duration::seconds(n as i64 * 150 + 7);
        while existing.next_if(|e| e.at <= at).is_some() {
            index += 1;
        }
        let mut event = Event::new(
            format!("T{}", EVENTS + 1 + n),
            at,
            format!("{} (imported {n})", TEXTS[n % TEXTS.len()]),
        );
        event.source = "orders-api.log".into();
        event.actor = "orders-api".into();
        edits.push(Edit::Insert {
            index,
            item: Item::Event(event),
        });
        index += 1;
    }
    Edit::Batch(edits)
}

/// Times `edit` through `update::commit` plus a draw, then undoes it
/// (untimed) so every iteration starts from the same document.
fn time_commit_then_undo(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    edit: &Edit,
    iters: u64,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let edit = edit.clone();
        let started = Instant::now();
        assert!(update::commit(app, edit), "the edit applies");
        terminal
            .draw(|f| f.render_widget(&*app, f.area()))
            .expect("draw");
        black_box(app.lint.counts());
        total += started.elapsed();
        update::update(app, Action::Undo);
    }
    total
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let mut app = App::new(document(), Origin::Scratch("bench".into()), today);
    app.size = (160, 48);
    let target = EVENTS / 2;
    app.cursor.timeline = target;
    update::clamp(&mut app);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    eprintln!(
        "editor bench: {} events, {} findings",
        app.doc.timeline.len(),
        app.lint.all().len()
    );

    c.bench_function("render_main_screen_10k_events", |b| {
        b.iter(|| {
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
        })
    });

    // The parts of the cycle below, for reading its figure.
    c.bench_function("model_check_10k_events", |b| {
        b.iter(|| black_box(debrief::model::check(black_box(&app.doc)).len()))
    });
    c.bench_function("intervals_10k_events", |b| {
        b.iter(|| black_box(app.doc.intervals().items.len()))
    });

    // A text edit of the selected event: blameful ↔ clean, alternately, so
    // every cycle changes the findings.
    let mut blameful = false;
    c.bench_function("edit_relint_render_10k_events", |b| {
        b.iter(|| {
            blameful = !blameful;
            let before = Item::Event((*app.doc.timeline[target]).clone());
            let mut event = (*app.doc.timeline[target]).clone();
            event.text = if blameful {
                "The engineer forgot to restart the pool.".into()
            } else {
                "The pool was restarted.".into()
            };
            update::commit(
                &mut app,
                Edit::Replace {
                    index: target,
                    before,
                    after: Item::Event(event),
                },
            );
            terminal
                .draw(|f| f.render_widget(&app, f.area()))
                .expect("draw");
            black_box(app.lint.counts())
        })
    });

    // Inserting and deleting one event in the middle shifts the index of
    // every event after it.
    let at = app.doc.timeline[target].at;
    let insert = Edit::Insert {
        index: target + 1,
        item: Item::Event(Event::new(
            format!("T{}", EVENTS + 5_000),
            at,
            "The operator forgot to drain the node.",
        )),
    };
    c.bench_function("insert_event_relint_render_10k_events", |b| {
        b.iter_custom(|iters| time_commit_then_undo(&mut app, &mut terminal, &insert, iters))
    });
    let remove = Edit::Remove {
        index: target,
        item: Item::Event((*app.doc.timeline[target]).clone()),
    };
    c.bench_function("delete_event_relint_render_10k_events", |b| {
        b.iter_custom(|iters| time_commit_then_undo(&mut app, &mut terminal, &remove, iters))
    });

    // An accepted `:import` of 1,000 events spread through the timeline.
    let import = import_batch(&app.doc, 1_000);
    c.bench_function("import_1000_events_relint_render_10k_events", |b| {
        b.iter_custom(|iters| time_commit_then_undo(&mut app, &mut terminal, &import, iters))
    });
    assert_eq!(app.doc.timeline.len(), EVENTS, "every edit was undone");
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
