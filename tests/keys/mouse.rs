//! The mouse: a click focuses a pane and selects the item under it; the
//! wheel scrolls the selection.

use crate::common::{self, find, render};
use debrief::tui::app::Pane;

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
