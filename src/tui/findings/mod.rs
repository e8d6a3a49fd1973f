//! Live validation in the editor: the lint engine's findings plus the
//! structural problems of `model::check`, kept current after every edit.
//!
//! After an edit only what it touched is re-linted ([`LintState::follow`]
//! maps the [`Edit`] to lint changes); inserts, removals and moves shift
//! the cached findings of the other items instead of re-linting them.
//! `place.rs` finds where a finding lives and builds the edit of its fix;
//! `render.rs` draws glyphs, underlines and the findings panel. Moving
//! between findings and applying fixes is `update`'s job.

mod place;
mod render;
mod typed;

pub use place::{Place, fix_edit, fix_target, place};
pub use render::{
    counts_text, first_line, glyph, header_text, mark_row, panel_area, ranges, render_panel,
    severity_style, underlined, worst,
};
pub use typed::{CHECK_AT_ONCE, live_counts, typed_findings};

use std::fmt;
use std::time::{Duration, Instant};

use crate::lint::{
    Category, Counts, Finding, ItemRef, LintConfig, LiveLint, Location, Severity, changes_of,
};
use crate::model::Postmortem;
use crate::model::edit::{DocField, Edit, Item};

/// The finding `g s` accepts: the one `]d` went to when it is on the
/// selection (or the pane has no items), else the first lint finding of
/// the selected item. Structural problems are not lint and cannot be
/// accepted.
pub fn suppress_target(app: &crate::tui::app::App) -> Option<Finding> {
    let all = app.lint.all();
    let selected = app.selected_id(app.focus);
    let on_selection = |f: &Finding| selected.as_deref().is_some_and(|id| f.location.item == id);
    let lint = |f: &Finding| f.rule != crate::lint::rule::CHECK;
    if let Some(current) = app.lint.current.and_then(|c| all.get(c))
        && lint(current)
        && (selected.is_none() || on_selection(current))
    {
        return Some((*current).clone());
    }
    all.into_iter()
        .find(|f| lint(f) && on_selection(f))
        .cloned()
}

/// Documents with more items than this (events, whys, factors, actions)
/// are linted after the first frame, a slice at a time, and their
/// linear checks (structure, document-level rules, counts) wait until
/// typing pauses: per key the editor does only the edit's own work.
pub const LARGE: usize = 2_000;

/// How long one slice of the backlog may take between keys.
const SLICE: Duration = Duration::from_millis(12);

/// How long after the last edit a large document's linear checks run.
const PAUSE: Duration = Duration::from_millis(300);

fn is_large(doc: &Postmortem) -> bool {
    doc.timeline.len() + doc.whys.nodes.len() + doc.factors.len() + doc.actions.len() > LARGE
}

/// The editor's lint state: the incremental linter, the structural problems
/// and the findings panel.
pub struct LintState {
    live: LiveLint,
    config: LintConfig,
    structural: Vec<Finding>,
    /// A large document's structure, document rules and counts wait for a
    /// pause in typing: the last edit they have not seen.
    unsettled: Option<Instant>,
    /// A deferred edit (or the deferred start) may have changed what
    /// `model::check` reports: a pause re-runs it only then.
    structure_stale: bool,
    /// The counts, kept with the findings (the header shows them on
    /// every frame).
    counts: Counts,
    /// Whether the findings panel is shown.
    pub panel: bool,
    /// The finding `]d` / `[d` last went to (index into [`LintState::all`]).
    pub current: Option<usize>,
}

impl fmt::Debug for LintState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LintState")
            .field("counts", &self.counts())
            .field("panel", &self.panel)
            .field("current", &self.current)
            .finish()
    }
}

impl LintState {
    /// Lints the whole document (a large one later: see [`LintState::settle`]).
    pub fn new(doc: &Postmortem) -> LintState {
        let config = LintConfig::default();
        let (live, structural, unsettled) = lint_from_scratch(doc, &config);
        let mut state = LintState {
            live,
            config,
            structural,
            structure_stale: unsettled.is_some(),
            unsettled,
            counts: Counts::default(),
            panel: false,
            current: None,
        };
        state.count();
        state
    }

    /// Lints `doc` from scratch with the settings in force.
    fn start(&mut self, doc: &Postmortem) {
        (self.live, self.structural, self.unsettled) = lint_from_scratch(doc, &self.config);
        self.structure_stale = self.unsettled.is_some();
        self.current = None;
        self.count();
    }

    /// Whether findings are still being worked out (the header says so
    /// rather than show counts that are not final).
    pub fn unsettled(&self) -> bool {
        self.unsettled.is_some()
    }

    /// Whether there is work to do at once (the backlog of a deferred
    /// start): the event loop then does not wait for keys.
    pub fn busy(&self) -> bool {
        self.live.backlog() > 0
    }

    /// Between keys: lints a slice of the backlog, and once typing has
    /// paused runs the linear checks a large document's edits left.
    /// Returns whether the findings changed.
    pub fn settle(&mut self, doc: &Postmortem) -> bool {
        let Some(since) = self.unsettled else {
            return false;
        };
        if self.live.backlog() > 0 {
            let started = Instant::now();
            while !self.live.lint_backlog(doc, 64) && started.elapsed() < SLICE {}
            if self.live.backlog() > 0 {
                return false;
            }
        }
        if since.elapsed() < PAUSE {
            return false;
        }
        self.live.refresh_stale(doc);
        if std::mem::take(&mut self.structure_stale) {
            self.structural = structural(doc);
        }
        self.unsettled = None;
        self.count();
        let c = self.counts;
        let n = c.errors + c.warnings + c.infos;
        self.current = self.current.filter(|at| *at < n);
        true
    }

    /// Counts the findings again (after they changed).
    fn count(&mut self) {
        let mut counts = self.live.counts();
        counts.errors += self.structural.len();
        self.counts = counts;
    }

    /// Lints with the team's settings (roster, allow list, gap threshold)
    /// from now on.
    pub fn configure(&mut self, doc: &Postmortem, config: &LintConfig) {
        self.config = config.clone();
        self.start(doc);
    }

    /// Re-lints everything (the document was replaced wholesale).
    pub fn reset(&mut self, doc: &Postmortem) {
        self.start(doc);
    }

    /// Every finding: items in document order, document-level rules, then
    /// structural problems.
    pub fn all(&self) -> Vec<&Finding> {
        self.live.findings().chain(&self.structural).collect()
    }

    /// The lint context in force (roster, allow list, thresholds).
    pub fn context(&self) -> &crate::lint::Context {
        self.live.context()
    }

    /// The structural problems of `model::check` (dangling links, duplicate
    /// ids …), as findings.
    pub fn structural(&self) -> &[Finding] {
        &self.structural
    }

    /// Counts by severity (structural problems count as errors).
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// The completeness score, 0–100; never 100 while errors remain.
    pub fn score(&self) -> u8 {
        let total = self.live.score().total;
        if self.counts().errors > 0 {
            total.min(99)
        } else {
            total
        }
    }

    /// The findings of one lint item.
    pub fn findings_for(&self, item: ItemRef) -> &[Finding] {
        self.live.findings_for(item)
    }
}

/// A linter for `doc`, its structural problems and whether work is left:
/// a small document is linted at once, a large one deferred (its backlog
/// linted between keys, its structure checked after).
fn lint_from_scratch(
    doc: &Postmortem,
    config: &LintConfig,
) -> (LiveLint, Vec<Finding>, Option<Instant>) {
    if is_large(doc) {
        let since = Instant::now()
            .checked_sub(PAUSE)
            .unwrap_or_else(Instant::now);
        (LiveLint::deferred(doc, config), Vec::new(), Some(since))
    } else {
        (LiveLint::new(doc, config), structural(doc), None)
    }
}

/// `model::check`'s problems as findings (rule `check`, always errors).
fn structural(doc: &Postmortem) -> Vec<Finding> {
    crate::model::check(doc)
        .into_iter()
        .map(|p| Finding {
            rule: crate::lint::rule::CHECK,
            category: Category::Completeness,
            severity: Severity::Error,
            message: p.to_string(),
            suggestion: None,
            fix: None,
            location: Location {
                item: p.item.clone(),
                ..Location::default()
            },
            excerpt: None,
        })
        .collect()
}

/// Whether `model::check`'s answer can differ after `edit`.
fn may_change_structure(edit: &Edit) -> bool {
    use DocField::*;
    match edit {
        Edit::Replace {
            before: Item::Event(b),
            after: Item::Event(a),
            ..
        } => a.id != b.id || a.marks != b.marks,
        // `check` reads these document fields; the rest are prose or lists
        // it never looks at.
        Edit::SetText { field, .. } => matches!(
            field,
            Severity | SeverityScale | Timezone | Started | Ended | Categories
        ),
        Edit::Batch(edits) => edits.iter().any(may_change_structure),
        _ => true,
    }
}

impl LintState {
    /// Brings the findings up to date after `edit` was applied to `doc`:
    /// re-lints the items it touched plus the document-level rules; items
    /// it inserted, removed or moved only shift the cached findings of the
    /// others.
    pub fn follow(&mut self, doc: &Postmortem, edit: &Edit) {
        self.live.changed(doc, changes_of(doc, edit));
        if self.unsettled.is_some() || is_large(doc) {
            // Structure, document rules and counts are linear: after a
            // pause (`settle`).
            self.live.defer_document = true;
            self.unsettled = Some(Instant::now());
            self.structure_stale |= may_change_structure(edit);
            return;
        }
        self.live.defer_document = false;
        if may_change_structure(edit) {
            // `model::check` is linear but not free (about 20 ms at 10,000
            // events): run it only when the edit can change ids, links,
            // categories, parents or the severity / zone it checks.
            self.structural = structural(doc);
        }
        self.count();
        let c = self.counts;
        let n = c.errors + c.warnings + c.infos;
        self.current = self.current.filter(|at| *at < n);
    }
}
