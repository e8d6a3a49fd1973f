//! Fuzzing the key and action handler: arbitrary key, mouse and resize
//! sequences never panic, never break the document's structure (no dangling
//! link, no duplicate id), and undoing every recorded edit gives back the
//! document as it was opened. Bounded: 64 cases of up to 160 events
//! (`PROPTEST_CASES` raises it).

mod common;

use debrief::model::check;
use debrief::tui::app::{App, Origin};
use debrief::tui::update;
use proptest::prelude::*;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn key_strategy() -> impl Strategy<Value = Event> {
    let plain = prop_oneof![
        // The keys the keymap binds, weighted up so edits really happen.
        8 => prop::sample::select(
            "aAdJKjkhlgG<>rcmptsuLy/nN?123456789 0xeiq:wq!F]".chars().collect::<Vec<_>>()
        ),
        2 => any::<char>(),
    ]
    .prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    let special = prop::sample::select(vec![
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Delete,
    ])
    .prop_map(|code| Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    let ctrl = prop::sample::select(vec!['r', 'z', 'y', 'u', 'c', 'a', 'e'])
        .prop_map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
    let mouse = (0u16..200, 0u16..60, prop::bool::ANY).prop_map(|(column, row, click)| {
        Event::Mouse(MouseEvent {
            kind: if click {
                MouseEventKind::Down(MouseButton::Left)
            } else {
                MouseEventKind::ScrollDown
            },
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    });
    let resize = (1u16..200, 1u16..60).prop_map(|(w, h)| Event::Resize(w, h));
    prop_oneof![12 => plain, 6 => special, 2 => ctrl, 1 => mouse, 1 => resize]
}

fn fresh(dir: &std::path::Path) -> App {
    let doc = debrief::examples::DEFAULT.load().expect("example");
    let mut app = App::new(doc, Origin::File(dir.join("fuzz.toml")), common::today());
    app.size = (120, 32);
    update::clamp(&mut app);
    app
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_input_keeps_the_document_sound(events in prop::collection::vec(key_strategy(), 1..160)) {
        let dir = tempfile::tempdir().expect("tempdir");
        // `:w NAME` and `:export NAME` typed at random write relative to the
        // working directory: keep them out of the repository.
        std::env::set_current_dir(dir.path()).expect("cd");
        let mut app = fresh(dir.path());
        let original = app.doc.clone();
        for (n, event) in events.into_iter().enumerate() {
            let resized = matches!(event, Event::Resize(..));
            update::handle_event(&mut app, event);
            // Rendering is the slow part: draw after resizes and every 8th event.
            if resized || n % 8 == 0 {
                let _ = common::render(&app);
            }
            if app.quit {
                break;
            }
        }
        prop_assert!(check(&app.doc).is_empty(), "structure broken: {:?}", check(&app.doc));
        // Leave any field or popup, then undo everything that was recorded.
        for _ in 0..3 {
            update::handle_event(&mut app, Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        }
        while let Some(edit) = app.history.undo.pop() {
            let inverse = edit.inverse();
            prop_assert!(inverse.apply(&mut app.doc).is_ok(), "an inverse did not apply");
        }
        prop_assert_eq!(&app.doc, &original);
    }
}
