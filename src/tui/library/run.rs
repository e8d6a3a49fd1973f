//! The library view on the terminal: scan the folder, show the table, and
//! open the chosen document in the editor (which has the terminal to
//! itself until it quits); then scan again, so the row shows what changed.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::{LibraryView, MODE, Step};
use crate::tui::keymap::{Chord, Keymap, Lookup};
use crate::tui::terminal::{Options, Settings, settings, start_terminal};
use crate::tui::theme::Theme;

/// Runs the library view of `dir` until the user quits.
pub fn run(dir: &Path, options: Options) -> anyhow::Result<()> {
    let Settings { keymap, theme, .. } = settings(&options);
    // Raw mode turns Ctrl-C into a key: a signal here is a kill, and the
    // view holds nothing unsaved.
    let killed = Arc::new(AtomicBool::new(false));
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        signal_hook::flag::register(signal, Arc::clone(&killed))
            .context("cannot watch for SIGTERM/SIGHUP/SIGINT/SIGQUIT")?;
    }
    let mut earlier: Option<LibraryView> = None;
    loop {
        let mut view = load(dir, &options)?;
        if let Some(earlier) = &earlier {
            view.carry(earlier);
        }
        let step = show(&mut view, &keymap, &theme, &killed)?;
        earlier = Some(view);
        match step {
            Step::Open(path) => {
                crate::tui::run(Options {
                    path: Some(path),
                    from_library: true,
                    create_missing: false,
                    ..options.clone()
                })?;
            }
            Step::Quit | Step::Stay => return Ok(()),
        }
        if killed.load(Ordering::Relaxed) {
            return Ok(());
        }
    }
}

/// Reads the folder into a view; a file that does not load is listed
/// with its error and the rest show.
fn load(dir: &Path, options: &Options) -> anyhow::Result<LibraryView> {
    let library = crate::library::scan(dir)?;
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let rows = crate::library::rows(&library, today);
    let skipped = library
        .skipped
        .iter()
        .map(|s| s.error.to_string())
        .collect();
    Ok(LibraryView::new(dir.to_path_buf(), rows, skipped))
}

/// Shows the view until a document is chosen or the user quits.
fn show(
    view: &mut LibraryView,
    keymap: &Keymap,
    theme: &Theme,
    killed: &AtomicBool,
) -> anyhow::Result<Step> {
    let mut terminal = start_terminal().context("cannot start the terminal")?;
    let step = (|| -> anyhow::Result<Step> {
        loop {
            terminal.draw(|frame| {
                let area = frame.area();
                super::draw(view, theme, keymap, area, frame.buffer_mut());
            })?;
            loop {
                if killed.load(Ordering::Relaxed) {
                    return Ok(Step::Quit);
                }
                if event::poll(Duration::from_millis(200))? {
                    break;
                }
            }
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    let action = match keymap.lookup_mode(MODE, &[Chord::from_event(key)]) {
                        Lookup::Action(action) => Some(action),
                        _ => None,
                    };
                    match view.handle(action, key) {
                        Step::Stay => {}
                        step => return Ok(step),
                    }
                }
                _ => {}
            }
        }
    })();
    let _ = ratatui::try_restore();
    let _ = terminal.show_cursor();
    std::mem::forget(terminal);
    step
}
