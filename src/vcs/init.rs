//! The files `debrief init` lays out in a postmortem repository. Each is
//! created only when missing; `.gitattributes` gets the lines it lacks.

/// One file `debrief init` writes.
#[derive(Debug, Clone, Copy)]
pub struct InitFile {
    /// Its path, relative to the repository.
    pub path: &'static str,
    /// Its content.
    pub text: &'static str,
    /// Whether an existing file gets the lines it lacks (else it is kept
    /// as it is).
    pub add_lines: bool,
}

/// Every file, in the order they are written.
pub const FILES: [InitFile; 5] = [
    InitFile {
        path: "postmortems/README.md",
        text: include_str!("../../assets/init/postmortems-README.md"),
        add_lines: false,
    },
    InitFile {
        path: "debrief.toml",
        text: include_str!("../../assets/init/debrief.toml"),
        add_lines: false,
    },
    InitFile {
        path: ".gitattributes",
        text: include_str!("../../assets/init/gitattributes"),
        add_lines: true,
    },
    InitFile {
        path: ".github/workflows/postmortems.yml",
        text: include_str!("../../assets/init/github-workflow.yml"),
        add_lines: false,
    },
    InitFile {
        path: ".gitlab-ci.yml",
        text: include_str!("../../assets/init/gitlab-ci.yml"),
        add_lines: false,
    },
];

/// The git config `debrief init` sets in a repository: the diff and merge
/// drivers `.gitattributes` names (git never takes commands from a
/// committed file, so every clone sets them once).
pub const GIT_CONFIG: [(&str, &str); 3] = [
    ("diff.debrief.command", "debrief diff"),
    (
        "merge.debrief.name",
        "debrief: three-way merge of postmortems by id",
    ),
    ("merge.debrief.driver", "debrief merge %O %A %B --name %P"),
];

/// `existing` with the lines of `wanted` it lacks appended (comments
/// included only along with a line they introduce), or `None` when it has
/// them all.
pub fn with_missing_lines(existing: &str, wanted: &str) -> Option<String> {
    let has = |line: &str| existing.lines().any(|l| l.trim() == line.trim());
    let missing: Vec<&str> = wanted
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter(|l| !has(l))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let mut out = existing.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    for line in wanted.lines() {
        let comment = line.trim_start().starts_with('#');
        if (comment && !has(line)) || missing.contains(&line) {
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_added_once() {
        let wanted = FILES[2].text;
        let first = with_missing_lines("*.png binary\n", wanted).expect("adds");
        assert!(first.starts_with("*.png binary\n"));
        assert!(first.contains("diff=debrief merge=debrief"));
        assert_eq!(with_missing_lines(&first, wanted), None);
        assert_eq!(with_missing_lines(wanted, wanted), None);
    }
}
