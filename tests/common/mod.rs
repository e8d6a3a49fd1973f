//! Helpers for driving the editor in tests: build an `App` on a bundled
//! example, press key scripts, render into a `TestBackend`.
#![allow(dead_code)]

pub mod git;
pub mod pty;
pub mod words;

use chrono::NaiveDate;
use debrief::examples::EXAMPLES;
use debrief::tui::app::{App, Origin};
use debrief::tui::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The injected "today" for overdue checks.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

/// An editor on bundled example `name`, sized `w`×`h`.
pub fn app(name: &str, w: u16, h: u16) -> App {
    let example = EXAMPLES.iter().find(|e| e.name == name).expect("example");
    let doc = example.load().expect("example loads");
    let mut app = App::new(
        doc,
        Origin::File(std::env::temp_dir().join("debrief-never-written.toml")),
        today(),
    );
    app.size = (w, h);
    update::clamp(&mut app);
    app
}

/// The default example at 80×24.
pub fn default_app() -> App {
    app("checkout-cache-stampede.toml", 80, 24)
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// Presses a key script: characters as typed, `<name>` for special keys
/// (`<enter>`, `<esc>`, `<tab>`, `<s-tab>`, `<bs>`, `<space>`, `<up>`,
/// `<down>`, `<left>`, `<right>`, `<pgdn>`, `<pgup>`, `<c-x>`, `<a-enter>`).
pub fn press(app: &mut App, script: &str) {
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        let event = if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
            named(&name)
        } else {
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            key(KeyCode::Char(c), mods)
        };
        update::handle_event(app, event);
    }
}

fn named(name: &str) -> Event {
    let none = KeyModifiers::NONE;
    if let Some(c) = name.strip_prefix("c-") {
        return key(
            KeyCode::Char(c.chars().next().expect("ctrl key")),
            KeyModifiers::CONTROL,
        );
    }
    match name {
        "enter" => key(KeyCode::Enter, none),
        "a-enter" => key(KeyCode::Enter, KeyModifiers::ALT),
        "esc" => key(KeyCode::Esc, none),
        "tab" => key(KeyCode::Tab, none),
        "s-tab" => key(KeyCode::BackTab, KeyModifiers::SHIFT),
        "bs" => key(KeyCode::Backspace, none),
        "space" => key(KeyCode::Char(' '), none),
        "up" => key(KeyCode::Up, none),
        "down" => key(KeyCode::Down, none),
        "left" => key(KeyCode::Left, none),
        "right" => key(KeyCode::Right, none),
        "pgdn" => key(KeyCode::PageDown, none),
        "pgup" => key(KeyCode::PageUp, none),
        other => panic!("unknown key <{other}>"),
    }
}

/// Renders the app into a buffer of its size.
pub fn render(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as text, one line per row (trailing spaces trimmed).
pub fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The screen as text.
pub fn screen(app: &App) -> String {
    text(&render(app))
}

/// Position of the first occurrence of `needle` on screen.
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in 0..area.height {
        let mut line = String::new();
        let mut xs = Vec::new();
        for x in 0..area.width {
            let s = buf[(x, y)].symbol();
            for _ in s.chars() {
                xs.push(x);
            }
            line.push_str(s);
        }
        if let Some(byte) = line.find(needle) {
            let ch = line[..byte].chars().count();
            return Some((xs[ch], y));
        }
    }
    None
}

/// Every file below `dir`, at any depth.
pub fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}
