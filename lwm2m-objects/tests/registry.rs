//! The compiled registry against the unmodified OMA registry files (the oracle).

use std::collections::BTreeSet;

use lwm2m_objects::{MODELS, Registry};
use lwm2m_types::{DataType, ModelProvider, Operations, Range, Version};

const REGISTRY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/lwm2m-registry");

#[test]
fn counts() {
    assert_eq!(Registry.len(), 424);
    assert_eq!(Registry.latest().count(), 327);
    let multi = Registry
        .latest()
        .filter(|m| Registry.versions(m.id).count() > 1)
        .count();
    assert_eq!(multi, 88);
    let versions: Vec<Version> = Registry.versions(3).map(|m| m.version).collect();
    assert_eq!(versions, [Version::V1_0, Version::V1_1, Version::V1_2]);
    assert!(
        MODELS
            .windows(2)
            .all(|w| (w[0].id, w[0].version) < (w[1].id, w[1].version))
    );
}

/// Every compiled model equals the model parsed from the original file, descriptions aside.
#[test]
fn every_model_equals_the_original_file() {
    let originals = lwm2m_ddf::load_dir(REGISTRY).unwrap();
    let mut seen = BTreeSet::new();
    for mut o in originals {
        o.description = "".into();
        for r in o.resources.to_mut() {
            r.description = "".into();
        }
        let mut compiled = Registry
            .get_version(o.id, o.version)
            .unwrap_or_else(|| panic!("/{} {}", o.id, o.version))
            .clone();
        // (With LWM2M_REGISTRY_DIR the compiled models carry descriptions: compare facts only.)
        compiled.description = "".into();
        for r in compiled.resources.to_mut() {
            r.description = "".into();
        }
        assert_eq!(compiled, o, "/{} {}", o.id, o.version);
        seen.insert((o.id, o.version));
    }
    assert_eq!(seen.len(), 424);
}

#[test]
fn lookups() {
    assert_eq!(Registry.object(3).map(|m| m.version), Some(Version::V1_2));
    assert_eq!(Registry.get(3).map(|m| m.name.as_ref()), Some("Device"));
    assert_eq!(
        Registry.lookup("3@1.0").map(|m| m.version),
        Some(Version::V1_0)
    );
    assert!(Registry.lookup("3@1.9").is_none());
    assert!(Registry.lookup("x").is_none());
    assert!(Registry.object(65000).is_none());
    assert_eq!(
        Registry.data_type(&"/3/0/13".parse().unwrap()),
        Some(DataType::Time)
    );
    assert_eq!(
        Registry.resource(0, 0).map(|r| r.operations),
        Some(Operations::NONE)
    );
    assert_eq!(
        lwm2m_objects::latest(1).map(|m| m.version),
        Some(Version::V1_2)
    );
    assert_eq!(
        lwm2m_objects::Models.object(6).map(|m| m.name.as_ref()),
        Some("Location")
    );
}

#[test]
fn modules_consts_and_aliases() {
    use lwm2m_objects::{device, location_6, location_3336, obj_3, obj_3421};
    assert_eq!(device::OBJECT_ID, 3);
    assert_eq!(obj_3::OBJECT_VERSION, Version::V1_2);
    assert_eq!(obj_3::v1_0::OBJECT_VERSION, Version::V1_0);
    assert!(std::ptr::eq(&obj_3::MODEL, Registry.get(3).unwrap()));
    assert_eq!(
        (device::MANUFACTURER, device::REBOOT, device::BATTERY_LEVEL),
        (0, 4, 9)
    );
    assert_eq!((location_6::OBJECT_ID, location_3336::OBJECT_ID), (6, 3336));
    // 3421 has names that differ only by +/-: the suffix is the resource id.
    assert_eq!(
        (
            obj_3421::ACTIVE_ENERGY_A_A_COMBINED_TOTAL_27,
            obj_3421::ACTIVE_ENERGY_A_A_COMBINED_TOTAL_28
        ),
        (27, 28)
    );
    let battery = device::MODEL.resource(device::BATTERY_LEVEL).unwrap();
    assert_eq!(battery.range, Some(Range::Unsigned { min: 0, max: 100 }));
}
