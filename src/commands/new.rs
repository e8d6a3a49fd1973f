//! `debrief new`: a new, empty postmortem.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use super::EXIT_OK;
use crate::config::DEFAULT_NEW_PATH;
use crate::model::{Kind, Postmortem, RESPONSE_PHASES, ResponsePhase};
use crate::store;

/// Document kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A production incident.
    Incident,
    /// A project or engagement retrospective.
    Project,
    /// A near miss: no impact, same analysis as an incident.
    NearMiss,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Incident => Kind::Incident,
            KindArg::Project => Kind::Project,
            KindArg::NearMiss => Kind::NearMiss,
        }
    }
}

/// `debrief new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Incident postmortem, near miss or project retrospective.
    #[arg(long, value_enum, default_value = "incident")]
    pub kind: KindArg,
    /// The title.
    #[arg(long)]
    pub title: Option<String>,
    /// Where to write it (must not exist). Without it: the repository's
    /// pattern from `debrief.toml` (`[new] path`, default
    /// `postmortems/{date}-{slug}.toml`), from today's date and the title.
    pub file: Option<PathBuf>,
}

/// `debrief new`: a new document with the standard sections laid out.
pub fn new(args: &NewArgs, out: &mut dyn Write) -> Result<u8> {
    let title = args.title.clone().unwrap_or_default();
    let mut doc = Postmortem::new(args.kind.into(), title);
    if doc.kind.is_event() {
        doc.response = RESPONSE_PHASES
            .iter()
            .map(|phase| ResponsePhase {
                phase: phase.to_string(),
                ..ResponsePhase::default()
            })
            .collect();
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
