//! The importer's passes over the chunks: what the whole document needs
//! first (zone, date), every chunk read by its section (what none takes kept
//! in `unmapped`), then the finish (kind, wording, escapes, order, report).

use crate::export::escape::{unescape, unescape_blocks};
use crate::model::{Kind, Postmortem, Unmapped, for_each_text_mut};

use super::blocks::{self, Block, BlockKind, slice};
use super::sections::{self, Section};
use super::{
    Chunk, ImportReport, Importer, actions, content, front, lists, meta, tables, text, timeline,
    wording,
};

impl Importer<'_> {
    pub(super) fn run(&mut self) {
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

    pub(super) fn finish(mut self) -> (Postmortem, ImportReport) {
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
