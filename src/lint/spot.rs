//! Where a finding points, typed. A [`Location`](super::Location) carries
//! the names a report prints (`section`, `field`) and a [`Spot`], the same
//! place as a value the editor matches on, so nothing maps names back to
//! fields. Every finding gets its spot where it is made, from a [`Field`].

use crate::model::edit::{DocField, ItemField, List, ResponseColumn};

/// The part of a list item a finding is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPart {
    /// A field the editor edits in place.
    Field(ItemField),
    /// A why's or a factor's accepted risk.
    AcceptedRisk,
    /// The item as a whole (reported under its `id`).
    Whole,
}

impl ItemPart {
    /// The name a report gives the part: the field's TOML key.
    pub fn key(self) -> &'static str {
        match self {
            ItemPart::Field(field) => field.key(),
            ItemPart::AcceptedRisk => "accepted_risk",
            ItemPart::Whole => "id",
        }
    }
}

/// What a finding points at, as the editor knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Spot {
    /// A part of a list item; the location's `item` is its id.
    Item(List, ItemPart),
    /// A document-level field.
    Doc(DocField),
    /// A column of the detection & response table; the location's `item`
    /// is the phase (its slot depends on the document, so the editor finds it).
    Response(ResponseColumn),
    /// A section as a whole, or a structural problem of the item the
    /// location names (a duplicate id, a dangling link).
    #[default]
    Section,
}

/// A field as a linter reports it: its printed name and its spot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    /// The name reports print (`text`, `users_affected`, `marks`).
    pub name: &'static str,
    /// The typed place.
    pub spot: Spot,
}

impl Field {
    /// A part of an item of `list`, named by its TOML key.
    pub(crate) fn item(list: List, part: ItemPart) -> Field {
        Field {
            name: part.key(),
            spot: Spot::Item(list, part),
        }
    }

    /// A document field reported as `name`.
    pub(crate) fn doc(name: &'static str, field: DocField) -> Field {
        Field {
            name,
            spot: Spot::Doc(field),
        }
    }

    /// A response-table column reported as `name`.
    pub(crate) fn response(name: &'static str, column: ResponseColumn) -> Field {
        Field {
            name,
            spot: Spot::Response(column),
        }
    }

    /// A part of a section that no editor field holds (`marks`, `node`).
    pub(crate) fn section(name: &'static str) -> Field {
        Field {
            name,
            spot: Spot::Section,
        }
    }
}
