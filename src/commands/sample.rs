//! `debrief sample`: a large, valid, reproducible postmortem for trying
//! debrief at scale and for the benchmarks.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::EXIT_OK;
use crate::sample::{SampleSpec, generate};
use crate::store;

/// `debrief sample`.
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Timeline events.
    #[arg(long, default_value_t = 10_000)]
    pub events: usize,
    /// 5 Whys nodes (default: one per 20 events, 5 to 2,000).
    #[arg(long)]
    pub whys: Option<usize>,
    /// Contributing factors (default: one per 40 events, 4 to 5,000).
    #[arg(long)]
    pub factors: Option<usize>,
    /// Action items (default: one per 40 events, 4 to 5,000).
    #[arg(long)]
    pub actions: Option<usize>,
    /// The seed: the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write it (must not exist).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Writes the sample and says what it holds.
pub fn sample(args: &SampleArgs, out: &mut dyn Write) -> Result<u8> {
    let defaults = SampleSpec::with_events(args.events);
    let spec = SampleSpec {
        events: args.events,
        whys: args.whys.unwrap_or(defaults.whys),
        factors: args.factors.unwrap_or(defaults.factors),
        actions: args.actions.unwrap_or(defaults.actions),
        seed: args.seed,
    };
    let doc = generate(&spec);
    let _lock = store::for_writing(&args.output, "sample").map_err(store::StoreError::from)?;
    store::create(&doc, &args.output)?;
    writeln!(
        out,
        "wrote {}: {} events, {} whys, {} factors, {} actions (seed {})",
        args.output.display(),
        spec.events,
        spec.whys,
        spec.factors,
        spec.actions,
        spec.seed
    )?;
    Ok(EXIT_OK)
}
