//! Every example of `shared/spec/lwm2m-cbor.md` ("LwM2M CBOR — Examples", numbered as there),
//! decoded and encoded. Where the spec gives the canonical form (definite lengths, runs of ids
//! as array keys), encoding gives exactly its bytes; for the other spellings of the same tree
//! (uncompressed keys, indefinite maps, mixed keys) decoding gives the same node, and encoding
//! gives the canonical bytes written out here.

mod common;

use common::{hex, models, p};
use lwm2m_cbor::{
    EncodeOptions, TimeForm, decode, decode_composite, encode, encode_composite, encode_with,
};
use lwm2m_types::{
    Composite, NoModel, Node, Object, ObjectInstance, ObjectLink, Resource, ResourceInstance, Value,
};

/// Decodes `bytes` at `path` with the test models, checks the node, and checks that encoding
/// the node gives `canonical`.
fn check(path: &str, bytes: &str, node: &Node, canonical: &str) {
    let decoded = decode(&hex(bytes), &p(path), &models()).unwrap();
    assert_eq!(&decoded, node, "decode {path}");
    assert_eq!(
        encode(node, &p(path)).unwrap(),
        hex(canonical),
        "encode {path}"
    );
}

fn device_instance() -> ObjectInstance {
    ObjectInstance::new(0)
        .with(Resource::single(0, "Open Mobile Alliance"))
        .with(Resource::multiple(
            6,
            [(0, Value::Integer(1)), (1, Value::Integer(5))],
        ))
        .with(Resource::single(9, Value::Integer(100)))
        .with(Resource::single(13, Value::Time(1_367_491_215)))
}

// Example 1: Read /3/0/9, fully compressed key.
const EX1: &str = "A1 83 03 00 09 18 64";

#[test]
fn example_1_battery_level() {
    check(
        "/3/0/9",
        EX1,
        &Node::Resource(Resource::single(9, Value::Integer(100))),
        EX1,
    );
}

// Example 2: Read /3/0, instance key compressed; and the same without compression.
const EX2: &str = "A1 82 03 00 A4 00 74 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65
                   06 A2 00 01 01 05 09 18 64 0D 1A 51 82 42 8F";
const EX2_UNCOMPRESSED: &str = "A1 03 A1 00 A4 00 74 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C
                   69 61 6E 63 65 06 A2 00 01 01 05 09 18 64 0D 1A 51 82 42 8F";

#[test]
fn example_2_device_instance() {
    let node = Node::ObjectInstance(device_instance());
    check("/3/0", EX2, &node, EX2);
    check("/3/0", EX2_UNCOMPRESSED, &node, EX2);
}

#[test]
fn example_2_without_model_types_by_cbor_item() {
    let Node::ObjectInstance(i) = decode(&hex(EX2), &p("/3/0"), &NoModel).unwrap() else {
        panic!()
    };
    assert_eq!(
        i.resources.get(13).unwrap().value(),
        Some(&Value::Integer(1_367_491_215))
    );
}

// Example 3: Read /1, two Server instances (inner map of instance 0 from TS 1.2 §7.4.4 via OMA #545).
const EX3: &str = "A1 01 A2
      00 A7 00 18 65 01 1A 00 01 51 80 02 19 01 2C 03 19 17 70 05 1A 00 01 51 80 06 F5 07 61 55
      01 A4 00 18 66 01 1A 00 01 51 80 06 F4 07 61 55";

#[test]
fn example_3_server_object() {
    let i0 = ObjectInstance::new(0)
        .with(Resource::single(0, Value::Integer(101)))
        .with(Resource::single(1, Value::Integer(86400)))
        .with(Resource::single(2, Value::Integer(300)))
        .with(Resource::single(3, Value::Integer(6000)))
        .with(Resource::single(5, Value::Integer(86400)))
        .with(Resource::single(6, true))
        .with(Resource::single(7, "U"));
    let i1 = ObjectInstance::new(1)
        .with(Resource::single(0, Value::Integer(102)))
        .with(Resource::single(1, Value::Integer(86400)))
        .with(Resource::single(6, false))
        .with(Resource::single(7, "U"));
    check(
        "/1",
        EX3,
        &Node::Object(Object::new(1).with(i0).with(i1)),
        EX3,
    );
}

// Example 4: object links and strings, Read /65/0.
const EX4: &str = "A1 82 18 41 00 A3 00 A2 00 64 36 36 3A 30 01 64 36 36 3A 31
      01 6D 38 36 31 33 38 30 30 37 35 35 35 30 30 02 01";

#[test]
fn example_4_object_links() {
    let node = Node::ObjectInstance(
        ObjectInstance::new(0)
            .with(Resource::multiple(
                0,
                [(0, ObjectLink::new(66, 0)), (1, ObjectLink::new(66, 1))],
            ))
            .with(Resource::single(1, "8613800755500"))
            .with(Resource::single(2, Value::Integer(1))),
    );
    check("/65/0", EX4, &node, EX4);
}

// Example 5: Read-Composite response / Send mixing key styles and objects.
const EX5: &str = "A3 83 03 00 09 18 5F  83 01 00 01 1A 00 01 51 80
      03 A1 00 A1 00 74 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65";
// The same content as this crate writes it: {[1, 0, 1]: 86400, [3, 0]: {0: "Open...", 9: 95}}.
const EX5_CANONICAL: &str = "A2 83 01 00 01 1A 00 01 51 80 82 03 00 A2
      00 74 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65 09 18 5F";

#[test]
fn example_5_composite() {
    let mut c = Composite::new();
    c.insert(
        p("/3/0/9"),
        Some(Node::Resource(Resource::single(9, Value::Integer(95)))),
    );
    c.insert(
        p("/1/0/1"),
        Some(Node::Resource(Resource::single(1, Value::Integer(86400)))),
    );
    c.insert(
        p("/3/0/0"),
        Some(Node::Resource(Resource::single(0, "Open Mobile Alliance"))),
    );
    assert_eq!(decode_composite(&hex(EX5), &models()).unwrap(), c);
    assert_eq!(encode_composite(&c).unwrap(), hex(EX5_CANONICAL));
    assert_eq!(decode_composite(&hex(EX5_CANONICAL), &models()).unwrap(), c);

    // As one node at the root.
    let root = Node::Root(
        [
            Object::new(1)
                .with(ObjectInstance::new(0).with(Resource::single(1, Value::Integer(86400)))),
            Object::new(3).with(
                ObjectInstance::new(0)
                    .with(Resource::single(0, "Open Mobile Alliance"))
                    .with(Resource::single(9, Value::Integer(95))),
            ),
        ]
        .into_iter()
        .collect(),
    );
    check("/", EX5, &root, EX5_CANONICAL);
}

// Example 6: 1.2 Write-Composite deleting resource instance /3/0/7/1.
const EX6: &str = "A1 84 03 00 07 01 F6";

#[test]
fn example_6_null_deletes_resource_instance() {
    let mut c = Composite::new();
    c.insert(p("/3/0/7/1"), None);
    assert_eq!(decode_composite(&hex(EX6), &models()).unwrap(), c);
    assert_eq!(encode_composite(&c).unwrap(), hex(EX6));
}

// Example 7: multiple resource /3/0/11 with no instances.
const EX7: &str = "A1 83 03 00 0B A0";

#[test]
fn example_7_empty_multiple_resource() {
    let node = Node::Resource(Resource::Multiple {
        id: 11,
        instances: Default::default(),
    });
    check("/3/0/11", EX7, &node, EX7);
    let mut c = Composite::new();
    c.insert(p("/3/0/11"), Some(node));
    assert_eq!(decode_composite(&hex(EX7), &models()).unwrap(), c);
    assert_eq!(encode_composite(&c).unwrap(), hex(EX7));
}

// Example 8: Anjay test vectors (tests/core/io/lwm2m_cbor_in.c / _out.c), object 13, instance 26,
// decoded without a model (typed by the CBOR item).
const ANJAY_1: &str = "A1 83 0D 18 1A 01 18 2A";
const ANJAY_SPELLINGS_OF_1: [&str; 3] = [
    "A1 0D A1 18 1A A1 01 18 2A",
    "A1 81 0D A1 81 18 1A A1 81 01 18 2A",
    "BF 9F 0D 18 1A 01 FF 18 2A FF",
];
const ANJAY_TWO: &str = "A1 82 0D 18 1A A2 01 18 2A 02 15";
const ANJAY_SPELLINGS_OF_TWO: [&str; 2] = [
    "A2 83 0D 18 1A 01 18 2A 83 0D 18 1A 02 15",
    "A2 82 0D 18 1A A1 01 18 2A 83 0D 18 1A 02 15",
];

fn anjay(path: &str, bytes: &str, node: &Node, canonical: &str) {
    let decoded = decode(&hex(bytes), &p(path), &NoModel).unwrap();
    assert_eq!(&decoded, node, "decode {bytes}");
    assert_eq!(
        encode(node, &p(path)).unwrap(),
        hex(canonical),
        "encode {bytes}"
    );
}

#[test]
fn example_8_anjay_single_value_spellings() {
    let node = Node::Resource(Resource::single(1, Value::Integer(42)));
    anjay("/13/26/1", ANJAY_1, &node, ANJAY_1);
    for b in ANJAY_SPELLINGS_OF_1 {
        anjay("/13/26/1", b, &node, ANJAY_1);
    }
}

#[test]
fn example_8_anjay_two_resources() {
    let node = Node::ObjectInstance(
        ObjectInstance::new(26)
            .with(Resource::single(1, Value::Integer(42)))
            .with(Resource::single(2, Value::Integer(21))),
    );
    anjay("/13/26", ANJAY_TWO, &node, ANJAY_TWO);
    for b in ANJAY_SPELLINGS_OF_TWO {
        anjay("/13/26", b, &node, ANJAY_TWO);
    }
}

#[test]
fn example_8_anjay_decimal_fraction() {
    // Float 4.5 as 4([-1, 45]) at /13/26/1/2; written back as a half float.
    let node = Node::ResourceInstance(ResourceInstance::new(2, Value::Float(4.5)));
    anjay(
        "/13/26/1/2",
        "A1 81 0D A1 81 18 1A A1 81 01 A1 81 02 C4 82 20 18 2D",
        &node,
        "A1 84 0D 18 1A 01 02 F9 44 80",
    );
}

#[test]
fn example_8_anjay_boolean_and_opaque() {
    let t = "A1 83 0D 18 1A 01 F5";
    anjay("/13/26/1", t, &Node::Resource(Resource::single(1, true)), t);
    let o = "A1 83 0D 18 1A 01 50 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF";
    let bytes = hex("00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF");
    anjay(
        "/13/26/1",
        o,
        &Node::Resource(Resource::single(1, Value::Opaque(bytes.into()))),
        o,
    );
}

#[test]
fn example_8_anjay_indefinite_maps() {
    let root = Node::Root(
        [
            Object::new(13).with(
                ObjectInstance::new(26)
                    .with(Resource::single(1, Value::Integer(42)))
                    .with(Resource::single(2, Value::Integer(21))),
            ),
            Object::new(14).with(
                ObjectInstance::new(27)
                    .with(Resource::single(1, Value::Integer(43)))
                    .with(Resource::single(2, Value::Integer(22))),
            ),
        ]
        .into_iter()
        .collect(),
    );
    anjay(
        "/",
        "BF 0D BF 18 1A BF 01 18 2A 02 15 FF FF 0E BF 18 1B BF 01 18 2B 02 16 FF FF FF",
        &root,
        "A2 82 0D 18 1A A2 01 18 2A 02 15 82 0E 18 1B A2 01 18 2B 02 16",
    );

    // Anjay's output with a multiple resource; ours is the same bytes with definite lengths.
    let inst = Node::ObjectInstance(
        ObjectInstance::new(26)
            .with(Resource::single(1, Value::Integer(42)))
            .with(Resource::multiple(
                3,
                [(21, Value::Float(69.68)), (37, Value::Boolean(false))],
            )),
    );
    anjay(
        "/13/26",
        "BF 82 0D 18 1A BF 01 18 2A 03 BF 15 FB 40 51 6B 85 1E B8 51 EC 18 25 F4 FF FF FF",
        &inst,
        "A1 82 0D 18 1A A2 01 18 2A 03 A2 15 FB 40 51 6B 85 1E B8 51 EC 18 25 F4",
    );
}

// Time forms in LwM2M CBOR (data-types.md "Time"): plain integer (Anjay), tag 1 integer or
// float (Leshan), tag 0 RFC 3339 text (Zephyr), negative times.
#[test]
fn time_forms_in_lwm2m_cbor() {
    let at = p("/3/0/13");
    let t = |v| Node::Resource(Resource::single(13, Value::Time(v)));
    for (bytes, v) in [
        ("A1 83 03 00 0D 1A 51 82 42 8F", 1_367_491_215),
        ("A1 83 03 00 0D C1 1A 51 82 42 8F", 1_367_491_215),
        (
            "A1 83 03 00 0D C1 FB 41 D4 60 90 A3 C0 00 00",
            1_367_491_215,
        ),
        (
            "A1 83 03 00 0D C0 78 19 32 30 31 33 2D 30 35 2D 30 32 54 31 30 3A 34 30 3A 31 35 2D 30 30 3A 30 30",
            1_367_491_215,
        ),
        ("A1 83 03 00 0D 20", -1),
        ("A1 83 03 00 0D C1 39 0E 0F", -3600),
    ] {
        assert_eq!(
            decode(&hex(bytes), &at, &models()).unwrap(),
            t(v),
            "{bytes}"
        );
    }
    let tag1 = EncodeOptions::default().with_time(TimeForm::Tag1);
    assert_eq!(
        encode_with(&t(1_367_491_215), &at, &tag1).unwrap(),
        hex("A1 83 03 00 0D C1 1A 51 82 42 8F")
    );
    assert_eq!(encode(&t(-1), &at).unwrap(), hex("A1 83 03 00 0D 20"));
}

#[test]
fn time_without_a_model() {
    // Object 13 is unknown to the models: a tag 0 or tag 1 leaf is still a Time, and tag 1
    // output keeps it one; the default plain integer reads back as an Integer (found by the
    // lwm2m_cbor_roundtrip fuzz target; corpus file regress_unmodeled_tag0_time.cbor).
    let at = p("/13/0/13");
    let bytes = hex(
        "A1 83 0D 00 0D C0 78 19 32 30 31 33 2D 30 35 2D 30 32 54 31 30 3A 34 30 3A 31 35 2D 30 30 3A 30 30",
    );
    let node = decode(&bytes, &at, &NoModel).unwrap();
    assert_eq!(
        node,
        Node::Resource(Resource::single(13, Value::Time(1_367_491_215)))
    );
    let tag1 = encode_with(
        &node,
        &at,
        &EncodeOptions::default().with_time(TimeForm::Tag1),
    )
    .unwrap();
    assert_eq!(tag1, hex("A1 83 0D 00 0D C1 1A 51 82 42 8F"));
    assert_eq!(decode(&tag1, &at, &NoModel).unwrap(), node);
    let plain = encode(&node, &at).unwrap();
    assert_eq!(
        decode(&plain, &at, &NoModel).unwrap(),
        Node::Resource(Resource::single(13, Value::Integer(1_367_491_215)))
    );
}

#[test]
fn chunked_strings_are_accepted_and_written_definite() {
    // {[3, 0, 0]: (_ "Open ", "Mobile")}
    let bytes = hex("A1 83 03 00 00 7F 65 4F 70 65 6E 20 66 4D 6F 62 69 6C 65 FF");
    let node = decode(&bytes, &p("/3/0/0"), &models()).unwrap();
    assert_eq!(node, Node::Resource(Resource::single(0, "Open Mobile")));
    assert_eq!(
        encode(&node, &p("/3/0/0")).unwrap(),
        hex("A1 83 03 00 00 6B 4F 70 65 6E 20 4D 6F 62 69 6C 65")
    );
    // Opaque (_ h'01', h'0203')
    let bytes = hex("A1 83 0D 00 01 5F 41 01 42 02 03 FF");
    let node = decode(&bytes, &p("/13/0/1"), &NoModel).unwrap();
    assert_eq!(
        node,
        Node::Resource(Resource::single(1, Value::Opaque(vec![1, 2, 3].into())))
    );
}

#[test]
fn empty_aggregates_at_every_level() {
    for (path, bytes, node) in [
        ("/", "A0", Node::Root(Default::default())),
        ("/3", "A1 03 A0", Node::Object(Object::new(3))),
        (
            "/3/0",
            "A1 82 03 00 A0",
            Node::ObjectInstance(ObjectInstance::new(0)),
        ),
    ] {
        check(path, bytes, &node, bytes);
    }
    // An empty object in a root read, next to a full one.
    let root = Node::Root(
        [
            Object::new(1),
            Object::new(3)
                .with(ObjectInstance::new(0).with(Resource::single(9, Value::Integer(1)))),
        ]
        .into_iter()
        .collect(),
    );
    check(
        "/",
        "A2 01 A0 83 03 00 09 01",
        &root,
        "A2 01 A0 83 03 00 09 01",
    );
}

#[test]
fn request_path_selects_the_node() {
    // A root-level payload read at /3/0 keeps only what is below /3/0.
    let n = decode(&hex(EX2), &p("/3/0"), &models()).unwrap();
    assert_eq!(n, Node::ObjectInstance(device_instance()));
    let n = decode(&hex(EX2), &p("/3"), &models()).unwrap();
    assert_eq!(n, Node::Object(Object::new(3).with(device_instance())));
    let n = decode(&hex(EX2), &p("/3/0/6/1"), &models());
    assert!(matches!(n, Err(lwm2m_cbor::Error::OutsidePath { .. })));
}
