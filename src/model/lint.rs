//! The document's own `[lint]` table: rule levels for this postmortem
//! (`[lint.rules]`) and findings accepted with a reason
//! (`[[lint.suppress]]`). The linter reads them (`lint::Context`); the
//! editor edits the whole table as one field (`DocField::Lint`, its text
//! the table's TOML), so a suppression is one undoable edit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The level a rule is set to in `[lint.rules]` (of a document, the config
/// file or a repository's `debrief.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Not run: its findings are dropped.
    Off,
    /// Findings become infos.
    Info,
    /// Findings become warnings.
    Warning,
    /// Findings become errors.
    Error,
}

/// `[lint]` in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocLint {
    /// Rule (`blame/judgment`), family (`blame/`) or `*` → level, over
    /// the config file's and the repository's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleLevel>,
    /// Findings accepted as they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppress: Vec<Suppression>,
}

/// One accepted finding. It hides the finding of `rule` at `at` whose
/// matched text is `text`; once the text changes (or the finding goes
/// away) it matches nothing and lint reports it as stale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// The rule id (`blame/named-individual`).
    pub rule: String,
    /// Where: an item's id and field (`T3.text`), or a section and field
    /// (`summary`, `meta.title`) for parts without ids.
    pub at: String,
    /// The text the finding matched, exactly (empty for findings that are
    /// about no text, such as a missing field).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Why the finding is accepted.
    pub reason: String,
    /// Who accepted it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

impl DocLint {
    /// Whether there is nothing to save.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.suppress.is_empty()
    }

    /// The table as its TOML text (the text of `DocField::Lint`): empty
    /// when there is nothing to save.
    pub fn to_text(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        toml::to_string(self).unwrap_or_default()
    }

    /// Reads the table from its TOML text (empty: no settings).
    pub fn from_text(text: &str) -> Result<DocLint, String> {
        if text.trim().is_empty() {
            return Ok(DocLint::default());
        }
        let lint: DocLint = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if let Some(s) = lint
            .suppress
            .iter()
            .find(|s| s.rule.trim().is_empty() || s.at.trim().is_empty())
        {
            return Err(format!(
                "a suppression needs a rule and a place (at), found rule = {:?}, at = {:?}",
                s.rule, s.at
            ));
        }
        Ok(lint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        let lint = DocLint {
            rules: BTreeMap::from([("blame/".to_string(), RuleLevel::Info)]),
            suppress: vec![Suppression {
                rule: "blame/named-individual".into(),
                at: "T3.text".into(),
                text: "Ada".into(),
                reason: "Ada is our deploy bot".into(),
                by: "sre-lead".into(),
            }],
        };
        let text = lint.to_text();
        assert!(text.contains("[[suppress]]"), "{text}");
        assert_eq!(DocLint::from_text(&text).expect("parses"), lint);
        assert_eq!(DocLint::default().to_text(), "");
        assert!(
            DocLint::from_text("[[suppress]]\nrule = \"\"\nat = \"x\"\nreason = \"r\"").is_err()
        );
        assert!(DocLint::from_text("[rules]\n\"blame/\" = \"loud\"").is_err());
    }
}
