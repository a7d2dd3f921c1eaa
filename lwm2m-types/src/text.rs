//! The single-value formats: plain text (content format 0) and opaque (42).
//!
//! Both carry exactly one value: a single-instance resource (`/o/i/r`) or one resource instance
//! (`/o/i/r/ri`). Plain text needs the resource's data type, from a model:
//!
//! | Type | Text form | Rule |
//! | --- | --- | --- |
//! | String, Corelnk | the UTF-8 text itself | must be valid UTF-8; empty is the empty string |
//! | Integer, Time | `-?[0-9]+` | within `i64` |
//! | Unsigned Integer | `[0-9]+` | within `u64` |
//! | Float | `-?digits[.digits][(e\|E)[+-]digits]` | finite; NaN and infinity are refused both ways |
//! | Boolean | `0` or `1` | nothing else |
//! | Objlnk | `oid:iid` | both in `0..=65535`; `65535:65535` is the null link |
//! | Opaque | base64, standard alphabet with `=` padding | strict RFC 4648 §4 |
//!
//! Floats are written in the shortest form that reads back to the same `f64` bits: the fewest
//! significant digits, in positional notation (`56.4`, `0.01`) or exponent notation (`1e-10`,
//! `6.667e-11`, `1.5e300`), whichever is shorter, positional on a tie. Both notations are read,
//! as the TS example `0.00000000006667` and Leshan's `1.0E-10` show.
//!
//! Opaque (42) is the raw bytes of one Opaque resource.
//!
//! ```
//! use lwm2m_types::{text, DataType, Value, ObjectLink};
//! assert_eq!(text::decode_value(b"-750", DataType::Integer)?, Value::Integer(-750));
//! assert_eq!(text::decode_value(b"66:0", DataType::Objlnk)?, Value::ObjectLink(ObjectLink::new(66, 0)));
//! assert_eq!(text::decode_value(b"0.00000000006667", DataType::Float)?, Value::Float(6.667e-11));
//! assert_eq!(text::encode_value(&Value::Float(6.667e-11))?, b"6.667e-11");
//! assert_eq!(text::encode_value(&Value::Opaque(vec![1, 2, 3, 4, 5].into()))?, b"AQIDBAU=");
//! assert!(text::decode_value(b"true", DataType::Boolean).is_err());
//! # Ok::<(), lwm2m_types::Error>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use bytes::Bytes;

use crate::base64::{self, Alphabet};
use crate::{
    DataType, Error, Level, ModelProvider, Node, ObjectLink, Path, Resource, ResourceInstance,
    Value, ValueErrorKind, ValueRef,
};

pub(crate) fn err(expected: DataType, kind: ValueErrorKind, offset: usize, seen: &[u8]) -> Error {
    Error::value(expected, kind, offset, seen)
}

pub(crate) fn utf8(bytes: &[u8], dt: DataType) -> Result<&str, Error> {
    core::str::from_utf8(bytes)
        .map_err(|e| err(dt, ValueErrorKind::InvalidUtf8, e.valid_up_to(), bytes))
}

/// Reads `-?[0-9]+` (sign only when `signed`) as a magnitude and a sign, or says why not.
fn digits(bytes: &[u8], dt: DataType, signed: bool) -> Result<(bool, u64), Error> {
    let (neg, body) = match bytes.split_first() {
        Some((b'-', rest)) if signed => (true, rest),
        _ => (false, bytes),
    };
    if body.is_empty() {
        return Err(err(dt, ValueErrorKind::InvalidNumber, 0, bytes));
    }
    let mut v: u64 = 0;
    for (i, &c) in body.iter().enumerate() {
        if !c.is_ascii_digit() {
            return Err(err(
                dt,
                ValueErrorKind::InvalidNumber,
                i + usize::from(neg),
                bytes,
            ));
        }
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(c - b'0')))
            .ok_or_else(|| err(dt, ValueErrorKind::OutOfRange, 0, bytes))?;
    }
    Ok((neg, v))
}

fn signed(bytes: &[u8], dt: DataType) -> Result<i64, Error> {
    let (neg, mag) = digits(bytes, dt, true)?;
    let out_of_range = || err(dt, ValueErrorKind::OutOfRange, 0, bytes);
    if neg {
        // i64::MIN has magnitude 2^63, one more than i64::MAX.
        0i64.checked_sub_unsigned(mag).ok_or_else(out_of_range)
    } else {
        i64::try_from(mag).map_err(|_| out_of_range())
    }
}

/// Checks the float grammar `-?digits[.digits][(e|E)[+-]?digits]`; returns the offset of the
/// first byte that breaks it.
fn float_grammar(b: &[u8]) -> Result<(), usize> {
    let mut i = usize::from(b.first() == Some(&b'-'));
    let run = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !run(&mut i) {
        return Err(i);
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !run(&mut i) {
            return Err(i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !run(&mut i) {
            return Err(i);
        }
    }
    if i == b.len() { Ok(()) } else { Err(i) }
}

fn float(bytes: &[u8]) -> Result<f64, Error> {
    let dt = DataType::Float;
    float_grammar(bytes).map_err(|at| err(dt, ValueErrorKind::InvalidNumber, at, bytes))?;
    // The grammar admits only ASCII, so this cannot fail; map it anyway rather than unwrap.
    let s = utf8(bytes, dt)?;
    let v: f64 = s
        .parse()
        .map_err(|_| err(dt, ValueErrorKind::InvalidNumber, 0, bytes))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(err(dt, ValueErrorKind::OutOfRange, 0, bytes))
    }
}

/// Decodes a plain-text payload as a value of `data_type`.
///
/// Errors ([`Error::Value`]) name the expected type, what is wrong, the byte offset and the
/// first bytes seen.
///
/// ```
/// use lwm2m_types::{text, DataType, Value};
/// assert_eq!(text::decode_value(b"18446744073709551615", DataType::UnsignedInteger)?, Value::UnsignedInteger(u64::MAX));
/// let e = text::decode_value(b"12a", DataType::Integer).unwrap_err();
/// assert_eq!(e.to_string(), "invalid Integer value at byte 2: not a valid number, got \"12a\"");
/// # Ok::<(), lwm2m_types::Error>(())
/// ```
pub fn decode_value(bytes: &[u8], data_type: DataType) -> Result<Value, Error> {
    let dt = data_type;
    Ok(match dt {
        DataType::String => Value::String(utf8(bytes, dt)?.into()),
        DataType::Corelnk => Value::CoreLink(utf8(bytes, dt)?.into()),
        DataType::Integer => Value::Integer(signed(bytes, dt)?),
        DataType::Time => Value::Time(signed(bytes, dt)?),
        DataType::UnsignedInteger => Value::UnsignedInteger(digits(bytes, dt, false)?.1),
        DataType::Float => Value::Float(float(bytes)?),
        DataType::Boolean => match bytes {
            b"0" => Value::Boolean(false),
            b"1" => Value::Boolean(true),
            _ => return Err(err(dt, ValueErrorKind::InvalidBoolean, 0, bytes)),
        },
        DataType::Objlnk => Value::ObjectLink(
            ObjectLink::parse_bytes(bytes)
                .map_err(|_| err(dt, ValueErrorKind::InvalidObjectLink, 0, bytes))?,
        ),
        DataType::Opaque => Value::Opaque(Bytes::from(
            base64::decode(bytes, Alphabet::Standard)
                .map_err(|e| err(dt, ValueErrorKind::InvalidBase64, e.offset, bytes))?,
        )),
        DataType::None => return Err(err(dt, ValueErrorKind::NoValue, 0, bytes)),
    })
}

/// Writes `v` with the fewest digits that read back to the same bits (see the module docs).
/// Fails for NaN and infinities.
///
/// ```
/// let mut s = String::new();
/// lwm2m_types::text::write_float(1e-10, &mut s)?;
/// assert_eq!(s, "1e-10");
/// # Ok::<(), lwm2m_types::Error>(())
/// ```
pub fn write_float(v: f64, out: &mut String) -> Result<(), Error> {
    if !v.is_finite() {
        let mut seen = String::new();
        let _ = write!(seen, "{v}");
        return Err(err(
            DataType::Float,
            ValueErrorKind::NonFinite,
            0,
            seen.as_bytes(),
        ));
    }
    // `{}` and `{:e}` both print the shortest digits that round-trip; only the notation differs.
    let start = out.len();
    let _ = write!(out, "{v}");
    let positional = out.len() - start;
    let mut exp = String::new();
    let _ = write!(exp, "{v:e}");
    if exp.len() < positional {
        out.truncate(start);
        out.push_str(&exp);
    }
    Ok(())
}

/// Appends the plain-text form of `value` to `out`.
pub fn encode_value_to(value: ValueRef<'_>, out: &mut Vec<u8>) -> Result<(), Error> {
    match value {
        ValueRef::String(s) | ValueRef::CoreLink(s) => out.extend_from_slice(s.as_bytes()),
        ValueRef::Opaque(b) => {
            let mut s = String::new();
            base64::encode_to(b, Alphabet::Standard, &mut s);
            out.extend_from_slice(s.as_bytes());
        }
        other => {
            let mut s = String::new();
            let _ = match other {
                ValueRef::Integer(v) | ValueRef::Time(v) => write!(s, "{v}"),
                ValueRef::UnsignedInteger(v) => write!(s, "{v}"),
                ValueRef::Boolean(v) => write!(s, "{}", u8::from(v)),
                ValueRef::ObjectLink(l) => write!(s, "{l}"),
                ValueRef::Float(v) => {
                    write_float(v, &mut s)?;
                    Ok(())
                }
                ValueRef::String(_) | ValueRef::CoreLink(_) | ValueRef::Opaque(_) => Ok(()),
            };
            out.extend_from_slice(s.as_bytes());
        }
    }
    Ok(())
}

/// The plain-text form of `value`.
pub fn encode_value(value: &Value) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    encode_value_to(value.as_ref(), &mut out)?;
    Ok(out)
}

/// Checks that `path` names one value and returns the resource's data type from the model.
pub(crate) fn single_value_type(
    path: &Path,
    model: &impl ModelProvider,
) -> Result<DataType, Error> {
    let (Some(oid), Some(rid)) = (path.object_id(), path.resource_id()) else {
        return Err(Error::WrongLevel {
            path: *path,
            expected: "a resource or resource instance path for a single value",
        });
    };
    let r = model
        .resource(oid, rid)
        .ok_or(Error::UnknownResource { path: *path })?;
    if r.multiple && path.level() == Level::Resource {
        return Err(Error::WrongLevel {
            path: *path,
            expected: "a resource instance path: the resource is multiple",
        });
    }
    Ok(r.data_type)
}

pub(crate) fn node_at(path: &Path, value: Value) -> Result<Node, Error> {
    match (path.level(), path.last_id()) {
        (Level::Resource, Some(id)) => Ok(Node::Resource(Resource::Single { id, value })),
        (Level::ResourceInstance, Some(id)) => {
            Ok(Node::ResourceInstance(ResourceInstance { id, value }))
        }
        _ => Err(Error::WrongLevel {
            path: *path,
            expected: "a resource or resource instance path for a single value",
        }),
    }
}

pub(crate) fn single_value<'n>(node: &'n Node, path: &Path) -> Result<&'n Value, Error> {
    node.check_path(path)?;
    match node {
        Node::Resource(Resource::Single { value, .. })
        | Node::ResourceInstance(ResourceInstance { value, .. }) => Ok(value),
        _ => Err(Error::WrongLevel {
            path: *path,
            expected: "a single resource or a resource instance",
        }),
    }
}

/// Decodes a plain-text payload for a Read/Write of `path` (a single resource or a resource
/// instance), typing it with the model.
///
/// ```
/// use lwm2m_types::{text, DataType, ObjectModel, ResourceModel, Node, Resource, Value};
/// let mut device = ObjectModel::new(3, "Device");
/// device.resources = vec![ResourceModel::new(9, "Battery Level", DataType::Integer)].into();
/// let node = text::decode(b"100", &"/3/0/9".parse()?, &device)?;
/// assert_eq!(node, Node::Resource(Resource::single(9, Value::Integer(100))));
/// # Ok::<(), lwm2m_types::Error>(())
/// ```
pub fn decode(bytes: &[u8], path: &Path, model: &impl ModelProvider) -> Result<Node, Error> {
    let dt = single_value_type(path, model)?;
    node_at(path, decode_value(bytes, dt)?)
}

/// Encodes a single resource or resource instance at `path` as plain text.
pub fn encode(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    encode_value(single_value(node, path)?)
}
