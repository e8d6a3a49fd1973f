//! GitHub-flavoured Markdown export, in the section order of the seed
//! templates. Deterministic: the same document always gives the same bytes
//! (no clock, no hash-map order). Every text from the document goes through
//! [`escape`] on its way in (the builder's `heading`, `paragraph`, `list`,
//! `numbered` and `table` do it; items assembled here escape their parts),
//! so the Markdown holds no markup the export did not write.

use super::builder::{Markdown, inline};
use super::escape;
use crate::model::{DisplayZone, Kind, Postmortem, Timestamp, format_duration};

mod analysis;
mod closing;

use analysis::{factors, response, whys};
use closing::{actions, closing, lessons};

/// The HTML comment (invisible when rendered) written before each unmapped
/// part, so that a re-import tells it apart from the appendix notes.
pub const UNMAPPED_MARKER: &str = "<!-- debrief:unmapped -->";

/// Opens the HTML comment that carries the linter settings no reader needs
/// (`allow`, `categories`, `severity_scale`) as TOML, so a re-import keeps them.
pub const SETTINGS_MARKER: &str = "<!-- debrief-settings";

/// How deep the 5 Whys list nests: a node deeper than this is written at this
/// depth, with [`UNDER`] and its parent's id after its own.
pub const MAX_WHY_NESTING: usize = 16;

/// Opens the parent note of a why written past [`MAX_WHY_NESTING`]:
/// `**W18** (under W17) → …`.
pub const UNDER: &str = "(under ";

/// The mark after a why that is a root cause.
pub const ROOT_MARK: &str = "**(root cause)**";

/// Renders the document as Markdown.
pub fn markdown(doc: &Postmortem) -> String {
    // A template's unanswered questions are not content.
    let doc = &*crate::model::without_placeholders(doc);
    let mut out = Markdown::default();
    match doc.kind {
        Kind::Incident => incident(doc, "Postmortem", &mut out),
        // A near miss reads like an incident; its heading says what it is.
        Kind::NearMiss => incident(doc, "Near Miss", &mut out),
        Kind::Project => project(doc, &mut out),
    }
    settings(doc, &mut out);
    out.finish()
}

/// The settings comment, when the document has settings of its own.
fn settings(doc: &Postmortem, out: &mut Markdown) {
    #[derive(serde::Serialize)]
    struct Settings<'a> {
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        allow: &'a [String],
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        categories: &'a [String],
        #[serde(skip_serializing_if = "<[crate::model::SeverityLevel]>::is_empty")]
        severity_scale: &'a [crate::model::SeverityLevel],
    }
    let meta = &doc.meta;
    if meta.allow.is_empty() && meta.categories.is_empty() && meta.severity_scale.is_empty() {
        return;
    }
    let settings = Settings {
        allow: &meta.allow,
        categories: &meta.categories,
        severity_scale: &meta.severity_scale,
    };
    if let Ok(text) = toml::to_string(&settings) {
        // `--` may not appear inside an HTML comment; TOML escapes keep it out.
        let text = text.replace("--", "-\\u002D");
        out.raw(&format!("{SETTINGS_MARKER}\n{}\n-->", text.trim_end()));
    }
}

/// The zone line, when no timeline says "All times in …".
fn zone_field(doc: &Postmortem, block: &mut Vec<String>) {
    if doc.timeline.is_empty() {
        field(block, "Time zone", &doc.meta.timezone);
    }
}

fn incident(doc: &Postmortem, heading: &str, out: &mut Markdown) {
    let zone = doc.display_zone();
    out.heading(
        1,
        &format!(
            "{}: {}",
            doc.heading("title", heading),
            title_or_untitled(doc)
        ),
    );
    let mut block = Vec::new();
    let label = |key: &str, default: &'static str| doc.heading(key, default).to_string();
    field(&mut block, &label("meta.id", "Incident ID"), &doc.meta.id);
    field(
        &mut block,
        &label("meta.severity", "Severity"),
        &severity_text(doc),
    );
    field(
        &mut block,
        &label("meta.status", "Status"),
        doc.meta.status.label(),
    );
    if let Some(start) = doc.meta.started {
        field(
            &mut block,
            &label("meta.date", "Date"),
            &zone.local(&start).format("%Y-%m-%d").to_string(),
        );
    }
    field(
        &mut block,
        &label("meta.duration", "Duration"),
        &duration_text(doc, &zone),
    );
    zone_field(doc, &mut block);
    people_and_scope(doc, &mut block);
    out.lines(&block);

    out.section(doc.heading("summary", "Executive Summary"), &doc.summary);
    impact(doc, out);
    timeline(doc, &zone, out);
    whys(doc, out);
    factors(doc, out);
    response(doc, out);
    out.list_section(
        doc.heading("went-well", "What Went Well"),
        &doc.review.went_well,
    );
    out.list_section(
        doc.heading("went-poorly", "What Went Poorly"),
        &doc.review.went_poorly,
    );
    out.list_section(
        doc.heading("lucky", "Where We Got Lucky"),
        &doc.review.lucky,
    );
    actions(doc, out);
    lessons(doc, out);
    closing(doc, out);
}

fn project(doc: &Postmortem, out: &mut Markdown) {
    let zone = doc.display_zone();
    out.heading(
        1,
        &format!(
            "{}: {}",
            doc.heading("title", "Project Postmortem"),
            title_or_untitled(doc)
        ),
    );
    let mut block = Vec::new();
    field(
        &mut block,
        doc.heading("meta.id", "Project ID"),
        &doc.meta.id,
    );
    field(
        &mut block,
        doc.heading("meta.status", "Status"),
        doc.meta.status.label(),
    );
    if let (Some(start), Some(end)) = (doc.meta.started, doc.meta.ended) {
        // Dates alone unless a time of day was recorded.
        let midnight = |t: &Timestamp| zone.local(t).time() == chrono::NaiveTime::MIN;
        let format = if midnight(&start) && midnight(&end) {
            "%Y-%m-%d"
        } else {
            "%Y-%m-%d %H:%M"
        };
        let show = |t: &Timestamp| zone.local(t).format(format).to_string();
        field(
            &mut block,
            "Engagement period",
            &format!("{} – {}", show(&start), show(&end)),
        );
    }
    zone_field(doc, &mut block);
    let team = doc
        .project
        .as_ref()
        .map(|p| p.team.join(", "))
        .unwrap_or_default();
    field(&mut block, "Team", &team);
    people_and_scope(doc, &mut block);
    out.lines(&block);

    out.section(doc.heading("summary", "Summary"), &doc.summary);
    if let Some(project) = &doc.project
        && !project.goals.is_empty()
    {
        out.heading(2, doc.heading("goals", "Goals vs. Outcomes"));
        let rows = project
            .goals
            .iter()
            .map(|g| {
                vec![
                    g.goal.clone(),
                    g.target.clone(),
                    g.actual.clone(),
                    g.assessment
                        .map(|a| a.label().to_string())
                        .unwrap_or_default(),
                ]
            })
            .collect();
        out.table(&["Goal", "Target", "Actual", "Assessment"], rows);
    }
    if !doc.timeline.is_empty() {
        timeline(doc, &zone, out);
    }
    out.list_section(
        doc.heading("went-well", "What Went Well"),
        &doc.review.went_well,
    );
    let differently = doc
        .project
        .as_ref()
        .map(|p| p.differently.clone())
        .unwrap_or_default();
    out.list_section(
        doc.heading("differently", "What We Would Do Differently"),
        &differently,
    );
    out.list_section(
        doc.heading("went-poorly", "What Went Poorly"),
        &doc.review.went_poorly,
    );
    lessons(doc, out);
    let recommendations = doc
        .project
        .as_ref()
        .map(|p| p.recommendations.clone())
        .unwrap_or_default();
    out.list_section(
        doc.heading("recommendations", "Recommendations for Future Engagements"),
        &recommendations,
    );
    if !doc.factors.is_empty() {
        factors(doc, out);
    }
    actions(doc, out);
    closing(doc, out);
}

/// The meta-block lines both templates share: people, review date, scope.
fn people_and_scope(doc: &Postmortem, block: &mut Vec<String>) {
    field(
        block,
        doc.heading("meta.authors", "Authors"),
        &doc.meta.authors.join(", "),
    );
    field(
        block,
        doc.heading("meta.reviewers", "Reviewers"),
        &doc.meta.reviewers.join(", "),
    );
    if let Some(date) = doc.meta.postmortem_date {
        field(block, "Postmortem date", &date.to_string());
    }
    field(
        block,
        doc.heading("meta.services", "Services"),
        &doc.meta.services.join(", "),
    );
    field(
        block,
        doc.heading("meta.tags", "Tags"),
        &doc.meta.tags.join(", "),
    );
}

fn title_or_untitled(doc: &Postmortem) -> String {
    if doc.meta.title.trim().is_empty() {
        "Untitled".into()
    } else {
        doc.meta.title.trim().to_string()
    }
}

fn severity_text(doc: &Postmortem) -> String {
    let level = &doc.meta.severity;
    match doc.severity_scale().iter().find(|s| &s.level == level) {
        Some(s) => format!("{} ({})", s.level, s.label),
        None => level.clone(),
    }
}

fn duration_text(doc: &Postmortem, zone: &DisplayZone) -> String {
    match (doc.meta.started, doc.meta.ended) {
        (Some(start), Some(end)) => format!(
            "{} ({} – {} {})",
            format_duration(end.signed_duration_since(start)),
            zone.clock(&start),
            zone.clock(&end),
            zone.abbreviation(Some(&start))
        ),
        _ => String::new(),
    }
}

fn field(block: &mut Vec<String>, label: &str, value: &str) {
    if !value.trim().is_empty() {
        // The label may be the document's own wording (`[headings]`).
        block.push(format!(
            "**{}:** {}",
            escape::emphasis(&inline(label)),
            escape::label(&inline(value))
        ));
    }
}

fn impact(doc: &Postmortem, out: &mut Markdown) {
    let rows: Vec<Vec<String>> = doc
        .impact
        .rows()
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(metric, value)| vec![metric.to_string(), value.to_string()])
        .collect();
    if rows.is_empty() {
        return;
    }
    out.heading(2, doc.heading("impact", "Impact"));
    out.table(&["Metric", "Value"], rows);
}

fn timeline(doc: &Postmortem, zone: &DisplayZone, out: &mut Markdown) {
    if doc.timeline.is_empty() {
        return;
    }
    out.heading(2, doc.heading("timeline", "Timeline"));
    let first = doc.timeline.first().map(|e| e.at);
    let (name, abbreviation) = (zone.to_string(), zone.abbreviation(first.as_ref()));
    let words = doc.heading("timeline.zone", "All times in");
    out.paragraph(&if name == abbreviation {
        format!("{words} {name}.")
    } else {
        format!("{words} {name} ({abbreviation}).")
    });
    let mut previous_day = None;
    let rows = doc.timeline.iter().map(|event| {
        let local = zone.local(&event.at);
        let day = local.date();
        let time = if previous_day == Some(day) {
            zone.clock(&event.at)
        } else {
            format!("{} {}", day, zone.clock(&event.at))
        };
        previous_day = Some(day);
        let mut marks: Vec<&str> = event.marks.iter().map(|m| m.label()).collect();
        if event.gap {
            marks.push("Unknown: to investigate");
        }
        vec![
            event.id.clone(),
            time,
            event.text.clone(),
            event.source.clone(),
            event.actor.clone(),
            marks.join(", "),
        ]
    });
    let columns = columns(
        doc,
        "timeline",
        &[
            ("id", "ID"),
            ("time", "Time"),
            ("event", "Event"),
            ("source", "Source"),
            ("actor", "Actor"),
            ("mark", "Mark"),
        ],
    );
    out.table_iter(
        &columns.iter().map(String::as_str).collect::<Vec<_>>(),
        rows,
    );

    let intervals = doc.intervals();
    if !intervals.items.is_empty() {
        out.heading(3, "Key intervals");
        let rows = intervals
            .items
            .iter()
            .map(|i| {
                vec![
                    i.kind.label().to_string(),
                    format_duration(i.duration()),
                    zone.date_time(&i.from),
                    zone.date_time(&i.to),
                ]
            })
            .collect();
        out.table(&["Interval", "Duration", "From", "To"], rows);
    }
}

/// A table's column headings: the document's own (`[headings]`,
/// `LIST.COLUMN`) or the export's.
fn columns(doc: &Postmortem, list: &str, names: &[(&str, &str)]) -> Vec<String> {
    names
        .iter()
        .map(|(key, default)| escape::cell(&inline(doc.heading(&format!("{list}.{key}"), default))))
        .collect()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
