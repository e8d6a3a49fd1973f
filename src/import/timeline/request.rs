//! An import as it is asked for, in text (the command line's `debrief
//! import` options, or the editor's `:import`): turned into [`Options`]
//! against a document's [`Context`], with a clear error for each option.

use std::path::PathBuf;

use regex::Regex;
use thiserror::Error;

use super::clock::{self, Resolver};
use super::{ColumnMap, Context, ImportError, Options, Roles, SourceChoice, Threshold};
use crate::model::{DisplayZone, Timestamp};

/// The options of an import as given (times and zone still text).
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Source format, or auto.
    pub from: SourceChoice,
    /// Keep events at or after this time.
    pub since: Option<String>,
    /// Keep events at or before this time.
    pub until: Option<String>,
    /// Zone of zone-less times.
    pub tz: Option<String>,
    /// Keep only lines matching this regular expression.
    pub grep: Option<String>,
    /// The incident date for Markdown times without one (`--date`).
    pub date: Option<chrono::NaiveDate>,
    /// Table columns.
    pub columns: Option<ColumnMap>,
    /// Prometheus threshold.
    pub threshold: Option<Threshold>,
    /// A roles file.
    pub roles: Option<PathBuf>,
}

/// An option of a [`Request`] that cannot be used.
#[derive(Debug, Error)]
pub enum RequestError {
    /// `--tz` is not a zone.
    #[error("--tz: {0}")]
    Zone(String),
    /// `--grep` is not a regular expression.
    #[error("--grep is not a valid regular expression: {0}")]
    Grep(String),
    /// `--since` / `--until` is not a time, or cannot be placed.
    #[error("{0}")]
    Time(String),
    /// The roles file cannot be read.
    #[error("{0}")]
    Roles(ImportError),
}

impl Request {
    /// The [`Options`] this request asks for, for a document whose
    /// context is `context` (a bare `--since 14:00` takes its date).
    pub fn options(&self, context: &Context) -> Result<Options, RequestError> {
        let tz = self
            .tz
            .as_deref()
            .map(DisplayZone::parse)
            .transpose()
            .map_err(RequestError::Zone)?;
        let grep = self
            .grep
            .as_deref()
            .map(Regex::new)
            .transpose()
            .map_err(|e| RequestError::Grep(e.to_string()))?;
        let roles = match &self.roles {
            Some(path) => Roles::load(path).map_err(RequestError::Roles)?,
            None => Roles::default(),
        };
        let reference = context
            .started
            .map(|s| tz.unwrap_or_default().local(&s).date());
        let time = |flag: &str, text: &Option<String>| -> Result<Option<Timestamp>, RequestError> {
            let Some(text) = text else { return Ok(None) };
            let Some(stamp) = clock::whole(text) else {
                return Err(RequestError::Time(format!(
                    "{flag} `{text}`: expected a time like 2026-02-05T14:00:00Z, 2026-02-05 14:00 (with --tz) or 14:00"
                )));
            };
            Resolver::new(tz, reference)
                .resolve(stamp)
                .map(Some)
                .map_err(|why| {
                    RequestError::Time(match why {
                        clock::Unresolved::NeedsZone => format!(
                            "{flag} `{text}` has no time zone: add one (2026-02-05T14:00:00Z) or pass --tz ZONE"
                        ),
                        clock::Unresolved::NeedsDate => format!(
                            "{flag} `{text}` has no date and the document has no start time: write the full date"
                        ),
                        clock::Unresolved::Nonexistent => {
                            format!("{flag} `{text}` does not exist in that zone (DST change)")
                        }
                    })
                })
        };
        Ok(Options {
            from: self.from.0,
            since: time("--since", &self.since)?,
            until: time("--until", &self.until)?,
            tz,
            grep,
            date: self.date,
            columns: self.columns.clone().unwrap_or_default(),
            threshold: self.threshold,
            roles,
        })
    }
}
