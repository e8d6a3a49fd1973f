//! The templates `debrief new` starts a document from: the built-in
//! incident, quick and project ones (`assets/templates/`), and TOML files
//! of your own in the config folder (`templates/NAME.toml` beside
//! `config.toml`) or a repository's `.debrief/templates/` — the
//! repository's first, then yours, then the built-in ones.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::model::{Kind, Postmortem};

/// The built-in templates: name, text, what it is for.
const BUILT_IN: &[(&str, &str, &str)] = &[
    (
        "incident",
        include_str!("../../assets/templates/incident.toml"),
        "the full incident postmortem, each section's guiding questions as placeholders",
    ),
    (
        "quick",
        include_str!("../../assets/templates/quick.toml"),
        "SEV-3 under 30 minutes: what happened, root cause, fixes, lesson; at most 5 actions",
    ),
    (
        "project",
        include_str!("../../assets/templates/project.toml"),
        "project or engagement retrospective: goals vs outcomes, lessons, recommendations",
    ),
];

/// Where a template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into debrief.
    BuiltIn(&'static str),
    /// A file of the repository or of the user's config folder.
    File(PathBuf),
}

/// The repository's template folder: the first `.debrief/templates` from
/// the current folder upwards.
fn repo_dir() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    here.ancestors()
        .map(|dir| dir.join(".debrief").join("templates"))
        .find(|dir| dir.is_dir())
}

/// The user's template folder, beside the config file.
fn user_dir() -> Option<PathBuf> {
    crate::config::config_path()?
        .parent()
        .map(|dir| dir.join("templates"))
}

/// The `*.toml` files of a folder, by name.
fn files_in(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), p)))
        .collect();
    out.sort();
    out
}

/// Every template by name, the first of each name winning (repository,
/// user, built-in), in that order.
pub fn all() -> Vec<(String, Origin)> {
    let mut out: Vec<(String, Origin)> = Vec::new();
    for dir in [repo_dir(), user_dir()].into_iter().flatten() {
        for (name, path) in files_in(&dir) {
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, Origin::File(path)));
            }
        }
    }
    for (name, _, what) in BUILT_IN {
        if !out.iter().any(|(n, _)| n == name) {
            out.push((name.to_string(), Origin::BuiltIn(what)));
        }
    }
    out
}

/// The document template `name` starts (`near-miss`: the incident
/// template as a near miss).
pub fn document(name: &str) -> Result<Postmortem> {
    let (lookup, near_miss) = match name {
        "near-miss" => ("incident", true),
        other => (other, false),
    };
    let Some((_, origin)) = all().into_iter().find(|(n, _)| n == lookup) else {
        let names: Vec<String> = all().into_iter().map(|(n, _)| n).collect();
        bail!(
            "no template `{name}`: expected one of {}, near-miss (debrief new --list-templates)",
            names.join(", ")
        );
    };
    let mut doc = match origin {
        Origin::BuiltIn(_) => {
            let text = BUILT_IN
                .iter()
                .find(|(n, _, _)| *n == lookup)
                .map(|(_, text, _)| *text)
                .unwrap_or_default();
            crate::store::parse(text, Path::new(&format!("{lookup}.toml")))
                .context("built-in template")?
        }
        Origin::File(path) => crate::store::load(&path)?.doc,
    };
    if near_miss {
        doc.kind = Kind::NearMiss;
        doc.impact = Default::default();
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_parse_and_pass_check() {
        for (name, text, _) in BUILT_IN {
            let doc = crate::store::parse(text, Path::new(name)).expect(name);
            assert!(crate::model::check(&doc).is_empty(), "{name}");
            assert_eq!(doc.meta.template, *name);
        }
    }
}
