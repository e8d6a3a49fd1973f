//! Where the bindings are shown: the help popup lists the focused pane's
//! keys from the keymap, and `docs/keys.md` is generated from it
//! (`DEBRIEF_UPDATE_DOCS=1 cargo test --test keys docs_keys` rewrites it).

use crate::common::{default_app, press, screen};

#[test]
fn help_lists_the_focused_panes_bindings_from_the_keymap() {
    let mut app = default_app();
    press(&mut app, "2?");
    let s = screen(&app);
    assert!(s.contains("Keys: 5 Whys"), "{s}");
    assert!(s.contains("add child cause"), "{s}");
    assert!(s.contains("toggle root cause"), "{s}");
    press(&mut app, "<esc>");
    assert!(app.popup.is_none());
}

#[test]
fn docs_keys_md_lists_every_binding_of_the_keymap() {
    let expected = debrief::tui::docs::keys_markdown(&debrief::tui::keymap::Keymap::defaults());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/keys.md");
    if std::env::var_os("DEBRIEF_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/keys.md");
    }
    let actual = std::fs::read_to_string(&path).expect("docs/keys.md exists");
    assert_eq!(
        actual, expected,
        "docs/keys.md is stale: rerun with DEBRIEF_UPDATE_DOCS=1"
    );
    for key in ["`g d`", "`ctrl-s`", "`A`", "`>`", "`m`", "`L`"] {
        assert!(actual.contains(key), "{key} documented");
    }
}
