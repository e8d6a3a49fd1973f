//! Findings in `update`: `]d` / `[d` go to the next or previous finding,
//! `g a` applies the suggested rewrite as one undo step.

use crate::lint::Finding;
use crate::tui::app::{App, Pane, Tone};
use crate::tui::findings::{Place, first_line, fix_edit, fix_target, place};

use super::history::commit;
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
