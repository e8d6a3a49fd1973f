//! Rule ids as constants: the engine and its callers name rules through
//! these, so a misspelt id does not compile. Each id is in the catalogue
//! (`assets/lint/rules.toml`); a test checks both directions.

/// `blame/named-individual`.
pub const NAMED_INDIVIDUAL: &str = "blame/named-individual";
/// `blame/human-error`.
pub const HUMAN_ERROR: &str = "blame/human-error";
/// `blame/counterfactual`.
pub const COUNTERFACTUAL: &str = "blame/counterfactual";
/// `blame/hindsight`.
pub const HINDSIGHT: &str = "blame/hindsight";
/// `blame/blame-verb`.
pub const BLAME_VERB: &str = "blame/blame-verb";
/// `blame/judgment`.
pub const JUDGMENT: &str = "blame/judgment";
