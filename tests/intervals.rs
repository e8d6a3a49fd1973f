//! Key intervals of imported timelines: exact across zones and DST changes.

use std::path::Path;

use chrono::Duration;
use debrief::import::timeline::{Context, NoProgress, Options, SourceKind, merge, parse_evidence};
use debrief::model::{DisplayZone, IntervalKind, Kind, Postmortem, find_gaps};

fn import(doc: &mut Postmortem, name: &str, from: SourceKind, zone: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    let options = Options {
        from: Some(from),
        tz: Some(DisplayZone::parse(zone).expect("zone")),
        ..Options::default()
    };
    let parsed = parse_evidence(&path, &options, &Context::of(doc), &NoProgress).expect(name);
    merge(doc, parsed.candidates);
}

fn duration(doc: &Postmortem, kind: IntervalKind) -> Duration {
    doc.intervals().get(kind).expect("interval").duration()
}

#[test]
fn spring_forward_does_not_stretch_intervals() {
    let mut doc = Postmortem::new(Kind::Incident, "DST spring");
    import(
        &mut doc,
        "dst-spring.csv",
        SourceKind::Csv,
        "America/New_York",
    );
    // 01:50 EST → 03:05 EDT is 15 minutes, not 75.
    assert_eq!(
        duration(&doc, IntervalKind::TimeToDetect),
        Duration::minutes(15)
    );
    assert_eq!(
        duration(&doc, IntervalKind::TimeToMitigate),
        Duration::minutes(30)
    );
    assert_eq!(
        duration(&doc, IntervalKind::TimeToResolve),
        Duration::minutes(45)
    );
    assert_eq!(duration(&doc, IntervalKind::Total), Duration::minutes(45));
}

#[test]
fn fall_back_repeated_hour_is_resolved_exactly() {
    let mut doc = Postmortem::new(Kind::Incident, "DST fall");
    import(
        &mut doc,
        "dst-fall.csv",
        SourceKind::Csv,
        "America/New_York",
    );
    // 00:50 EDT (04:50Z); the ambiguous 01:30 is the first one, EDT (05:30Z);
    // 01:20 EST is explicitly the second pass (06:20Z).
    assert_eq!(
        duration(&doc, IntervalKind::TimeToDetect),
        Duration::minutes(40)
    );
    assert_eq!(
        duration(&doc, IntervalKind::TimeToResolve),
        Duration::minutes(90)
    );
    // In time order the explicit 01:20 EST comes after the first 01:30.
    let texts: Vec<&str> = doc.timeline.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Checkout errors begin",
            "Latency alert fires (first 01:30)",
            "Error rate normal (second 01:20)"
        ]
    );
}

#[test]
fn intervals_across_sources_in_different_zones() {
    // Markdown in UTC, PagerDuty entries with +01:00 offsets, alerts in Z.
    let mut doc = Postmortem::new(Kind::Incident, "Mixed zones");
    doc.meta.started =
        Some(chrono::DateTime::parse_from_rfc3339("2025-02-09T10:05:23Z").expect("ts"));
    import(&mut doc, "amtool.json", SourceKind::Alertmanager, "UTC");
    import(&mut doc, "log_entries.json", SourceKind::Pagerduty, "UTC");
    // Detected: the alert at 10:06:45.120Z; escalated: the acknowledgement
    // written as 11:12:00+01:00; resolved: 10:40Z.
    assert_eq!(
        duration(&doc, IntervalKind::TimeToDetect),
        Duration::milliseconds(82_120)
    );
    assert_eq!(
        duration(&doc, IntervalKind::TimeToEscalate),
        Duration::milliseconds(5 * 60_000 + 14_880)
    );
    assert_eq!(
        duration(&doc, IntervalKind::TimeToResolve),
        Duration::seconds(34 * 60 + 37)
    );
}

#[test]
fn gaps_are_found_in_imported_timelines() {
    let mut doc = Postmortem::new(Kind::Incident, "Gaps");
    import(
        &mut doc,
        "dst-spring.csv",
        SourceKind::Csv,
        "America/New_York",
    );
    // 01:50 EST → 03:05 EDT is 15 minutes: not above the threshold.
    assert!(find_gaps(&doc.timeline, Duration::minutes(15)).is_empty());
    let gaps = find_gaps(&doc.timeline, Duration::minutes(14));
    assert_eq!(gaps.len(), 3);
    let zone = DisplayZone::parse("America/New_York").expect("zone");
    assert_eq!(zone.clock(&gaps[0].from), "01:50");
    assert_eq!(zone.clock(&gaps[0].to), "03:05");
}
