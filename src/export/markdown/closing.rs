//! The closing sections of the Markdown export: action items, lessons,
//! follow-up, sign-off, distribution and the appendix with the unmapped
//! parts.

use super::super::builder::{Markdown, inline};
use super::super::escape;
use super::{UNMAPPED_MARKER, capitalize, columns};
use crate::model::{ActionItem, Postmortem, Timeframe};

pub(super) fn actions(doc: &Postmortem, out: &mut Markdown) {
    if doc.actions.is_empty() {
        return;
    }
    out.heading(2, doc.heading("actions", "Action Items"));
    let columns = columns(
        doc,
        "actions",
        &[
            ("id", "ID"),
            ("action", "Action"),
            ("type", "Type"),
            ("priority", "Priority"),
            ("owner", "Owner"),
            ("due", "Due"),
            ("status", "Status"),
            ("timeframe", "Timeframe"),
            ("ticket", "Ticket"),
            ("addresses", "Addresses"),
        ],
    );
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    // Timeframes the document headed ("### Immediate (This Week)") group
    // their actions under that heading, as the document did.
    let headed = |t: &Timeframe| doc.headings.contains_key(&timeframe_key(*t));
    let loose: Vec<Vec<String>> = doc
        .actions
        .iter()
        .filter(|a| !a.timeframe.as_ref().is_some_and(headed))
        .map(action_row)
        .collect();
    if !loose.is_empty() {
        out.table_markdown(&columns, loose);
    }
    for timeframe in Timeframe::ALL.iter().filter(|t| headed(t)) {
        let rows: Vec<Vec<String>> = doc
            .actions
            .iter()
            .filter(|a| a.timeframe == Some(*timeframe))
            .map(action_row)
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.heading(
            3,
            doc.heading(&timeframe_key(*timeframe), timeframe.label()),
        );
        out.table_markdown(&columns, rows);
    }
}

/// The `[headings]` key of a timeframe's group of actions.
fn timeframe_key(timeframe: Timeframe) -> String {
    format!("actions.{}", timeframe.as_str())
}

/// The cells of an action's row, escaped.
pub(super) fn action_row(action: &ActionItem) -> Vec<String> {
    let addresses: Vec<&str> = action
        .factors
        .iter()
        .chain(&action.whys)
        .map(String::as_str)
        .collect();
    let mut title = escape::cell(&action.title);
    if !action.notes.trim().is_empty() {
        // The label is the export's own: the two texts are escaped apart.
        title = format!("{title}<br>*Notes:* {}", escape::cell(&action.notes));
    }
    let text = |t: &str| escape::cell(t);
    vec![
        text(&action.id),
        title,
        action
            .kind
            .map(|k| k.label().to_string())
            .unwrap_or_default(),
        action
            .priority
            .map(|p| p.label().to_string())
            .unwrap_or_default(),
        text(&action.owner),
        action.due.map(|d| d.to_string()).unwrap_or_default(),
        action.status.label().to_string(),
        action
            .timeframe
            .map(|t| t.label().to_string())
            .unwrap_or_default(),
        text(&action.ticket),
        text(&addresses.join(", ")),
    ]
}

pub(super) fn lessons(doc: &Postmortem, out: &mut Markdown) {
    let lessons = &doc.review.lessons;
    if lessons.is_empty() {
        return;
    }
    out.heading(2, doc.heading("lessons", "Lessons Learned"));
    let plain: Vec<String> = lessons
        .iter()
        .filter(|l| l.category.trim().is_empty())
        .map(|l| l.text.clone())
        .collect();
    out.numbered(&plain);
    let mut categories: Vec<&str> = Vec::new();
    for lesson in lessons {
        let category = lesson.category.trim();
        if !category.is_empty() && !categories.contains(&category) {
            categories.push(category);
        }
    }
    for category in categories {
        out.heading(3, &capitalize(category));
        let items: Vec<String> = lessons
            .iter()
            .filter(|l| l.category.trim() == category)
            .map(|l| l.text.clone())
            .collect();
        out.numbered(&items);
    }
}

pub(super) fn closing(doc: &Postmortem, out: &mut Markdown) {
    if !doc.follow_up.is_empty() {
        out.heading(2, doc.heading("follow-up", "Follow-up Schedule"));
        let items: Vec<String> = doc
            .follow_up
            .iter()
            .map(|f| match f.date {
                Some(date) => format!("**{}:** {}", escape::emphasis(&inline(&f.what)), date),
                None => escape::emphasis(f.what.trim()),
            })
            .collect();
        out.list_markdown(&items);
    }
    if !doc.sign_off.is_empty() {
        out.heading(2, doc.heading("sign-off", "Sign-off"));
        let rows = doc
            .sign_off
            .iter()
            .map(|s| {
                vec![
                    s.role.clone(),
                    s.name.clone(),
                    s.date.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        out.table(&["Role", "Name", "Date"], rows);
    }
    if !doc.distribution.is_empty() {
        out.heading(2, doc.heading("distribution", "Distribution"));
        out.list(&doc.distribution);
    }
    super::super::meeting::meeting(doc, out);
    let appendix = &doc.appendix;
    if appendix.is_empty() && doc.unmapped.is_empty() {
        return;
    }
    out.heading(2, doc.heading("appendix", "Appendix"));
    if !appendix.logs.trim().is_empty() {
        out.heading(3, doc.heading("logs", "Relevant Logs"));
        out.code_block(&appendix.logs);
    }
    if !appendix.metrics.trim().is_empty() {
        out.heading(3, doc.heading("metrics", "Metrics"));
        out.paragraph(&appendix.metrics);
    }
    if !appendix.related.is_empty() {
        out.heading(3, doc.heading("related", "Related Incidents"));
        out.list(&appendix.related);
    }
    if !appendix.notes.trim().is_empty() {
        out.heading(3, "Notes");
        out.raw(&escape::notes(appendix.notes.trim()));
    }
    for unmapped in &doc.unmapped {
        // The marker is the export's own comment; the part is text like any
        // other field (an imported HTML comment in it shows as text).
        out.raw(UNMAPPED_MARKER);
        out.heading(3, &unmapped.heading);
        out.paragraph(&unmapped.markdown);
    }
}
