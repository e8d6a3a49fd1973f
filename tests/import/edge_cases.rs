//! Inputs at the edges: huge and binary files, stray zone-less lines, a
//! Slack export root, Markdown notes with their own date, DST gaps.

use super::*;

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
