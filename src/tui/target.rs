//! What a field editor writes to: a field of a list item, or a document
//! field.

use crate::model::Postmortem;
use crate::model::edit::{DocField, List};

/// A field of a list item that can be edited in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemField {
    /// Event time.
    Time,
    /// Event / why / factor text.
    Text,
    /// Event source.
    Source,
    /// Event actor.
    Actor,
    /// Whether the event's actor is a person or a system.
    ActorKind,
    /// Why question.
    Question,
    /// Factor contribution.
    Contribution,
    /// Factor category.
    Category,
    /// Action title.
    Title,
    /// Action type (prevent, detect, mitigate, process).
    Type,
    /// Action priority.
    Priority,
    /// Action time frame.
    Timeframe,
    /// Action status.
    Status,
    /// Action owner.
    Owner,
    /// Action due date.
    Due,
    /// Action ticket.
    Ticket,
    /// Action notes.
    Notes,
}

impl ItemField {
    /// The fields of a list's items, main field first, in Tab order.
    pub fn of(list: List) -> &'static [ItemField] {
        use ItemField::*;
        match list {
            List::Timeline => &[Text, Time, Source, Actor, ActorKind],
            List::Whys => &[Text, Question],
            List::Factors => &[Text, Contribution, Category],
            List::Actions => &[
                Title, Owner, Due, Type, Priority, Timeframe, Status, Ticket, Notes,
            ],
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        use ItemField::*;
        match self {
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

    /// Whether Enter inserts a new line instead of finishing.
    pub fn multiline(self) -> bool {
        matches!(self, ItemField::Notes | ItemField::Contribution)
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
            Target::Item { id, field, .. } => format!("{id} {}", field.label()),
        }
    }
}
