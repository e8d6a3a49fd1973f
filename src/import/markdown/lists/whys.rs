//! The 5 Whys from lists (a nested tree, or a flat chain) and the
//! root-cause statement from the prose around them.

use crate::export::{ROOT_MARK, UNDER};
use crate::model::{IdKind, Why};

use super::super::blocks::{Block, BlockKind, Item};
use super::super::sections::Section;
use super::super::text::{plain, unwrap_emphasis};
use super::super::{Chunk, Importer, append};

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
        im.doc.whys.nodes.push(Box::new(node));
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
