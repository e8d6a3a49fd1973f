//! The rule catalogue from `assets/lint/rules.toml`: id, category, severity,
//! message and advice of every rule.

use std::sync::OnceLock;

use serde::Deserialize;

use super::rule::RuleId;
use super::{Category, Severity};

const RULES: &str = include_str!("../../assets/lint/rules.toml");

/// One rule's fixed description.
#[derive(Debug, Clone, Deserialize)]
pub struct RuleInfo {
    /// Stable id, e.g. `blame/named-individual`.
    pub id: String,
    /// Blameless language or completeness.
    pub category: Category,
    /// How serious a finding is.
    pub severity: Severity,
    /// One sentence explaining the blameless alternative.
    pub message: String,
    /// What to write instead, when there is no mechanical rewrite.
    #[serde(default)]
    pub advice: Option<String>,
}

#[derive(Deserialize)]
struct RulesFile {
    rule: Vec<RuleInfo>,
}

/// Every rule, in catalogue order.
pub fn rules() -> &'static [RuleInfo] {
    static RULES_CELL: OnceLock<Vec<RuleInfo>> = OnceLock::new();
    RULES_CELL.get_or_init(|| {
        // Compiled-in asset covered by tests; failure is a repository bug.
        toml::from_str::<RulesFile>(RULES)
            .unwrap_or_else(|e| panic!("assets/lint/rules.toml: {e}"))
            .rule
    })
}

/// The rule with this id. Every id the engine emits is in the catalogue
/// (a test checks it), so an unknown id is a programming error.
pub fn rule(id: RuleId) -> &'static RuleInfo {
    rules()
        .iter()
        .find(|r| r.id == id.as_str())
        .unwrap_or_else(|| panic!("lint rule `{id}` is not in assets/lint/rules.toml"))
}

/// Whether `id` names a rule, or a rule family (`blame/`, `blame/*`).
pub fn is_known(id: &str) -> bool {
    let prefix = id.trim_end_matches('*');
    rules()
        .iter()
        .any(|r| r.id == id || (prefix.ends_with('/') && r.id.starts_with(prefix)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::lexicon::Lexicon;

    #[test]
    fn every_list_names_a_catalogued_rule() {
        for list in &Lexicon::get().lists {
            assert!(
                rules().iter().any(|r| r.id == list.rule.as_str()),
                "blame.toml names unknown rule {}",
                list.rule
            );
        }
    }

    #[test]
    fn rules_are_unique_and_explained() {
        let mut ids: Vec<&str> = rules().iter().map(|r| r.id.as_str()).collect();
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate rule ids");
        for r in rules() {
            assert!(r.id.starts_with("blame/") || r.id.starts_with("complete/"));
            assert!(
                r.message.ends_with('.'),
                "{}: message is not a sentence",
                r.id
            );
        }
        assert!(is_known("blame/*") && is_known("complete/vague-action") && !is_known("x/y"));
    }

    #[test]
    fn constants_are_the_catalogue() {
        let catalogue: Vec<&str> = rules().iter().map(|r| r.id.as_str()).collect();
        let constants: Vec<&str> = crate::lint::rule::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(catalogue, constants);
    }

    #[test]
    fn rules_are_documented() {
        let docs = include_str!("../../docs/lint-rules.md");
        for r in rules() {
            assert!(
                docs.contains(&format!("`{}`", r.id)),
                "{} missing from docs/lint-rules.md",
                r.id
            );
        }
    }
}
