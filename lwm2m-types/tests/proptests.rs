//! Property tests: Path text round trip, text values of every type, base64.

use lwm2m_types::base64::{self, Alphabet};
use lwm2m_types::{DataType, ObjectLink, Path, Value, text};
use proptest::prelude::*;

fn id() -> impl Strategy<Value = u16> {
    prop_oneof![0u16..=20, 0u16..=65534, Just(65534)]
}

proptest! {
    #[test]
    fn path_display_parse_round_trip(ids in prop::collection::vec(id(), 0..=4)) {
        let p = Path::new(&ids).unwrap();
        let s = p.to_string();
        prop_assert_eq!(s.parse::<Path>().unwrap(), p);
        prop_assert_eq!(p.ids(), &ids[..]);
        if let Some(parent) = p.parent() {
            prop_assert!(p.starts_with(&parent));
            prop_assert!(parent < p);
        }
    }

    #[test]
    fn path_ordering_matches_id_ordering(a in prop::collection::vec(id(), 0..=4), b in prop::collection::vec(id(), 0..=4)) {
        let (pa, pb) = (Path::new(&a).unwrap(), Path::new(&b).unwrap());
        prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
    }

    #[test]
    fn path_parse_never_panics(s in "[/0-9a+-]{0,24}") {
        if let Ok(p) = s.parse::<Path>() {
            prop_assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn integer_text(v in any::<i64>()) {
        let t = text::encode_value(&Value::Integer(v)).unwrap();
        prop_assert_eq!(text::decode_value(&t, DataType::Integer).unwrap(), Value::Integer(v));
        prop_assert_eq!(text::decode_value(&t, DataType::Time).unwrap(), Value::Time(v));
    }

    #[test]
    fn unsigned_text(v in any::<u64>()) {
        let t = text::encode_value(&Value::UnsignedInteger(v)).unwrap();
        prop_assert_eq!(text::decode_value(&t, DataType::UnsignedInteger).unwrap(), Value::UnsignedInteger(v));
    }

    #[test]
    fn float_text_keeps_bits(bits in any::<u64>()) {
        let v = f64::from_bits(bits);
        let r = text::encode_value(&Value::Float(v));
        if v.is_finite() {
            let t = r.unwrap();
            match text::decode_value(&t, DataType::Float).unwrap() {
                Value::Float(back) => prop_assert_eq!(back.to_bits(), bits),
                other => prop_assert!(false, "{:?}", other),
            }
        } else {
            prop_assert!(r.is_err());
        }
    }

    #[test]
    fn bool_objlnk_string_opaque_text(b in any::<bool>(), o in any::<u16>(), i in any::<u16>(),
                                      s in ".*", bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let cases = [
            (Value::Boolean(b), DataType::Boolean),
            (Value::ObjectLink(ObjectLink::new(o, i)), DataType::Objlnk),
            (Value::String(s.clone()), DataType::String),
            (Value::CoreLink(s), DataType::Corelnk),
            (Value::Opaque(bytes.into()), DataType::Opaque),
        ];
        for (v, dt) in cases {
            let t = text::encode_value(&v).unwrap();
            prop_assert_eq!(text::decode_value(&t, dt).unwrap(), v);
        }
    }

    #[test]
    fn decode_value_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..32), t in 0usize..10) {
        let dt = DataType::ALL[t];
        if let Ok(v) = text::decode_value(&bytes, dt) {
            prop_assert_eq!(v.data_type(), dt);
        }
    }

    #[test]
    fn base64_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..100)) {
        for a in [Alphabet::Standard, Alphabet::UrlSafeNoPad] {
            let s = base64::encode(&bytes, a);
            prop_assert_eq!(s.len(), base64::encoded_len(bytes.len(), a));
            prop_assert_eq!(base64::decode(s.as_bytes(), a).unwrap(), bytes.clone());
        }
    }
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        ".*".prop_map(Value::String),
        any::<i64>().prop_map(Value::Integer),
        any::<u64>().prop_map(Value::UnsignedInteger),
        any::<f64>()
            .prop_filter("NaN", |v| !v.is_nan())
            .prop_map(Value::Float),
        any::<bool>().prop_map(Value::Boolean),
        prop::collection::vec(any::<u8>(), 0..40).prop_map(|b| Value::Opaque(b.into())),
        any::<i64>().prop_map(Value::Time),
        (any::<u16>(), any::<u16>()).prop_map(|(o, i)| Value::ObjectLink(ObjectLink::new(o, i))),
        ".*".prop_map(Value::CoreLink),
    ]
}

proptest! {
    #[test]
    fn opaque_binary_round_trip(v in any_value()) {
        let bytes = lwm2m_types::opaque::encode_value(&v).unwrap();
        prop_assert_eq!(lwm2m_types::opaque::decode_value(&bytes, v.data_type()).unwrap(), v);
    }

    #[test]
    fn text_round_trip_every_type(v in any_value()) {
        match text::encode_value(&v) {
            Ok(t) => prop_assert_eq!(text::decode_value(&t, v.data_type()).unwrap(), v),
            Err(_) => prop_assert!(matches!(v, Value::Float(f) if !f.is_finite())),
        }
    }
}
