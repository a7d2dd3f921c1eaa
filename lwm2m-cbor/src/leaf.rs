//! Leaf values: reading one CBOR item as an LwM2M value, and writing one.

use alloc::string::String;
use alloc::vec::Vec;

use lwm2m_types::{Bytes, DataType, ObjectLink, Value, ValueErrorKind, ValueRef};

use crate::error::{Error, Malformed};
use crate::raw::{Decoder, Encoder, Token};

/// The content of a byte or text string: one borrowed slice, or the chunks of an
/// indefinite-length string (RFC 8949 §3.2.3), still borrowed from the input.
#[derive(Clone, Copy)]
pub struct Chunks<'a> {
    raw: &'a [u8],
    chunked: bool,
    /// `raw` as text, when it is a definite-length text string (checked when it was read, so
    /// that it is not checked again).
    pub(crate) text: Option<&'a str>,
}

// Equality and the debug form are those of the content (`raw`, `chunked`); `text` only caches.
impl PartialEq for Chunks<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw && self.chunked == other.chunked
    }
}

impl Eq for Chunks<'_> {}

impl core::fmt::Debug for Chunks<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Chunks")
            .field("raw", &self.raw)
            .field("chunked", &self.chunked)
            .finish()
    }
}

impl<'a> Chunks<'a> {
    pub(crate) fn whole(raw: &'a [u8]) -> Self {
        Chunks {
            raw,
            chunked: false,
            text: None,
        }
    }

    pub(crate) fn text(s: &'a str) -> Self {
        Chunks {
            raw: s.as_bytes(),
            chunked: false,
            text: Some(s),
        }
    }

    /// The content as one `&str`, if it was written as a definite-length string and is UTF-8
    /// (always so for a text string, which is checked when it is read).
    pub fn as_str(&self) -> Option<&'a str> {
        if let Some(s) = self.text {
            return Some(s);
        }
        self.as_slice().and_then(|s| core::str::from_utf8(s).ok())
    }

    /// The content as one slice, if it was written as a definite-length string.
    pub fn as_slice(&self) -> Option<&'a [u8]> {
        (!self.chunked).then_some(self.raw)
    }

    /// Whether it was written as an indefinite-length (chunked) string.
    pub fn is_chunked(&self) -> bool {
        self.chunked
    }

    /// The pieces of the content, in order (one piece for a definite-length string).
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let (whole, chunks) = if self.chunked {
            (None, Some(Decoder::new(self.raw)))
        } else {
            (Some(self.raw), None)
        };
        whole.into_iter().chain(
            chunks
                .into_iter()
                .flat_map(|mut d| core::iter::from_fn(move || chunk(&mut d))),
        )
    }

    /// The total content length in bytes.
    pub fn len(&self) -> usize {
        self.iter().map(<[u8]>::len).sum()
    }

    /// Whether the content is empty.
    pub fn is_empty(&self) -> bool {
        self.iter().all(<[u8]>::is_empty)
    }

    /// The content copied into one vector.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(self.raw.len());
        self.iter().for_each(|c| v.extend_from_slice(c));
        v
    }
}

fn chunk<'a>(d: &mut Decoder<'a>) -> Option<&'a [u8]> {
    match d.token() {
        Ok(Token::Bytes(b)) => Some(b),
        Ok(Token::Text(t)) => Some(t.as_bytes()),
        _ => None,
    }
}

/// A leaf item of LwM2M CBOR or single-value CBOR, as the bytes show it (before the model
/// decides the data type). Strings are borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Leaf<'a> {
    /// An unsigned integer (major 0).
    Unsigned(u64),
    /// A negative integer (major 1) holding `n` for the value `-1 - n`.
    Negative(u64),
    /// A float (half, single or double).
    Float(f64),
    /// `false` / `true`.
    Bool(bool),
    /// `null`: no value (the `none` type; in a Write-Composite, delete this resource instance).
    Null,
    /// A byte string.
    Bytes(Chunks<'a>),
    /// A text string (UTF-8 checked, chunk by chunk).
    Text(Chunks<'a>),
    /// Tag 1 with an integer: epoch seconds.
    EpochSeconds(i64),
    /// Tag 1 with a float: epoch seconds with a fraction.
    EpochFloat(f64),
    /// Tag 0: an RFC 3339 date/time string.
    DateTime(Chunks<'a>),
    /// Tag 4 `[exponent, mantissa]`: the value `mantissa * 10^exponent`.
    DecimalFraction {
        /// The base-10 exponent.
        exponent: i64,
        /// The mantissa.
        mantissa: i64,
    },
}

fn wrong(offset: usize, expected: &'static str) -> Error {
    Error::Unexpected { offset, expected }
}

fn int(tok: Token<'_>) -> Option<i64> {
    match tok {
        Token::Unsigned(n) => i64::try_from(n).ok(),
        Token::Negative(n) => i64::try_from(n).ok().map(|n| -1 - n),
        _ => None,
    }
}

/// Reads one leaf item. Arrays, maps, other tags and other simple values are
/// [`Error::Unexpected`]; there is no recursion, so nesting cannot exhaust the stack.
pub(crate) fn read_leaf<'a>(d: &mut Decoder<'a>) -> Result<Leaf<'a>, Error> {
    let start = d.offset();
    let tok = d.token()?;
    read_leaf_from(d, tok, start)
}

#[inline(always)]
pub(crate) fn read_leaf_from<'a>(
    d: &mut Decoder<'a>,
    tok: Token<'a>,
    start: usize,
) -> Result<Leaf<'a>, Error> {
    const LEAF: &str = "a leaf value (number, string, boolean, null or tag 0/1/4)";
    Ok(match tok {
        Token::Unsigned(n) => Leaf::Unsigned(n),
        Token::Negative(n) => Leaf::Negative(n),
        Token::Float(f) => Leaf::Float(f),
        Token::Bool(b) => Leaf::Bool(b),
        Token::Null => Leaf::Null,
        Token::Bytes(b) => Leaf::Bytes(Chunks::whole(b)),
        Token::Text(t) => Leaf::Text(Chunks::text(t)),
        Token::BytesStart => Leaf::Bytes(Chunks {
            text: None,
            raw: d.chunks(false, start)?,
            chunked: true,
        }),
        Token::TextStart => Leaf::Text(Chunks {
            text: None,
            raw: d.chunks(true, start)?,
            chunked: true,
        }),
        Token::Break => {
            return Err(Error::Malformed {
                offset: start,
                kind: Malformed::UnexpectedBreak,
            });
        }
        Token::Tag(tag) => {
            let inner_at = d.offset();
            let inner = d.token()?;
            let bad = |expected| Error::Unexpected {
                offset: inner_at,
                expected,
            };
            match tag {
                0 => match inner {
                    Token::Text(t) => Leaf::DateTime(Chunks::text(t)),
                    Token::TextStart => Leaf::DateTime(Chunks {
                        text: None,
                        raw: d.chunks(true, inner_at)?,
                        chunked: true,
                    }),
                    _ => return Err(bad("a text string in tag 0")),
                },
                1 => match inner {
                    Token::Float(f) => Leaf::EpochFloat(f),
                    Token::Unsigned(_) | Token::Negative(_) => {
                        Leaf::EpochSeconds(int(inner).ok_or(Error::Value {
                            offset: start,
                            path: None,
                            expected: DataType::Time,
                            kind: ValueErrorKind::OutOfRange,
                        })?)
                    }
                    Token::Break => {
                        return Err(Error::Malformed {
                            offset: inner_at,
                            kind: Malformed::UnexpectedBreak,
                        });
                    }
                    _ => return Err(bad("an integer or float in tag 1")),
                },
                4 => {
                    if inner != Token::Array(Some(2)) {
                        return Err(bad("a two-item array in tag 4"));
                    }
                    let mut num = || -> Result<i64, Error> {
                        let at = d.offset();
                        let t = d.token()?;
                        int(t).ok_or(match t {
                            Token::Unsigned(_) | Token::Negative(_) => Error::Value {
                                offset: at,
                                path: None,
                                expected: DataType::Float,
                                kind: ValueErrorKind::OutOfRange,
                            },
                            _ => wrong(at, "an integer in a decimal fraction"),
                        })
                    };
                    let exponent = num()?;
                    let mantissa = num()?;
                    Leaf::DecimalFraction { exponent, mantissa }
                }
                _ => {
                    return Err(wrong(
                        start,
                        "tag 0, 1 or 4 (no other tag has a meaning here)",
                    ));
                }
            }
        }
        Token::Array(_) | Token::Map(_) | Token::Undefined | Token::Simple(_) => {
            return Err(wrong(start, LEAF));
        }
    })
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `mantissa * 10^exponent` as f64, correctly rounded for |exponent| <= 22 and |mantissa| <= 2^53.
fn decimal(mantissa: i64, exponent: i64) -> f64 {
    let mut v = mantissa as f64;
    let mut e = exponent.clamp(-400, 400);
    while e > 0 {
        let step = e.min(22);
        v *= POW10[step as usize];
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(22);
        v /= POW10[step as usize];
        e += step;
    }
    v
}

impl Leaf<'_> {
    /// The data type the bytes show, used when no model knows the resource: integers are
    /// Integer (Unsigned Integer above `i64::MAX`), tag 0/1 are Time, tag 4 is Float, text is
    /// String, bytes are Opaque. `None` for `null`.
    pub fn natural_type(&self) -> Option<DataType> {
        Some(match self {
            Leaf::Unsigned(n) if *n > i64::MAX as u64 => DataType::UnsignedInteger,
            Leaf::Unsigned(_) | Leaf::Negative(_) => DataType::Integer,
            Leaf::Float(_) | Leaf::DecimalFraction { .. } => DataType::Float,
            Leaf::Bool(_) => DataType::Boolean,
            Leaf::Null => return None,
            Leaf::Bytes(_) => DataType::Opaque,
            Leaf::Text(_) => DataType::String,
            Leaf::EpochSeconds(_) | Leaf::EpochFloat(_) | Leaf::DateTime(_) => DataType::Time,
        })
    }

    /// The value as `data_type` (or as [`natural_type`](Self::natural_type) when `None`).
    ///
    /// Strict, like Leshan's CBOR decoder: Integer and Unsigned Integer need a CBOR integer,
    /// Float a CBOR float or a tag 4 decimal fraction (Anjay), Time an integer, tag 1 integer or
    /// float, or tag 0 RFC 3339 string (Zephyr), String/Corelnk/Objlnk a text string, Opaque a
    /// byte string. `lenient` also accepts an integer for a Float resource.
    #[inline]
    pub fn to_value(
        &self,
        data_type: Option<DataType>,
        lenient: bool,
    ) -> Result<Value, ValueErrorKind> {
        use ValueErrorKind as K;
        let dt = match data_type {
            Some(dt) => dt,
            None => self.natural_type().ok_or(K::NoValue)?,
        };
        let text = |c: &Chunks<'_>| -> Result<String, ValueErrorKind> {
            // Each chunk was checked to be UTF-8 when it was read.
            if let Some(s) = c.text {
                return Ok(String::from(s));
            }
            match c.as_slice() {
                Some(s) => core::str::from_utf8(s).map(String::from),
                None => String::from_utf8(c.to_vec()).map_err(|e| e.utf8_error()),
            }
            .map_err(|_| K::InvalidUtf8)
        };
        let signed = |l: &Leaf<'_>| match *l {
            Leaf::Unsigned(n) => i64::try_from(n).map_err(|_| K::OutOfRange),
            Leaf::Negative(n) => i64::try_from(n).map(|n| -1 - n).map_err(|_| K::OutOfRange),
            _ => Err(K::WrongType),
        };
        if matches!(self, Leaf::Null) {
            return Err(K::NoValue);
        }
        Ok(match dt {
            DataType::String => match self {
                Leaf::Text(c) => Value::String(text(c)?),
                _ => return Err(K::WrongType),
            },
            DataType::Corelnk => match self {
                Leaf::Text(c) => Value::CoreLink(text(c)?),
                _ => return Err(K::WrongType),
            },
            DataType::Objlnk => match self {
                Leaf::Text(c) => Value::ObjectLink(
                    ObjectLink::parse_bytes(&c.to_vec()).map_err(|_| K::InvalidObjectLink)?,
                ),
                _ => return Err(K::WrongType),
            },
            DataType::Opaque => match self {
                Leaf::Bytes(c) => Value::Opaque(match c.as_slice() {
                    Some(s) => Bytes::copy_from_slice(s),
                    None => Bytes::from(c.to_vec()),
                }),
                _ => return Err(K::WrongType),
            },
            DataType::Boolean => match self {
                Leaf::Bool(b) => Value::Boolean(*b),
                _ => return Err(K::WrongType),
            },
            DataType::Integer => Value::Integer(signed(self)?),
            DataType::UnsignedInteger => match self {
                Leaf::Unsigned(n) => Value::UnsignedInteger(*n),
                Leaf::Negative(_) => return Err(K::OutOfRange),
                _ => return Err(K::WrongType),
            },
            DataType::Float => match *self {
                Leaf::Float(f) => Value::Float(f),
                Leaf::DecimalFraction { exponent, mantissa } => {
                    Value::Float(decimal(mantissa, exponent))
                }
                Leaf::Unsigned(n) if lenient => Value::Float(n as f64),
                Leaf::Negative(n) if lenient => Value::Float(-1.0 - n as f64),
                _ => return Err(K::WrongType),
            },
            DataType::Time => match self {
                Leaf::Unsigned(_) | Leaf::Negative(_) => Value::Time(signed(self)?),
                Leaf::EpochSeconds(t) => Value::Time(*t),
                Leaf::EpochFloat(f) => {
                    if !f.is_finite() {
                        return Err(K::NonFinite);
                    }
                    // Whole seconds, rounded toward zero.
                    if *f >= 9_223_372_036_854_775_808.0 || *f < -9_223_372_036_854_775_808.0 {
                        return Err(K::OutOfRange);
                    }
                    Value::Time(*f as i64)
                }
                Leaf::DateTime(c) => Value::Time(parse_rfc3339(&c.to_vec())?),
                _ => return Err(K::WrongType),
            },
            _ => return Err(K::WrongType),
        })
    }
}

/// How Time values are written.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeForm {
    /// A plain integer (Anjay's LwM2M CBOR, the spec examples' `13: 1367491215`).
    #[default]
    Integer,
    /// Tag 1 + integer (Leshan's CBOR (60), the spec digest's recommendation).
    Tag1,
}

/// Writes one value as a CBOR item; Time as `time` says, strings and bytes with definite lengths.
pub(crate) fn write_value(enc: &mut Encoder<'_>, value: ValueRef<'_>, time: TimeForm) {
    match value {
        ValueRef::String(s) | ValueRef::CoreLink(s) => enc.str(s),
        ValueRef::Integer(v) => enc.i64(v),
        ValueRef::UnsignedInteger(v) => enc.u64(v),
        ValueRef::Float(v) => enc.f64(v),
        ValueRef::Boolean(v) => enc.bool(v),
        ValueRef::Opaque(b) => enc.bytes_item(b),
        ValueRef::Time(t) => {
            if time == TimeForm::Tag1 {
                enc.tag(1);
            }
            enc.i64(t);
        }
        ValueRef::ObjectLink(l) => {
            let mut buf = [0u8; 11];
            let n = fmt_link(l, &mut buf);
            enc.head(3, n as u64);
            enc.raw(&buf[..n]);
        }
    }
}

fn fmt_link(l: ObjectLink, buf: &mut [u8; 11]) -> usize {
    let mut n = 0;
    for (i, id) in [l.object_id, l.instance_id].into_iter().enumerate() {
        if i == 1 {
            buf[n] = b':';
            n += 1;
        }
        let mut digits = [0u8; 5];
        let mut k = 0;
        let mut v = id;
        loop {
            digits[k] = b'0' + (v % 10) as u8;
            k += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        while k > 0 {
            k -= 1;
            buf[n] = digits[k];
            n += 1;
        }
    }
    n
}

/// Parses an RFC 3339 date-time (`2013-05-02T10:40:15-00:00`, `...Z`, optional fraction,
/// which is dropped) into Unix seconds.
pub fn parse_rfc3339(s: &[u8]) -> Result<i64, ValueErrorKind> {
    let bad = ValueErrorKind::InvalidNumber;
    let num = |r: core::ops::Range<usize>| -> Result<i64, ValueErrorKind> {
        let d = s.get(r).ok_or(bad)?;
        if !d.iter().all(u8::is_ascii_digit) {
            return Err(bad);
        }
        Ok(d.iter().fold(0i64, |a, &c| a * 10 + i64::from(c - b'0')))
    };
    let sep = |i: usize, c: &[u8]| s.get(i).is_some_and(|b| c.contains(b));
    if s.len() < 20
        || !sep(4, b"-")
        || !sep(7, b"-")
        || !sep(10, b"Tt ")
        || !sep(13, b":")
        || !sep(16, b":")
    {
        return Err(bad);
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(ValueErrorKind::OutOfRange),
    };
    if d < 1 || d > dim || h > 23 || mi > 59 || sec > 60 {
        return Err(ValueErrorKind::OutOfRange);
    }
    let mut i = 19;
    if s.get(i) == Some(&b'.') {
        i += 1;
        let digits = s
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit());
        let n = digits.count();
        if n == 0 {
            return Err(bad);
        }
        i += n;
    }
    let offset = match s.get(i..).unwrap_or_default() {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            if oh > 23 || om > 59 {
                return Err(ValueErrorKind::OutOfRange);
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' { -o } else { o }
        }
        _ => return Err(bad),
    };
    // Days from civil (Howard Hinnant's algorithm).
    let yy = if mo <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Ok(days * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        assert_eq!(
            parse_rfc3339(b"2013-05-02T10:40:15-00:00"),
            Ok(1_367_491_215)
        );
        assert_eq!(parse_rfc3339(b"2013-05-02T10:40:15Z"), Ok(1_367_491_215));
        assert_eq!(
            parse_rfc3339(b"2013-05-02T12:40:15.25+02:00"),
            Ok(1_367_491_215)
        );
        assert_eq!(parse_rfc3339(b"1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_rfc3339(b"1969-12-31T23:59:59Z"), Ok(-1));
        assert_eq!(parse_rfc3339(b"2000-02-29T00:00:00Z"), Ok(951_782_400));
        assert_eq!(
            parse_rfc3339(b"2001-02-29T00:00:00Z"),
            Err(ValueErrorKind::OutOfRange)
        );
        assert_eq!(
            parse_rfc3339(b"2013-05-02 10:40:15"),
            Err(ValueErrorKind::InvalidNumber)
        );
        assert_eq!(
            parse_rfc3339(b"2013-05-02T10:40:15+0200"),
            Err(ValueErrorKind::InvalidNumber)
        );
        assert_eq!(parse_rfc3339(b""), Err(ValueErrorKind::InvalidNumber));
    }

    #[test]
    fn decimal_fractions() {
        assert_eq!(decimal(45, -1), 4.5);
        assert_eq!(decimal(27315, -2), 273.15);
        assert_eq!(decimal(3, 2), 300.0);
        assert_eq!(decimal(1, i64::MIN), 0.0);
        assert_eq!(decimal(1, i64::MAX), f64::INFINITY);
    }

    #[test]
    fn links() {
        let mut b = [0u8; 11];
        let n = fmt_link(ObjectLink::new(65535, 0), &mut b);
        assert_eq!(&b[..n], b"65535:0");
        let n = fmt_link(ObjectLink::new(66, 10), &mut b);
        assert_eq!(&b[..n], b"66:10");
    }
}
