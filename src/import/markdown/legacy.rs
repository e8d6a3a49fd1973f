//! Table and heading syntaxes from other tools, rewritten as the Markdown
//! the importer reads, before parsing: HTML tables, Pandoc simple tables
//! (`----- -----` rules around aligned columns, as pandoc writes Confluence
//! and Google Docs exports) and Jira wiki leftovers (`||a||b||` header rows,
//! `h2.` headings, `{code}`/`{noformat}` blocks). Cells keep every word;
//! code fences are left alone. Linear in the input.

/// The document with foreign tables and headings rewritten.
/// The info string of a Jira block's opening marker: `{code:java}` → `java`,
/// `{code:title=x.sh|borderStyle=solid}` → `code`, `{noformat}` → `noformat`.
fn jira_info(marker: &str) -> String {
    let inner = marker
        .trim_start_matches('{')
        .trim_end()
        .trim_end_matches('}');
    let (name, param) = inner.split_once(':').unwrap_or((inner, ""));
    let param = param.trim();
    if !param.is_empty()
        && param
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-#".contains(c))
    {
        param.to_string()
    } else {
        name.to_string()
    }
}

pub(crate) fn normalize(src: &str) -> String {
    let lines: Vec<&str> = src.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut fence: Option<&str> = None;
    // Inside a Jira `{code}` / `{noformat}` block.
    let mut jira_open = false;
    let mut level = 1;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if fence.is_none() {
            let hashes = trimmed.bytes().take_while(|b| *b == b'#').count();
            if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
                level = hashes;
            }
            let blank_before = i == 0 || lines[i - 1].trim().is_empty();
            if blank_before && let Some(name) = bold_heading(trimmed) {
                // A bold line alone naming a section ("**Timeline**", as
                // Google Docs exports write headings) is a heading.
                out.push(format!("{} {name}", "#".repeat((level + 1).min(6))));
                i += 1;
                continue;
            }
        }
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            out.push(line.to_string());
            i += 1;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            out.push(line.to_string());
            i += 1;
            continue;
        }
        if matches!(trimmed, "{code}" | "{noformat}")
            || trimmed.starts_with("{code:")
            || trimmed.starts_with("{noformat:")
        {
            // The opening marker's word stays as the fence's info string
            // (`{code:java}` → ```` ```java ````, `{noformat}` → ```` ```noformat ````).
            if jira_open {
                out.push("```".into());
            } else {
                out.push(format!("```{}", jira_info(trimmed)));
            }
            jira_open = !jira_open;
            i += 1;
            continue;
        }
        if let Some(heading) = jira_heading(trimmed) {
            out.push(heading);
            i += 1;
            continue;
        }
        if is_jira_header(trimmed, lines.get(i + 1)) {
            let (rows, used) = jira_table(&lines[i..]);
            out.extend(rows);
            i += used;
            continue;
        }
        if trimmed.starts_with("<table")
            && let Some((rows, used)) = html_table(&lines[i..])
        {
            out.extend(rows);
            i += used;
            continue;
        }
        if let Some(columns) = dash_columns(line)
            && let Some((rows, used)) = simple_table(&lines[i..], &columns)
        {
            out.extend(rows);
            i += used;
            continue;
        }
        out.push(line.to_string());
        i += 1;
    }
    out.join("\n")
}

/// `**Timeline**`, `**Action items:**` alone on a line, naming a section.
fn bold_heading(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let inner = line
        .strip_prefix("**")
        .and_then(|l| l.strip_suffix("**"))
        .or_else(|| line.strip_prefix("__").and_then(|l| l.strip_suffix("__")))?;
    let name = inner.trim().trim_end_matches(':').trim();
    // A parenthesized remark is not a heading: debrief's own marker
    // `**(root cause)**` after a why must not start a section.
    if name.is_empty()
        || name.len() > 60
        || name.contains(['*', '_', '`', '['])
        || (name.starts_with('(') && name.ends_with(')'))
    {
        return None;
    }
    super::sections::classify(name, None).map(|_| name)
}

/// `h2. Summary` → `## Summary`.
fn jira_heading(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    if bytes.len() > 4
        && bytes[0] == b'h'
        && (b'1'..=b'6').contains(&bytes[1])
        && bytes[2] == b'.'
        && bytes[3] == b' '
    {
        let level = usize::from(bytes[1] - b'0');
        return Some(format!("{} {}", "#".repeat(level), line[4..].trim()));
    }
    None
}

/// A pipe-table row from cells (pipes inside escaped).
fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| c.trim().replace('|', "\\|")).collect();
    format!("| {} |", cells.join(" | "))
}

fn separator(n: usize) -> String {
    format!("|{}|", vec!["---"; n.max(1)].join("|"))
}

/// A Jira header row: `||Time||Event||`, every cell named, followed by a
/// `|a|b|` data row (a paragraph that merely starts and ends with `||`,
/// such as exported text, is not one).
fn is_jira_header(trimmed: &str, next: Option<&&str>) -> bool {
    let trimmed = trimmed.trim_end();
    if !(trimmed.len() > 4 && trimmed.starts_with("||") && trimmed.ends_with("||")) {
        return false;
    }
    let named = trimmed[2..trimmed.len() - 2]
        .split("||")
        .all(|cell| !cell.trim().is_empty());
    let data_follows = next.is_some_and(|l| {
        let t = l.trim();
        t.starts_with('|') && !t.starts_with("||")
    });
    named && data_follows
}

/// `||Time||Event||` then `|a|b|` rows → a pipe table.
fn jira_table(lines: &[&str]) -> (Vec<String>, usize) {
    let head: Vec<String> = lines[0]
        .trim()
        .trim_matches('|')
        .split("||")
        .map(str::to_string)
        .collect();
    let mut out = vec![String::new(), row(&head), separator(head.len())];
    let mut used = 1;
    for line in &lines[1..] {
        let t = line.trim();
        if !t.starts_with('|') || t.starts_with("||") {
            break;
        }
        let cells: Vec<String> = t
            .trim_start_matches('|')
            .trim_end_matches('|')
            .split('|')
            .map(str::to_string)
            .collect();
        // A Jira link `[KEY-1|url]` holds a pipe: glue it back.
        let mut glued: Vec<String> = Vec::new();
        for cell in cells {
            match glued.last_mut() {
                Some(last) if last.matches('[').count() > last.matches(']').count() => {
                    last.push('|');
                    last.push_str(&cell);
                }
                _ => glued.push(cell),
            }
        }
        out.push(row(&glued));
        used += 1;
    }
    out.push(String::new());
    (out, used)
}

/// `<table>…</table>` (up to 2,000 lines) → a pipe table; `None` when it
/// does not close or holds no row.
fn html_table(lines: &[&str]) -> Option<(Vec<String>, usize)> {
    let end = lines
        .iter()
        .take(2000)
        .position(|l| l.contains("</table>"))?;
    let text = lines[..=end].join("\n");
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = find_tag(rest, "tr") {
        let after = &rest[start..];
        let close = after.find("</tr>").unwrap_or(after.len());
        let body = &after[..close];
        let mut cells = Vec::new();
        let mut cell_rest = body;
        loop {
            let th = find_tag(cell_rest, "th");
            let td = find_tag(cell_rest, "td");
            let (at, name) = match (th, td) {
                (Some(a), Some(b)) if a < b => (a, "th"),
                (Some(a), None) => (a, "th"),
                (_, Some(b)) => (b, "td"),
                (None, None) => break,
            };
            let open = &cell_rest[at..];
            let Some(gt) = open.find('>') else { break };
            let content = &open[gt + 1..];
            let end_tag = format!("</{name}>");
            let stop = content.find(&end_tag).unwrap_or(content.len());
            cells.push(strip_tags(&content[..stop]));
            cell_rest = &content[stop..];
        }
        if !cells.is_empty() {
            rows.push(cells);
        }
        rest = &after[close.min(after.len())..];
        if close == after.len() {
            break;
        }
        rest = &rest[5.min(rest.len())..];
    }
    let first = rows.first()?;
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = vec![String::new(), row(first), separator(width)];
    for r in &rows[1..] {
        out.push(row(r));
    }
    out.push(String::new());
    Some((out, end + 1))
}

/// The byte offset of `<name` or `<name …>` in `text`.
fn find_tag(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find('<') {
        let at = from + at;
        let rest = &text[at + 1..];
        if rest.len() >= name.len()
            && rest[..name.len()].eq_ignore_ascii_case(name)
            && rest[name.len()..].starts_with(['>', ' ', '\n', '\t'])
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Cell content without its tags, on one line.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(if c == '\n' { ' ' } else { c }),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The column starts of a Pandoc rule `  ------ ------`: two or more dash
/// groups separated by spaces, nothing else.
fn dash_columns(line: &str) -> Option<Vec<usize>> {
    if !line.contains("- -") && !line.contains("-  -") {
        return None;
    }
    let mut starts = Vec::new();
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '-' if prev == ' ' => starts.push(i),
            '-' | ' ' => {}
            _ => return None,
        }
        prev = c;
    }
    (starts.len() >= 2).then_some(starts)
}

/// Rows between two Pandoc rules, split at the columns' starts.
fn simple_table(lines: &[&str], columns: &[usize]) -> Option<(Vec<String>, usize)> {
    let end = lines
        .iter()
        .skip(1)
        .take(2000)
        .position(|l| dash_columns(l).is_some())?
        + 1;
    let body: Vec<&str> = lines[1..end]
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if body.is_empty() {
        return None;
    }
    let split = |line: &str| -> Vec<String> {
        let mut cells = Vec::new();
        for (n, &start) in columns.iter().enumerate() {
            let stop = columns.get(n + 1).copied().unwrap_or(usize::MAX);
            let cell: String = line
                .char_indices()
                .filter(|(i, _)| *i >= start && *i < stop)
                .map(|(_, c)| c)
                .collect();
            cells.push(cell);
        }
        // Text left of the first column belongs to it.
        if let Some(first) = cells.first_mut()
            && let Some(lead) = line.get(..columns[0])
            && !lead.trim().is_empty()
        {
            *first = format!("{}{first}", lead.trim_start());
        }
        cells
    };
    let mut out = vec![String::new()];
    let first = split(body[0]);
    out.push(row(&first));
    out.push(separator(columns.len()));
    for line in &body[1..] {
        out.push(row(&split(line)));
    }
    out.push(String::new());
    Some((out, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_tables_become_pipe_tables() {
        let jira = normalize("h2. Timeline\n||Time||Event||\n|21:14|Disk [A-1|http://x] full|\n");
        assert_eq!(
            jira,
            "## Timeline\n\n| Time | Event |\n|---|---|\n| 21:14 | Disk [A-1\\|http://x] full |\n\n"
        );
        let html = normalize(
            "<table>\n<tr><th>Time</th><th>Event</th></tr>\n<tr><td>13:05</td><td>Start <b>now</b></td></tr>\n</table>\nafter",
        );
        assert!(
            html.starts_with("\n| Time | Event |\n|---|---|\n| 13:05 | Start now |\n"),
            "{html}"
        );
        assert!(html.ends_with("after"));
        let pandoc = normalize(
            "  ---------  ---------\n  **Time**   **Event**\n  10:02      Release\n  ---------  ---------\n",
        );
        assert!(
            pandoc.contains("| **Time** | **Event** |\n|---|---|\n| 10:02 | Release |"),
            "{pandoc}"
        );
        let code = "```\n||a||b||\n```";
        assert_eq!(normalize(code), code);
        let bold = normalize("# Outage\n\n**Timeline**\n\n- 10:00 start\n\n**Not a section**\n");
        assert_eq!(
            bold,
            "# Outage\n\n## Timeline\n\n- 10:00 start\n\n**Not a section**\n"
        );
    }
}
