//! Item-level linting: the prose rules over every narrative field of one
//! item, plus the completeness rules that only look at that item. This is
//! the unit the editor re-lints after an edit.

use crate::model::edit::{DocField, ItemField, List, ResponseColumn};
use crate::model::{ActionItem, Event, Factor, PathSeg, Postmortem, Why};

use super::blame::{ScanOptions, scan};
use super::complete;
use super::context::Context;
use super::levels;
use super::spot::{Field, ItemPart};
use super::text::{ignore_markers, is_ignored};
use super::{Finding, Location, finding_from_hit};

use PathSeg::{Index, Key};

/// One lintable unit of a document. Items with ids are addressed by index
/// into their list (the editor knows both). The order is document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRef {
    /// Title and the other free meta text.
    Meta,
    /// The executive summary.
    Summary,
    /// The impact rows.
    Impact,
    /// `timeline[i]`.
    Event(usize),
    /// The 5 Whys problem and root-cause statements.
    WhysHeader,
    /// `whys.node[i]`.
    Why(usize),
    /// `factors[i]`.
    Factor(usize),
    /// `response[i]`.
    Response(usize),
    /// Went well / poorly / lucky / lessons.
    Review,
    /// `actions[i]`.
    Action(usize),
    /// The project retrospective parts.
    Project,
    /// Appendix notes and metrics (logs are evidence and not linted).
    Appendix,
    /// `follow_up[i]`.
    FollowUp(usize),
    /// `unmapped[i]`.
    Unmapped(usize),
}

impl ItemRef {
    /// Every item of `doc`, in document order.
    pub fn all(doc: &Postmortem) -> Vec<ItemRef> {
        let mut items = vec![ItemRef::Meta, ItemRef::Summary, ItemRef::Impact];
        items.extend((0..doc.timeline.len()).map(ItemRef::Event));
        items.push(ItemRef::WhysHeader);
        items.extend((0..doc.whys.nodes.len()).map(ItemRef::Why));
        items.extend((0..doc.factors.len()).map(ItemRef::Factor));
        items.extend((0..doc.response.len()).map(ItemRef::Response));
        items.push(ItemRef::Review);
        items.extend((0..doc.actions.len()).map(ItemRef::Action));
        items.push(ItemRef::Project);
        items.push(ItemRef::Appendix);
        items.extend((0..doc.follow_up.len()).map(ItemRef::FollowUp));
        items.extend((0..doc.unmapped.len()).map(ItemRef::Unmapped));
        items
    }
}

/// Collects findings for the fields of one item.
pub(crate) struct FieldLinter<'c> {
    ctx: &'c Context,
    section: &'static str,
    item: String,
    ignore: Vec<String>,
    pub findings: Vec<Finding>,
}

impl<'c> FieldLinter<'c> {
    pub(crate) fn new(
        ctx: &'c Context,
        section: &'static str,
        item: &str,
        ignore: &[String],
    ) -> Self {
        FieldLinter {
            ctx,
            section,
            item: item.to_string(),
            ignore: ignore.to_vec(),
            findings: Vec::new(),
        }
    }

    pub(crate) fn location(&self, field: Field, path: Vec<PathSeg>) -> Location {
        Location {
            section: self.section,
            item: self.item.clone(),
            field: field.name,
            path,
            range: None,
            spot: field.spot,
        }
    }

    /// Runs the prose rules over a narrative field.
    pub(crate) fn prose(&mut self, field: Field, path: Vec<PathSeg>, text: &str) {
        self.scan(field, path, text, ScanOptions::default());
    }

    /// Runs the prose rules, but not the named-individual rule (for fields
    /// where names belong).
    pub(crate) fn prose_without_names(&mut self, field: Field, path: Vec<PathSeg>, text: &str) {
        self.scan(
            field,
            path,
            text,
            ScanOptions {
                names: false,
                phrases: true,
            },
        );
    }

    fn scan(&mut self, field: Field, path: Vec<PathSeg>, text: &str, options: ScanOptions) {
        if text.trim().is_empty() {
            return;
        }
        if self.placeholder(field, path.clone(), text) {
            return;
        }
        let markers = ignore_markers(text).unwrap_or_default();
        for hit in scan(text, self.ctx, options) {
            if is_ignored(hit.rule, &markers) || is_ignored(hit.rule, &self.ignore) {
                continue;
            }
            let location = self.location(field, path.clone());
            if let Some(finding) =
                levels::adjust(self.ctx.config(), finding_from_hit(hit, text, location))
            {
                self.findings.push(finding);
            }
        }
    }

    /// Reports a template's question left in a field (prose or not);
    /// returns whether `text` is one.
    pub(crate) fn placeholder(&mut self, field: Field, path: Vec<PathSeg>, text: &str) -> bool {
        if !crate::model::is_placeholder(text) {
            return false;
        }
        // A question, not prose: unfilled, not blame.
        let mut finding = Finding::new(super::rule::PLACEHOLDER, self.location(field, path));
        finding.excerpt = Some(text.trim().to_string());
        self.push(finding);
        true
    }

    /// Adds a non-prose finding unless the item ignores its rule.
    pub(crate) fn push(&mut self, finding: Finding) {
        if !is_ignored(finding.rule, &self.ignore)
            && let Some(finding) = levels::adjust(self.ctx.config(), finding)
        {
            self.findings.push(finding);
        }
    }
}

fn key_path(keys: &[&'static str]) -> Vec<PathSeg> {
    keys.iter().map(|k| Key(k)).collect()
}

/// Lints one timeline event (`index` is its position in the timeline).
pub fn lint_event(event: &Event, index: usize, ctx: &Context) -> Vec<Finding> {
    let mut f = FieldLinter::new(ctx, "timeline", &event.id, &event.ignore);
    let base = |field| vec![Key("timeline"), Index(index), Key(field)];
    let field = |part| Field::item(List::Timeline, ItemPart::Field(part));
    f.prose(field(ItemField::Text), base("text"), &event.text);
    // The actor is a role or a system, never a person's name; one marked
    // a system is a program or host, named as it is.
    if event.actor_kind != crate::model::ActorKind::System {
        f.scan(
            field(ItemField::Actor),
            base("actor"),
            &event.actor,
            ScanOptions {
                names: true,
                phrases: false,
            },
        );
    }
    f.findings
}

/// Lints one 5 Whys node (`index` is its position in `whys.node`).
pub fn lint_why(why: &Why, index: usize, ctx: &Context) -> Vec<Finding> {
    let mut f = FieldLinter::new(ctx, "whys", &why.id, &why.ignore);
    let base = |field| vec![Key("whys"), Key("node"), Index(index), Key(field)];
    let field = |part| Field::item(List::Whys, part);
    let text = field(ItemPart::Field(ItemField::Text));
    f.prose(
        field(ItemPart::Field(ItemField::Question)),
        base("question"),
        &why.question,
    );
    f.prose(text, base("text"), &why.text);
    f.prose(
        field(ItemPart::AcceptedRisk),
        base("accepted_risk"),
        &why.accepted_risk,
    );
    if why.root
        && let Some(finding) =
            complete::root_is_person(&why.text, ctx, f.location(text, base("text")))
    {
        f.push(finding);
    }
    f.findings
}

/// Lints one contributing factor (`index` is its position in `factors`).
pub fn lint_factor(factor: &Factor, index: usize, ctx: &Context) -> Vec<Finding> {
    let mut f = FieldLinter::new(ctx, "factors", &factor.id, &factor.ignore);
    let base = |field| vec![Key("factors"), Index(index), Key(field)];
    let field = |part| Field::item(List::Factors, part);
    f.prose(
        field(ItemPart::Field(ItemField::Text)),
        base("text"),
        &factor.text,
    );
    f.prose(
        field(ItemPart::Field(ItemField::Contribution)),
        base("contribution"),
        &factor.contribution,
    );
    f.prose(
        field(ItemPart::AcceptedRisk),
        base("accepted_risk"),
        &factor.accepted_risk,
    );
    f.findings
}

/// Lints one action item (`index` is its position in `actions`): wording,
/// vagueness and the required fields. The owner may be a person.
pub fn lint_action(action: &ActionItem, index: usize, ctx: &Context) -> Vec<Finding> {
    let mut f = FieldLinter::new(ctx, "actions", &action.id, &action.ignore);
    let base = |field| vec![Key("actions"), Index(index), Key(field)];
    let field = |part| Field::item(List::Actions, ItemPart::Field(part));
    f.prose(field(ItemField::Title), base("title"), &action.title);
    f.prose(field(ItemField::Notes), base("notes"), &action.notes);
    complete::action_item_rules(action, &mut f, base("title"));
    f.findings
}

/// Lints one item of `doc`. An out-of-range index yields no findings.
pub fn lint_item(doc: &Postmortem, item: ItemRef, ctx: &Context) -> Vec<Finding> {
    match item {
        ItemRef::Event(i) => doc
            .timeline
            .get(i)
            .map_or_else(Vec::new, |e| lint_event(e, i, ctx)),
        ItemRef::Why(i) => doc
            .whys
            .nodes
            .get(i)
            .map_or_else(Vec::new, |w| lint_why(w, i, ctx)),
        ItemRef::Factor(i) => doc
            .factors
            .get(i)
            .map_or_else(Vec::new, |x| lint_factor(x, i, ctx)),
        ItemRef::Action(i) => doc
            .actions
            .get(i)
            .map_or_else(Vec::new, |a| lint_action(a, i, ctx)),
        ItemRef::Meta => {
            let mut f = FieldLinter::new(ctx, "meta", "", &[]);
            f.prose(
                Field::doc("title", DocField::Title),
                key_path(&["meta", "title"]),
                &doc.meta.title,
            );
            f.findings
        }
        ItemRef::Summary => {
            let mut f = FieldLinter::new(ctx, "summary", "", &[]);
            f.prose(
                Field::doc("summary", DocField::Summary),
                key_path(&["summary"]),
                &doc.summary,
            );
            f.findings
        }
        ItemRef::Impact => {
            let mut f = FieldLinter::new(ctx, "impact", "", &[]);
            let i = &doc.impact;
            let named: [(&'static str, DocField, &str); 7] = [
                ("users_affected", DocField::UsersAffected, &i.users_affected),
                ("duration", DocField::ImpactDuration, &i.duration),
                (
                    "requests_failed",
                    DocField::RequestsFailed,
                    &i.requests_failed,
                ),
                ("revenue", DocField::Revenue, &i.revenue),
                ("sla", DocField::Sla, &i.sla),
                ("data_loss", DocField::DataLoss, &i.data_loss),
                (
                    "customer_complaints",
                    DocField::CustomerComplaints,
                    &i.customer_complaints,
                ),
            ];
            for (name, field, text) in named {
                f.prose(Field::doc(name, field), key_path(&["impact", name]), text);
            }
            for (n, row) in i.extra.iter().enumerate() {
                f.prose(
                    Field::doc("value", DocField::ImpactExtra),
                    vec![Key("impact"), Key("extra"), Index(n), Key("value")],
                    &row.value,
                );
            }
            f.findings
        }
        ItemRef::WhysHeader => {
            let mut f = FieldLinter::new(ctx, "whys", "", &[]);
            f.prose(
                Field::doc("problem", DocField::Problem),
                key_path(&["whys", "problem"]),
                &doc.whys.problem,
            );
            let path = key_path(&["whys", "root_cause"]);
            let root = Field::doc("root_cause", DocField::RootCause);
            f.prose(root, path.clone(), &doc.whys.root_cause);
            if let Some(finding) =
                complete::root_is_person(&doc.whys.root_cause, ctx, f.location(root, path))
            {
                f.push(finding);
            }
            f.findings
        }
        ItemRef::Response(i) => {
            let Some(phase) = doc.response.get(i) else {
                return Vec::new();
            };
            let mut f = FieldLinter::new(ctx, "response", &phase.phase, &[]);
            let base = |field| vec![Key("response"), Index(i), Key(field)];
            let columns = [
                ("happened", ResponseColumn::Happened, &phase.happened),
                ("worked", ResponseColumn::Worked, &phase.worked),
                (
                    "did_not_work",
                    ResponseColumn::DidNotWork,
                    &phase.did_not_work,
                ),
            ];
            for (name, column, text) in columns {
                f.prose(Field::response(name, column), base(name), text);
            }
            f.findings
        }
        ItemRef::Review => {
            let mut f = FieldLinter::new(ctx, "review", "", &[]);
            let r = &doc.review;
            let lists: [(&'static str, DocField, &Vec<String>); 3] = [
                ("went_well", DocField::WentWell, &r.went_well),
                ("went_poorly", DocField::WentPoorly, &r.went_poorly),
                ("lucky", DocField::Lucky, &r.lucky),
            ];
            for (name, field, list) in lists {
                for (n, text) in list.iter().enumerate() {
                    let path = vec![Key("review"), Key(name), Index(n)];
                    f.prose(Field::doc(name, field), path, text);
                }
            }
            for (n, lesson) in r.lessons.iter().enumerate() {
                f.prose(
                    Field::doc("lessons", DocField::Lessons),
                    vec![Key("review"), Key("lessons"), Index(n), Key("text")],
                    &lesson.text,
                );
            }
            f.findings
        }
        ItemRef::Project => {
            let Some(project) = &doc.project else {
                return Vec::new();
            };
            let mut f = FieldLinter::new(ctx, "project", "", &[]);
            for (n, member) in project.team.iter().enumerate() {
                f.placeholder(
                    Field::doc("team", DocField::Team),
                    vec![Key("project"), Key("team"), Index(n)],
                    member,
                );
            }
            for (n, goal) in project.goals.iter().enumerate() {
                let at = |field| vec![Key("project"), Key("goals"), Index(n), Key(field)];
                let goals = |name| Field::doc(name, DocField::Goals);
                f.placeholder(goals("goal"), at("goal"), &goal.goal);
                f.placeholder(goals("target"), at("target"), &goal.target);
                f.prose(
                    goals("actual"),
                    vec![Key("project"), Key("goals"), Index(n), Key("actual")],
                    &goal.actual,
                );
            }
            let lists: [(&'static str, DocField, &Vec<String>); 2] = [
                ("differently", DocField::Differently, &project.differently),
                (
                    "recommendations",
                    DocField::Recommendations,
                    &project.recommendations,
                ),
            ];
            for (name, field, list) in lists {
                for (n, text) in list.iter().enumerate() {
                    let path = vec![Key("project"), Key(name), Index(n)];
                    f.prose(Field::doc(name, field), path, text);
                }
            }
            f.findings
        }
        ItemRef::Appendix => {
            let mut f = FieldLinter::new(ctx, "appendix", "", &[]);
            f.prose(
                Field::doc("notes", DocField::Notes),
                key_path(&["appendix", "notes"]),
                &doc.appendix.notes,
            );
            f.prose_without_names(
                Field::doc("metrics", DocField::Metrics),
                key_path(&["appendix", "metrics"]),
                &doc.appendix.metrics,
            );
            f.findings
        }
        ItemRef::FollowUp(i) => {
            let Some(item) = doc.follow_up.get(i) else {
                return Vec::new();
            };
            let mut f = FieldLinter::new(ctx, "follow_up", "", &[]);
            // Follow-ups name who meets: names belong there.
            f.prose_without_names(
                Field::doc("what", DocField::FollowUp),
                vec![Key("follow_up"), Index(i), Key("what")],
                &item.what,
            );
            f.findings
        }
        ItemRef::Unmapped(i) => {
            let Some(item) = doc.unmapped.get(i) else {
                return Vec::new();
            };
            let mut f = FieldLinter::new(ctx, "unmapped", &item.heading, &[]);
            f.prose(
                Field::doc("markdown", DocField::Unmapped),
                vec![Key("unmapped"), Index(i), Key("markdown")],
                &item.markdown,
            );
            f.findings
        }
    }
}

/// Every finding of a document: each item, then the document-level rules.
pub fn lint_document(doc: &Postmortem, ctx: &Context) -> Vec<Finding> {
    let mut findings: Vec<Finding> = ItemRef::all(doc)
        .into_iter()
        .flat_map(|item| lint_item(doc, item, ctx))
        .collect();
    let errors = super::Counts::of(&findings).errors;
    let document = super::lint_document_rules(doc, ctx, errors);
    findings.extend(document);
    findings
}
