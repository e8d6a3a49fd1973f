//! Bringing outside material in: existing Markdown postmortems and raw
//! timeline evidence.

pub mod local;
pub mod markdown;
pub mod timeline;
