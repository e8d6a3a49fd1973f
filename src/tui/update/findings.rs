//! Findings in `update`: `]d` / `[d` go to the next or previous finding,
//! `g a` applies the suggested rewrite as one undo step, `g s` accepts a
//! finding with a reason (a `[[lint.suppress]]` entry, one undo step).

use crate::lint::{Finding, suppression_for};
use crate::model::edit::DocField;
use crate::tui::app::{App, Pane, Tone};
use crate::tui::findings::{Place, first_line, fix_edit, fix_target, place, suppress_target};
use crate::tui::popups::{Popup, Prompt, PromptKind};

use super::history::{commit, set_field};
use super::nav::{clamp, select_id};

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
        Some(Place::Item(list, id)) => select_id(app, list, &id),
        Some(Place::Field(pane, row)) => {
            app.focus = pane;
            *app.cursor.field_mut(pane) = row;
            clamp(app);
        }
        Some(Place::Problem) => {
            app.focus = Pane::Whys;
            app.cursor.whys = 0;
            clamp(app);
        }
        None => app.lint.panel = true,
    }
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
    if commit(app, edit) {
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

/// `g s`: asks why the selected finding is accepted.
pub fn ask_suppress(app: &mut App) {
    if suppress_target(app).is_none() {
        app.say("no finding here: ]d goes to the next finding", Tone::Info);
        return;
    }
    app.popup = Some(Popup::Prompt(Box::new(Prompt::new(PromptKind::Suppress))));
}

/// Stores the selected finding as accepted for `reason` (by the login
/// name): one `DocField::Lint` edit, so `u` brings the finding back.
pub fn suppress(app: &mut App, reason: &str) {
    if reason.trim().is_empty() {
        app.say("not accepted: a suppression needs a reason", Tone::Error);
        return;
    }
    let Some(finding) = suppress_target(app) else {
        app.say("no finding here: ]d goes to the next finding", Tone::Info);
        return;
    };
    let by = crate::store::lock::LockOwner::current().user;
    let entry = suppression_for(&finding, reason, &by);
    let mut lint = app.doc.lint.clone();
    lint.suppress.push(entry);
    if set_field(app, DocField::Lint, lint.to_text()) {
        app.lint.current = None;
        app.say(
            format!(
                "{} accepted: Review lists it under Lint settings (u undoes)",
                finding.rule
            ),
            Tone::Info,
        );
    }
}
