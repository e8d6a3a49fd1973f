//! Key bindings as data: the defaults in `assets/keymap.toml`, merged with
//! the `[keys.SECTION]` tables of the user's config file. A section is a
//! pane (looked up with `global` as fallback) or a [`Mode`]: a popup, a
//! question or a text field, whose keys are looked up in it alone.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;
use super::app::Pane;

/// The default bindings, embedded so the binary needs no files.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A popup, question or text field with keys of its own: the key map
/// section they are looked up in. Each component declares its mode; the
/// list of all of them, for help and docs, is `popups::MODES`. Keys a
/// mode does not bind are typed into its text, if it has one, or ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mode {
    /// The key map section.
    pub section: &'static str,
    /// Where its keys apply, for help and docs.
    pub title: &'static str,
    /// A question: a letter answers in either case.
    pub question: bool,
}

/// Whether `section` names `global` or a pane (looked up with `global` as
/// fallback) rather than a mode.
fn is_pane_section(section: &str) -> bool {
    section == "global" || Pane::ALL.iter().any(|p| p.section() == section)
}

/// Where a section's bindings come in help and docs: `global`, the panes
/// in tab order, then the modes in the order of the default key map.
fn section_rank(section: &str, first_line: usize) -> usize {
    if section == "global" {
        return 0;
    }
    match Pane::ALL.iter().position(|p| p.section() == section) {
        Some(i) => i + 1,
        None => Pane::ALL.len() + 1 + first_line,
    }
}

/// One key press: a code and its modifiers (shift is folded into characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    /// The key.
    pub code: KeyCode,
    /// Ctrl / Alt (Shift only for non-character keys).
    pub mods: KeyModifiers,
}

impl Chord {
    /// Normalizes a terminal key event.
    pub fn from_event(key: KeyEvent) -> Chord {
        let mut mods =
            key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match key.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Chord { code, mods }
    }

    /// Parses `ctrl-s`, `J`, `enter`, `space`.
    pub fn parse(text: &str) -> Result<Chord, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "delete" => KeyCode::Delete,
            "backspace" => KeyCode::Backspace,
            one if one.chars().count() == 1 => KeyCode::Char(one.chars().next().unwrap_or(' ')),
            other => return Err(format!("unknown key `{other}`")),
        };
        Ok(Chord { code, mods })
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        match self.code {
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("backtab"),
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Char(c) => write!(f, "{c}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A sequence of one or two chords.
pub type Keys = Vec<Chord>;

/// Parses `g d` into two chords.
pub fn parse_keys(text: &str) -> Result<Keys, String> {
    let keys: Result<Keys, String> = text
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(Chord::parse)
        .collect();
    match keys {
        Ok(k) if k.is_empty() || k.len() > 2 => Err(format!("`{text}`: expected one key or two")),
        other => other,
    }
}

/// One binding as written, for help and docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The section (`global`, `timeline`, …).
    pub section: String,
    /// The keys as written in the file.
    pub keys: String,
    /// What they do.
    pub action: Action,
    /// Where the binding was merged from (its line among all merged
    /// files): hints show an action's keys in this order.
    order: usize,
}

/// The line of each `"keys" = …` entry of a key map file, by section: the
/// TOML reader does not keep the file's order, and hints list an action's
/// keys in the order the file gives them.
fn line_numbers(text: &str) -> HashMap<(String, String), usize> {
    let mut out = HashMap::new();
    let mut section = String::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = header.trim().trim_matches('"').to_string();
        } else if let Some(rest) = line.strip_prefix('"')
            && let Some((keys, _)) = rest.split_once('"')
        {
            out.insert((section.clone(), keys.to_string()), number);
        }
    }
    out
}

/// What a key press resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// A complete binding.
    Action(Action),
    /// The start of a two-key sequence: wait for the next key.
    Prefix,
    /// Nothing bound.
    None,
}

/// The merged key map.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: Vec<Binding>,
    table: HashMap<(String, Keys), Action>,
    /// Lines merged so far, so later files order after earlier ones.
    merged_lines: usize,
}

#[derive(Deserialize)]
struct RawKeymap(HashMap<String, HashMap<String, Action>>);

impl Keymap {
    /// The built-in bindings.
    pub fn defaults() -> Keymap {
        let mut map = Keymap::default();
        // The embedded file is checked by a test; a failure here is a bug.
        if let Err(e) = map.merge_toml(DEFAULT_KEYMAP) {
            debug_assert!(false, "default keymap: {e}");
        }
        map
    }

    /// Merges `[section] "keys" = "action"` tables; later bindings of the
    /// same keys win.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), String> {
        let raw: RawKeymap = toml::from_str(text).map_err(|e| e.message().to_string())?;
        // A user's file may bind keys in the panes and in the modes the
        // default key map has; the default file declares the modes.
        let defaults = self.bindings.is_empty();
        if let Some(section) = raw.0.keys().find(|section| {
            !defaults
                && !is_pane_section(section)
                && !self.bindings.iter().any(|b| &b.section == *section)
        }) {
            return Err(format!("unknown key map section [{section}]"));
        }
        let lines = line_numbers(text);
        let base = self.merged_lines;
        self.merged_lines += text.lines().count() + 1;
        self.merge(raw.0, |section, keys| {
            base + lines
                .get(&(section.to_string(), keys.to_string()))
                .copied()
                .unwrap_or(0)
        })
    }

    fn merge(
        &mut self,
        raw: HashMap<String, HashMap<String, Action>>,
        order: impl Fn(&str, &str) -> usize,
    ) -> Result<(), String> {
        for (section, keys) in raw {
            for (text, action) in keys {
                let parsed = parse_keys(&text).map_err(|e| format!("[{section}] {e}"))?;
                self.table.insert((section.clone(), parsed), action);
                self.bindings
                    .retain(|b| !(b.section == section && b.keys == text));
                self.bindings.push(Binding {
                    order: order(&section, &text),
                    section: section.clone(),
                    keys: text,
                    action,
                });
            }
        }
        let mut first_lines: HashMap<String, usize> = HashMap::new();
        for b in &self.bindings {
            let first = first_lines.entry(b.section.clone()).or_insert(b.order);
            *first = (*first).min(b.order);
        }
        self.bindings.sort_by_key(|b| {
            (
                section_rank(&b.section, first_lines[&b.section]),
                b.action as u8,
                b.order,
            )
        });
        Ok(())
    }

    /// Looks up a key sequence in the pane's section, then in `global`.
    pub fn lookup(&self, pane: Pane, keys: &[Chord]) -> Lookup {
        for section in [pane.section(), "global"] {
            if let Some(action) = self.table.get(&(section.to_string(), keys.to_vec())) {
                return Lookup::Action(*action);
            }
        }
        let is_prefix = self.table.keys().any(|(section, k)| {
            (section == pane.section() || section == "global")
                && k.len() > keys.len()
                && k.starts_with(keys)
        });
        if is_prefix {
            Lookup::Prefix
        } else {
            Lookup::None
        }
    }

    /// Looks up a key sequence in a mode's own section (no fallback); a
    /// letter the section does not bind answers in the other case where
    /// the mode is a question.
    pub fn lookup_mode(&self, mode: Mode, keys: &[Chord]) -> Lookup {
        let section = mode.section.to_string();
        if let Some(action) = self.table.get(&(section.clone(), keys.to_vec())) {
            return Lookup::Action(*action);
        }
        if mode.question
            && let [
                Chord {
                    code: KeyCode::Char(c),
                    mods,
                },
            ] = keys
        {
            let other = if c.is_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            let folded = vec![Chord {
                code: KeyCode::Char(other),
                mods: *mods,
            }];
            if let Some(action) = self.table.get(&(section, folded)) {
                return Lookup::Action(*action);
            }
        }
        Lookup::None
    }

    /// The keys bound to `action` in a mode, in key map order.
    pub fn mode_keys(&self, mode: Mode, action: Action) -> Vec<&str> {
        self.bindings
            .iter()
            .filter(|b| b.section == mode.section && b.action == action)
            .map(|b| b.keys.as_str())
            .collect()
    }

    /// The bindings of a mode, in key map order.
    pub fn mode_bindings(&self, mode: Mode) -> Vec<&Binding> {
        self.bindings
            .iter()
            .filter(|b| b.section == mode.section)
            .collect()
    }

    /// Every binding, grouped by section: `global`, the panes, then the
    /// modes.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The bindings that apply in a pane: its own first, then global ones it
    /// does not shadow.
    pub fn bindings_for(&self, pane: Pane) -> Vec<&Binding> {
        let own: Vec<&Binding> = self
            .bindings
            .iter()
            .filter(|b| b.section == pane.section())
            .collect();
        let mut out = own.clone();
        for b in self.bindings.iter().filter(|b| b.section == "global") {
            if !own.iter().any(|o| o.keys == b.keys) {
                out.push(b);
            }
        }
        out
    }

    /// The keys bound to an action in a pane, joined for hints (`a`, `J/K`).
    pub fn keys_for(&self, pane: Pane, action: Action) -> Vec<&str> {
        self.bindings_for(pane)
            .into_iter()
            .filter(|b| b.action == action)
            .map(|b| b.keys.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_resolve_sequences() {
        let mut check = Keymap::default();
        check
            .merge_toml(DEFAULT_KEYMAP)
            .expect("default keymap parses");
        let map = Keymap::defaults();
        let g = Chord::parse("g").expect("g");
        let d = Chord::parse("d").expect("d");
        assert_eq!(map.lookup(Pane::Timeline, &[g]), Lookup::Prefix);
        assert_eq!(
            map.lookup(Pane::Timeline, &[g, d]),
            Lookup::Action(Action::GotoLink)
        );
        assert_eq!(
            map.lookup(Pane::Timeline, &[d]),
            Lookup::Action(Action::Delete)
        );
        let m = Chord::parse("m").expect("m");
        assert_eq!(
            map.lookup(Pane::Timeline, &[m]),
            Lookup::Action(Action::Mark)
        );
        assert_eq!(map.lookup(Pane::Whys, &[m]), Lookup::None);
    }

    #[test]
    fn user_bindings_override_defaults() {
        let mut map = Keymap::defaults();
        map.merge_toml("[global]\n\"ctrl-w\" = \"save\"\n\"q\" = \"help\"\n")
            .expect("merge");
        let q = Chord::parse("q").expect("q");
        assert_eq!(
            map.lookup(Pane::Factors, &[q]),
            Lookup::Action(Action::Help)
        );
        assert!(
            map.keys_for(Pane::Factors, Action::Save)
                .contains(&"ctrl-w")
        );
        assert!(map.merge_toml("[nowhere]\n\"x\" = \"save\"\n").is_err());
        assert!(map.merge_toml("[global]\n\"x\" = \"fly\"\n").is_err());
    }

    #[test]
    fn modes_look_up_their_own_section_only() {
        let map = Keymap::defaults();
        let prompt = Mode {
            section: "prompt",
            title: "",
            question: false,
        };
        let confirm = Mode {
            section: "confirm",
            title: "",
            question: true,
        };
        let q = Chord::parse("q").expect("q");
        let esc = Chord::parse("esc").expect("esc");
        assert_eq!(map.lookup_mode(prompt, &[q]), Lookup::None, "q is typed");
        assert_eq!(
            map.lookup_mode(prompt, &[esc]),
            Lookup::Action(Action::Close)
        );
        // Questions answer a letter in either case.
        let upper_y = Chord::parse("Y").expect("Y");
        assert_eq!(
            map.lookup_mode(confirm, &[upper_y]),
            Lookup::Action(Action::Yes)
        );
        // A user may rebind a mode's keys, not invent a section.
        let mut user = Keymap::defaults();
        assert!(user.merge_toml("[picker]\n\"ctrl-n\" = \"down\"\n").is_ok());
        assert!(user.merge_toml("[pickr]\n\"ctrl-n\" = \"down\"\n").is_err());
    }
}
