//! One standalone HTML page from an export's Markdown: inline CSS (light
//! and dark by `prefers-color-scheme`, a print stylesheet, readable on a
//! phone), no script, no request for anything. pulldown-cmark renders the
//! same Markdown the Markdown export writes; on the way, every raw HTML
//! event becomes text, so the page holds no element the exporter did not
//! write — except the export's own `<br>` in table cells (a line break)
//! and its own comments (dropped).

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html::push_html};

use super::Audience;
use super::markdown::{SETTINGS_MARKER, UNMAPPED_MARKER};
use crate::model::Postmortem;

/// The page's style: colours from variables (light, then dark), a narrow
/// column, tables that scroll sideways on a phone, and for print no colours,
/// page breaks before the sections of the full document and no table cut.
const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1b1d21; --bg: #ffffff; --muted: #5b6270;
  --rule: #d5d9e0; --head: #f2f4f7; --link: #0b57d0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e8ec; --bg: #16181c; --muted: #a3aab6; --rule: #3a3f48;
    --head: #22262c; --link: #8ab4f8; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; overflow-wrap: anywhere; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
a { color: var(--link); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
pre { background: var(--head); padding: .75rem; overflow-x: auto; white-space: pre-wrap; }
.table { overflow-x: auto; margin: .6rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .94rem; }
th, td { border: 1px solid var(--rule); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--head); }
li { margin: .2rem 0; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  main { padding: 1rem .75rem 2rem; }
  table { font-size: .88rem; }
  th, td { padding: .3rem .35rem; }
}
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --rule: #999; --head: #eee; --link: #000; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .internal h2 { break-before: page; }
  .internal h2:first-of-type { break-before: auto; }
  h1, h2, h3 { break-after: avoid; }
  table, tr, pre, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .table { overflow: visible; }
  a { text-decoration: none; }
}
"#;

/// The standalone page for `markdown`, an export of `doc` for `audience`.
pub fn html(doc: &Postmortem, audience: Audience, markdown: &str) -> String {
    let title = match doc.meta.title.trim() {
        "" => "Untitled",
        title => title,
    };
    html_page(title, audience, markdown)
}

/// The standalone page for `markdown`, titled `title`.
pub fn html_page(title: &str, audience: Audience, markdown: &str) -> String {
    // The body is written straight into the page, event by event: a long
    // document's events and body are never held apart from it.
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <main class=\"{}\">\n",
        escape_html(title),
        audience.as_str()
    );
    push_html(&mut page, safe_events(markdown));
    page.push_str("</main>\n</body>\n</html>\n");
    page
}

/// Escapes text for an HTML element or attribute.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a link may stay a link: web pages and mail only.
fn safe_link(url: &str) -> bool {
    let url = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}

/// The Markdown's events with raw HTML as text, the export's own comments
/// dropped, `<br>` as a line break, images as their text, links other than
/// web and mail links as their text, and each table in a scrolling box.
fn safe_events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut parser = Parser::new_ext(markdown, options);
    let mut state = Safety::default();
    let mut events = VecDeque::new();
    std::iter::from_fn(move || {
        while events.is_empty() {
            state.pass(parser.next()?, &mut events);
        }
        events.pop_front()
    })
}

/// What [`safe_events`] remembers between events.
#[derive(Default)]
struct Safety {
    /// An HTML block is gathered whole: the export's comments go, the rest
    /// shows as a paragraph of text.
    block: Option<String>,
    /// For each open link: whether its tags were kept.
    links: Vec<bool>,
}

impl Safety {
    /// The events that stand for `event` (none, one, or a few).
    fn pass<'a>(&mut self, event: Event<'a>, events: &mut VecDeque<Event<'a>>) {
        let Safety { block, links } = self;
        match event {
            Event::Start(Tag::HtmlBlock) => *block = Some(String::new()),
            Event::End(TagEnd::HtmlBlock) => {
                let text = block.take().unwrap_or_default();
                let ours = text.trim_start().starts_with(UNMAPPED_MARKER)
                    || text.trim_start().starts_with(SETTINGS_MARKER);
                if !ours && !text.trim().is_empty() {
                    events.push_back(Event::Start(Tag::Paragraph));
                    events.push_back(Event::Text(CowStr::from(text.trim_end().to_string())));
                    events.push_back(Event::End(TagEnd::Paragraph));
                }
            }
            Event::Html(text) if block.is_some() => {
                if let Some(block) = block.as_mut() {
                    block.push_str(&text);
                }
            }
            Event::InlineHtml(text) if text.trim().eq_ignore_ascii_case("<br>") => {
                events.push_back(Event::HardBreak);
            }
            Event::Html(text) | Event::InlineHtml(text) => events.push_back(Event::Text(text)),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = safe_link(&dest_url);
                links.push(keep);
                if keep {
                    events.push_back(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    events.push_back(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                events.push_back(Event::Html(CowStr::Borrowed("<div class=\"table\">\n")));
                events.push_back(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events.push_back(Event::End(TagEnd::Table));
                events.push_back(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            other => events.push_back(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text_and_the_exports_own_markup_is_kept() {
        let page = html_page(
            "<b>x</b>",
            Audience::Internal,
            "<script>alert(1)</script>\n\n| a |\n|---|\n| 1<br>2 <img src=x onerror=y> |\n\n\
             [j](javascript:alert(1)) [w](https://example.com) ![i](https://example.com/i.png)\n\n\
             <!-- debrief:unmapped -->\n",
        );
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
        assert!(!page.contains("<img"), "{page}");
        assert!(page.contains("1<br />\n2"), "{page}");
        assert!(!page.contains("javascript:"), "{page}");
        assert!(
            page.contains("<a href=\"https://example.com\">w</a>"),
            "{page}"
        );
        assert!(!page.contains("debrief:unmapped"), "{page}");
        assert!(
            page.contains("<title>&lt;b&gt;x&lt;/b&gt;</title>"),
            "{page}"
        );
        assert!(page.contains("<div class=\"table\">"), "{page}");
    }
}
