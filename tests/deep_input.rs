//! Input-driven depth: a Markdown list or block quote nested tens of
//! thousands deep, and a 5 Whys chain 100,000 deep, are read, checked,
//! linted and exported without overflowing the stack (issue 11, finding 5).

use std::collections::BTreeSet;
use std::fs;
use std::process::Command;

use debrief::import::markdown::{ImportOptions, import};
use debrief::lint::{Context, LintConfig, lint_document};
use debrief::model::{Postmortem, check};
use debrief::store;

/// Runs `f` on a thread with a small stack (512 KiB), so recursion that the
/// input drives shows up here as a crash rather than passing by luck on a
/// big main-thread stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic")
}

/// The words (runs of letters and digits) of a text.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every string of the document, as its TOML.
fn doc_text(doc: &Postmortem) -> String {
    store::to_toml(doc).expect("toml")
}

fn assert_keeps(doc: &Postmortem, expected: &[String]) {
    let kept = words(&doc_text(doc));
    let lost: Vec<&String> = expected.iter().filter(|w| !kept.contains(*w)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} words lost, first: {:?}",
        lost.len(),
        expected.len(),
        lost.iter().take(5).collect::<Vec<_>>()
    );
}

/// A list nested `depth` levels on one line (`- - - … word`), under each of
/// several sections that read lists.
fn one_line_nest(depth: usize) -> (String, Vec<String>) {
    let mut md = String::from("# Deep nesting\n\n");
    let mut expected = Vec::new();
    for (n, heading) in [
        "Summary",
        "Timeline",
        "5 Whys",
        "Contributing Factors",
        "What Went Well",
        "Action Items",
        "Lessons Learned",
        "Follow-up Schedule",
        "Background",
    ]
    .iter()
    .enumerate()
    {
        let word = format!("bottomword{n}");
        md.push_str(&format!("## {heading}\n\n{}{word}\n\n", "- ".repeat(depth)));
        expected.push(word);
    }
    (md, expected)
}

#[test]
fn a_list_nested_25000_deep_imports_and_keeps_every_word() {
    let (md, expected) = one_line_nest(25_000);
    let (doc, report) =
        on_small_stack(move || import(&md, &ImportOptions::default()).expect("import"));
    assert_keeps(&doc, &expected);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("nested deeper than") && w.contains("kept as text")),
        "the report says the nesting was flattened: {:?}",
        report.warnings
    );
}

#[test]
fn an_indented_list_nested_past_the_cap_keeps_a_word_per_level() {
    // One word per level, each level indented two more spaces.
    let depth = 400;
    let mut md = String::from("# Deep nesting\n\n## What Went Well\n\n");
    let mut expected = Vec::new();
    for level in 0..depth {
        let word = format!("level{level}word");
        md.push_str(&format!("{}- {word}\n", "  ".repeat(level)));
        expected.push(word);
    }
    let (doc, report) =
        on_small_stack(move || import(&md, &ImportOptions::default()).expect("import"));
    assert_keeps(&doc, &expected);
    assert!(
        // Level k is on line 5 + k; the first list too deep holds level 32.
        report.warnings.iter().any(|w| w.contains("at line 37 ")),
        "the warning names the line where the nesting was cut: {:?}",
        report.warnings
    );
}

#[test]
fn block_quotes_nested_deep_import_and_keep_every_word() {
    let mut md = String::from("# Deep quotes\n\n## Summary\n\n");
    md.push_str(&"> ".repeat(50_000));
    md.push_str("quotedword\n\n## What Went Well\n\n- ");
    md.push_str(&"> - ".repeat(20_000));
    md.push_str("mixedword\n\n## Background\n\n");
    for level in 0..300 {
        md.push_str(&format!("{} q{level}word\n", ">".repeat(level + 1)));
    }
    let expected: Vec<String> = ["quotedword".to_string(), "mixedword".to_string()]
        .into_iter()
        .chain((0..300).map(|l| format!("q{l}word")))
        .collect();
    let doc = on_small_stack(move || import(&md, &ImportOptions::default()).expect("import").0);
    assert_keeps(&doc, &expected);
}

#[test]
fn debrief_import_md_of_a_25000_deep_list_succeeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("deep.md");
    let output = dir.path().join("deep.toml");
    let (md, expected) = one_line_nest(25_000);
    fs::write(&input, md).expect("write");
    let run = Command::new(env!("CARGO_BIN_EXE_debrief"))
        .arg("import-md")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .expect("run debrief");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.contains("nested deeper than"), "stderr: {stderr}");
    let written = fs::read_to_string(&output).expect("output");
    let kept = words(&written);
    for word in &expected {
        assert!(kept.contains(word), "{word} lost");
    }
    // And the written document reads back.
    let check = Command::new(env!("CARGO_BIN_EXE_debrief"))
        .arg("check")
        .arg(&output)
        .output()
        .expect("run debrief");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// A chain W1 ← W2 ← … ← W`n` (each node explains the one before).
fn whys_chain_toml(n: usize) -> String {
    let mut toml = String::from(
        "schema = 1\nkind = \"incident\"\nsummary = \"Checkout failed.\"\n\n[meta]\ntitle = \"Deep whys\"\n\n[whys]\nproblem = \"Checkout failed.\"\nroot_cause = \"The pool had no limit.\"\n\n",
    );
    for i in 1..=n {
        toml.push_str(&format!("[[whys.node]]\nid = \"W{i}\"\n"));
        if i > 1 {
            toml.push_str(&format!("parent = \"W{}\"\n", i - 1));
        }
        toml.push_str(&format!("text = \"Cause number {i}.\"\n"));
        if i == n {
            toml.push_str("root = true\n");
        }
        toml.push('\n');
    }
    toml
}

#[test]
fn a_100000_deep_whys_chain_loads_checks_lints_and_exports() {
    let n = 100_000;
    let source = whys_chain_toml(n);
    let (problems, findings, markdown, walked) = on_small_stack(move || {
        let doc = store::parse(&source, std::path::Path::new("deep.toml")).expect("loads");
        let problems = check(&doc);
        let config = LintConfig::default();
        let ctx = Context::new(&doc, &config);
        let findings: Vec<String> = lint_document(&doc, &ctx)
            .into_iter()
            .map(|f| f.rule.to_string())
            .collect();
        let markdown = debrief::export::markdown(&doc);
        let walked: Vec<usize> = doc.whys.walk().into_iter().map(|(d, _)| d).collect();
        (problems, findings, markdown, walked)
    });
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(3)]
    );
    // Deep enough, with a root: no depth finding.
    assert!(
        !findings.iter().any(|r| r == "complete/whys-depth"),
        "{findings:?}"
    );
    // Every node is walked once, at its depth.
    assert_eq!(walked.len(), n);
    assert!(walked.iter().enumerate().all(|(i, d)| *d == i));
    // Every node is exported once, and the export stays linear in size.
    for i in [1, 2, 50, 99_999, 100_000] {
        assert_eq!(
            markdown.matches(&format!("**W{i}**")).count(),
            1,
            "W{i} exported once"
        );
    }
    assert!(
        markdown.len() < 100 * n,
        "export is {} bytes for {n} nodes",
        markdown.len()
    );
}

#[test]
fn a_cycle_in_a_long_chain_is_found() {
    let n = 50_000;
    let source =
        whys_chain_toml(n).replacen("id = \"W1\"\n", "id = \"W1\"\nparent = \"W50000\"\n", 1);
    let problems = on_small_stack(move || {
        let doc = store::parse(&source, std::path::Path::new("cycle.toml")).expect("loads");
        check(&doc)
    });
    assert_eq!(problems.len(), n, "every node of the cycle is reported");
    assert!(
        problems
            .iter()
            .all(|p| p.message.contains("leads to a cycle"))
    );
}

#[test]
fn a_deep_whys_chain_survives_export_and_import() {
    let source = whys_chain_toml(300);
    let doc = store::parse(&source, std::path::Path::new("deep.toml")).expect("loads");
    let markdown = debrief::export::markdown(&doc);
    let (back, _) = import(&markdown, &ImportOptions::default()).expect("import");
    assert_eq!(back.whys, doc.whys);
}
