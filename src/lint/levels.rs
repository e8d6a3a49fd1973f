//! Per-rule levels (`[lint.rules]` in the config file and the repository's
//! `debrief.toml`): turn a rule off or change the severity of its findings.

use std::collections::BTreeMap;

use super::rule::{ALL, RuleId};
use super::{Finding, LintConfig, Severity};

/// The level a rule is set to (the model's type: a document's
/// `[lint.rules]` holds it too).
pub use crate::model::RuleLevel as Level;

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A rule id in `[lint.rules]` that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown lint rule `{id}` in [lint.rules]{}", nearest.map(|n| format!(": did you mean `{n}`?")).unwrap_or_default())]
pub struct UnknownRule {
    /// The id as written.
    pub id: String,
    /// The known id closest to it, if any is close.
    pub nearest: Option<RuleId>,
}

/// The rules a key of `[lint.rules]` names: an id, a family (`blame/`,
/// `blame/*`) or `*`.
pub fn rules_named(key: &str) -> Result<Vec<RuleId>, UnknownRule> {
    let prefix = key.trim_end_matches('*');
    let found: Vec<RuleId> = ALL
        .iter()
        .copied()
        .filter(|r| {
            r.as_str() == key
                || key == "*"
                || (prefix.ends_with('/') && r.as_str().starts_with(prefix))
        })
        .collect();
    if found.is_empty() {
        return Err(UnknownRule {
            id: key.to_string(),
            nearest: nearest(key),
        });
    }
    Ok(found)
}

/// Resolves a `[lint.rules]` table; later keys override earlier ones, and
/// an id overrides its family whatever the order.
pub fn resolve(table: &BTreeMap<String, Level>) -> Result<BTreeMap<RuleId, Level>, UnknownRule> {
    let mut out = BTreeMap::new();
    let mut keys: Vec<(&String, &Level)> = table.iter().collect();
    // Families first, exact ids last.
    keys.sort_by_key(|(k, _)| !(k.ends_with('/') || k.ends_with('*')));
    for (key, level) in keys {
        for rule in rules_named(key)? {
            out.insert(rule, *level);
        }
    }
    Ok(out)
}

/// The keys of a document's `[lint.rules]` that name no rule (the linter
/// leaves them out; `debrief lint` refuses them).
pub fn unknown_in(lint: &crate::model::DocLint) -> Vec<UnknownRule> {
    lint.rules
        .keys()
        .filter_map(|key| rules_named(key).err())
        .collect()
}

/// The known rule id closest to `id` (edit distance at most a third of
/// its length, and at least 3).
pub fn nearest(id: &str) -> Option<RuleId> {
    let limit = (id.chars().count() / 3).max(3);
    ALL.iter()
        .copied()
        .map(|r| (distance(id, r.as_str()), r))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, r)| r)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// `finding` at its rule's level, or `None` when the rule is off, the
/// level is below `min` (`lint --min-level`) or the document suppresses it.
pub fn adjust(config: &LintConfig, mut finding: Finding) -> Option<Finding> {
    if super::suppress::is_suppressed(config, &finding) {
        return None;
    }
    if let Some(level) = config.levels.get(&finding.rule) {
        finding.severity = level.severity()?;
    }
    (finding.severity >= config.min_severity).then_some(finding)
}

/// Applies `levels` to `findings`: drops the rules set off and sets the
/// severity of the others.
pub fn apply(config: &LintConfig, findings: &mut Vec<Finding>) {
    if config.levels.is_empty()
        && config.min_severity == Severity::Info
        && config.suppress.is_empty()
    {
        return;
    }
    *findings = std::mem::take(findings)
        .into_iter()
        .filter_map(|f| adjust(config, f))
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rule;

    #[test]
    fn unknown_ids_name_the_nearest() {
        let err = rules_named("blame/judgement").expect_err("unknown");
        assert_eq!(err.nearest, Some(rule::JUDGMENT));
        assert!(err.to_string().contains("did you mean `blame/judgment`?"));
        assert_eq!(
            rules_named("nonsense-id-xyz").expect_err("unknown").nearest,
            None
        );
        assert_eq!(rules_named("blame/").expect("family").len(), 6);
        // Display pads like a str, so the editor's columns line up.
        assert_eq!(format!("[{:<12}]", rule::HINDSIGHT), "[blame/hindsight]");
        assert_eq!(format!("[{:<16}]", rule::HINDSIGHT), "[blame/hindsight ]");
    }

    #[test]
    fn an_id_overrides_its_family() {
        let table = BTreeMap::from([
            ("blame/judgment".to_string(), Level::Error),
            ("blame/*".to_string(), Level::Off),
        ]);
        let levels = resolve(&table).expect("known");
        assert_eq!(levels[&rule::JUDGMENT], Level::Error);
        assert_eq!(levels[&rule::HINDSIGHT], Level::Off);
    }
}
