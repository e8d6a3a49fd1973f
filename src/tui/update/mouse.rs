//! The mouse: a click on a tab focuses its pane, a click in a pane selects
//! what is under it, the wheel scrolls the pane under the pointer.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use crate::tui::app::App;
use crate::tui::panes::{self, Click};

use super::nav::{focus, keep_in_view, step};

/// Handles a mouse event (ignored while a popup or the field editor is open).
pub fn handle(app: &mut App, mouse: MouseEvent) {
    if app.popup.is_some() || app.editor.is_some() {
        return;
    }
    let layout = app.layout();
    let at = Position::new(mouse.column, mouse.row);
    let pane_under = layout.panes.iter().find(|(_, r)| r.contains(at)).copied();
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            if layout.tabs.contains(at) {
                if let Some(pane) = panes::tab_at(&layout, mouse.column) {
                    focus(app, pane);
                }
                return;
            }
            if let Some((pane, area)) = pane_under {
                app.focus = pane;
                if let Some(target) = panes::click(app, pane, area, at) {
                    select(app, target);
                }
                keep_in_view(app);
            }
        }
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            if let Some((pane, _)) = pane_under {
                app.focus = pane;
                step(
                    app,
                    if mouse.kind == MouseEventKind::ScrollDown {
                        3
                    } else {
                        -3
                    },
                );
            }
        }
        _ => {}
    }
}

fn select(app: &mut App, target: Click) {
    match target {
        Click::Event(i) => app.cursor.timeline = i,
        Click::WhyRow(i) => app.cursor.whys = i,
        Click::Factor(i) => app.cursor.factors = i,
        Click::Action(i) => app.cursor.actions = i,
        Click::Field(pane, i) => *app.cursor.field_mut(pane) = i,
    }
}
