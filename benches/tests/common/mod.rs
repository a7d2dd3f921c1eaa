//! Replays a committed fuzz corpus through a fuzz body on stable Rust.

use std::path::PathBuf;

/// The corpus folder of a fuzz target.
pub(crate) fn corpus_dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target)
}

/// Runs `body` over every file of `fuzz/corpus/<target>`; returns how many inputs ran.
/// Fails if the corpus is missing or empty, so a deleted corpus cannot pass silently.
pub(crate) fn replay(target: &str, body: fn(&[u8])) -> usize {
    let dir = corpus_dir(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus {}: {e}", dir.display()))
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus {} is empty", dir.display());
    for f in &files {
        let data = std::fs::read(f).expect("corpus file");
        let name = f.display().to_string();
        let r = std::panic::catch_unwind(|| body(&data));
        assert!(r.is_ok(), "fuzz body panicked on {name}");
    }
    files.len()
}
