//! Sniffing the format, merging into a document (idempotent), the TOML
//! round trip.

use super::*;

#[test]
fn auto_detects_each_format() {
    let cases = [
        ("plain.log", SourceKind::Log),
        ("syslog.log", SourceKind::Log),
        ("events.csv", SourceKind::Csv),
        ("timeline.md", SourceKind::Markdown),
        ("amtool.json", SourceKind::Alertmanager),
        ("webhook.json", SourceKind::Alertmanager),
        ("webhook.ndjson", SourceKind::Alertmanager),
        ("query_range.json", SourceKind::Prometheus),
        ("log_entries.json", SourceKind::Pagerduty),
        ("slack/incident-42", SourceKind::Slack),
    ];
    let options = Options {
        tz: Some(DisplayZone::Utc),
        threshold: Some(Threshold {
            level: 0.05,
            below: false,
        }),
        ..Options::default()
    };
    for (name, kind) in cases {
        let parsed = parse(name, &options, &started("2025-02-09T10:00:00Z"));
        assert_eq!(parsed.kind, kind, "{name}");
        assert!(!parsed.candidates.is_empty(), "{name}");
    }
}

#[test]
fn merge_never_changes_existing_events_and_reimport_adds_nothing() {
    let mut doc = doc();
    let mut typed = Event::new("T1", ts("2025-02-09T10:30:00Z"), "Typed by hand");
    typed.marks = vec![Mark::Mitigated];
    doc.timeline.push(Box::new(typed.clone()));
    doc.timeline.push(Box::new(Event::new(
        "T7",
        ts("2025-02-09T09:00:00Z"),
        "Out of order by hand",
    )));
    let before = doc.timeline.clone();

    let parsed = parse("events.csv", &options(SourceKind::Csv), &Context::default());
    let report = merge(&mut doc, parsed.candidates.clone());
    assert_eq!(report.added, vec!["T8", "T9", "T10", "T11"]);
    for event in &before {
        assert_eq!(
            doc.event(&event.id),
            Some(&**event),
            "{} unchanged",
            event.id
        );
    }
    assert!(doc.timeline.windows(2).all(|w| w[0].at <= w[1].at));
    let imported = doc.event("T8").expect("T8");
    assert_eq!(imported.marks, vec![Mark::ImpactStart]);
    assert_eq!(
        imported.provenance.as_ref().map(|p| p.kind.as_str()),
        Some("csv")
    );

    let snapshot = doc.clone();
    let again = merge(&mut doc, parsed.candidates);
    assert!(again.added.is_empty());
    assert_eq!(again.duplicates, 4);
    assert_eq!(doc, snapshot);
}

#[test]
fn candidates_know_when_they_are_already_in_the_document() {
    let parsed = parse("events.csv", &options(SourceKind::Csv), &Context::default());
    let mut doc = doc();
    assert!(!parsed.candidates[0].is_known_in(&doc));
    merge(&mut doc, vec![parsed.candidates[0].clone()]);
    assert!(parsed.candidates[0].is_known_in(&doc));
    assert!(!parsed.candidates[1].is_known_in(&doc));
}

#[test]
fn imported_documents_round_trip_through_toml() {
    let parsed = parse(
        "log_entries.json",
        &options(SourceKind::Pagerduty),
        &Context::default(),
    );
    let mut doc = doc();
    merge(&mut doc, parsed.candidates);
    let text = debrief::store::to_toml(&doc).expect("toml");
    let back = debrief::store::parse(&text, Path::new("x.toml")).expect("parse");
    assert_eq!(back, doc);
    assert!(text.contains("[timeline.provenance]"), "{text}");
}
