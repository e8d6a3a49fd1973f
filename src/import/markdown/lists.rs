//! Sections read from lists: whys, factors, review lists, lessons, follow-ups.

use crate::model::{Factor, FollowUp, IdKind, Lesson, Why};

use super::blocks::{Block, BlockKind, Item, slice};
use super::sections::{Section, normalize_category};
use super::text::{self, label_value, plain, unwrap_emphasis};
use super::{Chunk, Importer, append};
use crate::export::{ROOT_MARK, UNDER};

/// Root cause, trigger, 5 Whys: "why" lists become the tree, prose becomes
/// the root-cause statement.
pub(crate) fn root_cause<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    // The statement's blocks, read whole at the end so that adjacent blocks
    // keep the line breaks between them.
    let mut statement: Vec<Block> = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::List { items }
                if is_why_list(im, items) || chunk.section == Section::Whys =>
            {
                let before = im.doc.whys.nodes.len();
                let nested = items.iter().any(|i| i.sublists().next().is_some())
                    || items.iter().any(|i| why_id(&i.text(im.src)).is_some());
                let parent = if nested {
                    String::new()
                } else {
                    last_chain_parent(im)
                };
                whys(im, items, &parent, nested);
                im.report
                    .mapped(chunk, "whys", im.doc.whys.nodes.len() - before);
            }
            BlockKind::Rule => {}
            BlockKind::Paragraph
            | BlockKind::List { .. }
            | BlockKind::Code { .. }
            | BlockKind::Other
                if chunk.section != Section::Whys =>
            {
                statement.push(block.clone());
            }
            _ => rest.push(block),
        }
    }
    if !statement.is_empty() {
        let text = im.verbatim(&statement);
        append(&mut im.doc.whys.root_cause, &text);
        im.report.mapped(chunk, "whys.root_cause", statement.len());
    }
    rest
}

fn last_chain_parent(_im: &Importer<'_>) -> String {
    String::new()
}

pub(crate) fn is_why_list(im: &Importer<'_>, items: &[Item]) -> bool {
    !items.is_empty()
        && items.iter().all(|i| {
            let t = i.text(im.src);
            let p = plain(&t);
            p.starts_with("why") || why_id(&t).is_some()
        })
}

/// `**W3**` at the start of an exported why.
fn why_id(text: &str) -> Option<String> {
    let rest = text.trim_start().strip_prefix("**W")?;
    let end = rest.find("**")?;
    let digits = &rest[..end];
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| format!("W{digits}"))
}

/// Reads why items under `parent`: nested lists are the tree; a flat list
/// without ids is a chain, each answer explained by the next.
fn whys(im: &mut Importer<'_>, items: &[Item], parent: &str, nested: bool) {
    let mut chain_parent = parent.to_string();
    for item in items {
        let text = item.text(im.src);
        let (mut node, under) = parse_why(&text);
        node.id = match why_id(&text) {
            Some(id) if !im.why_ids.contains(&id) => id,
            _ => im.doc.next_id(IdKind::Why),
        };
        node.parent = match under {
            // The export's note on a why past its nesting limit.
            Some(under) => under,
            None if nested => parent.to_string(),
            None => chain_parent.clone(),
        };
        let id = node.id.clone();
        im.why_ids.insert(id.clone());
        im.doc.whys.nodes.push(node);
        if !nested {
            chain_parent = id.clone();
        }
        for sub in item.sublists() {
            if let BlockKind::List { items } = &sub.kind {
                whys(im, items, &id, true);
            }
        }
    }
}

/// `**W1** *Why …?* → answer **(root cause)**`, `**Why …?** → answer`,
/// `Why …? - answer`, `Why …?\n→ answer`; with the parent when the export
/// noted it (`**W18** (under W17) → …`).
fn parse_why(text: &str) -> (Why, Option<String>) {
    let mut node = Why::new("", "", "");
    let mut text = text.trim().to_string();
    let mut under = None;
    if let Some(id) = why_id(&text) {
        text = text.trim_start()[id.len() + 4..].trim_start().to_string();
        if let Some(rest) = text.strip_prefix(UNDER)
            && let Some(end) = rest.find(')')
            && why_id(&format!("**{}**", &rest[..end])).is_some()
        {
            under = Some(rest[..end].to_string());
            text = rest[end + 1..].trim_start().to_string();
        }
    }
    // Accepted risk on its own line.
    if let Some(at) = text.find("\n*Accepted risk:*") {
        node.accepted_risk = text[at + "\n*Accepted risk:*".len()..].trim().to_string();
        text.truncate(at);
    }
    let mut body = text.trim_end().to_string();
    if let Some(stripped) = body.strip_suffix(ROOT_MARK) {
        node.root = true;
        body = stripped.trim_end().to_string();
    }
    // The export's `*question* → answer`: every `*` inside is escaped, so
    // the first bare one closes the question (which may hold an arrow).
    if let Some(inner) = body.strip_prefix('*').filter(|b| !b.starts_with('*'))
        && let Some(close) = unescaped_star(inner)
        && let Some(answer) = inner[close + 1..].trim_start().strip_prefix('→')
    {
        node.question = inner[..close].to_string();
        node.text = answer.trim().to_string();
        return (node, under);
    }
    let (question, answer) = match body.find('→').or_else(|| body.find("->").filter(|_| false)) {
        Some(at) => {
            let q = body[..at].trim();
            let a = body[at + '→'.len_utf8()..].trim();
            (q.to_string(), a.to_string())
        }
        None => split_question(&body),
    };
    node.question = unwrap_emphasis(&question).to_string();
    node.text = answer;
    (node, under)
}

/// The byte offset of the first `*` not escaped by a backslash.
fn unescaped_star(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match c {
            '*' if !escaped => return Some(at),
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    None
}

/// `Why …? - answer`: the question runs to the first `?`.
fn split_question(body: &str) -> (String, String) {
    if plain(body).starts_with("why")
        && let Some(q) = body.find('?')
    {
        let mut end = q + 1;
        for closer in ["**", "*", "__", "_"] {
            if body[end..].starts_with(closer) {
                end += closer.len();
                break;
            }
        }
        let answer = body[end..]
            .trim_start_matches([' ', '\n', '-', '—', '–', ':'])
            .trim();
        return (body[..end].trim().to_string(), answer.to_string());
    }
    (String::new(), body.trim().to_string())
}

/// Contributing factors from lists, bold-label category lines and tables.
pub(crate) fn factors<'c>(
    im: &mut Importer<'_>,
    chunk: &'c Chunk,
    category: Option<String>,
) -> Vec<&'c Block> {
    let mut category = category;
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::Paragraph => {
                // "**Process factors:**" introduces the list after it.
                let raw = slice(im.src, &block.range).trim();
                let label = raw
                    .strip_prefix("**")
                    .and_then(|r| r.strip_suffix("**"))
                    .map(|l| l.trim_end_matches(':').trim())
                    .filter(|l| !l.contains("**") && l.len() < 60);
                match label {
                    Some(label) => {
                        let key = plain(label);
                        let key = key.strip_suffix(" factors").unwrap_or(&key).to_string();
                        category = Some(normalize_category(&key));
                    }
                    None => rest.push(block),
                }
            }
            BlockKind::List { items } => {
                for item in items {
                    let text = item.text(im.src);
                    let mut factor = parse_factor(&text);
                    if factor.category.is_empty() {
                        factor.category =
                            category.clone().unwrap_or_else(|| "uncategorized".into());
                    }
                    factor.id = match exported_id(&text, 'F') {
                        Some(id) if im.doc.factor(&id).is_none() => id,
                        _ => {
                            im.exported_factor_ids = false;
                            im.doc.next_id(IdKind::Factor)
                        }
                    };
                    // Nested bullets belong to the factor's explanation.
                    for sub in item.sublists() {
                        let sub_text = super::blocks::dedent(slice(im.src, &sub.range));
                        factor.text.push('\n');
                        factor.text.push_str(&sub_text);
                    }
                    im.doc.factors.push(factor);
                }
                im.report.mapped(chunk, "factors", items.len());
            }
            BlockKind::Table { head, rows } => {
                if !factor_table(im, head, rows, category.as_deref()) {
                    rest.push(block);
                } else {
                    im.report.mapped(chunk, "factors", rows.len());
                }
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    rest
}

/// `**F3**` → `F3` (ids the export writes).
pub(crate) fn exported_id(text: &str, prefix: char) -> Option<String> {
    let rest = text.trim_start().strip_prefix("**")?.strip_prefix(prefix)?;
    let end = rest.find("**")?;
    let digits = &rest[..end];
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{prefix}{digits}"))
}

fn parse_factor(text: &str) -> Factor {
    /// Where a line without a label of its own belongs: the export writes
    /// each part on its own line(s), so a part that spans lines continues
    /// until the next label.
    enum Part {
        Text,
        Contribution,
        AcceptedRisk,
    }
    let mut factor = Factor::new("", "", "");
    let mut keep: Vec<&str> = Vec::new();
    let mut contribution: Vec<&str> = Vec::new();
    let mut accepted_risk: Vec<&str> = Vec::new();
    let mut part = Part::Text;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(v) = trimmed.strip_prefix("*How it contributed:*") {
            contribution = vec![v.trim()];
            part = Part::Contribution;
        } else if trimmed.starts_with("*Evidence:*") || trimmed.starts_with("*Whys:*") {
            for piece in trimmed.split(" · ") {
                if let Some(v) = piece.trim().strip_prefix("*Evidence:*") {
                    factor.events = text::split_list(v);
                } else if let Some(v) = piece.trim().strip_prefix("*Whys:*") {
                    factor.whys = text::split_list(v);
                }
            }
            part = Part::Text;
        } else if let Some(v) = trimmed.strip_prefix("*Accepted risk:*") {
            accepted_risk = vec![v.trim()];
            part = Part::AcceptedRisk;
        } else {
            match part {
                Part::Text => keep.push(line),
                Part::Contribution => contribution.push(line),
                Part::AcceptedRisk => accepted_risk.push(line),
            }
        }
    }
    factor.contribution = contribution.join("\n").trim().to_string();
    factor.accepted_risk = accepted_risk.join("\n").trim().to_string();
    let mut body = keep.join("\n");
    if let Some(id) = exported_id(&body, 'F') {
        body = body.trim_start()[id.len() + 4..].trim_start().to_string();
    } else if let Some((label, value)) = label_value(&body, false) {
        // "**Process:** …" names the category.
        let key = normalize_category(&plain(&label));
        if crate::model::DEFAULT_CATEGORIES.contains(&key.as_str()) {
            factor.category = key;
            body = value;
        }
    }
    factor.text = body.trim().to_string();
    factor
}

fn factor_table(
    im: &mut Importer<'_>,
    head: &[std::ops::Range<usize>],
    rows: &[Vec<std::ops::Range<usize>>],
    category: Option<&str>,
) -> bool {
    let headers: Vec<String> = head
        .iter()
        .map(|r| plain(&text::cell(slice(im.src, r))))
        .collect();
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.starts_with(n)))
    };
    let Some(text_col) = find(&["factor", "description", "cause", "contributing", "issue"]) else {
        return false;
    };
    let contribution = find(&["how", "contribution", "impact", "effect", "why"]);
    let category_col = find(&["category", "type", "kind"]);
    for row in rows {
        let cells: Vec<String> = row.iter().map(|r| text::cell(slice(im.src, r))).collect();
        let get = |i: Option<usize>| i.and_then(|i| cells.get(i)).cloned().unwrap_or_default();
        let id = im.doc.next_id(IdKind::Factor);
        im.exported_factor_ids = false;
        let cat = get(category_col);
        let cat = if cat.trim().is_empty() {
            category.unwrap_or("uncategorized").to_string()
        } else {
            normalize_category(&plain(&cat))
        };
        let mut factor = Factor::new(id, cat, get(Some(text_col)));
        factor.contribution = get(contribution);
        for (i, h) in headers.iter().enumerate() {
            if Some(i) != Some(text_col)
                && Some(i) != contribution
                && Some(i) != category_col
                && let Some(v) = cells.get(i).filter(|v| !v.trim().is_empty())
            {
                factor.text.push_str(&format!("\n*{h}:* {v}"));
            }
        }
        im.doc.factors.push(factor);
    }
    true
}

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
