//! A small block tree over pulldown-cmark events, with byte ranges into the
//! source, so every part of the input can be sliced back out verbatim.

use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

/// One block of the document.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// Where the block is in the source.
    pub range: Range<usize>,
    /// What it is.
    pub kind: BlockKind,
}

/// The kinds of block the importer tells apart.
#[derive(Debug, Clone)]
pub(crate) enum BlockKind {
    /// A heading; `text` is the range of its inline content.
    Heading { level: u8, text: Range<usize> },
    /// A paragraph (or the loose text of a tight list item).
    Paragraph,
    /// A bullet or numbered list.
    List { items: Vec<Item> },
    /// A table: header cells and body rows, as ranges of cell content.
    Table {
        head: Vec<Range<usize>>,
        rows: Vec<Vec<Range<usize>>>,
    },
    /// A fenced or indented code block with its text.
    Code { text: String },
    /// Raw HTML (comments included).
    Html,
    /// Front matter: YAML (`---`) or TOML (`+++`), with its text.
    Metadata { toml: bool, text: String },
    /// A thematic break.
    Rule,
    /// Anything else (block quotes, footnote definitions, …): kept verbatim.
    Other,
}

/// One list item.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// The whole item, marker included.
    pub range: Range<usize>,
    /// `Some(checked)` for a task-list item.
    pub task: Option<bool>,
    /// The item's own blocks (paragraphs, nested lists, …).
    pub blocks: Vec<Block>,
}

impl Item {
    /// The item's text without nested lists, dedented.
    pub fn text(&self, src: &str) -> String {
        let parts: Vec<String> = self
            .blocks
            .iter()
            .filter(|b| !matches!(b.kind, BlockKind::List { .. }))
            .map(|b| dedent(slice(src, &b.range)))
            .collect();
        parts.join("\n\n").trim().to_string()
    }

    /// Nested lists inside the item.
    pub fn sublists(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::List { .. }))
    }
}

/// The parser options debrief reads Markdown with.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// `src[range]`, or "" when the range is not on character boundaries.
pub(crate) fn slice<'a>(src: &'a str, range: &Range<usize>) -> &'a str {
    src.get(range.clone()).unwrap_or_default()
}

/// Strips the leading whitespace of every line after the first: paragraph
/// continuation lines inside list items carry the item's indentation.
pub(crate) fn dedent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.trim().lines().enumerate() {
        if n > 0 {
            out.push('\n');
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
    }
    out
}

/// How deep lists may nest in the block tree. A list nested deeper is not
/// read as a list: it stays, verbatim, in the text of the item at this
/// depth, so input cannot drive the readers (all recursive over the tree)
/// into a stack overflow, and no word is lost.
pub(crate) const MAX_LIST_DEPTH: usize = 32;

/// The blocks of a document, and where lists nested past
/// [`MAX_LIST_DEPTH`] were kept as text.
pub(crate) struct Parsed {
    /// Top-level blocks.
    pub blocks: Vec<Block>,
    /// Byte offsets of the outermost list of each run of lists nested too
    /// deep, in document order.
    pub flattened: Vec<usize>,
    /// Where the link reference definitions are (the parser gives them no
    /// event), in document order.
    pub link_defs: Vec<Range<usize>>,
}

/// Parses `src` into top-level blocks.
pub(crate) fn parse(src: &str) -> Parsed {
    let parser = Parser::new_ext(src, options());
    let mut link_defs: Vec<Range<usize>> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| def.span.clone())
        .collect();
    link_defs.sort_by_key(|r| r.start);
    let events: Vec<(Event<'_>, Range<usize>)> = parser.into_offset_iter().collect();
    let mut walk = Walk {
        events: &events,
        at: 0,
        flattened: Vec::new(),
    };
    let blocks = walk.blocks(None, 0);
    Parsed {
        blocks,
        flattened: walk.flattened,
        link_defs,
    }
}

/// A walk over the event list; recursion follows list nesting only, and
/// stops at [`MAX_LIST_DEPTH`].
struct Walk<'e, 'src> {
    events: &'e [(Event<'src>, Range<usize>)],
    at: usize,
    flattened: Vec<usize>,
}

impl Walk<'_, '_> {
    /// Reads blocks until the end tag `until` (or the end of the events);
    /// `depth` is the number of lists around them.
    fn blocks(&mut self, until: Option<TagEnd>, depth: usize) -> Vec<Block> {
        let events = self.events;
        let mut blocks = Vec::new();
        // Inline content directly inside an item (tight lists) forms a paragraph.
        let mut loose: Option<Range<usize>> = None;
        let flush = |loose: &mut Option<Range<usize>>, blocks: &mut Vec<Block>| {
            if let Some(range) = loose.take() {
                blocks.push(Block {
                    range,
                    kind: BlockKind::Paragraph,
                });
            }
        };
        while self.at < events.len() {
            let (event, range) = &events[self.at];
            match event {
                Event::End(end) if Some(*end) == until => {
                    self.at += 1;
                    break;
                }
                Event::End(_) => {
                    self.at += 1;
                }
                Event::Start(tag) if is_block(tag) => {
                    flush(&mut loose, &mut blocks);
                    let block = self.block(depth);
                    blocks.push(block);
                }
                Event::Start(_)
                | Event::Text(_)
                | Event::Code(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::InlineHtml(_)
                | Event::FootnoteReference(_)
                | Event::SoftBreak
                | Event::HardBreak
                | Event::TaskListMarker(_) => {
                    if !matches!(event, Event::TaskListMarker(_)) {
                        loose = Some(match loose.take() {
                            Some(r) => r.start.min(range.start)..r.end.max(range.end),
                            None => range.clone(),
                        });
                    }
                    // Skip over the whole inline element.
                    if let Event::Start(tag) = event {
                        skip_to_end(events, &mut self.at, tag.to_end());
                    } else {
                        self.at += 1;
                    }
                }
                Event::Html(_) => {
                    flush(&mut loose, &mut blocks);
                    blocks.push(Block {
                        range: range.clone(),
                        kind: BlockKind::Html,
                    });
                    self.at += 1;
                }
                Event::Rule => {
                    flush(&mut loose, &mut blocks);
                    blocks.push(Block {
                        range: range.clone(),
                        kind: BlockKind::Rule,
                    });
                    self.at += 1;
                }
            }
        }
        flush(&mut loose, &mut blocks);
        blocks
    }

    /// Reads the block whose start tag is at `self.at`, inside `depth` lists.
    fn block(&mut self, depth: usize) -> Block {
        let events = self.events;
        let (event, range) = &events[self.at];
        let Event::Start(tag @ Tag::List(_)) = event else {
            return parse_block(events, &mut self.at);
        };
        let range = range.clone();
        if depth >= MAX_LIST_DEPTH {
            // Too deep to read as a list: its Markdown stays in the text of
            // the item around it (`Item::text` keeps every non-list block).
            self.flattened.push(range.start);
            skip_to_end(events, &mut self.at, tag.to_end());
            return Block {
                range,
                kind: BlockKind::Other,
            };
        }
        self.at += 1;
        let mut items = Vec::new();
        while self.at < events.len() {
            match &events[self.at] {
                (Event::End(TagEnd::List(_)), _) => {
                    self.at += 1;
                    break;
                }
                (Event::Start(Tag::Item), item_range) => {
                    let item_range = item_range.clone();
                    self.at += 1;
                    let task = match events.get(self.at) {
                        Some((Event::TaskListMarker(checked), _)) => Some(*checked),
                        _ => None,
                    };
                    let blocks = self.blocks(Some(TagEnd::Item), depth + 1);
                    items.push(Item {
                        range: item_range,
                        task,
                        blocks,
                    });
                }
                _ => self.at += 1,
            }
        }
        Block {
            range,
            kind: BlockKind::List { items },
        }
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
    )
}

/// Moves past the end tag matching the start at `*at`, whatever is inside.
fn skip_to_end(events: &[(Event<'_>, Range<usize>)], at: &mut usize, end: TagEnd) -> Range<usize> {
    let start_range = events[*at].1.clone();
    let mut depth = 0usize;
    while *at < events.len() {
        match &events[*at].0 {
            Event::Start(tag) if tag.to_end() == end => depth += 1,
            Event::End(e) if *e == end => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    *at += 1;
                    return start_range;
                }
            }
            _ => {}
        }
        *at += 1;
    }
    start_range
}

/// Parses the block whose start tag is at `*at`: anything but a list, which
/// [`Walk::block`] reads.
fn parse_block(events: &[(Event<'_>, Range<usize>)], at: &mut usize) -> Block {
    let (event, range) = &events[*at];
    let range = range.clone();
    let Event::Start(tag) = event else {
        *at += 1;
        return Block {
            range,
            kind: BlockKind::Other,
        };
    };
    match tag {
        Tag::Heading { level, .. } => {
            let level = *level as u8;
            *at += 1;
            let mut text: Option<Range<usize>> = None;
            while *at < events.len() {
                match &events[*at] {
                    (Event::End(TagEnd::Heading(_)), _) => {
                        *at += 1;
                        break;
                    }
                    (_, r) => {
                        text = Some(match text.take() {
                            Some(t) => t.start.min(r.start)..t.end.max(r.end),
                            None => r.clone(),
                        });
                        *at += 1;
                    }
                }
            }
            let text = text.unwrap_or(range.end..range.end);
            Block {
                range,
                kind: BlockKind::Heading { level, text },
            }
        }
        Tag::Paragraph => {
            skip_to_end(events, at, TagEnd::Paragraph);
            Block {
                range,
                kind: BlockKind::Paragraph,
            }
        }
        Tag::CodeBlock(_) => {
            *at += 1;
            let mut text = String::new();
            while *at < events.len() {
                match &events[*at].0 {
                    Event::End(TagEnd::CodeBlock) => {
                        *at += 1;
                        break;
                    }
                    Event::Text(t) => text.push_str(t),
                    _ => {}
                }
                *at += 1;
            }
            Block {
                range,
                kind: BlockKind::Code { text },
            }
        }
        Tag::MetadataBlock(kind) => {
            let toml = matches!(kind, MetadataBlockKind::PlusesStyle);
            let end = TagEnd::MetadataBlock(*kind);
            *at += 1;
            let mut text = String::new();
            while *at < events.len() {
                match &events[*at].0 {
                    Event::End(e) if *e == end => {
                        *at += 1;
                        break;
                    }
                    Event::Text(t) => text.push_str(t),
                    _ => {}
                }
                *at += 1;
            }
            Block {
                range,
                kind: BlockKind::Metadata { toml, text },
            }
        }
        Tag::HtmlBlock => {
            skip_to_end(events, at, TagEnd::HtmlBlock);
            Block {
                range,
                kind: BlockKind::Html,
            }
        }
        Tag::Table(_) => {
            *at += 1;
            let mut head = Vec::new();
            let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
            let mut in_head = false;
            while *at < events.len() {
                match &events[*at] {
                    (Event::End(TagEnd::Table), _) => {
                        *at += 1;
                        break;
                    }
                    (Event::Start(Tag::TableHead), _) => {
                        in_head = true;
                        *at += 1;
                    }
                    (Event::End(TagEnd::TableHead), _) => {
                        in_head = false;
                        *at += 1;
                    }
                    (Event::Start(Tag::TableRow), _) => {
                        rows.push(Vec::new());
                        *at += 1;
                    }
                    (Event::Start(Tag::TableCell), cell) => {
                        let cell = cell.clone();
                        skip_to_end(events, at, TagEnd::TableCell);
                        if in_head {
                            head.push(cell);
                        } else if let Some(row) = rows.last_mut() {
                            row.push(cell);
                        }
                    }
                    _ => *at += 1,
                }
            }
            Block {
                range,
                kind: BlockKind::Table { head, rows },
            }
        }
        other => {
            skip_to_end(events, at, other.to_end());
            Block {
                range,
                kind: BlockKind::Other,
            }
        }
    }
}
