//! Stable ids: `T` events, `W` whys, `F` factors, `A` actions.
//!
//! New ids take the next number after the highest in use, so deleting an item
//! never lets its id be reused by a later one and nothing is renumbered.

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A timeline event.
    Event,
    /// A 5 Whys node.
    Why,
    /// A contributing factor.
    Factor,
    /// An action item.
    Action,
}

impl IdKind {
    /// The id prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            IdKind::Event => "T",
            IdKind::Why => "W",
            IdKind::Factor => "F",
            IdKind::Action => "A",
        }
    }

    /// Human name of the item kind.
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Event => "timeline event",
            IdKind::Why => "why",
            IdKind::Factor => "contributing factor",
            IdKind::Action => "action item",
        }
    }
}

/// The next free id of `kind` given the ids in use.
pub fn next_id<'a>(kind: IdKind, in_use: impl IntoIterator<Item = &'a str>) -> String {
    let highest = in_use
        .into_iter()
        .filter_map(|id| id_number(kind, id))
        .max()
        .unwrap_or(0);
    format!("{}{}", kind.prefix(), highest + 1)
}

/// The number of an id of `kind` (`T12`, `A-002`), if it has one.
pub fn id_number(kind: IdKind, id: &str) -> Option<u64> {
    id.strip_prefix(kind.prefix())?
        .trim_start_matches('-')
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_follows_the_highest_and_never_fills_holes() {
        assert_eq!(next_id(IdKind::Event, []), "T1");
        assert_eq!(next_id(IdKind::Event, ["T1", "T7", "T3"]), "T8");
        assert_eq!(next_id(IdKind::Action, ["A-002", "X9"]), "A3");
    }
}
