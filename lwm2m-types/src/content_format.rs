//! CoAP content-format numbers used by LwM2M.

use core::fmt;
use core::str::FromStr;

/// A CoAP Content-Format number. Known LwM2M numbers have names; unknown numbers are kept.
///
/// ```
/// use lwm2m_types::ContentFormat;
/// assert_eq!(ContentFormat::TLV.number(), 11542);
/// assert_eq!(ContentFormat::SENML_CBOR.media_type(), Some("application/senml+cbor"));
/// assert_eq!("application/vnd.oma.lwm2m+cbor".parse(), Ok(ContentFormat::LWM2M_CBOR));
/// assert_eq!("senml-json".parse(), Ok(ContentFormat::SENML_JSON));
/// assert_eq!("110".parse(), Ok(ContentFormat::SENML_JSON));
/// assert_eq!(ContentFormat::from(1542).canonical(), ContentFormat::TLV);
/// assert_eq!(ContentFormat::from(9999).media_type(), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct ContentFormat(pub u16);

impl ContentFormat {
    /// `text/plain;charset=utf-8` (0)
    pub const TEXT: Self = Self(0);
    /// `application/link-format` (40)
    pub const LINK_FORMAT: Self = Self(40);
    /// `application/octet-stream` (42)
    pub const OPAQUE: Self = Self(42);
    /// `application/cbor` (60)
    pub const CBOR: Self = Self(60);
    /// `application/senml+json` (110)
    pub const SENML_JSON: Self = Self(110);
    /// `application/senml+cbor` (112)
    pub const SENML_CBOR: Self = Self(112);
    /// `application/senml-etch+json` (320)
    pub const SENML_ETCH_JSON: Self = Self(320);
    /// `application/senml-etch+cbor` (322)
    pub const SENML_ETCH_CBOR: Self = Self(322);
    /// `application/vnd.oma.lwm2m+tlv` (11542)
    pub const TLV: Self = Self(11542);
    /// `application/vnd.oma.lwm2m+json`, the LwM2M 1.0 JSON (11543)
    pub const JSON: Self = Self(11543);
    /// `application/vnd.oma.lwm2m+cbor`, LwM2M CBOR (11544)
    pub const LWM2M_CBOR: Self = Self(11544);
    /// Pre-IANA LwM2M 1.0 plain text (1541), see [`ContentFormat::canonical`].
    pub const LEGACY_TEXT: Self = Self(1541);
    /// Pre-IANA LwM2M 1.0 TLV (1542).
    pub const LEGACY_TLV: Self = Self(1542);
    /// Pre-IANA LwM2M 1.0 JSON (1543).
    pub const LEGACY_JSON: Self = Self(1543);
    /// Pre-IANA LwM2M 1.0 opaque (1544).
    pub const LEGACY_OPAQUE: Self = Self(1544);

    /// Every named content format: (format, media type, short name).
    pub const KNOWN: [(ContentFormat, &'static str, &'static str); 15] = [
        (Self::TEXT, "text/plain;charset=utf-8", "text"),
        (Self::LINK_FORMAT, "application/link-format", "link"),
        (Self::OPAQUE, "application/octet-stream", "opaque"),
        (Self::CBOR, "application/cbor", "cbor"),
        (Self::SENML_JSON, "application/senml+json", "senml-json"),
        (Self::SENML_CBOR, "application/senml+cbor", "senml-cbor"),
        (
            Self::SENML_ETCH_JSON,
            "application/senml-etch+json",
            "senml-etch-json",
        ),
        (
            Self::SENML_ETCH_CBOR,
            "application/senml-etch+cbor",
            "senml-etch-cbor",
        ),
        (Self::TLV, "application/vnd.oma.lwm2m+tlv", "tlv"),
        (Self::JSON, "application/vnd.oma.lwm2m+json", "json"),
        (
            Self::LWM2M_CBOR,
            "application/vnd.oma.lwm2m+cbor",
            "lwm2m-cbor",
        ),
        (
            Self::LEGACY_TEXT,
            "application/vnd.oma.lwm2m+text",
            "legacy-text",
        ),
        (
            Self::LEGACY_TLV,
            "application/vnd.oma.lwm2m+tlv",
            "legacy-tlv",
        ),
        (
            Self::LEGACY_JSON,
            "application/vnd.oma.lwm2m+json",
            "legacy-json",
        ),
        (
            Self::LEGACY_OPAQUE,
            "application/vnd.oma.lwm2m+opaque",
            "legacy-opaque",
        ),
    ];

    /// The number.
    pub const fn number(self) -> u16 {
        self.0
    }

    fn known(self) -> Option<&'static (ContentFormat, &'static str, &'static str)> {
        Self::KNOWN.iter().find(|k| k.0 == self)
    }

    /// The media type, for known numbers.
    pub fn media_type(self) -> Option<&'static str> {
        self.known().map(|k| k.1)
    }

    /// The short name used by the `lwm2m` CLI (`tlv`, `senml-json`, …), for known numbers.
    pub fn name(self) -> Option<&'static str> {
        self.known().map(|k| k.2)
    }

    /// Maps the pre-IANA LwM2M 1.0 numbers (1541–1544) to the registered ones, as Leshan and
    /// Anjay do; every other number is returned unchanged.
    pub const fn canonical(self) -> Self {
        match self.0 {
            1541 => Self::TEXT,
            1542 => Self::TLV,
            1543 => Self::JSON,
            1544 => Self::OPAQUE,
            _ => self,
        }
    }
}

impl From<u16> for ContentFormat {
    fn from(n: u16) -> Self {
        ContentFormat(n)
    }
}

impl From<ContentFormat> for u16 {
    fn from(c: ContentFormat) -> Self {
        c.0
    }
}

impl fmt::Display for ContentFormat {
    /// The media type where known (`application/senml+json`), else the number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.media_type() {
            Some(m) if self.canonical() == *self => f.write_str(m),
            _ => write!(f, "{}", self.0),
        }
    }
}

/// The error of parsing a [`ContentFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownContentFormat;

impl fmt::Display for UnknownContentFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown content format (expected a number 0..=65535, a media type or a name such as tlv, senml-json)")
    }
}

impl core::error::Error for UnknownContentFormat {}

impl FromStr for ContentFormat {
    type Err = UnknownContentFormat;

    /// Parses a number (`11542`), a media type (`application/vnd.oma.lwm2m+tlv`; `text/plain`
    /// with or without `;charset=utf-8`), or a short name (`tlv`). Media types and names are
    /// matched case-insensitively; a media type shared by a legacy number gives the registered one.
    fn from_str(s: &str) -> Result<Self, UnknownContentFormat> {
        let s = s.trim();
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            return s
                .parse::<u16>()
                .map(ContentFormat)
                .map_err(|_| UnknownContentFormat);
        }
        if s.eq_ignore_ascii_case("text/plain") {
            return Ok(Self::TEXT);
        }
        let lower_eq = |a: &str| a.eq_ignore_ascii_case(s);
        Self::KNOWN
            .iter()
            .find(|k| lower_eq(k.1) || lower_eq(k.2))
            .map(|k| k.0)
            .ok_or(UnknownContentFormat)
    }
}
