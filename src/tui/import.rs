//! `debrief FILE.md`: the Markdown is imported into a new, unsaved document;
//! the import report is shown, then the user is asked where to save
//! (prefilled with `FILE.toml` beside it). An existing file is never
//! overwritten without a yes.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::import::markdown::{ImportOptions, import};
use crate::model::Postmortem;

/// Where an imported document came from and what the import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The Markdown file.
    pub source: PathBuf,
    /// The import report (what mapped where, what went to `unmapped`).
    pub report: String,
    /// Whether the user has chosen a file and saved to it.
    pub saved: bool,
}

/// Whether `path` names a Markdown file (by extension).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The file offered for saving: `FILE.toml` beside `FILE.md`.
pub fn suggested_path(source: &Path) -> PathBuf {
    source.with_extension("toml")
}

/// Reads and imports `source`. Fails (before the terminal is taken) when
/// the file cannot be read or holds no postmortem.
pub fn load(source: &Path) -> anyhow::Result<(Postmortem, Imported)> {
    let text = crate::store::read_text_limited(
        source,
        crate::import::markdown::MAX_MARKDOWN_BYTES as u64,
        "Markdown",
    )
    .with_context(|| format!("{}: cannot read", source.display()))?;
    // A date in the file name dates a timeline the document leaves undated.
    let options = ImportOptions {
        name: source.file_name().map(|n| n.to_string_lossy().into_owned()),
        ..ImportOptions::default()
    };
    let (doc, report) =
        import(&text, &options).with_context(|| format!("{}: cannot import", source.display()))?;
    Ok((
        doc,
        Imported {
            source: source.to_path_buf(),
            report: report.to_string(),
            saved: false,
        },
    ))
}
