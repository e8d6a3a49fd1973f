//! `docs/keys.md`, generated from the key map and the `:` command table so
//! the docs cannot drift (a test compares them).

use super::app::Pane;
use super::keymap::{Binding, Keymap};
use super::popups::MODES;
use super::update::{COMMANDS, JUMP};

/// The Markdown of `docs/keys.md` for `map`.
pub fn keys_markdown(map: &Keymap) -> String {
    let mut out = String::from(
        "# Key bindings\n\n\
         Generated from `assets/keymap.toml` and the editor's command table (a test\n\
         keeps this file in step). Override any binding in\n\
         `~/.config/debrief/config.toml` (or `$XDG_CONFIG_HOME/debrief/config.toml`)\n\
         under `[keys.SECTION]`, e.g.\n\n\
         ```toml\ntheme = \"high-contrast\"\n\n[keys.global]\n\"ctrl-w\" = \"save\"\n```\n\n\
         `global` bindings apply in every pane unless the pane binds the key itself.\n\
         The sections after the panes are popups, questions and text fields: their\n\
         keys apply there alone, and keys they do not bind are typed into their text.\n",
    );
    let sections = std::iter::once("global")
        .chain(Pane::ALL.iter().map(|p| p.section()))
        .chain(MODES.iter().map(|m| m.section));
    for section in sections {
        let rows: Vec<&Binding> = map
            .bindings()
            .iter()
            .filter(|b| b.section == section)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let title = MODES
            .iter()
            .find(|m| m.section == section)
            .map(|m| format!("{section} — {}", m.title))
            .unwrap_or_else(|| section.to_string());
        out.push_str(&format!(
            "\n## {title}\n\n| keys | action | what it does |\n|---|---|---|\n"
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
    out.push_str(
        "\n## `:` commands\n\n\
         Type `:` then the command and Enter. `!` after a name changes what it does\n\
         where the table says so.\n\n\
         | command | what it does | with `!` |\n|---|---|---|\n",
    );
    for command in COMMANDS {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            command.usage(),
            command.doc,
            command.bang.unwrap_or("")
        ));
    }
    out.push_str(&format!("| `{}` | {} | |\n", JUMP.0, JUMP.1));
    out
}
