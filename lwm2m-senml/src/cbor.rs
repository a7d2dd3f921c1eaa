//! SenML CBOR (`application/senml+cbor`, content format 112; also the SenML-ETCH CBOR bodies
//! 322/323, which have the same record syntax).
//!
//! Labels are the RFC 8428 integers (`-2` bn, `-3` bt, `0` n, `2` v, `3` vs, `4` vb, `6` t,
//! `8` vd, ...) and the text key `"vlo"` for object links. The decoder accepts definite and
//! indefinite arrays, maps and strings, integers, half/single/double floats and decimal
//! fractions (tag 4, as Leshan writes `bt`) in every numeric field, tag 1 (epoch time) around a
//! number and tag 0 (RFC 3339 text, as Zephyr writes Time) in `v` / `vs`. The encoder writes
//! definite lengths, integers in the shortest head, and floats in the shortest width that is
//! exact (half, single or double).
//!
//! ```
//! use lwm2m_senml::cbor;
//! use lwm2m_types::{NoModel, Node, Path, Resource, Value};
//!
//! let path: Path = "/3/0/9".parse()?;
//! let bytes = [0x81, 0xa2, 0x21, 0x66, b'/', b'3', b'/', b'0', b'/', b'9', 0x02, 0x18, 0x5f];
//! let node = cbor::decode(&bytes, &path, &NoModel)?;
//! assert_eq!(node, Node::Resource(Resource::single(9, Value::Integer(95))));
//! assert_eq!(cbor::encode(&node, &path)?, bytes);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;

use lwm2m_types::{Composite, ModelProvider, Node, Path, Timestamped, Value, ValueRef};

use crate::error::{EncodeKind, FieldKind, LimitKind, SyntaxKind};
use crate::num::{
    Cursor, Scratch, decimal_fraction, f16_to_f64, f64_to_f16_exact, f64_to_f32_exact,
};
use crate::record::label::{BN, BT, BU, BVER, N, T, U, UT, VALUE};
use crate::record::{
    Dialect, Field, FieldValue, NameRef, Number, Planner, Raw, Rec, RecordRef, Resolver, Sink,
    WriteRecord, WriteValue, build_composite, build_node, build_timestamped, record_reader,
};
use crate::{Error, Options};

const INDEF: u64 = u64::MAX;

/// The CBOR item reader (heads, strings, numbers, skipping).
struct Dec<'a> {
    b: &'a [u8],
    pos: usize,
}

#[derive(Clone, Copy)]
struct Head {
    major: u8,
    /// The argument (0 for an indefinite length).
    val: u64,
    /// Indefinite length (additional information 31).
    indef: bool,
}

impl Head {
    /// The count / length with indefinite as `INDEF` (a definite `u64::MAX` becomes
    /// `INDEF - 1`: no input has that many items or bytes).
    fn len(self) -> u64 {
        if self.indef {
            INDEF
        } else {
            self.val.min(INDEF - 1)
        }
    }
}

impl<'a> Dec<'a> {
    fn eof(&self) -> Error {
        Error::Eof {
            offset: self.b.len(),
        }
    }

    fn syntax(&self, offset: usize, kind: SyntaxKind) -> Error {
        Error::Syntax { offset, kind }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    #[inline]
    fn head(&mut self) -> Result<Head, Error> {
        let at = self.pos;
        let first = self.peek().ok_or_else(|| self.eof())?;
        let major = first >> 5;
        let ai = first & 0x1f;
        self.pos += 1;
        let n = match ai {
            0..=23 => {
                return Ok(Head {
                    major,
                    val: u64::from(ai),
                    indef: false,
                });
            }
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            31 => {
                if matches!(major, 0 | 1 | 6) {
                    return Err(self.syntax(at, SyntaxKind::InvalidItem));
                }
                return Ok(Head {
                    major,
                    val: 0,
                    indef: true,
                });
            }
            _ => return Err(self.syntax(at, SyntaxKind::ReservedAdditionalInfo)),
        };
        let bytes = self
            .b
            .get(self.pos..self.pos + n)
            .ok_or_else(|| self.eof())?;
        self.pos += n;
        let val = bytes.iter().fold(0u64, |a, &b| a << 8 | u64::from(b));
        Ok(Head {
            major,
            val,
            indef: false,
        })
    }

    #[inline]
    fn take(&mut self, len: u64) -> Result<&'a [u8], Error> {
        let len = usize::try_from(len).map_err(|_| self.eof())?;
        let end = self.pos.checked_add(len).ok_or_else(|| self.eof())?;
        let s = self.b.get(self.pos..end).ok_or_else(|| self.eof())?;
        self.pos = end;
        Ok(s)
    }

    /// The content of a byte (major 2) or text (major 3) string whose head was read.
    #[inline]
    fn string_body(&mut self, h: Head) -> Result<Cow<'a, [u8]>, Error> {
        if !h.indef {
            return self.take(h.val).map(Cow::Borrowed);
        }
        // Indefinite: definite chunks of the same major type until a break.
        let mut out = Vec::new();
        loop {
            let at = self.pos;
            if self.peek() == Some(0xff) {
                self.pos += 1;
                return Ok(Cow::Owned(out));
            }
            let c = self.head()?;
            if c.major != h.major || c.indef {
                return Err(self.syntax(at, SyntaxKind::InvalidChunk));
            }
            out.extend_from_slice(self.take(c.val)?);
        }
    }

    #[inline]
    fn text_body(&mut self, h: Head) -> Result<Cow<'a, str>, Error> {
        let at = self.pos;
        match self.string_body(h)? {
            Cow::Borrowed(b) => {
                core::str::from_utf8(b)
                    .map(Cow::Borrowed)
                    .map_err(|e| Error::InvalidUtf8 {
                        offset: at + e.valid_up_to(),
                    })
            }
            Cow::Owned(v) => String::from_utf8(v)
                .map(Cow::Owned)
                .map_err(|e| Error::InvalidUtf8 {
                    offset: at + e.utf8_error().valid_up_to(),
                }),
        }
    }

    fn wrong(at: usize, label: &'static str) -> Error {
        Error::Field {
            offset: at,
            label,
            kind: FieldKind::WrongType,
        }
    }

    /// A text string field.
    #[inline]
    fn text(&mut self, label: &'static str) -> Result<Cow<'a, str>, Error> {
        let at = self.pos;
        let h = self.head()?;
        if h.major != 3 {
            return Err(Self::wrong(at, label));
        }
        self.text_body(h)
    }

    fn int(&mut self, label: &'static str) -> Result<i128, Error> {
        let at = self.pos;
        let h = self.head()?;
        match h.major {
            0 => Ok(i128::from(h.val)),
            1 => Ok(-1 - i128::from(h.val)),
            _ => Err(Self::wrong(at, label)),
        }
    }

    /// A numeric field: integer, float, decimal fraction (tag 4), or tag 1 around a number.
    #[inline]
    fn number(&mut self, label: &'static str) -> Result<Number, Error> {
        let at = self.pos;
        let first = self.peek().ok_or_else(|| self.eof())?;
        let h = self.head()?;
        match h.major {
            0 => Ok(Number::from_i128(i128::from(h.val))),
            1 => Ok(Number::from_i128(-1 - i128::from(h.val))),
            7 => match first & 0x1f {
                25 => Ok(Number::Float(f16_to_f64(h.val as u16))),
                26 => Ok(Number::Float(f64::from(f32::from_bits(h.val as u32)))),
                27 => Ok(Number::Float(f64::from_bits(h.val))),
                _ if first == 0xff => Err(self.syntax(at, SyntaxKind::UnexpectedBreak)),
                _ => Err(Self::wrong(at, label)),
            },
            6 => match h.val {
                1 => {
                    // Epoch time: only a plain number inside.
                    if self.peek().is_some_and(|b| b >> 5 == 6) {
                        return Err(self.syntax(self.pos, SyntaxKind::UnsupportedTag));
                    }
                    self.number(label)
                }
                4 => {
                    let arr_at = self.pos;
                    let a = self.head()?;
                    if a.major != 4 || a.indef || a.val != 2 {
                        return Err(self.syntax(arr_at, SyntaxKind::InvalidItem));
                    }
                    let e = self.int(label)?;
                    let m = self.int(label)?;
                    decimal_fraction(e, m).ok_or(Error::Field {
                        offset: at,
                        label,
                        kind: FieldKind::OutOfRange,
                    })
                }
                _ => Err(self.syntax(at, SyntaxKind::UnsupportedTag)),
            },
            _ => Err(Self::wrong(at, label)),
        }
    }

    /// Skips one item of any kind, nested at most `max_depth - depth` more levels (no recursion).
    fn skip(&mut self, depth: usize, max_depth: usize) -> Result<(), Error> {
        let mut stack = [0u64; 64];
        let mut sp = 0usize;
        loop {
            let at = self.pos;
            let first = self.peek().ok_or_else(|| self.eof())?;
            if first == 0xff {
                if sp > 0 && stack[sp - 1] == INDEF {
                    self.pos += 1;
                    sp -= 1;
                } else {
                    return Err(self.syntax(at, SyntaxKind::UnexpectedBreak));
                }
            } else {
                let h = self.head()?;
                match h.major {
                    2 | 3 => {
                        self.string_body(h)?;
                    }
                    4 | 5 => {
                        let count = match (h.indef, h.major) {
                            (true, _) => INDEF,
                            (false, 5) => h.val.saturating_mul(2).min(INDEF - 1),
                            (false, _) => h.val.min(INDEF - 1),
                        };
                        if count != 0 {
                            if depth + sp + 1 > max_depth || sp == stack.len() {
                                return Err(Error::Limit {
                                    offset: at,
                                    kind: LimitKind::Depth,
                                });
                            }
                            stack[sp] = count;
                            sp += 1;
                            continue;
                        }
                    }
                    // A tag: the tagged item follows.
                    6 => continue,
                    _ => {}
                }
            }
            // One item is complete: count it in its container.
            loop {
                if sp == 0 {
                    return Ok(());
                }
                let top = &mut stack[sp - 1];
                if *top == INDEF {
                    break;
                }
                *top -= 1;
                if *top == 0 {
                    sp -= 1;
                } else {
                    break;
                }
            }
        }
    }
}

/// A zero-copy reader over a SenML CBOR pack: yields one [`RecordRef`] per record, with the name
/// and time resolved, and fails on anything after the pack.
///
/// After the first error the reader yields nothing more.
///
/// ```
/// use lwm2m_senml::{cbor::Reader, FieldValue, Number};
/// // [{-2: "/3/0/9", 2: 95}]
/// let bytes = [0x81, 0xa2, 0x21, 0x66, b'/', b'3', b'/', b'0', b'/', b'9', 0x02, 0x18, 0x5f];
/// let rec = Reader::new(&bytes).next().unwrap()?;
/// assert_eq!(rec.path.to_string(), "/3/0/9");
/// assert_eq!(rec.value, Some(FieldValue::Number(Number::Integer(95))));
/// # Ok::<(), lwm2m_senml::Error>(())
/// ```
pub struct Reader<'a> {
    dec: Dec<'a>,
    resolver: Resolver<'a>,
    opts: Options<'a>,
    /// Records left in a definite pack, `INDEF` for an indefinite one, `None` before the head.
    left: Option<u64>,
    done: bool,
    count: usize,
    bver: Option<i128>,
    /// Tests only: read every record on the general path.
    #[cfg(test)]
    slow: bool,
}

impl<'a> Reader<'a> {
    /// A reader with the default [`Options`].
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader::with_options(bytes, &Options::DEFAULT)
    }

    /// A reader with the given limits.
    pub fn with_options(bytes: &'a [u8], opts: &Options<'a>) -> Self {
        Reader {
            dec: Dec { b: bytes, pos: 0 },
            resolver: Resolver::new(Dialect::SenmlCbor, opts),
            opts: *opts,
            left: None,
            done: false,
            count: 0,
            bver: None,
            #[cfg(test)]
            slow: false,
        }
    }

    fn end(&mut self) -> Result<Option<RecordRef<'a>>, Error> {
        self.done = true;
        if self.dec.pos < self.dec.b.len() {
            return Err(Error::TrailingBytes {
                offset: self.dec.pos,
            });
        }
        Ok(None)
    }

    fn step(&mut self) -> Result<Option<RecordRef<'a>>, Error> {
        if self.done {
            return Ok(None);
        }
        let left = match self.left {
            Some(l) => l,
            None => {
                // An empty payload is an empty pack (Leshan; OMA #579).
                if self.dec.b.is_empty() {
                    self.done = true;
                    return Ok(None);
                }
                let at = self.dec.pos;
                let h = self.dec.head()?;
                if h.major != 4 {
                    return Err(Error::Syntax {
                        offset: at,
                        kind: SyntaxKind::ExpectedArray,
                    });
                }
                h.len()
            }
        };
        if left == 0 {
            return self.end();
        }
        if left == INDEF && self.dec.peek() == Some(0xff) {
            self.dec.pos += 1;
            return self.end();
        }
        self.left = Some(if left == INDEF { INDEF } else { left - 1 });
        if self.count >= self.opts.max_records {
            return Err(Error::Limit {
                offset: self.dec.pos,
                kind: LimitKind::Records,
            });
        }
        self.count += 1;
        #[cfg(test)]
        let fast = !self.slow;
        #[cfg(not(test))]
        let fast = true;
        if fast && let Some(r) = fast_record(&mut self.dec, &self.resolver) {
            return Ok(Some(r));
        }
        let mut raw = Raw::default();
        self.record(&mut raw)?;
        self.resolver.resolve(&mut raw).map(Some)
    }

    fn record(&mut self, raw: &mut Raw<'a>) -> Result<(), Error> {
        let dec = &mut self.dec;
        let offset = dec.pos;
        let h = dec.head()?;
        if h.major != 5 {
            return Err(Error::Syntax {
                offset,
                kind: SyntaxKind::ExpectedObject,
            });
        }
        raw.offset = offset;
        let mut left = h.len();
        let mut seen = 0u32;
        loop {
            if left == INDEF {
                if dec.peek() == Some(0xff) {
                    dec.pos += 1;
                    return Ok(());
                }
            } else if left == 0 {
                return Ok(());
            } else {
                left -= 1;
            }
            let key_at = dec.pos;
            // The labels every record has (`n`, `v`, `vs`, `bn`): one byte each.
            let fast = match dec.peek() {
                Some(0x00) => Some((N, "n", Field::N)),
                Some(0x02) => Some((VALUE, "v", Field::V)),
                Some(0x03) => Some((VALUE, "vs", Field::Vs)),
                Some(0x21) => Some((BN, "bn", Field::Bn)),
                _ => None,
            };
            let (bit, label, f): (u32, &'static str, Field) = if let Some(x) = fast {
                dec.pos += 1;
                x
            } else {
                let kh = dec.head()?;
                match kh.major {
                    0 | 1 => {
                        let k = if kh.major == 0 {
                            i128::from(kh.val)
                        } else {
                            -1 - i128::from(kh.val)
                        };
                        match k {
                            -1 => (BVER, "bver", Field::Bver),
                            -2 => (BN, "bn", Field::Bn),
                            -3 => (BT, "bt", Field::Bt),
                            -4 => (BU, "bu", Field::Skip),
                            -5 | -6 | 5 => {
                                return Err(Error::Field {
                                    offset: key_at,
                                    label: match k {
                                        -5 => "bv",
                                        -6 => "bs",
                                        _ => "s",
                                    },
                                    kind: FieldKind::Unsupported,
                                });
                            }
                            0 => (N, "n", Field::N),
                            1 => (U, "u", Field::Skip),
                            2 => (VALUE, "v", Field::V),
                            3 => (VALUE, "vs", Field::Vs),
                            4 => (VALUE, "vb", Field::Vb),
                            6 => (T, "t", Field::T),
                            7 => (UT, "ut", Field::Skip),
                            8 => (VALUE, "vd", Field::Vd),
                            _ => (0, "", Field::Skip),
                        }
                    }
                    3 => {
                        let k = dec.text_body(kh)?;
                        match &*k {
                            "vlo" => (VALUE, "vlo", Field::Vlo),
                            "" => {
                                return Err(Error::Field {
                                    offset: key_at,
                                    label: "",
                                    kind: FieldKind::EmptyLabel,
                                });
                            }
                            k if k.ends_with('_') => {
                                return Err(Error::Field {
                                    offset: key_at,
                                    label: "_",
                                    kind: FieldKind::MustUnderstand,
                                });
                            }
                            _ => (0, "", Field::Skip),
                        }
                    }
                    _ => {
                        return Err(Error::Syntax {
                            offset: key_at,
                            kind: if key_at < dec.b.len() && dec.b[key_at] == 0xff {
                                SyntaxKind::UnexpectedBreak
                            } else {
                                SyntaxKind::InvalidKey
                            },
                        });
                    }
                }
            };
            if seen & bit != 0 {
                return Err(Error::Field {
                    offset: key_at,
                    label,
                    kind: if bit == VALUE {
                        FieldKind::TwoValues
                    } else {
                        FieldKind::Duplicate
                    },
                });
            }
            seen |= bit;
            let at = dec.pos;
            match f {
                Field::Bn => raw.bn = Some(dec.text("bn")?),
                Field::N => raw.n = Some(dec.text("n")?),
                Field::Bt => raw.bt = Some((dec.number("bt")?, at)),
                Field::T => raw.t = Some((dec.number("t")?, at)),
                Field::V => {
                    raw.value = Some(match dec.peek() {
                        Some(0xf6) => {
                            dec.pos += 1;
                            FieldValue::Null
                        }
                        Some(0xc0) => {
                            dec.pos += 1;
                            FieldValue::DateTime(dec.text("v")?)
                        }
                        _ => FieldValue::Number(dec.number("v")?),
                    });
                }
                Field::Vs => {
                    raw.value = Some(if dec.peek() == Some(0xc0) {
                        dec.pos += 1;
                        FieldValue::DateTime(dec.text("vs")?)
                    } else {
                        FieldValue::String(dec.text("vs")?)
                    });
                }
                Field::Vb => {
                    raw.value = Some(FieldValue::Boolean(match dec.peek() {
                        Some(0xf4) => false,
                        Some(0xf5) => true,
                        None => return Err(dec.eof()),
                        _ => return Err(Dec::wrong(at, "vb")),
                    }));
                    dec.pos += 1;
                }
                Field::Vd => {
                    let h = dec.head()?;
                    if h.major != 2 {
                        return Err(Dec::wrong(at, "vd"));
                    }
                    raw.value = Some(FieldValue::Bytes(dec.string_body(h)?));
                }
                Field::Vlo => raw.value = Some(FieldValue::ObjectLink(dec.text("vlo")?)),
                Field::Bver => {
                    let h = dec.head()?;
                    let v = if h.major == 0 {
                        Number::from_i128(i128::from(h.val))
                    } else {
                        Number::Float(-1.0)
                    };
                    crate::json::check_bver(v, at, &mut self.bver)?;
                }
                Field::Skip => dec.skip(2, self.opts.depth())?,
            }
            if bit == VALUE {
                raw.value_offset = at;
            }
        }
    }
}

/// The usual record, `{0: "6/0", 2: 1}` (or `3: "text"`, `4: true`) with a short name, when
/// the name resolves on the resolver's fast path and no time applies: parsed in one pass. `None`
/// (nothing consumed) for anything else, which [`Reader::record`] and [`Resolver::resolve`]
/// then read with the same result.
#[inline(always)]
fn fast_record<'a>(dec: &mut Dec<'a>, resolver: &Resolver<'a>) -> Option<RecordRef<'a>> {
    let (st, slash) = resolver.fast_start()?;
    let offset = dec.pos;
    let b = dec.b.get(offset..)?;
    let [0xa2, 0x00, nh, rest @ ..] = b else {
        return None;
    };
    if nh >> 5 != 3 || nh & 0x1f >= 24 {
        return None;
    }
    let (name, rest) = rest.split_at_checked(usize::from(nh & 0x1f))?;
    let name = if slash {
        name.strip_prefix(b"/")?
    } else {
        name
    };
    let path = st.finish(name)?;
    let value_offset = offset + 3 + usize::from(nh & 0x1f) + 1;
    let (&key, rest) = rest.split_first()?;
    let (&h, rest) = rest.split_first()?;
    let (value, end) = match key {
        0x02 if h >> 5 <= 1 => {
            let (val, n) = match h & 0x1f {
                ai @ 0..=23 => (u64::from(ai), 0),
                24 => (u64::from(*rest.first()?), 1),
                25 => (
                    u64::from(u16::from_be_bytes(rest.get(..2)?.try_into().ok()?)),
                    2,
                ),
                26 => (
                    u64::from(u32::from_be_bytes(rest.get(..4)?.try_into().ok()?)),
                    4,
                ),
                27 => (u64::from_be_bytes(rest.get(..8)?.try_into().ok()?), 8),
                _ => return None,
            };
            let v = if h >> 5 == 0 {
                i128::from(val)
            } else {
                -1 - i128::from(val)
            };
            (
                FieldValue::Number(Number::from_i128(v)),
                value_offset + 1 + n,
            )
        }
        0x03 if h >> 5 == 3 && h & 0x1f <= 24 => {
            let (len, n) = match h & 0x1f {
                24 => (usize::from(*rest.first()?), 1),
                ai => (usize::from(ai), 0),
            };
            let text = rest.get(n..n + len)?;
            let text = core::str::from_utf8(text).ok()?;
            (
                FieldValue::String(Cow::Borrowed(text)),
                value_offset + 1 + n + len,
            )
        }
        0x04 if h == 0xf4 || h == 0xf5 => (FieldValue::Boolean(h == 0xf5), value_offset + 1),
        _ => return None,
    };
    dec.pos = end;
    Some(resolver.fast_record(offset, path, value, value_offset))
}

record_reader!(Reader, |r| r.done = true);

/// Writes SenML CBOR records to a caller's buffer: a definite-length array whose head is fixed
/// up by [`finish`](Writer::finish).
///
/// ```
/// use lwm2m_senml::{cbor::Writer, WriteRecord};
/// use lwm2m_types::ValueRef;
/// let mut out = Vec::new();
/// let mut w = Writer::new(&mut out);
/// w.record(&WriteRecord::new("/3/0/9", ValueRef::Integer(95)))?;
/// w.finish();
/// assert_eq!(out, [0x81, 0xa2, 0x00, 0x66, b'/', b'3', b'/', b'0', b'/', b'9', 0x02, 0x18, 0x5f]);
/// # Ok::<(), lwm2m_senml::Error>(())
/// ```
pub struct Writer<'o> {
    out: &'o mut Vec<u8>,
    start: usize,
    count: u64,
    scratch: Scratch,
}

#[inline]
fn head(out: &mut Vec<u8>, major: u8, v: u64) {
    if v < 24 {
        out.push(major << 5 | v as u8);
    } else {
        head_long(out, major, v);
    }
}

/// [`head`] with an argument of 24 or more.
fn head_long(out: &mut Vec<u8>, major: u8, v: u64) {
    let m = major << 5;
    if v <= 0xff {
        out.extend_from_slice(&[m | 24, v as u8]);
    } else if v <= 0xffff {
        out.push(m | 25);
        out.extend_from_slice(&(v as u16).to_be_bytes());
    } else if v <= 0xffff_ffff {
        out.push(m | 26);
        out.extend_from_slice(&(v as u32).to_be_bytes());
    } else {
        out.push(m | 27);
        out.extend_from_slice(&v.to_be_bytes());
    }
}

#[inline]
fn int(out: &mut Vec<u8>, v: i128) {
    if v >= 0 {
        head(out, 0, v as u64);
    } else {
        head(out, 1, (-1 - v) as u64);
    }
}

fn float(out: &mut Vec<u8>, f: f64) {
    if let Some(h) = f64_to_f16_exact(f) {
        out.push(0xf9);
        out.extend_from_slice(&h.to_be_bytes());
    } else if let Some(s) = f64_to_f32_exact(f) {
        out.push(0xfa);
        out.extend_from_slice(&s.to_bits().to_be_bytes());
    } else {
        out.push(0xfb);
        out.extend_from_slice(&f.to_bits().to_be_bytes());
    }
}

/// A time: an integer when it is one (within ±2^63), else a float.
fn time(out: &mut Vec<u8>, t: f64) {
    if t.fract() == 0.0 && t.abs() < 9.2e18 {
        int(out, t as i128);
    } else {
        float(out, t);
    }
}

fn text(out: &mut Vec<u8>, s: &str) {
    head(out, 3, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

impl<'o> Writer<'o> {
    /// Starts a pack.
    pub fn new(out: &'o mut Vec<u8>) -> Self {
        let start = out.len();
        out.push(0x80);
        Writer {
            out,
            start,
            count: 0,
            scratch: Scratch::new(),
        }
    }

    /// Writes one record (cannot fail: CBOR carries every value).
    pub fn record(&mut self, r: &WriteRecord<'_>) -> Result<(), Error> {
        Sink::record(self, &Rec::from_write(r)).map_err(|kind| Error::Encode {
            path: Path::ROOT,
            kind,
        })
    }

    /// Ends the pack: writes the array length into its head.
    pub fn finish(self) {
        if self.count < 24 {
            self.out[self.start] = 0x80 | self.count as u8;
        } else {
            let mut h = Vec::with_capacity(9);
            head(&mut h, 4, self.count);
            self.out.splice(self.start..self.start + 1, h);
        }
    }
}

/// A head written to a scratch.
#[inline(always)]
fn s_head(s: &mut Cursor<'_>, major: u8, v: u64) {
    let m = major << 5;
    if v < 24 {
        s.byte(m | v as u8);
    } else if v <= 0xff {
        s.put(&[m | 24, v as u8]);
    } else if v <= 0xffff {
        s.byte(m | 25);
        s.put(&(v as u16).to_be_bytes());
    } else if v <= 0xffff_ffff {
        s.byte(m | 26);
        s.put(&(v as u32).to_be_bytes());
    } else {
        s.byte(m | 27);
        s.put(&v.to_be_bytes());
    }
}

/// A name as a text string.
#[inline]
fn name(out: &mut Vec<u8>, n: &NameRef<'_>) {
    match *n {
        NameRef::Text(s) => text(out, s),
        NameRef::Path {
            prefix,
            ids,
            lead,
            trailing,
        } => {
            head(out, 3, n.len() as u64);
            out.extend_from_slice(prefix.as_bytes());
            NameRef::push_ids(out, ids, lead, trailing);
        }
    }
}

impl Sink for Writer<'_> {
    #[inline(always)]
    fn fast(
        &mut self,
        bn: Option<(&[u16], bool)>,
        n: Option<&[u16]>,
        v: &Value,
    ) -> Result<(), EncodeKind> {
        let out = &mut *self.out;
        let mut cursor = self.scratch.cursor();
        let s = &mut cursor;
        s.byte(0xa1 + u8::from(bn.is_some()) + u8::from(n.is_some()));
        if let Some((ids, trailing)) = bn {
            let mut len = usize::from(trailing || ids.is_empty());
            for &id in ids {
                len += 1 + crate::num::u16_len(id);
            }
            s.byte(0x21);
            s_head(s, 3, len as u64);
            s.abs_ids(ids, trailing);
        }
        if let Some(ids) = n {
            // A relative name has at most 23 bytes (four ids of five digits and three `/`): its
            // length fits the head byte, set once the name is written.
            s.put(&[0x00, 0x60]);
            let at = s.k;
            s.ids(ids);
            s.set(at - 1, 0x60 | (s.k - at) as u8);
        }
        match v {
            Value::Integer(i) | Value::Time(i) => {
                let i = *i;
                s.byte(0x02);
                if i >= 0 {
                    s_head(s, 0, i as u64);
                } else {
                    s_head(s, 1, !(i as u64));
                }
                s.flush(out);
            }
            Value::UnsignedInteger(u) => {
                s.byte(0x02);
                s_head(s, 0, *u);
                s.flush(out);
            }
            Value::Boolean(b) => {
                s.put(&[0x04, if *b { 0xf5 } else { 0xf4 }]);
                s.flush(out);
            }
            Value::String(st) | Value::CoreLink(st) => {
                s.byte(0x03);
                s_head(s, 3, st.len() as u64);
                if s.bytes(st.as_bytes()) {
                    s.flush(out);
                } else {
                    out.reserve(st.len());
                    s.flush(out);
                    out.extend_from_slice(st.as_bytes());
                }
            }
            _ => {
                // Floats, opaque, object links: the general writer (nothing written yet).
                return Sink::record(self, &Rec::fast(bn, n, v));
            }
        }
        self.count += 1;
        Ok(())
    }

    #[inline]
    fn record(&mut self, r: &Rec<'_>) -> Result<(), EncodeKind> {
        let out = &mut *self.out;
        out.reserve(48);
        let n = u8::from(r.bn.is_some())
            + u8::from(r.bt.is_some())
            + u8::from(r.n.is_some())
            + u8::from(r.t.is_some())
            + u8::from(!matches!(r.value, WriteValue::None));
        out.push(0xa0 | n);
        if let Some(bn) = &r.bn {
            out.push(0x21);
            name(out, bn);
        }
        if let Some(bt) = r.bt {
            out.push(0x22);
            time(out, bt);
        }
        if let Some(n) = &r.n {
            out.push(0x00);
            name(out, n);
        }
        if let Some(t) = r.t {
            out.push(0x06);
            time(out, t);
        }
        match r.value {
            WriteValue::None => {}
            WriteValue::Null => out.extend_from_slice(&[0x02, 0xf6]),
            WriteValue::Value(v) => match v {
                ValueRef::String(s) | ValueRef::CoreLink(s) => {
                    out.push(0x03);
                    text(out, s);
                }
                ValueRef::Integer(i) | ValueRef::Time(i) => {
                    out.push(0x02);
                    if i >= 0 {
                        head(out, 0, i as u64);
                    } else {
                        head(out, 1, !(i as u64));
                    }
                }
                ValueRef::UnsignedInteger(u) => {
                    out.push(0x02);
                    head(out, 0, u);
                }
                ValueRef::Float(f) => {
                    out.push(0x02);
                    float(out, f);
                }
                ValueRef::Boolean(b) => out.extend_from_slice(&[0x04, if b { 0xf5 } else { 0xf4 }]),
                ValueRef::Opaque(d) => {
                    out.push(0x08);
                    head(out, 2, d.len() as u64);
                    out.extend_from_slice(d);
                }
                ValueRef::ObjectLink(l) => {
                    out.extend_from_slice(b"\x63vlo");
                    let len =
                        crate::num::u16_len(l.object_id) + 1 + crate::num::u16_len(l.instance_id);
                    head(out, 3, len as u64);
                    crate::num::push_u16(out, l.object_id);
                    out.push(b':');
                    crate::num::push_u16(out, l.instance_id);
                }
            },
        }
        self.count += 1;
        Ok(())
    }
}

/// The initial capacity of the buffers the encoders return.
const CAPACITY: usize = 256;

/// Decodes the node at `path` (the request path) from a SenML CBOR Read/Observe response or
/// Write/Create body. Same rules as [`json::decode`](crate::json::decode).
pub fn decode(bytes: &[u8], path: &Path, model: &impl ModelProvider) -> Result<Node, Error> {
    decode_with(bytes, path, model, &Options::DEFAULT)
}

/// [`decode`] with explicit [`Options`].
pub fn decode_with(
    bytes: &[u8],
    path: &Path,
    model: &impl ModelProvider,
    opts: &Options<'_>,
) -> Result<Node, Error> {
    if let Some(node) = crate::direct::senml_cbor(bytes, path, model, opts) {
        return Ok(node);
    }
    build_node(
        || Reader::with_options(bytes, opts),
        path,
        model,
        opts,
        bytes.len(),
    )
}

/// Decodes composite content. Same rules as
/// [`json::decode_composite`](crate::json::decode_composite); a delete is `2: null` (`02 F6`).
///
/// ```
/// use lwm2m_senml::cbor;
/// use lwm2m_types::NoModel;
/// // [{0: "/3/0/7/1", 2: null}] (SenML-ETCH CBOR, TS 1.2 Write-Composite delete)
/// let b = [0x81, 0xa2, 0x00, 0x68, b'/', b'3', b'/', b'0', b'/', b'7', b'/', b'1', 0x02, 0xf6];
/// let c = cbor::decode_composite(&b, &NoModel)?;
/// assert_eq!(c.get(&"/3/0/7/1".parse()?), Some(None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_composite(bytes: &[u8], model: &impl ModelProvider) -> Result<Composite, Error> {
    decode_composite_with(bytes, model, &Options::DEFAULT)
}

/// [`decode_composite`] with explicit [`Options`].
pub fn decode_composite_with(
    bytes: &[u8],
    model: &impl ModelProvider,
    opts: &Options<'_>,
) -> Result<Composite, Error> {
    build_composite(Reader::with_options(bytes, opts), model, opts)
}

/// Decodes a timestamped series. Same rules as
/// [`json::decode_timestamped`](crate::json::decode_timestamped).
pub fn decode_timestamped(bytes: &[u8], model: &impl ModelProvider) -> Result<Timestamped, Error> {
    decode_timestamped_with(bytes, model, &Options::DEFAULT)
}

/// [`decode_timestamped`] with explicit [`Options`].
pub fn decode_timestamped_with(
    bytes: &[u8],
    model: &impl ModelProvider,
    opts: &Options<'_>,
) -> Result<Timestamped, Error> {
    build_timestamped(Reader::with_options(bytes, opts), model, opts)
}

/// Encodes the node at `path` (the node's own path), with the base name choice of
/// [`json::encode`](crate::json::encode); the TS Device example comes out byte for byte.
pub fn encode(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    encode_with(node, path, &Options::DEFAULT)
}

/// [`encode`] with explicit [`Options`]: with [`Options::alternate_path`] every name carries
/// the prefix (in the base name).
///
/// ```
/// use lwm2m_senml::{cbor, Options};
/// use lwm2m_types::{Node, Resource};
/// let opts = Options::DEFAULT.with_alternate_path("/lwm2m");
/// let node = Node::Resource(Resource::single(9, 95i64));
/// let bytes = cbor::encode_with(&node, &"/3/0/9".parse()?, &opts)?;
/// assert_eq!(cbor::decode_with(&bytes, &"/3/0/9".parse()?, &lwm2m_types::NoModel, &opts)?, node);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode_with(node: &Node, path: &Path, opts: &Options<'_>) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(CAPACITY);
    encode_into(node, path, &mut out, opts)?;
    Ok(out)
}

/// [`encode`] appending to `out`.
pub fn encode_to(node: &Node, path: &Path, out: &mut Vec<u8>) -> Result<(), Error> {
    encode_into(node, path, out, &Options::DEFAULT)
}

fn encode_into(
    node: &Node,
    path: &Path,
    out: &mut Vec<u8>,
    opts: &Options<'_>,
) -> Result<(), Error> {
    let mut w = Writer::new(out);
    Planner::new(opts).node(node, path, &mut w)?;
    w.finish();
    Ok(())
}

/// Encodes composite content; see [`json::encode_composite`](crate::json::encode_composite).
pub fn encode_composite(content: &Composite) -> Result<Vec<u8>, Error> {
    encode_composite_with(content, &Options::DEFAULT)
}

/// [`encode_composite`] with explicit [`Options`] (the alternate path).
pub fn encode_composite_with(content: &Composite, opts: &Options<'_>) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let mut w = Writer::new(&mut out);
    Planner::new(opts).composite(content, false, &mut w)?;
    w.finish();
    Ok(out)
}

/// Encodes a Write-Composite body with `2: null` deletes; see
/// [`json::encode_write_composite`](crate::json::encode_write_composite).
pub fn encode_write_composite(content: &Composite) -> Result<Vec<u8>, Error> {
    encode_write_composite_with(content, &Options::DEFAULT)
}

/// [`encode_write_composite`] with explicit [`Options`] (the alternate path).
pub fn encode_write_composite_with(
    content: &Composite,
    opts: &Options<'_>,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let mut w = Writer::new(&mut out);
    Planner::new(opts).composite(content, true, &mut w)?;
    w.finish();
    Ok(out)
}

/// Encodes a timestamped series; see
/// [`json::encode_timestamped`](crate::json::encode_timestamped).
pub fn encode_timestamped(content: &Timestamped) -> Result<Vec<u8>, Error> {
    encode_timestamped_with(content, &Options::DEFAULT)
}

/// [`encode_timestamped`] with explicit [`Options`] (the alternate path).
pub fn encode_timestamped_with(
    content: &Timestamped,
    opts: &Options<'_>,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let mut w = Writer::new(&mut out);
    Planner::new(opts).timestamped(content, &mut w)?;
    w.finish();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every record and error, with the fast path on and off.
    type Records<'a> = Vec<Result<RecordRef<'a>, Error>>;

    fn both(b: &[u8]) -> (Records<'_>, Records<'_>) {
        let fast: Vec<_> = Reader::new(b).collect();
        let mut r = Reader::new(b);
        r.slow = true;
        (fast, r.collect())
    }

    const PARTS: &[&[u8]] = &[
        &[0xa2, 0x00, 0x61, b'1', 0x02, 0x18, 0x64],
        &[0xa2, 0x00, 0x63, b'6', b'/', b'1', 0x03, 0x62, b'o', b'k'],
        &[0xa2, 0x00, 0x61, b'2', 0x04, 0xf5],
        &[0xa2, 0x00],
        &[0xa3, 0x21, 0x65, b'/', b'3', b'/', b'0', b'/'],
        &[0x63, b'6', b'/', b'0'],
        &[0x66, b'/', b'3', b'/', b'0', b'/', b'9'],
        &[0x62, b'0', b'1'],
        &[0x61, b'x'],
        &[0x61, 0xff],
        &[0x02],
        &[0x03],
        &[0x04],
        &[0x06],
        &[0x01],
        &[0x18, 0x64],
        &[0x19, 0x0e],
        &[0x1a, 0, 0, 1],
        &[0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        &[0x20],
        &[0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
        &[0x78, 0x02, b'a', b'b'],
        &[0xf4],
        &[0xf5],
        &[0xf6],
        &[0xc0],
        &[0x7f, 0x61, b'a', 0xff],
        &[0x1c],
    ];

    proptest! {
        #[test]
        fn fast_and_general_paths_agree(parts in proptest::collection::vec(proptest::sample::select(PARTS), 0..20), head in prop_oneof![Just(0x9fu8), 0x80u8..0x98]) {
            // A first record with a base name, then anything.
            let mut b = vec![head, 0xa3, 0x21, 0x65, b'/', b'3', b'/', b'0', b'/', 0x00, 0x61, b'0'];
            b.extend_from_slice(&[0x02, 0x01]);
            for p in parts {
                b.extend_from_slice(p);
            }
            let (f, s) = both(&b);
            prop_assert_eq!(f, s);
        }
    }

    #[test]
    fn the_fast_path_reads_what_the_general_path_reads() {
        for v in [
            "senml_a_device_read_3_0.cbor.hex",
            "senml_j_multiple_3_0_7.cbor.hex",
            "senml_e_read_composite_response.cbor.hex",
            "senml_f_write_composite.cbor.hex",
        ] {
            let text = std::fs::read_to_string(format!(
                "{}/tests/vectors/{v}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let hex: String = text.chars().filter(char::is_ascii_hexdigit).collect();
            let b: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            let (f, s) = both(&b);
            assert!(f.iter().all(Result::is_ok), "{v}");
            assert_eq!(f, s, "{v}");
        }
    }

    #[test]
    fn skip_handles_nesting_and_limits() {
        // {1: [1, {2: h'00'}, "x"], 2: 4([0, 1])} then 0x00
        let b = [
            0xa2, 0x01, 0x83, 0x01, 0xa1, 0x02, 0x41, 0x00, 0x61, b'x', 0x02, 0xc4, 0x82, 0x00,
            0x01, 0x00,
        ];
        let mut d = Dec { b: &b, pos: 0 };
        d.skip(0, 32).unwrap();
        assert_eq!(d.pos, 15);
        let deep = [0x81u8; 100];
        let mut d = Dec { b: &deep, pos: 0 };
        assert_eq!(
            d.skip(0, 32),
            Err(Error::Limit {
                offset: 32,
                kind: LimitKind::Depth
            })
        );
        // Indefinite array with a break.
        let mut d = Dec {
            b: &[0x9f, 0x01, 0x5f, 0x41, 0x00, 0xff, 0xff],
            pos: 0,
        };
        d.skip(0, 32).unwrap();
        assert_eq!(d.pos, 7);
        // A huge declared length is an EOF, not an allocation.
        let mut d = Dec {
            b: &[0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
            pos: 0,
        };
        assert_eq!(d.skip(0, 32), Err(Error::Eof { offset: 10 }));
        let mut d = Dec {
            b: &[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
            pos: 0,
        };
        assert_eq!(d.skip(0, 32), Err(Error::Eof { offset: 10 }));
    }

    #[test]
    fn numbers() {
        let n = |b: &[u8]| Dec { b, pos: 0 }.number("v");
        assert_eq!(
            n(&[0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Ok(Number::Unsigned(u64::MAX))
        );
        assert_eq!(
            n(&[0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Ok(Number::Float(-18446744073709551616.0))
        );
        assert_eq!(n(&[0xf9, 0x3e, 0x00]), Ok(Number::Float(1.5)));
        assert_eq!(
            n(&[0xfa, 0x47, 0xc3, 0x50, 0x00]),
            Ok(Number::Float(100000.0))
        );
        assert_eq!(
            n(&[0xc4, 0x82, 0x00, 0x1a, 0x1d, 0xcd, 0x65, 0x04]),
            Ok(Number::Integer(500000004))
        );
        assert_eq!(n(&[0xc4, 0x82, 0x20, 0x18, 0xe0]), Ok(Number::Float(22.4)));
        assert_eq!(
            n(&[0xc1, 0x1a, 0x51, 0x82, 0x42, 0x8f]),
            Ok(Number::Integer(1367491215))
        );
        assert_eq!(
            n(&[0xc2, 0x41, 0x01]),
            Err(Error::Syntax {
                offset: 0,
                kind: SyntaxKind::UnsupportedTag
            })
        );
        assert_eq!(
            n(&[0xf5]),
            Err(Error::Field {
                offset: 0,
                label: "v",
                kind: FieldKind::WrongType
            })
        );
        assert_eq!(
            n(&[0x1c]),
            Err(Error::Syntax {
                offset: 0,
                kind: SyntaxKind::ReservedAdditionalInfo
            })
        );
        assert_eq!(n(&[0x1a, 0x00]), Err(Error::Eof { offset: 2 }));
    }

    #[test]
    fn floats_use_the_shortest_exact_width() {
        let enc = |f: f64| {
            let mut v = Vec::new();
            float(&mut v, f);
            v
        };
        assert_eq!(enc(1.5), [0xf9, 0x3e, 0x00]);
        assert_eq!(enc(100000.0), [0xfa, 0x47, 0xc3, 0x50, 0x00]);
        assert_eq!(
            enc(22.4),
            [0xfb, 0x40, 0x36, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66]
        );
        assert_eq!(enc(f64::NAN), [0xf9, 0x7e, 0x00]);
    }
}
