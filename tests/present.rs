//! Presenting on a shared screen: zoom (the focused pane alone, its text in
//! full) and the presenter view (no ids, underlines or provenance), readable
//! at 100×30 with the high-contrast theme: nothing cut, nothing by colour
//! alone.

mod common;

use std::rc::Rc;

use common::{app, press, render, screen, text};
use debrief::tui::app::Pane;
use debrief::tui::meeting::ManualClock;
use debrief::tui::theme::Theme;
use ratatui::style::Modifier;

fn high_contrast(w: u16, h: u16) -> debrief::tui::app::App {
    let mut app = app("checkout-cache-stampede.toml", w, h);
    app.theme = Theme::load("high-contrast").0;
    app
}

#[test]
fn zoom_shows_the_focused_pane_alone_with_its_text_in_full() {
    let mut app = high_contrast(100, 30);
    press(&mut app, "4");
    let normal = screen(&app);
    assert!(normal.contains('…'), "the board cuts long titles\n{normal}");
    press(&mut app, "z");
    assert_eq!(app.layout().panes.len(), 1);
    let s = screen(&app);
    assert!(!s.contains('…'), "{s}");
    assert!(!s.contains(" 1 Timeline  2 5 Whys"), "no tab row\n{s}");
    // The selected action's whole title shows, every word.
    let title = &app.doc.actions[app.cursor.actions].title;
    for word in title.split_whitespace() {
        assert!(s.contains(word), "{word}\n{s}");
    }
    assert!(
        s.contains("▶ "),
        "the selection is marked, not only coloured"
    );
    insta::assert_snapshot!("present_zoom_actions_100x30", s);
    press(&mut app, "z");
    assert_eq!(screen(&app), normal, "z again returns");
}

#[test]
fn the_presenter_view_hides_ids_underlines_and_provenance() {
    for pane in [Pane::Timeline, Pane::Factors, Pane::Actions, Pane::Whys] {
        let mut app = high_contrast(100, 30);
        app.focus = pane;
        press(&mut app, "V");
        let buf = render(&app);
        let s = text(&buf);
        let body: Vec<&str> = s.lines().skip(2).collect();
        let body = body.join("\n");
        for id in ["T1 ", "F1 ", "A1 ", "W1 ", "provenance", "cites"] {
            assert!(!body.contains(id), "{pane:?}: {id}\n{s}");
        }
        assert!(!body.contains('…'), "{pane:?}\n{s}");
        for y in 2..buf.area.height {
            for x in 0..buf.area.width {
                assert!(
                    !buf[(x, y)].modifier.contains(Modifier::UNDERLINED),
                    "{pane:?}: underline at {x},{y}\n{s}"
                );
            }
        }
        if pane == Pane::Timeline {
            insta::assert_snapshot!("present_timeline_100x30", s);
        }
    }
}

#[test]
fn a_meeting_at_100x30_in_high_contrast_cuts_nothing() {
    let mut app = high_contrast(100, 30);
    let clock = Rc::new(ManualClock::new(
        chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z").expect("ts"),
    ));
    app.stage.clock = clock.clone();
    press(&mut app, "VM");
    for _ in 0..6 {
        clock.advance(400);
        let s = screen(&app);
        assert!(!s.contains('…'), "{s}");
        press(&mut app, "nn");
    }
    press(&mut app, "z");
    let s = screen(&app);
    assert!(!s.contains('…'), "{s}");
    insta::assert_snapshot!("present_meeting_zoom_100x30", s);
}
