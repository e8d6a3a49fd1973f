//! Lint while typing: the text in the field editor is checked on every
//! change with the same rules as the field it will go to (an item's field
//! through its item linter, a document field's prose through the blame
//! scan), so findings show before the text is applied, and the header's
//! counts follow.

use crate::lint::{
    Counts, Finding, ItemPart, Location, ScanOptions, Severity, Spot, item_ref, scan,
};
use crate::model::edit::{DocField, Item, Shape, item_at};
use crate::tui::app::{App, ItemField, Target};

/// Texts longer than this are checked when typing pauses, not on every
/// key (the editor's tick), so a key press never waits on the linter.
pub const CHECK_AT_ONCE: usize = 32 * 1024;

/// Writes `text` into the prose field of a copy of an item.
fn with_text(item: &mut Item, field: ItemField, text: &str) -> bool {
    let slot = match (item, field) {
        (Item::Event(e), ItemField::Text) => &mut e.text,
        (Item::Event(e), ItemField::Actor) => &mut e.actor,
        (Item::Why(w), ItemField::Text) => &mut w.text,
        (Item::Why(w), ItemField::Question) => &mut w.question,
        (Item::Factor(f), ItemField::Text) => &mut f.text,
        (Item::Factor(f), ItemField::Contribution) => &mut f.contribution,
        (Item::Action(a), ItemField::Title) => &mut a.title,
        (Item::Action(a), ItemField::Notes) => &mut a.notes,
        _ => return false,
    };
    *slot = text.to_string();
    true
}

/// The findings in `text` typed into `target`, with byte ranges in it.
pub fn typed_findings(app: &App, target: &Target, text: &str) -> Vec<Finding> {
    let ctx = app.lint.context();
    match target {
        Target::Item { list, id, field } => {
            let Some(index) = app.ids.position(&app.doc, *list, id) else {
                return Vec::new();
            };
            let Some(mut item) = item_at(&app.doc, *list, index) else {
                return Vec::new();
            };
            if !with_text(&mut item, *field, text) {
                return Vec::new();
            }
            let findings = match &item {
                Item::Event(e) => crate::lint::lint_event(e, index, ctx),
                Item::Why(w) => crate::lint::lint_why(w, index, ctx),
                Item::Factor(f) => crate::lint::lint_factor(f, index, ctx),
                Item::Action(a) => crate::lint::lint_action(a, index, ctx),
            };
            let spot = Spot::Item(*list, ItemPart::Field(*field));
            findings
                .into_iter()
                .filter(|f| f.location.spot == spot && f.location.range.is_some())
                .collect()
        }
        Target::Doc(field) => {
            if !matches!(field.shape(), Shape::Line | Shape::Prose | Shape::List)
                || text.trim().is_empty()
            {
                return Vec::new();
            }
            // Names belong in the people fields; elsewhere every rule reads.
            let names = !matches!(
                field,
                DocField::Authors | DocField::Reviewers | DocField::Roster | DocField::Allow
            );
            scan(
                text,
                ctx,
                ScanOptions {
                    names,
                    phrases: true,
                },
            )
            .into_iter()
            .map(|hit| {
                let excerpt = text.get(hit.range.clone()).map(str::to_string);
                let mut finding = Finding::new(
                    hit.rule,
                    Location {
                        range: Some(hit.range),
                        spot: Spot::Doc(*field),
                        ..Location::default()
                    },
                );
                finding.fix = hit.fix;
                finding.excerpt = excerpt;
                finding
            })
            .collect()
        }
    }
}

/// The findings already counted for the field being edited (what the
/// typed text replaces in the counts).
fn committed_findings<'a>(app: &'a App, target: &Target) -> Vec<&'a Finding> {
    match target {
        Target::Item { list, id, field } => {
            let Some(index) = app.ids.position(&app.doc, *list, id) else {
                return Vec::new();
            };
            let spot = Spot::Item(*list, ItemPart::Field(*field));
            app.lint
                .findings_for(item_ref(*list, index))
                .iter()
                .filter(|f| f.location.spot == spot && f.location.range.is_some())
                .collect()
        }
        Target::Doc(field) => app
            .lint
            .all()
            .into_iter()
            .filter(|f| {
                f.location.range.is_some()
                    && super::place::doc_field(&app.doc, &f.location) == Some(*field)
            })
            .collect(),
    }
}

/// The counts as they will be once the text being typed is applied: the
/// committed counts with the edited field's findings replaced by those of
/// the text in the editor.
pub fn live_counts(app: &App) -> Counts {
    let mut counts = app.lint.counts();
    let Some(editor) = &app.editor else {
        return counts;
    };
    let mut adjust = |severity: Severity, add: bool| {
        let n = match severity {
            Severity::Error => &mut counts.errors,
            Severity::Warning => &mut counts.warnings,
            Severity::Info => &mut counts.infos,
        };
        *n = if add { *n + 1 } else { n.saturating_sub(1) };
    };
    for f in committed_findings(app, &editor.target) {
        adjust(f.severity, false);
    }
    for f in &editor.findings {
        adjust(f.severity, true);
    }
    counts
}
