//! Timeline import through the library API: every source's fixture with
//! asserted counts, UTC times and marks; merge idempotency; sniffing. One
//! test binary; the tests are grouped by source in the modules below, the
//! helpers they share are here.

use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use debrief::import::timeline::{
    Candidate, ColumnMap, Context, ImportError, NoProgress, Options, Parsed, Roles, SourceKind,
    Threshold, merge, parse_evidence,
};
use debrief::model::{DisplayZone, Event, Kind, Mark, Postmortem, Timestamp};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn ts(text: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(text).expect("timestamp")
}

fn started(text: &str) -> Context {
    Context {
        started: Some(ts(text)),
    }
}

fn options(from: SourceKind) -> Options {
    Options {
        from: Some(from),
        ..Options::default()
    }
}

fn with_tz(from: SourceKind, zone: &str) -> Options {
    Options {
        tz: Some(DisplayZone::parse(zone).expect("zone")),
        ..options(from)
    }
}

fn roles() -> Roles {
    Roles::load(&fixture("roles.toml")).expect("roles")
}

fn parse(name: &str, options: &Options, context: &Context) -> Parsed {
    parse_evidence(&fixture(name), options, context, &NoProgress)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn utc(at: &Timestamp) -> String {
    at.with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// (UTC time, text) of each candidate, in the order read.
fn times_and_texts(parsed: &Parsed) -> Vec<(String, String)> {
    parsed
        .candidates
        .iter()
        .map(|c| (utc(&c.at), c.text.clone()))
        .collect()
}

fn marks(parsed: &Parsed) -> Vec<Vec<Mark>> {
    parsed.candidates.iter().map(|c| c.marks.clone()).collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn doc() -> Postmortem {
    Postmortem::new(Kind::Incident, "API outage")
}

fn no_names(candidates: &[Candidate]) -> bool {
    candidates.iter().all(|c| {
        let all = format!("{} {} {} {}", c.text, c.actor, c.source, c.provenance.raw);
        !all.contains("Alice") && !all.contains("Bob") && !all.contains("alice")
    })
}

mod edge_cases;
mod git;
mod json;
mod logs;
mod merging;
mod tables;
