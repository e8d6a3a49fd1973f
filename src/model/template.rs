//! Templates leave guiding questions in the fields they lay out, written
//! as placeholders: a text that is wholly `{{? …}}` (the `?` tells them
//! from the `{{title}}` blanks of Markdown templates people import). A
//! placeholder is not content: lint reports it as unfilled and the export
//! leaves it out.

use std::borrow::Cow;

use super::{Postmortem, for_each_text_mut};

/// The most action items the quick template keeps (lint reports more).
pub const QUICK_MAX_ACTIONS: usize = 5;

/// Whether `text` is a template's question still waiting for an answer.
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    text.len() > 5 && text.starts_with("{{?") && text.ends_with("}}")
}

/// `doc` with every placeholder emptied, and the list entries and items
/// that held nothing else left out: what the document says so far. A
/// document without `{{?` anywhere is borrowed, not copied.
pub fn without_placeholders(doc: &Postmortem) -> Cow<'_, Postmortem> {
    if !may_hold_placeholder(doc) {
        return Cow::Borrowed(doc);
    }
    let mut doc = doc.clone();
    let mut found = false;
    for_each_text_mut(&mut doc, &mut |_, text| {
        if is_placeholder(text) {
            text.clear();
            found = true;
        }
    });
    if !found {
        return Cow::Owned(doc);
    }
    let keep = |v: &mut Vec<String>| v.retain(|s| !s.is_empty());
    keep(&mut doc.review.went_well);
    keep(&mut doc.review.went_poorly);
    keep(&mut doc.review.lucky);
    keep(&mut doc.distribution);
    keep(&mut doc.appendix.related);
    doc.review.lessons.retain(|l| !l.text.is_empty());
    if let Some(project) = doc.project.as_mut() {
        keep(&mut project.team);
        keep(&mut project.differently);
        keep(&mut project.recommendations);
        project.goals.retain(|g| !g.goal.is_empty());
    }
    doc.timeline.retain(|e| !e.text.is_empty());
    doc.factors.retain(|f| !f.text.is_empty());
    doc.actions.retain(|a| !a.title.is_empty());
    doc.follow_up.retain(|f| !f.what.is_empty());
    Cow::Owned(doc)
}

/// Whether `{{?` occurs in `doc`'s JSON form (a placeholder's text does):
/// a streaming look, nothing built; a `true` is checked text by text.
fn may_hold_placeholder(doc: &Postmortem) -> bool {
    let mut scan = Opening::default();
    // Also `true` when the document cannot be written that way.
    serde_json::to_writer(&mut scan, doc).is_err() || scan.found
}

/// Looks for `{{?` in what is written to it, across writes.
#[derive(Default)]
struct Opening {
    /// How much of `{{?` the last bytes matched.
    matched: usize,
    found: bool,
}

impl std::io::Write for Opening {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &byte in buf {
            self.matched = match (self.matched, byte) {
                (0 | 1, b'{') => self.matched + 1,
                (2, b'{') => 2,
                (2, b'?') => {
                    self.found = true;
                    0
                }
                _ => 0,
            };
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionItem, Kind};

    #[test]
    fn placeholders_are_whole_questions_in_braces() {
        assert!(is_placeholder("{{? What happened?}}"));
        assert!(is_placeholder("  {{? x y}} "));
        assert!(!is_placeholder("{{?}}"));
        assert!(
            !is_placeholder("{{incident title}}"),
            "a Markdown template's blank"
        );
        assert!(!is_placeholder("We saw {{? x}} in the logs"));
        assert!(!is_placeholder("plain"));
    }

    #[test]
    fn without_placeholders_keeps_the_content_only() {
        let mut doc = Postmortem::new(Kind::Incident, "t");
        doc.summary = "{{? What happened?}}".into();
        doc.review.went_well = vec!["{{? What worked?}}".into(), "Fast rollback".into()];
        doc.actions
            .push(ActionItem::new("A1", "{{? Immediate fix?}}"));
        doc.actions.push(ActionItem::new("A2", "Add a pool alert"));
        let clean = without_placeholders(&doc);
        assert_eq!(clean.summary, "");
        assert_eq!(clean.review.went_well, ["Fast rollback"]);
        assert_eq!(clean.actions.len(), 1);
        assert_eq!(clean.actions[0].id, "A2");
    }

    #[test]
    fn a_document_without_placeholders_is_not_copied() {
        let mut doc = Postmortem::new(Kind::Incident, "t");
        doc.summary = "Braces {{ and {? are text; {{x}} too".into();
        assert!(matches!(without_placeholders(&doc), Cow::Borrowed(_)));
        doc.review.lucky = vec!["  {{? Were we lucky?}} ".into()];
        let clean = without_placeholders(&doc);
        assert!(matches!(clean, Cow::Owned(_)));
        assert!(clean.review.lucky.is_empty());
    }
}
