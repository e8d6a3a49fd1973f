//! debrief: a keyboard-driven terminal editor for blameless postmortems.
//!
//! The library holds everything but the terminal start-up: the document
//! model ([`model`]), its TOML storage ([`store`]) and Markdown export
//! ([`export`]). See `ARCHITECTURE.md` for the map and the invariants.

pub mod cli;
pub mod commands;
pub mod export;
pub mod import;
pub mod model;
pub mod store;
