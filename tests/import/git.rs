//! A git repository's merges and deploys.

use super::*;

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.com")
        .env("GIT_COMMITTER_NAME", "Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn git_merges_and_deploys_between_since_and_until() {
    if std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("git not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"], "2025-02-08T09:00:00Z");
    let commit = |message: &str, date: &str| {
        git(
            repo,
            &["commit", "-q", "--allow-empty", "-m", message],
            date,
        )
    };
    commit("initial", "2025-02-08T09:00:00Z");
    commit("Deploy v2.3.0 to production", "2025-02-09T09:30:00+00:00");
    git(
        repo,
        &["checkout", "-q", "-b", "cache"],
        "2025-02-09T09:40:00Z",
    );
    commit("add cache layer", "2025-02-09T10:00:00Z");
    git(repo, &["checkout", "-q", "main"], "2025-02-09T10:01:00Z");
    commit("fix typo", "2025-02-09T10:10:00Z");
    git(
        repo,
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge branch 'cache'",
            "cache",
        ],
        "2025-02-09T11:22:10+01:00",
    );
    let options = Options {
        since: Some(ts("2025-02-09T00:00:00Z")),
        ..options(SourceKind::Git)
    };
    let parsed = parse_evidence(repo, &options, &Context::default(), &NoProgress).expect("git");
    let found: Vec<(String, bool)> = parsed
        .candidates
        .iter()
        .map(|c| {
            (
                utc(&c.at),
                c.text.starts_with("Merged: Merge branch 'cache'"),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("2025-02-09T10:22:10Z".to_string(), true),
            ("2025-02-09T09:30:00Z".to_string(), false)
        ]
    );
    assert!(
        parsed.candidates[1]
            .text
            .starts_with("Deploy v2.3.0 to production (")
    );
    assert_eq!(parsed.filtered, 2, "ordinary commits");
    assert!(parsed.candidates.iter().all(|c| !c.text.contains("Dev")));
}
