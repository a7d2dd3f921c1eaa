//! The serde representation of the core types (feature `serde`).
#![cfg(feature = "serde")]

use lwm2m_types::{ContentFormat, Node, ObjectInstance, Path, Resource, Value};

#[test]
fn path_is_a_string() {
    let p: Path = "/3/0/9".parse().unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), "\"/3/0/9\"");
    assert_eq!(serde_json::from_str::<Path>("\"/3/0/9\"").unwrap(), p);
    assert!(serde_json::from_str::<Path>("\"/3/65535\"").is_err());
    assert_eq!(serde_json::to_string(&ContentFormat::TLV).unwrap(), "11542");
}

#[test]
fn nodes_round_trip_and_duplicate_ids_are_refused() {
    let node = Node::ObjectInstance(
        ObjectInstance::new(0)
            .with(Resource::single(0, "Open Mobile Alliance"))
            .with(Resource::multiple(
                7,
                [(0, Value::Integer(3800)), (1, Value::Integer(5000))],
            )),
    );
    let json = serde_json::to_string(&node).unwrap();
    assert_eq!(serde_json::from_str::<Node>(&json).unwrap(), node);
    let dup = r#"{"ObjectInstance":{"id":0,"resources":[{"Single":{"id":1,"value":{"Integer":1}}},{"Single":{"id":1,"value":{"Integer":2}}}]}}"#;
    let err = serde_json::from_str::<Node>(dup).unwrap_err();
    assert!(err.to_string().contains("duplicate id 1"), "{err}");
}
