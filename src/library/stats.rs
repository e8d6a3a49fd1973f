//! The figures of `debrief stats`: counts by kind, severity, month and
//! service; time to detect, acknowledge, mitigate and resolve as
//! distributions; MTBF per service; timeliness; completeness; action
//! items; factors by category; patterns. Each figure keeps the documents
//! behind it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::dist::{Bucket, Distribution, Sample};
use super::filter::{Filter, doc_date, end_date};
use super::patterns::{Patterns, patterns};
use super::scan::{Entry, Library};
use crate::model::{ActionStatus, IntervalKind, Kind, Priority, Status};

/// What `stats` counts and against which day.
#[derive(Debug, Clone)]
pub struct StatsOptions {
    /// The documents counted.
    pub filter: Filter,
    /// The day overdue actions, late postmortems and anniversaries are
    /// measured against.
    pub today: NaiveDate,
    /// The review meeting is due this many days after the incident ended
    /// (writing guide: Day 3–5).
    pub review_days: i64,
    /// The postmortem is due final this many days after (Day 7).
    pub final_days: i64,
}

impl StatsOptions {
    /// The writing guide's deadlines (review by day 5, final by day 7).
    pub fn new(today: NaiveDate) -> StatsOptions {
        StatsOptions {
            filter: Filter::default(),
            today,
            review_days: 5,
            final_days: 7,
        }
    }
}

/// A named duration distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duration {
    /// `detect`, `acknowledge`, `mitigate` or `resolve`.
    pub name: &'static str,
    /// Between which marks it is measured.
    pub measured: &'static str,
    /// Its shape, in seconds.
    pub seconds: Distribution,
}

/// Mean time between failures of one service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mtbf {
    /// The service.
    pub service: String,
    /// How many incidents involved it.
    pub incidents: usize,
    /// Mean days from one incident's start to the next one's (`None` with a
    /// single incident).
    pub mean_days: Option<f64>,
    /// The incidents, oldest first.
    pub ids: Vec<String>,
}

/// Whether postmortems were written on time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeliness {
    /// Review meeting (`meta.postmortem_date`) held by the deadline.
    pub review_on_time: Bucket,
    /// Held after it.
    pub review_late: Bucket,
    /// Not recorded although the deadline has passed.
    pub review_missing: Bucket,
    /// Final, signed off by the deadline (latest sign-off date, else the
    /// review date).
    pub final_on_time: Bucket,
    /// Final, signed off after it.
    pub final_late: Bucket,
    /// Final with no date to tell when.
    pub final_undated: Bucket,
    /// Not final although the deadline has passed.
    pub not_final_overdue: Bucket,
}

/// The action items of the selected documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actions {
    /// How many actions.
    pub total: usize,
    /// By status, in workflow order.
    pub by_status: Vec<Bucket>,
    /// Done out of all but won't-do, 0–1 (`None` without actions).
    pub completion_rate: Option<f64>,
    /// Open or in progress past their due date (`DOC#A1`).
    pub overdue: Bucket,
    /// Open or in progress with no owner.
    pub unowned: Bucket,
    /// Of the overdue and unowned, the P0 and P1 ones (what `--check` fails on).
    pub urgent: Bucket,
}

/// Everything `debrief stats` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// The day figures were measured against.
    pub today: NaiveDate,
    /// Documents selected.
    pub documents: usize,
    /// Files that could not be read (not counted anywhere else).
    pub skipped: Vec<String>,
    /// Incidents, near misses and projects.
    pub kinds: Vec<Bucket>,
    /// Incidents by severity (scale order, then unset).
    pub by_severity: Vec<Bucket>,
    /// Incidents by month of their start (`YYYY-MM`), every month from the
    /// first to the last.
    pub by_month: Vec<Bucket>,
    /// Near misses by month, on the same months.
    pub near_misses_by_month: Vec<Bucket>,
    /// Incidents by service, most first.
    pub by_service: Vec<Bucket>,
    /// Near misses by service, most first.
    pub near_misses_by_service: Vec<Bucket>,
    /// Time to detect, acknowledge, mitigate, resolve (incidents).
    pub durations: Vec<Duration>,
    /// Mean time between incidents, per service with two or more.
    pub mtbf: Vec<Mtbf>,
    /// Postmortem deadlines (incidents and near misses).
    pub timeliness: Timeliness,
    /// Completeness scores of every selected document.
    pub completeness: Distribution,
    /// Action items of every selected document.
    pub actions: Actions,
    /// Contributing factors by category (factor count; ids are documents,
    /// once per factor).
    pub factors: Vec<Bucket>,
    /// What recurs.
    pub patterns: Patterns,
}

/// The four durations: name, what they measure, the model's interval.
const DURATIONS: [(&str, &str, IntervalKind); 4] = [
    (
        "detect",
        "impact start → detected",
        IntervalKind::TimeToDetect,
    ),
    (
        "acknowledge",
        "detected → escalated",
        IntervalKind::TimeToEscalate,
    ),
    (
        "mitigate",
        "impact start → mitigated",
        IntervalKind::TimeToMitigate,
    ),
    (
        "resolve",
        "impact start → resolved",
        IntervalKind::TimeToResolve,
    ),
];

/// Computes every figure over the selected documents of `library`.
pub fn stats(library: &Library, options: &StatsOptions) -> Stats {
    let selected: Vec<&Entry> = library
        .entries
        .iter()
        .filter(|e| options.filter.matches(&e.doc))
        .collect();
    let of_kind = |kind: Kind| -> Vec<&Entry> {
        selected
            .iter()
            .copied()
            .filter(|e| e.doc.kind == kind)
            .collect()
    };
    let incidents = of_kind(Kind::Incident);
    let near = of_kind(Kind::NearMiss);

    let kinds = [Kind::Incident, Kind::NearMiss, Kind::Project]
        .into_iter()
        .map(|kind| bucket(kind.as_str(), &of_kind(kind)))
        .collect();

    Stats {
        today: options.today,
        documents: selected.len(),
        skipped: library
            .skipped
            .iter()
            .map(|s| s.error.to_string())
            .collect(),
        kinds,
        by_severity: by_severity(&incidents),
        by_month: by_month(&incidents, &incidents, &near),
        near_misses_by_month: by_month(&near, &incidents, &near),
        by_service: by_service(&incidents),
        near_misses_by_service: by_service(&near),
        durations: DURATIONS
            .iter()
            .map(|(name, measured, kind)| Duration {
                name,
                measured,
                seconds: Distribution::of_durations(
                    incidents
                        .iter()
                        .filter_map(|e| {
                            let interval = e.doc.intervals().get(*kind).copied()?;
                            let seconds = interval.duration().num_seconds();
                            // A mark before its start is a mistake in the
                            // timeline (`debrief lint` says so), not a figure.
                            (seconds >= 0).then(|| Sample {
                                id: e.key().to_string(),
                                value: seconds,
                            })
                        })
                        .collect(),
                ),
            })
            .collect(),
        mtbf: mtbf(&incidents),
        timeliness: timeliness(
            selected.iter().copied().filter(|e| e.doc.kind.is_event()),
            options,
        ),
        completeness: Distribution::of_scores(super::scan::par_map(&selected, |e| Sample {
            id: e.key().to_string(),
            value: i64::from(crate::lint::completeness_score(&e.doc).total),
        })),
        actions: actions(&selected, options.today),
        factors: factors(&selected),
        patterns: patterns(&selected, options.today),
    }
}

fn bucket(label: &str, entries: &[&Entry]) -> Bucket {
    let mut b = Bucket::new(label);
    for e in entries {
        b.add(e.key());
    }
    b
}

fn by_severity(incidents: &[&Entry]) -> Vec<Bucket> {
    // Levels in the order of the scales that use them, unset last.
    let mut order: Vec<String> = Vec::new();
    for e in incidents {
        for level in e.doc.severity_scale() {
            if !order.contains(&level.level) {
                order.push(level.level);
            }
        }
    }
    let mut map: BTreeMap<String, Bucket> = BTreeMap::new();
    for e in incidents {
        let level = e.doc.meta.severity.trim();
        let label = if level.is_empty() { "unset" } else { level };
        map.entry(label.to_string())
            .or_insert_with(|| Bucket::new(label))
            .add(e.key());
    }
    let rank = |label: &str| order.iter().position(|l| l == label).unwrap_or(order.len());
    let mut out: Vec<Bucket> = map.into_values().collect();
    out.sort_by(|a, b| {
        rank(&a.label)
            .cmp(&rank(&b.label))
            .then_with(|| (a.label == "unset").cmp(&(b.label == "unset")))
            .then_with(|| a.label.cmp(&b.label))
    });
    out
}

/// `entries` by month, on the months spanned by `incidents` and `near`
/// together (so both series line up), with the months between.
fn by_month(entries: &[&Entry], incidents: &[&Entry], near: &[&Entry]) -> Vec<Bucket> {
    let month = |e: &Entry| doc_date(&e.doc).map(|d| d.format("%Y-%m").to_string());
    let all: Vec<String> = incidents
        .iter()
        .chain(near)
        .filter_map(|e| month(e))
        .collect();
    let (Some(first), Some(last)) = (all.iter().min(), all.iter().max()) else {
        return Vec::new();
    };
    let mut months: BTreeMap<String, Bucket> = BTreeMap::new();
    let mut at = NaiveDate::parse_from_str(&format!("{first}-01"), "%Y-%m-%d").ok();
    while let Some(day) = at {
        let label = day.format("%Y-%m").to_string();
        if &label > last {
            break;
        }
        months.insert(label.clone(), Bucket::new(label));
        at = day.checked_add_months(chrono::Months::new(1));
    }
    for e in entries {
        if let Some(m) = month(e)
            && let Some(b) = months.get_mut(&m)
        {
            b.add(e.key());
        }
    }
    months.into_values().collect()
}

fn by_service(entries: &[&Entry]) -> Vec<Bucket> {
    let mut map: BTreeMap<String, Bucket> = BTreeMap::new();
    for e in entries {
        let mut services: Vec<&str> = e.doc.meta.services.iter().map(|s| s.trim()).collect();
        services.sort();
        services.dedup();
        for s in services {
            map.entry(s.to_string())
                .or_insert_with(|| Bucket::new(s))
                .add(e.key());
        }
    }
    let mut out: Vec<Bucket> = map.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    out
}

fn mtbf(incidents: &[&Entry]) -> Vec<Mtbf> {
    let mut starts: BTreeMap<String, Vec<(chrono::DateTime<chrono::FixedOffset>, String)>> =
        BTreeMap::new();
    for e in incidents {
        let Some(start) = e.doc.meta.started else {
            continue;
        };
        let mut services: Vec<&str> = e.doc.meta.services.iter().map(|s| s.trim()).collect();
        services.sort();
        services.dedup();
        for s in services {
            starts
                .entry(s.to_string())
                .or_default()
                .push((start, e.key().to_string()));
        }
    }
    let mut out: Vec<Mtbf> = starts
        .into_iter()
        .filter(|(_, list)| list.len() >= 2)
        .map(|(service, mut list)| {
            list.sort();
            let span = list[list.len() - 1].0.signed_duration_since(list[0].0);
            let mean_days = span.num_seconds() as f64 / 86_400.0 / (list.len() - 1) as f64;
            Mtbf {
                service,
                incidents: list.len(),
                mean_days: Some(mean_days),
                ids: list.into_iter().map(|(_, id)| id).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.incidents
            .cmp(&a.incidents)
            .then_with(|| a.service.cmp(&b.service))
    });
    out
}

fn timeliness<'a>(events: impl Iterator<Item = &'a Entry>, options: &StatsOptions) -> Timeliness {
    let mut t = Timeliness {
        review_on_time: Bucket::new("review on time"),
        review_late: Bucket::new("review late"),
        review_missing: Bucket::new("review missing"),
        final_on_time: Bucket::new("final on time"),
        final_late: Bucket::new("final late"),
        final_undated: Bucket::new("final, undated"),
        not_final_overdue: Bucket::new("not final, overdue"),
    };
    for e in events {
        let Some(day0) = end_date(&e.doc) else {
            continue;
        };
        let id = e.key();
        let review_due = day0 + chrono::Duration::days(options.review_days);
        let final_due = day0 + chrono::Duration::days(options.final_days);
        match e.doc.meta.postmortem_date {
            Some(d) if d <= review_due => t.review_on_time.add(id),
            Some(_) => t.review_late.add(id),
            None if options.today > review_due => t.review_missing.add(id),
            None => {}
        }
        if e.doc.meta.status == Status::Final {
            let signed = e.doc.sign_off.iter().filter_map(|s| s.date).max();
            match signed.or(e.doc.meta.postmortem_date) {
                Some(d) if d <= final_due => t.final_on_time.add(id),
                Some(_) => t.final_late.add(id),
                None => t.final_undated.add(id),
            }
        } else if options.today > final_due {
            t.not_final_overdue.add(id);
        }
    }
    t
}

fn actions(selected: &[&Entry], today: NaiveDate) -> Actions {
    let mut by_status: Vec<Bucket> = ActionStatus::ALL
        .iter()
        .map(|s| Bucket::new(s.as_str()))
        .collect();
    let mut overdue = Bucket::new("overdue");
    let mut unowned = Bucket::new("unowned");
    let mut urgent = Bucket::new("urgent");
    let mut total = 0;
    for e in selected {
        for a in &e.doc.actions {
            total += 1;
            let key = format!("{}#{}", e.key(), a.id);
            let at = ActionStatus::ALL
                .iter()
                .position(|s| *s == a.status)
                .unwrap_or(0);
            by_status[at].add(&key);
            let pending = matches!(a.status, ActionStatus::Open | ActionStatus::InProgress);
            let late = a.is_overdue(today);
            let nobody = pending && a.owner.trim().is_empty();
            if late {
                overdue.add(&key);
            }
            if nobody {
                unowned.add(&key);
            }
            if (late || nobody) && matches!(a.priority, Some(Priority::P0 | Priority::P1)) {
                urgent.add(&key);
            }
        }
    }
    let count = |s: ActionStatus| {
        ActionStatus::ALL
            .iter()
            .position(|x| *x == s)
            .map_or(0, |i| by_status[i].count)
    };
    let counted = total - count(ActionStatus::WontDo);
    Actions {
        total,
        completion_rate: (counted > 0).then(|| count(ActionStatus::Done) as f64 / counted as f64),
        by_status,
        overdue,
        unowned,
        urgent,
    }
}

fn factors(selected: &[&Entry]) -> Vec<Bucket> {
    let mut map: BTreeMap<String, Bucket> = BTreeMap::new();
    for e in selected {
        for f in &e.doc.factors {
            map.entry(f.category.clone())
                .or_insert_with(|| Bucket::new(f.category.clone()))
                .add(e.key());
        }
    }
    let mut out: Vec<Bucket> = map.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    out
}
