//! Export is text, never markup it did not make (issue 11, finding 11):
//! every field of a document filled with hostile text — `<script>`,
//! `<img onerror>`, `javascript:` links, HTML comments, entities, pipes,
//! backticks, newlines — exports to Markdown that, rendered by pulldown-cmark
//! (CommonMark plus the GitHub extensions), holds no element, attribute or
//! comment the exporter did not write, and no link outside http, https and
//! mailto. And the Markdown importer reads every such field back exactly.

use std::collections::BTreeSet;

use debrief::export::markdown;
use debrief::import::markdown::{ImportOptions, import};
use debrief::model::{
    ActionItem, Event, Factor, FollowUp, ImpactRow, Kind, Lesson, Postmortem, Project,
    ResponsePhase, SeverityLevel, SignOff, Timestamp, Unmapped, Why, for_each_text_mut,
};
use proptest::prelude::*;
use pulldown_cmark::{Options, Parser, html};

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</td><script>alert(2)</script>",
    "[x](javascript:alert(3))",
    "[y]( JavaScript:alert(4) )",
    "![pixel](https://tracker.example/p.png)",
    "<javascript:alert(5)>",
    "<https://example.com/autolink>",
    "[ref]: javascript:alert(6)\n\n[ref]",
    "<!-- hidden --> and <!-->",
    "<?php echo 1; ?> <!DOCTYPE html> <![CDATA[x]]>",
    "&lt;b&gt;bold&lt;/b&gt; &#60;i&#62; &amp;",
    "a | b | c",
    "`code` and ``more`` and `unclosed",
    "line one\nline two\n\nparagraph <b>three</b>",
    "> quoted <i>x</i>\n- [ ] task\n- [x] done",
    "\\<script>alert(7)\\</script> and \\\\<b>",
    "<a href=\"javascript:alert(8)\">click</a>",
    "<details open ontoggle=alert(9)>",
    "ends with a backslash \\",
    "[ok](https://example.com) and [mail](mailto:a@example.com)",
    "<div>\n<script>\nalert(10)\n</script>\n</div>",
    "`<img src=x onerror=alert(11)>`",
    "<a title=\"`\">x</a> `<b>` after",
    "```\nunclosed <b>bold</b>",
    "```html\n<script>alert(12)</script>\n```\nafter <i>",
    "# Heading\n## Two\n### Three\n---\nrule\n===",
    "1. one\n2) two\n* star\n+ plus\n- minus\n*How it contributed:* x\n**(root cause)**",
    "→ arrow *star* **bold** _under_ ~~strike~~ |pipe| `tick`",
    // Found by the property below: an escaped star before the root mark.
    "\\**(root cause)**",
];

/// A document with at least one item in every list, so that every field
/// exists; every text then gets `fill`.
fn every_field(mut fill: impl FnMut(&'static str, usize) -> String) -> Postmortem {
    let at: Timestamp = "2026-02-05T14:00:00Z".parse().expect("timestamp");
    let mut doc = Postmortem::new(Kind::Incident, "x");
    doc.meta.started = Some(at);
    doc.meta.ended = Some(at + chrono::Duration::minutes(40));
    doc.distribution = vec!["x".into()];
    doc.meta.authors = vec!["x".into()];
    doc.meta.reviewers = vec!["x".into()];
    doc.meta.services = vec!["x".into()];
    doc.meta.tags = vec!["x".into()];
    doc.meta.roster = vec!["x".into()];
    doc.meta.allow = vec!["x".into()];
    doc.meta.categories = vec!["x".into()];
    doc.meta.severity_scale = vec![SeverityLevel {
        level: "x".into(),
        label: "x".into(),
        definition: "x".into(),
    }];
    doc.impact.extra = vec![ImpactRow {
        metric: "x".into(),
        value: "x".into(),
    }];
    let mut event = Event::new("T1", at, "x");
    event.ignore = vec!["x".into()];
    doc.timeline = vec![Box::new(event.clone()), Box::new(Event::new("T2", at, "x"))];
    doc.whys.nodes = vec![
        Box::new(Why::new("W1", "", "x")),
        Box::new(Why::new("W2", "W1", "x")),
    ];
    doc.factors = vec![Factor::new("F1", "x", "x")];
    doc.factors[0].events = vec!["x".into()];
    doc.factors[0].whys = vec!["x".into()];
    doc.response = vec![ResponsePhase {
        phase: "x".into(),
        happened: "x".into(),
        worked: "x".into(),
        did_not_work: "x".into(),
    }];
    doc.review.went_well = vec!["x".into()];
    doc.review.went_poorly = vec!["x".into()];
    doc.review.lucky = vec!["x".into()];
    doc.review.lessons = vec![
        Lesson {
            text: "x".into(),
            category: "x".into(),
        },
        Lesson {
            text: "x".into(),
            category: String::new(),
        },
    ];
    let mut action = ActionItem::new("A1", "x");
    action.factors = vec!["x".into()];
    action.whys = vec!["x".into()];
    doc.actions = vec![action];
    doc.appendix.related = vec!["x".into()];
    doc.follow_up = vec![
        FollowUp {
            what: "x".into(),
            date: Some(at.date_naive()),
        },
        FollowUp {
            what: "x".into(),
            date: None,
        },
    ];
    doc.sign_off = vec![SignOff {
        role: "x".into(),
        name: "x".into(),
        date: None,
        fingerprint: String::new(),
    }];
    doc.unmapped = vec![Unmapped {
        heading: "x".into(),
        markdown: "x".into(),
    }];
    let mut n = 0;
    for_each_text_mut(&mut doc, &mut |name, text| {
        *text = fill(name, n);
        n += 1;
    });
    doc
}

/// The same with a project section, which the export prints differently.
fn project_version(mut doc: Postmortem, text: &str) -> Postmortem {
    doc.kind = Kind::Project;
    doc.project = Some(Project {
        team: vec![text.into()],
        goals: vec![debrief::model::Goal {
            goal: text.into(),
            target: text.into(),
            actual: text.into(),
            assessment: None,
        }],
        differently: vec![text.into()],
        recommendations: vec![text.into()],
    });
    doc
}

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
fn render(md: &str) -> String {
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
fn violations(rendered: &str) -> Vec<String> {
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

/// Fields the importer reads back as written (ids, links, settings, times
/// and names the importer normalizes are left as they are).
fn free_text(name: &str) -> bool {
    matches!(
        name,
        "summary"
            | "distribution[]"
            | "meta.title"
            | "impact.users_affected"
            | "impact.duration"
            | "impact.requests_failed"
            | "impact.revenue"
            | "impact.sla"
            | "impact.data_loss"
            | "impact.customer_complaints"
            | "impact.extra[].value"
            | "timeline[].text"
            | "timeline[].source"
            | "whys.problem"
            | "whys.root_cause"
            | "whys.node[].question"
            | "whys.node[].text"
            | "whys.node[].accepted_risk"
            | "factors[].text"
            | "factors[].contribution"
            | "factors[].accepted_risk"
            | "response[].happened"
            | "response[].worked"
            | "response[].did_not_work"
            | "review.went_well[]"
            | "review.went_poorly[]"
            | "review.lucky[]"
            | "review.lessons[].text"
            | "actions[].title"
            | "actions[].notes"
            | "appendix.logs"
            | "appendix.metrics"
            | "appendix.related[]"
            | "appendix.notes"
            | "follow_up[].what"
            | "unmapped[].markdown"
    )
}

fn example(name: &str) -> Postmortem {
    debrief::examples::EXAMPLES
        .iter()
        .find(|e| e.name == name)
        .expect("bundled example")
        .load()
        .expect("loads")
}

/// A bundled example with `text` appended to every free-text field.
fn example_with(text: &str) -> Postmortem {
    let mut doc = example("db-connection-pool.toml");
    for_each_text_mut(&mut doc, &mut |name, field| {
        if free_text(name) && !field.trim().is_empty() {
            field.push_str(text);
        }
    });
    doc.unmapped.push(Unmapped {
        heading: "Background".into(),
        markdown: format!("Kept as written {text}"),
    });
    doc
}

/// A field as the export keeps it: trimmed, and on one line for the fields
/// written as a heading or a bold label.
fn kept(name: &str, text: &str) -> String {
    if matches!(
        name,
        "meta.title" | "whys.node[].question" | "follow_up[].what"
    ) {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        // Spaces around a line are not kept: Markdown reads them as
        // indentation or line breaks.
        let lines: Vec<&str> = text.trim().lines().map(str::trim).collect();
        lines.join("\n")
    }
}

/// The free-text fields that differ after export → import.
fn changed(before: &Postmortem, after: &Postmortem) -> Vec<String> {
    let texts = |doc: &Postmortem| {
        let mut doc = doc.clone();
        let mut texts = Vec::new();
        for_each_text_mut(&mut doc, &mut |name, t| {
            if free_text(name) {
                texts.push((name, kept(name, t)));
            }
        });
        texts
    };
    let (a, b) = (texts(before), texts(after));
    if a.len() != b.len() {
        let names = |t: &[(&'static str, String)]| {
            let mut counts = std::collections::BTreeMap::new();
            for (name, _) in t {
                *counts.entry(*name).or_insert(0) += 1;
            }
            counts
        };
        let (na, nb) = (names(&a), names(&b));
        return na
            .keys()
            .chain(nb.keys())
            .filter(|k| na.get(*k) != nb.get(*k))
            .map(|k| format!("{k}: {:?} texts before, {:?} after", na.get(k), nb.get(k)))
            .collect();
    }
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| format!("{}: {:?} became {:?}", x.0, x.1, y.1))
        .collect()
}

#[test]
fn export_then_import_gives_back_every_hostile_text() {
    for text in HOSTILE {
        let suffix = format!(" {text}");
        let doc = example_with(&suffix);
        let md = markdown(&doc);
        let (back, _) = import(&md, &ImportOptions::default()).expect("import");
        let changed = changed(&doc, &back);
        assert!(
            changed.is_empty(),
            "{text:?}: {changed:#?}\n--- markdown ---\n{md}"
        );
    }
}

fn hostile_text() -> impl Strategy<Value = String> {
    let pieces: Vec<&'static str> = vec![
        "<",
        ">",
        "&",
        "#",
        ";",
        "[",
        "]",
        "(",
        ")",
        "!",
        ":",
        "\\",
        "|",
        "`",
        "*",
        "_",
        "-",
        "\n",
        " ",
        "\"",
        "'",
        "=",
        "/",
        "?",
        "a",
        "lt",
        "script",
        "img",
        "javascript",
        "https://x",
        "mailto:",
        "onerror",
        "1.",
        "<!--",
        "-->",
        "```",
        "~~~",
        "→",
        "+",
        ".",
        "2",
        "**(root cause)**",
        "*Notes:*",
        "<br>",
        "(under W1)",
        "**W9**",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..24).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_in_any_field_renders_as_text(texts in prop::collection::vec(hostile_text(), 1..8)) {
        let doc = every_field(|_, n| texts[n % texts.len()].clone());
        let md = markdown(&doc);
        let bad = violations(&render(&md));
        prop_assert!(bad.is_empty(), "{:?}\n{}", bad, md);
    }

    #[test]
    fn any_text_survives_export_and_import(text in hostile_text()) {
        let suffix = format!(" {text}");
        let doc = example_with(&suffix);
        let md = markdown(&doc);
        let (back, _) = import(&md, &ImportOptions::default()).expect("import");
        let changed = changed(&doc, &back);
        prop_assert!(changed.is_empty(), "{:#?}\n{}", changed, md);
    }
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

/// A case the property test once found: a line of bold text in
/// parentheses after a newline, in every text field.
#[test]
fn a_bold_parenthesized_line_survives_export_and_import() {
    let doc = example_with(" \n**(root cause)**");
    let md = markdown(&doc);
    let (back, _) = import(&md, &ImportOptions::default()).expect("import");
    let changed = changed(&doc, &back);
    assert!(changed.is_empty(), "{changed:#?}\n{md}");
}
