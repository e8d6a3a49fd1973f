//! A large document parsed on two threads: the `[[timeline]]` blocks are
//! split in two halves at a block boundary, and each thread reads its half
//! straight into events (never a table of the whole file) — a block in
//! debrief's own shape directly (`fast_event`), any other through `toml`
//! in pieces of at most about 1 MiB — while the rest of the file
//! (everything before and after the run of timeline blocks) goes the usual
//! way, schema and limits checked. Anything unusual gives `None`, and the
//! caller parses the whole file as before, so errors and their positions
//! stay exactly its own.
//!
//! Cutting at a line `[[timeline]]` cannot change what the text means: a
//! multi-line string or array cut there leaves an unterminated one in the
//! text before the cut, which `toml` does not parse and the fast read
//! declines; text that `toml` parses alone ends outside any string.

// The timeline holds its events boxed (`Postmortem::timeline`), so the
// events are read into boxes here rather than moved into them later.
#![allow(clippy::vec_box)]

use std::path::Path;

use serde::Deserialize;

use super::{MAX_FIELD_BYTES, fast_event, parse_table};
use crate::model::{Event, Postmortem};

/// Smaller documents are parsed in one piece (a thread costs more).
const SPLIT_FROM: usize = 1 << 20;

/// A run of timeline blocks, alone.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Part {
    timeline: Vec<Box<Event>>,
}

/// At most about how much text goes to `toml` at once: it holds a piece's
/// tokens and tree while it is deserialized, so pieces of this size parsed
/// one after the other on each thread keep the peak near the document
/// itself.
const PIECE: usize = 1 << 20;

/// The document, parsed in pieces; `None` when it is small or unusual, or
/// anything about it fails.
pub(super) fn parse(source: &str, path: &Path) -> Option<Postmortem> {
    if source.len() < SPLIT_FROM {
        return None;
    }
    let blocks = find_run(source)?;
    let last = blocks.len() - 1;
    let (start, end) = (blocks[0], blocks[last]);
    let (head, tail) = (&source[..start], &source[end..]);
    if tail.contains("[timeline") || tail.contains("[[timeline") {
        return None;
    }
    let rest = format!("{head}{tail}");
    // Two halves of about the same size, one for each thread.
    let middle = blocks
        .partition_point(|b| *b < start + (end - start) / 2)
        .clamp(1, last - 1);
    let (first, second) = (&blocks[..=middle], &blocks[middle..]);
    let (first, second, rest) = std::thread::scope(|scope| {
        let second = scope.spawn(|| events(source, second));
        let rest = parse_table(&rest, path).ok();
        let first = events(source, first);
        (first, second.join().ok().flatten(), rest)
    });
    let rest = rest?;
    if rest.contains_key("timeline") {
        return None;
    }
    let mut doc = Postmortem::deserialize(rest).ok()?;
    let mut timeline = first?;
    timeline.extend(second?);
    doc.timeline = timeline;
    Some(doc)
}

/// The events of the blocks starting at `blocks` (the last entry is where
/// the last one ends). A block in debrief's own shape is read directly; the
/// others go to `toml` a piece at a time, so a file written by another tool
/// costs no more than before.
fn events(source: &str, blocks: &[usize]) -> Option<Vec<Box<Event>>> {
    let mut events = Vec::with_capacity(blocks.len().saturating_sub(1));
    let mut pending: Option<usize> = None;
    for (at, pair) in blocks.windows(2).enumerate() {
        let block = &source[pair[0]..pair[1]];
        match fast_event::event(block) {
            Some(event) => {
                if let Some(from) = pending.take() {
                    events.extend(part(&source[blocks[from]..pair[0]])?);
                }
                events.push(Box::new(event));
            }
            None => {
                let from = *pending.get_or_insert(at);
                if pair[1] - blocks[from] >= PIECE {
                    events.extend(part(&source[blocks[from]..pair[1]])?);
                    pending = None;
                }
            }
        }
    }
    if let Some(from) = pending {
        events.extend(part(&source[blocks[from]..blocks[blocks.len() - 1]])?);
    }
    Some(events)
}

fn part(text: &str) -> Option<Vec<Box<Event>>> {
    toml::from_str::<Part>(text).ok().map(|p| p.timeline)
}

/// A line that starts a timeline block.
fn is_block_start(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r']) == "[[timeline]]"
}

/// The run of timeline blocks from the first `[[timeline]]` line to the
/// first other table header (sub-tables of events belong to the run): where
/// each block starts, then where the run ends. `None` when there is no such run, when a
/// block is longer than [`MAX_FIELD_BYTES`] (then no string in it is over
/// the field limit, which the whole parse would report) or when there is
/// only one block.
fn find_run(source: &str) -> Option<Vec<usize>> {
    let blocks = timeline_blocks(source)?;
    let too_long = blocks.windows(2).any(|w| w[1] - w[0] > MAX_FIELD_BYTES);
    (!too_long && blocks.len() >= 3).then_some(blocks)
}

/// Where each block of the run of timeline blocks starts (a line
/// `[[timeline]]`), then where the run ends (the first other table header;
/// sub-tables of events belong to the run). `None` without such a line.
/// A guess from the lines alone: callers check what they parse.
pub(crate) fn timeline_blocks(source: &str) -> Option<Vec<usize>> {
    let start = source
        .match_indices("\n[[timeline]]")
        .map(|(at, _)| at + 1)
        .find(|at| is_block_start(line_at(source, *at)))?;
    let mut blocks = vec![start];
    let mut end = source.len();
    let mut at = start;
    while at < source.len() {
        let line = line_at(source, at);
        if line.starts_with('[') {
            if is_block_start(line) {
                if at != start {
                    blocks.push(at);
                }
            } else if !(line.starts_with("[timeline.") || line.starts_with("[[timeline.")) {
                end = at;
                break;
            }
        }
        at += line.len();
    }
    blocks.push(end);
    Some(blocks)
}

/// The line starting at byte `at`, with its line ending.
fn line_at(source: &str, at: usize) -> &str {
    let rest = &source[at..];
    rest.find('\n').map_or(rest, |n| &rest[..=n])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document over [`SPLIT_FROM`] with `events` events, text `extra`
    /// after the timeline.
    fn big(events: usize, extra: &str) -> String {
        let mut s = String::from("schema = 1\nkind = \"incident\"\n\n[meta]\ntitle = \"t\"\n\n");
        for i in 1..=events {
            s.push_str(&format!(
                "[[timeline]]\nid = \"T{i}\"\nat = 2026-02-05T09:{:02}:00Z\ntext = \"event {i} {}\"\n\n",
                i % 60,
                "x".repeat(200)
            ));
        }
        s.push_str(extra);
        s
    }

    fn whole(source: &str) -> Postmortem {
        let table = parse_table(source, Path::new("t.toml")).expect("table");
        Postmortem::deserialize(table).expect("doc")
    }

    #[test]
    fn pieces_give_the_whole_document() {
        let source = big(
            6000,
            "[[factors]]\nid = \"F1\"\ntext = \"f\"\ncategory = \"process\"\n",
        );
        assert!(source.len() > SPLIT_FROM);
        let doc = parse(&source, Path::new("t.toml")).expect("split");
        assert_eq!(doc.timeline.len(), 6000);
        assert_eq!(doc, whole(&source));
    }

    #[test]
    fn blocks_in_other_shapes_among_debriefs_own_read_the_same() {
        let mut source = big(6000, "");
        // Provenance sub-tables, comments and multi-line strings go to toml,
        // alone or in runs; the blocks between them are read directly.
        for (n, shape) in [
            (
                7,
                "text = \"event 7\"\n[timeline.provenance]\nkind = \"log\"\nhash = \"h7\"\n",
            ),
            (8, "text = \"event 8\" # said twice\n"),
            (9, "text = \"\"\"\n[[timeline]]\nnot a block\"\"\"\n"),
            (4001, "text = 'literal \"quoted\"'\n"),
        ] {
            let line = format!("text = \"event {n} {}\"\n", "x".repeat(200));
            source = source.replacen(&line, shape, 1);
        }
        let doc = parse(&source, Path::new("t.toml")).expect("split");
        assert_eq!(doc, whole(&source));
        assert_eq!(doc.timeline.len(), 6000);
        let provenance = doc.timeline[6].provenance.as_ref().expect("provenance");
        assert_eq!(provenance.hash, "h7");
        assert_eq!(doc.timeline[8].text, "[[timeline]]\nnot a block");
    }

    #[test]
    fn unusual_documents_are_left_to_the_whole_parse() {
        let path = Path::new("t.toml");
        // A block header inside a multi-line string, in the middle.
        let mut source = big(3000, "");
        source.push_str("[[timeline]]\nid = \"X\"\nat = 2026-02-05T09:00:00Z\ntext = \"\"\"\n");
        source.push_str("[[timeline]]\n\"\"\"\n\n");
        source.push_str(&big(3000, "").replace(
            "schema = 1\nkind = \"incident\"\n\n[meta]\ntitle = \"t\"\n\n",
            "",
        ));
        let split = parse(&source, path);
        assert!(split.is_none() || split == Some(whole(&source)));
        // More timeline after another table: not one run.
        let source = big(
            6000,
            "[[factors]]\nid = \"F1\"\ntext = \"f\"\ncategory = \"process\"\n\n[[timeline]]\nid = \"Z\"\nat = 2026-02-05T09:00:00Z\ntext = \"z\"\n",
        );
        assert!(parse(&source, path).is_none());
        // A syntax error in a block: the whole parse reports it.
        let source = big(6000, "").replace("id = \"T4000\"", "id = T4000");
        assert!(parse(&source, path).is_none());
        // An explicit empty timeline before the blocks is a duplicate key.
        let source = big(6000, "").replace("[meta]", "timeline = []\n[meta]");
        assert!(parse(&source, path).is_none());
        // Small documents are not split.
        assert!(parse(&big(10, ""), path).is_none());
    }
}
