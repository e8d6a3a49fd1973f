//! The fields of list items, by name: what the field editor edits and
//! what a lint finding in an item points at.

use super::List;

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

    /// The field's key in the TOML file (and in lint reports).
    pub fn key(self) -> &'static str {
        use ItemField::*;
        match self {
            Time => "at",
            Text => "text",
            Source => "source",
            Actor => "actor",
            ActorKind => "actor_kind",
            Question => "question",
            Contribution => "contribution",
            Category => "category",
            Title => "title",
            Type => "type",
            Priority => "priority",
            Timeframe => "timeframe",
            Status => "status",
            Owner => "owner",
            Due => "due",
            Ticket => "ticket",
            Notes => "notes",
        }
    }

    /// Whether Enter inserts a new line instead of finishing.
    pub fn multiline(self) -> bool {
        matches!(self, ItemField::Notes | ItemField::Contribution)
    }
}
