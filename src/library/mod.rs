//! A folder of postmortems read as one library: what only a collection can
//! tell — durations as distributions, MTBF, timeliness, completeness,
//! action items across documents, recurring patterns, and the tracker
//! outbox that sends actions to GitHub, Jira or Linear and links the
//! tickets back into the files.
//!
//! Every figure is computed from the files on each run (they are read in
//! parallel): nothing is cached, so nothing can go stale. A file that cannot
//! be read is reported with its position and left out; the others still
//! count. Like the rest of the library this prints nothing and knows no
//! command line: `commands::stats` and `commands::actions` are its edge, and
//! the editor's library view calls [`scan`], [`rows`] and [`related`].

mod actions;
mod chart;
mod dist;
mod filter;
mod link;
mod outbox;
mod patterns;
mod render;
mod render_actions;
mod row;
mod scan;
mod stats;
mod text;

pub use actions::{
    ActionQuery, ActionRow, Addressed, CheckFinding, CheckReason, StatusFilter, actions, check,
};
pub use chart::{bar, sparkline};
pub use dist::{Bucket, Distribution, HistogramBin, Sample, duration_text};
pub use filter::{Filter, doc_date};
pub use link::{LinkChange, LinkError, LinkOutcome, LinkRow, apply_links, parse_links, plan_links};
pub use outbox::{
    OutboxOptions, github_script, jira_csv, linear_csv, neutralize, outbox, sh_quote,
};
pub use patterns::{ActionPattern, Anniversary, CausePattern, Patterns, patterns};
pub use render::{stats_csv, stats_human};
pub use render_actions::{actions_csv, actions_human};
pub use row::{Row, rows};
pub use scan::{Entry, Library, LibraryError, Skipped, scan};
pub use stats::{Actions, Stats, StatsOptions, Timeliness, stats};
pub use text::{Related, SimilarityIndex, related};
