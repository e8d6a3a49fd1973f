//! Panes made of document fields (Overview and Review): one block per
//! field, grouped under section headings, each editable in place; the
//! selection is a field index into [`fields`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{Selection, is_hit, offset_for, put_line, wrap};
use crate::model::edit::{DocField, Shape, response_phase};
use crate::model::{Kind, Postmortem};
use crate::tui::app::{App, Pane};

/// Overview: the incident's identity, summary, impact and the settings the
/// rest of the document is checked against — by section.
const OVERVIEW: &[(&str, &[DocField])] = &[
    (
        "Incident",
        &[
            DocField::Title,
            DocField::DocId,
            DocField::Kind,
            DocField::Severity,
            DocField::Status,
            DocField::Started,
            DocField::Ended,
            DocField::PostmortemDate,
            DocField::Timezone,
            DocField::Services,
            DocField::Authors,
            DocField::Reviewers,
            DocField::Tags,
        ],
    ),
    (
        "Summary",
        &[
            DocField::Summary,
            DocField::RootCause,
            DocField::CustomerSummary,
        ],
    ),
    (
        "Impact",
        &[
            DocField::UsersAffected,
            DocField::ImpactDuration,
            DocField::RequestsFailed,
            DocField::Revenue,
            DocField::Sla,
            DocField::DataLoss,
            DocField::CustomerComplaints,
            DocField::ImpactExtra,
        ],
    ),
    (
        "Document settings",
        &[
            DocField::Roster,
            DocField::Allow,
            DocField::Categories,
            DocField::SeverityScale,
        ],
    ),
];

/// The response table's section (its cells depend on the document).
const RESPONSE: &str = "Detection & response";

/// Review, after the response table: the meeting's lists, the project
/// parts, follow-up and the appendix — by section.
const REVIEW: &[(&str, &[DocField])] = &[
    (
        "Review",
        &[
            DocField::WentWell,
            DocField::WentPoorly,
            DocField::Lucky,
            DocField::Lessons,
        ],
    ),
    (
        "Project",
        &[
            DocField::Goals,
            DocField::Team,
            DocField::Differently,
            DocField::Recommendations,
        ],
    ),
    (
        "Follow-up and sign-off",
        &[
            DocField::FollowUp,
            DocField::SignOff,
            DocField::Distribution,
        ],
    ),
    (
        "Appendix",
        &[
            DocField::Logs,
            DocField::Metrics,
            DocField::Related,
            DocField::Notes,
        ],
    ),
    (
        "Not mapped by the import (exported in the appendix)",
        &[DocField::Unmapped],
    ),
    (
        "Merge conflicts (:conflicts to resolve, o ours / t theirs)",
        &[DocField::Conflicts],
    ),
    (
        "Meeting (agenda, attendance, parking lot, notes)",
        &[DocField::Meeting],
    ),
    (
        "Lint settings (rule levels; findings accepted with g s)",
        &[DocField::Lint],
    ),
];

/// The section a field is shown under.
fn section_of(field: DocField) -> &'static str {
    if matches!(field, DocField::Response { .. }) {
        return RESPONSE;
    }
    OVERVIEW
        .iter()
        .chain(REVIEW)
        .find(|(_, fields)| fields.contains(&field))
        .map_or("", |(section, _)| section)
}

/// The fields `pane` shows for `doc`, in order (empty for other panes).
pub fn fields(doc: &Postmortem, pane: Pane) -> Vec<DocField> {
    match pane {
        Pane::Overview => OVERVIEW
            .iter()
            .flat_map(|(_, f)| f.iter().copied())
            .collect(),
        Pane::Review => {
            let project = doc.kind == Kind::Project;
            // The response table belongs to incidents (the project template
            // has none), unless the document already has one.
            let mut out = if project && doc.response.is_empty() {
                Vec::new()
            } else {
                DocField::response_cells(doc)
            };
            for (section, fields) in REVIEW {
                let shown = match *section {
                    "Project" => project || doc.project.is_some(),
                    _ if fields.contains(&DocField::Unmapped) => !doc.unmapped.is_empty(),
                    _ if fields.contains(&DocField::Conflicts) => !doc.conflicts.is_empty(),
                    _ if fields.contains(&DocField::Meeting) => !doc.meeting.is_empty(),
                    _ if fields.contains(&DocField::Lint) => !doc.lint.is_empty(),
                    _ => true,
                };
                if shown {
                    out.extend_from_slice(fields);
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

/// The label a field is shown with: a response cell names its phase, a
/// table its columns.
pub fn field_title(field: DocField, doc: &Postmortem) -> String {
    match field {
        DocField::Response { slot, .. } => {
            let phase = response_phase(doc, slot);
            let mut chars = phase.chars();
            let phase = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default();
            format!("{phase} · {}", field.label())
        }
        DocField::Unmapped => "Parts (§ heading, then its Markdown)".to_string(),
        field => match field.shape() {
            Shape::Table(columns) => format!("{} ({})", field.label(), columns.join(" | ")),
            _ => field.label().to_string(),
        },
    }
}

/// What a display line of a field pane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A section heading (belongs to the field below it).
    Heading,
    /// The field's first line: `label: value`.
    Label,
    /// A further line of the value.
    More,
}

/// Display lines of `fields` at `width`: the field index each belongs to,
/// what it is, and its text.
pub fn field_lines(
    doc: &Postmortem,
    fields: &[DocField],
    width: usize,
) -> Vec<(usize, Row, String)> {
    let mut out = Vec::new();
    let mut section = "";
    for (i, field) in fields.iter().enumerate() {
        if section_of(*field) != section {
            section = section_of(*field);
            if !out.is_empty() {
                out.push((i, Row::Heading, String::new()));
            }
            out.push((i, Row::Heading, format!(" {section}")));
        }
        let value = field.shown(doc);
        let title = field_title(*field, doc);
        // An unset list shows its default (or a dash) on the label's line.
        if !field.multiline() || value.is_empty() || field.get(doc).is_empty() {
            let shown = if value.is_empty() { "—" } else { &value };
            let label = format!("{title}: ");
            // Room left of the marker column and the one-space indent.
            let mut wrapped =
                wrap(shown, width.saturating_sub(label.chars().count() + 3)).into_iter();
            out.push((
                i,
                Row::Label,
                format!("{label}{}", wrapped.next().unwrap_or_default()),
            ));
            out.extend(wrapped.map(|l| (i, Row::More, format!("    {l}"))));
            continue;
        }
        out.push((i, Row::Label, format!("{title}:")));
        let bullets = matches!(field.shape(), Shape::List | Shape::Table(_));
        for item in value.lines() {
            // Prose keeps its own indentation (code, nested lists).
            let body = item.trim_start();
            let lead = if bullets {
                String::new()
            } else {
                item[..item.len() - body.len()].replace('\t', "    ")
            };
            let text = if bullets {
                format!("• {body}")
            } else {
                body.to_string()
            };
            // Marker, indent and the deepest continuation indent: 7 columns.
            let room = width.saturating_sub(7 + lead.chars().count());
            for (k, l) in wrap(&text, room).into_iter().enumerate() {
                let indent = if k == 0 || !bullets { "  " } else { "    " };
                out.push((i, Row::More, format!("{indent}{lead}{l}")));
            }
        }
    }
    out
}

fn width_of(app: &App, pane: Pane) -> usize {
    app.layout()
        .area(pane)
        .map_or(60, |r| r.width.saturating_sub(2) as usize)
}

/// The read-only lines under a pane's fields.
fn extra_lines(app: &App, pane: Pane) -> Vec<Line<'static>> {
    match pane {
        Pane::Overview => super::overview::extra_lines(app),
        _ => Vec::new(),
    }
}

/// The selected field's first line and the number of lines.
pub fn selection(app: &App, pane: Pane) -> Selection {
    let fields = fields(&app.doc, pane);
    let selected = app.cursor.field(pane);
    let lines = field_lines(&app.doc, &fields, width_of(app, pane));
    let row = lines
        .iter()
        .position(|(i, row, _)| *i == selected && *row == Row::Label)
        .unwrap_or(0);
    // A heading scrolls into view with the first field under it.
    let top = match row.checked_sub(1).map(|h| lines[h].1) {
        Some(Row::Heading) => lines[..row]
            .iter()
            .rposition(|(_, row, _)| *row != Row::Heading)
            .map_or(0, |k| k + 1),
        _ => row,
    };
    let len = lines.len() + extra_lines(app, pane).len();
    let bottom = if selected + 1 == fields.len() {
        // The read-only block under the last field scrolls into view with it.
        len.saturating_sub(1)
    } else {
        row
    };
    Selection {
        top,
        row,
        bottom,
        len,
    }
}

/// The field on display line `line`.
pub fn click(app: &App, pane: Pane, line: usize) -> Option<usize> {
    let fields = fields(&app.doc, pane);
    field_lines(&app.doc, &fields, width_of(app, pane))
        .get(line)
        .map(|(i, _, _)| *i)
}

/// Draws a field pane.
pub fn render(app: &App, pane: Pane, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let fields = fields(&app.doc, pane);
    let selected = app.cursor.field(pane);
    let lines = field_lines(&app.doc, &fields, area.width as usize);
    let height = area.height as usize;
    let offset = offset_for(app, pane, height);
    let focused = app.focus == pane;
    let field_count = lines.len();
    for (r, (i, row, text)) in lines.into_iter().enumerate().skip(offset).take(height) {
        let y = area.y + (r - offset) as u16;
        if row == Row::Heading {
            let line = Line::from(Span::styled(text, theme.category));
            put_line(buf, area, y, &line, theme.base);
            continue;
        }
        let is_selected = focused && i == selected;
        let style = super::row_style(app, is_selected, false, is_hit(app, pane, i));
        let marker = Span::styled(if is_selected { "▶" } else { " " }, style);
        let line = if row == Row::Label {
            let (label, rest) = text.split_once(':').unwrap_or((&text, ""));
            // Others whose selection is this field: `‹AL›` before its name.
            let others = match (&app.collab, fields.get(i)) {
                (Some(_), Some(field)) => super::others_here(app, &format!("{field:?}")),
                _ => String::new(),
            };
            let mut spans = vec![marker];
            if !others.is_empty() {
                spans.push(Span::styled(
                    format!(" {}", others.trim_end()),
                    theme.mark.patch(style),
                ));
            }
            spans.push(Span::styled(
                format!(" {label}:"),
                if is_selected { style } else { theme.muted },
            ));
            spans.push(Span::styled(rest.to_string(), style));
            Line::from(spans)
        } else {
            Line::from(vec![marker, Span::styled(format!(" {text}"), style)])
        };
        put_line(
            buf,
            area,
            y,
            &line,
            if is_selected { style } else { theme.base },
        );
    }
    for (k, line) in extra_lines(app, pane).into_iter().enumerate() {
        let r = field_count + k;
        if r < offset || r >= offset + height {
            continue;
        }
        put_line(buf, area, area.y + (r - offset) as u16, &line, theme.base);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::ResponseColumn;
    use crate::model::{Postmortem, ResponsePhase};

    #[test]
    fn every_fixed_field_is_shown_in_one_section_of_one_pane() {
        for field in DocField::FIXED {
            let shown = OVERVIEW
                .iter()
                .chain(REVIEW)
                .filter(|(_, fields)| fields.contains(field))
                .count();
            // The problem statement lives in the 5 Whys pane.
            let expected = usize::from(*field != DocField::Problem);
            assert_eq!(shown, expected, "{field:?}");
        }
    }

    #[test]
    fn a_response_cell_is_titled_with_its_phase() {
        let mut doc = Postmortem::new(crate::model::Kind::Incident, "t");
        doc.response.push(ResponsePhase {
            phase: "escalation".into(),
            happened: "paged the DB team".into(),
            ..ResponsePhase::default()
        });
        let field = DocField::Response {
            slot: 5,
            column: ResponseColumn::Happened,
        };
        assert_eq!(field_title(field, &doc), "Escalation · happened");
        assert_eq!(
            field_title(DocField::SignOff, &doc),
            "Sign-off (role | name | date | fingerprint)"
        );
    }
}
