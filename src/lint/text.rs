//! Prose plumbing shared by the rules: masking (code, URLs, comments),
//! words with byte offsets, sentences, and inline ignore markers.

use std::ops::Range;

use super::rule::RuleId;

/// A word of the text with its byte range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl<'a> Word<'a> {
    /// The word without a possessive `'s` / `’s`.
    pub fn stem(&self) -> &'a str {
        for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
            if let Some(s) = self.text.strip_suffix(suffix)
                && !s.is_empty()
            {
                return s;
            }
        }
        self.text
    }

    /// Lower-case form of the stem.
    pub fn lower(&self) -> String {
        self.stem().to_lowercase()
    }

    /// `Titlecase`: an upper-case letter followed by lower-case letters only.
    pub fn is_titlecase(&self) -> bool {
        let mut chars = self.stem().chars();
        matches!(chars.next(), Some(c) if c.is_uppercase())
            && chars.all(|c| c.is_lowercase() || c == '-')
    }

    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Ends with a possessive `'s`.
    pub fn is_possessive(&self) -> bool {
        self.text.ends_with("'s") || self.text.ends_with("\u{2019}s")
    }
}

/// A sentence: a range of words plus its byte range.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Indexes into the word list.
    pub words: Range<usize>,
}

/// A piece of prose ready for the rules.
pub(crate) struct Prose<'a> {
    /// The text with code spans, URLs and comments blanked (same byte length).
    pub masked: String,
    pub words: Vec<Word<'a>>,
    pub sentences: Vec<Sentence>,
    /// Sentence index of every word.
    pub sentence_of: Vec<usize>,
    /// The lower-case stems of the words, end to end: lowered once here
    /// because the rules ask for them many times per word.
    lowered: String,
    /// Where each word's lower-case stem ends in `lowered`.
    lower_ends: Vec<usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Blanks what the prose rules must not read: `inline code`, fenced code,
/// URLs and `<!-- comments -->`. Every blanked byte becomes a space, so byte
/// offsets stay valid.
fn mask(text: &str) -> String {
    let has = |byte: u8| memchr::memchr(byte, text.as_bytes()).is_some();
    // Most texts have nothing to blank: look for the first byte of each
    // thing before searching for it.
    let (comments, code, urls) = (has(b'<'), has(b'`'), has(b':'));
    if !(comments || code || urls) {
        return text.to_string();
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut blank = |range: Range<usize>| {
        for b in &mut bytes[range] {
            *b = b' ';
        }
    };
    // Comments.
    let mut from = 0;
    while let Some(start) = comments
        .then(|| text[from..].find("<!--"))
        .flatten()
        .map(|i| i + from)
    {
        let end = text[start..]
            .find("-->")
            .map_or(text.len(), |i| start + i + 3);
        blank(start..end);
        from = end;
    }
    // Code spans (and fences, which are runs of backticks too).
    let mut from = 0;
    while let Some(start) = code
        .then(|| text[from..].find('`'))
        .flatten()
        .map(|i| i + from)
    {
        let ticks = text[start..].chars().take_while(|c| *c == '`').count();
        let fence = &text[start..start + ticks];
        let end = text[start + ticks..]
            .find(fence)
            .map_or(start + ticks, |i| start + ticks + i + ticks);
        blank(start..end);
        from = end.max(start + ticks);
    }
    // URLs.
    for scheme in ["http://", "https://"].into_iter().filter(|_| urls) {
        let mut from = 0;
        while let Some(start) = text[from..].find(scheme).map(|i| i + from) {
            let end = text[start..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| start + i);
            blank(start..end);
            from = end;
        }
    }
    // Only ASCII bytes were written over whole characters' worth of bytes
    // (every masked region starts and ends at ASCII delimiters or
    // whitespace), so this is valid UTF-8; fall back to the original if not.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

impl<'a> Prose<'a> {
    /// Splits `text` into words and sentences.
    pub fn new(text: &'a str) -> Prose<'a> {
        let masked = mask(text);
        // ASCII text (most of it) is split by bytes, each byte its own
        // character; other text through a list of its characters.
        let words = if masked.is_ascii() {
            let bytes = masked.as_bytes();
            split_words(text, bytes.len(), |i| (i, char::from(bytes[i])))
        } else {
            let chars: Vec<(usize, char)> = masked.char_indices().collect();
            split_words(text, chars.len(), |i| chars[i])
        };
        let (sentences, sentence_of) = split_sentences(&masked, &words);
        let (lowered, lower_ends) = lower_stems(text, &words);
        Prose {
            masked,
            words,
            sentences,
            sentence_of,
            lowered,
            lower_ends,
        }
    }

    /// The lower-case stem of word `index` (what [`Word::lower`] makes).
    pub fn lower(&self, index: usize) -> &str {
        let start = index.checked_sub(1).map_or(0, |i| self.lower_ends[i]);
        &self.lowered[start..self.lower_ends[index]]
    }

    /// The index of the first word starting at or after `offset`.
    pub fn word_at(&self, offset: usize) -> Option<usize> {
        let index = self.words.partition_point(|w| w.end <= offset);
        (index < self.words.len()).then_some(index)
    }

    /// Whether the words `a` and `b` (a < b) are separated by clause
    /// punctuation (, ; : ( — –).
    pub fn punctuation_between(&self, a: usize, b: usize) -> bool {
        let gap = &self.masked[self.words[a].end..self.words[b].start];
        gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}', '"'])
    }

    /// Whether word `index` opens its sentence.
    pub fn starts_sentence(&self, index: usize) -> bool {
        self.sentences[self.sentence_of[index]].words.start == index
    }
}

/// The words of `text` (whose masked form has `len` characters, the
/// `i`-th at byte offset and character `char_at(i)`).
fn split_words(text: &str, len: usize, char_at: impl Fn(usize) -> (usize, char)) -> Vec<Word<'_>> {
    // About one word per six bytes of prose: room for most texts at once.
    let mut words = Vec::with_capacity(text.len() / 4 + 1);
    let mut i = 0;
    while i < len {
        let (start, c) = char_at(i);
        let handle = c == '@'
            && i + 1 < len
            && char_at(i + 1).1.is_alphanumeric()
            && (i == 0 || !is_word_char(char_at(i - 1).1));
        if !(c.is_alphanumeric() || handle) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < len {
            let c = char_at(j).1;
            let joins = || {
                (is_apostrophe(c) || c == '.') && j + 1 < len && char_at(j + 1).1.is_alphanumeric()
            };
            if is_word_char(c) || joins() {
                j += 1;
            } else {
                break;
            }
        }
        // A word does not end in a hyphen ("on-call-" in "on-call-engineer" stays whole).
        while j > i + 1 && char_at(j - 1).1 == '-' {
            j -= 1;
        }
        let end = if j < len { char_at(j).0 } else { text.len() };
        words.push(Word {
            text: &text[start..end],
            start,
            end,
        });
        i = j;
    }
    words
}

/// Sentences end at . ! ? or a line break, followed by space or end,
/// unless the word before is a title or an initial. Returns the sentences
/// and the sentence of every word.
fn split_sentences(masked: &str, words: &[Word]) -> (Vec<Sentence>, Vec<usize>) {
    let mut sentences = Vec::new();
    let mut sentence_of = vec![0; words.len()];
    let mut first = 0;
    for index in 0..words.len() {
        sentence_of[index] = sentences.len();
        let gap_end = words.get(index + 1).map_or(masked.len(), |w| w.start);
        // Every character looked for is ASCII, so bytes will do.
        let gap = &masked.as_bytes()[words[index].end..gap_end];
        let closing = gap
            .iter()
            .position(|b| !matches!(b, b')' | b'"' | b'\''))
            .unwrap_or(gap.len());
        let stop = gap.contains(&b'\n')
            || matches!(gap.get(closing), Some(b'.' | b'!' | b'?'))
                && !is_abbreviation(words[index].text);
        if stop || index + 1 == words.len() {
            sentences.push(Sentence {
                words: first..index + 1,
            });
            first = index + 1;
        }
    }
    (sentences, sentence_of)
}

/// The lower-case stems of `words` end to end, and where each ends.
fn lower_stems(text: &str, words: &[Word]) -> (String, Vec<usize>) {
    let mut lowered = String::with_capacity(text.len());
    let mut lower_ends = Vec::with_capacity(words.len());
    for word in words {
        let stem = word.stem();
        if stem.is_ascii() {
            let from = lowered.len();
            lowered.push_str(stem);
            lowered[from..].make_ascii_lowercase();
        } else {
            lowered.push_str(&stem.to_lowercase());
        }
        lower_ends.push(lowered.len());
    }
    (lowered, lower_ends)
}

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
        "mr" | "mrs" | "ms" | "dr" | "prof" | "e.g" | "i.e" | "etc" | "vs" | "approx" | "st"
    ) || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

/// Rule ids silenced by `<!-- debrief-ignore id … -->` markers in `text`.
/// `Some(empty)` means a bare marker: every rule is silenced.
pub(crate) fn ignore_markers(text: &str) -> Option<Vec<String>> {
    memchr::memchr(b'<', text.as_bytes())?;
    let mut found: Option<Vec<String>> = None;
    let mut from = 0;
    while let Some(start) = text[from..].find("<!--").map(|i| i + from) {
        let body_start = start + 4;
        let end = text[body_start..]
            .find("-->")
            .map_or(text.len(), |i| body_start + i);
        let body = text[body_start..end].trim();
        if let Some(ids) = body.strip_prefix("debrief-ignore") {
            let list = found.get_or_insert_with(Vec::new);
            list.extend(
                ids.split([' ', ',', '\t', '\n'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            );
            if ids.trim().is_empty() {
                list.push("*".into());
            }
        }
        from = (end + 3).min(text.len());
        if end >= text.len() {
            break;
        }
    }
    found
}

/// Whether `rule` is silenced by an ignore list (ids, `blame/` or `blame/*`
/// families, or `*`).
pub(crate) fn is_ignored(rule: RuleId, ignores: &[String]) -> bool {
    let rule = rule.as_str();
    ignores.iter().any(|i| {
        let i = i.trim();
        i == "*"
            || i == rule
            || (i.ends_with("/*") && rule.starts_with(&i[..i.len() - 1]))
            || (i.ends_with('/') && rule.starts_with(i))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rule;

    #[test]
    fn words_keep_offsets_and_apostrophes() {
        let p = Prose::new("Nina's on-call script didn't run `rm -rf` @sam-ops.");
        let texts: Vec<&str> = p.words.iter().map(|w| w.text).collect();
        assert_eq!(
            texts,
            ["Nina's", "on-call", "script", "didn't", "run", "@sam-ops"]
        );
        assert_eq!(p.words[0].stem(), "Nina");
        let text = "Nina's on-call script didn't run `rm -rf` @sam-ops.";
        assert_eq!(&text[p.words[5].start..p.words[5].end], "@sam-ops");
    }

    #[test]
    fn sentences_split_on_stops_but_not_titles() {
        let p = Prose::new("Mr. Smith ran it. Then it broke!\nNext line");
        assert_eq!(p.sentences.len(), 3);
        assert!(p.starts_sentence(4));
        assert!(!p.starts_sentence(1));
    }

    #[test]
    fn markers_list_rule_ids() {
        let ids = ignore_markers("text <!-- debrief-ignore blame/judgment, blame/hindsight -->");
        assert_eq!(
            ids,
            Some(vec![
                "blame/judgment".to_string(),
                "blame/hindsight".to_string()
            ])
        );
        assert_eq!(ignore_markers("plain"), None);
        assert!(is_ignored(rule::JUDGMENT, &["blame/*".into()]));
        assert!(!is_ignored(rule::SUMMARY, &["blame/".into()]));
    }
}
