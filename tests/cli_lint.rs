//! `debrief lint` and `debrief lint-text`, run as a user would: exit codes
//! and the JSON / GitHub formats.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn debrief(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .env("NO_COLOR", "1")
        // The user's own config file must not change what tests see.
        .env("DEBRIEF_CONFIG", "")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run debrief");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A copy of an example with `from` replaced by `to`.
fn variant(dir: &Path, from: &str, to: &str) -> String {
    let source = std::fs::read_to_string(example("db-connection-pool.toml")).expect("read");
    assert!(source.contains(from), "example lacks {from:?}");
    let path = dir.join("variant.toml");
    std::fs::write(&path, source.replacen(from, to, 1)).expect("write");
    path.to_string_lossy().into_owned()
}

#[test]
fn clean_examples_exit_zero() {
    let out = debrief(
        &[
            "lint",
            &example("db-connection-pool.toml"),
            &example("checkout-cache-stampede.toml"),
            &example("project-platform-migration.toml"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 error(s), 0 warning(s)"));
}

#[test]
fn blame_exits_one_with_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = variant(dir.path(), "status = \"final\"", "status = \"draft\"");
    let source = std::fs::read_to_string(&file).expect("read");
    let file = dir.path().join("blame.toml");
    let text = source.replacen("text = \"", "text = \"Alice restarted it. ", 1);
    std::fs::write(&file, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l.contains("Alice"))
        .expect("line")
        + 1;
    let column = text
        .lines()
        .nth(line - 1)
        .expect("l")
        .find("Alice")
        .expect("col")
        + 1;
    let file = file.to_string_lossy().into_owned();

    let out = debrief(&["lint", &file], None);
    assert_eq!(out.status.code(), Some(1));
    let human = stdout(&out);
    assert!(
        human.contains(&format!(
            "{file}:{line}:{column}: error[blame/named-individual]"
        )),
        "{human}"
    );

    let out = debrief(&["lint", "--format", "json", &file], None);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let first = &json.as_array().expect("array")[0];
    assert_eq!(first["rule"], "blame/named-individual");
    assert_eq!(first["line"], line);
    assert_eq!(first["column"], column);
    assert_eq!(first["end_column"], column + 5);
    assert_eq!(first["section"], "timeline");
    assert_eq!(first["field"], "text");
    assert_eq!(first["suggestion"], "The on-call engineer");

    let out = debrief(&["lint", "--format", "github", &file], None);
    let github = stdout(&out);
    assert!(
        github.starts_with(&format!(
            "::error file={file},line={line},col={column},endColumn={},title=blame/named-individual::",
            column + 5
        )),
        "{github}"
    );
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = variant(
        dir.path(),
        "text = \"",
        "text = \"The team should have rolled back. ",
    );
    let out = debrief(&["lint", &file], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("warning[blame/counterfactual]"));
    let out = debrief(&["lint", "--deny", "warnings", &file], None);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unreadable_input_exits_two() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "schema = 1\n[meta\n").expect("write");
    let out = debrief(&["lint", &bad.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml:2"));
    let out = debrief(&["lint", "/nonexistent/x.toml"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn lint_text_reads_stdin_and_prints_json() {
    let input = "The health check failed to respond.\nThe root cause was human error, and Bob ignored the page.\n";
    let out = debrief(&["lint-text", "-", "--format", "json"], Some(input));
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = json.as_array().expect("array");
    let rules: Vec<&str> = rows
        .iter()
        .map(|r| r["rule"].as_str().expect("rule"))
        .collect();
    assert_eq!(
        rules,
        [
            "blame/human-error",
            "blame/named-individual",
            "blame/blame-verb"
        ]
    );
    for row in rows {
        assert_eq!(row["line"], 2);
        for key in [
            "category",
            "severity",
            "message",
            "suggestion",
            "column",
            "end_column",
        ] {
            assert!(row.get(key).is_some(), "missing {key}");
        }
    }
    // "The root cause was " is 19 characters: "human error" spans 20..31.
    assert_eq!(rows[0]["column"], 20);
    assert_eq!(rows[0]["end_column"], 31);

    let out = debrief(
        &["lint-text"],
        Some("The deploy should have taken 5 minutes.\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).is_empty());
}

#[test]
fn lint_text_reads_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "fine\nSarah forgot the flag.\n").expect("write");
    let out = debrief(&["lint-text", &path.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(":2:1: error[blame/named-individual]"),
        "{}",
        stdout(&out)
    );
    let out = debrief(&["lint-text", "/nonexistent/notes.txt"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_config_files_roster_and_allow_list_apply() {
    let dir = tempfile::tempdir().expect("tmp");
    let config = dir.path().join("config.toml");
    let sentence = "Quillon restarted the payments pod at 14:02.\n";
    let plain = debrief(&["lint-text", "-", "--format", "json"], Some(sentence));
    assert_eq!(plain.status.code(), Some(0), "{}", stdout(&plain));
    std::fs::write(&config, "[lint]\nroster = [\"Quillon Abernathy\"]\n").expect("write");
    let config_arg = config.to_string_lossy().into_owned();
    let named = debrief(
        &[
            "lint-text",
            "-",
            "--format",
            "json",
            "--config",
            &config_arg,
        ],
        Some(sentence),
    );
    assert_eq!(named.status.code(), Some(1), "{}", stdout(&named));
    assert!(
        stdout(&named).contains("blame/named-individual"),
        "{}",
        stdout(&named)
    );
    // An allow list in the config file accepts the word again.
    std::fs::write(
        &config,
        "[lint]\nroster = [\"Quillon Abernathy\"]\nallow = [\"Quillon\"]\n",
    )
    .expect("write");
    let allowed = debrief(&["lint-text", "-", "--config", &config_arg], Some(sentence));
    assert_eq!(allowed.status.code(), Some(0), "{}", stdout(&allowed));
    // A broken config file is an error with its position, not a silent default.
    std::fs::write(&config, "[lint]\nroster = 3\n").expect("write");
    let broken = debrief(
        &[
            "lint",
            &example("db-connection-pool.toml"),
            "--config",
            &config_arg,
        ],
        None,
    );
    assert_eq!(broken.status.code(), Some(2));
    let err = String::from_utf8_lossy(&broken.stderr).into_owned();
    assert!(err.contains("config.toml:2:10"), "{err}");
}

#[test]
fn lint_text_honours_markdown_disable_comments() {
    let input = "\
The root cause was human error.
<!-- debrief-disable-next-line blame/human-error -->
The root cause was human error.
The root cause was human error.
<!-- debrief-disable blame/ -->
Clearly the engineer was careless.
<!-- debrief-enable blame/ -->
Clearly the engineer was careless.
";
    let out = debrief(&["lint-text", "-", "--format", "json"], Some(input));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut lines: Vec<u64> = json
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["line"].as_u64().expect("line"))
        .collect();
    lines.dedup();
    assert_eq!(lines, [1, 4, 8]);
}

#[test]
fn rule_levels_and_min_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = variant(
        dir.path(),
        "text = \"",
        "text = \"The team should have rolled back. ",
    );
    let config = dir.path().join("config.toml");
    let config_arg = config.to_string_lossy().into_owned();
    // Raised to an error, the counterfactual fails the run.
    std::fs::write(
        &config,
        "[lint.rules]\n\"blame/counterfactual\" = \"error\"\n",
    )
    .expect("write");
    let out = debrief(&["lint", "--config", &config_arg, &file], None);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("error[blame/counterfactual]"));
    // Off, it is gone; a family set to info turns warnings into infos.
    std::fs::write(
        &config,
        "[lint.rules]\n\"blame/counterfactual\" = \"off\"\n\"complete/\" = \"info\"\n",
    )
    .expect("write");
    let out = debrief(&["lint", "--config", &config_arg, &file], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stdout(&out).contains("blame/counterfactual"));
    assert!(
        !stdout(&out).contains("warning[complete/"),
        "{}",
        stdout(&out)
    );
    // --min-level hides what is below it.
    let out = debrief(&["lint", "--min-level", "error", &file], None);
    assert!(!stdout(&out).contains("warning["), "{}", stdout(&out));
    // An unknown id is refused with the nearest known one.
    std::fs::write(&config, "[lint.rules]\n\"blame/judgement\" = \"off\"\n").expect("write");
    let out = debrief(&["lint", "--config", &config_arg, &file], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("config.toml:2:1: unknown lint rule `blame/judgement`"),
        "{err}"
    );
    assert!(err.contains("did you mean `blame/judgment`?"), "{err}");
}

#[test]
fn vale_style_is_written_and_vale_runs_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let style = dir.path().join("styles/Debrief");
    let style_arg = style.to_string_lossy().into_owned();
    let out = debrief(&["lint", "--vale-style", &style_arg], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let human = std::fs::read_to_string(style.join("HumanError.yml")).expect("rule file");
    assert!(human.contains("extends: existence") && human.contains("\"human error\""));
    assert!(style.join("Rewrites.yml").exists());
    if Command::new("vale").arg("--version").output().is_err() {
        eprintln!("vale is not installed: skipping the run of the generated style");
        return;
    }
    std::fs::write(
        dir.path().join(".vale.ini"),
        "StylesPath = styles\nMinAlertLevel = suggestion\n[*.md]\nBasedOnStyles = Debrief\n",
    )
    .expect("ini");
    let doc = dir.path().join("pm.md");
    std::fs::write(&doc, "# Outage\n\nThe root cause was human error.\n").expect("md");
    let run = Command::new("vale")
        .current_dir(dir.path())
        .args(["--output=line", "pm.md"])
        .output()
        .expect("run vale");
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.contains("Debrief.HumanError"), "{text}");
}
