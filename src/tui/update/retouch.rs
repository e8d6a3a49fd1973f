//! Changes of the selected item in place: indent a why, mark the root
//! cause, make it private, cycle a category, status, priority, timeframe
//! or type. Each is one `Edit::Replace`.

use crate::model::edit::{DocField, Edit, Item, List, item_at};
use crate::model::{ActionItem, ActionType, Priority, Status, Timeframe};
use crate::tui::app::{App, Pane, Tone};
use crate::tui::panes;

use super::history::{commit, set_field};
use super::items::selected_index;
use super::nav::select_id;

/// Replaces the selected item of `list` by what `change` makes of it.
pub fn replace_selected(app: &mut App, list: List, change: impl FnOnce(&mut Item)) {
    let Some(index) = selected_index(app, list) else {
        return;
    };
    let Some(before) = item_at(&app.doc, list, index) else {
        return;
    };
    let mut after = before.clone();
    change(&mut after);
    if after != before {
        let id = after.id().to_string();
        if commit(
            app,
            Edit::Replace {
                index,
                before,
                after,
            },
        ) {
            select_id(app, list, &id);
        }
    }
}

/// `>` / `<`: indents or outdents the selected why.
pub fn indent(app: &mut App, deeper: bool) {
    if app.focus != Pane::Whys {
        return;
    }
    let Some(index) = app.selected_why() else {
        return;
    };
    let nodes = &app.doc.whys.nodes;
    let node = &nodes[index];
    let new_parent = if deeper {
        match nodes[..index]
            .iter()
            .rev()
            .find(|n| n.parent == node.parent)
        {
            Some(sibling) => sibling.id.clone(),
            None => {
                app.say("no cause above to indent under", Tone::Info);
                return;
            }
        }
    } else if node.parent.is_empty() {
        app.say("already at the top", Tone::Info);
        return;
    } else {
        app.doc
            .whys
            .get(&node.parent)
            .map(|p| p.parent.clone())
            .unwrap_or_default()
    };
    app.collapsed.remove(&new_parent);
    replace_selected(app, List::Whys, |item| {
        if let Item::Why(w) = item {
            w.parent = new_parent;
        }
    });
}

/// `r`: marks or unmarks the selected why as a root cause.
pub fn toggle_root(app: &mut App) {
    if app.focus == Pane::Whys {
        replace_selected(app, List::Whys, |item| {
            if let Item::Why(w) = item {
                w.root = !w.root;
            }
        });
    }
}

/// `P`: marks the selected event, why or factor private or not; an action
/// goes internal → public → private → internal.
pub fn toggle_private(app: &mut App) {
    let list = match app.focus {
        Pane::Timeline => List::Timeline,
        Pane::Whys => List::Whys,
        Pane::Factors => List::Factors,
        Pane::Actions => List::Actions,
        _ => return,
    };
    replace_selected(app, list, |item| match item {
        Item::Event(e) => e.private = !e.private,
        Item::Why(w) => w.private = !w.private,
        Item::Factor(f) => f.private = !f.private,
        Item::Action(a) => {
            (a.public, a.private) = match (a.public, a.private) {
                (_, true) => (false, false),
                (false, false) => (true, false),
                (true, false) => (false, true),
            };
        }
    });
}

fn cycle_action(app: &mut App, change: impl FnOnce(&mut ActionItem)) {
    if app.focus == Pane::Actions {
        replace_selected(app, List::Actions, |item| {
            if let Item::Action(a) = item {
                change(a);
            }
        });
    }
}

/// `c`: cycles a factor's category, an action's status, or an Overview
/// choice (kind, severity, status).
pub fn cycle(app: &mut App) {
    match app.focus {
        Pane::Factors => {
            let categories = app.doc.factor_categories();
            replace_selected(app, List::Factors, |item| {
                if let Item::Factor(f) = item {
                    let at = categories
                        .iter()
                        .position(|c| *c == f.category)
                        .map_or(0, |i| (i + 1) % categories.len());
                    f.category = categories[at].clone();
                }
            });
        }
        Pane::Actions => cycle_action(app, |a| a.status = a.status.cycle()),
        Pane::Overview => {
            let fields = panes::fields(&app.doc, Pane::Overview);
            let Some(&field) = fields.get(app.cursor.overview) else {
                return;
            };
            let before = field.get(&app.doc);
            let after = match field {
                DocField::Severity => {
                    let scale = app.doc.severity_scale();
                    let at = scale
                        .iter()
                        .position(|l| l.level == before)
                        .map_or(0, |i| (i + 1) % scale.len());
                    scale[at].level.clone()
                }
                DocField::Status => {
                    let at = Status::ALL
                        .iter()
                        .position(|s| s.as_str() == before)
                        .map_or(0, |i| (i + 1) % Status::ALL.len());
                    Status::ALL[at].as_str().to_string()
                }
                DocField::Kind => crate::model::Kind::parse(&before)
                    .unwrap_or_default()
                    .cycle()
                    .as_str()
                    .to_string(),
                _ => {
                    app.say("c cycles kind, severity and status", Tone::Info);
                    return;
                }
            };
            set_field(app, field, after);
        }
        _ => {}
    }
}

/// `p`: cycles the selected action's priority.
pub fn cycle_priority(app: &mut App) {
    cycle_action(app, |a| {
        a.priority = Some(a.priority.map_or(Priority::P0, Priority::cycle))
    });
}

/// `t`: cycles the selected action's time frame.
pub fn cycle_timeframe(app: &mut App) {
    cycle_action(app, |a| {
        a.timeframe = Some(a.timeframe.map_or(Timeframe::Immediate, Timeframe::cycle))
    });
}

/// `T`: cycles the selected action's type.
pub fn cycle_type(app: &mut App) {
    cycle_action(app, |a| {
        a.kind = Some(a.kind.map_or(ActionType::Prevent, ActionType::cycle))
    });
}
