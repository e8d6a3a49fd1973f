//! Recovery from the edit journal: replay the journal's records on its base
//! text (not on the current file, which may have changed since) and tell
//! what the result changes compared with the file on disk.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::StoreError;
use super::journal::{journal_path, read_journal};
use crate::model::Postmortem;
use crate::model::edit::{DocField, Edit};

/// One journal record: an edit as it was applied (an undo is recorded as
/// the inverse of the undone edit), so replaying records in order on the
/// base gives the document as it was after the last completed edit.
pub type Record = Edit;

/// What a journal gives back.
#[derive(Debug, Clone)]
pub struct Recovery {
    /// The journal file.
    pub journal: PathBuf,
    /// When the journal was started (the last open or save).
    pub started: DateTime<Utc>,
    /// The document the journal started from.
    pub base: Postmortem,
    /// Its text, as in the journal.
    pub base_text: String,
    /// The base with every record replayed.
    pub doc: Postmortem,
    /// Records replayed.
    pub applied: usize,
    /// The replayed records, in order: applied to the base as one step
    /// they give `doc` (the editor's recovery is then one undo step).
    pub edits: Vec<Edit>,
    /// Records in the journal (complete lines).
    pub records: usize,
    /// Lines that could not be read (a torn last write).
    pub skipped: usize,
    /// Their line numbers in the journal (the header is line 0).
    pub damaged: Vec<usize>,
    /// The base itself holds unsaved edits (a journal restarted after a
    /// failed write).
    pub unsaved: bool,
    /// Why replay stopped early, if it did.
    pub stopped: Option<String>,
}

impl Recovery {
    /// Whether every record in the journal was read and replayed.
    pub fn is_complete(&self) -> bool {
        self.stopped.is_none() && self.skipped == 0
    }
}

/// Reads and replays the journal beside `document`. `None` when there is no
/// journal or it holds nothing to recover (no record, no unreadable line,
/// a base without unsaved edits).
pub fn recover(document: &Path) -> Result<Option<Recovery>, StoreError> {
    let journal = journal_path(document);
    let io = |source| StoreError::Io {
        path: journal.clone(),
        action: "cannot read the journal",
        source,
    };
    let Some(found) = read_journal::<Record>(document).map_err(io)? else {
        return Ok(None);
    };
    if found.records.is_empty() && found.skipped == 0 && !found.header.unsaved {
        return Ok(None);
    }
    let base = super::parse(&found.header.base, &journal)?;
    let mut doc = base.clone();
    let mut applied = 0;
    let mut stopped = None;
    for record in &found.records {
        if let Err(e) = record.apply(&mut doc) {
            stopped = Some(format!(
                "record {} of {}: {e}",
                applied + 1,
                found.records.len()
            ));
            break;
        }
        applied += 1;
    }
    let records = found.records.len();
    let mut edits = found.records;
    edits.truncate(applied);
    Ok(Some(Recovery {
        edits,
        journal,
        started: found.header.started,
        base,
        base_text: found.header.base,
        doc,
        applied,
        records,
        skipped: found.skipped,
        damaged: found.damaged,
        unsaved: found.header.unsaved,
        stopped,
    }))
}

/// What the recovered document changes compared with the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Items in the recovered document but not in the file.
    pub added: usize,
    /// Items in both that differ.
    pub changed: usize,
    /// Items in the file but not in the recovered document.
    pub removed: usize,
    /// Items whose position changed (same content).
    pub moved: usize,
    /// Document-level fields that differ, by label.
    pub fields: Vec<&'static str>,
    /// Whether anything else differs (response table, sign-off, …).
    pub other: bool,
}

impl Summary {
    /// Whether the two documents are the same.
    pub fn is_empty(&self) -> bool {
        *self == Summary::default()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return write!(f, "no differences");
        }
        write!(
            f,
            "{} added, {} changed, {} removed",
            self.added, self.changed, self.removed
        )?;
        if self.moved > 0 {
            write!(f, ", {} moved", self.moved)?;
        }
        if !self.fields.is_empty() {
            write!(f, "; fields: {}", self.fields.join(", "))?;
        }
        if self.other {
            write!(f, "; other sections changed")?;
        }
        Ok(())
    }
}

/// Compares `file` (what is on disk) with `recovered`, item by item (by id)
/// and field by field. Linear in the document: items are matched through
/// maps by id (with a duplicated id, the first of them counts), and
/// compared in place.
pub fn summarize(file: &Postmortem, recovered: &Postmortem) -> Summary {
    let mut summary = Summary::default();
    compare(&file.timeline, &recovered.timeline, |e| &e.id, &mut summary);
    compare(
        &file.whys.nodes,
        &recovered.whys.nodes,
        |w| &w.id,
        &mut summary,
    );
    compare(&file.factors, &recovered.factors, |f| &f.id, &mut summary);
    compare(&file.actions, &recovered.actions, |a| &a.id, &mut summary);
    summary.fields = DocField::FIXED
        .iter()
        .filter(|f| f.get(file) != f.get(recovered))
        .map(|f| f.label())
        .collect();
    if file.response != recovered.response {
        summary.fields.push("Detection & response");
    }
    if summary.is_empty() && file != recovered {
        summary.other = true;
    }
    summary
}

/// Counts the items of one list added, changed, removed and moved.
fn compare<T: PartialEq>(old: &[T], new: &[T], id: impl Fn(&T) -> &String, summary: &mut Summary) {
    let mut old_by_id: HashMap<&str, &T> = HashMap::with_capacity(old.len());
    for item in old {
        old_by_id.entry(id(item).as_str()).or_insert(item);
    }
    let new_ids: HashSet<&str> = new.iter().map(|n| id(n).as_str()).collect();
    for item in new {
        match old_by_id.get(id(item).as_str()) {
            None => summary.added += 1,
            Some(o) if *o != item => summary.changed += 1,
            Some(_) => {}
        }
    }
    // Moved: the items both have, in a different relative order.
    let kept_old = old
        .iter()
        .map(|o| id(o).as_str())
        .filter(|i| new_ids.contains(i));
    let kept_new = new
        .iter()
        .map(|n| id(n).as_str())
        .filter(|i| old_by_id.contains_key(i));
    summary.moved += kept_old.zip(kept_new).filter(|(a, b)| a != b).count();
    summary.removed += old
        .iter()
        .filter(|o| !new_ids.contains(id(o).as_str()))
        .count();
}

/// The document the recovery is compared with: the file as it is now, or
/// the journal's base when the file is gone or unreadable.
pub fn on_disk(document: &Path, recovery: &Recovery) -> Postmortem {
    // Usually the file is still the text the journal started from: no
    // second parse of a large document then.
    let unchanged = super::read_limited(document, super::MAX_DOCUMENT_BYTES, "documents")
        .is_ok_and(|bytes| bytes == recovery.base_text.as_bytes());
    if unchanged {
        return recovery.base.clone();
    }
    super::load(document)
        .map(|l| l.doc)
        .unwrap_or_else(|_| recovery.base.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::store::journal::Journal;

    #[test]
    fn replays_on_the_base_even_when_the_file_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pm.toml");
        let base = Postmortem::new(Kind::Incident, "Before".to_string());
        let text = crate::store::to_toml(&base).expect("toml");
        std::fs::write(&path, &text).expect("write");
        let mut journal = Journal::start(&path, &text).expect("journal");
        let retitle = Edit::SetText {
            field: DocField::Title,
            before: "Before".into(),
            after: "After".into(),
        };
        journal.append(&retitle).expect("append");
        journal.append(&retitle.inverse()).expect("append undo");
        journal.append(&retitle).expect("append redo");
        // Someone else rewrites the file meanwhile.
        let other = Postmortem::new(Kind::Incident, "Someone else".to_string());
        crate::store::save(&other, &path).expect("save");

        let recovery = recover(&path).expect("read").expect("records");
        assert_eq!(recovery.applied, 3);
        assert_eq!(recovery.doc.meta.title, "After");
        let summary = summarize(&on_disk(&path, &recovery), &recovery.doc);
        assert_eq!(summary.fields, vec!["Title"]);
        assert_eq!(
            summary.to_string(),
            "0 added, 0 changed, 0 removed; fields: Title"
        );
    }

    #[test]
    fn a_journal_without_records_is_nothing_to_recover() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pm.toml");
        Journal::start(&path, "schema = 1\n").expect("journal");
        assert!(recover(&path).expect("read").is_none());
    }
}
