//! The error type of `lwm2m-tlv`.

use core::fmt;

use lwm2m_types::{DataType, Path, ValueErrorKind};

use crate::Kind;

/// What went wrong while reading or writing TLV.
///
/// Every decoding error carries the **byte offset** in the whole payload: structural errors point
/// at the type byte of the offending TLV, value errors at the first byte of its value (or, for
/// invalid UTF-8, at the first invalid byte). Errors found at node level also carry the LwM2M
/// path when it is known.
///
/// ```
/// use lwm2m_tlv::{Error, Reader};
/// // A resource TLV claiming 0x0F_FFFF value bytes in a 5-byte payload.
/// let err = Reader::new(&[0xD8, 0x00, 0x0F, 0xFF, 0xFF]).next().unwrap().unwrap_err();
/// assert_eq!(err, Error::Truncated { offset: 0, needed: 0x0F_FFFF });
/// assert_eq!(err.to_string(), "tlv at byte 0 is truncated: 1048575 more bytes needed");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The payload ends inside a TLV header or value: `needed` more bytes would complete it.
    /// This is the only error that more input could fix.
    Truncated {
        /// Offset of the type byte of the TLV that is cut off.
        offset: usize,
        /// How many more bytes the TLV needs.
        needed: usize,
    },
    /// A nested TLV (header or value) runs past the end of the TLV that contains it.
    Overrun {
        /// Offset of the type byte of the nested TLV.
        offset: usize,
        /// Offset of the type byte of the containing TLV.
        parent: usize,
    },
    /// An identifier of 65535 (MAX-ID is reserved).
    ReservedId {
        /// Offset of the type byte.
        offset: usize,
    },
    /// A TLV of a kind that may not appear where it is: an object instance inside an object
    /// instance, a resource inside a multiple resource, a resource instance at the top of a
    /// payload for `/o/i`, …
    UnexpectedKind {
        /// Offset of the type byte.
        offset: usize,
        /// The kind found.
        kind: Kind,
        /// The kind of the containing TLV, or `None` at the top level of the payload.
        inside: Option<Kind>,
        /// The request path, when decoding a node.
        path: Option<Path>,
    },
    /// A wrapper TLV whose id disagrees with the request path (e.g. an object instance 1 in a
    /// payload for `/3/0`, or resource 5 for `/3/0/9`).
    IdMismatch {
        /// Offset of the type byte.
        offset: usize,
        /// The request path.
        path: Path,
        /// The id found in the TLV.
        found: u16,
    },
    /// Two sibling TLVs with the same id.
    Duplicate {
        /// Offset of the type byte of the second one.
        offset: usize,
        /// The path both name.
        path: Path,
    },
    /// A value whose length is not allowed for its data type (Integer, Unsigned Integer and
    /// Time: 1, 2, 4 or 8; Float: 4 or 8; Boolean: 1; Objlnk: 4).
    WrongWidth {
        /// Offset of the first value byte.
        offset: usize,
        /// The data type.
        data_type: DataType,
        /// The length found.
        length: usize,
        /// The resource (instance) path, when decoding a node.
        path: Option<Path>,
    },
    /// A value that does not fit its data type (invalid UTF-8, a boolean other than 0 or 1, a
    /// value for an executable resource).
    Value {
        /// Offset of the first value byte (of the first invalid byte for UTF-8).
        offset: usize,
        /// The data type.
        data_type: DataType,
        /// What is wrong.
        kind: ValueErrorKind,
        /// The resource (instance) path, when decoding a node.
        path: Option<Path>,
    },
    /// A typed value accessor used on an object instance or multiple resource TLV.
    NotAValue {
        /// Offset of the type byte.
        offset: usize,
        /// Its kind.
        kind: Kind,
    },
    /// Nested TLVs asked of a resource or resource instance TLV, which holds a value.
    NotNested {
        /// Offset of the type byte.
        offset: usize,
        /// Its kind.
        kind: Kind,
    },
    /// Bytes after the one TLV that a resource or resource instance payload may hold.
    Trailing {
        /// Offset of the first extra byte.
        offset: usize,
        /// The request path.
        path: Path,
    },
    /// More TLVs than [`Options::max_entries`](crate::Options::max_entries) allows.
    TooManyEntries {
        /// Offset of the type byte of the first TLV over the limit.
        offset: usize,
        /// The limit.
        limit: usize,
    },
    /// A request path or node that TLV cannot carry (the root), or an empty payload where a
    /// value is needed.
    WrongLevel {
        /// The request path.
        path: Path,
        /// What TLV needs there.
        expected: &'static str,
    },
    /// When writing: a value or nested content longer than 2^24 − 1 bytes.
    TooLong {
        /// Its length.
        length: usize,
        /// The path being written, when known.
        path: Option<Path>,
    },
    /// When writing: an id of 65535 (reserved).
    InvalidId {
        /// The id.
        id: u16,
        /// The path of the node whose child has that id, when known.
        path: Option<Path>,
    },
    /// When writing: a [`Mark`](crate::Mark) that does not belong to the buffer.
    InvalidMark,
    /// An error from `lwm2m-types` (e.g. a node that does not sit at the given path).
    Types(lwm2m_types::Error),
}

impl Error {
    /// The byte offset in the payload where the error was found, if it has one.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            Error::Truncated { offset, .. }
            | Error::Overrun { offset, .. }
            | Error::ReservedId { offset }
            | Error::UnexpectedKind { offset, .. }
            | Error::IdMismatch { offset, .. }
            | Error::Duplicate { offset, .. }
            | Error::WrongWidth { offset, .. }
            | Error::Value { offset, .. }
            | Error::NotAValue { offset, .. }
            | Error::NotNested { offset, .. }
            | Error::Trailing { offset, .. }
            | Error::TooManyEntries { offset, .. } => Some(offset),
            _ => None,
        }
    }

    /// Whether more input could fix this error (the payload is cut short).
    pub fn is_truncated(&self) -> bool {
        matches!(self, Error::Truncated { .. })
    }

    /// Fills in the path where the error has room for one and none is set yet.
    pub(crate) fn with_path(mut self, p: Path) -> Self {
        match &mut self {
            Error::UnexpectedKind { path, .. }
            | Error::WrongWidth { path, .. }
            | Error::Value { path, .. }
            | Error::TooLong { path, .. }
            | Error::InvalidId { path, .. }
                if path.is_none() =>
            {
                *path = Some(p);
            }
            _ => {}
        }
        self
    }
}

impl From<lwm2m_types::Error> for Error {
    fn from(e: lwm2m_types::Error) -> Self {
        Error::Types(e)
    }
}

fn describe(kind: ValueErrorKind) -> &'static str {
    match kind {
        ValueErrorKind::InvalidUtf8 => "invalid UTF-8",
        ValueErrorKind::InvalidBoolean => "boolean must be exactly 0 or 1",
        ValueErrorKind::NoValue => "this data type carries no value",
        ValueErrorKind::OutOfRange => "number out of range",
        ValueErrorKind::NonFinite => "NaN and infinity have no representation",
        ValueErrorKind::InvalidObjectLink => "invalid object link",
        ValueErrorKind::WrongType => "value of another data type",
        _ => "value does not fit its data type",
    }
}

struct At(Option<Path>);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(p) => write!(f, " ({p})"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::Truncated { offset, needed } => {
                write!(
                    f,
                    "tlv at byte {offset} is truncated: {needed} more bytes needed"
                )
            }
            Error::Overrun { offset, parent } => write!(
                f,
                "tlv at byte {offset} runs past the end of the tlv at byte {parent} that contains it"
            ),
            Error::ReservedId { offset } => {
                write!(f, "tlv at byte {offset} has the reserved id 65535")
            }
            Error::UnexpectedKind {
                offset,
                kind,
                inside,
                path,
            } => {
                write!(f, "{kind} tlv at byte {offset} is not allowed ")?;
                match inside {
                    Some(parent) => write!(f, "inside a {parent} tlv")?,
                    None => f.write_str("at the top level of the payload")?,
                }
                write!(f, "{}", At(path))
            }
            Error::IdMismatch {
                offset,
                path,
                found,
            } => write!(
                f,
                "tlv at byte {offset} has id {found}, which disagrees with the request path {path}"
            ),
            Error::Duplicate { offset, path } => {
                write!(f, "tlv at byte {offset} repeats {path}")
            }
            Error::WrongWidth {
                offset,
                data_type,
                length,
                path,
            } => write!(
                f,
                "value at byte {offset} has {length} bytes, a length the {data_type} type does not allow{}",
                At(path)
            ),
            Error::Value {
                offset,
                data_type,
                kind,
                path,
            } => write!(
                f,
                "invalid {data_type} value at byte {offset}: {}{}",
                describe(kind),
                At(path)
            ),
            Error::NotAValue { offset, kind } => {
                write!(
                    f,
                    "{kind} tlv at byte {offset} holds nested tlvs, not a value"
                )
            }
            Error::NotNested { offset, kind } => {
                write!(
                    f,
                    "{kind} tlv at byte {offset} holds a value, not nested tlvs"
                )
            }
            Error::Trailing { offset, path } => write!(
                f,
                "unexpected bytes at byte {offset} after the single tlv a payload for {path} holds"
            ),
            Error::TooManyEntries { offset, limit } => {
                write!(
                    f,
                    "tlv at byte {offset} is over the limit of {limit} entries"
                )
            }
            Error::WrongLevel { path, expected } => {
                write!(f, "wrong level for {path}: expected {expected}")
            }
            Error::TooLong { length, path } => write!(
                f,
                "value of {length} bytes is longer than the tlv maximum of 16777215{}",
                At(path)
            ),
            Error::InvalidId { id, path } => {
                write!(f, "id {id} is reserved and cannot be written{}", At(path))
            }
            Error::InvalidMark => f.write_str("tlv writer mark does not belong to this buffer"),
            Error::Types(e) => fmt::Display::fmt(&e, f),
        }
    }
}

impl core::error::Error for Error {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Error::Types(e) => Some(e),
            _ => None,
        }
    }
}
