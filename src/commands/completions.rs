//! `debrief completions bash|zsh|fish` and `debrief man`: generated from
//! the clap definitions (`clap_complete`, `clap_mangen`), so they always
//! match `--help`.

use std::io::Write;

use anyhow::Result;
use clap::{Args, CommandFactory, ValueEnum};

use super::EXIT_OK;
use crate::cli::Cli;

/// A shell to complete in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    /// GNU bash.
    Bash,
    /// Z shell.
    Zsh,
    /// The friendly interactive shell.
    Fish,
}

/// `debrief completions SHELL`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: ShellArg,
}

/// `debrief man [COMMAND]`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// A subcommand: its own page (`debrief-merge(1)`) instead of debrief(1).
    pub command: Option<String>,
}

/// Prints the completion script for the shell.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> Result<u8> {
    use clap_complete::Shell;
    let shell = match args.shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "debrief", out);
    Ok(EXIT_OK)
}

/// Prints the man page (roff) of debrief, or of one subcommand.
pub fn man(args: &ManArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8> {
    let command = Cli::command();
    let page = match &args.command {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => {
                let full = format!("debrief-{}", sub.get_name());
                sub.clone()
                    .name(full.clone())
                    .bin_name(format!("debrief {}", sub.get_name()))
            }
            None => {
                writeln!(err, "debrief man: no command `{name}`")?;
                return Ok(super::EXIT_UNREADABLE);
            }
        },
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(EXIT_OK)
}
