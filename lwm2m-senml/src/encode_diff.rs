//! The encoders' fast paths against their general paths: the same bytes (or the same error)
//! for every node, including strings that need escapes or are long, every integer width and
//! large ids.

use lwm2m_types::{
    Bytes, Composite, IdMap, Node, Object, ObjectInstance, ObjectLink, Path, Resource,
    ResourceInstance, Value,
};
use proptest::prelude::*;

use crate::error::EncodeKind;
use crate::record::{Planner, Rec, Sink};
use crate::{Error, Options, cbor, json, lwm2m_json};

/// A sink that writes every record through the general [`Sink::record`].
struct General<W>(W);

impl<W: Sink> Sink for General<W> {
    fn record(&mut self, r: &Rec<'_>) -> Result<(), EncodeKind> {
        self.0.record(r)
    }

    fn fast(
        &mut self,
        bn: Option<(&[u16], bool)>,
        n: Option<&[u16]>,
        v: &Value,
    ) -> Result<(), EncodeKind> {
        self.0.record(&Rec::fast(bn, n, v))
    }
}

fn json_general(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut w = General(json::Writer::new(&mut out));
    Planner::new(&Options::DEFAULT).node(node, path, &mut w)?;
    w.0.finish();
    Ok(out)
}

fn json_composite_general(c: &Composite) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut w = General(json::Writer::new(&mut out));
    Planner::new(&Options::DEFAULT).composite(c, false, &mut w)?;
    w.0.finish();
    Ok(out)
}

fn cbor_general(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut w = General(cbor::Writer::new(&mut out));
    Planner::new(&Options::DEFAULT).node(node, path, &mut w)?;
    w.0.finish();
    Ok(out)
}

/// Text around the fast path's limits: empty, 1 to 3, 4 to 7, 8 and more bytes, past 64;
/// plain, with escapes, with multi-byte characters.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 +:./-]{0,70}",
        2 => "[a-z\"\\\\\u{0}-\u{1f}\u{7f}é€😀]{0,20}",
        1 => proptest::collection::vec(any::<char>(), 0..70)
            .prop_map(|c| c.into_iter().collect::<String>()),
        1 => ("[a-z]{60,68}", "[\"\\\\\u{1}]").prop_map(|(a, b)| a + &b),
    ]
    .boxed()
}

/// Integers of every width, weighted to the digit-count boundaries.
fn int() -> BoxedStrategy<i64> {
    prop_oneof![
        any::<i64>(),
        (0u32..19, any::<bool>(), -1i64..=1).prop_map(|(e, neg, d)| {
            let v = 10i64.pow(e) + d;
            if neg { -v } else { v }
        }),
        Just(i64::MIN),
        Just(i64::MAX),
    ]
    .boxed()
}

fn value() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => text().prop_map(Value::String),
        1 => text().prop_map(Value::CoreLink),
        4 => int().prop_map(Value::Integer),
        1 => int().prop_map(Value::Time),
        2 => prop_oneof![any::<u64>(), int().prop_map(|i| i.unsigned_abs())]
            .prop_map(Value::UnsignedInteger),
        2 => prop_oneof![
            8 => any::<f64>(),
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
        ]
        .prop_map(Value::Float),
        1 => any::<bool>().prop_map(Value::Boolean),
        1 => proptest::collection::vec(any::<u8>(), 0..24)
            .prop_map(|v| Value::Opaque(Bytes::from(v))),
        1 => (any::<u16>(), any::<u16>()).prop_map(|(o, i)| Value::ObjectLink(ObjectLink::new(o, i))),
    ]
    .boxed()
}

/// Ids of every width (65535 too, which the encoders reject).
fn id() -> BoxedStrategy<u16> {
    prop_oneof![
        6 => 0u16..20,
        2 => any::<u16>(),
        1 => prop_oneof![Just(99u16), Just(100), Just(999), Just(1000), Just(9999), Just(10000)],
        1 => Just(65534u16),
        1 => Just(65535u16),
    ]
    .boxed()
}

fn resource() -> BoxedStrategy<Resource> {
    prop_oneof![
        (id(), value()).prop_map(|(i, v)| Resource::single(i, v)),
        (id(), proptest::collection::vec((id(), value()), 0..4))
            .prop_map(|(i, vs)| Resource::multiple(i, vs)),
    ]
    .boxed()
}

fn instance() -> BoxedStrategy<ObjectInstance> {
    (id(), proptest::collection::vec(resource(), 0..8))
        .prop_map(|(id, rs)| {
            let mut i = ObjectInstance::new(id);
            for r in rs {
                i.resources.insert(r);
            }
            i
        })
        .boxed()
}

fn object() -> BoxedStrategy<Object> {
    (id(), proptest::collection::vec(instance(), 0..3))
        .prop_map(|(id, is)| {
            let mut o = Object::new(id);
            for i in is {
                o.instances.insert(i);
            }
            o
        })
        .boxed()
}

/// A node at any level with its own path (or, rarely, a path that does not match it).
fn node_at_path() -> BoxedStrategy<(Node, Path)> {
    let p = |ids: &[u16]| Path::new(ids).unwrap_or(Path::ROOT);
    prop_oneof![
        proptest::collection::vec(object(), 0..3).prop_map(|os| {
            let mut m = IdMap::new();
            for o in os {
                m.insert(o);
            }
            (Node::Root(m), Path::ROOT)
        }),
        object().prop_map(move |o| {
            let path = p(&[o.id]);
            (Node::Object(o), path)
        }),
        (id(), instance()).prop_map(move |(o, i)| {
            let path = p(&[o, i.id]);
            (Node::ObjectInstance(i), path)
        }),
        (id(), id(), resource()).prop_map(move |(o, i, r)| {
            let path = p(&[o, i, lwm2m_types::HasId::id(&r)]);
            (Node::Resource(r), path)
        }),
        (id(), id(), id(), id(), value()).prop_map(move |(o, i, r, ri, v)| {
            (
                Node::ResourceInstance(ResourceInstance::new(ri, v)),
                p(&[o, i, r, ri]),
            )
        }),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn senml_json_fast_path_writes_what_the_general_path_writes((node, path) in node_at_path()) {
        prop_assert_eq!(json::encode(&node, &path), json_general(&node, &path));
    }

    #[test]
    fn lwm2m_json_fast_path_writes_what_the_general_path_writes((node, path) in node_at_path()) {
        prop_assert_eq!(lwm2m_json::encode(&node, &path), lwm2m_json::encode_general(&node, &path));
    }

    #[test]
    fn senml_cbor_fast_path_writes_what_the_general_path_writes((node, path) in node_at_path()) {
        prop_assert_eq!(cbor::encode(&node, &path), cbor_general(&node, &path));
    }

    #[test]
    fn senml_json_composite_fast_path_writes_what_the_general_path_writes(
        entries in proptest::collection::vec(node_at_path(), 0..4),
    ) {
        let mut c = Composite::new();
        for (node, path) in entries {
            c.insert(path, Some(node));
        }
        prop_assert_eq!(json::encode_composite(&c), json_composite_general(&c));
    }
}

#[test]
fn the_device_instance_is_written_as_before() {
    let inst = ObjectInstance::new(0)
        .with(Resource::single(0, "Open Mobile Alliance"))
        .with(Resource::single(1, "Lightweight M2M Client"))
        .with(Resource::single(2, "345000123"))
        .with(Resource::single(3, "1.0"))
        .with(Resource::multiple(
            6,
            [(0, Value::Integer(1)), (1, Value::Integer(5))],
        ))
        .with(Resource::multiple(
            7,
            [(0, Value::Integer(3800)), (1, Value::Integer(5000))],
        ))
        .with(Resource::single(9, Value::Integer(100)))
        .with(Resource::multiple(11, [(0, Value::Integer(0))]))
        .with(Resource::single(13, Value::Time(1367491215)))
        .with(Resource::single(14, "+02:00"))
        .with(Resource::single(16, "U"))
        .with(Resource::single(17, "a\"b\\c\u{1}"));
    let node = Node::ObjectInstance(inst);
    let path = Path::instance(3, 0).unwrap();
    let body = r#"{"n":"0","vs":"Open Mobile Alliance"},{"n":"1","vs":"Lightweight M2M Client"},{"n":"2","vs":"345000123"},{"n":"3","vs":"1.0"},{"n":"6/0","v":1},{"n":"6/1","v":5},{"n":"7/0","v":3800},{"n":"7/1","v":5000},{"n":"9","v":100},{"n":"11/0","v":0},{"n":"13","v":1367491215},{"n":"14","vs":"+02:00"},{"n":"16","vs":"U"},{"n":"17","vs":"a\"b\\c\u0001"}"#;
    let senml = format!("[{{\"bn\":\"/3/0/\",{}]", &body[1..]);
    assert_eq!(
        String::from_utf8(json::encode(&node, &path).unwrap()).unwrap(),
        senml
    );
    let old = format!(
        "{{\"bn\":\"/3/0/\",\"e\":[{}]}}",
        body.replace("\"vs\"", "\"sv\"")
    );
    assert_eq!(
        String::from_utf8(lwm2m_json::encode(&node, &path).unwrap()).unwrap(),
        old
    );
}

#[test]
fn encode_to_keeps_the_records_before_an_error() {
    // The records before the failing one are appended (the writer gathers records in its
    // scratch; the error path appends them), the failing one is not.
    let mut inst = ObjectInstance::new(0);
    for id in 0..11 {
        inst.resources
            .insert(Resource::single(id, "some text to fill the scratch"));
    }
    inst.resources.insert(Resource::single(20, f64::NAN));
    let node = Node::ObjectInstance(inst);
    let path = Path::instance(3, 0).unwrap();
    let mut out = b"x".to_vec();
    let err = json::encode_to(&node, &path, &mut out).unwrap_err();
    assert_eq!(
        err,
        Error::Encode {
            path: "/3/0/20".parse().unwrap(),
            kind: EncodeKind::NonFinite
        }
    );
    let mut expected = String::from("x[");
    for id in 0..11 {
        if id == 0 {
            expected.push_str("{\"bn\":\"/3/0/\",");
        } else {
            expected.push_str(",{");
        }
        expected.push_str(&format!(
            "\"n\":\"{id}\",\"vs\":\"some text to fill the scratch\"}}"
        ));
    }
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}
