//! Progress reporting, kept behind a trait so the library never draws: the
//! CLI shows an indicatif bar on a terminal, the editor its own indicator.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Receives progress while evidence is read.
pub trait Progress {
    /// A file of `total` bytes (0 when unknown) starts.
    fn start(&self, _label: &str, _total: u64) {}
    /// `bytes` more were read.
    fn advance(&self, _bytes: u64) {}
    /// The file is done.
    fn finish(&self) {}
}

/// Reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// An indicatif bar on stderr; hidden when stderr is not a terminal or when
/// quiet.
#[derive(Debug)]
pub struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    /// A bar, hidden when `quiet` or stderr is not a terminal.
    pub fn new(quiet: bool) -> Self {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "{msg:20!} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        };
        TerminalProgress { bar }
    }
}

impl Progress for TerminalProgress {
    fn start(&self, label: &str, total: u64) {
        self.bar.reset();
        self.bar.set_length(total);
        self.bar.set_message(label.to_string());
    }

    fn advance(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
