//! Item operations of the list panes that add, remove or move items: add,
//! delete (with the links to it), move, and clearing a document field.
//! Changes of one item in place are in `retouch.rs`.

use chrono::Timelike;

use crate::model::edit::{Edit, Item, List, item_at};
use crate::model::{
    ActionItem, ActionStatus, Event, Factor, IdKind, Postmortem, Priority, Timeframe, Why,
};
use crate::tui::app::{App, Grouping, ItemField, Pane, Target, Tone};
use crate::tui::panes;
use crate::tui::popups::{PickItem, PickPurpose, Picker, Popup};

use super::edit_field::open_editor;
use super::history::{commit, set_field};
use super::nav::{clamp, select_id};

/// The selected item's index in `list`, if any.
pub fn selected_index(app: &App, list: List) -> Option<usize> {
    match list {
        List::Timeline => (!app.doc.timeline.is_empty()).then_some(app.cursor.timeline),
        List::Whys => app.selected_why(),
        List::Factors => (!app.doc.factors.is_empty()).then_some(app.cursor.factors),
        List::Actions => (!app.doc.actions.is_empty()).then_some(app.cursor.actions),
    }
}

/// `a` / `A`: adds an item after the selection (`child`: under the
/// selected why) and opens its first field.
pub fn add(app: &mut App, child: bool) {
    // A factor or an action first asks its group (category; status, time
    // frame or priority as the board is grouped), the selection's first.
    if matches!(app.focus, Pane::Factors | Pane::Actions) {
        return ask_group(app);
    }
    add_item(app, child, None);
}

/// The groups a new factor or action can go into, and the selection's.
fn groups(app: &App) -> (Vec<String>, Option<String>) {
    match app.focus {
        Pane::Factors => (
            app.doc.factor_categories(),
            app.doc
                .factors
                .get(app.cursor.factors)
                .map(|f| f.category.clone()),
        ),
        _ => {
            let board = app.board();
            let current = board
                .iter()
                .find(|(_, cards)| cards.contains(&app.cursor.actions))
                .map(|(label, _)| label.clone());
            (
                board.iter().map(|(label, _)| label.clone()).collect(),
                current,
            )
        }
    }
}

fn ask_group(app: &mut App) {
    let (groups, current) = groups(app);
    let selected = current
        .and_then(|c| groups.iter().position(|g| *g == c))
        .unwrap_or(0);
    let (title, list) = match app.focus {
        Pane::Factors => ("New factor: its category".to_string(), List::Factors),
        _ => (
            format!("New action: its {}", app.grouping.label()),
            List::Actions,
        ),
    };
    app.popup = Some(Popup::Picker(Picker {
        title,
        purpose: PickPurpose::NewItem { list },
        items: groups
            .into_iter()
            .map(|g| PickItem {
                key: g.clone(),
                label: g,
                checked: false,
            })
            .collect(),
        query: String::new(),
        selected,
    }));
}

/// Adds an item after the selection (a factor or an action into `group`)
/// and opens its first field.
pub fn add_item(app: &mut App, child: bool, group: Option<&str>) {
    let kind = match app.focus {
        Pane::Timeline => IdKind::Event,
        Pane::Whys => IdKind::Why,
        Pane::Factors => IdKind::Factor,
        _ => IdKind::Action,
    };
    let id = app.ids.next_id(&app.doc, kind);
    let doc = &app.doc;
    let (edit, list, id, field) = match app.focus {
        Pane::Timeline => {
            let selected = doc.timeline.get(app.cursor.timeline);
            let at = selected
                .map(|e| e.at)
                .or(doc.meta.started)
                .unwrap_or_else(|| {
                    // Nothing to go by: now, to the minute.
                    let now = chrono::Utc::now()
                        .with_second(0)
                        .unwrap_or_else(chrono::Utc::now);
                    doc.display_zone().in_zone(&now.fixed_offset())
                });
            let index = after_selection(doc.timeline.len(), app.cursor.timeline);
            inserting(index, Item::Event(Event::new(&id, at, "")))
        }
        Pane::Whys => {
            let selected = app.selected_why();
            let (parent, index) = match (selected, child) {
                (Some(i), true) => (doc.whys.nodes[i].id.clone(), doc.whys.nodes.len()),
                (Some(i), false) => (doc.whys.nodes[i].parent.clone(), i + 1),
                (None, _) => (String::new(), doc.whys.nodes.len()),
            };
            app.collapsed.remove(&parent);
            inserting(index, Item::Why(Why::new(&id, parent, "")))
        }
        Pane::Factors => {
            let category = group
                .map(str::to_string)
                .or_else(|| {
                    doc.factors
                        .get(app.cursor.factors)
                        .map(|f| f.category.clone())
                })
                .unwrap_or_else(|| {
                    doc.factor_categories()
                        .first()
                        .cloned()
                        .unwrap_or_else(|| "technical".into())
                });
            let index = after_selection(doc.factors.len(), app.cursor.factors);
            inserting(index, Item::Factor(Factor::new(&id, category, "")))
        }
        Pane::Actions => {
            let mut item = ActionItem::new(&id, "");
            match group {
                Some(label) => match app.grouping {
                    Grouping::Status => {
                        if let Some(s) = ActionStatus::ALL.iter().find(|s| s.label() == label) {
                            item.status = *s;
                        }
                    }
                    Grouping::Timeframe => {
                        item.timeframe = Timeframe::ALL.iter().copied().find(|t| t.label() == label)
                    }
                    Grouping::Priority => {
                        item.priority = Priority::ALL.iter().copied().find(|p| p.label() == label)
                    }
                },
                None => {
                    if let Some(sel) = doc.actions.get(app.cursor.actions) {
                        match app.grouping {
                            Grouping::Status => item.status = sel.status,
                            Grouping::Timeframe => item.timeframe = sel.timeframe,
                            Grouping::Priority => item.priority = sel.priority,
                        }
                    }
                }
            }
            let index = after_selection(doc.actions.len(), app.cursor.actions);
            inserting(index, Item::Action(item))
        }
        _ => {
            app.say(
                "nothing to add here: press Enter to edit a field",
                Tone::Info,
            );
            return;
        }
    };
    if commit(app, edit) {
        select_id(app, list, &id);
        open_editor(app, Target::Item { list, id, field });
    }
}

/// Where `a` puts a new item in a list of `len` with `cursor` selected.
fn after_selection(len: usize, cursor: usize) -> usize {
    if len == 0 { 0 } else { cursor + 1 }
}

/// The insert of a new `item`, its list, id and the field typed first.
fn inserting(index: usize, item: Item) -> (Edit, List, String, ItemField) {
    let list = item.list();
    let id = item.id().to_string();
    (
        Edit::Insert { index, item },
        list,
        id,
        ItemField::of(list)[0],
    )
}

/// `d` on a document field empties it (one undo step), where empty is a
/// value the field can hold.
pub fn clear_field(app: &mut App) {
    let fields = panes::fields(&app.doc, app.focus);
    let Some(&field) = fields.get(app.cursor.field(app.focus)) else {
        return;
    };
    let before = field.get(&app.doc);
    if before.is_empty() {
        app.say(
            format!("{} is already empty", panes::field_title(field, &app.doc)),
            Tone::Info,
        );
        return;
    }
    match field.prepare(&app.doc, "") {
        Ok(after) if after != before => {
            if set_field(app, field, after) {
                app.say(
                    format!("cleared {} (u undoes)", panes::field_title(field, &app.doc)),
                    Tone::Info,
                );
            }
        }
        Ok(_) => {}
        Err(why) => app.say(
            format!(
                "{} cannot be empty: {why}",
                panes::field_title(field, &app.doc)
            ),
            Tone::Error,
        ),
    }
}

/// Removes `id` from the link lists of factors and actions.
fn unlink_everywhere(doc: &Postmortem, ids: &[String]) -> Vec<Edit> {
    let mut edits = Vec::new();
    // A deleted why takes its subtree: many ids are a set, so each link of
    // each item is one lookup however many went (a few are compared, which
    // is cheaper than hashing every link of thousands of items).
    let set: foldhash::HashSet<&str> = if ids.len() > 4 {
        ids.iter().map(String::as_str).collect()
    } else {
        Default::default()
    };
    let is_gone = |link: &str| {
        if ids.len() > 4 {
            set.contains(link)
        } else {
            ids.iter().any(|id| id == link)
        }
    };
    let linked = |links: &[String]| links.iter().any(|l| is_gone(l));
    // Only the items that link to one of `ids` are copied: a document can
    // hold thousands of factors and actions.
    for (index, f) in doc.factors.iter().enumerate() {
        if !linked(&f.events) && !linked(&f.whys) {
            continue;
        }
        let mut after = f.clone();
        after.events.retain(|e| !is_gone(e));
        after.whys.retain(|w| !is_gone(w));
        if after != *f {
            edits.push(Edit::Replace {
                index,
                before: Item::Factor(f.clone()),
                after: Item::Factor(after),
            });
        }
    }
    for (index, a) in doc.actions.iter().enumerate() {
        if !linked(&a.factors) && !linked(&a.whys) {
            continue;
        }
        let mut after = a.clone();
        after.factors.retain(|x| !is_gone(x));
        after.whys.retain(|w| !is_gone(w));
        if after != *a {
            edits.push(Edit::Replace {
                index,
                before: Item::Action(a.clone()),
                after: Item::Action(after),
            });
        }
    }
    edits
}

/// `d`: deletes the selected item (a why with its subtree; links to it
/// go too), or clears the selected document field.
pub fn delete(app: &mut App) {
    if matches!(app.focus, Pane::Overview | Pane::Review) {
        return clear_field(app);
    }
    let Some(list) = app.focus.list() else { return };
    let Some(index) = selected_index(app, list) else {
        app.say("nothing selected", Tone::Info);
        return;
    };
    // A why goes with its subtree, read from the tree walk the rows are
    // drawn from (kept per revision), not from a map built per delete.
    let mut indexes = match list {
        List::Whys => app.why_subtree(index),
        _ => Vec::new(),
    };
    if indexes.is_empty() {
        indexes.push(index);
    }
    let doc = &app.doc;
    indexes.sort_unstable();
    let items: Vec<Item> = indexes
        .iter()
        .filter_map(|i| item_at(doc, list, *i))
        .collect();
    let ids: Vec<String> = items.iter().map(|i| i.id().to_string()).collect();
    let mut edits = unlink_everywhere(doc, &ids);
    for (i, item) in indexes.iter().zip(items).rev() {
        edits.push(Edit::Remove { index: *i, item });
    }
    if commit(app, Edit::Batch(edits)) {
        app.say(format!("deleted {} (u undoes)", ids.join(", ")), Tone::Info);
        clamp(app);
    }
}

/// `J` / `K`: moves the selected item among its neighbours.
pub fn move_item(app: &mut App, delta: isize) {
    let Some(list) = app.focus.list() else { return };
    let Some(index) = selected_index(app, list) else {
        return;
    };
    let doc = &app.doc;
    let neighbours: Vec<usize> = match list {
        List::Timeline => {
            let at = doc.timeline[index].at;
            (0..doc.timeline.len())
                .filter(|i| doc.timeline[*i].at == at)
                .collect()
        }
        List::Whys => {
            let parent = &doc.whys.nodes[index].parent;
            (0..doc.whys.nodes.len())
                .filter(|i| doc.whys.nodes[*i].parent == *parent)
                .collect()
        }
        List::Factors => {
            let category = &doc.factors[index].category;
            (0..doc.factors.len())
                .filter(|i| doc.factors[*i].category == *category)
                .collect()
        }
        List::Actions => app
            .board()
            .iter()
            .map(|(_, c)| c)
            .find(|c| c.contains(&index))
            .cloned()
            .unwrap_or_default(),
    };
    let at = neighbours.iter().position(|i| *i == index).unwrap_or(0) as isize + delta;
    let Some(&to) = (at >= 0).then(|| neighbours.get(at as usize)).flatten() else {
        let why = if list == List::Timeline {
            ": the timeline keeps time order (edit the time to move an event)"
        } else {
            ""
        };
        app.say(format!("cannot move further{why}"), Tone::Info);
        return;
    };
    let id = item_at(doc, list, index)
        .map(|i| i.id().to_string())
        .unwrap_or_default();
    if commit(
        app,
        Edit::Move {
            list,
            from: index,
            to,
        },
    ) {
        select_id(app, list, &id);
    }
}
