//! Word-level differences between two texts (the `similar` crate's word
//! diff, with runs of the same kind joined).

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What a run of text is in a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A run of text and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Equal, deleted or inserted.
    pub op: Op,
    /// The text, spaces included.
    pub text: String,
}

/// The word diff of `old` → `new`, as runs. A whitespace-only run between
/// a deletion and an insertion is folded into both, so "a b c" → "a x y c"
/// reads `a [-b-]{+x y+} c` rather than alternating word by word.
pub fn words(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Delete => Op::Delete,
            ChangeTag::Insert => Op::Insert,
        };
        push(&mut out, op, change.value());
    }
    fold_spaces(out)
}

fn push(out: &mut Vec<Segment>, op: Op, text: &str) {
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Segment {
            op,
            text: text.to_string(),
        }),
    }
}

/// Joins `del ␣ del` and `ins ␣ ins` across short equal whitespace runs
/// that sit inside a changed stretch.
fn fold_spaces(segments: Vec<Segment>) -> Vec<Segment> {
    let changed = |s: Option<&Segment>| s.is_some_and(|s| s.op != Op::Equal);
    let mut deletes = String::new();
    let mut inserts = String::new();
    let mut out = Vec::new();
    let flush = |out: &mut Vec<Segment>, deletes: &mut String, inserts: &mut String| {
        if !deletes.is_empty() {
            push(out, Op::Delete, &std::mem::take(deletes));
        }
        if !inserts.is_empty() {
            push(out, Op::Insert, &std::mem::take(inserts));
        }
    };
    for (i, seg) in segments.iter().enumerate() {
        match seg.op {
            Op::Delete => deletes.push_str(&seg.text),
            Op::Insert => inserts.push_str(&seg.text),
            Op::Equal
                if seg.text.trim().is_empty()
                    && i > 0
                    && changed(segments.get(i - 1))
                    && changed(segments.get(i + 1)) =>
            {
                deletes.push_str(&seg.text);
                inserts.push_str(&seg.text);
            }
            Op::Equal => {
                flush(&mut out, &mut deletes, &mut inserts);
                push(&mut out, Op::Equal, &seg.text);
            }
        }
    }
    flush(&mut out, &mut deletes, &mut inserts);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s.op {
                Op::Equal => s.text.clone(),
                Op::Delete => format!("[-{}-]", s.text),
                Op::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn changed_words_are_marked_and_runs_are_joined() {
        assert_eq!(
            plain(&words("the pool was exhausted", "the pool was saturated")),
            "the pool was [-exhausted-]{+saturated+}"
        );
        assert_eq!(plain(&words("a b c", "a x y c")), "a [-b-]{+x y+} c");
        assert_eq!(plain(&words("", "new text")), "{+new text+}");
        assert_eq!(plain(&words("same", "same")), "same");
    }
}
