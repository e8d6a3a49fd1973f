//! The user's config file: `$XDG_CONFIG_HOME/debrief/config.toml` (or
//! `~/.config/debrief/config.toml`; `DEBRIEF_CONFIG` or `--config` name
//! another, an empty `DEBRIEF_CONFIG` none). It holds the editor's theme,
//! key bindings and scrolling (`[editor]`) and the linter's team-wide settings: a roster of people, an
//! allow list and the gap threshold; and what a customer export must leave
//! out (`[export]`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::lint::levels::{self, Level};
use crate::lint::{LintConfig, RuleId};

/// The whole config file. Every part is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    /// A built-in theme name or a theme file.
    pub theme: Option<String>,
    /// Key bindings by pane (`[keys.timeline]`), merged over the defaults.
    pub keys: Option<toml::Table>,
    /// Linter settings.
    #[serde(default)]
    pub lint: LintSettings,
    /// Meeting agendas of your own by name (`[[agendas.NAME]]` with `name`,
    /// `minutes` and `topic`), besides the built-in ones.
    #[serde(default)]
    pub agendas: std::collections::BTreeMap<String, Vec<crate::model::AgendaStep>>,
    /// What a customer export must leave out.
    #[serde(default)]
    pub export: ExportSettings,
    /// `[editor]`: how the editor behaves.
    #[serde(default)]
    pub editor: EditorSettings,
}

/// `[editor]`: how the editor behaves.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditorSettings {
    /// How a list scrolls when the selection leaves it.
    #[serde(default)]
    pub scroll: Scroll,
}

/// How a list scrolls when the selection moves past its edge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scroll {
    /// By half the list, so the rows ahead show and the next moves stay in
    /// view: a terminal cannot scroll one pane of several side by side, so
    /// each scroll redraws the whole list, and over SSH that is what a key
    /// costs.
    #[default]
    HalfPage,
    /// By one row, as little as possible.
    Line,
}

/// `[export]`: the terms a customer export must not contain, and the ones it
/// may contain although they are private or a person's name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportSettings {
    /// Internal names (systems, hosts, customers), added to each document's
    /// `meta.private_terms`.
    #[serde(default)]
    pub private_terms: Vec<String>,
    /// Terms a customer export may show although they are private terms,
    /// roster entries or people's names.
    #[serde(default)]
    pub allow: Vec<String>,
}

impl ExportSettings {
    /// Adds `other`'s lists to these.
    pub fn extend(&mut self, other: &ExportSettings) {
        self.private_terms
            .extend(other.private_terms.iter().cloned());
        self.allow.extend(other.allow.iter().cloned());
    }
}

/// `[lint]`: settings a team shares across its postmortems.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintSettings {
    /// People (names, `@handles`, user names) whose names are blame in
    /// prose, in addition to each document's own roster.
    #[serde(default)]
    pub roster: Vec<String>,
    /// Words the blameless rules accept (e.g. a service named "Jenkins").
    #[serde(default)]
    pub allow: Vec<String>,
    /// Timeline silences longer than this many minutes become questions.
    pub gap_minutes: Option<u32>,
    /// Per-rule levels: `"blame/judgment" = "off"`, `"complete/" = "info"`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
}

impl LintSettings {
    /// True when the file sets nothing for the linter.
    pub fn is_default(&self) -> bool {
        self.roster.is_empty()
            && self.allow.is_empty()
            && self.gap_minutes.is_none()
            && self.rules.is_empty()
    }

    /// The rule levels, by rule (unknown ids were refused when the file
    /// was read).
    pub fn levels(&self) -> BTreeMap<RuleId, Level> {
        levels::resolve(&self.rules).unwrap_or_default()
    }

    /// Refuses an unknown rule id in `[lint.rules]`, naming the nearest
    /// known one, at its line and column in `text`.
    fn check_rules(&self, path: &Path, text: &str) -> Result<(), ConfigError> {
        levels::resolve(&self.rules).map(|_| ()).map_err(|e| {
            let at = text
                .find(&format!("\"{}\"", e.id))
                .or_else(|| text.find(&e.id))
                .unwrap_or(0);
            let (line, column) = position(text, at);
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: e.to_string(),
            }
        })
    }

    /// The linter configuration these settings give, before command-line
    /// flags are added.
    pub fn lint_config(&self) -> LintConfig {
        let mut config = LintConfig {
            roster: self.roster.clone(),
            allow: self.allow.clone(),
            levels: self.levels(),
            ..LintConfig::default()
        };
        if let Some(minutes) = self.gap_minutes {
            config.gap_threshold = chrono::Duration::minutes(i64::from(minutes.max(1)));
        }
        config
    }
}

/// A config file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Not readable.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Not valid TOML, or not the expected shape.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
}

/// Where the config file is, if anywhere.
pub fn config_path() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("DEBRIEF_CONFIG") {
        return (!named.is_empty()).then(|| PathBuf::from(named));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("debrief").join("config.toml"))
}

/// The largest config file read (1 MiB).
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads the config file at `path` (or the default place). No file is no
/// error: everything takes its default.
pub fn load(path: Option<&Path>) -> Result<UserConfig, ConfigError> {
    let Some(path) = path.map(Path::to_path_buf).or_else(config_path) else {
        return Ok(UserConfig::default());
    };
    let text = match crate::store::read_text_limited(&path, MAX_CONFIG_BYTES, "config files") {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(UserConfig::default()),
        Err(source) => return Err(ConfigError::Read { path, source }),
    };
    let config: UserConfig = toml::from_str(&text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |span| position(&text, span.start));
        ConfigError::Parse {
            path: path.clone(),
            line,
            column,
            message: e.message().to_string(),
        }
    })?;
    config.lint.check_rules(&path, &text)?;
    Ok(config)
}

/// The repository's settings file, found from a document's folder upward.
pub const PROJECT_FILE: &str = "debrief.toml";

/// A repository's `debrief.toml` (written by `debrief init`): what a team
/// shares through git. Every part is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// `[new]`: where `debrief new` without a FILE writes.
    #[serde(default)]
    pub new: NewSettings,
    /// `[review]`: the sign-offs a final document needs.
    #[serde(default)]
    pub review: ReviewSettings,
    /// `[lint]`: added to the user's (roster and allow list joined; the
    /// repository's gap threshold wins).
    #[serde(default)]
    pub lint: LintSettings,
    /// `[export]`: added to the user's.
    #[serde(default)]
    pub export: ExportSettings,
}

/// `[new]` of a repository's `debrief.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSettings {
    /// The file name pattern, relative to the folder of `debrief.toml`:
    /// `{date}` is the day (YYYY-MM-DD), `{slug}` the title in lower case
    /// with dashes. Default `postmortems/{date}-{slug}.toml`.
    pub path: Option<String>,
}

/// `[review]` of a repository's `debrief.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSettings {
    /// Sign-off roles a final document must have: `reviewer`, `approver`, …
    #[serde(default)]
    pub required: Vec<String>,
}

/// The default pattern of `debrief new` without a FILE.
pub const DEFAULT_NEW_PATH: &str = "postmortems/{date}-{slug}.toml";

/// The `debrief.toml` that governs `start` (a document or a folder): the
/// first found walking up from its folder, stopping after the folder that
/// holds `.git` (the repository's root).
pub fn find_project(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(folder) = dir {
        let candidate = folder.join(PROJECT_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        if folder.join(".git").exists() {
            return None;
        }
        dir = folder.parent();
    }
    None
}

/// Reads the `debrief.toml` that governs `start`, if there is one.
pub fn load_project(start: &Path) -> Result<Option<(PathBuf, ProjectConfig)>, ConfigError> {
    let Some(path) = find_project(start) else {
        return Ok(None);
    };
    let text = crate::store::read_text_limited(&path, MAX_CONFIG_BYTES, "config files").map_err(
        |source| ConfigError::Read {
            path: path.clone(),
            source,
        },
    )?;
    let config: ProjectConfig = toml::from_str(&text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |span| position(&text, span.start));
        ConfigError::Parse {
            path: path.clone(),
            line,
            column,
            message: e.message().to_string(),
        }
    })?;
    config.lint.check_rules(&path, &text)?;
    Ok(Some((path, config)))
}

impl ProjectConfig {
    /// `user`'s lint configuration with this repository's settings added.
    pub fn apply(&self, user: &mut LintConfig) {
        user.roster.extend(self.lint.roster.iter().cloned());
        user.allow.extend(self.lint.allow.iter().cloned());
        if let Some(minutes) = self.lint.gap_minutes {
            user.gap_threshold = chrono::Duration::minutes(i64::from(minutes.max(1)));
        }
        user.required_signoffs = self.review.required.clone();
        // The repository's levels win over the user's.
        user.levels.extend(self.lint.levels());
    }
}

/// 1-based line and column of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).expect("write");
        (dir, path)
    }

    #[test]
    fn reads_theme_keys_and_lint_settings() {
        let (_dir, path) = write(
            "theme = \"light\"\n[keys.global]\n\"ctrl-q\" = \"quit\"\n\
             [lint]\nroster = [\"Dana Reyes\", \"@dreyes\"]\nallow = [\"Jenkins\"]\ngap_minutes = 45\n\
             [export]\nprivate_terms = [\"db-prod-7\"]\nallow = [\"Redis\"]\n",
        );
        let config = load(Some(&path)).expect("loads");
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert!(config.keys.is_some());
        let lint = config.lint.lint_config();
        assert_eq!(lint.roster, ["Dana Reyes", "@dreyes"]);
        assert_eq!(lint.allow, ["Jenkins"]);
        assert_eq!(lint.gap_threshold, chrono::Duration::minutes(45));
        assert_eq!(config.export.private_terms, ["db-prod-7"]);
        assert_eq!(config.export.allow, ["Redis"]);
        assert_eq!(config.editor.scroll, Scroll::HalfPage, "the default");
    }

    #[test]
    fn reads_the_scroll_style_and_refuses_an_unknown_one() {
        let (_dir, path) = write("[editor]\nscroll = \"line\"\n");
        assert_eq!(
            load(Some(&path)).expect("loads").editor.scroll,
            Scroll::Line
        );
        let (_dir, path) = write("[editor]\nscroll = \"smooth\"\n");
        let err = load(Some(&path)).expect_err("unknown").to_string();
        assert!(err.contains(":2:") && err.contains("half-page"), "{err}");
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_a_bad_one_says_where() {
        let dir = tempfile::tempdir().expect("tmp");
        let config = load(Some(&dir.path().join("none.toml"))).expect("defaults");
        assert!(config.theme.is_none() && config.lint.roster.is_empty());
        let (_dir, path) = write("[lint]\nroster = \"Dana\"\n");
        let err = load(Some(&path)).expect_err("wrong type").to_string();
        assert!(err.contains("config.toml:2:10"), "{err}");
        let (_dir, path) = write("[lint]\nrooster = []\n");
        let err = load(Some(&path)).expect_err("unknown key").to_string();
        assert!(err.contains(":2:1") && err.contains("rooster"), "{err}");
    }
}
