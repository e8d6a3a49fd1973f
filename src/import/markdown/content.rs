//! Sections by content, whatever their heading says: a time-ordered list or
//! table is a timeline, a list of "why" questions is whys, a table with an
//! owner or due column is action items.

use super::blocks::{Block, BlockKind};
use super::sections::Section;
use super::{Chunk, Importer, actions, lists, timeline};

/// Sections whose blocks may be something else by their content.
fn open_to_content(section: &Section) -> bool {
    matches!(
        section,
        Section::Unknown
            | Section::Summary
            | Section::Problem
            | Section::Impact
            | Section::ResponsePhase(_)
            | Section::Notes
            | Section::Appendix
            | Section::Meta
    )
}

/// What a block is by its content.
fn kind_of(im: &Importer<'_>, block: &Block, stamped_paragraphs: usize) -> Option<Section> {
    match &block.kind {
        BlockKind::List { items } if timeline::is_timeline_list(im, items) => {
            Some(Section::Timeline)
        }
        BlockKind::List { items } if lists::is_why_list(im, items) && items.len() >= 2 => {
            Some(Section::RootCause)
        }
        BlockKind::Table { head, rows } if timeline::is_timeline_table(im, head, rows) => {
            Some(Section::Timeline)
        }
        BlockKind::Table { head, .. } if actions::is_action_table(im, head) => {
            Some(Section::Actions(None))
        }
        BlockKind::Paragraph if stamped_paragraphs >= 2 && timeline::is_stamped(im, block) => {
            Some(Section::Timeline)
        }
        _ => None,
    }
}

/// The chunk split by content: the blocks that are something else than the
/// heading says go to chunks of their own (same heading, `derived`); the
/// rest stays first. `None` when nothing is.
pub(crate) fn split(im: &Importer<'_>, chunk: &Chunk) -> Option<Vec<Chunk>> {
    if chunk.marked || chunk.derived || !open_to_content(&chunk.section) {
        return None;
    }
    let stamped = chunk
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph) && timeline::is_stamped(im, b))
        .count();
    let kinds: Vec<Option<Section>> = chunk
        .blocks
        .iter()
        .map(|b| kind_of(im, b, stamped))
        .collect();
    let has_timeline = kinds.contains(&Some(Section::Timeline));
    let mut rest = Vec::new();
    let mut derived: Vec<Chunk> = Vec::new();
    for (block, kind) in chunk.blocks.iter().zip(kinds) {
        // "All times in UTC." goes with the timeline it speaks of.
        let kind = kind.or_else(|| {
            (has_timeline
                && matches!(block.kind, BlockKind::Paragraph)
                && timeline::all_times_in(super::blocks::slice(im.src, &block.range)).is_some())
            .then_some(Section::Timeline)
        });
        match kind {
            Some(section) => match derived.iter_mut().find(|c| c.section == section) {
                Some(c) => c.blocks.push(block.clone()),
                None => derived.push(Chunk {
                    heading: chunk.heading.clone(),
                    section,
                    blocks: vec![block.clone()],
                    marked: false,
                    derived: true,
                    has_sub: false,
                }),
            },
            None => rest.push(block.clone()),
        }
    }
    if derived.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    // A heading whose whole body is something else heads that part (its
    // wording is kept for it): "What happened" over a timeline table.
    if rest.iter().any(|b| !matches!(b.kind, BlockKind::Rule)) || chunk.has_sub {
        out.push(Chunk {
            heading: chunk.heading.clone(),
            section: chunk.section.clone(),
            blocks: rest,
            marked: false,
            derived: true,
            has_sub: chunk.has_sub,
        });
    }
    out.extend(derived);
    Some(out)
}
