//! A key press handled and the frame drawn, at 10, 10,000 and 100,000
//! events (documents from `debrief sample`), in every pane: moving, typing
//! one character in a field, undo, delete and insert; opening a document
//! (load + lint + first frame); and the bytes a key press writes to the
//! terminal (ratatui's diff through a counting writer). Figures and how
//! each grows with size: docs/performance.md.

use std::cell::Cell;
use std::hint::black_box;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use debrief::sample::{SampleSpec, generate};
use debrief::tui::app::{App, Origin};
use debrief::tui::thrifty::Thrifty;
use debrief::tui::update;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const SIZES: [usize; 3] = [10, 10_000, 100_000];
const PANES: [(&str, char); 4] = [
    ("timeline", '1'),
    ("whys", '2'),
    ("factors", '3'),
    ("actions", '4'),
];

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn named(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn app(events: usize) -> App {
    let doc = generate(&SampleSpec::with_events(events));
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let mut app = App::new(doc, Origin::Scratch("bench".into()), today);
    app.size = (160, 48);
    update::clamp(&mut app);
    app
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
}

/// Counts the bytes a terminal backend writes (shared with the bench).
#[derive(Default, Clone)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("key_to_frame");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(4));
    for events in SIZES {
        let mut app = app(events);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        for (pane, view) in PANES {
            update::handle_event(&mut app, key(view));
            draw(&mut terminal, &app);
            // Moving: down then up, so the selection stays put.
            group.bench_with_input(
                BenchmarkId::new(format!("move_{pane}"), events),
                &(),
                |b, _| {
                    let mut down = true;
                    b.iter(|| {
                        update::handle_event(&mut app, key(if down { 'j' } else { 'k' }));
                        down = !down;
                        draw(&mut terminal, &app);
                    })
                },
            );
            // Typing one character in the selected item's main field, and
            // erasing it, so the text stays the same length however many
            // iterations run (a text growing by one character an iteration
            // made every later case in the pane slower).
            update::handle_event(&mut app, key('e'));
            group.bench_with_input(
                BenchmarkId::new(format!("type_erase_{pane}"), events),
                &(),
                |b, _| {
                    b.iter(|| {
                        update::handle_event(&mut app, key('x'));
                        draw(&mut terminal, &app);
                        update::handle_event(&mut app, named(KeyCode::Backspace));
                        draw(&mut terminal, &app);
                    })
                },
            );
            update::handle_event(&mut app, named(KeyCode::Esc));
            draw(&mut terminal, &app);
            // Insert and delete at the last row (`G`; in the 5 Whys a leaf,
            // so one item at every size), as the instruction-count driver of
            // docs/performance.md does.
            let mut case = Case {
                group: &mut group,
                app: &mut app,
                terminal: &mut terminal,
                events,
            };
            case.press("G");
            // Insert: `a`, the group picker's Enter where the pane asks for
            // one (factors, actions), one character, Enter (one undo step
            // with the text); then undo it.
            let mut insert = vec![key('a')];
            if matches!(pane, "factors" | "actions") {
                insert.push(named(KeyCode::Enter));
            }
            insert.extend([key('n'), named(KeyCode::Enter)]);
            case.edit_undo(&format!("insert_undo_{pane}"), &insert);
            case.edit_undo(&format!("delete_undo_{pane}"), &[key('d')]);
            // The 5 Whys again, from the first cause (`W1`, second row)
            // with its subtree.
            if pane == "whys" {
                case.press("ggj");
                let app = &case.app;
                let nodes = app.selected_why().map_or(0, |i| app.why_subtree(i).len());
                println!("delete_undo_subtree_whys/{events}: {nodes} nodes");
                case.edit_undo("delete_undo_subtree_whys", &[key('d')]);
            }
        }
    }
    group.finish();
}

/// What a bench case of `keys` works on.
struct Case<'a, 'g> {
    group: &'a mut BenchmarkGroup<'g, WallTime>,
    app: &'a mut App,
    terminal: &'a mut Terminal<TestBackend>,
    events: usize,
}

impl Case<'_, '_> {
    /// Presses the characters of `keys`, then draws.
    fn press(&mut self, keys: &str) {
        for c in keys.chars() {
            update::handle_event(self.app, key(c));
        }
        draw(self.terminal, self.app);
    }

    /// One iteration: `keys`, a frame, `u`, a frame. Checked once first:
    /// the keys change the document, the undo gives it back and leaves no
    /// field or popup open. Undoing an insert selects the row after the new
    /// item (in the action board, possibly another card), so the selection
    /// is put back after each iteration, untimed: every iteration does the
    /// same work.
    fn edit_undo(&mut self, name: &str, keys: &[Event]) {
        let Case {
            group,
            app,
            terminal,
            events,
        } = self;
        let cursor = app.cursor.clone();
        let before = app.doc.clone();
        for event in keys {
            update::handle_event(app, event.clone());
        }
        assert!(
            app.doc != before,
            "{name}/{events}: the keys changed nothing"
        );
        update::handle_event(app, key('u'));
        assert!(
            app.doc == before,
            "{name}/{events}: undo did not restore the document"
        );
        assert!(
            app.editor.is_none() && app.popup.is_none(),
            "{name}/{events}: a field or popup left open"
        );
        drop(before);
        app.cursor = cursor.clone();
        group.bench_function(BenchmarkId::new(name, *events), |b| {
            b.iter_custom(|iterations| {
                let mut spent = Duration::ZERO;
                for _ in 0..iterations {
                    let start = Instant::now();
                    for event in keys {
                        update::handle_event(app, event.clone());
                    }
                    draw(terminal, app);
                    update::handle_event(app, key('u'));
                    draw(terminal, app);
                    spent += start.elapsed();
                    app.cursor = cursor.clone();
                }
                spent
            })
        });
    }
}

fn open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    for events in SIZES {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("sample.toml");
        debrief::store::create(&generate(&SampleSpec::with_events(events)), &path).expect("write");
        group.bench_with_input(
            BenchmarkId::new("load_lint_first_frame", events),
            &path,
            |b, path| {
                b.iter(|| {
                    let doc = debrief::store::load(path).expect("load").doc;
                    let today = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
                    let mut app = App::new(doc, Origin::File(path.clone()), today);
                    app.size = (160, 48);
                    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
                    draw(&mut terminal, &app);
                    black_box(&app);
                })
            },
        );
    }
    group.finish();
}

/// Bytes written to the terminal when the timeline selection moves one
/// row, at each size: printed (a count, not a time).
fn bytes_per_key(_: &mut Criterion) {
    for events in SIZES {
        let mut app = app(events);
        let counter = Counter::default();
        let mut terminal = Terminal::with_options(
            Thrifty::new(counter.clone()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 160, 48)),
            },
        )
        .expect("terminal");
        // The editor clears the alternate screen first, so its backend
        // knows the blank cells it may write again.
        terminal.backend_mut().clear().expect("clear");
        let mut draw = |app: &App| {
            terminal
                .draw(|f| f.render_widget(app, f.area()))
                .expect("draw");
            counter.0.replace(0)
        };
        draw(&app);
        update::handle_event(&mut app, key('j'));
        let j = draw(&app);
        update::handle_event(&mut app, key('k'));
        let k = draw(&app);
        println!("bytes_per_key/{events}: j {j} bytes, k {k} bytes");
    }
}

criterion_group!(benches, keys, open, bytes_per_key);
criterion_main!(benches);
