//! Starting and stopping the terminal: options, configuration, the event
//! loop, and the recovery file written when the session is killed.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use chrono::NaiveDate;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use super::app::{App, Origin, Tone};
use super::popups::{Confirm, Popup, ReportView};
use super::recovery::{recovery_path, write_recovery};
use super::theme::Theme;
use super::thrifty::Thrifty;
use super::update;
use crate::config::UserConfig;
use crate::examples;

/// How to start the editor.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The document to open; `None` opens a scratch copy of the bundled
    /// example (never written back).
    pub path: Option<PathBuf>,
    /// A built-in theme name or a theme file (overrides the config file).
    pub theme: Option<String>,
    /// Whether a missing `path` starts a new document there (after asking);
    /// when false a missing file is an error.
    pub create_missing: bool,
    /// Today, for overdue actions; `None` is the local date.
    pub today: Option<NaiveDate>,
    /// The config file; `None` is `$XDG_CONFIG_HOME/debrief/config.toml`
    /// (or `~/.config/debrief/config.toml`).
    pub config: Option<PathBuf>,
    /// Start facilitating the meeting at once.
    pub facilitate: bool,
    /// The agenda to facilitate with (a built-in or configured name);
    /// `None`: the document's own, else the default one.
    pub agenda: Option<String>,
    /// Start in the presenter view.
    pub present: bool,
    /// Opened from the library view: Esc (with nothing to cancel) goes
    /// back to it.
    pub from_library: bool,
    /// Open read-only: no lock, no journal, no live session.
    pub read_only: bool,
}

/// The user's settings as every screen uses them: the config file, the
/// key map with its overrides, the theme (`NO_COLOR` honoured), and what
/// went wrong reading them (said, never fatal).
pub(crate) struct Settings {
    /// The config file, or the defaults.
    pub config: UserConfig,
    /// The key map.
    pub keymap: super::keymap::Keymap,
    /// The theme.
    pub theme: Theme,
    /// Problems with the config, the keys or the theme.
    pub messages: Vec<String>,
}

/// Reads the settings `options` name.
pub(crate) fn settings(options: &Options) -> Settings {
    let mut messages = Vec::new();
    let config = match crate::config::load(options.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            messages.push(format!("{e}; using defaults"));
            UserConfig::default()
        }
    };
    let mut keymap = super::keymap::Keymap::defaults();
    if let Some(keys) = &config.keys {
        let text = toml::to_string(keys).unwrap_or_default();
        if let Err(e) = keymap.merge_toml(&text) {
            messages.push(format!("config keys: {e}; using default keys"));
            keymap = super::keymap::Keymap::defaults();
        }
    }
    let mut theme = Theme::default();
    if let Some(name) = options.theme.as_ref().or(config.theme.as_ref()) {
        let (loaded, message) = Theme::load(name);
        theme = loaded;
        messages.extend(message);
    }
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        theme = theme.without_colour();
    }
    Settings {
        config,
        keymap,
        theme,
        messages,
    }
}

/// Loads the document and settings and builds the editor state, without
/// touching the terminal: a malformed file fails here with its
/// file:line:column error.
pub fn prepare(options: &Options) -> anyhow::Result<App> {
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut imported = None;
    let mut loaded_text = None;
    let (doc, origin) = match &options.path {
        None => {
            let example = examples::DEFAULT;
            (
                example.load().context("bundled example")?,
                Origin::Scratch(example.name.to_string()),
            )
        }
        Some(path) if super::import::is_markdown(path) => {
            let (doc, report) = super::import::load(path)?;
            imported = Some(report);
            (doc, Origin::NewFile(super::import::suggested_path(path)))
        }
        Some(path) if !path.exists() => {
            if !options.create_missing {
                anyhow::bail!("{}: no such file", path.display());
            }
            let title = path
                .file_stem()
                .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
                .unwrap_or_default();
            (
                crate::model::Postmortem::new(crate::model::Kind::Incident, title),
                Origin::NewFile(path.clone()),
            )
        }
        Some(path) => {
            let loaded = crate::store::load(path)?;
            loaded_text = Some(loaded.source);
            (loaded.doc, Origin::File(path.clone()))
        }
    };
    let mut app = App::new(doc, origin, today);
    app.session.loaded_text = loaded_text;
    let Settings {
        config,
        keymap,
        theme,
        messages,
    } = settings(options);
    let mut messages = messages;
    app.keymap = keymap;
    app.theme = theme;
    app.cursor.scroll = config.editor.scroll;
    let mut lint = config.lint.lint_config();
    let mut export = config.export.clone();
    // The repository's debrief.toml (as `debrief lint` and `sign` read it):
    // its roster, allow list, rule levels and required sign-offs.
    let project = match &options.path {
        Some(path) => crate::config::load_project(path).unwrap_or_else(|e| {
            messages.push(format!("{e}; its settings are not used"));
            None
        }),
        None => None,
    };
    if let Some((_, project)) = &project {
        project.apply(&mut lint);
        export.extend(&project.export);
    }
    if !config.lint.is_default() || project.is_some() {
        // Linting again is a whole-document pass: only when there is
        // something to add.
        app.lint.configure(&app.doc, &lint);
    }
    app.privacy = crate::export::Privacy {
        private_terms: export.private_terms,
        roster: lint.roster.clone(),
        allow: export.allow,
    };
    app.stage.present = options.present;
    app.from_library = options.from_library;
    app.stage.agendas = config.agendas.clone().into_iter().collect();
    if let Some(imported) = imported {
        app.imported = Some(imported);
        app.popup = Some(Popup::Report(ReportView));
    } else if matches!(app.origin, Origin::NewFile(_)) {
        app.popup = Some(Popup::Confirm(Confirm::CreateFile));
    }
    if !messages.is_empty() {
        app.say(messages.join(" · "), Tone::Error);
    }
    app.session.read_only = options.read_only;
    update::session::open(&mut app);
    update::conflicts::offer(&mut app);
    if options.facilitate && app.popup.is_none() {
        update::meeting::start(&mut app, options.agenda.as_deref());
    }
    Ok(app)
}

/// Runs the editor until the user quits.
pub fn run(options: Options) -> anyhow::Result<()> {
    let mut app = prepare(&options)?;
    let killed = Arc::new(AtomicBool::new(false));
    // Raw mode turns Ctrl-C and Ctrl-\ into keys, so SIGINT and SIGQUIT
    // come from kill(1), a supervisor or a closing tmux: all four end the
    // session the same way (journal kept, recovery file, lock released,
    // terminal restored).
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(signal, Arc::clone(&killed))
            .context("cannot watch for SIGTERM/SIGHUP/SIGINT/SIGQUIT")?;
    }
    watchdog(
        Arc::clone(&killed),
        match &app.origin {
            Origin::File(p) | Origin::NewFile(p) => Some(p.clone()),
            Origin::Scratch(_) => None,
        },
    );
    // ratatui::init installs a panic hook that restores the terminal first.
    let mut terminal = start_terminal().context("cannot start the terminal")?;
    let _ = execute!(
        io::stdout(),
        EnableMouseCapture,
        EnableBracketedPaste,
        EnableFocusChange
    );
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &killed)
    }));
    // What cannot wait comes first: when the terminal is gone, restoring it
    // fails, and nothing may stand between the edits and the disk.
    let (journal, recovery) = match &outcome {
        Ok(Ok(Ended::Quit)) => (None, None),
        _ => {
            // The socket goes too (exit skips destructors); participants
            // see the connection close and take the session over.
            app.collab = None;
            let journal = app.session.abandon();
            (journal, write_recovery(&app))
        }
    };
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        DisableFocusChange
    );
    let _ = ratatui::try_restore();
    // Dropping a ratatui `Terminal` prints to stderr when it cannot show the
    // cursor again, which panics on a terminal that is gone: show it here,
    // ignoring the outcome, and never drop it.
    let _ = terminal.show_cursor();
    std::mem::forget(terminal);
    let cause = match &outcome {
        Ok(Ok(Ended::Quit)) => {
            app.session.close();
            return Ok(());
        }
        Ok(Ok(Ended::Killed)) => "stopped by a signal",
        Ok(Err(_)) => "stopped by an error",
        Err(_) => "crashed",
    };
    match &recovery {
        Some(path) => say(&format!(
            "{cause}; unsaved changes written to {}",
            path.display()
        )),
        None => say(&format!("{cause}; nothing unsaved")),
    }
    if let Some(journal) = journal {
        say(&format!(
            "edit journal kept in {}; `debrief recover FILE` restores it",
            journal.display()
        ));
    }
    match outcome {
        // A hang-up or a polite kill is a normal end of the session.
        Ok(Ok(_)) => std::process::exit(0),
        Ok(Err(e)) => Err(e),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// A message on stderr that may not be there any more (a dropped session).
fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(io::stderr(), "debrief: {message}");
}

/// Raw mode, the alternate screen, and a panic hook that puts the terminal
/// back first. Unlike ratatui's own hook, it never fails when the terminal
/// is gone (printing to a dead terminal would panic inside the hook and
/// abort the process before the recovery file is written).
pub(crate) fn start_terminal() -> io::Result<Screen> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = ratatui::try_restore();
        previous(info);
    }));
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    let mut terminal = ratatui::Terminal::new(Thrifty::new(io::stdout()))?;
    // The alternate screen starts blank; clearing it says so to the backend,
    // which then knows every cell it may write again instead of moving.
    // (Not `Terminal::clear`: it asks the terminal where the cursor is, a
    // round trip over SSH, and some terminals never answer.)
    ratatui::backend::Backend::clear(terminal.backend_mut())?;
    Ok(terminal)
}

/// The terminal the editor and the library view draw on.
pub(crate) type Screen = ratatui::Terminal<Thrifty<io::Stdout>>;

enum Ended {
    Quit,
    Killed,
}

/// Waits up to `wait` for input on the terminal; true when it hung up.
#[cfg(unix)]
fn terminal_gone(wait: Duration) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::io::IsTerminal;
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        // crossterm reads /dev/tty then; there is nothing to watch here.
        std::thread::sleep(wait);
        return false;
    }
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: i64::try_from(wait.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(wait.subsec_nanos()),
    };
    match poll(&mut fds, Some(&timeout)) {
        Ok(_) => fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
        Err(rustix::io::Errno::INTR) => false,
        Err(_) => true,
    }
}

#[cfg(not(unix))]
fn terminal_gone(wait: Duration) -> bool {
    let _ = event::poll(wait);
    false
}

/// A last resort after SIGTERM/SIGHUP: if the editor has not ended the
/// session within five seconds (stuck in the terminal library on a dead
/// tty), rebuild the document from the edit journal into the recovery
/// file, release the lock and exit. The journal holds every completed edit,
/// so nothing the main thread knows is lost.
fn watchdog(killed: Arc<AtomicBool>, document: Option<PathBuf>) {
    std::thread::spawn(move || {
        while !killed.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_secs(5));
        if let Some(document) = &document {
            if let Ok(Some(recovery)) = crate::store::recover::recover(document)
                && recovery.doc != recovery.base
                && let Ok(text) = crate::store::to_toml(&recovery.doc)
            {
                let path = recovery_path(&Origin::File(document.clone()));
                let _ = crate::store::write_private(&path, text.as_bytes());
            }
            crate::store::lock::release_if_ours(document);
        }
        let _ = ratatui::crossterm::terminal::disable_raw_mode();
        std::process::exit(0);
    });
}

fn event_loop(terminal: &mut Screen, app: &mut App, killed: &AtomicBool) -> anyhow::Result<Ended> {
    match run_loop(terminal, app, killed) {
        // A terminal that went away mid-draw or mid-read is a hang-up, not
        // an error of ours.
        Err(e)
            if killed.load(Ordering::Relaxed) || terminal_gone(Duration::ZERO) || hung_up(&e) =>
        {
            Ok(Ended::Killed)
        }
        other => other.map_err(anyhow::Error::from),
    }
}

/// EIO / ENXIO: what reads and writes on a hung-up terminal give.
fn hung_up(error: &io::Error) -> bool {
    matches!(error.raw_os_error(), Some(5 | 6))
}

fn run_loop(terminal: &mut Screen, app: &mut App, killed: &AtomicBool) -> io::Result<Ended> {
    // Draw only after something changed: an idle editor writes nothing to
    // the terminal (over SSH every byte is felt).
    let mut dirty = true;
    loop {
        let size = terminal.size()?;
        if app.size != (size.width, size.height) {
            app.size = (size.width, size.height);
            update::keep_in_view(app);
            dirty = true;
        }
        if dirty {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            dirty = false;
            if let Some(text) = app.clipboard.take() {
                use std::io::Write as _;
                let backend = terminal.backend_mut();
                backend.write_all(super::clipboard::osc52(&text).as_bytes())?;
                backend.flush()?;
            }
        }
        if app.quit {
            return Ok(Ended::Quit);
        }
        if killed.load(Ordering::Relaxed) {
            return Ok(Ended::Killed);
        }
        if update::tick(app, false) {
            dirty = true;
            continue;
        }
        // crossterm 0.29 spins inside `event::poll` once the terminal is
        // gone (crossterm-rs/crossterm#793): wait on the terminal here and
        // end the session like a hang-up when it went away.
        // A large document's first lint runs in slices between keys; its
        // checks after an edit wait for a short pause.
        let wait = if app.lint.busy() {
            Duration::ZERO
        } else if app.lint.unsettled() {
            Duration::from_millis(50)
        } else if app.collab.as_ref().is_some_and(|c| c.is_busy()) {
            // Others' edits show within a screen refresh.
            Duration::from_millis(15)
        } else {
            Duration::from_millis(250)
        };
        if terminal_gone(wait) {
            return Ok(Ended::Killed);
        }
        if event::poll(Duration::ZERO)? {
            let ev = event::read()?;
            if matches!(ev, event::Event::FocusGained) {
                update::tick(app, true);
            }
            update::handle_event(app, ev);
            // Drain what is already queued before drawing again (fast typing, pastes).
            while !app.quit && !terminal_gone(Duration::ZERO) && event::poll(Duration::ZERO)? {
                update::handle_event(app, event::read()?);
            }
            dirty = true;
        }
    }
}
