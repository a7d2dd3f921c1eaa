//! Hostile and malformed input: each case asserts the specific error kind and byte offset (or
//! the documented behaviour when the input is accepted).

mod common;

use common::{hex, model, p};
use lwm2m_senml::{Error, FieldKind, LimitKind, Options, SyntaxKind, cbor, json, lwm2m_json};
use lwm2m_types::{DataType, NoModel, Node, PathErrorKind, Resource, Value, ValueErrorKind};

/// Offset of the `nth` (0-based) occurrence of `needle` in `hay`.
fn at(hay: &[u8], needle: &str, nth: usize) -> usize {
    let n = needle.as_bytes();
    hay.windows(n.len())
        .enumerate()
        .filter(|(_, w)| *w == n)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in input"))
        .0
}

/// A table row: what, the input, the expected error computed from the input.
type Case<'a> = (&'a str, &'a [u8], Box<dyn Fn(&[u8]) -> Error>);

fn field(offset: usize, label: &'static str, kind: FieldKind) -> Error {
    Error::Field {
        offset,
        label,
        kind,
    }
}

fn conflict(offset: usize, path: &str) -> Error {
    Error::Node {
        offset,
        error: lwm2m_types::Error::Conflict { path: p(path) },
    }
}

fn name(offset: usize, segment: u8, kind: PathErrorKind) -> Error {
    Error::Name {
        offset,
        segment,
        kind,
    }
}

fn syntax(offset: usize, kind: SyntaxKind) -> Error {
    Error::Syntax { offset, kind }
}

fn value(offset: usize, path: &str, expected: DataType, kind: ValueErrorKind) -> Error {
    Error::Value {
        offset,
        path: p(path),
        expected,
        kind,
    }
}

fn jd(b: &[u8]) -> Result<Node, Error> {
    json::decode(b, &p("/3/0"), &model())
}

#[test]
fn senml_json_table() {
    let m = model();
    #[rustfmt::skip]
    let cases: Vec<Case<'_>> = vec![
        ("resource then its own instance", br#"[{"n":"/3/0/6","v":1},{"n":"/3/0/6/0","v":1}]"#,
            Box::new(|b| conflict(at(b, "{", 1), "/3/0/6/0"))),
        ("instance then its resource", br#"[{"n":"/3/0/6/0","v":1},{"n":"/3/0/6","v":1}]"#,
            Box::new(|b| conflict(at(b, "{", 1), "/3/0/6"))),
        ("duplicate record", br#"[{"bn":"/3/0/","n":"9","v":1},{"n":"9","v":2}]"#,
            Box::new(|b| conflict(at(b, "{", 1), "/3/0/9"))),
        ("empty name", br#"[{"n":"","v":1}]"#, Box::new(|_| name(1, 0, PathErrorKind::MissingSlash))),
        ("empty base name", br#"[{"bn":"","v":1}]"#, Box::new(|_| name(1, 0, PathErrorKind::MissingSlash))),
        ("no name at all", br#"[{"v":1}]"#, Box::new(|_| field(1, "n", FieldKind::MissingName))),
        ("name without slash", br#"[{"n":"3/0/9","v":1}]"#, Box::new(|_| name(1, 0, PathErrorKind::MissingSlash))),
        ("name with letters", br#"[{"n":"/3/0/a","v":1}]"#, Box::new(|_| name(1, 3, PathErrorKind::NotDigits))),
        ("name too deep", br#"[{"n":"/3/0/6/0/1","v":1}]"#, Box::new(|_| name(1, 5, PathErrorKind::TooDeep))),
        ("id 65535", br#"[{"n":"/3/0/65535","v":1}]"#, Box::new(|_| name(1, 3, PathErrorKind::OutOfRange))),
        ("empty segment", br#"[{"n":"/3//9","v":1}]"#, Box::new(|_| name(1, 2, PathErrorKind::EmptySegment))),
        ("leading zero", br#"[{"n":"/3/0/09","v":1}]"#, Box::new(|_| name(1, 3, PathErrorKind::LeadingZero))),
        ("trailing slash", br#"[{"bn":"/3/0/","v":1}]"#, Box::new(|_| name(1, 3, PathErrorKind::EmptySegment))),
        ("value at instance level", br#"[{"n":"/3/0","v":1}]"#, Box::new(|_| Error::Node { offset: 1,
            error: lwm2m_types::Error::WrongLevel { path: p("/3/0"), expected: "a resource or resource instance path for a value" } })),
        ("outside the request path", br#"[{"n":"/4/0/1","v":1}]"#, Box::new(|_| Error::Node { offset: 1,
            error: lwm2m_types::Error::OutsidePath { request: p("/3/0"), path: p("/4/0/1") } })),
        ("duplicate label", br#"[{"n":"/3/0/9","n":"/3/0/9","v":1}]"#, Box::new(|b| field(at(b, "\"n\"", 1), "n", FieldKind::Duplicate))),
        ("two value fields", br#"[{"n":"/3/0/9","v":1,"vs":"a"}]"#, Box::new(|b| field(at(b, "\"vs\"", 0), "vs", FieldKind::TwoValues))),
        ("label ending in _", br#"[{"n":"/3/0/9","foo_":1,"v":1}]"#, Box::new(|b| field(at(b, "\"foo_\"", 0), "_", FieldKind::MustUnderstand))),
        ("empty label", br#"[{"n":"/3/0/9","":1,"v":1}]"#, Box::new(|b| field(at(b, "\"\"", 0), "", FieldKind::EmptyLabel))),
        ("bv", br#"[{"n":"/3/0/9","bv":1,"v":1}]"#, Box::new(|b| field(at(b, "\"bv\"", 0), "bv", FieldKind::Unsupported))),
        ("bs", br#"[{"n":"/3/0/9","bs":1,"v":1}]"#, Box::new(|b| field(at(b, "\"bs\"", 0), "bs", FieldKind::Unsupported))),
        ("s", br#"[{"n":"/3/0/9","s":1}]"#, Box::new(|b| field(at(b, "\"s\"", 0), "s", FieldKind::Unsupported))),
        ("bver 11", br#"[{"bver":11,"n":"/3/0/9","v":1}]"#, Box::new(|_| field(9, "bver", FieldKind::UnsupportedVersion))),
        ("bver differs", br#"[{"bver":10,"n":"/3/0/9","v":1},{"bver":9,"n":"/3/0/10","v":1}]"#,
            Box::new(|b| field(at(b, "9,", 0), "bver", FieldKind::VersionMismatch))),
        ("1e400", br#"[{"n":"/3/0/9","v":1e400}]"#, Box::new(|b| field(at(b, "1e400", 0), "v", FieldKind::OutOfRange))),
        ("huge integer for an Integer resource", br#"[{"n":"/3/0/9","v":123456789012345678901234567890}]"#,
            Box::new(|b| value(at(b, "123", 0), "/3/0/9", DataType::Integer, ValueErrorKind::OutOfRange))),
        ("2^63 for an Integer resource", br#"[{"n":"/3/0/9","v":9223372036854775808}]"#,
            Box::new(|b| value(at(b, "922", 0), "/3/0/9", DataType::Integer, ValueErrorKind::OutOfRange))),
        ("fraction for an Integer resource", br#"[{"n":"/3/0/9","v":1.5}]"#,
            Box::new(|b| value(at(b, "1.5", 0), "/3/0/9", DataType::Integer, ValueErrorKind::InvalidNumber))),
        ("vs for an Integer resource", br#"[{"n":"/3/0/9","vs":"1"}]"#,
            Box::new(|b| value(at(b, "\"1\"", 0), "/3/0/9", DataType::Integer, ValueErrorKind::WrongType))),
        ("Time with a fraction", br#"[{"n":"/3/0/13","v":1.5}]"#,
            Box::new(|b| value(at(b, "1.5", 0), "/3/0/13", DataType::Time, ValueErrorKind::InvalidNumber))),
        ("base times that overflow", br#"[{"bn":"/3/0/","bt":1.7e308,"n":"9","v":1,"t":1.7e308}]"#,
            Box::new(|b| field(at(b, "1.7e308", 1), "t", FieldKind::OutOfRange))),
        ("base time 1e400", br#"[{"bn":"/3/0/","bt":-1e400,"n":"9","v":1}]"#,
            Box::new(|b| field(at(b, "-1e400", 0), "bt", FieldKind::OutOfRange))),
        ("vb:t", br#"[{"n":"/1024/0/2","vb":t}]"#, Box::new(|b| syntax(at(b, "t}", 0), SyntaxKind::ExpectedValue))),
        ("vb:\"true\"", br#"[{"n":"/3/0/9","vb":"true"}]"#, Box::new(|b| field(at(b, "\"true\"", 0), "vb", FieldKind::WrongType))),
        ("bn as a number", br#"[{"bn":3,"v":1}]"#, Box::new(|_| field(7, "bn", FieldKind::WrongType))),
        ("invalid UTF-8", b"[{\"n\":\"/3/0/0\",\"vs\":\"a\xff\"}]", Box::new(|b| Error::InvalidUtf8 { offset: at(b, "a", 0) + 1 })),
        ("control character", b"[{\"n\":\"/3/0/0\",\"vs\":\"a\x01\"}]", Box::new(|b| syntax(at(b, "a", 0) + 1, SyntaxKind::ControlCharacter))),
        ("bad escape", br#"[{"n":"/3/0/0","vs":"a\x"}]"#, Box::new(|b| syntax(at(b, "\\", 0), SyntaxKind::InvalidEscape))),
        ("trailing bytes", br#"[{"n":"/3/0/9","v":1}] x"#, Box::new(|b| Error::TrailingBytes { offset: b.len() - 1 })),
        ("two packs", br#"[][]"#, Box::new(|_| Error::TrailingBytes { offset: 2 })),
        ("truncated", br#"[{"n":"/3/0/9","v":1"#, Box::new(|b| Error::Eof { offset: b.len() })),
        ("truncated string", br#"[{"n":"/3/0/9"#, Box::new(|b| Error::Eof { offset: b.len() })),
        ("truncated literal", br#"[{"n":"/1024/0/2","vb":tr"#, Box::new(|b| Error::Eof { offset: b.len() })),
        ("object instead of pack", br#"{"n":"/3/0/9"}"#, Box::new(|_| syntax(0, SyntaxKind::ExpectedArray))),
        ("array inside the pack", br#"[[{"n":"/3/0/9","v":1}]]"#, Box::new(|_| syntax(1, SyntaxKind::ExpectedObject))),
        ("missing comma", br#"[{"n":"/3/0/9" "v":1}]"#, Box::new(|b| syntax(at(b, " ", 0) + 1, SyntaxKind::ExpectedCommaOrEnd))),
        ("leading zero number", br#"[{"n":"/3/0/9","v":01}]"#, Box::new(|b| syntax(at(b, "01", 0), SyntaxKind::InvalidNumber))),
        ("no value in a read response", br#"[{"n":"/3/0/9"}]"#, Box::new(|_| field(1, "v", FieldKind::MissingValue))),
        ("null in a read response", br#"[{"n":"/3/0/9","v":null}]"#, Box::new(|b| field(at(b, "null", 0), "v", FieldKind::NullNotAllowed))),
        ("bad object link", br#"[{"n":"/3/0/9","vlo":"66"}]"#,
            Box::new(|b| value(at(b, "\"66\"", 0), "/3/0/9", DataType::Integer, ValueErrorKind::WrongType))),
        ("padded vd", br#"[{"n":"/3/0/9","vd":"AQ=="}]"#,
            Box::new(|b| value(at(b, "\"AQ", 0), "/3/0/9", DataType::Integer, ValueErrorKind::WrongType))),
    ];
    for (what, bytes, want) in &cases {
        assert_eq!(jd(bytes), Err(want(bytes)), "{what}");
    }
    // Object links and opaque checked against their own resources.
    let b = br#"[{"n":"/66/0/2","vlo":"66"}]"#;
    assert_eq!(
        json::decode(b, &p("/66/0/2"), &m),
        Err(value(
            at(b, "\"66\"", 0),
            "/66/0/2",
            DataType::Objlnk,
            ValueErrorKind::InvalidObjectLink
        ))
    );
    let b = br#"[{"n":"/0/0/3","vd":"AQ=="}]"#;
    assert_eq!(
        json::decode(b, &p("/0/0/3"), &m),
        Err(value(
            at(b, "\"AQ", 0),
            "/0/0/3",
            DataType::Opaque,
            ValueErrorKind::InvalidBase64
        ))
    );
    let lenient = Options {
        lenient_base64: true,
        ..Options::DEFAULT
    };
    assert_eq!(
        json::decode_with(b, &p("/0/0/3"), &m, &lenient),
        Ok(Node::Resource(Resource::single(
            3,
            Value::Opaque(vec![1].into())
        )))
    );
}

#[test]
fn unknown_labels_are_ignored() {
    let b = br#"[{"n":"/3/0/9","foo":[1,{"a":[null,true,"x\"]"]}],"bu":"m","u":"s","ut":5,"v":1,"vx":{}}]"#;
    assert_eq!(
        json::decode(b, &p("/3/0/9"), &model()),
        Ok(Node::Resource(Resource::single(9, Value::Integer(1))))
    );
    // CBOR: unknown integer key 99 and text key "x" (with nested content) are skipped.
    let c = hex("81 A4 00 66 2F33 2F30 2F39 18 63 82 01 A1 01 9F 02 FF 61 78 C1 00 02 01");
    assert_eq!(
        cbor::decode(&c, &p("/3/0/9"), &model()),
        Ok(Node::Resource(Resource::single(9, Value::Integer(1))))
    );
}

#[test]
fn deep_json_nesting_hits_the_limit() {
    let mut b = br#"[{"n":"/3/0/9","x":"#.to_vec();
    let start = b.len();
    b.extend(std::iter::repeat_n(b'[', 100_000));
    // Pack and record are levels 1 and 2; an unknown field may nest 30 more with depth 32.
    assert_eq!(
        jd(&b),
        Err(Error::Limit {
            offset: start + 30,
            kind: LimitKind::Depth
        })
    );
    let opts = Options {
        max_depth: 4,
        ..Options::DEFAULT
    };
    assert_eq!(
        json::decode_with(&b, &p("/3/0"), &model(), &opts),
        Err(Error::Limit {
            offset: start + 2,
            kind: LimitKind::Depth
        })
    );
    // 30 levels are fine.
    let mut ok = br#"[{"n":"/3/0/9","x":"#.to_vec();
    ok.extend(std::iter::repeat_n(b'[', 30));
    ok.extend(std::iter::repeat_n(b']', 30));
    ok.extend_from_slice(br#","v":1}]"#);
    assert!(jd(&ok).is_ok());
}

#[test]
fn record_count_limit() {
    let b = br#"[{"n":"/3/0/9","v":1},{"n":"/3/0/10","v":1}]"#;
    let opts = Options {
        max_records: 1,
        ..Options::DEFAULT
    };
    assert_eq!(
        json::decode_with(b, &p("/3/0"), &model(), &opts),
        Err(Error::Limit {
            offset: at(b, "{", 1),
            kind: LimitKind::Records
        })
    );
    let c = hex("82 A2 00 66 2F33 2F30 2F39 02 01 A2 00 66 2F33 2F30 2F39 02 01");
    assert_eq!(
        cbor::decode_with(&c, &p("/3/0"), &model(), &opts),
        Err(Error::Limit {
            offset: 12,
            kind: LimitKind::Records
        })
    );
}

#[test]
fn exact_extreme_integers() {
    let m = model();
    let all = common::ALL_TYPES;
    let b = format!(
        r#"[{{"bn":"/{all}/0/","n":"1","v":-9223372036854775808}},{{"n":"2","v":18446744073709551615}}]"#
    );
    let Node::ObjectInstance(i) = json::decode(b.as_bytes(), &p(&format!("/{all}/0")), &m).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        i.resources.get(1).unwrap().value(),
        Some(&Value::Integer(i64::MIN))
    );
    assert_eq!(
        i.resources.get(2).unwrap().value(),
        Some(&Value::UnsignedInteger(u64::MAX))
    );
    // Without a model: beyond i64 is Unsigned, beyond u64 a float.
    let c = json::decode_composite(
        br#"[{"n":"/5/0/1","v":18446744073709551615},{"n":"/5/0/2","v":18446744073709551616}]"#,
        &NoModel,
    )
    .unwrap();
    assert_eq!(
        c.get(&p("/5/0/1")),
        Some(Some(&Node::Resource(Resource::single(
            1,
            Value::UnsignedInteger(u64::MAX)
        ))))
    );
    assert_eq!(
        c.get(&p("/5/0/2")),
        Some(Some(&Node::Resource(Resource::single(
            2,
            Value::Float(18446744073709551616.0)
        ))))
    );
    // A float that is an exact integer is fine for an Integer resource.
    assert_eq!(
        json::decode(br#"[{"n":"/3/0/9","v":1.0e2}]"#, &p("/3/0/9"), &m),
        Ok(Node::Resource(Resource::single(9, Value::Integer(100))))
    );
}

#[test]
fn composite_rules() {
    let m = model();
    let b = br#"[{"n":"/3/0/7","v":1},{"n":"/3/0/7/1","v":1}]"#;
    assert_eq!(
        json::decode_composite(b, &m),
        Err(conflict(at(b, "{", 1), "/3/0/7/1"))
    );
    let b = br#"[{"n":"/3/0/7/1","v":1},{"n":"/3/0/7","v":1}]"#;
    assert_eq!(
        json::decode_composite(b, &m),
        Err(conflict(at(b, "{", 1), "/3/0/7/1"))
    );
    let b = br#"[{"n":"/3/0"},{"n":"/3/0"}]"#;
    assert_eq!(
        json::decode_composite(b, &m),
        Err(conflict(at(b, "{", 1), "/3/0"))
    );
    // `null` deletes only resource instances.
    let b = br#"[{"n":"/3/0/7","v":null}]"#;
    assert_eq!(
        json::decode_composite(b, &m),
        Err(field(at(b, "null", 0), "v", FieldKind::NullNotAllowed))
    );
    // A value needs a resource level path.
    let b = br#"[{"n":"/3/0","v":1}]"#;
    assert!(matches!(
        json::decode_composite(b, &m),
        Err(Error::Node {
            offset: 1,
            error: lwm2m_types::Error::WrongLevel { .. }
        })
    ));
    // Timestamped content needs values.
    let b = br#"[{"n":"/3/0/9"}]"#;
    assert_eq!(
        json::decode_timestamped(b, &m),
        Err(field(1, "v", FieldKind::MissingValue))
    );
    // Encoding a delete above resource instance level is refused.
    let mut c = lwm2m_types::Composite::new();
    c.insert(p("/3/0/7"), None);
    assert_eq!(
        json::encode_write_composite(&c),
        Err(Error::Encode {
            path: p("/3/0/7"),
            kind: lwm2m_senml::EncodeKind::DeleteNotResourceInstance
        })
    );
}

#[test]
fn senml_cbor_table() {
    let m = model();
    let cd = |b: &[u8]| cbor::decode(b, &p("/3/0"), &m);
    // [{0: "/3/0/9", ...}] prefix: 81 A2 00 66 2F 33 2F 30 2F 39 (10 bytes), value key at 10.
    #[rustfmt::skip]
    let cases: Vec<(&str, Vec<u8>, Error)> = vec![
        ("huge text length", hex("81 A1 00 7B FFFFFFFFFFFFFFFF"), Error::Eof { offset: 12 }),
        ("huge text length 2^63", hex("81 A1 00 7B 8000000000000000 2F"), Error::Eof { offset: 13 }),
        ("huge byte string in vd", hex("81 A2 00 66 2F332F302F39 08 5A FFFFFFFF 00"), Error::Eof { offset: 17 }),
        ("huge record count", hex("9B FFFFFFFFFFFFFFFF A2 00 66 2F332F302F39 02 01"), Error::Eof { offset: 20 }),
        ("huge map count", hex("81 BB 00000000FFFFFFFF 00 66 2F332F302F39 02 01"), Error::Eof { offset: 20 }),
        ("empty text label", hex("81 A2 00 66 2F332F302F39 60 01"), field(10, "", FieldKind::EmptyLabel)),
        ("text label ending in _", hex("81 A2 00 66 2F332F302F39 62 78 5F 01"), field(10, "_", FieldKind::MustUnderstand)),
        ("byte string key", hex("81 A1 41 00 01"), syntax(2, SyntaxKind::InvalidKey)),
        ("reserved additional info", hex("81 A1 00 7C"), syntax(3, SyntaxKind::ReservedAdditionalInfo)),
        ("break as a key", hex("81 A1 FF"), syntax(2, SyntaxKind::UnexpectedBreak)),
        ("break as a value", hex("81 A1 02 FF"), syntax(3, SyntaxKind::UnexpectedBreak)),
        ("invalid UTF-8 name", hex("81 A2 00 62 2F FF 02 01"), Error::InvalidUtf8 { offset: 5 }),
        ("trailing bytes", hex("80 00"), Error::TrailingBytes { offset: 1 }),
        ("trailing after a record", hex("81 A2 00 66 2F332F302F39 02 01 00"), Error::TrailingBytes { offset: 12 }),
        ("truncated", hex("81 A2 00 66 2F332F302F39 02"), Error::Eof { offset: 11 }),
        ("truncated head", hex("81 A2 00 66 2F332F302F39 02 1A 00"), Error::Eof { offset: 13 }),
        ("vb: 1", hex("81 A2 00 66 2F332F302F39 04 01"), field(11, "vb", FieldKind::WrongType)),
        ("vb: \"t\"", hex("81 A2 00 66 2F332F302F39 04 61 74"), field(11, "vb", FieldKind::WrongType)),
        ("bv", hex("81 A2 00 66 2F332F302F39 24 01"), field(10, "bv", FieldKind::Unsupported)),
        ("bs", hex("81 A2 00 66 2F332F302F39 25 01"), field(10, "bs", FieldKind::Unsupported)),
        ("s", hex("81 A2 00 66 2F332F302F39 05 01"), field(10, "s", FieldKind::Unsupported)),
        ("two values", hex("81 A3 00 66 2F332F302F39 02 01 03 61 31"), field(12, "vs", FieldKind::TwoValues)),
        ("duplicate n", hex("81 A3 00 66 2F332F302F39 00 66 2F332F302F39 02 01"), field(10, "n", FieldKind::Duplicate)),
        ("bignum in v", hex("81 A2 00 66 2F332F302F39 02 C2 41 01"), syntax(11, SyntaxKind::UnsupportedTag)),
        ("decimal fraction 10^400", hex("81 A2 00 66 2F332F302F39 02 C4 82 19 0190 01"), field(11, "v", FieldKind::OutOfRange)),
        ("decimal fraction not an array", hex("81 A2 00 66 2F332F302F39 02 C4 01"), syntax(12, SyntaxKind::InvalidItem)),
        ("base times that overflow", hex("81 A4 21 65 2F332F302F 22 FB 7FEFFFFFFFFFFFFF 00 61 39 06 FB 7FEFFFFFFFFFFFFF 02 01"),
            field(23, "t", FieldKind::OutOfRange)),
        ("infinite base time", hex("81 A3 21 66 2F332F302F39 22 F9 7C00 02 01"), field(11, "bt", FieldKind::OutOfRange)),
        ("indefinite integer", hex("81 A2 00 66 2F332F302F39 02 1F"), syntax(11, SyntaxKind::InvalidItem)),
        ("bad chunk", hex("81 A2 00 7F 62 2F 33 41 30 FF 02 01"), syntax(7, SyntaxKind::InvalidChunk)),
        ("map instead of pack", hex("A1 00 61 2F"), syntax(0, SyntaxKind::ExpectedArray)),
        ("integer inside the pack", hex("81 01"), syntax(1, SyntaxKind::ExpectedObject)),
        ("resource then its own instance", hex("82 A2 00 66 2F332F302F36 02 01 A2 00 68 2F332F302F362F30 02 01"), conflict(12, "/3/0/6/0")),
        ("duplicate record", hex("82 A2 00 66 2F332F302F39 02 01 A2 00 66 2F332F302F39 02 01"), conflict(12, "/3/0/9")),
        ("empty name", hex("81 A2 00 60 02 01"), name(1, 0, PathErrorKind::MissingSlash)),
        ("name not a path", hex("81 A2 00 63 2F 33 78 02 01"), name(1, 1, PathErrorKind::NotDigits)),
        ("bver 11", hex("81 A3 20 0B 00 66 2F332F302F39 02 01"), field(3, "bver", FieldKind::UnsupportedVersion)),
        ("text for an Integer", hex("81 A2 00 66 2F332F302F39 03 61 31"), value(11, "/3/0/9", DataType::Integer, ValueErrorKind::WrongType)),
        ("deep nesting in an unknown field", {
            let mut v = hex("81 A2 00 66 2F332F302F39 18 63");
            v.extend(std::iter::repeat_n(0x81, 10_000));
            v
        }, Error::Limit { offset: 12 + 30, kind: LimitKind::Depth }),
    ];
    for (what, bytes, want) in &cases {
        assert_eq!(cd(bytes), Err(*want), "{what}");
    }
    // The reverse order of resource and instance.
    let b = hex("82 A2 00 68 2F332F302F362F30 02 01 A2 00 66 2F332F302F36 02 01");
    assert_eq!(cd(&b), Err(conflict(14, "/3/0/6")));
    // Accepted oddities: indefinite pack, map and chunked strings; tag 1 and tag 0 Times.
    let b = hex("9F BF 00 7F 62 2F 33 64 2F 30 2F 39 FF 02 01 FF FF");
    assert_eq!(
        cbor::decode(&b, &p("/3/0/9"), &m),
        Ok(Node::Resource(Resource::single(9, Value::Integer(1))))
    );
    let t = Node::Resource(Resource::single(13, Value::Time(1367491215)));
    let b = hex("81 A2 00 67 2F332F302F3133 02 C1 1A 5182428F");
    assert_eq!(cbor::decode(&b, &p("/3/0/13"), &m), Ok(t.clone()));
    let mut b = hex("81 A2 00 67 2F332F302F3133 02 C0 78 19");
    b.extend_from_slice(b"2013-05-02T10:40:15-00:00");
    assert_eq!(cbor::decode(&b, &p("/3/0/13"), &m), Ok(t));
}

#[test]
fn lwm2m_json_table() {
    let m = model();
    let ld = |b: &[u8]| lwm2m_json::decode(b, &p("/3/0"), &m);
    #[rustfmt::skip]
    let cases: Vec<Case<'_>> = vec![
        ("no e", br#"{}"#, Box::new(|_| field(0, "e", FieldKind::MissingEntries))),
        ("no e but bn", br#"{"bn":"/3/0/"}"#, Box::new(|_| field(0, "e", FieldKind::MissingEntries))),
        ("an array", br#"[]"#, Box::new(|_| syntax(0, SyntaxKind::ExpectedObject))),
        ("e twice", br#"{"e":[],"e":[]}"#, Box::new(|b| field(at(b, "\"e\"", 1), "e", FieldKind::Duplicate))),
        ("e an object", br#"{"e":{}}"#, Box::new(|_| field(5, "e", FieldKind::WrongType))),
        ("trailing bytes", br#"{"e":[]}x"#, Box::new(|_| Error::TrailingBytes { offset: 8 })),
        ("truncated", br#"{"e":[{"n":"/3/0/9","v":1}"#, Box::new(|b| Error::Eof { offset: b.len() })),
        ("two values", br#"{"e":[{"n":"/3/0/9","v":1,"sv":"a"}]}"#, Box::new(|b| field(at(b, "\"sv\"", 0), "sv", FieldKind::TwoValues))),
        ("resource then its instance", br#"{"bn":"/3/0/","e":[{"n":"6","v":1},{"n":"6/0","v":1}]}"#,
            Box::new(|b| conflict(at(b, "{", 2), "/3/0/6/0"))),
        ("instance then its resource", br#"{"bn":"/3/0/","e":[{"n":"6/0","v":1},{"n":"6","v":1}]}"#,
            Box::new(|b| conflict(at(b, "{", 2), "/3/0/6"))),
        ("duplicate entries", br#"{"bn":"/3/0/","e":[{"n":"9","v":1},{"n":"9","v":1}]}"#,
            Box::new(|b| conflict(at(b, "{", 2), "/3/0/9"))),
        ("base times that overflow", br#"{"bn":"/3/0/9","bt":1.7e308,"e":[{"v":1,"t":1.7e308}]}"#,
            Box::new(|b| field(at(b, "1.7e308", 1), "t", FieldKind::OutOfRange))),
        ("bv:t", br#"{"bn":"/3/0/9","e":[{"bv":t}]}"#, Box::new(|b| syntax(at(b, "t}", 0), SyntaxKind::ExpectedValue))),
        ("name not a path", br#"{"bn":"/3/0/","e":[{"n":"x","v":1}]}"#, Box::new(|b| name(at(b, "{", 1), 3, PathErrorKind::NotDigits))),
        ("no name", br#"{"e":[{"v":1}]}"#, Box::new(|_| field(6, "n", FieldKind::MissingName))),
        ("deep nesting", b"{\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            Box::new(|_| Error::Limit { offset: 5 + 31, kind: LimitKind::Depth })),
        ("sv for an Integer", br#"{"bn":"/3/0/9","e":[{"sv":"1"}]}"#,
            Box::new(|b| value(at(b, "\"1\"", 0), "/3/0/9", DataType::Integer, ValueErrorKind::WrongType))),
    ];
    for (what, bytes, want) in &cases {
        assert_eq!(ld(bytes), Err(want(bytes)), "{what}");
    }
    // Unknown keys are ignored, at both levels.
    let b = br#"{"x":[1],"bn":"/3/0/","e":[{"n":"9","v":1,"y":{"z":null}}]}"#;
    assert!(ld(b).is_ok());
}
