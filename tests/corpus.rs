//! The blameless-language rules against labeled sentences
//! (tests/fixtures/blameless-dev.tsv, copied from the shared corpus): recall
//! on blameful rows must be at least 0.90 and false positives on blameless
//! rows at most 5 %.

use debrief::lint::report::lint_text_lines;
use debrief::lint::{Context, LintConfig};

struct Row {
    blameful: bool,
    category: String,
    text: String,
}

fn rows() -> Vec<Row> {
    let data = include_str!("fixtures/blameless-dev.tsv");
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

#[test]
fn corpus_meets_recall_and_false_positive_targets() {
    let rows = rows();
    let ctx = Context::for_text(&LintConfig::default());
    // lint-text logic: one sentence per line, so every line's findings are its own.
    let input: String = rows.iter().map(|r| format!("{}\n", r.text)).collect();
    let findings = lint_text_lines(&input, &ctx);
    let mut flagged = vec![Vec::new(); rows.len()];
    for f in &findings {
        flagged[f.line - 1].push(f.finding.rule);
    }

    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    let (mut blameful, mut caught, mut blameless) = (0usize, 0usize, 0usize);
    for (row, rules) in rows.iter().zip(&flagged) {
        if row.blameful {
            blameful += 1;
            if rules.is_empty() {
                misses.push(format!("  [{}] {}", row.category, row.text));
            } else {
                caught += 1;
            }
        } else {
            blameless += 1;
            if !rules.is_empty() {
                false_positives.push(format!("  {rules:?} {}", row.text));
            }
        }
    }
    let recall = caught as f64 / blameful as f64;
    let fp_rate = false_positives.len() as f64 / blameless as f64;
    eprintln!(
        "corpus: {caught}/{blameful} blameful caught (recall {recall:.3}); {}/{blameless} blameless flagged (FP {:.3})",
        false_positives.len(),
        fp_rate
    );
    eprintln!("misses:\n{}", misses.join("\n"));
    eprintln!("false positives:\n{}", false_positives.join("\n"));
    assert!(
        blameful > 30 && blameless > 100,
        "corpus fixture is incomplete"
    );
    assert!(
        recall >= 0.90,
        "recall {recall:.3} below 0.90; misses:\n{}",
        misses.join("\n")
    );
    assert!(
        fp_rate <= 0.05,
        "false-positive rate {fp_rate:.3} above 0.05:\n{}",
        false_positives.join("\n")
    );
}
