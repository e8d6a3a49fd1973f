//! Import throughput on a generated plain log.
//!
//! The log is `DEBRIEF_BENCH_LOG_MB` megabytes (default 64, so `cargo bench`
//! stays short on a small machine); `DEBRIEF_BENCH_LOG_MB=1024` is the 1 GB
//! case of issue 5. Criterion reports the throughput in MiB/s. Every line is
//! parsed, hashed and offered; memory stays bounded because at most
//! `MAX_CANDIDATES` events are kept per file.

use std::fs::File;
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use debrief::import::timeline::{Context, NoProgress, Options, SourceKind, parse_evidence};

/// Writes about `megabytes` MB of mixed log lines: ISO with offsets,
/// journal-style host/program prefixes, and an unparseable line now and then.
fn generate(path: &Path, megabytes: u64) -> u64 {
    let target = megabytes * 1024 * 1024;
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path).expect("create log"));
    let mut written = 0u64;
    let mut n = 0u64;
    while written < target {
        let seconds = n / 20;
        let line = match n % 50 {
            0 => format!("    at handler (server.js:{})\n", n % 997),
            7 => format!("garbage line without a time {n}\n"),
            k if k % 3 == 0 => format!(
                "2025-02-09T{:02}:{:02}:{:02}.{:03}Z web{} api[{}]: request {} failed: upstream timed out after 30000ms\n",
                (seconds / 3600) % 24,
                (seconds / 60) % 60,
                seconds % 60,
                n % 1000,
                n % 8,
                1000 + n % 50,
                n
            ),
            _ => format!(
                "2025-02-09T{:02}:{:02}:{:02}+01:00 INFO checkout: order {} processed in {} ms\n",
                (seconds / 3600) % 24,
                (seconds / 60) % 60,
                seconds % 60,
                n,
                n % 250
            ),
        };
        out.write_all(line.as_bytes()).expect("write log");
        written += line.len() as u64;
        n += 1;
    }
    out.flush().expect("flush log");
    written
}

fn import(c: &mut Criterion) {
    let megabytes: u64 = std::env::var("DEBRIEF_BENCH_LOG_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("generated.log");
    let bytes = generate(&path, megabytes);
    let options = Options {
        from: Some(SourceKind::Log),
        ..Options::default()
    };
    let context = Context::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function(format!("plain_log_{megabytes}MB"), |b| {
        b.iter(|| {
            let parsed =
                parse_evidence(&path, &options, &context, &NoProgress).expect("import log");
            black_box(parsed.candidates.len() + parsed.over_limit)
        })
    });
    group.bench_function(format!("plain_log_{megabytes}MB_grep"), |b| {
        let grep = Options {
            grep: Some(regex::Regex::new("timed out").expect("regex")),
            since: chrono::DateTime::parse_from_rfc3339("2025-02-09T01:00:00Z").ok(),
            ..options.clone()
        };
        b.iter(|| {
            let parsed = parse_evidence(&path, &grep, &context, &NoProgress).expect("import log");
            black_box(parsed.candidates.len() + parsed.over_limit)
        })
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
