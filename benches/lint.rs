//! Lint speed: `debrief lint` on a document from `debrief sample --events
//! 10000` (load, lint, place, print: target under 200 ms); a whole ~1 MB
//! document, and the editor's incremental path in a 10,000-event document (a
//! one-character edit; inserting and removing an event); long words (a 1 MB
//! word, a 10 MB document of long words) and the file positions of 50,000
//! findings in one 1 MB field, which must all be linear in the text.
//! Figures: docs/performance.md.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use debrief::lint::position::SourceIndex;
use debrief::lint::report::{self, LintFormat};
use debrief::lint::{Context, ItemRef, LintConfig, LiveLint, lint_document};
use debrief::model::edit::List;
use debrief::model::{ActionItem, Event, Factor, Kind, Mark, Postmortem, SignOff, Timestamp, Why};
use debrief::sample::{SampleSpec, generate};

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
        doc.timeline.push(Box::new(event));
    }
    doc.meta.ended = doc.timeline.last().map(|e| e.at);
    doc.whys.root_cause = "Connections were not returned to the pool on error paths.".into();
    doc.whys.nodes = [
        Why::new("W1", "", "The pool was exhausted."),
        Why::new("W2", "W1", "Connections leaked on errors."),
        Why {
            root: true,
            ..Why::new("W3", "W2", "No test covered the error path.")
        },
    ]
    .map(Box::new)
    .into();
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

/// A word of `len` bytes: lower-case letters from `seed` on, or capitalized.
fn long_word(len: usize, seed: usize, capitalized: bool) -> String {
    let mut word: String = (0..len)
        .map(|i| char::from(b'a' + ((seed + i * 7) % 26) as u8))
        .collect();
    if capitalized {
        word.replace_range(..1, "Q");
    }
    word
}

/// A document with a 1 MB word in its summary, and 100,000-character words
/// as a sign-off name, an actor and an owner (the people the roster is
/// built from).
fn one_long_word() -> Postmortem {
    let mut doc = document(3);
    doc.summary = long_word(1_000_000, 0, false);
    doc.sign_off.push(SignOff {
        role: "Author".into(),
        name: long_word(100_000, 1, true),
        date: None,
        fingerprint: String::new(),
    });
    doc.timeline[0].actor = long_word(100_000, 2, false);
    doc.actions[0].owner = long_word(100_000, 3, true);
    doc
}

/// About 10 MB of long words: 1,000 events of ten 1,000-byte words each,
/// lower-case and capitalized in turn, with 1,000-byte actors.
fn long_words_10mb() -> Postmortem {
    let mut doc = document(1_000);
    for (i, event) in doc.timeline.iter_mut().enumerate() {
        event.text = (0..10)
            .map(|w| long_word(1_000, i + w, w % 2 == 1))
            .collect::<Vec<_>>()
            .join(" ");
        event.actor = long_word(1_000, i, i % 2 == 0);
    }
    doc
}

fn bench_long_text(c: &mut Criterion) {
    let config = LintConfig::default();
    let word = one_long_word();
    c.bench_function("lint_1mb_word", |b| {
        b.iter(|| {
            let ctx = Context::new(&word, &config);
            black_box(lint_document(black_box(&word), &ctx).len())
        })
    });

    let long = long_words_10mb();
    let bytes: usize = long
        .timeline
        .iter()
        .map(|e| e.text.len() + e.actor.len())
        .sum();
    eprintln!("long-words bench: {bytes} bytes of event text and actors");
    c.bench_function("lint_10mb_long_words", |b| {
        b.iter(|| {
            let ctx = Context::new(&long, &config);
            black_box(lint_document(black_box(&long), &ctx).len())
        })
    });

    // 25,000 blameful sentences in one field: 50,000 findings whose file
    // positions all fall on one 1 MB line of TOML.
    let mut blameful = document(3);
    blameful.meta.roster = vec!["Bob".into()];
    blameful.summary = "Bob should have checked the dashboard. ".repeat(25_000);
    let source = debrief::store::to_toml(&blameful).expect("toml");
    let ctx = Context::new(&blameful, &config);
    let findings = lint_document(&blameful, &ctx);
    eprintln!("positions bench: {} findings", findings.len());
    c.bench_function("locate_50k_findings_in_1mb_field", |b| {
        b.iter(|| {
            let index = SourceIndex::new(&source);
            black_box(
                findings
                    .iter()
                    .filter_map(|f| index.span(&f.location))
                    .count(),
            )
        })
    });
}

/// What `debrief lint FILE` does with the file `debrief sample --events
/// 10000` writes (2.2 MB of TOML): load it, lint it, place every finding in
/// the file and print the report; and the same without the load.
fn bench_sample(c: &mut Criterion) {
    let config = LintConfig::default();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("sample.toml");
    debrief::store::create(&generate(&SampleSpec::with_events(10_000)), &path).expect("write");
    let lint_and_report = |loaded: &debrief::store::Loaded| {
        let linted = report::lint_loaded("sample.toml", loaded, &config);
        let mut out = Vec::new();
        let counts = report::report_linted(&[linted], LintFormat::Human, &mut out).expect("report");
        (counts, out.len())
    };
    c.bench_function("lint_command_sample_10k_events", |b| {
        b.iter(|| {
            let loaded = debrief::store::load(&path).expect("load");
            black_box(lint_and_report(&loaded))
        })
    });
    let loaded = debrief::store::load(&path).expect("load");
    let (counts, bytes) = lint_and_report(&loaded);
    eprintln!(
        "sample bench: {} bytes of TOML, {} findings, {bytes} bytes of report",
        loaded.source.len(),
        counts.errors + counts.warnings + counts.infos
    );
    c.bench_function("lint_report_sample_10k_events", |b| {
        b.iter(|| black_box(lint_and_report(black_box(&loaded))))
    });
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
    let mut event = (*doc.timeline[target]).clone();
    event.id = "T99999".into();
    event.text = "Bob should have drained the node.".into();
    c.bench_function("relint_insert_and_remove_event_10k_events", |b| {
        b.iter(|| {
            doc.timeline.insert(target, Box::new(event.clone()));
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
    targets = bench_sample, bench, bench_long_text
}
criterion_main!(benches);
