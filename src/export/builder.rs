//! The Markdown document under construction: blocks separated by one blank
//! line; headings, paragraphs, lists and tables escape the document's text
//! on the way in ([`super::escape`]).

use std::fmt::Write;

use super::escape;

/// Text for a one-line context (bold labels): line breaks become spaces.
pub(super) fn inline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends a list item whose text may span several lines, indented so every
/// line stays inside the item.
pub(super) fn push_list_item(list: &mut String, depth: usize, text: &str) {
    let indent = "  ".repeat(depth);
    let mut lines = text.trim().lines();
    let _ = writeln!(list, "{indent}- {}", lines.next().unwrap_or_default());
    for line in lines {
        if line.trim().is_empty() {
            let _ = writeln!(list);
        } else {
            let _ = writeln!(list, "{indent}  {line}");
        }
    }
}

/// A Markdown document under construction: blocks separated by one blank line.
#[derive(Default)]
/// The blocks are written into one text as they come (a document of
/// 100,000 events is tens of megabytes: no list of blocks to join).
pub(super) struct Markdown {
    text: String,
}

impl Markdown {
    pub(super) fn finish(mut self) -> String {
        self.text.push('\n');
        self.text
    }

    pub(super) fn raw(&mut self, block: &str) {
        let block = block.trim_end();
        if !block.is_empty() {
            self.separate();
            self.text.push_str(block);
        }
    }

    /// The blank line before a block (none before the first).
    fn separate(&mut self) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
    }

    /// A heading; `text` is text from the document (escaped here).
    pub(super) fn heading(&mut self, level: usize, text: &str) {
        let mut text = escape::text(&inline(text));
        // A run of `#` at the end would be read as the closing sequence.
        let run = text.len() - text.trim_end_matches('#').len();
        if run > 0 && text[..text.len() - run].ends_with([' ', '\t']) {
            text.insert(text.len() - run, '\\');
        }
        self.separate();
        let _ = write!(self.text, "{} {}", "#".repeat(level), text);
    }

    /// A paragraph of text from the document (escaped here).
    pub(super) fn paragraph(&mut self, text: &str) {
        self.raw(&escape::text(text.trim()));
    }

    pub(super) fn lines(&mut self, lines: &[String]) {
        // Two trailing spaces would be invisible; a backslash is the GFM hard break.
        self.raw(&lines.join("\\\n"));
    }

    pub(super) fn section(&mut self, title: &str, body: &str) {
        if !body.trim().is_empty() {
            self.heading(2, title);
            self.paragraph(body);
        }
    }

    /// A bullet list of texts from the document (escaped here).
    pub(super) fn list(&mut self, items: &[String]) {
        let items: Vec<String> = items.iter().map(|i| escape::item(i.trim())).collect();
        self.list_markdown(&items);
    }

    /// A bullet list of items already in Markdown.
    pub(super) fn list_markdown(&mut self, items: &[String]) {
        let mut list = String::new();
        for item in items {
            push_list_item(&mut list, 0, item);
        }
        self.raw(&list);
    }

    /// A numbered list of texts from the document (escaped here).
    pub(super) fn numbered(&mut self, items: &[String]) {
        let mut list = String::new();
        for (n, item) in items.iter().enumerate() {
            let item = escape::item(item.trim());
            let mut lines = item.lines();
            let _ = writeln!(list, "{}. {}", n + 1, lines.next().unwrap_or_default());
            for line in lines {
                let _ = writeln!(list, "   {line}");
            }
        }
        self.raw(&list);
    }

    pub(super) fn list_section(&mut self, title: &str, items: &[String]) {
        if !items.is_empty() {
            self.heading(2, title);
            self.list(items);
        }
    }

    /// A table of texts from the document (escaped here).
    pub(super) fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        self.table_rows(header, rows, escape::cell);
    }

    /// A table of texts from the document (escaped here), written row by
    /// row as `rows` yields them: a long list is never held twice.
    pub(super) fn table_iter(
        &mut self,
        header: &[&str],
        rows: impl IntoIterator<Item = Vec<String>>,
    ) {
        self.table_rows(header, rows, escape::cell);
    }

    /// A table whose cells are already escaped.
    pub(super) fn table_markdown(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        self.table_rows(header, rows, str::to_string);
    }

    fn table_rows(
        &mut self,
        header: &[&str],
        rows: impl IntoIterator<Item = Vec<String>>,
        cell: impl Fn(&str) -> String,
    ) {
        // A table always has its header and rule: never an empty block.
        self.separate();
        let _ = writeln!(self.text, "| {} |", header.join(" | "));
        let _ = write!(
            self.text,
            "|{}|",
            header.iter().map(|_| "---").collect::<Vec<_>>().join("|")
        );
        for row in rows {
            self.text.push_str("\n| ");
            for (n, c) in row.iter().enumerate() {
                if n > 0 {
                    self.text.push_str(" | ");
                }
                self.text.push_str(&cell(c));
            }
            self.text.push_str(" |");
        }
    }

    pub(super) fn code_block(&mut self, code: &str) {
        // A fence longer than any backtick run inside keeps the block closed.
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        self.raw(&format!("{fence}text\n{}\n{fence}", code.trim_end()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_fence_outgrows_backticks_inside() {
        let mut md = Markdown::default();
        md.code_block("```\ninner\n```");
        let text = md.finish();
        assert!(text.starts_with("````text\n"));
        assert!(text.trim_end().ends_with("\n````"));
    }
}
