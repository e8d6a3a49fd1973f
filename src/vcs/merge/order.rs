//! The order of a merged keyed list.

use std::collections::HashMap;

/// The order of a merged keyed list: ours, with each row only theirs has
/// after the row it follows on their side (first, when it leads). A linked
/// list by position, so a long list costs one pass, not a search of the
/// order per row.
pub(super) fn row_order<'a>(
    ours: impl Iterator<Item = &'a str>,
    theirs: impl Iterator<Item = &'a str>,
) -> Vec<&'a str> {
    // Node i: its key and the node after it.
    let mut keys: Vec<&str> = ours.collect();
    let mut next: Vec<Option<usize>> = (1..=keys.len())
        .map(|i| (i < keys.len()).then_some(i))
        .collect();
    let mut head = (!keys.is_empty()).then_some(0);
    // The first node of each key (a duplicate key keeps its first place).
    let mut node: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
    for (i, key) in keys.iter().enumerate() {
        node.entry(*key).or_insert(i);
    }
    let mut previous: Option<&str> = None;
    for key in theirs {
        // Their new rows, and rows ours deleted (a conflict if they edited it).
        if !node.contains_key(key) {
            let at = keys.len();
            keys.push(key);
            node.insert(key, at);
            match previous.and_then(|p| node.get(p).copied()) {
                Some(before) => {
                    next.push(next[before]);
                    next[before] = Some(at);
                }
                None => {
                    next.push(head);
                    head = Some(at);
                }
            }
        }
        previous = Some(key);
    }
    let mut order = Vec::with_capacity(keys.len());
    let mut cursor = head;
    while let Some(i) = cursor {
        order.push(keys[i]);
        cursor = next[i];
    }
    order
}
