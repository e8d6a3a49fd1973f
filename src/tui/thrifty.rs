//! A backend that writes fewer bytes for the same frame: ratatui sends
//! only the cells that changed, and crossterm moves the cursor before each
//! run of them (`ESC [ row ; col H`, 6–8 bytes). When two changed cells on a
//! row are a few unchanged cells apart, writing those cells again costs less
//! than the move — a selection moving through a list, or the detail of the
//! next event replacing the last one's, changes cells with short gaps
//! between them. Over SSH every byte of a key press is felt.
//!
//! The backend keeps what it knows is on the screen (a shadow of every cell
//! it wrote; nothing before the first clear or write) and fills a gap only
//! with cells it knows, of width one, in the style the terminal already has,
//! so the screen ends the same either way.

use std::io;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::{Cell, CellDiffOption};
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr;

/// [`CrosstermBackend`] that fills short gaps between changed cells.
pub struct Thrifty<W: io::Write> {
    inner: CrosstermBackend<W>,
    /// The screen as written, row by row; `None` where it is not known.
    rows: Vec<Vec<Option<Cell>>>,
    /// What every cell outside `rows` holds: blank after a clear, not known
    /// before the first one.
    beyond: Option<Cell>,
}

impl<W: io::Write> Thrifty<W> {
    /// Writes to `writer`, knowing nothing of the screen yet.
    pub fn new(writer: W) -> Self {
        Thrifty {
            inner: CrosstermBackend::new(writer),
            rows: Vec::new(),
            beyond: None,
        }
    }

    fn known(&self, x: u16, y: u16) -> Option<&Cell> {
        match self
            .rows
            .get(usize::from(y))
            .and_then(|row| row.get(usize::from(x)))
        {
            Some(cell) => cell.as_ref(),
            None => self.beyond.as_ref(),
        }
    }

    /// Forgets the screen: blank when it was cleared, else not known.
    fn forget(&mut self, blank: bool) {
        self.rows.clear();
        self.beyond = blank.then(Cell::default);
    }

    fn remember(&mut self, x: u16, y: u16, cell: &Cell) {
        let (x, y) = (usize::from(x), usize::from(y));
        let width = cell.symbol().width().max(1);
        if self.rows.len() <= y {
            self.rows.resize(y + 1, Vec::new());
        }
        let row = &mut self.rows[y];
        if row.len() < x + width {
            row.resize(x + width, self.beyond.clone());
        }
        row[x] = (width == 1).then(|| cell.clone());
        // The columns a wide symbol covers hold nothing known.
        for slot in &mut row[x + 1..x + width] {
            *slot = None;
        }
    }

    /// The known cells between `last` and the changed cell at `x` on row
    /// `y`, when writing them costs fewer bytes than moving the cursor.
    fn filler(&self, last: &(u16, u16, Cell), x: u16, y: u16) -> Option<Vec<(u16, u16, Cell)>> {
        let (lx, ly, pen) = last;
        if *ly != y || x <= lx + 1 || pen.symbol().width() != 1 {
            return None;
        }
        // `ESC [ row ; col H`, 1-based.
        let digits = |n: u16| n.checked_ilog10().map_or(1, |d| d as usize + 1);
        let cursor_move = 4 + digits(y + 1) + digits(x + 1);
        let mut bytes = 0;
        let mut cells = Vec::new();
        for gx in lx + 1..x {
            let cell = self.known(gx, y)?;
            let same_pen = cell.fg == pen.fg
                && cell.bg == pen.bg
                && cell.modifier == pen.modifier
                && cell.underline_color == pen.underline_color;
            if !same_pen || cell.diff_option != CellDiffOption::None || cell.symbol().width() != 1 {
                return None;
            }
            bytes += cell.symbol().len();
            if bytes >= cursor_move {
                return None;
            }
            cells.push((gx, y, cell.clone()));
        }
        Some(cells)
    }
}

/// Raw output (an OSC 52 copy) goes straight to the terminal; it changes
/// no cell.
impl<W: io::Write> io::Write for Thrifty<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.inner.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        io::Write::flush(&mut self.inner)
    }
}

impl<W: io::Write> Backend for Thrifty<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, cell) in content {
            if let Some(fill) = cells.last().and_then(|last| self.filler(last, x, y)) {
                cells.extend(fill);
            }
            cells.push((x, y, cell.clone()));
        }
        for (x, y, cell) in &cells {
            self.remember(*x, *y, cell);
        }
        self.inner
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()?;
        self.forget(true);
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)?;
        self.forget(clear_type == ClearType::All);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests;
