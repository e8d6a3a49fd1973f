//! Themes: `themes/*.toml` → named styles. A theme that cannot be read falls
//! back to the default with a message; `NO_COLOR` strips colours but keeps
//! selection and marks visible through reversed / bold / underline.

use std::collections::HashMap;
use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// The built-in themes, by name.
pub const BUILTIN: [(&str, &str); 3] = [
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
];

/// Named styles used by the panes.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The theme's name.
    pub name: String,
    /// Normal text.
    pub base: Style,
    /// Secondary text.
    pub muted: Style,
    /// Pane borders.
    pub border: Style,
    /// The focused pane's border.
    pub border_focused: Style,
    /// Pane titles.
    pub title: Style,
    /// The header bar.
    pub header: Style,
    /// Tab bar entries.
    pub tab: Style,
    /// The current tab.
    pub tab_active: Style,
    /// The selected row.
    pub selected: Style,
    /// Rows linked to the selection.
    pub linked: Style,
    /// Search matches.
    pub search_match: Style,
    /// Timeline mark glyphs.
    pub mark: Style,
    /// Root causes.
    pub root: Style,
    /// Overdue or unowned actions.
    pub overdue: Style,
    /// Good news (saved, no problems).
    pub ok: Style,
    /// Warnings (modified, problems).
    pub warning: Style,
    /// Errors.
    pub error: Style,
    /// Category and column headings.
    pub category: Style,
    /// Times.
    pub time: Style,
    /// Ids.
    pub id: Style,
    /// The bottom status bar.
    pub status_bar: Style,
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    dim: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    name: Option<String>,
    styles: HashMap<String, RawStyle>,
}

fn color(name: &str) -> Result<Color, String> {
    Ok(match name {
        "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "dark_gray" => Color::DarkGray,
        "light_red" => Color::LightRed,
        "light_green" => Color::LightGreen,
        "light_yellow" => Color::LightYellow,
        "light_blue" => Color::LightBlue,
        "light_magenta" => Color::LightMagenta,
        "light_cyan" => Color::LightCyan,
        "white" => Color::White,
        other => {
            return Err(format!(
                "unknown colour `{other}` (use one of the 16 ANSI names)"
            ));
        }
    })
}

impl RawStyle {
    fn style(&self) -> Result<Style, String> {
        let mut style = Style::default();
        if let Some(fg) = &self.fg {
            style = style.fg(color(fg)?);
        }
        if let Some(bg) = &self.bg {
            style = style.bg(color(bg)?);
        }
        for (on, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.dim, Modifier::DIM),
        ] {
            if on {
                style = style.add_modifier(modifier);
            }
        }
        Ok(style)
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::parse(BUILTIN[0].1).unwrap_or_else(|_| Theme::plain("dark"))
    }
}

impl Theme {
    /// Parses a theme file. Every style must be present.
    pub fn parse(text: &str) -> Result<Theme, String> {
        let raw: RawTheme = toml::from_str(text).map_err(|e| e.message().trim().to_string())?;
        let get = |key: &str| -> Result<Style, String> {
            raw.styles
                .get(key)
                .ok_or_else(|| format!("missing style `{key}`"))?
                .style()
                .map_err(|e| format!("style `{key}`: {e}"))
        };
        for key in raw.styles.keys() {
            if !STYLE_NAMES.contains(&key.as_str()) {
                return Err(format!("unknown style `{key}`"));
            }
        }
        Ok(Theme {
            name: raw.name.clone().unwrap_or_else(|| "custom".into()),
            base: get("base")?,
            muted: get("muted")?,
            border: get("border")?,
            border_focused: get("border_focused")?,
            title: get("title")?,
            header: get("header")?,
            tab: get("tab")?,
            tab_active: get("tab_active")?,
            selected: get("selected")?,
            linked: get("linked")?,
            search_match: get("search_match")?,
            mark: get("mark")?,
            root: get("root")?,
            overdue: get("overdue")?,
            ok: get("ok")?,
            warning: get("warning")?,
            error: get("error")?,
            category: get("category")?,
            time: get("time")?,
            id: get("id")?,
            status_bar: get("status_bar")?,
        })
    }

    /// Loads a built-in theme by name or a theme file by path. On failure
    /// returns the default theme and a message saying why.
    pub fn load(name_or_path: &str) -> (Theme, Option<String>) {
        if let Some((_, text)) = BUILTIN.iter().find(|(n, _)| *n == name_or_path) {
            return match Theme::parse(text) {
                Ok(theme) => (theme, None),
                Err(e) => (Theme::default(), Some(format!("theme {name_or_path}: {e}"))),
            };
        }
        let path = Path::new(name_or_path);
        let text = match crate::store::read_text_limited(path, 1024 * 1024, "theme files") {
            Ok(text) => text,
            Err(e) => {
                let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                return (
                    Theme::default(),
                    Some(format!(
                        "theme `{name_or_path}` not found ({e}); built-in themes: {}; using dark",
                        names.join(", ")
                    )),
                );
            }
        };
        match Theme::parse(&text) {
            Ok(theme) => (theme, None),
            Err(e) => (
                Theme::default(),
                Some(format!("theme {name_or_path}: {e}; using dark")),
            ),
        }
    }

    /// A theme with no colours at all: what `NO_COLOR` gets. Selection is
    /// reversed, links bold + underlined, warnings bold.
    pub fn plain(name: &str) -> Theme {
        let none = Style::default();
        let bold = none.add_modifier(Modifier::BOLD);
        Theme {
            name: name.to_string(),
            base: none,
            muted: none,
            border: none,
            border_focused: bold,
            title: bold,
            header: none.add_modifier(Modifier::REVERSED),
            tab: none,
            tab_active: none.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected: none.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            linked: none.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            search_match: none.add_modifier(Modifier::UNDERLINED),
            mark: bold,
            root: bold.add_modifier(Modifier::UNDERLINED),
            overdue: bold,
            ok: none,
            warning: bold,
            error: none.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            category: bold,
            time: none,
            id: none,
            status_bar: none,
        }
    }

    /// Applies `NO_COLOR`: the plain theme, named after this one.
    pub fn without_colour(&self) -> Theme {
        Theme::plain(&self.name)
    }
}

/// The style keys a theme file must define.
pub const STYLE_NAMES: [&str; 21] = [
    "base",
    "muted",
    "border",
    "border_focused",
    "title",
    "header",
    "tab",
    "tab_active",
    "selected",
    "linked",
    "search_match",
    "mark",
    "root",
    "overdue",
    "ok",
    "warning",
    "error",
    "category",
    "time",
    "id",
    "status_bar",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_parse_with_only_16_colours() {
        for (name, text) in BUILTIN {
            let theme = Theme::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(theme.name, name);
            assert_ne!(
                theme.selected, theme.base,
                "{name}: selection must stand out"
            );
            assert_ne!(theme.linked, theme.base, "{name}: links must stand out");
        }
    }

    #[test]
    fn broken_or_missing_themes_fall_back_with_a_message() {
        let (theme, message) = Theme::load("/nonexistent/theme.toml");
        assert_eq!(theme, Theme::default());
        assert!(message.expect("message").contains("not found"));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "[styles]\nbase = { fg = \"chartreuse\" }\n").expect("write");
        let (theme, message) = Theme::load(path.to_str().expect("utf8"));
        assert_eq!(theme.name, "dark");
        assert!(message.expect("message").contains("chartreuse"));
        let (theme, message) = Theme::load("light");
        assert_eq!((theme.name.as_str(), message), ("light", None));
    }

    #[test]
    fn no_colour_keeps_selection_visible() {
        let plain = Theme::default().without_colour();
        assert_eq!(plain.selected.fg, None);
        assert!(plain.selected.add_modifier.contains(Modifier::REVERSED));
        assert!(plain.linked.add_modifier.contains(Modifier::UNDERLINED));
    }
}
