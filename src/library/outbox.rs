//! The tracker outbox: actions not yet ticketed, as a script of
//! `gh issue create` commands or as the CSV files Jira's and Linear's
//! importers read. Every CSV cell a spreadsheet would take for a formula is
//! neutralized; every shell word is single-quoted.

use super::actions::ActionRow;
use crate::model::{ActionStatus, Priority};

/// What the outbox needs beyond the actions.
#[derive(Debug, Clone, Default)]
pub struct OutboxOptions {
    /// Prefix of links back to the postmortems (e.g. the repository's
    /// `https://github.com/org/postmortems/blob/main/`); without it the
    /// link is the path relative to the library.
    pub base_url: Option<String>,
}

/// The actions worth a ticket: open or in progress, with no ticket yet.
pub fn outbox(rows: &[ActionRow]) -> Vec<&ActionRow> {
    rows.iter()
        .filter(|r| r.is_pending() && r.ticket.trim().is_empty())
        .collect()
}

/// A word for a POSIX shell, single-quoted: nothing inside is expanded
/// (`$`, backticks, `\`, newlines stay as they are); a quote is written
/// `'\''`. NUL, which no argument can hold, is dropped.
pub fn sh_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\'' => out.push_str("'\\''"),
            '\0' => {}
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A CSV cell a spreadsheet will not evaluate: text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'`.
pub fn neutralize(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

fn link(row: &ActionRow, options: &OutboxOptions) -> String {
    match &options.base_url {
        Some(base) if !base.is_empty() => {
            let sep = if base.ends_with('/') { "" } else { "/" };
            format!("{base}{sep}{}", row.path)
        }
        _ => row.path.clone(),
    }
}

/// The ticket's description: the postmortem it comes from (with a link),
/// what it addresses, and its fields; the last line names the action for
/// `--link`.
fn body(row: &ActionRow, options: &OutboxOptions) -> String {
    let mut text = format!(
        "Action {} of postmortem {}: {}\n{}\n",
        row.id,
        row.doc,
        row.doc_title,
        link(row, options)
    );
    if !row.addresses.is_empty() {
        text.push_str("\nAddresses:\n");
        for a in &row.addresses {
            let category = if a.category.is_empty() {
                String::new()
            } else {
                format!(" ({})", a.category)
            };
            text.push_str(&format!("- {}{category}: {}\n", a.id, a.text));
        }
    }
    let mut fields = Vec::new();
    if let Some(p) = row.priority {
        fields.push(format!("Priority: {}", p.as_str()));
    }
    if let Some(k) = row.kind {
        fields.push(format!("Type: {}", k.as_str()));
    }
    if !row.owner.is_empty() {
        fields.push(format!("Owner: {}", row.owner));
    }
    if let Some(d) = row.due {
        fields.push(format!("Due: {d}"));
    }
    if !fields.is_empty() {
        text.push('\n');
        text.push_str(&fields.join(" · "));
        text.push('\n');
    }
    text.push_str(&format!("\ndebrief: {}", row.key));
    text
}

/// A GitHub handle from an owner written `@handle`; other owners (teams,
/// roles) have none.
fn handle(owner: &str) -> Option<&str> {
    let h = owner.trim().strip_prefix('@')?;
    let valid = !h.is_empty()
        && h.len() <= 39
        && h.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !h.starts_with('-');
    valid.then_some(h)
}

fn labels(row: &ActionRow) -> Vec<String> {
    let mut out = vec!["postmortem".to_string()];
    if let Some(p) = row.priority {
        out.push(format!("priority:{}", p.as_str()));
    }
    if let Some(k) = row.kind {
        out.push(format!("type:{}", k.as_str()));
    }
    out
}

fn title(row: &ActionRow) -> String {
    // One line: a newline in a title would make a broken issue title.
    let flat: Vec<&str> = row.title.split_whitespace().collect();
    format!("{}: {}", row.id, flat.join(" "))
}

/// A POSIX shell script creating one GitHub issue per action with `gh`
/// and appending `action,ticket,status` to a links file for `--link`.
pub fn github_script(rows: &[&ActionRow], options: &OutboxOptions) -> String {
    let mut out = String::from(
        "#!/bin/sh\n\
         # Written by `debrief actions --export github`: one `gh issue create` per\n\
         # action item that has no ticket yet. Run it where `gh` reaches the\n\
         # repository that tracks the work. Each new issue's URL is appended to\n\
         # $DEBRIEF_LINKS (default debrief-links.csv); then\n\
         # `debrief actions DIR --link debrief-links.csv` writes them into the postmortems.\n\
         set -eu\n\
         links=\"${DEBRIEF_LINKS:-debrief-links.csv}\"\n\
         [ -s \"$links\" ] || printf 'action,ticket,status\\n' >\"$links\"\n",
    );
    for row in rows {
        // A comment is one line, whatever the key holds.
        let comment = format!("# {} ({})", row.key, row.path).replace(['\n', '\r'], " ");
        out.push('\n');
        out.push_str(&comment);
        out.push('\n');
        out.push_str("url=$(gh issue create \\\n");
        out.push_str(&format!("  --title={} \\\n", sh_quote(&title(row))));
        out.push_str(&format!("  --body={} \\\n", sh_quote(&body(row, options))));
        for label in labels(row) {
            out.push_str(&format!("  --label={} \\\n", sh_quote(&label)));
        }
        if let Some(h) = handle(&row.owner) {
            out.push_str(&format!("  --assignee={} \\\n", sh_quote(h)));
        }
        // Drop the last continuation.
        out.truncate(out.len() - " \\\n".len());
        out.push_str(")\n");
        out.push_str(&format!(
            "printf '%s,%s\\n' {} \"$url\" >>\"$links\"\n",
            sh_quote(&csv_field(&row.key))
        ));
    }
    out
}

/// A CSV field quoted where needed (`"` doubled), for a line written by hand.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a row of the wrong length would be a
    // bug here, so every row is built from the same header.
    let _ = writer.write_record(header);
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| neutralize(c)).collect();
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Jira's names for P0–P3.
fn jira_priority(p: Option<Priority>) -> &'static str {
    match p {
        Some(Priority::P0) => "Highest",
        Some(Priority::P1) => "High",
        Some(Priority::P2) => "Medium",
        Some(Priority::P3) => "Low",
        None => "",
    }
}

/// Jira's CSV importer layout: Summary, Issue Type, Description, Priority,
/// Assignee, Due Date (`yyyy-MM-dd`), and one Labels column per label (Jira
/// reads repeated columns as several values; labels hold no spaces).
pub fn jira_csv(rows: &[&ActionRow], options: &OutboxOptions) -> String {
    let header = [
        "Summary",
        "Issue Type",
        "Description",
        "Priority",
        "Assignee",
        "Due Date",
        "Labels",
        "Labels",
        "Labels",
    ];
    let data = rows
        .iter()
        .map(|row| {
            let mut labels: Vec<String> = labels(row).iter().map(|l| l.replace(':', "-")).collect();
            labels.resize(3, String::new());
            let mut cells = vec![
                title(row),
                "Task".to_string(),
                body(row, options),
                jira_priority(row.priority).to_string(),
                handle(&row.owner).unwrap_or_default().to_string(),
                row.due.map(|d| d.to_string()).unwrap_or_default(),
            ];
            cells.extend(labels);
            cells
        })
        .collect();
    csv(&header, data)
}

/// Linear's names for P0–P3.
fn linear_priority(p: Option<Priority>) -> &'static str {
    match p {
        Some(Priority::P0) => "Urgent",
        Some(Priority::P1) => "High",
        Some(Priority::P2) => "Medium",
        Some(Priority::P3) => "Low",
        None => "No priority",
    }
}

/// Linear's CSV importer layout (the columns of Linear's own export that
/// its importer reads): Title, Description, Status, Priority, Assignee,
/// Labels (comma-separated in one cell), Due Date.
pub fn linear_csv(rows: &[&ActionRow], options: &OutboxOptions) -> String {
    let header = [
        "Title",
        "Description",
        "Status",
        "Priority",
        "Assignee",
        "Labels",
        "Due Date",
    ];
    let data = rows
        .iter()
        .map(|row| {
            vec![
                title(row),
                body(row, options),
                match row.status {
                    ActionStatus::InProgress => "In Progress",
                    _ => "Todo",
                }
                .to_string(),
                linear_priority(row.priority).to_string(),
                handle(&row.owner).unwrap_or_default().to_string(),
                labels(row).join(","),
                row.due.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    csv(&header, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_neutralizing() {
        assert_eq!(sh_quote("it's $HOME `x`"), "'it'\\''s $HOME `x`'");
        assert_eq!(neutralize("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralize("-1 retries"), "'-1 retries");
        assert_eq!(neutralize("plain"), "plain");
        assert_eq!(handle("@dana-r"), Some("dana-r"));
        assert_eq!(handle("Platform Team"), None);
        assert_eq!(handle("@bad;rm"), None);
    }
}
