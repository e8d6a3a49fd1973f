//! The customer export's wording, checked: blameful phrasing (the
//! blameless linter's prose rules) and jargon a customer may not know
//! (`assets/export/jargon.txt`). Advice for the sender, never a failure.

use std::fmt;
use std::sync::OnceLock;

use super::privacy::Shown;
use crate::lint::{self, Context, LintConfig, ScanOptions};
use crate::model::Postmortem;

/// One piece of advice about a customer-facing text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording {
    /// The part of the export: `summary`, `actions A2.title`.
    pub part: String,
    /// The words found.
    pub excerpt: String,
    /// What to do about them.
    pub advice: String,
}

impl fmt::Display for Wording {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: \"{}\": {}", self.part, self.excerpt, self.advice)
    }
}

/// The jargon list: (term folded to lower case, plainer words).
fn jargon() -> &'static [(String, String)] {
    static LIST: OnceLock<Vec<(String, String)>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../assets/export/jargon.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('='))
            .map(|(term, plain)| (term.trim().to_lowercase(), plain.trim().to_string()))
            .collect()
    })
}

/// Advice on `shown`, the texts a customer export of `doc` shows.
pub(super) fn check(doc: &Postmortem, shown: &[Shown], config: &LintConfig) -> Vec<Wording> {
    let ctx = Context::new(doc, config);
    let mut advice = Vec::new();
    for part in shown {
        for hit in lint::scan(&part.text, &ctx, ScanOptions::default()) {
            let Some(excerpt) = part.text.get(hit.range.clone()) else {
                continue;
            };
            let rule = lint::rule(hit.rule);
            advice.push(Wording {
                part: part.path.clone(),
                excerpt: excerpt.to_string(),
                advice: format!("{} ({})", rule.message, hit.rule),
            });
        }
        let lower = part.text.to_lowercase();
        for (term, plain) in jargon() {
            if let Some(at) = find_word(&lower, term) {
                let excerpt = part.text.get(at..at + term.len()).unwrap_or(term);
                advice.push(Wording {
                    part: part.path.clone(),
                    excerpt: excerpt.to_string(),
                    advice: format!("jargon for a customer: say \"{plain}\""),
                });
            }
        }
    }
    advice
}

/// The first place `term` occurs in `text` as whole words (both folded).
fn find_word(text: &str, term: &str) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
    text.match_indices(term).map(|(at, _)| at).find(|&at| {
        !word(text[..at].chars().next_back()) && !word(text[at + term.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jargon_is_found_as_whole_words() {
        assert_eq!(find_word("returned 5xx errors", "5xx"), Some(9));
        assert_eq!(find_word("the on-call engineer", "on-call"), Some(4));
        assert_eq!(find_word("redeploy", "deploy"), None);
        assert!(jargon().iter().any(|(t, p)| t == "gmv" && p == "sales"));
    }
}
