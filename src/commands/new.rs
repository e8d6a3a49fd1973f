//! `debrief new`: a new postmortem from a template (`templates.rs`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use super::EXIT_OK;
use super::templates::Origin;
use crate::config::DEFAULT_NEW_PATH;
use crate::store;

/// `debrief new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to start from: incident (the full document with each
    /// section's guiding questions as placeholders), quick (SEV-3 under 30
    /// minutes, at most 5 actions), project (retrospective), near-miss, or
    /// NAME: `.debrief/templates/NAME.toml` of the repository or
    /// `templates/NAME.toml` beside your config file.
    #[arg(
        long,
        visible_alias = "kind",
        value_name = "NAME",
        default_value = "incident"
    )]
    pub template: String,
    /// List the templates (built-in, yours and the repository's) and exit.
    #[arg(long, conflicts_with = "file")]
    pub list_templates: bool,
    /// The title.
    #[arg(long)]
    pub title: Option<String>,
    /// Where to write it (must not exist). Without it: the repository's
    /// pattern from `debrief.toml` (`[new] path`, default
    /// `postmortems/{date}-{slug}.toml`), from today's date and the title.
    pub file: Option<PathBuf>,
}

/// `debrief new`: a new document from a template.
pub fn new(args: &NewArgs, out: &mut dyn Write) -> Result<u8> {
    if args.list_templates {
        for (name, origin) in super::templates::all() {
            match origin {
                Origin::BuiltIn(what) => writeln!(out, "{name:<12} {what}")?,
                Origin::File(path) => writeln!(out, "{name:<12} {}", path.display())?,
            }
        }
        return Ok(EXIT_OK);
    }
    let mut doc = super::templates::document(&args.template)?;
    if let Some(title) = &args.title {
        doc.meta.title = title.clone();
    }
    let file = match &args.file {
        Some(file) => file.clone(),
        None => {
            let today = chrono::Local::now().date_naive();
            let file = default_path(&doc.meta.title, today)?;
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("{}: cannot create", parent.display()))?;
            }
            file
        }
    };
    let _lock = store::for_writing(&file, "new").map_err(store::StoreError::from)?;
    store::create(&doc, &file)?;
    writeln!(out, "created {}", file.display())?;
    Ok(EXIT_OK)
}

/// Where `debrief new` without a FILE writes: the pattern of the
/// `debrief.toml` found from the current folder (relative to it), else the
/// default one relative to the current folder.
fn default_path(title: &str, today: chrono::NaiveDate) -> Result<PathBuf> {
    let here = std::env::current_dir().context("cannot read the current folder")?;
    let (root, pattern) = match crate::config::load_project(&here)? {
        Some((file, config)) => (
            file.parent().map(Path::to_path_buf).unwrap_or(here),
            config.new.path,
        ),
        None => (PathBuf::new(), None),
    };
    let pattern = pattern.unwrap_or_else(|| DEFAULT_NEW_PATH.to_string());
    let name = pattern
        .replace("{date}", &today.format("%Y-%m-%d").to_string())
        .replace("{slug}", &slug(title));
    Ok(root.join(name))
}

/// The title in lower case, words joined by dashes (`untitled` when it has
/// no letters or digits).
pub fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() {
        "untitled".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_lower_case_words_with_dashes() {
        assert_eq!(
            slug("Checkout outage — Black Friday!"),
            "checkout-outage-black-friday"
        );
        assert_eq!(slug("  "), "untitled");
        assert_eq!(slug("Ünïcode café"), "ünïcode-café");
    }
}
