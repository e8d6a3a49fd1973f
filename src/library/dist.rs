//! Distributions of durations: median, p90, min–max and a histogram, each
//! figure with the documents behind it. Incident durations are skewed (a
//! few very long ones), so a mean alone would mislead.

use serde::Serialize;

/// A labelled count and the documents behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// What is counted (a severity, a month, a service, …).
    pub label: String,
    /// How many.
    pub count: usize,
    /// The documents (their keys), in library order.
    pub ids: Vec<String>,
}

impl Bucket {
    /// An empty bucket.
    pub fn new(label: impl Into<String>) -> Bucket {
        Bucket {
            label: label.into(),
            count: 0,
            ids: Vec::new(),
        }
    }

    /// Counts one more document.
    pub fn add(&mut self, id: &str) {
        self.count += 1;
        self.ids.push(id.to_string());
    }
}

/// One measured value and the document it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sample {
    /// The document's key.
    pub id: String,
    /// The value: seconds for durations, points for scores.
    pub value: i64,
}

/// One bar of a histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistogramBin {
    /// The range, e.g. `15m–30m`.
    pub label: String,
    /// How many values fall in it.
    pub count: usize,
    /// Their documents.
    pub ids: Vec<String>,
}

/// The shape of a set of values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    /// How many values.
    pub count: usize,
    /// The middle value (the mean of the two middle ones for an even count).
    pub median: Option<i64>,
    /// The 90th percentile, nearest rank: the value at rank ⌈0.9·n⌉.
    pub p90: Option<i64>,
    /// The smallest value.
    pub min: Option<i64>,
    /// The largest value.
    pub max: Option<i64>,
    /// The values by range; ranges outside the values' span are left out.
    pub histogram: Vec<HistogramBin>,
    /// Every value with its document, smallest first.
    pub samples: Vec<Sample>,
}

/// Histogram edges for durations, in seconds.
const DURATION_EDGES: [(i64, &str); 9] = [
    (0, "<5m"),
    (5 * 60, "5m–15m"),
    (15 * 60, "15m–30m"),
    (30 * 60, "30m–1h"),
    (3600, "1h–2h"),
    (2 * 3600, "2h–4h"),
    (4 * 3600, "4h–8h"),
    (8 * 3600, "8h–1d"),
    (24 * 3600, "≥1d"),
];

/// Histogram edges for completeness scores (0–100).
const SCORE_EDGES: [(i64, &str); 5] = [
    (0, "0–19"),
    (20, "20–39"),
    (40, "40–59"),
    (60, "60–79"),
    (80, "80–100"),
];

impl Distribution {
    /// The distribution of durations (seconds).
    pub fn of_durations(samples: Vec<Sample>) -> Distribution {
        Distribution::build(samples, &DURATION_EDGES)
    }

    /// The distribution of completeness scores.
    pub fn of_scores(samples: Vec<Sample>) -> Distribution {
        Distribution::build(samples, &SCORE_EDGES)
    }

    fn build(mut samples: Vec<Sample>, edges: &[(i64, &str)]) -> Distribution {
        // Stable: equal values keep library order.
        samples.sort_by_key(|s| s.value);
        let n = samples.len();
        let value = |rank: usize| samples[rank].value;
        let median = (n > 0).then(|| {
            if n % 2 == 1 {
                value(n / 2)
            } else {
                // Rounded half up, to whole units.
                (value(n / 2 - 1) + value(n / 2) + 1).div_euclid(2)
            }
        });
        let p90 = (n > 0).then(|| value((n * 9).div_ceil(10) - 1));
        let mut bins: Vec<HistogramBin> = edges
            .iter()
            .map(|(_, label)| HistogramBin {
                label: label.to_string(),
                count: 0,
                ids: Vec::new(),
            })
            .collect();
        for sample in &samples {
            let at = edges
                .iter()
                .rposition(|(edge, _)| sample.value >= *edge)
                .unwrap_or(0);
            bins[at].count += 1;
            bins[at].ids.push(sample.id.clone());
        }
        let first = bins.iter().position(|b| b.count > 0);
        let last = bins.iter().rposition(|b| b.count > 0);
        let histogram = match (first, last) {
            (Some(first), Some(last)) => bins.drain(first..=last).collect(),
            _ => Vec::new(),
        };
        Distribution {
            count: n,
            median,
            p90,
            min: samples.first().map(|s| s.value),
            max: samples.last().map(|s| s.value),
            histogram,
            samples,
        }
    }
}

/// `1h 05m`, `12m`, `2d 3h`, `45s` — compact, for tables.
pub fn duration_text(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    let text = if d > 0 {
        if h > 0 {
            format!("{d}d {h}h")
        } else {
            format!("{d}d")
        }
    } else if h > 0 {
        format!("{h}h {m:02}m")
    } else if m > 0 {
        format!("{m}m")
    } else {
        format!("{s}s")
    };
    format!("{sign}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(values: &[i64]) -> Vec<Sample> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| Sample {
                id: format!("D{i}"),
                value: *v,
            })
            .collect()
    }

    #[test]
    fn median_p90_and_histogram() {
        let d = Distribution::of_durations(samples(&[600, 60, 7200, 1800]));
        assert_eq!(d.count, 4);
        assert_eq!(d.median, Some(1200), "mean of 600 and 1800");
        assert_eq!(d.p90, Some(7200), "rank ⌈3.6⌉ = 4");
        assert_eq!((d.min, d.max), (Some(60), Some(7200)));
        let bins: Vec<(&str, usize)> = d
            .histogram
            .iter()
            .map(|b| (b.label.as_str(), b.count))
            .collect();
        assert_eq!(
            bins,
            [
                ("<5m", 1),
                ("5m–15m", 1),
                ("15m–30m", 0),
                ("30m–1h", 1),
                ("1h–2h", 0),
                ("2h–4h", 1)
            ]
        );
        let ten = Distribution::of_durations(samples(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
        assert_eq!(ten.p90, Some(9));
        assert_eq!(ten.median, Some(6), "5.5 rounds half up");
        assert_eq!(Distribution::of_durations(Vec::new()).median, None);
    }

    #[test]
    fn durations_read_compactly() {
        assert_eq!(duration_text(45), "45s");
        assert_eq!(duration_text(12 * 60), "12m");
        assert_eq!(duration_text(3900), "1h 05m");
        assert_eq!(duration_text(2 * 86_400 + 3 * 3600), "2d 3h");
    }
}
