//! `actions` as text for people and as CSV.

use std::fmt::Write;

use super::actions::ActionRow;
use super::render::csv_text;
use crate::model::escape_controls as esc;

/// The first `n` characters of `text`, with `…` when cut.
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let cut: String = text.chars().take(n - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// `actions` for people: one line per action, then what it addresses.
pub fn actions_human(rows: &[ActionRow]) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str("no actions\n");
        return out;
    }
    let key_width = rows
        .iter()
        .map(|r| r.key.chars().count())
        .max()
        .unwrap_or(0)
        .min(32);
    for r in rows {
        let due = r.due.map_or("no due date".to_string(), |d| d.to_string());
        let _ = writeln!(
            out,
            "{due:<11} {} {:<11} {:<2} {:<16} {:<key_width$}  {}",
            if r.overdue { "!" } else { " " },
            r.status.as_str(),
            r.priority.map_or("", |p| p.as_str()),
            esc(if r.owner.is_empty() {
                "(no owner)"
            } else {
                &r.owner
            }),
            esc(&r.key),
            esc(&r.title)
        );
        let mut detail: Vec<String> = r
            .addresses
            .iter()
            .map(|a| {
                let category = if a.category.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", a.category)
                };
                format!("{}{category}: {}", a.id, clip(&a.text, 60))
            })
            .collect();
        if !r.ticket.is_empty() {
            detail.push(format!("ticket {}", r.ticket));
        }
        if !detail.is_empty() {
            let _ = writeln!(out, "{:13}addresses {}", "", esc(&detail.join(" · ")));
        }
    }
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let _ = writeln!(out, "{} action(s), {overdue} overdue (!)", rows.len());
    out
}

/// `actions` as CSV (cells neutralized for spreadsheets).
pub fn actions_csv(rows: &[ActionRow]) -> String {
    let data = rows
        .iter()
        .map(|r| {
            vec![
                r.key.clone(),
                r.doc.clone(),
                r.path.clone(),
                r.id.clone(),
                r.title.clone(),
                r.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
                r.priority
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default(),
                r.owner.clone(),
                r.due.map(|d| d.to_string()).unwrap_or_default(),
                r.status.as_str().to_string(),
                r.overdue.to_string(),
                r.ticket.clone(),
                r.addresses
                    .iter()
                    .map(|a| a.id.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            ]
        })
        .collect();
    csv_text(
        &[
            "action",
            "postmortem",
            "path",
            "id",
            "title",
            "type",
            "priority",
            "owner",
            "due",
            "status",
            "overdue",
            "ticket",
            "addresses",
        ],
        data,
    )
}
