//! Plain text (0) and opaque (42) against the rules and examples of the TS data-type appendix
//! (spec/text-opaque-json.md, spec/data-types.md).

use lwm2m_types::{
    DataType, Error, NoModel, Node, ObjectLink, ObjectModel, Resource, ResourceInstance,
    ResourceModel, Value, ValueErrorKind, opaque, text,
};

fn ok(input: &str, dt: DataType) -> Value {
    text::decode_value(input.as_bytes(), dt).unwrap_or_else(|e| panic!("{input:?} as {dt}: {e}"))
}

fn bad(input: &[u8], dt: DataType) -> (ValueErrorKind, usize) {
    match text::decode_value(input, dt) {
        Err(Error::Value {
            expected,
            kind,
            offset,
            seen,
        }) => {
            assert_eq!(expected, dt);
            assert!(input.starts_with(seen.as_bytes()) || dt == DataType::Float);
            (kind, offset)
        }
        other => panic!("{input:?} as {dt}: expected a value error, got {other:?}"),
    }
}

fn enc(v: Value) -> String {
    String::from_utf8(text::encode_value(&v).unwrap()).unwrap()
}

#[test]
fn string_and_corelnk() {
    assert_eq!(
        ok("Open Mobile Alliance", DataType::String),
        Value::from("Open Mobile Alliance")
    );
    assert_eq!(ok("", DataType::String), Value::from(""));
    assert_eq!(ok("héllo ✓", DataType::String), Value::from("héllo ✓"));
    assert_eq!(
        ok("</3303/0/5700>;gt=23", DataType::Corelnk),
        Value::CoreLink("</3303/0/5700>;gt=23".into())
    );
    assert_eq!(
        bad(b"ab\xffc", DataType::String),
        (ValueErrorKind::InvalidUtf8, 2)
    );
    assert_eq!(
        bad(b"\xc3", DataType::Corelnk),
        (ValueErrorKind::InvalidUtf8, 0)
    );
    assert_eq!(enc(Value::from("a,b;c")), "a,b;c");
}

#[test]
fn integer() {
    assert_eq!(ok("-750", DataType::Integer), Value::Integer(-750));
    assert_eq!(ok("100", DataType::Integer), Value::Integer(100));
    assert_eq!(ok("0", DataType::Integer), Value::Integer(0));
    assert_eq!(ok("-0", DataType::Integer), Value::Integer(0));
    assert_eq!(ok("007", DataType::Integer), Value::Integer(7));
    assert_eq!(
        ok("9223372036854775807", DataType::Integer),
        Value::Integer(i64::MAX)
    );
    assert_eq!(
        ok("-9223372036854775808", DataType::Integer),
        Value::Integer(i64::MIN)
    );
    let range = (ValueErrorKind::OutOfRange, 0);
    assert_eq!(bad(b"9223372036854775808", DataType::Integer), range);
    assert_eq!(bad(b"-9223372036854775809", DataType::Integer), range);
    assert_eq!(bad(b"99999999999999999999999", DataType::Integer), range);
    let num = ValueErrorKind::InvalidNumber;
    assert_eq!(bad(b"+5", DataType::Integer), (num, 0));
    assert_eq!(bad(b"", DataType::Integer), (num, 0));
    assert_eq!(bad(b"-", DataType::Integer), (num, 0));
    assert_eq!(bad(b" 5", DataType::Integer), (num, 0));
    assert_eq!(bad(b"5 ", DataType::Integer), (num, 1));
    assert_eq!(bad(b"0x10", DataType::Integer), (num, 1));
    assert_eq!(bad(b"1.0", DataType::Integer), (num, 1));
    assert_eq!(bad(b"--1", DataType::Integer), (num, 1));
    // TS example: -750 is the 4 bytes 2D 37 35 30.
    assert_eq!(
        text::encode_value(&Value::Integer(-750)).unwrap(),
        [0x2D, 0x37, 0x35, 0x30]
    );
    assert_eq!(enc(Value::Integer(i64::MIN)), "-9223372036854775808");
}

#[test]
fn unsigned_integer() {
    assert_eq!(
        ok("18", DataType::UnsignedInteger),
        Value::UnsignedInteger(18)
    );
    assert_eq!(
        ok("18446744073709551615", DataType::UnsignedInteger),
        Value::UnsignedInteger(u64::MAX)
    );
    assert_eq!(
        bad(b"18446744073709551616", DataType::UnsignedInteger),
        (ValueErrorKind::OutOfRange, 0)
    );
    assert_eq!(
        bad(b"-1", DataType::UnsignedInteger),
        (ValueErrorKind::InvalidNumber, 0)
    );
    assert_eq!(
        enc(Value::UnsignedInteger(u64::MAX)),
        "18446744073709551615"
    );
}

#[test]
fn time_is_signed_seconds() {
    assert_eq!(ok("1476186613", DataType::Time), Value::Time(1476186613));
    assert_eq!(ok("-86400", DataType::Time), Value::Time(-86400));
    assert_eq!(enc(Value::Time(1367491215)), "1367491215");
    assert_eq!(
        bad(b"2016-10-11", DataType::Time),
        (ValueErrorKind::InvalidNumber, 4)
    );
}

#[test]
fn float_reading() {
    let f = |s: &str| match ok(s, DataType::Float) {
        Value::Float(v) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(f("0.00000000006667"), 6.667e-11);
    assert_eq!(f("56.4"), 56.4);
    assert_eq!(f("1.0E-10"), 1e-10);
    assert_eq!(f("-3.5e+2"), -350.0);
    assert_eq!(f("23"), 23.0);
    assert_eq!(f("-0"), 0.0);
    assert!(f("-0").is_sign_negative());
    assert_eq!(f("1.7976931348623157e308"), f64::MAX);
    assert_eq!(f("4.9e-324"), 5e-324);
    let num = ValueErrorKind::InvalidNumber;
    for (s, at) in [
        ("NaN", 0),
        ("nan", 0),
        ("inf", 0),
        ("-Infinity", 1),
        (".5", 0),
        ("5.", 2),
        ("+1.5", 0),
        ("1.5e", 4),
        ("1e+", 3),
        ("1,5", 1),
        ("0x1p3", 1),
        ("", 0),
        (" 1", 0),
    ] {
        assert_eq!(bad(s.as_bytes(), DataType::Float), (num, at), "{s:?}");
    }
    assert_eq!(
        bad(b"1e400", DataType::Float),
        (ValueErrorKind::OutOfRange, 0)
    );
}

#[test]
fn float_writing_is_shortest_round_trip() {
    // The TS example writes 6.667e-11 in positional notation; the exponent form is shorter.
    assert_eq!(enc(Value::Float(6.667e-11)), "6.667e-11");
    assert_eq!(enc(Value::Float(0.01)), "0.01");
    assert_eq!(enc(Value::Float(0.001)), "1e-3");

    assert_eq!(enc(Value::Float(100.0)), "100");
    assert_eq!(enc(Value::Float(1000.0)), "1e3");
    assert_eq!(enc(Value::Float(1234.5)), "1234.5");
    assert_eq!(enc(Value::Float(56.4)), "56.4");
    assert_eq!(enc(Value::Float(23.0)), "23");
    assert_eq!(enc(Value::Float(-0.0)), "-0");
    assert_eq!(enc(Value::Float(1e-10)), "1e-10");
    assert_eq!(enc(Value::Float(1.5e300)), "1.5e300");
    assert_eq!(enc(Value::Float(1e21)), "1e21");
    assert_eq!(enc(Value::Float(123456789012.0)), "123456789012");
    // Needs all 17 significant digits to read back to the same bits.
    let v = 0.1 + 0.2;
    assert_eq!(enc(Value::Float(v)), "0.30000000000000004");
    assert_eq!(enc(Value::Float(f64::MAX)), "1.7976931348623157e308");
    assert_eq!(enc(Value::Float(5e-324)), "5e-324");
    for v in [v, f64::MAX, f64::MIN_POSITIVE, 5e-324, 1.0 / 3.0, -2.5e-8] {
        let back = ok(&enc(Value::Float(v)), DataType::Float);
        assert_eq!(back, Value::Float(v));
    }
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        match text::encode_value(&Value::Float(v)) {
            Err(Error::Value { kind, expected, .. }) => {
                assert_eq!(
                    (kind, expected),
                    (ValueErrorKind::NonFinite, DataType::Float)
                )
            }
            other => panic!("{v}: {other:?}"),
        }
    }
}

#[test]
fn boolean_is_exactly_0_or_1() {
    assert_eq!(ok("0", DataType::Boolean), Value::Boolean(false));
    assert_eq!(ok("1", DataType::Boolean), Value::Boolean(true));
    for s in ["true", "false", "2", "", "01", " 1", "1\n"] {
        assert_eq!(
            bad(s.as_bytes(), DataType::Boolean),
            (ValueErrorKind::InvalidBoolean, 0),
            "{s:?}"
        );
    }
    assert_eq!(enc(Value::Boolean(true)), "1");
    assert_eq!(enc(Value::Boolean(false)), "0");
}

#[test]
fn objlnk() {
    assert_eq!(
        ok("66:0", DataType::Objlnk),
        Value::ObjectLink(ObjectLink::new(66, 0))
    );
    assert_eq!(
        ok("65535:65535", DataType::Objlnk),
        Value::ObjectLink(ObjectLink::NULL)
    );
    for s in [
        "66", "66:", ":0", "66:0:1", "65536:0", "-1:0", "66 :0", "a:b", "",
    ] {
        assert_eq!(
            bad(s.as_bytes(), DataType::Objlnk),
            (ValueErrorKind::InvalidObjectLink, 0),
            "{s:?}"
        );
    }
    assert_eq!(enc(Value::ObjectLink(ObjectLink::new(3, 0))), "3:0");
    assert_eq!(enc(Value::ObjectLink(ObjectLink::NULL)), "65535:65535");
}

#[test]
fn opaque_over_text_is_padded_standard_base64() {
    assert_eq!(
        ok("AQIDBAU=", DataType::Opaque),
        Value::Opaque(vec![1, 2, 3, 4, 5].into())
    );
    assert_eq!(
        ok("q83v", DataType::Opaque),
        Value::Opaque(vec![0xab, 0xcd, 0xef].into())
    );
    assert_eq!(ok("", DataType::Opaque), Value::Opaque(Vec::new().into()));
    assert_eq!(enc(Value::Opaque(vec![1, 2, 3, 4, 5].into())), "AQIDBAU=");
    let b64 = ValueErrorKind::InvalidBase64;
    assert_eq!(bad(b"AQIDBAU", DataType::Opaque), (b64, 7));
    assert_eq!(bad(b"-_8=", DataType::Opaque), (b64, 0));
    assert_eq!(bad(b"AQID BAU=", DataType::Opaque).0, b64);
}

#[test]
fn none_has_no_value() {
    assert_eq!(bad(b"", DataType::None), (ValueErrorKind::NoValue, 0));
}

#[test]
fn error_names_type_and_bytes() {
    let e = text::decode_value(b"yes", DataType::Boolean).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid Boolean value at byte 0: boolean must be exactly 0 or 1, got \"yes\""
    );
    let long = [b'9'; 40];
    let e = text::decode_value(&long, DataType::Integer).unwrap_err();
    assert!(e.to_string().ends_with("999\"…"), "{e}");
    let e = text::decode_value(b"\x00\xff", DataType::String).unwrap_err();
    assert!(e.to_string().contains("\\x00\\xff"), "{e}");
}

fn device() -> ObjectModel {
    let mut m = ObjectModel::new(3, "Device");
    let mut errors = ResourceModel::new(11, "Error Code", DataType::Integer);
    errors.multiple = true;
    m.resources = vec![
        ResourceModel::new(0, "Manufacturer", DataType::String),
        ResourceModel::new(9, "Battery Level", DataType::Integer),
        errors,
        ResourceModel::new(13, "Current Time", DataType::Time),
    ]
    .into();
    m
}

#[test]
fn node_level_text() {
    let model = device();
    let p = |s: &str| s.parse().unwrap();
    assert_eq!(
        text::decode(b"Open Mobile Alliance", &p("/3/0/0"), &model).unwrap(),
        Node::Resource(Resource::single(0, "Open Mobile Alliance"))
    );
    assert_eq!(
        text::decode(b"7", &p("/3/0/11/2"), &model).unwrap(),
        Node::ResourceInstance(ResourceInstance::new(2, Value::Integer(7)))
    );
    // Plain text cannot carry an instance or a multiple resource.
    assert!(matches!(
        text::decode(b"1", &p("/3/0"), &model),
        Err(Error::WrongLevel { .. })
    ));
    assert!(matches!(
        text::decode(b"1", &p("/3/0/11"), &model),
        Err(Error::WrongLevel { .. })
    ));
    assert!(matches!(
        text::decode(b"1", &p("/3/0/99"), &model),
        Err(Error::UnknownResource { .. })
    ));
    assert!(matches!(
        text::decode(b"1", &p("/3/0/9"), &NoModel),
        Err(Error::UnknownResource { .. })
    ));
    let node = Node::Resource(Resource::single(13, Value::Time(1367491215)));
    assert_eq!(text::encode(&node, &p("/3/0/13")).unwrap(), b"1367491215");
    // The node must match the path it is encoded for.
    assert!(text::encode(&node, &p("/3/0/9")).is_err());
    let multi = Node::Resource(Resource::multiple(11, [(0, Value::Integer(0))]));
    assert!(matches!(
        text::encode(&multi, &p("/3/0/11")),
        Err(Error::WrongLevel { .. })
    ));
}

#[test]
fn node_level_opaque() {
    let p = |s: &str| s.parse().unwrap();
    let node = opaque::decode(b"\x00\xff", &p("/5/0/0"), &NoModel).unwrap();
    assert_eq!(
        node,
        Node::Resource(Resource::single(0, Value::Opaque(vec![0, 0xff].into())))
    );
    assert_eq!(opaque::encode(&node, &p("/5/0/0")).unwrap(), b"\x00\xff");
    // An empty payload is a zero-length value.
    assert_eq!(
        opaque::decode(b"", &p("/5/0/0"), &NoModel).unwrap(),
        Node::Resource(Resource::single(0, Value::Opaque(Vec::new().into())))
    );
    // A resource the model types otherwise is read in its binary form.
    assert_eq!(
        opaque::decode(&[100], &p("/3/0/9"), &device()).unwrap(),
        Node::Resource(Resource::single(9, Value::Integer(100)))
    );
    assert!(matches!(
        opaque::decode(&[0, 0, 100], &p("/3/0/9"), &device()),
        Err(Error::Value {
            expected: DataType::Integer,
            kind: ValueErrorKind::OutOfRange,
            ..
        })
    ));
    assert!(matches!(
        opaque::decode(b"1", &p("/5/0"), &NoModel),
        Err(Error::WrongLevel { .. })
    ));
    let int = Node::Resource(Resource::single(9, Value::Integer(-200)));
    assert_eq!(opaque::encode(&int, &p("/3/0/9")).unwrap(), [0xff, 0x38]);
}
