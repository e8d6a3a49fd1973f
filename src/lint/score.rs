//! The 0–100 completeness score (docs/lint-rules.md): weighted parts of
//! what a finished postmortem has, computed in one pass over the document.

use std::collections::HashSet;

use crate::model::{ActionItem, Kind, Mark, Postmortem};

use super::complete::{summary_sentences, vague_phrase};

/// One weighted part of the completeness score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorePart {
    /// What is scored.
    pub name: &'static str,
    /// Its weight (the weights of the parts that apply sum to 100).
    pub weight: f64,
    /// How much of it is done, 0.0–1.0.
    pub done: f64,
}

/// The completeness score: 0–100 and its parts (see docs/lint-rules.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// 0–100.
    pub total: u8,
    /// The parts, in order.
    pub parts: Vec<ScorePart>,
}

fn fraction(done: usize, of: usize) -> f64 {
    if of == 0 {
        1.0
    } else {
        done as f64 / of as f64
    }
}

/// Whether a text says something: not blank, and not a template's
/// question still waiting for its answer.
fn filled(text: &str) -> bool {
    !text.trim().is_empty() && !crate::model::is_placeholder(text)
}

/// Computes the completeness score. Weights (incident): header 10, summary 10,
/// impact 10, timeline 20, 5 Whys 20, contributing factors 10, action items
/// 15, review 5. A project retrospective has no impact, timeline, whys or
/// factors parts, a near miss no impact part (nor a required severity); the
/// remaining weights are scaled up to 100. Template questions (`{{? …}}`)
/// count as empty: a document fresh from a template scores what it says,
/// not what it asks.
pub fn completeness_score(doc: &Postmortem) -> Score {
    let incident = doc.kind.is_event();
    let impact_required = doc.kind == Kind::Incident;
    let meta = &doc.meta;
    let mut parts = Vec::new();
    let mut part = |name, weight, done: f64| {
        parts.push(ScorePart {
            name,
            weight,
            done: done.clamp(0.0, 1.0),
        })
    };

    let mut header = vec![
        filled(&meta.title),
        meta.started.is_some(),
        meta.ended.is_some(),
        meta.authors.iter().any(|a| filled(a)),
    ];
    if impact_required {
        header.push(filled(&meta.severity));
    }
    part(
        "header",
        10.0,
        fraction(header.iter().filter(|b| **b).count(), header.len()),
    );

    let sentences = if !filled(&doc.summary) {
        0
    } else {
        summary_sentences(&doc.summary)
    };
    part(
        "summary",
        10.0,
        match sentences {
            0 => 0.0,
            1..=4 => 1.0,
            _ => 0.5,
        },
    );

    if impact_required {
        let rows = doc.impact.rows();
        let answered = rows.iter().filter(|(_, v)| filled(v)).count();
        // Three filled rows (users, duration, data loss, …) count as complete.
        part("impact", 10.0, fraction(answered.min(3), 3));
    }
    if incident {
        let t = &doc.timeline;
        let marks = [Mark::Detected, Mark::Mitigated, Mark::Resolved]
            .iter()
            .filter(|m| t.iter().any(|e| e.has(**m)))
            .count();
        let ordered = t.windows(2).all(|w| w[0].at <= w[1].at);
        let timeline = if t.is_empty() {
            0.0
        } else {
            0.25 + 0.5 * fraction(marks, 3) + if ordered { 0.25 } else { 0.0 }
        };
        part("timeline", 20.0, timeline);

        let whys = &doc.whys;
        let depths = whys.depths();
        let deep_root = whys
            .nodes
            .iter()
            .any(|w| w.root && depths.of(&w.id).is_some_and(|d| d >= 3));
        let deepest = whys
            .nodes
            .iter()
            .filter_map(|w| depths.of(&w.id))
            .max()
            .unwrap_or(0);
        let chain = if deep_root {
            1.0
        } else {
            deepest.min(3) as f64 / 6.0
        };
        let statement = if filled(&whys.root_cause) { 1.0 } else { 0.0 };
        part("whys", 20.0, 0.6 * chain + 0.4 * statement);

        let factors: Vec<_> = doc.factors.iter().filter(|f| filled(&f.text)).collect();
        let categories: HashSet<&str> = factors.iter().map(|f| f.category.as_str()).collect();
        part(
            "factors",
            10.0,
            0.5 * fraction(factors.len().min(2), 2) + 0.5 * fraction(categories.len().min(2), 2),
        );
    }

    let actions: Vec<&ActionItem> = doc.actions.iter().filter(|a| filled(&a.title)).collect();
    let actions_done = if actions.is_empty() {
        0.0
    } else {
        let complete = actions
            .iter()
            .filter(|a| {
                !a.owner.trim().is_empty()
                    && a.due.is_some()
                    && a.kind.is_some()
                    && a.priority.is_some()
            })
            .count();
        let concrete = actions
            .iter()
            .filter(|a| vague_phrase(&a.title).is_none())
            .count();
        let addressed_factors: HashSet<&str> = actions
            .iter()
            .flat_map(|a| a.factors.iter().map(String::as_str))
            .collect();
        let addressed_whys: HashSet<&str> = actions
            .iter()
            .flat_map(|a| a.whys.iter().map(String::as_str))
            .collect();
        let targets: Vec<bool> =
            doc.factors
                .iter()
                .map(|f| !f.accepted_risk.is_empty() || addressed_factors.contains(f.id.as_str()))
                .chain(
                    doc.whys.nodes.iter().filter(|w| w.root).map(|w| {
                        !w.accepted_risk.is_empty() || addressed_whys.contains(w.id.as_str())
                    }),
                )
                .collect();
        0.2 + 0.8
            * (fraction(complete, actions.len())
                + fraction(concrete, actions.len())
                + fraction(targets.iter().filter(|b| **b).count(), targets.len()))
            / 3.0
    };
    part("actions", 15.0, actions_done);

    let review = &doc.review;
    let went_well = review.went_well.iter().any(|s| filled(s));
    let lessons = review.lessons.iter().any(|l| filled(&l.text));
    part(
        "review",
        5.0,
        0.5 * f64::from(u8::from(went_well)) + 0.5 * f64::from(u8::from(lessons)),
    );

    let weight: f64 = parts.iter().map(|p| p.weight).sum();
    let earned: f64 = parts.iter().map(|p| p.weight * p.done).sum();
    // Scale so the parts that apply sum to 100.
    for p in &mut parts {
        p.weight = p.weight * 100.0 / weight;
    }
    let total = (earned * 100.0 / weight).round().clamp(0.0, 100.0) as u8;
    Score { total, parts }
}
