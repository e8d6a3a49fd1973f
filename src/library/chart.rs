//! Text charts that read without colour: bars and sparklines.

/// A bar of `value` out of `max`, `width` cells at most (eighths of a cell
/// for the last one). A non-zero value always shows at least a sliver.
pub fn bar(value: usize, max: usize, width: usize) -> String {
    if max == 0 || value == 0 {
        return String::new();
    }
    const PARTS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
    let eighths = (value * width * 8).div_ceil(max).max(1);
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(PARTS[eighths % 8 - 1]);
    }
    out
}

/// One character per value, from `▁` (zero or the least) to `█` (the most).
pub fn sparkline(values: &[usize]) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0);
    values
        .iter()
        .map(|&v| {
            if max == 0 {
                LEVELS[0]
            } else {
                LEVELS[(v * (LEVELS.len() - 1)).div_ceil(max).min(LEVELS.len() - 1)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_and_sparklines_span() {
        assert_eq!(bar(4, 4, 4), "████");
        assert_eq!(bar(2, 4, 4), "██");
        assert_eq!(bar(1, 16, 4), "▎", "a quarter cell is two eighths");
        assert_eq!(bar(1, 100, 4), "▏", "a sliver at least");
        assert_eq!(bar(0, 4, 4), "");
        assert_eq!(sparkline(&[0, 1, 7]), "▁▂█");
        assert_eq!(sparkline(&[0, 0]), "▁▁");
    }
}
