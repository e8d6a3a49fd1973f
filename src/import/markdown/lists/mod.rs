//! Sections read from lists: whys (`whys.rs`), factors (`factors.rs`),
//! review lists, lessons, follow-ups, related incidents.

mod factors;
mod whys;

pub(crate) use factors::factors;
pub(crate) use whys::{is_why_list, root_cause};

use crate::model::{FollowUp, Lesson};

use super::blocks::{Block, BlockKind, Item, slice};
use super::sections::Section;
use super::text::{self, label_value, plain};
use super::{Chunk, Importer};

/// Went well / poorly / lucky, would do differently, recommendations,
/// distribution: one entry per item or paragraph.
pub(crate) fn review<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut entries = Vec::new();
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::List { items } => {
                entries.extend(items.iter().map(|i| item_with_sublists(im, i)));
            }
            BlockKind::Paragraph => entries.push(slice(im.src, &block.range).trim().to_string()),
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    let count = entries.len();
    let target = match chunk.section {
        Section::WentWell => &mut im.doc.review.went_well,
        Section::WentPoorly => &mut im.doc.review.went_poorly,
        Section::Lucky => &mut im.doc.review.lucky,
        Section::Distribution => &mut im.doc.distribution,
        Section::Differently => {
            if im.project || im.doc.project.is_some() {
                &mut im
                    .doc
                    .project
                    .get_or_insert_with(Default::default)
                    .differently
            } else {
                &mut im.doc.review.went_poorly
            }
        }
        _ => {
            im.project = true;
            &mut im
                .doc
                .project
                .get_or_insert_with(Default::default)
                .recommendations
        }
    };
    target.extend(entries.into_iter().filter(|e| !e.is_empty()));
    if count > 0 {
        let name = match chunk.section {
            Section::WentWell => "review.went_well",
            Section::WentPoorly => "review.went_poorly",
            Section::Lucky => "review.lucky",
            Section::Distribution => "distribution",
            Section::Differently => "project.differently",
            _ => "project.recommendations",
        };
        im.report.mapped(chunk, name, count);
    }
    rest
}

/// An item's text with its nested lists kept verbatim.
fn item_with_sublists(im: &Importer<'_>, item: &Item) -> String {
    let mut text = item.text(im.src);
    for sub in item.sublists() {
        text.push('\n');
        text.push_str(&super::blocks::dedent(slice(im.src, &sub.range)));
    }
    text
}

/// Lessons learned, with categories from sub-headings or bold labels.
pub(crate) fn lessons<'c>(
    im: &mut Importer<'_>,
    chunk: &'c Chunk,
    category: Option<String>,
) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    let category = category.unwrap_or_default();
    let mut count = 0;
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::List { items } => {
                for item in items {
                    im.doc.review.lessons.push(Lesson {
                        text: item_with_sublists(im, item),
                        category: category.clone(),
                    });
                    count += 1;
                }
            }
            BlockKind::Paragraph => {
                let raw = slice(im.src, &block.range).trim();
                // "**Process:** what we learned", one per line (project template).
                let labelled: Option<Vec<(String, String)>> = raw
                    .lines()
                    .map(|line| {
                        label_value(line.trim_end_matches('\\'), false).filter(|(label, value)| {
                            !value.is_empty() && plain(label).split(' ').count() <= 3
                        })
                    })
                    .collect();
                match labelled {
                    Some(pairs) => {
                        for (label, value) in pairs {
                            im.doc.review.lessons.push(Lesson {
                                text: value,
                                category: plain(&label),
                            });
                            count += 1;
                        }
                    }
                    None => {
                        im.doc.review.lessons.push(Lesson {
                            text: raw.to_string(),
                            category: category.clone(),
                        });
                        count += 1;
                    }
                }
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    if count > 0 {
        im.report.mapped(chunk, "review.lessons", count);
    }
    rest
}

/// Follow-up schedule: `**What:** date` items.
pub(crate) fn follow_up<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::List { items } => {
                for item in items {
                    let text = item_with_sublists(im, item);
                    let entry = match label_value(&text, false) {
                        Some((what, value)) => match text::whole_date(&value, None) {
                            Some(date) => FollowUp {
                                what,
                                date: Some(date),
                            },
                            None => FollowUp {
                                what: text.clone(),
                                date: None,
                            },
                        },
                        None => FollowUp {
                            what: text.clone(),
                            date: None,
                        },
                    };
                    im.doc.follow_up.push(entry);
                }
                im.report.mapped(chunk, "follow_up", items.len());
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    rest
}

/// Related incidents and documents.
pub(crate) fn related<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::List { items } => {
                for item in items {
                    let text = item_with_sublists(im, item);
                    im.doc.appendix.related.push(text);
                }
                im.report.mapped(chunk, "appendix.related", items.len());
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    rest
}
