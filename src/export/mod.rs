//! Exports: the document rendered for readers outside debrief.

mod markdown;

pub use markdown::{SETTINGS_MARKER, UNMAPPED_MARKER, markdown};
