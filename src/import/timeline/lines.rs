//! Streaming a text file line by line, with progress, so a 1 GB log never
//! loads whole. Invalid UTF-8 is read lossily (binary junk becomes
//! unparseable lines, never an error).

use std::borrow::Cow;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::{Collector, ImportError, Progress};

/// Progress is reported every this many bytes.
const PROGRESS_STEP: u64 = 1 << 20;

/// Longer lines are cut to this many bytes (the rest is skipped unread into
/// memory), so a file without newlines — binary junk — never loads whole.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Reads up to and including the next `\n`, keeping at most
/// [`MAX_LINE_BYTES`] in `line`. Returns the bytes consumed (0 at the end).
fn read_line_capped(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut consumed = 0;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if chunk.is_empty() {
            return Ok(consumed);
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        let room = MAX_LINE_BYTES.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..take.min(room)]);
        reader.consume(take);
        consumed += take;
        if done {
            return Ok(consumed);
        }
    }
}

/// Calls `each(line_number, line)` for every line (without its line ending)
/// that matches `--grep` when the collector says the reader applies it.
pub(crate) fn for_each_line(
    path: &Path,
    collector: &mut Collector<'_>,
    progress: &dyn Progress,
    mut each: impl FnMut(usize, &str, &mut Collector<'_>) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = crate::store::open_regular(path, "evidence").map_err(io)?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    progress.start(&label, total);
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let mut buffer = Vec::with_capacity(1024);
    let grep = collector.options.grep.clone();
    collector.grep_done = true;
    let mut number = 0;
    let mut unreported = 0u64;
    let mut read_total = 0u64;
    loop {
        buffer.clear();
        let read = read_line_capped(&mut reader, &mut buffer).map_err(io)?;
        if read == 0 {
            break;
        }
        number += 1;
        read_total += read as u64;
        unreported += read as u64;
        if unreported >= PROGRESS_STEP {
            progress.advance(unreported);
            unreported = 0;
        }
        let mut bytes = buffer.as_slice();
        while let [rest @ .., b'\n' | b'\r'] = bytes {
            bytes = rest;
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(bytes),
        };
        if let Some(re) = &grep
            && !re.is_match(&line)
        {
            collector.ignore();
            continue;
        }
        each(number, &line, collector)?;
    }
    progress.advance(unreported);
    progress.finish();
    collector.read_bytes(read_total);
    Ok(())
}
