//! What the rules need to know about a document beyond the item being
//! checked: the people it names (roster), the words it allows, thresholds.
//! Built once per document and rebuilt only when those inputs change.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::Duration;

use super::lexicon::Lexicon;
use super::text::Prose;
use crate::model::Postmortem;

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
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            allow: Vec::new(),
            roster: Vec::new(),
            gap_threshold: Duration::minutes(30),
            max_quick_actions: 5,
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
/// timeline actors. Only entries that look like people join the roster.
fn maybe_people(doc: &Postmortem) -> impl Iterator<Item = &str> {
    doc.actions
        .iter()
        .map(|a| a.owner.as_str())
        .chain(doc.timeline.iter().map(|e| e.actor.as_str()))
}

fn allow_sources(doc: &Postmortem) -> impl Iterator<Item = &str> {
    doc.meta
        .allow
        .iter()
        .chain(&doc.meta.services)
        .map(String::as_str)
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

    /// Compiles the context of `doc`.
    pub fn new(doc: &Postmortem, config: &LintConfig) -> Context {
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

        let mut names = HashSet::new();
        let mut handles = HashSet::new();
        for entry in named.chain(config.roster.iter().map(String::as_str)) {
            collect_person(entry, true, lex, &allow_words, &mut names, &mut handles);
        }
        for entry in maybe {
            collect_person(entry, false, lex, &allow_words, &mut names, &mut handles);
        }
        let build = |set: HashSet<String>, insensitive: bool| {
            let mut patterns: Vec<String> = set.into_iter().collect();
            patterns.sort();
            (!patterns.is_empty()).then(|| {
                AhoCorasickBuilder::new()
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
        }
    }

    /// Whether a word is on the allow list (or a service name).
    pub(crate) fn allows(&self, word: &str) -> bool {
        !self.allow_words.is_empty() && self.allow_words.contains(&word.to_lowercase())
    }
}

/// Adds the names and handles of one roster entry that look like a person.
/// Roles, teams and systems ("SRE team", "@db-team", "PagerDuty") are skipped.
fn collect_person(
    entry: &str,
    explicit: bool,
    lex: &Lexicon,
    allow: &HashSet<String>,
    names: &mut HashSet<String>,
    handles: &mut HashSet<String>,
) {
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
                handles.insert(handle.to_lowercase());
            }
        } else if is_role(word.stem()) {
            continue;
        } else if word.is_titlecase() && word.stem().chars().count() >= 2 {
            let lower = word.lower();
            if lex.first_name_set.contains(&lower) || lex.surnames.contains(&lower) {
                looks_like_person = true;
            }
            if !allow.contains(&lower) {
                titlecase.push(word.stem().to_string());
            }
        } else if word.text.chars().all(|c| c.is_ascii_lowercase())
            && word.text.len() >= 3
            && prose.words.len() == 1
        {
            // A bare user name in a roster ("jsmith").
            handles.insert(word.text.to_string());
        }
    }
    // Plain capitalized words count as a person only with a known given or
    // family name among them; otherwise "Prometheus" would become a person.
    if explicit || looks_like_person {
        names.extend(titlecase);
    }
}
