//! Contributing factors from lists, bold-label category lines and tables.

use crate::model::{Factor, IdKind};

use super::super::blocks::{Block, BlockKind, slice};
use super::super::sections::normalize_category;
use super::super::text::{self, label_value, plain};
use super::super::{Chunk, Importer};

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
                        let sub_text = super::super::blocks::dedent(slice(im.src, &sub.range));
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
