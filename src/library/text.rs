//! Text similarity between postmortems: content words reduced to a rough
//! stem (`exhausted`, `exhaustion` → `exhaust`), stop words dropped, and
//! adjacent pairs of them as phrases. Two documents are similar when they
//! share rare terms; the shared terms are what a reader is shown.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use serde::Serialize;

use super::scan::Library;
use crate::model::Postmortem;

/// Words that say nothing about a cause.
const STOP: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "every", "few",
    "for", "from", "further", "had", "has", "have", "having", "how", "if", "in", "into", "is",
    "it", "its", "itself", "just", "may", "more", "most", "much", "must", "no", "nor", "not",
    "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own",
    "same", "should", "since", "so", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "two", "under",
    "until", "up", "upon", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "within", "without", "would", "yet", "you", "your",
    "get", "got", "made", "make", "new", "use", "used", "using", "via", "still", "ever", "never",
    "without", "yes", "due", "per",
];

/// The stop words as a set (looked up for every word of every document).
fn stop_words() -> &'static HashSet<&'static str> {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP.iter().copied().collect())
}

/// A word reduced to its stem, with the word as written (lowercase).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub stem: String,
    pub surface: String,
}

/// A rough English stem: plurals and -ion/-ing/-ed endings off, a final
/// `e` dropped, so the forms of a word meet.
pub(crate) fn stem(word: &str) -> String {
    let mut w = word.to_string();
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w.pop();
    }
    for suffix in ["ation", "ion", "ing", "ed"] {
        if w.len() >= suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
    w
}

/// The content words of `text`, in order, split into clauses at
/// punctuation (a phrase never spans a full stop or a comma).
pub(crate) fn clauses(text: &str) -> Vec<Vec<Word>> {
    let mut out = Vec::new();
    let mut clause = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, clause: &mut Vec<Word>| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        word.clear();
        let digits = lower.chars().all(|c| c.is_ascii_digit());
        if lower.chars().count() < 3 || digits || stop_words().contains(lower.as_str()) {
            return;
        }
        clause.push(Word {
            stem: stem(&lower),
            surface: lower,
        });
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut clause);
            // Hyphens, slashes, apostrophes and spaces join words into a
            // phrase; other punctuation ends it.
            let joins = c.is_whitespace() || matches!(c, '-' | '/' | '\'' | '’' | '_');
            if !joins && !clause.is_empty() {
                out.push(std::mem::take(&mut clause));
            }
        }
    }
    flush(&mut word, &mut clause);
    if !clause.is_empty() {
        out.push(clause);
    }
    out
}

/// The terms of some texts: stems and pairs of adjacent stems (as
/// `a b`, in sorted order so "pool exhaustion" meets "exhausted pool").
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    /// Single stems.
    pub words: HashSet<String>,
    /// Adjacent pairs, sorted within the pair.
    pub pairs: HashSet<String>,
}

impl Terms {
    /// The terms of `texts`.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Terms {
        let mut terms = Terms::default();
        for text in texts {
            for clause in clauses(text) {
                for pair in clause.windows(2) {
                    if pair[0].stem != pair[1].stem {
                        terms.pairs.insert(pair_key(&pair[0].stem, &pair[1].stem));
                    }
                }
                terms.words.extend(clause.into_iter().map(|w| w.stem));
            }
        }
        terms
    }
}

/// For each stem and pair of `texts`, how it was written and how often:
/// computed only for what is shown (labels, shared terms).
pub(crate) type Surfaces = HashMap<String, BTreeMap<String, usize>>;

/// The written forms of the terms of `texts`.
pub(crate) fn surfaces<'a>(texts: impl IntoIterator<Item = &'a str>) -> Surfaces {
    let mut out = Surfaces::new();
    let mut note = |key: String, surface: String| {
        *out.entry(key).or_default().entry(surface).or_default() += 1;
    };
    for text in texts {
        for clause in clauses(text) {
            for pair in clause.windows(2) {
                if pair[0].stem != pair[1].stem {
                    note(
                        pair_key(&pair[0].stem, &pair[1].stem),
                        format!("{} {}", pair[0].surface, pair[1].surface),
                    );
                }
            }
            for w in clause {
                note(w.stem, w.surface);
            }
        }
    }
    out
}

/// The key of a pair of stems: sorted, space-separated.
pub(crate) fn pair_key(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a} {b}")
    } else {
        format!("{b} {a}")
    }
}

/// The text a document's causes are written in: the root-cause statement,
/// every why, every contributing factor.
pub(crate) fn cause_texts(doc: &Postmortem) -> Vec<&str> {
    let mut texts = vec![doc.whys.root_cause.as_str()];
    texts.extend(doc.whys.nodes.iter().map(|w| w.text.as_str()));
    texts.extend(doc.factors.iter().map(|f| f.text.as_str()));
    texts
}

/// A postmortem similar to another one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// Its file.
    pub path: PathBuf,
    /// Its key (`meta.id` or relative path).
    pub key: String,
    /// Its title.
    pub title: String,
    /// Similarity, 0–1 (shared rare terms weigh most).
    pub score: f64,
    /// The terms both documents' causes use, rarest first.
    pub shared: Vec<String>,
}

/// The cause terms of every document of a library, with how many
/// documents use each: build once, then ask for the documents related to
/// any document.
#[derive(Debug, Default)]
pub struct SimilarityIndex {
    docs: Vec<Indexed>,
    df: HashMap<String, usize>,
}

/// One document of the index.
#[derive(Debug)]
struct Indexed {
    path: PathBuf,
    key: String,
    title: String,
    causes: Vec<String>,
    terms: Terms,
}

/// Below this similarity a document is not shown as related.
const RELATED_THRESHOLD: f64 = 0.2;

impl SimilarityIndex {
    /// Indexes the incidents and near misses of `library`.
    pub fn build(library: &Library) -> SimilarityIndex {
        let mut index = SimilarityIndex::default();
        let events: Vec<&super::scan::Entry> = library
            .entries
            .iter()
            .filter(|e| e.doc.kind.is_event())
            .collect();
        index.docs = super::scan::par_map(&events, |entry| {
            let causes: Vec<String> = cause_texts(&entry.doc)
                .into_iter()
                .map(str::to_string)
                .collect();
            Indexed {
                path: entry.path.clone(),
                key: entry.key().to_string(),
                title: entry.doc.meta.title.clone(),
                terms: Terms::of(causes.iter().map(String::as_str)),
                causes,
            }
        });
        for doc in &index.docs {
            for word in &doc.terms.words {
                *index.df.entry(word.clone()).or_default() += 1;
            }
        }
        index
    }

    fn idf(&self, word: &str) -> f64 {
        let n = self.docs.len() as f64 + 1.0;
        let df = self.df.get(word).copied().unwrap_or(0) as f64 + 1.0;
        (n / df).ln() + 1.0
    }

    /// The documents whose causes resemble `doc`'s, most similar first, at
    /// most `limit`. A document is never related to itself (same key).
    pub fn related(&self, doc: &Postmortem, limit: usize) -> Vec<Related> {
        let mine = Terms::of(cause_texts(doc));
        let weight =
            |terms: &HashSet<String>| -> f64 { terms.iter().map(|w| self.idf(w)).sum::<f64>() };
        let my_weight = weight(&mine.words);
        if my_weight == 0.0 {
            return Vec::new();
        }
        let own_id = doc.meta.id.trim();
        let mut scored: Vec<(f64, &Indexed, Vec<&String>)> = self
            .docs
            .iter()
            .filter(|d| own_id.is_empty() || d.key != own_id)
            .filter_map(|d| {
                let shared: Vec<&String> = mine.words.intersection(&d.terms.words).collect();
                if shared.len() < 2 {
                    return None;
                }
                let common: f64 = shared.iter().map(|w| self.idf(w)).sum();
                let score = common / (my_weight * weight(&d.terms.words)).sqrt();
                (score >= RELATED_THRESHOLD).then_some((score, d, shared))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.key.cmp(&b.1.key)));
        scored.truncate(limit);
        let my_forms = surfaces(cause_texts(doc));
        let mut out: Vec<Related> = scored
            .into_iter()
            .map(|(score, d, mut shared)| {
                shared.sort_by(|a, b| self.idf(b).total_cmp(&self.idf(a)).then_with(|| a.cmp(b)));
                let forms = surfaces(d.causes.iter().map(String::as_str));
                Related {
                    path: d.path.clone(),
                    key: d.key.clone(),
                    title: d.title.clone(),
                    score,
                    shared: shared
                        .into_iter()
                        .take(8)
                        .map(|w| surface(&[&my_forms, &forms], w))
                        .collect(),
                }
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
        out.truncate(limit);
        out
    }
}

/// The postmortems of `library` whose causes resemble `doc`'s (at most
/// `limit`), with the shared terms: the editor's related-incidents panel.
/// Build a [`SimilarityIndex`] once to ask for many documents.
pub fn related(doc: &Postmortem, library: &Library, limit: usize) -> Vec<Related> {
    SimilarityIndex::build(library).related(doc, limit)
}

/// How a stem or pair was most often written across `terms` (ties: the
/// first in alphabetical order).
pub(crate) fn surface(maps: &[&Surfaces], key: &str) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for t in maps {
        if let Some(forms) = t.get(key) {
            for (form, n) in forms {
                *counts.entry(form.as_str()).or_default() += n;
            }
        }
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map_or_else(|| key.to_string(), |(form, _)| form.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_word_meet() {
        assert_eq!(stem("exhausted"), stem("exhaustion"));
        assert_eq!(stem("connections"), stem("connection"));
        assert_eq!(stem("pooling"), "pool");
        assert_eq!(stem("caches"), stem("cache"));
        assert_eq!(stem("retries"), "retry");
        assert_eq!(stem("status"), "status");
    }

    #[test]
    fn phrases_stay_within_clauses() {
        let terms = Terms::of(["The connection-pool was exhausted. Retries piled up"]);
        assert!(terms.pairs.contains(&pair_key("connect", "pool")));
        assert!(terms.pairs.contains(&pair_key("exhaust", "pool")));
        assert!(
            !terms.pairs.contains(&pair_key("exhaust", "retry")),
            "a full stop ends a phrase"
        );
        let forms = surfaces(["The connection-pool was exhausted. Retries piled up"]);
        assert_eq!(
            surface(&[&forms], &pair_key("connect", "pool")),
            "connection pool"
        );
    }
}
