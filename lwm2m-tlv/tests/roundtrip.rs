//! proptest round trips: `decode(encode(x)) == x` over arbitrary nodes at every level, with
//! values of every data type (NaN excluded: it is not equal to itself; its bits round-trip, see
//! the unit tests), and arbitrary bytes through decode → encode → decode.

use std::collections::BTreeSet;

use lwm2m_tlv::{decode, encode};
use lwm2m_types::{
    Bytes, DataType, IdMap, ModelProvider, NoModel, Node, Object, ObjectInstance, ObjectLink,
    ObjectModel, Path, Resource, ResourceInstance, ResourceModel, Value,
};
use proptest::prelude::*;

const OID: u16 = 100;
/// Resource ids below this are known to the model (type `TYPES[r % 9]`); the others are not,
/// and decode as Opaque.
const KNOWN: u16 = 600;
const TYPES: [DataType; 9] = [
    DataType::String,
    DataType::Integer,
    DataType::UnsignedInteger,
    DataType::Float,
    DataType::Boolean,
    DataType::Opaque,
    DataType::Time,
    DataType::Objlnk,
    DataType::Corelnk,
];

fn model() -> ObjectModel {
    let mut m = ObjectModel::new(OID, "proptest");
    m.multiple = true;
    m.resources = (0..KNOWN)
        .map(|r| {
            let mut rm = ResourceModel::new(r, "r", TYPES[usize::from(r % 9)]);
            rm.multiple = r.is_multiple_of(2);
            rm
        })
        .collect::<Vec<_>>()
        .into();
    m
}

fn data_type(rid: u16) -> DataType {
    if rid < KNOWN {
        TYPES[usize::from(rid % 9)]
    } else {
        DataType::Opaque
    }
}

fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("NaN", |f| !f.is_nan()),
        any::<f32>()
            .prop_filter("NaN", |f| !f.is_nan())
            .prop_map(f64::from),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
    ]
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => prop::collection::vec(any::<u8>(), 0..20),
        1 => prop::collection::vec(any::<u8>(), 250..300),
    ]
}

fn value(dt: DataType) -> BoxedStrategy<Value> {
    match dt {
        DataType::String => "\\PC{0,16}".prop_map(Value::String).boxed(),
        DataType::Corelnk => "[</>;=a-z0-9,]{0,24}".prop_map(Value::CoreLink).boxed(),
        DataType::Integer => any::<i64>().prop_map(Value::Integer).boxed(),
        DataType::Time => any::<i64>().prop_map(Value::Time).boxed(),
        DataType::UnsignedInteger => any::<u64>().prop_map(Value::UnsignedInteger).boxed(),
        DataType::Float => float().prop_map(Value::Float).boxed(),
        DataType::Boolean => any::<bool>().prop_map(Value::Boolean).boxed(),
        DataType::Objlnk => (any::<u16>(), any::<u16>())
            .prop_map(|(o, i)| Value::ObjectLink(ObjectLink::new(o, i)))
            .boxed(),
        _ => bytes().prop_map(|b| Value::Opaque(Bytes::from(b))).boxed(),
    }
}

fn id() -> impl Strategy<Value = u16> {
    prop_oneof![4 => 0u16..300, 1 => 0u16..=65534]
}

fn rid() -> impl Strategy<Value = u16> {
    prop_oneof![4 => 0u16..KNOWN, 1 => KNOWN..=65534]
}

fn resource_with(rid: u16) -> BoxedStrategy<Resource> {
    let dt = data_type(rid);
    prop_oneof![
        value(dt).prop_map(move |v| Resource::Single { id: rid, value: v }),
        prop::collection::btree_map(id(), value(dt), 0..5).prop_map(move |m| {
            Resource::Multiple {
                id: rid,
                instances: m
                    .into_iter()
                    .map(|(i, v)| ResourceInstance::new(i, v))
                    .collect(),
            }
        }),
    ]
    .boxed()
}

fn resource() -> impl Strategy<Value = Resource> {
    rid().prop_flat_map(resource_with)
}

fn resources() -> impl Strategy<Value = IdMap<Resource>> {
    prop::collection::btree_set(rid(), 0..6).prop_flat_map(|ids: BTreeSet<u16>| {
        ids.into_iter()
            .map(resource_with)
            .collect::<Vec<_>>()
            .prop_map(|rs| rs.into_iter().collect::<IdMap<_>>())
    })
}

fn instance() -> impl Strategy<Value = ObjectInstance> {
    (id(), resources()).prop_map(|(id, resources)| ObjectInstance { id, resources })
}

fn object() -> impl Strategy<Value = Object> {
    prop::collection::btree_map(id(), resources(), 0..4).prop_map(|m| Object {
        id: OID,
        instances: m
            .into_iter()
            .map(|(id, resources)| ObjectInstance { id, resources })
            .collect(),
    })
}

fn round_trip(node: &Node, path: &Path, m: &impl ModelProvider) -> Result<(), TestCaseError> {
    let bytes = encode(node, path).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = decode(&bytes, path, m).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, node);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn object_level(o in object()) {
        round_trip(&Node::Object(o), &Path::object(OID).unwrap(), &model())?;
    }

    #[test]
    fn instance_level(i in instance()) {
        let path = Path::instance(OID, i.id).unwrap();
        round_trip(&Node::ObjectInstance(i), &path, &model())?;
    }

    #[test]
    fn resource_level(iid in id(), r in resource()) {
        let path = Path::resource(OID, iid, lwm2m_types::HasId::id(&r)).unwrap();
        round_trip(&Node::Resource(r), &path, &model())?;
    }

    #[test]
    fn resource_instance_level(iid in id(), (rid, ri) in rid().prop_flat_map(|r| (Just(r), id(), value(data_type(r))))
        .prop_map(|(r, i, v)| (r, ResourceInstance::new(i, v))))
    {
        let path = Path::resource_instance(OID, iid, rid, ri.id).unwrap();
        round_trip(&Node::ResourceInstance(ri), &path, &model())?;
    }

    /// Without a model every value is Opaque, and the bytes come back unchanged.
    #[test]
    fn without_model_bytes_are_kept(i in instance()) {
        let path = Path::instance(OID, i.id).unwrap();
        let bytes = encode(&Node::ObjectInstance(i), &path).unwrap();
        let opaque = decode(&bytes, &path, &NoModel).unwrap();
        prop_assert_eq!(encode(&opaque, &path).unwrap(), bytes);
    }

    /// Arbitrary bytes: decoding never panics, and what decodes re-encodes to something that
    /// decodes to the same node.
    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64), level in 1usize..=4) {
        let path = Path::new(&[OID, 0, 7, 1][..level]).unwrap();
        let models = [model()];
        for m in [&models[..], &[][..]] {
            if let Ok(node) = decode(&bytes, &path, &m) {
                let again = encode(&node, &path).unwrap();
                let back = decode(&again, &path, &m).unwrap();
                prop_assert!(same(&back, &node), "{:?} != {:?}", back, node);
            }
        }
    }
}

/// Node equality that also holds for NaN values (which decoded arbitrary bytes may hold): the
/// debug forms print the same numbers.
fn same(a: &Node, b: &Node) -> bool {
    format!("{a:?}") == format!("{b:?}")
}
