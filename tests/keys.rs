//! Key-script tests: press keys as a user would, then check the document
//! and the screen.

mod common;

use common::{default_app, find, press, render, screen};
use debrief::model::edit::DocField;
use debrief::tui::app::{App, Pane};

fn event_texts(app: &debrief::tui::app::App) -> Vec<String> {
    app.doc.timeline.iter().map(|e| e.text.clone()).collect()
}

#[test]
fn timeline_add_edit_time_reorders_and_undo_redo() {
    let mut app = default_app();
    let before = app.doc.timeline.len();
    // Add after the first event, type its text, then its time.
    press(&mut app, "aSecond deploy started<tab>");
    assert_eq!(app.doc.timeline.len(), before + 1);
    assert_eq!(app.doc.timeline[1].text, "Second deploy started");
    // The time field is open: move the event to 08:10 (display zone New York).
    press(&mut app, "<c-u>08:10<enter>");
    assert!(
        app.editor.is_none(),
        "editor still open: {:?}",
        app.editor.as_ref().map(|e| &e.error)
    );
    let at = app
        .doc
        .timeline
        .iter()
        .position(|e| e.text == "Second deploy started")
        .expect("event");
    let zone = app.doc.display_zone();
    assert_eq!(zone.clock(&app.doc.timeline[at].at), "08:10");
    assert!(
        app.doc.timeline.windows(2).all(|w| w[0].at <= w[1].at),
        "time order kept"
    );
    assert_eq!(app.cursor.timeline, at, "selection follows the event");
    // One undo for the time, one for add + text.
    press(&mut app, "u");
    assert_eq!(app.doc.timeline[1].text, "Second deploy started");
    press(&mut app, "u");
    assert_eq!(app.doc.timeline.len(), before);
    press(&mut app, "<c-r><c-y>");
    let at = app
        .doc
        .timeline
        .iter()
        .position(|e| e.text == "Second deploy started")
        .expect("redone");
    assert_eq!(zone.clock(&app.doc.timeline[at].at), "08:10");
    assert!(app.modified());
}

#[test]
fn editing_the_text_of_an_event_keeps_its_place_among_events_at_the_same_time() {
    let mut app = default_app();
    // `a` adds an event at the selected one's time, right after it.
    press(&mut app, "aSame minute<enter>");
    assert_eq!(app.doc.timeline[0].at, app.doc.timeline[1].at, "a tie");
    let order: Vec<String> = app.doc.timeline.iter().map(|e| e.id.clone()).collect();
    // Edit the first of the two: its text changes, not its time.
    press(&mut app, "k");
    assert_eq!(app.cursor.timeline, 0);
    press(&mut app, "e<c-u>First, reworded<enter>");
    assert_eq!(app.doc.timeline[0].text, "First, reworded");
    let after: Vec<String> = app.doc.timeline.iter().map(|e| e.id.clone()).collect();
    assert_eq!(after, order, "no event moved");
    // Re-timed later than everything, it does move, to the end.
    let last = app.doc.timeline.len() - 1;
    press(&mut app, "e<tab><c-u>23:59<enter>");
    assert_eq!(app.doc.timeline[last].text, "First, reworded");
    assert!(app.doc.timeline.windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn invalid_time_is_shown_and_not_applied() {
    let mut app = default_app();
    let first = (*app.doc.timeline[0]).clone();
    press(&mut app, "e<tab><c-u>half past nine<enter>");
    let error = app
        .editor
        .as_ref()
        .and_then(|e| e.error.clone())
        .expect("error shown");
    assert!(error.contains("cannot read"), "{error}");
    assert!(
        screen(&app).contains("cannot read"),
        "error visible beside the field"
    );
    assert_eq!(*app.doc.timeline[0], first);
    press(&mut app, "<esc><esc>");
    assert!(app.editor.is_none());
    assert_eq!(*app.doc.timeline[0], first);
    assert!(!app.modified());
}

#[test]
fn relative_time_follows_the_previous_event() {
    let mut app = default_app();
    let prev = app.doc.timeline[0].at;
    press(&mut app, "aPing<tab><c-u>+2m<enter>");
    let e = app
        .doc
        .timeline
        .iter()
        .find(|e| e.text == "Ping")
        .expect("added");
    assert_eq!((e.at - prev).num_minutes(), 2);
}

#[test]
fn timeline_delete_cleans_links_and_undo_restores() {
    let mut app = default_app();
    let original = app.doc.clone();
    let id = app.doc.timeline[0].id.clone();
    assert!(
        app.doc.factors.iter().any(|f| f.events.contains(&id)),
        "example links T1"
    );
    press(&mut app, "d");
    assert!(app.doc.event(&id).is_none());
    assert!(
        !app.doc.factors.iter().any(|f| f.events.contains(&id)),
        "no dangling link"
    );
    assert!(
        app.lint.structural().is_empty(),
        "{:?}",
        app.lint.structural()
    );
    press(&mut app, "u");
    assert_eq!(app.doc, original);
    assert!(!app.modified());
}

#[test]
fn timeline_move_keeps_time_order() {
    let mut app = default_app();
    let texts = event_texts(&app);
    press(&mut app, "J");
    assert_eq!(event_texts(&app), texts, "J cannot break time order");
    assert!(
        app.message
            .as_ref()
            .expect("message")
            .0
            .contains("time order")
    );
}

#[test]
fn timeline_mark_picker_toggles_a_mark() {
    let mut app = default_app();
    press(&mut app, "jm");
    let had = app.doc.timeline[1].marks.clone();
    // Communications happen many times: no question (see the key-mark test).
    press(&mut app, "commun<enter><esc>");
    let now = &app.doc.timeline[1].marks;
    assert_ne!(*now, had);
    assert!(now.contains(&debrief::model::Mark::Communicated));
    press(&mut app, "u");
    assert_eq!(app.doc.timeline[1].marks, had);
}

#[test]
fn whys_add_child_indent_outdent_root_collapse() {
    let mut app = default_app();
    press(&mut app, "2");
    assert_eq!(app.focus, Pane::Whys);
    press(&mut app, "j"); // W1
    let w1 = app
        .doc
        .whys
        .nodes
        .iter()
        .find(|w| w.id == "W1")
        .expect("W1")
        .clone();
    press(&mut app, "ANew cause<esc>");
    let new = app.doc.whys.nodes.last().expect("added").clone();
    assert_eq!(
        (new.parent.as_str(), new.text.as_str()),
        ("W1", "New cause")
    );
    assert_eq!(
        app.selected_why().map(|i| app.doc.whys.nodes[i].id.clone()),
        Some(new.id.clone())
    );
    press(&mut app, "<");
    assert_eq!(app.doc.whys.get(&new.id).expect("node").parent, "");
    // `>` puts it under the sibling above it in the tree (W8 after outdent).
    press(&mut app, ">");
    assert_eq!(app.doc.whys.get(&new.id).expect("node").parent, "W8");
    assert_ne!(w1.id, "W8");
    press(&mut app, "r");
    assert!(app.doc.whys.get(&new.id).expect("node").root);
    assert!(screen(&app).contains("ROOT New cause"));
    press(&mut app, "uuu");
    assert_eq!(app.doc.whys.get(&new.id).expect("node").parent, "W1");
    // Collapse W1: its children disappear from the rows.
    press(&mut app, "gg j");
    let rows = app.why_rows().len();
    press(&mut app, "<space>");
    assert!(app.why_rows().len() < rows);
    press(&mut app, "<space>");
    assert_eq!(app.why_rows().len(), rows);
}

#[test]
fn whys_delete_takes_the_subtree_and_move_swaps_siblings() {
    let mut app = default_app();
    press(&mut app, "2j"); // W1, which has descendants
    let total = app.doc.whys.nodes.len();
    press(&mut app, "d");
    assert!(app.doc.whys.get("W1").is_none());
    assert!(app.doc.whys.nodes.len() < total - 1, "children went too");
    assert!(
        app.lint.structural().is_empty(),
        "links cleaned: {:?}",
        app.lint.structural()
    );
    press(&mut app, "u");
    assert_eq!(app.doc.whys.nodes.len(), total);
    // W1 and W8 are top-level siblings: J swaps them.
    press(&mut app, "gg j");
    press(&mut app, "J");
    let tops: Vec<&str> = app.doc.whys.children("").map(|w| w.id.as_str()).collect();
    assert_eq!(tops, ["W8", "W1"]);
    assert_eq!(app.selected_id(Pane::Whys).as_deref(), Some("W1"));
}

#[test]
fn factors_cycle_category_move_and_link_highlights() {
    let mut app = default_app();
    press(&mut app, "3");
    let f = app.selected_id(Pane::Factors).expect("factor");
    let category = app.doc.factor(&f).expect("f").category.clone();
    press(&mut app, "c");
    assert_ne!(app.doc.factor(&f).expect("f").category, category);
    press(&mut app, "u");
    // Linked highlight: the factor's events are marked on the timeline.
    let factor = app.doc.factor(&f).expect("f").clone();
    let linked = app.linked_ids();
    for e in &factor.events {
        assert!(linked.contains(e), "{e} highlighted");
    }
    // gd jumps to the first linked item; again, round the others.
    assert!(linked.len() >= 2, "the example's factor has several links");
    for expected in linked.iter().chain(linked.first()) {
        press(&mut app, "gd");
        assert_eq!(
            app.selected_id(app.focus).as_deref(),
            Some(expected.as_str())
        );
    }
    // Any other key ends the round: gd then follows the reached item's links.
    let reached = app.selected_id(app.focus).expect("reached");
    let onward = app.linked_ids();
    assert!(!onward.is_empty(), "{reached} links back");
    press(&mut app, "FFgd");
    assert_eq!(
        app.selected_id(app.focus).as_deref(),
        Some(onward[0].as_str())
    );
    // ctrl-o goes back to where the last round started.
    press(&mut app, "<c-o>");
    assert_eq!(app.selected_id(app.focus), Some(reached));
}

#[test]
fn link_picker_toggles_links() {
    let mut app = default_app();
    press(&mut app, "3");
    let f = app.selected_id(Pane::Factors).expect("factor");
    let before = app.doc.factor(&f).expect("f").clone();
    // Link to T16 (last event) by fuzzy filtering its id.
    press(&mut app, "LT16<enter><esc>");
    let after = app.doc.factor(&f).expect("f");
    assert_eq!(
        after.events.len(),
        before.events.len() + 1,
        "{:?}",
        after.events
    );
    assert!(after.events.contains(&"T16".to_string()));
    press(&mut app, "LT16<enter><esc>");
    assert_eq!(
        app.doc.factor(&f).expect("f").events,
        before.events,
        "toggled off"
    );
    press(&mut app, "uu");
    assert_eq!(app.doc.factor(&f).expect("f"), &before);
}

#[test]
fn actions_edit_owner_cycle_status_grouping_and_add() {
    let mut app = default_app();
    press(&mut app, "4");
    let a = app.selected_id(Pane::Actions).expect("action");
    press(&mut app, "e<tab><c-u>SRE team<enter>");
    assert_eq!(app.doc.action(&a).expect("a").owner, "SRE team");
    let status = app.doc.action(&a).expect("a").status;
    press(&mut app, "c");
    assert_eq!(app.doc.action(&a).expect("a").status, status.cycle());
    assert_eq!(
        app.selected_id(Pane::Actions).as_deref(),
        Some(a.as_str()),
        "selection follows the card"
    );
    press(&mut app, "s");
    // The board may show as a list at 80×24: its title names the grouping.
    assert!(
        screen(&app).contains("by time frame"),
        "grouped by time frame"
    );
    // `a` asks the new action's group first (Enter: the selection's).
    press(&mut app, "ssa<enter>Write the load test<esc>");
    let new = app
        .doc
        .actions
        .iter()
        .find(|x| x.title == "Write the load test")
        .expect("added");
    assert_eq!(app.selected_id(Pane::Actions), Some(new.id.clone()));
    press(&mut app, "K");
    press(&mut app, "d");
    assert!(
        app.doc
            .actions
            .iter()
            .all(|x| x.title != "Write the load test")
    );
}

/// Moves the selection of field pane `view` ("5" or "6") to `field`.
fn select_field(app: &mut App, view: &str, field: DocField) {
    press(app, view);
    let pane = app.focus;
    let at = debrief::tui::panes::fields(&app.doc, pane)
        .iter()
        .position(|f| *f == field)
        .expect("field shown");
    press(app, "gg");
    for _ in 0..at {
        press(app, "j");
    }
    assert_eq!(app.cursor.field(pane), at);
}

#[test]
fn overview_and_review_fields_edit_in_place() {
    let mut app = default_app();
    press(&mut app, "5<enter><c-u>New title<enter>");
    assert_eq!(app.doc.meta.title, "New title");
    assert!(screen(&app).contains("New title"));
    select_field(&mut app, "5", DocField::Status);
    press(&mut app, "c");
    assert_eq!(
        app.doc.meta.status,
        debrief::model::Status::Draft,
        "final cycles to draft"
    );
    select_field(&mut app, "6", DocField::WentWell);
    let was = app.doc.review.went_well.len();
    // Alt-Enter starts a new line (Enter applies the text).
    press(&mut app, "<enter><a-enter>Good dashboards<esc>");
    assert_eq!(app.doc.review.went_well.len(), was + 1);
    assert_eq!(
        app.doc.review.went_well.last().map(String::as_str),
        Some("Good dashboards")
    );
    press(&mut app, "uuu");
    assert_eq!(
        app.doc.meta.title,
        "Checkout outage — Black Friday cache stampede"
    );
}

#[test]
fn tables_times_and_response_cells_edit_in_place() {
    let mut app = default_app();
    let original = app.doc.clone();
    // Sign-off is a table: one row per line, cells split by `|`.
    select_field(&mut app, "6", DocField::SignOff);
    press(
        &mut app,
        "<enter><c-u>Author | Dana Reyes | 2026-12-01<enter>",
    );
    assert_eq!(app.doc.sign_off.len(), 1);
    assert_eq!(app.doc.sign_off[0].name, "Dana Reyes");
    assert_eq!(
        app.doc.sign_off[0].date.map(|d| d.to_string()).as_deref(),
        Some("2026-12-01")
    );
    // A bad date is shown beside the field and not applied.
    press(&mut app, "<enter><c-u>Author | Dana | next week<enter>");
    let error = app
        .editor
        .as_ref()
        .and_then(|e| e.error.clone())
        .expect("error shown");
    assert!(error.contains("YYYY-MM-DD"), "{error}");
    press(&mut app, "<esc><esc>");
    assert_eq!(app.doc.sign_off[0].name, "Dana Reyes", "nothing applied");
    // A response cell writes that phase's row.
    let cell = DocField::Response {
        slot: 1,
        column: debrief::model::edit::ResponseColumn::DidNotWork,
    };
    select_field(&mut app, "6", cell);
    press(&mut app, "<enter><c-u>The runbook link was stale<enter>");
    let triage = app
        .doc
        .response
        .iter()
        .find(|p| p.phase == "triage")
        .expect("triage");
    assert_eq!(triage.did_not_work, "The runbook link was stale");
    assert!(screen(&app).contains("Triage · didn't work"));
    // Times are typed in the display zone, relative to the start.
    select_field(&mut app, "5", DocField::Ended);
    press(&mut app, "<enter><c-u>+3h<enter>");
    let started = app.doc.meta.started.expect("started");
    assert_eq!(
        app.doc.meta.ended,
        Some(started + chrono::Duration::hours(3))
    );
    press(&mut app, "uuu");
    assert_eq!(app.doc, original, "undo restores every field");
    press(&mut app, "<c-r><c-r><c-r>");
    assert_eq!(app.doc.sign_off[0].name, "Dana Reyes", "redo");
}

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
fn command_line_writes_exports_and_quits() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("copy.toml");
    let md = dir.path().join("out.md");
    let mut app = default_app();
    press(&mut app, "aNew thing<esc>");
    press(&mut app, &format!(":w {}<enter>", out.display()));
    let saved = debrief::store::load(&out).expect("saved file loads");
    assert!(saved.doc.timeline.iter().any(|e| e.text == "New thing"));
    press(&mut app, &format!(":export {}<enter>", md.display()));
    let markdown = std::fs::read_to_string(&md).expect("exported");
    assert!(markdown.contains("New thing"));
    // An existing file is only replaced after a yes, or with `!`.
    press(&mut app, "aLater thing<esc>");
    press(&mut app, &format!(":w {}<enter>", out.display()));
    assert!(screen(&app).contains("already exists"), "asks");
    press(&mut app, "n");
    let kept = std::fs::read_to_string(&out).expect("copy");
    assert!(!kept.contains("Later thing"), "n keeps the file");
    press(&mut app, &format!(":w {}<enter>y", out.display()));
    let replaced = std::fs::read_to_string(&out).expect("copy");
    assert!(replaced.contains("Later thing"), "y replaces it");
    press(&mut app, &format!(":export {}<enter><esc>", md.display()));
    assert!(
        !std::fs::read_to_string(&md)
            .expect("md")
            .contains("Later thing")
    );
    press(&mut app, &format!(":export! {}<enter>", md.display()));
    assert!(
        std::fs::read_to_string(&md)
            .expect("md")
            .contains("Later thing")
    );
    press(&mut app, ":q<enter>");
    assert!(!app.quit, "unsaved changes to its own file");
    press(&mut app, ":bogus<enter>");
    assert!(
        app.message
            .as_ref()
            .expect("msg")
            .0
            .contains("unknown command")
    );
    press(&mut app, ":q!<enter>");
    assert!(app.quit);
}

#[test]
fn quit_with_unsaved_changes_asks() {
    let mut app = default_app();
    press(&mut app, "q");
    assert!(app.quit, "nothing to lose");
    let mut app = default_app();
    press(&mut app, "d");
    press(&mut app, "q");
    assert!(!app.quit);
    assert!(screen(&app).contains("unsaved changes"));
    press(&mut app, "<esc>");
    assert!(!app.quit && app.popup.is_none());
    press(&mut app, "qn");
    assert!(app.quit);
}

#[test]
fn ctrl_s_saves_atomically_and_marks_clean() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("doc.toml");
    let mut app = default_app();
    app.origin = debrief::tui::app::Origin::File(path.clone());
    press(&mut app, "4e<tab><c-u>Owner X<enter><c-s>");
    assert!(!app.modified());
    assert!(screen(&app).contains("saved"));
    let loaded = debrief::store::load(&path).expect("loads");
    assert!(loaded.doc.actions.iter().any(|a| a.owner == "Owner X"));
}

#[test]
fn help_lists_the_focused_panes_bindings_from_the_keymap() {
    let mut app = default_app();
    press(&mut app, "2?");
    let s = screen(&app);
    assert!(s.contains("Keys: 5 Whys"), "{s}");
    assert!(s.contains("add child cause"), "{s}");
    assert!(s.contains("toggle root cause"), "{s}");
    press(&mut app, "<esc>");
    assert!(app.popup.is_none());
}

#[test]
fn mouse_click_focuses_and_selects() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut app = common::app("checkout-cache-stampede.toml", 160, 48);
    let buf = render(&app);
    let (x, y) = find(&buf, "F3 ").expect("F3 on screen");
    let click = |kind, x, y| {
        Event::Mouse(MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
        })
    };
    debrief::tui::update::handle_event(
        &mut app,
        click(MouseEventKind::Down(MouseButton::Left), x, y),
    );
    assert_eq!(app.focus, Pane::Factors);
    assert_eq!(app.selected_id(Pane::Factors).as_deref(), Some("F3"));
    debrief::tui::update::handle_event(&mut app, click(MouseEventKind::ScrollDown, x, y));
    assert_ne!(app.selected_id(Pane::Factors).as_deref(), Some("F3"));
}

#[test]
fn docs_keys_md_lists_every_binding_of_the_keymap() {
    let expected = debrief::tui::docs::keys_markdown(&debrief::tui::keymap::Keymap::defaults());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/keys.md");
    if std::env::var_os("DEBRIEF_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/keys.md");
    }
    let actual = std::fs::read_to_string(&path).expect("docs/keys.md exists");
    assert_eq!(
        actual, expected,
        "docs/keys.md is stale: rerun with DEBRIEF_UPDATE_DOCS=1"
    );
    for key in ["`g d`", "`ctrl-s`", "`A`", "`>`", "`m`", "`L`"] {
        assert!(actual.contains(key), "{key} documented");
    }
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

#[test]
fn d_clears_a_document_field_and_u_restores_it() {
    let mut app = default_app();
    let summary = app.doc.summary.clone();
    select_field(&mut app, "5", DocField::Summary);
    press(&mut app, "d");
    assert!(app.doc.summary.is_empty());
    press(&mut app, "u");
    assert_eq!(app.doc.summary, summary);
    // A field that cannot be empty says why and keeps its value.
    select_field(&mut app, "5", DocField::Status);
    press(&mut app, "d");
    assert_eq!(app.doc.meta.status, debrief::model::Status::Final);
    assert!(
        app.message
            .as_ref()
            .expect("msg")
            .0
            .contains("cannot be empty"),
        "{:?}",
        app.message
    );
}
