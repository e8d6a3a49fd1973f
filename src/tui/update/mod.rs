//! `update`: the only place `App` changes. Keys reach a popup, the field
//! editor or the key map, and become actions; every change of the
//! document is an [`Edit`](crate::model::edit::Edit) applied and recorded
//! by [`history`] — the one path for keys, undo, redo, imports and, later,
//! other participants.
//!
//! One file per job: `history` (apply and record), `nav` (selection,
//! focus, links), `items` (add, delete, move, cycle), `edit_field` (the
//! field editor), `pickers`, `popups` (what popups ask), `commands` (the
//! `:` table), `files` (save, export, import), `search`, `mouse`,
//! `session` (journal, lock, recovery) and `findings` (`]d`, `g a`).

pub mod collab;
mod collab_owner;
mod collab_participant;
mod collab_presence;
mod collab_takeover;
mod commands;
pub mod conflicts;
mod edit_field;
mod files;
mod findings;
mod history;
mod items;
pub mod meeting;
mod mouse;
mod nav;
mod pickers;
mod popups;
mod related;
mod retouch;
mod search;
pub mod session;

#[cfg(test)]
mod tests;

pub use commands::{COMMANDS, Command, JUMP};
pub use edit_field::open_editor;
pub use files::{save, save_forced};
pub use history::{commit, replace_document};
pub use nav::{clamp, keep_in_view, select_id};
pub use search::find_all;

use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyEventKind};

use super::action::Action;
use super::app::{App, Pane, Tone};
use super::keymap::{Chord, Lookup};
use super::popups::{Popup, Prompt, PromptKind};

/// Handles one terminal event.
pub fn handle_event(app: &mut App, event: TermEvent) {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => {
            handle_key(app, key);
            meeting::after_key(app);
        }
        TermEvent::Mouse(mouse) => mouse::handle(app, mouse),
        TermEvent::Resize(w, h) => {
            app.size = (w, h);
            keep_in_view(app);
        }
        TermEvent::Paste(text) => {
            if let Some(editor) = app.editor.as_mut() {
                editor.textarea.insert_str(text);
            }
        }
        _ => {}
    }
}

/// Handles a key: popup first, then the field being edited, then the keymap.
pub fn handle_key(app: &mut App, key: KeyEvent) {
    // Following someone: any key stops it, and does only that.
    if collab::stop_following(app) {
        return;
    }
    if app.popup.is_some() {
        popups::key(app, key);
        return;
    }
    if app.editor.is_some() {
        edit_field::key(app, key);
        return;
    }
    let chord = Chord::from_event(key);
    let keys: Vec<Chord> = app.pending.take().into_iter().chain([chord]).collect();
    if app.stage.meeting.is_some()
        && let Lookup::Action(action) = app.keymap.lookup_mode(super::meeting::panel::MODE, &keys)
    {
        return update(app, action);
    }
    match app.keymap.lookup(app.focus, &keys) {
        Lookup::Action(action) => update(app, action),
        Lookup::Prefix => app.pending = Some(chord),
        Lookup::None if keys.len() > 1 => {
            // An unfinished sequence: drop the prefix and try the key alone.
            if let Lookup::Action(action) = app.keymap.lookup(app.focus, &[chord]) {
                update(app, action);
            }
        }
        Lookup::None => {
            if key.code == KeyCode::Esc && !edit_field::discard_draft(app) {
                app.message = None;
                app.search = None;
            }
        }
    }
}

/// Esc in a pane: cancels what is there to cancel (a draft, a search);
/// with nothing, goes back to the library the document was opened from.
fn back(app: &mut App) {
    if edit_field::discard_draft(app) {
        return;
    }
    if app.search.take().is_none() && app.from_library {
        quit(app);
    }
}

/// Carries out a named action of a pane.
pub fn update(app: &mut App, action: Action) {
    use Action::*;
    if !matches!(action, GotoLink) {
        app.link_round = None;
    }
    // A message belongs to the action that made it: the next one clears it.
    app.message = None;
    if session::refuses(app, action) {
        return;
    }
    if let Some(pane) = Pane::viewed_by(action) {
        return nav::focus(app, pane);
    }
    if meeting::handle(app, action) {
        return;
    }
    match action {
        Up => nav::step(app, -1),
        Down => nav::step(app, 1),
        PageUp => nav::step(app, -(app.layout().rows(app.focus) as isize).max(1)),
        PageDown => nav::step(app, (app.layout().rows(app.focus) as isize).max(1)),
        Top => nav::step(app, isize::MIN / 2),
        Bottom => nav::step(app, isize::MAX / 2),
        Left => nav::sideways(app, -1),
        Right => nav::sideways(app, 1),
        FocusNext | FocusPrev => {
            let at = Pane::ALL.iter().position(|p| *p == app.focus).unwrap_or(0);
            let n = Pane::ALL.len();
            let next = if action == FocusNext {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            };
            nav::focus(app, Pane::ALL[next]);
        }
        Edit => edit_field::open_main(app),
        Add => items::add(app, false),
        AddChild => items::add(app, true),
        Delete => items::delete(app),
        MoveDown => items::move_item(app, 1),
        MoveUp => items::move_item(app, -1),
        Indent => retouch::indent(app, true),
        Outdent => retouch::indent(app, false),
        ToggleCollapse => nav::toggle_collapse(app, None),
        ToggleRoot => retouch::toggle_root(app),
        TogglePrivate => retouch::toggle_private(app),
        CycleAudience => {
            app.audience = app.audience.cycle();
            app.say(
                format!("Preview: the {} export", app.audience.as_str()),
                Tone::Info,
            );
        }
        Cycle => retouch::cycle(app),
        CyclePriority => retouch::cycle_priority(app),
        CycleTimeframe => retouch::cycle_timeframe(app),
        CycleType => retouch::cycle_type(app),
        Mark => pickers::open_marks(app),
        SwitchGrouping => {
            app.grouping = app.grouping.next();
            app.say(
                format!("board grouped by {}", app.grouping.label()),
                Tone::Info,
            );
        }
        Link => pickers::open_links(app),
        GotoLink => nav::goto_link(app),
        GotoBack => nav::goto_back(app),
        GotoId => pickers::open_jump(app),
        Undo => history::undo(app),
        Redo => history::redo(app),
        Search => app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::Search)))),
        SearchNext => search::step(app, 1),
        SearchPrev => search::step(app, -1),
        CommandLine => app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::Command)))),
        Save => {
            save(app, None);
        }
        Help => popups::open_help(app),
        ToggleFindings => app.lint.panel = !app.lint.panel,
        NextFinding => findings::step(app, 1),
        PrevFinding => findings::step(app, -1),
        ApplyFix => findings::apply_fix(app),
        SuppressFinding => findings::ask_suppress(app),
        Quit => quit(app),
        Related => related::open(app),
        Back => back(app),
        // The view actions are handled above (each pane names its own);
        // the keys of popups and text fields reach their components.
        _ => {}
    }
}

/// What the event loop does between keys: the session's checks, and the
/// lint of a long text once typing pauses. Returns whether the screen
/// shows something new (the loop draws only then).
pub fn tick(app: &mut App, now: bool) -> bool {
    let seen = |app: &App| {
        (
            app.message.clone(),
            app.popup.is_some(),
            app.session.read_only,
            app.session.journal_warning(),
        )
    };
    let before = seen(app);
    // The loop draws before its first tick: the journal of a file opened
    // with nothing to recover starts here, after the first frame.
    session::start_due_journal(app);
    let live = collab::tick(app);
    session::tick(app, now);
    let checked = edit_field::tick(app);
    let linted = app.lint.settle(&app.doc);
    let clock = meeting::tick(app);
    live || checked || linted || clock || seen(app) != before
}

/// `q`: quits, asking first when there are unsaved changes.
fn quit(app: &mut App) {
    // A participant's edits are the owner's to save.
    if app.modified() && !collab::is_participant(app) {
        app.popup = Some(Popup::Confirm(super::popups::Confirm::QuitUnsaved));
    } else {
        app.quit = true;
    }
}
