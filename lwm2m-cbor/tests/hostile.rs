//! Hostile LwM2M CBOR (11544) input: each case asserts the specific error kind, byte offset and
//! (where known) path. Cases follow the decoder checklist of `shared/spec/lwm2m-cbor.md`.

mod common;

use common::{hex, models, p};
use lwm2m_cbor::{
    DecodeOptions, Error, Malformed, Reader, Writer, decode, decode_composite, decode_with,
    encode_composite,
};
use lwm2m_types::{Composite, DataType, Node, Path, Resource, Value, ValueErrorKind, ValueRef};

const LEAF: &str = "a leaf value (number, string, boolean, null or tag 0/1/4)";
const KEY: &str = "an unsigned integer or array key";

fn malformed(offset: usize, kind: Malformed) -> Error {
    Error::Malformed { offset, kind }
}

fn conflict(offset: usize, path: &str) -> Error {
    Error::Conflict {
        offset,
        path: p(path),
    }
}

fn value(offset: usize, path: &str, expected: DataType, kind: ValueErrorKind) -> Error {
    Error::Value {
        offset,
        path: Some(p(path)),
        expected,
        kind,
    }
}

#[test]
fn hostile_table() {
    let u = |offset, expected| Error::Unexpected { offset, expected };
    let cases: Vec<(&str, String, &str, Error)> = vec![
        (
            "empty input",
            String::new(),
            "/",
            Error::Truncated { offset: 0 },
        ),
        (
            "top item not a map",
            "83 03 00 09".into(),
            "/",
            u(0, "a map at the top of the payload"),
        ),
        (
            "top item a leaf",
            "18 64".into(),
            "/3/0/9",
            u(0, "a map at the top of the payload"),
        ),
        // Indefinite lengths where CBOR has none.
        (
            "indefinite unsigned key",
            "A1 1F".into(),
            "/",
            malformed(1, Malformed::Indefinite),
        ),
        (
            "indefinite negative leaf",
            "A1 83 03 00 09 3F".into(),
            "/",
            malformed(5, Malformed::Indefinite),
        ),
        (
            "indefinite tag",
            "A1 83 03 00 09 DF 01".into(),
            "/",
            malformed(5, Malformed::Indefinite),
        ),
        (
            "indefinite chunk in indefinite string",
            "A1 83 03 00 00 7F 7F 61 61 FF FF".into(),
            "/",
            malformed(6, Malformed::Indefinite),
        ),
        (
            "byte chunk in text",
            "A1 83 03 00 00 7F 41 61 FF".into(),
            "/",
            malformed(6, Malformed::BadChunk),
        ),
        // Duplicate keys and two spellings of one path.
        (
            "duplicate map key",
            "A2 0D A1 00 A1 01 01 0D A1 00 A1 02 02".into(),
            "/",
            conflict(7, "/13"),
        ),
        (
            "two spellings, one leaf",
            "A2 83 03 00 09 18 5F 03 A1 00 A1 09 18 60".into(),
            "/",
            conflict(11, "/3/0/9"),
        ),
        (
            "duplicate leaf key",
            "A1 82 03 00 A2 09 01 09 02".into(),
            "/3/0",
            conflict(7, "/3/0/9"),
        ),
        (
            "[13] and 13 in one map",
            "A2 81 0D A1 00 A1 01 01 0D A1 00 A1 02 02".into(),
            "/",
            conflict(8, "/13"),
        ),
        (
            "leaf then map at one path",
            "A2 83 03 00 06 01 83 03 00 06 A1 00 01".into(),
            "/",
            conflict(6, "/3/0/6"),
        ),
        (
            "map then leaf at one path",
            "A2 83 03 00 06 A1 00 01 83 03 00 06 01".into(),
            "/",
            conflict(8, "/3/0/6"),
        ),
        (
            "value below an empty map",
            "A2 83 03 00 0B A0 84 03 00 0B 00 01".into(),
            "/",
            conflict(1, "/3/0/11"),
        ),
        (
            "empty map twice",
            "A2 82 03 00 A0 03 A1 00 A0".into(),
            "/",
            conflict(7, "/3/0"),
        ),
        (
            "empty map below an empty map",
            "A2 03 A0 82 03 00 A0".into(),
            "/",
            conflict(3, "/3/0"),
        ),
        // Ids out of range, empty keys, too many ids.
        (
            "id 65535",
            "A1 83 03 00 19 FF FF 01".into(),
            "/",
            Error::IdOutOfRange {
                offset: 4,
                id: 65535,
            },
        ),
        (
            "id 2^64-1",
            "A1 1B FF FF FF FF FF FF FF FF A0".into(),
            "/",
            Error::IdOutOfRange {
                offset: 1,
                id: u64::MAX,
            },
        ),
        (
            "empty key array",
            "A1 80 01".into(),
            "/",
            Error::EmptyKey { offset: 1 },
        ),
        (
            "empty indefinite key array",
            "A1 9F FF 01".into(),
            "/",
            Error::EmptyKey { offset: 1 },
        ),
        (
            "five ids in one key",
            "A1 85 03 00 06 00 01 01".into(),
            "/",
            Error::PathTooLong {
                offset: 6,
                path: p("/3/0/6/0"),
            },
        ),
        (
            "five ids nested",
            "A1 84 03 00 06 00 A1 01 01".into(),
            "/",
            Error::PathTooLong {
                offset: 7,
                path: p("/3/0/6/0"),
            },
        ),
        (
            "nested maps past 4 levels",
            "A1 00 A1 00 A1 00 A1 00 A1 00 A1 00 01".into(),
            "/",
            Error::PathTooLong {
                offset: 9,
                path: p("/0/0/0/0"),
            },
        ),
        (
            "empty map at a resource instance",
            "A1 84 03 00 07 01 A0".into(),
            "/",
            u(6, "a leaf value at a resource instance path"),
        ),
        // Leaves above resource level.
        (
            "leaf at an instance",
            "A1 82 03 00 05".into(),
            "/",
            Error::LeafAboveResource {
                offset: 4,
                path: p("/3/0"),
            },
        ),
        (
            "leaf at an object",
            "A1 03 05".into(),
            "/",
            Error::LeafAboveResource {
                offset: 2,
                path: p("/3"),
            },
        ),
        // Keys of the wrong kind.
        ("tagged key", "A1 C1 03 01".into(), "/", u(1, KEY)),
        ("negative key", "A1 20 01".into(), "/", u(1, KEY)),
        (
            "gateway text key",
            "A1 64 64 65 76 31 A0".into(),
            "/",
            u(
                1,
                "an unsigned integer or array key (gateway text prefixes are not supported)",
            ),
        ),
        (
            "text in key array",
            "A1 82 03 61 30 01".into(),
            "/",
            u(3, "an unsigned integer path id in a key array"),
        ),
        (
            "break in definite key array",
            "A1 82 03 FF 01".into(),
            "/",
            malformed(3, Malformed::UnexpectedBreak),
        ),
        (
            "break in definite map",
            "A1 FF".into(),
            "/",
            malformed(1, Malformed::UnexpectedBreak),
        ),
        (
            "break as a value",
            "BF 83 03 00 09 FF".into(),
            "/",
            malformed(5, Malformed::UnexpectedBreak),
        ),
        // Tags on the wrong types.
        (
            "tag 1 on a String resource",
            "A1 83 03 00 00 C1 05".into(),
            "/",
            value(5, "/3/0/0", DataType::String, ValueErrorKind::WrongType),
        ),
        (
            "tag 4 on an Integer resource",
            "A1 83 03 00 09 C4 82 20 18 2D".into(),
            "/",
            value(5, "/3/0/9", DataType::Integer, ValueErrorKind::WrongType),
        ),
        (
            "tag 0 on an integer",
            "A1 83 03 00 0D C0 05".into(),
            "/",
            u(6, "a text string in tag 0"),
        ),
        (
            "tag 1 on a text",
            "A1 83 03 00 0D C1 61 31".into(),
            "/",
            u(6, "an integer or float in tag 1"),
        ),
        (
            "tag 2 bignum",
            "A1 83 03 00 09 C2 41 01".into(),
            "/",
            u(5, "tag 0, 1 or 4 (no other tag has a meaning here)"),
        ),
        (
            "bignum in a decimal fraction",
            "A1 83 0D 00 01 C4 82 20 C2 41 01".into(),
            "/",
            u(8, "an integer in a decimal fraction"),
        ),
        (
            "tag 1 beyond i64",
            "A1 83 03 00 0D C1 1B FF FF FF FF FF FF FF FF".into(),
            "/",
            value(5, "/3/0/13", DataType::Time, ValueErrorKind::OutOfRange),
        ),
        (
            "tag 0 not a date",
            "A1 83 03 00 0D C0 63 61 62 63".into(),
            "/",
            value(5, "/3/0/13", DataType::Time, ValueErrorKind::InvalidNumber),
        ),
        // Types from the model.
        (
            "text for an Integer resource",
            "A1 83 03 00 09 61 78".into(),
            "/",
            value(5, "/3/0/9", DataType::Integer, ValueErrorKind::WrongType),
        ),
        (
            "integer beyond i64",
            "A1 83 03 00 09 1B FF FF FF FF FF FF FF FF".into(),
            "/",
            value(5, "/3/0/9", DataType::Integer, ValueErrorKind::OutOfRange),
        ),
        (
            "bad object link",
            "A1 84 18 41 00 00 00 63 36 36 3A".into(),
            "/",
            value(
                7,
                "/65/0/0/0",
                DataType::Objlnk,
                ValueErrorKind::InvalidObjectLink,
            ),
        ),
        (
            "null outside a composite",
            "A1 84 03 00 07 01 F6".into(),
            "/3/0",
            value(6, "/3/0/7/1", DataType::Integer, ValueErrorKind::NoValue),
        ),
        (
            "invalid UTF-8",
            "A1 83 03 00 00 62 C3 28".into(),
            "/",
            malformed(5, Malformed::InvalidUtf8),
        ),
        (
            "reserved additional info",
            "A1 83 03 00 09 1C".into(),
            "/",
            malformed(5, Malformed::ReservedInfo),
        ),
        (
            "undefined leaf",
            "A1 83 03 00 09 F7".into(),
            "/",
            u(5, LEAF),
        ),
        // Truncated items.
        (
            "value missing",
            "A1 83 03 00".into(),
            "/",
            Error::Truncated { offset: 4 },
        ),
        (
            "argument cut",
            "A1 83 03 00 09 19 01".into(),
            "/",
            Error::Truncated { offset: 5 },
        ),
        (
            "second entry missing",
            "A2 83 03 00 09 01".into(),
            "/",
            Error::Truncated { offset: 6 },
        ),
        (
            "indefinite map not closed",
            "BF 83 03 00 09 01".into(),
            "/",
            Error::Truncated { offset: 6 },
        ),
        (
            "key array cut",
            "A1 83 03 00".into(),
            "/",
            Error::Truncated { offset: 4 },
        ),
        (
            "string cut",
            "A1 83 03 00 00 65 4F 70".into(),
            "/",
            Error::Truncated { offset: 5 },
        ),
        (
            "chunked string not closed",
            "A1 83 03 00 00 7F 61 61".into(),
            "/",
            Error::Truncated { offset: 5 },
        ),
        // Huge declared lengths: nothing is allocated by the claim.
        (
            "text of 2^32-1 bytes",
            "A1 83 03 00 00 7A FF FF FF FF 41".into(),
            "/",
            Error::Truncated { offset: 5 },
        ),
        (
            "bytes of 2^64-1 bytes",
            "A1 83 0D 00 01 5B FF FF FF FF FF FF FF FF 00".into(),
            "/",
            Error::Truncated { offset: 5 },
        ),
        (
            "map of 2^64-1 pairs",
            "BB FF FF FF FF FF FF FF FF 83 03 00 09 01".into(),
            "/",
            Error::Truncated { offset: 14 },
        ),
        (
            "key array of 2^64-1 ids",
            "A1 9B FF FF FF FF FF FF FF FF 03".into(),
            "/",
            Error::Truncated { offset: 11 },
        ),
        // Trailing bytes.
        (
            "trailing byte",
            "A1 83 03 00 09 18 64 00".into(),
            "/",
            Error::TrailingBytes { offset: 7 },
        ),
        (
            "two top maps",
            "A0 A0".into(),
            "/",
            Error::TrailingBytes { offset: 1 },
        ),
        // Deep nesting of arrays, maps and tags: rejected at the first level that is wrong.
        (
            "deeply nested arrays as a leaf",
            format!("A1 83 03 00 09 {}", "81 ".repeat(10_000)),
            "/",
            u(5, LEAF),
        ),
        (
            "deeply nested arrays as a key",
            format!("A1 {} 01", "81 ".repeat(10_000)),
            "/",
            u(2, "an unsigned integer path id in a key array"),
        ),
        (
            "deeply nested maps",
            "A1 00 ".repeat(10_000),
            "/",
            Error::PathTooLong {
                offset: 9,
                path: p("/0/0/0/0"),
            },
        ),
        (
            "deeply nested tags",
            format!("A1 83 03 00 0D {} 01", "C1 ".repeat(10_000)),
            "/",
            u(6, "an integer or float in tag 1"),
        ),
        // Paths outside the request.
        (
            "outside the request path",
            "A1 83 03 00 09 18 64".into(),
            "/3/1",
            Error::OutsidePath {
                offset: 1,
                request: p("/3/1"),
                path: p("/3/0/9"),
            },
        ),
        (
            "empty map outside",
            "A1 82 04 00 A0".into(),
            "/3",
            Error::OutsidePath {
                offset: 1,
                request: p("/3"),
                path: p("/4/0"),
            },
        ),
    ];
    let n = cases.len();
    for (name, bytes, path, expected) in cases {
        let got = decode(&hex(&bytes), &p(path), &models());
        assert_eq!(got, Err(expected), "{name}");
        // The streaming reader reports the same structural errors (value typing aside).
        if !matches!(
            expected,
            Error::Value { .. } | Error::Conflict { .. } | Error::OutsidePath { .. }
        ) {
            let err = Reader::new(&hex(&bytes)).find_map(Result::err);
            assert_eq!(err, Some(expected), "reader: {name}");
        }
    }
    assert!(n >= 60);
}

#[test]
fn duplicate_key_after_many_maps() {
    // {[13, 0, 1]: {0: 1}, ..., [13, 0, 12]: {0: 1}, [13, 0, 1]: {1: 1}}: the duplicate of
    // the first key comes after more maps than are tracked in place.
    let mut bytes = vec![0xAD];
    for r in 1..=12u8 {
        bytes.extend_from_slice(&[0x83, 0x0D, 0x00, r, 0xA1, 0x00, 0x01]);
    }
    let dup = bytes.len();
    bytes.extend_from_slice(&[0x83, 0x0D, 0x00, 0x01, 0xA1, 0x01, 0x01]);
    assert_eq!(
        decode(&bytes, &Path::ROOT, &models()),
        Err(conflict(dup, "/13/0/1"))
    );
    // Without the duplicate, the same maps decode.
    bytes.truncate(dup);
    bytes[0] = 0xAC;
    let Node::Root(objects) = decode(&bytes, &Path::ROOT, &models()).unwrap() else {
        panic!()
    };
    assert_eq!(
        objects
            .get(13)
            .unwrap()
            .instances
            .get(0)
            .unwrap()
            .resources
            .len(),
        12
    );
}

#[test]
fn messages_say_what_and_where() {
    let e = decode(&hex("A1 83 03 00 19 FF FF 01"), &Path::ROOT, &models()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "path id 65535 at byte 4 is out of range (max 65534)"
    );
    assert_eq!(e.offset(), Some(4));
    let e = decode(&hex("A1 83 03 00 09 61 78"), &Path::ROOT, &models()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid Integer value at byte 5 for /3/0/9: wrong cbor type"
    );
    let e = decode(
        &hex("A2 83 03 00 09 18 5F 03 A1 00 A1 09 18 60"),
        &Path::ROOT,
        &models(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "/3/0/9 at byte 11 appears twice or conflicts"
    );
    assert!(!e.is_truncated());
    assert!(
        decode(&hex("A1 83"), &Path::ROOT, &models())
            .unwrap_err()
            .is_truncated()
    );
}

#[test]
fn entry_limit() {
    let opts = DecodeOptions::default().with_max_entries(2);
    let bytes = hex("A3 83 0D 00 01 01 83 0D 00 02 02 83 0D 00 03 03");
    assert_eq!(
        decode_with(&bytes, &Path::ROOT, &models(), &opts),
        Err(Error::TooManyEntries { offset: 11 })
    );
    assert!(decode(&bytes, &Path::ROOT, &models()).is_ok());
}

#[test]
fn reader_is_fused_after_an_error() {
    let bytes = hex("A2 83 03 00 09 19 01");
    let mut r = Reader::new(&bytes);
    assert_eq!(r.next(), Some(Err(Error::Truncated { offset: 5 })));
    assert_eq!(r.next(), None);
}

#[test]
fn composite_hostile() {
    // null above resource instance level.
    assert_eq!(
        decode_composite(&hex("A1 83 03 00 09 F6"), &models()),
        Err(value(
            5,
            "/3/0/9",
            DataType::Integer,
            ValueErrorKind::NoValue
        ))
    );
    // null and a value at one path.
    assert_eq!(
        decode_composite(&hex("A2 84 03 00 07 01 F6 84 03 00 07 01 05"), &models()),
        Err(conflict(7, "/3/0/7/1"))
    );
    // null at an instance of a single resource.
    assert_eq!(
        decode_composite(&hex("A2 83 03 00 07 05 84 03 00 07 01 F6"), &models()),
        Err(conflict(6, "/3/0/7/1"))
    );
    // Two spellings, one leaf.
    assert_eq!(
        decode_composite(&hex("A2 83 03 00 09 18 5F 03 A1 00 A1 09 18 60"), &models()),
        Err(conflict(11, "/3/0/9"))
    );
    // A value below an empty map.
    assert_eq!(
        decode_composite(&hex("A2 83 03 00 0B A0 84 03 00 0B 00 01"), &models()),
        Err(conflict(1, "/3/0/11"))
    );
}

#[test]
fn writer_refuses_overlaps_and_wrong_levels() {
    let mut c = Composite::new();
    c.insert(
        p("/3/0"),
        Some(Node::ObjectInstance(
            lwm2m_types::ObjectInstance::new(0).with(Resource::single(9, Value::Integer(1))),
        )),
    );
    c.insert(
        p("/3/0/9"),
        Some(Node::Resource(Resource::single(9, Value::Integer(2)))),
    );
    assert_eq!(encode_composite(&c), Err(conflict(0, "/3/0/9")));

    let mut c = Composite::new();
    c.insert(p("/3/0/9"), None);
    assert!(matches!(
        encode_composite(&c),
        Err(Error::WrongLevel { .. })
    ));

    let mut w = Writer::new();
    w.push(p("/3/0"), ValueRef::Integer(1));
    assert!(matches!(
        w.finish(&mut Vec::new()),
        Err(Error::WrongLevel { .. })
    ));
    let mut w = Writer::new();
    w.push_empty(p("/3/0/1/2"));
    assert!(matches!(
        w.finish(&mut Vec::new()),
        Err(Error::WrongLevel { .. })
    ));
    let mut w = Writer::new();
    w.push(p("/3/0/1"), ValueRef::Integer(1));
    w.push(p("/3/0/1"), ValueRef::Integer(2));
    assert_eq!(w.finish(&mut Vec::new()), Err(conflict(0, "/3/0/1")));
}
