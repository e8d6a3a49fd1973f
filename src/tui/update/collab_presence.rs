//! Where everyone is in a live session: this editor announces its pane
//! and selection when they change (the others show a marker there), and
//! `:follow` mirrors someone else's.

use crate::collab::{Message, Place};
use crate::tui::app::{App, Pane, Tone};
use crate::tui::collab::{Collab, Role};

/// Where this editor is now: its pane and the selected item, or on the
/// Overview and Review the selected field.
fn place(app: &App) -> Place {
    Place {
        pane: app.focus.title().to_string(),
        item: app
            .selected_id(app.focus)
            .or_else(|| field_here(app, app.focus)),
    }
}

/// The selected field's name (`Summary`, as the hub names fields) on a
/// field pane.
fn field_here(app: &App, pane: Pane) -> Option<String> {
    if !matches!(pane, Pane::Overview | Pane::Review) {
        return None;
    }
    let fields = crate::tui::panes::fields(&app.doc, pane);
    fields
        .get(app.cursor.field(pane))
        .map(|field| format!("{field:?}"))
}

/// Tells the others where this editor is, when that changed.
pub(super) fn announce(app: &App, collab: &mut Collab) {
    let here = place(app);
    if collab.announced.as_ref() == Some(&here) {
        return;
    }
    let me = collab.me;
    match &collab.role {
        Role::Owner { peers, .. } => peers.broadcast(&Message::Presence {
            who: me,
            place: here.clone(),
        }),
        Role::Participant { client, .. } => client.send(Message::Presence {
            who: me,
            place: here.clone(),
        }),
        Role::Orphan { .. } => return,
    }
    collab.announced = Some(here);
}

/// Mirrors the followed participant's pane and selection.
pub(super) fn follow(app: &mut App, collab: &Collab) -> bool {
    let Some(place) = collab.following.and_then(|w| collab.places.get(&w)) else {
        return false;
    };
    let Some(pane) = Pane::ALL.iter().copied().find(|p| p.title() == place.pane) else {
        return false;
    };
    let here = |app: &App| {
        (
            app.focus,
            app.selected_id(app.focus),
            field_here(app, app.focus),
        )
    };
    let before = here(app);
    match (pane.list(), &place.item) {
        (Some(list), Some(id)) => super::nav::select_id(app, list, id),
        (None, Some(name)) => {
            let fields = crate::tui::panes::fields(&app.doc, pane);
            if let Some(i) = fields.iter().position(|f| format!("{f:?}") == *name) {
                *app.cursor.field_mut(pane) = i;
            }
        }
        _ => {}
    }
    app.focus = pane;
    before != here(app)
}

/// `:follow NAME`: mirror NAME's pane and selection until a key.
pub fn start_following(app: &mut App, name: &str) {
    let Some(collab) = app.collab.as_mut() else {
        app.say("not in a live session", Tone::Error);
        return;
    };
    let found = if name.trim().is_empty() {
        collab
            .others()
            .find(|p| p.owner)
            .or_else(|| collab.others().next())
    } else {
        collab.find(name)
    };
    match found.map(|p| (p.who, p.user.clone())) {
        Some((who, user)) => {
            collab.following = Some(who);
            app.say(format!("following {user}: any key stops"), Tone::Info);
        }
        None => app.say(
            format!("nobody called {name:?} in this session"),
            Tone::Error,
        ),
    }
}

/// A key while following: stops following (and the key does nothing
/// else). Returns whether it did.
pub fn stop_following(app: &mut App) -> bool {
    let Some(collab) = app.collab.as_mut() else {
        return false;
    };
    if collab.following.take().is_none() {
        return false;
    }
    app.say("stopped following", Tone::Info);
    true
}
