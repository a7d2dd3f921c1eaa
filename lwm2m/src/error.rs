//! The facade's error: one variant per codec crate, plus formats that have no codec here.

use core::fmt;

use lwm2m_types::ContentFormat;

/// What went wrong in [`decode`](crate::decode) or [`encode`](crate::encode).
///
/// Each codec's own error is kept whole, so its byte offset and path stay available.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// This content format has no codec for that operation (or is not an LwM2M format).
    Unsupported {
        /// The content format asked for.
        format: ContentFormat,
        /// What was asked: `"decode"`, `"encode"`, …
        operation: &'static str,
    },
    /// Plain text, opaque, paths and node-shape errors.
    Types(lwm2m_types::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unsupported { format, operation } => {
                write!(f, "content format {format} does not support {operation}")
            }
            Error::Types(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Unsupported { .. } => None,
            Error::Types(e) => Some(e),
        }
    }
}

impl From<lwm2m_types::Error> for Error {
    fn from(e: lwm2m_types::Error) -> Self {
        Error::Types(e)
    }
}
