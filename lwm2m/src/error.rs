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
    /// TLV (11542).
    Tlv(lwm2m_tlv::Error),
    /// SenML JSON (110), SenML CBOR (112), the LwM2M 1.0 JSON (11543).
    Senml(lwm2m_senml::Error),
    /// LwM2M CBOR (11544) and single-value CBOR (60).
    Cbor(lwm2m_cbor::Error),
}

impl Error {
    /// The byte offset in the input where decoding failed, when the codec knows it.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Error::Unsupported { .. } => None,
            Error::Types(lwm2m_types::Error::Value { offset, .. }) => Some(*offset),
            Error::Types(_) => None,
            Error::Tlv(e) => e.offset(),
            Error::Senml(e) => e.offset(),
            Error::Cbor(e) => e.offset(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unsupported { format, operation } => {
                write!(f, "content format {format} does not support {operation}")
            }
            Error::Types(e) => e.fmt(f),
            Error::Tlv(e) => e.fmt(f),
            Error::Senml(e) => e.fmt(f),
            Error::Cbor(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Unsupported { .. } => None,
            Error::Types(e) => Some(e),
            Error::Tlv(e) => Some(e),
            Error::Senml(e) => Some(e),
            Error::Cbor(e) => Some(e),
        }
    }
}

impl From<lwm2m_types::Error> for Error {
    fn from(e: lwm2m_types::Error) -> Self {
        Error::Types(e)
    }
}

impl From<lwm2m_tlv::Error> for Error {
    fn from(e: lwm2m_tlv::Error) -> Self {
        Error::Tlv(e)
    }
}

impl From<lwm2m_senml::Error> for Error {
    fn from(e: lwm2m_senml::Error) -> Self {
        Error::Senml(e)
    }
}

impl From<lwm2m_cbor::Error> for Error {
    fn from(e: lwm2m_cbor::Error) -> Self {
        Error::Cbor(e)
    }
}
