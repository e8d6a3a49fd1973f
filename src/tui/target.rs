//! What a field editor writes to: a field of a list item, or a document
//! field.

use crate::model::Postmortem;
pub use crate::model::edit::ItemField;
use crate::model::edit::{DocField, List};

/// An item field's label in the editor.
pub fn field_label(field: ItemField) -> &'static str {
    use ItemField::*;
    match field {
        Time => "time",
        Text => "text",
        Source => "source",
        Actor => "actor",
        ActorKind => "actor kind (person, system; empty: not said)",
        Question => "question",
        Contribution => "contribution",
        Category => "category",
        Title => "title",
        Type => "type (prevent, detect, mitigate, process)",
        Priority => "priority (P0–P3)",
        Timeframe => "time frame (immediate, short-term, long-term)",
        Status => "status (open, in-progress, done, wont-do)",
        Owner => "owner",
        Due => "due (YYYY-MM-DD)",
        Ticket => "ticket",
        Notes => "notes",
    }
}

/// What a field editor writes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A field of a list item, by id.
    Item {
        /// The list.
        list: List,
        /// The item id.
        id: String,
        /// The field.
        field: ItemField,
    },
    /// A document-level field.
    Doc(DocField),
}

impl Target {
    /// The field's name for titles and messages: `T3 text`, `Severity`.
    pub fn name(&self, doc: &Postmortem) -> String {
        match self {
            Target::Doc(field) => crate::tui::panes::field_title(*field, doc),
            Target::Item { id, field, .. } => format!("{id} {}", field_label(*field)),
        }
    }
}
