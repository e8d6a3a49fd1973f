//! Reading a folder of postmortems in parallel: every `*.toml` below it
//! (hidden files and folders excepted), each loaded through `store::load`.
//! A file that cannot be read is kept as [`Skipped`] with its error (which
//! names the file, line and column); the others load regardless.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use thiserror::Error;

use crate::model::Postmortem;
use crate::store::{self, StoreError};

/// One postmortem of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file, as found under the library's folder.
    pub path: PathBuf,
    /// The path relative to the library's folder, with `/` separators.
    pub rel: String,
    /// The document.
    pub doc: Postmortem,
}

impl Entry {
    /// How figures name the document: its `meta.id`, or its relative path
    /// when it has none.
    pub fn key(&self) -> &str {
        if self.doc.meta.id.trim().is_empty() {
            &self.rel
        } else {
            self.doc.meta.id.trim()
        }
    }
}

/// A file of the library that could not be read.
#[derive(Debug)]
pub struct Skipped {
    /// The file (or folder that could not be listed).
    pub path: PathBuf,
    /// Why: the message names the file, and the line and column if any.
    pub error: StoreError,
}

/// The postmortems of a folder, in path order, and the files left out.
#[derive(Debug, Default)]
pub struct Library {
    /// The folder.
    pub root: PathBuf,
    /// The documents that loaded, sorted by relative path.
    pub entries: Vec<Entry>,
    /// The files that did not, sorted by path.
    pub skipped: Vec<Skipped>,
}

/// Why a library could not be read at all.
#[derive(Debug, Error)]
pub enum LibraryError {
    /// The folder itself could not be listed.
    #[error("{path}: cannot read the folder: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The path is not a folder.
    #[error("{path}: not a folder: expected a folder of postmortems (*.toml)")]
    NotFolder {
        /// The path.
        path: PathBuf,
    },
}

/// Reads every postmortem below `dir`, in parallel.
pub fn scan(dir: &Path) -> Result<Library, LibraryError> {
    let meta = std::fs::metadata(dir).map_err(|source| LibraryError::Folder {
        path: dir.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(LibraryError::NotFolder {
            path: dir.to_path_buf(),
        });
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    walk(dir, &mut files, &mut skipped, true).map_err(|source| LibraryError::Folder {
        path: dir.to_path_buf(),
        source,
    })?;
    files.sort();
    let loaded = load_parallel(&files);
    let mut entries = Vec::with_capacity(files.len());
    for (path, result) in files.into_iter().zip(loaded) {
        match result {
            Ok(doc) => entries.push(Entry {
                rel: relative(dir, &path),
                path,
                doc,
            }),
            Err(error) => skipped.push(Skipped { path, error }),
        }
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Library {
        root: dir.to_path_buf(),
        entries,
        skipped,
    })
}

/// `path` relative to `root`, `/`-separated.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Collects the `*.toml` files below `dir`. A sub-folder that cannot be
/// listed is a skipped entry; the top folder failing is an error.
fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    skipped: &mut Vec<Skipped>,
    top: bool,
) -> std::io::Result<()> {
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) if top => return Err(e),
        Err(source) => {
            skipped.push(Skipped {
                path: dir.to_path_buf(),
                error: StoreError::Io {
                    path: dir.to_path_buf(),
                    action: "cannot list the folder",
                    source,
                },
            });
            return Ok(());
        }
    };
    for item in listing {
        let item = match item {
            Ok(item) => item,
            Err(source) => {
                skipped.push(Skipped {
                    path: dir.to_path_buf(),
                    error: StoreError::Io {
                        path: dir.to_path_buf(),
                        action: "cannot list the folder",
                        source,
                    },
                });
                continue;
            }
        };
        let name = item.file_name();
        let name = name.to_string_lossy();
        // Hidden: lock files, journals, .git and the like.
        if name.starts_with('.') {
            continue;
        }
        let path = item.path();
        // Folders are entered only when they are real ones (no link loops).
        let is_dir = item.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir {
            walk(&path, files, skipped, false)?;
        } else if name.ends_with(".toml") {
            files.push(path);
        }
    }
    Ok(())
}

/// Loads `files` on every core; the results are in the order of `files`.
fn load_parallel(files: &[PathBuf]) -> Vec<Result<Postmortem, StoreError>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(files.len().div_ceil(8).max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<Postmortem, StoreError>>>> =
        Mutex::new((0..files.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                // Small batches balance uneven files without much locking.
                let mut done = Vec::with_capacity(16);
                loop {
                    let start = next.fetch_add(16, Ordering::Relaxed);
                    if start >= files.len() {
                        break;
                    }
                    let end = (start + 16).min(files.len());
                    done.clear();
                    for (i, path) in files.iter().enumerate().take(end).skip(start) {
                        done.push((i, load(path)));
                    }
                    let mut all = results.lock().unwrap_or_else(|e| e.into_inner());
                    for (i, result) in done.drain(..) {
                        all[i] = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .zip(files)
        .map(|(result, path)| {
            result.unwrap_or_else(|| {
                Err(StoreError::Invalid {
                    path: path.clone(),
                    message: "not read (a reading thread stopped)".into(),
                })
            })
        })
        .collect()
}

/// `f` over `items` on every core, results in the order of `items`.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(items.len().div_ceil(64).max(1));
    if threads <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let f = &f;
                scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Loads one document. The common case — a well-formed document — is
/// parsed in one pass straight into the model, half the work of
/// `store::load` (which parses a table first to check the schema, then
/// deserializes it). Anything else — unreadable, not UTF-8, too large, a
/// field over the limit, a syntax or schema error — goes through
/// `store::load`, so errors and their positions are exactly its own.
fn load(path: &Path) -> Result<Postmortem, StoreError> {
    let fast = || -> Option<Postmortem> {
        let bytes = store::read_limited(path, store::MAX_DOCUMENT_BYTES, "documents").ok()?;
        // A file this small cannot hold a field over the field limit.
        if bytes.len() > store::MAX_FIELD_BYTES {
            return None;
        }
        let text = std::str::from_utf8(&bytes).ok()?;
        let doc: Postmortem = toml::from_str(text).ok()?;
        (1..=crate::model::SCHEMA_VERSION)
            .contains(&doc.schema)
            .then_some(doc)
    };
    match fast() {
        Some(doc) => Ok(doc),
        None => store::load(path).map(|l| l.doc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_and_other_files_are_left_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = "schema = 1\n[meta]\ntitle = \"x\"\n";
        std::fs::write(dir.path().join("a.toml"), good).expect("write");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("sub/b.toml"), good).expect("write");
        std::fs::write(dir.path().join(".a.toml.debrief-lock"), "{}").expect("write");
        std::fs::write(dir.path().join(".hidden.toml"), "broken =").expect("write");
        std::fs::write(dir.path().join("notes.md"), "# notes").expect("write");
        std::fs::write(dir.path().join("bad.toml"), "schema = 1\n[meta\n").expect("write");
        let lib = scan(dir.path()).expect("scan");
        let rels: Vec<&str> = lib.entries.iter().map(|e| e.rel.as_str()).collect();
        assert_eq!(rels, ["a.toml", "sub/b.toml"]);
        assert_eq!(lib.skipped.len(), 1);
        assert!(lib.skipped[0].error.to_string().contains("bad.toml:2:"));
    }

    #[test]
    fn the_fast_load_is_store_load() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for example in [
            "checkout-cache-stampede.toml",
            "project-platform-migration.toml",
        ] {
            let path = root.join("assets/examples").join(example);
            let fast = load(&path).expect("fast");
            assert_eq!(fast, store::load(&path).expect("store").doc, "{example}");
        }
        // A newer schema, well-formed otherwise: store's own message.
        let newer = dir.path().join("newer.toml");
        std::fs::write(&newer, "schema = 2\n[meta]\ntitle = \"x\"\n").expect("write");
        let err = load(&newer).expect_err("refused").to_string();
        assert!(
            err.contains("newer.toml:1:") && err.contains("upgrade debrief"),
            "{err}"
        );
    }
}
