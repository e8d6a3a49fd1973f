//! `debrief new`: a new, empty postmortem.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, ValueEnum};

use super::EXIT_OK;
use crate::model::{Kind, Postmortem, RESPONSE_PHASES, ResponsePhase};
use crate::store;

/// Document kind on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A production incident.
    Incident,
    /// A project or engagement retrospective.
    Project,
    /// A near miss: no impact, same analysis as an incident.
    NearMiss,
}

impl From<KindArg> for Kind {
    fn from(kind: KindArg) -> Kind {
        match kind {
            KindArg::Incident => Kind::Incident,
            KindArg::Project => Kind::Project,
            KindArg::NearMiss => Kind::NearMiss,
        }
    }
}

/// `debrief new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Incident postmortem, near miss or project retrospective.
    #[arg(long, value_enum, default_value = "incident")]
    pub kind: KindArg,
    /// The title.
    #[arg(long)]
    pub title: Option<String>,
    /// Where to write it (must not exist).
    pub file: PathBuf,
}

/// `debrief new`: a new document with the standard sections laid out.
pub fn new(args: &NewArgs, out: &mut dyn Write) -> Result<u8> {
    let title = args.title.clone().unwrap_or_default();
    let mut doc = Postmortem::new(args.kind.into(), title);
    if doc.kind.is_event() {
        doc.response = RESPONSE_PHASES
            .iter()
            .map(|phase| ResponsePhase {
                phase: phase.to_string(),
                ..ResponsePhase::default()
            })
            .collect();
    }
    let _lock = store::for_writing(&args.file, "new").map_err(store::StoreError::from)?;
    store::create(&doc, &args.file)?;
    writeln!(out, "created {}", args.file.display())?;
    Ok(EXIT_OK)
}
