//! A small zero-copy CBOR (RFC 8949) item reader and writer.
//!
//! [`Decoder`] reads one token at a time from a `&[u8]`, tracking the byte offset; strings are
//! borrowed from the input, and lengths are checked against the bytes really present before
//! anything is sliced (nothing is ever allocated). [`Encoder`] appends the shortest head for
//! every item to a `Vec<u8>`, and floats in the shortest width that keeps the value exact.
//!
//! ```
//! use lwm2m_cbor::raw::{Decoder, Encoder, Token};
//! let mut out = Vec::new();
//! let mut enc = Encoder::new(&mut out);
//! enc.map(1);
//! enc.u64(9);
//! enc.f64(22.5);
//! assert_eq!(out, [0xA1, 0x09, 0xF9, 0x4D, 0xA0]);
//! let mut dec = Decoder::new(&out);
//! assert_eq!(dec.token()?, Token::Map(Some(1)));
//! assert_eq!(dec.token()?, Token::Unsigned(9));
//! assert_eq!(dec.token()?, Token::Float(22.5));
//! assert!(dec.is_empty());
//! # Ok::<(), lwm2m_cbor::Error>(())
//! ```

use alloc::vec::Vec;

use crate::error::{Error, Malformed};

/// One CBOR token: a head, with the content of definite-length strings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Token<'a> {
    /// Major type 0.
    Unsigned(u64),
    /// Major type 1, holding `n` for the value `-1 - n`.
    Negative(u64),
    /// A definite-length byte string.
    Bytes(&'a [u8]),
    /// A definite-length text string (checked to be UTF-8).
    Text(&'a str),
    /// The start of an indefinite-length byte string (chunks follow, then a break).
    BytesStart,
    /// The start of an indefinite-length text string (chunks follow, then a break).
    TextStart,
    /// An array head; `None` for indefinite length.
    Array(Option<u64>),
    /// A map head (count of pairs); `None` for indefinite length.
    Map(Option<u64>),
    /// A tag.
    Tag(u64),
    /// `false` / `true`.
    Bool(bool),
    /// `null`.
    Null,
    /// `undefined`.
    Undefined,
    /// Another simple value.
    Simple(u8),
    /// A half, single or double float, widened to `f64`.
    Float(f64),
    /// The break code `FF`.
    Break,
}

/// A zero-copy CBOR token reader over a byte slice.
#[derive(Debug, Clone)]
pub struct Decoder<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Decoder<'a> {
    /// A reader at the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Decoder { buf, pos: 0 }
    }

    /// The byte offset of the next token.
    #[inline]
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Whether all bytes have been read.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// The bytes not read yet.
    #[inline]
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    /// Reads an unsigned integer if one is next and whole; reads nothing otherwise (then
    /// [`Decoder::token`] gives the token or the error).
    #[inline(always)]
    pub(crate) fn unsigned(&mut self) -> Option<u64> {
        let (v, n) = match *self.rest() {
            [b @ 0..=0x17, ..] => (u64::from(b), 1),
            [0x18, b, ..] => (u64::from(b), 2),
            [0x19, a, b, ..] => (u64::from(u16::from_be_bytes([a, b])), 3),
            [0x1A, a, b, c, d, ..] => (u64::from(u32::from_be_bytes([a, b, c, d])), 5),
            [0x1B, a, b, c, d, e, f, g, h, ..] => (u64::from_be_bytes([a, b, c, d, e, f, g, h]), 9),
            _ => return None,
        };
        self.pos += n;
        Some(v)
    }

    /// Reads a definite text string of less than 256 bytes if one is next, whole and UTF-8;
    /// reads nothing otherwise (then [`Decoder::token`] gives the token or the error).
    #[inline(always)]
    pub(crate) fn short_text(&mut self) -> Option<&'a str> {
        let rest = self.rest();
        let (head, len) = match *rest {
            [b @ 0x60..=0x77, ..] => (1, usize::from(b & 0x1F)),
            [0x78, n, ..] => (2, usize::from(n)),
            _ => return None,
        };
        let s = core::str::from_utf8(rest.get(head..head + len)?).ok()?;
        self.pos += head + len;
        Some(s)
    }

    /// The next byte without consuming it.
    pub fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Skips `n` bytes (at most to the end).
    #[inline]
    pub(crate) fn skip(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.buf.len());
    }

    /// Consumes a break code if one is next; returns whether it did.
    #[inline]
    pub fn eat_break(&mut self) -> bool {
        if self.peek() == Some(0xFF) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    #[inline]
    fn take(&mut self, n: usize, start: usize) -> Result<&'a [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or(Error::Truncated { offset: start })?;
        let s = self
            .buf
            .get(self.pos..end)
            .ok_or(Error::Truncated { offset: start })?;
        self.pos = end;
        Ok(s)
    }

    #[inline]
    fn arg(&mut self, info: u8, start: usize) -> Result<u64, Error> {
        Ok(match info {
            0..=23 => u64::from(info),
            24 => u64::from(self.take(1, start)?[0]),
            25 => {
                let b = self.take(2, start)?;
                u64::from(u16::from_be_bytes([b[0], b[1]]))
            }
            26 => {
                let b = self.take(4, start)?;
                u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            }
            27 => {
                let b = self.take(8, start)?;
                u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
            }
            _ => {
                return Err(Error::Malformed {
                    offset: start,
                    kind: Malformed::ReservedInfo,
                });
            }
        })
    }

    #[inline]
    fn len(&mut self, arg: u64, start: usize) -> Result<usize, Error> {
        // A length beyond the address space can never be satisfied by the input.
        usize::try_from(arg).map_err(|_| Error::Truncated { offset: start })
    }

    /// Reads the next token. Definite strings are borrowed whole; an indefinite string yields
    /// [`Token::BytesStart`]/[`Token::TextStart`] and its chunks follow as definite strings.
    #[inline(always)]
    pub fn token(&mut self) -> Result<Token<'a>, Error> {
        let start = self.pos;
        let ib = *self
            .buf
            .get(self.pos)
            .ok_or(Error::Truncated { offset: start })?;
        self.pos += 1;
        let major = ib >> 5;
        let info = ib & 0x1F;
        let malformed = |kind| Error::Malformed {
            offset: start,
            kind,
        };
        if info == 31 {
            return match major {
                2 => Ok(Token::BytesStart),
                3 => Ok(Token::TextStart),
                4 => Ok(Token::Array(None)),
                5 => Ok(Token::Map(None)),
                7 => Ok(Token::Break),
                _ => Err(malformed(Malformed::Indefinite)),
            };
        }
        if major == 7 {
            return match info {
                20 => Ok(Token::Bool(false)),
                21 => Ok(Token::Bool(true)),
                22 => Ok(Token::Null),
                23 => Ok(Token::Undefined),
                0..=19 => Ok(Token::Simple(info)),
                24 => {
                    let v = self.take(1, start)?[0];
                    if v < 32 {
                        Err(malformed(Malformed::BadSimple))
                    } else {
                        Ok(Token::Simple(v))
                    }
                }
                25 => {
                    let b = self.take(2, start)?;
                    Ok(Token::Float(f16_to_f64(u16::from_be_bytes([b[0], b[1]]))))
                }
                26 => {
                    let b = self.take(4, start)?;
                    Ok(Token::Float(f64::from(f32::from_be_bytes([
                        b[0], b[1], b[2], b[3],
                    ]))))
                }
                27 => {
                    let b = self.take(8, start)?;
                    Ok(Token::Float(f64::from_be_bytes([
                        b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                    ])))
                }
                _ => Err(malformed(Malformed::ReservedInfo)),
            };
        }
        let arg = self.arg(info, start)?;
        Ok(match major {
            0 => Token::Unsigned(arg),
            1 => Token::Negative(arg),
            2 => {
                let n = self.len(arg, start)?;
                Token::Bytes(self.take(n, start)?)
            }
            3 => {
                let n = self.len(arg, start)?;
                let s = self.take(n, start)?;
                Token::Text(core::str::from_utf8(s).map_err(|_| malformed(Malformed::InvalidUtf8))?)
            }
            4 => Token::Array(Some(arg)),
            5 => Token::Map(Some(arg)),
            _ => Token::Tag(arg),
        })
    }

    /// Reads the chunks of an indefinite string whose start token was just read, up to and
    /// including its break; returns the raw chunk bytes (heads included) for
    /// [`Chunks`](crate::Chunks). `text` selects text chunks (each checked to be UTF-8).
    pub(crate) fn chunks(&mut self, text: bool, start: usize) -> Result<&'a [u8], Error> {
        let first = self.pos;
        loop {
            let at = self.pos;
            match self.token() {
                Ok(Token::Break) => {
                    return self
                        .buf
                        .get(first..at)
                        .ok_or(Error::Truncated { offset: start });
                }
                Ok(Token::Bytes(_)) if !text => {}
                Ok(Token::Text(_)) if text => {}
                Ok(Token::BytesStart | Token::TextStart) => {
                    return Err(Error::Malformed {
                        offset: at,
                        kind: Malformed::Indefinite,
                    });
                }
                Ok(_) => {
                    return Err(Error::Malformed {
                        offset: at,
                        kind: Malformed::BadChunk,
                    });
                }
                Err(Error::Truncated { .. }) => return Err(Error::Truncated { offset: start }),
                Err(e) => return Err(e),
            }
        }
    }
}

/// Widens an IEEE 754 half-precision float.
pub fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1F);
    let mant = f64::from(h & 0x3FF);
    let mag = match exp {
        0 => mant * pow2(-24),
        31 if mant == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1024.0 + mant) * pow2(exp - 25),
    };
    sign * mag
}

fn pow2(e: i32) -> f64 {
    // Exact for the small exponents used here (-24..=6).
    f64::from_bits(((1023 + i64::from(e)) as u64) << 52)
}

/// The half-precision bits of `v` if `v` converts to half and back exactly (NaN becomes the
/// canonical half NaN `7E00`).
pub fn f64_to_f16_exact(v: f64) -> Option<u16> {
    if v.is_nan() {
        return Some(0x7E00);
    }
    let f = v as f32;
    if f64::from(f) != v {
        return None;
    }
    let b = f.to_bits();
    let sign = ((b >> 16) & 0x8000) as u16;
    let exp = ((b >> 23) & 0xFF) as i32;
    let mant = b & 0x7F_FFFF;
    let cand = if exp == 0xFF {
        sign | 0x7C00
    } else if exp == 0 {
        // f32 zero (f32 subnormals are far below the half range).
        if mant != 0 {
            return None;
        }
        sign
    } else {
        let e = exp - 127;
        if (-14..=15).contains(&e) {
            if mant & 0x1FFF != 0 {
                return None;
            }
            sign | (((e + 15) as u16) << 10) | ((mant >> 13) as u16)
        } else if (-24..-14).contains(&e) {
            let full = 0x80_0000 | mant;
            let shift = (-1 - e) as u32;
            if full & ((1 << shift) - 1) != 0 {
                return None;
            }
            sign | ((full >> shift) as u16)
        } else {
            return None;
        }
    };
    (f16_to_f64(cand) == v).then_some(cand)
}

/// Appends CBOR items to a caller's `Vec<u8>`, always with the shortest head.
#[derive(Debug)]
pub struct Encoder<'v> {
    out: &'v mut Vec<u8>,
}

impl<'v> Encoder<'v> {
    /// An encoder appending to `out`.
    pub fn new(out: &'v mut Vec<u8>) -> Self {
        Encoder { out }
    }

    /// The bytes written so far (with whatever `out` held before).
    pub fn bytes(&self) -> &[u8] {
        self.out
    }

    /// Writes a head of `major` with argument `arg` in the shortest form.
    #[inline]
    pub fn head(&mut self, major: u8, arg: u64) {
        if arg < 24 {
            self.out.push(major << 5 | arg as u8);
        } else {
            self.head_long(major, arg);
        }
    }

    /// [`Encoder::head`] with an argument of 24 or more.
    fn head_long(&mut self, major: u8, arg: u64) {
        let m = major << 5;
        if arg <= 0xFF {
            self.out.extend_from_slice(&[m | 24, arg as u8]);
        } else if arg <= 0xFFFF {
            self.out.push(m | 25);
            self.out.extend_from_slice(&(arg as u16).to_be_bytes());
        } else if arg <= 0xFFFF_FFFF {
            self.out.push(m | 26);
            self.out.extend_from_slice(&(arg as u32).to_be_bytes());
        } else {
            self.out.push(m | 27);
            self.out.extend_from_slice(&arg.to_be_bytes());
        }
    }

    /// An unsigned integer (major 0).
    #[inline]
    pub fn u64(&mut self, v: u64) {
        self.head(0, v);
    }

    /// A signed integer (major 0 or 1).
    #[inline]
    pub fn i64(&mut self, v: i64) {
        if v >= 0 {
            self.head(0, v as u64);
        } else {
            // -1 - v without overflow: !v.
            self.head(1, !v as u64);
        }
    }

    /// A float in the shortest of half, single and double that keeps it exact.
    pub fn f64(&mut self, v: f64) {
        if let Some(h) = f64_to_f16_exact(v) {
            self.out.push(0xF9);
            self.out.extend_from_slice(&h.to_be_bytes());
        } else if f64::from(v as f32) == v {
            self.out.push(0xFA);
            self.out.extend_from_slice(&(v as f32).to_be_bytes());
        } else {
            self.out.push(0xFB);
            self.out.extend_from_slice(&v.to_be_bytes());
        }
    }

    /// `false` / `true`.
    pub fn bool(&mut self, v: bool) {
        self.out.push(if v { 0xF5 } else { 0xF4 });
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.push(0xF6);
    }

    /// A definite-length byte string.
    pub fn bytes_item(&mut self, v: &[u8]) {
        self.head(2, v.len() as u64);
        self.out.extend_from_slice(v);
    }

    /// A definite-length text string.
    pub fn str(&mut self, v: &str) {
        self.head(3, v.len() as u64);
        self.out.extend_from_slice(v.as_bytes());
    }

    /// An array head of `n` items.
    pub fn array(&mut self, n: u64) {
        self.head(4, n);
    }

    /// A map head of `n` pairs.
    pub fn map(&mut self, n: u64) {
        self.head(5, n);
    }

    /// A tag.
    pub fn tag(&mut self, tag: u64) {
        self.head(6, tag);
    }

    /// Raw bytes, already encoded.
    pub fn raw(&mut self, v: &[u8]) {
        self.out.extend_from_slice(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats() {
        assert_eq!(f16_to_f64(0x4DA0), 22.5);
        assert_eq!(f16_to_f64(0x0001), 5.960_464_477_539_063e-8);
        assert_eq!(f16_to_f64(0x7BFF), 65504.0);
        assert_eq!(f16_to_f64(0xC400), -4.0);
        assert_eq!(f64_to_f16_exact(22.5), Some(0x4DA0));
        assert_eq!(f64_to_f16_exact(5.960_464_477_539_063e-8), Some(0x0001));
        assert_eq!(f64_to_f16_exact(0.000_061_035_156_25), Some(0x0400));
        assert_eq!(f64_to_f16_exact(65504.0), Some(0x7BFF));
        assert_eq!(f64_to_f16_exact(65536.0), None);
        assert_eq!(f64_to_f16_exact(f64::INFINITY), Some(0x7C00));
        assert_eq!(f64_to_f16_exact(f64::NEG_INFINITY), Some(0xFC00));
        assert_eq!(f64_to_f16_exact(-0.0), Some(0x8000));
        assert_eq!(f64_to_f16_exact(0.1), None);
        assert_eq!(f64_to_f16_exact(1.0 + 1.0 / 2048.0), None);
    }

    #[test]
    fn every_half_round_trips() {
        for h in 0..=u16::MAX {
            let v = f16_to_f64(h);
            if v.is_nan() {
                continue;
            }
            assert_eq!(f64_to_f16_exact(v), Some(h), "{h:04x}");
        }
    }

    #[test]
    fn float_widths() {
        let enc = |v: f64| {
            let mut o = Vec::new();
            Encoder::new(&mut o).f64(v);
            o
        };
        assert_eq!(enc(22.5), [0xF9, 0x4D, 0xA0]);
        assert_eq!(enc(100000.0), [0xFA, 0x47, 0xC3, 0x50, 0x00]);
        assert_eq!(
            enc(56.4),
            [0xFB, 0x40, 0x4C, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33]
        );
    }

    #[test]
    fn heads() {
        let enc = |v: i64| {
            let mut o = Vec::new();
            Encoder::new(&mut o).i64(v);
            o
        };
        assert_eq!(enc(-750), [0x39, 0x02, 0xED]);
        assert_eq!(
            enc(i64::MIN),
            [0x3B, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        );
        assert_eq!(enc(23), [0x17]);
        assert_eq!(enc(24), [0x18, 0x18]);
        assert_eq!(enc(65536), [0x1A, 0, 1, 0, 0]);
    }

    #[test]
    fn decoder_errors() {
        fn tok(b: &[u8]) -> Result<Token<'_>, Error> {
            Decoder::new(b).token()
        }
        assert_eq!(tok(&[]), Err(Error::Truncated { offset: 0 }));
        assert_eq!(tok(&[0x19, 0x01]), Err(Error::Truncated { offset: 0 }));
        assert_eq!(
            tok(&[0x1C]),
            Err(Error::Malformed {
                offset: 0,
                kind: Malformed::ReservedInfo
            })
        );
        assert_eq!(
            tok(&[0x1F]),
            Err(Error::Malformed {
                offset: 0,
                kind: Malformed::Indefinite
            })
        );
        assert_eq!(
            tok(&[0x5B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]),
            Err(Error::Truncated { offset: 0 })
        );
        assert_eq!(
            tok(&[0x62, 0xC3, 0x28]),
            Err(Error::Malformed {
                offset: 0,
                kind: Malformed::InvalidUtf8
            })
        );
        assert_eq!(
            tok(&[0xF8, 0x10]),
            Err(Error::Malformed {
                offset: 0,
                kind: Malformed::BadSimple
            })
        );
    }
}
