//! Markdown postmortems into the model, losing nothing.
//!
//! The document is parsed with pulldown-cmark into blocks with byte ranges
//! ([`blocks`]), cut into chunks at every heading, and each chunk is read by
//! the section its heading names ([`sections`]; the passes are in `passes.rs`).
//! What no field takes goes to [`Postmortem::unmapped`], sliced verbatim from
//! the source. The [`ImportReport`] says what went where.

mod actions;
mod blocks;
mod chunks;
mod content;
mod front;
mod labels;
mod legacy;
mod lists;
mod meta;
mod order;
mod passes;
mod prose;
mod report;
mod sections;
mod synonyms;
mod tables;
pub(crate) mod text;
mod timeline;
mod wording;

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};
use thiserror::Error;

use crate::model::{DisplayZone, Kind, Postmortem};

use blocks::{Block, BlockKind, slice};
use sections::Section;

pub use report::{ImportReport, ReportLine};

/// The largest Markdown document the importer reads (16 MiB).
pub const MAX_MARKDOWN_BYTES: usize = 16 * 1024 * 1024;

/// How to read the document.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The zone for times the document gives without one (`--tz`). The
    /// document's own statement ("All times in UTC") takes precedence.
    pub zone: Option<DisplayZone>,
    /// The incident date when neither the document nor its file name gives
    /// one (`--date`). Without any, times without a date cannot be placed
    /// and the report says so ([`ImportReport::needs_date`]).
    pub date: Option<NaiveDate>,
    /// The file's name, searched for a date (`2024-03-14-db-outage.md`).
    pub name: Option<String>,
    /// Headings mapped explicitly to sections (`--map "Heading=section"`):
    /// (heading, section name from [`SECTION_NAMES`]).
    pub map: Vec<(String, String)>,
}

/// The section names `--map` accepts.
pub use sections::SECTION_NAMES;

/// Reads one `--map` argument: `Heading=section`, the section one of
/// [`SECTION_NAMES`] (case and `_`/`-`/space insensitive).
pub fn parse_map(text: &str) -> Result<(String, String), String> {
    let Some((heading, name)) = text.rsplit_once('=') else {
        return Err(format!(
            "`{text}`: expected HEADING=SECTION, e.g. \"Things that made it worse=factors\""
        ));
    };
    let heading = heading.trim();
    if heading.is_empty() {
        return Err(format!("`{text}`: the heading before `=` is empty"));
    }
    match sections::by_name(name) {
        Some(_) => Ok((heading.to_string(), sections::canonical_name(name))),
        None => Err(format!(
            "`{text}`: unknown section `{}`: expected one of {}",
            name.trim(),
            SECTION_NAMES.join(", ")
        )),
    }
}

/// Why a Markdown document could not be imported at all.
#[derive(Debug, Error, PartialEq)]
pub enum ImportError {
    /// Nothing but whitespace.
    #[error("the Markdown document is empty: expected a postmortem with a title and sections")]
    Empty,
    /// Larger than [`MAX_MARKDOWN_BYTES`].
    #[error("the Markdown document is {0} bytes; debrief imports documents up to 16 MiB")]
    TooLarge(usize),
}

/// Parses a Markdown postmortem into the model.
///
/// Never panics; anything that maps to no field is kept in `unmapped`.
pub fn import(
    text: &str,
    options: &ImportOptions,
) -> Result<(Postmortem, ImportReport), ImportError> {
    if text.len() > MAX_MARKDOWN_BYTES {
        return Err(ImportError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let src = text.replace("\r\n", "\n").replace('\r', "\n");
    // HTML, Pandoc simple and Jira tables as pipe tables.
    let src = legacy::normalize(&src);
    if src.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let mut importer = Importer::new(&src, options);
    importer.run();
    Ok(importer.finish())
}

/// A heading as written.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// The heading's inline Markdown.
    text: String,
    /// The whole heading line(s).
    range: Range<usize>,
    /// 1 to 6.
    level: u8,
}

/// The blocks under one heading, up to the next heading.
#[derive(Debug, Clone)]
pub(crate) struct Chunk {
    heading: Option<Heading>,
    section: Section,
    blocks: Vec<Block>,
    /// The export's unmapped marker preceded the heading.
    marked: bool,
    /// Cut out of a chunk by its content ([`content::split`]): the heading
    /// is reported once, by the first part.
    derived: bool,
    /// Sub-headings follow: an empty body is a parent's, not a template's
    /// empty section.
    has_sub: bool,
}

/// Import state: the document being built and what is known so far.
pub(crate) struct Importer<'a> {
    src: &'a str,
    doc: Postmortem,
    report: ImportReport,
    /// The zone times without their own are read in.
    zone: DisplayZone,
    /// Whether the document itself named its zone.
    zone_declared: bool,
    /// The incident date, for times without a date.
    date: Option<NaiveDate>,
    /// Text read in the title area that is not metadata.
    lead: Vec<String>,
    /// The Duration label's raw text, kept if it is not derivable.
    duration_text: Option<String>,
    /// Times seen without any date in the document.
    undated: bool,
    /// Last (date, time) in the timeline, to roll past midnight.
    last_time: Option<(NaiveDate, NaiveTime)>,
    /// Project signals seen (goals table, engagement period, prefix).
    project: bool,
    /// The document gave its incident date in a Date label.
    dated: bool,
    /// Every factor so far came with the export's `**F1**` id.
    exported_factor_ids: bool,
    /// Ids of the whys read so far (a set: a long chain stays linear).
    why_ids: std::collections::HashSet<String>,
    /// Ids of the events read so far, and the highest number among them
    /// (the next one is `T` and one more): a long timeline stays linear.
    event_ids: std::collections::HashSet<String>,
    highest_event: u64,
    /// Indexes in `doc.unmapped` of the parts the export's marker announced.
    marked_unmapped: Vec<usize>,
    /// The caller's options (date, file name, heading map).
    options: ImportOptions,
    /// Metadata lines whose label or value was translated, as written.
    as_written: Vec<String>,
    /// Section headings as written, settled by [`wording::finish`].
    pending_headings: Vec<wording::Pending>,
}

impl<'a> Importer<'a> {
    fn new(src: &'a str, options: &ImportOptions) -> Self {
        Importer {
            src,
            doc: Postmortem::new(Kind::Incident, ""),
            report: ImportReport::default(),
            zone: options.zone.unwrap_or_default(),
            zone_declared: false,
            date: None,
            lead: Vec::new(),
            duration_text: None,
            undated: false,
            last_time: None,
            project: false,
            exported_factor_ids: true,
            dated: false,
            why_ids: Default::default(),
            event_ids: Default::default(),
            highest_event: 0,
            marked_unmapped: Vec::new(),
            options: options.clone(),
            as_written: Vec::new(),
            pending_headings: Vec::new(),
        }
        .with_zone_name(options.zone)
    }

    fn with_zone_name(mut self, zone: Option<DisplayZone>) -> Self {
        if let Some(zone) = zone {
            self.doc.meta.timezone = zone.to_string();
        }
        self
    }

    fn declare_zone(&mut self, zone: DisplayZone, name: &str) {
        if !self.zone_declared {
            self.zone = zone;
            self.zone_declared = true;
            self.doc.meta.timezone = name.to_string();
        }
    }

    /// The source text of `blocks`: runs of adjacent blocks sliced whole,
    /// runs joined by a blank line.
    fn verbatim(&self, blocks: &[Block]) -> String {
        let mut parts: Vec<Range<usize>> = Vec::new();
        for block in blocks {
            let range = block.range.clone();
            match parts.last_mut() {
                Some(last)
                    if self
                        .src
                        .get(last.end..range.start)
                        .is_some_and(|gap| gap.trim().is_empty()) =>
                {
                    last.end = last.end.max(range.end);
                }
                _ => parts.push(range),
            }
        }
        parts
            .iter()
            .map(|r| slice(self.src, r).trim_end().to_string())
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// Verbatim text of all blocks except front matter and rules.
    fn body(&self, blocks: &[&Block]) -> String {
        let owned: Vec<Block> = blocks
            .iter()
            .filter(|b| !matches!(b.kind, BlockKind::Rule | BlockKind::Metadata { .. }))
            .map(|b| (*b).clone())
            .collect();
        self.verbatim(&owned)
    }
}

/// Appends a paragraph to a text field.
fn append(field: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !field.is_empty() {
        field.push_str("\n\n");
    }
    field.push_str(text);
}

/// Appends to a block field (logs, metrics, notes) that ends with a newline,
/// the way multi-line TOML strings are written.
fn append_block(field: &mut String, text: &str) {
    let text = text.trim_end();
    if text.trim().is_empty() {
        return;
    }
    if !field.is_empty() {
        field.push('\n');
    }
    field.push_str(text);
    field.push('\n');
}
