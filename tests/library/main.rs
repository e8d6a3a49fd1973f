//! `debrief stats` and `debrief actions` over the fixture library
//! (`tests/fixtures/library/`, 13 postmortems: 10 incidents, 2 near misses,
//! 1 project, 2023–2026). Every expected figure below was computed by hand
//! from the files, with `--today 2026-03-01`; the comments say how. One test
//! binary: the tests by command in the modules below, their helpers here.

#[path = "../common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const TODAY: &str = "2026-03-01";

fn library() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library")
}

fn debrief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_debrief"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run debrief")
}

fn run_json(args: &[&str]) -> Value {
    let out = debrief(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn stats(extra: &[&str]) -> Value {
    let dir = library();
    let mut args = vec![
        "stats",
        dir.to_str().expect("path"),
        "--today",
        TODAY,
        "--format",
        "json",
    ];
    args.extend(extra);
    run_json(&args)
}

/// `[{label, count, ids}]` as `(label, count)` pairs.
fn counts(v: &Value) -> Vec<(String, u64)> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|b| {
            (
                b["label"].as_str().expect("label").to_string(),
                b["count"].as_u64().expect("count"),
            )
        })
        .collect()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(l, c)| (l.to_string(), *c)).collect()
}

mod actions;
mod stats;
mod unreadable;
