//! Render snapshots of every view at 80×24 and 160×48 on the bundled
//! examples (TestBackend + insta, injected "today"), and colour checks of
//! selection and link highlights through buffer cell styles.

mod common;

use common::{app, find, press, render, screen};
use debrief::tui::app::Pane;
use debrief::tui::theme::Theme;
use ratatui::style::{Color, Modifier};

const VIEWS: [(&str, &str); 7] = [
    ("1", "timeline"),
    ("2", "whys"),
    ("3", "factors"),
    ("4", "actions"),
    ("5", "overview"),
    ("6", "review"),
    ("7", "preview"),
];

fn snapshot_views(example: &str, short: &str, sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        for (key, view) in VIEWS {
            let mut app = app(example, w, h);
            press(&mut app, key);
            insta::assert_snapshot!(format!("{short}_{view}_{w}x{h}"), screen(&app));
        }
    }
}

#[test]
fn default_example_every_view_at_both_sizes() {
    snapshot_views(
        "checkout-cache-stampede.toml",
        "checkout",
        &[(80, 24), (160, 48)],
    );
}

#[test]
fn other_examples_every_view_at_both_sizes() {
    snapshot_views("db-connection-pool.toml", "dbpool", &[(80, 24), (160, 48)]);
    snapshot_views(
        "project-platform-migration.toml",
        "project",
        &[(80, 24), (160, 48)],
    );
}

#[test]
fn grid_below_120x32_collapses_to_one_pane_with_tabs() {
    let wide = screen(&app("checkout-cache-stampede.toml", 120, 32));
    for title in ["1 Timeline", "2 5 Whys", "3 Factors", "4 Actions"] {
        assert!(
            wide.contains(&format!("▶ {title}")) || wide.contains(&format!("┌ {title}")),
            "{title} in grid:\n{wide}"
        );
    }
    let narrow = screen(&app("checkout-cache-stampede.toml", 119, 32));
    assert!(!narrow.contains("┌ 2 5 Whys"), "one pane only:\n{narrow}");
    assert!(narrow.contains(" 2 5 Whys "), "tab bar lists it");
}

#[test]
fn long_content_shows_a_scroll_indicator() {
    let mut app = app("checkout-cache-stampede.toml", 80, 16);
    let s = screen(&app);
    assert!(s.contains("↓ 1-"), "{s}");
    press(&mut app, "G");
    let s = screen(&app);
    assert!(s.contains("↑"), "{s}");
    assert!(
        s.contains(&format!("of {} ", app.doc.timeline.len())),
        "{s}"
    );
}

/// The first and last row numbers of the focused pane's scroll indicator
/// ("↓ 1-16 of 32").
fn shown_rows(app: &debrief::tui::app::App) -> (usize, usize) {
    let s = screen(app);
    let at = s.find(" of ").expect("a scroll indicator");
    let before = &s[..at];
    let span = before.rsplit(' ').next().expect("span");
    let (first, last) = span.split_once('-').expect("first-last");
    (first.parse().expect("first"), last.parse().expect("last"))
}

#[test]
fn stepping_past_the_edge_scrolls_half_a_page_and_a_zoom_only_what_it_must() {
    let mut app = app("checkout-cache-stampede.toml", 80, 16);
    let (first, last) = shown_rows(&app);
    assert_eq!(first, 1);
    let height = last - first + 1;
    // Down to the last visible row: no scroll.
    press(&mut app, &"j".repeat(last - 1));
    assert_eq!(shown_rows(&app), (first, last));
    // One more: the view jumps by half a page more than the one row, so
    // the selection has rows ahead of it.
    press(&mut app, "j");
    let jumped = shown_rows(&app);
    assert_eq!(jumped.0, 2 + height / 2, "{}", screen(&app));
    assert!(app.cursor.timeline + 1 < jumped.1, "rows ahead show");
    // Zooming in and out again leaves the view where it was.
    press(&mut app, "zz");
    assert_eq!(shown_rows(&app), jumped);
    // Back up past the top: the same jump the other way.
    let to_above = app.cursor.timeline + 1 - jumped.0 + 1;
    press(&mut app, &"k".repeat(to_above));
    let up = shown_rows(&app);
    assert!(up.0 < jumped.0 && app.cursor.timeline + 1 > up.0, "{up:?}");

    // `scroll = "line"`: one row at a time.
    let mut app = common::app("checkout-cache-stampede.toml", 80, 16);
    app.cursor.scroll = debrief::config::Scroll::Line;
    press(&mut app, &"j".repeat(last));
    assert_eq!(shown_rows(&app), (2, last + 1));
}

#[test]
fn selection_and_links_are_coloured_in_the_default_theme() {
    let mut app = app("checkout-cache-stampede.toml", 160, 48);
    press(&mut app, "3"); // factors: F1 selected
    let buf = render(&app);
    let theme = Theme::default();
    // The factor's row (the detail strips above also name F1).
    let (x, y) = find(&buf, "▶ F1 ").map(|(x, y)| (x + 2, y)).expect("F1");
    assert_eq!(
        buf[(x, y)].bg,
        theme.selected.bg.expect("bg"),
        "selected row background"
    );
    assert_eq!(buf[(x, y)].fg, Color::Black);
    // F1 cites events: their timeline rows use the link style.
    let f1 = app.doc.factor("F1").expect("F1").clone();
    let zone = app.doc.display_zone();
    let event = app.doc.event(&f1.events[0]).expect("event");
    let text: String = event.text.chars().take(20).collect();
    let (x, y) = find(&buf, &text).expect("linked event on screen");
    assert_eq!(buf[(x, y)].fg, theme.linked.fg.expect("fg"));
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert_eq!(
        buf[(1, y)].symbol(),
        "◆",
        "link glyph at {}",
        zone.clock(&event.at)
    );
    // An unlinked event is plain.
    let other = app
        .doc
        .timeline
        .iter()
        .find(|e| !f1.events.contains(&e.id))
        .expect("unlinked");
    let text: String = other.text.chars().take(20).collect();
    let (x, y) = find(&buf, &text).expect("unlinked event on screen");
    assert!(!buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn overdue_and_unowned_cards_are_red() {
    let mut app = app("checkout-cache-stampede.toml", 160, 48);
    press(&mut app, "4");
    let selected = app.selected_id(Pane::Actions).expect("selection");
    let buf = render(&app);
    // The first overdue card on screen (the board may show as a list).
    let (x, y) = app
        .doc
        .actions
        .iter()
        .filter(|a| a.is_overdue(common::today()) && a.id != selected)
        .find_map(|a| find(&buf, &format!(" {} P", a.id)))
        .map(|(x, y)| (x + 1, y))
        .expect("an overdue card on screen");
    let theme = Theme::default();
    assert_eq!(
        buf[(x + 2, y + 1)].fg,
        theme.overdue.fg.expect("red"),
        "second line of the card"
    );
}

#[test]
fn no_colour_keeps_selection_and_links_visible() {
    let mut app = app("checkout-cache-stampede.toml", 160, 48);
    app.theme = Theme::default().without_colour();
    press(&mut app, "3");
    let buf = render(&app);
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert!(
                matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                "colour at {x},{y}"
            );
        }
    }
    // The factor's row (the detail strips above also name F1).
    let (x, y) = find(&buf, "▶ F1 ").map(|(x, y)| (x + 2, y)).expect("F1");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(x - 2, y)].symbol(), "▶");
    let linked = app.doc.factor("F1").expect("F1").events[0].clone();
    let text: String = app
        .doc
        .event(&linked)
        .expect("e")
        .text
        .chars()
        .take(20)
        .collect();
    let (x, y) = find(&buf, &text).expect("linked");
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::UNDERLINED | Modifier::BOLD)
    );
}

#[test]
fn scratch_copy_says_so_in_the_header() {
    let options = debrief::tui::Options {
        today: Some(common::today()),
        config: Some("/nonexistent".into()),
        ..Default::default()
    };
    let mut app = debrief::tui::terminal::prepare(&options).expect("prepare");
    app.size = (160, 48);
    let s = screen(&app);
    assert!(
        s.lines()
            .next()
            .expect("header")
            .contains("scratch copy of bundled checkout-cache-stampede.toml"),
        "{s}"
    );
    press(&mut app, "<c-s>");
    assert!(app.message.as_ref().expect("msg").0.contains(":w FILE"));
    assert_eq!(app.focus, Pane::Timeline);
}

#[test]
fn malformed_files_fail_before_the_terminal_with_a_position() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "schema = 1\n[meta]\ntitle = \"x\"\nseverity = \n").expect("write");
    let options = debrief::tui::Options {
        path: Some(path.clone()),
        ..Default::default()
    };
    let error = debrief::tui::terminal::prepare(&options)
        .expect_err("malformed")
        .to_string();
    assert!(error.contains(&format!("{}:4:", path.display())), "{error}");
}

#[test]
fn missing_files_ask_before_creating() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("new-incident.toml");
    let options = debrief::tui::Options {
        path: Some(path.clone()),
        create_missing: true,
        config: Some("/nonexistent".into()),
        ..Default::default()
    };
    let mut app = debrief::tui::terminal::prepare(&options).expect("prepare");
    let s = screen(&app);
    assert!(s.contains("Create it?"), "{s}");
    press(&mut app, "y");
    assert!(path.exists());
    assert!(!app.modified());
}

#[test]
fn a_10k_event_timeline_renders_only_what_is_visible() {
    let mut app = app("checkout-cache-stampede.toml", 80, 24);
    let base = (*app.doc.timeline[0]).clone();
    app.doc.timeline = (0..10_000)
        .map(|i| {
            let mut e = base.clone();
            e.id = format!("T{}", i + 1);
            e.at = base.at + chrono::Duration::seconds(i);
            e.text = format!("event number {i}");
            Box::new(e)
        })
        .collect();
    press(&mut app, "G");
    let s = screen(&app);
    assert!(s.contains("event number 9999"), "{s}");
    assert!(s.contains("of 10000"), "{s}");
    press(&mut app, "<pgup>k");
    assert!(screen(&app).contains("event number 99"));
}

/// The overlays, each read and checked: the findings panel after a
/// blameful edit, help, the link picker, a confirm question and the
/// `:import` preview.
#[test]
fn panels_and_popups() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut app = app("checkout-cache-stampede.toml", w, h);
        press(
            &mut app,
            "1e<c-u>The deploy engineer forgot to drain the pool.<enter>F",
        );
        let shown = screen(&app);
        assert!(shown.contains("blame/"), "{shown}");
        insta::assert_snapshot!(format!("findings_panel_{w}x{h}"), shown);
    }
    let mut app = app("checkout-cache-stampede.toml", 80, 24);
    press(&mut app, "3?");
    insta::assert_snapshot!("help_factors_80x24", screen(&app));
    // Longer than the screen: it scrolls and says where it is.
    assert!(screen(&app).contains("↓ 1-22 of"), "{}", screen(&app));
    press(&mut app, "G");
    let end = screen(&app);
    // The page ends with the `:` commands (after the pane's and the
    // popups' keys).
    assert!(
        end.contains("↑ ") && end.contains(":report") && end.contains(":import PATH"),
        "{end}"
    );
    press(&mut app, "<esc>L");
    insta::assert_snapshot!("link_picker_80x24", screen(&app));
    press(&mut app, "<esc>dq");
    insta::assert_snapshot!("confirm_quit_80x24", screen(&app));
    press(&mut app, "<esc>u");
    // A path relative to the package root keeps the snapshot stable.
    press(
        &mut app,
        ":import tests/fixtures/import/chat.txt --tz UTC<enter>",
    );
    insta::assert_snapshot!("import_preview_80x24", screen(&app));
}
