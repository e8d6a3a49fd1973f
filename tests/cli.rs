//! The `debrief` command line, run as a user would.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run debrief")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn help_lists_every_command() {
    let out = debrief(&["--help"]);
    assert!(out.status.success());
    let help = stdout(&out);
    let commands = [
        "edit",
        "new",
        "export",
        "check",
        "fmt",
        "lint",
        "lint-text",
        "import",
        "import-md",
        "stats",
        "actions",
    ];
    for command in commands {
        assert!(
            help.lines().any(|l| l.trim_start().starts_with(command)),
            "--help lacks {command}:\n{help}"
        );
    }
    for command in commands {
        let out = debrief(&[command, "--help"]);
        assert!(out.status.success(), "{command} --help");
        assert!(stdout(&out).contains("Usage: debrief"), "{command} --help");
    }
}

#[test]
fn new_writes_a_loadable_document_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pm.toml");
    let file = path.to_str().expect("path");
    let out = debrief(&["new", "--title", "Queue backlog", file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = debrief::store::load(&path).expect("new document loads").doc;
    assert_eq!(doc.meta.title, "Queue backlog");
    assert_eq!(doc.kind, debrief::model::Kind::Incident);
    assert_eq!(
        doc.response.len(),
        5,
        "the five response phases are laid out"
    );

    fs::write(&path, "precious").expect("write");
    let again = debrief(&["new", file]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("refusing to overwrite"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), "precious");
}

#[test]
fn new_project_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("retro.toml");
    let out = debrief(&["new", "--kind", "project", path.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = debrief::store::load(&path).expect("loads").doc;
    assert_eq!(doc.kind, debrief::model::Kind::Project);
    let md = stdout(&debrief(&["export", path.to_str().expect("path")]));
    assert!(md.starts_with("# Project Postmortem: Untitled"), "{md}");
}

#[test]
fn export_to_stdout_and_to_a_file_agree() {
    let source = example("db-connection-pool.toml");
    let out = debrief(&["export", &source]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.md");
    let written = debrief(&["export", &source, "-o", target.to_str().expect("path")]);
    assert!(written.status.success());
    assert!(stdout(&written).is_empty());
    assert_eq!(fs::read_to_string(&target).expect("read"), stdout(&out));
    assert!(stdout(&out).starts_with("# Postmortem: "));
}

#[test]
fn check_exit_codes() {
    let clean = example("checkout-cache-stampede.toml");
    assert_eq!(debrief(&["check", &clean]).status.code(), Some(0));

    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.toml");
    let text = fs::read_to_string(&clean).expect("read");
    fs::write(&broken, text.replacen("id = \"T2\"", "id = \"T1\"", 1)).expect("write");
    let out = debrief(&["check", &clean, broken.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("duplicate id `T1`"),
        "{}",
        stdout(&out)
    );

    let missing = dir.path().join("missing.toml");
    let out = debrief(&[
        "check",
        broken.to_str().expect("path"),
        missing.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(2), "unreadable wins over problems");
    assert!(stderr(&out).contains("missing.toml"));

    assert_eq!(debrief(&["check"]).status.code(), Some(2), "usage error");
}

#[test]
fn fmt_rewrites_only_what_is_not_canonical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pm.toml");
    let file = path.to_str().expect("path");
    let canonical = fs::read_to_string(example("db-connection-pool.toml")).expect("read");
    // Same document, messier layout: keys out of order, comments, spacing.
    let messy = canonical.replacen("schema = 1\n", "# a comment\nschema    =   1\n", 1);
    fs::write(&path, &messy).expect("write");

    let out = debrief(&["fmt", "--check", file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("not in canonical form"));
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        messy,
        "--check never writes"
    );

    let out = debrief(&["fmt", file]);
    assert!(out.status.success());
    assert_eq!(fs::read_to_string(&path).expect("read"), canonical);

    let out = debrief(&["fmt", "--check", file]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn bundled_examples_embedded_in_the_binary_match_the_files() {
    for example in debrief::examples::EXAMPLES {
        let file = debrief::store::load(Path::new(&self::example(example.name)))
            .expect("file loads")
            .doc;
        assert_eq!(
            example.load().expect("embedded loads"),
            file,
            "{}",
            example.name
        );
    }
}

#[test]
fn import_md_writes_toml_and_reports_to_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("pm.md");
    std::fs::write(
        &input,
        "# Postmortem: Disk full\n\n**Date:** 2026-02-05\n\n## Timeline\n\n- 14:02 disk alarm\n\n## Background\n\nOld logs.\n",
    )
    .expect("write");
    let output = dir.path().join("pm.toml");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(["import-md"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(["--tz", "Europe/Berlin"])
        .output()
        .expect("run");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(report.contains("Timeline → timeline (1)"), "{report}");
    assert!(report.contains("Background"), "{report}");
    let doc = debrief::store::load(&output).expect("load").doc;
    assert_eq!(doc.meta.title, "Disk full");
    assert_eq!(doc.timeline[0].at.to_rfc3339(), "2026-02-05T14:02:00+01:00");
    // A second run refuses to overwrite.
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(["import-md"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .expect("run");
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn import_md_without_a_date_asks_for_one_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("flags.md");
    std::fs::write(
        &input,
        "# Outage: flags\n\nTimes are UTC.\n\n## What happened\n\n- 10:02 deploy starts\n- 10:05 reads time out\n\n## Odd bits\n\n- The port was wrong.\n",
    )
    .expect("write");
    let output = dir.path().join("pm.toml");
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_debrief"))
            .args(["import-md"])
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .args(extra)
            .output()
            .expect("run")
    };
    let refused = run(&[]);
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("pass --date YYYY-MM-DD"), "{message}");
    assert!(!output.exists(), "nothing written");
    let bad = run(&["--date", "14/03"]);
    assert_eq!(bad.status.code(), Some(2));
    let done = run(&["--date", "2024-03-14", "--map", "Odd bits=factors"]);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let report = String::from_utf8_lossy(&done.stderr);
    assert!(report.contains("Odd bits → factors"), "{report}");
    let doc = debrief::store::load(&output).expect("load").doc;
    assert_eq!(doc.timeline[0].at.to_rfc3339(), "2024-03-14T10:02:00+00:00");
    assert_eq!(doc.factors.len(), 1);
    let help = debrief(&["import-md", "--help"]);
    let help = stdout(&help);
    assert!(help.contains("--date") && help.contains("--map"), "{help}");
}
