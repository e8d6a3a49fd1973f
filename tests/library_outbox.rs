//! The tracker outbox and the way back: `actions --export github` runs as
//! a shell script against a stand-in `gh` that records its arguments (so
//! quoting is tested by a real shell), the Jira and Linear CSV layouts are
//! read back with a CSV reader, and `--link` writes the tickets into the
//! files — once.

use std::path::Path;
use std::process::{Command, Output};

const TODAY: &str = "2026-03-01";

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run debrief")
}

/// Titles a shell or a spreadsheet would misread.
const NASTY: &str = "Fix \"quoted\" `rm -rf /` $HOME it's\nsecond line";
const FORMULA: &str = "=HYPERLINK(\"http://x\",\"y\")";

fn library(dir: &Path) {
    let doc = format!(
        r#"schema = 1
kind = "incident"

[meta]
id = "INC-9"
title = "Pool $(exhaustion) and `backticks`"
severity = "SEV-2"

[[factors]]
id = "F1"
category = "technical"
text = "Pool limit 'never' revisited"

[[actions]]
id = "A1"
title = {nasty}
type = "prevent"
priority = "P1"
owner = "@dana-r"
due = 2026-04-01
status = "open"
factors = ["F1"]

[[actions]]
id = "A2"
title = {formula}
priority = "P2"
owner = "Platform Team"
status = "in-progress"

[[actions]]
id = "A3"
title = "-1 retries"
status = "open"

[[actions]]
id = "A4"
title = "Already ticketed"
status = "open"
ticket = "ENG-1"

[[actions]]
id = "A5"
title = "Finished"
status = "done"
"#,
        nasty = toml_string(NASTY),
        formula = toml_string(FORMULA)
    );
    std::fs::write(dir.join("inc-9.toml"), doc).expect("write");
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[test]
fn github_script_quotes_for_the_shell_and_links_back() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let lib = tmp.path().join("pm");
    std::fs::create_dir(&lib).expect("mkdir");
    library(&lib);
    let script = tmp.path().join("outbox.sh");
    let out = debrief(&[
        "actions",
        lib.to_str().expect("path"),
        "--today",
        TODAY,
        "--export",
        "github",
        "-o",
        script.to_str().expect("path"),
        "--base-url",
        "https://github.com/org/pm/blob/main",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 action(s) to export"));

    // A stand-in gh: each argument NUL-terminated into a log, one URL out.
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).expect("mkdir");
    let log = tmp.path().join("gh.log");
    std::fs::write(
        bin.join("gh"),
        format!(
            "#!/bin/sh\nn=$(cat '{count}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{count}'\nfor a in \"$@\"; do printf '%s\\0' \"$a\" >> '{log}'; done\nprintf '\\n\\0' >> '{log}'\necho https://github.com/org/work/issues/$n\n",
            count = tmp.path().join("count").display(),
            log = log.display()
        ),
    )
    .expect("write gh");
    let chmod = Command::new("chmod")
        .arg("+x")
        .arg(bin.join("gh"))
        .status()
        .expect("chmod");
    assert!(chmod.success());
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let ran = Command::new("sh")
        .arg(&script)
        .current_dir(tmp.path())
        .env("PATH", path)
        .env("HOME", "/should-not-expand")
        .output()
        .expect("run script");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );

    let logged = std::fs::read(&log).expect("gh log");
    let calls: Vec<Vec<String>> = logged
        .split(|b| *b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .filter(|a| !a.is_empty())
        .collect::<Vec<_>>()
        .split(|a| a == "\n")
        .map(|c| c.to_vec())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(calls.len(), 3, "A1, A2, A3: not the ticketed or done ones");
    let first = &calls[0];
    assert_eq!(first[0..2], ["issue", "create"]);
    assert_eq!(
        first[2], "--title=A1: Fix \"quoted\" `rm -rf /` $HOME it's second line",
        "one line, nothing expanded"
    );
    let body = first[3].strip_prefix("--body=").expect("body");
    assert!(body.starts_with(
        "Action A1 of postmortem INC-9: Pool $(exhaustion) and `backticks`\nhttps://github.com/org/pm/blob/main/inc-9.toml\n"
    ), "{body}");
    assert!(
        body.contains("- F1 (technical): Pool limit 'never' revisited\n"),
        "{body}"
    );
    assert!(body.contains("Priority: P1 · Type: prevent · Owner: @dana-r · Due: 2026-04-01"));
    assert!(body.ends_with("debrief: INC-9#A1"));
    assert_eq!(
        first[4..],
        [
            "--label=postmortem",
            "--label=priority:P1",
            "--label=type:prevent",
            "--assignee=dana-r"
        ]
    );
    assert!(
        !calls[1].iter().any(|a| a.starts_with("--assignee")),
        "a team is no GitHub handle"
    );
    assert_eq!(calls[2][2], "--title=A3: -1 retries");

    // The links file the script wrote, then --link: tickets into the file.
    let links = tmp.path().join("debrief-links.csv");
    let text = std::fs::read_to_string(&links).expect("links");
    assert_eq!(
        text,
        "action,ticket,status\nINC-9#A1,https://github.com/org/work/issues/1\nINC-9#A2,https://github.com/org/work/issues/2\nINC-9#A3,https://github.com/org/work/issues/3\n",
        "no status: a new ticket does not reopen work in progress"
    );
    // The tracker closed #3 since.
    std::fs::write(&links, text.replace("issues/3\n", "issues/3,closed\n")).expect("write");
    let linked = debrief(&[
        "actions",
        lib.to_str().expect("path"),
        "--link",
        links.to_str().expect("path"),
    ]);
    assert_eq!(
        linked.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&linked.stderr)
    );
    let report = String::from_utf8_lossy(&linked.stdout);
    assert!(
        report.contains("INC-9#A1 ticket: (none) → https://github.com/org/work/issues/1"),
        "{report}"
    );
    assert!(report.contains("INC-9#A3 status: open → done"), "{report}");
    assert!(
        report.contains("4 change(s) in 1 file(s); 0 row(s) already up to date"),
        "{report}"
    );
    let doc = debrief::store::load(&lib.join("inc-9.toml"))
        .expect("load")
        .doc;
    assert_eq!(
        doc.action("A1").expect("A1").ticket,
        "https://github.com/org/work/issues/1"
    );
    assert_eq!(
        doc.action("A2").expect("A2").status,
        debrief::model::ActionStatus::InProgress
    );
    assert_eq!(
        doc.action("A3").expect("A3").status,
        debrief::model::ActionStatus::Done
    );
    assert_eq!(
        doc.action("A1").expect("A1").title,
        NASTY,
        "the rest is kept"
    );

    // Idempotent: the same file again changes nothing and writes nothing.
    let before = std::fs::metadata(lib.join("inc-9.toml"))
        .expect("meta")
        .modified()
        .expect("mtime");
    let again = debrief(&[
        "actions",
        lib.to_str().expect("path"),
        "--link",
        links.to_str().expect("path"),
    ]);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains("0 change(s) in 0 file(s); 3 row(s) already up to date")
    );
    let after = std::fs::metadata(lib.join("inc-9.toml"))
        .expect("meta")
        .modified()
        .expect("mtime");
    assert_eq!(before, after);
    // Now nothing is left to export.
    let none = debrief(&[
        "actions",
        lib.to_str().expect("path"),
        "--export",
        "github",
        "-o",
        "-",
    ]);
    assert!(String::from_utf8_lossy(&none.stderr).contains("0 action(s) to export"));
}

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn export(kind: &str) -> String {
    let tmp = tempfile::tempdir().expect("tempdir");
    library(tmp.path());
    let out = debrief(&[
        "actions",
        tmp.path().to_str().expect("path"),
        "--today",
        TODAY,
        "--export",
        kind,
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn jira_csv_layout_escaping_and_formulas() {
    let text = export("jira-csv");
    let (header, rows) = read_csv(&text);
    assert_eq!(
        header,
        [
            "Summary",
            "Issue Type",
            "Description",
            "Priority",
            "Assignee",
            "Due Date",
            "Labels",
            "Labels",
            "Labels"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0][0],
        "A1: Fix \"quoted\" `rm -rf /` $HOME it's second line"
    );
    assert!(
        text.contains("\"A1: Fix \"\"quoted\"\""),
        "quotes doubled inside a quoted cell"
    );
    assert!(rows[0][2].contains('\n'), "the description keeps its lines");
    assert_eq!(
        rows[0][3..],
        [
            "High",
            "dana-r",
            "2026-04-01",
            "postmortem",
            "priority-P1",
            "type-prevent"
        ]
    );
    assert_eq!(
        rows[1][0],
        format!("A2: {FORMULA}"),
        "the id prefix already disarms it"
    );
    assert_eq!(rows[2][0], "A3: -1 retries");
}

#[test]
fn linear_csv_layout() {
    let text = export("linear-csv");
    let (header, rows) = read_csv(&text);
    assert_eq!(
        header,
        [
            "Title",
            "Description",
            "Status",
            "Priority",
            "Assignee",
            "Labels",
            "Due Date"
        ]
    );
    assert_eq!(
        rows[0][2..],
        [
            "Todo",
            "High",
            "dana-r",
            "postmortem,priority:P1,type:prevent",
            "2026-04-01"
        ]
    );
    assert_eq!(rows[1][2..5], ["In Progress", "Medium", ""]);
    assert_eq!(rows[2][3], "No priority");
}

#[test]
fn csv_cells_that_start_a_formula_are_neutralized() {
    let tmp = tempfile::tempdir().expect("tempdir");
    library(tmp.path());
    let out = debrief(&[
        "actions",
        tmp.path().to_str().expect("path"),
        "--today",
        TODAY,
        "--format",
        "csv",
    ]);
    let (header, rows) = read_csv(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(header[4], "title");
    let titles: Vec<&str> = rows.iter().map(|r| r[4].as_str()).collect();
    assert!(
        titles.contains(&"'=HYPERLINK(\"http://x\",\"y\")"),
        "{titles:?}"
    );
    assert!(titles.contains(&"'-1 retries"), "{titles:?}");
    let owners: Vec<&str> = rows.iter().map(|r| r[7].as_str()).collect();
    assert!(owners.contains(&"'@dana-r"), "{owners:?}");
}

#[test]
fn link_reports_rows_it_cannot_apply() {
    let tmp = tempfile::tempdir().expect("tempdir");
    library(tmp.path());
    let links = tmp.path().join("links.csv");
    std::fs::write(
        &links,
        "INC-9#A9,ENG-9\nNOPE#A1,ENG-1\nINC-9#A2,ENG-2,someday\nINC-9#A5,ENG-5,done\n",
    )
    .expect("write");
    // The links file is beside the documents: it is not a .toml, so the
    // library ignores it.
    let out = debrief(&[
        "actions",
        tmp.path().to_str().expect("path"),
        "--link",
        links.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("links.csv:1: INC-9#A9: inc-9.toml has no action `A9`"),
        "{err}"
    );
    assert!(
        err.contains("links.csv:2: NOPE#A1: no postmortem `NOPE` in the library"),
        "{err}"
    );
    assert!(
        err.contains("links.csv:3: INC-9#A2: unknown status `someday`"),
        "{err}"
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("1 change(s) in 1 file(s)"),
        "the good row is applied: {report}"
    );
}

#[test]
fn link_waits_for_no_editor() {
    let tmp = tempfile::tempdir().expect("tempdir");
    library(tmp.path());
    let doc = tmp.path().join("inc-9.toml");
    let debrief::store::lock::LockAttempt::Acquired { lock, .. } =
        debrief::store::lock::acquire(&doc).expect("lock")
    else {
        panic!("lock");
    };
    let links = tmp.path().join("links.csv");
    std::fs::write(&links, "INC-9#A1,ENG-1\n").expect("write");
    let before = std::fs::read_to_string(&doc).expect("read");
    let out = debrief(&[
        "actions",
        tmp.path().to_str().expect("path"),
        "--link",
        links.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(2), "an editor holds the file");
    assert!(String::from_utf8_lossy(&out.stderr).contains("open in a running debrief editor"));
    assert_eq!(std::fs::read_to_string(&doc).expect("read"), before);
    drop(lock);
}
