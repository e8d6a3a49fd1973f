//! A realistic, valid, reproducible large postmortem, for benchmarks and
//! for trying debrief at scale (`debrief sample`): a long-running incident
//! with varied event texts and sources, the key marks in order, gaps,
//! whys in deep and wide trees, factors citing events and whys, actions
//! addressing factors, and a little blameful wording for the linter to
//! find. The same seed gives the same document.

use chrono::{Duration, NaiveDate};

use crate::model::{
    ActionItem, ActionStatus, ActionType, Event, Factor, IdKind, Kind, Mark, Postmortem, Priority,
    Timeframe, Why, next_id,
};

/// How large a sample to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleSpec {
    /// Timeline events.
    pub events: usize,
    /// 5 Whys nodes.
    pub whys: usize,
    /// Contributing factors.
    pub factors: usize,
    /// Action items.
    pub actions: usize,
    /// The seed: the same seed gives the same document.
    pub seed: u64,
}

impl SampleSpec {
    /// A sample of `events` events with proportionate whys, factors and
    /// actions.
    pub fn with_events(events: usize) -> SampleSpec {
        SampleSpec {
            events,
            whys: (events / 20).clamp(5, 2_000),
            factors: (events / 40).clamp(4, 5_000),
            actions: (events / 40).clamp(4, 5_000),
            seed: 1,
        }
    }
}

/// SplitMix64: a small, well-known generator whose output is fixed by its
/// definition, so a seed gives the same document on every machine and
/// every version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const SERVICES: &[&str] = &[
    "checkout-api",
    "payments",
    "search",
    "inventory",
    "auth",
    "edge-proxy",
    "orders-db",
    "cache",
];
const SOURCES: &[&str] = &[
    "Datadog monitor",
    "PagerDuty",
    "Slack #incident",
    "Deploy log",
    "Grafana",
    "Status page",
    "kubectl events",
    "Zendesk",
];
const ACTORS: &[&str] = &[
    "On-call engineer",
    "Incident commander",
    "Communications lead",
    "Database on-call",
    "CI/CD pipeline",
    "Alertmanager",
    "Kubernetes",
    "Support lead",
];
const VERBS: &[&str] = &[
    "reports elevated error rates on",
    "restarts two pods of",
    "rolls back the latest release of",
    "raises the connection limit of",
    "pages the owner of",
    "drains traffic away from",
    "sees latency recover on",
    "opens a bridge about",
    "adds capacity to",
    "confirms the queue backlog on",
];
const DETAILS: &[&str] = &[
    "",
    "; dashboards show p99 above 2 s",
    "; the runbook step does not apply to this cluster",
    " after the canary finished at 5 %",
    "; customers in the EU region are affected first, then the rest within minutes",
    " while the retry storm keeps the connection pool saturated and new requests queue behind it",
    "; error budget for the month is now spent",
];
/// A small share of texts the linter should flag.
const BLAMEFUL: &[&str] = &[
    "The deploy engineer forgot to check the canary before promoting it",
    "Human error: someone should have noticed the alert earlier",
    "Bob carelessly skipped the migration review",
];
const CAUSES: &[&str] = &[
    "The connection pool was sized for normal traffic, not for a retry storm",
    "Retries had no backoff or jitter, so every client retried at once",
    "The alert fired on a symptom far downstream of the cause",
    "The runbook described the old cluster layout",
    "The canary analysis compared against a baseline from a quiet hour",
    "Two teams each believed the other owned the cache configuration",
    "The rollback path shared a queue with routine deploys",
    "Capacity planning used last year's peak as the ceiling",
];
const ACTIONS: &[&str] = &[
    "Add exponential backoff with jitter to every client of",
    "Alert on connection-pool saturation for",
    "Rehearse a rollback every quarter for",
    "Record an owning team in the service catalog for",
    "Update the runbook with the current topology of",
    "Load test at twice last year's peak for",
];

/// Generates the sample described by `spec`.
pub fn generate(spec: &SampleSpec) -> Postmortem {
    let mut rng = Rng(spec.seed);
    let mut doc = Postmortem::new(
        Kind::Incident,
        format!(
            "Sample incident: {} events across {} services",
            spec.events,
            SERVICES.len()
        ),
    );
    let start = NaiveDate::from_ymd_opt(2026, 2, 5)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .map(|t| t.and_utc().fixed_offset())
        .unwrap_or_default();
    let meta = &mut doc.meta;
    meta.id = format!("SAMPLE-{}", spec.seed);
    meta.severity = "SEV-2".into();
    meta.timezone = "UTC".into();
    meta.services = SERVICES.iter().map(|s| s.to_string()).collect();
    meta.authors = vec!["Platform Team".into()];
    meta.started = Some(start);
    doc.summary = "A generated incident for trying debrief at scale: a retry storm \
                   saturated shared connection pools across several services."
        .into();
    doc.whys.problem = "Requests failed across several services for most of a day.".into();

    add_events(&mut doc, spec, &mut rng, start);
    doc.meta.ended = doc.timeline.last().map(|e| e.at);
    add_whys(&mut doc, spec, &mut rng);
    add_factors(&mut doc, spec, &mut rng);
    add_actions(&mut doc, spec, &mut rng);
    doc
}

fn add_events(
    doc: &mut Postmortem,
    spec: &SampleSpec,
    rng: &mut Rng,
    start: crate::model::Timestamp,
) {
    let mut at = start;
    let mut id = next_id(IdKind::Event, std::iter::empty::<&str>());
    // The key moments, in incident order, spread over the timeline.
    let key: Vec<Mark> = Mark::ALL.into_iter().filter(|m| m.is_key()).collect();
    let place = |k: usize| k * spec.events / (key.len() + 1);
    for i in 0..spec.events {
        // Mostly seconds apart, sometimes a long quiet stretch (a gap).
        let step = if rng.chance(1) {
            60 * (30 + rng.below(90))
        } else {
            1 + rng.below(40)
        };
        at += Duration::seconds(step as i64);
        let text = if rng.chance(2) {
            rng.pick(BLAMEFUL).to_string()
        } else {
            format!(
                "{} {} {}{}",
                rng.pick(ACTORS),
                rng.pick(VERBS),
                rng.pick(SERVICES),
                rng.pick(DETAILS)
            )
        };
        let mut event = Event::new(&id, at, text);
        event.source = rng.pick(SOURCES).to_string();
        event.actor = rng.pick(ACTORS).to_string();
        for (k, mark) in key.iter().enumerate() {
            if place(k + 1) == i {
                event.marks.push(*mark);
            }
        }
        if rng.chance(2) {
            event.marks.push(Mark::Communicated);
        }
        let following = next_id(IdKind::Event, [id.as_str()]);
        doc.timeline.push(Box::new(event));
        id = following;
    }
}

fn add_whys(doc: &mut Postmortem, spec: &SampleSpec, rng: &mut Rng) {
    for i in 0..spec.whys {
        let id = format!("W{}", i + 1);
        // Deep chains and wide fans: a parent among the last few nodes, or
        // a top-level cause.
        let parent = match i {
            0 => String::new(),
            _ if rng.chance(10) => String::new(),
            _ => {
                let back = 1 + rng.below(i.min(4));
                format!("W{}", i + 1 - back)
            }
        };
        let mut why = Why::new(&id, parent, format!("{} ({})", rng.pick(CAUSES), i + 1));
        why.root = rng.chance(15);
        doc.whys.nodes.push(Box::new(why));
    }
}

fn add_factors(doc: &mut Postmortem, spec: &SampleSpec, rng: &mut Rng) {
    let categories = doc.factor_categories();
    for i in 0..spec.factors {
        let id = format!("F{}", i + 1);
        let category = categories[rng.below(categories.len())].clone();
        let mut factor = Factor::new(&id, category, format!("{} ({})", rng.pick(CAUSES), i + 1));
        for _ in 0..1 + rng.below(3) {
            if let Some(e) = doc.timeline.get(rng.below(doc.timeline.len()))
                && !factor.events.contains(&e.id)
            {
                factor.events.push(e.id.clone());
            }
        }
        if let Some(w) = doc.whys.nodes.get(rng.below(doc.whys.nodes.len())) {
            factor.whys.push(w.id.clone());
        }
        doc.factors.push(factor);
    }
}

fn add_actions(doc: &mut Postmortem, spec: &SampleSpec, rng: &mut Rng) {
    for i in 0..spec.actions {
        let id = format!("A{}", i + 1);
        let mut action =
            ActionItem::new(&id, format!("{} {}", rng.pick(ACTIONS), rng.pick(SERVICES)));
        action.kind = Some(ActionType::ALL[rng.below(ActionType::ALL.len())]);
        action.priority = Some(Priority::ALL[rng.below(Priority::ALL.len())]);
        action.timeframe = Some(Timeframe::ALL[rng.below(Timeframe::ALL.len())]);
        action.status = ActionStatus::ALL[rng.below(ActionStatus::ALL.len())];
        action.owner = if rng.chance(90) {
            "Platform Team".into()
        } else {
            String::new()
        };
        action.due =
            NaiveDate::from_ymd_opt(2026, 3, 1).map(|d| d + Duration::days(rng.below(120) as i64));
        if let Some(f) = doc.factors.get(rng.below(doc.factors.len())) {
            action.factors.push(f.id.clone());
        }
        doc.actions.push(action);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_is_valid_and_the_same_seed_gives_the_same_document() {
        let spec = SampleSpec::with_events(500);
        let doc = generate(&spec);
        assert_eq!(doc.timeline.len(), 500);
        assert!(
            crate::model::check(&doc).is_empty(),
            "{:?}",
            crate::model::check(&doc)
        );
        assert_eq!(generate(&spec), doc);
        let other = generate(&SampleSpec { seed: 2, ..spec });
        assert_ne!(other, doc);
        // Every key mark once, in order.
        for mark in Mark::ALL.into_iter().filter(|m| m.is_key()) {
            assert_eq!(
                doc.timeline.iter().filter(|e| e.has(mark)).count(),
                1,
                "{mark:?}"
            );
        }
        assert!(doc.whys.nodes.iter().any(|w| w.parent.is_empty()));
        assert!(doc.timeline.windows(2).all(|w| w[0].at <= w[1].at));
    }
}
