//! The document as a TOML tree, the shape diff and merge walk: tables by
//! key, the item lists by id (`timeline`, `whys.node`, `factors`,
//! `actions`) and the response table by phase. Paths name a place in the
//! tree the way a person reads it: `timeline.T5.text`, `response.triage.worked`,
//! `meta.title`.

use serde::Deserialize;
use toml::{Table, Value};

use crate::model::{IdKind, Postmortem};

/// A list whose rows are told apart by a key rather than by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyed {
    /// The list's path: `timeline`, `whys.node`, …
    pub path: &'static str,
    /// The key field of each row: `id`, or `phase` for the response table.
    pub key: &'static str,
    /// The kind of id (none for the response table).
    pub ids: Option<IdKind>,
}

/// Every keyed list of a document.
pub const KEYED: [Keyed; 5] = [
    Keyed {
        path: "timeline",
        key: "id",
        ids: Some(IdKind::Event),
    },
    Keyed {
        path: "whys.node",
        key: "id",
        ids: Some(IdKind::Why),
    },
    Keyed {
        path: "factors",
        key: "id",
        ids: Some(IdKind::Factor),
    },
    Keyed {
        path: "actions",
        key: "id",
        ids: Some(IdKind::Action),
    },
    Keyed {
        path: "response",
        key: "phase",
        ids: None,
    },
];

/// The keyed list at `path`, if it is one.
pub fn keyed(path: &str) -> Option<Keyed> {
    KEYED.iter().copied().find(|k| k.path == path)
}

/// Item fields that hold ids of other items: the links.
pub const LINK_FIELDS: [&str; 4] = ["events", "whys", "factors", "parent"];

/// Why a tree could not become a document again.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    /// The document could not be turned into a tree (a bug, not input).
    #[error("cannot read the document as a tree: {0}")]
    Encode(String),
    /// The tree is not a valid document.
    #[error("the merged document is not valid: {0}")]
    Decode(String),
    /// A path names nothing in the document.
    #[error("`{0}` names nothing in the document")]
    Path(String),
}

/// The document as a TOML table.
pub fn to_tree(doc: &Postmortem) -> Result<Table, TreeError> {
    match Value::try_from(doc) {
        Ok(Value::Table(table)) => Ok(table),
        Ok(_) => Err(TreeError::Encode("not a table".into())),
        Err(e) => Err(TreeError::Encode(e.to_string())),
    }
}

/// The document a TOML table describes.
pub fn from_tree(table: Table) -> Result<Postmortem, TreeError> {
    Postmortem::deserialize(table).map_err(|e| TreeError::Decode(e.message().trim().to_string()))
}

/// The key of a keyed row (`T5`, `triage`), if it has one.
pub fn row_key(row: &Value, list: Keyed) -> Option<&str> {
    row.get(list.key).and_then(Value::as_str)
}

/// The value at a dotted table path (`meta.title`), if any.
pub fn get<'a>(table: &'a Table, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut value = table.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    Some(value)
}

/// The rows of the keyed list `list`, empty when it has none.
pub fn rows(table: &Table, list: Keyed) -> &[Value] {
    get(table, list.path)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The rows of `list`, to change (created when missing).
pub fn rows_mut(table: &mut Table, list: Keyed) -> &mut Vec<Value> {
    let mut parts: Vec<&str> = list.path.split('.').collect();
    let last = parts.pop().unwrap_or(list.path);
    let mut at = table;
    for part in parts {
        let next = at
            .entry(part.to_string())
            .or_insert_with(|| Value::Table(Table::new()));
        if !next.is_table() {
            *next = Value::Table(Table::new());
        }
        at = match next {
            Value::Table(t) => t,
            _ => unreachable!("made a table just above"),
        };
    }
    let list = at
        .entry(last.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    if !list.is_array() {
        *list = Value::Array(Vec::new());
    }
    match list {
        Value::Array(rows) => rows,
        _ => unreachable!("made an array just above"),
    }
}

/// A place in the document a conflict or a change names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A whole row of a keyed list (`factors.F3`).
    Row(Keyed, String),
    /// A field of a keyed row (`timeline.T5.text`).
    RowField(Keyed, String, String),
    /// A value reached by table keys (`meta.title`, `summary`).
    Field(String),
}

impl Place {
    /// The place's path, as written in conflicts.
    pub fn path(&self) -> String {
        match self {
            Place::Row(list, key) => format!("{}.{key}", list.path),
            Place::RowField(list, key, field) => format!("{}.{key}.{field}", list.path),
            Place::Field(path) => path.clone(),
        }
    }

    /// Reads a path written by [`Place::path`].
    pub fn parse(path: &str) -> Place {
        for list in KEYED {
            if let Some(rest) = path
                .strip_prefix(list.path)
                .and_then(|r| r.strip_prefix('.'))
            {
                // Keys are ids or phase names: the field is after the first dot.
                return match rest.split_once('.') {
                    Some((key, field)) => Place::RowField(list, key.to_string(), field.to_string()),
                    None => Place::Row(list, rest.to_string()),
                };
            }
        }
        Place::Field(path.to_string())
    }
}

/// Puts `value` at `place` (`None` removes what is there); a row that is
/// not there yet goes at the end of its list.
pub fn put(table: &mut Table, place: &Place, value: Option<Value>) -> Result<(), TreeError> {
    match place {
        Place::Row(list, key) => {
            let rows = rows_mut(table, *list);
            let at = rows.iter().position(|r| row_key(r, *list) == Some(key));
            match (at, value) {
                (Some(i), Some(v)) => rows[i] = v,
                (Some(i), None) => drop(rows.remove(i)),
                (None, Some(v)) => rows.push(v),
                (None, None) => {}
            }
            Ok(())
        }
        Place::RowField(list, key, field) => {
            let rows = rows_mut(table, *list);
            let row = rows
                .iter_mut()
                .find(|r| row_key(r, *list) == Some(key))
                .and_then(Value::as_table_mut)
                .ok_or_else(|| TreeError::Path(place.path()))?;
            match value {
                Some(v) => drop(row.insert(field.clone(), v)),
                None => drop(row.remove(field)),
            }
            Ok(())
        }
        Place::Field(path) => {
            let mut parts: Vec<&str> = path.split('.').collect();
            let last = parts.pop().ok_or_else(|| TreeError::Path(path.clone()))?;
            let mut at = &mut *table;
            for part in parts {
                let next = at
                    .entry(part.to_string())
                    .or_insert_with(|| Value::Table(Table::new()));
                at = next
                    .as_table_mut()
                    .ok_or_else(|| TreeError::Path(path.clone()))?;
            }
            match value {
                Some(v) => drop(at.insert(last.to_string(), v)),
                None => drop(at.remove(last)),
            }
            Ok(())
        }
    }
}

/// Every id in use by the rows of `list`.
pub fn ids(table: &Table, list: Keyed) -> Vec<String> {
    rows(table, list)
        .iter()
        .filter_map(|r| row_key(r, list).map(str::to_string))
        .collect()
}

/// Drops links to ids that no row has any more (a why whose parent is
/// gone moves up to its grandparent in `base`, else to the top). Returns
/// what was dropped, as `F2 → T9` lines.
pub fn drop_dangling_links(table: &mut Table, base: &Table) -> Vec<String> {
    use std::collections::HashSet;
    let existing: HashSet<String> = KEYED
        .iter()
        .filter(|k| k.ids.is_some())
        .flat_map(|k| ids(table, *k))
        .collect();
    let lists: Vec<Keyed> = KEYED.iter().copied().filter(|k| k.ids.is_some()).collect();
    drop_dangling_in(table, base, &lists, &|id| existing.contains(id))
}

/// [`drop_dangling_links`] in the rows of `lists` only, with the ids that
/// exist told by `exists` (a merge keeps some lists outside the tree).
pub fn drop_dangling_in(
    table: &mut Table,
    base: &Table,
    lists: &[Keyed],
    exists: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let base_parent = |id: &str| -> Option<String> {
        let list = keyed("whys.node")?;
        rows(base, list)
            .iter()
            .find(|r| row_key(r, list) == Some(id))
            .and_then(|r| r.get("parent"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut dropped = Vec::new();
    for list in lists {
        for row in rows_mut(table, *list).iter_mut() {
            let Some(row) = row.as_table_mut() else {
                continue;
            };
            let id = row
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            for field in ["events", "whys", "factors"] {
                if let Some(Value::Array(links)) = row.get_mut(field) {
                    links.retain(|l| {
                        let keep = l.as_str().is_none_or(exists);
                        if !keep {
                            dropped.push(format!("{id} → {}", l.as_str().unwrap_or("")));
                        }
                        keep
                    });
                }
            }
            if list.path == "whys.node"
                && let Some(parent) = row.get("parent").and_then(Value::as_str)
                && !parent.is_empty()
                && !exists(parent)
            {
                let mut up = base_parent(parent);
                let mut steps = 0;
                while let Some(p) = up.clone()
                    && !p.is_empty()
                    && !exists(&p)
                    && steps < 64
                {
                    up = base_parent(&p);
                    steps += 1;
                }
                dropped.push(format!("{id} → {parent} (parent)"));
                match up.filter(|p| exists(p)) {
                    Some(p) => drop(row.insert("parent".into(), Value::String(p))),
                    None => drop(row.remove("parent")),
                }
            }
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_back_the_paths_they_write() {
        for path in [
            "timeline.T5.text",
            "whys.node.W3",
            "response.triage.worked",
            "meta.title",
            "summary",
        ] {
            assert_eq!(Place::parse(path).path(), path);
        }
        assert!(matches!(
            Place::parse("factors.F2"),
            Place::Row(k, id) if k.path == "factors" && id == "F2"
        ));
    }

    #[test]
    fn a_document_survives_the_tree() {
        let doc = crate::examples::DEFAULT.load().expect("example");
        let tree = to_tree(&doc).expect("tree");
        assert_eq!(ids(&tree, KEYED[0]).first().map(String::as_str), Some("T1"));
        assert_eq!(from_tree(tree).expect("doc"), doc);
    }
}
