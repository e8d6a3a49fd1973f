//! `debrief diff` on pairs of documents (human, Markdown against a golden
//! file, JSON) and as git's diff driver in a real repository.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::git::{BIN, DOC, Repo};

const OLD: &str = "tests/fixtures/git/old.toml";
const NEW: &str = "tests/fixtures/git/new.toml";

fn debrief(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DEBRIEF_CONFIG", "")
        .output()
        .expect("runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_markdown_comment_matches_the_golden_file() {
    let out = debrief(&["diff", "--format", "markdown", OLD, NEW]);
    assert!(out.status.success());
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/git/diff.md");
    if std::env::var_os("DEBRIEF_UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, &out.stdout).expect("write golden");
    }
    let expected = std::fs::read_to_string(&golden).expect("golden exists");
    assert_eq!(
        stdout(&out),
        expected,
        "rerun with DEBRIEF_UPDATE_GOLDEN=1 and read the diff"
    );
}

#[test]
fn the_json_names_every_change_by_id() {
    let out = debrief(&["diff", "--format", "json", OLD, NEW]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = json["items"].as_array().expect("items");
    let item = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {items:?}"))
    };
    assert_eq!(item("T3")["status"], "removed");
    assert_eq!(item("T5")["status"], "added");
    assert_eq!(item("T6")["status"], "added");
    let t2 = &item("T2")["fields"][0];
    assert_eq!(t2["field"], "text");
    let inserted: Vec<&str> = t2["change"]["words"]
        .as_array()
        .expect("words")
        .iter()
        .filter(|w| w["op"] == "insert")
        .filter_map(|w| w["text"].as_str())
        .collect();
    assert_eq!(inserted, ["API at 5% of requests."]);
    let links = &item("F2")["fields"][0]["change"];
    assert_eq!(links["links"], true);
    assert_eq!(links["added"], serde_json::json!(["T5"]));
    assert_eq!(links["removed"], serde_json::json!(["T3"]));
    assert_eq!(item("F1")["moved"], serde_json::json!([1, 2]));
    assert_eq!(item("A1")["fields"][0]["field"], "owner");
    let marks = json["marks"].as_array().expect("marks");
    let resolved = marks
        .iter()
        .find(|m| m["mark"] == "resolved")
        .expect("resolved");
    assert_eq!(resolved["from"], serde_json::json!(["T4"]));
    assert_eq!(resolved["to"], serde_json::json!(["T6"]));
    assert!(
        json["intervals"]
            .as_array()
            .expect("intervals")
            .contains(&serde_json::json!(["Time to resolve", "20m", "40m"]))
    );
    let fields: Vec<&str> = json["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["Status", "Summary", "Went well"]);
    assert_eq!(json["findings"]["before"][1], 6);
    assert_eq!(json["findings"]["after"][1], 5);
    assert_ne!(json["score"][0], json["score"][1]);
}

#[test]
fn human_lines_mark_words_and_exit_codes_follow_diff() {
    let out = debrief(&["diff", OLD, NEW]);
    let text = stdout(&out);
    assert!(
        text.contains("~ Summary: The search API returned errors for 20 minutes after a configuration push [-changed-]{+replaced+} the shard map."),
        "{text}"
    );
    assert!(text.contains("events: links +T5 -T3"), "{text}");
    assert!(text.contains("resolved moved T4 → T6"), "{text}");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        debrief(&["diff", "--exit-code", OLD, NEW]).status.code(),
        Some(1)
    );
    // Only the formatting differs: no change in meaning.
    let dir = tempfile::tempdir().expect("tmp");
    let copy = dir.path().join("same.toml");
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(OLD)).expect("read");
    std::fs::write(&copy, text.replace("\n\n[[", "\n\n\n[[")).expect("write");
    let same = debrief(&["diff", "--exit-code", OLD, copy.to_str().expect("utf-8")]);
    assert_eq!(same.status.code(), Some(0));
    assert!(stdout(&same).contains("no change in meaning"));
    // Neither two nor seven arguments: a usage error.
    assert_eq!(debrief(&["diff", OLD, NEW, OLD]).status.code(), Some(2));
}

#[test]
fn git_diff_and_log_show_debriefs_diff() {
    let repo = Repo::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(OLD), repo.path(DOC)).expect("copy");
    repo.commit("search API errors");
    std::fs::copy(root.join(NEW), repo.path(DOC)).expect("copy");
    // The working tree against the index: git calls the driver with 7 args.
    let diff = repo.git_ok(&["diff"]);
    assert!(diff.contains(&format!("debrief diff {DOC}")), "{diff}");
    assert!(diff.contains("[-changed-]{+replaced+}"), "{diff}");
    repo.commit("review: T5, T6, wording");
    let log = repo.git_ok(&["log", "-p", "--ext-diff"]);
    assert!(log.contains("+ T6 Shard map validated"), "{log}");
    // The first commit adds the file: the old side is /dev/null.
    assert!(log.contains("+ T1 Configuration push"), "{log}");
    // A file that is not a postmortem (conflict markers, say) still shows.
    std::fs::write(repo.path(DOC), "<<<<<<< ours\nschema = 1\n").expect("write");
    let diff = repo.git_ok(&["diff"]);
    assert!(diff.contains("not a readable postmortem"), "{diff}");
    assert!(diff.contains("+<<<<<<< ours"), "{diff}");
}
