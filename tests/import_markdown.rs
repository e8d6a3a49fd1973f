//! Markdown import: round trips through the export, the seed guides'
//! example postmortems, and varied hand-written postmortems.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use debrief::export::markdown;
use debrief::import::markdown::{ImportOptions, import};
use debrief::model::Postmortem;
use debrief::store;

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("assets/examples exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn read(md: &str) -> Postmortem {
    import(md, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import failed: {e}"))
        .0
}

#[test]
fn export_then_import_gives_back_every_bundled_example() {
    for path in examples() {
        let original = store::load(&path).expect("load").doc;
        let text = markdown(&original);
        let imported = read(&text);
        if imported != original {
            let a = store::to_toml(&original).expect("toml");
            let b = store::to_toml(&imported).expect("toml");
            let dir = std::env::temp_dir();
            fs::write(dir.join("rt-original.toml"), &a).expect("write");
            fs::write(dir.join("rt-imported.toml"), &b).expect("write");
            panic!(
                "{}: export → import differs (see {}/rt-*.toml)",
                path.display(),
                dir.display()
            );
        }
    }
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/markdown")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fixtures() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/markdown");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

/// Words of a text: runs of letters, lower-cased. Numbers, month and day
/// names and am/pm are left out: dates and times are normalized on import
/// ("Jan 30" → 2026-01-30, "2:30 PM" → 14:30), which is the point.
fn words(text: &str) -> BTreeSet<String> {
    const NORMALIZED: &[&str] = &["st", "nd", "rd", "th", "h", "m", "min", "z", "t"];
    // Field names the import translates into the model's own: a renamed
    // column or label, not lost content.
    const STRUCTURAL: &[&str] = &[
        "post",
        "mortem",
        "reviewed",
        "deadline",
        "author",
        "factor",
        "week",
        "month",
        "quarter",
        "incident",
        "review",
        "retrospective",
        "quick",
        "when",
        "who",
        "what",
        "happened",
        "title",
        "timezone",
        "fixes",
        "lesson",
        "work",
        "worked",
        // A German label read as the date.
        "datum",
    ];
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| {
            !NORMALIZED.contains(&w.as_str())
                && !common::words::DATE_WORDS.contains(&w.as_str())
                && !STRUCTURAL.contains(&w.as_str())
        })
        .collect()
}

#[test]
fn every_word_of_every_fixture_survives_import_and_export() {
    // The styles fixtures (12 and up) are measured by `import_coverage`,
    // which counts every occurrence against a floor.
    let original =
        |name: &str| name.starts_with("seed-") || name.get(..2).is_some_and(|n| n < "12");
    for name in fixtures().into_iter().filter(|n| original(n)) {
        let input = fixture(&name);
        let (doc, report) = import(&input, &ImportOptions::default()).expect("import");
        let output = markdown(&doc);
        let kept = words(&output);
        // A heading that named a section is translated into the export's own
        // heading ("TL;DR" → "Executive Summary"): its words are structure.
        let translated: BTreeSet<String> = report
            .mapped
            .iter()
            .filter(|line| line.target != "meta.title")
            .flat_map(|line| words(&line.heading))
            .collect();
        let lost: Vec<String> = words(&input)
            .difference(&kept)
            .filter(|w| !translated.contains(*w))
            .cloned()
            .collect();
        assert!(lost.is_empty(), "{name}: words lost on import: {lost:?}");
    }
}

#[test]
fn import_export_import_is_stable_for_every_fixture() {
    for name in fixtures() {
        let first = read(&fixture(&name));
        let second = read(&markdown(&first));
        if first != second {
            let a = store::to_toml(&first).expect("toml");
            let b = store::to_toml(&second).expect("toml");
            let dir = std::env::temp_dir();
            fs::write(dir.join("st-first.toml"), &a).expect("write");
            fs::write(dir.join("st-second.toml"), &b).expect("write");
            panic!(
                "{name}: second import differs (see {}/st-*.toml)",
                dir.display()
            );
        }
    }
}

#[test]
fn every_fixture_imports_to_a_structurally_clean_document() {
    for name in fixtures() {
        let doc = read(&fixture(&name));
        let problems = debrief::model::check(&doc);
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
}

#[test]
fn seed_db_connection_pool_maps_every_section() {
    let doc = read(&fixture("seed-db-connection-pool.md"));
    assert_eq!(doc.meta.title, "Database Connection Pool Exhaustion");
    assert_eq!(doc.meta.severity, "SEV-1");
    assert_eq!(doc.timeline.len(), 11);
    assert_eq!(doc.timeline[0].text, "First API timeout errors in logs");
    assert_eq!(
        doc.meta.started.map(|t| t.to_rfc3339()),
        Some("2026-01-28T14:23:00+00:00".into())
    );
    assert_eq!(
        doc.meta.ended.map(|t| t.to_rfc3339()),
        Some("2026-01-28T15:47:00+00:00".into())
    );
    // Five whys as a chain: each answer explained by the next.
    assert_eq!(doc.whys.nodes.len(), 5);
    assert_eq!(doc.whys.nodes[0].question, "Why did requests fail?");
    assert_eq!(doc.whys.nodes[4].parent, "W4");
    assert!(
        doc.whys
            .root_cause
            .starts_with("Missing connection cleanup")
    );
    assert_eq!(doc.factors.len(), 4);
    assert_eq!(doc.factors[1].contribution, "30+ minutes before detection");
    assert_eq!(doc.review.went_well.len(), 4);
    assert_eq!(doc.review.went_poorly.len(), 4);
    assert_eq!(doc.review.lucky.len(), 2);
    assert_eq!(doc.actions.len(), 8);
    let flag = &doc.actions[2];
    assert_eq!(flag.title, "Add feature flag to reporting");
    assert_eq!(flag.status, debrief::model::ActionStatus::Done);
    assert_eq!(flag.timeframe, Some(debrief::model::Timeframe::Immediate));
    assert_eq!(flag.due.map(|d| d.to_string()), Some("2026-01-29".into()));
    assert_eq!(doc.review.lessons.len(), 3);
    assert!(doc.unmapped.is_empty(), "{:?}", doc.unmapped);
}

#[test]
fn seed_standard_template_reads_pipe_separated_labels_and_tables() {
    let doc = read(&fixture("seed-standard-template.md"));
    assert_eq!(doc.meta.severity, "SEV-2");
    assert_eq!(doc.meta.authors, ["@alice", "@bob"]);
    assert_eq!(doc.timeline.len(), 7);
    assert_eq!(doc.whys.nodes.len(), 5);
    assert_eq!(doc.whys.nodes[1].question, "Why exhausted?");
    assert_eq!(doc.whys.nodes[1].text, "Each request opened new connection");
    assert_eq!(doc.factors.len(), 4);
    assert_eq!(doc.review.went_well.len(), 3);
    assert_eq!(doc.review.went_poorly.len(), 3);
    assert_eq!(doc.actions.len(), 4);
    assert_eq!(doc.actions[0].priority, Some(debrief::model::Priority::P0));
    assert_eq!(doc.actions[0].ticket, "ENG-1234");
    assert_eq!(doc.actions[3].owner, "@charlie");
}

#[test]
fn seed_api_degradation_keeps_columns_and_categories() {
    let doc = read(&fixture("seed-api-degradation.md"));
    assert_eq!(doc.meta.title, "API Service Degradation (2025-02-09)");
    assert_eq!(doc.timeline.len(), 8);
    assert_eq!(doc.timeline[0].source, "nginx access logs");
    assert_eq!(doc.timeline[3].actor, "@alice");
    assert!(doc.factors.iter().any(|f| f.category == "immediate cause"));
    assert!(doc.factors.iter().any(|f| f.category == "systemic issues"));
    assert_eq!(doc.actions.len(), 6);
    assert_eq!(doc.actions[0].ticket, "AI-001");
    assert_eq!(doc.actions[0].priority, Some(debrief::model::Priority::P1));
    assert!(doc.whys.root_cause.contains("missing index"));
}

#[test]
fn seed_quick_postmortem_reads_an_arrow_timeline() {
    let doc = read(&fixture("seed-quick-postmortem.md"));
    assert_eq!(doc.timeline.len(), 5);
    assert_eq!(doc.timeline[3].text, "warming enabled");
    assert!(doc.whys.root_cause.contains("Full flush"));
}

#[test]
fn flattened_seed_is_kept_whole() {
    let doc = read(&fixture("seed-api-outage-flattened.md"));
    assert!(doc.meta.title.contains("INC-2026-0205-001"));
}

#[test]
fn varied_fixtures_map_to_the_right_fields() {
    let bullets = read(&fixture("01-bullet-timeline.md"));
    assert_eq!(bullets.timeline.len(), 4);
    assert_eq!(
        bullets.timeline[2].text,
        "On-call engineer pauses writes to the index"
    );
    assert_eq!(bullets.meta.status, debrief::model::Status::InReview);
    assert_eq!(bullets.actions.len(), 2);
    assert_eq!(bullets.actions[0].owner, "@search-oncall");
    assert_eq!(
        bullets.actions[1].status,
        debrief::model::ActionStatus::Done
    );

    let reordered = read(&fixture("02-reordered-table.md"));
    assert_eq!(reordered.timeline[1].text, "Incident declared");
    assert_eq!(reordered.timeline[1].source, "Slack");
    assert_eq!(reordered.timeline[1].actor, "Incident commander");
    assert_eq!(reordered.actions[0].ticket, "PAY-310");
    assert_eq!(
        reordered.actions[0].status,
        debrief::model::ActionStatus::InProgress
    );

    let prose = read(&fixture("03-other-headings.md"));
    assert_eq!(prose.timeline.len(), 3);
    assert!(prose.whys.root_cause.contains("rollout tool"));
    assert_eq!(prose.response[0].phase, "detection");
    assert_eq!(prose.actions.len(), 2);
    assert!(prose.unmapped.iter().any(|u| u.heading == "Background"));
    assert!(prose.unmapped.iter().any(|u| u.heading == "Conclusion"));

    let comments = read(&fixture("05-html-comments.md"));
    assert_eq!(comments.meta.timezone, "Europe/Berlin");
    assert_eq!(
        comments.timeline[0].at.to_rfc3339(),
        "2026-04-01T10:00:00+02:00"
    );
    assert!(
        comments
            .unmapped
            .iter()
            .any(|u| u.markdown.contains("Template v3"))
    );

    let front = read(&fixture("06-front-matter.md"));
    assert_eq!(
        front.meta.title,
        "Login failures after certificate rotation"
    );
    assert_eq!(front.meta.tags, ["certificates", "login"]);
    assert_eq!(
        front.timeline[0].at.to_rfc3339(),
        "2026-05-14T08:00:00-04:00"
    );
    assert!(
        front
            .unmapped
            .iter()
            .any(|u| u.markdown.contains("reviewed_in"))
    );

    let crlf = read(&fixture("07-crlf.md"));
    assert_eq!(crlf.timeline.len(), 2);
    assert!(!crlf.summary.contains('\r'));

    let german = read(&fixture("08-non-ascii.md"));
    assert!(german.meta.title.contains("Störung"));
    assert!(german.timeline[0].text.contains("„nur Logging“"));

    let tree = read(&fixture("09-nested-whys.md"));
    assert_eq!(tree.whys.nodes.len(), 4);
    let children: Vec<&str> = tree.whys.children("W1").map(|w| w.id.as_str()).collect();
    assert_eq!(children, ["W2", "W4"]);
    assert_eq!(tree.factors[0].category, "process");
    assert_eq!(tree.factors[1].category, "technical");

    let project = read(&fixture("10-project.md"));
    assert_eq!(project.kind, debrief::model::Kind::Project);
    let goals = &project.project.as_ref().expect("project").goals;
    assert_eq!(goals.len(), 2);
    assert_eq!(
        goals[0].assessment,
        Some(debrief::model::Assessment::PartiallyMet)
    );
    assert_eq!(project.review.lessons[1].category, "technical");

    let github = read(&fixture("11-prose-github-style.md"));
    assert_eq!(github.timeline.len(), 2);
    assert_eq!(
        github.timeline[0].at.to_rfc3339(),
        "2018-10-21T22:52:00+00:00"
    );
    assert!(github.summary.starts_with("Last week"));
}
