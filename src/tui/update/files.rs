//! Files from the editor: saving (with the session's checks), `:w FILE`
//! and `:export FILE`, `:import` of evidence, and choosing where to save a
//! document imported from Markdown.

use std::path::{Path, PathBuf};

use crate::model::edit::List;
use crate::tui::app::{App, Origin, Tone};
use crate::tui::import;
use crate::tui::popups::{AfterReplace, Confirm, ImportPreview, Popup, Prompt, PromptKind};

use super::history::commit;
use super::nav::select_id;
use super::session;

/// `:w FILE`, `:wq FILE`, `:export FILE`: an existing file other than the
/// document's own is only replaced after a yes (or with `!`).
pub fn write_as(app: &mut App, file: &str, force: bool, then: AfterReplace) {
    let path = PathBuf::from(file);
    let own = match &app.origin {
        Origin::File(p) | Origin::NewFile(p) => same_file(p, &path),
        Origin::Scratch(_) => false,
    };
    if !force && !own && path.exists() {
        app.popup = Some(Popup::Confirm(Confirm::Replace(path, then)));
        return;
    }
    replace(app, &path, then);
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

/// Writes `path` as `then` says, asked or not.
pub fn replace(app: &mut App, path: &Path, then: AfterReplace) {
    let file = path.display().to_string();
    match then {
        AfterReplace::Save { quit } => {
            if save(app, Some(&file)) && quit {
                app.quit = true;
            }
        }
        AfterReplace::Export => {
            // The format follows the extension; the audience is the
            // Preview's (what you see is what is written).
            let format = match crate::export::Format::from_extension(path) {
                Some(Ok(format)) => format,
                None => crate::export::Format::Markdown,
                Some(Err(ext)) => {
                    let message =
                        format!("{file}: cannot write .{ext} files: use .md, .html or .json");
                    return app.say(message, Tone::Error);
                }
            };
            let lint = app.lint.context().config().clone();
            let text = crate::export::render(&app.doc, app.audience, format, &app.privacy, &lint);
            match text.map(|text| crate::store::write_output(path, text.as_bytes())) {
                Ok(Ok(())) => app.say(
                    format!("exported the {} export to {file}", app.audience.as_str()),
                    Tone::Info,
                ),
                Ok(Err(e)) => app.say(format!("{file}: {e}"), Tone::Error),
                Err(crate::export::ExportError::Leaks(leaks)) => app.say(
                    format!(
                        "{file} not written: the customer export would show {} leak(s) (the Preview lists them)",
                        leaks.len()
                    ),
                    Tone::Error,
                ),
                Err(e) => app.say(format!("{file}: {e}"), Tone::Error),
            }
        }
    }
}

/// `:import PATH [--from KIND] [--tz ZONE]`: reads the evidence into a
/// preview; errors go to the status line and open nothing.
pub fn open_import(app: &mut App, args: &str) {
    let opened = import_args(app, args).and_then(|(path, options)| {
        let dated = options.date.is_some();
        ImportPreview::open(&app.doc, &path, &options).map(|p| (p, dated))
    });
    match opened {
        Ok((preview, false)) if preview.undated > 0 => {
            // Times with no date anywhere: ask rather than guess one.
            app.popup = Some(Popup::Prompt(Box::new(Prompt::import_date(args))));
        }
        Ok((preview, _)) => {
            app.message = None;
            app.popup = Some(Popup::Import(Box::new(preview)));
        }
        Err(e) => app.say(e, Tone::Error),
    }
}

/// Runs `:import ARGS` again with the incident date the user typed.
pub fn import_with_date(app: &mut App, args: &str, date: &str) {
    if date.is_empty() {
        app.say("import cancelled: no date given", Tone::Info);
        return;
    }
    open_import(app, &format!("{args} --date {date}"));
}

/// `:import`'s arguments, read with the CLI's own definition of
/// `debrief import`'s evidence options: the file and how to read it.
fn import_args(
    app: &App,
    args: &str,
) -> Result<(PathBuf, crate::import::timeline::Options), String> {
    use clap::Parser;
    let usage = "usage: :import PATH [--from KIND] [--tz ZONE] [--date YYYY-MM-DD] [--since T] [--until T] [--grep RE] …";
    let words = std::iter::once(":import").chain(args.split_whitespace());
    let parsed = crate::commands::EditorImportArgs::try_parse_from(words).map_err(|e| {
        match e.kind() {
            clap::error::ErrorKind::MissingRequiredArgument => {
                format!(":import needs a file ({usage})")
            }
            // clap's own message, on one line, without its usage block.
            _ => {
                let text = e.to_string();
                let first = text
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("error: ");
                format!("{first} ({usage})")
            }
        }
    })?;
    let evidence = parsed.evidence;
    let [path] = evidence.evidence.as_slice() else {
        return Err(format!("one file at a time ({usage})"));
    };
    let context = crate::import::timeline::Context::of(&app.doc);
    let options = evidence
        .request()
        .options(&context)
        .map_err(|e| e.to_string())?;
    Ok((path.clone(), options))
}

/// Adds the kept candidates of the open import preview as one undoable
/// step, and closes it.
pub fn accept_import(app: &mut App) {
    let Some(Popup::Import(preview)) = app.popup.take() else {
        return;
    };
    let Some((edit, added)) = preview.accept(&app.doc) else {
        app.say("nothing kept: nothing imported", Tone::Info);
        return;
    };
    if commit(app, edit) {
        if let Some(first) = added.first() {
            select_id(app, List::Timeline, first);
        }
        app.say(
            format!(
                "imported {} events from {} (u undoes)",
                added.len(),
                preview.path.display()
            ),
            Tone::Info,
        );
    }
}

/// Saves to `to`, or to the document's own file. Returns whether it saved.
pub fn save(app: &mut App, to: Option<&str>) -> bool {
    if to.is_none() && needs_target(app) {
        ask_where(app);
        return false;
    }
    save_to(app, to, false)
}

/// Saves the document's own file even though it changed on disk (the user
/// chose to overwrite).
pub fn save_forced(app: &mut App) -> bool {
    save_to(app, None, true)
}

fn save_to(app: &mut App, to: Option<&str>, force: bool) -> bool {
    let path = match (to, &app.origin) {
        (Some(file), _) => PathBuf::from(file),
        (None, Origin::File(p) | Origin::NewFile(p)) => p.clone(),
        (None, Origin::Scratch(_)) => {
            app.say(
                "this is a scratch copy of a bundled example: save it with :w FILE",
                Tone::Error,
            );
            return false;
        }
    };
    if !session::before_save(app, &path, force) {
        return false;
    }
    match crate::store::save(&app.doc, &path) {
        Ok(()) => {
            // The document's own file however it was spelled (`./f.toml`,
            // a link): keep the name it was opened by.
            let own = match &app.origin {
                Origin::File(p) | Origin::NewFile(p) => {
                    crate::store::same_document(p, &path).then(|| p.clone())
                }
                Origin::Scratch(_) => Some(path.clone()),
            };
            if let Some(own) = own {
                app.origin = Origin::File(own.clone());
                app.history.clean = Some(app.history.undo.len());
                session::after_save(app, &own);
            }
            app.say(format!("saved {}", path.display()), Tone::Info);
            true
        }
        Err(e) => {
            let message = app.session.save_failed(&e);
            app.say(message, Tone::Error);
            false
        }
    }
}

/// Whether saving must first ask where: imported and not saved yet.
pub fn needs_target(app: &App) -> bool {
    app.imported.as_ref().is_some_and(|i| !i.saved)
}

/// Opens the "save as" prompt, prefilled with the suggested file.
pub fn ask_where(app: &mut App) {
    let suggested = match (&app.origin, &app.imported) {
        (Origin::NewFile(p) | Origin::File(p), _) => p.clone(),
        (_, Some(i)) => import::suggested_path(&i.source),
        (_, None) => PathBuf::from("postmortem.toml"),
    };
    app.popup = Some(Popup::Prompt(Box::new(Prompt::with_text(
        PromptKind::SaveAs,
        &suggested.display().to_string(),
    ))));
}

/// Saves an imported document to `path`; asks first when it exists and
/// `overwrite` is false.
pub fn save_imported_to(app: &mut App, path: &str, overwrite: bool) {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        app.say("not saved: no file name (ctrl-s asks again)", Tone::Error);
        return;
    }
    if path.exists() && !overwrite {
        app.popup = Some(Popup::Confirm(Confirm::Overwrite(path)));
        return;
    }
    let previous = std::mem::replace(&mut app.origin, Origin::NewFile(path));
    if let Some(i) = app.imported.as_mut() {
        i.saved = true;
    }
    if !save(app, None) {
        app.origin = previous;
        if let Some(i) = app.imported.as_mut() {
            i.saved = false;
        }
    }
}
