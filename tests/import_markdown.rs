//! Markdown import: round trips through the export, the seed guides'
//! example postmortems, and varied hand-written postmortems.

use std::fs;
use std::path::{Path, PathBuf};

use debrief::export::markdown;
use debrief::import::markdown::{ImportOptions, import};
use debrief::model::Postmortem;
use debrief::store;

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("assets/examples exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn read(md: &str) -> Postmortem {
    import(md, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import failed: {e}"))
        .0
}

#[test]
fn export_then_import_gives_back_every_bundled_example() {
    for path in examples() {
        let original = store::load(&path).expect("load").doc;
        let text = markdown(&original);
        let imported = read(&text);
        if imported != original {
            let a = store::to_toml(&original).expect("toml");
            let b = store::to_toml(&imported).expect("toml");
            let dir = std::env::temp_dir();
            fs::write(dir.join("rt-original.toml"), &a).expect("write");
            fs::write(dir.join("rt-imported.toml"), &b).expect("write");
            panic!(
                "{}: export → import differs (see {}/rt-*.toml)",
                path.display(),
                dir.display()
            );
        }
    }
}
