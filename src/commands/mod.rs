//! The command line's edge: one file per subcommand, each with its clap
//! arguments, what it does and its exit status. Everything here writes to
//! the streams it is given, so tests can drive it; `anyhow` lives here and
//! in `main.rs` only, the library below returns `thiserror` errors.

use std::io::Write;

use anyhow::Result;

pub mod actions;
pub mod check;
pub mod completions;
pub mod diff;
pub mod edit;
pub mod export;
pub mod facilitate;
pub mod fmt;
pub mod import;
pub mod import_md;
pub mod init;
pub mod lint;
pub mod merge;
pub mod new;
pub mod recover;
pub mod sample;
pub mod sign;
pub mod stats;
pub mod templates;

pub use actions::{ActionsArgs, actions};
pub use check::{CheckArgs, check};
pub use completions::{CompletionsArgs, ManArgs, completions, man};
pub use diff::{DiffArgs, diff};
pub use edit::{EditArgs, edit};
pub use export::{ExportArgs, export};
pub use facilitate::{FacilitateArgs, facilitate};
pub use fmt::{FmtArgs, fmt};
pub use import::{EditorImportArgs, EvidenceArgs, ImportArgs, import};
pub use import_md::{ImportMdArgs, import_md};
pub use init::{InitArgs, init};
pub use lint::{LintArgs, LintTextArgs, lint, lint_text};
pub use merge::{MergeArgs, merge};
pub use new::{NewArgs, new};
pub use recover::{RecoverArgs, recover};
pub use sample::{SampleArgs, sample};
pub use sign::{SignArgs, sign};
pub use stats::{StatsArgs, stats};

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: the command ran and found problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status: unreadable input or bad usage.
pub const EXIT_UNREADABLE: u8 = 2;

/// `debrief` alone: the embedded default example, as Markdown.
pub fn show_default(out: &mut dyn Write) -> Result<u8> {
    let doc = crate::examples::DEFAULT.load()?;
    out.write_all(crate::export::markdown(&doc).as_bytes())?;
    Ok(EXIT_OK)
}
