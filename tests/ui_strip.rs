//! The time-axis strip of the Timeline pane and the Overview's intervals and
//! gap questions, as rendered (colour and NO_COLOR).

mod common;

use common::{app, press, screen};

/// The strip row: the line under the intervals line of the Timeline pane.
fn strip_line(shown: &str) -> String {
    shown.lines().nth(4).expect("strip row").to_string()
}

#[test]
fn strip_shows_marks_and_gaps_between_first_and_last_time() {
    // db-connection-pool: 13:30 trigger, 30 silent minutes to 14:00, … 16:15.
    let mut app = app("db-connection-pool.toml", 80, 24);
    press(&mut app, "1");
    let strip = strip_line(&screen(&app));
    assert!(strip.contains(" 13:30 "), "{strip}");
    assert!(strip.contains(" 16:15 "), "{strip}");
    for glyph in ['!', '▼', '◉', '▲', '◐', '✔', '░'] {
        assert!(strip.contains(glyph), "{glyph} in {strip}");
    }
    // The first gap comes right after the trigger and before impact start.
    let trigger = strip.find('!').expect("trigger");
    let gap = strip.find('░').expect("gap");
    let impact = strip.find('▼').expect("impact");
    assert!(trigger < gap && gap < impact, "{strip}");
}

#[test]
fn strip_reads_without_colour() {
    let mut app = app("db-connection-pool.toml", 120, 32);
    app.theme = app.theme.without_colour();
    press(&mut app, "1");
    let buf = common::render(&app);
    let (x, y) = common::find(&buf, "░").expect("gap glyph");
    assert_eq!(buf[(x, y)].fg, ratatui::style::Color::Reset, "no colour");
    let row = common::text(&buf)
        .lines()
        .nth(y as usize)
        .expect("row")
        .to_string();
    assert!(row.contains('✔') && row.contains('─'), "{row}");
}

#[test]
fn overview_lists_intervals_and_gap_questions() {
    let mut app = app("db-connection-pool.toml", 80, 24);
    press(&mut app, "5G");
    let shown = screen(&app);
    assert!(shown.contains("Key intervals"), "{shown}");
    assert!(shown.contains("Time to detect"), "{shown}");
    assert!(
        shown.contains("what happened between 13:30 and 14:00?"),
        "{shown}"
    );
    assert!(
        shown.contains("▶ Severity scale"),
        "last field still shown:\n{shown}"
    );
}
