//! The error type of this crate.

use std::fmt;
use std::path::PathBuf;

/// What went wrong while reading a DDF file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read (the I/O error's message).
    Io(String),
    /// The bytes are not UTF-8 (after an optional BOM).
    InvalidUtf8,
    /// The XML is not well-formed (the parser's message).
    Xml(String),
    /// The document declares a DTD (`<!DOCTYPE …>`): refused, so no entity can be defined.
    Dtd,
    /// A reference to an entity other than the five predefined ones and character references.
    UnknownEntity(String),
    /// The input is larger than [`Limits::max_bytes`](crate::Limits::max_bytes).
    TooLarge,
    /// Elements are nested deeper than [`Limits::max_depth`](crate::Limits::max_depth).
    TooDeep,
    /// More objects than [`Limits::max_objects`](crate::Limits::max_objects).
    TooManyObjects,
    /// More resources in one object than [`Limits::max_resources`](crate::Limits::max_resources).
    TooManyResources,
    /// A text is longer than [`Limits::max_text`](crate::Limits::max_text).
    TextTooLong,
    /// The root element is not `<LWM2M>` (e.g. `DDF.xml`, `Common.xml`).
    NotDdf,
    /// The document has no `<Object>`.
    NoObject,
    /// A required element is missing (its name).
    MissingElement(&'static str),
    /// A required attribute is missing (its name).
    MissingAttribute(&'static str),
    /// The text of an element or attribute is not an allowed value (the text).
    InvalidValue(String),
    /// Two different definitions of the same object id and version were given to the
    /// [`Builder`](crate::Builder).
    DuplicateObject {
        /// The object id.
        id: u16,
        /// The object version.
        version: lwm2m_types::Version,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Io(m) => write!(f, "cannot read file: {m}"),
            ErrorKind::InvalidUtf8 => f.write_str("not valid UTF-8"),
            ErrorKind::Xml(m) => write!(f, "malformed XML: {m}"),
            ErrorKind::Dtd => f.write_str("DOCTYPE declarations are not allowed"),
            ErrorKind::UnknownEntity(e) => write!(f, "unknown entity &{e};"),
            ErrorKind::TooLarge => f.write_str("input larger than the size limit"),
            ErrorKind::TooDeep => f.write_str("elements nested deeper than the depth limit"),
            ErrorKind::TooManyObjects => f.write_str("more objects than the object limit"),
            ErrorKind::TooManyResources => f.write_str("more resources than the resource limit"),
            ErrorKind::TextTooLong => f.write_str("text longer than the text limit"),
            ErrorKind::NotDdf => f.write_str("root element is not <LWM2M>"),
            ErrorKind::NoObject => f.write_str("no <Object> element"),
            ErrorKind::MissingElement(e) => write!(f, "missing element <{e}>"),
            ErrorKind::MissingAttribute(a) => write!(f, "missing attribute {a}"),
            ErrorKind::InvalidValue(v) => write!(f, "invalid value {v:?}"),
            ErrorKind::DuplicateObject { id, version } => {
                write!(
                    f,
                    "object {id} version {version} is defined twice, differently"
                )
            }
        }
    }
}

/// An error reading a DDF file: what went wrong, in which file, on which line, in which element.
///
/// ```
/// let err = lwm2m_ddf::parse_str("<LWM2M><Object><ObjectID>x</ObjectID></Object></LWM2M>")
///     .unwrap_err();
/// assert_eq!(err.line, 1);
/// assert_eq!(err.element, "LWM2M/Object/ObjectID");
/// assert_eq!(err.to_string(), "line 1: LWM2M/Object/ObjectID: invalid value \"x\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The file, when the input came from one.
    pub file: Option<PathBuf>,
    /// The 1-based line (0 when the error is not tied to a position, e.g. an I/O error).
    pub line: u32,
    /// The element path, e.g. `LWM2M/Object/Resources/Item[5]/Type` (empty when none).
    pub element: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, line: u32, element: String) -> Self {
        Error {
            kind,
            file: None,
            line,
            element,
        }
    }

    pub(crate) fn with_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
            if self.line > 0 {
                write!(f, "{}:", self.line)?;
            }
            f.write_str(" ")?;
        } else if self.line > 0 {
            write!(f, "line {}: ", self.line)?;
        }
        if !self.element.is_empty() {
            write!(f, "{}: ", self.element)?;
        }
        write!(f, "{}", self.kind)
    }
}

impl std::error::Error for Error {}
