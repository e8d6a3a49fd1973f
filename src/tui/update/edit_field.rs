//! The field editor: opening it on a field, passing it keys, and applying
//! its text as one undo step (checked first; an invalid value stays in the
//! editor with the reason beside it).

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use crate::model::edit::{DocField, Edit, Item, List, item_at};
use crate::model::{ActionStatus, ActionType, Event, Priority, Timeframe, parse_time};
use crate::tui::app::{App, Draft, FieldEditor, ItemField, Pane, Target, Tone};
use crate::tui::component::{Component, Input, Outcome};
use crate::tui::keymap::{Chord, Lookup};
use crate::tui::panes;
use crate::tui::popups::AfterField;

use super::history::{cancel_insert, commit_merging_insert, set_field};
use super::nav::{select_id, step};
use super::popups;

fn field_text(item: &Item, field: ItemField) -> String {
    use ItemField::*;
    match (item, field) {
        (Item::Event(_), Time) => String::new(),
        (Item::Event(e), Text) => e.text.clone(),
        (Item::Event(e), Source) => e.source.clone(),
        (Item::Event(e), Actor) => e.actor.clone(),
        (Item::Event(e), ActorKind) if !e.actor_kind.is_unknown() => e.actor_kind.as_str().into(),
        (Item::Why(w), Text) => w.text.clone(),
        (Item::Why(w), Question) => w.question.clone(),
        (Item::Factor(f), Text) => f.text.clone(),
        (Item::Factor(f), Contribution) => f.contribution.clone(),
        (Item::Factor(f), Category) => f.category.clone(),
        (Item::Action(a), Title) => a.title.clone(),
        (Item::Action(a), Type) => a.kind.map(|k| k.as_str()).unwrap_or("").to_string(),
        (Item::Action(a), Priority) => a.priority.map(|p| p.as_str()).unwrap_or("").to_string(),
        (Item::Action(a), Timeframe) => a.timeframe.map(|t| t.as_str()).unwrap_or("").to_string(),
        (Item::Action(a), Status) => a.status.as_str().to_string(),
        (Item::Action(a), Owner) => a.owner.clone(),
        (Item::Action(a), Due) => a.due.map(|d| d.to_string()).unwrap_or_default(),
        (Item::Action(a), Ticket) => a.ticket.clone(),
        (Item::Action(a), Notes) => a.notes.clone(),
        _ => String::new(),
    }
}

/// Opens the editor on `target`, loaded with its current text.
pub fn open_editor(app: &mut App, target: Target) {
    let (text, multiline) = match &target {
        Target::Doc(field) => (field.edit_text(&app.doc), field.multiline()),
        Target::Item { list, id, field } => {
            let Some(index) = app.ids.position(&app.doc, *list, id) else {
                return;
            };
            let Some(item) = item_at(&app.doc, *list, index) else {
                return;
            };
            let text = match (&item, field) {
                (Item::Event(e), ItemField::Time) => app.doc.display_zone().date_time(&e.at),
                _ => field_text(&item, *field),
            };
            (text, field.multiline())
        }
    };
    // A draft left in this field comes back, with why it was refused.
    let (text, error) = match app.draft.take() {
        Some(draft) if draft.target == target => (draft.text, Some(draft.error)),
        other => {
            app.draft = other;
            (text, None)
        }
    };
    let mut editor = FieldEditor::new(target, &text, multiline);
    editor.check(app);
    editor.error = error;
    app.editor = Some(editor);
}

/// `e` / Enter: edits the main field of the selection (or the selected
/// document field).
pub fn open_main(app: &mut App) {
    match app.focus {
        Pane::Overview | Pane::Review => {
            let fields = panes::fields(&app.doc, app.focus);
            if let Some(field) = fields.get(app.cursor.field(app.focus)) {
                open_editor(app, Target::Doc(*field));
            }
        }
        Pane::Whys if app.selected_why().is_none() => {
            open_editor(app, Target::Doc(DocField::Problem))
        }
        pane => {
            let Some(list) = pane.list() else { return };
            let Some(id) = app.selected_id(pane) else {
                app.say("nothing to edit here: `a` adds one", Tone::Info);
                return;
            };
            let field = ItemField::of(list)[0];
            open_editor(app, Target::Item { list, id, field });
        }
    }
}

/// Passes a key to the field editor.
pub fn key(app: &mut App, key: KeyEvent) {
    let Some(mut editor) = app.editor.take() else {
        return;
    };
    let action = match app
        .keymap
        .lookup_mode(editor.mode(), &[Chord::from_event(key)])
    {
        Lookup::Action(action) => Some(action),
        _ => None,
    };
    let outcome = editor.handle(Input { action, key }, app);
    match outcome {
        Outcome::Stay => app.editor = Some(editor),
        Outcome::Close => {}
        Outcome::Then(request) => popups::run(app, request),
        Outcome::StayThen(request) => {
            app.editor = Some(editor);
            popups::run(app, request);
        }
    }
}

/// Applies the editor's text, then closes it or moves to the next or
/// previous field as `then` says. On an invalid value the editor stays
/// with the reason; after a failed leave, leaving again discards.
pub fn apply(app: &mut App, then: AfterField) {
    let Some(editor) = app.editor.as_ref() else {
        return;
    };
    let text = editor.text();
    let target = editor.target.clone();
    // An item just added and left empty is not added at all.
    if text.trim().is_empty()
        && let Target::Item { id, .. } = &target
        && matches!(then, AfterField::Close | AfterField::Leave)
        && cancel_insert(app, id)
    {
        app.editor = None;
        app.say("nothing added", Tone::Info);
        return;
    }
    if !finish(app, &text) {
        // Esc always leaves: the invalid text stays as a draft the status
        // line names; `e` edits it again, Esc discards it.
        if then == AfterField::Leave
            && let Some(editor) = app.editor.take()
        {
            app.draft = Some(Draft {
                target,
                text,
                error: editor.error.unwrap_or_default(),
            });
        }
        return;
    }
    app.editor = None;
    let forward = then == AfterField::Next;
    match (then, target) {
        (AfterField::Close | AfterField::Leave, _) => {}
        (_, Target::Item { list, id, field }) => {
            let fields = ItemField::of(list);
            let at = fields.iter().position(|f| *f == field).unwrap_or(0);
            let next = if forward {
                (at + 1) % fields.len()
            } else {
                (at + fields.len() - 1) % fields.len()
            };
            open_editor(
                app,
                Target::Item {
                    list,
                    id,
                    field: fields[next],
                },
            );
        }
        (_, Target::Doc(_)) => {
            step(app, if forward { 1 } else { -1 });
            open_main(app);
        }
    }
}

/// Esc with a draft pending: drops it.
pub fn discard_draft(app: &mut App) -> bool {
    let Some(draft) = app.draft.take() else {
        return false;
    };
    app.say(
        format!(
            "discarded `{}` typed into {}",
            draft.text,
            draft.target.name(&app.doc)
        ),
        Tone::Info,
    );
    true
}

/// Lints the field editor's text if typing paused on a long text. Returns
/// whether it did.
pub fn tick(app: &mut App) -> bool {
    let due = app
        .editor
        .as_ref()
        .and_then(|e| e.unchecked_since)
        .is_some_and(|t| t.elapsed() >= std::time::Duration::from_millis(150));
    if due && let Some(mut editor) = app.editor.take() {
        editor.check(app);
        app.editor = Some(editor);
        return true;
    }
    false
}

/// Applies the editor's text to its target as one undo step. Returns false
/// (and sets the editor's error) when the text is not valid.
fn finish(app: &mut App, text: &str) -> bool {
    let Some(editor) = app.editor.as_ref() else {
        return true;
    };
    match editor.target.clone() {
        Target::Doc(field) => {
            // Canonical text, so a blank line added to a list is no edit.
            let after = match field.prepare(&app.doc, text) {
                Ok(after) => after,
                Err(e) => {
                    set_error(app, e);
                    return false;
                }
            };
            if !set_field(app, field, after) {
                // Refused (too large): the text stays in the editor.
                let said = app.message.take().map(|m| m.0).unwrap_or_default();
                set_error(app, said);
                return false;
            }
            true
        }
        Target::Item { list, id, field } => match item_edit(app, list, &id, field, text) {
            Ok(Some(edit)) => {
                if !commit_merging_insert(app, edit) {
                    let said = app.message.take().map(|m| m.0).unwrap_or_default();
                    set_error(app, said);
                    return false;
                }
                select_id(app, list, &id);
                true
            }
            Ok(None) => true,
            Err(e) => {
                set_error(app, e);
                false
            }
        },
    }
}

fn set_error(app: &mut App, error: String) {
    if let Some(editor) = app.editor.as_mut() {
        editor.error = Some(error);
    }
}

fn item_edit(
    app: &App,
    list: List,
    id: &str,
    field: ItemField,
    text: &str,
) -> Result<Option<Edit>, String> {
    let index = app
        .ids
        .position(&app.doc, list, id)
        .ok_or("the item is gone")?;
    let before = item_at(&app.doc, list, index).ok_or("the item is gone")?;
    let mut after = before.clone();
    let line = text.trim().to_string();
    match (&mut after, field) {
        (Item::Event(e), ItemField::Time) => {
            let zone = app.doc.display_zone();
            let reference = if index > 0 {
                app.doc.timeline[index - 1].at
            } else {
                e.at
            };
            let reference = if line.starts_with('+') {
                reference
            } else {
                e.at
            };
            e.at = parse_time(&line, &zone, reference)?;
        }
        (Item::Event(e), ItemField::Text) => e.text = line,
        (Item::Event(e), ItemField::Source) => e.source = line,
        (Item::Event(e), ItemField::Actor) => e.actor = line,
        (Item::Event(e), ItemField::ActorKind) => {
            e.actor_kind = crate::model::ActorKind::parse(&line)
                .ok_or_else(|| format!("`{line}`: expected person, system or nothing"))?
        }
        (Item::Why(w), ItemField::Text) => w.text = line,
        (Item::Why(w), ItemField::Question) => w.question = line,
        (Item::Factor(f), ItemField::Text) => f.text = line,
        (Item::Factor(f), ItemField::Contribution) => f.contribution = text.trim_end().to_string(),
        (Item::Factor(f), ItemField::Category) => {
            let categories = app.doc.factor_categories();
            if !categories.contains(&line) {
                return Err(format!(
                    "expected one of {} (more in meta.categories)",
                    categories.join(", ")
                ));
            }
            f.category = line;
        }
        (Item::Action(a), ItemField::Title) => a.title = line,
        (Item::Action(a), ItemField::Type) => {
            a.kind = choice(&line, ActionType::parse, ActionType::choices)?
        }
        (Item::Action(a), ItemField::Priority) => {
            a.priority = choice(&line, Priority::parse, Priority::choices)?
        }
        (Item::Action(a), ItemField::Timeframe) => {
            a.timeframe = choice(&line, Timeframe::parse, Timeframe::choices)?
        }
        (Item::Action(a), ItemField::Status) => {
            a.status = choice(&line, ActionStatus::parse, ActionStatus::choices)?
                .ok_or_else(|| format!("an action has a status: {}", ActionStatus::choices()))?
        }
        (Item::Action(a), ItemField::Owner) => a.owner = line,
        (Item::Action(a), ItemField::Due) => {
            a.due = if line.is_empty() {
                None
            } else {
                Some(
                    NaiveDate::parse_from_str(&line, "%Y-%m-%d")
                        .map_err(|_| format!("`{line}` is not a date: expected YYYY-MM-DD"))?,
                )
            }
        }
        (Item::Action(a), ItemField::Ticket) => a.ticket = line,
        (Item::Action(a), ItemField::Notes) => a.notes = text.trim_end().to_string(),
        _ => {
            return Err(format!(
                "{} has no {} field",
                id,
                crate::tui::target::field_label(field)
            ));
        }
    }
    if after == before {
        return Ok(None);
    }
    let to = retimed_place(&app.doc.timeline, index, &before, &after);
    let replace = Edit::Replace {
        index,
        before,
        after: after.clone(),
    };
    if let Some(to) = to.filter(|to| *to != index) {
        return Ok(Some(Edit::Batch(vec![
            replace,
            Edit::Move {
                list: List::Timeline,
                from: index,
                to,
            },
        ])));
    }
    Ok(Some(replace))
}

/// Where a re-timed event goes so the timeline stays in time order: after
/// the last of the other events not later than it. `None` when the edit
/// kept the time or the new time still fits between its neighbours (the
/// common case, answered without walking the timeline).
fn retimed_place(
    timeline: &[Box<Event>],
    index: usize,
    before: &Item,
    after: &Item,
) -> Option<usize> {
    let (Item::Event(old), Item::Event(new)) = (before, after) else {
        return None;
    };
    let at = new.at;
    let fits = (index == 0 || timeline[index - 1].at <= at)
        && timeline.get(index + 1).is_none_or(|next| at <= next.at);
    if old.at == at || fits {
        return None;
    }
    let others = timeline.iter().enumerate().filter(|(i, _)| *i != index);
    let later = others.map(|(_, o)| o).position(|o| o.at > at);
    Some(later.unwrap_or(timeline.len() - 1))
}

/// A choice typed in a field: empty unsets it, anything else must be one
/// of the choices (by file name or label, any case).
fn choice<T>(
    text: &str,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
) -> Result<Option<T>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    parse(text)
        .map(Some)
        .ok_or_else(|| format!("`{text}`: expected {}", choices()))
}
