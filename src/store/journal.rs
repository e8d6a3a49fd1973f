//! The edit journal: `.NAME.toml.debrief-journal` beside the document.
//!
//! Every line is one framed record: `LEN CRC JSON` — the JSON's length in
//! bytes, its CRC-32 in hex, the JSON — so a record cut short (a crash mid
//! write, a full disk) or damaged is recognised and skipped while the
//! records after it still replay. The first record is the header with the
//! document text as last saved (the base); every completed edit is then
//! appended and synced to disk before the editor handles the next key.
//! After a failed append the torn tail is cut off before the next one, so
//! a later record never lands on the same line as a broken one.
//! Journals of version 1 (unframed JSON lines) are still read.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::lock::sidecar;

/// Journal format version: 2 frames every line.
const JOURNAL_VERSION: u32 = 2;

/// The largest journal read: a 64 MiB base plus a long session of edits.
pub const MAX_JOURNAL_BYTES: u64 = 512 * 1024 * 1024;

/// The first line of a journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalHeader {
    /// Format version.
    pub journal: u32,
    /// When the journal was started (the last save or open).
    pub started: DateTime<Utc>,
    /// The document text the records apply to.
    pub base: String,
    /// The base itself holds edits that were never saved (the journal was
    /// restarted after a failed write): worth recovering even with no
    /// records.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unsaved: bool,
}

/// An open journal, appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    records: usize,
    /// The base holds unsaved edits.
    unsaved: bool,
    /// The length of the file up to its last complete record.
    good_len: u64,
    /// A failed append may have left part of a record after `good_len`.
    torn: bool,
}

/// `.NAME.toml.debrief-journal` beside `document`.
pub fn journal_path(document: &Path) -> PathBuf {
    sidecar(document, "debrief-journal")
}

/// One framed line: `LEN CRC JSON\n`.
/// Room for a frame's prefix: the longest length, a space, the checksum
/// and a space.
const PREFIX_ROOM: usize = 20 + 1 + 8 + 1;

/// [`JournalHeader`] with its base borrowed, for writing (same fields, same
/// JSON).
#[derive(Serialize)]
struct HeaderRef<'a> {
    journal: u32,
    started: DateTime<Utc>,
    base: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unsaved: bool,
}

fn frame(json: &str) -> String {
    format!(
        "{} {:08x} {json}\n",
        json.len(),
        crc32fast::hash(json.as_bytes())
    )
}

/// The JSON of one framed line, if the frame is whole and its checksum
/// right.
fn unframe(line: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(line).ok()?;
    let (len, rest) = text.split_once(' ')?;
    let (crc, json) = rest.split_once(' ')?;
    let len: usize = len.parse().ok()?;
    let crc = u32::from_str_radix(crc, 16).ok()?;
    (json.len() == len && crc32fast::hash(json.as_bytes()) == crc).then_some(json)
}

impl Journal {
    /// Starts a fresh journal for `document` whose saved text is `base`,
    /// replacing any previous one (atomically: on a full disk the old
    /// journal stays as it was).
    pub fn start(document: &Path, base: &str) -> io::Result<Journal> {
        Journal::start_on(document, base, false)
    }

    /// Starts a fresh journal whose base holds edits that are not saved
    /// (`unsaved`): such a journal is recovered even before any record.
    pub fn start_on(document: &Path, base: &str, unsaved: bool) -> io::Result<Journal> {
        let path = journal_path(document);
        let header = HeaderRef {
            journal: JOURNAL_VERSION,
            started: Utc::now(),
            base,
            unsaved,
        };
        // The base is the whole document (22 MB at 100,000 events): its
        // JSON is written once, behind room for the frame's prefix, and
        // neither the base nor the line is copied again.
        let mut buf = vec![b' '; PREFIX_ROOM];
        serde_json::to_writer(&mut buf, &header).map_err(io::Error::other)?;
        let json = &buf[PREFIX_ROOM..];
        let prefix = format!("{} {:08x} ", json.len(), crc32fast::hash(json));
        let start = PREFIX_ROOM - prefix.len();
        buf[start..PREFIX_ROOM].copy_from_slice(prefix.as_bytes());
        buf.push(b'\n');
        super::write_private(&path, &buf[start..])?;
        Journal::open(path, 0, unsaved)
    }

    fn open(path: PathBuf, records: usize, unsaved: bool) -> io::Result<Journal> {
        let file = OpenOptions::new().append(true).open(&path)?;
        let good_len = file.metadata()?.len();
        Ok(Journal {
            path,
            file,
            records,
            unsaved,
            good_len,
            torn: false,
        })
    }

    /// Whether the journal holds anything a crash would lose: records, or
    /// a base with unsaved edits.
    pub fn holds_unsaved(&self) -> bool {
        self.records > 0 || self.unsaved
    }

    /// Reopens the journal beside `document` to append more records (after
    /// the user chose to recover it): rewritten first with its readable
    /// records only, framed, so nothing damaged stays in it.
    pub fn resume(document: &Path) -> io::Result<Journal> {
        let path = journal_path(document);
        let Some(found) = read_journal::<serde_json::Value>(document)? else {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{}: no journal", path.display()),
            ));
        };
        let mut header = found.header;
        header.journal = JOURNAL_VERSION;
        let unsaved = header.unsaved;
        let mut kept = frame(&serde_json::to_string(&header).map_err(io::Error::other)?);
        for record in &found.records {
            kept.push_str(&frame(&record.to_string()));
        }
        super::write_private(&path, kept.as_bytes())?;
        Journal::open(path, found.records.len(), unsaved)
    }

    /// Appends one record and waits until it is on disk. After a failure
    /// the journal is still usable: the next append first cuts off what
    /// the failed one left.
    pub fn append<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        let line = frame(&serde_json::to_string(record).map_err(io::Error::other)?);
        if self.torn {
            self.file.set_len(self.good_len)?;
            self.torn = false;
        }
        let written = self
            .file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data());
        if let Err(err) = written {
            self.torn = true;
            // Best effort now; the next append cuts it again if this fails.
            if self.file.set_len(self.good_len).is_ok() {
                self.torn = false;
            }
            return Err(err);
        }
        self.good_len += line.len() as u64;
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
    /// The 1-based numbers of those lines among the records (the header
    /// is line 0).
    pub damaged: Vec<usize>,
}

/// Reads the journal beside `document`, if there is one. A journal whose
/// header cannot be read is an `InvalidData` error (damaged as a whole).
pub fn read_journal<T: DeserializeOwned>(document: &Path) -> io::Result<Option<Recovered<T>>> {
    let path = journal_path(document);
    let bytes = match super::read_limited(&path, MAX_JOURNAL_BYTES, "journals") {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err),
    };
    if bytes.is_empty() {
        return Ok(None);
    }
    let mut lines = bytes.split(|b| *b == b'\n');
    let first = lines.next().unwrap_or_default();
    let damaged_header = |why: String| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: damaged journal header: {why}", path.display()),
        )
    };
    // Version 2 frames the header; version 1 wrote bare JSON lines.
    let (header_json, framed) = match unframe(first) {
        Some(json) => (json, true),
        None => (
            std::str::from_utf8(first).map_err(|e| damaged_header(e.to_string()))?,
            false,
        ),
    };
    let header: JournalHeader =
        serde_json::from_str(header_json).map_err(|e| damaged_header(e.to_string()))?;
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
    let mut damaged = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let json = if framed {
            unframe(line)
        } else {
            std::str::from_utf8(line).ok()
        };
        match json.and_then(|j| serde_json::from_str(j).ok()) {
            Some(record) => records.push(record),
            None => damaged.push(n + 1),
        }
    }
    Ok(Some(Recovered {
        header,
        records,
        skipped: damaged.len(),
        damaged,
    }))
}

/// Moves a damaged journal aside, to `.NAME.toml.debrief-journal.damaged`
/// (then `-2`, `-3`, …), so it is kept for a look and a fresh one can
/// start. Returns where it went.
pub fn set_aside(document: &Path) -> io::Result<PathBuf> {
    let path = journal_path(document);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let target = (1..1000)
        .map(|n| match n {
            1 => path.with_file_name(format!("{name}.damaged")),
            n => path.with_file_name(format!("{name}.damaged-{n}")),
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .ok_or_else(|| io::Error::other("too many damaged journals kept"))?;
    fs::rename(&path, &target)?;
    Ok(target)
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

    fn strings(recovered: &Recovered<Vec<String>>) -> Vec<String> {
        recovered.records.iter().map(|r| r.join("")).collect()
    }

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
        file.write_all(b"13 0badc0de [\"thi").expect("torn write");

        let recovered: Recovered<Vec<String>> =
            read_journal(&doc).expect("read").expect("journal exists");
        assert_eq!(recovered.header.base, "schema = 1\n");
        assert_eq!(strings(&recovered), vec!["first", "second"]);
        assert_eq!(recovered.skipped, 1);
        assert_eq!(recovered.damaged, vec![3]);

        discard_journal(&doc).expect("discard");
        assert!(read_journal::<Vec<String>>(&doc).expect("read").is_none());
    }

    /// A torn record in the middle (a full disk, then room again, before
    /// the torn tail could be cut) is skipped and the records after it
    /// still replay: each line carries its own length and checksum.
    #[test]
    fn a_damaged_record_is_skipped_and_later_records_replay() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("pm.toml");
        let mut journal = Journal::start(&doc, "schema = 1\n").expect("start");
        journal.append(&vec!["first".to_string()]).expect("append");
        drop(journal);
        let mut file = OpenOptions::new()
            .append(true)
            .open(journal_path(&doc))
            .expect("open");
        // Half a record, then a whole one on the next line; then a line
        // whose checksum does not match its content.
        file.write_all(b"20 12345678 [\"hal\n").expect("torn");
        file.write_all(frame("[\"later\"]").as_bytes())
            .expect("later");
        file.write_all(b"9 00000000 [\"wrong\"]\n")
            .expect("bad crc");
        let recovered: Recovered<Vec<String>> = read_journal(&doc).expect("read").expect("journal");
        assert_eq!(strings(&recovered), vec!["first", "later"]);
        assert_eq!(recovered.damaged, vec![2, 4]);
    }

    #[test]
    fn version_1_journals_are_still_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("pm.toml");
        let header = r#"{"journal":1,"started":"2026-02-05T14:00:00Z","base":"schema = 1\n"}"#;
        std::fs::write(journal_path(&doc), format!("{header}\n[\"first\"]\n[\"sec"))
            .expect("write");
        let recovered: Recovered<Vec<String>> = read_journal(&doc).expect("read").expect("journal");
        assert_eq!(strings(&recovered), vec!["first"]);
        assert_eq!(recovered.skipped, 1);
    }

    #[test]
    fn a_damaged_journal_is_set_aside_under_a_new_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let doc = dir.path().join("pm.toml");
        std::fs::write(journal_path(&doc), "garbage\n").expect("write");
        assert!(read_journal::<Vec<String>>(&doc).is_err());
        let kept = set_aside(&doc).expect("aside");
        assert!(kept.to_string_lossy().ends_with(".debrief-journal.damaged"));
        assert_eq!(std::fs::read_to_string(&kept).expect("kept"), "garbage\n");
        assert!(!journal_path(&doc).exists());
    }
}
