//! Completeness rules (from the seed checklists) and the completeness score.
//!
//! Item-level checks (action fields, vague actions, a root cause that is a
//! person) run with the item; the rest are document-level and linear in the
//! document, so they are cheap to re-run after every edit.

use std::collections::HashSet;

use crate::model::edit::{DocField, ItemField, List};
use crate::model::{ActionItem, Impact, Kind, Mark, PathSeg, Postmortem, Status, find_gaps};

use super::blame::{ScanOptions, scan};
use super::context::Context;
use super::items::FieldLinter;
use super::lexicon::Lexicon;
use super::rule;
use super::spot::{Field, ItemPart};
use super::text::{Prose, is_ignored};
use super::{Finding, Location, Severity};

use PathSeg::{Index, Key};

fn at(section: &'static str, item: &str, field: Field, path: Vec<PathSeg>) -> Location {
    Location {
        section,
        item: item.to_string(),
        field: field.name,
        path,
        range: None,
        spot: field.spot,
    }
}

/// A part of an action item.
fn action_field(field: ItemField) -> Field {
    Field::item(List::Actions, ItemPart::Field(field))
}

/// A root cause that names a person, says "human error", or has a person as
/// its subject ("The engineer ran the wrong command").
pub(crate) fn root_is_person(text: &str, ctx: &Context, location: Location) -> Option<Finding> {
    if text.trim().is_empty() {
        return None;
    }
    let blamed = scan(text, ctx, ScanOptions::default())
        .iter()
        .any(|h| h.rule == rule::NAMED_INDIVIDUAL || h.rule == rule::HUMAN_ERROR);
    let lex = Lexicon::get();
    let prose = Prose::new(text);
    let subject = prose
        .words
        .iter()
        .map(|w| w.lower())
        .find(|w| !lex.subject_skip.contains(w) && !w.ends_with("ly"));
    let person_subject = subject.is_some_and(|w| {
        lex.person_nouns.contains(&w) && !matches!(w.as_str(), "team" | "teams" | "people")
    });
    (blamed || person_subject).then(|| Finding::new(rule::ROOT_CAUSE_PERSON, location))
}

fn phrase_range(
    automaton: &aho_corasick::AhoCorasick,
    text: &str,
) -> Option<std::ops::Range<usize>> {
    automaton.find_iter(text).map(|m| m.range()).find(|r| {
        let before = text[..r.start].chars().next_back();
        let after = text[r.end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether an action title is vague: aimed at diligence, or open-ended
/// without a measurable target. Returns the vague phrase's range.
pub(crate) fn vague_phrase(title: &str) -> Option<std::ops::Range<usize>> {
    let lex = Lexicon::get();
    if let Some(range) = phrase_range(&lex.vague_always, title) {
        return Some(range);
    }
    let range = phrase_range(&lex.vague_open, title)?;
    let measurable =
        title.chars().any(|c| c.is_ascii_digit()) || phrase_range(&lex.measurable, title).is_some();
    (!measurable).then_some(range)
}

/// Action-item rules that only look at the item.
pub(crate) fn action_item_rules(
    action: &ActionItem,
    f: &mut FieldLinter,
    title_path: Vec<PathSeg>,
) {
    let mut missing = Vec::new();
    if action.owner.trim().is_empty() {
        missing.push(ItemField::Owner);
    }
    if action.due.is_none() {
        missing.push(ItemField::Due);
    }
    if action.kind.is_none() {
        missing.push(ItemField::Type);
    }
    if action.priority.is_none() {
        missing.push(ItemField::Priority);
    }
    if let Some(first) = missing.first() {
        let mut path = title_path.clone();
        path.pop();
        let location = f.location(action_field(*first), path);
        f.push(
            Finding::new(rule::ACTION_FIELDS, location).with_message(format!(
                "Action item incomplete: missing {}. Every action needs an owner, a due date, a type and a priority.",
                missing.iter().map(|m| m.key()).collect::<Vec<_>>().join(", ")
            )),
        );
    }
    if let Some(range) = vague_phrase(&action.title) {
        let mut location = f.location(action_field(ItemField::Title), title_path);
        let phrase = action.title[range.clone()].to_string();
        location.range = Some(range);
        let mut finding = Finding::new(rule::VAGUE_ACTION, location);
        finding.message = format!("`{phrase}`: {}", finding.message);
        finding.excerpt = Some(phrase);
        finding.suggestion =
            Some("Add metric X to dashboard Y / alert on Z above N, by a date.".into());
        f.push(finding);
    }
}

/// Position of the document's severity in its scale (0 = most severe).
fn severity_rank(doc: &Postmortem) -> Option<usize> {
    doc.severity_scale()
        .iter()
        .position(|s| s.level == doc.meta.severity)
}

fn says_none(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.is_empty()
        || t.starts_with("none")
        || t.starts_with("no ")
        || t == "no"
        || t == "0"
        || t == "n/a"
        || t.starts_with("no data")
        || t.starts_with("not ")
}

fn all_users(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("100%")
        || t.contains("100 %")
        || t.starts_with("all ")
        || t == "all"
        || t.contains("all users")
        || t.contains("every user")
        || t.contains("all customers")
}

fn impact_says_critical(impact: &Impact) -> Option<&'static str> {
    if !says_none(&impact.data_loss) {
        Some("data loss is recorded")
    } else if all_users(&impact.users_affected) {
        Some("all users were affected")
    } else {
        None
    }
}

/// The document-level completeness rules. `item_errors` is the number of
/// errors among the item findings (for `complete/final-with-errors`).
pub fn lint_document_rules(doc: &Postmortem, ctx: &Context, item_errors: usize) -> Vec<Finding> {
    let mut out = document_rules(doc, ctx, item_errors);
    super::levels::apply(ctx.config(), &mut out);
    out
}

fn document_rules(doc: &Postmortem, ctx: &Context, item_errors: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    // Near misses are analysed like incidents but had no impact to record.
    let incident = doc.kind.is_event();
    let impact_required = doc.kind == Kind::Incident;
    let meta = &doc.meta;

    // Required meta.
    let mut required: Vec<(&'static str, DocField, bool)> = vec![
        ("title", DocField::Title, meta.title.trim().is_empty()),
        ("started", DocField::Started, meta.started.is_none()),
        ("ended", DocField::Ended, meta.ended.is_none()),
        (
            "authors",
            DocField::Authors,
            meta.authors.iter().all(|a| a.trim().is_empty()),
        ),
    ];
    if impact_required {
        required.insert(
            1,
            (
                "severity",
                DocField::Severity,
                meta.severity.trim().is_empty(),
            ),
        );
    }
    for (field, doc_field, missing) in required {
        if missing {
            out.push(
                Finding::new(
                    rule::REQUIRED_META,
                    at("meta", "", Field::doc(field, doc_field), vec![Key("meta"), Key(field)]),
                )
                .with_message(format!(
                    "Required header field `meta.{field}` is missing: a postmortem needs a title, severity, status, start and end time, and authors."
                )),
            );
        }
    }

    // The quick template's few actions.
    if meta.template == "quick"
        && let Some(extra) = doc.actions.get(crate::model::QUICK_MAX_ACTIONS)
    {
        out.push(
            Finding::new(
                super::rule::QUICK_ACTIONS,
                at(
                    "actions",
                    &extra.id,
                    action_field(ItemField::Title),
                    vec![Key("actions"), Index(crate::model::QUICK_MAX_ACTIONS), Key("title")],
                ),
            )
            .with_message(format!(
                "{} action items in a quick postmortem: the quick template keeps at most {}; deliver the few that matter most.",
                doc.actions.len(),
                crate::model::QUICK_MAX_ACTIONS
            )),
        );
    }

    // Summary.
    let summary_at = || {
        at(
            "summary",
            "",
            Field::doc("summary", DocField::Summary),
            vec![Key("summary")],
        )
    };
    if doc.summary.trim().is_empty() {
        out.push(Finding::new(rule::SUMMARY, summary_at()));
    } else {
        let sentences = summary_sentences(&doc.summary);
        if sentences > 4 {
            out.push(
                Finding::new(rule::SUMMARY_LENGTH, summary_at()).with_message(format!(
                    "The summary has {sentences} sentences: keep it to 1–4 (what broke, the impact, how it was resolved) and move detail to the timeline."
                )),
            );
        }
    }

    if incident {
        timeline_rules(doc, ctx, &mut out);
        whys_rules(doc, &mut out);
        factor_rules(doc, &mut out);
        if impact_required && doc.impact.is_empty() {
            out.push(Finding::new(
                rule::IMPACT,
                at(
                    "impact",
                    "",
                    Field::doc("", DocField::ImpactExtra),
                    vec![Key("impact")],
                ),
            ));
        }
        for (n, row) in doc.impact.extra.iter().enumerate() {
            if row.value.trim().is_empty() {
                out.push(
                    Finding::new(
                        rule::IMPACT,
                        at(
                            "impact",
                            "",
                            Field::doc("value", DocField::ImpactExtra),
                            vec![Key("impact"), Key("extra"), Index(n), Key("value")],
                        ),
                    )
                    .with_message(format!(
                        "Impact row `{}` has no value: fill it in or remove it.",
                        row.metric
                    )),
                );
            }
        }
        if let (Some(rank), Some(reason)) = (severity_rank(doc), impact_says_critical(&doc.impact))
            && rank >= 2
            && impact_required
        {
            out.push(
                    Finding::new(rule::SEVERITY_IMPACT, at("meta", "", Field::doc("severity", DocField::Severity), vec![Key("meta"), Key("severity")]))
                        .with_message(format!(
                            "Severity {} looks low: {reason}, which the default scale rates SEV-1 (service down for all users, data loss, or security breach).",
                            meta.severity
                        )),
                );
        }
    }

    action_rules(doc, &mut out);

    if doc.review.went_well.iter().all(|s| s.trim().is_empty()) {
        out.push(Finding::new(
            rule::WENT_WELL,
            at(
                "review",
                "",
                Field::doc("went_well", DocField::WentWell),
                vec![Key("review"), Key("went_well")],
            ),
        ));
    }
    if doc.review.lessons.iter().all(|l| l.text.trim().is_empty()) {
        out.push(Finding::new(
            rule::LESSONS,
            at(
                "review",
                "",
                Field::doc("lessons", DocField::Lessons),
                vec![Key("review"), Key("lessons")],
            ),
        ));
    }

    sign_off_rules(doc, ctx, &mut out);

    if meta.status == Status::Final {
        let errors = item_errors + out.iter().filter(|f| f.severity == Severity::Error).count();
        if errors > 0 {
            out.push(
                Finding::new(rule::FINAL_WITH_ERRORS, at("meta", "", Field::doc("status", DocField::Status), vec![Key("meta"), Key("status")]))
                    .with_message(format!(
                        "The document is marked final but {errors} other error(s) remain: fix them or move it back to in-review."
                    )),
            );
        }
    }
    out
}

/// A final document needs the sign-offs the repository requires; a
/// sign-off whose content fingerprint is not the document's any more was
/// given to an older version (an error once the document is final).
fn sign_off_rules(doc: &Postmortem, ctx: &Context, out: &mut Vec<Finding>) {
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

pub(super) fn summary_sentences(summary: &str) -> usize {
    Prose::new(summary).sentences.len()
}

fn timeline_rules(doc: &Postmortem, ctx: &Context, out: &mut Vec<Finding>) {
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

fn whys_rules(doc: &Postmortem, out: &mut Vec<Finding>) {
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

fn factor_rules(doc: &Postmortem, out: &mut Vec<Finding>) {
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

fn action_rules(doc: &Postmortem, out: &mut Vec<Finding>) {
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
