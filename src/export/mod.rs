//! Markdown export.
