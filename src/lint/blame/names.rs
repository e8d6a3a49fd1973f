//! Named individuals: handles, roster names, given names, user names and
//! titles, with the context that says a capitalized word is a product, a
//! place or a system instead.

use std::ops::Range;

use super::{Hit, NAMED_INDIVIDUAL, Scan};

impl Scan<'_, '_> {
    /// Marks name words and returns named-individual hits (when `report`).
    pub(super) fn names(&mut self, report: bool) -> Vec<Hit> {
        let mut found: Vec<Range<usize>> = Vec::new(); // word index ranges
        let masked = &self.prose.masked;
        let count = self.words().len();

        // Handles.
        for i in 0..count {
            let word = self.words()[i];
            if let Some(handle) = word.text.strip_prefix('@') {
                let handle = handle.trim_end_matches(['.', '-', '_']);
                if self.is_person_handle(handle) {
                    found.push(i..i + 1);
                }
            }
        }
        // Given names from the bundled list, then the roster.
        let automata = [
            Some(&self.lex.first_names),
            self.ctx.roster_names.as_ref(),
            self.ctx.roster_handles.as_ref(),
        ];
        for (which, automaton) in automata.iter().enumerate() {
            let Some(automaton) = automaton else { continue };
            for m in automaton.find_iter(masked) {
                let Some(i) = self.prose.word_at(m.start()) else {
                    continue;
                };
                let word = self.words()[i];
                let bare = word.stem().trim_start_matches('@');
                let same = if which == 2 {
                    bare.eq_ignore_ascii_case(&masked[m.range()])
                } else {
                    bare == &masked[m.range()]
                };
                if !same || word.start + (word.stem().len() - bare.len()) != m.start() {
                    continue;
                }
                let roster = which > 0;
                if let Some(span) = self.name_span(i, roster) {
                    found.push(span);
                }
            }
        }
        // User names and titles.
        for i in 0..count {
            let word = self.words()[i];
            if self.is_user_name(word.text) {
                found.push(i..i + 1);
            } else if self.lex.name_titles.contains(self.lw(i))
                && self.words().get(i + 1).is_some_and(|n| n.is_capitalized())
                && masked[word.end..].starts_with('.')
            {
                found.push(i..i + 2);
            }
        }

        found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        found.dedup_by(|b, a| b.start >= a.start && b.end <= a.end);
        let mut hits = Vec::new();
        for span in found {
            if self
                .ctx
                .allows(self.words()[span.start].stem().trim_start_matches('@'))
            {
                continue;
            }
            for i in span.clone() {
                self.name_words[i] = true;
            }
            if report {
                let first = self.words()[span.start];
                let last = self.words()[span.end - 1];
                let possessive = last.is_possessive();
                let mut fix = self.capitalize_if_first(span.start, "the on-call engineer");
                if possessive {
                    fix.push_str("'s");
                }
                hits.push(Hit {
                    rule: NAMED_INDIVIDUAL,
                    range: first.start..last.end,
                    fix: Some(fix),
                });
            }
        }
        hits
    }

    fn is_role_word(&self, w: &str) -> bool {
        let w = w.to_lowercase();
        self.lex.person_nouns.contains(&w)
            || self.lex.system_nouns.contains(&w)
            || self.lex.role_handle_parts.contains(&w)
            || self.lex.handle_words.contains(&w)
    }

    fn is_person_handle(&self, handle: &str) -> bool {
        if handle.is_empty() || self.ctx.allows(handle) {
            return false;
        }
        let parts: Vec<&str> = handle
            .split(['-', '_', '.'])
            .filter(|p| !p.is_empty())
            .collect();
        !parts.iter().all(|p| self.is_role_word(p))
    }

    /// A lower-case user name such as `jsmith`, `john.doe` or `sarahchen`.
    fn is_user_name(&self, word: &str) -> bool {
        if word.len() < 5
            || !word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
        {
            return false;
        }
        let lex = self.lex;
        if let Some((first, last)) = word.split_once(['.', '_']) {
            return (lex.first_name_set.contains(first) && !last.is_empty())
                || (lex.surnames.contains(last) && first.len() <= 2);
        }
        // An initial or two and a family name of 5+ letters.
        for initials in 1..=2 {
            if let Some(rest) = word.get(initials..)
                && rest.len() >= 5
                && lex.surnames.contains(rest)
            {
                return true;
            }
        }
        // A given name and a family name run together. Only cuts that leave
        // both parts no longer than the longest known name are looked up, so
        // a long word costs its length, not its length squared.
        let cuts = word.len().saturating_sub(lex.longest_surname).max(3)
            ..word.len().saturating_sub(2).min(lex.longest_first_name + 1);
        let head = word.as_bytes().first_chunk::<3>();
        if head.is_none_or(|head| !lex.first_name_heads.contains(head)) {
            return false;
        }
        cuts.into_iter().any(|cut| {
            lex.first_name_set.contains(&word[..cut]) && lex.surnames.contains(&word[cut..])
        })
    }

    /// The word span of a name at word `i`, or `None` when the context says
    /// it is not a person (a product, a place, an allowed word).
    fn name_span(&self, i: usize, roster: bool) -> Option<Range<usize>> {
        let words = self.words();
        let word = words[i];
        if self.ctx.allows(word.stem()) || self.lex.grammar.system_names.contains(self.lw(i)) {
            return None;
        }
        let next = words.get(i + 1).filter(|_| {
            i + 1 < words.len()
                && !self.prose.punctuation_between(i, i + 1)
                && !word.is_possessive()
        });
        let next_lower = next.map(|_| self.lw(i + 1));
        // "the Sarah dashboard", "a Grace cluster": a product or a thing.
        if i > 0
            && !self.prose.punctuation_between(i - 1, i)
            && matches!(self.lw(i - 1), "the" | "a" | "an")
            && !roster
        {
            return None;
        }
        if let Some(n) = next_lower
            && self.lex.system_nouns.contains(n)
        {
            return None;
        }
        // "Ada, our internal deployment bot," / "Ada is an internal bot".
        if self.appositive_is_system(i) {
            return None;
        }
        // Followed by another capitalized word: part of a longer proper noun
        // ("Jordan Valley") unless it is a family name ("Sarah Chen").
        if let (Some(n), Some(lower)) = (next, next_lower)
            && n.is_capitalized()
            && !n.text.starts_with('@')
        {
            if self.lex.surnames.contains(lower)
                || self.lex.first_name_set.contains(lower)
                || roster
            {
                return Some(i..i + 2);
            }
            if !self.ctx.allows(n.stem()) {
                return None;
            }
        }
        Some(i..i + 1)
    }

    /// Whether the words right after a name describe it as a system:
    /// `, our … bot` or `is a … service`.
    fn appositive_is_system(&self, i: usize) -> bool {
        let words = self.words();
        if i + 1 >= words.len() {
            return false;
        }
        let first_lower = self.lw(i + 1);
        let opens = if self.prose.punctuation_between(i, i + 1) {
            matches!(first_lower, "our" | "the" | "a" | "an" | "its")
        } else {
            matches!(first_lower, "is" | "was")
        };
        if !opens {
            return false;
        }
        let end = (i + 8).min(words.len());
        for j in i + 1..end {
            if j > i + 1 && self.prose.punctuation_between(j - 1, j) {
                break;
            }
            let lower = self.lw(j);
            if self.lex.person_nouns.contains(lower) {
                return false;
            }
            if self.lex.system_nouns.contains(lower) {
                return true;
            }
        }
        false
    }
}
