//! Export is text, never markup it did not make (issue 11, finding 11):
//! every field of a document filled with hostile text — `<script>`,
//! `<img onerror>`, `javascript:` links, HTML comments, entities, pipes,
//! backticks, newlines — exports to Markdown that, rendered by pulldown-cmark
//! (CommonMark plus the GitHub extensions), holds no element, attribute or
//! comment the exporter did not write, and no link outside http, https and
//! mailto. And the Markdown importer reads every such field back exactly.
//!
//! One test binary: the hostile texts and the document with every field
//! are here; the tests by topic in the modules below.

use debrief::model::{
    ActionItem, Event, Factor, FollowUp, ImpactRow, Kind, Lesson, Postmortem, Project,
    ResponsePhase, SeverityLevel, SignOff, Timestamp, Unmapped, Why, for_each_text_mut,
};

mod markup;
mod properties;
mod roundtrip;

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
