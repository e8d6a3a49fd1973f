//! Tests of the document fields' text forms.

use super::codec::{format_row, parse_row, parse_unmapped, unmapped_text};
use super::*;
use crate::examples::EXAMPLES;
use crate::model::ResponsePhase;

fn examples() -> Vec<Postmortem> {
    EXAMPLES
        .iter()
        .map(|e| e.load().expect("example parses"))
        .collect()
}

#[test]
fn get_then_set_changes_nothing_and_get_is_canonical() {
    for doc in examples() {
        for field in DocField::all_for(&doc) {
            let text = field.get(&doc);
            let mut copy = doc.clone();
            field.set(&mut copy, &text);
            assert_eq!(copy, doc, "{field:?} of {}", doc.meta.title);
            assert_eq!(
                field.prepare(&doc, &text).as_deref(),
                Ok(text.as_str()),
                "{field:?} of {}",
                doc.meta.title
            );
        }
    }
}

#[test]
fn table_cells_escape_pipes_backslashes_and_line_breaks() {
    let cells = ["a | b", "c\\d", "two\nlines"];
    let line = format_row(&cells);
    assert_eq!(line, "a \\| b | c\\\\d | two\\nlines");
    assert_eq!(parse_row(&line), cells);
    assert_eq!(format_row(&["x", "", ""]), "x");
}

#[test]
fn tables_are_checked_and_canonicalised() {
    let doc = Postmortem::new(crate::model::Kind::Incident, "t");
    let sign = DocField::SignOff;
    assert_eq!(
        sign.prepare(&doc, "Author|Jane Doe|2026-02-06\n\n  Reviewed | |  "),
        Ok("Author | Jane Doe | 2026-02-06\nReviewed".to_string())
    );
    let err = sign
        .prepare(&doc, "Author | Jane | next week")
        .expect_err("refused");
    assert!(
        err.contains("line 1") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
    // The fourth cell is the content fingerprint `debrief sign` writes.
    assert_eq!(
        sign.prepare(&doc, "Reviewed | Sam | 2026-01-01 | 0123abcd"),
        Ok("Reviewed | Sam | 2026-01-01 | 0123abcd".to_string())
    );
    let err = sign
        .prepare(&doc, "a | b | 2026-01-01 | d | e")
        .expect_err("refused");
    assert!(err.contains("at most 4"), "{err}");
    let err = DocField::FollowUp
        .prepare(&doc, " | 2026-01-01")
        .expect_err("refused");
    assert!(err.contains("what is missing"), "{err}");
    assert_eq!(
        DocField::Goals.prepare(&doc, "Ship v2 | by March | shipped April | Partially met"),
        Ok("Ship v2 | by March | shipped April | partially-met".to_string())
    );
}

#[test]
fn a_standard_phase_appears_in_order_and_goes_when_emptied() {
    let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
    let cell = |slot| DocField::Response {
        slot,
        column: ResponseColumn::Worked,
    };
    cell(3).set(&mut doc, "rollback");
    cell(0).set(&mut doc, "alert fired");
    let phases: Vec<&str> = doc.response.iter().map(|p| p.phase.as_str()).collect();
    assert_eq!(phases, ["detection", "mitigation"]);
    assert_eq!(cell(3).get(&doc), "rollback");
    cell(3).set(&mut doc, "");
    assert_eq!(doc.response.len(), 1);
    assert_eq!(response_slots(&doc), 5);
}

#[test]
fn custom_phases_take_the_slots_after_the_standard_ones() {
    let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
    doc.response.push(ResponsePhase {
        phase: "escalation".into(),
        happened: "paged the DB team".into(),
        ..ResponsePhase::default()
    });
    assert_eq!(response_slots(&doc), 6);
    assert_eq!(response_slot_of(&doc, "escalation"), Some(5));
    assert_eq!(response_slot_of(&doc, "Triage"), Some(1));
    let field = DocField::Response {
        slot: 5,
        column: ResponseColumn::Happened,
    };
    assert_eq!(field.get(&doc), "paged the DB team");
}

#[test]
fn times_are_typed_in_the_display_zone_and_kept_exact() {
    let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
    doc.meta.timezone = "America/New_York".into();
    doc.meta.started =
        Some(chrono::DateTime::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("ts"));
    let started = DocField::Started;
    assert_eq!(started.edit_text(&doc), "2026-02-05 09:00");
    // Unchanged text is the same instant: no edit.
    assert_eq!(
        started.prepare(&doc, "2026-02-05 09:00"),
        Ok(started.get(&doc))
    );
    assert_eq!(
        DocField::Ended.prepare(&doc, "+2h").as_deref(),
        Ok("2026-02-05T11:00:00-05:00")
    );
    assert_eq!(
        DocField::Ended.prepare(&doc, "10:30").as_deref(),
        Ok("2026-02-05T10:30:00-05:00")
    );
    assert!(DocField::Ended.prepare(&doc, "soon").is_err());
    assert_eq!(DocField::Ended.prepare(&doc, " "), Ok(String::new()));
}

#[test]
fn unmapped_parts_round_trip_exactly_as_text() {
    let parts = vec![
        crate::model::Unmapped {
            heading: "Customer quotes".into(),
            markdown: "> §3 of the contract\n\\escaped\n".into(),
        },
        crate::model::Unmapped {
            heading: String::new(),
            markdown: String::new(),
        },
    ];
    let text = unmapped_text(&parts);
    assert_eq!(parse_unmapped(&text), Ok(parts.clone()));
    let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
    doc.unmapped = parts;
    // Deleting a part's lines deletes the part.
    let first_only: String = text.split("\n§").next().expect("first").to_string();
    DocField::Unmapped.set(&mut doc, &first_only);
    assert_eq!(doc.unmapped.len(), 1);
    let err = DocField::Unmapped
        .prepare(&doc, "stray text\n§ Heading")
        .expect_err("text before any heading");
    assert!(err.contains("line 1"), "{err}");
    assert_eq!(DocField::Unmapped.prepare(&doc, "  \n"), Ok(String::new()));
}

#[test]
fn settings_in_use_cannot_be_taken_away() {
    let doc = examples().remove(0);
    let err = DocField::Categories
        .prepare(&doc, "process\ntechnical")
        .expect_err("refused");
    assert!(err.contains("`human` is still used by F"), "{err}");
    let all = "process\ntechnical\nhuman\norganizational\nvendor";
    assert_eq!(DocField::Categories.prepare(&doc, all).as_deref(), Ok(all));
    let err = DocField::SeverityScale
        .prepare(&doc, "P1 | Urgent")
        .expect_err("refused");
    assert!(err.contains("`SEV-1` must stay"), "{err}");
    let err = DocField::Ended
        .prepare(&doc, "2000-01-01 00:00")
        .expect_err("refused");
    assert!(err.contains("before the start"), "{err}");
}

#[test]
fn project_parts_come_and_go_with_their_content() {
    let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
    DocField::Team.set(&mut doc, "Ana — lead");
    assert_eq!(doc.project.as_ref().map(|p| p.team.len()), Some(1));
    DocField::Team.set(&mut doc, "");
    assert_eq!(doc.project, None);
}
