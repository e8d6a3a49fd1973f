//! The rows of the item lists as model values, so diff and merge compare
//! whole items by value and turn into TOML trees ([`to_value`]) only the
//! rows that differ: a tree of 100,000 events takes about ten times the
//! memory of the events.

use serde::Serialize;
use serde::de::DeserializeOwned;
use toml::Value;

use super::tree::TreeError;
use crate::model::{ActionItem, Event, Factor, Why};

/// An item of a keyed list, told apart by its id.
pub trait Row: Serialize + DeserializeOwned + PartialEq + Clone {
    /// The id (`T5`).
    fn id(&self) -> &str;
    /// The id, to rename.
    fn id_mut(&mut self) -> &mut String;
    /// The lists of ids of other items, in the order `events`, `whys`,
    /// `factors` (the order the tree's link fields are walked in).
    fn links_mut(&mut self) -> Vec<&mut Vec<String>>;
}

impl Row for Event {
    fn id(&self) -> &str {
        &self.id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn links_mut(&mut self) -> Vec<&mut Vec<String>> {
        Vec::new()
    }
}

impl Row for Why {
    fn id(&self) -> &str {
        &self.id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn links_mut(&mut self) -> Vec<&mut Vec<String>> {
        Vec::new()
    }
}

impl Row for Factor {
    fn id(&self) -> &str {
        &self.id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn links_mut(&mut self) -> Vec<&mut Vec<String>> {
        vec![&mut self.events, &mut self.whys]
    }
}

impl Row for ActionItem {
    fn id(&self) -> &str {
        &self.id
    }
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn links_mut(&mut self) -> Vec<&mut Vec<String>> {
        vec![&mut self.whys, &mut self.factors]
    }
}

impl<T: Row> Row for Box<T> {
    fn id(&self) -> &str {
        (**self).id()
    }
    fn id_mut(&mut self) -> &mut String {
        (**self).id_mut()
    }
    fn links_mut(&mut self) -> Vec<&mut Vec<String>> {
        (**self).links_mut()
    }
}

/// One row as the TOML value it is in the document's tree.
pub fn to_value<T: Row>(row: &T) -> Result<Value, TreeError> {
    Value::try_from(row).map_err(|e| TreeError::Encode(e.to_string()))
}

/// The row a TOML value describes.
pub fn from_value<T: Row>(value: Value) -> Result<T, TreeError> {
    T::deserialize(value).map_err(|e| TreeError::Decode(e.message().trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_the_value_it_is_in_the_whole_tree() {
        let doc = crate::examples::DEFAULT.load().expect("example");
        let tree = super::super::tree::to_tree(&doc).expect("tree");
        let rows = tree["timeline"].as_array().expect("timeline");
        assert!(!doc.timeline.is_empty());
        for (event, row) in doc.timeline.iter().zip(rows) {
            assert_eq!(&to_value(event).expect("value"), row);
            assert_eq!(&from_value::<Event>(row.clone()).expect("event"), &**event);
        }
        let factors = tree["factors"].as_array().expect("factors");
        for (factor, row) in doc.factors.iter().zip(factors) {
            assert_eq!(&to_value(factor).expect("value"), row);
        }
    }
}
