//! Markdown postmortems into the model, losing nothing.
//!
//! The document is parsed with pulldown-cmark into blocks with byte ranges
//! ([`blocks`]), cut into chunks at every heading, and each chunk is read by
//! the section its heading names ([`sections`]). What no field takes goes to
//! [`Postmortem::unmapped`], sliced verbatim from the source. The
//! [`ImportReport`] says what went where.

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

use crate::model::{DisplayZone, Kind, Postmortem, Unmapped};

use blocks::{Block, BlockKind, slice};
use sections::Section;

pub use report::{ImportReport, ReportLine};

use crate::export::escape::{unescape, unescape_blocks};
use crate::model::for_each_text_mut;

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

    fn run(&mut self) {
        let parsed = blocks::parse(self.src);
        self.flattened(&parsed.flattened);
        let between = self.between_blocks(&parsed.blocks, &parsed.link_defs);
        let (chunks, settings) = self.chunks(parsed.blocks);
        for text in settings {
            self.settings(&text);
        }
        self.prescan(&chunks);
        if self.date.is_none() {
            // The file name, then --date.
            self.date = self
                .options
                .name
                .as_deref()
                .and_then(|name| text::find_date(name, None))
                .or(self.options.date);
        }
        for chunk in &chunks {
            self.chunk(chunk);
        }
        if !between.is_empty() {
            // Link reference definitions (and anything else the parser reads
            // as no block): kept as written.
            let heading = "Link references".to_string();
            self.report.unmapped(&heading, &between);
            self.doc.unmapped.push(Unmapped {
                heading,
                markdown: between,
            });
        }
    }

    /// Reads what the whole document needs before any section: the zone and
    /// the incident date.
    fn prescan(&mut self, chunks: &[Chunk]) {
        for chunk in chunks {
            if let Some(heading) = &chunk.heading {
                if matches!(chunk.section, Section::Timeline | Section::Title)
                    && let Some(zone) = timeline::zone_in(&heading.text)
                {
                    self.declare_zone(zone.0, &zone.1);
                }
                if chunk.section == Section::Title && self.date.is_none() {
                    self.date = text::find_date(&heading.text, None);
                }
            }
            for block in &chunk.blocks {
                match &block.kind {
                    BlockKind::Paragraph if chunk.section == Section::Timeline => {
                        if let Some(zone) = timeline::all_times_in(slice(self.src, &block.range)) {
                            self.declare_zone(zone.0, &zone.1);
                        }
                    }
                    BlockKind::Metadata { toml, text } => {
                        front::prescan(self, *toml, text);
                    }
                    BlockKind::Paragraph | BlockKind::Other | BlockKind::Table { .. }
                        if matches!(
                            chunk.section,
                            Section::Title | Section::Preamble | Section::Meta
                        ) =>
                    {
                        meta::prescan(self, slice(self.src, &block.range));
                        if let Some(zone) = timeline::all_times_in(slice(self.src, &block.range)) {
                            self.declare_zone(zone.0, &zone.1);
                        }
                    }
                    BlockKind::Paragraph => {
                        // "All times in America/New_York", "Times are PST"
                        // anywhere before the timeline.
                        if let Some(zone) = timeline::all_times_in(slice(self.src, &block.range)) {
                            self.declare_zone(zone.0, &zone.1);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn declare_zone(&mut self, zone: DisplayZone, name: &str) {
        if !self.zone_declared {
            self.zone = zone;
            self.zone_declared = true;
            self.doc.meta.timezone = name.to_string();
        }
    }

    fn chunk(&mut self, chunk: &Chunk) {
        if let Some(parts) = content::split(self, chunk) {
            for (i, part) in parts.iter().enumerate() {
                self.chunk_part(part, i == 0);
            }
            return;
        }
        self.chunk_part(chunk, true);
    }

    /// Reads one chunk; `first` reports its heading.
    fn chunk_part(&mut self, chunk: &Chunk, first: bool) {
        if chunk.marked {
            let heading = chunk
                .heading
                .as_ref()
                .map(|h| h.text.clone())
                .unwrap_or_default();
            let markdown = self.verbatim(&chunk.blocks);
            self.report.unmapped(&heading, &markdown);
            self.marked_unmapped.push(self.doc.unmapped.len());
            self.doc.unmapped.push(Unmapped { heading, markdown });
            return;
        }
        let leftover = match &chunk.section {
            Section::Preamble | Section::Title | Section::Meta => meta::chunk(self, chunk),
            Section::Summary => self.summary(chunk),
            Section::Impact => tables::impact(self, chunk),
            Section::Timeline | Section::TimelineDay(_) => timeline::chunk(self, chunk),
            Section::KeyIntervals => tables::key_intervals(self, chunk),
            Section::RootCause | Section::Whys => lists::root_cause(self, chunk),
            Section::Problem => self.problem(chunk),
            Section::Factors(category) => lists::factors(self, chunk, category.clone()),
            Section::Response => tables::response(self, chunk),
            Section::ResponsePhase(phase) => tables::response_phase(self, chunk, phase),
            Section::WentWell
            | Section::WentPoorly
            | Section::Lucky
            | Section::Differently
            | Section::Recommendations
            | Section::Distribution => lists::review(self, chunk),
            Section::WorkedDidnt => tables::worked_didnt(self, chunk),
            Section::Goals => tables::goals(self, chunk),
            Section::Lessons(category) => lists::lessons(self, chunk, category.clone()),
            Section::Actions(timeframe) => actions::actions(self, chunk, *timeframe),
            Section::FollowUp => lists::follow_up(self, chunk),
            Section::SignOff => tables::sign_off(self, chunk),
            Section::Appendix | Section::Notes => self.notes(chunk),
            Section::Logs => self.logs(chunk),
            Section::Metrics => self.metrics(chunk),
            Section::Related => lists::related(self, chunk),
            Section::Marked | Section::Unknown => chunk.blocks.iter().collect(),
        };
        // An empty section of a template keeps its heading (a parent of
        // sub-sections excepted).
        let empty = !chunk.derived
            && !chunk.has_sub
            && chunk
                .blocks
                .iter()
                .all(|b| matches!(b.kind, BlockKind::Rule));
        if let Some(heading) = &chunk.heading
            && first
            && !matches!(
                chunk.section,
                Section::Unknown | Section::Title | Section::Notes
            )
            && !wording::section(
                self,
                &chunk.section,
                &heading.text,
                sections::heading_is_covered(&heading.text, &chunk.section) && !empty,
            )
            && (!sections::heading_is_covered(&heading.text, &chunk.section) || empty)
        {
            // The heading says more than its section's name: keep its words.
            self.report.unmapped(&heading.text, "");
            self.doc.unmapped.push(Unmapped {
                heading: heading.text.clone(),
                markdown: String::new(),
            });
        }
        let leftover: Vec<&Block> = leftover
            .into_iter()
            .filter(|b| !matches!(b.kind, BlockKind::Rule))
            .collect();
        let unknown_heading = matches!(chunk.section, Section::Unknown) && first;
        if leftover.is_empty() && !unknown_heading {
            return;
        }
        let heading = chunk
            .heading
            .as_ref()
            .map(|h| h.text.clone())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "Preamble".to_string());
        let owned: Vec<Block> = leftover.into_iter().cloned().collect();
        let markdown = self.verbatim(&owned);
        if markdown.is_empty() && !unknown_heading {
            return;
        }
        self.report.unmapped(&heading, &markdown);
        self.doc.unmapped.push(Unmapped { heading, markdown });
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

    fn finish(mut self) -> (Postmortem, ImportReport) {
        meta::finish(&mut self);
        if self.project {
            self.doc.kind = Kind::Project;
            if self.doc.project.is_none() {
                self.doc.project = Some(Default::default());
            }
        }
        wording::finish(&mut self);
        self.unescape();
        self.sort_like_export();
        // The zone the export will name above the timeline.
        if self.doc.meta.timezone.is_empty() && !self.doc.timeline.is_empty() {
            self.doc.meta.timezone = self.zone.to_string();
        }
        // Categories the document uses beyond the defaults become its own.
        let mut categories = self.doc.factor_categories();
        let before = categories.len();
        for factor in &self.doc.factors {
            if !categories.contains(&factor.category) {
                categories.push(factor.category.clone());
            }
        }
        if categories.len() > before {
            self.doc.meta.categories = categories;
        }
        if self.undated && !self.doc.timeline.is_empty() {
            self.report.needs_date = true;
            self.report.warn(
                "no incident date found in the document or its file name: the timeline's \
                 times have no date; give it with --date YYYY-MM-DD (or a Date line in the document)",
            );
        }
        self.report.totals(&self.doc);
        (self.doc, self.report)
    }

    /// Undoes the Markdown escapes of every field, once, now that all
    /// structure has been read from the escaped text (see
    /// [`crate::export::escape`]). Unmapped parts stay verbatim Markdown,
    /// except those the export wrote (after its marker), which it escaped.
    fn unescape(&mut self) {
        for_each_text_mut(&mut self.doc, &mut |name, text| {
            match name {
                "unmapped[].markdown" => {}
                _ if name.starts_with("timeline[].provenance") => {}
                // Written as paragraphs: their fenced code blocks are kept.
                "summary" | "whys.problem" | "whys.root_cause" | "appendix.metrics"
                | "appendix.notes" => *text = unescape_blocks(text),
                _ => *text = unescape(text),
            }
        });
        for &i in &self.marked_unmapped {
            if let Some(part) = self.doc.unmapped.get_mut(i) {
                part.markdown = unescape_blocks(&part.markdown);
            }
        }
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
