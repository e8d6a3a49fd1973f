//! The `:` commands, as a table in the manner of helix's typed commands:
//! each has a name, aliases, its arguments, a one-line doc and the
//! function that runs it. The command line, the help page and
//! `docs/keys.md` all read this table.

use crate::tui::app::{App, Tone};
use crate::tui::popups::{AfterReplace, Popup, ReportView};

use super::files;

/// What a command was given: its arguments and whether `!` followed its
/// name.
#[derive(Debug, Clone, Copy)]
pub struct Invocation<'a> {
    /// `:w!` rather than `:w`.
    pub bang: bool,
    /// Everything after the name, trimmed.
    pub args: &'a str,
}

/// One `:` command.
pub struct Command {
    /// Its name.
    pub name: &'static str,
    /// Other names it answers to.
    pub aliases: &'static [&'static str],
    /// Its arguments, as help shows them (empty: none).
    pub args: &'static str,
    /// What `!` after the name changes, if it means anything.
    pub bang: Option<&'static str>,
    /// What it does, in one line.
    pub doc: &'static str,
    /// Runs it.
    pub run: fn(&mut App, Invocation<'_>),
}

impl Command {
    /// How help shows it: `:w[!] [FILE]`.
    pub fn usage(&self) -> String {
        let mut usage = format!(":{}", self.name);
        if self.bang.is_some() {
            usage.push_str("[!]");
        }
        for alias in self.aliases {
            usage.push_str(&format!(", :{alias}"));
        }
        if !self.args.is_empty() {
            usage.push(' ');
            usage.push_str(self.args);
        }
        usage
    }
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Command").field("name", &self.name).finish()
    }
}

/// Every `:` command, in the order help lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "w",
        aliases: &[],
        args: "[FILE]",
        bang: Some("replace FILE without asking"),
        doc: "save (to FILE: save a copy there)",
        run: write,
    },
    Command {
        name: "wq",
        aliases: &["x"],
        args: "[FILE]",
        bang: Some("replace FILE without asking"),
        doc: "save, then quit",
        run: write_quit,
    },
    Command {
        name: "q",
        aliases: &[],
        args: "",
        bang: Some("quit without saving"),
        doc: "quit (refused with unsaved changes; :q! drops them)",
        run: quit,
    },
    Command {
        name: "export",
        aliases: &[],
        args: "FILE",
        bang: Some("replace FILE without asking"),
        doc: "write the Preview's export to FILE (.md, .html or .json)",
        run: export,
    },
    Command {
        name: "yank",
        aliases: &["y"],
        args: "summary/exec/customer/section [HEADING]",
        bang: None,
        doc: "copy to your clipboard through the terminal (OSC 52, works over SSH)",
        run: yank,
    },
    Command {
        name: "import",
        aliases: &[],
        args: "PATH [--from KIND] [--tz ZONE] [--date YYYY-MM-DD]",
        bang: None,
        doc: "preview events from a log, alerts, chat … and add the kept ones",
        run: import,
    },
    Command {
        name: "report",
        aliases: &[],
        args: "",
        bang: None,
        doc: "show the Markdown import report again",
        run: report,
    },
    Command {
        name: "conflicts",
        aliases: &[],
        args: "",
        bang: None,
        doc: "resolve the merge conflicts one by one (o ours, t theirs)",
        run: |app, _| super::conflicts::open(app),
    },
    Command {
        name: "agenda",
        aliases: &[],
        args: "NAME",
        bang: None,
        doc: "facilitate with agenda NAME (facilitation, sixty, project, or your config's)",
        run: agenda,
    },
    Command {
        name: "follow",
        aliases: &[],
        args: "[NAME]",
        bang: None,
        doc: "live session: mirror NAME's pane and selection (default: the owner) until a key",
        run: |app, inv| super::collab::start_following(app, inv.args),
    },
    Command {
        name: "who",
        aliases: &[],
        args: "",
        bang: None,
        doc: "live session: who is in it, and who owns it",
        run: |app, _| {
            let text = super::collab::describe(app);
            app.say(text, Tone::Info);
        },
    },
];

/// How help lists jumping to an id from the command line.
pub const JUMP: (&str, &str) = (":ID", "jump to the item with that id (:T3, :W9, :F2, :A1)");

/// Finds a command by name or alias.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name))
}

/// Runs a command line (without its `:`).
pub fn run(app: &mut App, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    let (word, args) = match line.split_once(char::is_whitespace) {
        Some((word, args)) => (word, args.trim()),
        None => (line, ""),
    };
    let (name, bang) = match word.strip_suffix('!') {
        Some(name) => (name, true),
        None => (word, false),
    };
    // `:W9` jumps to an item by its id.
    if args.is_empty() && !bang && super::pickers::jump(app, word) {
        return;
    }
    match find(name) {
        Some(command) if bang && command.bang.is_none() => app.say(
            format!(":{name} takes no ! ({})", command.usage()),
            Tone::Error,
        ),
        Some(command) => (command.run)(app, Invocation { bang, args }),
        None => {
            let names: Vec<String> = COMMANDS.iter().map(|c| format!(":{}", c.name)).collect();
            app.say(
                format!(
                    "unknown command :{name} (try {}, or an id like :T3; ? lists them)",
                    names.join(", ")
                ),
                Tone::Error,
            );
        }
    }
}

fn write(app: &mut App, call: Invocation<'_>) {
    if call.args.is_empty() {
        files::save(app, None);
    } else {
        files::write_as(
            app,
            call.args,
            call.bang,
            AfterReplace::Save { quit: false },
        );
    }
}

fn write_quit(app: &mut App, call: Invocation<'_>) {
    if call.args.is_empty() {
        if files::save(app, None) {
            app.quit = true;
        }
    } else {
        files::write_as(app, call.args, call.bang, AfterReplace::Save { quit: true });
    }
}

fn quit(app: &mut App, call: Invocation<'_>) {
    if call.bang || !app.modified() {
        app.quit = true;
    } else {
        app.say(
            "unsaved changes: :w saves, :q! quits without saving",
            Tone::Error,
        );
    }
}

fn export(app: &mut App, call: Invocation<'_>) {
    if call.args.is_empty() {
        app.say(
            ":export needs a file name, e.g. :export postmortem.md",
            Tone::Error,
        );
    } else {
        files::write_as(app, call.args, call.bang, AfterReplace::Export);
    }
}

/// The level-2 heading of the internal export a pane stands for.
fn pane_section(app: &App) -> &'static str {
    use crate::tui::app::Pane;
    match app.focus {
        Pane::Timeline => "Timeline",
        Pane::Whys => "Root Cause Analysis",
        Pane::Factors => "Contributing Factors",
        Pane::Actions => "Action Items",
        Pane::Review => "What Went Well",
        Pane::Overview | Pane::Preview => match app.doc.kind {
            crate::model::Kind::Project => "Summary",
            _ => "Executive Summary",
        },
    }
}

/// `:yank summary|exec|customer|section [HEADING]`: puts the text on the
/// clipboard through the terminal after the next draw.
fn yank(app: &mut App, call: Invocation<'_>) {
    use crate::export;
    let (what, rest) = call.args.split_once(' ').unwrap_or((call.args, ""));
    let text = match what {
        "summary" => Ok(export::summary(&app.doc)),
        "exec" => Ok(export::exec(&app.doc)),
        "customer" => export::customer(&app.doc, &app.privacy).map_err(|leaks| {
            let first = leaks.first().map(ToString::to_string).unwrap_or_default();
            format!(
                "not copied: the customer export would show {} leak(s), first {first} (a in the Preview lists them)",
                leaks.len()
            )
        }),
        "section" => {
            let heading = match rest.trim() {
                "" => pane_section(app),
                named => named,
            };
            export::section(&export::markdown(&app.doc), heading)
                .ok_or_else(|| format!("no section \"{heading}\" in the export"))
        }
        _ => Err(":yank summary, :yank exec, :yank customer or :yank section [HEADING]".into()),
    };
    match text {
        Ok(text) if text.trim().is_empty() => {
            app.say(format!("nothing to copy: the {what} is empty"), Tone::Error)
        }
        Ok(text) => {
            app.say(
                format!(
                    "copied the {what} ({} characters) through the terminal (OSC 52); \
                     if nothing pastes, the terminal refuses it: :export FILE writes it",
                    text.chars().count()
                ),
                Tone::Info,
            );
            app.clipboard = Some(text);
        }
        Err(message) => app.say(message, Tone::Error),
    }
}

fn import(app: &mut App, call: Invocation<'_>) {
    files::open_import(app, call.args);
}

fn report(app: &mut App, _call: Invocation<'_>) {
    if app.imported.is_some() {
        app.popup = Some(Popup::Report(ReportView));
    } else {
        app.say(
            "no import report: this document was not imported",
            Tone::Info,
        );
    }
}

fn agenda(app: &mut App, call: Invocation<'_>) {
    if call.args.is_empty() {
        app.say(
            ":agenda needs a name: facilitation, sixty, project (or one of your config)",
            Tone::Error,
        );
    } else {
        super::meeting::start(app, Some(call.args));
    }
}
