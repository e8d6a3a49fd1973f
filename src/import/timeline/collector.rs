//! The [`Collector`] every source hands its candidates to: the time window,
//! `--grep`, the cap, repeated lines numbered, what was skipped counted.

use std::collections::HashMap;
use std::path::Path;

use super::{
    Candidate, MAX_CANDIDATES, MAX_EXAMPLES, Options, Parsed, SkippedItem, SourceKind,
    occurrence_hash,
};
use crate::model::Timestamp;

/// Gathers candidates, applying the time window, the pattern and the cap.
pub(crate) struct Collector<'a> {
    pub(super) parsed: Parsed,
    pub(super) options: &'a Options,
    /// Whether `--grep` is applied by the reader (to raw lines) instead.
    pub(super) grep_done: bool,
    /// How often each line's hash was seen in this source, so that identical
    /// lines (the same message twice in one second) stay distinct events.
    occurrences: HashMap<String, u32>,
}

impl<'a> Collector<'a> {
    pub(super) fn new(path: &Path, kind: SourceKind, options: &'a Options) -> Self {
        Collector {
            parsed: Parsed {
                path: path.to_path_buf(),
                kind,
                candidates: Vec::new(),
                unparseable: 0,
                undated: 0,
                examples: Vec::new(),
                filtered: 0,
                over_limit: 0,
                bytes: 0,
                warnings: Vec::new(),
            },
            options,
            grep_done: false,
            occurrences: HashMap::new(),
        }
    }

    /// Numbers a repeated line of a line-based source: its `n`th repetition
    /// (n ≥ 1) gets [`occurrence_hash`], the first keeps the plain hash, so
    /// documents imported before stay valid and re-import stays idempotent.
    /// Items of JSON sources are the same alert or page seen again and keep
    /// one hash.
    fn number(&mut self, candidate: &mut Candidate) {
        if !matches!(
            self.parsed.kind,
            SourceKind::Log | SourceKind::Csv | SourceKind::Markdown
        ) {
            return;
        }
        let seen = self
            .occurrences
            .entry(candidate.provenance.hash.clone())
            .or_insert(0);
        if *seen > 0 {
            candidate.provenance.hash = occurrence_hash(&candidate.provenance.hash, *seen);
        }
        *seen += 1;
    }

    /// Offers a candidate; it is kept when inside the window and matching.
    pub(crate) fn offer(&mut self, mut candidate: Candidate) {
        self.number(&mut candidate);
        let options = self.options;
        let outside = options.since.is_some_and(|since| candidate.at < since)
            || options.until.is_some_and(|until| candidate.at > until);
        let unmatched = !self.grep_done
            && options.grep.as_ref().is_some_and(|re| {
                !re.is_match(&candidate.text) && !re.is_match(&candidate.provenance.raw)
            });
        if outside || unmatched {
            self.parsed.filtered += 1;
        } else if self.parsed.candidates.len() >= MAX_CANDIDATES {
            self.parsed.over_limit += 1;
        } else {
            self.parsed.candidates.push(candidate);
        }
    }

    /// Whether an event at `at` would be kept by the time window and the
    /// cap (the pattern is already applied by the line reader); counts it
    /// when not. Lets streaming sources skip building events that would be
    /// dropped.
    pub(crate) fn admit(&mut self, at: Timestamp) -> bool {
        let options = self.options;
        if options.since.is_some_and(|since| at < since)
            || options.until.is_some_and(|until| at > until)
        {
            self.parsed.filtered += 1;
            false
        } else if self.parsed.candidates.len() >= MAX_CANDIDATES {
            self.parsed.over_limit += 1;
            false
        } else {
            true
        }
    }

    /// Keeps a candidate already [`admit`](Self::admit)ted.
    pub(crate) fn keep(&mut self, mut candidate: Candidate) {
        self.number(&mut candidate);
        self.parsed.candidates.push(candidate);
    }

    /// Counts something read that carries nothing to import.
    pub(crate) fn ignore(&mut self) {
        self.parsed.filtered += 1;
    }

    /// Counts an unparseable line or item, keeping the first few.
    /// Skips a time that has no date to go with.
    pub(crate) fn skip_undated(&mut self, location: impl Into<String>, text: &str, reason: &str) {
        self.parsed.undated += 1;
        self.skip(location, text, reason);
    }

    pub(crate) fn skip(&mut self, location: impl Into<String>, text: &str, reason: &str) {
        self.parsed.unparseable += 1;
        if self.parsed.examples.len() < MAX_EXAMPLES {
            let mut cut: String = text.chars().take(200).collect();
            if cut.len() < text.len() {
                cut.push('…');
            }
            self.parsed.examples.push(SkippedItem {
                location: location.into(),
                text: cut,
                reason: reason.to_string(),
            });
        }
    }

    /// Notes something the user should check (kept to the first few).
    pub(crate) fn warn(&mut self, message: String) {
        if self.parsed.warnings.len() < MAX_EXAMPLES {
            self.parsed.warnings.push(message);
        }
    }

    /// Adds to the bytes read.
    pub(crate) fn read_bytes(&mut self, bytes: u64) {
        self.parsed.bytes += bytes;
    }

    pub(super) fn finish(self) -> Parsed {
        self.parsed
    }
}
