//! The LwM2M data types.

use core::fmt;
use core::str::FromStr;

/// The data type of a resource, as the DDF `<Type>` element names it.
///
/// ```
/// use lwm2m_types::DataType;
/// assert_eq!("Unsigned Integer".parse::<DataType>(), Ok(DataType::UnsignedInteger));
/// assert_eq!("objlnk".parse::<DataType>(), Ok(DataType::Objlnk));
/// assert_eq!(DataType::Float.to_string(), "Float");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DataType {
    /// UTF-8 text.
    String,
    /// Signed integer up to 64 bits.
    Integer,
    /// Unsigned integer up to 64 bits (LwM2M 1.1+).
    UnsignedInteger,
    /// IEEE 754 binary32 or binary64.
    Float,
    /// `false` / `true`.
    Boolean,
    /// A sequence of bytes.
    Opaque,
    /// Signed seconds since the Unix epoch.
    Time,
    /// A link to an object instance, `oid:iid`.
    Objlnk,
    /// A CoRE Link Format string (LwM2M 1.1+).
    Corelnk,
    /// No value: Executable resources.
    None,
}

impl DataType {
    /// Every data type, in declaration order.
    pub const ALL: [DataType; 10] = [
        DataType::String,
        DataType::Integer,
        DataType::UnsignedInteger,
        DataType::Float,
        DataType::Boolean,
        DataType::Opaque,
        DataType::Time,
        DataType::Objlnk,
        DataType::Corelnk,
        DataType::None,
    ];

    /// The name the DDF uses (`"Unsigned Integer"`; `""` for [`DataType::None`]).
    pub const fn ddf_name(self) -> &'static str {
        match self {
            DataType::String => "String",
            DataType::Integer => "Integer",
            DataType::UnsignedInteger => "Unsigned Integer",
            DataType::Float => "Float",
            DataType::Boolean => "Boolean",
            DataType::Opaque => "Opaque",
            DataType::Time => "Time",
            DataType::Objlnk => "Objlnk",
            DataType::Corelnk => "Corelnk",
            DataType::None => "",
        }
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataType::None => f.write_str("none"),
            t => f.write_str(t.ddf_name()),
        }
    }
}

/// The error of [`DataType::from_str`]: the text names no data type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownDataType;

impl fmt::Display for UnknownDataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown data type (expected string, integer, unsigned, float, boolean, opaque, time, objlnk, corelnk or none)")
    }
}

impl core::error::Error for UnknownDataType {}

impl FromStr for DataType {
    type Err = UnknownDataType;

    /// Accepts the DDF names and short forms, case-insensitively, ignoring spaces, `-` and `_`:
    /// `String`, `Integer`/`int`, `Unsigned Integer`/`unsigned`/`uint`, `Float`, `Boolean`/`bool`,
    /// `Opaque`, `Time`, `Objlnk`/`objectlink`, `Corelnk`/`corelink`, and `""`/`none`.
    fn from_str(s: &str) -> Result<Self, UnknownDataType> {
        let mut buf = [0u8; 24];
        let mut n = 0;
        for b in s.bytes().filter(|b| !matches!(b, b' ' | b'-' | b'_')) {
            if n == buf.len() {
                return Err(UnknownDataType);
            }
            buf[n] = b.to_ascii_lowercase();
            n += 1;
        }
        Ok(match &buf[..n] {
            b"string" | b"str" => DataType::String,
            b"integer" | b"int" => DataType::Integer,
            b"unsignedinteger" | b"unsigned" | b"uint" => DataType::UnsignedInteger,
            b"float" => DataType::Float,
            b"boolean" | b"bool" => DataType::Boolean,
            b"opaque" => DataType::Opaque,
            b"time" => DataType::Time,
            b"objlnk" | b"objectlink" => DataType::Objlnk,
            b"corelnk" | b"corelink" => DataType::Corelnk,
            b"" | b"none" => DataType::None,
            _ => return Err(UnknownDataType),
        })
    }
}
