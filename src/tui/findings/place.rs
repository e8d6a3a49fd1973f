//! Where a finding lives in the editor, and the edit that applies its
//! suggested rewrite: pure functions of the document and the selection.

use crate::lint::{Finding, ItemPart, Location, Spot};
use crate::model::Postmortem;
use crate::model::edit::{
    DocField, Edit, Item, ItemField, List, index_of, item_at, response_slot_of, text_at_mut,
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

/// The document field a finding in `location` is in, if it is in one.
pub(super) fn doc_field(doc: &Postmortem, location: &Location) -> Option<DocField> {
    match location.spot {
        Spot::Doc(field) => Some(field),
        Spot::Response(column) => Some(DocField::Response {
            slot: response_slot_of(doc, &location.item)?,
            column,
        }),
        Spot::Item(..) | Spot::Section => None,
    }
}

/// Where `finding` lives, if the editor shows it.
pub fn place(doc: &Postmortem, finding: &Finding) -> Option<Place> {
    let location = &finding.location;
    match location.spot {
        Spot::Item(list, _) if !location.item.is_empty() => {
            return Some(Place::Item(list, location.item.clone()));
        }
        Spot::Doc(DocField::Problem) => return Some(Place::Problem),
        // A structural problem names its item only.
        Spot::Section if !location.item.is_empty() => {
            return [List::Timeline, List::Whys, List::Factors, List::Actions]
                .into_iter()
                .find(|list| index_of(doc, *list, &location.item).is_some())
                .map(|list| Place::Item(list, location.item.clone()));
        }
        _ => {}
    }
    let field = doc_field(doc, location)?;
    [Pane::Overview, Pane::Review].into_iter().find_map(|pane| {
        let row = panes::fields(doc, pane).iter().position(|f| *f == field)?;
        Some(Place::Field(pane, row))
    })
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

/// The text of `part` in a copy of an item, when it has one.
fn item_text(item: &mut Item, part: ItemPart) -> Option<&mut String> {
    use ItemField::*;
    Some(match (item, part) {
        (Item::Event(e), ItemPart::Field(Text)) => &mut e.text,
        (Item::Event(e), ItemPart::Field(Source)) => &mut e.source,
        (Item::Event(e), ItemPart::Field(Actor)) => &mut e.actor,
        (Item::Why(w), ItemPart::Field(Text)) => &mut w.text,
        (Item::Why(w), ItemPart::Field(Question)) => &mut w.question,
        (Item::Why(w), ItemPart::AcceptedRisk) => &mut w.accepted_risk,
        (Item::Factor(f), ItemPart::Field(Text)) => &mut f.text,
        (Item::Factor(f), ItemPart::Field(Contribution)) => &mut f.contribution,
        (Item::Factor(f), ItemPart::AcceptedRisk) => &mut f.accepted_risk,
        (Item::Action(a), ItemPart::Field(Title)) => &mut a.title,
        (Item::Action(a), ItemPart::Field(Notes)) => &mut a.notes,
        // Times, choices and links are not free text a rewrite applies to.
        _ => return None,
    })
}

/// The edit that applies `finding`'s rewrite, if the editor can make it.
pub fn fix_edit(doc: &Postmortem, finding: &Finding) -> Option<Edit> {
    let fix = finding.fix.as_deref()?;
    let location = &finding.location;
    let range = location.range.clone()?;
    if let Spot::Item(list, part) = location.spot {
        let index = index_of(doc, list, &location.item)?;
        let before = item_at(doc, list, index)?;
        let mut after = before.clone();
        let text = item_text(&mut after, part)?;
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
