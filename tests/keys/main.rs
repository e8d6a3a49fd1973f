//! Key-script tests: press keys as a user would, then check the document
//! and the screen. One test binary; the tests by pane or feature in the
//! modules below, the helpers they share in `tests/common`.

#[path = "../common/mod.rs"]
mod common;

mod factors_actions;
mod fields;
mod help;
mod mouse;
mod saving;
mod search;
mod timeline;
mod undo;
mod whys;
