//! Lint locations are typed: every finding carries a `Spot` that agrees
//! with the names reports print, and the editor places each finding from
//! its spot alone.

use debrief::examples::EXAMPLES;
use debrief::lint::{Context, ItemPart, LintConfig, Spot, lint_document, rule};
use debrief::model::Postmortem;
use debrief::model::Status;
use debrief::model::edit::{DocField, List, index_of};
use debrief::sample::{SampleSpec, generate};
use debrief::tui::app::Pane;
use debrief::tui::findings::{Place, place};
use debrief::tui::panes;

fn list_key(list: List) -> &'static str {
    match list {
        List::Timeline => "timeline",
        List::Whys => "whys",
        List::Factors => "factors",
        List::Actions => "actions",
    }
}

/// Documents with many kinds of findings: blameful sample text, an empty
/// incident (every completeness rule), an example made final with errors.
fn documents() -> Vec<Postmortem> {
    let mut spec = SampleSpec::with_events(400);
    spec.seed = 7;
    let mut final_with_errors = EXAMPLES[0].load().expect("example loads");
    final_with_errors.meta.status = Status::Final;
    final_with_errors.timeline[0].text = "Bob forgot to restart the cache.".into();
    vec![
        generate(&spec),
        Postmortem::new(debrief::model::Kind::Incident, ""),
        final_with_errors,
    ]
}

#[test]
fn every_spot_agrees_with_the_printed_names() {
    let mut seen = [0usize; 4];
    for doc in documents() {
        let ctx = Context::new(&doc, &LintConfig::default());
        for f in lint_document(&doc, &ctx) {
            let l = &f.location;
            match l.spot {
                Spot::Item(list, part) => {
                    seen[0] += 1;
                    assert_eq!(l.section, list_key(list), "{f:?}");
                    assert_eq!(l.field, part.key(), "{f:?}");
                    assert!(index_of(&doc, list, &l.item).is_some(), "{f:?}");
                    if let ItemPart::Field(field) = part {
                        assert!(
                            debrief::model::edit::ItemField::of(list).contains(&field),
                            "{f:?}"
                        );
                    }
                }
                Spot::Doc(_) => seen[1] += 1,
                Spot::Response(_) => {
                    seen[2] += 1;
                    assert_eq!(l.section, "response", "{f:?}");
                }
                Spot::Section => {
                    seen[3] += 1;
                    assert!(
                        !["text", "title", "actor", "notes", "question"].contains(&l.field),
                        "a field of an item reported as a section: {f:?}"
                    );
                }
            }
        }
    }
    assert!(seen[0] > 20, "item findings: {seen:?}");
    assert!(seen[1] > 5, "document findings: {seen:?}");
    assert!(seen[3] > 0, "section findings: {seen:?}");
}

#[test]
fn every_item_and_field_finding_has_a_place_in_the_editor() {
    for doc in documents() {
        let ctx = Context::new(&doc, &LintConfig::default());
        for f in lint_document(&doc, &ctx) {
            let placed = place(&doc, &f);
            match (f.location.spot, placed) {
                (Spot::Item(list, _), Some(Place::Item(at, id))) => {
                    assert_eq!((at, id.as_str()), (list, f.location.item.as_str()));
                }
                (Spot::Doc(DocField::Problem), Some(Place::Problem)) => {}
                (Spot::Doc(field), Some(Place::Field(pane, row))) => {
                    assert_eq!(panes::fields(&doc, pane)[row], field, "{f:?}");
                }
                (Spot::Doc(field), None) => {
                    // Only fields no pane shows may go unplaced.
                    for pane in [Pane::Overview, Pane::Review] {
                        assert!(!panes::fields(&doc, pane).contains(&field), "{f:?}");
                    }
                }
                (Spot::Section, _) => {}
                (spot, placed) => panic!(
                    "{spot:?} placed at {:?}: {f:?}",
                    placed.map(|p| match p {
                        Place::Item(list, id) => format!("{list:?} {id}"),
                        Place::Field(pane, row) => format!("{pane:?} row {row}"),
                        Place::Problem => "problem".into(),
                    })
                ),
            }
        }
    }
}

#[test]
fn a_final_document_with_errors_points_at_its_status() {
    let doc = documents().pop().expect("three documents");
    let ctx = Context::new(&doc, &LintConfig::default());
    let findings = lint_document(&doc, &ctx);
    let status = findings
        .iter()
        .find(|f| f.rule == rule::FINAL_WITH_ERRORS)
        .expect("a final document with errors is reported");
    assert_eq!(status.location.spot, Spot::Doc(DocField::Status));
    let Some(Place::Field(pane, row)) = place(&doc, status) else {
        panic!("the status finding has no place");
    };
    assert_eq!(panes::fields(&doc, pane)[row], DocField::Status);
    let blame = findings
        .iter()
        .find(|f| f.location.item == doc.timeline[0].id && f.location.range.is_some())
        .expect("the blameful event text is reported");
    assert_eq!(
        blame.location.spot,
        Spot::Item(
            List::Timeline,
            ItemPart::Field(debrief::model::edit::ItemField::Text)
        )
    );
}
