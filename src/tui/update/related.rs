//! The related-incidents panel in `update`: finding the postmortems of the
//! document's folder whose causes resemble this one's, and adding one to
//! `appendix.related` (one undoable edit through `history`).

use std::path::{Path, PathBuf};

use crate::library::{Library, SimilarityIndex, doc_date};
use crate::model::edit::DocField;
use crate::tui::app::{App, Origin, Tone};
use crate::tui::popups::{Popup, RelatedRow, RelatedView};

use super::history;

/// How many similar postmortems the panel lists.
const SHOWN: usize = 12;

/// Opens the panel over the postmortems beside the document's file.
pub fn open(app: &mut App) {
    let file = match &app.origin {
        Origin::File(path) | Origin::NewFile(path) => path.clone(),
        Origin::Scratch(_) => {
            app.say(
                "related incidents are looked for beside the document's file: save it in a folder of postmortems first",
                Tone::Error,
            );
            return;
        }
    };
    let folder = library_root(&file);
    let library = match crate::library::scan(&folder) {
        Ok(library) => library,
        Err(e) => {
            app.say(format!("related incidents: {e}"), Tone::Error);
            return;
        }
    };
    let rows = related_rows(app, &library, &file);
    app.popup = Some(Popup::Related(Box::new(RelatedView {
        folder: folder.display().to_string(),
        rows,
        selected: 0,
    })));
}

/// The folder whose postmortems are compared: a `postmortems` folder above
/// the file (inside its repository), else the file's folder, with year
/// folders (`2025/`) rolled up into the one above them.
fn library_root(file: &Path) -> PathBuf {
    let file = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    let folder = file.parent().unwrap_or(Path::new(".")).to_path_buf();
    for dir in folder.ancestors() {
        if dir.file_name().is_some_and(|n| n == "postmortems") {
            return dir.to_path_buf();
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    let is_year = |name: &std::ffi::OsStr| {
        let name = name.to_string_lossy();
        name.len() == 4 && name.chars().all(|c| c.is_ascii_digit())
    };
    let mut root = folder.as_path();
    while let (Some(name), Some(parent)) = (root.file_name(), root.parent()) {
        if !is_year(name) {
            break;
        }
        root = parent;
    }
    root.to_path_buf()
}

/// The panel's rows: similar documents of `library`, never the document
/// itself (by file, as a document without an id has no other name).
fn related_rows(app: &App, library: &Library, file: &Path) -> Vec<RelatedRow> {
    let same = |p: &Path| {
        p == file
            || matches!(
                (p.canonicalize(), file.canonicalize()),
                (Ok(a), Ok(b)) if a == b
            )
    };
    SimilarityIndex::build(library)
        .related(&app.doc, SHOWN + 1)
        .into_iter()
        .filter(|r| !same(&r.path))
        .take(SHOWN)
        .map(|r| {
            let date = library
                .entries
                .iter()
                .find(|e| e.path == r.path)
                .and_then(|e| doc_date(&e.doc));
            let entry = match date {
                Some(date) => format!("{} ({date}): {}", r.key, r.title),
                None => format!("{}: {}", r.key, r.title),
            };
            RelatedRow {
                entry,
                key: r.key,
                title: r.title,
                score: r.score,
                shared: r.shared,
            }
        })
        .collect()
}

/// Adds `entry` to the appendix's related list, unless it is there.
pub fn add(app: &mut App, entry: &str) {
    let key = entry.split([' ', ':']).next().unwrap_or(entry);
    if app
        .doc
        .appendix
        .related
        .iter()
        .any(|r| r == entry || r.split([' ', ':']).next() == Some(key))
    {
        app.say(format!("{key} is already in the related list"), Tone::Info);
        return;
    }
    let mut text = DocField::Related.get(&app.doc);
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(entry);
    match DocField::Related.prepare(&app.doc, &text) {
        Ok(canonical) => {
            if history::set_field(app, DocField::Related, canonical) {
                app.say(format!("{key} added to the related incidents"), Tone::Info);
            }
        }
        Err(e) => app.say(format!("related incidents: {e}"), Tone::Error),
    }
}
