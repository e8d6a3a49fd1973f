//! Popups in `update`: passing them keys (resolved through their mode's
//! key map section), carrying out what they ask, answering questions, and
//! opening the help page.

use ratatui::crossterm::event::KeyEvent;

use crate::tui::action::Action;
use crate::tui::app::{App, Tone};
use crate::tui::component::{Input, Outcome};
use crate::tui::keymap::{Chord, Lookup};
use crate::tui::popups::Request;
use crate::tui::popups::{Confirm, HelpPage, HelpRow, Popup, Prompt, PromptKind, help};

use super::commands::{COMMANDS, JUMP};
use super::{commands, edit_field, files, pickers, search, session};

/// Passes a key to the popup on top.
pub fn key(app: &mut App, key: KeyEvent) {
    let Some(mut popup) = app.popup.take() else {
        return;
    };
    let mode = popup.component().mode();
    let action = match app.keymap.lookup_mode(mode, &[Chord::from_event(key)]) {
        Lookup::Action(action) => Some(action),
        _ => None,
    };
    let outcome = popup.component_mut().handle(Input { action, key }, app);
    match outcome {
        Outcome::Stay => app.popup = Some(popup),
        Outcome::Close => {}
        Outcome::Then(request) => run(app, request),
        Outcome::StayThen(request) => {
            app.popup = Some(popup);
            run(app, request);
        }
    }
}

/// Carries out what a popup or the field editor asked.
pub fn run(app: &mut App, request: Request) {
    match request {
        Request::Command(line) => commands::run(app, &line),
        Request::Search(query) => search::start(app, &query),
        Request::SaveAs(file) => files::save_imported_to(app, &file, false),
        Request::Pick(key) => pickers::pick(app, &key),
        Request::Answer(question, action) => answer(app, question, action),
        Request::AcceptImport => files::accept_import(app),
        Request::CancelImport => app.say("import cancelled", Tone::Info),
        Request::ReportClosed => {
            if files::needs_target(app) {
                files::ask_where(app);
            }
        }
        Request::ApplyField(then) => edit_field::apply(app, then),
        Request::Meeting(entry, text) => super::meeting::add_entry(app, entry, &text),
        Request::ResolveParked(index, to_action) => {
            super::meeting::resolve_parked(app, index, to_action)
        }
        Request::AddRelated(entry) => super::related::add(app, &entry),
        Request::Suppress(reason) => super::findings::suppress(app, &reason),
        Request::ImportDate { args, date } => files::import_with_date(app, &args, &date),
    }
}

/// What an answer to a question does.
fn answer(app: &mut App, question: Confirm, action: Action) {
    use Action::*;
    match (question, action) {
        (Confirm::QuitUnsaved, Yes) if files::save(app, None) => app.quit = true,
        (Confirm::QuitUnsaved, No) | (Confirm::CreateFile, No | Close) => app.quit = true,
        (Confirm::CreateFile, Yes) => {
            files::save(app, None);
        }
        (Confirm::Overwrite(path), Yes) => {
            files::save_imported_to(app, &path.display().to_string(), true)
        }
        (Confirm::Overwrite(_), _) => app.say("not saved: ctrl-s asks where again", Tone::Info),
        (Confirm::Replace(path, then), Yes) => files::replace(app, &path, then),
        (Confirm::Replace(path, _), _) => app.say(
            format!("kept {}: nothing written", path.display()),
            Tone::Info,
        ),
        (Confirm::LockHeld(_), ReadOnly) => {
            app.say("opened read-only: :w OTHER saves a copy", Tone::Info)
        }
        (Confirm::LockHeld(_), TakeOver) => session::take_over(app),
        (Confirm::LockHeld(_), _) => app.quit = true,
        (Confirm::Recover(_), Recover) => session::apply_recovery(app),
        (Confirm::Recover(_), Discard) => session::discard_recovery(app),
        (Confirm::Recover(_), _) => session::save_recovery_elsewhere(app),
        (Confirm::ChangedOnDisk, Reload) => session::reload(app),
        (Confirm::ChangedOnDisk, Overwrite) => {
            files::save_forced(app);
        }
        (Confirm::ChangedOnDisk, SaveAs) => {
            app.popup = Some(Popup::Prompt(Box::new(Prompt::with_text(
                PromptKind::Command,
                "w ",
            ))));
        }
        (Confirm::ChangedOnDisk, _) => app.say(
            "the file changed on disk: saving will ask again",
            Tone::Info,
        ),
        (Confirm::Conflict(index), TakeOurs) => {
            super::conflicts::resolve(app, index, crate::model::Side::Ours)
        }
        (Confirm::Conflict(index), TakeTheirs) => {
            super::conflicts::resolve(app, index, crate::model::Side::Theirs)
        }
        (Confirm::Conflict(_), _) => app.say(
            "merge conflicts left: :conflicts resolves them (check reports them)",
            Tone::Info,
        ),
        (
            Confirm::DuplicateMark {
                event,
                mark,
                holder,
            },
            Yes | No,
        ) => pickers::place_mark(app, &event, mark, &holder, action == Yes),
        // Staying is the answer (esc on "quit with unsaved changes?").
        _ => {}
    }
}

/// `?`: the keys of the focused pane and of every popup and text field,
/// then the `:` commands.
pub fn open_help(app: &mut App) {
    let mut rows = help::keymap_rows(&app.keymap, app.focus);
    rows.push(HelpRow::heading(": commands (type : then the command)"));
    for command in COMMANDS {
        rows.push(HelpRow {
            keys: command.usage(),
            what: command.doc.to_string(),
            kind: help::RowKind::Own,
        });
    }
    rows.push(HelpRow {
        keys: JUMP.0.to_string(),
        what: JUMP.1.to_string(),
        kind: help::RowKind::Own,
    });
    app.popup = Some(Popup::Help(HelpPage {
        pane: app.focus,
        rows,
        offset: 0,
    }));
}
