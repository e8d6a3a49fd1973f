//! Merge conflicts `debrief merge` left in the document: asked one by one
//! (`o` keeps ours, `t` takes theirs), each answer one undo step.

use crate::model::Side;
use crate::tui::app::{App, Tone};
use crate::tui::popups::{Confirm, Popup};
use crate::vcs;

/// On opening a document: ask about its first conflict, unless another
/// question is up (then say how to get to them).
pub fn offer(app: &mut App) {
    if app.doc.conflicts.is_empty() {
        return;
    }
    if app.popup.is_none() {
        open(app);
    } else {
        app.say(
            format!(
                "{} merge conflict(s): :conflicts resolves them",
                app.doc.conflicts.len()
            ),
            Tone::Info,
        );
    }
}

/// `:conflicts`: asks about the first conflict.
pub fn open(app: &mut App) {
    if app.doc.conflicts.is_empty() {
        app.say("no merge conflicts", Tone::Info);
    } else {
        app.popup = Some(Popup::Confirm(Confirm::Conflict(0)));
    }
}

/// Resolves conflict `index` for `side` as one edit, then asks about the
/// next one.
pub fn resolve(app: &mut App, index: usize, side: Side) {
    let at = app
        .doc
        .conflicts
        .get(index)
        .map(|c| c.at.clone())
        .unwrap_or_default();
    let edit = vcs::resolve(&app.doc, index, side)
        .map_err(|e| e.to_string())
        .and_then(|resolved| {
            vcs::edit_between(&app.doc, &resolved)
                .ok_or_else(|| "the resolution is not one edit".to_string())
        });
    match edit {
        Ok(edit) => {
            if super::commit(app, edit) {
                let left = app.doc.conflicts.len();
                app.say(
                    format!("{at}: took {} ({left} conflict(s) left)", side.as_str()),
                    Tone::Info,
                );
                if left > 0 {
                    open(app);
                }
            }
        }
        Err(e) => app.say(format!("{at}: cannot resolve: {e}"), Tone::Error),
    }
}
