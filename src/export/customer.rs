//! The customer export: a plain-language summary, the impact a customer
//! felt, the key moments in customer terms (never the internal timeline) and
//! the actions marked public, without owners. Every text of the document it
//! shows is recorded, and [`privacy::leaks`] refuses the export when one of
//! them names a person, a private term, a private item or an internal host.

use super::builder::Markdown;
use super::privacy::{self, Leak, Privacy, Shown};
use super::wording::{self, Wording};
use crate::lint::LintConfig;
use crate::model::{ActionStatus, Kind, Mark, Postmortem};

/// The customer export as Markdown, or every leak it would contain.
pub fn customer(doc: &Postmortem, privacy: &Privacy) -> Result<String, Vec<Leak>> {
    let page = page(doc);
    let leaks = privacy::leaks(doc, &page.shown, privacy);
    if leaks.is_empty() {
        Ok(page.out.finish())
    } else {
        Err(leaks)
    }
}

/// Advice on the wording of the customer export: blameful phrasing and
/// jargon, part by part (never a reason to refuse it).
pub fn customer_wording(doc: &Postmortem, config: &LintConfig) -> Vec<Wording> {
    wording::check(doc, &page(doc).shown, config)
}

fn page(doc: &Postmortem) -> Page {
    let mut page = Page::default();
    build(doc, &mut page);
    page
}

/// The Markdown under construction and the document texts it shows.
#[derive(Default)]
struct Page {
    out: Markdown,
    shown: Vec<Shown>,
}

impl Page {
    /// Records a text of the document the page shows.
    fn show(&mut self, path: impl Into<String>, text: &str) -> String {
        self.shown.push(Shown {
            path: path.into(),
            text: text.to_string(),
        });
        text.to_string()
    }
}

/// What each key moment means to a customer; moments only the team lives
/// through (the trigger, the escalation) are not told.
fn moment(mark: Mark) -> Option<&'static str> {
    match mark {
        Mark::ImpactStart => Some("The problem began to affect customers."),
        Mark::Detected => Some("We detected the problem and began to respond."),
        Mark::Mitigated => Some("We put a fix in place and service began to recover."),
        Mark::Resolved => Some("Service was fully restored."),
        Mark::Communicated => Some("We posted an update."),
        Mark::Trigger | Mark::Escalated => None,
    }
}

fn build(doc: &Postmortem, page: &mut Page) {
    let title = if doc.meta.title.trim().is_empty() {
        "Untitled".to_string()
    } else {
        page.show("meta.title", doc.meta.title.trim())
    };
    let heading = match doc.kind {
        Kind::Project => "Project report",
        Kind::Incident | Kind::NearMiss => "Incident report",
    };
    page.out.heading(1, &format!("{heading}: {title}"));
    let zone = doc.display_zone();
    let mut block = Vec::new();
    if let Some(start) = doc.meta.started {
        block.push(format!(
            "**Date:** {}",
            zone.local(&start).format("%Y-%m-%d")
        ));
    }
    if let (Kind::Project, Some(start), Some(end)) = (doc.kind, doc.meta.started, doc.meta.ended) {
        block.clear();
        block.push(format!(
            "**Period:** {} – {}",
            zone.local(&start).format("%Y-%m-%d"),
            zone.local(&end).format("%Y-%m-%d")
        ));
    } else if let (Some(start), Some(end)) = (doc.meta.started, doc.meta.ended) {
        block.push(format!(
            "**Duration:** {} ({} – {} {})",
            crate::model::format_duration(end.signed_duration_since(start)),
            zone.clock(&start),
            zone.clock(&end),
            zone.abbreviation(Some(&start))
        ));
    }
    page.out.lines(&block);

    // The summary in customer words when there is one.
    let (path, summary) = if doc.customer_summary.trim().is_empty() {
        ("summary", &doc.summary)
    } else {
        ("customer_summary", &doc.customer_summary)
    };
    if !summary.trim().is_empty() {
        let summary = page.show(path, summary);
        page.out.section("Summary", &summary);
    }
    impact(doc, page);
    moments(doc, page);
    actions(doc, page);
}

fn impact(doc: &Postmortem, page: &mut Page) {
    let impact = &doc.impact;
    // What a customer felt; revenue, SLA and ticket counts are internal.
    let rows = [
        (
            "Who was affected",
            "impact.users_affected",
            &impact.users_affected,
        ),
        ("How long", "impact.duration", &impact.duration),
        ("Data", "impact.data_loss", &impact.data_loss),
    ];
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|(_, _, value)| !value.trim().is_empty())
        .map(|(label, path, value)| vec![label.to_string(), page.show(path, value)])
        .collect();
    if rows.is_empty() {
        return;
    }
    page.out.heading(2, "Impact");
    page.out.table(&["Impact", "Details"], rows);
}

fn moments(doc: &Postmortem, page: &mut Page) {
    let zone = doc.display_zone();
    let mut previous_day = None;
    let mut rows = Vec::new();
    let mut first = None;
    for event in doc.timeline.iter().filter(|e| !e.private) {
        let told: Vec<&str> = event.marks.iter().filter_map(|m| moment(*m)).collect();
        if told.is_empty() {
            continue;
        }
        first.get_or_insert(event.at);
        let day = zone.local(&event.at).date();
        let time = if previous_day == Some(day) {
            zone.clock(&event.at)
        } else {
            format!("{day} {}", zone.clock(&event.at))
        };
        previous_day = Some(day);
        rows.push(vec![time, told.join(" ")]);
    }
    if rows.is_empty() {
        return;
    }
    page.out.heading(2, "What happened");
    let (name, abbreviation) = (zone.to_string(), zone.abbreviation(first.as_ref()));
    page.out.paragraph(&if name == abbreviation {
        format!("All times in {name}.")
    } else {
        format!("All times in {name} ({abbreviation}).")
    });
    page.out.table(&["Time", "What happened"], rows);
}

fn actions(doc: &Postmortem, page: &mut Page) {
    let public: Vec<_> = doc
        .actions
        .iter()
        .filter(|a| a.public && !a.private && a.status != ActionStatus::WontDo)
        .collect();
    if public.is_empty() {
        return;
    }
    page.out.heading(2, "What we are doing about it");
    let rows = public
        .into_iter()
        .map(|a| {
            let status = match a.status {
                ActionStatus::Done => "Done",
                ActionStatus::InProgress => "In progress",
                ActionStatus::Open | ActionStatus::WontDo => "Planned",
            };
            vec![
                page.show(format!("actions {}.title", a.id), a.title.trim()),
                status.to_string(),
            ]
        })
        .collect();
    page.out.table(&["Action", "Status"], rows);
}
