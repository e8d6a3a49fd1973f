//! Recovery at size: what `debrief recover --show` does (read and replay
//! the journal, load the file, summarize the differences) and what the
//! editor does on open when a journal is there, for a 30-edit journal on a
//! 100,000-event document. Issue 11 measured 212 s before the summary
//! stopped comparing every item with every other; the target is < 2 s.

use std::hint::black_box;

use chrono::{DateTime, Duration};
use criterion::{Criterion, criterion_group, criterion_main};
use debrief::model::edit::{DocField, Edit, Item, List, item_at};
use debrief::model::{Event, Kind, Postmortem};
use debrief::store::journal::Journal;
use debrief::store::recover::{on_disk, recover, summarize};

const EVENTS: usize = 100_000;

fn document() -> Postmortem {
    let mut doc = Postmortem::new(Kind::Incident, "Recovery at size".to_string());
    let start = DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time");
    doc.timeline = (0..EVENTS)
        .map(|n| {
            Box::new(Event::new(
                format!("E-{}", n + 1),
                start + Duration::seconds(n as i64),
                format!("Replica {n} reported lag over the threshold"),
            ))
        })
        .collect();
    doc
}

/// 30 edits: inserts, removals, moves, a retitle, each applied in turn.
fn edits(doc: &Postmortem) -> Vec<Edit> {
    let mut doc = doc.clone();
    let mut out = Vec::new();
    for n in 0..30 {
        let edit = match n % 4 {
            0 => Edit::Insert {
                index: n * 1000,
                item: Item::Event(Event::new(
                    format!("E-{}", EVENTS + n + 1),
                    doc.timeline[n * 1000].at,
                    format!("Added in the crashed session {n}"),
                )),
            },
            1 => Edit::Remove {
                index: n * 2000,
                item: item_at(&doc, List::Timeline, n * 2000).expect("item"),
            },
            2 => Edit::Move {
                list: List::Timeline,
                from: n * 3000,
                to: n * 3000 + 1,
            },
            _ => Edit::SetText {
                field: DocField::Title,
                before: doc.meta.title.clone(),
                after: format!("Retitled {n}"),
            },
        };
        edit.apply(&mut doc).expect("applies");
        out.push(edit);
    }
    out
}

fn recovery(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("pm.toml");
    let doc = document();
    debrief::store::save(&doc, &path).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut journal = Journal::start(&path, &text).expect("journal");
    for edit in edits(&doc) {
        journal.append(&edit).expect("append");
    }
    drop(journal);
    let mut group = c.benchmark_group("recover");
    group.sample_size(10);
    group.bench_function("show_30_edits_100k_events", |b| {
        b.iter(|| {
            let found = recover(&path).expect("read").expect("journal");
            let summary = summarize(&on_disk(&path, &found), &found.doc);
            black_box(summary)
        })
    });
    let found = recover(&path).expect("read").expect("journal");
    let file = on_disk(&path, &found);
    group.bench_function("summarize_100k_events", |b| {
        b.iter(|| black_box(summarize(&file, &found.doc)))
    });
    group.finish();
}

criterion_group!(benches, recovery);
criterion_main!(benches);
