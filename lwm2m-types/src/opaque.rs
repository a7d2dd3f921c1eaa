//! The opaque format (content format 42): one value as raw bytes.
//!
//! For an Opaque resource the payload is the bytes themselves, with no length prefix and no
//! base64 (firmware images in `/5/0/0`). For the other data types the payload is the value's
//! binary form from the TS data-type appendix, the same bytes a TLV value carries:
//!
//! | Type | Bytes |
//! | --- | --- |
//! | Opaque | the bytes themselves (an empty payload is an empty value) |
//! | String, Corelnk | the UTF-8 text |
//! | Integer, Time | two's complement big-endian, 1, 2, 4 or 8 bytes (shortest on output) |
//! | Unsigned Integer | unsigned big-endian, 1, 2, 4 or 8 bytes; on output the shortest width whose top bit is clear, so peers that read it as signed get the same number |
//! | Float | IEEE 754 big-endian, 4 or 8 bytes; on output 4 when the value is exact as `f32` |
//! | Boolean | one byte, `00` or `01` |
//! | Objlnk | object id then instance id, each `u16` big-endian |
//!
//! Interoperability: Leshan accepts format 42 only for resources of type Opaque; send other
//! types to it as plain text or TLV.
//!
//! ```
//! use lwm2m_types::{opaque, DataType, Node, NoModel, Resource, Value};
//! let node = opaque::decode(&[1, 2, 3], &"/5/0/0".parse()?, &NoModel)?;
//! assert_eq!(node, Node::Resource(Resource::single(0, Value::Opaque(vec![1, 2, 3].into()))));
//! assert_eq!(opaque::encode(&node, &"/5/0/0".parse()?)?, [1, 2, 3]);
//! assert_eq!(opaque::encode_value(&Value::Integer(100))?, [100]);
//! assert_eq!(opaque::decode_value(&[0xff, 0x38], DataType::Integer)?, Value::Integer(-200));
//! # Ok::<(), lwm2m_types::Error>(())
//! ```

use alloc::vec::Vec;

use bytes::Bytes;

use crate::text::{err, node_at, single_value, single_value_type, utf8};
use crate::{
    DataType, Error, ModelProvider, Node, ObjectLink, Path, Value, ValueErrorKind, ValueRef,
};

/// Decodes the binary form of one value of `data_type` (see the module docs).
pub fn decode_value(bytes: &[u8], data_type: DataType) -> Result<Value, Error> {
    let dt = data_type;
    let width = || err(dt, ValueErrorKind::OutOfRange, 0, bytes);
    Ok(match dt {
        DataType::Opaque => Value::Opaque(Bytes::copy_from_slice(bytes)),
        DataType::String => Value::String(utf8(bytes, dt)?.into()),
        DataType::Corelnk => Value::CoreLink(utf8(bytes, dt)?.into()),
        DataType::Integer | DataType::Time => {
            let v = match *bytes {
                [a] => i64::from(a as i8),
                [a, b] => i64::from(i16::from_be_bytes([a, b])),
                [a, b, c, d] => i64::from(i32::from_be_bytes([a, b, c, d])),
                [a, b, c, d, e, f, g, h] => i64::from_be_bytes([a, b, c, d, e, f, g, h]),
                _ => return Err(width()),
            };
            if dt == DataType::Time {
                Value::Time(v)
            } else {
                Value::Integer(v)
            }
        }
        DataType::UnsignedInteger => Value::UnsignedInteger(match *bytes {
            [a] => u64::from(a),
            [a, b] => u64::from(u16::from_be_bytes([a, b])),
            [a, b, c, d] => u64::from(u32::from_be_bytes([a, b, c, d])),
            [a, b, c, d, e, f, g, h] => u64::from_be_bytes([a, b, c, d, e, f, g, h]),
            _ => return Err(width()),
        }),
        DataType::Float => Value::Float(match *bytes {
            [a, b, c, d] => f64::from(f32::from_be_bytes([a, b, c, d])),
            [a, b, c, d, e, f, g, h] => f64::from_be_bytes([a, b, c, d, e, f, g, h]),
            _ => return Err(width()),
        }),
        DataType::Boolean => match bytes {
            [0] => Value::Boolean(false),
            [1] => Value::Boolean(true),
            _ => return Err(err(dt, ValueErrorKind::InvalidBoolean, 0, bytes)),
        },
        DataType::Objlnk => match *bytes {
            [a, b, c, d] => Value::ObjectLink(ObjectLink::from_be_bytes([a, b, c, d])),
            _ => return Err(err(dt, ValueErrorKind::InvalidObjectLink, 0, bytes)),
        },
        DataType::None => return Err(err(dt, ValueErrorKind::NoValue, 0, bytes)),
    })
}

/// Appends the binary form of `value` to `out` (see the module docs). Never fails: every value
/// has a binary form, NaN and infinities included.
pub fn encode_value_to(value: ValueRef<'_>, out: &mut Vec<u8>) {
    match value {
        ValueRef::Opaque(b) => out.extend_from_slice(b),
        ValueRef::String(s) | ValueRef::CoreLink(s) => out.extend_from_slice(s.as_bytes()),
        ValueRef::Integer(v) | ValueRef::Time(v) => {
            let b = v.to_be_bytes();
            let n = if i8::try_from(v).is_ok() {
                1
            } else if i16::try_from(v).is_ok() {
                2
            } else if i32::try_from(v).is_ok() {
                4
            } else {
                8
            };
            out.extend_from_slice(&b[8 - n..]);
        }
        ValueRef::UnsignedInteger(v) => {
            let b = v.to_be_bytes();
            let n = match v {
                0..=0x7f => 1,
                0x80..=0x7fff => 2,
                0x8000..=0x7fff_ffff => 4,
                _ => 8,
            };
            out.extend_from_slice(&b[8 - n..]);
        }
        ValueRef::Float(v) => {
            let single = v as f32;
            if f64::from(single).to_bits() == v.to_bits() {
                out.extend_from_slice(&single.to_be_bytes());
            } else {
                out.extend_from_slice(&v.to_be_bytes());
            }
        }
        ValueRef::Boolean(v) => out.push(u8::from(v)),
        ValueRef::ObjectLink(l) => out.extend_from_slice(&l.to_be_bytes()),
    }
}

/// The binary form of `value`.
pub fn encode_value(value: &Value) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    encode_value_to(value.as_ref(), &mut out);
    Ok(out)
}

/// Decodes an opaque payload for `path` (a single resource or a resource instance). The data
/// type comes from the model; a resource the model does not know is taken as Opaque, which is
/// what the format says it is.
pub fn decode(bytes: &[u8], path: &Path, model: &impl ModelProvider) -> Result<Node, Error> {
    let dt = match single_value_type(path, model) {
        Ok(dt) => dt,
        Err(Error::UnknownResource { .. }) => DataType::Opaque,
        Err(e) => return Err(e),
    };
    node_at(path, decode_value(bytes, dt)?)
}

/// Encodes a single resource or resource instance at `path` in the opaque format.
pub fn encode(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    encode_value(single_value(node, path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        let cases: [(Value, &[u8]); 12] = [
            (Value::Integer(0), &[0]),
            (Value::Integer(-128), &[0x80]),
            (Value::Integer(128), &[0, 0x80]),
            (Value::Integer(-32769), &[0xff, 0xff, 0x7f, 0xff]),
            (Value::Integer(i64::MIN), &[0x80, 0, 0, 0, 0, 0, 0, 0]),
            (Value::UnsignedInteger(200), &[0, 0xc8]),
            (Value::UnsignedInteger(u64::MAX), &[0xff; 8]),
            (Value::Float(1.5), &[0x3f, 0xc0, 0, 0]),
            (
                Value::Float(0.1),
                &[0x3f, 0xb9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a],
            ),
            (Value::Boolean(true), &[1]),
            (Value::ObjectLink(ObjectLink::new(66, 0)), &[0, 0x42, 0, 0]),
            (Value::Time(0x5182428F), &[0x51, 0x82, 0x42, 0x8F]),
        ];
        for (v, bytes) in cases {
            assert_eq!(encode_value(&v).unwrap(), bytes, "{v:?}");
            assert_eq!(decode_value(bytes, v.data_type()).unwrap(), v);
        }
        // Unsigned one-byte 0xC8 is 200, where a signed reader would see -56.
        assert_eq!(
            decode_value(&[0xc8], DataType::UnsignedInteger).unwrap(),
            Value::UnsignedInteger(200)
        );
        assert_eq!(
            decode_value(&[0xc8], DataType::Integer).unwrap(),
            Value::Integer(-56)
        );
    }

    #[test]
    fn wrong_widths_are_refused() {
        for (bytes, dt) in [
            (&[][..], DataType::Integer),
            (&[0, 0, 0][..], DataType::Integer),
            (&[0; 9][..], DataType::UnsignedInteger),
            (&[0, 0][..], DataType::Float),
            (&[0; 5][..], DataType::Time),
        ] {
            assert!(matches!(
                decode_value(bytes, dt),
                Err(Error::Value {
                    kind: ValueErrorKind::OutOfRange,
                    ..
                })
            ));
        }
        assert!(matches!(
            decode_value(&[2], DataType::Boolean),
            Err(Error::Value {
                kind: ValueErrorKind::InvalidBoolean,
                ..
            })
        ));
        assert!(matches!(
            decode_value(&[0, 1], DataType::Boolean),
            Err(Error::Value {
                kind: ValueErrorKind::InvalidBoolean,
                ..
            })
        ));
        assert!(matches!(
            decode_value(&[0, 0, 1], DataType::Objlnk),
            Err(Error::Value {
                kind: ValueErrorKind::InvalidObjectLink,
                ..
            })
        ));
    }
}
