//! Replays the `ddf_parse` fuzz corpus (`fuzz/corpus/ddf_parse`) through the fuzz body
//! (`fuzz/src/ddf.rs`), so this crate checks it even when the benches crate does not build.

#[allow(unreachable_pub)]
#[path = "../../fuzz/src/ddf.rs"]
mod body;

#[test]
fn ddf_parse_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/corpus/ddf_parse");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10);
    let mut parsed = 0;
    for f in &files {
        let data = std::fs::read(f).unwrap();
        body::parse(&data);
        parsed += usize::from(lwm2m_ddf::parse_bytes(&data).is_ok());
    }
    // The corpus holds valid documents as well as hostile ones.
    assert!(
        parsed >= 10 && parsed < files.len(),
        "{parsed} of {}",
        files.len()
    );
}

/// Every registry object file also round-trips through the body.
#[test]
fn registry_files_round_trip() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/lwm2m-registry/version_history"
    );
    for e in std::fs::read_dir(dir).unwrap() {
        body::parse(&std::fs::read(e.unwrap().path()).unwrap());
    }
}
