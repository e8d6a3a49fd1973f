//! The editor's library view (`debrief DIR`) and related-incidents panel,
//! driven by keys over the fixture library.

mod common;

use std::path::{Path, PathBuf};

use debrief::library;
use debrief::tui::action::Action;
use debrief::tui::app::{App, Origin};
use debrief::tui::keymap::{Chord, Keymap, Lookup};
use debrief::tui::library::{LibraryView, MODE, SortBy, Step, draw};
use debrief::tui::popups::Popup;
use debrief::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library")
}

fn view() -> LibraryView {
    let lib = library::scan(&folder()).expect("scan");
    let rows = library::rows(&lib, common::today());
    LibraryView::new(folder(), rows, Vec::new())
}

/// Presses `code` as the library view's loop does: through its key map
/// section, the rest typed into the filter.
fn key(view: &mut LibraryView, code: KeyCode) -> Step {
    let map = Keymap::defaults();
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = match map.lookup_mode(MODE, &[Chord::from_event(key)]) {
        Lookup::Action(action) => Some(action),
        _ => None,
    };
    view.handle(action, key)
}

fn typed(view: &mut LibraryView, text: &str) {
    for c in text.chars() {
        assert_eq!(key(view, KeyCode::Char(c)), Step::Stay);
    }
}

fn shown_keys(view: &LibraryView) -> Vec<String> {
    view.shown()
        .iter()
        .map(|&i| view.rows[i].key.clone())
        .collect()
}

fn screen(view: &mut LibraryView, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    draw(view, &Theme::default(), &Keymap::defaults(), area, &mut buf);
    common::text(&buf)
}

#[test]
fn typing_filters_and_enter_opens_the_selected_postmortem() {
    let mut v = view();
    assert_eq!(v.shown().len(), 13);
    assert_eq!(shown_keys(&v)[0], "INC-2026-0227", "newest first");
    typed(&mut v, "pool");
    let keys = shown_keys(&v);
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert!(
        keys.iter()
            .all(|k| k.contains("2024") || k.contains("2025"))
    );
    // Every word must match: a second word narrows further.
    typed(&mut v, " nm-");
    assert_eq!(shown_keys(&v), ["NM-2025-1002"]);
    assert_eq!(key(&mut v, KeyCode::Backspace), Step::Stay);
    assert_eq!(v.filter, "pool nm");
    // Esc clears the filter first, then leaves.
    assert_eq!(key(&mut v, KeyCode::Esc), Step::Stay);
    assert_eq!(v.shown().len(), 13);
    typed(&mut v, "pool");
    key(&mut v, KeyCode::Down);
    let chosen = v.current().expect("a row").path.clone();
    assert_eq!(v.rows.iter().filter(|r| r.path == chosen).count(), 1);
    assert_eq!(key(&mut v, KeyCode::Enter), Step::Open(chosen.clone()));
    // Back from the editor the view is built again and keeps its state.
    let mut again = view();
    again.carry(&v);
    assert_eq!(again.filter, "pool");
    assert_eq!(again.current().expect("row").path, chosen);
    key(&mut v, KeyCode::Esc);
    assert_eq!(key(&mut v, KeyCode::Esc), Step::Quit);
}

#[test]
fn tab_sorts_by_the_next_column_and_backtab_reverses() {
    let mut v = view();
    assert_eq!(key(&mut v, KeyCode::Tab), Step::Stay);
    assert_eq!(v.sort, SortBy::Id);
    let keys = shown_keys(&v);
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    key(&mut v, KeyCode::BackTab);
    let mut reversed = sorted.clone();
    reversed.reverse();
    assert_eq!(shown_keys(&v), reversed);
    // Severity: most severe first, unset last.
    key(&mut v, KeyCode::Tab);
    assert_eq!(v.sort, SortBy::Severity);
    let sevs: Vec<String> = v
        .shown()
        .iter()
        .map(|&i| v.rows[i].severity.clone())
        .collect();
    let set: Vec<&String> = sevs.iter().filter(|s| !s.is_empty()).collect();
    assert!(set.windows(2).all(|w| w[0] <= w[1]), "{sevs:?}");
    assert!(
        sevs.iter()
            .skip_while(|s| !s.is_empty())
            .all(|s| s.is_empty()),
        "{sevs:?}"
    );
    // The selection follows its document through a re-sort.
    key(&mut v, KeyCode::Down);
    key(&mut v, KeyCode::Down);
    let selected = v.current().expect("row").path.clone();
    key(&mut v, KeyCode::Tab);
    assert_eq!(v.current().expect("row").path, selected);
}

#[test]
fn the_table_fits_80_columns_and_shows_what_each_row_needs() {
    let mut v = view();
    let text = screen(&mut v, 80, 24);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("13 postmortems"), "{text}");
    assert!(lines[0].contains("sorted by date"), "{text}");
    assert!(
        lines[2].contains("date") && lines[2].contains("title"),
        "{text}"
    );
    let pool = lines
        .iter()
        .find(|l| l.contains("INC-2025-0420"))
        .expect("the pool incident is listed");
    assert!(pool.contains("2025-04-20"), "{pool}");
    // Cells are padded: every title starts under its heading.
    let at = lines[2].find("title").expect("title heading");
    assert!(pool[at..].starts_with("Orders API"), "{pool}");
    assert!(pool.contains("SEV-2"), "{pool}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80));
    assert!(lines[23].contains("enter open"), "{text}");
    // A deep folder is cut from its start; the count and sort stay in sight
    // wherever the repository was cloned.
    let deep = folder().join("a-folder-name-long-enough-to-fill-the-header-line-alone");
    let lib = library::scan(&folder()).expect("scan");
    let mut far = LibraryView::new(deep, library::rows(&lib, common::today()), Vec::new());
    let head = screen(&mut far, 80, 24)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    assert!(head.contains("13 postmortems · sorted by date"), "{head}");
    assert!(
        head.contains("…") && head.contains("fill-the-header-line-alone"),
        "{head}"
    );
    // Wider: the status column appears.
    let wide = screen(&mut v, 160, 48);
    assert!(wide.lines().nth(2).expect("headings").contains("status"));
    assert!(wide.contains("in-review"), "{wide}");
    // A filter that matches nothing says so.
    typed(&mut v, "zzzz");
    assert!(screen(&mut v, 80, 24).contains("no postmortem matches the filter"));
}

#[test]
fn skipped_files_are_named_under_the_table() {
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library-broken");
    let lib = library::scan(&broken).expect("scan");
    assert!(!lib.skipped.is_empty());
    let skipped: Vec<String> = lib.skipped.iter().map(|s| s.error.to_string()).collect();
    let rows = library::rows(&lib, common::today());
    let mut v = LibraryView::new(broken, rows, skipped.clone());
    let text = screen(&mut v, 120, 24);
    assert!(text.contains("file(s) skipped"), "{text}");
    let first_file = lib.skipped[0]
        .path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .to_string();
    assert!(text.contains(&first_file), "{text}");
}

/// An editor on the pool incident of a copy of the fixture library.
fn pool_editor() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in common::files_under(&folder()) {
        let rel = entry.strip_prefix(folder()).expect("inside");
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, &to).expect("copy");
    }
    let file = dir.path().join("2025/inc-2025-0420-pool.toml");
    let doc = debrief::store::load(&file).expect("load").doc;
    let mut app = App::new(doc, Origin::File(file), common::today());
    app.size = (100, 30);
    (dir, app)
}

#[test]
fn g_r_lists_related_incidents_and_enter_adds_one_undoably() {
    let (_dir, mut app) = pool_editor();
    let before = app.doc.appendix.related.clone();
    common::press(&mut app, "gr");
    let Some(Popup::Related(panel)) = &app.popup else {
        panic!("no related panel: {:?}", app.message);
    };
    let keys: Vec<&str> = panel.rows.iter().map(|r| r.key.as_str()).collect();
    assert!(keys.contains(&"INC-2024-1028"), "{keys:?}");
    assert!(keys.contains(&"INC-2025-0110"), "{keys:?}");
    assert!(!keys.contains(&"INC-2025-0420"), "never itself: {keys:?}");
    let screen = common::screen(&app);
    assert!(screen.contains("Related incidents in"), "{screen}");
    assert!(screen.contains("shared:"), "{screen}");
    assert!(screen.contains("pool"), "{screen}");
    let first = panel.rows[0].clone();
    common::press(&mut app, "<enter>");
    assert_eq!(app.doc.appendix.related.len(), before.len() + 1);
    let added = app.doc.appendix.related.last().expect("added");
    assert_eq!(added, &first.entry);
    assert!(added.starts_with(&first.key), "{added}");
    assert!(added.contains(&first.title), "{added}");
    // Adding it again changes nothing; the panel shows it as listed.
    common::press(&mut app, "<enter>");
    assert_eq!(app.doc.appendix.related.len(), before.len() + 1);
    assert!(common::screen(&app).contains('✓'));
    common::press(&mut app, "<esc>");
    assert!(app.popup.is_none());
    common::press(&mut app, "u");
    assert_eq!(app.doc.appendix.related, before, "one undo step");
}

#[test]
fn esc_goes_back_to_the_library_only_when_opened_from_it() {
    let (_dir, mut app) = pool_editor();
    common::press(&mut app, "<esc>");
    assert!(!app.quit, "Esc does not quit a document opened on its own");
    app.from_library = true;
    // Esc cancels a search first.
    common::press(&mut app, "/pool<enter>");
    assert!(app.search.is_some());
    common::press(&mut app, "<esc>");
    assert!(app.search.is_none());
    assert!(!app.quit);
    common::press(&mut app, "<esc>");
    assert!(app.quit);
    let map = Keymap::defaults();
    assert!(
        map.mode_keys(MODE, Action::SortNext).contains(&"tab"),
        "the library keys are in the key map"
    );
}
