//! The one small trait every popup, question and the field editor
//! implements (after gitui's components and the ratatui component
//! template): it answers keys with an [`Outcome`], draws itself, and lists
//! the actions it answers so hints and help are built from the key map.
//!
//! A component changes only itself. What it asks of the editor (run a
//! command, answer a question, apply a field) is a
//! [`Request`](super::popups::Request) that `update` carries out — state
//! flows one way.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::keymap::{Keymap, Mode};
use super::popups::Request;

/// A key as a component sees it: the action its mode's section binds to
/// the key, if any, and the key itself (for typing into a text).
#[derive(Debug, Clone, Copy)]
pub struct Input {
    /// The bound action.
    pub action: Option<Action>,
    /// The key.
    pub key: KeyEvent,
}

/// What a key did.
#[derive(Debug)]
pub enum Outcome {
    /// Used (or ignored); the component stays.
    Stay,
    /// The component closes.
    Close,
    /// The component closes, then `update` carries out the request.
    Then(Request),
    /// The component stays, and `update` carries out the request (which
    /// may close it).
    StayThen(Request),
}

/// A popup, question or text field.
pub trait Component {
    /// The key map section its keys are looked up in.
    fn mode(&self) -> Mode;
    /// Answers a key; `app` is the editor as it is (read only).
    fn handle(&mut self, input: Input, app: &App) -> Outcome;
    /// Draws itself over `area` (the whole screen).
    fn draw(&self, app: &App, area: Rect, buf: &mut Buffer);
    /// The actions it answers, for hints, in the order they are shown.
    fn hints(&self) -> &'static [Hint];
}

/// One hint: the keys of `actions` and what they do together.
#[derive(Debug, Clone, Copy)]
pub struct Hint {
    /// The actions whose keys are shown.
    pub actions: &'static [Action],
    /// What they do.
    pub label: &'static str,
    /// How many keys of each action to show (the first ones of the key map).
    pub keys: usize,
}

impl Hint {
    /// A hint showing the first key of one action.
    pub const fn one(action: &'static [Action], label: &'static str) -> Hint {
        Hint {
            actions: action,
            label,
            keys: 1,
        }
    }
}

/// The keys of a hint as shown: `a/enter`, `alt-enter/esc`.
pub fn hint_keys(keymap: &Keymap, mode: Mode, hint: &Hint) -> String {
    hint.actions
        .iter()
        .flat_map(|action| keymap.mode_keys(mode, *action).into_iter().take(hint.keys))
        .collect::<Vec<_>>()
        .join("/")
}

/// Hints as one line: each `keys{between}label`, joined by `separator`.
/// Hints whose actions have no key are left out.
pub fn hint_line(
    keymap: &Keymap,
    mode: Mode,
    hints: &[Hint],
    between: &str,
    separator: &str,
) -> String {
    hints
        .iter()
        .filter_map(|hint| {
            let keys = hint_keys(keymap, mode, hint);
            (!keys.is_empty()).then(|| format!("{keys}{between}{}", hint.label))
        })
        .collect::<Vec<_>>()
        .join(separator)
}
