//! The import settings that come as text (from the command line, the
//! editor's `:import` and `debrief.toml`): the source, the column map, the
//! severity threshold and the roles of people and systems.

use std::collections::BTreeMap;
use std::str::FromStr;

use std::path::Path;

use super::{ImportError, SourceKind};

/// `--from`: a source, or `auto` to sniff each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SourceChoice(pub Option<SourceKind>);

impl FromStr for SourceChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        if text.eq_ignore_ascii_case("auto") {
            return Ok(SourceChoice(None));
        }
        SourceKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text))
            .map(|k| SourceChoice(Some(k)))
            .ok_or_else(|| {
                let names: Vec<&str> = SourceKind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown source `{text}`: expected auto, {}",
                    names.join(", ")
                )
            })
    }
}

/// A field a table column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// When.
    Time,
    /// What happened.
    Event,
    /// Where we know it from.
    Source,
    /// Who or what acted.
    Actor,
    /// Key-moment marks.
    Marks,
}

impl Field {
    /// Header names recognized for this field (lowercase, letters only).
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Time => &["time", "timestamp", "date", "datetime", "at", "when"],
            Field::Event => &[
                "event",
                "text",
                "message",
                "description",
                "summary",
                "what",
                "details",
            ],
            Field::Source => &["source", "origin", "system"],
            Field::Actor => &["actor", "who", "role", "owner", "by"],
            Field::Marks => &["mark", "marks"],
        }
    }

    /// Whether a header names this field: `Time (UTC)` names time.
    fn matches_header(self, header: &str) -> bool {
        let letters: String = header
            .split('(')
            .next()
            .unwrap_or("")
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        self.names().contains(&letters.as_str())
    }
}

/// `--columns time=Start,event=Message`: header names for fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnMap(pub BTreeMap<Field, String>);

impl FromStr for ColumnMap {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let mut map = BTreeMap::new();
        for pair in text.split(',').filter(|p| !p.trim().is_empty()) {
            let (field, header) = pair.split_once('=').ok_or_else(|| {
                format!("`{pair}` in --columns: expected FIELD=HEADER like time=Start")
            })?;
            let field = match field.trim().to_ascii_lowercase().as_str() {
                "time" => Field::Time,
                "event" | "text" => Field::Event,
                "source" => Field::Source,
                "actor" => Field::Actor,
                "marks" | "mark" => Field::Marks,
                other => {
                    return Err(format!(
                        "unknown field `{other}` in --columns: expected time, event, source, actor or marks"
                    ));
                }
            };
            map.insert(field, header.trim().to_string());
        }
        Ok(ColumnMap(map))
    }
}

impl ColumnMap {
    /// The column index of each field, given a header row.
    pub(super) fn resolve(&self, headers: &[&str]) -> BTreeMap<Field, usize> {
        let mut found = BTreeMap::new();
        for field in [
            Field::Time,
            Field::Event,
            Field::Source,
            Field::Actor,
            Field::Marks,
        ] {
            let index = match self.0.get(&field) {
                Some(name) => headers
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(name)),
                None => headers.iter().position(|h| field.matches_header(h)),
            };
            if let Some(index) = index {
                found.insert(field, index);
            }
        }
        found
    }
}

/// `--threshold`: a level whose crossing in a Prometheus series is an event.
/// `0.05` or `>0.05` means rising above is the bad direction; `<10` means
/// falling below is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    /// The level.
    pub level: f64,
    /// True when values below the level are the bad side.
    pub below: bool,
}

impl FromStr for Threshold {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (below, number) = if let Some(rest) = text.strip_prefix('<') {
            (true, rest)
        } else {
            (false, text.strip_prefix('>').unwrap_or(text))
        };
        let level: f64 = number.trim().parse().map_err(|_| {
            format!("threshold `{text}`: expected a number like 0.05, >0.05 or <10")
        })?;
        if !level.is_finite() {
            return Err(format!("threshold `{text}` must be a finite number"));
        }
        Ok(Threshold { level, below })
    }
}

/// User ids or handles mapped to roles (`--roles FILE`), so people's names
/// never enter the document. The file is TOML: `U024BE7LH = "incident commander"`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roles(pub BTreeMap<String, String>);

impl Roles {
    /// Reads a roles file.
    pub fn load(path: &Path) -> Result<Roles, ImportError> {
        let text = crate::store::read_text_limited(path, 1024 * 1024, "roles files").map_err(
            |source| ImportError::Io {
                path: path.to_path_buf(),
                source,
            },
        )?;
        Roles::parse(&text, path)
    }

    /// Parses roles text; `path` is for messages.
    pub fn parse(text: &str, path: &Path) -> Result<Roles, ImportError> {
        let table: toml::Table = toml::from_str(text).map_err(|err| {
            let at = err
                .span()
                .map(|s| crate::store::position_of(text, s.start))
                .unwrap_or(crate::store::Position { line: 1, column: 1 });
            ImportError::Syntax {
                path: path.to_path_buf(),
                line: at.line,
                column: at.column,
                message: format!(
                    "{}: expected lines like U024BE7LH = \"incident commander\"",
                    err.message().trim()
                ),
            }
        })?;
        let mut roles = BTreeMap::new();
        for (key, value) in table {
            match value {
                toml::Value::String(role) => {
                    roles.insert(key, role);
                }
                _ => {
                    return Err(ImportError::Usage(format!(
                        "{}: the role of `{key}` must be a string like \"on-call engineer\"",
                        path.display()
                    )));
                }
            }
        }
        Ok(Roles(roles))
    }

    /// The role of a user id or handle (`@alice` and `alice` both match).
    pub fn role(&self, who: &str) -> Option<&str> {
        let who = who.trim();
        self.0
            .get(who)
            .or_else(|| self.0.get(who.trim_start_matches('@')))
            .or_else(|| self.0.get(&format!("@{}", who.trim_start_matches('@'))))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_parse_or_explain() {
        assert_eq!("auto".parse::<SourceChoice>(), Ok(SourceChoice(None)));
        assert_eq!(
            "PagerDuty".parse::<SourceChoice>(),
            Ok(SourceChoice(Some(SourceKind::Pagerduty)))
        );
        let threshold: Threshold = "<10".parse().expect("threshold");
        assert!(threshold.below && threshold.level == 10.0);
        assert!("ten".parse::<Threshold>().is_err());
        let columns: ColumnMap = "time=Start, event=Msg".parse().expect("columns");
        assert_eq!(
            columns.0.get(&Field::Event).map(String::as_str),
            Some("Msg")
        );
        let error = "when=Start"
            .parse::<ColumnMap>()
            .expect_err("unknown field");
        assert!(error.contains("expected time, event"), "{error}");
    }

    #[test]
    fn headers_are_recognized_by_name() {
        let columns = ColumnMap::default().resolve(&["Time (UTC)", "What", "Who", "Mark"]);
        assert_eq!(columns.get(&Field::Time), Some(&0));
        assert_eq!(columns.get(&Field::Event), Some(&1));
        assert_eq!(columns.get(&Field::Actor), Some(&2));
        assert_eq!(columns.get(&Field::Marks), Some(&3));
        assert_eq!(columns.get(&Field::Source), None);
    }

    #[test]
    fn roles_file_errors_have_positions() {
        let error =
            Roles::parse("U1 = \"ic\"\nU2 = \n", Path::new("roles.toml")).expect_err("bad toml");
        assert!(error.to_string().starts_with("roles.toml:2:"), "{error}");
        let roles = Roles::parse("\"@bob\" = \"db engineer\"", Path::new("r")).expect("roles");
        assert_eq!(roles.role("bob"), Some("db engineer"));
        assert_eq!(roles.role("@bob"), Some("db engineer"));
        assert_eq!(roles.role("carol"), None);
    }
}
