//! The grammatical blameless rules: patterns over word classes and the
//! subject of a clause rather than fixed phrases (`assets/lint/grammar.toml`).
//!
//! - judgment words about people's competence, care or knowledge, their
//!   inflections, care adjectives by their absence ("not careful enough")
//!   and missing care ("a lack of diligence");
//! - hindsight: predicate "obvious/avoidable", ease adverbs in a
//!   counterfactual ("could easily have been avoided"), "a simple check
//!   would have", "any reasonable engineer", idioms with their variants;
//! - counterfactuals without "should have": "more care would have",
//!   obligations of a person ("the operator needed to check");
//! - human error in other words: slang, a person's "mistakes", a person set
//!   against the system;
//! - failure verbs whose subject is a person, a team or a function.

use super::{Hit, Scan, Subject, past_to_base};
use crate::lint::lexicon::{Phrases, WordSet};
use crate::lint::rule::{self, RuleId};

/// Forms of "to be" (and the auxiliaries before a predicate adjective).
fn is_be(word: &str) -> bool {
    matches!(
        word,
        "is" | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "it's"
            | "seems"
            | "seemed"
            | "looked"
            | "looks"
            | "became"
            | "felt"
    )
}

fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not" | "never" | "no" | "hardly" | "insufficiently" | "less" | "nor"
    ) || word.ends_with("n't")
        || word.ends_with("n\u{2019}t")
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "our" | "their" | "his" | "her" | "its" | "this" | "that" | "every"
    )
}

/// `word` is `base` or an inflection of it (`-s`, `-es`, `-ed`, `-d`, `-ing`).
fn inflects(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    let Some(rest) = word.strip_prefix(base) else {
        return base
            .strip_suffix('e')
            .is_some_and(|b| word.strip_prefix(b) == Some("ing"));
    };
    matches!(rest, "s" | "es" | "ed" | "d" | "ing")
}

impl Scan<'_, '_> {
    fn span(&self, rule: RuleId, a: usize, b: usize) -> Hit {
        let words = self.words();
        Hit {
            rule,
            range: words[a].start..words[b].end,
            fix: None,
        }
    }

    /// The end index of `phrase` matched at word `i` (the last word may be
    /// inflected), with no punctuation inside the match.
    fn phrase_at(&self, i: usize, phrase: &[String]) -> Option<usize> {
        let words = self.words();
        let end = i + phrase.len() - 1;
        if end >= words.len() || self.prose.sentence_of[end] != self.prose.sentence_of[i] {
            return None;
        }
        for (k, p) in phrase.iter().enumerate() {
            let j = i + k;
            if k > 0 && self.prose.punctuation_between(j - 1, j) {
                return None;
            }
            let w = self.lw(j);
            let ok = if k + 1 == phrase.len() {
                inflects(w, p)
            } else {
                w == p
            };
            if !ok {
                return None;
            }
        }
        Some(end)
    }

    fn first_phrase_at(&self, i: usize, phrases: &Phrases) -> Option<usize> {
        phrases
            .starting_with(self.lw(i))
            .iter()
            .find_map(|p| self.phrase_at(i, p))
    }

    /// A person, a team, a group or a function is the subject at `i`.
    fn person_subject(&self, i: usize) -> bool {
        self.subject_before(i) == Subject::Person
    }

    /// Word `j` is a person noun, a name or a group.
    fn personish(&self, j: usize) -> bool {
        let lower = self.lw(j);
        self.is_person(j, lower) || self.lex.grammar.group_nouns.contains(lower) || lower == "his"
    }

    /// Skips filler words from `j` on; the first non-filler index.
    fn skip_fillers(&self, mut j: usize, limit: usize) -> usize {
        let end = self.sentence_words(j.min(self.words().len() - 1)).end;
        let g = &self.lex.grammar;
        let mut skipped = 0;
        while j < end && skipped < limit && g.noun_fillers.contains(self.lw(j)) {
            j += 1;
            skipped += 1;
        }
        j
    }

    fn sentence_has(&self, i: usize, set: &WordSet) -> bool {
        self.sentence_words(i).any(|j| set.contains(self.lw(j)))
    }

    fn sentence_has_modal(&self, i: usize) -> bool {
        self.sentence_words(i).any(|j| {
            let w = self.lw(j);
            matches!(
                w,
                "would" | "could" | "might" | "should" | "must" | "needed" | "required"
            ) || w.ends_with("'ve")
                || w.ends_with("\u{2019}ve")
        })
    }

    /// Every grammatical hit in the prose.
    pub(super) fn grammar(&self) -> Vec<Hit> {
        let mut hits = Vec::new();
        for i in 0..self.words().len() {
            if let Some(hit) = self.at_word(i) {
                hits.push(hit);
            }
        }
        hits
    }

    /// The first pattern at word `i`. Each rule below starts from the word
    /// itself; `Grammar::opens_pattern` must accept every word a rule can
    /// start at (a new rule adds its first words there).
    fn at_word(&self, i: usize) -> Option<Hit> {
        if !self.lex.grammar.opens_pattern(self.lw(i)) {
            return None;
        }
        self.idioms(i)
            .or_else(|| self.judgment(i))
            .or_else(|| self.care(i))
            .or_else(|| self.human_error(i))
            .or_else(|| self.hindsight(i))
            .or_else(|| self.obligation(i))
            .or_else(|| self.failure_verb(i))
    }

    fn idioms(&self, i: usize) -> Option<Hit> {
        let g = &self.lex.grammar;
        if let Some(end) = self.first_phrase_at(i, &g.human_error_idioms)
            && !self.negated_before(i)
        {
            return Some(self.span(rule::HUMAN_ERROR, i, end));
        }
        if let Some(end) = self.first_phrase_at(i, &g.hindsight_idioms)
            && !self.negated_before(i)
        {
            return Some(self.span(rule::HINDSIGHT, i, end));
        }
        if let Some(end) = self.first_phrase_at(i, &g.hindsight_markers)
            && (self.person_in_sentence(i)
                || (end + 1..self.sentence_words(i).end)
                    .any(|j| g.hindsight_judges.contains(self.lw(j))))
        {
            return Some(self.span(rule::HINDSIGHT, i, end));
        }
        None
    }

    /// Judgment words about people, and judged choices.
    fn judgment(&self, i: usize) -> Option<Hit> {
        let g = &self.lex.grammar;
        let w = self.lw(i);
        if g.judgment_stems.iter().any(|s| w.starts_with(s.as_str())) && !self.negated_before(i) {
            return Some(self.span(rule::JUDGMENT, i, i));
        }
        if g.person_judgment.contains(w) && !self.negated_before(i) {
            let of_person = self
                .words()
                .get(i + 1)
                .is_some_and(|_| i + 1 < self.sentence_words(i).end && self.personish(i + 1))
                || self.person_subject(i);
            if of_person {
                return Some(self.span(rule::JUDGMENT, i, i));
            }
        }
        if g.bad_choice.contains(w) {
            let next = self.skip_fillers(i + 1, 0);
            if next < self.sentence_words(i).end
                && g.choice_nouns.contains(self.lw(next))
                && (self.person_in_sentence(i) || self.person_subject(i))
            {
                return Some(self.span(rule::JUDGMENT, i, next));
            }
        }
        // "The engineer's ignorance" and the like: a possessive person.
        None
    }

    /// Care by its absence: "not careful enough", "a lack of diligence",
    /// "more care would have prevented".
    fn care(&self, i: usize) -> Option<Hit> {
        let g = &self.lex.grammar;
        let w = self.lw(i);
        let end = self.sentence_words(i).end;
        if g.care_adjectives.contains(w) {
            let start = self.sentence_words(i).start;
            let lacking = (i.saturating_sub(3).max(start)..i).any(|j| {
                let b = self.lw(j);
                is_negation(b) || b == "more"
            });
            if lacking && (self.person_subject(i) || self.person_in_sentence(i)) {
                return Some(self.span(rule::JUDGMENT, i, i));
            }
        }
        let lack = g.lack_words.contains(w);
        let weak = matches!(w, "no" | "zero" | "without" | "little");
        let more = g.more_words.contains(w);
        if (lack || more) && i + 1 < end {
            let j = self.skip_fillers(i + 1, 4);
            let noun = (j < end).then(|| self.lw(j));
            let care = noun.is_some_and(|n| g.care_nouns.contains(n));
            let competence = noun.is_some_and(|n| g.competence_nouns.contains(n));
            if care || (competence && !(lack && weak)) {
                let ours = i > 0 && matches!(self.lw(i - 1), "our" | "we");
                if lack && !ours {
                    return Some(self.span(rule::JUDGMENT, i, j));
                }
                if more && self.sentence_has_modal(i) {
                    return Some(self.span(rule::COUNTERFACTUAL, i, j));
                }
            }
        }
        None
    }

    /// Human error in other words: a person's mistake, a person set
    /// against the system.
    fn human_error(&self, i: usize) -> Option<Hit> {
        let g = &self.lex.grammar;
        let w = self.lw(i);
        let words = self.words();
        let end = self.sentence_words(i).end;
        let start = self.sentence_words(i).start;
        if g.error_nouns.contains(w) && !self.negated_before(i) {
            let compound = i + 1 < end && self.lex.error_compounds.contains(self.lw(i + 1));
            // "operator mistake", "the team's mistakes", "the team's repeated mistakes".
            let owner = (i.saturating_sub(2).max(start)..i)
                .rev()
                .find(|&j| !self.prose.punctuation_between(j, i) && self.personish(j));
            let owner_ok = owner.is_some_and(|j| j + 1 == i || words[j].is_possessive());
            if owner_ok && !compound {
                return owner.map(|j| self.span(rule::HUMAN_ERROR, j, i));
            }
            // "a slip by the person on call", "the mistakes of the release team".
            if i + 1 < end
                && matches!(self.lw(i + 1), "by" | "of" | "from")
                && !self.prose.punctuation_between(i, i + 1)
            {
                let mut j = i + 2;
                let mut steps = 0;
                while j < end && steps < 4 && !self.prose.punctuation_between(j - 1, j) {
                    if self.personish(j) && !words[j].is_possessive() {
                        let modifier = j + 1 < end && {
                            let n = self.lw(j + 1);
                            self.class_contains(&self.lex.system_nouns, n)
                                || g.contrast_systems.contains(n)
                        };
                        if !modifier {
                            return Some(self.span(rule::HUMAN_ERROR, i, j));
                        }
                    }
                    j += 1;
                    steps += 1;
                }
            }
        }
        // "the engineer, not the system": a person set against the system.
        if (w == "not" || (w == "rather" && self.lw((i + 1).min(end - 1)) == "than"))
            && i > start
            && self.personish(i - 1)
            && self.sentence_has(i, &g.blame_nouns)
        {
            let mut j = i + 1;
            while j < end && (is_determiner(self.lw(j)) || self.lw(j) == "than") {
                j += 1;
            }
            if j < end && g.contrast_systems.contains(self.lw(j)) {
                return Some(self.span(rule::HUMAN_ERROR, i - 1, j));
            }
        }
        None
    }

    /// Hindsight by grammar: a foreseeable outcome as predicate, ease
    /// adverbs in a counterfactual, "a simple check would have", "any
    /// reasonable engineer".
    fn hindsight(&self, i: usize) -> Option<Hit> {
        let g = &self.lex.grammar;
        let w = self.lw(i);
        let start = self.sentence_words(i).start;
        let end = self.sentence_words(i).end;
        if g.hindsight_adjectives.contains(w) && !self.negated_before(i) {
            // Walk back over adverbs to a form of "to be".
            let (mut predicate, mut eased) = (false, false);
            let mut j = i;
            while j > start && i - j < 4 && !self.prose.punctuation_between(j - 1, j) {
                j -= 1;
                let b = self.lw(j);
                let text = self.words()[j].text.to_lowercase();
                if is_be(b) || text == "it's" || text == "it\u{2019}s" {
                    predicate = true;
                    break;
                }
                if g.ease_adverbs.contains(b) {
                    eased = true;
                } else if !(b.ends_with("ly") || matches!(b, "quite" | "too" | "all")) {
                    break;
                }
            }
            let attributive = matches!(w, "avoidable" | "preventable" | "foreseeable");
            if predicate || eased || attributive {
                return Some(self.span(rule::HINDSIGHT, i, i));
            }
        }
        // "could easily have been avoided", "would simply have caught".
        if matches!(w, "could" | "would" | "might" | "should") {
            let mut j = i + 1;
            let mut eased = None;
            let mut have = false;
            while j < end && j < i + 5 && !self.prose.punctuation_between(j - 1, j) {
                let b = self.lw(j);
                if g.ease_adverbs.contains(b) && !matches!(b, "so" | "clearly") {
                    eased = Some(j);
                } else if b == "have" || b == "been" {
                    have = true;
                } else {
                    break;
                }
                j += 1;
            }
            if have && let Some(e) = eased {
                return Some(self.span(rule::HINDSIGHT, i, e));
            }
            // "A simple grep would have revealed".
            if have && w != "should" && self.clause_has_simple_subject(i) {
                return Some(self.span(rule::HINDSIGHT, i, j.saturating_sub(1).max(i)));
            }
        }
        // "any reasonable engineer".
        if w == "any" && i + 2 < end {
            let adjective = self.lw(i + 1);
            if g.standard_adjectives.contains(adjective) && self.personish(i + 2) {
                return Some(self.span(rule::HINDSIGHT, i, i + 2));
            }
        }
        None
    }

    fn clause_has_simple_subject(&self, modal: usize) -> bool {
        let start = self.sentence_words(modal).start;
        let mut j = modal;
        while j > start && !self.prose.punctuation_between(j - 1, j) {
            j -= 1;
            let b = self.lw(j);
            if self.lex.clause_breaks.contains(b) {
                return false;
            }
            if self.lex.grammar.simple_modifiers.contains(b) {
                return true;
            }
        }
        false
    }

    /// "The operator needed to check", "the team was supposed to review":
    /// an obligation of a person to an act of care.
    fn obligation(&self, i: usize) -> Option<Hit> {
        let g = &self.lex.grammar;
        let end = self.first_phrase_at(i, &g.obligations)?;
        if !self.person_subject(i) {
            return None;
        }
        let last = self.lw(end);
        let sentence_end = self.sentence_words(i).end;
        let next = (end + 1 < sentence_end).then(|| self.lw(end + 1));
        let blames = if last == "to" {
            match next {
                Some("be") => (end + 2 < sentence_end)
                    .then(|| self.lw(end + 2))
                    .is_some_and(|w| w == "more" || g.care_adjectives.contains(w) || w == "aware"),
                Some(verb) => past_to_base(verb)
                    .iter()
                    .any(|f| self.lex.diligence_verbs.contains(f)),
                None => false,
            }
        } else {
            // "had every opportunity to", "was responsible for": any act.
            true
        };
        blames.then(|| self.span(rule::COUNTERFACTUAL, i, end))
    }

    /// Failure verbs with a person, team or function as subject, except a
    /// missed target ("the team missed its SLO").
    fn failure_verb(&self, i: usize) -> Option<Hit> {
        let g = &self.lex.grammar;
        let w = self.lw(i);
        if !g.failure_verbs.contains(w) || !self.person_subject(i) {
            return None;
        }
        let end = self.sentence_words(i).end;
        let mut j = i + 1;
        while j < end
            && (is_determiner(self.lw(j)) || self.lw(j).chars().all(|c| c.is_ascii_digit()))
        {
            j += 1;
        }
        if w == "missed" && j < end && g.targets.contains(self.lw(j)) {
            return None;
        }
        Some(self.span(rule::BLAME_VERB, i, i))
    }
}
