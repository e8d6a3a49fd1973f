//! Exports: the document rendered for readers outside debrief.
//!
//! One document, three audiences ([`Audience`]) and three formats
//! ([`Format`]): `markdown.rs` is the full internal document, `customer.rs`
//! and `exec.rs` build the customer summary and the one-page executive
//! brief from the same [`builder`], `privacy.rs` refuses a customer export
//! that would show a person, a private term or a private item (and
//! `wording.rs` gives advice on its blameful phrasing and jargon), `html.rs`
//! turns any of the Markdown into one standalone page and `json.rs` writes
//! the document with its derived values.

mod builder;
mod customer;
pub mod escape;
mod exec;
mod fences;
mod html;
mod json;
mod markdown;
mod meeting;
mod privacy;
mod snippet;
mod wording;

pub use customer::{customer, customer_wording};
pub use exec::exec;
pub use html::{html, html_page};
pub use json::{JSON_FORMAT, json};
pub use markdown::{MAX_WHY_NESTING, ROOT_MARK, SETTINGS_MARKER, UNDER, UNMAPPED_MARKER, markdown};
pub use privacy::{Leak, LeakKind, Privacy, internal_hosts};
pub use snippet::{leak_report, preview, section, summary};
pub use wording::Wording;

use crate::lint::LintConfig;
use crate::model::Postmortem;

/// Who reads the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// Engineering: the whole document (the default).
    #[default]
    Internal,
    /// Customers: a plain-language summary, the impact, the key moments and
    /// the actions marked public; no names, private terms or private items.
    Customer,
    /// Leadership: one printed page of figures, causes and top actions.
    Exec,
}

impl Audience {
    /// Every audience, in the order the editor's Preview cycles through them.
    pub const ALL: [Audience; 3] = [Audience::Internal, Audience::Customer, Audience::Exec];

    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Internal => "internal",
            Audience::Customer => "customer",
            Audience::Exec => "exec",
        }
    }

    /// The audience a name stands for.
    pub fn parse(text: &str) -> Option<Audience> {
        Audience::ALL
            .into_iter()
            .find(|a| a.as_str() == text.trim())
    }

    /// The next audience, wrapping around.
    pub fn cycle(self) -> Audience {
        let at = Audience::ALL.iter().position(|a| *a == self).unwrap_or(0);
        Audience::ALL[(at + 1) % Audience::ALL.len()]
    }
}

/// What the export is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    #[default]
    Markdown,
    /// One standalone HTML page.
    Html,
    /// JSON for other tools (see `docs/schema/postmortem.schema.json`).
    Json,
}

impl Format {
    /// The name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// The format a file name's extension stands for: `None` for a name
    /// without one, `Some(Err(ext))` for one debrief cannot write.
    pub fn from_extension(path: &std::path::Path) -> Option<Result<Format, String>> {
        let ext = path.extension()?.to_string_lossy().to_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            _ => Err(ext),
        })
    }
}

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The customer export would show what must stay internal.
    #[error("the customer export would show {} private term(s)", .0.len())]
    Leaks(Vec<Leak>),
    /// A combination the export does not write.
    #[error("{0}")]
    Unsupported(String),
}

/// Renders `doc` for `audience` in `format`. `privacy` applies to the
/// customer audience; `lint` (the team's roster and allow list) to the
/// findings of the JSON export.
pub fn render(
    doc: &Postmortem,
    audience: Audience,
    format: Format,
    privacy: &Privacy,
    lint: &LintConfig,
) -> Result<String, ExportError> {
    let text = match (audience, format) {
        (Audience::Internal, Format::Json) => return Ok(json(doc, lint)),
        (_, Format::Json) => {
            return Err(ExportError::Unsupported(format!(
                "JSON is the whole document for other tools: use --audience internal \
                 (the {} export is written as md or html)",
                audience.as_str()
            )));
        }
        (Audience::Internal, _) => markdown(doc),
        (Audience::Customer, _) => customer(doc, privacy).map_err(ExportError::Leaks)?,
        (Audience::Exec, _) => exec(doc),
    };
    Ok(match format {
        Format::Html => html(doc, audience, &text),
        _ => text,
    })
}
