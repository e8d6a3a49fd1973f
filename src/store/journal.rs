//! The edit journal: `.NAME.toml.debrief-journal` beside the document.
//!
//! The first line holds the text of the document as last saved (the base);
//! every completed edit is then appended as one JSON line and synced to
//! disk before the editor handles the next key. Replaying the records on
//! the base gives back every completed edit after a crash, a `kill -9` or a
//! dropped SSH session — even if the document file itself changed since.
//! A torn last line (the crash hit mid-write) is ignored.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::lock::sidecar;

/// Journal format version.
const JOURNAL_VERSION: u32 = 1;

/// The first line of a journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalHeader {
    /// Format version.
    pub journal: u32,
    /// When the journal was started (the last save or open).
    pub started: DateTime<Utc>,
    /// The document text the records apply to.
    pub base: String,
}

/// An open journal, appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    records: usize,
}

/// `.NAME.toml.debrief-journal` beside `document`.
pub fn journal_path(document: &Path) -> PathBuf {
    sidecar(document, "debrief-journal")
}

impl Journal {
    /// Starts a fresh journal for `document` whose saved text is `base`,
    /// replacing any previous one.
    pub fn start(document: &Path, base: &str) -> io::Result<Journal> {
        let path = journal_path(document);
        let header = JournalHeader {
            journal: JOURNAL_VERSION,
            started: Utc::now(),
            base: base.to_string(),
        };
        let mut line = serde_json::to_string(&header).map_err(io::Error::other)?;
        line.push('\n');
        super::write_private(&path, line.as_bytes())?;
        let file = OpenOptions::new().append(true).open(&path)?;
        Ok(Journal {
            path,
            file,
            records: 0,
        })
    }

    /// Reopens the journal beside `document` to append more records (after
    /// the user chose to recover it): the file is first rewritten with its
    /// readable lines only, so a torn last line cannot swallow the next
    /// record.
    pub fn resume(document: &Path) -> io::Result<Journal> {
        let path = journal_path(document);
        let text = fs::read_to_string(&path)?;
        let mut kept = String::with_capacity(text.len());
        let mut records = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            let complete = line.ends_with('\n')
                && serde_json::from_str::<serde_json::Value>(line.trim_end()).is_ok();
            if complete {
                kept.push_str(line);
                if n > 0 {
                    records += 1;
                }
            } else if n == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: damaged journal header", path.display()),
                ));
            }
        }
        super::write_private(&path, kept.as_bytes())?;
        let file = OpenOptions::new().append(true).open(&path)?;
        Ok(Journal {
            path,
            file,
            records,
        })
    }

    /// Appends one record and waits until it is on disk.
    pub fn append<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        let mut line = serde_json::to_string(record).map_err(io::Error::other)?;
        line.push('\n');
        self.file.write_all(line.as_bytes())?;
        self.file.sync_data()?;
        self.records += 1;
        Ok(())
    }

    /// How many records were appended since the journal started.
    pub fn records(&self) -> usize {
        self.records
    }

    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes the journal (after a clean save or quit).
    pub fn remove(self) -> io::Result<()> {
        match fs::remove_file(&self.path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}

/// What a journal left behind.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered<T> {
    /// The header: base text and start time.
    pub header: JournalHeader,
    /// The complete records, in order.
    pub records: Vec<T>,
    /// Lines that could not be read (a torn last write, or damage).
    pub skipped: usize,
}

/// Reads the journal beside `document`, if there is one.
pub fn read_journal<T: DeserializeOwned>(document: &Path) -> io::Result<Option<Recovered<T>>> {
    let path = journal_path(document);
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    let mut lines = BufReader::new(file).lines();
    let header: JournalHeader = match lines.next() {
        Some(line) => serde_json::from_str(&line?).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: damaged journal header: {e}", path.display()),
            )
        })?,
        None => return Ok(None),
    };
    if header.journal > JOURNAL_VERSION {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{}: journal version {} is newer than this debrief reads",
                path.display(),
                header.journal
            ),
        ));
    }
    let mut records = Vec::new();
    let mut skipped = 0;
    for line in lines {
        let Ok(line) = line else {
            skipped += 1;
            continue;
        };
        match serde_json::from_str(&line) {
            Ok(record) => records.push(record),
            Err(_) => skipped += 1,
        }
    }
    Ok(Some(Recovered {
        header,
        records,
        skipped,
    }))
}

/// Removes the journal beside `document`, if any.
pub fn discard_journal(document: &Path) -> io::Result<()> {
    match fs::remove_file(journal_path(document)) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_and_a_torn_line_is_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("pm.toml");
        let mut journal = Journal::start(&doc, "schema = 1\n").expect("start");
        journal.append(&vec!["first".to_string()]).expect("append");
        journal.append(&vec!["second".to_string()]).expect("append");
        drop(journal); // as if the process died: nothing else is flushed
        // A crash in the middle of the third write.
        let mut file = OpenOptions::new()
            .append(true)
            .open(journal_path(&doc))
            .expect("open");
        file.write_all(b"[\"thi").expect("torn write");

        let recovered: Recovered<Vec<String>> =
            read_journal(&doc).expect("read").expect("journal exists");
        assert_eq!(recovered.header.base, "schema = 1\n");
        assert_eq!(
            recovered.records,
            vec![vec!["first".to_string()], vec!["second".to_string()]]
        );
        assert_eq!(recovered.skipped, 1);

        discard_journal(&doc).expect("discard");
        assert!(read_journal::<Vec<String>>(&doc).expect("read").is_none());
    }
}
