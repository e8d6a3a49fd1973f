//! The customer and executive exports (issue 16): golden outputs for every
//! bundled example, the executive page fits one printed page, and no
//! roster name, person, private term or private item reaches a customer —
//! the export fails instead, naming each leak.

use debrief::examples::EXAMPLES;
use debrief::export::{
    Audience, ExportError, Format, LeakKind, Privacy, customer, exec, markdown, render,
};
use debrief::lint::LintConfig;
use debrief::model::{Kind, Postmortem};

fn examples() -> Vec<(&'static str, Postmortem)> {
    EXAMPLES
        .iter()
        .map(|e| {
            (
                e.name.trim_end_matches(".toml"),
                e.load().expect("example loads"),
            )
        })
        .collect()
}

fn checkout() -> Postmortem {
    EXAMPLES[0].load().expect("checkout loads")
}

#[test]
fn golden_customer_and_exec_exports() {
    for (name, mut doc) in examples() {
        // The examples mark no action public: mark the P0 ones, as a
        // facilitator would before sending.
        for action in &mut doc.actions {
            action.public = action.priority == Some(debrief::model::Priority::P0);
        }
        let text = customer(&doc, &Privacy::default()).expect("no leaks in the examples");
        insta::assert_snapshot!(format!("customer-{name}"), text);
        insta::assert_snapshot!(format!("exec-{name}"), exec(&doc));
    }
}

#[test]
fn the_internal_audience_is_the_markdown_export_byte_for_byte() {
    for (name, doc) in examples() {
        let text = render(
            &doc,
            Audience::Internal,
            Format::Markdown,
            &Privacy::default(),
            &LintConfig::default(),
        )
        .expect("renders");
        assert_eq!(text, markdown(&doc), "{name}");
    }
}

/// Printed lines of `text` at `width` characters a line.
fn printed_lines(text: &str, width: usize) -> usize {
    text.lines()
        .map(|l| l.chars().count().div_ceil(width).max(1))
        .sum()
}

#[test]
fn the_exec_export_fits_one_printed_page() {
    for (name, doc) in examples() {
        let text = exec(&doc);
        // A printed A4/Letter page holds about 60 lines of 100 characters.
        let lines = printed_lines(&text, 100);
        assert!(lines <= 60, "{name}: {lines} printed lines\n{text}");
        let rows = text.lines().filter(|l| l.starts_with('|')).count();
        assert!(rows <= 28, "{name}: {rows} table rows");
        // Still says what leadership needs.
        for heading in ["## Summary", "## Top actions"] {
            assert!(text.contains(heading), "{name}: no {heading}");
        }
        if doc.kind != Kind::Project {
            for heading in ["## Impact", "## Key intervals", "## Root causes"] {
                assert!(text.contains(heading), "{name}: no {heading}");
            }
        }
        assert!(text.contains("**Actions:**"), "{name}: no action status");
    }
    // A long document stays on its page: 56 actions, 65 root causes, a
    // summary of many paragraphs.
    let mut doc = checkout();
    doc.summary = format!("{}\n\n", doc.summary.repeat(3)).repeat(4);
    let actions = doc.actions.clone();
    for n in 0..3 {
        for a in &actions {
            let mut a = a.clone();
            a.id = format!("{}x{n}", a.id);
            doc.actions.push(a);
        }
    }
    let nodes = doc.whys.nodes.clone();
    for n in 0..5 {
        for w in &nodes {
            let mut w = w.clone();
            w.id = format!("{}x{n}", w.id);
            w.root = true;
            doc.whys.nodes.push(w);
        }
    }
    let text = exec(&doc);
    let lines = printed_lines(&text, 100);
    assert!(lines <= 60, "{lines} printed lines\n{text}");
    let roots = doc.whys.nodes.iter().filter(|w| w.root).count();
    let more = format!("… and {} more in the full postmortem.", roots - 5);
    assert!(text.contains(&more), "{more}\n{text}");
    assert!(text.contains("(56 in all)"), "{text}");
}

/// The checkout example with people, private terms and private items.
fn with_secrets() -> Postmortem {
    let mut doc = checkout();
    doc.meta.roster = vec!["Dana Reyes".into(), "@jlo".into()];
    doc.meta.private_terms = vec!["redis-cache".into(), "PLAT-2291".into()];
    doc.meta.authors.push("Sam Okafor".into());
    doc.timeline[8].private = true; // T9, the APM diagnosis
    doc.actions[1].public = true; // A2
    doc.actions[2].public = true; // A3
    doc.actions[2].private = true; // private wins over public
    doc
}

#[test]
fn a_clean_customer_export_shows_no_secret_at_all() {
    let doc = with_secrets();
    let text = customer(&doc, &Privacy::default()).expect("nothing leaks");
    let lower = text.to_lowercase();
    for secret in [
        "dana",
        "reyes",
        "jlo",
        "sam okafor",
        "redis-cache",
        "plat-",
        "apm traces",
        "platform team",
        "owner",
        "promo-banner-checkout feature flag",
    ] {
        assert!(!lower.contains(secret), "{secret} in\n{text}");
    }
    assert!(
        text.contains("Add a Datadog alert on Redis"),
        "the public action"
    );
    assert!(
        !text.contains("T9") && !text.contains("PLAT-2292"),
        "no ids, no tickets"
    );
}

#[test]
fn a_customer_export_that_would_leak_fails_naming_each_leak() {
    let mut doc = with_secrets();
    doc.summary
        .push_str(" Dana Reyes and @jlo fixed redis-cache; Sam Okafor wrote this.");
    doc.impact.users_affected = "Banner cache rebuilds hold the connections that checkout needs, per https://grafana.corp/d/1".into();
    doc.actions[1].title = "Redis connection-pool exhaustion identified in Datadog APM traces: banner cache rebuilds hold the connections that checkout needs.".into();
    let leaks = customer(&doc, &Privacy::default()).expect_err("leaks");
    let said: Vec<String> = leaks.iter().map(ToString::to_string).collect();
    let has = |kind: LeakKind, term: &str, found: &str| {
        leaks
            .iter()
            .any(|l| l.kind == kind && l.term.starts_with(term) && l.found == found)
    };
    assert!(has(LeakKind::Roster, "Dana Reyes", "summary"), "{said:#?}");
    assert!(has(LeakKind::Roster, "@jlo", "summary"), "{said:#?}");
    assert!(has(LeakKind::Person, "Sam Okafor", "summary"), "{said:#?}");
    assert!(
        has(LeakKind::PrivateTerm, "redis-cache", "summary"),
        "{said:#?}"
    );
    assert!(
        has(
            LeakKind::PrivateItem,
            "Redis connection-pool exhaustion",
            "actions A2.title"
        ),
        "{said:#?}"
    );
    assert!(
        has(
            LeakKind::InternalHost,
            "grafana.corp",
            "impact.users_affected"
        ),
        "{said:#?}"
    );
    // Each message says what, from where, and in which part.
    assert!(
        said.iter()
            .any(|s| s == "private term \"redis-cache\" (from meta.private_terms) in summary"),
        "{said:#?}"
    );
    assert!(
        said.iter()
            .any(|s| s.starts_with("private item \"Redis connection-pool")
                && s.contains("(from timeline T9 (private)) in actions A2.title")),
        "{said:#?}"
    );
    // Through `render` it is an error, never a file.
    let err = render(
        &doc,
        Audience::Customer,
        Format::Html,
        &Privacy::default(),
        &LintConfig::default(),
    )
    .expect_err("refused");
    assert!(matches!(err, ExportError::Leaks(ref l) if l.len() == leaks.len()));
}

#[test]
fn allowed_terms_and_config_terms_and_rosters() {
    let mut doc = with_secrets();
    doc.summary.push_str(" redis-cache recovered.");
    let privacy = Privacy {
        allow: vec!["REDIS-CACHE".into()],
        ..Privacy::default()
    };
    customer(&doc, &privacy).expect("allowed without regard to case");
    // The config's private terms and roster count like the document's.
    doc.summary.push_str(" Checked by Priya on db-prod-7.");
    let privacy = Privacy {
        private_terms: vec!["db-prod-7".into()],
        roster: vec!["Priya".into()],
        allow: vec!["redis-cache".into()],
    };
    let leaks = customer(&doc, &privacy).expect_err("config terms");
    let terms: Vec<(&str, &str)> = leaks
        .iter()
        .map(|l| (l.term.as_str(), l.origin.as_str()))
        .collect();
    assert_eq!(
        terms,
        [
            ("Priya", "the config's [lint] roster"),
            ("db-prod-7", "the config's [export] private_terms"),
        ]
    );
}

#[test]
fn no_secret_reaches_any_customer_export_of_any_example() {
    // Every item of every example marked private in turn, with its words as
    // private terms: the export either fails or shows none of them.
    for (name, base) in examples() {
        let items = base.timeline.len() + base.factors.len() + base.actions.len();
        for n in 0..items {
            let mut doc = base.clone();
            let mut terms = Vec::new();
            for action in &mut doc.actions {
                action.public = true;
            }
            let secret = if n < doc.timeline.len() {
                doc.timeline[n].private = true;
                doc.timeline[n].text.clone()
            } else if n < doc.timeline.len() + doc.factors.len() {
                let f = &mut doc.factors[n - doc.timeline.len()];
                f.private = true;
                f.text.clone()
            } else {
                let a = &mut doc.actions[n - doc.timeline.len() - doc.factors.len()];
                a.private = true;
                a.title.clone()
            };
            terms.extend(doc.meta.services.iter().cloned());
            doc.meta.private_terms = terms.clone();
            doc.meta.roster = vec!["Dana Reyes".into()];
            match customer(&doc, &Privacy::default()) {
                Ok(text) => {
                    let lower = text.to_lowercase();
                    assert!(!lower.contains(&secret.to_lowercase()), "{name}: item {n}");
                    for term in &terms {
                        // As a word: "EKS" is not in "weeks".
                        let word = regex::Regex::new(&format!("(?i)\\b{}\\b", regex::escape(term)))
                            .expect("regex");
                        assert!(!word.is_match(&text), "{name}: term {term} in\n{text}");
                    }
                    assert!(!lower.contains("dana reyes"), "{name}");
                }
                Err(leaks) => assert!(!leaks.is_empty()),
            }
        }
    }
}

#[test]
fn the_customer_wording_is_checked_for_blame_and_jargon() {
    let mut doc = checkout();
    doc.summary = "The engineer failed to check the 5xx rate before the deploy.".into();
    let advice = debrief::export::customer_wording(&doc, &LintConfig::default());
    let said: Vec<String> = advice.iter().map(ToString::to_string).collect();
    assert!(
        advice
            .iter()
            .any(|a| a.part == "summary" && a.advice.contains("(blame/")),
        "{said:#?}"
    );
    for word in ["5xx", "deploy"] {
        assert!(
            advice
                .iter()
                .any(|a| a.part == "summary" && a.excerpt == word && a.advice.contains("jargon")),
            "{word}: {said:#?}"
        );
    }
    // Advice, not refusal: the export is still written.
    assert!(customer(&doc, &Privacy::default()).is_ok());
}

#[test]
fn a_customer_summary_replaces_the_summary_for_customers_only() {
    let mut doc = checkout();
    doc.customer_summary =
        "On 24 November checkout failed for 85 minutes. No payment was taken for a failed order."
            .into();
    let text = customer(&doc, &Privacy::default()).expect("written");
    assert!(text.contains("No payment was taken"), "{text}");
    assert!(!text.contains("GMV"), "the internal summary is not used");
    assert!(
        !markdown(&doc).contains("No payment was taken"),
        "not in the internal export"
    );
    assert!(
        exec(&doc).contains("GMV"),
        "exec keeps the internal summary"
    );
    // It is checked like any other shown text.
    doc.customer_summary.push_str(" Dana Reyes is on it.");
    doc.meta.roster = vec!["Dana Reyes".into()];
    let leaks = customer(&doc, &Privacy::default()).expect_err("leak");
    assert_eq!(leaks[0].found, "customer_summary");
}
