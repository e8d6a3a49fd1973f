//! Document-level completeness rules of one section each: sign-offs, the
//! timeline, the whys, the factors and the actions.

use std::collections::HashSet;

use crate::model::edit::{DocField, ItemField, List};
use crate::model::{Kind, Mark, PathSeg, Postmortem, Status, find_gaps};

use super::{action_field, at, severity_rank};
use crate::lint::context::Context;
use crate::lint::rule;
use crate::lint::spot::{Field, ItemPart};
use crate::lint::text::is_ignored;
use crate::lint::{Finding, Severity};

use PathSeg::{Index, Key};

/// A final document needs the sign-offs the repository requires; a
/// sign-off whose content fingerprint is not the document's any more was
/// given to an older version (an error once the document is final).
pub(super) fn sign_off_rules(doc: &Postmortem, ctx: &Context, out: &mut Vec<Finding>) {
    let final_doc = doc.meta.status == Status::Final;
    let sign_at = |i: Option<usize>| match i {
        Some(i) => at(
            "sign_off",
            "",
            Field::doc("fingerprint", DocField::SignOff),
            vec![Key("sign_off"), Index(i)],
        ),
        None => at(
            "sign_off",
            "",
            Field::doc("", DocField::SignOff),
            vec![Key("sign_off")],
        ),
    };
    if final_doc {
        for role in &ctx.config.required_signoffs {
            let signed = doc
                .sign_off
                .iter()
                .any(|s| s.fills(role) && !s.name.trim().is_empty());
            if !signed {
                out.push(
                    Finding::new(rule::SIGN_OFF_MISSING, sign_at(None)).with_message(format!(
                        "The document is final but has no `{role}` sign-off, which this repository requires: `debrief sign FILE --role {role}`, or move it back to in-review."
                    )),
                );
            }
        }
    }
    if !doc.sign_off.iter().any(|s| !s.fingerprint.is_empty()) {
        return;
    }
    let current = crate::model::content_fingerprint(doc);
    for (i, row) in doc.sign_off.iter().enumerate() {
        if row.fingerprint.is_empty() || row.fingerprint == current {
            continue;
        }
        let finding = Finding::new(rule::SIGN_OFF_STALE, sign_at(Some(i))).with_message(format!(
            "The `{}` sign-off by {} was given to an earlier version: the content changed since. Ask for a new sign-off (`debrief sign`).",
            row.role,
            if row.name.is_empty() { "nobody" } else { &row.name }
        ));
        out.push(if final_doc {
            finding.with_severity(Severity::Error)
        } else {
            finding
        });
    }
}

pub(super) fn timeline_rules(doc: &Postmortem, ctx: &Context, out: &mut Vec<Finding>) {
    let timeline = &doc.timeline;
    if timeline.is_empty() {
        out.push(Finding::new(
            rule::TIMELINE_EMPTY,
            at("timeline", "", Field::section(""), vec![Key("timeline")]),
        ));
        return;
    }
    // Order and gaps are about an event's time.
    let event_at = |i: usize| {
        at(
            "timeline",
            &timeline[i].id,
            Field::item(List::Timeline, ItemPart::Field(ItemField::Time)),
            vec![Key("timeline"), Index(i), Key("at")],
        )
    };
    let mut sorted = true;
    for i in 1..timeline.len() {
        if timeline[i].at < timeline[i - 1].at {
            sorted = false;
            if !is_ignored(rule::TIMELINE_ORDER, &timeline[i].ignore) {
                out.push(
                    Finding::new(rule::TIMELINE_ORDER, event_at(i)).with_message(format!(
                        "{} is earlier than the event before it ({}): sort the timeline so it reads in sequence.",
                        timeline[i].id,
                        timeline[i - 1].id
                    )),
                );
            }
        }
    }
    let missing: Vec<&str> = [Mark::Detected, Mark::Mitigated, Mark::Resolved]
        .into_iter()
        .filter(|m| !timeline.iter().any(|e| e.has(*m)))
        .map(Mark::as_str)
        .collect();
    if !missing.is_empty() {
        out.push(
            Finding::new(rule::TIMELINE_MARKS, at("timeline", "", Field::section("marks"), vec![Key("timeline")]))
                .with_message(format!(
                    "No event is marked {}: mark the key moments so time to detect, mitigate and resolve can be computed.",
                    missing.join(", ")
                )),
        );
    }
    if sorted {
        let zone = doc.display_zone();
        for gap in find_gaps(timeline, ctx.config.gap_threshold) {
            let next = gap.after + 1;
            if is_ignored(rule::TIMELINE_GAP, &timeline[next].ignore) {
                continue;
            }
            let length = crate::model::format_duration(gap.to.signed_duration_since(gap.from));
            out.push(
                Finding::new(rule::TIMELINE_GAP, event_at(next)).with_message(format!(
                    "Nothing recorded for {length} between {} ({}) and {} ({}): what happened here?",
                    zone.clock(&gap.from),
                    timeline[gap.after].id,
                    zone.clock(&gap.to),
                    timeline[next].id
                )),
            );
        }
    }
}

pub(super) fn whys_rules(doc: &Postmortem, out: &mut Vec<Finding>) {
    let whys = &doc.whys;
    let depths = whys.depths();
    let deep_root = whys
        .nodes
        .iter()
        .any(|w| w.root && depths.of(&w.id).is_some_and(|d| d >= 3));
    if !deep_root {
        let deepest = whys
            .nodes
            .iter()
            .filter_map(|w| depths.of(&w.id))
            .max()
            .unwrap_or(0);
        let has_root = whys.nodes.iter().any(|w| w.root);
        out.push(
            Finding::new(rule::WHYS_DEPTH, at("whys", "", Field::section("node"), vec![Key("whys")])).with_message(format!(
                "The deepest 5 Whys chain has {deepest} level(s){}: reach depth 3 or more and mark the systemic cause as root.",
                if has_root { "" } else { " and no node is marked root" }
            )),
        );
    }
    if whys.root_cause.trim().is_empty() {
        out.push(Finding::new(
            rule::ROOT_CAUSE_STATEMENT,
            at(
                "whys",
                "",
                Field::doc("root_cause", DocField::RootCause),
                vec![Key("whys"), Key("root_cause")],
            ),
        ));
    }
}

pub(super) fn factor_rules(doc: &Postmortem, out: &mut Vec<Finding>) {
    let factors_at = || at("factors", "", Field::section(""), vec![Key("factors")]);
    if doc.factors.len() < 2 {
        out.push(Finding::new(rule::FACTORS_COUNT, factors_at()).with_message(format!(
            "{} contributing factor(s): incidents rarely have a single cause; look for process, technical, human and organizational factors.",
            doc.factors.len()
        )));
    } else {
        let categories: HashSet<&str> = doc.factors.iter().map(|f| f.category.as_str()).collect();
        if categories.len() < 2 {
            out.push(Finding::new(rule::FACTORS_CATEGORIES, factors_at()));
        }
    }
}

pub(super) fn action_rules(doc: &Postmortem, out: &mut Vec<Finding>) {
    let addressed_factors: HashSet<&str> = doc
        .actions
        .iter()
        .flat_map(|a| a.factors.iter().map(String::as_str))
        .collect();
    let addressed_whys: HashSet<&str> = doc
        .actions
        .iter()
        .flat_map(|a| a.whys.iter().map(String::as_str))
        .collect();
    for (i, factor) in doc.factors.iter().enumerate() {
        if factor.accepted_risk.trim().is_empty()
            && !addressed_factors.contains(factor.id.as_str())
            && !is_ignored(rule::UNADDRESSED, &factor.ignore)
        {
            out.push(
                Finding::new(rule::UNADDRESSED, at("factors", &factor.id, Field::item(List::Factors, ItemPart::Whole), vec![Key("factors"), Index(i), Key("id")]))
                    .with_message(format!(
                        "Contributing factor {} is not addressed by any action item: link an action to it or record it as an accepted risk.",
                        factor.id
                    )),
            );
        }
    }
    for (i, why) in doc.whys.nodes.iter().enumerate() {
        if !why.root || !why.accepted_risk.trim().is_empty() {
            continue;
        }
        let via_factor = doc
            .factors
            .iter()
            .any(|f| f.whys.contains(&why.id) && addressed_factors.contains(f.id.as_str()));
        if !addressed_whys.contains(why.id.as_str())
            && !via_factor
            && !is_ignored(rule::UNADDRESSED, &why.ignore)
        {
            out.push(
                Finding::new(rule::UNADDRESSED, at("whys", &why.id, Field::item(List::Whys, ItemPart::Whole), vec![Key("whys"), Key("node"), Index(i), Key("id")]))
                    .with_message(format!(
                        "Root cause {} is not addressed by any action item: link an action to it or record it as an accepted risk.",
                        why.id
                    )),
            );
        }
    }
    let incident_day = doc.meta.started.map(|s| s.date_naive());
    for (i, action) in doc.actions.iter().enumerate() {
        if let (Some(due), Some(day)) = (action.due, incident_day)
            && due < day
            && !is_ignored(rule::ACTION_DUE, &action.ignore)
        {
            out.push(
                    Finding::new(rule::ACTION_DUE, at("actions", &action.id, action_field(ItemField::Due), vec![Key("actions"), Index(i), Key("due")]))
                        .with_message(format!(
                            "Action {} is due {due}, before the incident started ({day}): check the due date.",
                            action.id
                        )),
                );
        }
    }
    let quick = doc.kind == Kind::Incident && severity_rank(doc).is_some_and(|r| r >= 2);
    if quick && doc.actions.len() > 5 {
        out.push(
            Finding::new(rule::TOO_MANY_ACTIONS, at("actions", "", Field::section(""), vec![Key("actions")])).with_message(format!(
                "{} action items on a {} postmortem: keep to at most 5 so they get done; merge or drop the rest.",
                doc.actions.len(),
                doc.meta.severity
            )),
        );
    }
}
