//! A library of 10,000 postmortems (generated: realistic size, a dozen
//! timeline events, whys, factors and actions each, over ten years and
//! eight services): what `debrief stats DIR` and `debrief actions DIR
//! --overdue` do — read every file in parallel, compute, render. Issue 17's
//! targets on the 2-core machine: stats < 2 s, actions --overdue < 1 s.

use std::hint::black_box;
use std::path::Path;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use debrief::library::{self, ActionQuery, StatsOptions};
use debrief::model::{
    ActionItem, ActionStatus, Event, Factor, Kind, Mark, Postmortem, Priority, Status, Why,
};

const DOCUMENTS: usize = 10_000;

const SERVICES: [&str; 8] = [
    "orders-api",
    "payments",
    "checkout",
    "search",
    "auth",
    "inventory",
    "shipping",
    "email",
];

const CAUSES: [&str; 12] = [
    "The connection pool was exhausted by leaked connections under load",
    "A feature flag default flipped during deploy and disabled validation",
    "An expired TLS certificate broke the gateway handshake",
    "A retry storm amplified a brief database failover",
    "The cache stampede overloaded the primary after a key rename",
    "A schema migration locked the orders table for minutes",
    "Disk filled on the search cluster because log rotation stopped",
    "A DNS record was deleted by an unreviewed cleanup script",
    "Rate limits at the payment provider throttled checkout",
    "A memory leak in the worker pool caused repeated restarts",
    "A config change halved the worker threads without a canary",
    "Clock skew invalidated session tokens across the fleet",
];

fn document(n: usize) -> Postmortem {
    let kind = match n % 20 {
        0 => Kind::NearMiss,
        1 if n % 100 == 1 => Kind::Project,
        _ => Kind::Incident,
    };
    let mut doc = Postmortem::new(kind, format!("Incident {n}: {}", CAUSES[n % CAUSES.len()]));
    let start = Utc
        .with_ymd_and_hms(2016, 1, 1, 0, 0, 0)
        .single()
        .expect("date")
        .fixed_offset()
        + Duration::hours((n as i64 * 877) % (10 * 365 * 24));
    doc.meta.id = format!("INC-{n:05}");
    doc.meta.severity = format!("SEV-{}", n % 4 + 1);
    doc.meta.status = Status::ALL[n % 3];
    doc.meta.started = Some(start);
    doc.meta.ended = Some(start + Duration::minutes(30 + (n as i64 * 37) % 600));
    doc.meta.postmortem_date = Some(start.date_naive() + Duration::days((n % 9) as i64));
    doc.meta.authors = vec!["@oncall".into()];
    doc.meta.services = vec![
        SERVICES[n % SERVICES.len()].into(),
        SERVICES[(n / 7) % SERVICES.len()].into(),
    ];
    doc.meta.tags = vec![format!("tag-{}", n % 15)];
    doc.summary = format!(
        "{}. Impact lasted a while; a rollback resolved it.",
        CAUSES[n % 12]
    );
    let marks = [
        Mark::Trigger,
        Mark::ImpactStart,
        Mark::Detected,
        Mark::Escalated,
        Mark::Mitigated,
        Mark::Resolved,
    ];
    doc.timeline = (0..12)
        .map(|i| {
            let mut e = Event::new(
                format!("T{}", i + 1),
                start + Duration::minutes(i as i64 * (3 + (n as i64 % 11))),
                format!(
                    "Step {i} of the response: the on-call engineer checked dashboards and logs"
                ),
            );
            if let Some(m) = marks.get(i) {
                e.marks = vec![*m];
            }
            Box::new(e)
        })
        .collect();
    doc.whys.root_cause = CAUSES[n % CAUSES.len()].into();
    doc.whys.nodes = (0..5)
        .map(|i| Why {
            id: format!("W{}", i + 1),
            parent: if i == 0 {
                String::new()
            } else {
                format!("W{i}")
            },
            question: String::new(),
            text: format!("{} (level {i})", CAUSES[(n + i) % CAUSES.len()]),
            root: i == 4,
            accepted_risk: String::new(),
            private: false,
            ignore: Vec::new(),
        })
        .map(Box::new)
        .collect();
    doc.factors = (0..4)
        .map(|i| {
            Factor::new(
                format!("F{}", i + 1),
                ["technical", "process", "human", "organizational"][i],
                CAUSES[(n + 3 * i) % CAUSES.len()],
            )
        })
        .collect();
    doc.actions = (0..4)
        .map(|i| {
            let mut a = ActionItem::new(
                format!("A{}", i + 1),
                format!("Add an alert and a runbook for case {}", (n + i) % 40),
            );
            a.priority = Some(Priority::ALL[(n + i) % 4]);
            a.owner = if (n + i).is_multiple_of(9) {
                String::new()
            } else {
                "Platform Team".into()
            };
            a.due = Some(start.date_naive() + Duration::days(14 + i as i64 * 30));
            a.status = ActionStatus::ALL[(n + i) % 4];
            a.factors = vec![format!("F{}", i + 1)];
            a
        })
        .collect();
    doc
}

fn generate(dir: &Path) {
    for n in 0..DOCUMENTS {
        let sub = dir.join(format!("{}", 2016 + n % 10));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let text = debrief::store::to_toml(&document(n)).expect("toml");
        std::fs::write(sub.join(format!("pm-{n:05}.toml")), text).expect("write");
    }
}

fn library_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tmp");
    generate(dir.path());
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let mut group = c.benchmark_group("library");
    group.sample_size(10);
    group.bench_function("stats_10k", |b| {
        b.iter(|| {
            let lib = library::scan(dir.path()).expect("scan");
            let figures = library::stats(&lib, &StatsOptions::new(today));
            black_box(library::stats_human(&figures, true))
        })
    });
    group.bench_function("actions_overdue_10k", |b| {
        b.iter(|| {
            let lib = library::scan(dir.path()).expect("scan");
            let query = ActionQuery {
                overdue: true,
                ..ActionQuery::default()
            };
            let rows = library::actions(&lib, &query, today);
            black_box(library::actions_human(&rows))
        })
    });
    group.finish();
}

criterion_group!(benches, library_bench);
criterion_main!(benches);
