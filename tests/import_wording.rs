//! The team's own wording survives import → export: section headings,
//! table column headings, metadata labels and the title's prefix are kept
//! in `[headings]` and printed by the export in place of its own names.

use debrief::export::markdown;
use debrief::import::markdown::{ImportOptions, import};
use debrief::store;

const DOC: &str = "# Incident Report: Queue backlog

**Author:** storage team
**Severity:** SEV2

## What happened

| When | What | Who |
|---|---|---|
| 2024-05-02 10:00 | Consumers stall | queue |
| 10:20 | Backlog drained | on-call |

## Takeaways

- Alert on consumer lag.

## Lessons Learned

### What went well

### Where we got lucky

## Follow-ups

| Maßnahme | Verantwortlich | Fällig |
|---|---|---|
| Add a lag alert | @storage | 2024-05-20 |
";

fn imported() -> debrief::model::Postmortem {
    import(DOC, &ImportOptions::default()).expect("import").0
}

#[test]
fn headings_as_written_are_kept_and_exported() {
    let doc = imported();
    let get = |key: &str| doc.headings.get(key).map(String::as_str);
    assert_eq!(get("title"), Some("Incident Report"));
    assert_eq!(get("timeline"), Some("What happened"));
    assert_eq!(get("timeline.time"), Some("When"));
    assert_eq!(get("timeline.event"), Some("What"));
    assert_eq!(get("timeline.actor"), Some("Who"));
    assert_eq!(get("lessons"), Some("Takeaways"));
    assert_eq!(get("actions"), Some("Follow-ups"));
    assert_eq!(get("actions.owner"), Some("Verantwortlich"));
    assert_eq!(get("actions.due"), Some("Fällig"));
    assert_eq!(get("meta.authors"), Some("Author"));
    // The export's own names are not repeated.
    assert_eq!(get("meta.severity"), None);

    let md = markdown(&doc);
    for line in [
        "# Incident Report: Queue backlog",
        "**Author:** storage team",
        "## What happened",
        "| ID | When | What | Source | Who | Mark |",
        "## Takeaways",
        "## Follow-ups",
        "| ID | Maßnahme | Type | Priority | Verantwortlich | Fällig |",
    ] {
        assert!(md.contains(line), "missing `{line}` in:\n{md}");
    }
    // Empty template sections (and their parent) keep their headings.
    let kept: Vec<&str> = doc.unmapped.iter().map(|u| u.heading.as_str()).collect();
    assert_eq!(
        kept,
        ["Lessons Learned", "What went well", "Where we got lucky"]
    );
}

#[test]
fn import_export_import_is_stable_with_headings() {
    let first = imported();
    let again = import(&markdown(&first), &ImportOptions::default())
        .expect("import")
        .0;
    assert_eq!(again.headings, first.headings);
    assert_eq!(markdown(&again), markdown(&first));
}

#[test]
fn headings_are_a_table_in_the_file_and_absent_otherwise() {
    let doc = imported();
    let text = store::to_toml(&doc).expect("toml");
    assert!(text.contains("[headings]\n"), "{text}");
    assert!(text.contains("lessons = \"Takeaways\""), "{text}");
    let back = store::parse(&text, std::path::Path::new("x.toml")).expect("parse");
    assert_eq!(back.headings, doc.headings);
    let plain = debrief::model::Postmortem::new(debrief::model::Kind::Incident, "x");
    assert!(!store::to_toml(&plain).expect("toml").contains("headings"));
}

#[test]
fn a_zone_in_a_heading_is_not_kept_with_it() {
    // The export names the zone itself; a kept "(CET)" would go stale when
    // the display zone changes.
    let md = "# Outage\n\n## Chronology (CET)\n\n| Uhrzeit (CET) | Ereignis |\n|---|---|\n\
              | 2024-05-02 10:00 | Consumers stall |\n| 10:20 | Backlog drained |\n";
    let doc = import(md, &ImportOptions::default()).expect("import").0;
    assert_eq!(
        doc.headings.get("timeline").map(String::as_str),
        Some("Chronology")
    );
    assert_eq!(
        doc.headings.get("timeline.time").map(String::as_str),
        Some("Uhrzeit")
    );
    assert_eq!(doc.meta.timezone, "Europe/Berlin");
}
