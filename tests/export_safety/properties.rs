//! The property tests over random hostile text (pieces of HTML, Markdown
//! and the export's own labels): in any field it renders as text, and it
//! survives export and import.

use crate::every_field;
use crate::markup::{render, violations};
use crate::roundtrip::{changed, example_with};
use debrief::export::markdown;
use debrief::import::markdown::{ImportOptions, import};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

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
    // Failures are kept beside this file: the default place would be
    // `tests/proptest-regressions/`, as this directory holds a `main.rs`.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(256)
    })]

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
