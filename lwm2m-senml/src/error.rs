//! The one error type of the crate.

use core::fmt;

use lwm2m_types::{DataType, Path, PathErrorKind, ValueErrorKind};

/// What was wrong with the JSON or CBOR syntax itself.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyntaxKind {
    /// A SenML Pack must be a JSON array / CBOR array.
    ExpectedArray,
    /// A Record must be a JSON object / CBOR map (the LwM2M 1.0 JSON payload too).
    ExpectedObject,
    /// A JSON object key must be a string.
    ExpectedKey,
    /// `:` expected after a JSON object key.
    ExpectedColon,
    /// `,` or the closing bracket expected.
    ExpectedCommaOrEnd,
    /// A JSON value expected (string, number, object, array, `true`, `false`, `null`).
    ExpectedValue,
    /// A JSON number that does not follow the JSON grammar.
    InvalidNumber,
    /// An invalid JSON string escape, or a lone UTF-16 surrogate.
    InvalidEscape,
    /// A raw control character inside a JSON string.
    ControlCharacter,
    /// A CBOR head with additional information 28..=30 (reserved).
    ReservedAdditionalInfo,
    /// A CBOR "break" (`FF`) where no indefinite-length item is open.
    UnexpectedBreak,
    /// A chunk of an indefinite-length CBOR string that is not a definite string of the same type.
    InvalidChunk,
    /// A CBOR map key that is neither an integer nor a text string.
    InvalidKey,
    /// A CBOR item of a kind that has no meaning here (e.g. an indefinite-length integer).
    InvalidItem,
    /// A CBOR tag that this field does not accept.
    UnsupportedTag,
}

impl SyntaxKind {
    fn describe(self) -> &'static str {
        match self {
            Self::ExpectedArray => "expected an array (the SenML pack)",
            Self::ExpectedObject => "expected an object (a record)",
            Self::ExpectedKey => "expected a string key",
            Self::ExpectedColon => "expected ':'",
            Self::ExpectedCommaOrEnd => "expected ',' or the closing bracket",
            Self::ExpectedValue => "expected a value",
            Self::InvalidNumber => "invalid number",
            Self::InvalidEscape => "invalid string escape",
            Self::ControlCharacter => "control character inside a string",
            Self::ReservedAdditionalInfo => "reserved CBOR additional information 28..=30",
            Self::UnexpectedBreak => "unexpected CBOR break",
            Self::InvalidChunk => "invalid chunk in an indefinite-length string",
            Self::InvalidKey => "map key must be an integer or a text string",
            Self::InvalidItem => "CBOR item not allowed here",
            Self::UnsupportedTag => "unsupported CBOR tag",
        }
    }
}

/// Which limit of [`Options`](crate::Options) was hit.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LimitKind {
    /// Nesting deeper than [`Options::max_depth`](crate::Options::max_depth).
    Depth,
    /// More records than [`Options::max_records`](crate::Options::max_records).
    Records,
}

/// What was wrong with a field (label) of a record.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// The field has the wrong JSON / CBOR type (e.g. `"bn": 1`, `"vb": "t"`).
    WrongType,
    /// The same label twice in one record.
    Duplicate,
    /// A label LwM2M gives no meaning to and that would change values if ignored
    /// (`bv`, `bs`, `s`).
    Unsupported,
    /// An unknown label ending in `_` (RFC 8428 "must understand").
    MustUnderstand,
    /// An empty label (`""` as JSON key, empty CBOR text key).
    EmptyLabel,
    /// A second value field in one record.
    TwoValues,
    /// A record without a value field where a value is required.
    MissingValue,
    /// `"v": null` where it is not a LwM2M 1.2 Write-Composite delete of a resource instance.
    NullNotAllowed,
    /// `bver` greater than 10 (the version this crate understands) or not a positive integer.
    UnsupportedVersion,
    /// Two records with different `bver`.
    VersionMismatch,
    /// A number too large to represent (e.g. `1e400`), or a time whose `bt + t` overflows.
    OutOfRange,
    /// The LwM2M 1.0 JSON object has no `e` array.
    MissingEntries,
    /// The resolved name is missing (no `bn` and no `n`).
    MissingName,
    /// The resolved name does not start with [`Options::alternate_path`](crate::Options)
    /// followed by `/` or nothing.
    MissingPrefix,
}

impl FieldKind {
    fn describe(self) -> &'static str {
        match self {
            Self::WrongType => "has the wrong type",
            Self::Duplicate => "appears twice in one record",
            Self::Unsupported => "is not supported in LwM2M",
            Self::MustUnderstand => "is an unknown must-understand label",
            Self::EmptyLabel => "is an empty label",
            Self::TwoValues => "is a second value field",
            Self::MissingValue => "is missing: the record has no value",
            Self::NullNotAllowed => "is null outside a resource instance delete",
            Self::UnsupportedVersion => "names an unsupported SenML version",
            Self::VersionMismatch => "differs from the version of an earlier record",
            Self::OutOfRange => "is out of range",
            Self::MissingEntries => "is missing",
            Self::MissingName => "is missing: the record has no name",
            Self::MissingPrefix => "does not start with the alternate path",
        }
    }
}

/// Why a node could not be encoded.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EncodeKind {
    /// NaN or infinity has no JSON representation.
    NonFinite,
    /// A Write-Composite delete (`"v": null`) above resource instance level.
    DeleteNotResourceInstance,
}

/// Everything that can go wrong in this crate. Offsets are byte offsets into the input.
///
/// ```
/// use lwm2m_senml::{json, Error};
/// use lwm2m_types::{NoModel, Path};
/// let err = json::decode(br#"[{"n":"/3/0/1","v":1}] x"#, &"/3/0".parse()?, &NoModel).unwrap_err();
/// assert_eq!(err, Error::TrailingBytes { offset: 23 });
/// assert_eq!(err.to_string(), "unexpected bytes after the end of the payload at byte 23");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Error {
    /// The input ended in the middle of an item (truncated payload).
    Eof {
        /// Where more bytes were needed (the input length).
        offset: usize,
    },
    /// Bytes that are not valid JSON / CBOR here.
    Syntax {
        /// Where.
        offset: usize,
        /// What.
        kind: SyntaxKind,
    },
    /// Bytes after the end of the pack.
    TrailingBytes {
        /// Where the extra bytes start.
        offset: usize,
    },
    /// A string (or the JSON input) that is not valid UTF-8.
    InvalidUtf8 {
        /// Where the invalid sequence starts.
        offset: usize,
    },
    /// A limit of [`Options`](crate::Options) was exceeded.
    Limit {
        /// Where.
        offset: usize,
        /// Which limit.
        kind: LimitKind,
    },
    /// A field of a record is wrong.
    Field {
        /// Where the field (or its value) starts.
        offset: usize,
        /// The label as written in the format (`"bn"`, `"vb"`, CBOR keys by their JSON names).
        label: &'static str,
        /// What.
        kind: FieldKind,
    },
    /// The resolved name (`bn` + `n`) is not an LwM2M path.
    Name {
        /// Where the record starts.
        offset: usize,
        /// The path segment (1-based; 0 for the whole name) that is wrong.
        segment: u8,
        /// What.
        kind: PathErrorKind,
    },
    /// A value that does not fit the data type of its resource.
    Value {
        /// Where the value starts.
        offset: usize,
        /// The resource (instance) path.
        path: Path,
        /// The data type the model (or the field) asked for.
        expected: DataType,
        /// What.
        kind: ValueErrorKind,
    },
    /// A record that does not fit the node being built (outside the request path, wrong level,
    /// the same path twice, a resource and its own instance).
    Node {
        /// Where the record starts.
        offset: usize,
        /// The rule that was broken (carries the path).
        error: lwm2m_types::Error,
    },
    /// A node or value that this format cannot express.
    Encode {
        /// The path of the value.
        path: Path,
        /// What.
        kind: EncodeKind,
    },
    /// An error from `lwm2m-types` where no input offset applies (e.g. a node that does not sit
    /// at the path given to an encoder).
    Types(lwm2m_types::Error),
}

impl From<lwm2m_types::Error> for Error {
    fn from(e: lwm2m_types::Error) -> Self {
        Error::Types(e)
    }
}

impl Error {
    /// The byte offset in the input, where there is one.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            Error::Eof { offset }
            | Error::Syntax { offset, .. }
            | Error::TrailingBytes { offset }
            | Error::InvalidUtf8 { offset }
            | Error::Limit { offset, .. }
            | Error::Field { offset, .. }
            | Error::Name { offset, .. }
            | Error::Value { offset, .. }
            | Error::Node { offset, .. } => Some(offset),
            Error::Encode { .. } | Error::Types(_) => None,
        }
    }
}

fn path_kind(kind: PathErrorKind) -> &'static str {
    match kind {
        PathErrorKind::MissingSlash => "it must start with '/'",
        PathErrorKind::EmptySegment => "empty segment",
        PathErrorKind::NotDigits => "segment is not a decimal number",
        PathErrorKind::LeadingZero => "segment has a leading zero",
        PathErrorKind::OutOfRange => "id out of range 0..=65534",
        PathErrorKind::TooDeep => "more than four segments",
        _ => "invalid path",
    }
}

fn value_kind(kind: ValueErrorKind) -> &'static str {
    match kind {
        ValueErrorKind::InvalidUtf8 => "invalid UTF-8",
        ValueErrorKind::InvalidNumber => "not a valid number for this type",
        ValueErrorKind::OutOfRange => "number out of range",
        ValueErrorKind::InvalidBoolean => "invalid boolean",
        ValueErrorKind::InvalidObjectLink => "object link must be oid:iid with ids in 0..=65535",
        ValueErrorKind::InvalidBase64 => "invalid base64",
        ValueErrorKind::NonFinite => "NaN and infinity have no representation",
        ValueErrorKind::NoValue => "this data type carries no value",
        ValueErrorKind::WrongType => "value field of another data type",
        _ => "invalid value",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Eof { offset } => write!(f, "unexpected end of input at byte {offset}"),
            Error::Syntax { offset, kind } => write!(f, "{} at byte {offset}", kind.describe()),
            Error::TrailingBytes { offset } => {
                write!(
                    f,
                    "unexpected bytes after the end of the payload at byte {offset}"
                )
            }
            Error::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            Error::Limit { offset, kind } => match kind {
                LimitKind::Depth => write!(f, "nesting too deep at byte {offset}"),
                LimitKind::Records => write!(f, "too many records at byte {offset}"),
            },
            Error::Field {
                offset,
                label,
                kind,
            } => write!(f, "field {label:?} {} at byte {offset}", kind.describe()),
            Error::Name {
                offset,
                segment,
                kind,
            } => {
                write!(
                    f,
                    "record name at byte {offset} is not an LwM2M path: {}",
                    path_kind(*kind)
                )?;
                if *segment > 0 {
                    write!(f, " at segment {segment}")?;
                }
                Ok(())
            }
            Error::Value {
                offset,
                path,
                expected,
                kind,
            } => write!(
                f,
                "invalid {expected} value for {path} at byte {offset}: {}",
                value_kind(*kind)
            ),
            Error::Node { offset, error } => write!(f, "record at byte {offset}: {error}"),
            Error::Encode { path, kind } => match kind {
                EncodeKind::NonFinite => {
                    write!(
                        f,
                        "cannot encode {path}: NaN and infinity have no JSON form"
                    )
                }
                EncodeKind::DeleteNotResourceInstance => write!(
                    f,
                    "cannot encode a delete of {path}: only resource instances can be deleted"
                ),
            },
            Error::Types(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl core::error::Error for Error {}
