//! Suppressions stored in the document (`[[lint.suppress]]`) and its own
//! `[lint.rules]`: add, list, diff, remove; stale ones reported; in the
//! editor `g s` accepts a finding with a reason as one undo step.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{default_app, press, screen};
use debrief::lint::{Context, LintConfig, lint_document, rule, suppression_for};
use debrief::store;

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("DEBRIEF_CONFIG", "")
        .output()
        .expect("run debrief")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/examples/db-connection-pool.toml"
);

/// The example with a judgment in its first event's text, written to `dir`.
fn blameful(dir: &Path) -> std::path::PathBuf {
    let source = std::fs::read_to_string(EXAMPLE).expect("read");
    let path = dir.join("pm.toml");
    std::fs::write(
        &path,
        source.replacen("text = \"", "text = \"The rollout was careless. ", 1),
    )
    .expect("write");
    path
}

/// The `[[lint.suppress]]` entry that accepts the document's one judgment.
fn suppression_toml(path: &Path) -> String {
    let doc = store::load(path).expect("loads").doc;
    let config = LintConfig::default();
    let findings = lint_document(&doc, &Context::new(&doc, &config));
    let finding = findings
        .iter()
        .find(|f| f.rule == rule::JUDGMENT)
        .expect("the judgment is found");
    let mut with = doc.clone();
    with.lint.suppress.push(suppression_for(
        finding,
        "quoted from the customer's ticket",
        "sre-lead",
    ));
    let text = with.lint.to_text();
    assert!(text.contains("text = \"careless\""), "{text}");
    assert!(text.contains("at = \"T1.text\""), "{text}");
    // As a `[lint]` table of the file.
    text.replace("[[suppress]]", "[[lint.suppress]]")
}

#[test]
fn a_suppression_hides_its_finding_and_goes_stale_when_the_text_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = blameful(dir.path());
    let file = path.to_string_lossy().into_owned();
    let before = debrief(&["lint", &file]);
    assert!(
        stdout(&before).contains("warning[blame/judgment]"),
        "{}",
        stdout(&before)
    );

    // Add: the finding is gone from the human and the JSON output.
    let entry = suppression_toml(&path);
    let source = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{source}\n{entry}")).expect("write");
    let human = debrief(&["lint", &file]);
    assert_eq!(human.status.code(), Some(0), "{}", stdout(&human));
    assert!(
        !stdout(&human).contains("blame/judgment"),
        "{}",
        stdout(&human)
    );
    assert!(!stdout(&human).contains("stale-suppression"));
    let json = debrief(&["lint", &file, "--format", "json"]);
    assert!(!stdout(&json).contains("blame/"), "{}", stdout(&json));

    // `debrief diff` shows the entry.
    let bare = dir.path().join("bare.toml");
    std::fs::write(&bare, &source).expect("write");
    let diff = stdout(&debrief(&["diff", &bare.to_string_lossy(), &file]));
    assert!(
        diff.contains("Lint settings") && diff.contains("careless"),
        "{diff}"
    );

    // The document keeps it as written: load and save give the same text.
    let loaded = store::load(&path).expect("loads");
    assert_eq!(loaded.doc.lint.suppress.len(), 1);
    assert_eq!(
        loaded.doc.lint.suppress[0].reason,
        "quoted from the customer's ticket"
    );
    let canonical = store::to_toml(&loaded.doc).expect("toml");
    assert!(canonical.contains("[[lint.suppress]]"), "{canonical}");
    let again = store::parse(&canonical, Path::new("pm.toml")).expect("reloads");
    assert_eq!(again, loaded.doc);

    // Edit the flagged words: the finding is back and the suppression stale,
    // at its line in the file.
    let edited = std::fs::read_to_string(&path).expect("read").replacen(
        "The rollout was careless.",
        "The rollout was sloppy.",
        1,
    );
    std::fs::write(&path, &edited).expect("write");
    let line = edited
        .lines()
        .position(|l| l == "[[lint.suppress]]")
        .expect("entry line")
        + 1;
    let human = debrief(&["lint", &file]);
    let text = stdout(&human);
    assert!(text.contains("warning[blame/judgment] `sloppy`"), "{text}");
    assert!(
        text.contains("warning[complete/stale-suppression] Suppression of blame/judgment at T1.text `careless`"),
        "{text}"
    );
    assert!(text.contains(&format!(":{line}:")), "line {line}: {text}");
    let json: serde_json::Value =
        serde_json::from_slice(&debrief(&["lint", &file, "--format", "json"]).stdout)
            .expect("json");
    let stale: Vec<&serde_json::Value> = json
        .as_array()
        .expect("array")
        .iter()
        .filter(|f| f["rule"] == "complete/stale-suppression")
        .collect();
    assert_eq!(stale.len(), 1, "{json:#}");
    assert_eq!(stale[0]["path"], "lint.suppress[0]");
    assert_eq!(stale[0]["line"].as_u64(), Some(line as u64));

    // Remove it: nothing stale is left, the finding stays.
    let start = edited.find("[[lint.suppress]]").expect("entry");
    std::fs::write(&path, &edited[..start]).expect("write");
    let text = stdout(&debrief(&["lint", &file]));
    assert!(
        text.contains("blame/judgment") && !text.contains("stale-suppression"),
        "{text}"
    );
}

#[test]
fn the_documents_rule_levels_win_over_the_config_and_unknown_ids_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = blameful(dir.path());
    let file = path.to_string_lossy().into_owned();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[lint.rules]\n\"blame/judgment\" = \"error\"\n").expect("write");
    let config_arg = config.to_string_lossy().into_owned();
    let out = debrief(&["lint", "--config", &config_arg, &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("error[blame/judgment]"));

    let source = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        format!("{source}\n[lint.rules]\n\"blame/judgment\" = \"off\"\n\"complete/\" = \"info\"\n"),
    )
    .expect("write");
    let out = debrief(&["lint", "--config", &config_arg, &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(!stdout(&out).contains("blame/judgment"), "{}", stdout(&out));

    std::fs::write(
        &path,
        format!("{source}\n[lint.rules]\n\"blame/judgement\" = \"off\"\n"),
    )
    .expect("write");
    let out = debrief(&["lint", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `blame/judgment`?"), "{err}");
}

#[test]
fn g_s_accepts_a_finding_with_a_reason_as_one_undo_step() {
    let mut app = default_app();
    press(
        &mut app,
        "e<c-u>The deploy engineer forgot to drain the pool.<enter>",
    );
    let id = app.doc.timeline[0].id.clone();
    let on_item = |app: &debrief::tui::app::App| {
        app.lint
            .all()
            .into_iter()
            .filter(|f| f.location.item == id)
            .count()
    };
    assert_eq!(on_item(&app), 1);
    let depth = app.history.undo.len();

    // No reason: nothing is stored.
    press(&mut app, "gs<enter>");
    assert!(app.doc.lint.is_empty());
    assert_eq!(on_item(&app), 1);

    press(&mut app, "gs");
    assert!(
        screen(&app).contains("accept blame/blame-verb `forgot to` because:"),
        "{}",
        screen(&app)
    );
    press(
        &mut app,
        "the<space>runbook<space>step<space>is<space>quoted<enter>",
    );
    assert_eq!(on_item(&app), 0, "{:?}", app.lint.all());
    assert_eq!(app.history.undo.len(), depth + 1, "one undo step");
    let s = &app.doc.lint.suppress;
    assert_eq!(s.len(), 1);
    assert_eq!(
        (
            s[0].rule.as_str(),
            s[0].at.as_str(),
            s[0].text.as_str(),
            s[0].reason.as_str()
        ),
        (
            "blame/blame-verb",
            format!("{id}.text").as_str(),
            "forgot to",
            "the runbook step is quoted"
        )
    );
    // Review lists it, at its end.
    press(&mut app, "6G");
    assert!(screen(&app).contains("Lint settings"), "{}", screen(&app));
    assert!(
        screen(&app).contains("the runbook step is quoted"),
        "{}",
        screen(&app)
    );
    press(&mut app, "u");
    assert!(app.doc.lint.is_empty());
    assert_eq!(on_item(&app), 1, "undo brings the finding back");
}
