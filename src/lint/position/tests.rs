//! Positions of findings in the file.

use super::*;
use PathSeg::{Index, Key};

#[test]
fn a_large_document_parsed_in_parts_places_every_finding_as_the_whole_parse() {
    let doc = crate::sample::generate(&crate::sample::SampleSpec::with_events(6_000));
    let source = crate::store::to_toml(&doc).expect("toml");
    assert!(
        source.len() > SPLIT_FROM,
        "large enough to be parsed in parts"
    );
    let parts = SourceIndex::new(&source);
    assert_eq!(parts.parts.len(), 2, "head and tail, the blocks left out");
    let whole = SourceIndex {
        parts: vec![(0, DeTable::parse(&source).expect("parses"))],
        blocks: None,
        ..SourceIndex::new(&source[..0])
    };
    let whole = SourceIndex {
        source: &source,
        line_starts: parts.line_starts.clone(),
        chars_before: parts.chars_before.clone(),
        ..whole
    };
    let ctx = crate::lint::Context::new(&doc, &crate::lint::LintConfig::default());
    let findings = crate::lint::lint_document(&doc, &ctx);
    let in_timeline = findings
        .iter()
        .filter(|f| f.location.path.first() == Some(&Key("timeline")))
        .count();
    assert!(in_timeline > 100, "findings in events: {in_timeline}");
    assert!(findings.len() > in_timeline, "and elsewhere");
    let mut placed = 0;
    for finding in &findings {
        let span = parts.span(&finding.location);
        placed += usize::from(span.is_some());
        assert_eq!(
            span,
            whole.span(&finding.location),
            "{:?}",
            finding.location
        );
    }
    assert!(
        placed >= in_timeline,
        "{placed} of {} placed",
        findings.len()
    );
}

fn loc(path: Vec<PathSeg>, range: std::ops::Range<usize>) -> Location {
    Location {
        path,
        range: Some(range),
        ..Location::default()
    }
}

#[test]
fn offsets_inside_basic_strings_skip_escapes() {
    let raw = r#""a \"b\" Sarah""#;
    // decoded: a "b" Sarah  → "Sarah" at decoded byte 6
    assert_eq!(&raw[raw_offset(raw, 6)..raw_offset(raw, 11)], "Sarah");
}

#[test]
fn offsets_inside_multiline_strings_count_lines() {
    let source = "summary = \"\"\"\nFirst line.\nSarah restarted it.\n\"\"\"\n";
    let index = SourceIndex::new(source);
    // decoded: "First line.\nSarah restarted it.\n"; Sarah at byte 12.
    let span = index
        .span(&loc(vec![Key("summary")], 12..17))
        .expect("span");
    assert_eq!((span.line, span.column, span.end_column), (3, 1, 6));
}

#[test]
fn offsets_in_array_tables() {
    let source = "[[timeline]]\nid = \"T1\"\ntext = \"The on-call, Bob, restarted\"\n";
    let index = SourceIndex::new(source);
    let span = index
        .span(&loc(vec![Key("timeline"), Index(0), Key("text")], 13..16))
        .expect("span");
    assert_eq!((span.line, span.column, span.end_column), (3, 22, 25));
}

#[test]
fn missing_fields_point_at_the_deepest_existing_part() {
    let source = "schema = 1\n[meta]\ntitle = \"x\"\n";
    let index = SourceIndex::new(source);
    let span = index
        .span(&Location {
            path: vec![Key("meta"), Key("severity")],
            ..Location::default()
        })
        .expect("span");
    assert_eq!(span.line, 2);
}

/// The scan the escape table replaces: decode from the start, one
/// character at a time, until `decoded` bytes are decoded.
fn scanned_offset(raw: &str, decoded: usize) -> usize {
    let (open, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else {
        return decoded.min(raw.len());
    };
    let mut pos = open;
    // A newline right after the opening delimiter of a multi-line string is trimmed.
    if open == 3 {
        if raw[pos..].starts_with("\r\n") {
            pos += 2;
        } else if raw[pos..].starts_with('\n') {
            pos += 1;
        }
    }
    let mut count = 0; // decoded bytes so far
    while count < decoded && pos < raw.len() {
        let rest = &raw[pos..];
        let Some(c) = rest.chars().next() else { break };
        if basic && c == '\\' {
            let next = rest[1..].chars().next();
            match next {
                Some('u') => {
                    let ch = u32::from_str_radix(rest.get(2..6).unwrap_or(""), 16)
                        .ok()
                        .and_then(char::from_u32);
                    count += ch.map_or(1, char::len_utf8);
                    pos += 6;
                }
                Some('U') => {
                    let ch = u32::from_str_radix(rest.get(2..10).unwrap_or(""), 16)
                        .ok()
                        .and_then(char::from_u32);
                    count += ch.map_or(1, char::len_utf8);
                    pos += 10;
                }
                Some(w) if w == ' ' || w == '\t' || w == '\n' || w == '\r' => {
                    // Line-ending backslash: it and the whitespace after vanish.
                    pos += 1;
                    pos += rest[1..]
                        .find(|c: char| !c.is_whitespace())
                        .unwrap_or(rest.len() - 1);
                }
                Some(other) => {
                    count += 1;
                    pos += 1 + other.len_utf8();
                }
                None => pos += 1,
            }
        } else {
            count += c.len_utf8();
            pos += c.len_utf8();
        }
    }
    pos.min(raw.len())
}
proptest::proptest! {
    #[test]
    fn escape_tables_agree_with_a_scan(
        body in r#"([a-zé "\\\n]|\\u00e9|\\U0001F600|\\\n  |\\[nt"])*"#,
        quotes in 0..4usize,
    ) {
        let raw = match quotes {
            0 => format!("\"{body}\""),
            1 => format!("\"\"\"\n{body}\"\"\""),
            2 => format!("'{body}'"),
            _ => format!("'''{body}'''"),
        };
        for decoded in 0..raw.len() + 2 {
            proptest::prop_assert_eq!(
                raw_offset(&raw, decoded),
                scanned_offset(&raw, decoded),
                "{:?} at {}",
                raw,
                decoded
            );
        }
    }
}

#[test]
fn columns_count_characters_on_long_lines() {
    let line = "é".repeat(1000);
    let source = format!("a = 1\nsummary = \"{line}Bob\"\n");
    let index = SourceIndex::new(&source);
    let bob = source.find("Bob").expect("Bob");
    assert_eq!(index.line_column(bob), (2, "summary = \"".len() + 1000 + 1));
}
