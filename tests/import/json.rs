//! JSON sources: Alertmanager, Prometheus, PagerDuty and a Slack export.

use super::*;

#[test]
fn amtool_alerts_fire_as_detected() {
    let parsed = parse(
        "amtool.json",
        &options(SourceKind::Alertmanager),
        &Context::default(),
    );
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            (
                "2025-02-09T10:06:45.120Z",
                "HighErrorRate firing (critical): 5xx ratio above 5% for 2m"
            ),
            (
                "2025-02-09T10:07:00Z",
                "HighLatency firing (warning): p99 latency above 2s"
            ),
        ])
    );
    assert_eq!(marks(&parsed), vec![vec![Mark::Detected]; 2]);
    assert_eq!(parsed.candidates[0].provenance.raw, "/0");
    assert_eq!(parsed.unparseable, 1);
    assert_eq!(parsed.examples[0].location, "/2");
}

#[test]
fn webhook_resolved_alerts_give_resolved_events() {
    let parsed = parse(
        "webhook.json",
        &options(SourceKind::Alertmanager),
        &Context::default(),
    );
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            (
                "2025-02-09T10:06:45.120Z",
                "HighErrorRate firing (critical): 5xx ratio above 5% for 2m"
            ),
            ("2025-02-09T10:35:00Z", "HighErrorRate resolved"),
            (
                "2025-02-09T10:20:00Z",
                "DiskFilling firing (warning): disk 85% full"
            ),
        ])
    );
    assert_eq!(
        marks(&parsed),
        vec![
            vec![Mark::Detected],
            vec![Mark::Resolved],
            vec![Mark::Detected]
        ]
    );
    assert_eq!(parsed.candidates[1].provenance.raw, "/alerts/0/endsAt");
}

#[test]
fn the_same_alert_from_amtool_and_a_webhook_is_imported_once() {
    let mut doc = doc();
    let amtool = parse(
        "amtool.json",
        &options(SourceKind::Alertmanager),
        &Context::default(),
    );
    assert_eq!(merge(&mut doc, amtool.candidates).added.len(), 2);
    let webhook = parse(
        "webhook.json",
        &options(SourceKind::Alertmanager),
        &Context::default(),
    );
    let report = merge(&mut doc, webhook.candidates);
    assert_eq!(report.added.len(), 2, "resolved + DiskFilling");
    assert_eq!(report.duplicates, 1, "HighErrorRate firing is known");
}

#[test]
fn webhook_json_lines_with_a_truncated_line() {
    let parsed = parse(
        "webhook.ndjson",
        &options(SourceKind::Alertmanager),
        &Context::default(),
    );
    assert_eq!(parsed.candidates.len(), 3);
    assert_eq!(parsed.unparseable, 1);
    assert_eq!(parsed.examples[0].location, "line 3");
    let mut doc = doc();
    let report = merge(&mut doc, parsed.candidates);
    assert_eq!(report.added.len(), 2);
    assert_eq!(report.duplicates, 1);
}

#[test]
fn prometheus_threshold_crossings() {
    let missing = parse_evidence(
        &fixture("query_range.json"),
        &options(SourceKind::Prometheus),
        &Context::default(),
        &NoProgress,
    )
    .expect_err("needs a threshold");
    assert!(missing.to_string().contains("--threshold"), "{missing}");

    let options = Options {
        threshold: Some("0.05".parse::<Threshold>().expect("threshold")),
        ..options(SourceKind::Prometheus)
    };
    let parsed = parse("query_range.json", &options, &Context::default());
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            (
                "2025-02-09T10:02:00Z",
                "job:errors:ratio5m{job=\"api\"} rose above 0.05 (0.12)"
            ),
            (
                "2025-02-09T10:04:00Z",
                "job:errors:ratio5m{job=\"api\"} fell back to or below 0.05 (0.04)"
            ),
            (
                "2025-02-09T10:00:00.500Z",
                "{job=\"worker\"} rose above 0.05 (0.09)"
            ),
            (
                "2025-02-09T10:01:00.500Z",
                "{job=\"worker\"} fell back to or below 0.05 (0.01)"
            ),
        ])
    );
    assert_eq!(parsed.unparseable, 1);
    assert_eq!(parsed.examples[0].location, "/data/result/0/values/6");
}

#[test]
fn pagerduty_entries_become_marks_without_names() {
    let options = Options {
        roles: roles(),
        ..options(SourceKind::Pagerduty)
    };
    let parsed = parse("log_entries.json", &options, &Context::default());
    let incident = "Incident \"[#1234] HighErrorRate on api\"";
    assert_eq!(
        times_and_texts(&parsed),
        vec![
            (
                "2025-02-09T10:08:12Z".into(),
                format!("{incident} triggered")
            ),
            (
                "2025-02-09T10:08:13Z".into(),
                format!("{incident} notified a responder (sms)")
            ),
            (
                "2025-02-09T10:12:00Z".into(),
                format!("{incident} acknowledged")
            ),
            (
                "2025-02-09T10:15:00Z".into(),
                format!("{incident} escalated")
            ),
            (
                "2025-02-09T10:20:00Z".into(),
                format!("{incident} note added")
            ),
            (
                "2025-02-09T10:40:00Z".into(),
                format!("{incident} resolved")
            ),
        ]
    );
    assert_eq!(
        marks(&parsed),
        vec![
            vec![Mark::Detected],
            vec![],
            vec![Mark::Escalated],
            vec![Mark::Escalated],
            vec![],
            vec![Mark::Resolved]
        ]
    );
    let actors: Vec<&str> = parsed.candidates.iter().map(|c| c.actor.as_str()).collect();
    assert_eq!(
        actors,
        [
            "PagerDuty",
            "on-call engineer",
            "on-call engineer",
            "on-call responder",
            "on-call engineer",
            "on-call engineer"
        ]
    );
    assert!(no_names(&parsed.candidates));
    assert_eq!(parsed.unparseable, 1);
    assert_eq!(parsed.examples[0].location, "/log_entries/5");
}

#[test]
fn slack_channel_folder_maps_users_to_roles() {
    let options = Options {
        roles: roles(),
        ..options(SourceKind::Slack)
    };
    let parsed = parse("slack/incident-42", &options, &Context::default());
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            (
                "2025-02-09T10:06:00.000200Z",
                "Declaring an incident: checkout 5xx. @on-call engineer can you take the DB?"
            ),
            (
                "2025-02-09T10:12:00.000300Z",
                "On it. Pool is at 20/20 & queries are slow, see the DB board"
            ),
            (
                "2025-02-09T10:15:00.000400Z",
                "customers are reporting failed payments in #support"
            ),
            ("2025-02-09T10:40:00.000500Z", "Incident #1234 resolved"),
            (
                "2025-02-10T09:33:20.000100Z",
                "Postmortem scheduled for Wednesday."
            ),
        ])
    );
    let actors: Vec<&str> = parsed.candidates.iter().map(|c| c.actor.as_str()).collect();
    assert_eq!(
        actors,
        [
            "incident commander",
            "on-call engineer",
            "participant",
            "PagerDuty",
            "incident commander"
        ]
    );
    assert!(no_names(&parsed.candidates));
    assert_eq!(parsed.candidates[0].source, "Slack #incident-42");
    assert_eq!(parsed.unparseable, 1);
    assert_eq!(parsed.filtered, 1, "the channel join");
}
