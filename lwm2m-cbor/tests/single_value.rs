//! Single-value CBOR (60): the table of `shared/spec/lwm2m-cbor.md` ("CBOR single value"), the
//! Time forms of Leshan (tag 1) and Zephyr (tag 0 text), and the strict typing rules.

mod common;

use common::{hex, models, p, synthetic};
use lwm2m_cbor::single::{self, decode_value, encode_value};
use lwm2m_cbor::{Error, Leaf};
use lwm2m_types::{DataType, NoModel, Node, ObjectLink, Resource, Value, ValueErrorKind};

/// (value, data type, hex written, other accepted spellings)
fn table() -> Vec<(Value, DataType, &'static str, Vec<&'static str>)> {
    vec![
        (Value::Integer(100), DataType::Integer, "18 64", vec![]),
        (Value::Integer(-750), DataType::Integer, "39 02 ED", vec![]),
        (
            Value::UnsignedInteger(u64::MAX),
            DataType::UnsignedInteger,
            "1B FF FF FF FF FF FF FF FF",
            vec![],
        ),
        (
            Value::Float(22.5),
            DataType::Float,
            "F9 4D A0",
            vec!["FA 41 B4 00 00"],
        ),
        (
            Value::Float(56.4),
            DataType::Float,
            "FB 40 4C 33 33 33 33 33 33",
            vec![],
        ),
        (
            Value::Float(4.5),
            DataType::Float,
            "F9 44 80",
            vec!["C4 82 20 18 2D"],
        ),
        (Value::Boolean(true), DataType::Boolean, "F5", vec![]),
        (
            Value::String("Open Mobile Alliance".into()),
            DataType::String,
            "74 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65",
            vec!["7F 65 4F 70 65 6E 20 6F 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65 FF"],
        ),
        (
            Value::Opaque(vec![0xAB, 0xCD, 0xEF].into()),
            DataType::Opaque,
            "43 AB CD EF",
            vec!["5F 41 AB 42 CD EF FF", "5F 40 43 AB CD EF FF"],
        ),
        (
            Value::ObjectLink(ObjectLink::new(66, 0)),
            DataType::Objlnk,
            "64 36 36 3A 30",
            vec![],
        ),
        (
            Value::CoreLink("</3/0>".into()),
            DataType::Corelnk,
            "66 3C 2F 33 2F 30 3E",
            vec![],
        ),
        (
            Value::Time(1_367_491_215),
            DataType::Time,
            "C1 1A 51 82 42 8F",
            vec![
                // plain uint (also seen)
                "1A 51 82 42 8F",
                // tag 1 + double
                "C1 FB 41 D4 60 90 A3 C0 00 00",
                // Zephyr: tag 0 + "2013-05-02T10:40:15-00:00"
                "C0 78 19 32 30 31 33 2D 30 35 2D 30 32 54 31 30 3A 34 30 3A 31 35 2D 30 30 3A 30 30",
                // tag 0, "2013-05-02T10:40:15Z"
                "C0 74 32 30 31 33 2D 30 35 2D 30 32 54 31 30 3A 34 30 3A 31 35 5A",
            ],
        ),
        (
            Value::Time(-86400),
            DataType::Time,
            "C1 3A 00 01 51 7F",
            vec!["3A 00 01 51 7F"],
        ),
    ]
}

#[test]
fn spec_table_encodes_and_decodes() {
    for (value, dt, written, others) in table() {
        let mut out = Vec::new();
        encode_value(value.as_ref(), &mut out);
        assert_eq!(out, hex(written), "encode {value:?}");
        assert_eq!(
            decode_value(&hex(written), Some(dt)).unwrap(),
            value,
            "{written}"
        );
        for o in others {
            assert_eq!(decode_value(&hex(o), Some(dt)).unwrap(), value, "{o}");
        }
    }
}

#[test]
fn without_a_model_the_item_decides() {
    for (bytes, value) in [
        ("18 64", Value::Integer(100)),
        ("39 02 ED", Value::Integer(-750)),
        (
            "1B FF FF FF FF FF FF FF FF",
            Value::UnsignedInteger(u64::MAX),
        ),
        ("FA 41 B4 00 00", Value::Float(22.5)),
        ("C4 82 20 18 2D", Value::Float(4.5)),
        ("F4", Value::Boolean(false)),
        ("43 AB CD EF", Value::Opaque(vec![0xAB, 0xCD, 0xEF].into())),
        ("64 36 36 3A 30", Value::String("66:0".into())),
        ("C1 1A 51 82 42 8F", Value::Time(1_367_491_215)),
        (
            "C0 74 32 30 31 33 2D 30 35 2D 30 32 54 31 30 3A 34 30 3A 31 35 5A",
            Value::Time(1_367_491_215),
        ),
    ] {
        assert_eq!(decode_value(&hex(bytes), None).unwrap(), value, "{bytes}");
    }
}

#[test]
fn node_level_single_resource_and_instance() {
    let node = single::decode(&hex("C1 1A 51 82 42 8F"), &p("/3/0/13"), &models()).unwrap();
    assert_eq!(
        node,
        Node::Resource(Resource::single(13, Value::Time(1_367_491_215)))
    );
    assert_eq!(
        single::encode(&node, &p("/3/0/13")).unwrap(),
        hex("C1 1A 51 82 42 8F")
    );

    let node = single::decode(&hex("05"), &p("/3/0/6/1"), &models()).unwrap();
    let Node::ResourceInstance(ri) = &node else {
        panic!()
    };
    assert_eq!((ri.id, &ri.value), (1, &Value::Integer(5)));
    assert_eq!(single::encode(&node, &p("/3/0/6/1")).unwrap(), hex("05"));
}

#[test]
fn node_level_wrong_levels() {
    let wrong = |path: &str| {
        matches!(
            single::decode(&hex("05"), &p(path), &models()),
            Err(Error::WrongLevel { .. })
        )
    };
    assert!(wrong("/"));
    assert!(wrong("/3"));
    assert!(wrong("/3/0"));
    // The model says /3/0/6 is a multiple resource.
    assert!(wrong("/3/0/6"));
    let multiple = Node::Resource(Resource::multiple(6, [(0, Value::Integer(1))]));
    assert!(matches!(
        single::encode(&multiple, &p("/3/0/6")),
        Err(Error::WrongLevel { .. })
    ));
    // A node that does not sit at the path.
    let r = Node::Resource(Resource::single(9, Value::Integer(1)));
    assert!(matches!(
        single::encode(&r, &p("/3/0/10")),
        Err(Error::Types(_))
    ));
}

#[test]
fn strict_typing_errors() {
    let err = |bytes: &str, dt: Option<DataType>| decode_value(&hex(bytes), dt).unwrap_err();
    let value = |expected, kind| Error::Value {
        offset: 0,
        path: None,
        expected,
        kind,
    };
    use DataType as D;
    use ValueErrorKind as K;
    // Leshan: Float needs a CBOR float.
    assert_eq!(err("18 64", Some(D::Float)), value(D::Float, K::WrongType));
    assert_eq!(
        err("F9 4D A0", Some(D::Integer)),
        value(D::Integer, K::WrongType)
    );
    assert_eq!(
        err("39 02 ED", Some(D::UnsignedInteger)),
        value(D::UnsignedInteger, K::OutOfRange)
    );
    assert_eq!(
        err("1B FF FF FF FF FF FF FF FF", Some(D::Integer)),
        value(D::Integer, K::OutOfRange)
    );
    assert_eq!(
        err("3B FF FF FF FF FF FF FF FF", Some(D::Integer)),
        value(D::Integer, K::OutOfRange)
    );
    assert_eq!(
        err("43 AB CD EF", Some(D::String)),
        value(D::String, K::WrongType)
    );
    assert_eq!(
        err("63 61 62 63", Some(D::Opaque)),
        value(D::Opaque, K::WrongType)
    );
    assert_eq!(
        err("63 36 36 30", Some(D::Objlnk)),
        value(D::Objlnk, K::InvalidObjectLink)
    );
    assert_eq!(err("01", Some(D::Boolean)), value(D::Boolean, K::WrongType));
    assert_eq!(err("F6", None), value(D::None, K::NoValue));
    assert_eq!(err("F6", Some(D::Integer)), value(D::Integer, K::NoValue));
    // Tags on the wrong types.
    assert_eq!(
        err("C1 1A 51 82 42 8F", Some(D::Integer)),
        value(D::Integer, K::WrongType)
    );
    assert_eq!(
        err("C4 82 20 18 2D", Some(D::Integer)),
        value(D::Integer, K::WrongType)
    );
    assert_eq!(
        err("C1 F9 7C 00", Some(D::Time)),
        value(D::Time, K::NonFinite)
    );
    assert_eq!(
        err("C0 63 61 62 63", Some(D::Time)),
        value(D::Time, K::InvalidNumber)
    );
    assert_eq!(
        err("C1 F9 4D A0", Some(D::Float)),
        value(D::Float, K::WrongType)
    );
    // Untagged float is not a Time.
    assert_eq!(
        err("FA 41 B4 00 00", Some(D::Time)),
        value(D::Time, K::WrongType)
    );
    // Lenient mode accepts an integer for a Float resource.
    // (Synthetic object 0: resource 3 is a Float.)
    let float = p("/0/0/3");
    let n = single::decode_with(&hex("18 64"), &float, &synthetic(), true).unwrap();
    assert_eq!(n, Node::Resource(Resource::single(3, Value::Float(100.0))));
    let n = single::decode_with(&hex("38 63"), &float, &synthetic(), true).unwrap();
    assert_eq!(n, Node::Resource(Resource::single(3, Value::Float(-100.0))));
    assert!(single::decode(&hex("18 64"), &float, &synthetic()).is_err());
    // Without a model, an integer stays an Integer.
    let n = single::decode(&hex("18 64"), &p("/13/0/1"), &NoModel).unwrap();
    assert_eq!(n, Node::Resource(Resource::single(1, Value::Integer(100))));
}

#[test]
fn structural_errors_carry_offsets() {
    let read = |bytes: &str| single::read(&hex(bytes)).unwrap_err();
    assert_eq!(read("18 64 00"), Error::TrailingBytes { offset: 2 });
    assert_eq!(read(""), Error::Truncated { offset: 0 });
    assert_eq!(read("1A 51 82"), Error::Truncated { offset: 0 });
    assert_eq!(read("C1"), Error::Truncated { offset: 1 });
    assert_eq!(read("7F 61 61"), Error::Truncated { offset: 0 });
    assert_eq!(
        read("A1 01 02"),
        Error::Unexpected {
            offset: 0,
            expected: "a leaf value (number, string, boolean, null or tag 0/1/4)"
        }
    );
    assert_eq!(
        read("C1 63 61 62 63"),
        Error::Unexpected {
            offset: 1,
            expected: "an integer or float in tag 1"
        }
    );
    assert_eq!(
        read("C0 1A 51 82 42 8F"),
        Error::Unexpected {
            offset: 1,
            expected: "a text string in tag 0"
        }
    );
    assert_eq!(
        read("C4 83 20 18 2D 00"),
        Error::Unexpected {
            offset: 1,
            expected: "a two-item array in tag 4"
        }
    );
    assert!(matches!(
        read("C2 41 01"),
        Error::Unexpected { offset: 0, .. }
    ));
    assert!(matches!(
        read("C1 C1 01"),
        Error::Unexpected { offset: 1, .. }
    ));
    assert_eq!(
        read("7F 41 61 FF"),
        Error::Malformed {
            offset: 1,
            kind: lwm2m_cbor::Malformed::BadChunk
        }
    );
    assert_eq!(
        read("5F 5F 41 61 FF FF"),
        Error::Malformed {
            offset: 1,
            kind: lwm2m_cbor::Malformed::Indefinite
        }
    );
    assert_eq!(
        read("FF"),
        Error::Malformed {
            offset: 0,
            kind: lwm2m_cbor::Malformed::UnexpectedBreak
        }
    );
    assert_eq!(single::read(&hex("F6")).unwrap(), Leaf::Null);
}

#[test]
fn executable_resource_has_no_value() {
    assert_eq!(
        single::decode(&hex("F6"), &p("/3/0/4"), &models()).unwrap_err(),
        Error::Value {
            offset: 0,
            path: Some(p("/3/0/4")),
            expected: DataType::None,
            kind: ValueErrorKind::NoValue
        }
    );
}
