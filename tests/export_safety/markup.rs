//! The exported Markdown, rendered as GitHub would, holds only the
//! elements, attributes, comments and links the exporter writes: every
//! field filled with each hostile text, and the checker's own sanity.

use std::collections::BTreeSet;

use crate::{HOSTILE, every_field, project_version};
use debrief::export::markdown;
use debrief::model::Postmortem;
use pulldown_cmark::{Options, Parser, html};

/// Elements the export writes (and, for emphasis, code, lists and headings,
/// lets a field write), with the attributes each may carry.
fn allowed(tag: &str, attribute: &str, value: &str) -> bool {
    match (tag, attribute) {
        (
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "table" | "thead"
            | "tbody" | "tr" | "th" | "td" | "code" | "pre" | "em" | "strong" | "del" | "br" | "hr",
            "",
        ) => true,
        ("ol", "start") => value.chars().all(|c| c.is_ascii_digit()),
        ("code", "class") => value.starts_with("language-"),
        ("a", "") | ("a", "title") => true,
        ("a", "href") => {
            let lower = value.to_ascii_lowercase();
            ["http://", "https://", "mailto:"]
                .iter()
                .any(|s| lower.starts_with(s))
        }
        _ => false,
    }
}

/// The comments the export writes itself.
fn allowed_comment(body: &str) -> bool {
    (body == " debrief:unmapped " || body.starts_with(" debrief-settings\n"))
        && !body.contains("--")
}

/// Renders `md` as GitHub would (CommonMark, tables, strikethrough, task
/// lists, footnotes, alerts).
pub(crate) fn render(md: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(md, options));
    out
}

/// Every tag, attribute and comment of rendered HTML that is not allowed.
/// (The renderer escapes `<` in text, so every `<` opens a tag or comment.)
pub(crate) fn violations(rendered: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let mut rest = rendered;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").unwrap_or(comment.len());
            if !allowed_comment(&comment[..end]) {
                bad.push(format!("comment <!--{}-->", &comment[..end]));
            }
            rest = &comment[(end + 3).min(comment.len())..];
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[1..end];
        rest = &rest[(end + 1).min(rest.len())..];
        let tag = tag.trim_end_matches('/').trim();
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        if !allowed(name, "", "") {
            bad.push(format!("element <{tag}>"));
            continue;
        }
        // Attributes as the renderer writes them: name="value".
        while let Some((key, after)) = attrs.trim_start().split_once("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            let value = &after[..close];
            if !allowed(name, key.trim(), value) {
                bad.push(format!("attribute {key}=\"{value}\" on <{name}>"));
            }
            attrs = &after[(close + 1).min(after.len())..];
        }
        if !attrs.trim().is_empty() {
            bad.push(format!("attribute {} on <{name}>", attrs.trim()));
        }
    }
    bad
}

fn assert_safe(doc: &Postmortem, what: &str) {
    let md = markdown(doc);
    let rendered = render(&md);
    let bad = violations(&rendered);
    assert!(
        bad.is_empty(),
        "{what}: markup the export did not write: {bad:?}\n--- markdown ---\n{md}"
    );
    assert!(
        !rendered.to_ascii_lowercase().contains("javascript:\""),
        "{what}: a javascript: link"
    );
}

#[test]
fn every_field_filled_with_each_hostile_text_renders_as_text() {
    for text in HOSTILE {
        let doc = every_field(|_, _| text.to_string());
        assert_safe(&doc, text);
        assert_safe(&project_version(doc, text), text);
    }
}

#[test]
fn every_field_filled_with_a_different_hostile_text_renders_as_text() {
    for shift in 0..HOSTILE.len() {
        let doc = every_field(|_, n| HOSTILE[(n + shift) % HOSTILE.len()].to_string());
        assert_safe(&doc, &format!("shift {shift}"));
    }
}

#[test]
fn hostile_text_shows_as_text() {
    let doc = every_field(|_, _| "<script>alert(1)</script> [x](javascript:y)".to_string());
    let rendered = render(&markdown(&doc));
    assert!(rendered.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(rendered.contains("[x](javascript:y)"));
    // A link to a safe place stays a link.
    let doc = every_field(|_, _| "see [docs](https://example.com/runbook)".to_string());
    let rendered = render(&markdown(&doc));
    assert!(rendered.contains("<a href=\"https://example.com/runbook\">docs</a>"));
}

#[test]
fn the_allowed_set_is_what_the_export_writes() {
    // Sanity of the checker itself: the bundled examples render to nothing
    // outside the allowed set, and a raw tag is caught.
    for example in debrief::examples::EXAMPLES {
        let doc = example.load().expect("example");
        assert_eq!(violations(&render(&markdown(&doc))), Vec::<String>::new());
    }
    let caught: BTreeSet<String> =
        violations("<p>x</p><script>y</script><a href=\"javascript:z\">w</a><!-- c -->")
            .into_iter()
            .collect();
    assert_eq!(caught.len(), 3, "{caught:?}");
}
