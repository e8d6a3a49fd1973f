//! Sections read from tables: impact, response, goals, sign-off (actions in
//! [`super::actions`]).

use std::ops::Range;

use crate::model::{Assessment, Goal, ImpactRow, ResponsePhase, SignOff};

use super::blocks::{Block, BlockKind, slice};
use super::text::{self, label_value, plain, unwrap_emphasis};
use super::{Chunk, Importer};

type Cells = Vec<String>;

pub(crate) fn cells(im: &Importer<'_>, ranges: &[Range<usize>]) -> Cells {
    ranges
        .iter()
        .map(|r| text::cell(slice(im.src, r)))
        .collect()
}

/// Impact rows: a Metric | Value table, `**Label:** value` bullets, prose.
pub(crate) fn impact<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    let mut rows: Vec<(String, String)> = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::Table { head, rows: body } if head.len() == 2 => {
                let header = cells(im, head);
                let known = |h: &str| {
                    matches!(
                        plain(h).as_str(),
                        "metric" | "value" | "" | "impact" | "area" | "measure" | "details"
                    )
                };
                if !(known(&header[0]) && known(&header[1])) {
                    rows.push((unwrap_emphasis(&header[0]).to_string(), header[1].clone()));
                }
                for row in body {
                    let c = cells(im, row);
                    if c.len() >= 2 {
                        rows.push((unwrap_emphasis(&c[0]).to_string(), c[1].clone()));
                    }
                }
            }
            BlockKind::List { items } => {
                for item in items {
                    let t = item.text(im.src);
                    match label_value(&t, false) {
                        Some((label, value)) => rows.push((label, value)),
                        None => rows.push((String::new(), t)),
                    }
                }
            }
            BlockKind::Paragraph => {
                let raw = slice(im.src, &block.range).trim().to_string();
                match label_value(&raw, false).filter(|_| !raw.contains('\n')) {
                    Some((label, value)) => rows.push((label, value)),
                    None => rows.push((String::new(), raw)),
                }
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    let count = rows.len();
    for (label, value) in rows {
        let impact = &mut im.doc.impact;
        let field = match plain(&label).as_str() {
            "users affected" | "affected users" | "customers affected" | "users" | "customers" => {
                Some(&mut impact.users_affected)
            }
            "duration of user impact" | "duration" | "duration of impact" | "impact duration" => {
                Some(&mut impact.duration)
            }
            "requests failed" | "failed requests" | "errors" | "failed transactions" => {
                Some(&mut impact.requests_failed)
            }
            "revenue impact" | "revenue" | "revenue loss" | "financial impact" | "cost" => {
                Some(&mut impact.revenue)
            }
            "sla impact" | "sla" | "sla breach" | "slo impact" => Some(&mut impact.sla),
            "data loss" | "data impact" | "data" => Some(&mut impact.data_loss),
            "customer complaints" | "support tickets" | "complaints" => {
                Some(&mut impact.customer_complaints)
            }
            _ => None,
        };
        match field {
            Some(field)
                if field.is_empty() && !value.trim().is_empty() && is_canonical_label(&label) =>
            {
                *field = value;
            }
            Some(field) if field.is_empty() && !value.trim().is_empty() => {
                // Kept under the author's own label so its words stay.
                let _ = field;
                im.doc.impact.extra.push(ImpactRow {
                    metric: label,
                    value,
                });
            }
            _ => im.doc.impact.extra.push(ImpactRow {
                metric: label,
                value,
            }),
        }
    }
    if count > 0 {
        im.report.mapped(chunk, "impact", count);
    }
    rest
}

/// Whether an impact label is the export's own (so it maps to its field
/// without losing the author's words).
fn is_canonical_label(label: &str) -> bool {
    let key = plain(label);
    [
        "users affected",
        "duration of user impact",
        "requests failed",
        "revenue impact",
        "sla impact",
        "data loss",
        "customer complaints",
        "duration",
        "revenue",
        "sla",
    ]
    .contains(&key.as_str())
}

/// The export's derived "Key intervals" table is skipped; anything else kept.
pub(crate) fn key_intervals<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    chunk
        .blocks
        .iter()
        .filter(|b| match &b.kind {
            BlockKind::Table { head, .. } => {
                let h: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
                h != ["interval", "duration", "from", "to"]
            }
            _ => true,
        })
        .collect()
}

/// Detection and response: Phase | What happened | What worked | What didn't.
pub(crate) fn response<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        let BlockKind::Table { head, rows } = &block.kind else {
            if !matches!(block.kind, BlockKind::Rule) {
                rest.push(block);
            }
            continue;
        };
        let header: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
        let find = |f: &dyn Fn(&str) -> bool| header.iter().position(|h| f(h));
        let phase = find(&|h| h.starts_with("phase") || h == "stage");
        let happened = find(&|h| h.contains("happened") || h == "what" || h == "description");
        let didnt = find(&|h| {
            h.contains("didn")
                || h.contains("did not")
                || h.contains("not work")
                || h.contains("improve")
                || h.contains("better")
                || h.contains("went wrong")
                || h.contains("poorly")
        });
        let worked = find(&|h| {
            (h.contains("worked") || h.contains("went well"))
                && !h.contains("didn")
                && !h.contains("not")
        });
        let Some(phase) = phase else {
            rest.push(block);
            continue;
        };
        let titles = cells(im, head);
        let used = [Some(phase), happened, worked, didnt];
        for (column, key) in used
            .iter()
            .zip(["phase", "happened", "worked", "did-not-work"])
        {
            if let Some(title) = column.and_then(|i| titles.get(i)) {
                super::wording::column(im, "response", key, title);
            }
        }
        for row in rows {
            let c = cells(im, row);
            let get = |i: Option<usize>| i.and_then(|i| c.get(i)).cloned().unwrap_or_default();
            let mut happened_text = get(happened);
            // Columns with no field of their own are kept in "happened".
            for (i, value) in c.iter().enumerate() {
                if !used.contains(&Some(i)) && !value.trim().is_empty() {
                    let title = titles.get(i).map(String::as_str).unwrap_or("Note");
                    super::append(&mut happened_text, &format!("*{title}:* {value}"));
                }
            }
            im.doc.response.push(ResponsePhase {
                phase: get(Some(phase)).to_lowercase(),
                happened: happened_text,
                worked: get(worked),
                did_not_work: get(didnt),
            });
        }
        im.report.mapped(chunk, "response", rows.len());
    }
    rest
}

/// A prose section named after a response phase ("## Detection").
pub(crate) fn response_phase<'c>(
    im: &mut Importer<'_>,
    chunk: &'c Chunk,
    phase: &str,
) -> Vec<&'c Block> {
    let all: Vec<&Block> = chunk.blocks.iter().collect();
    let text = im.body(&all);
    if text.is_empty() {
        return Vec::new();
    }
    match im.doc.response.iter_mut().find(|r| r.phase == phase) {
        Some(row) => super::append(&mut row.happened, &text),
        None => im.doc.response.push(ResponsePhase {
            phase: phase.to_string(),
            happened: text,
            ..ResponsePhase::default()
        }),
    }
    im.report.mapped(chunk, "response", 1);
    Vec::new()
}

/// "What worked / what didn't": a two-column table or two lists.
pub(crate) fn worked_didnt<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        match &block.kind {
            BlockKind::Table { head, rows } if head.len() == 2 => {
                let header: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
                let didnt_first = header[0].contains("didn") || header[0].contains("not");
                // The columns' headings head the two lists in the export.
                let titles = cells(im, head);
                let (good, bad) = if didnt_first { (1, 0) } else { (0, 1) };
                super::wording::keep(im, "went-well", &titles[good]);
                super::wording::keep(im, "went-poorly", &titles[bad]);
                for row in rows {
                    let c = cells(im, row);
                    let (good, bad) = if didnt_first { (1, 0) } else { (0, 1) };
                    if let Some(v) = c.get(good).filter(|v| !v.trim().is_empty()) {
                        im.doc.review.went_well.push(v.clone());
                    }
                    if let Some(v) = c.get(bad).filter(|v| !v.trim().is_empty()) {
                        im.doc.review.went_poorly.push(v.clone());
                    }
                }
                im.report
                    .mapped(chunk, "review.went_well + went_poorly", rows.len());
            }
            BlockKind::Rule => {}
            _ => rest.push(block),
        }
    }
    rest
}

/// Goals vs outcomes.
pub(crate) fn goals<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        let BlockKind::Table { head, rows } = &block.kind else {
            if !matches!(block.kind, BlockKind::Rule) {
                rest.push(block);
            }
            continue;
        };
        let header: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
        let find = |names: &[&str]| {
            header
                .iter()
                .position(|h| names.iter().any(|n| h.starts_with(n)))
        };
        let Some(goal_col) = find(&["goal", "objective"]) else {
            rest.push(block);
            continue;
        };
        let target = find(&["target", "success", "criteria", "planned", "expected"]);
        let actual = find(&["actual", "outcome", "result", "delivered"]);
        let assessment = find(&["assessment", "status", "met", "rating"]);
        for row in rows {
            let c = cells(im, row);
            let get = |i: Option<usize>| i.and_then(|i| c.get(i)).cloned().unwrap_or_default();
            let raw = get(assessment);
            let parsed = match plain(&raw).as_str() {
                "met" | "yes" | "achieved" => Some(Assessment::Met),
                "partially met" | "partial" | "partly met" | "partially" => {
                    Some(Assessment::PartiallyMet)
                }
                "not met" | "no" | "missed" | "not achieved" => Some(Assessment::NotMet),
                _ => None,
            };
            let mut actual_text = get(actual);
            if parsed.is_none() && !raw.trim().is_empty() {
                actual_text.push_str(&format!("\n*Assessment:* {raw}"));
            }
            im.project_goal(Goal {
                goal: get(Some(goal_col)),
                target: get(target),
                actual: actual_text.trim().to_string(),
                assessment: parsed,
            });
        }
        im.report.mapped(chunk, "project.goals", rows.len());
    }
    rest
}

impl Importer<'_> {
    fn project_goal(&mut self, goal: Goal) {
        self.project = true;
        self.doc
            .project
            .get_or_insert_with(Default::default)
            .goals
            .push(goal);
    }
}

/// Sign-off: Role | Name | Date.
pub(crate) fn sign_off<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        let BlockKind::Table { head, rows } = &block.kind else {
            if !matches!(block.kind, BlockKind::Rule) {
                rest.push(block);
            }
            continue;
        };
        let header: Vec<String> = cells(im, head).iter().map(|c| plain(c)).collect();
        let find = |n: &str| header.iter().position(|h| h.starts_with(n));
        let (role, name, date) = (find("role"), find("name"), find("date"));
        if role.is_none() {
            rest.push(block);
            continue;
        }
        for row in rows {
            let c = cells(im, row);
            let get = |i: Option<usize>| i.and_then(|i| c.get(i)).cloned().unwrap_or_default();
            let raw_date = get(date);
            let parsed = text::whole_date(&raw_date, None);
            let mut name_text = get(name);
            if parsed.is_none() && !raw_date.trim().is_empty() {
                name_text.push_str(&format!(" ({raw_date})"));
            }
            im.doc.sign_off.push(SignOff {
                role: get(role),
                name: name_text,
                date: parsed,
                fingerprint: String::new(),
            });
        }
        im.report.mapped(chunk, "sign_off", rows.len());
    }
    rest
}
