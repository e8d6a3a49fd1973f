//! Log lines: ISO 8601, syslog, access logs, journal, kubectl, dpkg/apt,
//! chat; zones, the time window, `--grep`, repeated lines.

use super::*;

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
