//! `debrief actions`: the list by due date and the P0/P1 check.

use super::*;

fn actions_json(extra: &[&str]) -> Vec<Value> {
    let dir = library();
    let mut args = vec![
        "actions",
        dir.to_str().expect("path"),
        "--today",
        TODAY,
        "--format",
        "json",
    ];
    args.extend(extra);
    run_json(&args).as_array().expect("rows").clone()
}

fn keys(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["key"].as_str().expect("key").to_string())
        .collect()
}

#[test]
fn actions_sorted_by_due_with_their_postmortem() {
    let all = actions_json(&[]);
    assert_eq!(all.len(), 17);
    let first = &all[0];
    assert_eq!(
        first["key"], "INC-2023-0302#A1",
        "due 2023-04-01, the earliest"
    );
    assert_eq!(
        first["doc_title"],
        "Login failures after a DNS record was deleted"
    );
    assert_eq!(first["addresses"][0]["id"], "F1");
    assert_eq!(
        first["addresses"][0]["text"],
        "Cleanup scripts run without review."
    );
    let last = keys(&all[15..]);
    assert_eq!(
        last,
        ["INC-2025-0612#A2", "INC-2026-0110#A2"],
        "undated last"
    );

    let overdue = actions_json(&["--overdue"]);
    assert_eq!(
        keys(&overdue),
        [
            "INC-2025-0110#A1",
            "INC-2025-0612#A1",
            "INC-2025-0420#A2",
            "NM-2025-1120#A1",
            "PRJ-2025-01#A2"
        ],
        "by due date: 2025-02-01, 2025-07-01, 2026-01-15, 2026-02-15, 2026-02-20"
    );
    assert!(overdue.iter().all(|r| r["overdue"] == true));
    assert_eq!(
        keys(&actions_json(&["--owner", "sam"])),
        ["INC-2025-0420#A2", "NM-2025-1002#A1"]
    );
    assert_eq!(
        keys(&actions_json(&["--status", "in-progress"])),
        ["INC-2025-0420#A1"]
    );
    assert_eq!(actions_json(&["--status", "pending"]).len(), 9);
    assert_eq!(
        keys(&actions_json(&["--overdue", "--service", "search"])),
        ["NM-2025-1120#A1"]
    );
}

#[test]
fn check_fails_on_overdue_or_unowned_p0_p1() {
    let dir = library();
    let out = debrief(&[
        "actions",
        dir.to_str().expect("path"),
        "--today",
        TODAY,
        "--check",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(text.contains("inc-2025-0110-pool.toml:"), "{text}");
    assert!(text.contains(
        "P1 action INC-2025-0110#A1 is overdue: due 2025-02-01 (393 days ago), still open"
    ));
    assert!(text.contains("P0 action INC-2025-0612#A1 has no owner"));
    let gh = debrief(&[
        "actions",
        dir.to_str().expect("path"),
        "--today",
        TODAY,
        "--check",
        "--format",
        "github",
    ]);
    assert_eq!(gh.status.code(), Some(1));
    let annotations = String::from_utf8_lossy(&gh.stdout);
    let first = annotations.lines().next().expect("annotation");
    assert!(first.starts_with("::error file="), "{first}");
    // The P1 overdue action of INC-2025-0110: its `due` line in the file.
    let line = annotations
        .lines()
        .find(|l| l.contains("INC-2025-0110#A1"))
        .expect("annotation of A1");
    let source = std::fs::read_to_string(dir.join("2025/inc-2025-0110-pool.toml")).expect("read");
    let due_line = source
        .lines()
        .position(|l| l == "due = 2025-02-01")
        .expect("due line")
        + 1;
    assert!(
        line.contains(&format!(",line={due_line},col=7,")),
        "at the date: {line}"
    );

    // Before anything is due, with every P0/P1 owned, the check passes.
    let early = debrief(&[
        "actions",
        dir.to_str().expect("path"),
        "--today",
        "2023-03-10",
        "--check",
        "--until",
        "2023-12-31",
    ]);
    assert_eq!(
        early.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&early.stdout)
    );
}
