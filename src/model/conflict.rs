//! Merge conflicts kept in the document, and the content fingerprint that
//! sign-offs carry.
//!
//! `debrief merge` writes what it could not decide (the same field changed
//! differently on both sides, or an item deleted on one side and edited on
//! the other) as `[[conflict]]` records: the document still loads, holds
//! one side's value (`kept`), and the record keeps the other until someone
//! picks a side (`o` / `t` in the editor, or by deleting the record).

use serde::{Deserialize, Serialize};

use super::Postmortem;

/// A side of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The branch being merged into (git's `%A`).
    Ours,
    /// The branch being merged in (git's `%B`).
    Theirs,
}

impl Side {
    /// The name used in the file and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

/// One unresolved merge conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// Where: an item field (`timeline.T5.text`), a whole item
    /// (`factors.F3`), a response cell (`response.triage.worked`) or a
    /// document field (`meta.title`, `summary`).
    pub at: String,
    /// The side whose value the document holds now.
    pub kept: Side,
    /// The value both sides started from (absent: there was none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<toml::Value>,
    /// Our value (absent: deleted on our side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<toml::Value>,
    /// Their value (absent: deleted on their side).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<toml::Value>,
}

impl Conflict {
    /// The value of `side`.
    pub fn value(&self, side: Side) -> Option<&toml::Value> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }
}

/// The `[[conflict]]` records as a TOML text (the text form of
/// `DocField::Conflicts`): empty when there are none.
pub fn conflicts_text(conflicts: &[Conflict]) -> String {
    #[derive(Serialize)]
    struct Records<'a> {
        conflict: &'a [Conflict],
    }
    if conflicts.is_empty() {
        return String::new();
    }
    toml::to_string_pretty(&Records {
        conflict: conflicts,
    })
    .unwrap_or_default()
}

/// The inverse of [`conflicts_text`], or what was expected.
pub fn parse_conflicts(text: &str) -> Result<Vec<Conflict>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Records {
        #[serde(default)]
        conflict: Vec<Conflict>,
    }
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    toml::from_str::<Records>(text)
        .map(|r| r.conflict)
        .map_err(|e| format!("expected [[conflict]] records: {}", e.message().trim()))
}

/// A short, stable fingerprint of the document's content: everything but
/// the sign-off rows, the review status and unresolved conflicts. A
/// sign-off stores it (`debrief sign`); when the content changes later,
/// the fingerprints differ and lint says the sign-off is stale.
///
/// FNV-1a (64 bit) over the document's JSON form, which follows the
/// model's field order and leaves out empty fields, so a newer debrief
/// that adds an optional field keeps old fingerprints valid.
pub fn content_fingerprint(doc: &Postmortem) -> String {
    let mut content = doc.clone();
    content.sign_off.clear();
    content.conflicts.clear();
    content.meta.status = super::Status::Draft;
    let json = serde_json::to_vec(&content).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in json {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, SignOff, Status};

    #[test]
    fn records_round_trip_through_their_text() {
        let conflicts = vec![
            Conflict {
                at: "timeline.T5.text".into(),
                kept: Side::Ours,
                base: Some(toml::Value::String("a".into())),
                ours: Some(toml::Value::String("b".into())),
                theirs: Some(toml::Value::String("c".into())),
            },
            Conflict {
                at: "factors.F2".into(),
                kept: Side::Theirs,
                base: None,
                ours: None,
                theirs: Some(toml::Value::Table(
                    toml::from_str("id = \"F2\"\ncategory = \"process\"\ntext = \"x\"\n")
                        .expect("table"),
                )),
            },
        ];
        let text = conflicts_text(&conflicts);
        assert!(text.contains("[[conflict]]"), "{text}");
        assert_eq!(parse_conflicts(&text).expect("parses"), conflicts);
        assert_eq!(conflicts_text(&[]), "");
        assert!(parse_conflicts("[[conflict]]\nat = 1\n").is_err());
    }

    #[test]
    fn the_fingerprint_ignores_sign_off_and_status_but_not_content() {
        let mut doc = Postmortem::new(Kind::Incident, "Checkout outage");
        let before = content_fingerprint(&doc);
        doc.meta.status = Status::Final;
        doc.sign_off.push(SignOff {
            role: "Reviewed".into(),
            ..SignOff::default()
        });
        assert_eq!(content_fingerprint(&doc), before);
        doc.summary = "Checkout failed.".into();
        assert_ne!(content_fingerprint(&doc), before);
        assert_eq!(before.len(), 16);
    }
}
