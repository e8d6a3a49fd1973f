//! The HTML and JSON exports (issue 16): every page of every example and
//! audience, and of a hostile document, holds no script, no event handler,
//! no request for anything and no element the exporter did not write; a
//! real browser renders it when one is installed; every JSON export
//! validates against `docs/schema/postmortem.schema.json`; pandoc reads
//! the Markdown exports' tables when it is installed.

use std::path::Path;
use std::process::Command;

use debrief::examples::EXAMPLES;
use debrief::export::{Audience, Format, Privacy, render};
use debrief::lint::LintConfig;
use debrief::model::{Postmortem, for_each_text_mut};

fn examples() -> Vec<(&'static str, Postmortem)> {
    EXAMPLES
        .iter()
        .map(|e| {
            let mut doc = e.load().expect("example loads");
            for action in &mut doc.actions {
                action.public = true;
            }
            (e.name.trim_end_matches(".toml"), doc)
        })
        .collect()
}

fn export(doc: &Postmortem, audience: Audience, format: Format) -> String {
    render(
        doc,
        audience,
        format,
        &Privacy::default(),
        &LintConfig::default(),
    )
    .unwrap_or_else(|e| panic!("{} {format:?}: {e}", audience.as_str()))
}

/// Elements and attributes the HTML page may hold: the page's own frame and
/// what pulldown-cmark writes for the export's Markdown.
fn allowed(tag: &str, attribute: &str, value: &str) -> bool {
    match (tag, attribute) {
        (
            "!DOCTYPE" | "html" | "head" | "meta" | "title" | "style" | "body" | "main" | "div"
            | "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "table"
            | "thead" | "tbody" | "tr" | "th" | "td" | "code" | "pre" | "em" | "strong" | "del"
            | "br" | "hr" | "a",
            "",
        ) => true,
        ("html", "lang") => value == "en",
        ("meta", "charset") => value == "utf-8",
        ("meta", "name") => value == "viewport" || value == "color-scheme",
        ("meta", "content") => !value.contains(':') && !value.contains("url"),
        ("main", "class") => ["internal", "customer", "exec"].contains(&value),
        ("div", "class") => value == "table",
        ("th" | "td", "style") => value.starts_with("text-align: "),
        ("ol", "start") => value.chars().all(|c| c.is_ascii_digit()),
        ("code", "class") => value.starts_with("language-"),
        ("a", "title") => true,
        ("a", "href") => {
            let lower = value.to_ascii_lowercase();
            ["http://", "https://", "mailto:"]
                .iter()
                .any(|s| lower.starts_with(s))
        }
        _ => false,
    }
}

/// Every element, attribute or comment of `page` that is not allowed, and
/// anything that would make the browser fetch or run something.
fn violations(page: &str) -> Vec<String> {
    let mut bad = Vec::new();
    // Text shows `<` as `&lt;`: a literal `<` always opens a tag.
    let lower = page.to_ascii_lowercase();
    for banned in ["<script", "<link", "<iframe", "<object", "<img", "<!--"] {
        if lower.contains(banned) {
            bad.push(format!("contains {banned}"));
        }
    }
    assert_eq!(lower.matches("<style>").count(), 1, "one style sheet");
    // The style sheet (the exporter's own) loads nothing.
    let (head, rest) = page.split_once("<style>").unwrap_or((page, ""));
    let (style, rest) = rest.split_once("</style>").unwrap_or(("", ""));
    for banned in ["url(", "@import", "http"] {
        if style.contains(banned) {
            bad.push(format!("style sheet contains {banned}"));
        }
    }
    let markup = format!("{head}{rest}");
    let mut rest = markup.as_str();
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = rest[1..end].trim_end_matches('/').trim();
        rest = &rest[(end + 1).min(rest.len())..];
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
        if name == "!DOCTYPE" {
            continue;
        }
        if !allowed(name, "", "") {
            bad.push(format!("element <{tag}>"));
            continue;
        }
        while let Some((key, after)) = attrs.trim_start().split_once("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            let value = &after[..close];
            if !allowed(name, key.trim(), value) || key.trim().starts_with("on") {
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

fn assert_safe_page(page: &str, what: &str) {
    let bad = violations(page);
    assert!(bad.is_empty(), "{what}: {bad:?}");
    assert!(page.starts_with("<!DOCTYPE html>"), "{what}");
    assert!(page.contains("prefers-color-scheme: dark"), "{what}");
    assert!(page.contains("@media print"), "{what}");
    assert!(page.contains("name=\"viewport\""), "{what}");
}

#[test]
fn every_html_export_is_one_safe_page() {
    for (name, doc) in examples() {
        for audience in Audience::ALL {
            let page = export(&doc, audience, Format::Html);
            assert_safe_page(&page, &format!("{name} {}", audience.as_str()));
        }
        // The same content as the Markdown: every table row is there.
        let md = export(&doc, Audience::Internal, Format::Markdown);
        let page = export(&doc, Audience::Internal, Format::Html);
        let md_rows = md.lines().filter(|l| l.starts_with("| ")).count();
        assert_eq!(page.matches("<tr>").count(), md_rows, "{name}");
    }
}

const HOSTILE: [&str; 10] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</td><script>alert(2)</script>",
    "[x](javascript:alert(3))",
    "![pixel](https://tracker.example/p.png)",
    "<!-- hidden --> <style>body{background:url(https://x.example/)}</style>",
    "<a href=\"javascript:alert(8)\" onclick=\"x()\">click</a>",
    "<details open ontoggle=alert(9)>",
    "<div>\n<script>\nalert(10)\n</script>\n</div>",
    "```html\n<iframe src=https://x.example></iframe>\n```\n<link rel=stylesheet href=https://x.example/s.css>",
];

#[test]
fn a_hostile_document_gives_safe_pages_for_every_audience() {
    for (name, base) in examples() {
        let mut doc = base.clone();
        let mut n = 0;
        for_each_text_mut(&mut doc, &mut |_, text| {
            *text = format!("{} {}", HOSTILE[n % HOSTILE.len()], text);
            n += 1;
        });
        for audience in [Audience::Internal, Audience::Exec] {
            let page = export(&doc, audience, Format::Html);
            assert_safe_page(&page, &format!("hostile {name} {}", audience.as_str()));
        }
        // Without people, so the customer page is written.
        doc.meta.roster.clear();
        doc.meta.authors.clear();
        doc.meta.reviewers.clear();
        doc.sign_off.clear();
        for e in &mut doc.timeline {
            e.actor.clear();
        }
        for a in &mut doc.actions {
            a.owner.clear();
        }
        if let Some(p) = doc.project.as_mut() {
            p.team.clear();
        }
        let page = export(&doc, Audience::Customer, Format::Html);
        assert_safe_page(&page, &format!("hostile {name} customer"));
        assert!(page.contains("&lt;script&gt;"), "the text is shown as text");
    }
}

#[test]
fn every_json_export_validates_against_the_published_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("docs/schema/postmortem.schema.json").expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let mut docs = examples();
    // Every optional part set: private marks, private terms.
    let mut marked = docs[0].1.clone();
    marked.meta.private_terms = vec!["redis-cache".into()];
    marked.timeline[0].private = true;
    marked.whys.nodes[0].private = true;
    marked.factors[0].private = true;
    marked.actions[0].private = true;
    docs.push(("marked", marked));
    for (name, doc) in docs {
        let text = export(&doc, Audience::Internal, Format::Json);
        let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        // The derived values are the document's.
        assert_eq!(
            value["derived"]["intervals"].as_array().map(Vec::len),
            Some(doc.intervals().items.len()),
            "{name}"
        );
        assert_eq!(
            value["derived"]["completeness"]["score"],
            debrief::lint::completeness_score(&doc).total,
            "{name}"
        );
        assert_eq!(value["document"]["meta"]["title"], doc.meta.title, "{name}");
    }
    // The schema is strict: a field it does not know fails.
    let mut value: serde_json::Value =
        serde_json::from_str(&export(&examples()[0].1, Audience::Internal, Format::Json))
            .expect("JSON");
    value["document"]["timeline"][0]["secret"] = serde_json::json!(true);
    assert!(!validator.is_valid(&value), "unknown fields are refused");
}

fn tool(name: &str) -> Option<String> {
    let out = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .ok()?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!path.is_empty()).then_some(path)
}

#[test]
fn a_real_browser_renders_the_customer_page() {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(tool)
    else {
        println!("skipped: no chromium on PATH (install Debian's chromium to run this test)");
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let page = dir.path().join("customer.html");
    let png = dir.path().join("customer.png");
    std::fs::write(
        &page,
        export(&examples()[0].1, Audience::Customer, Format::Html),
    )
    .expect("write");
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=420,900",
            &format!("--screenshot={}", png.display()),
        ])
        .arg(format!("file://{}", page.display()))
        .status()
        .expect("runs");
    assert!(status.success());
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "a real picture"
    );
    // Kept for a person to look at.
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("customer-checkout.png");
    let _ = std::fs::copy(&png, keep);
}

#[test]
fn pandoc_reads_the_markdown_tables() {
    let Some(pandoc) = tool("pandoc") else {
        println!("skipped: no pandoc on PATH");
        return;
    };
    for (name, doc) in examples() {
        for audience in Audience::ALL {
            let md = export(&doc, audience, Format::Markdown);
            let mut child = Command::new(&pandoc)
                .args(["-f", "gfm", "-t", "html"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("pandoc runs");
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(md.as_bytes())
                .expect("write");
            let out = child.wait_with_output().expect("pandoc ends");
            let html = String::from_utf8_lossy(&out.stdout);
            let tables = md.lines().filter(|l| l.starts_with("|---")).count();
            assert_eq!(
                html.matches("<table").count(),
                tables,
                "{name} {}",
                audience.as_str()
            );
        }
    }
}
