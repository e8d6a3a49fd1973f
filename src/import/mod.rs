//! Bringing outside material into a postmortem.

pub mod timeline;
