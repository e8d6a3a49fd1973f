//! Live validation in the editor: the lint engine's findings plus the
//! structural problems of `model::check`, kept current after every edit.
//!
//! After an edit only what it touched is re-linted ([`relint`] maps the
//! [`Edit`] to lint changes); inserts, removals and moves shift the cached
//! findings of the other items instead of re-linting them. The findings panel (`F`), `]d`/`[d`
//! and `g a` (apply the suggested rewrite as one undo step) live here too.

use std::fmt;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::UnicodeWidthChar;

use super::app::{App, Pane, Tone};
use super::panes::{self, fit, put_line, wrap};
use super::update;
use crate::lint::{
    Category, Change, Counts, Finding, ItemRef, LintConfig, LiveLint, Location, Severity,
    changes_of, item_ref, undo_changes_of,
};
use crate::model::Postmortem;
use crate::model::edit::{
    DocField, Edit, Item, List, ResponseColumn, item_at, response_slot_of, text_at_mut,
};

/// The editor's lint state: the incremental linter, the structural problems
/// and the findings panel.
pub struct LintState {
    live: LiveLint,
    structural: Vec<Finding>,
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
    /// Lints the whole document.
    pub fn new(doc: &Postmortem) -> LintState {
        LintState {
            live: LiveLint::new(doc, &LintConfig::default()),
            structural: structural(doc),
            panel: false,
            current: None,
        }
    }

    /// Lints with the team's settings (roster, allow list, gap threshold)
    /// from now on.
    pub fn configure(&mut self, doc: &Postmortem, config: &LintConfig) {
        self.live = LiveLint::new(doc, config);
    }

    /// Re-lints everything (the document was replaced wholesale).
    pub fn reset(&mut self, doc: &Postmortem) {
        self.live.restructured(doc);
        self.structural = structural(doc);
        self.current = None;
    }

    /// Every finding: items in document order, document-level rules, then
    /// structural problems.
    pub fn all(&self) -> Vec<&Finding> {
        self.live.findings().chain(&self.structural).collect()
    }

    /// Counts by severity (structural problems count as errors).
    pub fn counts(&self) -> Counts {
        let mut counts = self.live.counts();
        counts.errors += self.structural.len();
        counts
    }

    /// The completeness score, 0–100.
    pub fn score(&self) -> u8 {
        self.live.score().total
    }

    /// The findings of one lint item.
    pub fn findings_for(&self, item: ItemRef) -> &[Finding] {
        self.live.findings_for(item)
    }
}

/// `model::check`'s problems as findings (rule `check`, always errors).
fn structural(doc: &Postmortem) -> Vec<Finding> {
    as_findings(&super::app::diagnose(doc))
}

fn as_findings(problems: &[super::app::Finding]) -> Vec<Finding> {
    problems
        .iter()
        .map(|p| Finding {
            rule: "check",
            category: Category::Completeness,
            severity: Severity::Error,
            message: p.message.clone(),
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

// ------------------------------------------------------------- re-linting

/// Whether `model::check`'s answer can differ after `edit`.
fn may_change_structure(edit: &Edit) -> bool {
    use DocField::*;
    match edit {
        Edit::Replace {
            before: Item::Event(b),
            after: Item::Event(a),
            ..
        } => a.id != b.id,
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

/// Brings the findings up to date after `edit` was applied: re-lints the
/// items it touched plus the document-level rules; items it inserted,
/// removed or moved only shift the cached findings of the others.
pub fn relint(app: &mut App, edit: &Edit) {
    let changes = changes_of(&app.doc, edit);
    relint_changes(app, edit, changes);
}

/// [`relint`] after `edit` was undone (its inverse applied).
pub fn relint_undone(app: &mut App, edit: &Edit) {
    let changes = undo_changes_of(&app.doc, edit);
    relint_changes(app, edit, changes);
}

fn relint_changes(app: &mut App, edit: &Edit, changes: Vec<Change>) {
    app.lint.live.changed(&app.doc, changes);
    if may_change_structure(edit) {
        // `model::check` is linear but not free (about 20 ms at 10,000
        // events): run it only when the edit can change ids, links,
        // categories, parents or the severity / zone it checks.
        app.findings = super::app::diagnose(&app.doc);
        app.lint.structural = as_findings(&app.findings);
    }
    let lint = &mut app.lint;
    let n = lint.all().len();
    lint.current = lint.current.filter(|c| *c < n);
}

// ------------------------------------------------------------- navigation

/// Where a finding lives in the editor: a list item, or a document field.
enum Place {
    Item(List, String),
    Field(Pane, usize),
    Problem,
}

fn list_of_section(section: &str) -> Option<List> {
    match section {
        "timeline" => Some(List::Timeline),
        "whys" => Some(List::Whys),
        "factors" => Some(List::Factors),
        "actions" => Some(List::Actions),
        _ => None,
    }
}

/// The document field a finding in `location` is in, if the editor has one.
fn doc_field(doc: &Postmortem, location: &Location) -> Option<DocField> {
    use DocField::*;
    Some(match (location.section, location.field) {
        ("meta", "title") => Title,
        ("meta", "severity") => Severity,
        ("meta", "timezone") => Timezone,
        ("meta", "started") => Started,
        ("meta", "ended") => Ended,
        ("summary", _) => Summary,
        ("impact", "users_affected") => UsersAffected,
        ("impact", "duration") => ImpactDuration,
        ("impact", "requests_failed") => RequestsFailed,
        ("impact", "revenue") => Revenue,
        ("impact", "sla") => Sla,
        ("impact", "data_loss") => DataLoss,
        ("impact", "customer_complaints") => CustomerComplaints,
        ("impact", _) => ImpactExtra,
        ("whys", "problem") => Problem,
        ("whys", "root_cause") => RootCause,
        ("response", column) => Response {
            slot: response_slot_of(doc, &location.item)?,
            column: match column {
                "worked" => ResponseColumn::Worked,
                "did_not_work" => ResponseColumn::DidNotWork,
                _ => ResponseColumn::Happened,
            },
        },
        ("review", "went_well") => WentWell,
        ("review", "went_poorly") => WentPoorly,
        ("review", "lucky") => Lucky,
        ("review", "lessons") => Lessons,
        ("project", "differently") => Differently,
        ("project", "recommendations") => Recommendations,
        ("project", _) => Goals,
        ("appendix", "metrics") => Metrics,
        ("appendix", _) => Notes,
        ("follow_up", _) => FollowUp,
        ("unmapped", _) => Unmapped,
        _ => return None,
    })
}

fn place(doc: &Postmortem, finding: &Finding) -> Option<Place> {
    let location = &finding.location;
    if let Some(list) = list_of_section(location.section)
        && !location.item.is_empty()
    {
        return Some(Place::Item(list, location.item.clone()));
    }
    if location.section.is_empty() && !location.item.is_empty() {
        // A structural problem names its item only.
        for list in [List::Timeline, List::Whys, List::Factors, List::Actions] {
            if index_of(doc, list, &location.item).is_some() {
                return Some(Place::Item(list, location.item.clone()));
            }
        }
    }
    let field = doc_field(doc, location)?;
    if matches!(field, DocField::Problem) {
        return Some(Place::Problem);
    }
    for pane in [Pane::Overview, Pane::Review] {
        if let Some(i) = panes::fields(doc, pane).iter().position(|f| *f == field) {
            return Some(Place::Field(pane, i));
        }
    }
    None
}

fn index_of(doc: &Postmortem, list: List, id: &str) -> Option<usize> {
    match list {
        List::Timeline => doc.timeline.iter().position(|e| e.id == id),
        List::Whys => doc.whys.nodes.iter().position(|w| w.id == id),
        List::Factors => doc.factors.iter().position(|f| f.id == id),
        List::Actions => doc.actions.iter().position(|a| a.id == id),
    }
}

/// `]d` / `[d`: goes to the next (`delta` 1) or previous (-1) finding,
/// selecting its item and showing its pane.
pub fn step(app: &mut App, delta: isize) {
    let all = app.lint.all();
    let n = all.len();
    if n == 0 {
        app.say("no findings", Tone::Info);
        return;
    }
    let next = match app.lint.current {
        None if delta >= 0 => 0,
        None => n - 1,
        Some(at) => (at as isize + delta).rem_euclid(n as isize) as usize,
    };
    let finding = all[next].clone();
    app.lint.current = Some(next);
    go_to(app, &finding);
    app.say(
        format!(
            "finding {} of {n}: {} {}",
            next + 1,
            finding.rule,
            first_line(&finding.message)
        ),
        Tone::Info,
    );
}

fn go_to(app: &mut App, finding: &Finding) {
    match place(&app.doc, finding) {
        Some(Place::Item(list, id)) => update::select_id(app, list, &id),
        Some(Place::Field(pane, row)) => {
            app.focus = pane;
            *app.cursor.field_mut(pane) = row;
            update::clamp(app);
        }
        Some(Place::Problem) => {
            app.focus = Pane::Whys;
            app.cursor.whys = 0;
            update::clamp(app);
        }
        None => app.lint.panel = true,
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

/// `F`: shows or hides the findings panel.
pub fn toggle_panel(app: &mut App) {
    app.lint.panel = !app.lint.panel;
}

// ---------------------------------------------------------------- fixing

/// The finding `g a` applies: the current one when it is on the selection
/// (or the selection has no findings), else the first fixable finding of
/// the selected item.
fn fix_target(app: &App) -> Option<Finding> {
    let all = app.lint.all();
    let selected = app.selected_id(app.focus);
    let on_selection = |f: &Finding| selected.as_deref().is_some_and(|id| f.location.item == id);
    if let Some(current) = app.lint.current.and_then(|c| all.get(c))
        && current.fix.is_some()
        && (selected.is_none() || on_selection(current))
    {
        return Some((*current).clone());
    }
    all.into_iter()
        .find(|f| f.fix.is_some() && on_selection(f))
        .cloned()
}

/// Replaces `range` of `text` by `fix`, tidying the space a deletion leaves.
fn rewrite(text: &str, range: std::ops::Range<usize>, fix: &str) -> Option<String> {
    if range.end > text.len()
        || !text.is_char_boundary(range.start)
        || !text.is_char_boundary(range.end)
    {
        return None;
    }
    let (before, after) = (&text[..range.start], &text[range.end..]);
    let mut out = String::with_capacity(text.len() + fix.len());
    if fix.is_empty()
        && before.ends_with(' ')
        && (after.starts_with(' ') || after.is_empty() || after.starts_with(['.', ',', ';']))
    {
        out.push_str(before.trim_end_matches(' '));
        if after.starts_with(' ') && !before.trim_end().is_empty() {
            out.push(' ');
        }
        out.push_str(after.trim_start_matches(' '));
    } else {
        out.push_str(before);
        out.push_str(fix);
        out.push_str(after);
    }
    Some(out)
}

fn item_field<'a>(item: &'a mut Item, field: &str) -> Option<&'a mut String> {
    Some(match (item, field) {
        (Item::Event(e), "text") => &mut e.text,
        (Item::Event(e), "source") => &mut e.source,
        (Item::Event(e), "actor") => &mut e.actor,
        (Item::Why(w), "text") => &mut w.text,
        (Item::Why(w), "question") => &mut w.question,
        (Item::Why(w), "accepted_risk") => &mut w.accepted_risk,
        (Item::Factor(f), "text") => &mut f.text,
        (Item::Factor(f), "contribution") => &mut f.contribution,
        (Item::Factor(f), "accepted_risk") => &mut f.accepted_risk,
        (Item::Action(a), "title") => &mut a.title,
        (Item::Action(a), "notes") => &mut a.notes,
        _ => return None,
    })
}

/// The edit that applies `finding`'s rewrite, if the editor can make it.
fn fix_edit(doc: &Postmortem, finding: &Finding) -> Option<Edit> {
    let fix = finding.fix.as_deref()?;
    let location = &finding.location;
    let range = location.range.clone()?;
    if let Some(list) = list_of_section(location.section)
        && !location.item.is_empty()
    {
        let index = index_of(doc, list, &location.item)?;
        let before = item_at(doc, list, index)?;
        let mut after = before.clone();
        let text = item_field(&mut after, location.field)?;
        *text = rewrite(text, range, fix)?;
        return Some(Edit::Replace {
            index,
            before,
            after,
        });
    }
    // A document field: rewrite the string the finding points at in a copy,
    // then record the field's text before and after.
    let field = doc_field(doc, location)?;
    let mut changed = doc.clone();
    let text = text_at_mut(&mut changed, &location.path)?;
    *text = rewrite(text, range, fix)?;
    Some(Edit::SetText {
        field,
        before: field.get(doc),
        after: field.get(&changed),
    })
}

/// `g a`: applies the selected finding's suggested rewrite as one undo step.
pub fn apply_fix(app: &mut App) {
    let Some(finding) = fix_target(app) else {
        app.say(
            "no suggested rewrite here: ]d goes to the next finding",
            Tone::Info,
        );
        return;
    };
    let Some(edit) = fix_edit(&app.doc, &finding) else {
        app.say(
            format!("{}: this rewrite cannot be applied here", finding.rule),
            Tone::Error,
        );
        return;
    };
    if update::commit(app, edit) {
        let fix = finding.fix.unwrap_or_default();
        let what = finding.excerpt.unwrap_or_default();
        app.say(
            if fix.is_empty() {
                format!("{}: removed `{what}` (u undoes)", finding.rule)
            } else {
                format!("{}: `{what}` → `{fix}` (u undoes)", finding.rule)
            },
            Tone::Info,
        );
    }
}

// ------------------------------------------------------------- rendering

/// The glyph for a severity: reads without colour.
pub fn glyph(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "!",
        Severity::Info => "i",
    }
}

/// The style for a severity.
pub fn severity_style(app: &App, severity: Severity) -> Style {
    match severity {
        Severity::Error => app.theme.error,
        Severity::Warning => app.theme.warning,
        Severity::Info => app.theme.muted,
    }
}

/// The worst finding of a list item, if any.
pub fn worst(app: &App, list: List, index: usize) -> Option<Severity> {
    app.lint
        .findings_for(item_ref(list, index))
        .iter()
        .map(|f| f.severity)
        .max()
}

/// The header's facts: completeness score and counts by severity.
pub fn header_text(app: &App) -> String {
    let c = app.lint.counts();
    let score = app.lint.score();
    if c.errors + c.warnings + c.infos == 0 {
        format!("{score}% complete │ ✓ no findings")
    } else {
        format!(
            "{score}% complete │ ✗{} !{} i{}",
            c.errors, c.warnings, c.infos
        )
    }
}

/// Puts the severity glyph of list item `index` in the cell at (`x`, `y`):
/// the marker every row with a finding carries, colour or not.
pub fn mark_row(app: &App, list: List, index: usize, x: u16, y: u16, buf: &mut Buffer) {
    if let Some(severity) = worst(app, list, index)
        && buf.area.contains(ratatui::layout::Position::new(x, y))
    {
        let cell = &mut buf[(x, y)];
        cell.set_symbol(glyph(severity));
        cell.set_style(severity_style(app, severity).add_modifier(Modifier::BOLD));
    }
}

/// Byte ranges of the findings in `field` of list item `index`.
pub fn ranges(
    app: &App,
    list: List,
    index: usize,
    field: &str,
) -> Vec<(std::ops::Range<usize>, Severity)> {
    app.lint
        .findings_for(item_ref(list, index))
        .iter()
        .filter(|f| f.location.field == field)
        .filter_map(|f| f.location.range.clone().map(|r| (r, f.severity)))
        .collect()
}

/// `text` cut to `width` columns (like [`fit`], padded), as spans in
/// which the bytes in `ranges` are underlined in their severity's style.
pub fn underlined(
    app: &App,
    text: &str,
    ranges: &[(std::ops::Range<usize>, Severity)],
    width: usize,
    style: Style,
) -> Vec<Span<'static>> {
    if ranges.is_empty() {
        return vec![Span::styled(format!("{:<width$}", fit(text, width)), style)];
    }
    let flagged = |byte: usize| {
        ranges
            .iter()
            .filter(|(r, _)| r.contains(&byte))
            .map(|(_, s)| *s)
            .max()
    };
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>()
        + text.matches('\n').count() * 2;
    let limit = if total <= width {
        width
    } else {
        width.saturating_sub(1)
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_flag: Option<Severity> = None;
    let mut used = 0;
    let style_of = |flag: Option<Severity>| match flag {
        Some(s) => style
            .patch(severity_style(app, s))
            .add_modifier(Modifier::UNDERLINED),
        None => style,
    };
    for (byte, c) in text.char_indices() {
        let shown = if c == '\n' {
            " ⏎ ".to_string()
        } else {
            c.to_string()
        };
        let w: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
        if used + w > limit {
            break;
        }
        let flag = flagged(byte);
        if flag != run_flag && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), style_of(run_flag)));
        }
        run_flag = flag;
        run.push_str(&shown);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, style_of(run_flag)));
    }
    if total > width {
        spans.push(Span::styled("…", style));
        used += 1;
    }
    if used < width {
        spans.push(Span::styled(" ".repeat(width - used), style));
    }
    spans
}

/// The rectangle the findings panel takes: the bottom rows above the
/// status bar (a third of the screen, at least 6 rows).
pub fn panel_area(area: Rect) -> Rect {
    let height = (area.height / 3).max(6).min(area.height.saturating_sub(3));
    Rect::new(
        area.x,
        area.bottom().saturating_sub(height + 1),
        area.width,
        height,
    )
}

/// Draws the findings panel over the bottom of the panes.
pub fn render_panel(app: &App, area: Rect, buf: &mut Buffer) {
    if !app.lint.panel || area.height < 8 {
        return;
    }
    let rect = panel_area(area);
    Clear.render(rect, buf);
    let theme = &app.theme;
    let all = app.lint.all();
    let title = format!(" Findings: {} ", header_text(app));
    let keys = " ]d/[d move · g a applies · F closes ";
    let block = Block::bordered()
        .title(Line::from(Span::styled(title, theme.title)))
        .title(Line::from(Span::styled(keys, theme.muted)).right_aligned())
        .border_style(theme.border_focused)
        .style(theme.base);
    let inner = block.inner(rect);
    block.render(rect, buf);
    if inner.height == 0 {
        return;
    }
    if all.is_empty() {
        put_line(
            buf,
            inner,
            inner.y,
            &Line::from(Span::styled(" ✓ no findings", theme.ok)),
            theme.base,
        );
        return;
    }
    // The list on top; the rows it does not need (two at least) explain
    // the current finding in full: its message, then the suggestion.
    let min_detail: u16 = 2;
    let list_rows = (inner.height.saturating_sub(min_detail).max(1) as usize).min(all.len());
    let detail_rows = inner.height.saturating_sub(list_rows as u16);
    let current = app.lint.current.unwrap_or(0).min(all.len() - 1);
    let offset = super::layout::scrolled(0, current, list_rows, all.len());
    let width = inner.width as usize;
    for (row, (i, f)) in all
        .iter()
        .enumerate()
        .skip(offset)
        .take(list_rows)
        .enumerate()
    {
        let selected = app.lint.current == Some(i);
        let style = if selected { theme.selected } else { theme.base };
        let lead = if selected { "▶" } else { " " };
        let place = if f.location.item.is_empty() {
            f.location.section.to_string()
        } else {
            f.location.item.clone()
        };
        let head = format!(
            "{lead}{} {:<7} {:<26} {:<6} ",
            glyph(f.severity),
            f.severity,
            f.rule,
            place
        );
        let head_width = head.chars().count();
        let spans = vec![
            Span::styled(
                head,
                if selected {
                    style
                } else {
                    severity_style(app, f.severity)
                },
            ),
            Span::styled(
                fit(first_line(&f.message), width.saturating_sub(head_width)),
                style,
            ),
        ];
        put_line(buf, inner, inner.y + row as u16, &Line::from(spans), style);
    }
    let f = all[current];
    let suggestion = match (&f.fix, &f.suggestion) {
        (Some(fix), _) if fix.is_empty() => "suggestion: delete it (g a)".to_string(),
        (Some(fix), _) => format!("suggestion: `{fix}` (g a applies)"),
        (None, Some(advice)) => format!("suggestion: {advice}"),
        (None, None) => "no suggestion".to_string(),
    };
    let mut lines: Vec<(String, Style)> = Vec::new();
    if detail_rows > min_detail {
        // Room to spare: the whole message first (the list cuts it).
        let message = format!("{} {}: {}", glyph(f.severity), f.rule, f.message);
        lines.extend(
            wrap(&message, width.saturating_sub(2))
                .into_iter()
                .map(|l| (l, theme.base)),
        );
    }
    let advice = wrap(&suggestion, width.saturating_sub(2));
    // The suggestion always shows: the message gives way to it.
    let keep = (detail_rows as usize).saturating_sub(advice.len());
    lines.truncate(keep);
    lines.extend(advice.into_iter().map(|l| (l, theme.mark)));
    let top = inner.y + list_rows as u16;
    for (k, (line, style)) in lines.iter().take(detail_rows as usize).enumerate() {
        put_line(
            buf,
            inner,
            top + k as u16,
            &Line::from(Span::styled(format!(" {line}"), *style)),
            theme.base,
        );
    }
}
