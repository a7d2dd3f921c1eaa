//! Loads every object file of the unmodified OMA registry (`shared/lwm2m-registry`, see its
//! `SOURCE.md`) and checks the counts against the files themselves.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lwm2m_ddf::{Problem, load_dir, parse_file, validate};
use lwm2m_types::{DataType, Version};

const REGISTRY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/lwm2m-registry");

fn object_files() -> Vec<PathBuf> {
    let root = Path::new(REGISTRY);
    let mut files = Vec::new();
    for dir in [root.to_path_buf(), root.join("version_history")] {
        for e in std::fs::read_dir(&dir).expect("registry checkout beside the repository") {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            let stem = name.strip_suffix(".xml").unwrap_or("");
            if !stem.is_empty()
                && stem
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'-' || b == b'_')
            {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

/// Counts `needle` in the raw text of a file (the oracle the parser is compared with).
fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

#[test]
fn every_object_file_parses_with_matching_counts() {
    let files = object_files();
    assert_eq!(files.len(), 751, "327 root files + 424 in version_history");
    let mut ids = BTreeSet::new();
    let mut versions: BTreeMap<u16, BTreeSet<Version>> = BTreeMap::new();
    let mut boms = 0;
    let mut items = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        boms += usize::from(text.starts_with('\u{feff}'));
        let models = parse_file(f).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(models.len(), 1, "{}", f.display());
        let m = &models[0];
        // Resource count = <Item ID= occurrences outside comments.
        let visible = strip_comments(&text);
        assert_eq!(
            m.resources.len(),
            count(&visible, "<Item ID="),
            "{}",
            f.display()
        );
        items += m.resources.len();
        assert!(
            visible.contains(&format!("<ObjectID>{}</ObjectID>", m.id)),
            "{}",
            f.display()
        );
        // The file name says the id, and in version_history the version.
        let stem = f.file_stem().unwrap().to_str().unwrap();
        let (id, ver) = stem.split_once('-').unwrap_or((stem, ""));
        assert_eq!(id.parse::<u16>().unwrap(), m.id, "{}", f.display());
        if !ver.is_empty() {
            assert_eq!(
                ver.replace('_', "."),
                m.version.to_string(),
                "{}",
                f.display()
            );
        }
        // URNs all match (spec digest: "all 751 object files match this pattern").
        let problems = validate(m);
        assert!(
            !problems
                .iter()
                .any(|p| matches!(p, Problem::UrnMismatch { .. })),
            "{}: {problems:?}",
            f.display()
        );
        ids.insert(m.id);
        versions.entry(m.id).or_default().insert(m.version);
    }
    assert_eq!(
        boms, 44,
        "46 registry files start with a BOM: 44 object files and the two XSDs"
    );
    assert_eq!(ids.len(), 327);
    assert_eq!(versions.values().filter(|v| v.len() > 1).count(), 88);
    assert_eq!(versions.values().map(BTreeSet::len).sum::<usize>(), 424);
    assert!(items > 7000, "{items}");
}

/// The one known exception to "executable exactly when untyped" in the root files.
#[test]
fn known_registry_problems_are_reported() {
    let m = &parse_file(Path::new(REGISTRY).join("10482.xml")).unwrap()[0];
    let r5 = m.resource(5).unwrap();
    assert_eq!((r5.data_type, r5.operations.read), (DataType::None, true));
    assert!(validate(m).contains(&Problem::ExecutableType {
        object: 10482,
        resource: 5,
        executable: false,
        data_type: DataType::None,
    }));
}

#[test]
fn load_dir_skips_non_object_files() {
    let models = load_dir(REGISTRY).unwrap();
    assert_eq!(models.len(), 751);
}

#[test]
fn device_facts() {
    let m = &parse_file(Path::new(REGISTRY).join("3.xml")).unwrap()[0];
    assert_eq!(
        (m.id, &*m.name, m.version, m.lwm2m_version),
        (3, "Device", Version::V1_2, Version::V1_1)
    );
    assert_eq!(m.urn, "urn:oma:lwm2m:oma:3:1.2");
    let reboot = m.resource(4).unwrap();
    assert_eq!(
        (reboot.data_type, reboot.operations.execute),
        (DataType::None, true)
    );
    let battery = m.resource(9).unwrap();
    assert_eq!(
        battery.range,
        Some(lwm2m_types::Range::Unsigned { min: 0, max: 100 })
    );
    assert_eq!(battery.units, "/100");
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}
