//! The document cut into chunks at its headings, and what lies between
//! blocks: link reference definitions, lists nested too deep, the export's
//! settings comment.

use std::ops::Range;

use crate::export::escape::protect;
use crate::export::{SETTINGS_MARKER, UNMAPPED_MARKER};
use crate::model::Unmapped;

use super::blocks::{self, Block, BlockKind, slice};
use super::sections::{self, Section};
use super::text;
use super::{Chunk, Heading, Importer};

impl Importer<'_> {
    /// The source text no block covers, and the link reference definitions
    /// (inside list items too): the parser gives them no event.
    pub(super) fn between_blocks(&self, blocks: &[Block], defs: &[Range<usize>]) -> String {
        let mut at = 0;
        let mut gaps: Vec<Range<usize>> = Vec::new();
        for block in blocks {
            if block.range.start > at {
                gaps.push(at..block.range.start);
            }
            at = at.max(block.range.end);
        }
        gaps.push(at..self.src.len());
        let mut parts: Vec<(usize, String)> = gaps
            .iter()
            .filter_map(|r| {
                let gap = self.src.get(r.clone())?.trim();
                (!gap.is_empty()).then(|| (r.start, gap.to_string()))
            })
            .collect();
        for def in defs {
            let inside = gaps
                .iter()
                .any(|g| g.start <= def.start && def.end <= g.end);
            if !inside && let Some(text) = self.src.get(def.clone()) {
                parts.push((def.start, text.trim().to_string()));
            }
        }
        parts.sort_by_key(|(at, _)| *at);
        parts
            .into_iter()
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Says where lists nested too deep were kept as text.
    pub(super) fn flattened(&mut self, offsets: &[usize]) {
        let Some(&first) = offsets.first() else {
            return;
        };
        let line = |offset: usize| {
            1 + memchr::memchr_iter(b'\n', &self.src.as_bytes()[..offset.min(self.src.len())])
                .count()
        };
        let more = match offsets.len() {
            1 => String::new(),
            n => format!(
                " (and {} more, the last at line {})",
                n - 1,
                line(offsets[n - 1])
            ),
        };
        self.report.warn(format!(
            "a list at line {} is nested deeper than {} levels{more}: the deeper levels are kept as text of the item at level {}",
            line(first),
            blocks::MAX_LIST_DEPTH,
            blocks::MAX_LIST_DEPTH,
        ));
    }

    /// Cuts the block list at every heading and names each chunk's section.
    pub(super) fn chunks(&self, blocks: Vec<Block>) -> (Vec<Chunk>, Vec<String>) {
        let mut settings = Vec::new();
        let mut chunks = vec![Chunk {
            heading: None,
            section: Section::Preamble,
            blocks: Vec::new(),
            marked: false,
            derived: false,
            has_sub: false,
        }];
        let mut stack: Vec<(u8, Section)> = Vec::new();
        let mut title_seen = false;
        let mut pending_marker = false;
        let mut in_appendix_notes: Option<u8> = None;
        for block in blocks {
            if let BlockKind::Html = block.kind
                && slice(self.src, &block.range).trim() == UNMAPPED_MARKER
            {
                pending_marker = true;
                in_appendix_notes = None;
                continue;
            }
            if let BlockKind::Html = block.kind
                && let Some(body) = slice(self.src, &block.range)
                    .trim()
                    .strip_prefix(SETTINGS_MARKER)
                    .and_then(|b| b.strip_suffix("-->"))
            {
                settings.push(body.to_string());
                continue;
            }
            let BlockKind::Heading { level, text } = &block.kind else {
                if let Some(chunk) = chunks.last_mut() {
                    chunk.blocks.push(block);
                }
                continue;
            };
            let level = *level;
            let heading = Heading {
                text: text::without_attributes(slice(self.src, text).trim()).to_string(),
                range: block.range.clone(),
                level,
            };
            // Appendix notes hold free Markdown, headings included: they run
            // to the next unmapped marker or the next top-level section.
            if let Some(notes_level) = in_appendix_notes {
                if level > notes_level.min(2) {
                    if let Some(chunk) = chunks.last_mut() {
                        chunk.blocks.push(block);
                    }
                    continue;
                }
                in_appendix_notes = None;
            }
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let parent = stack.last().map(|(_, s)| s.clone());
            let mapped = self
                .options
                .map
                .iter()
                .find(|(h, _)| text::plain(h) == text::plain(&heading.text))
                .and_then(|(_, name)| sections::by_name(name));
            let section = if pending_marker {
                Section::Marked
            } else if let Some(section) = mapped {
                section
            } else if !title_seen && sections::classify(&heading.text, None).is_none() {
                Section::Title
            } else {
                sections::classify(&heading.text, parent.as_ref()).unwrap_or(Section::Unknown)
            };
            title_seen = true;
            if section == Section::Notes {
                in_appendix_notes = Some(level);
            }
            if !matches!(section, Section::Title | Section::Unknown | Section::Marked) {
                stack.push((level, section.clone()));
            }
            chunks.push(Chunk {
                heading: Some(heading),
                section,
                blocks: Vec::new(),
                marked: pending_marker,
                derived: false,
                has_sub: false,
            });
            pending_marker = false;
        }
        for i in 1..chunks.len() {
            let next = chunks
                .get(i + 1)
                .and_then(|c| c.heading.as_ref())
                .map(|h| h.level);
            if let (Some(heading), Some(next)) = (&chunks[i].heading, next)
                && next > heading.level
            {
                chunks[i].has_sub = true;
            }
        }
        (chunks, settings)
    }

    /// The export's settings comment: linter settings as TOML.
    pub(super) fn settings(&mut self, text: &str) {
        #[derive(serde::Deserialize)]
        struct Settings {
            #[serde(default)]
            allow: Vec<String>,
            #[serde(default)]
            categories: Vec<String>,
            #[serde(default)]
            severity_scale: Vec<crate::model::SeverityLevel>,
        }
        match toml::from_str::<Settings>(text) {
            Ok(mut settings) => {
                // TOML, not Markdown: protected from the final unescaping.
                for text in settings.allow.iter_mut().chain(&mut settings.categories) {
                    *text = protect(text);
                }
                for level in &mut settings.severity_scale {
                    for text in [&mut level.level, &mut level.label, &mut level.definition] {
                        *text = protect(text);
                    }
                }
                self.doc.meta.allow = settings.allow;
                self.doc.meta.categories = settings.categories;
                self.doc.meta.severity_scale = settings.severity_scale;
            }
            Err(_) => {
                let markdown = format!("{SETTINGS_MARKER}{text}-->");
                self.report.unmapped("Settings", &markdown);
                self.doc.unmapped.push(Unmapped {
                    heading: "Settings".into(),
                    markdown,
                });
            }
        }
    }
}
