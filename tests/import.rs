//! Timeline import through the library API: every source's fixture with
//! asserted counts, UTC times and marks; merge idempotency; sniffing.

use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use debrief::import::timeline::{
    Candidate, ColumnMap, Context, ImportError, NoProgress, Options, Parsed, Roles, SourceKind,
    Threshold, merge, parse_evidence,
};
use debrief::model::{DisplayZone, Event, Kind, Mark, Postmortem, Timestamp};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn ts(text: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(text).expect("timestamp")
}

fn started(text: &str) -> Context {
    Context {
        started: Some(ts(text)),
    }
}

fn options(from: SourceKind) -> Options {
    Options {
        from: Some(from),
        ..Options::default()
    }
}

fn with_tz(from: SourceKind, zone: &str) -> Options {
    Options {
        tz: Some(DisplayZone::parse(zone).expect("zone")),
        ..options(from)
    }
}

fn roles() -> Roles {
    Roles::load(&fixture("roles.toml")).expect("roles")
}

fn parse(name: &str, options: &Options, context: &Context) -> Parsed {
    parse_evidence(&fixture(name), options, context, &NoProgress)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn utc(at: &Timestamp) -> String {
    at.with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// (UTC time, text) of each candidate, in the order read.
fn times_and_texts(parsed: &Parsed) -> Vec<(String, String)> {
    parsed
        .candidates
        .iter()
        .map(|c| (utc(&c.at), c.text.clone()))
        .collect()
}

fn marks(parsed: &Parsed) -> Vec<Vec<Mark>> {
    parsed.candidates.iter().map(|c| c.marks.clone()).collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn doc() -> Postmortem {
    Postmortem::new(Kind::Incident, "API outage")
}

#[test]
fn plain_iso_log_counts_malformed_lines_and_keeps_continuations_out() {
    let parsed = parse("plain.log", &options(SourceKind::Log), &Context::default());
    assert_eq!(parsed.unparseable, 2);
    assert_eq!(parsed.examples[0].location, "line 6");
    assert_eq!(parsed.examples[0].text, "this line has no timestamp");
    assert_eq!(parsed.examples[1].location, "line 8");
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            (
                "2025-02-09T10:05:23Z",
                "upstream timed out while reading response header"
            ),
            ("2025-02-09T10:06:45.120Z", "api-7f9c error rate at 40%"),
            (
                "2025-02-09T10:15:30Z",
                "remaining connection slots are reserved"
            ),
            ("2025-02-09T10:08:12Z", "pagerduty: on-call paged"),
            (
                "2025-02-09T10:05:23Z",
                "upstream timed out while reading response header"
            ),
        ])
    );
    assert_eq!(parsed.candidates[0].actor, "nginx");
    assert_eq!(parsed.candidates[2].actor, "postgres");
    let provenance = &parsed.candidates[0].provenance;
    assert_eq!(provenance.kind, "log");
    assert!(provenance.file.ends_with("plain.log"));
    assert!(
        provenance
            .raw
            .starts_with("2025-02-09T10:05:23Z web1 nginx[812]")
    );
    assert_eq!(provenance.hash.len(), 12);
}

#[test]
fn out_of_order_log_merges_in_time_order_and_repeated_lines_stay() {
    let parsed = parse("plain.log", &options(SourceKind::Log), &Context::default());
    let mut doc = doc();
    let report = merge(&mut doc, parsed.candidates);
    // The nginx line is in the log twice: two events.
    assert_eq!(report.added, vec!["T1", "T2", "T3", "T4", "T5"]);
    assert_eq!(report.duplicates, 0);
    let order: Vec<String> = doc.timeline.iter().map(|e| utc(&e.at)).collect();
    assert_eq!(
        order,
        [
            "2025-02-09T10:05:23Z",
            "2025-02-09T10:05:23Z",
            "2025-02-09T10:06:45.120Z",
            "2025-02-09T10:08:12Z",
            "2025-02-09T10:15:30Z"
        ]
    );
    // The out-of-order line (read fourth, id T4) sits fourth in time, after
    // the repeated nginx line (T5, read last).
    assert_eq!(doc.timeline[1].id, "T5");
    assert_eq!(doc.timeline[3].id, "T4");
}

#[test]
fn zone_less_log_needs_tz_and_says_so() {
    let result = parse_evidence(
        &fixture("zoneless.log"),
        &options(SourceKind::Log),
        &Context::default(),
        &NoProgress,
    );
    let error = result.expect_err("zone-less times without --tz");
    assert!(matches!(error, ImportError::NeedsZone { .. }));
    let message = error.to_string();
    assert!(message.contains("--tz"), "{message}");
    assert!(message.contains("zoneless.log:1"), "{message}");
    assert!(message.contains("2025-02-09 05:05:23,120"), "{message}");

    let parsed = parse(
        "zoneless.log",
        &with_tz(SourceKind::Log, "America/New_York"),
        &Context::default(),
    );
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            ("2025-02-09T10:05:23.120Z", "ERROR checkout: pool exhausted"),
            ("2025-02-09T10:06:00Z", "WARN checkout: retry budget spent"),
        ])
    );
}

#[test]
fn syslog_takes_the_year_from_the_incident() {
    let parsed = parse(
        "syslog.log",
        &with_tz(SourceKind::Log, "UTC"),
        &started("2025-02-09T10:00:00Z"),
    );
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            (
                "2025-02-09T10:05:23Z",
                "upstream timed out (110: Connection timed out)"
            ),
            (
                "2025-02-09T10:06:01Z",
                "TCP: out of memory -- consider tuning tcp_mem"
            ),
            (
                "2025-02-09T10:07:00.003Z",
                "'su root' failed for ops on /dev/pts/8"
            ),
            ("2025-02-09T10:07:05Z", "An application event log entry"),
        ])
    );
    let actors: Vec<&str> = parsed.candidates.iter().map(|c| c.actor.as_str()).collect();
    assert_eq!(actors, ["nginx", "kernel", "su", "evntslog"]);
    assert_eq!(parsed.unparseable, 1, "Feb 31 does not exist");
}

#[test]
fn syslog_without_incident_start_takes_the_year_from_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("syslog.log");
    std::fs::copy(fixture("syslog.log"), &copy).expect("copy");
    let june_2023 = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_685_620_800);
    std::fs::File::options()
        .write(true)
        .open(&copy)
        .and_then(|f| f.set_modified(june_2023))
        .expect("set mtime");
    let parsed = parse_evidence(
        &copy,
        &with_tz(SourceKind::Log, "UTC"),
        &Context::default(),
        &NoProgress,
    )
    .expect("parse");
    assert_eq!(utc(&parsed.candidates[0].at), "2023-02-09T10:05:23Z");
}

#[test]
fn access_logs_common_and_combined() {
    let parsed = parse("access.log", &options(SourceKind::Log), &Context::default());
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            ("2025-02-09T10:05:23Z", "GET /api/orders → 502"),
            ("2025-02-09T10:05:24Z", "POST /api/checkout → 500"),
            ("2025-02-09T10:05:25Z", "GET /healthz → 200"),
        ])
    );
    assert_eq!(parsed.unparseable, 1);
    // The remote user of the common log format is not an actor.
    assert!(parsed.candidates.iter().all(|c| c.actor.is_empty()));
}

#[test]
fn grep_keeps_matching_lines_only() {
    let options = Options {
        grep: Some(regex::Regex::new(r#"" 50\d "#).expect("regex")),
        ..options(SourceKind::Log)
    };
    let parsed = parse("access.log", &options, &Context::default());
    assert_eq!(parsed.candidates.len(), 2);
    assert_eq!(parsed.filtered, 2);
    assert_eq!(parsed.unparseable, 0, "non-matching lines are not errors");
}

#[test]
fn since_and_until_window() {
    let options = Options {
        since: Some(ts("2025-02-09T10:05:24Z")),
        until: Some(ts("2025-02-09T10:05:24Z")),
        ..options(SourceKind::Log)
    };
    let parsed = parse("access.log", &options, &Context::default());
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[("2025-02-09T10:05:24Z", "POST /api/checkout → 500")])
    );
    assert_eq!(parsed.filtered, 2);
}

#[test]
fn journalctl_short_iso_and_kubectl_timestamps() {
    let journal = parse(
        "journal.log",
        &options(SourceKind::Log),
        &Context::default(),
    );
    assert_eq!(
        times_and_texts(&journal),
        pairs(&[
            (
                "2025-02-09T10:05:23Z",
                "Started api.service - Checkout API."
            ),
            ("2025-02-09T10:05:40Z", "connection pool exhausted (20/20)"),
        ])
    );
    assert_eq!(journal.candidates[1].actor, "api");
    assert_eq!(journal.unparseable, 1, "the -- Logs begin -- banner");

    let kubectl = parse(
        "kubectl.log",
        &options(SourceKind::Log),
        &Context::default(),
    );
    assert_eq!(kubectl.candidates.len(), 2);
    assert_eq!(
        utc(&kubectl.candidates[0].at),
        "2025-02-09T10:05:23.123456789Z"
    );
    assert!(kubectl.candidates[0].text.contains("pool exhausted"));
}

#[test]
fn repeated_identical_lines_are_each_an_event_and_reimport_adds_nothing() {
    let options = with_tz(SourceKind::Log, "UTC");
    let parsed = parse("dpkg-repeated.log", &options, &Context::default());
    let lines = std::fs::read_to_string(fixture("dpkg-repeated.log")).expect("fixture");
    let count = lines.lines().count();
    assert_eq!(parsed.candidates.len(), count, "one candidate per line");
    let mut doc = doc();
    let report = merge(&mut doc, parsed.candidates.clone());
    assert_eq!(report.added.len(), count, "no line merged away");
    assert_eq!(report.duplicates, 0);
    // Each repeated line is there as often as the log has it.
    let trigproc = doc
        .timeline
        .iter()
        .filter(|e| e.text.starts_with("trigproc libc-bin"))
        .count();
    assert_eq!(trigproc, 2);
    // The first of identical lines hashes as before occurrences counted.
    let first = &parsed.candidates[12];
    assert_eq!(
        first.provenance.hash,
        debrief::import::timeline::short_hash("log", &first.provenance.raw)
    );
    let snapshot = doc.clone();
    let again = parse("dpkg-repeated.log", &options, &Context::default());
    let report = merge(&mut doc, again.candidates);
    assert!(report.added.is_empty(), "second import adds nothing");
    assert_eq!(report.duplicates, count);
    assert_eq!(doc, snapshot);
}

#[test]
fn dpkg_and_apt_history() {
    let dpkg = parse(
        "dpkg.log",
        &with_tz(SourceKind::Log, "UTC"),
        &Context::default(),
    );
    assert_eq!(
        times_and_texts(&dpkg),
        pairs(&[
            ("2025-02-09T10:22:10Z", "startup packages configure"),
            (
                "2025-02-09T10:22:11Z",
                "upgrade libpq5:amd64 15.5-0+deb12u1 15.6-0+deb12u1"
            ),
        ])
    );
    let apt = parse(
        "apt-history.log",
        &with_tz(SourceKind::Log, "UTC"),
        &Context::default(),
    );
    assert_eq!(
        times_and_texts(&apt),
        pairs(&[
            (
                "2025-02-09T10:22:10Z",
                "apt: apt-get install --only-upgrade libpq5"
            ),
            ("2025-02-09T10:22:14Z", "apt run finished"),
        ])
    );
    assert_eq!(apt.unparseable, 0);
    assert!(apt.candidates.iter().all(|c| c.actor == "apt"));
}

#[test]
fn chat_lines_take_the_incident_date_roll_over_midnight_and_map_roles() {
    let options = Options {
        roles: roles(),
        ..with_tz(SourceKind::Log, "UTC")
    };
    let parsed = parse("chat.txt", &options, &started("2025-02-09T10:00:00Z"));
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[
            ("2025-02-09T10:05:00Z", "seeing 502s on checkout"),
            ("2025-02-09T10:12:00Z", "ack, looking"),
            ("2025-02-09T10:15:30Z", "pool exhausted, raising the limit"),
            ("2025-02-09T23:58:00Z", "carol: still watching the graphs"),
            (
                "2025-02-10T00:03:00Z",
                "carol: quiet now, closing the bridge"
            ),
        ])
    );
    let actors: Vec<&str> = parsed.candidates.iter().map(|c| c.actor.as_str()).collect();
    assert_eq!(
        actors,
        [
            "on-call engineer",
            "database engineer",
            "on-call engineer",
            "",
            ""
        ]
    );
    assert_eq!(parsed.unparseable, 1);
}

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

fn no_names(candidates: &[Candidate]) -> bool {
    candidates.iter().all(|c| {
        let all = format!("{} {} {} {}", c.text, c.actor, c.source, c.provenance.raw);
        !all.contains("Alice") && !all.contains("Bob") && !all.contains("alice")
    })
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

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.com")
        .env("GIT_COMMITTER_NAME", "Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn git_merges_and_deploys_between_since_and_until() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("git not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"], "2025-02-08T09:00:00Z");
    let commit = |message: &str, date: &str| {
        git(
            repo,
            &["commit", "-q", "--allow-empty", "-m", message],
            date,
        )
    };
    commit("initial", "2025-02-08T09:00:00Z");
    commit("Deploy v2.3.0 to production", "2025-02-09T09:30:00+00:00");
    git(
        repo,
        &["checkout", "-q", "-b", "cache"],
        "2025-02-09T09:40:00Z",
    );
    commit("add cache layer", "2025-02-09T10:00:00Z");
    git(repo, &["checkout", "-q", "main"], "2025-02-09T10:01:00Z");
    commit("fix typo", "2025-02-09T10:10:00Z");
    git(
        repo,
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge branch 'cache'",
            "cache",
        ],
        "2025-02-09T11:22:10+01:00",
    );
    let options = Options {
        since: Some(ts("2025-02-09T00:00:00Z")),
        ..options(SourceKind::Git)
    };
    let parsed = parse_evidence(repo, &options, &Context::default(), &NoProgress).expect("git");
    let found: Vec<(String, bool)> = parsed
        .candidates
        .iter()
        .map(|c| {
            (
                utc(&c.at),
                c.text.starts_with("Merged: Merge branch 'cache'"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("2025-02-09T10:22:10Z".to_string(), true),
            ("2025-02-09T09:30:00Z".to_string(), false)
        ]
    );
    assert!(
        parsed.candidates[1]
            .text
            .starts_with("Deploy v2.3.0 to production (")
    );
    assert_eq!(parsed.filtered, 2, "ordinary commits");
    assert!(parsed.candidates.iter().all(|c| !c.text.contains("Dev")));
}

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

#[test]
fn huge_logs_keep_a_bounded_number_of_events_and_count_the_rest() {
    use debrief::import::timeline::MAX_CANDIDATES;
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.log");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let lines = MAX_CANDIDATES + 25;
    for n in 0..lines {
        writeln!(
            out,
            "2025-02-09T10:{:02}:{:02}Z event {n}",
            n / 60 % 60,
            n % 60
        )
        .expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let parsed = parse_evidence(
        &path,
        &options(SourceKind::Log),
        &Context::default(),
        &NoProgress,
    )
    .expect("parse");
    assert_eq!(parsed.candidates.len(), MAX_CANDIDATES);
    assert_eq!(parsed.over_limit, 25);
    assert_eq!(parsed.unparseable, 0);
    assert_eq!(parsed.bytes, std::fs::metadata(&path).expect("meta").len());
}

#[test]
fn binary_input_is_read_in_bounded_lines_and_never_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("core.dump");
    // 1 MiB without a newline, NULs and invalid UTF-8, then a real line.
    let mut bytes: Vec<u8> = (0..1024 * 1024u32)
        .map(|i| (i * 7 % 251) as u8 & 0xfe)
        .collect();
    bytes.retain(|b| *b != b'\n');
    bytes.extend_from_slice(b"\n2025-02-09T10:05:23Z after the junk\n");
    std::fs::write(&path, &bytes).expect("write");
    let parsed = parse_evidence(
        &path,
        &options(SourceKind::Log),
        &Context::default(),
        &NoProgress,
    )
    .expect("binary input is not an error");
    assert_eq!(parsed.unparseable, 1);
    assert!(parsed.examples[0].text.chars().count() <= 201);
    assert_eq!(
        times_and_texts(&parsed),
        pairs(&[("2025-02-09T10:05:23Z", "after the junk")])
    );
    assert_eq!(parsed.bytes, bytes.len() as u64);
}

#[test]
fn a_stray_zone_less_line_among_zoned_lines_is_skipped_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mixed.log");
    std::fs::write(
        &path,
        "2025-02-09T10:05:23Z pool exhausted\n10:06 retry scheduled by the client\n2025-02-09T10:07:00Z recovered\n",
    )
    .expect("write");
    let parsed = parse_evidence(
        &path,
        &options(SourceKind::Log),
        &started("2025-02-09T10:00:00Z"),
        &NoProgress,
    )
    .expect("not fatal");
    assert_eq!(parsed.candidates.len(), 2);
    assert_eq!(parsed.unparseable, 1);
    assert!(parsed.examples[0].reason.contains("--tz"));
}

#[test]
fn slack_export_root_is_refused_with_a_hint() {
    let error = parse_evidence(
        &fixture("slack"),
        &options(SourceKind::Slack),
        &Context::default(),
        &NoProgress,
    )
    .expect_err("export root has no day files");
    assert!(error.to_string().contains("channel folder"), "{error}");
}

#[test]
fn markdown_notes_take_their_own_date_not_the_files_time() {
    // The open document has no incident start: the notes' Date line dates
    // the times (rolling past midnight), not the file's modification time.
    let parsed = parse(
        "dated-notes.md",
        &with_tz(SourceKind::Markdown, "UTC"),
        &Context::default(),
    );
    let times: Vec<String> = parsed.candidates.iter().map(|c| utc(&c.at)).collect();
    assert_eq!(
        times,
        [
            "2024-03-14T14:02:00Z",
            "2024-03-14T14:10:00Z",
            "2024-03-14T23:55:00Z",
            "2024-03-15T00:20:00Z"
        ]
    );
    // The document's own start wins when it has one.
    let parsed = parse(
        "dated-notes.md",
        &with_tz(SourceKind::Markdown, "UTC"),
        &started("2024-03-20T09:00:00Z"),
    );
    assert_eq!(utc(&parsed.candidates[0].at), "2024-03-20T14:02:00Z");
}

#[test]
fn dst_gaps_and_repeats_are_reported_by_line() {
    let spring = parse(
        "dst-gap.csv",
        &with_tz(SourceKind::Csv, "America/New_York"),
        &Context::default(),
    );
    assert_eq!(spring.candidates.len(), 2);
    assert_eq!(spring.unparseable, 1);
    assert!(
        spring.examples[0]
            .reason
            .contains("2025-03-09 02:30 does not exist in America/New_York"),
        "{:?}",
        spring.examples
    );
    let fall = parse(
        "dst-fall.csv",
        &with_tz(SourceKind::Csv, "America/New_York"),
        &Context::default(),
    );
    assert!(
        fall.warnings
            .iter()
            .any(|w| w.starts_with("line 3: 2025-11-02 01:30 happens twice")),
        "{:?}",
        fall.warnings
    );
}
