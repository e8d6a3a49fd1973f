//! Completeness rules (from the seed checklists) and the completeness score.
//!
//! Item-level checks (action fields, vague actions, a root cause that is a
//! person) run with the item; the rest are document-level and linear in the
//! document, so they are cheap to re-run after every edit. `item.rs` holds the
//! item-level rules, `sections.rs` the document-level rules of one section each.

mod item;
mod sections;

pub(crate) use item::{action_item_rules, root_is_person, vague_phrase};
use sections::{action_rules, factor_rules, sign_off_rules, timeline_rules, whys_rules};

use crate::model::edit::{DocField, ItemField, List};
use crate::model::{Impact, Kind, PathSeg, Postmortem, Status};

use super::context::Context;
use super::rule;
use super::spot::{Field, ItemPart};
use super::text::Prose;
use super::{Finding, Location, Severity};

use PathSeg::{Index, Key};

pub(super) fn at(section: &'static str, item: &str, field: Field, path: Vec<PathSeg>) -> Location {
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
pub(super) fn action_field(field: ItemField) -> Field {
    Field::item(List::Actions, ItemPart::Field(field))
}

/// Position of the document's severity in its scale (0 = most severe).
pub(super) fn severity_rank(doc: &Postmortem) -> Option<usize> {
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

pub(super) fn summary_sentences(summary: &str) -> usize {
    Prose::new(summary).sentences.len()
}
