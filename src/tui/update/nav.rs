//! Selection, focus and scrolling; following links between items (`g d`,
//! `ctrl-o`).

use crate::config::Scroll;
use crate::model::Postmortem;
use crate::model::edit::List;
use crate::tui::app::{App, LinkRound, Pane, Tone};
use crate::tui::panes;

/// Focuses `pane`.
pub fn focus(app: &mut App, pane: Pane) {
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

/// Scrolls each visible pane so its selection shows, as little as
/// possible (a zoom or a resize only moves what it must).
pub fn keep_in_view(app: &mut App) {
    scroll_into_view(app, None);
}

/// Like [`keep_in_view`], the pane `stepped` scrolling as the config says
/// (by half a page unless `scroll = "line"`): a step past the edge of a
/// list redraws all of it, so the rows ahead come with it.
fn scroll_into_view(app: &mut App, stepped: Option<Pane>) {
    let layout = app.layout();
    for (pane, _) in layout.panes.clone() {
        let height = panes::content_rows(app, pane, &layout);

        let slot = pane.number() - 1;
        if pane == Pane::Preview {
            continue;
        }
        let scroll = if stepped == Some(pane) {
            app.cursor.scroll
        } else {
            Scroll::Line
        };
        app.cursor.offset[slot] =
            panes::scroll_for(app, pane, app.cursor.offset[slot], height, scroll);
    }
}

/// Moves the selection of the focused pane by `delta` rows.
pub fn step(app: &mut App, delta: isize) {
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
        Pane::Actions if board_is_list(app) => {
            // One list: move through every card, column after column.
            let order: Vec<usize> = app
                .board()
                .iter()
                .flat_map(|(_, c)| c.iter().copied())
                .collect();
            let at = order
                .iter()
                .position(|i| *i == app.cursor.actions)
                .unwrap_or(0);
            if let Some(i) = order.get(moved(at, order.len())) {
                app.cursor.actions = *i;
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
    scroll_into_view(app, Some(app.focus));
}

/// Whether the action board shows as one list (columns too narrow).
fn board_is_list(app: &App) -> bool {
    let width = app
        .layout()
        .area(Pane::Actions)
        .map_or(80, |r| r.width.saturating_sub(2));
    panes::actions::is_list(app, width)
}

/// Moves left or right: board columns, or collapses / expands a why.
pub fn sideways(app: &mut App, delta: isize) {
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

/// Collapses or expands the selected why (`expand` forces a side).
pub fn toggle_collapse(app: &mut App, expand: Option<bool>) {
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
    // The id index knows where an item just inserted or moved is: undo at
    // the end of 100,000 events is a lookup, not a scan of the timeline.
    let index = app.ids.position(&app.doc, list, id);
    match list {
        List::Timeline => {
            if let Some(i) = index {
                app.cursor.timeline = i;
                app.focus = Pane::Timeline;
            }
        }
        List::Whys => {
            let Some(index) = index else {
                return;
            };
            // Its ancestors open up: in the tree walk they are the nearest
            // earlier entries of each smaller depth (no climb by id).
            let walk = app.why_walk();
            if let Some(at) = walk.iter().position(|&(_, i)| i == index) {
                let mut depth = walk[at].0;
                for &(d, i) in walk[..at].iter().rev() {
                    if depth == 0 || app.collapsed.is_empty() {
                        break;
                    }
                    if d < depth {
                        app.collapsed.remove(&app.doc.whys.nodes[i].id);
                        depth = d;
                    }
                }
            }
            if let Some(row) = app.why_rows().iter().position(|(_, i)| *i == Some(index)) {
                app.cursor.whys = row;
                app.focus = Pane::Whys;
            }
        }
        List::Factors => {
            if let Some(i) = index {
                app.cursor.factors = i;
                app.focus = Pane::Factors;
            }
        }
        List::Actions => {
            if let Some(i) = index {
                app.cursor.actions = i;
                app.focus = Pane::Actions;
            }
        }
    }
    clamp(app);
}

/// Which list an id belongs to, by looking it up.
pub fn list_of(doc: &Postmortem, id: &str) -> Option<List> {
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
pub fn goto_link(app: &mut App) {
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
pub fn goto_back(app: &mut App) {
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
