//! Exports: the document rendered for readers outside debrief.

mod markdown;

pub use markdown::{MAX_WHY_NESTING, SETTINGS_MARKER, UNDER, UNMAPPED_MARKER, markdown};
