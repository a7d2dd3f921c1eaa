//! Codegen snapshot test (prost-build style): `fixtures/private.xml` → `fixtures/_expected_private.rs`.
//! The expected file is also compiled here (`include!`), so it must build without warnings
//! under clippy, and its conversions are exercised.
//!
//! Regenerate the snapshot with `LWM2M_DDF_BLESS=1 cargo test -p lwm2m-ddf --test codegen`.

use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn generate(descriptions: bool) -> String {
    lwm2m_ddf::Builder::new()
        .file(Path::new(DIR).join("private.xml"))
        .descriptions(descriptions)
        .generate_string()
        .unwrap()
}

#[test]
fn snapshot() {
    let code = generate(true);
    let expected_path = Path::new(DIR).join("_expected_private.rs");
    if std::env::var_os("LWM2M_DDF_BLESS").is_some() {
        std::fs::write(&expected_path, &code).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert!(
        code == expected,
        "generated code differs from {}; rerun with LWM2M_DDF_BLESS=1",
        expected_path.display()
    );
}

#[test]
fn generate_writes_to_out_dir_only_on_change() {
    let dir = std::env::temp_dir().join(format!("lwm2m-ddf-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let b = lwm2m_ddf::Builder::new()
        .file(Path::new(DIR).join("private.xml"))
        .out_dir(&dir)
        .output_name("x.rs");
    let path = b.generate().unwrap();
    assert_eq!(path, dir.join("x.rs"));
    let t1 = std::fs::metadata(&path).unwrap().modified().unwrap();
    b.generate().unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), t1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn facts_only_has_no_descriptions_and_no_typed_when_off() {
    let code = lwm2m_ddf::Builder::new()
        .file(Path::new(DIR).join("private.xml"))
        .typed(lwm2m_ddf::Typed::None)
        .generate_string()
        .unwrap();
    assert!(!code.contains("indented text"));
    assert!(!code.contains("pub struct AtTWaterMeter"));
    assert!(!code.contains("ConvertError"));
}

#[test]
fn conflicting_duplicates_are_an_error() {
    let mut a = lwm2m_types::ObjectModel::new(10250, "A");
    a.urn = "urn:oma:lwm2m:x:10250".into();
    let b = lwm2m_types::ObjectModel::new(10250, "B");
    let err = lwm2m_ddf::Builder::new()
        .model(a.clone())
        .model(a.clone())
        .model(b)
        .generate_string()
        .unwrap_err();
    assert!(matches!(
        err.kind,
        lwm2m_ddf::ErrorKind::DuplicateObject { id: 10250, .. }
    ));
    assert!(
        lwm2m_ddf::Builder::new()
            .model(a.clone())
            .model(a)
            .generate_string()
            .is_ok()
    );
}

// Private here, so unused items would warn; a user includes it in a public module.
#[allow(dead_code, unreachable_pub)]
mod generated {
    include!("fixtures/_expected_private.rs");
}

#[test]
fn generated_code_works() {
    use generated::{Models, at_t_water_meter as meter};
    use lwm2m_types::{DataType, ModelProvider, ObjectLink, Range, Version};
    assert_eq!(meter::OBJECT_ID, 10250);
    assert_eq!(meter::OBJECT_VERSION, Version::V1_1);
    assert_eq!((meter::FLOW_1, meter::FLOW_2, meter::TYPE), (1, 2, 11));
    assert_eq!(
        Models.data_type(&"/10250/0/3".parse().unwrap()),
        Some(DataType::UnsignedInteger)
    );
    assert_eq!(
        meter::MODEL.resource(3).unwrap().range,
        Some(Range::Unsigned {
            min: 0,
            max: u64::MAX
        })
    );
    assert_eq!(
        meter::MODEL.resource(1).unwrap().range,
        Some(Range::Signed {
            min: -100,
            max: 100
        })
    );
    assert_eq!(
        meter::MODEL.resource(0).unwrap().range,
        Some(Range::Float { min: 0.0, max: 1e6 })
    );
    assert_eq!(
        generated::model(10250, Version::V1_1).map(|m| m.id),
        Some(10250)
    );
    assert!(generated::latest(10251).is_none());

    let parsed = &lwm2m_ddf::parse_file(Path::new(DIR).join("private.xml")).unwrap()[0];
    assert_eq!(
        &meter::MODEL,
        parsed,
        "the static model equals the parsed one"
    );

    let m = meter::AtTWaterMeter {
        volume: 12.5,
        flow_1: Some(-3),
        flow_2: None,
        counter: vec![(0, u64::MAX)],
        label: Some("kitchen".into()),
        valve_open: Some(true),
        key: Some(lwm2m_types::Bytes::from_static(&[1; 16])),
        last_read: Some(-1),
        gateway: vec![(0, ObjectLink::NULL)],
        links: Some("</3/0>".into()),
        type_: None,
    };
    let inst = m.to_instance(7);
    assert_eq!(
        inst.resources.get(10).and_then(|r| r.value()),
        Some(&lwm2m_types::Value::CoreLink("</3/0>".into()))
    );
    assert_eq!(meter::AtTWaterMeter::from_instance(&inst), Ok(m));
}
