//! Values: owned [`Value`], borrowed [`ValueRef`], and [`ObjectLink`].

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use bytes::Bytes;

use crate::DataType;

/// A link to an object instance, written `oid:iid`. `65535:65535` is the null link.
///
/// ```
/// use lwm2m_types::ObjectLink;
/// let l: ObjectLink = "66:0".parse()?;
/// assert_eq!((l.object_id, l.instance_id), (66, 0));
/// assert_eq!(l.to_string(), "66:0");
/// assert!("65535:65535".parse::<ObjectLink>()?.is_null());
/// assert!("66".parse::<ObjectLink>().is_err());
/// # Ok::<(), lwm2m_types::InvalidObjectLink>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ObjectLink {
    /// The object id.
    pub object_id: u16,
    /// The object instance id.
    pub instance_id: u16,
}

impl ObjectLink {
    /// The null link `65535:65535`, which references nothing.
    pub const NULL: ObjectLink = ObjectLink {
        object_id: u16::MAX,
        instance_id: u16::MAX,
    };

    /// A link to `/object_id/instance_id`.
    pub const fn new(object_id: u16, instance_id: u16) -> Self {
        ObjectLink {
            object_id,
            instance_id,
        }
    }

    /// Whether this is the null link.
    pub const fn is_null(&self) -> bool {
        self.object_id == u16::MAX && self.instance_id == u16::MAX
    }

    /// The 4-byte big-endian form used by TLV.
    pub const fn to_be_bytes(&self) -> [u8; 4] {
        let o = self.object_id.to_be_bytes();
        let i = self.instance_id.to_be_bytes();
        [o[0], o[1], i[0], i[1]]
    }

    /// Reads the 4-byte big-endian form used by TLV.
    pub const fn from_be_bytes(b: [u8; 4]) -> Self {
        ObjectLink {
            object_id: u16::from_be_bytes([b[0], b[1]]),
            instance_id: u16::from_be_bytes([b[2], b[3]]),
        }
    }

    /// Parses `oid:iid` from bytes (both decimal, 0..=65535, no sign, no spaces).
    pub fn parse_bytes(s: &[u8]) -> Result<Self, InvalidObjectLink> {
        let colon = s.iter().position(|&b| b == b':').ok_or(InvalidObjectLink)?;
        let id = |d: &[u8]| -> Result<u16, InvalidObjectLink> {
            if d.is_empty() || d.len() > 5 || !d.iter().all(u8::is_ascii_digit) {
                return Err(InvalidObjectLink);
            }
            let v = d.iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
            u16::try_from(v).map_err(|_| InvalidObjectLink)
        };
        Ok(ObjectLink {
            object_id: id(&s[..colon])?,
            instance_id: id(&s[colon + 1..])?,
        })
    }
}

impl fmt::Display for ObjectLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.object_id, self.instance_id)
    }
}

/// The error of parsing an [`ObjectLink`]: not `oid:iid` with both ids in 0..=65535.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidObjectLink;

impl fmt::Display for InvalidObjectLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("object link must be oid:iid with ids in 0..=65535")
    }
}

impl core::error::Error for InvalidObjectLink {}

impl FromStr for ObjectLink {
    type Err = InvalidObjectLink;
    fn from_str(s: &str) -> Result<Self, InvalidObjectLink> {
        ObjectLink::parse_bytes(s.as_bytes())
    }
}

/// An owned resource value. Opaque bytes are a cheaply cloned [`Bytes`].
///
/// ```
/// use lwm2m_types::{DataType, Value};
/// let v = Value::from("Open Mobile Alliance");
/// assert_eq!(v.data_type(), DataType::String);
/// assert_eq!(Value::Integer(-5).as_ref().to_owned(), Value::Integer(-5));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Value {
    /// [`DataType::String`]
    String(String),
    /// [`DataType::Integer`]
    Integer(i64),
    /// [`DataType::UnsignedInteger`]
    UnsignedInteger(u64),
    /// [`DataType::Float`]
    Float(f64),
    /// [`DataType::Boolean`]
    Boolean(bool),
    /// [`DataType::Opaque`]
    Opaque(Bytes),
    /// [`DataType::Time`]: signed seconds since the Unix epoch.
    Time(i64),
    /// [`DataType::Objlnk`]
    ObjectLink(ObjectLink),
    /// [`DataType::Corelnk`]: the link-format text.
    CoreLink(String),
}

/// A borrowed resource value, as the streaming readers yield it.
///
/// ```
/// use lwm2m_types::{Value, ValueRef};
/// let v = ValueRef::Opaque(&[1, 2, 3]);
/// assert_eq!(v.to_owned(), Value::Opaque(vec![1, 2, 3].into()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    /// [`DataType::String`]
    String(&'a str),
    /// [`DataType::Integer`]
    Integer(i64),
    /// [`DataType::UnsignedInteger`]
    UnsignedInteger(u64),
    /// [`DataType::Float`]
    Float(f64),
    /// [`DataType::Boolean`]
    Boolean(bool),
    /// [`DataType::Opaque`]
    Opaque(&'a [u8]),
    /// [`DataType::Time`]
    Time(i64),
    /// [`DataType::Objlnk`]
    ObjectLink(ObjectLink),
    /// [`DataType::Corelnk`]
    CoreLink(&'a str),
}

impl Value {
    /// The data type of this value.
    pub fn data_type(&self) -> DataType {
        self.as_ref().data_type()
    }

    /// Borrows this value.
    pub fn as_ref(&self) -> ValueRef<'_> {
        match self {
            Value::String(s) => ValueRef::String(s),
            Value::Integer(v) => ValueRef::Integer(*v),
            Value::UnsignedInteger(v) => ValueRef::UnsignedInteger(*v),
            Value::Float(v) => ValueRef::Float(*v),
            Value::Boolean(v) => ValueRef::Boolean(*v),
            Value::Opaque(b) => ValueRef::Opaque(b),
            Value::Time(v) => ValueRef::Time(*v),
            Value::ObjectLink(l) => ValueRef::ObjectLink(*l),
            Value::CoreLink(s) => ValueRef::CoreLink(s),
        }
    }
}

impl ValueRef<'_> {
    /// The data type of this value.
    pub fn data_type(&self) -> DataType {
        match self {
            ValueRef::String(_) => DataType::String,
            ValueRef::Integer(_) => DataType::Integer,
            ValueRef::UnsignedInteger(_) => DataType::UnsignedInteger,
            ValueRef::Float(_) => DataType::Float,
            ValueRef::Boolean(_) => DataType::Boolean,
            ValueRef::Opaque(_) => DataType::Opaque,
            ValueRef::Time(_) => DataType::Time,
            ValueRef::ObjectLink(_) => DataType::Objlnk,
            ValueRef::CoreLink(_) => DataType::Corelnk,
        }
    }

    /// Copies this value into an owned [`Value`].
    #[allow(clippy::wrong_self_convention)]
    pub fn to_owned(&self) -> Value {
        match *self {
            ValueRef::String(s) => Value::String(s.into()),
            ValueRef::Integer(v) => Value::Integer(v),
            ValueRef::UnsignedInteger(v) => Value::UnsignedInteger(v),
            ValueRef::Float(v) => Value::Float(v),
            ValueRef::Boolean(v) => Value::Boolean(v),
            ValueRef::Opaque(b) => Value::Opaque(Bytes::copy_from_slice(b)),
            ValueRef::Time(v) => Value::Time(v),
            ValueRef::ObjectLink(l) => Value::ObjectLink(l),
            ValueRef::CoreLink(s) => Value::CoreLink(s.into()),
        }
    }
}

impl<'a> From<&'a Value> for ValueRef<'a> {
    fn from(v: &'a Value) -> Self {
        v.as_ref()
    }
}

impl From<ValueRef<'_>> for Value {
    fn from(v: ValueRef<'_>) -> Self {
        v.to_owned()
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Integer(v)
    }
}

impl From<u64> for Value {
    fn from(v: u64) -> Self {
        Value::UnsignedInteger(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Boolean(v)
    }
}

impl From<Bytes> for Value {
    fn from(v: Bytes) -> Self {
        Value::Opaque(v)
    }
}

impl From<ObjectLink> for Value {
    fn from(v: ObjectLink) -> Self {
        Value::ObjectLink(v)
    }
}
