//! `debrief new --template`: each built-in template makes a document that
//! `check` accepts and that `lint` reports incomplete in the expected ways
//! (its guiding questions as placeholders, never exported); the quick
//! template's sixth action is reported; templates of your own and of a
//! repository are listed and used; `--kind` still works.

use std::path::Path;
use std::process::{Command, Output};

fn debrief(dir: &Path, config: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", config)
        .env_remove("DEBRIEF_CONFIG")
        .output()
        .expect("run debrief")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn each_built_in_template_checks_and_lints_as_unfilled() {
    let dir = tempfile::tempdir().expect("tmp");
    let config = tempfile::tempdir().expect("config");
    for (template, kind, least) in [
        ("incident", "incident", 15),
        ("quick", "incident", 5),
        ("project", "project", 10),
    ] {
        let file = format!("{template}.toml");
        let out = debrief(
            dir.path(),
            config.path(),
            &["new", "--template", template, "--title", "T", &file],
        );
        assert!(out.status.success(), "{}", text(&out));
        let out = debrief(dir.path(), config.path(), &["check", &file]);
        assert_eq!(out.status.code(), Some(0), "{template}: {}", text(&out));
        let doc = debrief::store::load(&dir.path().join(&file))
            .expect("loads")
            .doc;
        assert_eq!(doc.kind.as_str(), kind);
        assert_eq!(doc.meta.template, template);
        // Every guiding question in the file is reported as unfilled.
        let saved = std::fs::read_to_string(dir.path().join(&file)).expect("read");
        let placeholders = saved.matches("\"{{?").count();
        assert!(placeholders >= least, "{template}: {saved}");
        let out = debrief(dir.path(), config.path(), &["lint", &file]);
        assert_eq!(out.status.code(), Some(1), "incomplete: errors");
        let said = text(&out);
        assert_eq!(
            said.matches("complete/placeholder").count(),
            placeholders,
            "{template}: {said}"
        );
        // A question is not blame, and it is never exported.
        assert!(!said.contains("blame/"), "{template}: {said}");
        let out = debrief(dir.path(), config.path(), &["export", &file]);
        let md = text(&out);
        assert!(out.status.success());
        assert!(!md.contains("{{"), "{template}: {md}");
        for question in [
            "How was it discovered",
            "Call it out",
            "Which practices",
            "Root cause in one",
        ] {
            assert!(!md.contains(question), "{template}: {md}");
        }
    }
}

#[test]
fn the_quick_templates_sixth_action_is_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let config = tempfile::tempdir().expect("config");
    let out = debrief(
        dir.path(),
        config.path(),
        &["new", "--template", "quick", "q.toml"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let path = dir.path().join("q.toml");
    let mut doc = debrief::store::load(&path).expect("loads").doc;
    for n in 3..=5 {
        doc.actions.push(debrief::model::ActionItem::new(
            format!("A{n}"),
            format!("Fix number {n}"),
        ));
    }
    debrief::store::save(&doc, &path).expect("save");
    let said = text(&debrief(dir.path(), config.path(), &["lint", "q.toml"]));
    assert!(
        !said.contains("complete/quick-actions"),
        "5 is fine: {said}"
    );
    doc.actions
        .push(debrief::model::ActionItem::new("A6", "Fix number 6"));
    debrief::store::save(&doc, &path).expect("save");
    let said = text(&debrief(dir.path(), config.path(), &["lint", "q.toml"]));
    let line = said
        .lines()
        .find(|l| l.contains("complete/quick-actions"))
        .unwrap_or_else(|| panic!("the sixth is reported: {said}"));
    assert!(line.contains("A6"), "{line}");
    assert!(line.contains("6 action items"), "{line}");
}

#[test]
fn templates_of_your_own_and_of_the_repository() {
    let dir = tempfile::tempdir().expect("tmp");
    let config = tempfile::tempdir().expect("config");
    let mine = config.path().join("debrief/templates");
    std::fs::create_dir_all(&mine).expect("mkdir");
    std::fs::write(
        mine.join("security.toml"),
        "schema = 1\nkind = \"incident\"\nsummary = \"{{? Which data was exposed?}}\"\n\n[meta]\ntitle = \"\"\nstatus = \"draft\"\ntemplate = \"security\"\n",
    )
    .expect("write");
    let repo = dir.path().join(".debrief/templates");
    std::fs::create_dir_all(&repo).expect("mkdir");
    std::fs::write(
        repo.join("game-day.toml"),
        "schema = 1\nkind = \"near-miss\"\nsummary = \"{{? What did the exercise show?}}\"\n\n[meta]\ntitle = \"\"\nstatus = \"draft\"\n",
    )
    .expect("write");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    let sub = dir.path().join("sub");
    let out = debrief(&sub, config.path(), &["new", "--list-templates"]);
    let list = text(&out);
    assert!(out.status.success(), "{list}");
    for name in ["incident", "quick", "project", "security", "game-day"] {
        assert!(list.lines().any(|l| l.starts_with(name)), "{name}: {list}");
    }
    assert!(list.contains(".debrief/templates/game-day.toml"), "{list}");
    let out = debrief(
        &sub,
        config.path(),
        &["new", "--template", "game-day", "g.toml"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let doc = debrief::store::load(&sub.join("g.toml"))
        .expect("loads")
        .doc;
    assert_eq!(doc.kind, debrief::model::Kind::NearMiss);
    assert_eq!(doc.summary, "{{? What did the exercise show?}}");
    let out = debrief(
        &sub,
        config.path(),
        &["new", "--kind", "security", "s.toml"],
    );
    assert!(out.status.success(), "--kind is an alias: {}", text(&out));
    let out = debrief(
        &sub,
        config.path(),
        &["new", "--template", "nope", "n.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("no template `nope`"), "{}", text(&out));
    assert!(!sub.join("n.toml").exists());
}
