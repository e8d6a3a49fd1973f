//! Where a finding lives in the editor, and the edit that applies its
//! suggested rewrite: pure functions of the document and the selection.

use crate::lint::{Finding, Location};
use crate::model::Postmortem;
use crate::model::edit::{
    DocField, Edit, Item, List, ResponseColumn, index_of, item_at, response_slot_of, text_at_mut,
};
use crate::tui::app::{App, Pane};
use crate::tui::panes;

/// Where a finding lives in the editor: a list item, or a document field.
pub enum Place {
    /// A list item.
    Item(List, String),
    /// A document field, by pane and field row.
    Field(Pane, usize),
    /// The 5 Whys problem statement.
    Problem,
}

fn list_of_section(section: &str) -> Option<List> {
    match section {
        "timeline" => Some(List::Timeline),
        "whys" => Some(List::Whys),
        "factors" => Some(List::Factors),
        "actions" => Some(List::Actions),
        _ => None,
    }
}

/// The document field a finding in `location` is in, if the editor has one.
pub(super) fn doc_field(doc: &Postmortem, location: &Location) -> Option<DocField> {
    use DocField::*;
    Some(match (location.section, location.field) {
        ("meta", "title") => Title,
        ("meta", "severity") => Severity,
        ("meta", "timezone") => Timezone,
        ("meta", "started") => Started,
        ("meta", "ended") => Ended,
        ("summary", _) => Summary,
        ("impact", "users_affected") => UsersAffected,
        ("impact", "duration") => ImpactDuration,
        ("impact", "requests_failed") => RequestsFailed,
        ("impact", "revenue") => Revenue,
        ("impact", "sla") => Sla,
        ("impact", "data_loss") => DataLoss,
        ("impact", "customer_complaints") => CustomerComplaints,
        ("impact", _) => ImpactExtra,
        ("whys", "problem") => Problem,
        ("whys", "root_cause") => RootCause,
        ("response", column) => Response {
            slot: response_slot_of(doc, &location.item)?,
            column: match column {
                "worked" => ResponseColumn::Worked,
                "did_not_work" => ResponseColumn::DidNotWork,
                _ => ResponseColumn::Happened,
            },
        },
        ("review", "went_well") => WentWell,
        ("review", "went_poorly") => WentPoorly,
        ("review", "lucky") => Lucky,
        ("review", "lessons") => Lessons,
        ("project", "differently") => Differently,
        ("project", "recommendations") => Recommendations,
        ("project", _) => Goals,
        ("appendix", "metrics") => Metrics,
        ("appendix", _) => Notes,
        ("follow_up", _) => FollowUp,
        ("unmapped", _) => Unmapped,
        _ => return None,
    })
}

/// Where `finding` lives, if the editor shows it.
pub fn place(doc: &Postmortem, finding: &Finding) -> Option<Place> {
    let location = &finding.location;
    if let Some(list) = list_of_section(location.section)
        && !location.item.is_empty()
    {
        return Some(Place::Item(list, location.item.clone()));
    }
    if location.section.is_empty() && !location.item.is_empty() {
        // A structural problem names its item only.
        for list in [List::Timeline, List::Whys, List::Factors, List::Actions] {
            if index_of(doc, list, &location.item).is_some() {
                return Some(Place::Item(list, location.item.clone()));
            }
        }
    }
    let field = doc_field(doc, location)?;
    if matches!(field, DocField::Problem) {
        return Some(Place::Problem);
    }
    for pane in [Pane::Overview, Pane::Review] {
        if let Some(i) = panes::fields(doc, pane).iter().position(|f| *f == field) {
            return Some(Place::Field(pane, i));
        }
    }
    None
}

/// The finding `g a` applies: the current one when it is on the selection
/// (or the selection has no findings), else the first fixable finding of
/// the selected item.
pub fn fix_target(app: &App) -> Option<Finding> {
    let all = app.lint.all();
    let selected = app.selected_id(app.focus);
    let on_selection = |f: &Finding| selected.as_deref().is_some_and(|id| f.location.item == id);
    if let Some(current) = app.lint.current.and_then(|c| all.get(c))
        && current.fix.is_some()
        && (selected.is_none() || on_selection(current))
    {
        return Some((*current).clone());
    }
    all.into_iter()
        .find(|f| f.fix.is_some() && on_selection(f))
        .cloned()
}

/// Replaces `range` of `text` by `fix`, tidying the space a deletion leaves.
fn rewrite(text: &str, range: std::ops::Range<usize>, fix: &str) -> Option<String> {
    if range.end > text.len()
        || !text.is_char_boundary(range.start)
        || !text.is_char_boundary(range.end)
    {
        return None;
    }
    let (before, after) = (&text[..range.start], &text[range.end..]);
    let mut out = String::with_capacity(text.len() + fix.len());
    if fix.is_empty()
        && before.ends_with(' ')
        && (after.starts_with(' ') || after.is_empty() || after.starts_with(['.', ',', ';']))
    {
        out.push_str(before.trim_end_matches(' '));
        if after.starts_with(' ') && !before.trim_end().is_empty() {
            out.push(' ');
        }
        out.push_str(after.trim_start_matches(' '));
    } else {
        out.push_str(before);
        out.push_str(fix);
        out.push_str(after);
    }
    Some(out)
}

fn item_field<'a>(item: &'a mut Item, field: &str) -> Option<&'a mut String> {
    Some(match (item, field) {
        (Item::Event(e), "text") => &mut e.text,
        (Item::Event(e), "source") => &mut e.source,
        (Item::Event(e), "actor") => &mut e.actor,
        (Item::Why(w), "text") => &mut w.text,
        (Item::Why(w), "question") => &mut w.question,
        (Item::Why(w), "accepted_risk") => &mut w.accepted_risk,
        (Item::Factor(f), "text") => &mut f.text,
        (Item::Factor(f), "contribution") => &mut f.contribution,
        (Item::Factor(f), "accepted_risk") => &mut f.accepted_risk,
        (Item::Action(a), "title") => &mut a.title,
        (Item::Action(a), "notes") => &mut a.notes,
        _ => return None,
    })
}

/// The edit that applies `finding`'s rewrite, if the editor can make it.
pub fn fix_edit(doc: &Postmortem, finding: &Finding) -> Option<Edit> {
    let fix = finding.fix.as_deref()?;
    let location = &finding.location;
    let range = location.range.clone()?;
    if let Some(list) = list_of_section(location.section)
        && !location.item.is_empty()
    {
        let index = index_of(doc, list, &location.item)?;
        let before = item_at(doc, list, index)?;
        let mut after = before.clone();
        let text = item_field(&mut after, location.field)?;
        *text = rewrite(text, range, fix)?;
        return Some(Edit::Replace {
            index,
            before,
            after,
        });
    }
    // A document field: rewrite the string the finding points at in a copy,
    // then record the field's text before and after.
    let field = doc_field(doc, location)?;
    let mut changed = doc.clone();
    let text = text_at_mut(&mut changed, &location.path)?;
    *text = rewrite(text, range, fix)?;
    Some(Edit::SetText {
        field,
        before: field.get(doc),
        after: field.get(&changed),
    })
}
