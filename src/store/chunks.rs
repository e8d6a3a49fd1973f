//! A large document parsed on two threads: the `[[timeline]]` blocks are
//! cut into pieces of about 1 MiB at block boundaries, and each thread
//! deserializes half of them, one after the other, straight into events
//! (never a table of the whole file), while the rest of the file (everything before and after
//! the run of timeline blocks) goes the usual way, schema and limits
//! checked. Anything unusual gives `None`, and the caller parses the whole
//! file as before, so errors and their positions stay exactly its own.
//!
//! Cutting at a line `[[timeline]]` cannot change what the text means: a
//! multi-line string or array cut there leaves an unterminated one in the
//! first half, which does not parse.

use std::path::Path;

use serde::Deserialize;

use super::{MAX_FIELD_BYTES, parse_table};
use crate::model::{Event, Postmortem};

/// Smaller documents are parsed in one piece (a thread costs more).
const SPLIT_FROM: usize = 1 << 20;

/// A run of timeline blocks, alone.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Part {
    timeline: Vec<Event>,
}

/// Where the timeline blocks run, cut into pieces at block starts.
struct Run {
    /// Piece boundaries: the run's start, block starts, the run's end.
    cuts: Vec<usize>,
    /// How many blocks (about how many events).
    blocks: usize,
}

/// About how much text one piece holds: toml holds a piece's tokens and
/// tree while it is deserialized, so pieces of this size parsed one after
/// the other on each thread keep the peak near the document itself.
const PIECE: usize = 1 << 20;

/// The document, parsed in pieces; `None` when it is small or unusual, or
/// anything about it fails.
pub(super) fn parse(source: &str, path: &Path) -> Option<Postmortem> {
    if source.len() < SPLIT_FROM {
        return None;
    }
    let run = find_run(source)?;
    let (start, end) = (run.cuts[0], run.cuts[run.cuts.len() - 1]);
    let (head, tail) = (&source[..start], &source[end..]);
    if tail.contains("[timeline") || tail.contains("[[timeline") {
        return None;
    }
    let rest = format!("{head}{tail}");
    let pieces: Vec<&str> = run.cuts.windows(2).map(|w| &source[w[0]..w[1]]).collect();
    let (first, second) = pieces.split_at(pieces.len() / 2);
    let (first, second, rest) = std::thread::scope(|scope| {
        let second = scope.spawn(|| parts(second, run.blocks / 2));
        let rest = parse_table(&rest, path).ok();
        let first = parts(first, run.blocks);
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

/// The events of `pieces`, parsed one after the other.
fn parts(pieces: &[&str], capacity: usize) -> Option<Vec<Event>> {
    let mut events = Vec::with_capacity(capacity);
    for piece in pieces {
        events.extend(part(piece)?);
    }
    Some(events)
}

fn part(text: &str) -> Option<Vec<Event>> {
    toml::from_str::<Part>(text).ok().map(|p| p.timeline)
}

/// A line that starts a timeline block.
fn is_block_start(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r']) == "[[timeline]]"
}

/// The run of timeline blocks from the first `[[timeline]]` line to the
/// first other table header (sub-tables of events belong to the run), cut
/// into pieces at block starts. `None` when there is no such run, when a
/// block is longer than [`MAX_FIELD_BYTES`] (then no string in it is over
/// the field limit, which the whole parse would report) or when there is
/// only one block.
fn find_run(source: &str) -> Option<Run> {
    let blocks = timeline_blocks(source)?;
    if blocks.windows(2).any(|w| w[1] - w[0] > MAX_FIELD_BYTES) || blocks.len() < 3 {
        return None;
    }
    let (start, end) = (blocks[0], blocks[blocks.len() - 1]);
    // At least two pieces (one a thread), then about PIECE bytes each.
    let count = ((end - start) / PIECE).max(2);
    let mut cuts = vec![start];
    for k in 1..count {
        let target = start + (end - start) * k / count;
        let at = blocks[blocks
            .partition_point(|b| *b < target)
            .min(blocks.len() - 2)];
        if at > cuts[cuts.len() - 1] {
            cuts.push(at);
        }
    }
    cuts.push(end);
    (cuts.len() >= 3).then_some(Run {
        cuts,
        blocks: blocks.len() - 1,
    })
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
