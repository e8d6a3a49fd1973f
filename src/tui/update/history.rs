//! The one path by which the document changes: an [`Edit`] is applied,
//! journaled, followed by the linter, counted as a new revision (derived
//! views cache on it) and reflected in the search — whatever its source
//! (a key, undo, redo, an import, another participant). Replacing
//! the whole document (reload, recovery) has its own single path here.

use crate::model::Postmortem;
use crate::model::edit::{DocField, Edit, Item, List};
use crate::tui::app::{App, Tone};

use super::{nav, search, session};

/// Applies `edit` and brings everything that follows the document up to
/// date. The undo stacks are the caller's.
fn apply_edit(app: &mut App, edit: &Edit) -> Result<(), String> {
    edit.apply(&mut app.doc).map_err(|e| e.to_string())?;
    session::record(app, edit);
    app.lint.follow(&app.doc, edit);
    app.ids.follow(edit);
    app.history.revision += 1;
    let whys_before = app.history.lists.whys;
    app.history.lists.bump(edit, app.history.revision);
    app.follow_why_walk(edit, whys_before);
    app.summary.follow(&app.doc, edit, app.history.revision);
    search::refresh(app);
    Ok(())
}

/// Applies an edit made here (a key, undo, redo, an import): in a live
/// session it is then ordered (owner) or sent to the owner (participant).
fn apply(app: &mut App, edit: &Edit) -> Result<(), String> {
    apply_edit(app, edit)?;
    super::collab::local(app, edit);
    Ok(())
}

/// Applies an edit that came from the live session (another
/// participant's, or one of ours taken back to put the owner's first):
/// the same path, not recorded for undo, not sent again.
pub(super) fn apply_remote(app: &mut App, edit: &Edit) -> Result<(), String> {
    apply_edit(app, edit)?;
    app.history.remote += 1;
    // Not on disk until the owner saves (undo cannot bring the saved state
    // back either): the owner's quit asks first, the header says modified.
    app.history.clean = None;
    nav::clamp(app);
    Ok(())
}

/// Refuses (with a message naming the field) an edit that would make a
/// document debrief cannot read back: larger than the store's limits.
fn over_limits(app: &mut App, edit: &Edit) -> bool {
    match crate::store::check_edit(&app.doc, edit) {
        Ok(()) => false,
        Err(e) => {
            app.say(format!("not applied: {e}"), Tone::Error);
            true
        }
    }
}

/// Applies an edit and records it for undo. Returns false (with a message)
/// when the edit does not apply.
pub fn commit(app: &mut App, edit: Edit) -> bool {
    if session::refuse_edit(app) || over_limits(app, &edit) {
        return false;
    }
    let edit = super::collab::portable(app, edit);
    if let Err(e) = apply(app, &edit) {
        app.say(e, Tone::Error);
        return false;
    }
    if app
        .history
        .clean
        .is_some_and(|c| c > app.history.undo.len())
    {
        app.history.clean = None; // the saved state was on the redo stack
    }
    app.history.undo.push(edit);
    app.history.redo.clear();
    true
}

/// Sets a document field to canonical `after` as one undo step; nothing
/// happens (and true is returned) when it already holds it.
pub fn set_field(app: &mut App, field: DocField, after: String) -> bool {
    let before = field.get(&app.doc);
    before == after
        || commit(
            app,
            Edit::SetText {
                field,
                before,
                after,
            },
        )
}

/// Commits `edit`; when it is the first text of the item the last edit
/// inserted, the two become one undo step, so `u` after `a`, typing and
/// Esc removes the item at once.
pub fn commit_merging_insert(app: &mut App, edit: Edit) -> bool {
    let touched = edit.touched();
    let merge = matches!(app.history.undo.last(), Some(Edit::Insert { item, .. }) if touched.first().map(String::as_str) == Some(item.id()))
        && app.history.clean != Some(app.history.undo.len());
    if !merge {
        return commit(app, edit);
    }
    if session::refuse_edit(app) || over_limits(app, &edit) {
        return false;
    }
    let edit = super::collab::portable(app, edit);
    if let Err(e) = apply(app, &edit) {
        app.say(e, Tone::Error);
        return false;
    }
    if let Some(insert) = app.history.undo.pop() {
        app.history.undo.push(Edit::Batch(vec![insert, edit]));
    }
    app.history.redo.clear();
    true
}

/// Takes back the insert of item `id` if it is the last edit (an added
/// item left empty): the document is as before and nothing is left to
/// redo. Returns whether it did.
pub fn cancel_insert(app: &mut App, id: &str) -> bool {
    let fresh =
        matches!(app.history.undo.last(), Some(Edit::Insert { item, .. }) if item.id() == id);
    if !fresh {
        return false;
    }
    let Some(insert) = app.history.undo.pop() else {
        return false;
    };
    if let Err(e) = apply(app, &insert.inverse()) {
        app.say(e, Tone::Error);
        app.history.undo.push(insert);
        return false;
    }
    nav::clamp(app);
    true
}

/// `u`: undoes the last edit.
pub fn undo(app: &mut App) {
    let Some(edit) = app.history.undo.pop() else {
        app.say("nothing to undo", Tone::Info);
        return;
    };
    // In a live session others' edits may have moved the item, or
    // changed what this edit changed: yours only while nobody did.
    let Some(edit) = still_yours(app, edit.inverse()).map(|e| e.inverse()) else {
        return;
    };
    if let Err(e) = apply(app, &edit.inverse()) {
        app.say(e, Tone::Error);
        app.history.undo.push(edit);
        return;
    }
    follow(app, &edit, true);
    app.say(
        format!("undone ({} more)", app.history.undo.len()),
        Tone::Info,
    );
    app.history.redo.push(edit);
    nav::clamp(app);
}

/// `ctrl-r`: redoes the last undone edit.
pub fn redo(app: &mut App) {
    let Some(edit) = app.history.redo.pop() else {
        app.say("nothing to redo", Tone::Info);
        return;
    };
    let Some(edit) = still_yours(app, edit) else {
        return;
    };
    if let Err(e) = apply(app, &edit) {
        app.say(e, Tone::Error);
        app.history.redo.push(edit);
        return;
    }
    follow(app, &edit, false);
    app.history.undo.push(edit);
    app.say("redone", Tone::Info);
    nav::clamp(app);
}

/// In a live session: `edit` carried onto the document as it is now, or
/// `None` (with the reason said) when someone else changed its part
/// since. Alone: `edit` as it is.
fn still_yours(app: &mut App, edit: Edit) -> Option<Edit> {
    // Nobody else's edit came in (alone, or no one has typed yet): the
    // document is as this edit left it.
    if app.collab.is_none() || app.history.remote == 0 {
        return Some(edit);
    }
    match crate::collab::rebase::rebase(&mut app.doc, &edit, crate::collab::rebase::Mode::Strict) {
        Ok(edit) => Some(edit),
        Err(why) => {
            app.say(
                format!("not undone, and dropped from undo: {why}"),
                Tone::Error,
            );
            None
        }
    }
}

/// Moves the selection to what an undone (`undone`) or redone edit
/// touched. Whether that item is gone is read from the edit, never looked
/// for: an id that is nowhere costs a scan of every list.
fn follow(app: &mut App, edit: &Edit, undone: bool) {
    let parts = match edit {
        Edit::Batch(edits) => edits.as_slice(),
        one => std::slice::from_ref(one),
    };
    let Some(last) = parts.iter().rev().find(|e| {
        matches!(
            e,
            Edit::Insert { .. } | Edit::Remove { .. } | Edit::Replace { .. }
        )
    }) else {
        return;
    };
    let item = match last {
        Edit::Insert { item, .. }
        | Edit::Remove { item, .. }
        | Edit::Replace { after: item, .. } => item,
        _ => return,
    };
    let (list, id) = (item.list(), item.id());
    let inserted = parts.iter().find_map(|e| match e {
        Edit::Insert { index, item } if item.id() == id => Some((*index, item)),
        _ => None,
    });
    match (undone, inserted, last) {
        // An insert undone: back where `a` was pressed.
        (true, Some((index, item)), _) => select_before(app, list, index, item),
        // A delete redone: the selection stays where the item was.
        (false, _, Edit::Remove { .. }) => {}
        _ => nav::select_id(app, list, id),
    }
}

/// Selects where `a` was pressed to insert `item` at `index`: the why it
/// went under, or the item before it.
fn select_before(app: &mut App, list: List, index: usize, item: &Item) {
    let previous = index.checked_sub(1);
    let before = match item {
        // `A` put it last under the selected why; `a` after its sibling.
        Item::Why(why)
            if !why.parent.is_empty()
                && previous
                    .and_then(|at| app.doc.whys.nodes.get(at))
                    .map(|w| &w.parent)
                    != Some(&why.parent) =>
        {
            Some(why.parent.clone())
        }
        _ => previous
            .and_then(|at| crate::model::edit::item_at(&app.doc, list, at))
            .map(|neighbour| neighbour.id().to_string()),
    };
    if let Some(before) = before {
        nav::select_id(app, list, &before);
    }
}

/// Whether a replaced document is what the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// It was just read from the file.
    Yes,
    /// It differs from the file (recovered edits).
    No,
}

/// Replaces the whole document (reload, recovery): the undo history goes,
/// the linter and every cached view start again from it. The journal is
/// the caller's (it restarts or resumes it).
pub fn replace_document(app: &mut App, doc: Postmortem, saved: Saved) {
    app.doc = doc;
    app.history.undo.clear();
    app.history.redo.clear();
    app.history.clean = (saved == Saved::Yes).then_some(0);
    app.lint.reset(&app.doc);
    app.ids = crate::tui::ids::IdIndex::new();
    app.history.revision += 1;
    app.history.lists = crate::tui::app::ListRevisions::all(app.history.revision);
    search::refresh(app);
    nav::clamp(app);
    super::collab::replaced(app);
}
