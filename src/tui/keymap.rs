//! Key bindings as data: the defaults in `assets/keymap.toml`, merged with
//! the `[keys.PANE]` tables of the user's config file.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;
use super::app::Pane;

/// The default bindings, embedded so the binary needs no files.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// The key map sections in the order help and docs list them.
pub const SECTIONS: [&str; 8] = [
    "global", "timeline", "whys", "factors", "actions", "overview", "review", "preview",
];

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
        self.merge(raw.0)
    }

    fn merge(&mut self, raw: HashMap<String, HashMap<String, Action>>) -> Result<(), String> {
        // Keep file order for help: sort sections by SECTIONS and keys as in
        // the source would need a document-order parser; the default file is
        // read through toml::Table which keeps insertion order.
        for (section, keys) in raw {
            if !SECTIONS.contains(&section.as_str()) {
                return Err(format!("unknown key map section [{section}]"));
            }
            for (text, action) in keys {
                let parsed = parse_keys(&text).map_err(|e| format!("[{section}] {e}"))?;
                self.table.insert((section.clone(), parsed), action);
                self.bindings
                    .retain(|b| !(b.section == section && b.keys == text));
                self.bindings.push(Binding {
                    section: section.clone(),
                    keys: text,
                    action,
                });
            }
        }
        self.bindings.sort_by_key(|b| {
            (
                SECTIONS.iter().position(|s| *s == b.section).unwrap_or(99),
                b.action as u8,
                b.keys.clone(),
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

    /// Every binding, grouped by section in [`SECTIONS`] order.
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

/// docs/keys.md: every binding, by pane, generated from the key map so
/// the docs cannot drift (a test compares them).
pub fn keys_markdown(map: &Keymap) -> String {
    let mut out = String::from(
        "# Key bindings\n\n\
         Generated from `assets/keymap.toml` (a test keeps this file in step).\n\
         Override any binding in `~/.config/debrief/config.toml` (or\n\
         `$XDG_CONFIG_HOME/debrief/config.toml`) under `[keys.PANE]`, e.g.\n\n\
         ```toml\ntheme = \"high-contrast\"\n\n[keys.global]\n\"ctrl-w\" = \"save\"\n```\n\n\
         `global` bindings apply in every pane unless the pane binds the key itself.\n\
         In a text field: Enter (Alt-Enter in multi-line fields) or Esc finishes,\n\
         Tab / Shift-Tab move to the next / previous field, Ctrl-U clears it.\n",
    );
    for section in SECTIONS {
        let rows: Vec<&Binding> = map
            .bindings
            .iter()
            .filter(|b| b.section == section)
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n## {section}\n\n| keys | action | what it does |\n|---|---|---|\n"
        ));
        for b in rows {
            let name = toml::Value::try_from(b.action)
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .unwrap_or_default();
            out.push_str(&format!(
                "| `{}` | `{name}` | {} |\n",
                b.keys,
                b.action.describe()
            ));
        }
    }
    out
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
}
