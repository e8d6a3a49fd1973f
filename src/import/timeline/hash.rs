//! The short, stable hash that makes re-import idempotent.
//!
//! FNV-1a (64-bit) is written out here rather than taken from `std`, whose
//! hasher may change between Rust releases: hashes are stored in documents
//! and must stay the same forever.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// 12 hex digits of FNV-1a over `kind`, a NUL, and `identity`.
pub fn short_hash(kind: &str, identity: &str) -> String {
    let mut hash = OFFSET;
    for byte in kind.bytes().chain([0]).chain(identity.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{:012x}", hash >> 16)
}

/// The hash of the `occurrence`th repetition (1, 2, …) of an identical
/// line within one source, derived from the line's plain hash `base`.
pub fn occurrence_hash(base: &str, occurrence: u32) -> String {
    short_hash("occurrence", &format!("{base}#{occurrence}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_depends_on_kind_and_content() {
        let a = short_hash("log", "2026-02-05T14:02:00Z error");
        assert_eq!(a.len(), 12);
        assert_eq!(a, short_hash("log", "2026-02-05T14:02:00Z error"));
        assert_ne!(a, short_hash("csv", "2026-02-05T14:02:00Z error"));
        assert_ne!(a, short_hash("log", "2026-02-05T14:02:01Z error"));
        // Pinned: a change here would make every stored hash stale.
        assert_eq!(
            short_hash("", ""),
            format!("{:012x}", 0xaf63_bd4c_8601_b7dfu64 >> 16)
        );
        let second = occurrence_hash(&a, 1);
        assert_eq!(second, occurrence_hash(&a, 1));
        assert_ne!(second, a);
        assert_ne!(second, occurrence_hash(&a, 2));
    }
}
