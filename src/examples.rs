//! The bundled example postmortems, embedded in the binary so that
//! `debrief` alone works anywhere. The embedded text is never written back.

use std::path::Path;

use crate::model::Postmortem;
use crate::store::{self, StoreError};

/// A bundled example.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// File name under `assets/examples/`.
    pub name: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

impl Example {
    /// Parses the example.
    pub fn load(&self) -> Result<Postmortem, StoreError> {
        store::parse(self.text, &Path::new("assets/examples").join(self.name))
    }
}

/// Every bundled example; the first is the embedded default.
pub const EXAMPLES: [Example; 3] = [
    Example {
        name: "checkout-cache-stampede.toml",
        text: include_str!("../assets/examples/checkout-cache-stampede.toml"),
    },
    Example {
        name: "db-connection-pool.toml",
        text: include_str!("../assets/examples/db-connection-pool.toml"),
    },
    Example {
        name: "project-platform-migration.toml",
        text: include_str!("../assets/examples/project-platform-migration.toml"),
    },
];

/// The example `debrief` opens when run without arguments.
pub const DEFAULT: Example = EXAMPLES[0];
