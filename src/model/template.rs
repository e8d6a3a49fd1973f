//! Templates leave guiding questions in the fields they lay out, written
//! as placeholders: a text that is wholly `{{? …}}` (the `?` tells them
//! from the `{{title}}` blanks of Markdown templates people import). A
//! placeholder is not content: lint reports it as unfilled and the export
//! leaves it out.

use super::{Postmortem, for_each_text_mut};

/// The most action items the quick template keeps (lint reports more).
pub const QUICK_MAX_ACTIONS: usize = 5;

/// Whether `text` is a template's question still waiting for an answer.
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    text.len() > 5 && text.starts_with("{{?") && text.ends_with("}}")
}

/// `doc` with every placeholder emptied, and the list entries and items
/// that held nothing else left out: what the document says so far.
pub fn without_placeholders(doc: &Postmortem) -> Postmortem {
    let mut doc = doc.clone();
    let mut found = false;
    for_each_text_mut(&mut doc, &mut |_, text| {
        if is_placeholder(text) {
            text.clear();
            found = true;
        }
    });
    if !found {
        return doc;
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
    doc
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
}
