//! Fenced code blocks in a paragraph-level text (a summary, the notes): the
//! export leaves a closed block as it is, and escapes the opening fence of a
//! block that never closes (it would swallow the rest of the document). The
//! importer finds the same blocks in the exported text and leaves them as
//! they are. Linear: one pass from the end, one from the start.

/// Which lines are code.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fences {
    /// The line belongs to a closed fenced block, fences included.
    pub code: Vec<bool>,
    /// The line opens a fence that nothing closes.
    pub unclosed: Vec<bool>,
}

/// A fence line: its character, its length and whether it can close a block
/// (nothing after the run).
fn fence(line: &str) -> Option<(char, usize, bool)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let run = rest.len() - rest.trim_start_matches(c).len();
    if run < 3 {
        return None;
    }
    let info = &rest[run..];
    if c == '`' && info.contains('`') {
        return None;
    }
    Some((c, run, info.trim().is_empty()))
}

/// The fenced blocks of `text`, line by line (`text.split('\n')`).
pub(crate) fn fences(text: &str) -> Fences {
    let lines: Vec<&str> = text.split('\n').collect();
    let n = lines.len();
    let slot = |c: char| usize::from(c == '~');
    // The longest closing fence of each kind from each line on.
    let mut longest_after = vec![[0usize; 2]; n + 1];
    for i in (0..n).rev() {
        longest_after[i] = longest_after[i + 1];
        if let Some((c, run, true)) = fence(lines[i]) {
            let best = &mut longest_after[i][slot(c)];
            *best = (*best).max(run);
        }
    }
    let mut out = Fences {
        code: vec![false; n],
        unclosed: vec![false; n],
    };
    let mut i = 0;
    while i < n {
        if let Some((c, run, _)) = fence(lines[i]) {
            if longest_after[i + 1][slot(c)] >= run {
                // Closed: the block runs to the first fence that closes it.
                let mut j = i + 1;
                while !fence(lines[j]).is_some_and(|(d, r, close)| d == c && r >= run && close) {
                    j += 1;
                }
                out.code[i..=j].iter_mut().for_each(|l| *l = true);
                i = j + 1;
                continue;
            }
            out.unclosed[i] = true;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_and_unclosed_fences() {
        let f = fences("a\n```rust\nx\n```\nb\n~~~~\nc\n~~~\n```\nd");
        assert_eq!(
            f.code,
            [
                false, true, true, true, false, false, false, false, false, false
            ]
        );
        // `~~~~` is not closed by the shorter `~~~`; the last ``` has no closer.
        assert_eq!(
            f.unclosed,
            [
                false, false, false, false, false, true, false, true, true, false
            ]
        );
    }
}
