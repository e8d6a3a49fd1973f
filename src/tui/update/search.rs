//! Search: `/` finds a text in every pane (item texts and document
//! fields), `n` / `N` go round the matches; in the Preview it scrolls to
//! matching lines of the rendered Markdown.

use crate::model::edit::item_at;
use crate::tui::app::{App, Hit, Pane, Search, Tone};
use crate::tui::panes;

use super::nav::{clamp, select_id};

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

/// Starts a search for `query` and goes to the first match.
pub fn start(app: &mut App, query: &str) {
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

/// Finds the matches again after the document changed.
pub fn refresh(app: &mut App) {
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

/// `n` / `N`: the next or previous match.
pub fn step(app: &mut App, delta: isize) {
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
