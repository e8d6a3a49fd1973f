//! The rule data under `assets/lint/`, parsed once and compiled into
//! Aho-Corasick automata (one for all the phrase lists).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use foldhash::fast::RandomState;
use serde::Deserialize;

use super::rule::RuleId;

const WORDS: &str = include_str!("../../assets/lint/words.toml");
const BLAME: &str = include_str!("../../assets/lint/blame.toml");
const FIRST_NAMES: &str = include_str!("../../assets/lint/first-names.txt");
const SURNAMES: &str = include_str!("../../assets/lint/surnames.txt");
const VAGUE: &str = include_str!("../../assets/lint/vague-actions.toml");
const GRAMMAR: &str = include_str!("../../assets/lint/grammar.toml");
const SYSTEM_NAMES: &str = include_str!("../../assets/lint/system-names.txt");

/// A set of lower-case words. The rules look words up in these sets many
/// times per word of every text, so they hash with foldhash (fast on short
/// keys) rather than SipHash; the keys are our own word lists, never input.
pub(crate) type WordSet = HashSet<String, RandomState>;

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
struct GrammarFile {
    judgment_stems: Vec<String>,
    person_judgment: Vec<String>,
    care_adjectives: Vec<String>,
    care_nouns: Vec<String>,
    competence_nouns: Vec<String>,
    blame_nouns: Vec<String>,
    lack_words: Vec<String>,
    more_words: Vec<String>,
    noun_fillers: Vec<String>,
    error_nouns: Vec<String>,
    choice_nouns: Vec<String>,
    bad_choice: Vec<String>,
    group_nouns: Vec<String>,
    function_nouns: Vec<String>,
    obligations: Vec<String>,
    hindsight_adjectives: Vec<String>,
    ease_adverbs: Vec<String>,
    simple_modifiers: Vec<String>,
    standard_adjectives: Vec<String>,
    hindsight_idioms: Vec<String>,
    human_error_idioms: Vec<String>,
    contrast_systems: Vec<String>,
    failure_verbs: Vec<String>,
    targets: Vec<String>,
    hindsight_markers: Vec<String>,
    hindsight_judges: Vec<String>,
}

/// Word sequences keyed by their first word, for matching at a word.
#[derive(Default)]
pub(crate) struct Phrases {
    by_first: HashMap<String, Vec<Vec<String>>, RandomState>,
}

impl Phrases {
    fn new(phrases: Vec<String>) -> Phrases {
        let mut by_first: HashMap<String, Vec<Vec<String>>, RandomState> = HashMap::default();
        for phrase in phrases {
            let words: Vec<String> = phrase
                .to_lowercase()
                .split_whitespace()
                .map(String::from)
                .collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        // Longest first, so the longest phrase at a word wins.
        for list in by_first.values_mut() {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        Phrases { by_first }
    }

    /// The first word of every phrase.
    fn first_words(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// Every phrase, words joined by spaces.
    pub fn all(&self) -> Vec<String> {
        self.by_first
            .values()
            .flatten()
            .map(|words| words.join(" "))
            .collect()
    }

    /// The phrases that start with `first` (lower case).
    pub fn starting_with(&self, first: &str) -> &[Vec<String>] {
        self.by_first.get(first).map_or(&[], Vec::as_slice)
    }
}

/// The word classes of the grammatical rules (`assets/lint/grammar.toml`).
pub(crate) struct Grammar {
    pub judgment_stems: Vec<String>,
    pub person_judgment: WordSet,
    pub care_adjectives: WordSet,
    pub care_nouns: WordSet,
    pub competence_nouns: WordSet,
    pub blame_nouns: WordSet,
    pub lack_words: WordSet,
    pub more_words: WordSet,
    pub noun_fillers: WordSet,
    pub error_nouns: WordSet,
    pub choice_nouns: WordSet,
    pub bad_choice: WordSet,
    pub group_nouns: WordSet,
    pub function_nouns: WordSet,
    pub obligations: Phrases,
    pub hindsight_adjectives: WordSet,
    pub ease_adverbs: WordSet,
    pub simple_modifiers: WordSet,
    pub standard_adjectives: WordSet,
    pub hindsight_idioms: Phrases,
    pub human_error_idioms: Phrases,
    pub contrast_systems: WordSet,
    pub failure_verbs: WordSet,
    pub targets: WordSet,
    pub hindsight_markers: Phrases,
    pub hindsight_judges: WordSet,
    /// Programs and services (`systemd`, `postgres`): never people.
    pub system_names: WordSet,
    /// Every word at which a grammatical pattern can start, but for the
    /// judgment stems (`opens_pattern`).
    openers: WordSet,
    /// The judgment stems by their first byte.
    stems: Vec<Vec<String>>,
}

impl Grammar {
    fn load() -> Grammar {
        let g: GrammarFile =
            toml::from_str(GRAMMAR).unwrap_or_else(|e| panic!("assets/lint/grammar.toml: {e}"));
        let mut stems = vec![Vec::new(); 256];
        for stem in &g.judgment_stems {
            // An empty stem would start every word: it joins every bucket.
            match stem.as_bytes().first() {
                Some(first) => stems[usize::from(*first)].push(stem.clone()),
                None => stems.iter_mut().for_each(|b| b.push(String::new())),
            }
        }
        let mut grammar = Grammar {
            judgment_stems: g.judgment_stems,
            person_judgment: set(g.person_judgment),
            care_adjectives: set(g.care_adjectives),
            care_nouns: set(g.care_nouns),
            competence_nouns: set(g.competence_nouns),
            blame_nouns: set(g.blame_nouns),
            lack_words: set(g.lack_words),
            more_words: set(g.more_words),
            noun_fillers: set(g.noun_fillers),
            error_nouns: set(g.error_nouns),
            choice_nouns: set(g.choice_nouns),
            bad_choice: set(g.bad_choice),
            group_nouns: set(g.group_nouns),
            function_nouns: set(g.function_nouns),
            obligations: Phrases::new(g.obligations),
            hindsight_adjectives: set(g.hindsight_adjectives),
            ease_adverbs: set(g.ease_adverbs),
            simple_modifiers: set(g.simple_modifiers),
            standard_adjectives: set(g.standard_adjectives),
            hindsight_idioms: Phrases::new(g.hindsight_idioms),
            human_error_idioms: Phrases::new(g.human_error_idioms),
            contrast_systems: set(g.contrast_systems),
            failure_verbs: set(g.failure_verbs),
            targets: set(g.targets),
            hindsight_markers: Phrases::new(g.hindsight_markers),
            hindsight_judges: set(g.hindsight_judges),
            system_names: set(lines(SYSTEM_NAMES)),
            openers: WordSet::default(),
            stems,
        };
        // What `Scan::at_word` looks up first, in each of its rules: the
        // word must be in one of these sets, open one of these phrases, or
        // be one of the words it names.
        let sets = [
            &grammar.person_judgment,
            &grammar.bad_choice,
            &grammar.care_adjectives,
            &grammar.lack_words,
            &grammar.more_words,
            &grammar.error_nouns,
            &grammar.hindsight_adjectives,
            &grammar.failure_verbs,
        ];
        let phrases = [
            &grammar.human_error_idioms,
            &grammar.hindsight_idioms,
            &grammar.hindsight_markers,
            &grammar.obligations,
        ];
        let named = ["not", "rather", "could", "would", "might", "should", "any"];
        let openers = sets
            .into_iter()
            .flatten()
            .chain(phrases.into_iter().flat_map(Phrases::first_words))
            .cloned()
            .chain(named.map(String::from))
            .collect();
        grammar.openers = openers;
        grammar
    }

    /// Whether a grammatical pattern can start at the lower-case word `w`:
    /// one look-up instead of one per rule, for the words (most of them)
    /// where none can.
    pub fn opens_pattern(&self, w: &str) -> bool {
        let stems = w
            .as_bytes()
            .first()
            .map_or(&[][..], |b| &self.stems[usize::from(*b)]);
        stems.iter().any(|s| w.starts_with(s.as_str())) || self.openers.contains(w)
    }
}

#[derive(Deserialize)]
pub(crate) struct ListSpec {
    pub rule: String,
    pub when: When,
    pub phrases: Vec<String>,
}

#[derive(Deserialize)]
pub(crate) struct BlameFile {
    pub list: Vec<ListSpec>,
    #[serde(default)]
    pub fixes: HashMap<String, String>,
}

/// The phrase lists and fixes of `assets/lint/blame.toml`, as written.
pub(crate) fn blame_file() -> BlameFile {
    toml::from_str(BLAME).unwrap_or_else(|e| panic!("assets/lint/blame.toml: {e}"))
}

#[derive(Deserialize)]
struct VagueFile {
    always: Vec<String>,
    unless_measurable: Vec<String>,
    measurable: Vec<String>,
}

/// One phrase list: its rule and its check (its phrases are in
/// [`Lexicon::phrases`]).
pub(crate) struct PhraseList {
    pub rule: RuleId,
    pub when: When,
}

/// Everything the prose rules know, compiled.
pub(crate) struct Lexicon {
    pub person_nouns: WordSet,
    pub we_pronouns: WordSet,
    pub system_nouns: WordSet,
    pub subject_skip: WordSet,
    pub clause_breaks: WordSet,
    pub diligence_verbs: WordSet,
    pub diligence_gerunds: WordSet,
    pub expectation_verbs: WordSet,
    pub name_titles: WordSet,
    pub handle_words: WordSet,
    pub role_handle_parts: WordSet,
    pub error_compounds: WordSet,
    pub lists: Vec<PhraseList>,
    /// The phrases of every list in one automaton, searched once per text
    /// with overlapping matches (ASCII case-insensitive); each list's own
    /// leftmost-longest matches are picked from those (`blame::phrases`).
    pub phrases: AhoCorasick,
    /// The list (index into `lists`) of each pattern of `phrases`.
    pub phrase_list: Vec<usize>,
    pub grammar: Grammar,
    pub fixes: HashMap<String, String, RandomState>,
    /// Capitalized given names, case-sensitive.
    pub first_names: AhoCorasick,
    /// Given names, lower case, for quick membership tests.
    pub first_name_set: WordSet,
    /// The first three bytes of every given name in `first_name_set`: a
    /// word that starts otherwise starts with no name of three letters or
    /// more.
    pub first_name_heads: HashSet<[u8; 3], RandomState>,
    pub surnames: WordSet,
    /// The longest given name and family name, in bytes: a word longer
    /// than both together is no name, and no cut of it needs a look-up.
    pub longest_first_name: usize,
    pub longest_surname: usize,
    pub vague_always: AhoCorasick,
    pub vague_open: AhoCorasick,
    pub measurable: AhoCorasick,
}

fn set(words: Vec<String>) -> WordSet {
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
        let first_name_set: WordSet = names.iter().map(|n| n.to_lowercase()).collect();
        let first_name_heads = first_name_set
            .iter()
            .filter_map(|n| n.as_bytes().first_chunk::<3>().copied())
            .collect();
        let surnames = set(lines(SURNAMES));
        let longest = |set: &WordSet| set.iter().map(String::len).max().unwrap_or(0);
        let (longest_first_name, longest_surname) = (longest(&first_name_set), longest(&surnames));
        let mut patterns = Vec::new();
        let mut phrase_list = Vec::new();
        let lists = blame
            .list
            .into_iter()
            .enumerate()
            .map(|(index, spec)| {
                let phrases = with_curly_apostrophes(&spec.phrases);
                phrase_list.extend(std::iter::repeat_n(index, phrases.len()));
                patterns.extend(phrases);
                PhraseList {
                    rule: RuleId::parse(&spec.rule).unwrap_or_else(|| {
                        panic!("assets/lint/blame.toml: unknown rule {}", spec.rule)
                    }),
                    when: spec.when,
                }
            })
            .collect();
        // Overlapping search needs the standard match kind; a DFA of a few
        // hundred short phrases is small and reads each byte once.
        let phrases = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .unwrap_or_else(|e| panic!("lint phrase lists do not compile: {e}"));
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
            phrases,
            phrase_list,
            grammar: Grammar::load(),
            fixes: blame
                .fixes
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            first_names: automaton(&names, false),
            first_name_set,
            first_name_heads,
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
