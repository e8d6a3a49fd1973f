//! Incremental linting for the editor: findings cached per item, so an edit
//! re-lints only the touched item plus the (cheap) document-level rules.

use std::collections::BTreeMap;

use crate::model::Postmortem;

use super::complete::{Score, completeness_score, lint_document_rules};
use super::context::{Context, LintConfig};
use super::items::{ItemRef, lint_item};
use super::{Counts, Finding, Severity};

/// Live lint state of one open document.
///
/// ```text
/// let mut live = LiveLint::new(&doc, &LintConfig::default());
/// // … the user edits timeline[42].text …
/// live.edited(&doc, ItemRef::Event(42));
/// // … an event is inserted, deleted or the timeline re-sorted …
/// live.restructured(&doc);
/// ```
pub struct LiveLint {
    config: LintConfig,
    ctx: Context,
    items: BTreeMap<ItemRef, Vec<Finding>>,
    document: Vec<Finding>,
    item_errors: usize,
    score: Score,
}

impl LiveLint {
    /// Lints the whole document.
    pub fn new(doc: &Postmortem, config: &LintConfig) -> LiveLint {
        let mut live = LiveLint {
            config: config.clone(),
            ctx: Context::new(doc, config),
            items: BTreeMap::new(),
            document: Vec::new(),
            item_errors: 0,
            score: completeness_score(doc),
        };
        live.restructured(doc);
        live
    }

    /// The context in force.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// After an edit inside one item. Editing an event's actor, an action's
    /// owner or the meta block (roster, authors, allow list, sign-off: pass
    /// `ItemRef::Meta`) can change the roster; then everything is re-linted.
    pub fn edited(&mut self, doc: &Postmortem, item: ItemRef) {
        let may_change_roster =
            matches!(item, ItemRef::Meta | ItemRef::Event(_) | ItemRef::Action(_));
        if may_change_roster && self.ctx.is_stale(doc) {
            self.ctx = Context::new(doc, &self.config);
            self.restructured(doc);
            return;
        }
        let findings = lint_item(doc, item, &self.ctx);
        let old = self.items.insert(item, findings);
        self.item_errors -= old.map_or(0, |f| Counts::of(&f).errors);
        self.item_errors += self.items.get(&item).map_or(0, |f| Counts::of(f).errors);
        self.refresh_document(doc);
    }

    /// After items were inserted, removed or reordered (indexes changed), or
    /// the document was replaced: re-lints everything.
    pub fn restructured(&mut self, doc: &Postmortem) {
        if self.ctx.is_stale(doc) {
            self.ctx = Context::new(doc, &self.config);
        }
        self.items = ItemRef::all(doc)
            .into_iter()
            .map(|item| (item, lint_item(doc, item, &self.ctx)))
            .collect();
        self.item_errors = self.items.values().map(|f| Counts::of(f).errors).sum();
        self.refresh_document(doc);
    }

    /// Re-runs only the document-level rules and the score (cheap: linear in
    /// the document, no prose scanning).
    pub fn refresh_document(&mut self, doc: &Postmortem) {
        self.document = lint_document_rules(doc, &self.ctx, self.item_errors);
        self.score = completeness_score(doc);
    }

    /// Every finding: items in document order, then document-level ones.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.items.values().flatten().chain(&self.document)
    }

    /// The findings of one item (for underlining a field).
    pub fn findings_for(&self, item: ItemRef) -> &[Finding] {
        self.items.get(&item).map_or(&[], Vec::as_slice)
    }

    /// Counts by severity, for the header.
    pub fn counts(&self) -> Counts {
        Counts::of(self.findings())
    }

    /// Whether any error remains.
    pub fn has_errors(&self) -> bool {
        self.findings().any(|f| f.severity == Severity::Error)
    }

    /// The completeness score.
    pub fn score(&self) -> &Score {
        &self.score
    }
}
