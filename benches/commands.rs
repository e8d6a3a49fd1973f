//! The commands that read a whole document and write another form of it,
//! on a generated sample (`debrief sample`) of 10,000 events, or of
//! `DEBRIEF_BENCH_EVENTS`: the export in each format, the canonical text a
//! save (`fmt`, `sign`, `merge`, `sample`) writes, and the diff and merge of
//! two versions (the meaning, not the lines). docs/performance.md, "Round
//! four".

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use debrief::export::{self, Audience, Format, Privacy};
use debrief::lint::LintConfig;
use debrief::model::Postmortem;
use debrief::sample::{SampleSpec, generate};

/// The sample, and a version of it with every 41st event's text changed
/// and every 97th event that nothing links to removed.
fn versions() -> (Postmortem, Postmortem) {
    let events = std::env::var("DEBRIEF_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let doc = generate(&SampleSpec::with_events(events));
    let mut changed = doc.clone();
    for (n, event) in changed.timeline.iter_mut().enumerate() {
        if n % 41 == 0 {
            event.text.push_str(" (revised after review)");
        }
    }
    let linked: std::collections::HashSet<String> = changed
        .factors
        .iter()
        .flat_map(|f| f.events.iter().cloned())
        .collect();
    let mut n = 0;
    changed.timeline.retain(|e| {
        n += 1;
        n % 97 != 0 || linked.contains(&e.id)
    });
    (doc, changed)
}

fn commands(c: &mut Criterion) {
    let (doc, changed) = versions();
    let (privacy, lint) = (Privacy::default(), LintConfig::default());
    let mut group = c.benchmark_group("commands");
    group.sample_size(10);
    for (name, audience, format) in [
        ("export_internal_md", Audience::Internal, Format::Markdown),
        ("export_internal_html", Audience::Internal, Format::Html),
        ("export_internal_json", Audience::Internal, Format::Json),
        ("export_exec_html", Audience::Exec, Format::Html),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let text = export::render(black_box(&doc), audience, format, &privacy, &lint);
                black_box(text.map(|t| t.len()).unwrap_or(0))
            })
        });
    }
    group.bench_function("canonical_text", |b| {
        b.iter(|| {
            let text = debrief::store::writable_text(black_box(&doc), "bench.toml".as_ref());
            black_box(text.map(|t| t.len()).unwrap_or(0))
        })
    });
    group.bench_function("diff", |b| {
        b.iter(|| {
            let diff = debrief::vcs::diff(Some(&doc), Some(black_box(&changed)), &lint);
            black_box(diff.map(|d| d.items.len()).unwrap_or(0))
        })
    });
    // Theirs: the other half of the events changed, so both sides moved.
    let mut theirs = doc.clone();
    for event in theirs.timeline.iter_mut().step_by(53) {
        event.text.push_str(" (theirs)");
    }
    group.bench_function("merge", |b| {
        // The merge takes the three documents: copies made outside the timing.
        b.iter_batched(
            || (doc.clone(), changed.clone(), theirs.clone()),
            |(base, ours, theirs)| {
                let merged = debrief::vcs::merge(Some(base), black_box(ours), theirs);
                black_box(merged.map(|m| m.doc.timeline.len()).unwrap_or(0))
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, commands);
criterion_main!(benches);
