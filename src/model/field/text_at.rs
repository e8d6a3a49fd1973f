//! Rewriting one string of a document field in place (a lint fix inside
//! a longer text).

use crate::model::{PathSeg, Postmortem};

/// The prose string at `path` (as the linter reports it, e.g.
/// `project.goals[2].actual`) among the document-level fields, to rewrite
/// in place. List items (timeline, whys, factors, actions) are not here.
pub fn text_at_mut<'d>(doc: &'d mut Postmortem, path: &[PathSeg]) -> Option<&'d mut String> {
    use PathSeg::{Index, Key};
    let list_entry = |list: &'d mut Vec<String>, n: &usize| list.get_mut(*n);
    Some(match path {
        [Key("meta"), Key("title")] => &mut doc.meta.title,
        [Key("summary")] => &mut doc.summary,
        [Key("impact"), Key("extra"), Index(n), Key("value")] => {
            &mut doc.impact.extra.get_mut(*n)?.value
        }
        [Key("impact"), Key(field)] => {
            let i = &mut doc.impact;
            match *field {
                "users_affected" => &mut i.users_affected,
                "duration" => &mut i.duration,
                "requests_failed" => &mut i.requests_failed,
                "revenue" => &mut i.revenue,
                "sla" => &mut i.sla,
                "data_loss" => &mut i.data_loss,
                "customer_complaints" => &mut i.customer_complaints,
                _ => return None,
            }
        }
        [Key("whys"), Key("problem")] => &mut doc.whys.problem,
        [Key("whys"), Key("root_cause")] => &mut doc.whys.root_cause,
        [Key("response"), Index(n), Key(column)] => {
            let phase = doc.response.get_mut(*n)?;
            match *column {
                "happened" => &mut phase.happened,
                "worked" => &mut phase.worked,
                "did_not_work" => &mut phase.did_not_work,
                _ => return None,
            }
        }
        [Key("review"), Key("lessons"), Index(n), Key("text")] => {
            &mut doc.review.lessons.get_mut(*n)?.text
        }
        [Key("review"), Key(list), Index(n)] => list_entry(
            match *list {
                "went_well" => &mut doc.review.went_well,
                "went_poorly" => &mut doc.review.went_poorly,
                "lucky" => &mut doc.review.lucky,
                _ => return None,
            },
            n,
        )?,
        [Key("project"), Key("goals"), Index(n), Key("actual")] => {
            &mut doc.project.as_mut()?.goals.get_mut(*n)?.actual
        }
        [Key("project"), Key(list), Index(n)] => {
            let project = doc.project.as_mut()?;
            list_entry(
                match *list {
                    "differently" => &mut project.differently,
                    "recommendations" => &mut project.recommendations,
                    _ => return None,
                },
                n,
            )?
        }
        [Key("appendix"), Key("notes")] => &mut doc.appendix.notes,
        [Key("appendix"), Key("metrics")] => &mut doc.appendix.metrics,
        [Key("follow_up"), Index(n), Key("what")] => &mut doc.follow_up.get_mut(*n)?.what,
        [Key("unmapped"), Index(n), Key("markdown")] => &mut doc.unmapped.get_mut(*n)?.markdown,
        _ => return None,
    })
}
