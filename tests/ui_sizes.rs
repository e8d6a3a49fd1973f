//! Every pane, the help page, the prose editor on a long why and an error
//! in a field at 80×24, 100×30, 120×32 and 160×48 (snapshots, each read),
//! and the checks that nothing a user needs is cut: the footer always
//! offers `?`, the editor's keys and errors show whole.

mod common;

use common::{app, press, screen};

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 32), (160, 48)];

/// The footer (last row) offers help, and no row of it ends cut.
fn footer_is_whole(s: &str) {
    let footer = s.lines().last().expect("footer");
    assert!(footer.contains("? help"), "footer: {footer}\n{s}");
    assert!(!footer.trim_end().ends_with('…'), "footer cut: {footer}");
}

#[test]
fn every_pane_at_four_sizes() {
    for (w, h) in SIZES {
        for (key, view) in [
            ("1", "timeline"),
            ("2", "whys"),
            ("3", "factors"),
            ("4", "actions"),
            ("5", "overview"),
            ("6", "review"),
            ("7", "preview"),
        ] {
            let mut app = app("checkout-cache-stampede.toml", w, h);
            press(&mut app, key);
            let s = screen(&app);
            footer_is_whole(&s);
            // The header keeps the start of the title and the counts.
            let header = s.lines().next().expect("header");
            assert!(header.contains("Checkout outage"), "{header}");
            if (w, h) == (100, 30) || (w, h) == (120, 32) {
                insta::assert_snapshot!(format!("sizes_{view}_{w}x{h}"), s);
            }
        }
    }
}

#[test]
fn help_at_four_sizes() {
    for (w, h) in SIZES {
        let mut app = app("checkout-cache-stampede.toml", w, h);
        press(&mut app, "?");
        let s = screen(&app);
        assert!(s.contains("Keys: Timeline (esc closes)"), "{s}");
        insta::assert_snapshot!(format!("sizes_help_{w}x{h}"), s);
    }
}

#[test]
fn prose_editor_on_a_long_why_at_four_sizes() {
    for (w, h) in SIZES {
        let mut app = app("checkout-cache-stampede.toml", w, h);
        press(&mut app, "2jje");
        let why = app.selected_why().expect("why");
        let text = app.doc.whys.nodes[why].text.clone();
        let s = screen(&app);
        // The whole why shows, wrapped: its first and last words.
        let first = text.split(' ').take(4).collect::<Vec<_>>().join(" ");
        let last = text.split(' ').next_back().expect("word");
        assert!(s.contains(&first) && s.contains(last), "{s}");
        assert!(s.contains("enter done"), "the keys show whole\n{s}");
        insta::assert_snapshot!(format!("sizes_prose_editor_{w}x{h}"), s);
    }
}

#[test]
fn an_error_in_a_field_at_four_sizes() {
    for (w, h) in SIZES {
        let mut app = app("checkout-cache-stampede.toml", w, h);
        press(&mut app, "e<tab><c-u>half past nine<enter>");
        let error = app
            .editor
            .as_ref()
            .and_then(|e| e.error.clone())
            .expect("error shown");
        let s = screen(&app);
        // Every word of the error is on screen (it wraps, never cut).
        for word in error.split_whitespace() {
            assert!(s.contains(word), "{word} of `{error}` missing\n{s}");
        }
        insta::assert_snapshot!(format!("sizes_field_error_{w}x{h}"), s);
    }
}
