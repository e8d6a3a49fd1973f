//! The rule data under `assets/lint/`, parsed once and compiled into
//! Aho-Corasick automata (one per phrase list).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

const WORDS: &str = include_str!("../../assets/lint/words.toml");
const BLAME: &str = include_str!("../../assets/lint/blame.toml");
const FIRST_NAMES: &str = include_str!("../../assets/lint/first-names.txt");
const SURNAMES: &str = include_str!("../../assets/lint/surnames.txt");
const VAGUE: &str = include_str!("../../assets/lint/vague-actions.toml");

/// When a phrase match becomes a finding (see `assets/lint/blame.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum When {
    Always,
    PersonInSentence,
    SubjectPerson,
    SubjectPersonOrWe,
    SubjectNotSystem,
    PersonDiligence,
    ShouldHave,
    WouldHave,
    PossessivePerson,
    InvertedHad,
    JustVerb,
}

#[derive(Deserialize)]
struct WordsFile {
    person_nouns: Vec<String>,
    we_pronouns: Vec<String>,
    system_nouns: Vec<String>,
    subject_skip: Vec<String>,
    clause_breaks: Vec<String>,
    diligence_verbs: Vec<String>,
    diligence_gerunds: Vec<String>,
    expectation_verbs: Vec<String>,
    name_titles: Vec<String>,
    handle_words: Vec<String>,
    role_handle_parts: Vec<String>,
    error_compounds: Vec<String>,
}

#[derive(Deserialize)]
struct ListSpec {
    rule: String,
    when: When,
    phrases: Vec<String>,
}

#[derive(Deserialize)]
struct BlameFile {
    list: Vec<ListSpec>,
    #[serde(default)]
    fixes: HashMap<String, String>,
}

#[derive(Deserialize)]
struct VagueFile {
    always: Vec<String>,
    unless_measurable: Vec<String>,
    measurable: Vec<String>,
}

/// One compiled phrase list.
pub(crate) struct PhraseList {
    pub rule: String,
    pub when: When,
    pub automaton: AhoCorasick,
}

/// Everything the prose rules know, compiled.
pub(crate) struct Lexicon {
    pub person_nouns: HashSet<String>,
    pub we_pronouns: HashSet<String>,
    pub system_nouns: HashSet<String>,
    pub subject_skip: HashSet<String>,
    pub clause_breaks: HashSet<String>,
    pub diligence_verbs: HashSet<String>,
    pub diligence_gerunds: HashSet<String>,
    pub expectation_verbs: HashSet<String>,
    pub name_titles: HashSet<String>,
    pub handle_words: HashSet<String>,
    pub role_handle_parts: HashSet<String>,
    pub error_compounds: HashSet<String>,
    pub lists: Vec<PhraseList>,
    pub fixes: HashMap<String, String>,
    /// Capitalized given names, case-sensitive.
    pub first_names: AhoCorasick,
    /// Given names, lower case, for quick membership tests.
    pub first_name_set: HashSet<String>,
    pub surnames: HashSet<String>,
    /// The longest given name and family name, in bytes: a word longer
    /// than both together is no name, and no cut of it needs a look-up.
    pub longest_first_name: usize,
    pub longest_surname: usize,
    pub vague_always: AhoCorasick,
    pub vague_open: AhoCorasick,
    pub measurable: AhoCorasick,
}

fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

/// Both apostrophe spellings of every phrase.
fn with_curly_apostrophes(phrases: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(phrases.len() * 2);
    for p in phrases {
        out.push(p.clone());
        if p.contains('\'') {
            out.push(p.replace('\'', "\u{2019}"));
        }
    }
    out
}

fn automaton(patterns: &[String], case_insensitive: bool) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(case_insensitive)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        // The patterns are a few hundred short literals from our own assets;
        // building cannot exceed the automaton's size limits.
        .unwrap_or_else(|e| panic!("lint word list does not compile: {e}"))
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

impl Lexicon {
    fn load() -> Lexicon {
        // The assets are compiled in and covered by tests: a parse failure is
        // a bug in this repository, not a user-input problem.
        let words: WordsFile =
            toml::from_str(WORDS).unwrap_or_else(|e| panic!("assets/lint/words.toml: {e}"));
        let blame: BlameFile =
            toml::from_str(BLAME).unwrap_or_else(|e| panic!("assets/lint/blame.toml: {e}"));
        let vague: VagueFile =
            toml::from_str(VAGUE).unwrap_or_else(|e| panic!("assets/lint/vague-actions.toml: {e}"));
        let names = lines(FIRST_NAMES);
        let first_name_set: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
        let surnames = set(lines(SURNAMES));
        let longest = |set: &HashSet<String>| set.iter().map(String::len).max().unwrap_or(0);
        let (longest_first_name, longest_surname) = (longest(&first_name_set), longest(&surnames));
        let lists = blame
            .list
            .into_iter()
            .map(|spec| PhraseList {
                automaton: automaton(&with_curly_apostrophes(&spec.phrases), true),
                rule: spec.rule,
                when: spec.when,
            })
            .collect();
        Lexicon {
            person_nouns: set(words.person_nouns),
            we_pronouns: set(words.we_pronouns),
            system_nouns: set(words.system_nouns),
            subject_skip: set(words.subject_skip),
            clause_breaks: set(words.clause_breaks),
            diligence_verbs: set(words.diligence_verbs),
            diligence_gerunds: set(words.diligence_gerunds),
            expectation_verbs: set(words.expectation_verbs),
            name_titles: set(words.name_titles),
            handle_words: set(words.handle_words),
            role_handle_parts: set(words.role_handle_parts),
            error_compounds: set(words.error_compounds),
            lists,
            fixes: blame
                .fixes
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            first_names: automaton(&names, false),
            first_name_set,
            surnames,
            longest_first_name,
            longest_surname,
            vague_always: automaton(&with_curly_apostrophes(&vague.always), true),
            vague_open: automaton(&vague.unless_measurable, true),
            measurable: automaton(&vague.measurable, true),
        }
    }

    /// The shared, lazily built lexicon.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load)
    }
}
