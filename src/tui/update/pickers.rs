//! The pickers: `m` toggles an event's marks, `L` toggles links between
//! the selection and other items. Both stay open after a toggle, their
//! checks refreshed.

use crate::model::edit::{Edit, Item, List, index_of, item_at};
use crate::model::{Mark, Postmortem};
use crate::tui::app::{App, Pane, Tone};
use crate::tui::popups::{Confirm, PickItem, PickPurpose, Picker, Popup};

use super::history::commit;
use super::nav::{list_of, select_id};
use super::retouch::replace_selected;

/// Sets or clears `mark` on the event at `index` (one undo step).
fn toggle_mark(app: &mut App, index: usize, mark: Mark) {
    app.cursor.timeline = index;
    replace_selected(app, List::Timeline, |item| {
        if let Item::Event(e) = item {
            if let Some(p) = e.marks.iter().position(|m| *m == mark) {
                e.marks.remove(p);
            } else {
                e.marks.push(mark);
                e.marks.sort();
            }
        }
    });
}

/// The answer to "another event has this key mark": move it (one undo
/// step) or keep both.
pub fn place_mark(app: &mut App, event: &str, mark: Mark, holder: &str, move_it: bool) {
    let (Some(to), Some(from)) = (
        index_of(&app.doc, List::Timeline, event),
        index_of(&app.doc, List::Timeline, holder),
    ) else {
        return;
    };
    if !move_it {
        toggle_mark(app, to, mark);
        app.say(
            format!(
                "{event} and {holder} both have the {} mark now",
                mark.label()
            ),
            Tone::Info,
        );
        return;
    }
    let edit = |index: usize, add: bool| {
        let before = item_at(&app.doc, List::Timeline, index)?;
        let mut after = before.clone();
        if let Item::Event(e) = &mut after {
            e.marks.retain(|m| *m != mark);
            if add {
                e.marks.push(mark);
                e.marks.sort();
            }
        }
        Some(Edit::Replace {
            index,
            before,
            after,
        })
    };
    if let (Some(take), Some(give)) = (edit(from, false), edit(to, true))
        && commit(app, Edit::Batch(vec![take, give]))
    {
        select_id(app, List::Timeline, event);
        app.say(
            format!(
                "moved the {} mark from {holder} to {event} (u undoes)",
                mark.label()
            ),
            Tone::Info,
        );
    }
}

/// `m`: the marks of the selected event.
pub fn open_marks(app: &mut App) {
    let Some(event) = app.doc.timeline.get(app.cursor.timeline) else {
        return;
    };
    let items = Mark::ALL
        .iter()
        .map(|m| PickItem {
            key: m.as_str().into(),
            label: format!("{} {}", m.glyph(), m.label()),
            checked: event.has(*m),
        })
        .collect();
    app.popup = Some(Popup::Picker(Picker {
        title: format!("Marks of {}", event.id),
        purpose: PickPurpose::Mark {
            event: event.id.clone(),
        },
        items,
        query: String::new(),
        selected: 0,
    }));
}

fn short(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// Whether `a` and `b` are linked, and the edit that toggles the link.
fn link_toggle(doc: &Postmortem, a: &str, b: &str) -> Option<(bool, Edit)> {
    let (la, lb) = (list_of(doc, a)?, list_of(doc, b)?);
    let order = |l: List| match l {
        List::Timeline => 0,
        List::Whys => 1,
        List::Factors => 2,
        List::Actions => 3,
    };
    // The holder of the link is the later kind (factor holds events and
    // whys; action holds factors and whys).
    let (lower, higher, hl) = if order(la) < order(lb) {
        (a, b, lb)
    } else {
        (b, a, la)
    };
    let index = index_of(doc, hl, higher)?;
    let before = item_at(doc, hl, index)?;
    let mut after = before.clone();
    let toggle = |v: &mut Vec<String>| -> bool {
        if let Some(p) = v.iter().position(|x| x == lower) {
            v.remove(p);
            true
        } else {
            v.push(lower.to_string());
            false
        }
    };
    let lower_list = if lower == a { la } else { lb };
    let was = match (&mut after, lower_list) {
        (Item::Factor(f), List::Timeline) => toggle(&mut f.events),
        (Item::Factor(f), List::Whys) => toggle(&mut f.whys),
        (Item::Action(x), List::Factors) => toggle(&mut x.factors),
        (Item::Action(x), List::Whys) => toggle(&mut x.whys),
        _ => return None,
    };
    Some((
        was,
        Edit::Replace {
            index,
            before,
            after,
        },
    ))
}

/// `L`: the items the selection can link to, linked ones checked.
pub fn open_links(app: &mut App) {
    let Some(from) = app.selected_id(app.focus) else {
        app.say("select an item to link", Tone::Info);
        return;
    };
    let doc = &app.doc;
    let zone = doc.display_zone();
    let mut candidates: Vec<(String, String)> = Vec::new();
    let events = || {
        doc.timeline.iter().map(|e| {
            (
                e.id.clone(),
                format!("{} {} {}", e.id, zone.clock(&e.at), short(&e.text, 50)),
            )
        })
    };
    let whys = || {
        doc.whys.nodes.iter().map(|w| {
            (
                w.id.clone(),
                format!("{} why: {}", w.id, short(&w.text, 50)),
            )
        })
    };
    let factors = || {
        doc.factors.iter().map(|f| {
            (
                f.id.clone(),
                format!("{} [{}] {}", f.id, f.category, short(&f.text, 50)),
            )
        })
    };
    let actions = || {
        doc.actions.iter().map(|a| {
            (
                a.id.clone(),
                format!("{} action: {}", a.id, short(&a.title, 50)),
            )
        })
    };
    match app.focus {
        Pane::Timeline => candidates.extend(factors()),
        Pane::Whys => candidates.extend(factors().chain(actions())),
        Pane::Factors => candidates.extend(events().chain(whys()).chain(actions())),
        Pane::Actions => candidates.extend(factors().chain(whys())),
        _ => return,
    }
    let items = candidates
        .into_iter()
        .map(|(key, label)| {
            let checked = link_toggle(doc, &from, &key).is_some_and(|(was, _)| was);
            PickItem {
                key,
                label,
                checked,
            }
        })
        .collect();
    app.popup = Some(Popup::Picker(Picker {
        title: format!("Link {from} to"),
        purpose: PickPurpose::Link { from },
        items,
        query: String::new(),
        selected: 0,
    }));
}

/// `g i`: every item, to jump to by typing its id or words of its text.
pub fn open_jump(app: &mut App) {
    let doc = &app.doc;
    let zone = doc.display_zone();
    let items = doc
        .timeline
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                format!("{} {} {}", e.id, zone.clock(&e.at), short(&e.text, 60)),
            )
        })
        .chain(doc.whys.nodes.iter().map(|w| {
            (
                w.id.clone(),
                format!("{} why: {}", w.id, short(&w.text, 60)),
            )
        }))
        .chain(doc.factors.iter().map(|f| {
            (
                f.id.clone(),
                format!("{} [{}] {}", f.id, f.category, short(&f.text, 60)),
            )
        }))
        .chain(doc.actions.iter().map(|a| {
            (
                a.id.clone(),
                format!("{} action: {}", a.id, short(&a.title, 60)),
            )
        }))
        .map(|(key, label)| PickItem {
            key,
            label,
            checked: false,
        })
        .collect();
    app.popup = Some(Popup::Picker(Picker {
        title: "Jump to".to_string(),
        purpose: PickPurpose::Jump,
        items,
        query: String::new(),
        selected: 0,
    }));
}

/// Jumps to the item `id`, focusing its pane. False when there is none.
pub fn jump(app: &mut App, id: &str) -> bool {
    let Some(list) = list_of(&app.doc, id) else {
        return false;
    };
    select_id(app, list, id);
    true
}

/// Toggles the choice `key` of the open picker, then shows the picker
/// again with its checks refreshed (query and selection kept); a jump
/// closes it.
pub fn pick(app: &mut App, key: &str) {
    let Some(Popup::Picker(picker)) = app.popup.take() else {
        return;
    };
    match &picker.purpose {
        PickPurpose::Jump => {
            jump(app, key);
        }
        PickPurpose::NewItem { .. } => super::items::add_item(app, false, Some(key)),
        PickPurpose::Link { from } => {
            if let Some((was, edit)) = link_toggle(&app.doc, from, key) {
                let keep = (app.focus, from.clone());
                if commit(app, edit) {
                    if let Some(list) = keep.0.list() {
                        select_id(app, list, &keep.1);
                    }
                    let verb = if was { "unlinked" } else { "linked" };
                    app.say(format!("{verb} {} and {key}", keep.1), Tone::Info);
                }
            }
            open_links(app);
            if let Some(Popup::Picker(p)) = app.popup.as_mut() {
                p.query = picker.query.clone();
                p.selected = picker.selected;
            }
        }
        PickPurpose::Mark { event } => {
            if let Some(mark) = Mark::ALL.iter().find(|m| m.as_str() == key).copied()
                && let Some(index) = index_of(&app.doc, List::Timeline, event)
            {
                app.cursor.timeline = index;
                let adding = !app.doc.timeline[index].has(mark);
                // A key moment happens once: ask before a second one.
                let holder = app
                    .doc
                    .timeline
                    .iter()
                    .find(|e| e.id != *event && e.has(mark))
                    .map(|e| e.id.clone());
                if adding
                    && mark.is_key()
                    && let Some(holder) = holder
                {
                    app.popup = Some(Popup::Confirm(Confirm::DuplicateMark {
                        event: event.clone(),
                        mark,
                        holder,
                    }));
                    return;
                }
                toggle_mark(app, index, mark);
            }
            open_marks(app);
            if let Some(Popup::Picker(p)) = app.popup.as_mut() {
                p.selected = picker.selected;
            }
        }
    }
}
