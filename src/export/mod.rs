//! Exports: the document rendered for readers outside debrief.

mod builder;
pub mod escape;
mod fences;
mod markdown;
mod meeting;

pub use markdown::{MAX_WHY_NESTING, ROOT_MARK, SETTINGS_MARKER, UNDER, UNMAPPED_MARKER, markdown};
