//! Every worked example of the TLV spec digest (`shared/spec/tlv.md`, "Worked examples" and
//! "Small constructed examples"): decoded to the stated values, and encoded back to the exact
//! bytes. The TS examples are those reproduced byte for byte in Leshan's
//! `LwM2mNodeDecoderTest.java`.

mod common;

use common::{DEVICE_3_0, hex, models, path};
use lwm2m_tlv::{Kind, Reader, decode, encode};
use lwm2m_types::{
    Bytes, IdMap, NoModel, Node, Object, ObjectInstance, ObjectLink, Resource, ResourceInstance,
    Value,
};

/// Decodes at `p` with the test models, checks the node, and checks that it encodes back to the
/// same bytes.
fn check(bytes: &[u8], p: &str, expected: &Node) {
    let node = decode(bytes, &path(p), &models()).unwrap_or_else(|e| panic!("{p}: {e}"));
    assert_eq!(&node, expected, "{p}");
    assert_eq!(encode(&node, &path(p)).unwrap(), bytes, "{p}: encode");
}

fn device_instance() -> ObjectInstance {
    ObjectInstance::new(0)
        .with(Resource::single(0, "Open Mobile Alliance"))
        .with(Resource::single(1, "Lightweight M2M Client"))
        .with(Resource::single(2, "345000123"))
        .with(Resource::single(3, "1.0"))
        .with(Resource::multiple(6, [(0, 1i64), (1, 5)]))
        .with(Resource::multiple(7, [(0, 3800i64), (1, 5000)]))
        .with(Resource::multiple(8, [(0, 125i64), (1, 900)]))
        .with(Resource::single(9, 100i64))
        .with(Resource::single(10, 15i64))
        .with(Resource::multiple(11, [(0, 0i64)]))
        .with(Resource::Single {
            id: 13,
            value: Value::Time(1_367_491_215),
        })
        .with(Resource::single(14, "+02:00"))
        .with(Resource::single(16, "U"))
}

/// tlv.md Example 1 — Read `/3/0`, 121 bytes.
#[test]
fn example_1_device_instance() {
    let bytes = hex(DEVICE_3_0);
    assert_eq!(bytes.len(), 121);
    check(&bytes, "/3/0", &Node::ObjectInstance(device_instance()));
}

/// tlv.md Example 1 at the streaming level: kinds, ids, widths and typed values.
#[test]
fn example_1_streaming() {
    let bytes = hex(DEVICE_3_0);
    let entries: Vec<_> = Reader::new(&bytes).collect::<Result<_, _>>().unwrap();
    let ids: Vec<_> = entries.iter().map(|e| (e.kind(), e.id())).collect();
    use Kind::{MultipleResource as M, Resource as R};
    assert_eq!(
        ids,
        [
            (R, 0),
            (R, 1),
            (R, 2),
            (R, 3),
            (M, 6),
            (M, 7),
            (M, 8),
            (R, 9),
            (R, 10),
            (M, 11),
            (R, 13),
            (R, 14),
            (R, 16)
        ]
    );
    assert_eq!(entries[0].as_str().unwrap(), "Open Mobile Alliance");
    assert_eq!(entries[0].offset(), 0);
    assert_eq!(entries[1].offset(), 23);
    assert_eq!(entries[10].as_time().unwrap(), 0x5182428F);
    let current: Vec<(u16, i64, usize)> = entries[6]
        .children()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.id(), e.as_i64().unwrap(), e.value().len())
        })
        .collect();
    // Widths may differ between instances.
    assert_eq!(current, [(0, 125, 1), (1, 900, 2)]);
}

/// tlv.md Example 2 — Read `/3`, 124 bytes: Example 1 in an object instance TLV.
#[test]
fn example_2_device_object() {
    let mut bytes = hex("08 00 79");
    bytes.extend(hex(DEVICE_3_0));
    assert_eq!(bytes.len(), 124);
    check(
        &bytes,
        "/3",
        &Node::Object(Object::new(3).with(device_instance())),
    );
    // A Write to /3/0 may carry the same wrapper (OMA #210, #452; Leshan accepts it).
    let node = decode(&bytes, &path("/3/0"), &models()).unwrap();
    assert_eq!(node, Node::ObjectInstance(device_instance()));
}

/// tlv.md Example 3 — Read `/2`, Access Control instances 0 and 2 (16-bit resource instance id).
#[test]
fn example_3_access_control() {
    let bytes = hex("08000EC10001C101008302417F07C1037F080212C10003C101008702417F0761013601C1037F");
    let expected = Object::new(2)
        .with(
            ObjectInstance::new(0)
                .with(Resource::single(0, 1i64))
                .with(Resource::single(1, 0i64))
                .with(Resource::multiple(2, [(127, 7i64)]))
                .with(Resource::single(3, 127i64)),
        )
        .with(
            ObjectInstance::new(2)
                .with(Resource::single(0, 3i64))
                .with(Resource::single(1, 0i64))
                .with(Resource::multiple(2, [(127, 7i64), (310, 1)]))
                .with(Resource::single(3, 127i64)),
        );
    check(&bytes, "/2", &Node::Object(expected));
}

/// tlv.md Example 4 — Read `/1`, one Server instance kept in its wrapper.
#[test]
fn example_4_server() {
    let bytes = hex("08 00 0F C1 00 01 C4 01 00 01 51 80 C1 06 01 C1 07 55");
    let expected = Object::new(1).with(
        ObjectInstance::new(0)
            .with(Resource::single(0, 1i64))
            .with(Resource::single(1, 86400i64))
            .with(Resource::single(6, true))
            .with(Resource::single(7, "U")),
    );
    check(&bytes, "/1", &Node::Object(expected));
}

/// tlv.md Example 5 — Read `/65/0`, Objlnk instances.
#[test]
fn example_5_objlnk() {
    let bytes = hex("88 00 0C 44 00 00 42 00 00 44 01 00 42 00 01
         C8 01 0D 38 36 31 33 38 30 30 37 35 35 35 30 30
         C4 02 12 34 56 78");
    let expected = ObjectInstance::new(0)
        .with(Resource::multiple(
            0,
            [(0, ObjectLink::new(66, 0)), (1, ObjectLink::new(66, 1))],
        ))
        .with(Resource::single(1, "8613800755500"))
        .with(Resource::single(2, 305_419_896i64));
    check(&bytes, "/65/0", &Node::ObjectInstance(expected));
}

/// tlv.md Example 6 — Read `/66`, two instances, one null link.
#[test]
fn example_6_null_link() {
    let bytes = hex("08 00 26
           C8 00 0B 6D 79 53 65 72 76 69 63 65 20 31
           C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 34
           C4 02 00 43 00 00
         08 01 26
           C8 00 0B 6D 79 53 65 72 76 69 63 65 20 32
           C8 01 0F 49 6E 74 65 72 6E 65 74 2E 31 35 2E 32 33 35
           C4 02 FF FF FF FF");
    let expected = Object::new(66)
        .with(
            ObjectInstance::new(0)
                .with(Resource::single(0, "myService 1"))
                .with(Resource::single(1, "Internet.15.234"))
                .with(Resource::single(2, ObjectLink::new(67, 0))),
        )
        .with(
            ObjectInstance::new(1)
                .with(Resource::single(0, "myService 2"))
                .with(Resource::single(1, "Internet.15.235"))
                .with(Resource::single(2, ObjectLink::NULL)),
        );
    check(&bytes, "/66", &Node::Object(expected));
}

/// tlv.md Example 7 — Corelnk value of resource 180 (Leshan test object 3442).
#[test]
fn example_7_corelnk() {
    let text = r#"</>;rt="oma.lwm2m";ct="60 110 112 1542 1543 11542 11543",</1>;ver=1.1,</1/0>,</2>,</3>;ver=1.1,</3/0>,</3442/0>"#;
    assert_eq!(text.len(), 0x6F);
    let mut bytes = hex("08 00 72 C8 B4 6F");
    bytes.extend_from_slice(text.as_bytes());
    let expected = Object::new(3442).with(ObjectInstance::new(0).with(Resource::Single {
        id: 180,
        value: Value::CoreLink(text.into()),
    }));
    check(&bytes, "/3442", &Node::Object(expected));
}

/// tlv.md "Small constructed examples": Float binary32 22.5 with a 16-bit id.
#[test]
fn small_float32_16bit_id() {
    let bytes = hex("E4 16 44 41 B4 00 00");
    let e = Reader::new(&bytes).next().unwrap().unwrap();
    assert_eq!(
        (e.kind(), e.id(), e.as_f64().unwrap()),
        (Kind::Resource, 5700, 22.5)
    );
    check(
        &bytes,
        "/3303/0/5700",
        &Node::Resource(Resource::single(5700, 22.5)),
    );
}

/// tlv.md "Small constructed examples": Float binary64 56.4 (binary32 cannot hold it exactly).
#[test]
fn small_float64() {
    let bytes = hex("C8 1F 08 40 4C 33 33 33 33 33 33");
    check(
        &bytes,
        "/3/0/31",
        &Node::Resource(Resource::single(31, 56.4)),
    );
    // The digest's own bytes use resource 1, read here with the streaming accessor.
    let digest = hex("C8 01 08 40 4C 33 33 33 33 33 33");
    let e = Reader::new(&digest).next().unwrap().unwrap();
    assert_eq!((e.id(), e.as_f64().unwrap()), (1, 56.4));
}

/// tlv.md "Small constructed examples": Integer −750 in 2 bytes, Boolean true, Objlnk 66:0.
#[test]
fn small_scalars() {
    let bytes = hex("C2 05 FD 12");
    let e = Reader::new(&bytes).next().unwrap().unwrap();
    assert_eq!((e.id(), e.as_i64().unwrap()), (5, -750));
    check(
        &hex("C2 02 FD 12"),
        "/65/0/2",
        &Node::Resource(Resource::single(2, -750i64)),
    );
    check(
        &hex("C1 06 01"),
        "/1/0/6",
        &Node::Resource(Resource::single(6, true)),
    );
    check(
        &hex("C4 02 00 42 00 00"),
        "/66/0/2",
        &Node::Resource(Resource::single(2, ObjectLink::new(66, 0))),
    );
}

/// tlv.md "Small constructed examples": 16-bit and 24-bit Length fields (300 and 70000 bytes),
/// decoded without a model (Opaque) and encoded back exactly.
#[test]
fn small_long_lengths() {
    for (head, n) in [("D0 00 01 2C", 300usize), ("D8 00 01 11 70", 70_000)] {
        let mut bytes = hex(head);
        let body: Vec<u8> = (0..n).map(|i| i as u8).collect();
        bytes.extend_from_slice(&body);
        let node = decode(&bytes, &path("/10/0/0"), &NoModel).unwrap();
        assert_eq!(
            node,
            Node::Resource(Resource::single(0, Bytes::from(body.clone())))
        );
        assert_eq!(encode(&node, &path("/10/0/0")).unwrap(), bytes);
    }
}

/// tlv.md "Small constructed examples": a Read of `/o/i/r/310` answers with `61 01 36 01`.
#[test]
fn small_resource_instance() {
    check(
        &hex("61 01 36 01"),
        "/2/0/2/310",
        &Node::ResourceInstance(ResourceInstance::new(310, 1i64)),
    );
}

/// tlv.md "Small constructed examples": `80 0B`, multiple resource 11 with zero instances.
#[test]
fn small_empty_multiple_resource() {
    check(
        &hex("80 0B"),
        "/3/0/11",
        &Node::Resource(Resource::Multiple {
            id: 11,
            instances: IdMap::new(),
        }),
    );
    // The same inside an instance.
    check(
        &hex("80 0B"),
        "/3/0",
        &Node::ObjectInstance(ObjectInstance::new(0).with(Resource::Multiple {
            id: 11,
            instances: IdMap::new(),
        })),
    );
}

/// tlv.md "Small constructed examples": `00 01`, object instance 1 with zero resources.
#[test]
fn small_empty_object_instance() {
    check(
        &hex("00 01"),
        "/1",
        &Node::Object(Object::new(1).with(ObjectInstance::new(1))),
    );
}

/// tlv.md "Which TLV level a payload starts at": the lenient shapes Leshan accepts.
#[test]
fn lenient_shapes() {
    let m = models();
    // /o/i/r single resource wrapped in its object instance.
    let n = decode(&hex("03 00 C1 09 64"), &path("/3/0/9"), &m).unwrap();
    assert_eq!(n, Node::Resource(Resource::single(9, 100i64)));
    // /o/i/r multiple resource as a bare sequence of resource instances.
    let n = decode(&hex("42 00 0E D8 42 01 13 88"), &path("/3/0/7"), &m).unwrap();
    assert_eq!(
        n,
        Node::Resource(Resource::multiple(7, [(0, 3800i64), (1, 5000)]))
    );
    // /o of a single-instance object as bare resources: instance 0.
    let n = decode(&hex("C1 09 64"), &path("/3"), &m).unwrap();
    assert_eq!(
        n,
        Node::Object(Object::new(3).with(ObjectInstance::new(0).with(Resource::single(9, 100i64))))
    );
}

/// tlv.md: empty payloads (Leshan): an object with no instances, an instance with no resources,
/// a multiple resource with no instances; refused for a single resource.
#[test]
fn empty_payloads() {
    let m = models();
    assert_eq!(
        decode(&[], &path("/2"), &m).unwrap(),
        Node::Object(Object::new(2))
    );
    assert_eq!(
        decode(&[], &path("/3/0"), &m).unwrap(),
        Node::ObjectInstance(ObjectInstance::new(0))
    );
    assert_eq!(
        decode(&[], &path("/3/0/7"), &m).unwrap(),
        Node::Resource(Resource::Multiple {
            id: 7,
            instances: IdMap::new()
        })
    );
    assert!(matches!(
        decode(&[], &path("/3/0/9"), &m),
        Err(lwm2m_tlv::Error::WrongLevel { .. })
    ));
    assert_eq!(
        encode(&Node::Object(Object::new(2)), &path("/2")).unwrap(),
        []
    );
}

/// Unknown resources keep their bytes as Opaque and encode back unchanged; the TLV kind still
/// makes a multiple resource.
#[test]
fn unknown_resources_are_opaque() {
    let bytes = hex(DEVICE_3_0);
    let node = decode(&bytes, &path("/3/0"), &NoModel).unwrap();
    let Node::ObjectInstance(i) = &node else {
        panic!()
    };
    assert_eq!(
        i.resources.get(9).and_then(Resource::value),
        Some(&Value::Opaque(Bytes::from_static(&[0x64])))
    );
    assert!(i.resources.get(7).unwrap().is_multiple());
    assert_eq!(encode(&node, &path("/3/0")).unwrap(), bytes);
}

/// data-types.md "Unsigned Integer" interop trap: 200 is written `00 C8` (top bit clear), values
/// from 2^63 take 8 bytes, and `C8` in one byte reads as 200.
#[test]
fn unsigned_widths() {
    let cases: [(u64, &str); 6] = [
        (0, "C1 1E 00"),
        (127, "C1 1E 7F"),
        (200, "C2 1E 00 C8"),
        (0x8000, "C4 1E 00 00 80 00"),
        (1 << 63, "C8 1E 08 80 00 00 00 00 00 00 00"),
        (u64::MAX, "C8 1E 08 FF FF FF FF FF FF FF FF"),
    ];
    for (v, h) in cases {
        check(
            &hex(h),
            "/3/0/30",
            &Node::Resource(Resource::single(30, Value::UnsignedInteger(v))),
        );
    }
    let n = decode(&hex("C1 1E C8"), &path("/3/0/30"), &models()).unwrap();
    assert_eq!(
        n,
        Node::Resource(Resource::single(30, Value::UnsignedInteger(200)))
    );
}

/// Decoders accept non-minimal headers (tlv.md: nothing forbids them): a 16-bit id below 256,
/// an 8-bit Length for a length ≤ 7, non-zero bits 2–0 next to a Length field.
#[test]
fn non_minimal_headers() {
    for h in [
        "E1 00 09 64",
        "C8 09 01 64",
        "CF 09 01 64",
        "F0 00 09 00 01 64",
    ] {
        let n = decode(&hex(h), &path("/3/0/9"), &models()).unwrap();
        assert_eq!(n, Node::Resource(Resource::single(9, 100i64)), "{h}");
    }
}
