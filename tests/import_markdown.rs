//! Markdown import: round trips through the export, the seed guides'
//! example postmortems, and varied hand-written postmortems.

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
    const NORMALIZED: &[&str] = &[
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "am",
        "pm",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "st",
        "nd",
        "rd",
        "th",
        "h",
        "m",
        "min",
        "z",
        "t",
    ];
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
    ];
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !NORMALIZED.contains(&w.as_str()) && !STRUCTURAL.contains(&w.as_str()))
        .collect()
}

#[test]
fn every_word_of_every_fixture_survives_import_and_export() {
    for name in fixtures() {
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
