//! Completeness rules on the bundled examples (clean) and on deliberately
//! incomplete documents (each rule fires, with the right item).

use debrief::examples::EXAMPLES;
use debrief::lint::rule;
use debrief::lint::{
    Context, ItemRef, LintConfig, LiveLint, Severity, completeness_score, lint_document,
};
use debrief::model::{ActionItem, ActionType, Factor, Mark, Postmortem, Priority, Status, Why};

fn rules(doc: &Postmortem) -> Vec<&'static str> {
    let ctx = Context::new(doc, &LintConfig::default());
    lint_document(doc, &ctx)
        .iter()
        .map(|f| f.rule.as_str())
        .collect()
}

fn example() -> Postmortem {
    EXAMPLES[0].load().expect("example loads")
}

#[test]
fn bundled_examples_are_clean() {
    for ex in EXAMPLES {
        let doc = ex.load().expect("example loads");
        let ctx = Context::new(&doc, &LintConfig::default());
        let findings = lint_document(&doc, &ctx);
        assert!(
            findings.is_empty(),
            "example {:?} has findings: {:#?}",
            doc.meta.title,
            findings
        );
        assert_eq!(completeness_score(&doc).total, 100, "{}", doc.meta.title);
    }
}

#[test]
fn an_empty_incident_lacks_everything() {
    let doc = Postmortem::new(debrief::model::Kind::Incident, "");
    let found = rules(&doc);
    for rule in [
        "complete/required-meta",
        "complete/summary",
        "complete/impact",
        "complete/timeline-empty",
        "complete/whys-depth",
        "complete/root-cause-statement",
        "complete/factors-count",
        "complete/went-well",
        "complete/lessons",
    ] {
        assert!(found.contains(&rule), "missing {rule} in {found:?}");
    }
    assert!(completeness_score(&doc).total < 15);
}

#[test]
fn timeline_rules_fire() {
    let mut doc = example();
    // Out of order: move the last event before the first.
    let last = doc.timeline.len() - 1;
    doc.timeline[last].at = doc.timeline[0].at - chrono::Duration::minutes(5);
    assert!(rules(&doc).contains(&"complete/timeline-order"));

    let mut doc = example();
    for e in &mut doc.timeline {
        e.marks.retain(|m| *m != Mark::Mitigated);
    }
    let ctx = Context::new(&doc, &LintConfig::default());
    let marks = lint_document(&doc, &ctx)
        .into_iter()
        .find(|f| f.rule == rule::TIMELINE_MARKS)
        .expect("marks finding");
    assert!(marks.message.contains("mitigated"), "{}", marks.message);

    let mut doc = example();
    // Events 2 and 3 are ordinary events (not marked as unknowns).
    assert!(!doc.timeline[2].gap && !doc.timeline[3].gap);
    let before = doc.timeline[3].at;
    for e in doc.timeline.iter_mut().skip(3) {
        e.at += chrono::Duration::hours(3);
    }
    let ctx = Context::new(&doc, &LintConfig::default());
    let gap = lint_document(&doc, &ctx)
        .into_iter()
        .find(|f| f.rule == rule::TIMELINE_GAP)
        .expect("gap finding");
    assert_eq!(gap.severity, Severity::Info);
    assert_eq!(gap.location.item, doc.timeline[3].id);
    assert!(gap.message.contains("what happened here?"));
    assert!(before < doc.timeline[3].at);
    // A larger threshold accepts the gap.
    let config = LintConfig {
        gap_threshold: chrono::Duration::hours(4),
        ..LintConfig::default()
    };
    let ctx = Context::new(&doc, &config);
    assert!(
        !lint_document(&doc, &ctx)
            .iter()
            .any(|f| f.rule == rule::TIMELINE_GAP)
    );
}

#[test]
fn whys_rules_fire() {
    let mut doc = example();
    for w in &mut doc.whys.nodes {
        w.root = false;
    }
    assert!(rules(&doc).contains(&"complete/whys-depth"));

    let mut doc = example();
    let root = doc.whys.nodes.iter().position(|w| w.root).expect("a root");
    doc.whys.nodes[root].text = "The engineer ran the wrong command.".into();
    let found = rules(&doc);
    assert!(found.contains(&"complete/root-cause-person"), "{found:?}");

    let mut doc = example();
    doc.whys.root_cause = "Human error during the deploy.".into();
    let found = rules(&doc);
    assert!(found.contains(&"complete/root-cause-person"), "{found:?}");
    assert!(found.contains(&"blame/human-error"), "{found:?}");
}

#[test]
fn factor_and_coverage_rules_fire() {
    let mut doc = example();
    let category = doc.factors[0].category.clone();
    for f in &mut doc.factors {
        f.category = category.clone();
    }
    assert!(rules(&doc).contains(&"complete/factors-categories"));

    let mut doc = example();
    doc.factors
        .push(Factor::new("F99", "process", "Runbook was out of date."));
    let ctx = Context::new(&doc, &LintConfig::default());
    let unaddressed: Vec<_> = lint_document(&doc, &ctx)
        .into_iter()
        .filter(|f| f.rule == rule::UNADDRESSED)
        .collect();
    assert_eq!(unaddressed.len(), 1);
    assert_eq!(unaddressed[0].location.item, "F99");
    // Accepting the risk, or an ignore, silences it.
    doc.factors.last_mut().expect("factor").accepted_risk = "Runbooks are being retired.".into();
    assert!(!rules(&doc).contains(&"complete/unaddressed"));

    let mut doc = example();
    doc.whys.nodes.push(Box::new(Why {
        root: true,
        ..Why::new("W99", "", "No capacity alerting existed.")
    }));
    let found = rules(&doc);
    assert!(found.contains(&"complete/unaddressed"), "{found:?}");
}

#[test]
fn action_rules_fire() {
    let mut doc = example();
    doc.actions
        .push(ActionItem::new("A99", "Improve monitoring"));
    let ctx = Context::new(&doc, &LintConfig::default());
    let found: Vec<_> = lint_document(&doc, &ctx)
        .into_iter()
        .filter(|f| f.location.item == "A99")
        .collect();
    let ids: Vec<_> = found.iter().map(|f| f.rule.as_str()).collect();
    assert!(ids.contains(&"complete/vague-action"), "{ids:?}");
    assert!(ids.contains(&"complete/action-fields"), "{ids:?}");
    let fields = found
        .iter()
        .find(|f| f.rule == rule::ACTION_FIELDS)
        .expect("fields");
    for missing in ["owner", "due", "type", "priority"] {
        assert!(fields.message.contains(missing), "{}", fields.message);
    }

    // Measurable titles are not vague; diligence ones always are.
    let mut concrete = ActionItem::new(
        "A98",
        "Improve alerting: page when pool usage > 80% for 5 minutes",
    );
    concrete.owner = "SRE team".into();
    concrete.due = Some(chrono::NaiveDate::from_ymd_opt(2099, 1, 1).expect("date"));
    concrete.kind = Some(ActionType::Detect);
    concrete.priority = Some(Priority::P1);
    let mut careful = concrete.clone();
    careful.id = "A97".into();
    careful.title = "Engineers must be more careful with 100% of deploys".into();
    let mut doc = example();
    doc.actions.push(concrete);
    doc.actions.push(careful);
    let ctx = Context::new(&doc, &LintConfig::default());
    let vague: Vec<_> = lint_document(&doc, &ctx)
        .into_iter()
        .filter(|f| f.rule == rule::VAGUE_ACTION)
        .map(|f| f.location.item)
        .collect();
    assert_eq!(vague, ["A97"]);

    // Due before the incident.
    let mut doc = example();
    doc.actions[0].due = Some(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date"));
    assert!(rules(&doc).contains(&"complete/action-due"));

    // A SEV-3 document keeps to five actions.
    let mut doc = example();
    doc.meta.severity = "SEV-3".into();
    doc.impact.data_loss = "None".into();
    doc.impact.users_affected = "~2%".into();
    while doc.actions.len() < 6 {
        let mut a = doc.actions[0].clone();
        a.id = format!("A{}", 50 + doc.actions.len());
        doc.actions.push(a);
    }
    let found = rules(&doc);
    assert!(found.contains(&"complete/too-many-actions"), "{found:?}");
}

#[test]
fn severity_must_match_impact() {
    let mut doc = example();
    doc.meta.severity = "SEV-4".into();
    doc.impact.data_loss = "3 hours of orders lost".into();
    assert!(rules(&doc).contains(&"complete/severity-impact"));
    doc.impact.data_loss = "None".into();
    doc.impact.users_affected = "All users".into();
    assert!(rules(&doc).contains(&"complete/severity-impact"));
    doc.impact.users_affected = "About 3%".into();
    assert!(!rules(&doc).contains(&"complete/severity-impact"));
}

#[test]
fn summary_and_review_rules_fire() {
    let mut doc = example();
    doc.summary = "One. Two. Three. Four. Five.".into();
    assert!(rules(&doc).contains(&"complete/summary-length"));
    let mut doc = example();
    doc.review.went_well.clear();
    doc.review.lessons.clear();
    let found = rules(&doc);
    assert!(found.contains(&"complete/went-well") && found.contains(&"complete/lessons"));
}

#[test]
fn final_documents_may_not_have_errors() {
    let mut doc = example();
    doc.meta.status = Status::Final;
    assert!(!rules(&doc).contains(&"complete/final-with-errors"));
    doc.timeline[0].text = "Alice deployed the change.".into();
    assert!(rules(&doc).contains(&"complete/final-with-errors"));
    // An item ignore silences the name, and with it the final check.
    doc.timeline[0].ignore = vec!["blame/named-individual".into()];
    assert!(!rules(&doc).contains(&"complete/final-with-errors"));
}

#[test]
fn names_are_allowed_in_owner_fields_but_not_in_actors() {
    let mut doc = example();
    doc.actions[0].owner = "Priya Patel".into();
    doc.meta.authors = vec!["Priya Patel".into()];
    let ctx = Context::new(&doc, &LintConfig::default());
    assert!(lint_document(&doc, &ctx).is_empty());
    // The roster now knows Patel: prose that mentions the surname is flagged.
    doc.timeline[0].text = "Patel restarted the pods.".into();
    doc.timeline[1].actor = "Priya".into();
    let ctx = Context::new(&doc, &LintConfig::default());
    let names: Vec<_> = lint_document(&doc, &ctx)
        .into_iter()
        .filter(|f| f.rule == rule::NAMED_INDIVIDUAL)
        .map(|f| (f.location.item, f.location.field))
        .collect();
    assert_eq!(
        names,
        [
            (doc.timeline[0].id.clone(), "text"),
            (doc.timeline[1].id.clone(), "actor")
        ]
    );
}

#[test]
fn live_lint_relints_only_the_touched_item() {
    let mut doc = example();
    doc.meta.status = Status::Draft;
    let mut live = LiveLint::new(&doc, &LintConfig::default());
    assert_eq!(live.counts().errors, 0);
    doc.timeline[2]
        .text
        .push_str(" Bob should have checked the pool.");
    live.edited(&doc, ItemRef::Event(2));
    let item = live.findings_for(ItemRef::Event(2));
    let ids: Vec<_> = item.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(ids, ["blame/named-individual", "blame/counterfactual"]);
    assert_eq!(live.counts().errors, 1);
    // The same as a full lint.
    let ctx = Context::new(&doc, &LintConfig::default());
    assert_eq!(live.findings().count(), lint_document(&doc, &ctx).len());

    // Allowing the word in meta rebuilds the context and clears the name.
    doc.meta.allow.push("Bob".into());
    live.edited(&doc, ItemRef::Meta);
    assert_eq!(live.counts().errors, 0);
    assert!(live.score().total <= 100);
}

#[test]
fn template_questions_do_not_count_as_answers() {
    for name in ["incident", "quick"] {
        let doc = debrief::commands::templates::document(name).expect("template");
        let asked = debrief::model::without_placeholders(&doc);
        assert_ne!(doc, *asked, "the {name} template asks questions");
        // The score of the template is the score of what it says.
        assert_eq!(
            completeness_score(&doc),
            completeness_score(&asked),
            "{name}"
        );
        // Answering a question raises the score.
        let mut answered = doc.clone();
        answered.summary = "The checkout cache expired at once and the database saturated.".into();
        assert!(
            completeness_score(&answered).total > completeness_score(&doc).total,
            "{name}: {:?}",
            doc.summary
        );
    }
}
