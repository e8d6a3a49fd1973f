//! The terminal editor. `run` loads the document (failing before the
//! terminal is taken), then loops: event → `update` → draw.
//!
//! Flow: key → (popup | field editor | keymap) → [`action::Action`] →
//! [`update::update`] (records an [`crate::model::edit::Edit`] for undo) → `App` → render.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod collab;
pub mod component;
pub mod docs;
pub mod findings;
pub mod id_numbers;
pub mod ids;
pub mod import;
pub mod keymap;
pub mod layout;
pub mod library;
pub mod meeting;
pub mod panes;
pub mod popups;
pub mod recovery;
mod render;
pub mod session;
pub mod summary;
pub mod target;
pub mod terminal;
pub mod theme;
pub mod thrifty;
pub mod update;
pub mod views;

pub use terminal::{Options, run};
