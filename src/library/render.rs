//! `stats` and `actions` as text for people (numbers always, bars and
//! sparklines beside them when `charts` is on) and as CSV. JSON is the
//! figures themselves (`serde`). Text from the files is shown with its
//! control characters escaped.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::chart::{bar, sparkline};
use super::dist::{Bucket, Distribution, duration_text};
use super::outbox::neutralize;
use super::stats::Stats;
use crate::model::escape_controls as esc;

/// Bars are at most this wide.
const BAR: usize = 20;
/// Ids listed after a figure in text, before `+N more`.
const IDS: usize = 6;

fn ids(list: &[String]) -> String {
    let mut shown: Vec<String> = list.iter().take(IDS).map(|i| esc(i).into_owned()).collect();
    if list.len() > IDS {
        shown.push(format!("+{} more", list.len() - IDS));
    }
    shown.join(", ")
}

fn percent(part: usize, whole: usize) -> String {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or_else(|| "–".into(), |p| format!("{p}%"))
}

/// Buckets as aligned lines: label, count, bar (with charts), ids (when
/// asked).
fn buckets(out: &mut String, list: &[Bucket], charts: bool, with_ids: bool) {
    let width = list
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    let max = list.iter().map(|b| b.count).max().unwrap_or(0);
    for b in list {
        let mut line = format!("  {:<width$} {:>5}", esc(&b.label), b.count);
        if charts {
            line.push_str(&format!("  {}", bar(b.count, max, BAR)));
        }
        if with_ids && !b.ids.is_empty() {
            line.push_str(&format!("  {}", ids(&b.ids)));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn histogram(out: &mut String, d: &Distribution, charts: bool, indent: &str) {
    if charts {
        let max = d.histogram.iter().map(|b| b.count).max().unwrap_or(0);
        for b in &d.histogram {
            let _ = writeln!(
                out,
                "{indent}{:>8} {:>5}  {}",
                b.label,
                b.count,
                bar(b.count, max, BAR)
            );
        }
    } else if !d.histogram.is_empty() {
        let bins: Vec<String> = d
            .histogram
            .iter()
            .map(|b| format!("{} {}", b.label, b.count))
            .collect();
        let _ = writeln!(out, "{indent}{}", bins.join(" · "));
    }
}

/// `stats` for people.
pub fn stats_human(s: &Stats, charts: bool) -> String {
    let mut out = String::new();
    let kinds: Vec<String> = s
        .kinds
        .iter()
        .map(|k| format!("{} {}", k.count, k.label))
        .collect();
    let _ = writeln!(
        out,
        "{} postmortems as of {}: {}",
        s.documents,
        s.today,
        kinds.join(" · ")
    );
    if !s.skipped.is_empty() {
        let _ = writeln!(
            out,
            "{} file(s) skipped (see the messages above)",
            s.skipped.len()
        );
    }

    let _ = writeln!(out, "\nIncidents by severity");
    buckets(&mut out, &s.by_severity, charts, false);

    if !s.by_month.is_empty() {
        let first = &s.by_month[0].label;
        let last = &s.by_month[s.by_month.len() - 1].label;
        let _ = writeln!(out, "\nIncidents by month ({first} to {last})");
        if charts {
            let counts: Vec<usize> = s.by_month.iter().map(|b| b.count).collect();
            let near: Vec<usize> = s.near_misses_by_month.iter().map(|b| b.count).collect();
            let _ = writeln!(out, "  incidents    {}", sparkline(&counts));
            if near.iter().any(|n| *n > 0) {
                let _ = writeln!(out, "  near misses  {}", sparkline(&near));
            }
        }
        // One line per year: the months with incidents.
        let mut years: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for b in s.by_month.iter().filter(|b| b.count > 0) {
            let (year, month) = b.label.split_at(4);
            years.entry(year).or_default().push(format!(
                "{} {}",
                month.trim_start_matches('-'),
                b.count
            ));
        }
        for (year, months) in years {
            let _ = writeln!(out, "  {year}: {}", months.join(" · "));
        }
    }

    let _ = writeln!(out, "\nIncidents by service");
    buckets(&mut out, &s.by_service, charts, false);
    let near_total = s
        .kinds
        .iter()
        .find(|k| k.label == "near-miss")
        .map_or(0, |k| k.count);
    if near_total > 0 {
        let _ = writeln!(
            out,
            "\nNear misses by service ({near_total} near misses, counted apart)"
        );
        buckets(&mut out, &s.near_misses_by_service, charts, false);
    }

    let _ = writeln!(
        out,
        "\nDurations (incidents)                     n   median      p90  min–max"
    );
    for d in &s.durations {
        let x = &d.seconds;
        let show = |v: Option<i64>| v.map_or("–".to_string(), duration_text);
        let range = match (x.min, x.max) {
            (Some(a), Some(b)) => format!("{}–{}", duration_text(a), duration_text(b)),
            _ => "–".into(),
        };
        let _ = writeln!(
            out,
            "  {:<11} {:<26} {:>3} {:>8} {:>8}  {range}",
            d.name,
            d.measured,
            x.count,
            show(x.median),
            show(x.p90)
        );
        histogram(&mut out, x, charts, "    ");
    }

    let _ = writeln!(out, "\nMTBF per service (two or more incidents)");
    if s.mtbf.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for m in &s.mtbf {
        let _ = writeln!(
            out,
            "  {:<24} {:>3} incidents  one every {:.1} days",
            esc(&m.service),
            m.incidents,
            m.mean_days.unwrap_or_default()
        );
    }

    let t = &s.timeliness;
    let _ = writeln!(
        out,
        "\nTimeliness (review meeting by day 5, final by day 7 after the incident)"
    );
    let _ = writeln!(
        out,
        "  review: {} on time · {} late · {} missing",
        t.review_on_time.count, t.review_late.count, t.review_missing.count
    );
    let due = t.final_on_time.count + t.final_late.count + t.not_final_overdue.count;
    let _ = writeln!(
        out,
        "  final:  {} on time ({}) · {} late · {} undated · {} not final past day 7",
        t.final_on_time.count,
        percent(t.final_on_time.count, due),
        t.final_late.count,
        t.final_undated.count,
        t.not_final_overdue.count
    );
    for b in [
        &t.review_late,
        &t.review_missing,
        &t.final_late,
        &t.not_final_overdue,
    ] {
        if b.count > 0 {
            let _ = writeln!(out, "    {}: {}", b.label, ids(&b.ids));
        }
    }

    let c = &s.completeness;
    let _ = writeln!(
        out,
        "\nCompleteness  median {} · p90 {} · min–max {}–{}",
        c.median.map_or("–".into(), |v| v.to_string()),
        c.p90.map_or("–".into(), |v| v.to_string()),
        c.min.map_or("–".into(), |v| v.to_string()),
        c.max.map_or("–".into(), |v| v.to_string()),
    );
    histogram(&mut out, c, charts, "  ");

    let a = &s.actions;
    let statuses: Vec<String> = a
        .by_status
        .iter()
        .map(|b| format!("{} {}", b.count, b.label))
        .collect();
    let done = a
        .by_status
        .iter()
        .find(|b| b.label == "done")
        .map_or(0, |b| b.count);
    let wont = a
        .by_status
        .iter()
        .find(|b| b.label == "wont-do")
        .map_or(0, |b| b.count);
    let _ = writeln!(
        out,
        "\nActions  {} in all: {}\n  completion {} ({done} of {} not dropped)",
        a.total,
        statuses.join(" · "),
        percent(done, a.total - wont),
        a.total - wont
    );
    for b in [&a.overdue, &a.unowned, &a.urgent] {
        let label = match b.label.as_str() {
            "urgent" => "P0/P1 overdue or unowned",
            other => other,
        };
        let _ = writeln!(
            out,
            "  {label}: {}{}",
            b.count,
            if b.count > 0 {
                format!("  {}", ids(&b.ids))
            } else {
                String::new()
            }
        );
    }

    let _ = writeln!(out, "\nContributing factors by category");
    buckets(&mut out, &s.factors, charts, false);

    patterns_human(&mut out, s, charts);
    out
}

fn patterns_human(out: &mut String, s: &Stats, charts: bool) {
    let p = &s.patterns;
    let _ = writeln!(out, "\nRecurring causes");
    if p.causes.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for c in &p.causes {
        let _ = writeln!(out, "  {}: {}", esc(&c.headline()), ids(&c.ids));
        if !c.shared.is_empty() {
            let _ = writeln!(out, "    shared terms: {}", esc(&c.shared.join(", ")));
        }
    }
    let _ = writeln!(out, "\nRecurring actions");
    if p.actions.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for a in &p.actions {
        let done = if a.done > 0 {
            format!(", {} done and back again", a.done)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  \"{}\" in {} postmortems{done}",
            esc(&a.label),
            a.count
        );
        for act in &a.actions {
            let _ = writeln!(
                out,
                "    {} [{}] {}",
                esc(&act.key),
                act.status.as_str(),
                esc(&act.title)
            );
        }
    }
    for (title, list) in [
        ("Recurring tags", &p.tags),
        ("Recurring services", &p.services),
        ("Recurring factor categories", &p.categories),
    ] {
        let _ = writeln!(out, "\n{title}");
        if list.is_empty() {
            let _ = writeln!(out, "  none");
        }
        buckets(out, list, charts, true);
    }
    let _ = writeln!(out, "\nAnniversaries (this week in earlier years)");
    if p.anniversaries.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for a in &p.anniversaries {
        let _ = writeln!(
            out,
            "  {} {} ({} year{} ago): {}",
            a.date,
            esc(&a.id),
            a.years,
            if a.years == 1 { "" } else { "s" },
            esc(&a.title)
        );
    }
}

/// Rows as CSV under `header`, every cell neutralized for spreadsheets.
pub(super) fn csv_text(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let _ = writer.write_record(header);
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| neutralize(c)).collect();
        let _ = writer.write_record(&cells);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `stats` as CSV: one figure a row — `section,label,count,value,ids`
/// (ids space-separated; `value` in seconds for durations, days for MTBF
/// and pattern spans, points for completeness, 0–1 for rates).
pub fn stats_csv(s: &Stats) -> String {
    let mut t = CsvTable::default();
    t.list("kind", &s.kinds);
    t.list("severity", &s.by_severity);
    t.list("month", &s.by_month);
    t.list("near-miss-month", &s.near_misses_by_month);
    t.list("service", &s.by_service);
    t.list("near-miss-service", &s.near_misses_by_service);
    for d in &s.durations {
        t.dist(&format!("time-to-{}", d.name), &d.seconds);
    }
    for m in &s.mtbf {
        let mean = m.mean_days.map(|d| format!("{d:.2}")).unwrap_or_default();
        t.row("mtbf", &m.service, m.incidents.to_string(), mean, &m.ids);
    }
    let tl = &s.timeliness;
    for b in [
        &tl.review_on_time,
        &tl.review_late,
        &tl.review_missing,
        &tl.final_on_time,
        &tl.final_late,
        &tl.final_undated,
        &tl.not_final_overdue,
    ] {
        t.list("timeliness", std::slice::from_ref(b));
    }
    t.dist("completeness", &s.completeness);
    let a = &s.actions;
    t.list("actions", &a.by_status);
    let rate = a
        .completion_rate
        .map(|r| format!("{r:.4}"))
        .unwrap_or_default();
    t.row("actions", "completion rate", a.total.to_string(), rate, &[]);
    for b in [&a.overdue, &a.unowned, &a.urgent] {
        t.list("actions", std::slice::from_ref(b));
    }
    t.list("factor-category", &s.factors);
    let p = &s.patterns;
    for c in &p.causes {
        t.row(
            "recurring-cause",
            &c.label,
            c.count.to_string(),
            c.span_days.to_string(),
            &c.ids,
        );
    }
    for x in &p.actions {
        let keys: Vec<String> = x.actions.iter().map(|a| a.key.clone()).collect();
        t.row(
            "recurring-action",
            &x.label,
            x.count.to_string(),
            x.done.to_string(),
            &keys,
        );
    }
    t.list("recurring-tag", &p.tags);
    t.list("recurring-service", &p.services);
    t.list("recurring-category", &p.categories);
    for x in &p.anniversaries {
        let id = std::slice::from_ref(&x.id);
        t.row(
            "anniversary",
            &x.date.to_string(),
            "1".into(),
            x.years.to_string(),
            id,
        );
    }
    for skipped in &s.skipped {
        t.row("skipped", skipped, String::new(), String::new(), &[]);
    }
    csv_text(&["section", "label", "count", "value", "ids"], t.rows)
}

/// The rows of the stats CSV being built.
#[derive(Default)]
struct CsvTable {
    rows: Vec<Vec<String>>,
}

impl CsvTable {
    fn row(&mut self, section: &str, label: &str, count: String, value: String, ids: &[String]) {
        self.rows.push(vec![
            section.into(),
            label.into(),
            count,
            value,
            ids.join(" "),
        ]);
    }

    fn list(&mut self, section: &str, list: &[Bucket]) {
        for b in list {
            self.row(
                section,
                &b.label,
                b.count.to_string(),
                String::new(),
                &b.ids,
            );
        }
    }

    fn dist(&mut self, section: &str, d: &Distribution) {
        let all: Vec<String> = d.samples.iter().map(|x| x.id.clone()).collect();
        for (label, v) in [
            ("median", d.median),
            ("p90", d.p90),
            ("min", d.min),
            ("max", d.max),
        ] {
            let value = v.map(|v| v.to_string()).unwrap_or_default();
            self.row(section, label, d.count.to_string(), value, &all);
        }
        for b in &d.histogram {
            self.row(
                section,
                &b.label,
                b.count.to_string(),
                String::new(),
                &b.ids,
            );
        }
    }
}
