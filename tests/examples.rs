//! The bundled examples: they load cleanly, round-trip byte for byte, are in
//! canonical form, and export to Markdown with the seed templates' shape.

use std::fs;
use std::path::{Path, PathBuf};

use debrief::export::markdown;
use debrief::model::{Kind, Postmortem, check};
use debrief::store;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("assets/examples exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "at least three bundled examples");
    files
}

fn load(path: &Path) -> Postmortem {
    store::load(path).unwrap_or_else(|e| panic!("{e}")).doc
}

fn name(path: &Path) -> String {
    path.file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn examples_are_structurally_clean() {
    for path in examples() {
        let problems = check(&load(&path));
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
    }
}

#[test]
fn examples_cover_both_kinds() {
    let kinds: Vec<Kind> = examples().iter().map(|p| load(p).kind).collect();
    assert!(kinds.contains(&Kind::Incident));
    assert!(kinds.contains(&Kind::Project));
}

#[test]
fn round_trip_is_lossless_and_byte_stable() {
    for path in examples() {
        let original = load(&path);
        let dir = tempfile::tempdir().expect("tempdir");
        let copy = dir.path().join("copy.toml");
        store::save(&original, &copy).expect("save");
        let first = fs::read_to_string(&copy).expect("read");
        let reloaded = load(&copy);
        assert_eq!(reloaded, original, "{}: load → save → load", path.display());
        store::save(&reloaded, &copy).expect("save again");
        let second = fs::read_to_string(&copy).expect("read");
        assert_eq!(first, second, "{}: second save differs", path.display());
    }
}

#[test]
fn examples_are_in_canonical_form() {
    for path in examples() {
        let loaded = store::load(&path).expect("load");
        let canonical = store::to_toml(&loaded.doc).expect("serialize");
        assert!(
            canonical == loaded.source,
            "{} is not canonical: run `debrief fmt {}`",
            path.display(),
            path.display()
        );
    }
}

#[test]
fn export_is_deterministic() {
    for path in examples() {
        let doc = load(&path);
        assert_eq!(markdown(&doc), markdown(&doc.clone()));
    }
}

#[test]
fn golden_markdown() {
    for path in examples() {
        let text = markdown(&load(&path));
        insta::assert_snapshot!(format!("markdown-{}", name(&path)), text);
    }
}

/// The headings and tables of a Markdown text.
#[derive(Default, Debug)]
struct Outline {
    headings: Vec<(HeadingLevel, String)>,
    /// (heading above the table, header cell count, body row cell counts)
    tables: Vec<(String, usize, Vec<usize>)>,
}

fn outline(text: &str) -> Outline {
    let mut outline = Outline::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut in_head = false;
    let mut row_cells = 0;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    outline.headings.push(h);
                }
            }
            Event::Start(Tag::Table(_)) => {
                let above = outline
                    .headings
                    .last()
                    .map(|h| h.1.clone())
                    .unwrap_or_default();
                outline.tables.push((above, 0, Vec::new()));
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row_cells = 0,
            Event::End(TagEnd::TableCell) => {
                if let Some(table) = outline.tables.last_mut() {
                    if in_head {
                        table.1 += 1;
                    } else {
                        row_cells += 1;
                    }
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(table) = outline.tables.last_mut() {
                    table.2.push(row_cells);
                }
            }
            _ => {}
        }
    }
    outline
}

fn table<'a>(outline: &'a Outline, above: &str) -> &'a (String, usize, Vec<usize>) {
    outline
        .tables
        .iter()
        .find(|t| t.0 == above)
        .unwrap_or_else(|| panic!("no table under {above:?}: {outline:?}"))
}

#[test]
fn exported_markdown_has_the_template_shape() {
    for path in examples() {
        let doc = load(&path);
        let outline = outline(&markdown(&doc));
        let h2: Vec<&str> = outline
            .headings
            .iter()
            .filter(|(l, _)| *l == HeadingLevel::H2)
            .map(|(_, t)| t.as_str())
            .collect();
        let h1 = &outline.headings[0];
        assert_eq!(h1.0, HeadingLevel::H1, "{}", path.display());
        assert!(
            h1.1.contains(&doc.meta.title),
            "{}: title in H1",
            path.display()
        );

        // Every table keeps its shape: each row has as many cells as the header.
        for (above, header, rows) in &outline.tables {
            assert!(
                rows.iter().all(|n| n == header),
                "{}: broken table under {above}",
                path.display()
            );
        }

        let expected: Vec<&str> = match doc.kind {
            Kind::Incident | Kind::NearMiss => vec![
                "Executive Summary",
                "Impact",
                "Timeline",
                "Root Cause Analysis",
                "Contributing Factors",
                "Detection and Response Assessment",
                "What Went Well",
                "What Went Poorly",
                "Where We Got Lucky",
                "Action Items",
                "Lessons Learned",
            ],
            Kind::Project => vec![
                "Summary",
                "Goals vs. Outcomes",
                "What Went Well",
                "What We Would Do Differently",
                "Lessons Learned",
                "Recommendations for Future Engagements",
                "Action Items",
            ],
        };
        // The sections appear, in this order.
        let positions: Vec<usize> = expected
            .iter()
            .map(|s| {
                h2.iter()
                    .position(|h| h == s)
                    .unwrap_or_else(|| panic!("{}: no section {s:?} in {h2:?}", path.display()))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{}: section order {h2:?}",
            path.display()
        );

        let actions = table(&outline, "Action Items");
        assert_eq!(
            actions.2.len(),
            doc.actions.len(),
            "{}: action rows",
            path.display()
        );
        if doc.kind == Kind::Incident {
            assert_eq!(table(&outline, "Timeline").2.len(), doc.timeline.len());
            let impact_rows = doc
                .impact
                .rows()
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .count();
            assert_eq!(table(&outline, "Impact").2.len(), impact_rows);
            assert_eq!(
                table(&outline, "Detection and Response Assessment").2.len(),
                doc.response.len()
            );
            assert_eq!(
                table(&outline, "Key intervals").2.len(),
                doc.intervals().items.len()
            );
            let factor_groups: Vec<String> = doc
                .factor_categories()
                .iter()
                .filter(|c| doc.factors.iter().any(|f| &f.category == *c))
                .map(|c| c.to_lowercase() + " factors")
                .collect();
            let h3: Vec<String> = outline
                .headings
                .iter()
                .filter(|(l, _)| *l == HeadingLevel::H3)
                .map(|(_, t)| t.to_lowercase())
                .collect();
            for group in factor_groups {
                assert!(
                    h3.contains(&group),
                    "{}: no heading {group}",
                    path.display()
                );
            }
        } else {
            let goals = doc.project.as_ref().map_or(0, |p| p.goals.len());
            assert_eq!(table(&outline, "Goals vs. Outcomes").2.len(), goals);
        }
    }
}

#[test]
fn hostile_cell_text_never_breaks_a_table() {
    let mut doc = load(&examples()[0]);
    let nasty = "a | b `code` c\nsecond line \\| \\ end\\";
    for event in &mut doc.timeline {
        event.text = nasty.into();
        event.source = nasty.into();
    }
    for action in &mut doc.actions {
        action.title = nasty.into();
        action.owner = nasty.into();
    }
    let outline = outline(&markdown(&doc));
    for (above, header, rows) in &outline.tables {
        assert!(
            rows.iter().all(|n| n == header),
            "broken table under {above}: {rows:?} vs {header}"
        );
    }
    assert_eq!(table(&outline, "Timeline").2.len(), doc.timeline.len());
    assert_eq!(table(&outline, "Action Items").2.len(), doc.actions.len());
}
