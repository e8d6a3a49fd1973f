//! `debrief stats`: counts, durations, MTBF, timeliness, actions, patterns,
//! the human and CSV forms, filters.

use super::*;

#[test]
fn kinds_severities_months_and_services() {
    let s = stats(&[]);
    assert_eq!(s["documents"], 13);
    assert_eq!(
        counts(&s["kinds"]),
        pairs(&[("incident", 10), ("near-miss", 2), ("project", 1)])
    );
    assert_eq!(
        strs(&s["kinds"][1]["ids"]),
        ["NM-2025-1002", "NM-2025-1120"],
        "near misses are counted apart"
    );
    assert_eq!(
        counts(&s["by_severity"]),
        pairs(&[("SEV-1", 2), ("SEV-2", 4), ("SEV-3", 3), ("SEV-4", 1)])
    );
    assert_eq!(
        strs(&s["by_severity"][0]["ids"]),
        ["INC-2025-0110", "INC-2025-0612"]
    );
    // 2023-03 to 2026-02: 36 months, nine incidents' months non-empty.
    let months = counts(&s["by_month"]);
    assert_eq!(months.len(), 36);
    let busy: Vec<(String, u64)> = months.into_iter().filter(|(_, c)| *c > 0).collect();
    assert_eq!(
        busy,
        pairs(&[
            ("2023-03", 1),
            ("2024-08", 1),
            ("2024-10", 1),
            ("2025-01", 1),
            ("2025-04", 1),
            ("2025-06", 1),
            ("2025-09", 1),
            ("2026-01", 1),
            ("2026-02", 2)
        ])
    );
    let near: Vec<(String, u64)> = counts(&s["near_misses_by_month"])
        .into_iter()
        .filter(|(_, c)| *c > 0)
        .collect();
    assert_eq!(near, pairs(&[("2025-10", 1), ("2025-11", 1)]));
    assert_eq!(
        counts(&s["by_service"]),
        pairs(&[
            ("orders-api", 3),
            ("payments", 3),
            ("auth", 2),
            ("checkout", 2),
            ("search", 2)
        ])
    );
    assert_eq!(
        counts(&s["near_misses_by_service"]),
        pairs(&[("orders-api", 1), ("search", 1)])
    );
}

fn duration<'a>(s: &'a Value, name: &str) -> &'a Value {
    s["durations"]
        .as_array()
        .expect("durations")
        .iter()
        .find(|d| d["name"] == name)
        .map(|d| &d["seconds"])
        .expect("duration")
}

#[test]
fn durations_are_distributions() {
    let s = stats(&[]);
    // Detect: 2, 3, 5, 10, 10, 15, 20, 30, 40, 45 minutes.
    let d = duration(&s, "detect");
    assert_eq!(d["count"], 10);
    assert_eq!(d["median"], 750, "(10 + 15) / 2 minutes");
    assert_eq!(d["p90"], 2400, "9th of 10: 40 minutes");
    assert_eq!(
        (d["min"].as_i64(), d["max"].as_i64()),
        (Some(120), Some(2700))
    );
    assert_eq!(
        counts(&d["histogram"]),
        pairs(&[("<5m", 2), ("5m–15m", 3), ("15m–30m", 2), ("30m–1h", 3)])
    );
    assert_eq!(
        strs(&d["histogram"][0]["ids"]),
        ["INC-2025-0110", "INC-2026-0201"]
    );
    // Acknowledge (detected → escalated): 5, 5, 5, 5, 7, 8, 15, 20; the
    // certificate and search incidents have no escalation mark.
    let a = duration(&s, "acknowledge");
    assert_eq!(a["count"], 8);
    assert_eq!(a["median"], 360);
    assert_eq!(a["p90"], 1200);
    let ids: Vec<&str> = a["samples"]
        .as_array()
        .expect("samples")
        .iter()
        .map(|x| x["id"].as_str().expect("id"))
        .collect();
    assert!(!ids.contains(&"INC-2025-0905") && !ids.contains(&"INC-2026-0227"));
    // Mitigate: 30, 30, 40, 45, 50, 50, 60, 90, 180.
    let m = duration(&s, "mitigate");
    assert_eq!(
        (m["count"].as_u64(), m["median"].as_i64(), m["p90"].as_i64()),
        (Some(9), Some(3000), Some(10800))
    );
    // Resolve: 50, 55, 55, 80, 90, 150, 240, 270.
    let r = duration(&s, "resolve");
    assert_eq!(
        (r["count"].as_u64(), r["median"].as_i64(), r["p90"].as_i64()),
        (Some(8), Some(5100), Some(16200))
    );
    assert_eq!(
        (r["min"].as_i64(), r["max"].as_i64()),
        (Some(3000), Some(16200))
    );
    // Near misses never count in durations.
    for name in ["detect", "acknowledge", "mitigate", "resolve"] {
        let text = duration(&s, name).to_string();
        assert!(!text.contains("NM-"), "{name}: {text}");
    }
}

#[test]
fn mtbf_per_service() {
    let s = stats(&[]);
    let mtbf: Vec<(String, u64, f64)> = s["mtbf"]
        .as_array()
        .expect("mtbf")
        .iter()
        .map(|m| {
            (
                m["service"].as_str().expect("service").to_string(),
                m["incidents"].as_u64().expect("n"),
                m["mean_days"].as_f64().expect("days"),
            )
        })
        .collect();
    // orders-api: 2024-10-28 10:00 → 2025-04-20 09:00 is 174 days less an
    // hour, over 2 gaps; payments: 2025-01-10 14:00 → 2026-01-10 12:00.
    let expected = [
        ("orders-api", 3, (174.0 - 1.0 / 24.0) / 2.0),
        ("payments", 3, (365.0 - 2.0 / 24.0) / 2.0),
        ("auth", 2, 918.0 + 1.0 / 24.0),
        ("checkout", 2, 234.0 - 8.0 / 24.0),
        ("search", 2, 561.0 + 1.0 / 24.0),
    ];
    assert_eq!(mtbf.len(), expected.len());
    for ((service, n, days), (want_s, want_n, want_d)) in mtbf.iter().zip(expected) {
        assert_eq!((service.as_str(), *n), (want_s, want_n));
        assert!(
            (days - want_d).abs() < 1e-6,
            "{service}: {days} vs {want_d}"
        );
    }
    assert_eq!(
        strs(&s["mtbf"][0]["ids"]),
        ["INC-2024-1028", "INC-2025-0110", "INC-2025-0420"],
        "the near miss on orders-api is no failure"
    );
}

#[test]
fn timeliness_and_completeness() {
    let s = stats(&[]);
    let t = &s["timeliness"];
    let ids = |k: &str| strs(&t[k]["ids"]);
    assert_eq!(
        ids("review_on_time"),
        [
            "INC-2023-0302",
            "INC-2024-1028",
            "INC-2025-0110",
            "INC-2025-0420",
            "INC-2025-0905",
            "NM-2025-1002",
            "INC-2026-0110",
            "INC-2026-0201"
        ]
    );
    assert_eq!(ids("review_late"), ["INC-2024-0815"], "meeting on day 10");
    assert_eq!(ids("review_missing"), ["INC-2025-0612", "NM-2025-1120"]);
    assert_eq!(
        ids("final_on_time"),
        [
            "INC-2023-0302",
            "INC-2024-1028",
            "INC-2025-0110",
            "INC-2025-0905",
            "NM-2025-1002",
            "INC-2026-0110"
        ],
        "signed off by day 7 (the auth incident by its review date)"
    );
    assert_eq!(ids("final_late"), ["INC-2024-0815"]);
    assert_eq!(t["final_undated"]["count"], 0);
    assert_eq!(
        ids("not_final_overdue"),
        [
            "INC-2025-0420",
            "INC-2025-0612",
            "NM-2025-1120",
            "INC-2026-0201"
        ],
        "the 2026-02-27 draft is not due yet"
    );

    // Completeness: one sample per document, each the linter's score.
    let c = &s["completeness"];
    assert_eq!(c["count"], 13);
    let dir = library();
    for sample in c["samples"].as_array().expect("samples") {
        let id = sample["id"].as_str().expect("id");
        let path = common::files_under(&dir)
            .into_iter()
            .find(|p| {
                debrief::store::load(p)
                    .map(|l| l.doc.meta.id == id)
                    .unwrap_or(false)
            })
            .expect("file of sample");
        let doc = debrief::store::load(&path).expect("load").doc;
        assert_eq!(
            sample["value"].as_i64(),
            Some(i64::from(debrief::lint::completeness_score(&doc).total)),
            "{id}"
        );
    }
    let values: Vec<i64> = c["samples"]
        .as_array()
        .expect("samples")
        .iter()
        .map(|x| x["value"].as_i64().expect("value"))
        .collect();
    assert!(values.windows(2).all(|w| w[0] <= w[1]), "smallest first");
    assert_eq!(c["median"].as_i64(), Some(values[6]), "7th of 13");
    assert_eq!(c["p90"].as_i64(), Some(values[11]), "rank ⌈11.7⌉ = 12");
    assert_eq!(
        c["samples"][0]["id"], "INC-2026-0227",
        "the two-event draft is the least complete"
    );
}

#[test]
fn actions_figures_and_factors() {
    let s = stats(&[]);
    let a = &s["actions"];
    assert_eq!(a["total"], 17);
    assert_eq!(
        counts(&a["by_status"]),
        pairs(&[("open", 8), ("in-progress", 1), ("done", 7), ("wont-do", 1)])
    );
    assert_eq!(a["completion_rate"].as_f64(), Some(7.0 / 16.0));
    assert_eq!(
        strs(&a["overdue"]["ids"]),
        [
            "INC-2025-0110#A1",
            "INC-2025-0420#A2",
            "INC-2025-0612#A1",
            "NM-2025-1120#A1",
            "PRJ-2025-01#A2"
        ]
    );
    assert_eq!(
        strs(&a["unowned"]["ids"]),
        ["INC-2025-0420#A1", "INC-2025-0612#A1", "INC-2026-0110#A2"]
    );
    assert_eq!(
        strs(&a["urgent"]["ids"]),
        [
            "INC-2025-0110#A1",
            "INC-2025-0420#A1",
            "INC-2025-0612#A1",
            "NM-2025-1120#A1",
            "PRJ-2025-01#A2"
        ]
    );
    assert_eq!(
        counts(&s["factors"]),
        pairs(&[
            ("technical", 8),
            ("process", 4),
            ("organizational", 2),
            ("human", 1)
        ])
    );
}

#[test]
fn patterns_causes_actions_recurring_and_anniversaries() {
    let s = stats(&[]);
    let p = &s["patterns"];
    let causes = p["causes"].as_array().expect("causes");
    assert_eq!(causes.len(), 2, "{causes:#?}");
    assert_eq!(causes[0]["label"], "connection pool exhaustion");
    assert_eq!(causes[0]["count"], 3);
    assert_eq!(causes[0]["span_days"], 174);
    assert_eq!(
        strs(&causes[0]["ids"]),
        ["INC-2024-1028", "INC-2025-0110", "INC-2025-0420"]
    );
    assert_eq!(
        strs(&causes[0]["shared"]),
        ["connection", "exhausted", "pool"]
    );
    assert_eq!(causes[1]["label"], "feature flag default");
    assert_eq!(strs(&causes[1]["ids"]), ["INC-2025-0612", "INC-2026-0201"]);
    assert_eq!(
        strs(&causes[1]["shared"]),
        ["default", "deploy", "feature", "flag"]
    );

    let actions = p["actions"].as_array().expect("actions");
    let summary: Vec<(String, u64, u64)> = actions
        .iter()
        .map(|a| {
            (
                a["label"].as_str().expect("label").to_string(),
                a["count"].as_u64().expect("count"),
                a["done"].as_u64().expect("done"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("add alert connection pool saturation".to_string(), 3, 1),
            ("load test".to_string(), 2, 0),
            ("review feature flag defaults deploy".to_string(), 2, 0)
        ]
    );
    let keys: Vec<&str> = actions[0]["actions"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a["key"].as_str().expect("key"))
        .collect();
    assert_eq!(
        keys,
        ["INC-2024-1028#A1", "INC-2025-0110#A1", "INC-2025-0420#A1"]
    );

    assert_eq!(
        counts(&p["tags"]),
        pairs(&[("database", 4), ("latency", 3), ("deploy", 2)])
    );
    assert_eq!(
        counts(&p["services"]),
        pairs(&[
            ("orders-api", 4),
            ("payments", 3),
            ("search", 3),
            ("auth", 2),
            ("checkout", 2)
        ])
    );
    assert_eq!(
        counts(&p["categories"]),
        pairs(&[("technical", 8), ("process", 4), ("organizational", 2)])
    );
    let anniversaries = p["anniversaries"].as_array().expect("anniversaries");
    assert_eq!(anniversaries.len(), 1);
    assert_eq!(anniversaries[0]["id"], "INC-2023-0302");
    assert_eq!(anniversaries[0]["years"], 3);
    // A week later the DNS incident is no longer this week's anniversary,
    // and the 2024-03… nothing else falls on 8 March.
    let later = stats_on("2026-03-08");
    assert_eq!(
        later["patterns"]["anniversaries"].as_array().map(Vec::len),
        Some(0)
    );
}

fn stats_on(today: &str) -> Value {
    let dir = library();
    run_json(&[
        "stats",
        dir.to_str().expect("path"),
        "--today",
        today,
        "--format",
        "json",
    ])
}

#[test]
fn human_output_reads_the_headline_and_charts_on_request() {
    let dir = library();
    let out = debrief(&["stats", dir.to_str().expect("path"), "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("3rd connection pool exhaustion in 6 months: INC-2024-1028, INC-2025-0110, INC-2025-0420"),
        "{text}"
    );
    assert!(
        text.contains("detect      impact start → detected     10      12m      40m  2m–45m"),
        "{text}"
    );
    assert!(!text.contains('█'), "no charts when not on a terminal");
    let charts = debrief(&[
        "stats",
        dir.to_str().expect("path"),
        "--today",
        TODAY,
        "--charts",
        "always",
    ]);
    let text = String::from_utf8_lossy(&charts.stdout);
    assert!(
        text.contains("  SEV-2     4  ████████████████████\n"),
        "{text}"
    );
    assert!(
        text.contains("  SEV-4     1  █████\n"),
        "a quarter of the longest: {text}"
    );
    // 36 months: one incident (▅ of the busiest month's two) in 2023-03,
    // two (█) in 2026-02.
    assert!(
        text.contains("  incidents    ▅▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▅▁▅▁▁▅▁▁▅▁▅▁▁▅▁▁▁▅█\n"),
        "a sparkline of months: {text}"
    );
}

#[test]
fn filters_select_documents() {
    let s = stats(&["--service", "orders-api"]);
    assert_eq!(s["documents"], 4, "three incidents and the near miss");
    let s = stats(&["--since", "2025-06-01", "--until", "2025-12-31"]);
    assert_eq!(
        strs(&s["kinds"][0]["ids"]),
        ["INC-2025-0612", "INC-2025-0905"],
        "by the incident's start day"
    );
    assert_eq!(
        strs(&s["kinds"][2]["ids"]),
        Vec::<String>::new(),
        "the project started in May"
    );
    let s = stats(&["--tag", "DEPLOY"]);
    assert_eq!(
        strs(&s["kinds"][0]["ids"]),
        ["INC-2025-0612", "INC-2026-0201"]
    );
}

#[test]
fn stats_csv_has_a_row_per_figure() {
    let dir = library();
    let out = debrief(&[
        "stats",
        dir.to_str().expect("path"),
        "--today",
        TODAY,
        "--format",
        "csv",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("section,label,count,value,ids"));
    assert!(text.contains("\ntime-to-detect,median,10,750,"), "{text}");
    assert!(
        text.contains("\nmtbf,orders-api,3,86.98,INC-2024-1028 INC-2025-0110 INC-2025-0420\n"),
        "{text}"
    );
    assert!(text.contains("\nrecurring-cause,connection pool exhaustion,3,174,INC-2024-1028 INC-2025-0110 INC-2025-0420\n"));
    assert!(text.contains("\nanniversary,2023-03-02,1,3,INC-2023-0302\n"));
}
