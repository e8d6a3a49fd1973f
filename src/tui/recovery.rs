//! The recovery file: the whole document, written beside it when a
//! session ends without a clean quit (a signal, a panic, a reload over
//! unsaved edits).

use std::path::{Path, PathBuf};

use super::app::{App, Origin};

/// The recovery file for a document: `.NAME.toml.debrief-recover` beside it
/// (in the temp folder for a scratch copy).
pub fn recovery_path(origin: &Origin) -> PathBuf {
    match origin {
        Origin::File(p) | Origin::NewFile(p) => {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document.toml".into());
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            dir.join(format!(".{name}.debrief-recover"))
        }
        Origin::Scratch(name) => std::env::temp_dir().join(format!(".{name}.debrief-recover")),
    }
}

/// Writes the document to its recovery file if it has unsaved changes.
/// Returns where, when it wrote.
pub fn write_recovery(app: &App) -> Option<PathBuf> {
    if !app.modified() {
        return None;
    }
    let path = recovery_path(&app.origin);
    let text = crate::store::to_toml(&app.doc).ok()?;
    crate::store::write_private(&path, text.as_bytes()).ok()?;
    Some(path)
}
