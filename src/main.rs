//! The `debrief` binary: parse the command line and dispatch. The terminal
//! is only ever started by `commands::edit`.

use std::cell::Cell;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::rc::Rc;

use clap::Parser;
use debrief::cli::{Cli, Command};
use debrief::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let closed = Rc::new(Cell::new(false));
    let mut out = Stdout {
        inner: io::stdout().lock(),
        closed: Rc::clone(&closed),
    };
    let mut err = Messages(io::stderr().lock());
    let result = match &cli.command {
        Some(Command::New(args)) => commands::new(args, &mut out),
        Some(Command::Export(args)) => commands::export(args, &mut out, &mut err),
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
            args.present,
            args.read_only,
        ),
        Some(Command::Facilitate(args)) => commands::facilitate(args),
        None if cli.file.is_none() && !io::stdout().is_terminal() => {
            commands::show_default(&mut out)
        }
        None => commands::edit(
            cli.file.clone(),
            cli.theme.clone(),
            cli.config.clone(),
            false,
            cli.read_only,
        ),
        Some(Command::Recover(args)) => commands::recover(args, &mut out, &mut err),
        Some(Command::Sample(args)) => commands::sample(args, &mut out),
        Some(Command::Diff(args)) => commands::diff(args, &mut out, &mut err),
        Some(Command::Merge(args)) => commands::merge(args, &mut out, &mut err),
        Some(Command::Sign(args)) => commands::sign(args, &mut out, &mut err),
        Some(Command::Init(args)) => commands::init(args, &mut out, &mut err),
        Some(Command::Completions(args)) => commands::completions(args, &mut out),
        Some(Command::Man(args)) => commands::man(args, &mut out, &mut err),
        Some(Command::Stats(args)) => commands::stats(args, &mut out, &mut err),
        Some(Command::Actions(args)) => commands::actions(args, &mut out, &mut err),
    };
    let _ = out.flush();
    // The reader went away (`debrief export x.toml | head`): like other
    // Unix tools, end quietly and successfully.
    if closed.get() {
        return ExitCode::SUCCESS;
    }
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            let _ = writeln!(err, "debrief: {}", describe(&error));
            ExitCode::from(commands::EXIT_UNREADABLE)
        }
    }
}

/// The error and its causes, each said once: a cause whose text the
/// message already contains (an OS error a library error quotes) is not
/// repeated.
fn describe(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// Standard output that remembers when its reader has gone (EPIPE).
struct Stdout<W> {
    inner: W,
    closed: Rc<Cell<bool>>,
}

impl<W: Write> Stdout<W> {
    fn noting<T>(&self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result
            && e.kind() == io::ErrorKind::BrokenPipe
        {
            self.closed.set(true);
        }
        result
    }
}

impl<W: Write> Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.noting(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.noting(result)
    }
}

/// Standard error for messages: a control character that input slipped
/// into one (a file name, a value quoted in an error) is written as `\xNN`,
/// never sent to the terminal. Newlines and tabs stay.
struct Messages<W>(W);

impl<W: Write> Write for Messages<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut start = 0;
        for (i, &b) in buf.iter().enumerate() {
            if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f {
                self.0.write_all(&buf[start..i])?;
                write!(self.0, "\\x{b:02x}")?;
                start = i + 1;
            }
        }
        self.0.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
