//! `debrief init` (twice, on an empty and on a non-empty folder; the CI
//! files are valid YAML naming existing commands), `debrief new` without a
//! FILE, `debrief sign` and the sign-off lint rules, the pre-commit hooks,
//! completions and the man page.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use clap::CommandFactory;
use common::git::Repo;
use yaml_rust2::{Yaml, YamlLoader};

/// Every file under `dir` with its bytes (the `.git` folder aside).
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .expect("inside")
                    .display()
                    .to_string();
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The subcommands `debrief X` names in shell lines.
fn debrief_commands(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .flat_map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words
                .windows(2)
                .filter(|w| w[0] == "debrief" || w[0].ends_with("/debrief"))
                .map(|w| w[1].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn assert_commands_exist(names: &[String]) {
    let cli = debrief::cli::Cli::command();
    assert!(!names.is_empty());
    for name in names {
        assert!(
            cli.find_subcommand(name).is_some(),
            "`debrief {name}` is not a command"
        );
    }
}

#[test]
fn init_twice_on_an_empty_folder_changes_nothing_the_second_time() {
    let repo = Repo::new();
    // Repo::new wrote .gitattributes and postmortems/: start from a bare one.
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("pm-repo");
    let run = || {
        let out = repo.debrief(&["init", target.to_str().expect("utf-8")]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let first = run();
    assert!(first.contains("created"), "{first}");
    assert!(first.contains("not a git repository"), "{first}");
    let files = snapshot(&target);
    for path in [
        "postmortems/README.md",
        "debrief.toml",
        ".gitattributes",
        ".github/workflows/postmortems.yml",
        ".gitlab-ci.yml",
    ] {
        assert!(files.contains_key(path), "{path} in {:?}", files.keys());
    }
    let second = run();
    assert!(
        !second.contains("created") && !second.contains("added"),
        "{second}"
    );
    assert_eq!(snapshot(&target), files, "the second run changes nothing");
}

#[test]
fn init_twice_in_a_repository_keeps_what_is_there_and_sets_the_drivers() {
    let repo = Repo::new();
    std::fs::write(repo.path(".gitattributes"), "*.png binary\n").expect("write");
    std::fs::write(
        repo.path("debrief.toml"),
        "[review]\nrequired = [\"approver\"]\n",
    )
    .expect("write");
    std::fs::write(repo.path("README.md"), "# Our postmortems\n").expect("write");
    // Drop the drivers Repo::new set: init sets them.
    repo.git_ok(&["config", "--unset", "diff.debrief.command"]);
    repo.git_ok(&["config", "--unset", "merge.debrief.driver"]);
    let out = repo.debrief(&["init"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("kept ./debrief.toml"), "{said}");
    assert!(
        said.contains("added debrief's lines to ./.gitattributes"),
        "{said}"
    );
    assert_eq!(
        repo.git_ok(&["config", "merge.debrief.driver"]).trim(),
        "debrief merge %O %A %B --name %P"
    );
    assert_eq!(
        repo.git_ok(&["config", "diff.debrief.command"]).trim(),
        "debrief diff"
    );
    let attributes = std::fs::read_to_string(repo.path(".gitattributes")).expect("read");
    assert!(attributes.starts_with("*.png binary\n"), "{attributes}");
    assert!(attributes.contains("postmortems/**/*.toml diff=debrief merge=debrief"));
    assert_eq!(
        std::fs::read_to_string(repo.path("debrief.toml")).expect("read"),
        "[review]\nrequired = [\"approver\"]\n",
        "an existing config is kept"
    );
    let files = snapshot(repo.dir.path());
    let config = repo.git_ok(&["config", "--list", "--local"]);
    let again = repo.debrief(&["init"]);
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(
        !said.contains("created") && !said.contains("added") && !said.contains("set "),
        "{said}"
    );
    assert_eq!(snapshot(repo.dir.path()), files);
    assert_eq!(repo.git_ok(&["config", "--list", "--local"]), config);
}

#[test]
fn the_ci_files_are_valid_yaml_and_name_existing_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let github =
        std::fs::read_to_string(root.join("assets/init/github-workflow.yml")).expect("read");
    let docs = YamlLoader::load_from_str(&github).expect("valid YAML");
    let workflow = &docs[0];
    assert!(
        workflow["on"]["pull_request"].as_hash().is_some(),
        "runs on pull requests"
    );
    let steps = workflow["jobs"]["debrief"]["steps"]
        .as_vec()
        .expect("steps");
    let runs: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect();
    let commands = debrief_commands(&runs);
    assert_commands_exist(&commands);
    for expected in ["fmt", "check", "lint"] {
        assert!(
            commands.iter().any(|c| c == expected),
            "{expected} in {commands:?}"
        );
    }
    assert!(runs.iter().any(|r| r.contains("lint --format github")));
    assert!(runs.iter().any(|r| r.contains("fmt --check")));

    let gitlab = std::fs::read_to_string(root.join("assets/init/gitlab-ci.yml")).expect("read");
    let docs = YamlLoader::load_from_str(&gitlab).expect("valid YAML");
    let script: Vec<String> = docs[0]["postmortems"]["script"]
        .as_vec()
        .expect("script")
        .iter()
        .filter_map(|l| l.as_str().map(str::to_string))
        .collect();
    assert_commands_exist(&debrief_commands(&script));

    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).expect("read");
    let docs = YamlLoader::load_from_str(&hooks).expect("valid YAML");
    let entries: Vec<String> = docs[0]
        .as_vec()
        .expect("a list of hooks")
        .iter()
        .map(|h| {
            assert!(h["id"].as_str().is_some() && h["language"] == Yaml::from_str("rust"));
            h["entry"].as_str().expect("entry").to_string()
        })
        .collect();
    let named = debrief_commands(&entries);
    assert_commands_exist(&named);
    assert!(named.contains(&"fmt".to_string()) && named.contains(&"lint".to_string()));
}

#[test]
fn new_without_a_file_follows_the_pattern_and_sign_offs_are_linted() {
    let repo = Repo::new();
    assert!(repo.debrief(&["init"]).status.success());
    let out = repo.debrief(&["new", "--title", "Checkout outage — Black Friday"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{said}");
    let today = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let rel = format!("postmortems/{today}-checkout-outage-black-friday.toml");
    assert!(said.contains(&rel), "{said}");
    assert!(repo.path(&rel).exists());
    // A second one with the same title is refused, not overwritten.
    assert_eq!(
        repo.debrief(&["new", "--title", "Checkout outage — Black Friday"])
            .status
            .code(),
        Some(2)
    );

    // The example, final, in this repository (which requires a reviewer
    // and an approver).
    let doc_path = "postmortems/checkout.toml";
    let mut doc = common::git::example();
    doc.sign_off.clear();
    repo.save(doc_path, &doc);
    let lint = |repo: &Repo| {
        let out = repo.debrief(&["lint", "--format", "json", doc_path]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let findings = lint(&repo);
    assert!(findings.contains("complete/sign-off-missing"), "{findings}");
    assert!(findings.contains("`reviewer` sign-off"), "{findings}");

    let signed = repo.debrief(&["sign", doc_path, "--role", "reviewer"]);
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    assert!(String::from_utf8_lossy(&signed.stdout).contains("Reviewed by Dana Reyes"));
    let out = repo.debrief(&["sign", doc_path, "--role", "approver", "--name", "Kim Lee"]);
    assert!(out.status.success());
    let findings = lint(&repo);
    assert!(!findings.contains("sign-off-missing"), "{findings}");
    assert!(!findings.contains("sign-off-stale"), "{findings}");
    let doc = repo.load(doc_path);
    assert_eq!(doc.sign_off.len(), 2);
    assert_eq!(
        doc.sign_off[0].fingerprint,
        debrief::model::content_fingerprint(&doc)
    );

    // A change to the content after signing makes both sign-offs stale
    // (errors, since the document is final).
    let mut changed = doc.clone();
    changed.summary.push_str(" One more sentence.");
    repo.save(doc_path, &changed);
    let findings = lint(&repo);
    assert_eq!(
        findings.matches("complete/sign-off-stale").count(),
        2,
        "{findings}"
    );
    // Signing again renews the row instead of adding one.
    assert!(
        repo.debrief(&["sign", doc_path, "--role", "reviewer"])
            .status
            .success()
    );
    let doc = repo.load(doc_path);
    assert_eq!(doc.sign_off.len(), 2);
    assert_eq!(lint(&repo).matches("complete/sign-off-stale").count(), 1);
}

#[test]
fn completions_and_the_man_page_come_from_the_clap_definitions() {
    let repo = Repo::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = repo.debrief(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&out.stdout);
        for command in ["merge", "diff", "sign", "init"] {
            assert!(script.contains(command), "{shell} completes {command}");
        }
    }
    let man = repo.debrief(&["man"]);
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH debrief"), "{page}");
    assert!(page.contains("merge"), "{page}");
    let merge = repo.debrief(&["man", "merge"]);
    let page = String::from_utf8_lossy(&merge.stdout);
    assert!(
        page.contains("debrief\\-merge") || page.contains("debrief-merge"),
        "{page}"
    );
    assert!(page.contains("THEIRS"), "{page}");
    assert_eq!(repo.debrief(&["man", "nope"]).status.code(), Some(2));
}
