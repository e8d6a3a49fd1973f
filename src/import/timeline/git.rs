//! Git history: `git log` of a repository between `--since` and `--until`;
//! merge commits and commits whose subject speaks of a deploy, release,
//! rollout, rollback, revert or hotfix become events. Author names are not
//! read.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use super::{Candidate, Collector, ImportError, Options, SourceKind};

/// Subject words that make a commit a deploy event.
const DEPLOY_WORDS: [&str; 7] = [
    "deploy", "release", "rollout", "roll out", "rollback", "revert", "hotfix",
];

pub(crate) fn parse(
    path: &Path,
    options: &Options,
    collector: &mut Collector<'_>,
) -> Result<(), ImportError> {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(path)
        .args(["log", "--no-color", "--format=%H%x1f%cI%x1f%P%x1f%s"]);
    if let Some(since) = options.since {
        command.arg(format!("--since={}", since.to_rfc3339()));
    }
    if let Some(until) = options.until {
        command.arg(format!("--until={}", until.to_rfc3339()));
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| ImportError::Usage(format!("{}: cannot run git: {err}", path.display())))?;
    let repository = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string());
    let source = format!("git {repository}");
    if let Some(stdout) = child.stdout.take() {
        for (index, line) in BufReader::new(stdout).lines().enumerate() {
            let line = line.map_err(|source| ImportError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            collector.read_bytes(line.len() as u64 + 1);
            commit(path, index + 1, &line, &source, collector);
        }
    }
    let output = child.wait_with_output().map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(ImportError::Shape {
            path: path.to_path_buf(),
            message: format!("git log failed: {}", stderr.trim()),
        });
    }
    Ok(())
}

fn commit(path: &Path, number: usize, line: &str, source: &str, collector: &mut Collector<'_>) {
    let fields: Vec<&str> = line.split('\u{1f}').collect();
    let [sha, date, parents, subject] = fields.as_slice() else {
        collector.skip(
            format!("commit {number}"),
            line,
            "unexpected git log output",
        );
        return;
    };
    let Ok(at) = chrono::DateTime::parse_from_rfc3339(date) else {
        collector.skip(
            format!("commit {number}"),
            line,
            "commit date is not ISO 8601",
        );
        return;
    };
    let merge = parents.split(' ').filter(|p| !p.is_empty()).count() > 1;
    let lower = subject.to_lowercase();
    let deploy = DEPLOY_WORDS.iter().any(|w| lower.contains(w));
    if !merge && !deploy {
        collector.ignore();
        return;
    }
    let short = sha.get(..10).unwrap_or(sha);
    let text = if merge {
        format!("Merged: {subject} ({short})")
    } else {
        format!("{subject} ({short})")
    };
    let candidate = Candidate::new(
        SourceKind::Git,
        path,
        format!("commit {sha}"),
        sha,
        at,
        text,
    )
    .source(source);
    collector.offer(candidate);
}
