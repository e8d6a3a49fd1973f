//! `debrief lint FILE.md`: a Markdown postmortem linted through the
//! Markdown importer, its findings placed in the Markdown file.

use std::process::{Command, Output};

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("DEBRIEF_CONFIG", "")
        .output()
        .expect("run debrief")
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/lint/blameful-postmortem.md"
);

#[test]
fn markdown_findings_carry_their_markdown_line_and_column() {
    let out = debrief(&["lint", FIXTURE]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{text}");
    // Prose: where the words are in the Markdown.
    assert!(
        text.contains("blameful-postmortem.md:9:52: error[blame/human-error] `human error`"),
        "{text}"
    );
    assert!(
        text.contains("blameful-postmortem.md:14:9: error[blame/named-individual] `Sarah`"),
        "{text}"
    );
    // The author's name in the header is not narrative.
    assert!(!text.contains("`Dana"), "{text}");
    // Completeness, through the importer.
    assert!(text.contains("warning[complete/impact]"), "{text}");
    // The disable comment of lint-text holds for the next line.
    assert!(!text.contains("careless"), "{text}");

    let json: serde_json::Value =
        serde_json::from_slice(&debrief(&["lint", FIXTURE, "--format", "json"]).stdout)
            .expect("json");
    let sarah = json
        .as_array()
        .expect("array")
        .iter()
        .find(|f| f["rule"] == "blame/named-individual")
        .expect("the name is found");
    assert_eq!(
        (
            sarah["line"].as_u64(),
            sarah["column"].as_u64(),
            sarah["end_column"].as_u64()
        ),
        (Some(14), Some(9), Some(14))
    );
}

#[test]
fn without_the_disable_comment_the_line_is_flagged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = std::fs::read_to_string(FIXTURE).expect("fixture");
    let path = dir.path().join("pm.md");
    std::fs::write(
        &path,
        source.replace("<!-- debrief-disable-next-line blame/judgment -->\n", ""),
    )
    .expect("write");
    let out = debrief(&["lint", &path.to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("pm.md:14:"), "{text}");
    assert!(
        text.contains("pm.md:15:") && text.contains("[blame/judgment] `careless`"),
        "{text}"
    );
}
