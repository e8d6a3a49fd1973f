//! `debrief export --audience --format -o` as a user runs it (issue 16):
//! the format follows the extension of `-o`, an extension debrief cannot
//! write is refused (exit 2, nothing written), and a customer export that
//! would leak exits 1 naming each leak.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn debrief(args: &[&str], config: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_debrief"));
    command.args(args).env("NO_COLOR", "1");
    match config {
        Some(path) => command.env("DEBRIEF_CONFIG", path),
        None => command.env("DEBRIEF_CONFIG", ""),
    };
    command.output().expect("run debrief")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn checkout() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/checkout-cache-stampede.toml")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn the_format_follows_the_extension_of_the_output() {
    let dir = tempfile::tempdir().expect("tmp");
    let source = checkout();
    for (name, starts) in [
        ("a.md", "# Postmortem: "),
        ("a.markdown", "# Postmortem: "),
        ("a.html", "<!DOCTYPE html>"),
        ("a.HTM", "<!DOCTYPE html>"),
        ("a.json", "{"),
    ] {
        let path = dir.path().join(name);
        let out = debrief(
            &["export", &source, "-o", path.to_str().expect("path")],
            None,
        );
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let written = fs::read_to_string(&path).expect("written");
        assert!(written.starts_with(starts), "{name}: {}", &written[..40]);
    }
    // --format says it for stdout.
    let out = debrief(&["export", &source, "--format", "html", "-a", "exec"], None);
    assert!(text(&out.stdout).contains("<main class=\"exec\">"));
}

#[test]
fn an_extension_debrief_cannot_write_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let source = checkout();
    for name in ["out.pdf", "out.txt", "out.docx"] {
        let path = dir.path().join(name);
        let out = debrief(
            &["export", &source, "-o", path.to_str().expect("path")],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = text(&out.stderr);
        assert!(
            err.contains("cannot write .") && err.contains(".html"),
            "{err}"
        );
        assert!(!path.exists(), "{name}: nothing written");
    }
    // A format that contradicts the extension is refused too.
    let path = dir.path().join("out.md");
    let out = debrief(
        &[
            "export",
            &source,
            "-f",
            "html",
            "-o",
            path.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("does not match"),
        "{}",
        text(&out.stderr)
    );
    assert!(!path.exists());
    // JSON is the internal document only.
    let out = debrief(&["export", &source, "-a", "customer", "-f", "json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--audience internal"));
}

#[test]
fn a_leaking_customer_export_exits_1_naming_each_leak_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut doc = fs::read_to_string(checkout()).expect("example");
    doc = doc.replace(
        "allow = [\"Meridian\"]",
        "allow = [\"Meridian\"]\nroster = [\"Dana Reyes\"]\nprivate_terms = [\"Meridian\"]",
    );
    doc = doc.replacen(
        "summary = \"On Black Friday",
        "summary = \"Dana Reyes: On Black Friday",
        1,
    );
    let source = dir.path().join("pm.toml");
    fs::write(&source, doc).expect("write");
    let target = dir.path().join("customer.html");
    let args = [
        "export",
        source.to_str().expect("path"),
        "--audience",
        "customer",
        "-o",
        target.to_str().expect("path"),
    ];
    let out = debrief(&args, None);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("roster name \"Dana Reyes\" (from meta.roster) in summary"),
        "{err}"
    );
    assert!(
        err.contains("private term \"Meridian\" (from meta.private_terms) in summary"),
        "{err}"
    );
    assert!(!target.exists(), "nothing written");
    // Allowed on the command line and in the config, it is written.
    let config = dir.path().join("config.toml");
    fs::write(&config, "[export]\nallow = [\"meridian\"]\n").expect("config");
    let mut allowed = args.to_vec();
    allowed.extend(["--allow", "Dana Reyes"]);
    let out = debrief(&allowed, Some(&config));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        fs::read_to_string(&target)
            .expect("written")
            .contains("Meridian")
    );
    // A private term from the config counts as well.
    fs::write(&config, "[export]\nprivate_terms = [\"Black Friday\"]\n").expect("config");
    let out = debrief(&allowed, Some(&config));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("(from the config's [export] private_terms)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn export_help_names_audiences_and_formats() {
    let out = debrief(&["export", "--help"], None);
    let help = text(&out.stdout);
    for word in [
        "--audience",
        "customer",
        "exec",
        "--format",
        "html",
        "json",
        "--allow",
    ] {
        assert!(help.contains(word), "{word} in\n{help}");
    }
}
