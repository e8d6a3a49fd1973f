//! Lint speed: a whole ~1 MB document, and the editor's incremental path in
//! a 10,000-event document (a one-character edit; inserting and removing an
//! event). Figures: docs/performance.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use debrief::lint::{Context, ItemRef, LintConfig, LiveLint, lint_document};
use debrief::model::edit::List;
use debrief::model::{ActionItem, Event, Factor, Kind, Mark, Postmortem, Timestamp, Why};

const SENTENCES: [&str; 8] = [
    "The health check failed to respond within the 2-second timeout, so the load balancer marked the node unhealthy.",
    "The on-call engineer acknowledged the page and began investigating the connection pool metrics.",
    "Replication lag on the secondary grew to 40 seconds while the batch job rewrote the orders table.",
    "The deploy should have taken 5 minutes but the canary analysis held it for 25.",
    "Bob should have checked the dashboard before promoting the standby.",
    "The incident commander paged the database team and opened a status page update.",
    "Error rates returned to baseline after the feature flag was turned off in every region.",
    "The retry logic failed to back off, which amplified the load on the primary database.",
];

fn document(events: usize) -> Postmortem {
    let mut doc = Postmortem::new(Kind::Incident, "Generated load test");
    doc.summary =
        "Checkout failed for 40 minutes. The pool was exhausted. A rollback fixed it.".into();
    doc.meta.severity = "SEV-2".into();
    doc.meta.authors = vec!["@oncall-engineer".into()];
    let start: Timestamp = "2026-02-05T14:00:00Z".parse().expect("timestamp");
    doc.meta.started = Some(start);
    for i in 0..events {
        let mut event = Event::new(
            format!("T{}", i + 1),
            start + chrono::Duration::seconds(i as i64 * 20),
            format!("{} Step {i}.", SENTENCES[i % SENTENCES.len()]),
        );
        event.actor = if i % 3 == 0 {
            "On-call engineer".into()
        } else {
            "orders-api".into()
        };
        if i == 1 {
            event.marks = vec![Mark::Detected];
        }
        if i + 1 == events {
            event.marks = vec![Mark::Mitigated, Mark::Resolved];
        }
        doc.timeline.push(event);
    }
    doc.meta.ended = doc.timeline.last().map(|e| e.at);
    doc.whys.root_cause = "Connections were not returned to the pool on error paths.".into();
    doc.whys.nodes = vec![
        Why::new("W1", "", "The pool was exhausted."),
        Why::new("W2", "W1", "Connections leaked on errors."),
        Why {
            root: true,
            ..Why::new("W3", "W2", "No test covered the error path.")
        },
    ];
    doc.factors = vec![
        Factor::new("F1", "technical", "No pool saturation alert."),
        Factor::new("F2", "process", "Refactor reviewed without a load test."),
    ];
    let mut action = ActionItem::new("A1", "Alert when pool usage exceeds 80% for 5 minutes");
    action.factors = vec!["F1".into(), "F2".into()];
    action.whys = vec!["W3".into()];
    doc.actions.push(action);
    doc
}

fn bench(c: &mut Criterion) {
    let config = LintConfig::default();

    // ~1 MB of TOML.
    let big = document(6_000);
    let bytes = debrief::store::to_toml(&big).expect("toml").len();
    eprintln!(
        "whole-document bench: {} events, {bytes} bytes of TOML",
        big.timeline.len()
    );
    c.bench_function("lint_document_1mb", |b| {
        b.iter(|| {
            let ctx = Context::new(&big, &config);
            black_box(lint_document(black_box(&big), &ctx).len())
        })
    });

    // One-character edit in a 10,000-event document, incremental path.
    let mut doc = document(10_000);
    let mut live = LiveLint::new(&doc, &config);
    let target = 5_000;
    let mut toggle = false;
    c.bench_function("relint_one_char_edit_10k_events", |b| {
        b.iter(|| {
            toggle = !toggle;
            let text = &mut doc.timeline[target].text;
            if toggle {
                text.push('x');
            } else {
                text.pop();
            }
            live.edited(&doc, ItemRef::Event(target));
            black_box(live.counts())
        })
    });

    // Insert an event in the middle (every later event shifts), re-lint;
    // then remove it again, re-lint.
    let mut event = doc.timeline[target].clone();
    event.id = "T99999".into();
    event.text = "Bob should have drained the node.".into();
    c.bench_function("relint_insert_and_remove_event_10k_events", |b| {
        b.iter(|| {
            doc.timeline.insert(target, event.clone());
            live.inserted(&doc, List::Timeline, target);
            let inserted = live.counts();
            doc.timeline.remove(target);
            live.removed(&doc, List::Timeline, target);
            black_box((inserted, live.counts()))
        })
    });
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
