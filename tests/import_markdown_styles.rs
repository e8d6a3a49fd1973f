//! Markdown postmortems in the styles people write them (fixtures 12–32):
//! sections by meaning and content, metadata wherever it is, action rows
//! taken apart, dates from any field.

use std::fs;
use std::path::Path;

use debrief::import::markdown::{ImportOptions, ImportReport, import, parse_map};
use debrief::model::{ActionStatus, Postmortem, Status};

fn read(name: &str) -> (Postmortem, ImportReport) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/markdown")
        .join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    import(&text, &ImportOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// (events, actions, whys) of a fixture.
fn counts(doc: &Postmortem) -> (usize, usize, usize) {
    (doc.timeline.len(), doc.actions.len(), doc.whys.nodes.len())
}

#[test]
fn every_style_finds_its_timeline_actions_and_whys() {
    let expected = [
        ("12-questions.md", (5, 3, 4)),
        ("14-headerless-tables.md", (6, 2, 0)),
        ("15-html-tables.md", (5, 2, 0)),
        ("16-confluence-pandoc.md", (5, 2, 0)),
        ("17-google-docs-pandoc.md", (5, 2, 0)),
        ("18-jira-wiki-leftovers.md", (4, 2, 0)),
        ("22-nested-list-timeline.md", (5, 3, 0)),
        ("13-blockquote-meta.md", (5, 3, 0)),
        ("19-german.md", (4, 2, 0)),
        ("20-french.md", (5, 2, 0)),
        ("21-spanish.md", (4, 2, 0)),
        ("23-midnight.md", (6, 2, 0)),
        ("25-gitlab-issue.md", (4, 2, 3)),
        ("26-company-blog.md", (4, 2, 0)),
        ("27-etsy-style.md", (4, 2, 0)),
        ("28-google-sre.md", (7, 3, 0)),
        ("29-atlassian.md", (5, 2, 4)),
        ("31-toml-front-matter-links.md", (5, 2, 0)),
    ];
    for (name, want) in expected {
        let (doc, _) = read(name);
        assert_eq!(counts(&doc), want, "{name}: (events, actions, whys)");
        assert!(
            doc.timeline
                .iter()
                .all(|e| e.at.format("%Y").to_string() != "1970"),
            "{name}: every event dated"
        );
    }
}

#[test]
fn headings_as_questions_and_one_line_metadata() {
    let (doc, report) = read("12-questions.md");
    assert_eq!(doc.meta.severity, "SEV-2");
    assert_eq!(doc.meta.status, Status::Final);
    // "All times in America/New_York." before the first heading applies.
    assert_eq!(doc.meta.timezone, "America/New_York");
    assert_eq!(doc.timeline[0].at.to_rfc3339(), "2024-03-14T09:12:00-04:00");
    assert!(
        doc.whys.nodes[0]
            .question
            .starts_with("Why did payments fail")
    );
    assert_eq!(doc.factors.len(), 2);
    let text = report.to_string();
    assert!(text.contains("Why did this happen? → whys"), "{text}");
    // Action rows taken apart: owner, due date, ticket, status.
    let a = &doc.actions;
    assert_eq!(
        a[0].title,
        "Automate certificate renewal for the payment gateway"
    );
    assert_eq!(a[0].owner, "@sre");
    assert_eq!(a[0].due.map(|d| d.to_string()), Some("2024-03-29".into()));
    assert_eq!(a[0].ticket, "PAY-883");
    assert_eq!(a[1].owner, "Dana Ortiz");
    assert_eq!(a[1].due.map(|d| d.to_string()), Some("2024-03-20".into()));
    assert_eq!(a[1].status, ActionStatus::Done);
    assert_eq!(a[2].owner, "Checkout team");
    assert_eq!(a[2].due.map(|d| d.to_string()), Some("2024-03-29".into()));
    assert!(a[2].ticket.starts_with("https://tracker.example.com/"));
    // The response table's "Could be better" column is kept somewhere.
    let all = debrief::export::markdown(&doc);
    assert!(
        all.contains("Alert did not name the issuer region"),
        "{all}"
    );
}

#[test]
fn block_quote_metadata_and_nested_day_lists() {
    let (doc, _) = read("13-blockquote-meta.md");
    assert_eq!(doc.meta.severity, "SEV-2", "Major");
    assert_eq!(doc.meta.status, Status::Final);
    assert_eq!(doc.timeline[0].at.to_rfc3339(), "2024-05-02T03:10:00+00:00");
    assert_eq!(
        doc.actions[1].due.map(|d| d.to_string()),
        Some("2024-05-10".into())
    );
}

#[test]
fn headerless_tables_are_read_by_their_cells() {
    let (doc, _) = read("14-headerless-tables.md");
    assert_eq!(doc.meta.severity, "SEV-2");
    assert_eq!(doc.timeline.len(), 6);
    assert_eq!(doc.timeline[5].text, "Error rates back to normal");
}

#[test]
fn two_other_languages() {
    let (german, _) = read("19-german.md");
    assert_eq!(german.meta.severity, "SEV-1");
    assert_eq!(german.meta.status, Status::Final);
    assert_eq!(german.meta.timezone, "Europe/Berlin");
    assert_eq!(
        german.timeline[0].at.to_rfc3339(),
        "2024-03-14T09:12:00+01:00"
    );
    assert!(german.whys.root_cause.contains("Client-Zertifikat"));
    assert_eq!(german.factors.len(), 2);
    assert_eq!(german.review.went_well.len(), 1);
    assert_eq!(german.review.lessons.len(), 1);

    let (french, _) = read("20-french.md");
    assert_eq!(french.meta.severity, "SEV-2");
    assert_eq!(
        french.timeline[0].at.to_rfc3339(),
        "2024-06-21T14:00:00+00:00"
    );
    assert!(french.whys.root_cause.contains("valeur par défaut"));
    assert_eq!(french.actions[1].owner, "Claire Martin");
    assert_eq!(french.review.lessons.len(), 1);

    let (spanish, _) = read("21-spanish.md");
    assert_eq!(spanish.meta.severity, "SEV-1");
    assert_eq!(spanish.meta.status, Status::InReview);
    assert_eq!(spanish.review.lessons.len(), 1);
}

#[test]
fn a_timeline_crossing_midnight_keeps_its_dates() {
    let (doc, _) = read("23-midnight.md");
    let days: Vec<String> = doc
        .timeline
        .iter()
        .map(|e| e.at.format("%Y-%m-%d %H:%M").to_string())
        .collect();
    assert_eq!(days[1], "2024-03-09 23:59");
    assert_eq!(days[2], "2024-03-10 00:12");
}

#[test]
fn prose_events_and_link_references() {
    let (blog, _) = read("26-company-blog.md");
    assert!(
        blog.timeline[0]
            .text
            .starts_with("At 18:41 UTC a routine change")
    );
    let kept =
        |doc: &Postmortem, needle: &str| doc.unmapped.iter().any(|u| u.markdown.contains(needle));
    assert!(kept(&blog, "[status page]: https://status.example.com"));
    let (toml, _) = read("31-toml-front-matter-links.md");
    assert!(kept(&toml, "runbook"), "unused front matter kept");
    assert_eq!(toml.actions[0].ticket, "CAT-77");
}

#[test]
fn templates_keep_their_empty_headings() {
    let (doc, _) = read("24-pagerduty-template.md");
    for heading in ["What Happened", "Messaging", "Internal", "External"] {
        assert!(
            doc.unmapped.iter().any(|u| u.heading == heading),
            "{heading}: {:?}",
            doc.unmapped
        );
    }
}

#[test]
fn no_date_is_reported_not_invented() {
    let (_, report) = read("32-no-date.md");
    assert!(report.needs_date);
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown/32-no-date.md"),
    )
    .expect("read");
    let options = ImportOptions {
        date: chrono::NaiveDate::from_ymd_opt(2024, 4, 2),
        ..ImportOptions::default()
    };
    let (doc, report) = import(&text, &options).expect("import");
    assert!(!report.needs_date);
    assert_eq!(doc.timeline[0].at.to_rfc3339(), "2024-04-02T10:02:00+00:00");
    // A date in the file name counts too.
    let named = ImportOptions {
        name: Some("2024-05-06-flags.md".into()),
        ..ImportOptions::default()
    };
    let (doc, _) = import(&text, &named).expect("import");
    assert_eq!(doc.timeline[0].at.to_rfc3339(), "2024-05-06T10:02:00+00:00");
}

#[test]
fn headings_can_be_mapped_explicitly() {
    let text = "# Outage\n\n**Date:** 2024-01-02\n\n## Odd bits\n\n- The cache was cold.\n- Nobody was paged.\n";
    let map = parse_map("Odd bits=factors").expect("map");
    assert_eq!(map, ("Odd bits".to_string(), "factors".to_string()));
    let options = ImportOptions {
        map: vec![map],
        ..ImportOptions::default()
    };
    let (doc, report) = import(text, &options).expect("import");
    assert_eq!(doc.factors.len(), 2);
    assert!(report.to_string().contains("Odd bits → factors"));
    let error = parse_map("Odd bits=nonsense").expect_err("unknown");
    assert!(error.contains("expected one of summary"), "{error}");
}

#[test]
fn dst_gaps_and_repeats_are_reported_like_the_timeline_import() {
    let text = "# Outage\n\n**Date:** 2025-03-09\n\nAll times in America/New_York.\n\n## Timeline\n\n- 01:50 errors begin\n- 02:30 retry storm\n- 03:05 alert fires\n";
    let (doc, report) = import(text, &ImportOptions::default()).expect("import");
    assert_eq!(doc.timeline.len(), 3, "nothing dropped");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("2025-03-09 02:30 does not exist in America/New_York")),
        "{:?}",
        report.warnings
    );
    let fall = "# Outage\n\n**Date:** 2025-11-02\n\nAll times in America/New_York.\n\n## Timeline\n\n- 00:50 errors begin\n- 01:30 alert fires\n";
    let (doc, report) = import(fall, &ImportOptions::default()).expect("import");
    assert_eq!(doc.timeline[1].at.to_rfc3339(), "2025-11-02T01:30:00-04:00");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("01:30 happens twice")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn numbered_and_bold_headings_and_code_block_timelines() {
    let text = "# 2024-02-01 Outage\n\n**Timeline**\n\n```\n09:00:12 deploy starts\n09:04:40 errors rise\n```\n\n## 3. Action Items\n\n- [ ] Add a canary (@web)\n\n## II. Root cause\n\nA bad flag.\n";
    let (doc, report) = import(text, &ImportOptions::default()).expect("import");
    assert_eq!(doc.timeline.len(), 2, "{report}");
    assert_eq!(doc.timeline[1].text, "errors rise");
    assert_eq!(doc.timeline[0].at.to_rfc3339(), "2024-02-01T09:00:12+00:00");
    assert_eq!(doc.actions.len(), 1, "{report}");
    assert_eq!(doc.whys.root_cause, "A bad flag.");
}

#[test]
fn html_pandoc_and_jira_tables_are_tables() {
    let (html, _) = read("15-html-tables.md");
    assert_eq!(
        html.timeline[2].text,
        "Latency alert pages the storage on-call"
    );
    assert_eq!(html.actions[0].owner, "@storage");
    let (confluence, _) = read("16-confluence-pandoc.md");
    assert_eq!(confluence.meta.severity, "SEV-1", "P1 in a Pandoc table");
    assert_eq!(
        confluence.timeline[0].at.to_rfc3339(),
        "2024-02-12T02:00:00+01:00",
        "CET, on the incident date"
    );
    // The Notes column is kept with its event.
    assert!(
        confluence.timeline[1]
            .text
            .contains("Leader lock had expired")
    );
    let (google, _) = read("17-google-docs-pandoc.md");
    assert_eq!(
        google.timeline[0].at.to_rfc3339(),
        "2024-03-06T10:02:00-08:00"
    );
    assert_eq!(google.actions[1].owner, "spatel");
    let (jira, _) = read("18-jira-wiki-leftovers.md");
    assert_eq!(jira.timeline[3].text, "Partitions back online");
    assert!(
        jira.summary.contains("kafka-07")
            || jira
                .unmapped
                .iter()
                .any(|u| u.markdown.contains("kafka-07"))
    );
}

#[test]
fn a_zone_in_the_time_column_applies_to_its_rows() {
    let (doc, _) = read("29-atlassian.md");
    assert_eq!(doc.meta.severity, "SEV-2", "Priority P2");
    assert_eq!(doc.timeline[0].at.to_rfc3339(), "2023-11-29T09:30:00+11:00");
    assert_eq!(doc.whys.nodes.len(), 4);
}
