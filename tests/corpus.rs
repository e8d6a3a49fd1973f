//! The blameless-language rules against labeled sentences. Three sets:
//! `blameless-dev.tsv` (copied from the shared corpus) and
//! `blameless-dev2.tsv` (written here) are what the rules were tuned on;
//! `blameless-heldback.tsv` was written first and kept out of tuning, so it
//! measures recall on unseen writing. Every set must reach recall ≥ 0.95
//! with at most 2 % false positives. Misses of the held-back set are counted,
//! not listed: reading them is how a held-back set stops being one.

use debrief::lint::report::lint_text_lines;
use debrief::lint::{Context, LintConfig};

const RECALL: f64 = 0.95;
const FALSE_POSITIVES: f64 = 0.02;

struct Row {
    blameful: bool,
    category: String,
    text: String,
}

fn rows(data: &str) -> Vec<Row> {
    data.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 3, "malformed row: {line}");
            Row {
                blameful: match cols[0] {
                    "blameful" => true,
                    "blameless" => false,
                    other => panic!("unknown label {other}"),
                },
                category: cols[1].to_string(),
                text: cols[2].to_string(),
            }
        })
        .collect()
}

/// Recall, false-positive rate and the rows behind them.
struct Score {
    blameful: usize,
    caught: usize,
    blameless: usize,
    misses: Vec<String>,
    false_positives: Vec<String>,
}

impl Score {
    fn recall(&self) -> f64 {
        self.caught as f64 / self.blameful as f64
    }

    fn fp_rate(&self) -> f64 {
        self.false_positives.len() as f64 / self.blameless as f64
    }
}

fn score(rows: &[Row]) -> Score {
    let ctx = Context::for_text(&LintConfig::default());
    // lint-text logic: one sentence per line, so every line's findings are its own.
    let input: String = rows.iter().map(|r| format!("{}\n", r.text)).collect();
    let mut flagged = vec![Vec::new(); rows.len()];
    for f in lint_text_lines(&input, &ctx) {
        flagged[f.line - 1].push(f.finding.rule.as_str());
    }
    let mut s = Score {
        blameful: 0,
        caught: 0,
        blameless: 0,
        misses: Vec::new(),
        false_positives: Vec::new(),
    };
    for (row, rules) in rows.iter().zip(&flagged) {
        if row.blameful {
            s.blameful += 1;
            if rules.is_empty() {
                s.misses.push(format!("  [{}] {}", row.category, row.text));
            } else {
                s.caught += 1;
            }
        } else {
            s.blameless += 1;
            if !rules.is_empty() {
                s.false_positives.push(format!("  {rules:?} {}", row.text));
            }
        }
    }
    s
}

fn check(name: &str, data: &str, list_rows: bool) {
    let s = score(&rows(data));
    eprintln!(
        "{name}: {}/{} blameful caught (recall {:.3}); {}/{} blameless flagged (FP {:.3})",
        s.caught,
        s.blameful,
        s.recall(),
        s.false_positives.len(),
        s.blameless,
        s.fp_rate()
    );
    let detail = |rows: &[String]| {
        if list_rows {
            rows.join("\n")
        } else {
            "(held back: rows not listed)".to_string()
        }
    };
    if list_rows {
        eprintln!(
            "{name} misses:\n{}\n{name} false positives:\n{}",
            detail(&s.misses),
            detail(&s.false_positives)
        );
    }
    assert!(
        s.blameful >= 40 && s.blameless >= 45,
        "{name}: corpus fixture is incomplete"
    );
    assert!(
        s.recall() >= RECALL,
        "{name}: recall {:.3} below {RECALL}; misses:\n{}",
        s.recall(),
        detail(&s.misses)
    );
    assert!(
        s.fp_rate() <= FALSE_POSITIVES,
        "{name}: false-positive rate {:.3} above {FALSE_POSITIVES}:\n{}",
        s.fp_rate(),
        detail(&s.false_positives)
    );
}

#[test]
fn dev_corpus_meets_targets() {
    check("dev", include_str!("fixtures/blameless-dev.tsv"), true);
}

#[test]
fn dev2_corpus_meets_targets() {
    check("dev2", include_str!("fixtures/blameless-dev2.tsv"), true);
}

#[test]
fn heldback_corpus_meets_targets() {
    check(
        "heldback",
        include_str!("fixtures/blameless-heldback.tsv"),
        false,
    );
}

#[test]
fn the_score_can_fail() {
    // A set whose blameful rows say nothing blameful has recall 0, and one
    // whose blameless rows are blameful has a false-positive rate of 1.
    let data = "label\tcategory\ttext\n\
                blameful\tx\tThe disk filled at noon.\n\
                blameless\tok\tThe root cause was human error.\n";
    let s = score(&rows(data));
    assert_eq!((s.caught, s.blameful), (0, 1));
    assert_eq!((s.false_positives.len(), s.blameless), (1, 1));
    assert!(s.recall() < RECALL && s.fp_rate() > FALSE_POSITIVES);
}
