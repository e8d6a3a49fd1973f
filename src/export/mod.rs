//! Exports: the document rendered for readers outside debrief.

mod markdown;

pub use markdown::markdown;
