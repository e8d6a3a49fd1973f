//! Fuzzing the TOML loader: arbitrary bytes and mutated documents never
//! panic; whatever loads survives save → load unchanged and passes through
//! `check`, lint and export without panicking. Bounded (a few seconds);
//! `PROPTEST_CASES` raises it.

use std::path::Path;

use debrief::export::markdown;
use debrief::model::check;
use debrief::store;
use proptest::prelude::*;

/// A mutation of a valid document's text.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, char),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragment = prop_oneof![
        Just("\"".to_string()),
        Just("[[timeline]]\n".to_string()),
        Just("=".to_string()),
        Just("\n".to_string()),
        Just("id = \"T1\"\n".to_string()),
        Just("2026-13-45T99:99:99Z".to_string()),
        Just("'''".to_string()),
        Just("[meta]\n".to_string()),
        ".{0,12}",
    ];
    prop_oneof![
        any::<prop::sample::Index>().prop_map(|i| Mutation::Truncate(i.index(usize::MAX))),
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), fragment).prop_map(|(at, text)| Mutation::Insert(at, text)),
        (any::<usize>(), any::<char>()).prop_map(|(at, c)| Mutation::Replace(at, c)),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Duplicate(at, len)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, mutation: &Mutation) {
    match mutation {
        Mutation::Truncate(at) => {
            let at = boundary(text, *at);
            text.truncate(at);
        }
        Mutation::Delete(at, len) => {
            let start = boundary(text, *at);
            let end = boundary(text, start + len).max(start);
            text.replace_range(start..end, "");
        }
        Mutation::Insert(at, fragment) => {
            let at = boundary(text, *at);
            text.insert_str(at, fragment);
        }
        Mutation::Replace(at, c) => {
            let at = boundary(text, *at);
            if let Some(old) = text[at..].chars().next() {
                text.replace_range(at..at + old.len_utf8(), &c.to_string());
            }
        }
        Mutation::Duplicate(at, len) => {
            let start = boundary(text, *at);
            let end = boundary(text, start + len).max(start);
            let copy = text[start..end].to_string();
            text.insert_str(end, &copy);
        }
    }
}

/// Loading, and everything downstream of a successful load, is total.
fn exercise(text: &str) -> Result<(), TestCaseError> {
    let path = Path::new("fuzz.toml");
    if let Ok(doc) = store::parse(text, path) {
        let _ = check(&doc);
        let _ = markdown(&doc);
        let ctx = debrief::lint::Context::new(&doc, &debrief::lint::LintConfig::default());
        let _ = debrief::lint::lint_document(&doc, &ctx);
        let saved = store::to_toml(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = store::parse(&saved, path)
            .map_err(|e| TestCaseError::fail(format!("saved text does not load: {e}")))?;
        prop_assert_eq!(again, doc, "save → load changed the document");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        exercise(&text)?;
    }

    #[test]
    fn mutated_examples_never_panic(
        which in 0usize..3,
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut text = debrief::examples::EXAMPLES[which].text.to_string();
        for m in &mutations {
            apply(&mut text, m);
        }
        exercise(&text)?;
    }
}
