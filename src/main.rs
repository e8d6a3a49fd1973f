//! The `debrief` binary: parse the command line and dispatch. The only place
//! that would start the terminal.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use debrief::cli::{Cli, Command};
use debrief::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let result = match &cli.command {
        Some(Command::New(args)) => commands::new(args, &mut out),
        Some(Command::Export(args)) => commands::export(args, &mut out),
        Some(Command::Check(args)) => commands::check(args, &mut out, &mut err),
        Some(Command::Fmt(args)) => commands::fmt(args, &mut out, &mut err),
        Some(Command::Lint(args)) => commands::lint(args, &mut out, &mut err),
        Some(Command::LintText(args)) => {
            commands::lint_text(args, &mut io::stdin().lock(), &mut out, &mut err)
        }
        Some(Command::ImportMd(args)) => commands::import_md(args, &mut out, &mut err),
        Some(Command::Import(args)) => commands::import(args, &mut out, &mut err),
        Some(Command::Edit(args)) => commands::edit(
            Some(args.file.clone()),
            args.theme.clone(),
            args.config.clone(),
        ),
        None if cli.file.is_none() && !io::stdout().is_terminal() => {
            commands::show_default(&mut out)
        }
        None => commands::edit(cli.file.clone(), cli.theme.clone(), cli.config.clone()),
        Some(Command::Recover(args)) => commands::recover(args, &mut out, &mut err),
    };
    let _ = out.flush();
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            let _ = writeln!(err, "debrief: {error:#}");
            ExitCode::from(commands::EXIT_UNREADABLE)
        }
    }
}
