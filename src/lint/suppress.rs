//! Suppressions stored in the document (`[[lint.suppress]]`): a finding
//! accepted with a reason. One is keyed by the rule, the place (item id and
//! field) and the matched text, so it hides that finding only: when the
//! text is edited the finding comes back and the suppression, matching
//! nothing, is reported as stale (`complete/stale-suppression`).

use crate::model::{PathSeg, Postmortem, Suppression};

use super::{Context, Finding, LintConfig, Location, lint_document, rule};

/// The place of a finding as a suppression names it: `T3.text` for an
/// item with an id, `summary` or `meta.title` for the other parts.
pub fn place_key(location: &Location) -> String {
    let mut key = if location.item.is_empty() {
        location.section.to_string()
    } else {
        location.item.clone()
    };
    if !location.field.is_empty() && location.field != location.section {
        key.push('.');
        key.push_str(location.field);
    }
    key
}

/// Whether `suppression` hides `finding`.
pub fn matches(suppression: &Suppression, finding: &Finding) -> bool {
    suppression.rule == finding.rule.as_str()
        && suppression.text == finding.excerpt.as_deref().unwrap_or("")
        && suppression.at == place_key(&finding.location)
}

/// Whether any of `config`'s suppressions hides `finding`.
pub(crate) fn is_suppressed(config: &LintConfig, finding: &Finding) -> bool {
    !config.suppress.is_empty() && config.suppress.iter().any(|s| matches(s, finding))
}

/// The suppression that accepts `finding`, for `reason`, by `by`.
pub fn suppression_for(finding: &Finding, reason: &str, by: &str) -> Suppression {
    Suppression {
        rule: finding.rule.as_str().to_string(),
        at: place_key(&finding.location),
        text: finding.excerpt.clone().unwrap_or_default(),
        reason: reason.trim().to_string(),
        by: by.trim().to_string(),
    }
}

/// The document's suppressions that match no finding any more (their
/// text was edited, the finding was fixed, or the rule is off), as
/// `complete/stale-suppression` findings on `lint.suppress[i]`. Lints the
/// document a second time, so only when it has suppressions.
pub fn stale_suppressions(doc: &Postmortem, config: &LintConfig) -> Vec<Finding> {
    if doc.lint.suppress.is_empty() {
        return Vec::new();
    }
    let mut ctx = Context::new(doc, config);
    ctx.config.suppress.clear();
    let findings = lint_document(doc, &ctx);
    let mut out: Vec<Finding> = doc
        .lint
        .suppress
        .iter()
        .enumerate()
        .filter(|(_, s)| !findings.iter().any(|f| matches(s, f)))
        .map(|(i, s)| {
            let location = Location {
                section: "lint",
                item: String::new(),
                field: "suppress",
                path: vec![
                    PathSeg::Key("lint"),
                    PathSeg::Key("suppress"),
                    PathSeg::Index(i),
                ],
                range: None,
                // Shown in Review's Lint settings, where it is removed.
                spot: super::Spot::Doc(crate::model::edit::DocField::Lint),
            };
            let text = if s.text.is_empty() {
                String::new()
            } else {
                format!(" `{}`", s.text)
            };
            let mut finding = Finding::new(rule::STALE_SUPPRESSION, location);
            finding.message = format!(
                "Suppression of {} at {}{text}: {}",
                s.rule, s.at, finding.message
            );
            finding
        })
        .collect();
    super::levels::apply(ctx.config(), &mut out);
    out
}
