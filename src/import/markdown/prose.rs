//! Sections read whole as prose: summary, problem statement, appendix
//! notes, logs and metrics.

use crate::export::escape::protect;

use super::blocks::{Block, BlockKind, slice};
use super::sections::{self, Section};
use super::{Chunk, Importer, append, append_block};

impl Importer<'_> {
    pub(super) fn summary<'c>(&mut self, chunk: &'c Chunk) -> Vec<&'c Block> {
        let all: Vec<&Block> = chunk.blocks.iter().collect();
        let text = self.body(&all);
        if !text.is_empty() {
            append(&mut self.doc.summary, &text);
            self.report.mapped(chunk, "summary", 1);
        }
        Vec::new()
    }

    pub(super) fn problem<'c>(&mut self, chunk: &'c Chunk) -> Vec<&'c Block> {
        let all: Vec<&Block> = chunk.blocks.iter().collect();
        let text = self.body(&all);
        if !text.is_empty() {
            append(&mut self.doc.whys.problem, &text);
            self.report.mapped(chunk, "whys.problem", 1);
        }
        Vec::new()
    }

    pub(super) fn notes<'c>(&mut self, chunk: &'c Chunk) -> Vec<&'c Block> {
        let mut text = String::new();
        let all: Vec<&Block> = chunk.blocks.iter().collect();
        let body = self.body(&all);
        if body.is_empty() {
            return Vec::new();
        }
        // A sub-section of the appendix we have no field for keeps its heading.
        if let Some(heading) = &chunk.heading
            && chunk.section == Section::Notes
            && !sections::is_notes_heading(&heading.text)
        {
            text = format!("{}\n\n{body}", slice(self.src, &heading.range).trim());
        } else {
            text.push_str(&body);
        }
        append_block(&mut self.doc.appendix.notes, &text);
        self.report.mapped(chunk, "appendix.notes", 1);
        Vec::new()
    }

    pub(super) fn logs<'c>(&mut self, chunk: &'c Chunk) -> Vec<&'c Block> {
        let mut rest = Vec::new();
        for block in &chunk.blocks {
            match &block.kind {
                BlockKind::Code { text } => {
                    // Code, not Markdown: protected from the final unescaping.
                    append_block(&mut self.doc.appendix.logs, &protect(text));
                    self.report.mapped(chunk, "appendix.logs", 1);
                }
                _ => rest.push(block),
            }
        }
        if !rest.is_empty() && self.doc.appendix.logs.is_empty() {
            let text = self.body(&rest);
            if !text.is_empty() {
                append_block(&mut self.doc.appendix.logs, &text);
                self.report.mapped(chunk, "appendix.logs", 1);
            }
            return Vec::new();
        }
        rest
    }

    pub(super) fn metrics<'c>(&mut self, chunk: &'c Chunk) -> Vec<&'c Block> {
        let all: Vec<&Block> = chunk.blocks.iter().collect();
        let text = self.body(&all);
        if !text.is_empty() {
            append_block(&mut self.doc.appendix.metrics, &text);
            self.report.mapped(chunk, "appendix.metrics", 1);
        }
        Vec::new()
    }
}
