//! Document-level fields as editable text.
//!
//! Everything in a postmortem that is not a list item (timeline event, why,
//! factor, action) is a [`DocField`]: it can be read as text, checked and
//! canonicalised ([`DocField::prepare`]) and written back. An
//! [`Edit::SetText`](super::edit::Edit::SetText) carries the canonical texts,
//! so `set(get(doc))` must give back exactly `doc` — that is what makes undo
//! and the recovery journal exact.
//!
//! The registry is [`DocField::spec`] (`registry.rs`): one entry per field
//! giving its [`Shape`] and where its text is stored. Fields stored as one
//! string or one list of strings need nothing more; the others
//! (`Store::Own`) have their text form in `own.rs`. Labels are the
//! editor's business (`tui::labels`).
//!
//! Text forms, by [`Shape`]: a single line; prose (kept verbatim); a list
//! (one entry per line); a table (one row per line, cells separated by
//! ` | `; `\|`, `\\` and `\n` escape a pipe, a backslash and a line break in
//! a cell); a time (typed as `14:02`, `+5m`, `2026-02-05 14:02`, stored as
//! RFC 3339); a date (`YYYY-MM-DD`); a choice from a fixed set.

mod codec;
mod own;
mod registry;
mod response;
mod text_at;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use response::{ResponseColumn, response_phase, response_slot_of, response_slots};
pub use text_at::text_at_mut;

use super::{DisplayZone, Postmortem, Timestamp};
use codec::{lines, local_text, split};
use registry::Store;

/// Declares [`DocField`] and its list of fixed fields from one list of
/// names, so the two cannot drift.
macro_rules! doc_fields {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// A document-level field (anything that is not a list item).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum DocField {
            $($(#[$doc])* $name,)*
            /// One cell of the detection & response table. Slots 0–4 are
            /// the standard phases (created when first written, dropped when
            /// emptied); further slots are the document's other phases in
            /// file order.
            Response {
                /// The phase, see [`response_slots`].
                slot: u8,
                /// The column.
                column: ResponseColumn,
            },
        }

        impl DocField {
            /// Every field whose set does not depend on the document (all
            /// but the response cells, see [`DocField::all_for`]), in
            /// declaration order.
            pub const FIXED: &'static [DocField] = &[$(DocField::$name,)*];
        }
    };
}

doc_fields! {
    /// `meta.title`.
    Title,
    /// `meta.id`.
    DocId,
    /// `kind`: incident, near-miss or project.
    Kind,
    /// `meta.severity`.
    Severity,
    /// `meta.status` (as its file name).
    Status,
    /// `meta.started`.
    Started,
    /// `meta.ended`.
    Ended,
    /// `meta.postmortem_date`.
    PostmortemDate,
    /// `meta.timezone`.
    Timezone,
    /// `meta.services`, one per line.
    Services,
    /// `meta.authors`, one per line.
    Authors,
    /// `meta.reviewers`, one per line.
    Reviewers,
    /// `meta.tags`, one per line.
    Tags,
    /// `meta.roster`, one per line.
    Roster,
    /// `meta.allow`, one per line.
    Allow,
    /// `meta.categories`, one per line (empty: the default four).
    Categories,
    /// `meta.severity_scale` rows: `level | label | definition`.
    SeverityScale,
    /// `summary`.
    Summary,
    /// `customer_summary`.
    CustomerSummary,
    /// `impact.users_affected`.
    UsersAffected,
    /// `impact.duration`.
    ImpactDuration,
    /// `impact.requests_failed`.
    RequestsFailed,
    /// `impact.revenue`.
    Revenue,
    /// `impact.sla`.
    Sla,
    /// `impact.data_loss`.
    DataLoss,
    /// `impact.customer_complaints`.
    CustomerComplaints,
    /// `impact.extra` rows: `metric | value`.
    ImpactExtra,
    /// `whys.problem`.
    Problem,
    /// `whys.root_cause`.
    RootCause,
    /// `review.went_well`, one per line.
    WentWell,
    /// `review.went_poorly`, one per line.
    WentPoorly,
    /// `review.lucky`, one per line.
    Lucky,
    /// `review.lessons`, one per line as `[category] text`.
    Lessons,
    /// `project.team`, one per line.
    Team,
    /// `project.goals` rows: `goal | target | actual | assessment`.
    Goals,
    /// `project.differently`, one per line.
    Differently,
    /// `project.recommendations`, one per line.
    Recommendations,
    /// `follow_up` rows: `what | date`.
    FollowUp,
    /// `sign_off` rows: `role | name | date | fingerprint`.
    SignOff,
    /// `distribution`, one per line.
    Distribution,
    /// `appendix.logs` (verbatim).
    Logs,
    /// `appendix.metrics` (Markdown).
    Metrics,
    /// `appendix.related`, one per line.
    Related,
    /// `appendix.notes` (Markdown).
    Notes,
    /// `unmapped`: what an import could not place, each part as a
    /// `§ heading` line followed by its Markdown (see [`unmapped_text`]).
    Unmapped,
    /// `conflict`: the merge conflicts left to decide, as `[[conflict]]`
    /// TOML records (see [`crate::model::Conflict`]).
    Conflicts,
    /// `meeting`: the meeting record as the TOML of its table (see
    /// [`crate::model::Meeting`]); empty when there was no meeting.
    Meeting,
    /// `lint`: the document's rule levels and suppressions as the TOML of
    /// its table (see [`crate::model::DocLint`]); empty when it has none.
    Lint,
}

/// How a field's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line of free text.
    Line,
    /// Free text over several lines, kept verbatim.
    Prose,
    /// One entry per line; blank lines are dropped.
    List,
    /// One row per line, cells separated by ` | `; the column names.
    Table(&'static [&'static str]),
    /// A point in time, typed in the display zone.
    Time,
    /// A calendar date.
    Date,
    /// One of a fixed set of words.
    Choice,
}

impl DocField {
    /// The response cells of `doc`, row by row.
    pub fn response_cells(doc: &Postmortem) -> Vec<DocField> {
        (0..response_slots(doc))
            .filter_map(|slot| u8::try_from(slot).ok())
            .flat_map(|slot| {
                ResponseColumn::ALL
                    .into_iter()
                    .map(move |column| DocField::Response { slot, column })
            })
            .collect()
    }

    /// Every field of `doc`: the fixed ones and its response cells.
    pub fn all_for(doc: &Postmortem) -> Vec<DocField> {
        let mut all = DocField::FIXED.to_vec();
        all.extend(DocField::response_cells(doc));
        all
    }

    /// The field's name in messages (for a response cell, its column; the
    /// editor shows the phase too).
    pub fn label(self) -> &'static str {
        self.spec().name
    }

    /// How the field's text is written.
    pub fn shape(self) -> Shape {
        self.spec().shape
    }

    /// Whether the field holds several lines (a list, a table or prose).
    pub fn multiline(self) -> bool {
        matches!(self.shape(), Shape::Prose | Shape::List | Shape::Table(_))
    }

    /// The field's exact text: `set(get(doc))` changes nothing.
    pub fn get(self, doc: &Postmortem) -> String {
        match self.spec().store {
            Store::Text(get, _) => get(doc).clone(),
            Store::List(get, _) => lines(get(doc)),
            Store::Own => own::get(self, doc),
        }
    }

    /// Writes canonical `text` (from [`DocField::prepare`]) into `doc`.
    /// Text that does not parse leaves the field as it was.
    pub(super) fn set(self, doc: &mut Postmortem, text: &str) {
        match self.spec().store {
            Store::Text(_, get_mut) => *get_mut(doc) = text.to_string(),
            Store::List(_, get_mut) => *get_mut(doc) = split(text),
            Store::Own => own::set(self, doc, text),
        }
    }

    /// The text to start editing with: times in the display zone's wall
    /// clock, everything else as [`DocField::get`].
    pub fn edit_text(self, doc: &Postmortem) -> String {
        let zone = doc.display_zone();
        match self {
            DocField::Started => doc
                .meta
                .started
                .map(|t| local_text(&zone, &t))
                .unwrap_or_default(),
            DocField::Ended => doc
                .meta
                .ended
                .map(|t| local_text(&zone, &t))
                .unwrap_or_default(),
            field => field.get(doc),
        }
    }

    /// The text to show on screen (empty when unset): times in the display
    /// zone with its name, defaults spelled out.
    pub fn shown(self, doc: &Postmortem) -> String {
        let zone = doc.display_zone();
        let time = |t: Option<Timestamp>| {
            t.map(|t| format!("{} {}", local_text(&zone, &t), zone.abbreviation(Some(&t))))
                .unwrap_or_default()
        };
        match self {
            DocField::Started => time(doc.meta.started),
            DocField::Ended => time(doc.meta.ended),
            DocField::Categories if doc.meta.categories.is_empty() => {
                format!("(default: {})", doc.factor_categories().join(", "))
            }
            DocField::SeverityScale if doc.meta.severity_scale.is_empty() => format!(
                "(default: {})",
                doc.severity_scale()
                    .iter()
                    .map(|s| format!("{} {}", s.level, s.label))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            field => field.get(doc),
        }
    }

    /// Checks `text` against `doc` and returns it in the canonical form
    /// [`DocField::get`] will read back once it is applied, or what was
    /// expected. Canonical forms: lists and tables drop blank lines and trim,
    /// short codes are trimmed, times become RFC 3339.
    pub fn prepare(self, doc: &Postmortem, text: &str) -> Result<String, String> {
        let canonical = self.canonical(doc, text)?;
        own::keeps_document_sound(self, doc, &canonical)?;
        Ok(canonical)
    }

    fn canonical(self, doc: &Postmortem, text: &str) -> Result<String, String> {
        use DocField::*;
        match self.shape() {
            Shape::List if self == Lessons => return Ok(own::canonical_lessons(text)),
            Shape::List => return Ok(lines(&split(text))),
            Shape::Table(columns) => return own::prepare_table(self, columns, text),
            Shape::Time => return own::prepare_time(self, doc, text),
            Shape::Date => return own::prepare_date(text),
            Shape::Line | Shape::Prose | Shape::Choice => {}
        }
        let trimmed = text.trim();
        match self {
            Severity => {
                let scale = doc.severity_scale();
                if trimmed.is_empty() || scale.iter().any(|s| s.level == trimmed) {
                    Ok(trimmed.to_string())
                } else {
                    let levels: Vec<&str> = scale.iter().map(|s| s.level.as_str()).collect();
                    Err(format!("expected one of {}", levels.join(", ")))
                }
            }
            Status => super::Status::ALL
                .iter()
                .find(|s| s.as_str() == trimmed)
                .map(|s| s.as_str().to_string())
                .ok_or_else(|| "expected draft, in-review or final".to_string()),
            Kind => super::Kind::parse(trimmed)
                .map(|k| k.as_str().to_string())
                .ok_or_else(|| "expected incident, near-miss or project".to_string()),
            Timezone => DisplayZone::parse(trimmed).map(|_| trimmed.to_string()),
            Unmapped => own::canonical_unmapped(text),
            Conflicts => super::parse_conflicts(text).map(|c| super::conflicts_text(&c)),
            Meeting => super::Meeting::from_text(text).map(|m| m.to_text()),
            Lint => super::DocLint::from_text(text).map(|l| l.to_text()),
            _ => Ok(text.to_string()),
        }
    }
}
