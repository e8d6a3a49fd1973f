//! What keeps coming back: tags, services and factor categories in several
//! postmortems; causes written alike ("3rd connection pool exhaustion in 6
//! months"); actions written alike, some of them already done once; and
//! anniversaries (incidents from this week in earlier years).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::dist::Bucket;
use super::filter::doc_date;
use super::scan::Entry;
use super::scan::par_map;
use super::text::{Surfaces, Terms, cause_texts, surface, surfaces};
use crate::model::{ActionStatus, Kind};

/// A cause that several postmortems share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CausePattern {
    /// The shared phrase, as most often written (`connection pool exhaustion`).
    pub label: String,
    /// How many documents.
    pub count: usize,
    /// Days from the first to the last of them.
    pub span_days: i64,
    /// The documents, oldest first.
    pub ids: Vec<String>,
    /// The words all their causes use, rarest first.
    pub shared: Vec<String>,
}

impl CausePattern {
    /// "3rd connection pool exhaustion in 6 months".
    pub fn headline(&self) -> String {
        format!(
            "{} {} in {}",
            ordinal(self.count),
            self.label,
            span_text(self.span_days)
        )
    }
}

/// One action of a recurring-action pattern.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PatternAction {
    /// `DOC#A1`.
    pub key: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: ActionStatus,
}

/// Actions written alike in several postmortems.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionPattern {
    /// The shared phrase.
    pub label: String,
    /// How many documents have such an action.
    pub count: usize,
    /// How many of the actions are done: the fix came back anyway.
    pub done: usize,
    /// The actions, in library order.
    pub actions: Vec<PatternAction>,
}

/// An incident from this week in an earlier year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Anniversary {
    /// The document.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The day it started.
    pub date: NaiveDate,
    /// How many years ago.
    pub years: i32,
}

/// Everything that recurs across the selected documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Patterns {
    /// Tags on two or more incidents or near misses, most frequent first.
    pub tags: Vec<Bucket>,
    /// Services in two or more incidents or near misses.
    pub services: Vec<Bucket>,
    /// Factor categories in two or more incidents or near misses.
    pub categories: Vec<Bucket>,
    /// Causes written alike in two or more documents.
    pub causes: Vec<CausePattern>,
    /// Actions written alike in two or more documents.
    pub actions: Vec<ActionPattern>,
    /// Incidents from this week in earlier years, oldest first.
    pub anniversaries: Vec<Anniversary>,
}

/// At most this many cause and action patterns are reported.
const MAX_PATTERNS: usize = 20;

/// A pattern's label and shared words are written as in (at most) this
/// many of its documents, the first in library order.
const SAMPLE: usize = 50;

/// The patterns of `entries` (already filtered); `today` places the week
/// of the anniversaries.
pub fn patterns(entries: &[&Entry], today: NaiveDate) -> Patterns {
    let events: Vec<&Entry> = entries
        .iter()
        .copied()
        .filter(|e| e.doc.kind.is_event())
        .collect();
    let tally = |values: &dyn Fn(&Entry) -> Vec<String>| -> Vec<Bucket> {
        let mut map: BTreeMap<String, Bucket> = BTreeMap::new();
        for e in &events {
            let mut seen: Vec<String> = values(e);
            seen.sort();
            seen.dedup();
            for v in seen {
                map.entry(v.clone())
                    .or_insert_with(|| Bucket::new(v))
                    .add(e.key());
            }
        }
        recurring(map.into_values().collect())
    };
    Patterns {
        tags: tally(&|e| {
            e.doc
                .meta
                .tags
                .iter()
                .map(|t| t.trim().to_string())
                .collect()
        }),
        services: tally(&|e| {
            e.doc
                .meta
                .services
                .iter()
                .map(|t| t.trim().to_string())
                .collect()
        }),
        categories: tally(&|e| e.doc.factors.iter().map(|f| f.category.clone()).collect()),
        causes: causes(&events),
        actions: recurring_actions(entries),
        anniversaries: anniversaries(&events, today),
    }
}

/// Buckets with two or more documents, most first, then by label.
fn recurring(mut buckets: Vec<Bucket>) -> Vec<Bucket> {
    buckets.retain(|b| b.count >= 2);
    buckets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    buckets
}

/// Groups documents by the phrases their texts share: each set of two or
/// more documents sharing a phrase (a pair of adjacent content words) is
/// one pattern, labelled by its phrases joined where they chain.
fn phrase_groups(terms: &[&HashSet<String>]) -> Vec<(Vec<usize>, Vec<String>)> {
    let n = terms.len();
    let mut docs_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, pairs) in terms.iter().enumerate() {
        for pair in pairs.iter() {
            docs_of.entry(pair.as_str()).or_default().push(i);
        }
    }
    // A phrase in most of the library is boilerplate, not a pattern.
    let common = (n / 2).max(2);
    let mut groups: HashMap<Vec<usize>, Vec<String>> = HashMap::new();
    for (pair, docs) in docs_of {
        if docs.len() >= 2 && (docs.len() <= common || n < 4) {
            groups.entry(docs).or_default().push(pair.to_string());
        }
    }
    let mut out: Vec<(Vec<usize>, Vec<String>)> = groups
        .into_iter()
        .map(|(docs, mut pairs)| {
            pairs.sort();
            (docs, pairs)
        })
        .collect();
    out.sort_by(|a, b| {
        b.0.len()
            .cmp(&a.0.len())
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    out
}

/// The label of a group's phrases: the longest chain of pairs that share
/// a word (`connection pool` + `pool exhaustion`), as written.
fn label(pairs: &[String], terms: &[&Surfaces]) -> String {
    // Chain through the written forms, which keep word order.
    let forms: Vec<Vec<String>> = pairs
        .iter()
        .map(|p| {
            surface(terms, p)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|f| f.len() == 2)
        .collect();
    let mut best: Vec<String> = Vec::new();
    for start in &forms {
        let mut chain = start.clone();
        let mut used = vec![false; forms.len()];
        loop {
            let last = chain.last().cloned().unwrap_or_default();
            let next = forms
                .iter()
                .enumerate()
                .find(|(i, f)| !used[*i] && f[0] == last && !chain.contains(&f[1]));
            match next {
                Some((i, f)) => {
                    used[i] = true;
                    chain.push(f[1].clone());
                }
                None => break,
            }
        }
        if chain.len() > best.len() {
            best = chain;
        }
    }
    best.join(" ")
}

fn causes(events: &[&Entry]) -> Vec<CausePattern> {
    let terms: Vec<Terms> = par_map(events, |e| Terms::of(cause_texts(&e.doc)));
    let mut df: HashMap<&str, usize> = HashMap::new();
    for t in &terms {
        for w in &t.words {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut out = Vec::new();
    let pair_sets: Vec<&HashSet<String>> = terms.iter().map(|t| &t.pairs).collect();
    for (docs, pairs) in phrase_groups(&pair_sets).into_iter().take(MAX_PATTERNS) {
        let forms: Vec<Surfaces> = docs
            .iter()
            .take(SAMPLE)
            .map(|&i| surfaces(cause_texts(&events[i].doc)))
            .collect();
        let forms: Vec<&Surfaces> = forms.iter().collect();
        let mut dated: Vec<(Option<NaiveDate>, &str)> = docs
            .iter()
            .map(|&i| (doc_date(&events[i].doc), events[i].key()))
            .collect();
        dated.sort();
        let days: Vec<NaiveDate> = dated.iter().filter_map(|(d, _)| *d).collect();
        let span_days = match (days.first(), days.last()) {
            (Some(a), Some(b)) => (*b - *a).num_days(),
            _ => 0,
        };
        // Narrowed document by document: quick however many there are.
        let mut shared: Vec<&String> = terms[docs[0]].words.iter().collect();
        for &i in &docs[1..] {
            shared.retain(|w| terms[i].words.contains(*w));
            if shared.is_empty() {
                break;
            }
        }
        shared.sort_by(|a, b| df[a.as_str()].cmp(&df[b.as_str()]).then_with(|| a.cmp(b)));
        out.push(CausePattern {
            label: label(&pairs, &forms),
            count: docs.len(),
            span_days,
            ids: dated.iter().map(|(_, k)| k.to_string()).collect(),
            shared: shared
                .into_iter()
                .take(8)
                .map(|w| surface(&forms, w))
                .collect(),
        });
    }
    out
}

fn recurring_actions(entries: &[&Entry]) -> Vec<ActionPattern> {
    // Per document: the pairs of each action title, and of all of them.
    let per_doc: Vec<(Terms, Vec<Terms>)> = par_map(entries, |e| {
        let own: Vec<Terms> = e
            .doc
            .actions
            .iter()
            .map(|a| Terms::of([a.title.as_str()]))
            .collect();
        let mut all = Terms::default();
        for t in &own {
            all.pairs.extend(t.pairs.iter().cloned());
        }
        (all, own)
    });
    let pair_sets: Vec<&HashSet<String>> = per_doc.iter().map(|(all, _)| &all.pairs).collect();
    let mut out = Vec::new();
    for (docs, pairs) in phrase_groups(&pair_sets).into_iter().take(MAX_PATTERNS) {
        let forms: Vec<Surfaces> = docs
            .iter()
            .take(SAMPLE)
            .map(|&i| surfaces(entries[i].doc.actions.iter().map(|a| a.title.as_str())))
            .collect();
        let forms: Vec<&Surfaces> = forms.iter().collect();
        let mut actions = Vec::new();
        let mut with = 0;
        for &i in &docs {
            let entry = entries[i];
            let before = actions.len();
            for (a, own) in entry.doc.actions.iter().zip(&per_doc[i].1) {
                if pairs.iter().all(|p| own.pairs.contains(p)) {
                    actions.push(PatternAction {
                        key: format!("{}#{}", entry.key(), a.id),
                        title: a.title.clone(),
                        status: a.status,
                    });
                }
            }
            with += usize::from(actions.len() > before);
        }
        // The phrases may be spread over several titles of a document:
        // only documents with one action saying it all count.
        if with < 2 {
            continue;
        }
        let done = actions
            .iter()
            .filter(|a| a.status == ActionStatus::Done)
            .count();
        out.push(ActionPattern {
            label: label(&pairs, &forms),
            count: with,
            done,
            actions,
        });
    }
    out
}

/// Incidents whose anniversary this year falls within three days of
/// `today` (a week centred on it), from earlier years.
fn anniversaries(events: &[&Entry], today: NaiveDate) -> Vec<Anniversary> {
    let mut out: Vec<Anniversary> = events
        .iter()
        .filter(|e| e.doc.kind == Kind::Incident)
        .filter_map(|e| {
            let date = doc_date(&e.doc)?;
            let years = today.year() - date.year();
            if years < 1 {
                return None;
            }
            // 29 February falls on the 28th in other years.
            let this_year = date
                .with_year(today.year())
                .or_else(|| NaiveDate::from_ymd_opt(today.year(), 2, 28))?;
            ((this_year - today).num_days().abs() <= 3).then(|| Anniversary {
                id: e.key().to_string(),
                title: e.doc.meta.title.clone(),
                date,
                years,
            })
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    out
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`.
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `12 days`, `6 months`, `2 years`: a span of days as a reader says it.
pub fn span_text(days: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if days <= 31 {
        plural(days.max(1), "day")
    } else if days < 730 {
        plural(((days as f64) / 30.4375).round().max(1.0) as i64, "month")
    } else {
        plural(((days as f64) / 365.25).round() as i64, "year")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_and_spans() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(3), "3rd");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(span_text(0), "1 day");
        assert_eq!(span_text(20), "20 days");
        assert_eq!(span_text(182), "6 months");
        assert_eq!(span_text(800), "2 years");
    }
}
