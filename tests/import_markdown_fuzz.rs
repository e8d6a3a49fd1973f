//! The Markdown importer never panics, whatever it is given.

use debrief::export::markdown;
use debrief::import::markdown::{ImportOptions, import};
use proptest::prelude::*;

/// Fragments real postmortems are made of, so random documents reach deep
/// into the section readers rather than stopping at plain text.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# Postmortem: ".to_string()),
        Just("\n## Timeline\n".to_string()),
        Just("\n## Action Items\n".to_string()),
        Just("\n## 5 Whys\n".to_string()),
        Just("\n## Contributing Factors\n### Process factors\n".to_string()),
        Just("\n## Appendix\n### Notes\n".to_string()),
        Just("\n<!-- debrief:unmapped -->\n".to_string()),
        Just("\n<!-- debrief-settings\nallow = [\"x\"]\n-->\n".to_string()),
        Just("\n---\ntitle: x\ndate: 2026-02-05\n---\n".to_string()),
        Just("\n| Time | Event |\n|---|---|\n| 14:02 | x |\n".to_string()),
        Just("\n- **14:02** alert\n  - nested\n".to_string()),
        Just("\n- [ ] task @owner 2026-02-10\n".to_string()),
        Just("\n1. **Why?** → because\n".to_string()),
        Just("**Date:** 2026-02-05 | **Duration:** 1h (23:30 – 00:30 UTC)\n".to_string()),
        Just("\r\n".to_string()),
        "[^\\x00]{0,40}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let _ = import(&text, &ImportOptions::default());
    }

    #[test]
    fn postmortem_shaped_noise_never_panics_and_exports(parts in prop::collection::vec(fragment(), 0..24)) {
        let text = parts.concat();
        if let Ok((doc, report)) = import(&text, &ImportOptions::default()) {
            let _ = report.to_string();
            let again = markdown(&doc);
            let _ = import(&again, &ImportOptions::default());
        }
    }
}
