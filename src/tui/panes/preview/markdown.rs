//! Markdown to styled terminal lines through pulldown-cmark: headings,
//! lists, tables, emphasis and code, paragraphs wrapped to the width.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;

/// Converts Markdown to styled lines, wrapping paragraphs to `width`.
pub fn to_lines(markdown: &str, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut r = Renderer {
        theme,
        width: width.max(20),
        out: Vec::new(),
        spans: Vec::new(),
        styles: vec![theme.base],
        lists: Vec::new(),
        table: None,
        code: false,
        prefix: String::new(),
    };
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    for event in parser {
        r.event(event);
    }
    r.flush();
    r.out
}

struct Table {
    rows: Vec<Vec<String>>,
    cell: String,
    row: Vec<String>,
    head_rows: usize,
    _align: Vec<Alignment>,
}

struct Renderer<'t> {
    theme: &'t Theme,
    width: usize,
    out: Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    styles: Vec<Style>,
    lists: Vec<Option<u64>>,
    table: Option<Table>,
    code: bool,
    prefix: String,
}

impl Renderer<'_> {
    fn style(&self) -> Style {
        *self.styles.last().unwrap_or(&self.theme.base)
    }

    fn push_style(&mut self, add: Style) {
        let s = self.style().patch(add);
        self.styles.push(s);
    }

    fn pop_style(&mut self) {
        if self.styles.len() > 1 {
            self.styles.pop();
        }
    }

    /// Ends the current line, wrapping the collected spans.
    fn flush(&mut self) {
        if self.spans.is_empty() {
            return;
        }
        let spans = std::mem::take(&mut self.spans);
        let indent = " ".repeat(self.lists.len() * 2);
        let mut line: Vec<Span<'static>> = vec![Span::raw(self.prefix.clone())];
        self.prefix = indent.clone();
        let mut used = line[0].width();
        for span in spans {
            let style = span.style;
            for word in span.content.split_inclusive(' ') {
                let w = unicode_width::UnicodeWidthStr::width(word);
                if used + w > self.width && used > indent.len() {
                    self.out.push(Line::from(std::mem::take(&mut line)));
                    line.push(Span::raw(indent.clone()));
                    used = indent.len();
                }
                line.push(Span::styled(word.to_string(), style));
                used += w;
            }
        }
        self.out.push(Line::from(line));
    }

    fn blank(&mut self) {
        if self.out.last().is_some_and(|l| l.width() > 0) {
            self.out.push(Line::from(""));
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(table) = self.table.as_mut() {
            table.cell.push_str(text);
            return;
        }
        if self.code {
            for l in text.lines() {
                self.out.push(Line::from(Span::styled(
                    format!("    {l}"),
                    self.theme.time,
                )));
            }
            return;
        }
        let style = self.style();
        self.spans.push(Span::styled(text.to_string(), style));
    }

    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                if let Some(table) = self.table.as_mut() {
                    table.cell.push_str(&t);
                } else {
                    let style = self.style().patch(self.theme.time);
                    self.spans.push(Span::styled(t.to_string(), style));
                }
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.flush();
                self.out.push(Line::from(Span::styled(
                    "─".repeat(self.width.min(60)),
                    self.theme.muted,
                )));
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.blank();
                let marks = match level {
                    HeadingLevel::H1 => "# ",
                    HeadingLevel::H2 => "## ",
                    _ => "### ",
                };
                self.push_style(self.theme.title.add_modifier(Modifier::BOLD));
                if level == HeadingLevel::H1 {
                    self.push_style(Style::default().add_modifier(Modifier::UNDERLINED));
                }
                let style = self.style();
                self.spans.push(Span::styled(marks.to_string(), style));
            }
            Tag::Paragraph if self.lists.is_empty() => self.blank(),
            Tag::Emphasis => self.push_style(Style::default().add_modifier(Modifier::ITALIC)),
            Tag::Strong => self.push_style(Style::default().add_modifier(Modifier::BOLD)),
            Tag::Strikethrough => {
                self.push_style(Style::default().add_modifier(Modifier::CROSSED_OUT))
            }
            Tag::Link { .. } => {
                self.push_style(Style::default().add_modifier(Modifier::UNDERLINED))
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.prefix = "│ ".into();
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                self.blank();
                if let CodeBlockKind::Fenced(lang) = kind
                    && !lang.is_empty()
                {
                    self.out.push(Line::from(Span::styled(
                        format!("    ({lang})"),
                        self.theme.muted,
                    )));
                }
                self.code = true;
            }
            Tag::List(start) => {
                self.flush();
                if self.lists.is_empty() {
                    self.blank();
                }
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_string(),
                };
                self.prefix = format!("{}{bullet}", "  ".repeat(depth));
            }
            Tag::Table(align) => {
                self.flush();
                self.blank();
                self.table = Some(Table {
                    rows: Vec::new(),
                    cell: String::new(),
                    row: Vec::new(),
                    head_rows: 0,
                    _align: align,
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(level) => {
                self.pop_style();
                if level == HeadingLevel::H1 {
                    self.pop_style();
                }
                self.flush();
            }
            TagEnd::Paragraph => self.flush(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                self.pop_style()
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.prefix.clear();
            }
            TagEnd::CodeBlock => self.code = false,
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                self.prefix = " ".repeat(self.lists.len() * 2);
            }
            TagEnd::Item => self.flush(),
            TagEnd::TableCell => {
                if let Some(t) = self.table.as_mut() {
                    let cell = std::mem::take(&mut t.cell);
                    t.row.push(cell.trim().to_string());
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                    t.head_rows = t.rows.len();
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.table_lines(t);
                }
            }
            _ => {}
        }
    }

    /// Columns sized to content, shrunk to fit; long cells are cut with `…`.
    fn table_lines(&mut self, t: Table) {
        let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        if cols == 0 {
            return;
        }
        let mut widths: Vec<usize> = (0..cols)
            .map(|c| {
                t.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| unicode_width::UnicodeWidthStr::width(s.as_str()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let budget = self.width.saturating_sub(3 * cols);
        while widths.iter().sum::<usize>() > budget {
            let Some((i, w)) = widths
                .iter()
                .enumerate()
                .max_by_key(|(_, w)| **w)
                .map(|(i, w)| (i, *w))
            else {
                break;
            };
            if w <= 4 {
                break;
            }
            widths[i] = w - 1;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let style = if r < t.head_rows {
                self.theme.category
            } else {
                self.theme.base
            };
            let cells: Vec<String> = (0..cols)
                .map(|c| {
                    let cell = row.get(c).map(String::as_str).unwrap_or("");
                    format!("{:<w$}", super::super::fit(cell, widths[c]), w = widths[c])
                })
                .collect();
            self.out.push(Line::from(Span::styled(
                format!(" {}", cells.join(" │ ")),
                style,
            )));
            if r + 1 == t.head_rows {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                self.out.push(Line::from(Span::styled(
                    format!(" {}", rule.join("─┼─")),
                    self.theme.muted,
                )));
            }
        }
        self.out.push(Line::from(""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_styled_lines() {
        let theme = Theme::default();
        let md = "# Title\n\nSome *words* and **bold** `code`.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let lines = to_lines(md, &theme, 60);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text[0], "# Title");
        assert!(
            text.iter().any(|l| l == "Some words and bold code."),
            "{text:#?}"
        );
        assert!(text.iter().any(|l| l == "• one"), "{text:#?}");
        assert!(text.iter().any(|l| l.contains("a │ b")), "{text:#?}");
        let bold = lines
            .iter()
            .flat_map(|l| &l.spans)
            .find(|s| s.content == "bold")
            .expect("bold span");
        assert!(bold.style.add_modifier.contains(Modifier::BOLD));
    }
}
