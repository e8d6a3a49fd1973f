//! debrief: a keyboard-driven terminal editor for blameless postmortems.
//!
//! The library holds everything but the terminal start-up: the document
//! model ([`model`]), its TOML storage ([`store`]), Markdown export
//! ([`export`]) and import of outside material ([`import`]). See
//! `ARCHITECTURE.md` for the map and the invariants.

pub mod cli;
pub mod collab;
pub mod commands;
pub mod config;
pub mod examples;
pub mod export;
pub mod import;
pub mod library;
pub mod lint;
pub mod model;
pub mod sample;
pub mod store;
pub mod tui;
pub mod vcs;
