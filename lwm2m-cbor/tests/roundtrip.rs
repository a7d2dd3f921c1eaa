//! Property tests: node → LwM2M CBOR (11544) → node at every level and for composite content,
//! and value → CBOR (60) → value for every data type.

mod common;

use common::{OBJECTS, RESOURCES, TYPES, synthetic};
use lwm2m_cbor::{
    EncodeOptions, TimeForm, decode, decode_composite, encode, encode_composite, encode_with,
    single,
};
use lwm2m_types::{
    Composite, DataType, IdMap, Node, Object, ObjectInstance, ObjectLink, Path, Resource,
    ResourceInstance, Value,
};
use proptest::prelude::*;

fn value_of(dt: DataType) -> BoxedStrategy<Value> {
    match dt {
        DataType::String => "\\PC{0,12}".prop_map(Value::String).boxed(),
        DataType::Corelnk => "\\PC{0,12}".prop_map(Value::CoreLink).boxed(),
        DataType::Integer => any::<i64>().prop_map(Value::Integer).boxed(),
        DataType::UnsignedInteger => any::<u64>().prop_map(Value::UnsignedInteger).boxed(),
        DataType::Float => prop_oneof![
            any::<f64>().prop_filter("not NaN", |f| !f.is_nan()),
            any::<f32>()
                .prop_filter("not NaN", |f| !f.is_nan())
                .prop_map(f64::from),
            (-2048i32..2048).prop_map(|i| f64::from(i) / 8.0),
        ]
        .prop_map(Value::Float)
        .boxed(),
        DataType::Boolean => any::<bool>().prop_map(Value::Boolean).boxed(),
        DataType::Opaque => proptest::collection::vec(any::<u8>(), 0..16)
            .prop_map(|v| Value::Opaque(v.into()))
            .boxed(),
        DataType::Time => any::<i64>().prop_map(Value::Time).boxed(),
        DataType::Objlnk => (any::<u16>(), any::<u16>())
            .prop_map(|(o, i)| Value::ObjectLink(ObjectLink::new(o, i)))
            .boxed(),
        _ => unreachable!("no value for {dt}"),
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    (0..TYPES.len()).prop_flat_map(|i| value_of(TYPES[i]))
}

fn id() -> impl Strategy<Value = u16> {
    prop_oneof![0u16..4, 0u16..=lwm2m_types::MAX_ID]
}

fn resource(rid: u16) -> impl Strategy<Value = Resource> {
    let dt = TYPES[usize::from(rid) % 9];
    prop_oneof![
        value_of(dt).prop_map(move |value| Resource::Single { id: rid, value }),
        proptest::collection::btree_map(id(), value_of(dt), 0..4).prop_map(move |m| {
            Resource::Multiple {
                id: rid,
                instances: m
                    .into_iter()
                    .map(|(id, value)| ResourceInstance { id, value })
                    .collect(),
            }
        }),
    ]
}

fn instance(iid: u16) -> impl Strategy<Value = ObjectInstance> {
    proptest::collection::btree_set(0..RESOURCES, 0..5)
        .prop_flat_map(|ids| ids.into_iter().map(resource).collect::<Vec<_>>())
        .prop_map(move |rs| ObjectInstance {
            id: iid,
            resources: rs.into_iter().collect::<IdMap<_>>(),
        })
}

fn object(oid: u16) -> impl Strategy<Value = Object> {
    proptest::collection::btree_set(id(), 0..3)
        .prop_flat_map(|ids| ids.into_iter().map(instance).collect::<Vec<_>>())
        .prop_map(move |is| Object {
            id: oid,
            instances: is.into_iter().collect(),
        })
}

fn root() -> impl Strategy<Value = IdMap<Object>> {
    proptest::collection::btree_set(0..OBJECTS, 0..3)
        .prop_flat_map(|ids| ids.into_iter().map(object).collect::<Vec<_>>())
        .prop_map(|os| os.into_iter().collect())
}

/// A node at every level, with its path.
fn node() -> impl Strategy<Value = (Node, Path)> {
    prop_oneof![
        root().prop_map(|r| (Node::Root(r), Path::ROOT)),
        (0..OBJECTS).prop_flat_map(object).prop_map(|o| {
            let p = Path::object(o.id).unwrap();
            (Node::Object(o), p)
        }),
        (0..OBJECTS, id())
            .prop_flat_map(|(o, i)| (Just(o), instance(i)))
            .prop_map(|(o, i)| {
                let p = Path::instance(o, i.id).unwrap();
                (Node::ObjectInstance(i), p)
            }),
        (0..OBJECTS, id(), 0..RESOURCES)
            .prop_flat_map(|(o, i, r)| (Just((o, i)), resource(r)))
            .prop_map(|((o, i), r)| {
                let p = Path::resource(o, i, r.id()).unwrap();
                (Node::Resource(r), p)
            }),
        (0..OBJECTS, id(), 0..RESOURCES, id())
            .prop_flat_map(|(o, i, r, ri)| (
                Just((o, i, r, ri)),
                value_of(TYPES[usize::from(r) % 9])
            ))
            .prop_map(|((o, i, r, ri), v)| (
                Node::ResourceInstance(ResourceInstance::new(ri, v)),
                Path::resource_instance(o, i, r, ri).unwrap()
            )),
    ]
}

use lwm2m_types::HasId;

/// The flat form `decode_composite` gives: every leaf and every empty aggregate at its path.
fn flat(root: &IdMap<Object>) -> Composite {
    let mut c = Composite::new();
    for o in root.iter() {
        let op = Path::object(o.id).unwrap();
        if o.instances.is_empty() {
            c.insert(op, Some(Node::Object(Object::new(o.id))));
        }
        for i in o.instances.iter() {
            let ip = op.child(i.id).unwrap();
            if i.resources.is_empty() {
                c.insert(ip, Some(Node::ObjectInstance(ObjectInstance::new(i.id))));
            }
            for r in i.resources.iter() {
                let rp = ip.child(r.id()).unwrap();
                match r {
                    Resource::Single { .. } => {
                        c.insert(rp, Some(Node::Resource(r.clone())));
                    }
                    Resource::Multiple { instances, .. } if instances.is_empty() => {
                        c.insert(rp, Some(Node::Resource(r.clone())));
                    }
                    Resource::Multiple { instances, .. } => {
                        for ri in instances.iter() {
                            c.insert(
                                rp.child(ri.id).unwrap(),
                                Some(Node::ResourceInstance(ri.clone())),
                            );
                        }
                    }
                }
            }
        }
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn node_round_trips((node, path) in node()) {
        let models = synthetic();
        let bytes = encode(&node, &path).unwrap();
        prop_assert_eq!(&decode(&bytes, &path, &models).unwrap(), &node);
        // Tag-1 Time decodes to the same node.
        let tag1 = encode_with(&node, &path, &EncodeOptions::default().with_time(TimeForm::Tag1)).unwrap();
        prop_assert_eq!(&decode(&tag1, &path, &models).unwrap(), &node);
        // The parent level reads the same bytes too (absolute paths).
        if let Some(parent) = path.parent() {
            let up = decode(&bytes, &parent, &models).unwrap();
            prop_assert_eq!(encode(&up, &parent).unwrap(), bytes);
        }
    }

    #[test]
    fn composite_round_trips(root in root()) {
        let models = synthetic();
        let c = flat(&root);
        let bytes = encode_composite(&c).unwrap();
        // The composite writer merges into the same tree as the node writer.
        prop_assert_eq!(&bytes, &encode(&Node::Root(root.clone()), &Path::ROOT).unwrap());
        prop_assert_eq!(&decode_composite(&bytes, &models).unwrap(), &c);
        // One entry per object gives the same bytes.
        let mut per_object = Composite::new();
        for o in root.iter() {
            per_object.insert(Path::object(o.id).unwrap(), Some(Node::Object(o.clone())));
        }
        prop_assert_eq!(encode_composite(&per_object).unwrap(), bytes);
    }

    #[test]
    fn composite_nulls_round_trip(paths in proptest::collection::btree_set((0..OBJECTS, id(), 0..RESOURCES, id()), 1..6)) {
        let mut c = Composite::new();
        for (o, i, r, ri) in paths {
            c.insert(Path::resource_instance(o, i, r, ri).unwrap(), None);
        }
        let bytes = encode_composite(&c).unwrap();
        prop_assert_eq!(decode_composite(&bytes, &synthetic()).unwrap(), c);
    }

    #[test]
    fn single_value_round_trips(v in any_value()) {
        let mut out = Vec::new();
        single::encode_value(v.as_ref(), &mut out);
        prop_assert_eq!(&single::decode_value(&out, Some(v.data_type())).unwrap(), &v);
        let mut plain = Vec::new();
        single::encode_value_with(v.as_ref(), TimeForm::Integer, &mut plain);
        prop_assert_eq!(single::decode_value(&plain, Some(v.data_type())).unwrap(), v);
    }

    #[test]
    fn single_node_round_trips((r, value, ri) in (0..RESOURCES).prop_flat_map(|r| {
        (Just(r), value_of(TYPES[usize::from(r) % 9]), proptest::option::of(id()))
    })) {
        let (node, path) = match ri {
            None => (Node::Resource(Resource::Single { id: r, value }), Path::resource(1, 2, r).unwrap()),
            Some(ri) => (
                Node::ResourceInstance(ResourceInstance::new(ri, value)),
                Path::resource_instance(1, 2, r, ri).unwrap(),
            ),
        };
        let bytes = single::encode(&node, &path).unwrap();
        prop_assert_eq!(single::decode(&bytes, &path, &synthetic()).unwrap(), node);
    }

    #[test]
    fn floats_use_the_shortest_exact_width(f in any::<f64>().prop_filter("not NaN", |f| !f.is_nan())) {
        let mut out = Vec::new();
        single::encode_value(Value::Float(f).as_ref(), &mut out);
        let expected_len = if lwm2m_cbor::raw::f64_to_f16_exact(f).is_some() { 3 }
            else if f64::from(f as f32) == f { 5 } else { 9 };
        prop_assert_eq!(out.len(), expected_len);
        prop_assert_eq!(single::decode_value(&out, Some(DataType::Float)).unwrap(), Value::Float(f));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let models = synthetic();
        if let Ok(n) = decode(&bytes, &Path::ROOT, &models) {
            let again = encode(&n, &Path::ROOT).unwrap();
            prop_assert_eq!(decode(&again, &Path::ROOT, &models).unwrap(), n);
        }
        if let Ok(c) = decode_composite(&bytes, &models) {
            let again = encode_composite(&c).unwrap();
            prop_assert_eq!(decode_composite(&again, &models).unwrap(), c);
        }
        let _ = single::decode_value(&bytes, None);
    }
}
