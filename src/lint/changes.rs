//! From document edits to linter changes: which cached findings an
//! [`Edit`] shifts and which items it makes stale.

use super::items::ItemRef;
use super::live::Change;
use crate::model::Postmortem;
use crate::model::edit::{DocField, Edit, List};

/// The lint item of `list[index]`.
pub fn item_ref(list: List, index: usize) -> ItemRef {
    match list {
        List::Timeline => ItemRef::Event(index),
        List::Whys => ItemRef::Why(index),
        List::Factors => ItemRef::Factor(index),
        List::Actions => ItemRef::Action(index),
    }
}

/// The lint items a document field's text feeds. Response and follow-up
/// rows can appear or go with the edit, so every row that may have moved is
/// named (`rows` is the larger row count before or after).
fn doc_field_items(field: DocField, rows: usize, out: &mut Vec<ItemRef>) {
    use DocField::*;
    out.push(match field {
        Summary => ItemRef::Summary,
        // Read by no lint rule: the document-level rules only.
        CustomerSummary => ItemRef::Meta,
        UsersAffected | ImpactDuration | RequestsFailed | Revenue | Sla | DataLoss
        | CustomerComplaints | ImpactExtra => ItemRef::Impact,
        Problem | RootCause => ItemRef::WhysHeader,
        WentWell | WentPoorly | Lucky | Lessons => ItemRef::Review,
        Team | Goals | Differently | Recommendations => ItemRef::Project,
        Logs | Metrics | Related | Notes => ItemRef::Appendix,
        Response { .. } => return out.extend((0..rows).map(ItemRef::Response)),
        FollowUp => return out.extend((0..rows).map(ItemRef::FollowUp)),
        Unmapped => return out.extend((0..rows).map(ItemRef::Unmapped)),
        // Sign-off names and the roster feed the name detector: Meta makes
        // the linter check whether its roster went stale.
        Title | DocId | Kind | Severity | Status | Started | Ended | PostmortemDate | Timezone
        | Services | Authors | Reviewers | Tags | Roster | Allow | Categories | SeverityScale
        | SignOff | Distribution | Conflicts | Meeting | Lint => ItemRef::Meta,
    });
}

/// What `edit` changed, as the linter follows it: inserts, removals and
/// moves shift the cached findings, replaced items and fields are re-linted.
fn push_changes(doc: &Postmortem, edit: &Edit, out: &mut Vec<Change>) {
    match edit {
        Edit::Insert { index, item } => out.push(Change::Inserted {
            list: item.list(),
            index: *index,
        }),
        Edit::Remove { index, item } => out.push(Change::Removed {
            list: item.list(),
            index: *index,
        }),
        Edit::Move { list, from, to } => out.push(Change::Moved {
            list: *list,
            from: *from,
            to: *to,
        }),
        Edit::Replace { index, after, .. } => {
            out.push(Change::Edited(item_ref(after.list(), *index)));
        }
        Edit::SetText {
            field,
            before,
            after,
        } => {
            let rows = match field {
                // A cell edit adds or drops at most one phase row.
                DocField::Response { .. } => doc.response.len() + 1,
                // One part per `§` heading line.
                DocField::Unmapped => [before, after]
                    .iter()
                    .map(|t| t.lines().filter(|l| l.starts_with('§')).count())
                    .max()
                    .unwrap_or(0),
                _ => before.lines().count().max(after.lines().count()),
            };
            let mut items = Vec::new();
            doc_field_items(*field, rows, &mut items);
            out.extend(items.into_iter().map(Change::Edited));
        }
        Edit::Batch(edits) => edits.iter().for_each(|e| push_changes(doc, e, out)),
    }
}

/// What `edit` changed in `doc` (where it was applied), as [`LiveLint`]
/// follows it: inserts, removals and moves shift the cached findings,
/// replaced items and fields are re-linted.
///
/// [`LiveLint`]: super::LiveLint
pub fn changes_of(doc: &Postmortem, edit: &Edit) -> Vec<Change> {
    let mut changes = Vec::new();
    push_changes(doc, edit, &mut changes);
    changes
}

/// The changes undoing `edit` made (`doc` is the document after the
/// undo): its changes inverted, last first.
pub fn undo_changes_of(doc: &Postmortem, edit: &Edit) -> Vec<Change> {
    let mut changes = changes_of(doc, edit);
    changes.reverse();
    for change in &mut changes {
        *change = match *change {
            Change::Inserted { list, index } => Change::Removed { list, index },
            Change::Removed { list, index } => Change::Inserted { list, index },
            Change::Moved { list, from, to } => Change::Moved {
                list,
                from: to,
                to: from,
            },
            edited @ Change::Edited(_) => edited,
        };
    }
    changes
}
