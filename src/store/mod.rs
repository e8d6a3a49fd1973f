//! Reading and writing postmortems as TOML.
//!
//! Loading never modifies the file and never panics: every failure is a
//! [`StoreError`] naming the file, and the line and column where there is one.
//! Saving is atomic: a temp file in the same folder, fsync, rename, fsync of
//! the folder — a crash leaves either the old file or the new one.

mod chunks;
mod fast_event;
pub(crate) use chunks::timeline_blocks;
pub mod journal;
mod limits;
mod locate;
pub mod lock;
mod read;
pub mod recover;
mod stream;
mod target;
mod write;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::model::{Postmortem, Problem, SCHEMA_VERSION, check};

pub use limits::{LimitError, check_document, check_edit};
pub use locate::{Position, Step, locate, locate_steps, position_of};
pub use lock::{WriteLock, for_writing};
pub use read::{open_regular, read_limited, read_stream_limited, read_text_limited};
pub use target::{identity, is_stream, same_document};
pub use write::{write_atomic, write_new, write_output, write_private};

/// The largest document debrief reads (64 MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The longest single text field debrief reads (1 MiB): a postmortem field
/// is prose, and a larger one is almost certainly a pasted log that belongs
/// in a linked file.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;

/// Why a document could not be read or written.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file could not be read or written.
    #[error("{path}: {action}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not a well-formed document.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column (in characters).
        column: usize,
        /// What was found and what was expected.
        message: String,
    },
    /// The file is well-formed but not readable as a document at all.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The document could not be turned into TOML (a bug, not user input).
    #[error("could not serialize the document: {0}")]
    Serialize(String),
    /// Another debrief holds the document.
    #[error(transparent)]
    Locked(#[from] lock::WriteLockError),
    /// Writing it would make a file debrief cannot read back.
    #[error("{path}: not written: {limit}")]
    Limit {
        /// The file.
        path: PathBuf,
        /// Which limit, and the field over it.
        limit: LimitError,
    },
}

/// A document read from disk, with the text it came from (for positions).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The document.
    pub doc: Postmortem,
    /// The file's text.
    pub source: String,
}

/// A structural problem with its position in the file.
#[derive(Debug, Clone)]
pub struct LocatedProblem {
    /// The problem.
    pub problem: Problem,
    /// Where it is, when the file was read from disk.
    pub position: Option<Position>,
}

/// Reads and parses a document. Structural problems (dangling links,
/// duplicate ids) do not fail the load: see [`check_source`].
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    let io = |action, source| StoreError::Io {
        path: path.to_path_buf(),
        action,
        source,
    };
    let bytes =
        read_limited(path, MAX_DOCUMENT_BYTES, "documents").map_err(|e| match e.kind() {
            // Too large, or not a regular file: the message says which.
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput => {
                StoreError::Invalid {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                }
            }
            _ => io("cannot read", e),
        })?;
    let source = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
            let at = position_of(&prefix, valid);
            return Err(StoreError::Syntax {
                path: path.to_path_buf(),
                line: at.line,
                column: at.column,
                message: "not UTF-8 text: expected a TOML document (is this a binary file?)".into(),
            });
        }
    };
    let doc = parse(&source, path)?;
    Ok(Loaded { doc, source })
}

/// Parses a document from text; `path` is only used in error messages.
pub fn parse(source: &str, path: &Path) -> Result<Postmortem, StoreError> {
    if source.trim().is_empty() {
        return Err(StoreError::Invalid {
            path: path.to_path_buf(),
            message: format!(
                "empty file: expected a debrief document starting with `schema = {SCHEMA_VERSION}`"
            ),
        });
    }
    // A large document is parsed in pieces on two threads; anything
    // unusual about it gives `None` and the whole parse below, whose errors
    // (and positions) are the ones to report.
    if let Some(doc) = chunks::parse(source, path) {
        return Ok(doc);
    }
    let table = parse_table(source, path)?;
    // Schema 1 is the first. When a later schema changes the format, older
    // tables are migrated here, one version at a time, before deserializing.
    // Deserializing the table already parsed is faster than parsing the
    // text again (2.4× on a 100,000-event document); only an error is worth
    // a second parse, for its line and column.
    match Postmortem::deserialize(table) {
        Ok(doc) => Ok(doc),
        Err(_) => toml::from_str::<Postmortem>(source).map_err(|e| syntax(source, path, e)),
    }
}

/// A toml error as a [`StoreError::Syntax`] at its place in `source`.
fn syntax(source: &str, path: &Path, err: toml::de::Error) -> StoreError {
    let at = err
        .span()
        .map(|span| position_of(source, span.start))
        .unwrap_or(Position { line: 1, column: 1 });
    let mut message = err.message().trim().to_string();
    // toml says "duplicate key" without naming it: name it.
    if message == "duplicate key"
        && let Some(key) = err.span().and_then(|span| source.get(span))
    {
        message = format!("duplicate key `{}`", key.trim());
    }
    StoreError::Syntax {
        path: path.to_path_buf(),
        line: at.line,
        column: at.column,
        message,
    }
}

/// The document's TOML table, with its schema checked (a newer file must
/// be refused before its unknown fields produce confusing errors) and no
/// text field over [`MAX_FIELD_BYTES`].
fn parse_table(source: &str, path: &Path) -> Result<toml::Table, StoreError> {
    let table: toml::Table = toml::from_str(source).map_err(|e| syntax(source, path, e))?;
    let schema = match table.get("schema") {
        Some(toml::Value::Integer(n)) => *n,
        Some(_) => {
            return Err(located(
                source,
                path,
                "schema",
                "`schema` must be a whole number like 1",
            ));
        }
        None => {
            return Err(StoreError::Invalid {
                path: path.to_path_buf(),
                message: format!(
                    "missing `schema = {SCHEMA_VERSION}`: is this a debrief document?"
                ),
            });
        }
    };
    if schema > i64::from(SCHEMA_VERSION) {
        return Err(located(
            source,
            path,
            "schema",
            &format!(
                "schema {schema} is newer than this debrief understands (it reads schema {SCHEMA_VERSION}): upgrade debrief"
            ),
        ));
    }
    if schema < 1 {
        return Err(located(
            source,
            path,
            "schema",
            &format!("schema {schema} is not a valid version: expected {SCHEMA_VERSION}"),
        ));
    }
    if let Some((steps, len)) = oversized_field(&table) {
        let borrowed: Vec<Step> = steps.iter().map(OwnedStep::as_step).collect();
        let at = locate_steps(source, &borrowed).unwrap_or(Position { line: 1, column: 1 });
        return Err(StoreError::Syntax {
            path: path.to_path_buf(),
            line: at.line,
            column: at.column,
            message: format!(
                "text field is {len} bytes; debrief reads fields up to {} KiB (keep long logs in a linked file)",
                MAX_FIELD_BYTES / 1024
            ),
        });
    }
    Ok(table)
}

fn located(source: &str, path: &Path, key: &'static str, message: &str) -> StoreError {
    let at = locate(source, &[crate::model::PathSeg::Key(key)])
        .unwrap_or(Position { line: 1, column: 1 });
    StoreError::Syntax {
        path: path.to_path_buf(),
        line: at.line,
        column: at.column,
        message: message.to_string(),
    }
}

/// One step of a path into a TOML table, owned.
enum OwnedStep {
    Key(String),
    Index(usize),
}

impl OwnedStep {
    fn as_step(&self) -> Step<'_> {
        match self {
            OwnedStep::Key(k) => Step::Key(k),
            OwnedStep::Index(i) => Step::Index(*i),
        }
    }
}

/// The path and length of the first string longer than [`MAX_FIELD_BYTES`].
fn oversized_field(table: &toml::Table) -> Option<(Vec<OwnedStep>, usize)> {
    fn walk(value: &toml::Value, path: &mut Vec<OwnedStep>) -> Option<usize> {
        match value {
            toml::Value::String(s) if s.len() > MAX_FIELD_BYTES => Some(s.len()),
            toml::Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                path.push(OwnedStep::Index(i));
                let found = walk(item, path);
                if found.is_none() {
                    path.pop();
                }
                found
            }),
            toml::Value::Table(table) => table.iter().find_map(|(key, item)| {
                path.push(OwnedStep::Key(key.clone()));
                let found = walk(item, path);
                if found.is_none() {
                    path.pop();
                }
                found
            }),
            _ => None,
        }
    }
    table.iter().find_map(|(key, value)| {
        let mut path = vec![OwnedStep::Key(key.clone())];
        walk(value, &mut path).map(|len| (path, len))
    })
}

/// Structural problems of a loaded document, with positions in its source.
pub fn check_source(doc: &Postmortem, source: &str) -> Vec<LocatedProblem> {
    check(doc)
        .into_iter()
        .map(|problem| LocatedProblem {
            position: locate(source, &problem.path),
            problem,
        })
        .collect()
}

/// The canonical TOML text of a document: what `save` writes and what
/// `debrief fmt` compares against.
pub fn to_toml(doc: &Postmortem) -> Result<String, StoreError> {
    let body = toml::to_string_pretty(doc).map_err(|e| StoreError::Serialize(e.to_string()))?;
    Ok(body)
}

/// Size and modification time of a file: a cheap way to notice that
/// something else (git pull, another tool) changed it under the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskStamp {
    /// Length in bytes.
    pub len: u64,
    /// Last modification time.
    pub modified: Option<std::time::SystemTime>,
}

/// The stamp of `path` now, or `None` when it does not exist.
pub fn disk_stamp(path: &Path) -> std::io::Result<Option<DiskStamp>> {
    match std::fs::metadata(path) {
        Ok(meta) => Ok(Some(DiskStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

/// The canonical text of `doc`, refused when it could not be read back
/// (over the document or field limits): what every document write uses.
pub fn writable_text(doc: &Postmortem, path: &Path) -> Result<String, StoreError> {
    let text = to_toml(doc)?;
    check_document(doc, &text).map_err(|limit| StoreError::Limit {
        path: path.to_path_buf(),
        limit,
    })?;
    Ok(text)
}

/// Writes a new document, refusing to replace an existing file.
pub fn create(doc: &Postmortem, path: &Path) -> Result<(), StoreError> {
    write_document(doc, path, true)
}

/// Writes the document atomically in canonical form.
pub fn save(doc: &Postmortem, path: &Path) -> Result<(), StoreError> {
    write_document(doc, path, false)
}

/// Writes the canonical text of `doc` into a temporary file beside `path`
/// a block at a time (the text is never held whole: 58 MB at 200,000
/// events), checks it against the limits [`writable_text`] checks, and
/// only then renames it over `path` (or, `new`, to a name nothing has).
fn write_document(doc: &Postmortem, path: &Path, new: bool) -> Result<(), StoreError> {
    use write::Unwritten;
    let fill = |file: &mut std::fs::File| {
        let mut counted = Counted::new(file);
        let len = stream::write_toml(doc, &mut counted).map_err(|failure| match failure {
            stream::Failure::Io(err) => Unwritten::Io(err),
            stream::Failure::Serialize(message) => Unwritten::Fill(StoreError::Serialize(message)),
        })?;
        limits::check_length(doc, len).map_err(|limit| {
            Unwritten::Fill(StoreError::Limit {
                path: path.to_path_buf(),
                limit,
            })
        })
    };
    write::write_document_with(path, new, fill).map_err(|err| match err {
        Unwritten::Fill(err) => err,
        Unwritten::Io(source) => StoreError::Io {
            path: path.to_path_buf(),
            action: match (new, source.kind()) {
                (false, _) => "cannot save",
                (true, std::io::ErrorKind::AlreadyExists) => {
                    "refusing to overwrite an existing file"
                }
                (true, _) => "cannot create",
            },
            source,
        },
    })
}

/// A writer that passes bytes on until the document limit is passed and
/// counts them all: a document over it is refused, so its bytes past the
/// limit need not go to disk.
struct Counted<W> {
    inner: W,
    len: u64,
}

impl<W> Counted<W> {
    fn new(inner: W) -> Self {
        Counted { inner, len: 0 }
    }
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.len += buf.len() as u64;
        if self.len <= MAX_DOCUMENT_BYTES {
            self.inner.write_all(buf)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
