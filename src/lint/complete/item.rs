//! Item-level completeness rules: they look only at the item (a root cause
//! that is a person, an action's missing fields, a vague action).

use crate::model::edit::ItemField;
use crate::model::{ActionItem, PathSeg};

use super::action_field;
use crate::lint::blame::{ScanOptions, scan};
use crate::lint::context::Context;
use crate::lint::items::FieldLinter;
use crate::lint::lexicon::Lexicon;
use crate::lint::rule;
use crate::lint::text::Prose;
use crate::lint::{Finding, Location};

/// A root cause that names a person, says "human error", or has a person as
/// its subject ("The engineer ran the wrong command").
pub(crate) fn root_is_person(text: &str, ctx: &Context, location: Location) -> Option<Finding> {
    if text.trim().is_empty() {
        return None;
    }
    let blamed = scan(text, ctx, ScanOptions::default())
        .iter()
        .any(|h| h.rule == rule::NAMED_INDIVIDUAL || h.rule == rule::HUMAN_ERROR);
    let lex = Lexicon::get();
    let prose = Prose::new(text);
    let subject = prose
        .words
        .iter()
        .map(|w| w.lower())
        .find(|w| !lex.subject_skip.contains(w) && !w.ends_with("ly"));
    let person_subject = subject.is_some_and(|w| {
        lex.person_nouns.contains(&w) && !matches!(w.as_str(), "team" | "teams" | "people")
    });
    (blamed || person_subject).then(|| Finding::new(rule::ROOT_CAUSE_PERSON, location))
}

fn phrase_range(
    automaton: &aho_corasick::AhoCorasick,
    text: &str,
) -> Option<std::ops::Range<usize>> {
    automaton.find_iter(text).map(|m| m.range()).find(|r| {
        let before = text[..r.start].chars().next_back();
        let after = text[r.end..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether an action title is vague: aimed at diligence, or open-ended
/// without a measurable target. Returns the vague phrase's range.
pub(crate) fn vague_phrase(title: &str) -> Option<std::ops::Range<usize>> {
    let lex = Lexicon::get();
    if let Some(range) = phrase_range(&lex.vague_always, title) {
        return Some(range);
    }
    let range = phrase_range(&lex.vague_open, title)?;
    let measurable =
        title.chars().any(|c| c.is_ascii_digit()) || phrase_range(&lex.measurable, title).is_some();
    (!measurable).then_some(range)
}

/// Action-item rules that only look at the item.
pub(crate) fn action_item_rules(
    action: &ActionItem,
    f: &mut FieldLinter,
    title_path: Vec<PathSeg>,
) {
    let mut missing = Vec::new();
    if action.owner.trim().is_empty() {
        missing.push(ItemField::Owner);
    }
    if action.due.is_none() {
        missing.push(ItemField::Due);
    }
    if action.kind.is_none() {
        missing.push(ItemField::Type);
    }
    if action.priority.is_none() {
        missing.push(ItemField::Priority);
    }
    if let Some(first) = missing.first() {
        let mut path = title_path.clone();
        path.pop();
        let location = f.location(action_field(*first), path);
        f.push(
            Finding::new(rule::ACTION_FIELDS, location).with_message(format!(
                "Action item incomplete: missing {}. Every action needs an owner, a due date, a type and a priority.",
                missing.iter().map(|m| m.key()).collect::<Vec<_>>().join(", ")
            )),
        );
    }
    if let Some(range) = vague_phrase(&action.title) {
        let mut location = f.location(action_field(ItemField::Title), title_path);
        let phrase = action.title[range.clone()].to_string();
        location.range = Some(range);
        let mut finding = Finding::new(rule::VAGUE_ACTION, location);
        finding.message = format!("`{phrase}`: {}", finding.message);
        finding.excerpt = Some(phrase);
        finding.suggestion =
            Some("Add metric X to dashboard Y / alert on Z above N, by a date.".into());
        f.push(finding);
    }
}
