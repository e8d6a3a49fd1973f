//! Bringing existing postmortems in.

pub mod markdown;
