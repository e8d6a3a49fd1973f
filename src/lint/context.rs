//! What the rules need to know about a document beyond the item being
//! checked: the people it names (roster), the words it allows, thresholds.
//! Built once per document and rebuilt only when those inputs change.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use chrono::Duration;

use super::Severity;
use super::levels::Level;
use super::lexicon::Lexicon;
use super::rule::RuleId;
use super::text::Prose;
use crate::model::{ActorKind, DocLint, Event, Postmortem, Suppression};

/// Settings from outside the document (a config file, the command line).
#[derive(Debug, Clone)]
pub struct LintConfig {
    /// Words the blameless rules must accept, in addition to `meta.allow`.
    pub allow: Vec<String>,
    /// A team roster: names and handles of people, in addition to the
    /// document's own.
    pub roster: Vec<String>,
    /// Timeline gaps longer than this become questions.
    pub gap_threshold: Duration,
    /// The most action items a quick or SEV-3/4 document should have.
    pub max_quick_actions: usize,
    /// Sign-off roles a final document must have (`reviewer`, `approver`,
    /// …; from the repository's `debrief.toml`, `[review] required`).
    pub required_signoffs: Vec<String>,
    /// Per-rule levels (`[lint.rules]`): off, or the severity to report at.
    pub levels: BTreeMap<RuleId, Level>,
    /// Findings below this severity are not reported (`lint --min-level`).
    pub min_severity: Severity,
    /// Findings accepted with a reason (the document's `[[lint.suppress]]`,
    /// joined by [`Context::new`]).
    pub suppress: Vec<Suppression>,
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            allow: Vec::new(),
            roster: Vec::new(),
            gap_threshold: Duration::minutes(30),
            max_quick_actions: 5,
            required_signoffs: Vec::new(),
            levels: BTreeMap::new(),
            min_severity: Severity::Info,
            suppress: Vec::new(),
        }
    }
}

/// The compiled per-document lint context.
pub struct Context {
    pub(crate) config: LintConfig,
    /// Lower-case words of `meta.allow`, `meta.services` and the config allow list.
    pub(crate) allow_words: HashSet<String>,
    /// Capitalized roster names (case-sensitive).
    pub(crate) roster_names: Option<AhoCorasick>,
    /// Roster handles (case-insensitive, with or without `@`).
    pub(crate) roster_handles: Option<AhoCorasick>,
    fingerprint: u64,
    /// How many roster entries yield each name and handle, so that adding
    /// or removing one actor or owner tells whether the roster changed.
    votes: HashMap<RosterKey, usize>,
    /// Keys whose vote count went to or from zero since the last
    /// [`Context::take_roster_change`], with whether each was in the roster
    /// before.
    crossed: HashMap<RosterKey, bool>,
}

/// One name or handle of the roster.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum RosterKey {
    /// A capitalized name, matched case-sensitively.
    Name(String),
    /// A handle, matched case-insensitively.
    Handle(String),
}

/// People the document names explicitly: its roster, authors, reviewers and
/// sign-off names.
fn named_people(doc: &Postmortem) -> impl Iterator<Item = &str> {
    let meta = &doc.meta;
    meta.roster
        .iter()
        .chain(&meta.authors)
        .chain(&meta.reviewers)
        .map(String::as_str)
        .chain(doc.sign_off.iter().map(|s| s.name.as_str()))
}

/// Fields that may hold a person or a role/system: action owners and
/// timeline actors not marked as systems. Only entries that look like
/// people join the roster.
fn maybe_people(doc: &Postmortem) -> impl Iterator<Item = &str> {
    doc.actions
        .iter()
        .map(|a| a.owner.as_str())
        .chain(doc.timeline.iter().filter_map(|e| event_person(e)))
}

/// The actor of `event` when it may be a person (not marked a system).
pub(crate) fn event_person(event: &Event) -> Option<&str> {
    (event.actor_kind != ActorKind::System).then_some(event.actor.as_str())
}

/// Words the rules accept: the allow list, the services, and the names of
/// actors marked as systems (a host or program is never a person).
fn allow_sources(doc: &Postmortem) -> impl Iterator<Item = &str> {
    doc.meta
        .allow
        .iter()
        .chain(&doc.meta.services)
        .map(String::as_str)
        .chain(
            doc.timeline
                .iter()
                .filter(|e| e.actor_kind == ActorKind::System)
                .map(|e| e.actor.as_str()),
        )
}

impl Context {
    /// A context for free prose with no document (what `lint-text` uses).
    pub fn for_text(config: &LintConfig) -> Context {
        Context::build(
            config,
            std::iter::empty(),
            std::iter::empty(),
            std::iter::empty(),
            0,
        )
    }

    /// Compiles the context of `doc`: `config` with the document's own
    /// `[lint]` over it (its rule levels win; unknown ids are left out,
    /// `debrief lint` reports them) and its suppressions.
    pub fn new(doc: &Postmortem, config: &LintConfig) -> Context {
        let joined;
        let config = if doc.lint.is_empty() {
            config
        } else {
            joined = with_document(config, &doc.lint);
            &joined
        };
        Context::build(
            config,
            named_people(doc),
            maybe_people(doc),
            allow_sources(doc),
            Context::fingerprint_of(doc),
        )
    }

    /// A hash of everything the context is built from. When it differs from
    /// [`Context::fingerprint`], rebuild the context (and re-lint everything).
    pub fn fingerprint_of(doc: &Postmortem) -> u64 {
        let mut hasher = DefaultHasher::new();
        for s in named_people(doc).chain(maybe_people(doc)) {
            s.hash(&mut hasher);
        }
        0xff_u8.hash(&mut hasher);
        for s in allow_sources(doc) {
            s.hash(&mut hasher);
        }
        doc.lint.hash(&mut hasher);
        hasher.finish()
    }

    /// A hash of what the document declares for the context: its named
    /// people (roster, authors, reviewers, sign-off), its allow list and
    /// services. Actors and owners are left out (the live linter follows
    /// them one item at a time), so this costs nothing per event.
    pub(crate) fn declared_fingerprint_of(doc: &Postmortem) -> u64 {
        let mut hasher = DefaultHasher::new();
        for s in named_people(doc) {
            s.hash(&mut hasher);
        }
        0xff_u8.hash(&mut hasher);
        for s in doc.meta.allow.iter().chain(&doc.meta.services) {
            s.hash(&mut hasher);
        }
        doc.lint.hash(&mut hasher);
        hasher.finish()
    }

    /// The fingerprint this context was built from.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// True when `doc`'s roster or allow list changed since this was built.
    pub fn is_stale(&self, doc: &Postmortem) -> bool {
        Context::fingerprint_of(doc) != self.fingerprint
    }

    /// The settings in force.
    pub fn config(&self) -> &LintConfig {
        &self.config
    }

    fn build<'a>(
        config: &'a LintConfig,
        named: impl Iterator<Item = &'a str>,
        maybe: impl Iterator<Item = &'a str>,
        allow: impl Iterator<Item = &'a str>,
        fingerprint: u64,
    ) -> Context {
        let lex = Lexicon::get();
        let mut allow_words = HashSet::new();
        for entry in allow.chain(config.allow.iter().map(String::as_str)) {
            allow_words.insert(entry.trim().to_lowercase());
            for word in entry.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '_') {
                if !word.is_empty() {
                    allow_words.insert(word.to_lowercase());
                }
            }
        }

        // Equal entries are counted first and their keys found once: a
        // timeline of 100,000 events names a few dozen actors.
        let mut entries: HashMap<(&str, bool), usize> = HashMap::new();
        let explicit = named
            .chain(config.roster.iter().map(String::as_str))
            .map(|entry| (entry, true));
        for entry in explicit.chain(maybe.map(|entry| (entry, false))) {
            *entries.entry(entry).or_default() += 1;
        }
        let mut votes: HashMap<RosterKey, usize> = HashMap::new();
        for ((entry, explicit), count) in entries {
            for key in person_keys(entry, explicit, lex, &allow_words) {
                *votes.entry(key).or_default() += count;
            }
        }
        let mut names = Vec::new();
        let mut handles = Vec::new();
        for key in votes.keys() {
            match key {
                RosterKey::Name(name) => names.push(name.clone()),
                RosterKey::Handle(handle) => handles.push(handle.clone()),
            }
        }
        let build = |mut patterns: Vec<String>, insensitive: bool| {
            patterns.sort();
            (!patterns.is_empty()).then(|| {
                // Never a DFA: building one takes time quadratic in a long
                // pattern (a 1 MB "name" would take minutes); the NFA is
                // built and searched in linear time.
                AhoCorasickBuilder::new()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .ascii_case_insensitive(insensitive)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })?
        };
        Context {
            config: config.clone(),
            allow_words,
            roster_names: build(names, false),
            roster_handles: build(handles, true),
            fingerprint,
            votes,
            crossed: HashMap::new(),
        }
    }

    /// Counts one more (`added`) or one fewer actor or owner `entry`. The
    /// compiled roster is left as it is; [`Context::take_roster_change`]
    /// says whether it no longer matches the counts.
    pub(crate) fn count_person(&mut self, entry: &str, added: bool) {
        for key in person_keys(entry, false, Lexicon::get(), &self.allow_words) {
            let votes = self.votes.entry(key.clone()).or_default();
            let was_present = *votes > 0;
            if added {
                *votes += 1;
            } else {
                *votes = votes.saturating_sub(1);
            }
            if (*votes > 0) != was_present {
                self.crossed.entry(key).or_insert(was_present);
            }
        }
    }

    /// Whether the roster the counts describe differs from the one compiled
    /// (then the context must be rebuilt and every item re-linted); forgets
    /// the crossings seen so far.
    pub(crate) fn take_roster_change(&mut self) -> bool {
        let votes = &self.votes;
        let changed = self
            .crossed
            .drain()
            .any(|(key, was_present)| votes.get(&key).is_some_and(|v| *v > 0) != was_present);
        self.votes.retain(|_, v| *v > 0);
        changed
    }

    /// Whether a word is on the allow list (or a service name).
    pub(crate) fn allows(&self, word: &str) -> bool {
        !self.allow_words.is_empty() && self.allow_words.contains(&word.to_lowercase())
    }
}

/// `config` with a document's `[lint]` joined: its levels over the
/// config's (an id over its family within the document's table), its
/// suppressions added.
fn with_document(config: &LintConfig, lint: &DocLint) -> LintConfig {
    let mut config = config.clone();
    let known = lint
        .rules
        .iter()
        .filter(|(key, _)| super::levels::rules_named(key).is_ok())
        .map(|(key, level)| (key.clone(), *level))
        .collect();
    if let Ok(levels) = super::levels::resolve(&known) {
        config.levels.extend(levels);
    }
    config.suppress.extend(lint.suppress.iter().cloned());
    config
}

/// The names and handles one roster entry adds, if it looks like a person.
/// Roles, teams and systems ("SRE team", "@db-team", "PagerDuty") add none.
fn person_keys(
    entry: &str,
    explicit: bool,
    lex: &Lexicon,
    allow: &HashSet<String>,
) -> Vec<RosterKey> {
    let mut keys = Vec::new();
    let prose = Prose::new(entry);
    let is_role = |w: &str| {
        let w = w.to_lowercase();
        lex.person_nouns.contains(&w)
            || lex.system_nouns.contains(&w)
            || lex.role_handle_parts.contains(&w)
            || lex.we_pronouns.contains(&w)
    };
    let mut looks_like_person = false;
    let mut titlecase = Vec::new();
    for word in &prose.words {
        if let Some(handle) = word.text.strip_prefix('@') {
            let parts: Vec<&str> = handle.split(['-', '_', '.']).collect();
            if !parts.iter().all(|p| is_role(p)) && !allow.contains(&handle.to_lowercase()) {
                keys.push(RosterKey::Handle(handle.to_lowercase()));
            }
        } else if is_role(word.stem()) {
            continue;
        } else if word.is_titlecase() && word.stem().chars().count() >= 2 {
            let lower = word.lower();
            if lex.first_name_set.contains(&lower) || lex.surnames.contains(&lower) {
                looks_like_person = true;
            }
            if !allow.contains(&lower) {
                titlecase.push(RosterKey::Name(word.stem().to_string()));
            }
        } else if word.text.chars().all(|c| c.is_ascii_lowercase())
            && word.text.len() >= 3
            && prose.words.len() == 1
        {
            // A bare user name in a roster ("jsmith").
            keys.push(RosterKey::Handle(word.text.to_string()));
        }
    }
    // Plain capitalized words count as a person only with a known given or
    // family name among them; otherwise "Prometheus" would become a person.
    if explicit || looks_like_person {
        keys.extend(titlecase);
    }
    keys
}
