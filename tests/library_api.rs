//! The library functions the editor calls (`scan`, `rows`, `related`) and
//! the near-miss kind across the commands that match on kinds.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use debrief::library;
use debrief::model::{Kind, Status};

fn fixture() -> library::Library {
    library::scan(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library"))
        .expect("scan")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

#[test]
fn rows_summarize_each_postmortem_newest_first() {
    let lib = fixture();
    assert!(lib.skipped.is_empty());
    let rows = library::rows(&lib, today());
    assert_eq!(rows.len(), 13);
    assert_eq!(rows[0].key, "INC-2026-0227");
    assert_eq!(rows[12].key, "INC-2023-0302");
    let pool = rows.iter().find(|r| r.key == "INC-2025-0420").expect("row");
    assert_eq!(pool.kind, Kind::Incident);
    assert_eq!(pool.status, Status::InReview);
    assert_eq!(pool.severity, "SEV-2");
    assert_eq!(pool.date, NaiveDate::from_ymd_opt(2025, 4, 20));
    assert_eq!((pool.open_actions, pool.overdue_actions), (2, 1));
    let near = rows.iter().find(|r| r.key == "NM-2025-1120").expect("row");
    assert_eq!(near.kind, Kind::NearMiss);
}

#[test]
fn related_incidents_share_their_cause_terms() {
    let lib = fixture();
    let doc = &lib
        .entries
        .iter()
        .find(|e| e.doc.meta.id == "INC-2025-0420")
        .expect("doc")
        .doc;
    let related = library::related(doc, &lib, 5);
    let keys: Vec<&str> = related.iter().map(|r| r.key.as_str()).collect();
    let mut pool = keys.clone();
    pool.sort();
    assert_eq!(pool, ["INC-2024-1028", "INC-2025-0110"], "{related:#?}");
    assert!(!keys.contains(&"INC-2025-0420"), "never itself");
    assert!(related[0].shared.contains(&"pool".to_string()));
    assert!(related[0].shared.contains(&"connection".to_string()));
    assert!(related.iter().all(|r| r.score > 0.0 && r.score <= 1.0));
    // A document about something else has no related postmortems here.
    let mut other = doc.clone();
    other.meta.id = "NEW".into();
    other.whys.root_cause = "A typo in the marketing banner".into();
    other.whys.nodes.clear();
    other.factors.clear();
    assert!(library::related(&other, &lib, 5).is_empty());
}

fn debrief(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run")
}

#[test]
fn near_miss_is_a_kind_of_its_own() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("nm.toml");
    let f = file.to_str().expect("path");
    let out = debrief(&["new", "--kind", "near-miss", "--title", "Almost", f]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = debrief::store::load(&file).expect("load").doc;
    assert_eq!(doc.kind, Kind::NearMiss);
    assert!(doc.project.is_none());
    assert_eq!(
        doc.response.len(),
        5,
        "detection and response rows, like an incident"
    );
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains("kind = \"near-miss\"")
    );

    // No impact or severity asked for; the analysis is.
    let lint = debrief(&["lint", "--format", "json", f]);
    let findings = String::from_utf8_lossy(&lint.stdout);
    assert!(!findings.contains("complete/impact"), "{findings}");
    assert!(!findings.contains("`meta.severity`"), "{findings}");
    assert!(
        findings.contains("complete/timeline") || findings.contains("complete/whys"),
        "{findings}"
    );
    let score = debrief::lint::completeness_score(&doc);
    assert!(score.parts.iter().all(|p| p.name != "impact"));
    assert!(score.parts.iter().any(|p| p.name == "whys"));

    // Exported under its own heading, and read back as a near miss.
    let md = debrief::export::markdown(&doc);
    assert!(md.starts_with("# Near Miss: Almost\n"), "{md}");
    let (back, _) = debrief::import::markdown::import(&md, &Default::default()).expect("import");
    assert_eq!(back.kind, Kind::NearMiss);
    assert_eq!(back.meta.title, "Almost");

    assert_eq!(Kind::parse("near-miss"), Some(Kind::NearMiss));
    assert_eq!(Kind::Incident.cycle(), Kind::NearMiss);
    assert_eq!(Kind::NearMiss.cycle(), Kind::Project);
    assert_eq!(Kind::Project.cycle(), Kind::Incident);
}
