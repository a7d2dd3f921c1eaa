//! proptest round trips: node → format → node for SenML JSON, SenML CBOR and the LwM2M 1.0
//! JSON, at every level; composite and timestamped content through both SenML formats.

mod common;

use common::{ALL_TYPES, TYPES, model};
use lwm2m_senml::{cbor, json, lwm2m_json};
use lwm2m_types::{
    Bytes, Composite, DataType, IdMap, Node, Object, ObjectInstance, ObjectLink, Path, Resource,
    ResourceInstance, Timestamped, TimestampedEntry, Value,
};
use proptest::prelude::*;

fn value(dt: DataType) -> BoxedStrategy<Value> {
    match dt {
        DataType::String => any::<String>().prop_map(Value::String).boxed(),
        DataType::Corelnk => any::<String>().prop_map(Value::CoreLink).boxed(),
        DataType::Integer => any::<i64>().prop_map(Value::Integer).boxed(),
        DataType::Time => any::<i64>().prop_map(Value::Time).boxed(),
        DataType::UnsignedInteger => any::<u64>().prop_map(Value::UnsignedInteger).boxed(),
        DataType::Float => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::Float)
            .boxed(),
        DataType::Boolean => any::<bool>().prop_map(Value::Boolean).boxed(),
        DataType::Opaque => proptest::collection::vec(any::<u8>(), 0..24)
            .prop_map(|v| Value::Opaque(Bytes::from(v)))
            .boxed(),
        DataType::Objlnk => (any::<u16>(), any::<u16>())
            .prop_map(|(o, i)| Value::ObjectLink(ObjectLink::new(o, i)))
            .boxed(),
        DataType::None => unreachable!(),
    }
}

/// A resource of the ALL_TYPES object: ids 0..=8 single, 10..=18 multiple (1..=3 instances).
fn resource() -> BoxedStrategy<Resource> {
    (0usize..TYPES.len(), any::<bool>())
        .prop_flat_map(|(i, multiple)| {
            let dt = TYPES[i];
            if multiple {
                proptest::collection::btree_map(0u16..5, value(dt), 1..4)
                    .prop_map(move |m| Resource::multiple(10 + i as u16, m))
                    .boxed()
            } else {
                value(dt)
                    .prop_map(move |v| Resource::single(i as u16, v))
                    .boxed()
            }
        })
        .boxed()
}

fn instance() -> impl Strategy<Value = ObjectInstance> {
    (0u16..4, proptest::collection::vec(resource(), 1..8)).prop_map(|(id, rs)| {
        let mut i = ObjectInstance::new(id);
        for r in rs {
            i.resources.insert(r);
        }
        i
    })
}

fn object() -> impl Strategy<Value = Object> {
    proptest::collection::vec(instance(), 1..4).prop_map(|is| {
        let mut o = Object::new(ALL_TYPES);
        for i in is {
            o.instances.insert(i);
        }
        o
    })
}

/// A node at any level with its path.
fn node_at_path() -> impl Strategy<Value = (Node, Path)> {
    prop_oneof![
        object().prop_map(|o| (Node::Root(IdMap::try_from_iter([o]).unwrap()), Path::ROOT)),
        object().prop_map(|o| (Node::Object(o), Path::object(ALL_TYPES).unwrap())),
        instance().prop_map(|i| {
            let p = Path::instance(ALL_TYPES, i.id).unwrap();
            (Node::ObjectInstance(i), p)
        }),
        resource().prop_map(|r| {
            let p = Path::resource(ALL_TYPES, 1, lwm2m_types::HasId::id(&r)).unwrap();
            (Node::Resource(r), p)
        }),
        (0usize..TYPES.len(), 0u16..100).prop_flat_map(|(i, ri)| value(TYPES[i]).prop_map(
            move |v| {
                let p = Path::resource_instance(ALL_TYPES, 2, 10 + i as u16, ri).unwrap();
                (Node::ResourceInstance(ResourceInstance::new(ri, v)), p)
            }
        )),
    ]
}

/// Record-level composite content: leaf values, and (optionally) paths alone at any level.
fn composite(with_paths: bool) -> impl Strategy<Value = Composite> {
    let leaf = (0u16..3, 0usize..TYPES.len(), proptest::option::of(0u16..3)).prop_flat_map(
        |(inst, i, ri)| {
            value(TYPES[i]).prop_map(move |v| match ri {
                None => (
                    Path::resource(ALL_TYPES, inst, i as u16).unwrap(),
                    Some(Node::Resource(Resource::single(i as u16, v))),
                ),
                Some(ri) => (
                    Path::resource_instance(ALL_TYPES, inst, 10 + i as u16, ri).unwrap(),
                    Some(Node::ResourceInstance(ResourceInstance::new(ri, v))),
                ),
            })
        },
    );
    let alone = proptest::collection::vec(0u16..20, 0..5)
        .prop_map(|ids| (Path::new(&ids[..ids.len().min(4)]).unwrap(), None));
    let n_alone = if with_paths { 4 } else { 0 };
    (
        proptest::collection::vec(leaf, 0..8),
        proptest::collection::vec(alone, 0..=n_alone),
    )
        .prop_map(|(leaves, alone)| {
            let mut c = Composite::new();
            for (p, n) in alone.into_iter().chain(leaves) {
                c.insert(p, n);
            }
            c
        })
}

fn timestamped() -> impl Strategy<Value = Timestamped> {
    (
        proptest::option::of(composite(false)),
        proptest::collection::btree_map(any::<i32>(), (composite(false), any::<bool>()), 0..4),
    )
        .prop_map(|(untimed, timed)| {
            let mut entries = Vec::new();
            if let Some(c) = untimed.filter(|c| !c.is_empty()) {
                entries.push(TimestampedEntry {
                    time: None,
                    content: c,
                });
            }
            for (t, (c, frac)) in timed {
                if !c.is_empty() {
                    let time = if frac {
                        f64::from(t) + 0.25
                    } else {
                        f64::from(t)
                    };
                    entries.push(TimestampedEntry {
                        time: Some(time),
                        content: c,
                    });
                }
            }
            Timestamped { entries }
        })
}

proptest! {
    #[test]
    fn senml_json_node((node, path) in node_at_path()) {
        let m = model();
        let b = json::encode(&node, &path).unwrap();
        prop_assert_eq!(json::decode(&b, &path, &m).unwrap(), node);
    }

    #[test]
    fn senml_cbor_node((node, path) in node_at_path()) {
        let m = model();
        let b = cbor::encode(&node, &path).unwrap();
        prop_assert_eq!(cbor::decode(&b, &path, &m).unwrap(), node);
    }

    #[test]
    fn lwm2m_json_node((node, path) in node_at_path()) {
        let m = model();
        let b = lwm2m_json::encode(&node, &path).unwrap();
        prop_assert_eq!(lwm2m_json::decode(&b, &path, &m).unwrap(), node);
    }

    #[test]
    fn senml_composite(c in composite(true)) {
        let m = model();
        prop_assert_eq!(&json::decode_composite(&json::encode_composite(&c).unwrap(), &m).unwrap(), &c);
        prop_assert_eq!(&cbor::decode_composite(&cbor::encode_composite(&c).unwrap(), &m).unwrap(), &c);
    }

    #[test]
    fn senml_timestamped(ts in timestamped()) {
        let m = model();
        prop_assert_eq!(&json::decode_timestamped(&json::encode_timestamped(&ts).unwrap(), &m).unwrap(), &ts);
        prop_assert_eq!(&cbor::decode_timestamped(&cbor::encode_timestamped(&ts).unwrap(), &m).unwrap(), &ts);
        prop_assert_eq!(&lwm2m_json::decode_timestamped(&lwm2m_json::encode_timestamped(&ts).unwrap(), &m).unwrap(), &ts);
    }

    /// Without a model the self-describing fields still round-trip the types they can show.
    #[test]
    fn senml_without_model(i in any::<i64>(), f in any::<f64>().prop_filter("finite", |f| f.is_finite()), s in any::<String>()) {
        let node = Node::ObjectInstance(ObjectInstance::new(0)
            .with(Resource::single(0, Value::Integer(i)))
            .with(Resource::single(1, Value::Float(f)))
            .with(Resource::single(2, Value::String(s))));
        let path = Path::instance(5, 0).unwrap();
        let nm = lwm2m_types::NoModel;
        prop_assert_eq!(&json::decode(&json::encode(&node, &path).unwrap(), &path, &nm).unwrap(), &node);
        prop_assert_eq!(&cbor::decode(&cbor::encode(&node, &path).unwrap(), &path, &nm).unwrap(), &node);
    }

    /// Arbitrary bytes never panic any decoder.
    #[test]
    fn decoders_never_panic(b in proptest::collection::vec(any::<u8>(), 0..64)) {
        let m = model();
        let p = Path::ROOT;
        let _ = json::decode(&b, &p, &m);
        let _ = cbor::decode(&b, &p, &m);
        let _ = lwm2m_json::decode(&b, &p, &m);
        let _ = cbor::decode_composite(&b, &m);
        let _ = cbor::decode_timestamped(&b, &m);
    }
}
