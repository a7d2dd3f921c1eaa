//! The committed `registry/` must equal a fresh import of the unmodified OMA registry in
//! `shared/lwm2m-registry` (so it cannot drift). On failure, regenerate with
//! `cargo run -p lwm2m-ddf --example import -- ../shared/lwm2m-registry lwm2m-objects/registry`.

use std::collections::BTreeMap;

const REGISTRY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/lwm2m-registry");
const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/registry");

#[test]
fn committed_registry_matches_a_fresh_import() {
    let fresh = lwm2m_ddf::import_facts(REGISTRY).expect("import the shared registry");
    let mut committed = BTreeMap::new();
    for e in std::fs::read_dir(COMMITTED).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_owned();
        committed.insert(name, std::fs::read_to_string(&p).unwrap());
    }
    let fresh_names: Vec<_> = fresh.keys().collect();
    let committed_names: Vec<_> = committed.keys().collect();
    assert_eq!(
        committed_names, fresh_names,
        "file sets differ: rerun the import example"
    );
    for (name, xml) in &fresh {
        assert!(
            committed[name] == *xml,
            "{name} differs from a fresh import: rerun the import example"
        );
    }
    assert_eq!(fresh.len(), 424, "one file per object id and version");
}

/// The bundled facts carry no description, and every file reads back.
#[test]
fn committed_files_are_facts_only() {
    let models = lwm2m_ddf::load_dir(COMMITTED).unwrap();
    assert_eq!(models.len(), 424);
    for m in &models {
        assert!(m.description.is_empty(), "/{}", m.id);
        assert!(
            m.resources.iter().all(|r| r.description.is_empty()),
            "/{}",
            m.id
        );
    }
}
