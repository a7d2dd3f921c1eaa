//! The error type of `lwm2m-types`.

use core::fmt;

use crate::{DataType, Path};

/// Why a path segment (or a whole path) was refused.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathErrorKind {
    /// The text does not start with `/`.
    MissingSlash,
    /// A segment is empty, as in `/3//0` or `/3/`.
    EmptySegment,
    /// A segment holds something other than the digits `0`–`9` (a sign, a space, a letter).
    NotDigits,
    /// A segment has a leading zero, as in `/03`; only `0` itself may start with `0`.
    LeadingZero,
    /// A segment is 65535 (reserved MAX-ID) or larger.
    OutOfRange,
    /// There are more than four segments.
    TooDeep,
}

impl PathErrorKind {
    fn describe(self) -> &'static str {
        match self {
            Self::MissingSlash => "a path must start with '/'",
            Self::EmptySegment => "empty segment",
            Self::NotDigits => "segment is not a decimal number",
            Self::LeadingZero => "segment has a leading zero",
            Self::OutOfRange => "id out of range 0..=65534",
            Self::TooDeep => "more than four segments",
        }
    }
}

/// Why a value was refused.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueErrorKind {
    /// The bytes are not valid UTF-8.
    InvalidUtf8,
    /// The text is not a number of the expected form.
    InvalidNumber,
    /// The number does not fit the type's range.
    OutOfRange,
    /// A boolean other than `0` or `1`.
    InvalidBoolean,
    /// An object link that is not `oid:iid` with both ids in 0..=65535.
    InvalidObjectLink,
    /// Base64 text that does not decode.
    InvalidBase64,
    /// A float that cannot be written (NaN or infinite) or was read as NaN or infinite.
    NonFinite,
    /// The data type carries no value (Executable resources).
    NoValue,
    /// The value is of another data type than the one expected.
    WrongType,
}

impl ValueErrorKind {
    fn describe(self) -> &'static str {
        match self {
            Self::InvalidUtf8 => "invalid UTF-8",
            Self::InvalidNumber => "not a valid number",
            Self::OutOfRange => "number out of range",
            Self::InvalidBoolean => "boolean must be exactly 0 or 1",
            Self::InvalidObjectLink => "object link must be oid:iid with ids in 0..=65535",
            Self::InvalidBase64 => "invalid base64",
            Self::NonFinite => "NaN and infinity have no representation",
            Self::NoValue => "this data type carries no value",
            Self::WrongType => "value of another data type",
        }
    }
}

/// The first bytes of a refused input, kept inside the error without allocating.
///
/// `Display` shows them as text where they are printable ASCII and as `\xNN` escapes otherwise,
/// followed by `…` when the input was longer than what is kept.
///
/// ```
/// let s = lwm2m_types::Snippet::new(b"12a");
/// assert_eq!(s.as_bytes(), b"12a");
/// assert_eq!(s.to_string(), "\"12a\"");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Snippet {
    bytes: [u8; Snippet::CAPACITY],
    len: u8,
    truncated: bool,
}

impl Snippet {
    /// How many bytes a snippet keeps.
    pub const CAPACITY: usize = 24;

    /// Keeps the first [`Snippet::CAPACITY`] bytes of `input`.
    pub fn new(input: &[u8]) -> Self {
        let n = input.len().min(Self::CAPACITY);
        let mut bytes = [0u8; Self::CAPACITY];
        bytes[..n].copy_from_slice(&input[..n]);
        Snippet {
            bytes,
            len: n as u8,
            truncated: input.len() > n,
        }
    }

    /// The bytes kept.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Whether the input was longer than what is kept.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }
}

impl fmt::Debug for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for &b in self.as_bytes() {
            match b {
                b'"' => f.write_str("\\\"")?,
                b'\\' => f.write_str("\\\\")?,
                0x20..=0x7e => fmt::Write::write_char(f, char::from(b))?,
                _ => write!(f, "\\x{b:02x}")?,
            }
        }
        f.write_str("\"")?;
        if self.truncated {
            f.write_str("…")?;
        }
        Ok(())
    }
}

/// What went wrong in `lwm2m-types`: a path that does not parse, a value that does not fit its
/// data type, or a node that does not fit the request.
///
/// ```
/// use lwm2m_types::{Error, Path};
/// let err = "/3//0".parse::<Path>().unwrap_err();
/// assert!(matches!(err, Error::Path { segment: 2, .. }));
/// assert_eq!(err.to_string(), "invalid path: empty segment at segment 2");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Error {
    /// A path that is not an LwM2M path. `segment` counts from 1; 0 means the whole text.
    Path {
        /// Which segment is wrong (1 = object id), or 0 for the whole path.
        segment: u8,
        /// What is wrong with it.
        kind: PathErrorKind,
    },
    /// A value that does not fit its data type.
    Value {
        /// The data type that was expected.
        expected: DataType,
        /// What is wrong.
        kind: ValueErrorKind,
        /// Byte offset in the input where the value starts (0 for single-value payloads).
        offset: usize,
        /// The first bytes that were seen.
        seen: Snippet,
    },
    /// A node or payload at a path where it is not allowed, e.g. plain text for `/3/0`.
    WrongLevel {
        /// The path of the request.
        path: Path,
        /// What the format or operation needs there.
        expected: &'static str,
    },
    /// No model knows the resource at this path, so its data type is unknown.
    UnknownResource {
        /// The resource path.
        path: Path,
    },
    /// A record or node whose path lies outside the request path.
    OutsidePath {
        /// The request path.
        request: Path,
        /// The record's path.
        path: Path,
    },
    /// A path that appears twice, or a resource that is both single and multiple.
    Conflict {
        /// The path that appears twice or conflicts.
        path: Path,
    },
}

impl Error {
    /// Shorthand for [`Error::Value`] with the snippet taken from `seen`.
    pub fn value(expected: DataType, kind: ValueErrorKind, offset: usize, seen: &[u8]) -> Self {
        Error::Value {
            expected,
            kind,
            offset,
            seen: Snippet::new(seen),
        }
    }

    pub(crate) fn path(segment: u8, kind: PathErrorKind) -> Self {
        Error::Path { segment, kind }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Path { segment: 0, kind } => write!(f, "invalid path: {}", kind.describe()),
            Error::Path { segment, kind } => {
                write!(f, "invalid path: {} at segment {segment}", kind.describe())
            }
            Error::Value {
                expected,
                kind,
                offset,
                seen,
            } => write!(
                f,
                "invalid {expected} value at byte {offset}: {}, got {seen}",
                kind.describe()
            ),
            Error::WrongLevel { path, expected } => {
                write!(f, "wrong level for {path}: expected {expected}")
            }
            Error::UnknownResource { path } => {
                write!(f, "no object model knows the data type of {path}")
            }
            Error::OutsidePath { request, path } => {
                write!(f, "{path} lies outside the request path {request}")
            }
            Error::Conflict { path } => write!(f, "{path} appears twice or conflicts"),
        }
    }
}

impl core::error::Error for Error {}
