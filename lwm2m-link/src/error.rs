//! The one error type of the crate.

use core::fmt;

use lwm2m_types::{Level, Snippet};

use crate::attr::AttrName;
use crate::check::Payload;

/// A construct of the link format that the input left open (see [`Error::Truncated`]).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unclosed {
    /// A `<` without its `>`.
    Target,
    /// A `"` without its closing `"` (or a `\` at the very end of the input).
    QuotedString,
    /// A `;` with no parameter name after it.
    Parameter,
    /// A `=` with no value after it.
    Value,
    /// A `,` with no link after it.
    Link,
}

impl Unclosed {
    fn describe(self) -> &'static str {
        match self {
            Unclosed::Target => "'<' without '>'",
            Unclosed::QuotedString => "unterminated quoted string",
            Unclosed::Parameter => "';' without a parameter name",
            Unclosed::Value => "'=' without a value",
            Unclosed::Link => "',' without a link after it",
        }
    }
}

/// What the parser expected where it found an unexpected byte (see [`Error::Syntax`]).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expected {
    /// `<`, the start of a link.
    LinkStart,
    /// A URI-Reference character or the closing `>`.
    TargetEnd,
    /// `;` (next parameter), `,` (next link) or the end of the input.
    Separator,
    /// A parameter name (`parmname` of RFC 6690).
    ParamName,
    /// A parameter value: a `ptoken` or a quoted string.
    Value,
    /// A character allowed inside a quoted string (no control characters).
    QuotedText,
    /// No white space (strict mode: RFC 6690 allows none around separators).
    NoWhiteSpace,
}

impl Expected {
    fn describe(self) -> &'static str {
        match self {
            Expected::LinkStart => "'<' starting a link",
            Expected::TargetEnd => "a URI character or '>'",
            Expected::Separator => "';', ',' or the end",
            Expected::ParamName => "a parameter name",
            Expected::Value => "a token or a quoted string",
            Expected::QuotedText => "text without control characters",
            Expected::NoWhiteSpace => "no white space (strict mode)",
        }
    }
}

/// A consistency rule between notification attributes (LwM2M TS 1.2.1 §7.3, Leshan
/// `MixedLwM2mAttributeSet.validate`).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `lt` must be less than `gt`.
    LtBelowGt,
    /// `lt + 2 * st` must be less than `gt`.
    StepFitsBetween,
    /// `pmin` must not exceed `pmax`.
    PminNotAbovePmax,
    /// `epmin` must not exceed `epmax`.
    EpminNotAboveEpmax,
}

impl Rule {
    fn describe(self) -> &'static str {
        match self {
            Rule::LtBelowGt => "lt must be less than gt",
            Rule::StepFitsBetween => "lt + 2*st must be less than gt",
            Rule::PminNotAbovePmax => "pmin must not exceed pmax",
            Rule::EpminNotAboveEpmax => "epmin must not exceed epmax",
        }
    }
}

/// Everything that can go wrong in this crate. Every variant carries the byte offset in the
/// input where the problem starts (0 for values that did not come from a byte input).
///
/// ```
/// use lwm2m_link::{Error, Unclosed, parse};
/// let err = parse(b"</3/0>;uri=\"coap://x").unwrap_err();
/// assert_eq!(err, Error::Truncated { offset: 11, unclosed: Unclosed::QuotedString });
/// assert_eq!(err.to_string(), "truncated input: unterminated quoted string opened at byte 11");
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Error {
    /// The input ended inside a construct; `offset` is where the construct started.
    Truncated {
        /// Byte offset of the construct left open (the `<`, `"`, `;`, `=` or `,`).
        offset: usize,
        /// Which construct.
        unclosed: Unclosed,
    },
    /// A byte the grammar does not allow there.
    Syntax {
        /// Byte offset of the unexpected byte.
        offset: usize,
        /// What was expected.
        expected: Expected,
        /// The unexpected byte.
        found: u8,
    },
    /// A quoted string that is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// More links than [`Limits::max_links`](crate::Limits::max_links).
    TooManyLinks {
        /// Byte offset of the first link over the limit.
        offset: usize,
        /// The limit.
        limit: usize,
    },
    /// More parameters in one link than
    /// [`Limits::max_attributes`](crate::Limits::max_attributes).
    TooManyAttributes {
        /// Byte offset of the first parameter over the limit.
        offset: usize,
        /// The limit.
        limit: usize,
    },
    /// A link target that is not an LwM2M path (`/`, `/o`, `/o/i`, `/o/i/r`, `/o/i/r/ri`,
    /// possibly below the alternate root path).
    InvalidTarget {
        /// Byte offset of the target (just after `<`).
        offset: usize,
        /// The first bytes of the target.
        target: Snippet,
    },
    /// A link target at a level the document does not allow, e.g. a resource in a
    /// registration payload.
    TargetLevel {
        /// Byte offset of the target (just after `<`).
        offset: usize,
        /// The level of the target.
        level: Level,
        /// What the document allows there.
        expected: &'static str,
    },
    /// A parameter that appears twice in one link (Leshan #1229), or an attribute twice in a
    /// Write-Attributes query.
    DuplicateAttribute {
        /// Byte offset of the second occurrence.
        offset: usize,
        /// Its name.
        name: Snippet,
    },
    /// A known LwM2M attribute without a value in a link (`;pmin`).
    MissingValue {
        /// Byte offset of the attribute name.
        offset: usize,
        /// The attribute.
        name: AttrName,
    },
    /// A known attribute whose value does not fit its type.
    InvalidValue {
        /// Byte offset of the value (or of the name when the value is written by us).
        offset: usize,
        /// The attribute.
        name: AttrName,
        /// What the value must look like.
        expected: &'static str,
    },
    /// An attribute attached to a level where LwM2M does not allow it (e.g. `gt` on an
    /// Object, `dim` on an Object Instance).
    WrongLevel {
        /// Byte offset of the attribute name.
        offset: usize,
        /// The attribute.
        name: AttrName,
        /// The level of the link it is attached to.
        level: Level,
    },
    /// Notification attributes that break a consistency rule.
    Rule {
        /// Byte offset of the link or query that holds them.
        offset: usize,
        /// The rule broken.
        rule: Rule,
    },
    /// A Write-Attributes query parameter that is not a notification attribute (Anjay answers
    /// 4.00).
    UnknownAttribute {
        /// Byte offset of the parameter name.
        offset: usize,
        /// Its first bytes.
        name: Snippet,
    },
    /// A document-level LwM2M rule, e.g. the `rt="oma.lwm2m"` root link after Object links.
    Structure {
        /// Byte offset of the link that breaks it.
        offset: usize,
        /// The rule.
        problem: &'static str,
    },
    /// A known LwM2M attribute that does not belong in this kind of payload, e.g. `pmin` in
    /// a registration (reported by [`check_as`](crate::check_as); see
    /// [`Payload::allows`](crate::Payload::allows)).
    NotInPayload {
        /// Byte offset of the attribute name.
        offset: usize,
        /// The attribute.
        name: AttrName,
        /// The kind of payload.
        payload: Payload,
    },
    /// Something the [`Writer`](crate::Writer) cannot express in link format.
    Unwritable {
        /// What cannot be written.
        what: &'static str,
    },
    /// An error from `lwm2m-types`.
    Types(lwm2m_types::Error),
}

impl Error {
    /// The byte offset of the problem in the input, when it came from an input.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            Error::Truncated { offset, .. }
            | Error::Syntax { offset, .. }
            | Error::InvalidUtf8 { offset }
            | Error::TooManyLinks { offset, .. }
            | Error::TooManyAttributes { offset, .. }
            | Error::InvalidTarget { offset, .. }
            | Error::TargetLevel { offset, .. }
            | Error::DuplicateAttribute { offset, .. }
            | Error::MissingValue { offset, .. }
            | Error::InvalidValue { offset, .. }
            | Error::WrongLevel { offset, .. }
            | Error::Rule { offset, .. }
            | Error::UnknownAttribute { offset, .. }
            | Error::Structure { offset, .. }
            | Error::NotInPayload { offset, .. } => Some(offset),
            Error::Unwritable { .. } | Error::Types(_) => None,
        }
    }

    /// Whether the input ended too early (more bytes might make it valid).
    pub fn is_truncated(&self) -> bool {
        matches!(self, Error::Truncated { .. })
    }

    /// The same error with its offset moved by `by` bytes (for errors found in a sub-slice).
    pub(crate) fn shifted(mut self, by: usize) -> Self {
        match &mut self {
            Error::Truncated { offset, .. }
            | Error::Syntax { offset, .. }
            | Error::InvalidUtf8 { offset }
            | Error::TooManyLinks { offset, .. }
            | Error::TooManyAttributes { offset, .. }
            | Error::InvalidTarget { offset, .. }
            | Error::TargetLevel { offset, .. }
            | Error::DuplicateAttribute { offset, .. }
            | Error::MissingValue { offset, .. }
            | Error::InvalidValue { offset, .. }
            | Error::WrongLevel { offset, .. }
            | Error::Rule { offset, .. }
            | Error::UnknownAttribute { offset, .. }
            | Error::Structure { offset, .. }
            | Error::NotInPayload { offset, .. } => *offset = offset.saturating_add(by),
            Error::Unwritable { .. } | Error::Types(_) => {}
        }
        self
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Root => "the root",
        Level::Object => "an object",
        Level::ObjectInstance => "an object instance",
        Level::Resource => "a resource",
        Level::ResourceInstance => "a resource instance",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Truncated { offset, unclosed } => write!(
                f,
                "truncated input: {} opened at byte {offset}",
                unclosed.describe()
            ),
            Error::Syntax {
                offset,
                expected,
                found,
            } => {
                write!(
                    f,
                    "syntax error at byte {offset}: expected {}, found ",
                    expected.describe()
                )?;
                match found {
                    0x21..=0x7e => write!(f, "'{}'", char::from(*found)),
                    _ => write!(f, "byte 0x{found:02x}"),
                }
            }
            Error::InvalidUtf8 { offset } => write!(f, "invalid utf-8 at byte {offset}"),
            Error::TooManyLinks { offset, limit } => {
                write!(f, "too many links at byte {offset}: the limit is {limit}")
            }
            Error::TooManyAttributes { offset, limit } => write!(
                f,
                "too many attributes in one link at byte {offset}: the limit is {limit}"
            ),
            Error::InvalidTarget { offset, target } => write!(
                f,
                "link target {target} at byte {offset} is not an lwm2m path"
            ),
            Error::TargetLevel {
                offset,
                level,
                expected,
            } => write!(
                f,
                "link target at byte {offset} is {}, expected {expected}",
                level_name(*level)
            ),
            Error::DuplicateAttribute { offset, name } => {
                write!(f, "attribute {name} repeated at byte {offset}")
            }
            Error::MissingValue { offset, name } => {
                write!(f, "attribute {name} at byte {offset} has no value")
            }
            Error::InvalidValue {
                offset,
                name,
                expected,
            } => write!(
                f,
                "invalid value of attribute {name} at byte {offset}: expected {expected}"
            ),
            Error::WrongLevel {
                offset,
                name,
                level,
            } => write!(
                f,
                "attribute {name} at byte {offset} is not allowed on {}",
                level_name(*level)
            ),
            Error::Rule { offset, rule } => {
                write!(
                    f,
                    "inconsistent attributes at byte {offset}: {}",
                    rule.describe()
                )
            }
            Error::UnknownAttribute { offset, name } => write!(
                f,
                "unknown attribute {name} at byte {offset}: not a notification attribute"
            ),
            Error::Structure { offset, problem } => write!(f, "at byte {offset}: {problem}"),
            Error::NotInPayload {
                offset,
                name,
                payload,
            } => write!(
                f,
                "attribute {name} at byte {offset} does not belong in {}",
                payload.describe()
            ),
            Error::Unwritable { what } => write!(f, "cannot write {what} in link format"),
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

impl From<lwm2m_types::Error> for Error {
    fn from(e: lwm2m_types::Error) -> Self {
        Error::Types(e)
    }
}
