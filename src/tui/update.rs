//! `update`: the only place the document changes. Keys and mouse events
//! become actions; every document change is an [`Edit`] recorded for undo.

use chrono::{NaiveDate, NaiveTime};
use ratatui::crossterm::event::{
    Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use ratatui::layout::Position;
use ratatui_textarea::{CursorMove, TextArea};

use super::action::Action;
use super::app::{App, FieldEditor, Hit, ItemField, LinkRound, Origin, Pane, Search, Target, Tone};
use super::keymap::{Chord, Lookup};
use super::layout::scrolled;
use super::panes;
use super::popups::{
    AfterReplace, Confirm, ImportOutcome, ImportPreview, PickItem, PickPurpose, Picker, Popup,
    Prompt, PromptKind, parse_import_args,
};
use crate::model::edit::{DocField, Edit, Item, List, item_at};
use crate::model::parse_time;
use crate::model::{
    ActionItem, Event, Factor, IdKind, Mark, Postmortem, Priority, Status, Timeframe, Why,
};

/// Handles one terminal event.
pub fn handle_event(app: &mut App, event: TermEvent) {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => handle_key(app, key),
        TermEvent::Mouse(mouse) => handle_mouse(app, mouse),
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
    if app.popup.is_some() {
        popup_key(app, key);
        return;
    }
    if app.editor.is_some() {
        editor_key(app, key);
        return;
    }
    let chord = Chord::from_event(key);
    let keys: Vec<Chord> = app.pending.take().into_iter().chain([chord]).collect();
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
            if key.code == KeyCode::Esc {
                app.message = None;
                app.search = None;
            }
        }
    }
}

/// Carries out a named action.
pub fn update(app: &mut App, action: Action) {
    use Action::*;
    if !matches!(action, GotoLink) {
        app.link_round = None;
    }
    if super::session::refuses(app, &action) {
        return;
    }
    match action {
        Up => step(app, -1),
        Down => step(app, 1),
        PageUp => step(app, -(app.layout().rows(app.focus) as isize).max(1)),
        PageDown => step(app, (app.layout().rows(app.focus) as isize).max(1)),
        Top => step(app, isize::MIN / 2),
        Bottom => step(app, isize::MAX / 2),
        Left => sideways(app, -1),
        Right => sideways(app, 1),
        FocusNext | FocusPrev => {
            let at = Pane::ALL.iter().position(|p| *p == app.focus).unwrap_or(0);
            let n = Pane::ALL.len();
            let next = if action == FocusNext {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            };
            focus(app, Pane::ALL[next]);
        }
        ViewTimeline => focus(app, Pane::Timeline),
        ViewWhys => focus(app, Pane::Whys),
        ViewFactors => focus(app, Pane::Factors),
        ViewActions => focus(app, Pane::Actions),
        ViewOverview => focus(app, Pane::Overview),
        ViewReview => focus(app, Pane::Review),
        ViewPreview => focus(app, Pane::Preview),
        Edit => open_main_editor(app),
        Add => add(app, false),
        AddChild => add(app, true),
        Delete => delete(app),
        MoveDown => move_item(app, 1),
        MoveUp => move_item(app, -1),
        Indent => indent(app, true),
        Outdent => indent(app, false),
        ToggleCollapse => toggle_collapse(app, None),
        ToggleRoot => toggle_root(app),
        Cycle => cycle(app),
        CyclePriority => cycle_action(app, |a| {
            a.priority = Some(a.priority.map_or(Priority::P0, Priority::cycle))
        }),
        CycleTimeframe => cycle_action(app, |a| {
            a.timeframe = Some(a.timeframe.map_or(Timeframe::Immediate, Timeframe::cycle))
        }),
        Mark => open_mark_picker(app),
        SwitchGrouping => {
            app.grouping = app.grouping.next();
            app.say(
                format!("board grouped by {}", app.grouping.label()),
                Tone::Info,
            );
        }
        Link => open_link_picker(app),
        GotoLink => goto_link(app),
        GotoBack => goto_back(app),
        Undo => undo(app),
        Redo => redo(app),
        Search => app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::Search)))),
        SearchNext => search_step(app, 1),
        SearchPrev => search_step(app, -1),
        CommandLine => app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::Command)))),
        Save => {
            save(app, None);
        }
        Help => app.popup = Some(Popup::Help(0)),
        ToggleFindings => super::findings::toggle_panel(app),
        NextFinding => super::findings::step(app, 1),
        PrevFinding => super::findings::step(app, -1),
        ApplyFix => super::findings::apply_fix(app),
        Quit => {
            if app.modified() {
                app.popup = Some(Popup::Confirm(Confirm::QuitUnsaved));
            } else {
                app.quit = true;
            }
        }
    }
}

// ---------------------------------------------------------------- history

/// Applies an edit and records it for undo. Returns false (with a message)
/// when the edit does not apply.
pub fn commit(app: &mut App, edit: Edit) -> bool {
    if super::session::refuse_edit(app) || over_limits(app, &edit) {
        return false;
    }
    if let Err(e) = edit.apply(&mut app.doc) {
        app.say(e.to_string(), Tone::Error);
        return false;
    }
    if app
        .history
        .clean
        .is_some_and(|c| c > app.history.undo.len())
    {
        app.history.clean = None; // the saved state was on the redo stack
    }
    super::session::record(app, &edit);
    super::findings::relint(app, &edit);
    app.history.undo.push(edit);
    app.history.redo.clear();
    app.history.revision += 1;
    refresh_search(app);
    true
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

fn undo(app: &mut App) {
    let Some(edit) = app.history.undo.pop() else {
        app.say("nothing to undo", Tone::Info);
        return;
    };
    if let Err(e) = edit.inverse().apply(&mut app.doc) {
        app.say(e.to_string(), Tone::Error);
        app.history.undo.push(edit);
        return;
    }
    super::session::record(app, &edit.inverse());
    follow(app, &edit);
    super::findings::relint_undone(app, &edit);
    app.say(
        format!("undone ({} more)", app.history.undo.len()),
        Tone::Info,
    );
    app.history.redo.push(edit);
    app.history.revision += 1;
    clamp(app);
    refresh_search(app);
}

fn redo(app: &mut App) {
    let Some(edit) = app.history.redo.pop() else {
        app.say("nothing to redo", Tone::Info);
        return;
    };
    if let Err(e) = edit.apply(&mut app.doc) {
        app.say(e.to_string(), Tone::Error);
        app.history.redo.push(edit);
        return;
    }
    super::session::record(app, &edit);
    follow(app, &edit);
    super::findings::relint(app, &edit);
    app.history.undo.push(edit);
    app.history.revision += 1;
    app.say("redone", Tone::Info);
    clamp(app);
    refresh_search(app);
}

/// Moves the selection to what an undone or redone edit touched.
fn follow(app: &mut App, edit: &Edit) {
    let target = match edit {
        Edit::Insert { item, .. }
        | Edit::Remove { item, .. }
        | Edit::Replace { after: item, .. } => Some((item.list(), item.id().to_string())),
        Edit::Batch(edits) => edits.iter().rev().find_map(|e| match e {
            Edit::Insert { item, .. }
            | Edit::Remove { item, .. }
            | Edit::Replace { after: item, .. } => Some((item.list(), item.id().to_string())),
            _ => None,
        }),
        _ => None,
    };
    if let Some((list, id)) = target {
        select_id(app, list, &id);
    }
}

// ------------------------------------------------------------- navigation

fn focus(app: &mut App, pane: Pane) {
    app.focus = pane;
    clamp(app);
}

/// Keeps every selection inside its list and in view.
pub fn clamp(app: &mut App) {
    let c = &mut app.cursor;
    c.timeline = c.timeline.min(app.doc.timeline.len().saturating_sub(1));
    c.factors = c.factors.min(app.doc.factors.len().saturating_sub(1));
    c.actions = c.actions.min(app.doc.actions.len().saturating_sub(1));
    c.overview = c.overview.min(
        panes::fields(&app.doc, Pane::Overview)
            .len()
            .saturating_sub(1),
    );
    c.review = c.review.min(
        panes::fields(&app.doc, Pane::Review)
            .len()
            .saturating_sub(1),
    );
    let rows = app.why_rows().len();
    app.cursor.whys = app.cursor.whys.min(rows.saturating_sub(1));
    keep_in_view(app);
}

/// Scrolls each visible pane so its selection shows.
pub fn keep_in_view(app: &mut App) {
    let layout = app.layout();
    for (pane, _) in layout.panes.clone() {
        let height = panes::content_rows(app, pane, &layout);
        let (selected, len) = panes::selected_line(app, pane);
        let slot = pane.number() - 1;
        if pane == Pane::Preview {
            continue;
        }
        app.cursor.offset[slot] = scrolled(app.cursor.offset[slot], selected, height, len);
    }
}

fn step(app: &mut App, delta: isize) {
    let moved = |at: usize, len: usize| -> usize {
        if len == 0 {
            return 0;
        }
        (at as isize)
            .saturating_add(delta)
            .clamp(0, len as isize - 1) as usize
    };
    match app.focus {
        Pane::Timeline => app.cursor.timeline = moved(app.cursor.timeline, app.doc.timeline.len()),
        Pane::Whys => app.cursor.whys = moved(app.cursor.whys, app.why_rows().len()),
        Pane::Factors => {
            let order = app.factor_order();
            let at = order
                .iter()
                .position(|i| *i == app.cursor.factors)
                .unwrap_or(0);
            if let Some(i) = order.get(moved(at, order.len())) {
                app.cursor.factors = *i;
            }
        }
        Pane::Actions => {
            let board = app.board();
            if let Some((_, cards)) = board
                .iter()
                .find(|(_, cards)| cards.contains(&app.cursor.actions))
            {
                let at = cards
                    .iter()
                    .position(|i| *i == app.cursor.actions)
                    .unwrap_or(0);
                app.cursor.actions = cards[moved(at, cards.len())];
            } else if let Some((_, cards)) = board.iter().find(|(_, c)| !c.is_empty()) {
                app.cursor.actions = cards[0];
            }
        }
        Pane::Overview | Pane::Review => {
            let len = panes::fields(&app.doc, app.focus).len();
            let at = app.cursor.field_mut(app.focus);
            *at = moved(*at, len);
        }
        Pane::Preview => {
            let len = panes::preview::line_count(app);
            let slot = Pane::Preview.number() - 1;
            app.cursor.offset[slot] = moved(app.cursor.offset[slot], len);
        }
    }
    keep_in_view(app);
}

fn sideways(app: &mut App, delta: isize) {
    match app.focus {
        Pane::Actions => {
            let board = app.board();
            let col = board
                .iter()
                .position(|(_, cards)| cards.contains(&app.cursor.actions))
                .unwrap_or(0);
            let row = board
                .get(col)
                .and_then(|(_, c)| c.iter().position(|i| *i == app.cursor.actions))
                .unwrap_or(0);
            let mut next = col as isize + delta;
            while next >= 0 && (next as usize) < board.len() {
                let cards = &board[next as usize].1;
                if !cards.is_empty() {
                    app.cursor.actions = cards[row.min(cards.len() - 1)];
                    break;
                }
                next += delta;
            }
            keep_in_view(app);
        }
        Pane::Whys => toggle_collapse(app, Some(delta > 0)),
        _ => {}
    }
}

fn toggle_collapse(app: &mut App, expand: Option<bool>) {
    let Some(i) = app.selected_why() else { return };
    let id = app.doc.whys.nodes[i].id.clone();
    let has_children = app.doc.whys.children(&id).next().is_some();
    let collapsed = app.collapsed.contains(&id);
    match expand {
        Some(true) | None if collapsed => {
            app.collapsed.remove(&id);
        }
        Some(false) | None if !collapsed && has_children => {
            app.collapsed.insert(id);
        }
        _ => {}
    }
    clamp(app);
}

/// Selects the item `id` of `list`, focusing its pane and expanding
/// collapsed ancestors of a why.
pub fn select_id(app: &mut App, list: List, id: &str) {
    match list {
        List::Timeline => {
            if let Some(i) = app.doc.timeline.iter().position(|e| e.id == id) {
                app.cursor.timeline = i;
                app.focus = Pane::Timeline;
            }
        }
        List::Whys => {
            let mut parent = app
                .doc
                .whys
                .get(id)
                .map(|w| w.parent.clone())
                .unwrap_or_default();
            let mut guard = 0;
            while !parent.is_empty() && guard <= app.doc.whys.nodes.len() {
                app.collapsed.remove(&parent);
                parent = app
                    .doc
                    .whys
                    .get(&parent)
                    .map(|w| w.parent.clone())
                    .unwrap_or_default();
                guard += 1;
            }
            let nodes = &app.doc.whys.nodes;
            if let Some(row) = app
                .why_rows()
                .iter()
                .position(|(_, i)| i.is_some_and(|i| nodes[i].id == id))
            {
                app.cursor.whys = row;
                app.focus = Pane::Whys;
            }
        }
        List::Factors => {
            if let Some(i) = app.doc.factors.iter().position(|f| f.id == id) {
                app.cursor.factors = i;
                app.focus = Pane::Factors;
            }
        }
        List::Actions => {
            if let Some(i) = app.doc.actions.iter().position(|a| a.id == id) {
                app.cursor.actions = i;
                app.focus = Pane::Actions;
            }
        }
    }
    clamp(app);
}

/// Which list an id belongs to, by looking it up.
fn list_of(doc: &Postmortem, id: &str) -> Option<List> {
    if doc.event(id).is_some() {
        Some(List::Timeline)
    } else if doc.whys.get(id).is_some() {
        Some(List::Whys)
    } else if doc.factor(id).is_some() {
        Some(List::Factors)
    } else if doc.action(id).is_some() {
        Some(List::Actions)
    } else {
        None
    }
}

/// `g d`: jumps to the first item linked to the selection; pressed again
/// straight away, to the next one, round and round.
fn goto_link(app: &mut App) {
    let round = match app.link_round.take() {
        Some(mut round) if !round.links.is_empty() => {
            round.turn = (round.turn + 1) % round.links.len();
            round
        }
        _ => {
            let links = app.linked_ids();
            let Some(origin) = app.selected_id(app.focus) else {
                app.say("nothing selected to follow links from", Tone::Info);
                return;
            };
            if links.is_empty() {
                app.say(format!("nothing linked to {origin}"), Tone::Info);
                return;
            }
            app.jump_origin = Some((app.focus, origin.clone()));
            LinkRound {
                origin,
                links,
                turn: 0,
            }
        }
    };
    let id = round.links[round.turn].clone();
    if let Some(list) = list_of(&app.doc, &id) {
        select_id(app, list, &id);
    }
    let more = if round.links.len() > 1 {
        "g d: next, "
    } else {
        ""
    };
    app.say(
        format!(
            "{id}: link {} of {} from {} ({more}ctrl-o: back)",
            round.turn + 1,
            round.links.len(),
            round.origin
        ),
        Tone::Info,
    );
    app.link_round = Some(round);
}

/// `ctrl-o`: back to the item the last round of `g d` started from.
fn goto_back(app: &mut App) {
    let Some((pane, id)) = app.jump_origin.clone() else {
        app.say("no jump to go back from", Tone::Info);
        return;
    };
    match list_of(&app.doc, &id) {
        Some(list) => {
            select_id(app, list, &id);
            app.focus = pane;
            clamp(app);
            app.say(format!("back at {id}"), Tone::Info);
        }
        None => app.say(format!("{id} is gone"), Tone::Info),
    }
}

// ------------------------------------------------------------------ editing

fn selected_index(app: &App, list: List) -> Option<usize> {
    match list {
        List::Timeline => (!app.doc.timeline.is_empty()).then_some(app.cursor.timeline),
        List::Whys => app.selected_why(),
        List::Factors => (!app.doc.factors.is_empty()).then_some(app.cursor.factors),
        List::Actions => (!app.doc.actions.is_empty()).then_some(app.cursor.actions),
    }
}

fn field_text(item: &Item, field: ItemField) -> String {
    use ItemField::*;
    match (item, field) {
        (Item::Event(_), Time) => String::new(),
        (Item::Event(e), Text) => e.text.clone(),
        (Item::Event(e), Source) => e.source.clone(),
        (Item::Event(e), Actor) => e.actor.clone(),
        (Item::Why(w), Text) => w.text.clone(),
        (Item::Why(w), Question) => w.question.clone(),
        (Item::Factor(f), Text) => f.text.clone(),
        (Item::Factor(f), Contribution) => f.contribution.clone(),
        (Item::Factor(f), Category) => f.category.clone(),
        (Item::Action(a), Title) => a.title.clone(),
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
            let Some(index) = index_of(&app.doc, *list, id) else {
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
    let mut textarea = TextArea::new(text.lines().map(String::from).collect());
    textarea.move_cursor(CursorMove::Bottom);
    textarea.move_cursor(CursorMove::End);
    textarea.set_cursor_line_style(ratatui::style::Style::default());
    app.editor = Some(FieldEditor {
        target,
        textarea,
        error: None,
        multiline,
    });
}

fn index_of(doc: &Postmortem, list: List, id: &str) -> Option<usize> {
    match list {
        List::Timeline => doc.timeline.iter().position(|e| e.id == id),
        List::Whys => doc.whys.nodes.iter().position(|w| w.id == id),
        List::Factors => doc.factors.iter().position(|f| f.id == id),
        List::Actions => doc.actions.iter().position(|a| a.id == id),
    }
}

fn open_main_editor(app: &mut App) {
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

fn editor_key(app: &mut App, key: KeyEvent) {
    let Some(editor) = app.editor.as_mut() else {
        return;
    };
    let text = editor.textarea.lines().join("\n");
    match key.code {
        KeyCode::Esc => {
            if editor
                .error
                .as_deref()
                .is_some_and(|e| e.ends_with("(esc again discards)"))
            {
                app.editor = None;
                app.say("change discarded", Tone::Info);
                return;
            }
            if finish(app, &text) {
                app.editor = None;
            } else if let Some(editor) = app.editor.as_mut() {
                editor.error = editor
                    .error
                    .take()
                    .map(|e| format!("{e} (esc again discards)"));
            }
        }
        KeyCode::Enter if !editor.multiline || key.modifiers.contains(KeyModifiers::ALT) => {
            if finish(app, &text) {
                app.editor = None;
            }
        }
        KeyCode::Tab | KeyCode::BackTab => {
            let target = editor.target.clone();
            if !finish(app, &text) {
                return;
            }
            app.editor = None;
            let forward = key.code == KeyCode::Tab;
            match target {
                Target::Item { list, id, field } => {
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
                Target::Doc(_) => {
                    step(app, if forward { 1 } else { -1 });
                    open_main_editor(app);
                }
            }
        }
        // Ctrl-U clears the field, as in a shell (the textarea's own
        // undo stays on its other keys).
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            editor.textarea.select_all();
            editor.textarea.cut();
            editor.error = None;
        }
        _ => {
            if editor.textarea.input(key) {
                editor.error = None;
            }
        }
    }
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
            let before = field.get(&app.doc);
            if after == before {
                return true;
            }
            let edit = Edit::SetText {
                field,
                before,
                after,
            };
            if !commit(app, edit) {
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

/// A new item's first text joins its insertion as one undo step, so `u`
/// after `a`, typing and Esc removes the item at once.
fn commit_merging_insert(app: &mut App, edit: Edit) -> bool {
    let touched = edit.touched();
    let merge = matches!(app.history.undo.last(), Some(Edit::Insert { item, .. }) if touched.first().map(String::as_str) == Some(item.id()))
        && app.history.clean != Some(app.history.undo.len());
    if merge && over_limits(app, &edit) {
        return false;
    }
    if merge && let Err(e) = edit.apply(&mut app.doc) {
        app.say(e.to_string(), Tone::Error);
        return false;
    } else if merge && let Some(insert) = app.history.undo.pop() {
        super::session::record(app, &edit);
        super::findings::relint(app, &edit);
        app.history.undo.push(Edit::Batch(vec![insert, edit]));
        app.history.redo.clear();
        refresh_search(app);
        return true;
    }
    commit(app, edit)
}

fn item_edit(
    app: &App,
    list: List,
    id: &str,
    field: ItemField,
    text: &str,
) -> Result<Option<Edit>, String> {
    let index = index_of(&app.doc, list, id).ok_or("the item is gone")?;
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
        _ => return Err(format!("{} has no {} field", id, field.label())),
    }
    if after == before {
        return Ok(None);
    }
    let replace = Edit::Replace {
        index,
        before,
        after: after.clone(),
    };
    // The timeline stays in time order: a re-timed event moves to its place.
    if let Item::Event(e) = &after {
        let mut others: Vec<&Event> = app.doc.timeline.iter().collect();
        others.remove(index);
        let to = others
            .iter()
            .position(|o| o.at > e.at)
            .unwrap_or(others.len());
        if to != index {
            return Ok(Some(Edit::Batch(vec![
                replace,
                Edit::Move {
                    list: List::Timeline,
                    from: index,
                    to,
                },
            ])));
        }
    }
    Ok(Some(replace))
}

fn add(app: &mut App, child: bool) {
    let doc = &app.doc;
    let (edit, list, id, field) = match app.focus {
        Pane::Timeline => {
            let id = doc.next_id(IdKind::Event);
            let selected = doc.timeline.get(app.cursor.timeline);
            let at = selected
                .map(|e| e.at)
                .or(doc.meta.started)
                .unwrap_or_else(|| {
                    let midnight = app.today.and_time(NaiveTime::MIN);
                    doc.display_zone()
                        .resolve(midnight)
                        .unwrap_or_else(|| midnight.and_utc().fixed_offset())
                });
            let index = after_selection(doc.timeline.len(), app.cursor.timeline);
            inserting(index, Item::Event(Event::new(&id, at, "")))
        }
        Pane::Whys => {
            let id = doc.next_id(IdKind::Why);
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
            let id = doc.next_id(IdKind::Factor);
            let category = doc
                .factors
                .get(app.cursor.factors)
                .map(|f| f.category.clone())
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
            let id = doc.next_id(IdKind::Action);
            let mut item = ActionItem::new(&id, "");
            if let Some(sel) = doc.actions.get(app.cursor.actions) {
                match app.grouping {
                    super::app::Grouping::Status => item.status = sel.status,
                    super::app::Grouping::Timeframe => item.timeframe = sel.timeframe,
                    super::app::Grouping::Priority => item.priority = sel.priority,
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
fn clear_field(app: &mut App) {
    let fields = panes::fields(&app.doc, app.focus);
    let Some(&field) = fields.get(app.cursor.field(app.focus)) else {
        return;
    };
    let before = field.get(&app.doc);
    if before.is_empty() {
        app.say(
            format!("{} is already empty", field.title(&app.doc)),
            Tone::Info,
        );
        return;
    }
    match field.prepare(&app.doc, "") {
        Ok(after) if after != before => {
            if commit(
                app,
                Edit::SetText {
                    field,
                    before,
                    after,
                },
            ) {
                app.say(
                    format!("cleared {} (u undoes)", field.title(&app.doc)),
                    Tone::Info,
                );
            }
        }
        Ok(_) => {}
        Err(why) => app.say(
            format!("{} cannot be empty: {why}", field.title(&app.doc)),
            Tone::Error,
        ),
    }
}

/// Removes `id` from the link lists of factors and actions.
fn unlink_everywhere(doc: &Postmortem, ids: &[String]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (index, f) in doc.factors.iter().enumerate() {
        let mut after = f.clone();
        after.events.retain(|e| !ids.contains(e));
        after.whys.retain(|w| !ids.contains(w));
        if after != *f {
            edits.push(Edit::Replace {
                index,
                before: Item::Factor(f.clone()),
                after: Item::Factor(after),
            });
        }
    }
    for (index, a) in doc.actions.iter().enumerate() {
        let mut after = a.clone();
        after.factors.retain(|x| !ids.contains(x));
        after.whys.retain(|w| !ids.contains(w));
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

fn delete(app: &mut App) {
    if matches!(app.focus, Pane::Overview | Pane::Review) {
        return clear_field(app);
    }
    let Some(list) = app.focus.list() else { return };
    let Some(index) = selected_index(app, list) else {
        app.say("nothing selected", Tone::Info);
        return;
    };
    let doc = &app.doc;
    // A why goes with its subtree.
    let mut indexes = vec![index];
    if list == List::Whys {
        let mut i = 0;
        while i < indexes.len() {
            let id = doc.whys.nodes[indexes[i]].id.clone();
            for (j, n) in doc.whys.nodes.iter().enumerate() {
                if n.parent == id && !indexes.contains(&j) {
                    indexes.push(j);
                }
            }
            i += 1;
        }
    }
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

fn move_item(app: &mut App, delta: isize) {
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
            .into_iter()
            .map(|(_, c)| c)
            .find(|c| c.contains(&index))
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

fn replace_selected(app: &mut App, list: List, change: impl FnOnce(&mut Item)) {
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

fn indent(app: &mut App, deeper: bool) {
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

fn toggle_root(app: &mut App) {
    if app.focus == Pane::Whys {
        replace_selected(app, List::Whys, |item| {
            if let Item::Why(w) = item {
                w.root = !w.root;
            }
        });
    }
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

fn cycle(app: &mut App) {
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
                DocField::Kind if before == "incident" => "project".to_string(),
                DocField::Kind => "incident".to_string(),
                _ => {
                    app.say("c cycles kind, severity and status", Tone::Info);
                    return;
                }
            };
            commit(
                app,
                Edit::SetText {
                    field,
                    before,
                    after,
                },
            );
        }
        _ => {}
    }
}

// -------------------------------------------------------------- pickers

fn open_mark_picker(app: &mut App) {
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

fn open_link_picker(app: &mut App) {
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

fn pick(app: &mut App, picker: &Picker) {
    let Some(choice) = picker.filtered().get(picker.selected).map(|c| (*c).clone()) else {
        return;
    };
    match &picker.purpose {
        PickPurpose::Link { from } => {
            if let Some((was, edit)) = link_toggle(&app.doc, from, &choice.key) {
                let keep = (app.focus, from.clone());
                if commit(app, edit) {
                    if let Some(list) = keep.0.list() {
                        select_id(app, list, &keep.1);
                    }
                    let verb = if was { "unlinked" } else { "linked" };
                    app.say(format!("{verb} {} and {}", keep.1, choice.key), Tone::Info);
                }
            }
        }
        PickPurpose::Mark { event } => {
            let Some(mark) = Mark::ALL.iter().find(|m| m.as_str() == choice.key).copied() else {
                return;
            };
            let event = event.clone();
            if let Some(index) = index_of(&app.doc, List::Timeline, &event) {
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
        }
    }
}

fn popup_key(app: &mut App, key: KeyEvent) {
    if super::session::popup_key(app, key) {
        return;
    }
    let Some(popup) = app.popup.take() else {
        return;
    };
    match popup {
        Popup::Help(offset) => {
            // The list scrolls when the terminal is shorter than it.
            let page = usize::from(app.size.1.saturating_sub(2)).max(1);
            let offset = match key.code {
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Enter => return,
                KeyCode::Down | KeyCode::Char('j') => offset + 1,
                KeyCode::Up | KeyCode::Char('k') => offset.saturating_sub(1),
                KeyCode::PageDown | KeyCode::Char(' ') => offset + page,
                KeyCode::PageUp => offset.saturating_sub(page),
                KeyCode::Home | KeyCode::Char('g') => 0,
                KeyCode::End | KeyCode::Char('G') => usize::MAX,
                _ => offset,
            };
            let most = super::popups::help::row_count(app).saturating_sub(page);
            app.popup = Some(Popup::Help(offset.min(most)));
        }
        Popup::Confirm(confirm) => match (confirm, key.code) {
            (Confirm::QuitUnsaved, KeyCode::Char('y')) => {
                if save(app, None) {
                    app.quit = true;
                }
            }
            (Confirm::QuitUnsaved, KeyCode::Char('n')) => app.quit = true,
            (Confirm::CreateFile, KeyCode::Char('y')) => {
                save(app, None);
            }
            (Confirm::CreateFile, KeyCode::Char('n') | KeyCode::Esc) => app.quit = true,
            (Confirm::QuitUnsaved, KeyCode::Esc) => {}
            (Confirm::Overwrite(path), KeyCode::Char('y')) => {
                super::import::save_to(app, &path.display().to_string(), true)
            }
            (Confirm::Replace(path, then), KeyCode::Char('y')) => replace(app, &path, then),
            (Confirm::Replace(path, _), KeyCode::Char('n') | KeyCode::Esc) => app.say(
                format!("kept {}: nothing written", path.display()),
                Tone::Info,
            ),
            (Confirm::Overwrite(_), KeyCode::Char('n') | KeyCode::Esc) => {
                app.say("not saved: ctrl-s asks where again", Tone::Info)
            }
            (c, _) => app.popup = Some(Popup::Confirm(c)),
        },
        Popup::Picker(mut picker) => match key.code {
            KeyCode::Esc => {}
            KeyCode::Enter => {
                pick(app, &picker);
                // Stay open so several links can be toggled; refresh checks.
                if let PickPurpose::Link { .. } = picker.purpose {
                    let (query, selected) = (picker.query.clone(), picker.selected);
                    open_link_picker(app);
                    if let Some(Popup::Picker(p)) = app.popup.as_mut() {
                        p.query = query;
                        p.selected = selected;
                    }
                } else {
                    open_mark_picker(app);
                    if let Some(Popup::Picker(p)) = app.popup.as_mut() {
                        p.selected = picker.selected;
                    }
                }
            }
            KeyCode::Up => {
                picker.selected = picker.selected.saturating_sub(1);
                app.popup = Some(Popup::Picker(picker));
            }
            KeyCode::Down | KeyCode::Tab => {
                picker.selected =
                    (picker.selected + 1).min(picker.filtered().len().saturating_sub(1));
                app.popup = Some(Popup::Picker(picker));
            }
            KeyCode::Backspace => {
                picker.query.pop();
                picker.selected = 0;
                app.popup = Some(Popup::Picker(picker));
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                picker.query.push(c);
                picker.selected = 0;
                app.popup = Some(Popup::Picker(picker));
            }
            _ => app.popup = Some(Popup::Picker(picker)),
        },
        Popup::Report => match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => {
                if super::import::needs_target(app) {
                    super::import::ask_where(app);
                }
            }
            _ => app.popup = Some(Popup::Report),
        },
        Popup::Import(mut preview) => {
            let zone = app.doc.display_zone();
            match preview.key(key, &zone) {
                ImportOutcome::Stay => app.popup = Some(Popup::Import(preview)),
                ImportOutcome::Cancel => app.say("import cancelled", Tone::Info),
                ImportOutcome::Accept => accept_import(app, &preview),
            }
        }
        Popup::Prompt(mut prompt) => match key.code {
            KeyCode::Esc => {}
            KeyCode::Enter => {
                let text = prompt.text();
                match prompt.kind {
                    PromptKind::Command => run_command(app, text.trim()),
                    PromptKind::Search => start_search(app, &text),
                    PromptKind::SaveAs => super::import::save_to(app, &text, false),
                }
            }
            // Ctrl-U clears the line, as in the field editor.
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                prompt.input.select_all();
                prompt.input.cut();
                app.popup = Some(Popup::Prompt(prompt));
            }
            _ => {
                prompt.input.input(key);
                app.popup = Some(Popup::Prompt(prompt));
            }
        },
    }
}

// ------------------------------------------------------ commands and files

fn run_command(app: &mut App, command: &str) {
    let (name, arg) = match command.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (command, ""),
    };
    match (name, arg) {
        ("w" | "w!", "") => {
            save(app, None);
        }
        ("w" | "w!", file) => write_as(app, file, name.ends_with('!'), AfterReplace::Save { quit: false }),
        ("wq" | "x" | "wq!", "") => {
            if save(app, None) {
                app.quit = true;
            }
        }
        ("wq" | "x" | "wq!", file) => write_as(app, file, name.ends_with('!'), AfterReplace::Save { quit: true }),
        ("q", _) => {
            if app.modified() {
                app.say(
                    "unsaved changes: :w saves, :q! quits without saving",
                    Tone::Error,
                );
            } else {
                app.quit = true;
            }
        }
        ("q!", _) => app.quit = true,
        ("export" | "export!", "") => app.say(
            ":export needs a file name, e.g. :export postmortem.md",
            Tone::Error,
        ),
        ("export" | "export!", file) => write_as(app, file, name.ends_with('!'), AfterReplace::Export),
        ("report", _) if app.imported.is_some() => app.popup = Some(Popup::Report),
        ("import", args) => open_import(app, args),
        ("", _) => {}
        (other, _) => app.say(
            format!(
                "unknown command :{other} (try :w, :w FILE, :export FILE.md, :import FILE, :q, :q!, :wq)"
            ),
            Tone::Error,
        ),
    }
}

/// `:w FILE`, `:wq FILE`, `:export FILE`: an existing file other than the
/// document's own is only replaced after a yes (or with `!`).
fn write_as(app: &mut App, file: &str, force: bool, then: AfterReplace) {
    let path = std::path::PathBuf::from(file);
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

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

/// Writes `path` as `then` says, asked or not.
fn replace(app: &mut App, path: &std::path::Path, then: AfterReplace) {
    let file = path.display().to_string();
    match then {
        AfterReplace::Save { quit } => {
            if save(app, Some(&file)) && quit {
                app.quit = true;
            }
        }
        AfterReplace::Export => {
            let markdown = panes::preview::markdown(&app.doc);
            match crate::store::write_output(path, markdown.as_bytes()) {
                Ok(()) => app.say(format!("exported to {file}"), Tone::Info),
                Err(e) => app.say(format!("{file}: {e}"), Tone::Error),
            }
        }
    }
}

/// `:import PATH [--from KIND] [--tz ZONE]`: reads the evidence into a
/// preview; errors go to the status line and open nothing.
fn open_import(app: &mut App, args: &str) {
    let opened = parse_import_args(args)
        .and_then(|(path, options)| ImportPreview::open(&app.doc, &path, &options));
    match opened {
        Ok(preview) => {
            app.message = None;
            app.popup = Some(Popup::Import(Box::new(preview)));
        }
        Err(e) => app.say(e, Tone::Error),
    }
}

/// Adds the kept candidates as one undoable step.
fn accept_import(app: &mut App, preview: &ImportPreview) {
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
    if to.is_none() && super::import::needs_target(app) {
        super::import::ask_where(app);
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
        (Some(file), _) => std::path::PathBuf::from(file),
        (None, Origin::File(p) | Origin::NewFile(p)) => p.clone(),
        (None, Origin::Scratch(_)) => {
            app.say(
                "this is a scratch copy of a bundled example: save it with :w FILE",
                Tone::Error,
            );
            return false;
        }
    };
    if !super::session::before_save(app, &path, force) {
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
                super::session::after_save(app, &own);
            }
            app.say(format!("saved {}", path.display()), Tone::Info);
            true
        }
        Err(e) => {
            let message = super::session::save_failed(app, &e);
            app.say(message, Tone::Error);
            false
        }
    }
}

// ------------------------------------------------------------------ search

fn contains(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(needle)
}

/// Every place `query` occurs, in pane order.
pub fn find_all(app: &App, query: &str) -> Vec<Hit> {
    let q = query.to_lowercase();
    let doc = &app.doc;
    let mut hits = Vec::new();
    let mut add = |pane, index, texts: &[&str]| {
        if texts.iter().any(|t| contains(t, &q)) {
            hits.push(Hit { pane, index });
        }
    };
    for (i, e) in doc.timeline.iter().enumerate() {
        add(Pane::Timeline, i, &[&e.id, &e.text, &e.source, &e.actor]);
    }
    for (i, w) in doc.whys.nodes.iter().enumerate() {
        add(Pane::Whys, i, &[&w.id, &w.text, &w.question]);
    }
    for (i, f) in doc.factors.iter().enumerate() {
        add(
            Pane::Factors,
            i,
            &[&f.id, &f.text, &f.contribution, &f.category],
        );
    }
    for (i, a) in doc.actions.iter().enumerate() {
        add(
            Pane::Actions,
            i,
            &[&a.id, &a.title, &a.owner, &a.ticket, &a.notes],
        );
    }
    for pane in [Pane::Overview, Pane::Review] {
        for (i, f) in panes::fields(doc, pane).iter().enumerate() {
            add(pane, i, &[&f.shown(doc)]);
        }
    }
    hits
}

fn start_search(app: &mut App, query: &str) {
    if query.trim().is_empty() {
        app.search = None;
        return;
    }
    let hits = find_all(app, query.trim());
    app.search = Some(Search {
        query: query.trim().to_string(),
        hits,
        current: 0,
    });
    if app.focus == Pane::Preview {
        preview_search_step(app, 0);
    } else {
        go_to_hit(app);
    }
}

/// Search inside the Preview: scrolls to the next (`delta` 1), previous
/// (-1) or first from here (0) line of the rendered Markdown that matches.
fn preview_search_step(app: &mut App, delta: isize) {
    let Some(query) = app.search.as_ref().map(|s| s.query.clone()) else {
        return;
    };
    let lines = panes::preview::matching_lines(app, &query);
    let slot = Pane::Preview.number() - 1;
    let top = app.cursor.offset[slot];
    let found = match delta {
        0 => lines
            .iter()
            .position(|l| *l >= top)
            .or((!lines.is_empty()).then_some(0)),
        d if d > 0 => lines
            .iter()
            .position(|l| *l > top)
            .or((!lines.is_empty()).then_some(0)),
        _ => lines
            .iter()
            .rposition(|l| *l < top)
            .or(lines.len().checked_sub(1)),
    };
    let Some(k) = found else {
        app.say(
            format!("no match for \"{query}\" in the preview"),
            Tone::Info,
        );
        return;
    };
    app.cursor.offset[slot] = lines[k];
    app.say(
        format!("preview match {} of {} for \"{query}\"", k + 1, lines.len()),
        Tone::Info,
    );
}

fn refresh_search(app: &mut App) {
    // `app.findings` (structural problems) is kept by `findings::relint`.
    if let Some(search) = &app.search {
        let query = search.query.clone();
        let current = search.current;
        let hits = find_all(app, &query);
        let current = current.min(hits.len().saturating_sub(1));
        app.search = Some(Search {
            query,
            hits,
            current,
        });
    }
}

fn search_step(app: &mut App, delta: isize) {
    if app.focus == Pane::Preview && app.search.is_some() {
        return preview_search_step(app, delta);
    }
    let Some(search) = app.search.as_mut() else {
        app.say("no search: / searches", Tone::Info);
        return;
    };
    let n = search.hits.len();
    if n == 0 {
        let text = format!("no match for {}", search.query);
        app.say(text, Tone::Info);
        return;
    }
    search.current = (search.current as isize + delta).rem_euclid(n as isize) as usize;
    go_to_hit(app);
}

fn go_to_hit(app: &mut App) {
    let Some(search) = &app.search else { return };
    let Some(hit) = search.hits.get(search.current).copied() else {
        app.say(format!("no match for {}", search.query), Tone::Error);
        return;
    };
    let text = format!(
        "match {} of {} for \"{}\"",
        search.current + 1,
        search.hits.len(),
        search.query
    );
    match hit.pane {
        Pane::Overview => {
            app.focus = Pane::Overview;
            app.cursor.overview = hit.index;
        }
        Pane::Review => {
            app.focus = Pane::Review;
            app.cursor.review = hit.index;
        }
        pane => {
            if let (Some(list), Some(item)) = (
                pane.list(),
                pane.list().and_then(|l| item_at(&app.doc, l, hit.index)),
            ) {
                select_id(app, list, item.id());
            }
        }
    }
    clamp(app);
    app.say(text, Tone::Info);
}

// ------------------------------------------------------------------- mouse

fn handle_mouse(app: &mut App, mouse: MouseEvent) {
    if app.popup.is_some() || app.editor.is_some() {
        return;
    }
    let layout = app.layout();
    let at = Position::new(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if layout.tabs.contains(at) {
                if let Some(pane) = panes::tab_at(&layout, mouse.column) {
                    focus(app, pane);
                }
                return;
            }
            if let Some((pane, area)) = layout.panes.iter().find(|(_, r)| r.contains(at)).copied() {
                app.focus = pane;
                panes::click(app, pane, area, at);
                keep_in_view(app);
            }
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            if let Some((pane, _)) = layout.panes.iter().find(|(_, r)| r.contains(at)).copied() {
                app.focus = pane;
                step(
                    app,
                    if mouse.kind == MouseEventKind::ScrollDown {
                        3
                    } else {
                        -3
                    },
                );
            }
        }
        _ => {}
    }
}
