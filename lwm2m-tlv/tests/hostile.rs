//! Hostile input: each case asserts the specific error kind, byte offset and (where known) path.
//! The checks follow tlv.md "Decoder checklist (hostile input)".

mod common;

use common::{hex, models, path};
use lwm2m_tlv::{Error, Kind, Options, Reader, decode, decode_with};
use lwm2m_types::{DataType, Node, ValueErrorKind};

fn p(s: &str) -> Option<lwm2m_types::Path> {
    Some(path(s))
}

#[test]
fn table() {
    use Kind::*;
    let cases: Vec<(&str, &str, Error)> = vec![
        // Truncated headers.
        (
            "/3/0",
            "C8",
            Error::Truncated {
                offset: 0,
                needed: 2,
            },
        ),
        (
            "/3/0",
            "E1 00",
            Error::Truncated {
                offset: 0,
                needed: 1,
            },
        ),
        (
            "/3/0",
            "C1 09 64 D8 00 00",
            Error::Truncated {
                offset: 3,
                needed: 2,
            },
        ),
        // Lengths past the end.
        (
            "/3/0",
            "C3 09 64",
            Error::Truncated {
                offset: 0,
                needed: 2,
            },
        ),
        (
            "/3",
            "08 00 79 C1 09 64",
            Error::Truncated {
                offset: 0,
                needed: 118,
            },
        ),
        // A 24-bit length claiming 16 MB in a 7-byte payload.
        (
            "/3/0",
            "D8 00 FF FF FF 01 02",
            Error::Truncated {
                offset: 0,
                needed: 0xFF_FFFF - 2,
            },
        ),
        // A nested TLV running past its parent (value, then header).
        (
            "/3/0",
            "86 06 41 00 01 43 01 05",
            Error::Overrun {
                offset: 5,
                parent: 0,
            },
        ),
        (
            "/3/0",
            "C1 09 64 82 0B 48 00",
            Error::Overrun {
                offset: 5,
                parent: 3,
            },
        ),
        (
            "/3",
            "03 00 C2 09 64",
            Error::Overrun {
                offset: 2,
                parent: 0,
            },
        ),
        // Nesting deeper than the format allows.
        (
            "/3",
            "02 00 00 01",
            Error::UnexpectedKind {
                offset: 2,
                kind: ObjectInstance,
                inside: Some(ObjectInstance),
                path: None,
            },
        ),
        (
            "/3/0",
            "84 07 82 00 41 00",
            Error::UnexpectedKind {
                offset: 2,
                kind: MultipleResource,
                inside: Some(MultipleResource),
                path: None,
            },
        ),
        (
            "/3/0",
            "83 06 C1 00 01",
            Error::UnexpectedKind {
                offset: 2,
                kind: Resource,
                inside: Some(MultipleResource),
                path: None,
            },
        ),
        // An object instance where a resource instance must be.
        (
            "/3/0",
            "82 06 00 00",
            Error::UnexpectedKind {
                offset: 2,
                kind: ObjectInstance,
                inside: Some(MultipleResource),
                path: None,
            },
        ),
        (
            "/3/0/6/0",
            "00 00",
            Error::UnexpectedKind {
                offset: 0,
                kind: ObjectInstance,
                inside: None,
                path: p("/3/0/6/0"),
            },
        ),
        // A resource instance's value is a value, not TLVs: "41 00 01" inside it is 3 bytes.
        (
            "/3/0/6/0",
            "43 00 41 00 01",
            Error::WrongWidth {
                offset: 2,
                data_type: DataType::Integer,
                length: 3,
                path: p("/3/0/6/0"),
            },
        ),
        // Kinds the request path does not allow at the top level.
        (
            "/3/0",
            "41 00 01",
            Error::UnexpectedKind {
                offset: 0,
                kind: ResourceInstance,
                inside: None,
                path: p("/3/0"),
            },
        ),
        (
            "/1",
            "C1 00 01",
            Error::UnexpectedKind {
                offset: 0,
                kind: Resource,
                inside: None,
                path: p("/1"),
            },
        ),
        (
            "/2",
            "00 00 C1 00 01",
            Error::UnexpectedKind {
                offset: 2,
                kind: Resource,
                inside: None,
                path: p("/2"),
            },
        ),
        (
            "/3",
            "41 00 01",
            Error::UnexpectedKind {
                offset: 0,
                kind: ResourceInstance,
                inside: None,
                path: p("/3"),
            },
        ),
        (
            "/3/0/9",
            "05 00 83 09 41 00 00",
            Error::UnexpectedKind {
                offset: 2,
                kind: MultipleResource,
                inside: Some(ObjectInstance),
                path: p("/3/0/9"),
            },
        ),
        (
            "/3/0/7",
            "42 00 0E D8 C1 09 64",
            Error::UnexpectedKind {
                offset: 4,
                kind: Resource,
                inside: None,
                path: p("/3/0/7"),
            },
        ),
        // Duplicate ids.
        (
            "/3/0",
            "C1 09 64 C1 09 65",
            Error::Duplicate {
                offset: 3,
                path: path("/3/0/9"),
            },
        ),
        (
            "/2",
            "00 00 00 00",
            Error::Duplicate {
                offset: 2,
                path: path("/2/0"),
            },
        ),
        (
            "/3/0",
            "86 06 41 00 01 41 00 05",
            Error::Duplicate {
                offset: 5,
                path: path("/3/0/6/0"),
            },
        ),
        (
            "/3/0/7",
            "41 00 01 41 00 05",
            Error::Duplicate {
                offset: 3,
                path: path("/3/0/7/0"),
            },
        ),
        // Ids that disagree with the request path.
        (
            "/3/0",
            "03 01 C1 09 64",
            Error::IdMismatch {
                offset: 0,
                path: path("/3/0"),
                found: 1,
            },
        ),
        (
            "/3/0/9",
            "C1 0A 64",
            Error::IdMismatch {
                offset: 0,
                path: path("/3/0/9"),
                found: 10,
            },
        ),
        (
            "/3/0/9",
            "03 01 C1 09 64",
            Error::IdMismatch {
                offset: 0,
                path: path("/3/0/9"),
                found: 1,
            },
        ),
        (
            "/3/0/9",
            "03 00 C1 0A 64",
            Error::IdMismatch {
                offset: 2,
                path: path("/3/0/9"),
                found: 10,
            },
        ),
        (
            "/2/0/2/310",
            "61 01 37 01",
            Error::IdMismatch {
                offset: 0,
                path: path("/2/0/2/310"),
                found: 311,
            },
        ),
        // The reserved id 65535.
        ("/3/0", "E1 FF FF 64", Error::ReservedId { offset: 0 }),
        ("/3/0", "84 0B 61 FF FF 01", Error::ReservedId { offset: 2 }),
        // Wrong widths.
        (
            "/3/0",
            "C3 09 00 00 64",
            Error::WrongWidth {
                offset: 2,
                data_type: DataType::Integer,
                length: 3,
                path: p("/3/0/9"),
            },
        ),
        (
            "/3/0",
            "C0 09",
            Error::WrongWidth {
                offset: 2,
                data_type: DataType::Integer,
                length: 0,
                path: p("/3/0/9"),
            },
        ),
        (
            "/3/0",
            "C8 09 09 00 00 00 00 00 00 00 00 64",
            Error::WrongWidth {
                offset: 3,
                data_type: DataType::Integer,
                length: 9,
                path: p("/3/0/9"),
            },
        ),
        (
            "/3/0",
            "C5 0D 00 51 82 42 8F",
            Error::WrongWidth {
                offset: 2,
                data_type: DataType::Time,
                length: 5,
                path: p("/3/0/13"),
            },
        ),
        (
            "/3/0",
            "C3 1E 00 00 C8",
            Error::WrongWidth {
                offset: 2,
                data_type: DataType::UnsignedInteger,
                length: 3,
                path: p("/3/0/30"),
            },
        ),
        (
            "/3/0",
            "C2 1F 41 B4",
            Error::WrongWidth {
                offset: 2,
                data_type: DataType::Float,
                length: 2,
                path: p("/3/0/31"),
            },
        ),
        (
            "/1/0",
            "C2 06 00 01",
            Error::WrongWidth {
                offset: 2,
                data_type: DataType::Boolean,
                length: 2,
                path: p("/1/0/6"),
            },
        ),
        (
            "/66/0",
            "C3 02 00 42 00",
            Error::WrongWidth {
                offset: 2,
                data_type: DataType::Objlnk,
                length: 3,
                path: p("/66/0/2"),
            },
        ),
        (
            "/65/0",
            "87 00 45 00 00 42 00 00 01",
            Error::WrongWidth {
                offset: 4,
                data_type: DataType::Objlnk,
                length: 5,
                path: p("/65/0/0/0"),
            },
        ),
        // Invalid values.
        (
            "/1/0",
            "C1 06 02",
            Error::Value {
                offset: 2,
                data_type: DataType::Boolean,
                kind: ValueErrorKind::InvalidBoolean,
                path: p("/1/0/6"),
            },
        ),
        (
            "/3/0",
            "C3 00 61 FF 62",
            Error::Value {
                offset: 3,
                data_type: DataType::String,
                kind: ValueErrorKind::InvalidUtf8,
                path: p("/3/0/0"),
            },
        ),
        (
            "/3/0/4",
            "C1 04 01",
            Error::Value {
                offset: 2,
                data_type: DataType::None,
                kind: ValueErrorKind::NoValue,
                path: p("/3/0/4"),
            },
        ),
        // Trailing garbage.
        (
            "/3/0/9",
            "C1 09 64 FF",
            Error::Trailing {
                offset: 3,
                path: path("/3/0/9"),
            },
        ),
        (
            "/3/0/9",
            "C1 09 64 C1 09 64",
            Error::Trailing {
                offset: 3,
                path: path("/3/0/9"),
            },
        ),
        (
            "/3/0/6/0",
            "41 00 01 00",
            Error::Trailing {
                offset: 3,
                path: path("/3/0/6/0"),
            },
        ),
        (
            "/3/0",
            "03 00 C1 09 64 00",
            Error::Trailing {
                offset: 5,
                path: path("/3/0"),
            },
        ),
        (
            "/3/0/9",
            "04 00 C1 09 64 00",
            Error::Trailing {
                offset: 5,
                path: path("/3/0/9"),
            },
        ),
        (
            "/3/0",
            "C1 09 64 C8",
            Error::Truncated {
                offset: 3,
                needed: 2,
            },
        ),
        // Payloads TLV cannot carry or that lack the value.
        (
            "/",
            "C1 09 64",
            Error::WrongLevel {
                path: path("/"),
                expected: "an object, instance or resource path (tlv cannot carry the root)",
            },
        ),
        (
            "/3/0/9",
            "",
            Error::WrongLevel {
                path: path("/3/0/9"),
                expected: "a resource tlv (the payload is empty and the resource is single)",
            },
        ),
        (
            "/3/0/6/0",
            "",
            Error::WrongLevel {
                path: path("/3/0/6/0"),
                expected: "a resource instance tlv (the payload is empty)",
            },
        ),
    ];
    let m = models();
    for (pth, h, want) in cases {
        let got = decode(&hex(h), &path(pth), &m);
        assert_eq!(got, Err(want), "{pth} {h}");
        // Every message says what and where.
        let msg = want.to_string();
        assert!(
            !msg.ends_with('.') && msg.chars().next().unwrap().is_lowercase(),
            "{msg}"
        );
        if let Some(off) = want.offset() {
            assert!(msg.contains(&format!("byte {off}")), "{msg}");
        }
    }
}

/// Header chain of `depth` object instance TLVs with 24-bit lengths, each wrapping the rest.
fn deep_object_instances(depth: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(depth * 5);
    for k in 0..depth {
        let len = (depth - 1 - k) * 5;
        out.extend_from_slice(&[0x18, 0x00, (len >> 16) as u8, (len >> 8) as u8, len as u8]);
    }
    out
}

#[test]
fn hundred_thousand_deep_nesting() {
    let depth = 100_000;
    let bytes = deep_object_instances(depth);
    assert_eq!(bytes.len(), 500_000);
    let want = Error::UnexpectedKind {
        offset: 5,
        kind: Kind::ObjectInstance,
        inside: Some(Kind::ObjectInstance),
        path: None,
    };
    assert_eq!(decode(&bytes, &path("/3"), &models()), Err(want));
    assert_eq!(decode(&bytes, &path("/3/0"), &models()), Err(want));
    // The streaming reader yields the outer TLV, whose reader refuses the nested one.
    let outer = Reader::new(&bytes).next().unwrap().unwrap();
    assert_eq!(outer.value().len(), 499_995);
    assert_eq!(outer.children().unwrap().next(), Some(Err(want)));
    // Multiple resources nested in multiple resources fail at the first level too.
    let mut mr = Vec::new();
    for k in 0..depth {
        let len = (depth - 1 - k) * 5;
        mr.extend_from_slice(&[0x98, 0x07, (len >> 16) as u8, (len >> 8) as u8, len as u8]);
    }
    assert_eq!(
        decode(&mr, &path("/3/0"), &models()),
        Err(Error::UnexpectedKind {
            offset: 5,
            kind: Kind::MultipleResource,
            inside: Some(Kind::MultipleResource),
            path: None,
        })
    );
}

/// 6400 resource instances in one multiple resource (`/3/0/7`), and 6400 object instances:
/// decoded in full under the default limits, and refused with the offset of the first TLV over a
/// smaller limit.
#[test]
fn six_thousand_four_hundred_instances() {
    use lwm2m_types::{IdMap, Object, ObjectInstance, Resource, ResourceInstance, Value};
    let res = Resource::Multiple {
        id: 7,
        instances: (0..6400u16)
            .map(|i| ResourceInstance::new(i, Value::Integer(3000 + i64::from(i))))
            .collect::<IdMap<_>>(),
    };
    let node = Node::Resource(res);
    let bytes = lwm2m_tlv::encode(&node, &path("/3/0/7")).unwrap();
    assert_eq!(decode(&bytes, &path("/3/0/7"), &models()).unwrap(), node);

    let limited = Options::new().max_entries(1000);
    // Entry 1 is the multiple resource, so instance index 999 is the 1001st entry.
    let outer = Reader::new(&bytes).next().unwrap().unwrap();
    let over = outer
        .children()
        .unwrap()
        .nth(999)
        .unwrap()
        .unwrap()
        .offset();
    assert_eq!(
        decode_with(&bytes, &path("/3/0/7"), &models(), &limited),
        Err(Error::TooManyEntries {
            offset: over,
            limit: 1000
        })
    );

    let obj = Object {
        id: 2,
        instances: (0..6400u16)
            .map(|i| ObjectInstance::new(i).with(Resource::single(0, i64::from(i))))
            .collect(),
    };
    let node = Node::Object(obj);
    let bytes = lwm2m_tlv::encode(&node, &path("/2")).unwrap();
    assert_eq!(decode(&bytes, &path("/2"), &models()).unwrap(), node);
    assert!(matches!(
        decode_with(&bytes, &path("/2"), &models(), &limited),
        Err(Error::TooManyEntries { limit: 1000, .. })
    ));
}

/// Instances in descending order (the worst case for sorted insertion) still decode.
#[test]
fn descending_ids() {
    let mut bytes = vec![0x90, 0x07, 0, 0];
    for i in (0..2000u16).rev() {
        bytes.extend_from_slice(&[0x61, (i >> 8) as u8, i as u8, 0x01]);
    }
    let len = bytes.len() - 4;
    bytes[2] = (len >> 8) as u8;
    bytes[3] = len as u8;
    let Node::Resource(r) = decode(&bytes, &path("/3/0/7"), &models()).unwrap() else {
        panic!()
    };
    assert_eq!(r.instances().unwrap().len(), 2000);
}

/// After an error the reader yields nothing more.
#[test]
fn reader_is_fused_after_error() {
    let bytes = hex("C1 09 64 C8 01");
    let mut r = Reader::new(&bytes);
    assert!(r.next().unwrap().is_ok());
    assert_eq!(
        r.next(),
        Some(Err(Error::Truncated {
            offset: 3,
            needed: 1
        }))
    );
    assert_eq!(r.next(), None);
}

/// Typed accessors used on the wrong kind of TLV.
#[test]
fn accessor_misuse() {
    let bytes = hex("83 0B 41 00 00");
    let e = Reader::new(&bytes).next().unwrap().unwrap();
    assert_eq!(
        e.as_i64(),
        Err(Error::NotAValue {
            offset: 0,
            kind: Kind::MultipleResource
        })
    );
    let c = e.children().unwrap().next().unwrap().unwrap();
    assert_eq!(
        c.children().err(),
        Some(Error::NotNested {
            offset: 2,
            kind: Kind::ResourceInstance
        })
    );
}
