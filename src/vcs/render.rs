//! A [`DocDiff`] as text: readable lines for a terminal or a git diff
//! driver (`[-old-]{+new+}` word marks, as `git diff --word-diff`), a
//! Markdown comment for a pull request, or JSON.

use std::fmt::Write;

use super::diff::{Change, DocDiff, FieldChange, ItemChange, ItemStatus};
use super::words::{Op, Segment};

/// The readable form. `title` heads it (a file name, or `old → new`).
pub fn human(diff: &DocDiff, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "debrief diff {title}");
    if diff.is_empty() {
        let _ = writeln!(out, "  no change in meaning (only formatting, if anything)");
    }
    let mut list = "";
    for item in &diff.items {
        if item.list != list {
            list = item.list;
            let _ = writeln!(out, "{}", heading(list));
        }
        let _ = writeln!(out, "  {}", item_line(item));
        for field in &item.fields {
            let _ = writeln!(out, "      {}", field_line(field, Style::Plain));
        }
    }
    if !diff.fields.is_empty() {
        let _ = writeln!(out, "Fields");
        for field in &diff.fields {
            let _ = writeln!(out, "  ~ {}", field_line(field, Style::Plain));
        }
    }
    for line in summary_lines(diff, Style::Plain) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// A Markdown comment for a pull request.
pub fn markdown(diff: &DocDiff, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### debrief diff: {}\n", escape(title));
    if diff.is_empty() {
        let _ = writeln!(out, "No change in meaning.\n");
    }
    let mut list = "";
    for item in &diff.items {
        if item.list != list {
            if !list.is_empty() {
                out.push('\n');
            }
            list = item.list;
            let _ = writeln!(out, "**{}**\n", heading(list));
        }
        let sign = match item.status {
            ItemStatus::Added => "➕ added",
            ItemStatus::Removed => "➖ removed",
            ItemStatus::Changed => "✏️ changed",
        };
        let moved = item
            .moved
            .map(|(a, b)| format!(" (moved {a} → {b})"))
            .unwrap_or_default();
        let text = if item.status == ItemStatus::Changed {
            String::new()
        } else {
            format!(": {}", escape(&item.text))
        };
        let _ = writeln!(out, "- {sign} **{}**{moved}{text}", escape(&item.id));
        for field in &item.fields {
            let _ = writeln!(out, "  - {}", field_line(field, Style::Markdown));
        }
    }
    if !diff.fields.is_empty() {
        if !diff.items.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "**Fields**\n");
        for field in &diff.fields {
            let _ = writeln!(out, "- {}", field_line(field, Style::Markdown));
        }
    }
    out.push('\n');
    for line in summary_lines(diff, Style::Markdown) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The JSON form (the structure of [`DocDiff`]).
pub fn json(diff: &DocDiff) -> String {
    serde_json::to_string_pretty(diff).unwrap_or_else(|_| "{}".into()) + "\n"
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Markdown,
}

fn heading(list: &str) -> &'static str {
    match list {
        "timeline" => "Timeline",
        "whys" => "5 Whys",
        "factors" => "Contributing factors",
        "actions" => "Action items",
        _ => "Items",
    }
}

fn item_line(item: &ItemChange) -> String {
    let moved = item
        .moved
        .map(|(a, b)| format!(" moved {a} → {b}"))
        .unwrap_or_default();
    match item.status {
        ItemStatus::Added => format!("+ {} {}", item.id, item.text),
        ItemStatus::Removed => format!("- {} {}", item.id, item.text),
        ItemStatus::Changed => format!("~ {}{moved}", item.id),
    }
}

fn field_line(field: &FieldChange, style: Style) -> String {
    let name = match style {
        Style::Plain => format!("{}:", field.field),
        Style::Markdown => format!("*{}*:", escape(&field.field)),
    };
    match &field.change {
        Change::Text { words, .. } => format!("{name} {}", word_diff(words, style)),
        Change::Entries {
            links,
            added,
            removed,
        } => {
            let quote = |e: &String| match style {
                Style::Plain => e.clone(),
                Style::Markdown => escape(e),
            };
            let signed = added
                .iter()
                .map(|e| ('+', e))
                .chain(removed.iter().map(|e| ('-', e)));
            let parts: Vec<String> = if *links {
                // Links are ids: `+T5 -T3`.
                signed
                    .map(|(sign, e)| format!("{sign}{}", quote(e)))
                    .collect()
            } else {
                signed
                    .map(|(sign, e)| format!("{sign} {}", quote(e)))
                    .collect()
            };
            let what = if *links { "links " } else { "" };
            format!(
                "{name} {what}{}",
                parts.join(if *links { " " } else { "; " })
            )
        }
        Change::Value { old, new } => {
            let show = |v: &Option<String>| match (v, style) {
                (Some(v), Style::Plain) => v.clone(),
                (Some(v), Style::Markdown) => format!("`{v}`"),
                (None, _) => "(unset)".to_string(),
            };
            format!("{name} {} → {}", show(old), show(new))
        }
    }
}

/// Words of unchanged text kept on each side of a change.
const CONTEXT_WORDS: usize = 6;

/// An unchanged run shortened to the words next to the changes around it.
fn context(text: &str, first: bool, last: bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 2 * CONTEXT_WORDS + 2 {
        return text.to_string();
    }
    let lead = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let head = words[..CONTEXT_WORDS].join(" ");
    let tail = words[words.len() - CONTEXT_WORDS..].join(" ");
    match (first, last) {
        (true, true) => text.to_string(),
        (true, false) => format!("… {tail}{trail}"),
        (false, true) => format!("{lead}{head} …"),
        (false, false) => format!("{lead}{head} … {tail}{trail}"),
    }
}

fn word_diff(words: &[Segment], style: Style) -> String {
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let raw = if s.op == Op::Equal {
                context(&s.text, i == 0, i == last)
            } else {
                s.text.clone()
            };
            let text = match style {
                Style::Plain => raw.replace('\n', "⏎"),
                Style::Markdown => escape(&raw.replace('\n', " ⏎ ")),
            };
            match (s.op, style) {
                (Op::Equal, _) => text,
                (Op::Delete, Style::Plain) => format!("[-{text}-]"),
                (Op::Insert, Style::Plain) => format!("{{+{text}+}}"),
                // Markdown emphasis may not start or end inside spaces.
                (Op::Delete, Style::Markdown) => wrap(&text, "~~"),
                (Op::Insert, Style::Markdown) => wrap(&text, "**"),
            }
        })
        .collect()
}

/// `mark` around the words of `text`, keeping its outer spaces outside.
fn wrap(text: &str, mark: &str) -> String {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    if start >= end {
        return text.to_string();
    }
    format!(
        "{}{mark}{}{mark}{}",
        &text[..start],
        &text[start..end],
        &text[end..]
    )
}

fn summary_lines(diff: &DocDiff, style: Style) -> Vec<String> {
    let mut out = Vec::new();
    let bullet = match style {
        Style::Plain => "  ",
        Style::Markdown => "- ",
    };
    let head = |s: &str| match style {
        Style::Plain => s.to_string(),
        Style::Markdown => format!("**{s}**\n"),
    };
    if !diff.marks.is_empty() {
        out.push(head("Marks"));
        for m in &diff.marks {
            let line = match (m.from.is_empty(), m.to.is_empty()) {
                (false, false) => format!(
                    "{} moved {} → {}",
                    m.mark,
                    m.from.join(", "),
                    m.to.join(", ")
                ),
                (true, _) => format!("{} set on {}", m.mark, m.to.join(", ")),
                (_, true) => format!("{} taken off {}", m.mark, m.from.join(", ")),
            };
            out.push(format!("{bullet}{line}"));
        }
        if style == Style::Markdown {
            out.push(String::new());
        }
    }
    if !diff.intervals.is_empty() {
        out.push(head("Key intervals"));
        for (label, before, after) in &diff.intervals {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
            out.push(format!(
                "{bullet}{label}: {} → {}",
                show(before),
                show(after)
            ));
        }
        if style == Style::Markdown {
            out.push(String::new());
        }
    }
    let score = |s: Option<u8>| s.map_or("—".to_string(), |s| format!("{s}%"));
    let f = &diff.findings;
    let counts = |c: [usize; 3]| format!("{} errors, {} warnings, {} infos", c[0], c[1], c[2]);
    match style {
        Style::Plain
            if diff.score.0 == diff.score.1 && f.new.is_empty() && f.resolved.is_empty() =>
        {
            out.push(format!(
                "Completeness {} and findings ({}) unchanged",
                score(diff.score.1),
                counts(f.after)
            ));
        }
        Style::Plain => {
            out.push(format!(
                "Completeness {} → {}   Findings: {} → {}",
                score(diff.score.0),
                score(diff.score.1),
                counts(f.before),
                counts(f.after)
            ));
        }
        Style::Markdown => {
            out.push("| | before | after |".into());
            out.push("|---|---|---|".into());
            out.push(format!(
                "| Completeness | {} | {} |",
                score(diff.score.0),
                score(diff.score.1)
            ));
            for (i, name) in ["Errors", "Warnings", "Infos"].iter().enumerate() {
                out.push(format!("| {name} | {} | {} |", f.before[i], f.after[i]));
            }
            if diff.conflicts != (0, 0) {
                out.push(format!(
                    "| Merge conflicts | {} | {} |",
                    diff.conflicts.0, diff.conflicts.1
                ));
            }
            out.push(String::new());
        }
    }
    if style == Style::Plain && diff.conflicts != (0, 0) {
        out.push(format!(
            "Merge conflicts: {} → {}",
            diff.conflicts.0, diff.conflicts.1
        ));
    }
    for (sign, list, label) in [
        ("+", &f.new, "New findings"),
        ("-", &f.resolved, "Resolved findings"),
    ] {
        if list.is_empty() {
            continue;
        }
        match style {
            Style::Plain => {
                let word = if sign == "+" { "new" } else { "resolved" };
                list.iter()
                    .for_each(|l| out.push(format!("  {sign} {word}: {l}")));
            }
            Style::Markdown => {
                out.push(format!(
                    "<details><summary>{label} ({})</summary>\n",
                    list.len()
                ));
                list.iter()
                    .for_each(|l| out.push(format!("- {}", escape(l))));
                out.push("\n</details>".into());
            }
        }
    }
    out
}

/// Escapes what Markdown would read as formatting or HTML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
