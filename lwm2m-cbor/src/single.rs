//! Single-value CBOR (`application/cbor`, 60): one CBOR data item holding the value of a single
//! resource or of one resource instance. The path comes from the request, the data type from
//! the model.

use alloc::vec::Vec;

use lwm2m_types::{
    DataType, ModelProvider, Node, Path, Resource, ResourceInstance, Value, ValueErrorKind,
    ValueRef,
};

use crate::error::Error;
use crate::leaf::{Leaf, TimeForm, read_leaf, write_value};
use crate::raw::{Decoder, Encoder};

/// Reads the one leaf item of a payload; trailing bytes are [`Error::TrailingBytes`].
///
/// ```
/// use lwm2m_cbor::{Leaf, single::read};
/// assert_eq!(read(&[0x39, 0x02, 0xED])?, Leaf::Negative(749));
/// assert_eq!(read(&[0xC1, 0x1A, 0x51, 0x82, 0x42, 0x8F])?, Leaf::EpochSeconds(1367491215));
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
pub fn read(bytes: &[u8]) -> Result<Leaf<'_>, Error> {
    let mut d = Decoder::new(bytes);
    let leaf = read_leaf(&mut d)?;
    if !d.is_empty() {
        return Err(Error::TrailingBytes { offset: d.offset() });
    }
    Ok(leaf)
}

/// Decodes a payload as a value of `data_type` (or of the type the CBOR item shows, when
/// `None`; see [`Leaf::natural_type`]). Strict as [`Leaf::to_value`] describes; Time accepts
/// an integer, tag 1 integer or float (Leshan), and tag 0 RFC 3339 text (Zephyr).
///
/// ```
/// use lwm2m_cbor::single::decode_value;
/// use lwm2m_types::{DataType, Value};
/// assert_eq!(decode_value(&[0xF9, 0x4D, 0xA0], Some(DataType::Float))?, Value::Float(22.5));
/// assert_eq!(decode_value(&[0x1A, 0x51, 0x82, 0x42, 0x8F], Some(DataType::Time))?, Value::Time(1367491215));
/// assert!(decode_value(&[0x18, 0x64], Some(DataType::Float)).is_err());
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
pub fn decode_value(bytes: &[u8], data_type: Option<DataType>) -> Result<Value, Error> {
    decode_value_at(bytes, data_type, None, false)
}

fn decode_value_at(
    bytes: &[u8],
    data_type: Option<DataType>,
    path: Option<Path>,
    lenient: bool,
) -> Result<Value, Error> {
    let leaf = read(bytes)?;
    leaf.to_value(data_type, lenient)
        .map_err(|kind| Error::Value {
            offset: 0,
            path,
            expected: data_type.or(leaf.natural_type()).unwrap_or(DataType::None),
            kind,
        })
}

/// Appends one value as a CBOR item: definite-length strings, floats in the shortest exact
/// width, Time as tag 1 + integer (as Leshan writes it).
///
/// ```
/// use lwm2m_cbor::single::encode_value;
/// use lwm2m_types::ValueRef;
/// let mut out = Vec::new();
/// encode_value(ValueRef::Time(1367491215), &mut out);
/// assert_eq!(out, [0xC1, 0x1A, 0x51, 0x82, 0x42, 0x8F]);
/// ```
pub fn encode_value(value: ValueRef<'_>, out: &mut Vec<u8>) {
    write_value(&mut Encoder::new(out), value, TimeForm::Tag1);
}

/// Appends one value, choosing how Time is written.
pub fn encode_value_with(value: ValueRef<'_>, time: TimeForm, out: &mut Vec<u8>) {
    write_value(&mut Encoder::new(out), value, time);
}

/// Decodes a CBOR (60) payload into the node at `path`: a `Node::Resource` (single) for
/// `/o/i/r` or a `Node::ResourceInstance` for `/o/i/r/ri`. Other levels are
/// [`Error::WrongLevel`], and so is `/o/i/r` when the model says the resource is multiple.
///
/// ```
/// use lwm2m_cbor::single;
/// use lwm2m_types::{Node, NoModel, Value};
/// let node = single::decode(&[0x18, 0x64], &"/3/0/9".parse()?, &NoModel)?;
/// let Node::Resource(r) = node else { panic!() };
/// assert_eq!(r.value(), Some(&Value::Integer(100)));
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
pub fn decode(
    bytes: &[u8],
    path: &Path,
    model: &(impl ModelProvider + ?Sized),
) -> Result<Node, Error> {
    decode_with(bytes, path, model, false)
}

/// [`decode`], optionally `lenient` (an integer item is accepted for a Float resource).
pub fn decode_with(
    bytes: &[u8],
    path: &Path,
    model: &(impl ModelProvider + ?Sized),
    lenient: bool,
) -> Result<Node, Error> {
    let wrong = Error::WrongLevel {
        path: *path,
        expected: "a single resource or resource instance path for cbor (60)",
    };
    let (Some(o), Some(r), Some(id)) = (path.object_id(), path.resource_id(), path.last_id())
    else {
        return Err(wrong);
    };
    let res = model.resource(o, r);
    if path.len() == 3 && res.is_some_and(|m| m.multiple) {
        return Err(wrong);
    }
    let dt = res.map(|m| m.data_type);
    if dt == Some(DataType::None) {
        return Err(Error::Value {
            offset: 0,
            path: Some(*path),
            expected: DataType::None,
            kind: ValueErrorKind::NoValue,
        });
    }
    let value = decode_value_at(bytes, dt, Some(*path), lenient)?;
    Ok(if path.len() == 3 {
        Node::Resource(Resource::Single { id, value })
    } else {
        Node::ResourceInstance(ResourceInstance { id, value })
    })
}

/// Encodes a single resource or a resource instance as CBOR (60); `path` is the node's path.
///
/// ```
/// use lwm2m_cbor::single;
/// use lwm2m_types::{Node, Resource, Value};
/// let node = Node::Resource(Resource::single(9, Value::Integer(-750)));
/// assert_eq!(single::encode(&node, &"/3/0/9".parse()?)?, [0x39, 0x02, 0xED]);
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
pub fn encode(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    node.check_path(path)?;
    let value = match node {
        Node::Resource(Resource::Single { value, .. }) => value,
        Node::ResourceInstance(ri) => &ri.value,
        _ => {
            return Err(Error::WrongLevel {
                path: *path,
                expected: "a single resource or resource instance for cbor (60)",
            });
        }
    };
    let mut out = Vec::with_capacity(9);
    encode_value(value.as_ref(), &mut out);
    Ok(out)
}
