//! Fuzz bodies for the single-value formats of lwm2m-types: plain text (0), opaque (42), and
//! the `Path` text form.

use lwm2m_types::{DataType, Path, Value, opaque, text};

/// Same value, comparing floats by bits so that NaN equals itself.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

/// The first byte picks a data type; the rest is decoded as plain text and as opaque. Whatever
/// decodes must encode, and decode again to the same value, with the data type asked for.
/// The whole input is also tried as a path: what parses must print back to the same text.
pub fn decode(data: &[u8]) {
    if let Ok(s) = core::str::from_utf8(data)
        && let Ok(p) = s.parse::<Path>()
    {
        assert_eq!(p.to_string(), s);
        assert!(p.len() <= 4);
    }
    let Some((&selector, payload)) = data.split_first() else {
        return;
    };
    let dt = DataType::ALL[usize::from(selector) % DataType::ALL.len()];
    if let Ok(v) = text::decode_value(payload, dt) {
        assert_eq!(v.data_type(), dt);
        let t = text::encode_value(&v).expect("a decoded text value encodes");
        let back = text::decode_value(&t, dt).expect("encoded text decodes");
        assert!(same(&v, &back), "{v:?} -> {t:?} -> {back:?}");
    }
    if let Ok(v) = opaque::decode_value(payload, dt) {
        assert_eq!(v.data_type(), dt);
        let b = opaque::encode_value(&v).expect("a decoded opaque value encodes");
        let back = opaque::decode_value(&b, dt).expect("encoded opaque decodes");
        assert!(same(&v, &back), "{v:?} -> {b:?} -> {back:?}");
    }
}
