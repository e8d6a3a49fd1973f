//! Postmortems in git: a diff by meaning, a three-way merge by id that
//! leaves conflicts as records the document still loads with, resolving
//! them, and the files `debrief init` lays out in a repository.
//!
//! Like `model`, `store` and `lint`, nothing here prints, parses command
//! lines or touches the terminal: `commands::{diff, merge, init}` do.

pub mod diff;
pub mod init;
pub mod merge;
pub mod render;
pub mod resolve;
mod rows;
pub mod tree;
pub mod words;

pub use diff::{DocDiff, diff};
pub use merge::{Merged, merge};
pub use resolve::{edit_between, resolve};
pub use tree::TreeError;
