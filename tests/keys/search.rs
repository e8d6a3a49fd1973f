//! Search: `/` across the list panes with `n` and `N`, and in the preview,
//! where matches are scrolled to and marked.

use crate::common::{default_app, find, press, render, screen};
use debrief::tui::app::{App, Pane};

#[test]
fn search_finds_across_panes_with_n_and_shift_n() {
    let mut app = default_app();
    press(&mut app, "/redis<enter>");
    let search = app.search.clone().expect("search");
    let panes: std::collections::HashSet<_> = search.hits.iter().map(|h| h.pane).collect();
    assert!(panes.len() >= 3, "matches in several panes: {panes:?}");
    let first = app.focus;
    press(&mut app, "N");
    assert_eq!(
        app.search.as_ref().expect("s").current,
        search.hits.len() - 1
    );
    assert_ne!(app.focus, first, "last match is in another pane");
    press(&mut app, "n");
    assert_eq!(app.search.as_ref().expect("s").current, 0);
    assert!(app.message.as_ref().expect("msg").0.contains("match 1 of"));
    press(&mut app, "/zzzzqq<enter>");
    assert!(app.message.as_ref().expect("msg").0.contains("no match"));
}

#[test]
fn search_in_the_preview_scrolls_to_matches_and_marks_them() {
    let mut app = default_app();
    press(&mut app, "7/runbook<enter>");
    let top = |app: &App| app.cursor.offset[Pane::Preview.number() - 1];
    let first = top(&app);
    let shown = screen(&app);
    let first_row = shown
        .lines()
        .nth(3)
        .expect("first content row")
        .to_lowercase();
    assert!(
        first_row.contains("runbook"),
        "match at the top: {first_row}"
    );
    // The matched word is drawn in the search style (bold + underlined).
    let buf = render(&app);
    let (x, y) = find(&buf, "runbook")
        .or_else(|| find(&buf, "Runbook"))
        .expect("match on screen");
    let style = buf[(x, y)].style();
    assert!(
        style
            .add_modifier
            .contains(ratatui::style::Modifier::UNDERLINED),
        "{style:?}"
    );
    press(&mut app, "n");
    assert!(top(&app) > first, "n goes to a later line");
    press(&mut app, "N");
    assert_eq!(top(&app), first, "N comes back");
    // Other panes keep their item search.
    press(&mut app, "1n");
    assert_ne!(app.focus, Pane::Preview, "n from a pane goes to an item");
}
