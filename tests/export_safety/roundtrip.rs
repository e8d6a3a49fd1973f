//! Export then import: the Markdown importer reads every free-text field
//! of a bundled example back as written, hostile text appended.

use crate::HOSTILE;
use debrief::export::markdown;
use debrief::import::markdown::{ImportOptions, import};
use debrief::model::{Postmortem, Unmapped, for_each_text_mut};

/// Fields the importer reads back as written (ids, links, settings, times
/// and names the importer normalizes are left as they are).
fn free_text(name: &str) -> bool {
    matches!(
        name,
        "summary"
            | "distribution[]"
            | "meta.title"
            | "impact.users_affected"
            | "impact.duration"
            | "impact.requests_failed"
            | "impact.revenue"
            | "impact.sla"
            | "impact.data_loss"
            | "impact.customer_complaints"
            | "impact.extra[].value"
            | "timeline[].text"
            | "timeline[].source"
            | "whys.problem"
            | "whys.root_cause"
            | "whys.node[].question"
            | "whys.node[].text"
            | "whys.node[].accepted_risk"
            | "factors[].text"
            | "factors[].contribution"
            | "factors[].accepted_risk"
            | "response[].happened"
            | "response[].worked"
            | "response[].did_not_work"
            | "review.went_well[]"
            | "review.went_poorly[]"
            | "review.lucky[]"
            | "review.lessons[].text"
            | "actions[].title"
            | "actions[].notes"
            | "appendix.logs"
            | "appendix.metrics"
            | "appendix.related[]"
            | "appendix.notes"
            | "follow_up[].what"
            | "unmapped[].markdown"
    )
}

fn example(name: &str) -> Postmortem {
    debrief::examples::EXAMPLES
        .iter()
        .find(|e| e.name == name)
        .expect("bundled example")
        .load()
        .expect("loads")
}

/// A bundled example with `text` appended to every free-text field.
pub(crate) fn example_with(text: &str) -> Postmortem {
    let mut doc = example("db-connection-pool.toml");
    for_each_text_mut(&mut doc, &mut |name, field| {
        if free_text(name) && !field.trim().is_empty() {
            field.push_str(text);
        }
    });
    doc.unmapped.push(Unmapped {
        heading: "Background".into(),
        markdown: format!("Kept as written {text}"),
    });
    doc
}

/// A field as the export keeps it: trimmed, and on one line for the fields
/// written as a heading or a bold label.
fn kept(name: &str, text: &str) -> String {
    if matches!(
        name,
        "meta.title" | "whys.node[].question" | "follow_up[].what"
    ) {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        // Spaces around a line are not kept: Markdown reads them as
        // indentation or line breaks.
        let lines: Vec<&str> = text.trim().lines().map(str::trim).collect();
        lines.join("\n")
    }
}

/// The free-text fields that differ after export → import.
pub(crate) fn changed(before: &Postmortem, after: &Postmortem) -> Vec<String> {
    let texts = |doc: &Postmortem| {
        let mut doc = doc.clone();
        let mut texts = Vec::new();
        for_each_text_mut(&mut doc, &mut |name, t| {
            if free_text(name) {
                texts.push((name, kept(name, t)));
            }
        });
        texts
    };
    let (a, b) = (texts(before), texts(after));
    if a.len() != b.len() {
        let names = |t: &[(&'static str, String)]| {
            let mut counts = std::collections::BTreeMap::new();
            for (name, _) in t {
                *counts.entry(*name).or_insert(0) += 1;
            }
            counts
        };
        let (na, nb) = (names(&a), names(&b));
        return na
            .keys()
            .chain(nb.keys())
            .filter(|k| na.get(*k) != nb.get(*k))
            .map(|k| format!("{k}: {:?} texts before, {:?} after", na.get(k), nb.get(k)))
            .collect();
    }
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| format!("{}: {:?} became {:?}", x.0, x.1, y.1))
        .collect()
}

#[test]
fn export_then_import_gives_back_every_hostile_text() {
    for text in HOSTILE {
        let suffix = format!(" {text}");
        let doc = example_with(&suffix);
        let md = markdown(&doc);
        let (back, _) = import(&md, &ImportOptions::default()).expect("import");
        let changed = changed(&doc, &back);
        assert!(
            changed.is_empty(),
            "{text:?}: {changed:#?}\n--- markdown ---\n{md}"
        );
    }
}

/// A case the property test once found: a line of bold text in
/// parentheses after a newline, in every text field.
#[test]
fn a_bold_parenthesized_line_survives_export_and_import() {
    let doc = example_with(" \n**(root cause)**");
    let md = markdown(&doc);
    let (back, _) = import(&md, &ImportOptions::default()).expect("import");
    let changed = changed(&doc, &back);
    assert!(changed.is_empty(), "{changed:#?}\n{md}");
}
