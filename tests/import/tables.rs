//! CSV and Markdown timeline tables and bullets.

use super::*;

#[test]
fn csv_by_header_names_with_marks_and_bad_rows() {
    let options = Options {
        roles: roles(),
        ..options(SourceKind::Csv)
    };
    let parsed = parse("events.csv", &options, &Context::default());
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            ("2025-02-09T10:05:23Z", "First 5xx errors appear"),
            ("2025-02-09T10:06:45Z", "High error rate alert fires"),
            (
                "2025-02-09T10:40:00Z",
                "Incident marked resolved, all clear"
            ),
            ("2025-02-09T10:12:00Z", "Engineer acknowledges alert"),
        ])
    );
    assert_eq!(
        marks(&parsed),
        vec![
            vec![Mark::ImpactStart],
            vec![Mark::Detected],
            vec![Mark::Resolved],
            vec![Mark::Escalated]
        ]
    );
    assert_eq!(parsed.candidates[3].actor, "on-call engineer");
    assert_eq!(parsed.candidates[0].source, "nginx access logs");
    assert_eq!(parsed.unparseable, 2);
    assert_eq!(parsed.examples[0].location, "line 4");
}

#[test]
fn csv_columns_mapping_is_required_for_unknown_headers() {
    let error = parse_evidence(
        &fixture("custom.csv"),
        &with_tz(SourceKind::Csv, "UTC"),
        &Context::default(),
        &NoProgress,
    )
    .expect_err("no time column");
    assert!(error.to_string().contains("--columns"), "{error}");

    let options = Options {
        columns: "time=Start,event=Msg"
            .parse::<ColumnMap>()
            .expect("columns"),
        ..with_tz(SourceKind::Csv, "America/New_York")
    };
    let parsed = parse("custom.csv", &options, &Context::default());
    // 01:50 EST and 03:05 EDT on the spring-forward day: 15 minutes apart.
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            ("2025-03-09T06:50:00Z", "Checkout errors begin"),
            ("2025-03-09T07:05:00Z", "Latency alert fires"),
        ])
    );
    assert_eq!(parsed.candidates[1].actor, "monitoring");
}

#[test]
fn markdown_table_with_utc_heading() {
    let options = Options {
        roles: roles(),
        ..options(SourceKind::Markdown)
    };
    let parsed = parse("timeline.md", &options, &started("2025-02-09T09:00:00Z"));
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            ("2025-02-09T10:05:23Z", "First 5xx errors appear"),
            ("2025-02-09T10:06:45Z", "High error rate alert fires"),
            ("2025-02-09T10:08:12Z", "On-call engineer paged"),
            ("2025-02-09T10:12:00Z", "Engineer acknowledges alert"),
            ("2025-02-09T10:40:00Z", "Incident marked resolved"),
        ])
    );
    let actors: Vec<&str> = parsed.candidates.iter().map(|c| c.actor.as_str()).collect();
    assert_eq!(
        actors,
        ["", "", "System", "on-call engineer", "on-call engineer"]
    );
    assert_eq!(parsed.candidates[1].source, "Prometheus");
    assert_eq!(parsed.unparseable, 1);
}

#[test]
fn markdown_bullets_in_a_named_zone() {
    let parsed = parse(
        "notes.md",
        &with_tz(SourceKind::Markdown, "Europe/Berlin"),
        &started("2025-02-09T12:00:00Z"),
    );
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            ("2025-02-09T13:02:00Z", "Alert fires for checkout latency"),
            ("2025-02-09T13:10:00Z", "Rolled back deploy 2.3.1"),
            ("2025-02-09T14:30:00Z", "Error rate back to normal"),
        ])
    );
    assert_eq!(parsed.unparseable, 1, "a time with no event");
}
