//! The analysis sections of the Markdown export: the 5 Whys and root
//! cause, contributing factors, and the detection and response table.

use std::fmt::Write;

use super::super::builder::{Markdown, inline, push_list_item};
use super::super::escape;
use super::{MAX_WHY_NESTING, ROOT_MARK, UNDER, capitalize, columns};
use crate::model::{Factor, Postmortem};

pub(super) fn whys(doc: &Postmortem, out: &mut Markdown) {
    let whys = &doc.whys;
    if whys.is_empty() {
        return;
    }
    out.heading(2, doc.heading("root-cause", "Root Cause Analysis"));
    if !whys.problem.trim().is_empty() {
        out.heading(3, doc.heading("problem", "Problem Statement"));
        out.paragraph(&whys.problem);
    }
    if !whys.nodes.is_empty() {
        out.heading(3, doc.heading("whys", "5 Whys"));
        let mut list = String::new();
        for (depth, node) in whys.walk() {
            let mut item = format!("**{}**", escape::emphasis(&node.id));
            // Past the nesting limit a node stays at the limit and names its
            // parent, so the list (and its indentation) grows linearly
            // however deep the chain, and a re-import rebuilds the tree.
            let depth = if depth > MAX_WHY_NESTING {
                let _ = write!(item, " {UNDER}{})", escape::item(&node.parent));
                MAX_WHY_NESTING
            } else {
                depth
            };
            if !node.question.trim().is_empty() {
                let _ = write!(item, " *{}*", escape::emphasis(&inline(&node.question)));
            }
            // The mark the export adds must not be one the text wrote: a
            // text ending with it gets the mark escaped.
            let text = match node.text.trim().strip_suffix(ROOT_MARK) {
                Some(before) => format!("{}\\*\\*(root cause)\\*\\*", escape::item(before)),
                None => escape::item(node.text.trim()),
            };
            let _ = write!(item, " → {text}");
            if node.root {
                let _ = write!(item, " {ROOT_MARK}");
            }
            if !node.accepted_risk.trim().is_empty() {
                let _ = write!(
                    item,
                    "\n*Accepted risk:* {}",
                    escape::item(node.accepted_risk.trim())
                );
            }
            push_list_item(&mut list, depth, &item);
        }
        out.raw(&list);
    }
    if !whys.root_cause.trim().is_empty() {
        out.heading(3, "Root Cause");
        out.paragraph(&whys.root_cause);
    }
}

pub(super) fn factors(doc: &Postmortem, out: &mut Markdown) {
    if doc.factors.is_empty() {
        return;
    }
    out.heading(2, doc.heading("factors", "Contributing Factors"));
    let mut categories = doc.factor_categories();
    for factor in &doc.factors {
        if !categories.contains(&factor.category) {
            categories.push(factor.category.clone());
        }
    }
    for category in &categories {
        let group: Vec<&Factor> = doc
            .factors
            .iter()
            .filter(|f| &f.category == category)
            .collect();
        if group.is_empty() {
            continue;
        }
        out.heading(3, &format!("{} factors", capitalize(category)));
        let mut list = String::new();
        for factor in group {
            let mut item = format!(
                "**{}** {}",
                escape::emphasis(&factor.id),
                escape::item(factor.text.trim())
            );
            if !factor.contribution.trim().is_empty() {
                let _ = write!(
                    item,
                    "\n*How it contributed:* {}",
                    escape::item(factor.contribution.trim())
                );
            }
            let mut links = Vec::new();
            if !factor.events.is_empty() {
                links.push(format!(
                    "*Evidence:* {}",
                    escape::item(&factor.events.join(", "))
                ));
            }
            if !factor.whys.is_empty() {
                links.push(format!("*Whys:* {}", escape::item(&factor.whys.join(", "))));
            }
            if !links.is_empty() {
                let _ = write!(item, "\n{}", links.join(" · "));
            }
            if !factor.accepted_risk.trim().is_empty() {
                let _ = write!(
                    item,
                    "\n*Accepted risk:* {}",
                    escape::item(factor.accepted_risk.trim())
                );
            }
            push_list_item(&mut list, 0, &item);
        }
        out.raw(&list);
    }
}

pub(super) fn response(doc: &Postmortem, out: &mut Markdown) {
    if doc.response.is_empty() {
        return;
    }
    out.heading(
        2,
        doc.heading("response", "Detection and Response Assessment"),
    );
    let rows = doc
        .response
        .iter()
        .map(|r| {
            vec![
                capitalize(&r.phase),
                r.happened.clone(),
                r.worked.clone(),
                r.did_not_work.clone(),
            ]
        })
        .collect();
    let columns = columns(
        doc,
        "response",
        &[
            ("phase", "Phase"),
            ("happened", "What happened"),
            ("worked", "What worked"),
            ("did-not-work", "What didn't"),
        ],
    );
    out.table(
        &columns.iter().map(String::as_str).collect::<Vec<_>>(),
        rows,
    );
}
