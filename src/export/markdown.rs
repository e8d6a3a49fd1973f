//! GitHub-flavoured Markdown export, in the section order of the seed
//! templates. Deterministic: the same document always gives the same bytes
//! (no clock, no hash-map order). Every text from the document goes through
//! [`escape`] on its way in (the builder's `heading`, `paragraph`, `list`,
//! `numbered` and `table` do it; items assembled here escape their parts),
//! so the Markdown holds no markup the export did not write.

use std::fmt::Write;

use super::builder::{Markdown, inline, push_list_item};
use super::escape;
use crate::model::{ActionItem, DisplayZone, Factor, Kind, Postmortem, Timestamp, format_duration};

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
    let doc = &crate::model::without_placeholders(doc);
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
    let rows = doc
        .timeline
        .iter()
        .map(|event| {
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
        })
        .collect();
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
    out.table(
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

fn whys(doc: &Postmortem, out: &mut Markdown) {
    let whys = &doc.whys;
    if whys.is_empty() {
        return;
    }
    out.heading(2, doc.heading("root-cause", "Root Cause Analysis"));
    if !whys.problem.trim().is_empty() {
        out.heading(3, doc.heading("problem", "Problem Statement"));
        out.paragraph(&whys.problem);
    }
    if !whys.nodes.is_empty() {
        out.heading(3, doc.heading("whys", "5 Whys"));
        let mut list = String::new();
        for (depth, node) in whys.walk() {
            let mut item = format!("**{}**", escape::emphasis(&node.id));
            // Past the nesting limit a node stays at the limit and names its
            // parent, so the list (and its indentation) grows linearly
            // however deep the chain, and a re-import rebuilds the tree.
            let depth = if depth > MAX_WHY_NESTING {
                let _ = write!(item, " {UNDER}{})", escape::item(&node.parent));
                MAX_WHY_NESTING
            } else {
                depth
            };
            if !node.question.trim().is_empty() {
                let _ = write!(item, " *{}*", escape::emphasis(&inline(&node.question)));
            }
            // The mark the export adds must not be one the text wrote: a
            // text ending with it gets the mark escaped.
            let text = match node.text.trim().strip_suffix(ROOT_MARK) {
                Some(before) => format!("{}\\*\\*(root cause)\\*\\*", escape::item(before)),
                None => escape::item(node.text.trim()),
            };
            let _ = write!(item, " → {text}");
            if node.root {
                let _ = write!(item, " {ROOT_MARK}");
            }
            if !node.accepted_risk.trim().is_empty() {
                let _ = write!(
                    item,
                    "\n*Accepted risk:* {}",
                    escape::item(node.accepted_risk.trim())
                );
            }
            push_list_item(&mut list, depth, &item);
        }
        out.raw(&list);
    }
    if !whys.root_cause.trim().is_empty() {
        out.heading(3, "Root Cause");
        out.paragraph(&whys.root_cause);
    }
}

fn factors(doc: &Postmortem, out: &mut Markdown) {
    if doc.factors.is_empty() {
        return;
    }
    out.heading(2, doc.heading("factors", "Contributing Factors"));
    let mut categories = doc.factor_categories();
    for factor in &doc.factors {
        if !categories.contains(&factor.category) {
            categories.push(factor.category.clone());
        }
    }
    for category in &categories {
        let group: Vec<&Factor> = doc
            .factors
            .iter()
            .filter(|f| &f.category == category)
            .collect();
        if group.is_empty() {
            continue;
        }
        out.heading(3, &format!("{} factors", capitalize(category)));
        let mut list = String::new();
        for factor in group {
            let mut item = format!(
                "**{}** {}",
                escape::emphasis(&factor.id),
                escape::item(factor.text.trim())
            );
            if !factor.contribution.trim().is_empty() {
                let _ = write!(
                    item,
                    "\n*How it contributed:* {}",
                    escape::item(factor.contribution.trim())
                );
            }
            let mut links = Vec::new();
            if !factor.events.is_empty() {
                links.push(format!(
                    "*Evidence:* {}",
                    escape::item(&factor.events.join(", "))
                ));
            }
            if !factor.whys.is_empty() {
                links.push(format!("*Whys:* {}", escape::item(&factor.whys.join(", "))));
            }
            if !links.is_empty() {
                let _ = write!(item, "\n{}", links.join(" · "));
            }
            if !factor.accepted_risk.trim().is_empty() {
                let _ = write!(
                    item,
                    "\n*Accepted risk:* {}",
                    escape::item(factor.accepted_risk.trim())
                );
            }
            push_list_item(&mut list, 0, &item);
        }
        out.raw(&list);
    }
}

fn response(doc: &Postmortem, out: &mut Markdown) {
    if doc.response.is_empty() {
        return;
    }
    out.heading(
        2,
        doc.heading("response", "Detection and Response Assessment"),
    );
    let rows = doc
        .response
        .iter()
        .map(|r| {
            vec![
                capitalize(&r.phase),
                r.happened.clone(),
                r.worked.clone(),
                r.did_not_work.clone(),
            ]
        })
        .collect();
    let columns = columns(
        doc,
        "response",
        &[
            ("phase", "Phase"),
            ("happened", "What happened"),
            ("worked", "What worked"),
            ("did-not-work", "What didn't"),
        ],
    );
    out.table(
        &columns.iter().map(String::as_str).collect::<Vec<_>>(),
        rows,
    );
}

fn actions(doc: &Postmortem, out: &mut Markdown) {
    if doc.actions.is_empty() {
        return;
    }
    out.heading(2, doc.heading("actions", "Action Items"));
    let rows = doc.actions.iter().map(action_row).collect();
    let columns = columns(
        doc,
        "actions",
        &[
            ("id", "ID"),
            ("action", "Action"),
            ("type", "Type"),
            ("priority", "Priority"),
            ("owner", "Owner"),
            ("due", "Due"),
            ("status", "Status"),
            ("timeframe", "Timeframe"),
            ("ticket", "Ticket"),
            ("addresses", "Addresses"),
        ],
    );
    out.table_markdown(
        &columns.iter().map(String::as_str).collect::<Vec<_>>(),
        rows,
    );
}

/// The cells of an action's row, escaped.
fn action_row(action: &ActionItem) -> Vec<String> {
    let addresses: Vec<&str> = action
        .factors
        .iter()
        .chain(&action.whys)
        .map(String::as_str)
        .collect();
    let mut title = escape::cell(&action.title);
    if !action.notes.trim().is_empty() {
        // The label is the export's own: the two texts are escaped apart.
        title = format!("{title}<br>*Notes:* {}", escape::cell(&action.notes));
    }
    let text = |t: &str| escape::cell(t);
    vec![
        text(&action.id),
        title,
        action
            .kind
            .map(|k| k.label().to_string())
            .unwrap_or_default(),
        action
            .priority
            .map(|p| p.label().to_string())
            .unwrap_or_default(),
        text(&action.owner),
        action.due.map(|d| d.to_string()).unwrap_or_default(),
        action.status.label().to_string(),
        action
            .timeframe
            .map(|t| t.label().to_string())
            .unwrap_or_default(),
        text(&action.ticket),
        text(&addresses.join(", ")),
    ]
}

fn lessons(doc: &Postmortem, out: &mut Markdown) {
    let lessons = &doc.review.lessons;
    if lessons.is_empty() {
        return;
    }
    out.heading(2, doc.heading("lessons", "Lessons Learned"));
    let plain: Vec<String> = lessons
        .iter()
        .filter(|l| l.category.trim().is_empty())
        .map(|l| l.text.clone())
        .collect();
    out.numbered(&plain);
    let mut categories: Vec<&str> = Vec::new();
    for lesson in lessons {
        let category = lesson.category.trim();
        if !category.is_empty() && !categories.contains(&category) {
            categories.push(category);
        }
    }
    for category in categories {
        out.heading(3, &capitalize(category));
        let items: Vec<String> = lessons
            .iter()
            .filter(|l| l.category.trim() == category)
            .map(|l| l.text.clone())
            .collect();
        out.numbered(&items);
    }
}

fn closing(doc: &Postmortem, out: &mut Markdown) {
    if !doc.follow_up.is_empty() {
        out.heading(2, doc.heading("follow-up", "Follow-up Schedule"));
        let items: Vec<String> = doc
            .follow_up
            .iter()
            .map(|f| match f.date {
                Some(date) => format!("**{}:** {}", escape::emphasis(&inline(&f.what)), date),
                None => escape::emphasis(f.what.trim()),
            })
            .collect();
        out.list_markdown(&items);
    }
    if !doc.sign_off.is_empty() {
        out.heading(2, doc.heading("sign-off", "Sign-off"));
        let rows = doc
            .sign_off
            .iter()
            .map(|s| {
                vec![
                    s.role.clone(),
                    s.name.clone(),
                    s.date.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        out.table(&["Role", "Name", "Date"], rows);
    }
    if !doc.distribution.is_empty() {
        out.heading(2, doc.heading("distribution", "Distribution"));
        out.list(&doc.distribution);
    }
    super::meeting::meeting(doc, out);
    let appendix = &doc.appendix;
    if appendix.is_empty() && doc.unmapped.is_empty() {
        return;
    }
    out.heading(2, doc.heading("appendix", "Appendix"));
    if !appendix.logs.trim().is_empty() {
        out.heading(3, doc.heading("logs", "Relevant Logs"));
        out.code_block(&appendix.logs);
    }
    if !appendix.metrics.trim().is_empty() {
        out.heading(3, doc.heading("metrics", "Metrics"));
        out.paragraph(&appendix.metrics);
    }
    if !appendix.related.is_empty() {
        out.heading(3, doc.heading("related", "Related Incidents"));
        out.list(&appendix.related);
    }
    if !appendix.notes.trim().is_empty() {
        out.heading(3, "Notes");
        out.raw(&escape::notes(appendix.notes.trim()));
    }
    for unmapped in &doc.unmapped {
        // The marker is the export's own comment; the part is text like any
        // other field (an imported HTML comment in it shows as text).
        out.raw(UNMAPPED_MARKER);
        out.heading(3, &unmapped.heading);
        out.paragraph(&unmapped.markdown);
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
