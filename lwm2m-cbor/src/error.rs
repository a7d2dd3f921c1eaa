//! The one error type of the crate.

use core::fmt;

use lwm2m_types::{DataType, Path, ValueErrorKind};

/// What is wrong with a CBOR item itself (RFC 8949 well-formedness).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Malformed {
    /// Additional information 28, 29 or 30, which RFC 8949 reserves.
    ReservedInfo,
    /// An indefinite length on a major type that has none (0, 1, 6) or inside an indefinite
    /// string chunk.
    Indefinite,
    /// A break code (`FF`) outside an indefinite-length item.
    UnexpectedBreak,
    /// A chunk of an indefinite-length string that is not a definite string of the same type.
    BadChunk,
    /// A text string that is not UTF-8.
    InvalidUtf8,
    /// A simple value encoded in two bytes below 32 (RFC 8949 §3.3).
    BadSimple,
}

impl Malformed {
    fn describe(self) -> &'static str {
        match self {
            Malformed::ReservedInfo => "reserved additional information (28-30)",
            Malformed::Indefinite => "indefinite length where none is allowed",
            Malformed::UnexpectedBreak => "break code outside an indefinite-length item",
            Malformed::BadChunk => "indefinite string chunk of the wrong type",
            Malformed::InvalidUtf8 => "text string is not UTF-8",
            Malformed::BadSimple => "two-byte simple value below 32",
        }
    }
}

/// An error from reading or writing LwM2M CBOR (11544) or single-value CBOR (60).
///
/// Every variant that comes from input bytes carries the **byte offset** of the item at fault
/// (for [`Error::Truncated`]: the item that the input ends inside of), and the LwM2M path when
/// one is known.
///
/// ```
/// use lwm2m_cbor::Error;
/// use lwm2m_types::{NoModel, Path};
/// // A map that announces one entry, then ends.
/// let err = lwm2m_cbor::decode(&[0xA1, 0x83, 0x03, 0x00], &Path::ROOT, &NoModel).unwrap_err();
/// assert_eq!(err, Error::Truncated { offset: 4 });
/// assert_eq!(err.to_string(), "input ends inside the cbor item at byte 4");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Error {
    /// The input ends inside an item (more bytes were needed).
    Truncated {
        /// Offset of the item that is cut off.
        offset: usize,
    },
    /// A CBOR item that is not well-formed.
    Malformed {
        /// Offset of the item.
        offset: usize,
        /// What is wrong.
        kind: Malformed,
    },
    /// A well-formed item of a kind the format does not allow here (e.g. a text key, an array
    /// leaf, a top-level item that is not a map).
    Unexpected {
        /// Offset of the item.
        offset: usize,
        /// What the format needs here.
        expected: &'static str,
    },
    /// A path id of 65535 or more.
    IdOutOfRange {
        /// Offset of the id.
        offset: usize,
        /// The id as read.
        id: u64,
    },
    /// A key that is an empty array.
    EmptyKey {
        /// Offset of the key.
        offset: usize,
    },
    /// More than 4 path ids on one branch.
    PathTooLong {
        /// Offset of the id that would be the fifth.
        offset: usize,
        /// The 4-id path reached so far.
        path: Path,
    },
    /// A leaf value at a path above resource level (`/`, `/o`, `/o/i`).
    LeafAboveResource {
        /// Offset of the value.
        offset: usize,
        /// Its path.
        path: Path,
    },
    /// A path that appears twice (a duplicate map key, two key spellings that reach the same
    /// leaf, a leaf and a map at one path, or content below an empty aggregate).
    Conflict {
        /// Offset of the key of the second occurrence (for content below an empty map: the
        /// empty map's key; from a writer: 0).
        offset: usize,
        /// The path.
        path: Path,
    },
    /// A value whose path lies outside the request path.
    OutsidePath {
        /// Offset of the key.
        offset: usize,
        /// The request path.
        request: Path,
        /// The value's path.
        path: Path,
    },
    /// A leaf that does not fit its data type (wrong CBOR type, tag on the wrong type, number out
    /// of range, bad object link or date string, null where a value is needed).
    Value {
        /// Offset of the leaf item.
        offset: usize,
        /// Its path, when the format has one (11544 always; 60 the request path).
        path: Option<Path>,
        /// The data type that was expected (from the model, or the type the bytes show).
        expected: DataType,
        /// What is wrong.
        kind: ValueErrorKind,
    },
    /// Bytes after the one data item of the payload.
    TrailingBytes {
        /// Offset of the first extra byte.
        offset: usize,
    },
    /// More keys than [`DecodeOptions::max_entries`](crate::DecodeOptions::max_entries).
    TooManyEntries {
        /// Offset of the entry that goes over the limit.
        offset: usize,
    },
    /// A node, payload or request path at a level the operation does not support (e.g. CBOR
    /// (60) for an object instance, or a composite entry that is not a value).
    WrongLevel {
        /// The path.
        path: Path,
        /// What is needed there.
        expected: &'static str,
    },
    /// An error from the core types (a path, or a node that does not match its path).
    Types(lwm2m_types::Error),
}

impl Error {
    /// The byte offset of the error in the input, if it comes from input bytes.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            Error::Truncated { offset }
            | Error::Malformed { offset, .. }
            | Error::Unexpected { offset, .. }
            | Error::IdOutOfRange { offset, .. }
            | Error::EmptyKey { offset }
            | Error::PathTooLong { offset, .. }
            | Error::LeafAboveResource { offset, .. }
            | Error::Conflict { offset, .. }
            | Error::OutsidePath { offset, .. }
            | Error::Value { offset, .. }
            | Error::TrailingBytes { offset }
            | Error::TooManyEntries { offset } => Some(offset),
            Error::WrongLevel { .. } | Error::Types(_) => None,
        }
    }

    /// Whether more input could have made this error go away (the input was cut off).
    pub fn is_truncated(&self) -> bool {
        matches!(self, Error::Truncated { .. })
    }

    /// The error with `offset` and `path` attached, for errors from the core types that have none.
    pub(crate) fn at(e: lwm2m_types::Error, offset: usize) -> Self {
        match e {
            lwm2m_types::Error::Conflict { path } => Error::Conflict { offset, path },
            lwm2m_types::Error::OutsidePath { request, path } => Error::OutsidePath {
                offset,
                request,
                path,
            },
            lwm2m_types::Error::WrongLevel { path, .. } if path.len() < 3 => {
                Error::LeafAboveResource { offset, path }
            }
            other => Error::Types(other),
        }
    }
}

impl From<lwm2m_types::Error> for Error {
    fn from(e: lwm2m_types::Error) -> Self {
        Error::Types(e)
    }
}

fn describe_value(kind: ValueErrorKind) -> &'static str {
    match kind {
        ValueErrorKind::InvalidNumber => "not a valid number",
        ValueErrorKind::OutOfRange => "out of range",
        ValueErrorKind::InvalidBoolean => "not a boolean",
        ValueErrorKind::InvalidObjectLink => "not an object link oid:iid",
        ValueErrorKind::NonFinite => "not a finite number",
        ValueErrorKind::NoValue => "no value (null)",
        ValueErrorKind::WrongType => "wrong cbor type",
        _ => "invalid",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Truncated { offset } => {
                write!(f, "input ends inside the cbor item at byte {offset}")
            }
            Error::Malformed { offset, kind } => {
                write!(f, "malformed cbor at byte {offset}: {}", kind.describe())
            }
            Error::Unexpected { offset, expected } => {
                write!(
                    f,
                    "unexpected cbor item at byte {offset}: expected {expected}"
                )
            }
            Error::IdOutOfRange { offset, id } => {
                write!(
                    f,
                    "path id {id} at byte {offset} is out of range (max 65534)"
                )
            }
            Error::EmptyKey { offset } => write!(f, "empty key array at byte {offset}"),
            Error::PathTooLong { offset, path } => {
                write!(f, "more than 4 path ids at byte {offset} below {path}")
            }
            Error::LeafAboveResource { offset, path } => write!(
                f,
                "value at byte {offset} sits at {path}, above resource level"
            ),
            Error::Conflict { offset, path } => {
                write!(f, "{path} at byte {offset} appears twice or conflicts")
            }
            Error::OutsidePath {
                offset,
                request,
                path,
            } => write!(
                f,
                "{path} at byte {offset} lies outside the request path {request}"
            ),
            Error::Value {
                offset,
                path,
                expected,
                kind,
            } => {
                write!(f, "invalid {expected} value at byte {offset}")?;
                if let Some(p) = path {
                    write!(f, " for {p}")?;
                }
                write!(f, ": {}", describe_value(*kind))
            }
            Error::TrailingBytes { offset } => {
                write!(f, "trailing bytes after the cbor item at byte {offset}")
            }
            Error::TooManyEntries { offset } => {
                write!(f, "too many entries at byte {offset}")
            }
            Error::WrongLevel { path, expected } => {
                write!(f, "wrong level for {path}: expected {expected}")
            }
            Error::Types(e) => fmt::Display::fmt(e, f),
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
