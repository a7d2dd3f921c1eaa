//! The streaming writer: [`Writer`] and [`Mark`].

use alloc::vec::Vec;

use lwm2m_types::ValueRef;

use crate::{Error, Kind};

/// The largest value length a TLV can carry: 2^24 − 1 bytes.
pub const MAX_LENGTH: usize = 0xFF_FFFF;

/// The value bytes of one value, without allocating.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Payload<'v> {
    /// Up to 8 bytes, left-aligned in `bits` (the rest is zero).
    Inline { bits: u64, len: u8 },
    /// Borrowed bytes (strings, opaque).
    Slice(&'v [u8]),
}

impl<'v> Payload<'v> {
    #[inline(always)]
    fn left(v: u64, width: u8) -> Self {
        Payload::Inline {
            bits: v << (8 * (8 - u32::from(width))),
            len: width,
        }
    }

    #[inline(always)]
    pub(crate) fn of(v: ValueRef<'v>) -> Self {
        match v {
            ValueRef::String(s) | ValueRef::CoreLink(s) => Payload::Slice(s.as_bytes()),
            ValueRef::Opaque(b) => Payload::Slice(b),
            ValueRef::Integer(i) | ValueRef::Time(i) => Self::left(i as u64, signed_width(i)),
            ValueRef::UnsignedInteger(u) => Self::left(u, unsigned_width(u)),
            ValueRef::Float(f) => match as_f32(f) {
                Some(s) => Self::left(u64::from(s.to_bits()), 4),
                None => Self::left(f.to_bits(), 8),
            },
            ValueRef::Boolean(b) => Self::left(u64::from(b), 1),
            ValueRef::ObjectLink(l) => {
                Self::left(u64::from(u32::from_be_bytes(l.to_be_bytes())), 4)
            }
        }
    }
}

/// The number of value bytes [`Writer::value`] writes for `v`.
#[inline]
pub(crate) fn payload_len(v: ValueRef<'_>) -> usize {
    match v {
        ValueRef::String(s) | ValueRef::CoreLink(s) => s.len(),
        ValueRef::Opaque(b) => b.len(),
        ValueRef::Integer(i) | ValueRef::Time(i) => usize::from(signed_width(i)),
        ValueRef::UnsignedInteger(u) => usize::from(unsigned_width(u)),
        ValueRef::Float(f) => match as_f32(f) {
            Some(_) => 4,
            None => 8,
        },
        ValueRef::Boolean(_) => 1,
        ValueRef::ObjectLink(_) => 4,
    }
}

/// The number of header bytes of a TLV with this id and value length (lengths past
/// [`MAX_LENGTH`] count as 3-byte Length fields: the writer refuses them anyway).
#[inline]
pub(crate) const fn head_len(id: u16, len: usize) -> usize {
    2 + (id > 0xFF) as usize
        + if len <= 7 {
            0
        } else if len <= 0xFF {
            1
        } else if len <= 0xFFFF {
            2
        } else {
            3
        }
}

/// `f` as binary32 when that holds it exactly, bit for bit.
#[inline(always)]
fn as_f32(f: f64) -> Option<f32> {
    let s = f as f32;
    (f64::from(s).to_bits() == f.to_bits()).then_some(s)
}

/// The shortest of 1, 2, 4, 8 bytes that holds `v` in two's complement.
#[inline]
pub(crate) const fn signed_width(v: i64) -> u8 {
    if v == v as i8 as i64 {
        1
    } else if v == v as i16 as i64 {
        2
    } else if v == v as i32 as i64 {
        4
    } else {
        8
    }
}

/// The shortest of 1, 2, 4, 8 bytes whose top bit stays clear for `v` (so that a peer reading
/// it as signed, as Leshan and Anjay do, gets the same number); 8 bytes from 2^63 on.
#[inline]
pub(crate) const fn unsigned_width(v: u64) -> u8 {
    if v < 0x80 {
        1
    } else if v < 0x8000 {
        2
    } else if v < 0x8000_0000 {
        4
    } else {
        8
    }
}

/// A TLV header (at most 6 bytes), left-aligned in a `u64`, and its length.
#[inline(always)]
fn head(kind: Kind, id: u16, len: usize) -> Result<(u64, usize), Error> {
    if id == u16::MAX || len > MAX_LENGTH {
        return Err(head_error(id, len));
    }
    let k = u64::from(kind.bits());
    let id = u64::from(id);
    let l = len as u64;
    Ok(match (id > 0xFF, len) {
        (false, 0..=7) => ((k | l) << 56 | id << 48, 2),
        (false, 8..=0xFF) => ((k | 0x08) << 56 | id << 48 | l << 40, 3),
        (false, 0x100..=0xFFFF) => ((k | 0x10) << 56 | id << 48 | l << 32, 4),
        (false, _) => ((k | 0x18) << 56 | id << 48 | l << 24, 5),
        (true, 0..=7) => ((k | 0x20 | l) << 56 | id << 40, 3),
        (true, 8..=0xFF) => ((k | 0x28) << 56 | id << 40 | l << 32, 4),
        (true, 0x100..=0xFFFF) => ((k | 0x30) << 56 | id << 40 | l << 24, 5),
        (true, _) => ((k | 0x38) << 56 | id << 40 | l << 16, 6),
    })
}

#[cold]
#[inline(never)]
fn head_error(id: u16, len: usize) -> Error {
    if id == u16::MAX {
        Error::InvalidId { id, path: None }
    } else {
        Error::TooLong {
            length: len,
            path: None,
        }
    }
}

/// Appends the first `n` bytes of the big-endian bytes of `hi` then `lo`, as [`put`] does.
#[inline(always)]
fn put2(buf: &mut Vec<u8>, hi: u64, lo: u64, n: usize) {
    let (hi, lo) = (hi.to_be_bytes(), lo.to_be_bytes());
    if buf.capacity() - buf.len() >= 16 {
        // Two word stores straight into the buffer.
        let end = buf.len() + n;
        buf.extend_from_slice(&hi);
        buf.extend_from_slice(&lo);
        buf.truncate(end);
    } else {
        let (a, b) = (n.min(8), n.saturating_sub(8));
        buf.extend_from_slice(hi.get(..a).unwrap_or(&hi));
        buf.extend_from_slice(lo.get(..b).unwrap_or(&lo));
    }
}

/// Appends the first `n` bytes of `bytes`: when the buffer has room for all of them, as one
/// fixed-size copy cut back to `n` (cheaper than a variable-length copy).
#[inline(always)]
fn put<const N: usize>(buf: &mut Vec<u8>, bytes: [u8; N], n: usize) {
    if buf.capacity() - buf.len() >= N {
        let end = buf.len() + n;
        buf.extend_from_slice(&bytes);
        buf.truncate(end);
    } else {
        buf.extend_from_slice(bytes.get(..n).unwrap_or(&bytes));
    }
}

/// A position in the buffer returned by [`Writer::begin`], to close with [`Writer::end`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "a nested TLV must be closed with Writer::end"]
pub struct Mark {
    type_pos: usize,
    content: usize,
}

/// Appends TLVs to a caller's `Vec<u8>`.
///
/// It writes the forms every peer writes: an 8-bit id below 256, the length inside the type byte
/// up to 7, else the smallest Length field. Integers and Time take the shortest of 1/2/4/8 bytes;
/// Unsigned Integers the shortest width whose top bit is clear (200 is `00 C8`, so that peers
/// reading it as signed agree) and 8 bytes from 2^63 on; Floats take 4 bytes when binary32 holds
/// the value exactly (bit for bit), else 8.
///
/// ```
/// use lwm2m_tlv::{Kind, Writer};
/// use lwm2m_types::ValueRef;
/// let mut buf = Vec::new();
/// let mut w = Writer::new(&mut buf);
/// w.resource(9, ValueRef::Integer(100))?;
/// let m = w.begin(Kind::MultipleResource, 6)?;
/// w.resource_instance(0, ValueRef::Integer(1))?;
/// w.resource_instance(1, ValueRef::Integer(5))?;
/// w.end(m)?;
/// assert_eq!(buf, [0xC1, 0x09, 0x64, 0x86, 0x06, 0x41, 0x00, 0x01, 0x41, 0x01, 0x05]);
/// # Ok::<(), lwm2m_tlv::Error>(())
/// ```
#[derive(Debug)]
pub struct Writer<'b> {
    buf: &'b mut Vec<u8>,
}

impl<'b> Writer<'b> {
    /// A writer appending to `buf` (whatever it holds already stays in front).
    #[inline]
    pub fn new(buf: &'b mut Vec<u8>) -> Self {
        Writer { buf }
    }

    /// What the buffer holds so far.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        self.buf
    }

    /// Writes a TLV header announcing `len` value bytes; the caller then writes exactly `len`
    /// bytes (a value, or nested TLVs for an object instance or multiple resource).
    #[inline(always)]
    pub fn header(&mut self, kind: Kind, id: u16, len: usize) -> Result<(), Error> {
        let (h, n) = head(kind, id, len)?;
        put(self.buf, h.to_be_bytes(), n);
        Ok(())
    }

    /// Writes a whole TLV with these value bytes.
    #[inline(always)]
    pub fn entry(&mut self, kind: Kind, id: u16, value: &[u8]) -> Result<(), Error> {
        self.header(kind, id, value.len())?;
        self.buf.extend_from_slice(value);
        Ok(())
    }

    /// Writes a value TLV of `kind` (normally [`Kind::Resource`] or [`Kind::ResourceInstance`]).
    #[inline]
    pub fn value(&mut self, kind: Kind, id: u16, value: ValueRef<'_>) -> Result<(), Error> {
        self.value_inline(kind, id, value)
    }

    /// [`Writer::value`], always inlined (for the node encoder's loops).
    #[inline(always)]
    pub(crate) fn value_inline(
        &mut self,
        kind: Kind,
        id: u16,
        value: ValueRef<'_>,
    ) -> Result<(), Error> {
        match Payload::of(value) {
            Payload::Inline { bits, len } => {
                // Header (at most 4 bytes for a value of at most 8) and value in one copy.
                let (h, n) = head(kind, id, usize::from(len))?;
                // The header takes 2 to 4 bytes: the value starts in the first word and ends
                // in the second.
                let shift = 8 * n as u32;
                put2(
                    self.buf,
                    h | (bits >> shift),
                    bits << (64 - shift),
                    n + usize::from(len),
                );
                Ok(())
            }
            Payload::Slice(v) => self.entry(kind, id, v),
        }
    }

    /// Writes a Resource TLV (`11`) with a value.
    #[inline]
    pub fn resource(&mut self, id: u16, value: ValueRef<'_>) -> Result<(), Error> {
        self.value(Kind::Resource, id, value)
    }

    /// Writes a Resource Instance TLV (`01`) with a value.
    #[inline]
    pub fn resource_instance(&mut self, id: u16, value: ValueRef<'_>) -> Result<(), Error> {
        self.value(Kind::ResourceInstance, id, value)
    }

    /// Opens a TLV whose length is not known yet (normally an object instance or multiple
    /// resource); write its content, then close it with [`Writer::end`]. Nesting is allowed.
    #[inline]
    pub fn begin(&mut self, kind: Kind, id: u16) -> Result<Mark, Error> {
        let type_pos = self.buf.len();
        self.header(kind, id, 0)?;
        Ok(Mark {
            type_pos,
            content: self.buf.len(),
        })
    }

    /// Closes a TLV opened with [`Writer::begin`]: puts its length in the type byte, or inserts
    /// the smallest Length field before its content.
    pub fn end(&mut self, mark: Mark) -> Result<(), Error> {
        let len = self
            .buf
            .len()
            .checked_sub(mark.content)
            .ok_or(Error::InvalidMark)?;
        if len > MAX_LENGTH {
            return Err(Error::TooLong {
                length: len,
                path: None,
            });
        }
        let t = self.buf.get_mut(mark.type_pos).ok_or(Error::InvalidMark)?;
        if *t & 0x1F & !0x20 != 0 {
            return Err(Error::InvalidMark);
        }
        let [_, l2, l1, l0] = (len as u32).to_be_bytes();
        let (bits, field): (u8, &[u8]) = if len <= 7 {
            (len as u8, &[])
        } else if len <= 0xFF {
            (0x08, &[l0])
        } else if len <= 0xFFFF {
            (0x10, &[l1, l0])
        } else {
            (0x18, &[l2, l1, l0])
        };
        *t |= bits;
        if !field.is_empty() {
            // Make room for the Length field in front of the content.
            let end = self.buf.len();
            self.buf.extend_from_slice(field);
            self.buf
                .copy_within(mark.content..end, mark.content + field.len());
            if let Some(d) = self.buf.get_mut(mark.content..mark.content + field.len()) {
                d.copy_from_slice(field);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reader;
    use alloc::vec;
    use lwm2m_types::ObjectLink;

    fn one(v: ValueRef<'_>) -> Vec<u8> {
        let mut buf = Vec::new();
        Writer::new(&mut buf).resource(1, v).unwrap();
        buf
    }

    #[test]
    fn signed_widths() {
        for (v, w) in [
            (0i64, 1u8),
            (-128, 1),
            (127, 1),
            (128, 2),
            (-129, 2),
            (32767, 2),
            (32768, 4),
            (i64::from(i32::MIN), 4),
            (i64::from(i32::MAX) + 1, 8),
            (i64::MIN, 8),
        ] {
            assert_eq!(signed_width(v), w, "{v}");
            let b = one(ValueRef::Integer(v));
            let e = Reader::new(&b).next().unwrap().unwrap();
            assert_eq!(e.as_i64().unwrap(), v);
        }
    }

    #[test]
    fn unsigned_widths_keep_the_top_bit_clear() {
        for (v, w) in [
            (0u64, 1u8),
            (0x7F, 1),
            (0x80, 2),
            (200, 2),
            (0x7FFF, 2),
            (0x8000, 4),
            (0x7FFF_FFFF, 4),
            (0x8000_0000, 8),
            (i64::MAX as u64, 8),
            (u64::MAX, 8),
        ] {
            assert_eq!(unsigned_width(v), w, "{v}");
            let b = one(ValueRef::UnsignedInteger(v));
            let e = Reader::new(&b).next().unwrap().unwrap();
            assert_eq!(e.as_u64().unwrap(), v);
            // A peer reading it as signed (Leshan, Anjay) gets the same number below 2^63.
            if v <= i64::MAX as u64 {
                assert_eq!(e.as_i64().unwrap(), v as i64);
            }
        }
        assert_eq!(
            one(ValueRef::UnsignedInteger(200)),
            [0xC2, 0x01, 0x00, 0xC8]
        );
    }

    #[test]
    fn float_widths() {
        assert_eq!(
            one(ValueRef::Float(22.5)),
            [0xC4, 0x01, 0x41, 0xB4, 0x00, 0x00]
        );
        assert_eq!(one(ValueRef::Float(56.4)).len(), 11);
        assert_eq!(one(ValueRef::Float(f64::INFINITY)).len(), 6);
        assert_eq!(one(ValueRef::Float(-0.0)), [0xC4, 0x01, 0x80, 0, 0, 0]);
        // NaN: the bits come back exactly, in 4 bytes when binary32 holds them.
        for bits in [
            f64::NAN.to_bits(),
            0x7FF0_0000_0000_0001,
            0xFFF8_0000_0000_1234,
        ] {
            let b = one(ValueRef::Float(f64::from_bits(bits)));
            let e = Reader::new(&b).next().unwrap().unwrap();
            assert_eq!(e.as_f64().unwrap().to_bits(), bits, "{bits:x}");
        }
    }

    #[test]
    fn other_values() {
        assert_eq!(one(ValueRef::Boolean(true)), [0xC1, 0x01, 0x01]);
        assert_eq!(
            one(ValueRef::ObjectLink(ObjectLink::new(66, 0))),
            [0xC4, 0x01, 0x00, 0x42, 0x00, 0x00]
        );
        assert_eq!(one(ValueRef::String("")), [0xC0, 0x01]);
        assert_eq!(one(ValueRef::Time(1_367_491_215))[0], 0xC4);
    }

    #[test]
    fn header_forms() {
        let cases: [(Kind, u16, usize, &[u8]); 6] = [
            (Kind::Resource, 1, 7, &[0xC7, 0x01]),
            (Kind::Resource, 1, 8, &[0xC8, 0x01, 0x08]),
            (Kind::ResourceInstance, 310, 1, &[0x61, 0x01, 0x36]),
            (Kind::MultipleResource, 0, 300, &[0x90, 0x00, 0x01, 0x2C]),
            (
                Kind::ObjectInstance,
                0,
                70_000,
                &[0x18, 0x00, 0x01, 0x11, 0x70],
            ),
            (
                Kind::ObjectInstance,
                256,
                MAX_LENGTH,
                &[0x38, 0x01, 0x00, 0xFF, 0xFF, 0xFF],
            ),
        ];
        for (kind, id, len, want) in cases {
            let mut buf = Vec::new();
            Writer::new(&mut buf).header(kind, id, len).unwrap();
            assert_eq!(buf, want);
        }
        let mut buf = Vec::new();
        let mut w = Writer::new(&mut buf);
        assert_eq!(
            w.header(Kind::Resource, 1, MAX_LENGTH + 1),
            Err(Error::TooLong {
                length: MAX_LENGTH + 1,
                path: None
            })
        );
        assert_eq!(
            w.header(Kind::Resource, u16::MAX, 0),
            Err(Error::InvalidId {
                id: u16::MAX,
                path: None
            })
        );
        assert!(buf.is_empty());
    }

    #[test]
    fn begin_end_picks_the_smallest_length_field() {
        for (n, head) in [
            (0usize, vec![0x00, 0x05]),
            (7, vec![0x07, 0x05]),
            (8, vec![0x08, 0x05, 0x08]),
            (300, vec![0x10, 0x05, 0x01, 0x2C]),
            (70_000, vec![0x18, 0x05, 0x01, 0x11, 0x70]),
        ] {
            let mut buf = vec![0xAA];
            let mut w = Writer::new(&mut buf);
            let m = w.begin(Kind::ObjectInstance, 5).unwrap();
            w.buf.extend(core::iter::repeat_n(0x55, n));
            w.end(m).unwrap();
            assert_eq!(buf[0], 0xAA);
            assert_eq!(&buf[1..1 + head.len()], &head[..], "{n}");
            assert_eq!(buf.len(), 1 + head.len() + n);
            assert!(buf[1 + head.len()..].iter().all(|&b| b == 0x55));
        }
        // A mark closed twice, or from another buffer, is refused.
        let mut buf = Vec::new();
        let mut w = Writer::new(&mut buf);
        let m = w.begin(Kind::MultipleResource, 1).unwrap();
        w.resource_instance(0, ValueRef::Integer(1)).unwrap();
        w.end(m).unwrap();
        assert_eq!(w.end(m), Err(Error::InvalidMark));
        let mut other = Vec::new();
        assert_eq!(Writer::new(&mut other).end(m), Err(Error::InvalidMark));
        assert_eq!(buf, [0x83, 0x01, 0x41, 0x00, 0x01]);
    }
}
