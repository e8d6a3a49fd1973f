use std::cell::RefCell;
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::*;

const WIDTH: u16 = 24;
const HEIGHT: u16 = 4;

/// One frame: per row, runs of (text, style index).
type Frame = Vec<Vec<(String, usize)>>;

const STYLES: [Style; 3] = [
    Style::new(),
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    Style::new().fg(Color::Black).bg(Color::Cyan),
];

/// What a backend wrote, shared with the test.
#[derive(Clone, Default)]
struct Written(Rc<RefCell<Vec<u8>>>);

impl io::Write for Written {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Every frame drawn through `backend`.
fn play<B: Backend>(backend: B, frames: &[Frame]) {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, WIDTH, HEIGHT)),
    };
    let mut terminal = Terminal::with_options(backend, options).expect("terminal");
    terminal.backend_mut().clear().expect("clear");
    for frame in frames {
        terminal
            .draw(|f| {
                let buf = f.buffer_mut();
                for (y, runs) in frame.iter().enumerate() {
                    let mut x = 0;
                    for (text, style) in runs {
                        let (end, _) = buf.set_stringn(
                            x,
                            y as u16,
                            text,
                            usize::from(WIDTH - x),
                            STYLES[*style],
                        );
                        x = end;
                        if x >= WIDTH {
                            break;
                        }
                    }
                }
            })
            .expect("draw");
    }
}

fn screen(bytes: &[u8]) -> vt100::Parser {
    let size = |n| std::num::NonZeroU16::new(n).expect("size");
    let mut parser = vt100::Parser::new(size(HEIGHT), size(WIDTH), 0);
    parser.process(bytes);
    parser
}

fn same_screen(a: &[u8], b: &[u8]) -> bool {
    let (a_bytes, b_bytes) = (a, b);
    let (a, b) = (screen(a), screen(b));
    let same = (0..HEIGHT).all(|row| {
        (0..WIDTH).all(|col| {
            let (x, y) = (a.screen().cell(row, col), b.screen().cell(row, col));
            match (x, y) {
                (Some(x), Some(y)) => {
                    // A cleared cell and a written space look the same.
                    let text = |c: &vt100::Cell| match c.contents() {
                        "" => " ".to_string(),
                        other => other.to_string(),
                    };
                    text(x) == text(y)
                        && x.fgcolor() == y.fgcolor()
                        && x.bgcolor() == y.bgcolor()
                        && x.bold() == y.bold()
                }
                (x, y) => x.is_none() && y.is_none(),
            }
        })
    });
    if !same {
        eprintln!(
            "plain:\n{}\n{:?}\nthrifty:\n{}\n{:?}",
            a.screen().contents(),
            String::from_utf8_lossy(a_bytes),
            b.screen().contents(),
            String::from_utf8_lossy(b_bytes)
        );
    }
    same
}

fn both(frames: &[Frame]) -> (Vec<u8>, Vec<u8>) {
    let (plain, thrifty) = (Written::default(), Written::default());
    play(CrosstermBackend::new(plain.clone()), frames);
    play(Thrifty::new(thrifty.clone()), frames);
    let bytes = |w: Written| w.0.borrow().clone();
    (bytes(plain), bytes(thrifty))
}

#[test]
fn a_selection_moving_one_row_writes_fewer_bytes_and_the_same_screen() {
    let row = |text: &str, style| vec![(text.to_string(), style)];
    let list = |selected: usize| -> Frame {
        [
            "09:00 pods restart",
            "09:01 pool saturates",
            "09:02 canary rolls back",
            "09:03 alert",
        ]
        .iter()
        .enumerate()
        .map(|(i, text)| row(text, if i == selected { 2 } else { 0 }))
        .collect()
    };
    // The detail line of the last two rows changes with short gaps.
    let mut first = list(0);
    first[3] = row("T1 pods restart on db", 0);
    let mut second = list(1);
    second[3] = row("T2 pool saturates db", 0);
    let (plain, thrifty) = both(&[first, second]);
    assert!(same_screen(&plain, &thrifty));
    assert!(
        thrifty.len() < plain.len(),
        "thrifty {} bytes, plain {}",
        thrifty.len(),
        plain.len()
    );
}

fn any_frame() -> impl Strategy<Value = Frame> {
    let run = ("[ab ─]{0,6}|コ[ab]{0,2}", 0..STYLES.len());
    proptest::collection::vec(proptest::collection::vec(run, 0..6), HEIGHT as usize)
}

proptest! {
    /// Any frames end on the same screen as crossterm's own backend draws,
    /// in no more bytes.
    #[test]
    fn any_frames_end_on_the_same_screen_in_no_more_bytes(
        frames in proptest::collection::vec(any_frame(), 1..5)
    ) {
        let (plain, thrifty) = both(&frames);
        prop_assert!(same_screen(&plain, &thrifty));
        prop_assert!(thrifty.len() <= plain.len());
    }
}
