//! The export's "Meeting" section: attendance, time per agenda step, the
//! notes and the parking lot — written only when the document has a
//! meeting record, so documents without one export as before.

use super::builder::{Markdown, inline};
use super::escape;
use crate::model::{Parked, Postmortem, clock_text};

/// Appends the section, when there was a meeting.
pub(super) fn meeting(doc: &Postmortem, out: &mut Markdown) {
    let meeting = &doc.meeting;
    if meeting.is_empty() {
        return;
    }
    out.heading(2, "Meeting");
    let mut facts = Vec::new();
    if !meeting.agenda.is_empty() {
        facts.push(format!(
            "**Time:** {} spent of {} min planned",
            clock_text(meeting.spent()),
            meeting.planned_minutes()
        ));
    }
    if let Some(date) = meeting.review {
        facts.push(format!("**Follow-up review:** {date}"));
    }
    out.lines(&facts);
    if !meeting.attendance.is_empty() {
        out.heading(3, "Attendance");
        let rows = meeting
            .attendance
            .iter()
            .map(|a| vec![a.role.clone(), a.name.clone()])
            .collect();
        out.table(&["Role", "Name"], rows);
    }
    if !meeting.agenda.is_empty() {
        out.heading(3, "Agenda");
        let rows = meeting
            .agenda
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    format!("{} min", s.minutes),
                    clock_text(s.spent),
                ]
            })
            .collect();
        out.table(&["Step", "Timebox", "Spent"], rows);
    }
    if !meeting.notes.is_empty() {
        out.heading(3, "Notes");
        let zone = doc.display_zone();
        let items: Vec<String> = meeting
            .notes
            .iter()
            .map(|n| {
                format!(
                    "**{}** {}",
                    zone.local(&n.at).format("%H:%M"),
                    escape::label(&inline(&n.text))
                )
            })
            .collect();
        out.list_markdown(&items);
    }
    if !meeting.parking.is_empty() {
        out.heading(3, "Parking Lot");
        let items: Vec<String> = meeting
            .parking
            .iter()
            .map(|p| format!("{} ({})", escape::item(&inline(&p.text)), fate(p)))
            .collect();
        out.list_markdown(&items);
    }
}

/// What became of a parked point, in words.
fn fate(point: &Parked) -> String {
    match point.resolved.as_str() {
        "" => "open".to_string(),
        Parked::DROPPED => "dropped".to_string(),
        id => format!("became {}", escape::label(id)),
    }
}
