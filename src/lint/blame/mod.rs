//! The blameless-language rules over one piece of prose.
//!
//! Phrase lists (assets/lint/blame.toml) are matched with one automaton per
//! list; each match then passes the list's check (`When`), which looks at the
//! words around it: who is the subject, is a person mentioned, what verb
//! follows. Names are found separately (handles, roster, given names, user
//! names, titles).

use std::ops::Range;

mod grammar;
mod names;

use super::context::Context;
use super::lexicon::{Lexicon, When, WordSet};
use super::text::{Prose, Word};

pub use super::rule::NAMED_INDIVIDUAL;
use super::rule::{self, RuleId};

/// One raw finding in a piece of prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Rule id.
    pub rule: RuleId,
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Mechanical replacement for the range, when there is one.
    pub fix: Option<String>,
}

/// What the subject of a verb phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Person,
    We,
    System,
    Unknown,
}

/// Options for one scan.
#[derive(Debug, Clone, Copy)]
pub struct ScanOptions {
    /// Look for named individuals (off in fields where names belong).
    pub names: bool,
    /// Look for blameful phrasing.
    pub phrases: bool,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            names: true,
            phrases: true,
        }
    }
}

struct Scan<'a, 'c> {
    prose: Prose<'a>,
    lex: &'static Lexicon,
    ctx: &'c Context,
    /// Words that are a person's name.
    name_words: Vec<bool>,
}

/// Lints one piece of prose.
pub fn scan(text: &str, ctx: &Context, options: ScanOptions) -> Vec<Hit> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let lex = Lexicon::get();
    let prose = Prose::new(text);
    let mut scan = Scan {
        name_words: vec![false; prose.words.len()],
        prose,
        lex,
        ctx,
    };
    let mut hits = scan.names(options.names);
    if options.phrases {
        hits.extend(scan.phrases());
        hits.extend(scan.grammar());
    }
    dedupe(hits)
}

/// Drops a hit whose range lies inside another's (the longer one explains
/// more), and orders by position.
fn dedupe(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let inside = out
            .iter()
            .rev()
            .take(4)
            .any(|kept| kept.range.start <= hit.range.start && hit.range.end <= kept.range.end);
        if !inside {
            out.push(hit);
        }
    }
    out
}

fn is_boundary_char(c: Option<char>) -> bool {
    !matches!(c, Some(c) if c.is_alphanumeric() || c == '_' || c == '-' || c == '@')
}

fn past_to_base(word: &str) -> Vec<String> {
    let mut forms = vec![word.to_string()];
    if let Some(s) = word.strip_suffix("ied") {
        forms.push(format!("{s}y"));
    }
    if let Some(s) = word.strip_suffix("ed") {
        forms.push(s.to_string());
        forms.push(format!("{s}e"));
    }
    if let Some(s) = word.strip_suffix('s') {
        forms.push(s.to_string());
    }
    forms
}

impl Scan<'_, '_> {
    fn words(&self) -> &[Word<'_>] {
        &self.prose.words
    }

    /// The lower-case stem of word `j`.
    fn lw(&self, j: usize) -> &str {
        self.prose.lower(j)
    }

    fn sentence_words(&self, index: usize) -> Range<usize> {
        self.prose.sentences[self.prose.sentence_of[index]]
            .words
            .clone()
    }

    fn capitalize_if_first(&self, index: usize, text: &str) -> String {
        if self.prose.starts_sentence(index) {
            let mut chars = text.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_uppercase().collect::<String>() + chars.as_str()
            })
        } else {
            text.to_string()
        }
    }

    // ----- word classes -----------------------------------------------

    fn is_person(&self, index: usize, lower: &str) -> bool {
        self.name_words[index] || self.class_contains(&self.lex.person_nouns, lower)
    }

    fn class_contains(&self, set: &WordSet, lower: &str) -> bool {
        set.contains(lower)
            || lower
                .strip_suffix('s')
                .is_some_and(|s| s.len() > 2 && set.contains(s))
    }

    /// The subject of the phrase starting at word `index`: walks back over
    /// adverbs and auxiliaries to the nearest noun in the same clause.
    fn subject_before(&self, index: usize) -> Subject {
        let words = self.words();
        let start = self.sentence_words(index).start;
        let mut unknown = 0;
        let mut j = index;
        while j > start {
            if self.prose.punctuation_between(j - 1, j) {
                break;
            }
            j -= 1;
            let lower = self.lw(j);
            if self.lex.clause_breaks.contains(lower) {
                break;
            }
            if self.lex.grammar.system_names.contains(lower) {
                return Subject::System;
            }
            if lower == "who" || self.is_person(j, lower) || (unknown == 0 && self.is_group(j)) {
                return Subject::Person;
            }
            if self.lex.we_pronouns.contains(lower) {
                return Subject::We;
            }
            if self.class_contains(&self.lex.system_nouns, lower) {
                return Subject::System;
            }
            if self.lex.subject_skip.contains(lower) || lower.ends_with("ly") {
                continue;
            }
            if words[j].is_capitalized() && !self.prose.starts_sentence(j) {
                // A capitalized word that is not a name: a product or service.
                return Subject::System;
            }
            unknown += 1;
            if unknown >= 3 {
                break;
            }
        }
        Subject::Unknown
    }

    /// A team or function as the subject: "Release management", "the
    /// leadership", or a bare function noun ("Support failed to …").
    fn is_group(&self, j: usize) -> bool {
        let g = &self.lex.grammar;
        let lower = self.lw(j);
        let first = self.prose.starts_sentence(j) || self.prose.punctuation_between(j - 1, j);
        let before = (!first).then(|| self.lw(j - 1));
        if g.group_nouns.contains(lower) {
            return true;
        }
        g.function_nouns.contains(lower)
            && before.is_none_or(|b| g.function_nouns.contains(b) || g.group_nouns.contains(b))
    }

    /// A person (not "we") is mentioned in the sentence of word `index`.
    fn person_in_sentence(&self, index: usize) -> bool {
        self.sentence_words(index)
            .any(|j| self.is_person(j, self.lw(j)))
    }

    /// The first word after `index` that is not an adverb.
    fn next_content_word(&self, after: usize) -> Option<&str> {
        let sentence_end = self.sentence_words(after).end;
        (after + 1..sentence_end)
            .map(|j| self.lw(j))
            .find(|w| !(self.lex.subject_skip.contains(*w) || w.ends_with("ly") || *w == "even"))
    }

    fn next_is_diligence_verb(&self, last: usize) -> bool {
        self.next_content_word(last).is_some_and(|w| {
            past_to_base(w)
                .iter()
                .any(|f| self.lex.diligence_verbs.contains(f))
        })
    }

    /// "Properly reviewing the plan would have …": the clause opens with a
    /// diligent act.
    fn clause_opens_with_diligence(&self, index: usize) -> bool {
        let words = self.words();
        let start = self.sentence_words(index).start;
        let mut j = index;
        while j > start && !self.prose.punctuation_between(j - 1, j) {
            j -= 1;
        }
        // The gerund must take an object ("reviewing the plan"), or it is a
        // noun ("monitoring that would have …").
        let Some(k) = (j..index).find(|k| !self.lw(*k).ends_with("ly")) else {
            return false;
        };
        self.lex.diligence_gerunds.contains(self.lw(k))
            && k + 1 < words.len()
            && matches!(
                self.lw(k + 1),
                "the"
                    | "a"
                    | "an"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "each"
                    | "every"
                    | "all"
            )
    }

    /// "If someone had checked …" earlier in the sentence.
    fn if_person_had(&self, index: usize) -> bool {
        let range = self.sentence_words(index);
        let mut saw_if = false;
        let mut saw_person = false;
        for j in range.start..index {
            let lower = self.lw(j);
            if lower == "if" {
                saw_if = true;
                saw_person = false;
            } else if saw_if && lower != "you" && self.is_person(j, lower) {
                saw_person = true;
            } else if saw_if && saw_person && (lower == "had" || lower.ends_with("'d")) {
                return true;
            }
        }
        false
    }

    fn negated_before(&self, index: usize) -> bool {
        let start = self.sentence_words(index).start;
        (index.saturating_sub(3).max(start)..index).any(|j| {
            let w = self.lw(j);
            matches!(
                w,
                "not" | "no" | "never" | "nobody" | "neither" | "nor" | "without" | "rather"
            ) || w.ends_with("n't")
                || w.ends_with("n\u{2019}t")
        })
    }

    // ----- phrases -----------------------------------------------------

    /// Each list's leftmost-longest, non-overlapping matches in `masked`,
    /// list by list in order: from one overlapping search of all lists'
    /// phrases, at each list's leftmost remaining start its longest match,
    /// then on from that match's end (what a search per list would find).
    fn phrase_matches(&self) -> Vec<(usize, Range<usize>)> {
        let mut all: Vec<(usize, Range<usize>)> = self
            .lex
            .phrases
            .find_overlapping_iter(&self.prose.masked)
            .map(|m| (self.lex.phrase_list[m.pattern().as_usize()], m.range()))
            .collect();
        all.sort_by_key(|(list, range)| (*list, range.start, std::cmp::Reverse(range.end)));
        let mut picked: Vec<(usize, Range<usize>)> = Vec::with_capacity(all.len());
        for (list, range) in all {
            let overlaps = picked
                .last()
                .is_some_and(|(last, kept)| *last == list && range.start < kept.end);
            if !overlaps {
                picked.push((list, range));
            }
        }
        picked
    }

    fn phrases(&self) -> Vec<Hit> {
        let masked = &self.prose.masked;
        let mut hits = Vec::new();
        for (index, m) in self.phrase_matches() {
            let list = &self.lex.lists[index];
            // Phrases that open with an apostrophe attach to the word before.
            let possessive = masked[m.start..].starts_with(['\'', '\u{2019}']);
            let before = masked[..m.start].chars().next_back();
            let after = masked[m.end..].chars().next();
            if (!possessive && !is_boundary_char(before)) || !is_boundary_char(after) {
                continue;
            }
            let Some(first) = self.prose.word_at(m.start) else {
                continue;
            };
            // The word holding the end of the match.
            let last = self.prose.word_at(m.end.saturating_sub(1)).unwrap_or(first);
            let matched = masked[m.clone()].to_lowercase();
            if self.ctx.allows(&matched) {
                continue;
            }
            if self.passes(list.when, list.rule, first, last) {
                let fix = self.lex.fixes.get(&matched).map(|f| {
                    if f.is_empty() {
                        String::new()
                    } else {
                        self.capitalize_if_first(first, f)
                    }
                });
                let mut range = m;
                if fix.as_deref() == Some("") {
                    // Deleting a word also deletes one space next to it.
                    if masked[range.end..].starts_with(' ') {
                        range.end += 1;
                    } else if masked[..range.start].ends_with(' ') {
                        range.start -= 1;
                    }
                }
                hits.push(Hit {
                    rule: list.rule,
                    range,
                    fix,
                });
            }
        }
        hits
    }

    fn passes(&self, when: When, rule: RuleId, first: usize, last: usize) -> bool {
        let words = self.words();
        match when {
            When::Always => {
                let negatable = rule == rule::HUMAN_ERROR || rule == rule::JUDGMENT;
                let compound = rule == rule::HUMAN_ERROR
                    && last + 1 < words.len()
                    && self.lex.error_compounds.contains(self.lw(last + 1));
                !(compound || negatable && self.negated_before(first))
            }
            When::PersonInSentence if rule == rule::JUDGMENT => {
                // "Clearly" judges the subject of its own clause: a person,
                // or an unstated subject with a person in the sentence —
                // never a system ("the graph clearly showed …").
                match self.subject_before(first) {
                    Subject::Person => true,
                    Subject::Unknown => self.person_in_sentence(first),
                    Subject::We | Subject::System => false,
                }
            }
            When::PersonInSentence => self.person_in_sentence(first),
            When::SubjectPerson => self.subject_before(first) == Subject::Person,
            When::SubjectPersonOrWe => {
                matches!(self.subject_before(first), Subject::Person | Subject::We)
            }
            When::SubjectNotSystem => {
                // "The alert was ignored": the passive hides a person unless a
                // system is named as the agent ("… ignored by the proxy").
                let passive = first > 0
                    && !self.prose.starts_sentence(first)
                    && matches!(
                        self.lw(first - 1),
                        "was" | "were" | "been" | "being" | "is" | "are" | "got"
                    );
                if passive {
                    !self.by_system(last)
                } else {
                    self.subject_before(first) != Subject::System && !self.by_system(last)
                }
            }
            When::PersonDiligence => {
                self.subject_before(first) == Subject::Person && self.next_is_diligence_verb(last)
            }
            When::ShouldHave => {
                self.subject_before(first) != Subject::System
                    && !self
                        .next_content_word(last)
                        .is_some_and(|w| self.lex.expectation_verbs.contains(w))
            }
            When::WouldHave => {
                self.subject_before(first) == Subject::Person
                    || self.clause_opens_with_diligence(first)
                    || self.if_person_had(first)
            }
            When::PossessivePerson => self.is_person(first, self.lw(first)),
            When::InvertedHad => {
                // "Had the circuit breaker tripped, …" is about a system.
                let subject = (first + 1..self.sentence_words(first).end)
                    .map(|j| self.lw(j))
                    .find(|w| !matches!(*w, "the" | "a" | "an" | "our" | "its"));
                let system = subject.is_some_and(|w| {
                    self.class_contains(&self.lex.system_nouns, w)
                        || self.lex.grammar.system_names.contains(w)
                });
                !system
                    && self.prose.starts_sentence(first)
                    && self
                        .sentence_words(first)
                        .any(|j| self.lw(j).starts_with("would"))
            }
            When::JustVerb => {
                self.person_in_sentence(first) && first + 1 < words.len() && {
                    let w = self.lw(first + 1);
                    w.ends_with("ed")
                        || w.ends_with("ing")
                        || w.ends_with("n't")
                        || matches!(w, "had" | "did" | "went" | "ran" | "hit" | "let")
                        || self.lex.diligence_verbs.contains(w)
                }
            }
        }
    }

    /// "was ignored by the proxy": the agent is a system.
    fn by_system(&self, last: usize) -> bool {
        let words = self.words();
        let end = self.sentence_words(last).end;
        if last + 1 >= words.len() || self.lw(last + 1) != "by" || last + 1 >= end {
            return false;
        }
        (last + 2..(last + 5).min(end))
            .map(|j| self.lw(j))
            .find(|w| !matches!(*w, "the" | "a" | "an" | "our" | "its"))
            .is_some_and(|w| self.class_contains(&self.lex.system_nouns, w))
    }
}

#[cfg(test)]
mod tests;
