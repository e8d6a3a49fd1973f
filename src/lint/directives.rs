//! Markdown comments that switch rules off in `lint-text`, as Vale and
//! markdownlint users write them:
//!
//! - `<!-- debrief-disable-next-line RULE … -->` — the next line only;
//! - `<!-- debrief-disable RULE … -->` … `<!-- debrief-enable RULE … -->` —
//!   a region (a bare `debrief-enable` ends every region).
//!
//! RULE is an id (`blame/judgment`), a family (`blame/`, `blame/*`), or
//! nothing for every rule. A directive takes effect on the lines after it.

use super::rule::RuleId;
use super::text::is_ignored;

/// The directives in force while reading a text line by line.
#[derive(Debug, Default)]
pub(crate) struct Directives {
    /// Rules disabled by open regions.
    region: Vec<String>,
    /// Rules disabled for the line being read.
    this_line: Vec<String>,
    /// Rules disabled for the next line.
    next_line: Vec<String>,
}

/// One directive found in a comment.
enum Directive {
    NextLine(Vec<String>),
    Disable(Vec<String>),
    Enable(Vec<String>),
}

/// The directives in the HTML comments of `line`.
fn parse(line: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = line[from..].find("<!--").map(|i| i + from) {
        let body_start = start + 4;
        let Some(end) = line[body_start..].find("-->").map(|i| body_start + i) else {
            break;
        };
        let mut words = line[body_start..end].split_whitespace();
        let kind = words.next().unwrap_or("");
        let ids: Vec<String> = words
            .flat_map(|w| w.split(','))
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        let ids = if ids.is_empty() {
            vec!["*".to_string()]
        } else {
            ids
        };
        match kind {
            "debrief-disable-next-line" => out.push(Directive::NextLine(ids)),
            "debrief-disable" => out.push(Directive::Disable(ids)),
            "debrief-enable" => out.push(Directive::Enable(ids)),
            _ => {}
        }
        from = end + 3;
    }
    out
}

impl Directives {
    /// Whether `rule` is off on the current line.
    pub fn disables(&self, rule: RuleId) -> bool {
        is_ignored(rule, &self.region) || is_ignored(rule, &self.this_line)
    }

    /// Takes the state for the next line: the line just read is linted
    /// with what was in force before its own directives.
    pub fn before(line: &str, state: &mut Directives) -> Directives {
        let current = Directives {
            region: state.region.clone(),
            this_line: std::mem::take(&mut state.next_line),
            next_line: Vec::new(),
        };
        state.advance_keeping(line);
        current
    }

    fn advance_keeping(&mut self, line: &str) {
        for directive in parse(line) {
            match directive {
                Directive::NextLine(ids) => self.next_line.extend(ids),
                Directive::Disable(ids) => self.region.extend(ids),
                Directive::Enable(ids) => {
                    if ids.iter().any(|i| i == "*") {
                        self.region.clear();
                    } else {
                        self.region.retain(|r| !ids.contains(r));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rule;

    #[test]
    fn next_line_and_regions() {
        let mut state = Directives::default();
        let lines = [
            "<!-- debrief-disable-next-line blame/judgment -->",
            "a line",
            "another line",
            "<!-- debrief-disable blame/ -->",
            "inside",
            "<!-- debrief-enable blame/ -->",
            "after",
        ];
        let off: Vec<(bool, bool)> = lines
            .iter()
            .map(|l| {
                let now = Directives::before(l, &mut state);
                (now.disables(rule::JUDGMENT), now.disables(rule::HINDSIGHT))
            })
            .collect();
        assert_eq!(
            off,
            [
                (false, false),
                (true, false),
                (false, false),
                (false, false),
                (true, true),
                (true, true),
                (false, false),
            ]
        );
    }
}
