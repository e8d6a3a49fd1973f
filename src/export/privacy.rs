//! What a customer export must not show, and the check that refuses one
//! that would: roster entries, people's names, private terms, the text of
//! private items and links to internal hosts. Each finding names the term,
//! where the term comes from and the part of the export that shows it.

use std::fmt;
use std::net::Ipv4Addr;

use crate::model::Postmortem;

/// What a customer export must leave out beyond the document's own marks
/// (`meta.roster`, `meta.private_terms`, `private = true`): the team's
/// settings, and the terms the user allows.
#[derive(Debug, Clone, Default)]
pub struct Privacy {
    /// The config's `[export] private_terms`.
    pub private_terms: Vec<String>,
    /// The config's `[lint] roster` (people's names and handles).
    pub roster: Vec<String>,
    /// Terms the export may show anyway (`--allow`, `[export] allow`),
    /// compared without regard to case.
    pub allow: Vec<String>,
}

/// Why a term must not reach a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeakKind {
    /// An entry of a roster.
    Roster,
    /// A person named in the document (an author, reviewer, owner, actor or
    /// signer that is a handle, a roster entry or a personal name).
    Person,
    /// A private term.
    PrivateTerm,
    /// The text of an item marked private.
    PrivateItem,
    /// A link or host name inside the company network.
    InternalHost,
}

impl LeakKind {
    /// Words for messages.
    pub fn label(self) -> &'static str {
        match self {
            LeakKind::Roster => "roster name",
            LeakKind::Person => "person's name",
            LeakKind::PrivateTerm => "private term",
            LeakKind::PrivateItem => "private item",
            LeakKind::InternalHost => "internal host",
        }
    }
}

/// A term the customer export would show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The term as it was listed (for a private item, its text).
    pub term: String,
    /// Why it must not be shown.
    pub kind: LeakKind,
    /// Where the term comes from: `meta.roster`, `timeline T4 (private)`, …
    pub origin: String,
    /// The part of the export that would show it: `summary`, `actions A3.title`.
    pub found: String,
}

impl fmt::Display for Leak {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut term: String = self.term.chars().take(60).collect();
        if term.len() < self.term.len() {
            term.push('…');
        }
        write!(
            f,
            "{} \"{term}\" (from {}) in {}",
            self.kind.label(),
            self.origin,
            self.found
        )
    }
}

/// A text of the document that an export shows, and its path.
pub(super) struct Shown {
    pub(super) path: String,
    pub(super) text: String,
}

/// A term to look for.
#[derive(Debug)]
struct Term {
    text: String,
    kind: LeakKind,
    origin: String,
}

/// Every leak in `shown`, in the order of the parts, then of the terms.
pub(super) fn leaks(doc: &Postmortem, shown: &[Shown], privacy: &Privacy) -> Vec<Leak> {
    let terms = terms(doc, privacy);
    let allowed: Vec<String> = privacy.allow.iter().map(|a| fold(a)).collect();
    let mut found = Vec::new();
    for part in shown {
        let text = fold(&part.text);
        for term in &terms {
            let folded = fold(&term.text);
            if folded.is_empty() || allowed.contains(&folded) {
                continue;
            }
            if contains_word(&text, &folded) {
                found.push(Leak {
                    term: term.text.clone(),
                    kind: term.kind,
                    origin: term.origin.clone(),
                    found: part.path.clone(),
                });
            }
        }
        for host in internal_hosts(&part.text) {
            if !allowed.contains(&fold(&host)) {
                found.push(Leak {
                    term: host,
                    kind: LeakKind::InternalHost,
                    origin: "a link or host name".into(),
                    found: part.path.clone(),
                });
            }
        }
    }
    found
}

/// The terms of `doc` and `privacy`, each once (its first origin kept).
fn terms(doc: &Postmortem, privacy: &Privacy) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    let mut add = |text: &str, kind: LeakKind, origin: &str| {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() || terms.iter().any(|t| fold(&t.text) == fold(&text)) {
            return;
        }
        terms.push(Term {
            text,
            kind,
            origin: origin.to_string(),
        });
    };
    let rosters = [
        (&doc.meta.roster, "meta.roster"),
        (&privacy.roster, "the config's [lint] roster"),
    ];
    for (list, origin) in rosters {
        for entry in list {
            add(entry, LeakKind::Roster, origin);
            // A handle is written with and without its `@`.
            if let Some(bare) = entry.trim().strip_prefix('@') {
                add(bare, LeakKind::Roster, origin);
            }
        }
    }
    let on_roster = |name: &str| {
        let name = fold(name.trim().trim_start_matches('@'));
        doc.meta
            .roster
            .iter()
            .chain(&privacy.roster)
            .any(|r| fold(r.trim().trim_start_matches('@')) == name)
    };
    let mut people: Vec<(&str, String)> = Vec::new();
    people.extend(
        doc.meta
            .authors
            .iter()
            .map(|a| (a.as_str(), "meta.authors".into())),
    );
    people.extend(
        doc.meta
            .reviewers
            .iter()
            .map(|a| (a.as_str(), "meta.reviewers".into())),
    );
    people.extend(
        doc.actions
            .iter()
            .map(|a| (a.owner.as_str(), format!("actions {}.owner", a.id))),
    );
    people.extend(
        doc.timeline
            .iter()
            // A system (`postgres`, `alertmanager`) is nobody's name.
            .filter(|e| e.actor_kind != crate::model::ActorKind::System)
            .map(|e| (e.actor.as_str(), format!("timeline {}.actor", e.id))),
    );
    // The meeting's attendance is never for customers.
    people.extend(
        doc.meeting
            .attendance
            .iter()
            .map(|a| (a.name.as_str(), "meeting.attendance".into())),
    );
    people.extend(
        doc.sign_off
            .iter()
            .map(|s| (s.name.as_str(), "sign_off.name".into())),
    );
    if let Some(project) = &doc.project {
        people.extend(
            project
                .team
                .iter()
                .map(|t| (t.as_str(), "project.team".into())),
        );
    }
    for (name, origin) in people {
        if is_person(name) || on_roster(name) {
            add(name, LeakKind::Person, &origin);
            if let Some(bare) = name.trim().strip_prefix('@') {
                add(bare, LeakKind::Person, &origin);
            }
        }
    }
    for term in &doc.meta.private_terms {
        add(term, LeakKind::PrivateTerm, "meta.private_terms");
    }
    for term in &privacy.private_terms {
        add(
            term,
            LeakKind::PrivateTerm,
            "the config's [export] private_terms",
        );
    }
    let mut item = |id: &str, list: &str, texts: &[&str]| {
        for text in texts {
            add(
                text,
                LeakKind::PrivateItem,
                &format!("{list} {id} (private)"),
            );
        }
    };
    for e in doc.timeline.iter().filter(|e| e.private) {
        item(&e.id, "timeline", &[&e.text]);
    }
    for w in doc.whys.nodes.iter().filter(|w| w.private) {
        item(&w.id, "whys", &[&w.question, &w.text]);
    }
    for f in doc.factors.iter().filter(|f| f.private) {
        item(&f.id, "factors", &[&f.text, &f.contribution]);
    }
    for a in doc.actions.iter().filter(|a| a.private) {
        item(&a.id, "actions", &[&a.title, &a.notes]);
    }
    terms
}

/// Words that make a name a team, a role or a system rather than a person.
const ROLE_WORDS: [&str; 24] = [
    "team",
    "teams",
    "squad",
    "group",
    "lead",
    "leads",
    "leadership",
    "engineering",
    "support",
    "ops",
    "sre",
    "platform",
    "manager",
    "management",
    "engineer",
    "owner",
    "committee",
    "department",
    "bot",
    "pipeline",
    "service",
    "system",
    "customer",
    "on-call",
];

/// A handle (`@dana`) or a personal name: two to four capitalized words,
/// none of them a team or role word ("Dana Reyes", not "Platform Team").
fn is_person(name: &str) -> bool {
    let name = name.trim();
    if name.starts_with('@') && name.len() > 1 {
        return true;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase)
                && chars.all(|c| c.is_alphabetic() || c == '\'' || c == '-' || c == '.')
                && !ROLE_WORDS.contains(&w.to_lowercase().as_str())
        })
}

/// Lower case with runs of white space as one space.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `needle` occurs in `haystack` as whole words (no letter or digit
/// on either side). Both are folded.
fn contains_word(haystack: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        let edge_ok = |edge: Option<char>, inner: Option<char>| !(word(edge) && word(inner));
        edge_ok(before, needle.chars().next()) && edge_ok(after, needle.chars().next_back())
    })
}

/// Top-level names no public DNS answers for.
const INTERNAL_SUFFIXES: [&str; 9] = [
    "internal",
    "local",
    "corp",
    "lan",
    "intranet",
    "localdomain",
    "home",
    "localhost",
    "private",
];

/// The hosts inside a company network that `text` names: in a link
/// (`http://grafana/…`, any host without a dot), a name under an internal
/// suffix (`db1.corp`, `.internal`, `.local`, …), a private, loopback or
/// link-local IPv4 address (`10.2.3.4`, `192.168.0.1`) or `localhost`.
pub fn internal_hosts(text: &str) -> Vec<String> {
    let separators = |c: char| c.is_whitespace() || "()<>[]{}\"'`,;|*".contains(c);
    let mut hosts: Vec<String> = Vec::new();
    for token in text.split(separators) {
        let (linked, rest) = match token.find("://") {
            Some(at) => (true, &token[at + 3..]),
            None => (false, token),
        };
        let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
        let host = rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .trim_end_matches(['.', ':']);
        // A port is not part of the name.
        let host = host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        });
        if let Some(host) = internal_host(host, linked)
            && !hosts.contains(&host)
        {
            hosts.push(host);
        }
    }
    hosts
}

/// `host` when it names a machine inside a company network; `linked` says
/// it was the host of a URL (where a name without a dot is internal).
pub fn internal_host(host: &str, linked: bool) -> Option<String> {
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    {
        return None;
    }
    if let Ok(ip) = host.parse::<Ipv4Addr>() {
        let inside = ip.is_private() || ip.is_loopback() || ip.is_link_local();
        return inside.then(|| host.to_string());
    }
    let lower = host.to_ascii_lowercase();
    let labels: Vec<&str> = lower.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return None;
    }
    let last = labels.last().copied().unwrap_or_default();
    let internal = if labels.len() == 1 {
        (linked && last.chars().any(|c| c.is_ascii_alphabetic())) || last == "localhost"
    } else {
        INTERNAL_SUFFIXES.contains(&last) || lower.ends_with(".home.arpa")
    };
    internal.then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_hosts_are_found_in_links_and_names() {
        let text = "See http://grafana/d/1, https://wiki.corp/x, db1.internal:5432, \
                    10.1.2.3 and https://status.example.com/ or 8.8.8.8 (e.g. not a host).";
        assert_eq!(
            internal_hosts(text),
            ["grafana", "wiki.corp", "db1.internal", "10.1.2.3"]
        );
        assert!(internal_hosts("http://localhost:8080/ and 192.168.1.1").len() == 2);
        assert!(internal_hosts("version 1.2.3 at 07:14, see www.example.org").is_empty());
    }

    #[test]
    fn people_are_handles_and_personal_names_not_teams() {
        assert!(is_person("@dreyes"));
        assert!(is_person("Dana Reyes"));
        assert!(!is_person("Platform Team"));
        assert!(!is_person("Senior engineer"));
        assert!(!is_person("Eng Leadership + Customer Support"));
        assert!(!is_person("Datadog"));
    }

    #[test]
    fn terms_match_whole_words_only() {
        assert!(contains_word("the redis-cache pool", "redis"));
        assert!(!contains_word("credis pool", "redis"));
        assert!(contains_word("ask @dana today", "@dana"));
        assert!(!contains_word("danager", "dana"));
    }
}

#[cfg(test)]
mod people_tests {
    use super::*;
    use crate::model::{ActorKind, Attendee, Kind};

    #[test]
    fn attendees_are_names_and_system_actors_are_not() {
        let mut doc = Postmortem::new(Kind::Incident, "t");
        doc.meeting.attendance.push(Attendee {
            role: "facilitator".into(),
            name: "Priya Raman".into(),
        });
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z").expect("time");
        let mut event = crate::model::Event::new("T1", at, "The build ran.");
        // A surname, but here the CI server.
        event.actor = "Jenkins".into();
        event.actor_kind = ActorKind::System;
        doc.timeline.push(Box::new(event));
        let terms = terms(&doc, &Privacy::default());
        assert!(
            terms
                .iter()
                .any(|t| t.text == "Priya Raman" && t.origin == "meeting.attendance"),
            "{terms:?}"
        );
        assert!(!terms.iter().any(|t| t.text == "Jenkins"), "{terms:?}");
    }
}
