//! Write only what can be read back: the limits [`super::load`] enforces
//! (a document up to [`MAX_DOCUMENT_BYTES`], each text up to
//! [`MAX_FIELD_BYTES`]) are checked before anything is written, and
//! before the editor applies an edit, with an error naming the field.

use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use super::{MAX_DOCUMENT_BYTES, MAX_FIELD_BYTES};
use crate::model::Postmortem;
use crate::model::edit::{Edit, Item};

/// An edit or document that debrief could not read back.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LimitError {
    /// One text is over [`MAX_FIELD_BYTES`].
    #[error(
        "{field} would be {len} bytes; debrief keeps a field up to {} KiB (keep long logs in a linked file)",
        MAX_FIELD_BYTES / 1024
    )]
    Field {
        /// Which field: `timeline[3].text`, `E-12 text`, `Title`.
        field: String,
        /// Its length in bytes.
        len: usize,
    },
    /// The whole document is over [`MAX_DOCUMENT_BYTES`].
    #[error(
        "the document would be {len} bytes; debrief reads documents up to {} MiB",
        MAX_DOCUMENT_BYTES / 1024 / 1024
    )]
    Document {
        /// Its length in bytes, as TOML.
        len: usize,
    },
}

/// An edit that adds at least this much is checked against the document
/// limit too (serializing the document once); smaller ones cannot bring a
/// readable document near it in any number a person types, and a save
/// checks again anyway.
const GROWTH_CHECKED: usize = 64 * 1024;

/// Checks the canonical TOML `text` of `doc` against the limits.
pub fn check_document(doc: &Postmortem, text: &str) -> Result<(), LimitError> {
    check_length(doc, text.len() as u64)
}

/// Checks `doc`, whose canonical text is `len` bytes, against the limits:
/// [`check_document`] for a text written without being held.
pub(super) fn check_length(doc: &Postmortem, len: u64) -> Result<(), LimitError> {
    if len > MAX_DOCUMENT_BYTES {
        return Err(LimitError::Document {
            len: usize::try_from(len).unwrap_or(usize::MAX),
        });
    }
    // Only a long text needs its path; most documents stop here.
    if len <= MAX_FIELD_BYTES as u64 {
        return Ok(());
    }
    match oversized(doc) {
        Some((field, len)) => Err(LimitError::Field { field, len }),
        None => Ok(()),
    }
}

/// Checks that applying `edit` to `doc` keeps it readable: every text it
/// sets within [`MAX_FIELD_BYTES`] and, for an edit that adds 64 KiB or
/// more, the document within [`MAX_DOCUMENT_BYTES`]. Work in proportion to
/// the edit, except for those rare large ones.
pub fn check_edit(doc: &Postmortem, edit: &Edit) -> Result<(), LimitError> {
    let mut whole_document = false;
    check_fields(edit, &mut whole_document)?;
    if !whole_document && growth(edit) < GROWTH_CHECKED {
        return Ok(());
    }
    let mut after = doc.clone();
    if edit.apply(&mut after).is_err() {
        return Ok(()); // applying will say why
    }
    let text = super::to_toml(&after).map_err(|_| LimitError::Document { len: 0 })?;
    check_document(&after, &text)
}

/// Item texts checked here; a document field's long text asks for the
/// whole-document check (its text form spans several stored strings).
fn check_fields(edit: &Edit, whole_document: &mut bool) -> Result<(), LimitError> {
    match edit {
        Edit::Insert { item, .. } | Edit::Replace { after: item, .. } => check_item(item),
        Edit::SetText { after, .. } => {
            if after.len() > MAX_FIELD_BYTES {
                *whole_document = true;
            }
            Ok(())
        }
        Edit::Batch(edits) => edits
            .iter()
            .try_for_each(|e| check_fields(e, whole_document)),
        Edit::Remove { .. } | Edit::Move { .. } => Ok(()),
    }
}

fn check_item(item: &Item) -> Result<(), LimitError> {
    let value = match item {
        Item::Event(e) => to_value(e),
        Item::Why(w) => to_value(w),
        Item::Factor(f) => to_value(f),
        Item::Action(a) => to_value(a),
    };
    match longest_over(&value, String::new()) {
        Some((path, len)) => Err(LimitError::Field {
            field: format!("{} {}", item.id(), path.trim_start_matches('.')),
            len,
        }),
        None => Ok(()),
    }
}

/// Bytes an edit adds (removals count as nothing).
fn growth(edit: &Edit) -> usize {
    match edit {
        Edit::Insert { item, .. } => serialized_len(item),
        Edit::Replace { before, after, .. } => {
            serialized_len(after).saturating_sub(serialized_len(before))
        }
        Edit::SetText { before, after, .. } => after.len().saturating_sub(before.len()),
        Edit::Batch(edits) => edits.iter().map(growth).sum(),
        Edit::Remove { .. } | Edit::Move { .. } => 0,
    }
}

fn serialized_len(item: &Item) -> usize {
    serde_json::to_vec(item).map_or(0, |v| v.len())
}

fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The path and length of the first text in `doc` over the limit.
fn oversized(doc: &Postmortem) -> Option<(String, usize)> {
    // A large document has no long text as a rule: find that out by
    // streaming its JSON form, and build the tree that names the path only
    // when one may be over (a tree of the whole document is about seven
    // bytes per byte of its TOML).
    if !may_hold_longer(doc, MAX_FIELD_BYTES) {
        return None;
    }
    longest_over(&to_value(doc), String::new())
        .map(|(path, len)| (path.trim_start_matches('.').to_string(), len))
}

/// Whether a string in `value`'s JSON form may be over `limit` bytes: its
/// encoded length is at least its length, so a `false` is certain (and a
/// `true` is checked on the tree).
fn may_hold_longer<T: Serialize>(value: &T, limit: usize) -> bool {
    let mut scan = LongestString::default();
    // Also `true` when the value cannot be written: the tree says why.
    serde_json::to_writer(&mut scan, value).is_err() || scan.longest > limit
}

/// The longest string of the JSON written to it, in encoded bytes.
#[derive(Default)]
struct LongestString {
    in_string: bool,
    escaped: bool,
    run: usize,
    longest: usize,
}

impl std::io::Write for LongestString {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &byte in buf {
            if !self.in_string {
                if byte == b'"' {
                    self.in_string = true;
                    self.run = 0;
                }
            } else if self.escaped {
                self.escaped = false;
                self.run += 1;
            } else if byte == b'\\' {
                self.escaped = true;
                self.run += 1;
            } else if byte == b'"' {
                self.in_string = false;
                self.longest = self.longest.max(self.run);
            } else {
                self.run += 1;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn longest_over(value: &Value, path: String) -> Option<(String, usize)> {
    match value {
        Value::String(s) if s.len() > MAX_FIELD_BYTES => Some((path, s.len())),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| longest_over(v, format!("{path}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .find_map(|(k, v)| longest_over(v, format!("{path}.{k}"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::DocField;
    use crate::model::{Event, Kind};

    fn doc() -> Postmortem {
        Postmortem::new(Kind::Incident, "Outage".to_string())
    }

    #[test]
    fn an_edit_over_the_field_limit_names_the_field() {
        let doc = doc();
        let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time");
        let event = Event::new("E-7", at, "x".repeat(MAX_FIELD_BYTES + 1));
        let edit = Edit::Insert {
            index: 0,
            item: Item::Event(event),
        };
        let err = check_edit(&doc, &edit).expect_err("too long");
        assert_eq!(
            err,
            LimitError::Field {
                field: "E-7 text".into(),
                len: MAX_FIELD_BYTES + 1
            }
        );
        let title = Edit::SetText {
            field: DocField::Title,
            before: "Outage".into(),
            after: "t".repeat(MAX_FIELD_BYTES + 1),
        };
        let err = check_edit(&doc, &title).expect_err("too long");
        assert!(err.to_string().starts_with("meta.title would be"), "{err}");
        let fine = Edit::SetText {
            field: DocField::Title,
            before: "Outage".into(),
            after: "t".repeat(MAX_FIELD_BYTES),
        };
        check_edit(&doc, &fine).expect("at the limit is fine");
    }

    #[test]
    fn a_large_document_is_checked_for_one_long_text() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time");
        let mut doc = doc();
        for n in 0..3_000 {
            doc.timeline.push(Box::new(Event::new(
                format!("T{n}"),
                at,
                format!("event {n}: {}", "words ".repeat(60)),
            )));
        }
        let text = crate::store::to_toml(&doc).expect("toml");
        assert!(text.len() > MAX_FIELD_BYTES, "big enough to be looked at");
        check_document(&doc, &text).expect("no long text");
        // Escapes make the JSON form longer than the text: still within.
        doc.timeline[7].text = "\"\n".repeat(MAX_FIELD_BYTES / 3);
        let text = crate::store::to_toml(&doc).expect("toml");
        check_document(&doc, &text).expect("escaped, but within the limit");
        doc.timeline[2_000].actor = "a".repeat(MAX_FIELD_BYTES + 1);
        let text = crate::store::to_toml(&doc).expect("toml");
        assert_eq!(
            check_document(&doc, &text),
            Err(LimitError::Field {
                field: "timeline[2000].actor".into(),
                len: MAX_FIELD_BYTES + 1
            })
        );
    }
}
