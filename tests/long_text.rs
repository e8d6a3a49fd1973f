//! Long words and many findings (issue 11, finding 6): linting a 1 MB word,
//! a 100,000-character sign-off name, `lint-text` on a 400,000-character
//! word and the file positions of 50,000 findings in one field are all
//! linear in the text. (Speed is measured in `benches/lint.rs`; these tests
//! check the results, which the old quadratic code took minutes to reach.)

use std::fs;
use std::process::Command;

use debrief::lint::position::SourceIndex;
use debrief::lint::{Context, LintConfig, lint_document};
use debrief::model::{Event, Kind, Postmortem, SignOff, Timestamp};
use debrief::store;

fn word(len: usize, seed: usize) -> String {
    (0..len)
        .map(|i| char::from(b'a' + ((seed + i * 7) % 26) as u8))
        .collect()
}

#[test]
fn a_1mb_word_and_a_100k_sign_off_name_lint_like_short_ones() {
    let at: Timestamp = "2026-02-05T14:00:00Z".parse().expect("timestamp");
    let lint = |long: bool| {
        let len = |n: usize| if long { n } else { 12 };
        let mut doc = Postmortem::new(Kind::Incident, "Long words");
        doc.summary = format!(
            "{} Bob should have checked the pool.",
            word(len(1_000_000), 0)
        );
        let mut name = word(len(100_000), 1);
        name.replace_range(..1, "Q");
        doc.sign_off.push(SignOff {
            role: "Author".into(),
            name,
            date: None,
            fingerprint: String::new(),
        });
        doc.meta.roster = vec!["Bob".into()];
        let mut event = Event::new("T1", at, word(len(100_000), 2));
        event.actor = word(len(100_000), 3);
        doc.timeline.push(Box::new(event));
        let ctx = Context::new(&doc, &LintConfig::default());
        let mut rules: Vec<&str> = lint_document(&doc, &ctx)
            .iter()
            .map(|f| f.rule.as_str())
            .collect();
        rules.sort();
        rules
    };
    let long = lint(true);
    assert!(long.contains(&"blame/counterfactual"), "{long:?}");
    assert_eq!(long, lint(false));
}

#[test]
fn the_positions_of_50000_findings_in_one_field_are_exact() {
    let mut doc = Postmortem::new(Kind::Incident, "Many findings");
    doc.meta.roster = vec!["Bob".into()];
    doc.summary = "Caf\u{e9} \"Bob\" should have checked the dashboard. ".repeat(25_000);
    let source = store::to_toml(&doc).expect("toml");
    let ctx = Context::new(&doc, &LintConfig::default());
    let findings = lint_document(&doc, &ctx);
    let index = SourceIndex::new(&source);
    let lines: Vec<Vec<char>> = source.lines().map(|l| l.chars().collect()).collect();
    let mut bobs = 0;
    for finding in findings
        .iter()
        .filter(|f| f.excerpt.as_deref() == Some("Bob"))
    {
        let span = index.span(&finding.location).expect("span");
        let line = &lines[span.line - 1];
        let found: String = line[span.column - 1..span.end_column - 1].iter().collect();
        assert_eq!(found, "Bob", "{finding:?} at {span:?}");
        bobs += 1;
    }
    assert!(bobs >= 25_000, "{bobs} findings name Bob");
}

#[test]
fn debrief_lint_text_on_a_400k_character_word() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("word.txt");
    fs::write(
        &path,
        format!("{}\nThe engineer should have known.\n", word(400_000, 5)),
    )
    .expect("write");
    let run = Command::new(env!("CARGO_BIN_EXE_debrief"))
        .arg("lint-text")
        .arg(&path)
        .output()
        .expect("run debrief");
    let out = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{out}");
    assert!(out.contains(":2:"), "the finding is on line 2: {out}");
    assert!(!out.contains(":1:"), "the long word is no finding: {out}");
}

#[test]
fn a_title_with_a_long_run_of_separators_and_no_date() {
    // `find_date` used to retry at every space and comma before a word, each
    // time skipping the rest of the run: quadratic when no date follows.
    let md = format!(
        "# Outage{}Feb 5\n\n**Date:** 2026-02-05\n\n## Timeline\n\n- 14:02 The alert fired.\n",
        ", ".repeat(200_000)
    );
    let (doc, _) = debrief::import::markdown::import(&md, &Default::default()).expect("import");
    let at = doc.timeline.first().map(|e| e.at.to_rfc3339());
    assert_eq!(at.as_deref(), Some("2026-02-05T14:02:00+00:00"));
}
