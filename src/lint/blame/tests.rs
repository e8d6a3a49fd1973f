//! Tests of the prose scan.

use super::*;
use crate::lint::LintConfig;
use crate::lint::rule;

fn rules_in(text: &str) -> Vec<RuleId> {
    let ctx = Context::for_text(&LintConfig::default());
    scan(text, &ctx, ScanOptions::default())
        .into_iter()
        .map(|h| h.rule)
        .collect()
}

fn flags(text: &str, rule: RuleId) -> bool {
    rules_in(text).contains(&rule)
}

fn clean(text: &str) {
    assert!(
        rules_in(text).is_empty(),
        "{text:?} flagged {:?}",
        rules_in(text)
    );
}

#[test]
fn named_individuals() {
    let rule = NAMED_INDIVIDUAL;
    assert!(flags("Alice restarted the pods.", rule));
    assert!(flags(
        "The outage began when Priya merged her change.",
        rule
    ));
    assert!(flags("@sam-ops force-pushed the branch.", rule));
    assert!(flags(
        "According to the log, jsmith edited the rules.",
        rule
    ));
    assert!(flags("Mr. Patel approved the deploy.", rule));
    assert!(flags("Nina's script wiped the bucket.", rule));
    // Role nouns, role handles, products, places, emails are fine.
    clean("The on-call engineer restarted the pods.");
    clean("Paged @db-team and @oncall-engineer at 14:02.");
    clean("Ada, our internal deployment bot, paused the rollout.");
    clean("Cassandra is a distributed data store.");
    clean("Customers in the Sydney region saw errors.");
    clean("We will ask Jenkins to retry the build.");
    clean("Mail ops@example.com for access.");
    clean("The Jordan Valley datacenter lost power.");
}

#[test]
fn names_use_roster_and_allow_list() {
    let mut doc = crate::model::Postmortem::new(crate::model::Kind::Incident, "t");
    doc.meta.roster = vec!["Zhao Lei".into(), "@qbert".into()];
    doc.meta.allow = vec!["Sarah".into()];
    let ctx = Context::new(&doc, &LintConfig::default());
    let rules = |t: &str| -> Vec<RuleId> {
        scan(t, &ctx, ScanOptions::default())
            .into_iter()
            .map(|h| h.rule)
            .collect()
    };
    assert_eq!(rules("Zhao restarted the pods."), [NAMED_INDIVIDUAL]);
    assert_eq!(rules("Then qbert restarted the pods."), [NAMED_INDIVIDUAL]);
    assert!(rules("Sarah, the deploy service, restarted the pods.").is_empty());
    assert!(rules("Sarah restarted the pods.").is_empty());
}

#[test]
fn name_fix_keeps_case_and_possessive() {
    let ctx = Context::for_text(&LintConfig::default());
    let hits = scan(
        "Nina's script ran. Then Bob left.",
        &ctx,
        ScanOptions::default(),
    );
    let fixes: Vec<_> = hits.iter().filter_map(|h| h.fix.clone()).collect();
    assert_eq!(fixes, ["The on-call engineer's", "the on-call engineer"]);
}

#[test]
fn human_error() {
    let rule = rule::HUMAN_ERROR;
    assert!(flags("The root cause was human error.", rule));
    assert!(flags("An operator error corrupted the index.", rule));
    assert!(flags(
        "The on-call engineer's error turned a blip into an outage.",
        rule
    ));
    assert!(flags(
        "The outage was caused by a mistake by the deployment team.",
        rule
    ));
    assert!(flags("It was the release manager's fault.", rule));
    clean("User error rates spiked to 12%.");
    clean("This was not human error; the tool accepted an invalid region.");
    clean("Servers were removed by mistake because the tool accepted the input.");
    clean("The database's failure to elect a leader stalled writes.");
}

#[test]
fn counterfactuals() {
    let rule = rule::COUNTERFACTUAL;
    assert!(flags(
        "The developer should have tested the migration.",
        rule
    ));
    assert!(flags("She should never have run that query.", rule));
    assert!(flags("The author could have written a test.", rule));
    assert!(flags(
        "A more experienced operator would have noticed.",
        rule
    ));
    assert!(flags(
        "Properly reviewing the plan would have revealed the destroy.",
        rule
    ));
    assert!(flags("If only someone had looked at the dashboard.", rule));
    assert!(flags(
        "Had the on-call checked the graph, the outage would have been shorter.",
        rule
    ));
    clean("The deploy should have taken 5 minutes but took 40.");
    clean("The canary would have caught the regression, but the service was not enrolled.");
    clean("Monitoring that would have provided visibility depended on Consul.");
    clean("If you had asked us before March, we would have struggled to answer.");
    clean("This could have caused data loss if the replica had been promoted.");
}

#[test]
fn failed_to_and_didnt_need_a_person() {
    let rule = rule::BLAME_VERB;
    assert!(flags(
        "The responder failed to communicate status updates.",
        rule
    ));
    assert!(flags("Bob didn't check the replica lag.", rule));
    assert!(flags("The deleting team didn't notice this.", rule));
    clean("The health check failed to respond within 2 seconds.");
    clean("The config validator failed to reject the malformed YAML.");
    clean("Engineers on call did not have access to the console.");
    clean("The dashboard did not indicate the dependency.");
    clean("With this incident, we failed you.");
}

#[test]
fn blame_verbs() {
    let rule = rule::BLAME_VERB;
    assert!(flags("The engineer ignored the alert.", rule));
    assert!(flags("The alert was ignored for two hours.", rule));
    assert!(flags("The team neglected to update the runbook.", rule));
    assert!(flags(
        "An engineer carelessly copied the credentials.",
        rule
    ));
    assert!(flags(
        "The backend team dropped the ball on capacity.",
        rule
    ));
    assert!(flags("The reviewer rubber-stamped the pull request.", rule));
    clean("The job forgot its lease after the coordinator restarted.");
    clean("The header was ignored by the proxy.");
    clean("The load balancer ignored the drain signal due to a bug.");
}

#[test]
fn judgments() {
    let rule = rule::JUDGMENT;
    assert!(flags(
        "Clearly the engineer didn't understand replication.",
        rule
    ));
    assert!(flags("The operator was obviously distracted.", rule));
    assert!(flags("The rollout plan the team wrote was naive.", rule));
    assert!(flags("They just had to look at the graph.", rule));
    assert!(flags("This is what happens when people cut corners.", rule));
    clean("Unexpected records cannot simply be discarded.");
    clean("The graph clearly showed the spike, and the on-call engineer rolled back.");
    clean("The fix was just a one-line change to the timeout.");
    clean("A naive retry loop amplified the load.");
}

#[test]
fn hindsight() {
    let rule = rule::HINDSIGHT;
    assert!(flags(
        "In retrospect, the team should have acted on the signs.",
        rule
    ));
    assert!(flags(
        "It's easy to see now that the operator misread the alert.",
        rule
    ));
    assert!(flags(
        "The engineer should have known the cache would expire.",
        rule
    ));
    clean("In hindsight, the alert threshold was too high to catch a slow leak.");
    clean("It is clear from the logs that the pool was exhausted at 14:03.");
}

#[test]
fn code_urls_and_markers_are_skipped() {
    clean("Ran `sarah --force` per https://example.com/Alice/runbook.");
    let ctx = Context::for_text(&LintConfig::default());
    let findings = crate::lint::lint_prose(
        "Alice restarted it. <!-- debrief-ignore blame/named-individual -->",
        &ctx,
    );
    assert!(findings.is_empty());
}

#[test]
fn adverb_fix_deletes_word_and_space() {
    let ctx = Context::for_text(&LintConfig::default());
    let text = "An engineer carelessly copied it.";
    let hit = scan(text, &ctx, ScanOptions::default())
        .into_iter()
        .find(|h| h.rule == rule::BLAME_VERB)
        .expect("hit");
    let mut fixed = text.to_string();
    fixed.replace_range(hit.range, hit.fix.as_deref().unwrap_or("?"));
    assert_eq!(fixed, "An engineer copied it.");
}

#[test]
fn grammar_judgment_and_care() {
    assert!(flags("The operator acted inattentively.", rule::JUDGMENT));
    assert!(flags("The reviewers showed complacency.", rule::JUDGMENT));
    assert!(flags("The SREs were not careful enough.", rule::JUDGMENT));
    assert!(flags(
        "A lack of basic diligence by the team.",
        rule::JUDGMENT
    ));
    assert!(flags(
        "Closer attention from the reviewer would have caught it.",
        rule::COUNTERFACTUAL
    ));
    clean("A careful review of the logs showed the first error.");
    clean("The on-call had no knowledge of the migration.");
    clean("The failure mode was not obvious from the dashboard.");
    clean("We now have a better understanding of the failure modes.");
}

#[test]
fn grammar_groups_obligations_and_systems() {
    assert!(flags(
        "Release management failed to announce it.",
        rule::BLAME_VERB
    ));
    assert!(flags("Support ignored the reports.", rule::BLAME_VERB));
    assert!(flags("Finance bungled the renewal.", rule::BLAME_VERB));
    assert!(flags(
        "The SRE was supposed to verify the target.",
        rule::COUNTERFACTUAL
    ));
    assert!(flags(
        "The operators needed to double-check it.",
        rule::COUNTERFACTUAL
    ));
    clean("The job was supposed to run hourly.");
    clean("The patch needed to be applied to every shard.");
    clean("Engineers needed to restart the pods to apply the fix.");
    clean("The team missed its SLO for the quarter.");
    clean("Postgres ignored the setting after the reload.");
    clean("systemd missed the watchdog deadline twice.");
    clean("Had the breaker opened, the callers would have failed fast.");
}

#[test]
fn grammar_hindsight_and_human_error() {
    assert!(flags(
        "It's obvious the queue would overflow.",
        rule::HINDSIGHT
    ));
    assert!(flags(
        "The outage was totally preventable.",
        rule::HINDSIGHT
    ));
    assert!(flags(
        "It could trivially have been caught.",
        rule::HINDSIGHT
    ));
    assert!(flags(
        "A quick grep would have shown the typo.",
        rule::HINDSIGHT
    ));
    assert!(flags("Any experienced DBA knows this.", rule::HINDSIGHT));
    assert!(flags("They saw it coming weeks ago.", rule::HINDSIGHT));
    assert!(flags("Classic layer 8 problem.", rule::HUMAN_ERROR));
    assert!(flags(
        "A slip by the operator took the site down.",
        rule::HUMAN_ERROR
    ));
    assert!(flags(
        "The fault lay with the developers, not the tooling.",
        rule::HUMAN_ERROR
    ));
    clean("This was not an operator mistake: the prompt accepted any name.");
    clean("Errors from the developer portal rose to 3%.");
    clean("Looking back at the graphs, latency rose at 14:02.");
    clean("The signal was easy to miss on a busy dashboard.");
}

#[test]
fn system_actors_are_never_people() {
    use crate::model::{ActorKind, Event, Kind, Postmortem};
    let mut doc = Postmortem::new(Kind::Incident, "t");
    let at = chrono::DateTime::parse_from_rfc3339("2025-02-09T10:00:00Z").expect("time");
    let mut event = Event::new("T1", at, "Martin restarted the worker pool.");
    event.actor = "Martin".into();
    event.actor_kind = ActorKind::System;
    doc.timeline.push(Box::new(event.clone()));
    let ctx = Context::new(&doc, &LintConfig::default());
    let findings = crate::lint::lint_event(&doc.timeline[0], 0, &ctx);
    assert!(findings.is_empty(), "{findings:?}");
    // The same actor as a person is a named individual, with the role rewrite.
    doc.timeline[0].actor_kind = ActorKind::Person;
    let ctx = Context::new(&doc, &LintConfig::default());
    let findings = crate::lint::lint_event(&doc.timeline[0], 0, &ctx);
    assert!(findings.iter().any(|f| f.rule == NAMED_INDIVIDUAL));
    // Known program names are systems wherever they appear.
    clean("systemd restarted nginx after the kernel killed postgres.");
}
