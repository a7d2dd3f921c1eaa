//! The node encoder's fast path: a sizing pass (a tight bound on the size of the payload, and
//! the exact content lengths of the nested TLVs), then a writing pass into one zeroed buffer of
//! that size, with fixed-size stores and the common header forms inline.
//!
//! An id of 65535 makes the writing pass give up, and payloads past 1 MiB (which include every
//! value or content longer than [`MAX_LENGTH`]) skip it: the encoder then takes the
//! [`Writer`](crate::Writer) path, which reports errors with their paths in the order of the
//! content.

use lwm2m_types::{IdMap, Node, ObjectInstance, Resource, ResourceInstance, Value};

use crate::writer::MAX_LENGTH;

/// The type byte bits of each kind.
const OBJECT_INSTANCE: u64 = 0x00;
const RESOURCE_INSTANCE: u64 = 0x40;
const MULTIPLE_RESOURCE: u64 = 0x80;
const RESOURCE: u64 = 0xC0;

/// `WIDTH[v.leading_zeros()]`: the shortest of 1, 2, 4, 8 bytes whose top bit stays clear for
/// `v` (8 when none does). For a signed `v`, index by the leading zeros of `v ^ (v >> 63)`.
const WIDTH: [u8; 65] = {
    let mut t = [8u8; 65];
    let mut lz = 0;
    while lz <= 64 {
        let bits = 64 - lz;
        t[lz] = if bits < 8 {
            1
        } else if bits < 16 {
            2
        } else if bits < 32 {
            4
        } else {
            8
        };
        lz += 1;
    }
    t
};

/// The shortest width of a signed integer (as [`crate::writer::signed_width`]).
#[inline(always)]
fn signed_width(v: i64) -> u8 {
    WIDTH[((v ^ (v >> 63)) as u64).leading_zeros() as usize]
}

/// The shortest width of an unsigned integer (as [`crate::writer::unsigned_width`]).
#[inline(always)]
fn unsigned_width(v: u64) -> u8 {
    WIDTH[v.leading_zeros() as usize]
}

/// `f` as binary32 when that holds it exactly, bit for bit.
#[inline(always)]
fn as_f32(f: f64) -> Option<f32> {
    let s = f as f32;
    (f64::from(s).to_bits() == f.to_bits()).then_some(s)
}

/// A value that is not a byte string: its bits (right-aligned) and width (1, 2, 4 or 8), as
/// [`Writer`](crate::Writer) writes it; or its bytes.
#[inline(always)]
fn scalar(v: &Value) -> Result<(u64, usize), &[u8]> {
    Ok(match v {
        Value::String(s) | Value::CoreLink(s) => return Err(s.as_bytes()),
        Value::Opaque(b) => return Err(b),
        Value::Integer(i) | Value::Time(i) => (*i as u64, usize::from(signed_width(*i))),
        Value::UnsignedInteger(u) => (*u, usize::from(unsigned_width(*u))),
        Value::Float(f) => match as_f32(*f) {
            Some(s) => (u64::from(s.to_bits()), 4),
            None => (f.to_bits(), 8),
        },
        Value::Boolean(b) => (u64::from(*b), 1),
        Value::ObjectLink(l) => (u64::from(u32::from_be_bytes(l.to_be_bytes())), 4),
    })
}

/// The number of bytes of the Length field for a value of `len` bytes (0 when it fits in the
/// type byte).
#[inline(always)]
fn length_bytes(len: usize) -> usize {
    if len <= 7 {
        0
    } else if len <= 0xFF {
        1
    } else if len <= 0xFFFF {
        2
    } else {
        3
    }
}

/// The header bytes of a TLV.
#[inline(always)]
fn head_len(id: u16, len: usize) -> usize {
    2 + usize::from(id > 0xFF) + length_bytes(len)
}

/// A TLV header, left-aligned in a `u64`, and its length; `len` at most [`MAX_LENGTH`].
#[inline(always)]
fn head(kind: u64, id: u16, len: usize) -> (u64, usize) {
    let wide = usize::from(id > 0xFF);
    let lt = length_bytes(len);
    let l = len as u64;
    let t = kind | (wide as u64) << 5 | (lt as u64) << 3 | if lt == 0 { l } else { 0 };
    let id_shift = 48 - 8 * wide as u32;
    let field = if lt == 0 {
        0
    } else {
        l << (id_shift - 8 * lt as u32)
    };
    (t << 56 | u64::from(id) << id_shift | field, 2 + wide + lt)
}

/// How many content lengths of nested TLVs the sizing pass keeps for the writing pass (in the
/// order both meet them); the writing pass computes the others again.
const KEPT: usize = 16;

/// The sizing pass: a tight bound on the size of the payload (exact for the content of nested
/// TLVs, whose headers carry it). Values past [`MAX_LENGTH`] make the size come out past the
/// largest payload of the fast path anyway, so they need no check here.
pub(crate) struct Sizer {
    /// The content lengths of the first nested TLVs, in pre-order.
    lens: [usize; KEPT],
    /// How many nested TLVs were met.
    n: usize,
}

impl Sizer {
    pub(crate) fn new() -> Self {
        Sizer {
            lens: [0; KEPT],
            n: 0,
        }
    }

    /// The size of a value TLV.
    #[inline(always)]
    fn value(id: u16, v: &Value) -> usize {
        let wide = usize::from(id > 0xFF);
        match scalar(v) {
            Ok((_, w)) => 2 + wide + w + (w >> 3),
            Err(b) => (2 + wide + length_bytes(b.len())).wrapping_add(b.len()),
        }
    }

    /// The content length of a multiple resource.
    #[inline(always)]
    fn instances(instances: &IdMap<ResourceInstance>) -> usize {
        let mut n = 0usize;
        for ri in instances {
            n = n.wrapping_add(Self::value(ri.id, &ri.value));
        }
        n
    }

    /// Takes a slot for the content length of a nested TLV.
    #[inline(always)]
    fn slot(&mut self) -> usize {
        let k = self.n;
        self.n += 1;
        k
    }

    /// Keeps the content length of the nested TLV in `slot`; returns the TLV's size.
    #[inline(always)]
    fn keep(&mut self, slot: usize, id: u16, len: usize) -> usize {
        if let Some(l) = self.lens.get_mut(slot) {
            *l = len;
        }
        head_len(id, len).wrapping_add(len)
    }

    /// A bound on the size of a value TLV that is not inside a nested TLV (whose length must
    /// be exact): the largest header for byte strings, the largest size (4 header bytes, 8
    /// value bytes) for the other values. Finding the exact size takes about as long as
    /// writing the value.
    #[inline(always)]
    fn bound(v: &Value) -> usize {
        match v {
            Value::String(s) | Value::CoreLink(s) => s.len().wrapping_add(6),
            Value::Opaque(b) => b.len().wrapping_add(6),
            _ => 12,
        }
    }

    /// The size of a resource TLV; of a single resource, only a bound unless `EXACT`.
    #[inline(always)]
    fn resource<const EXACT: bool>(&mut self, r: &Resource) -> usize {
        match r {
            Resource::Single { id, value } if EXACT => Self::value(*id, value),
            Resource::Single { value, .. } => Self::bound(value),
            Resource::Multiple { id, instances } => {
                let k = self.slot();
                let len = Self::instances(instances);
                self.keep(k, *id, len)
            }
        }
    }

    /// The content length of an object instance; only a bound unless `EXACT`.
    #[inline(always)]
    fn instance<const EXACT: bool>(&mut self, i: &ObjectInstance) -> usize {
        let mut n = 0usize;
        for r in &i.resources {
            n = n.wrapping_add(self.resource::<EXACT>(r));
        }
        n
    }

    /// A bound on the encoded size of a node other than the root (0 for the root), and the
    /// exact content lengths of its nested TLVs.
    pub(crate) fn node(&mut self, node: &Node) -> usize {
        match node {
            Node::Root(_) => 0,
            Node::Object(o) => {
                let mut n = 0usize;
                for i in &o.instances {
                    let k = self.slot();
                    let len = self.instance::<true>(i);
                    n = n.wrapping_add(self.keep(k, i.id, len));
                }
                n
            }
            Node::ObjectInstance(i) => self.instance::<false>(i),
            Node::Resource(r) => self.resource::<false>(r),
            Node::ResourceInstance(ri) => Self::bound(&ri.value),
        }
    }
}

/// Writes a node other than the root into `buf`, a zeroed buffer sized by `sizer` plus
/// [`SLACK`] bytes (for the fixed-size stores). Returns the number of bytes written, or `None`
/// for the root, an id of 65535, or (never) sizes that disagree with the bytes: the encoder
/// then starts again with the [`Writer`](crate::Writer), which reports the error.
pub(crate) fn write(buf: &mut [u8], sizer: &Sizer, node: &Node) -> Option<usize> {
    // A local, whose address never escapes: the cursor stays in a register.
    let mut out = Out {
        buf,
        pos: 0,
        bad: false,
        lens: &sizer.lens,
        k: 0,
    };
    out.node(node);
    (!out.bad).then_some(out.pos)
}

/// The writing pass of [`write`].
struct Out<'b, 's> {
    buf: &'b mut [u8],
    pos: usize,
    bad: bool,
    /// The sizing pass's content lengths, and the next slot.
    lens: &'s [usize; KEPT],
    k: usize,
}

/// Room past the sized payload, for the fixed-size stores of [`Out`].
pub(crate) const SLACK: usize = 16;

/// A header of any form; `None` for an id of 65535 or a length past [`MAX_LENGTH`].
#[inline(never)]
fn long_header(kind: u64, id: u16, len: usize) -> Option<(u64, usize)> {
    (id != u16::MAX && len <= MAX_LENGTH).then(|| head(kind, id, len))
}

/// A value TLV of 8 bytes (`v`), or with the id 65535: its two words and length.
#[inline(never)]
fn long_scalar(kind: u64, id: u16, v: u64, w: usize) -> Option<(u64, u64, usize)> {
    if id == u16::MAX {
        return None;
    }
    let (h, n) = head(kind, id, w);
    let shift = 8 * n as u32;
    Some((h | (v >> shift), v << (64 - shift), n + w))
}

impl Out<'_, '_> {
    /// Writes the first `n` big-endian bytes of `w` (one 8-byte store; the bytes past `n` are
    /// written over by what follows, or cut off at the end).
    #[inline(always)]
    fn word(&mut self, w: u64, n: usize) {
        match self
            .buf
            .get_mut(self.pos..)
            .and_then(|s| s.first_chunk_mut::<8>())
        {
            Some(d) => {
                *d = w.to_be_bytes();
                self.pos += n;
            }
            None => self.bad = true,
        }
    }

    /// Writes the first `n` big-endian bytes of `hi` then `lo` (two 8-byte stores).
    #[inline(always)]
    fn words(&mut self, hi: u64, lo: u64, n: usize) {
        match self
            .buf
            .get_mut(self.pos..)
            .and_then(|s| s.first_chunk_mut::<16>())
        {
            Some(d) => {
                let (a, b) = d.split_at_mut(8);
                a.copy_from_slice(&hi.to_be_bytes());
                b.copy_from_slice(&lo.to_be_bytes());
                self.pos += n;
            }
            None => self.bad = true,
        }
    }

    /// Copies `v`: up to 16 bytes with two (overlapping) fixed-size moves, more with a copy.
    #[inline(always)]
    fn bytes(&mut self, v: &[u8]) {
        let len = v.len();
        if len <= 16
            && let Some(d) = self
                .buf
                .get_mut(self.pos..)
                .and_then(|s| s.first_chunk_mut::<16>())
        {
            small_copy(d, v);
            self.pos += len;
            return;
        }
        let end = self.pos.wrapping_add(len);
        match self.buf.get_mut(self.pos..end) {
            Some(d) => {
                d.copy_from_slice(v);
                self.pos = end;
            }
            None => self.bad = true,
        }
    }

    /// A header; the common forms (an 8-bit id, a length below 256) inline.
    #[inline(always)]
    fn header(&mut self, kind: u64, id: u16, len: usize) {
        if id <= 0xFF && len <= 0xFF {
            let long = len > 7;
            let t = kind | if long { 0x08 } else { len as u64 };
            self.word(
                t << 56 | u64::from(id) << 48 | (len as u64) << 40,
                2 + usize::from(long),
            );
        } else {
            match long_header(kind, id, len) {
                Some((h, n)) => self.word(h, n),
                None => self.bad = true,
            }
        }
    }

    #[inline(always)]
    fn value(&mut self, kind: u64, id: u16, v: &Value) {
        match scalar(v) {
            Ok((x, w)) => {
                let v = x << (64 - 8 * w as u32);
                if w < 8 && id <= 0xFF {
                    // Type byte (with the length), id, then the value, in one word.
                    self.word(
                        (kind | w as u64) << 56 | u64::from(id) << 48 | v >> 16,
                        2 + w,
                    );
                } else if w < 8 && id != u16::MAX {
                    // The same with a 16-bit id: at most 7 bytes.
                    let t = kind | 0x20 | w as u64;
                    self.word(t << 56 | u64::from(id) << 40 | v >> 24, 3 + w);
                } else {
                    match long_scalar(kind, id, v, w) {
                        Some((hi, lo, n)) => self.words(hi, lo, n),
                        None => self.bad = true,
                    }
                }
            }
            Err(b) => {
                self.header(kind, id, b.len());
                self.bytes(b);
            }
        }
    }

    /// The content length of the next nested TLV: kept by the sizing pass, or computed.
    #[inline(always)]
    fn len(&mut self, compute: impl FnOnce() -> usize) -> usize {
        let k = self.k;
        self.k += 1;
        match self.lens.get(k) {
            Some(&l) => l,
            None => compute(),
        }
    }

    #[inline(always)]
    fn resource(&mut self, r: &Resource) {
        match r {
            Resource::Single { id, value } => self.value(RESOURCE, *id, value),
            Resource::Multiple { id, instances } => {
                let len = self.len(|| Sizer::instances(instances));
                self.header(MULTIPLE_RESOURCE, *id, len);
                for ri in instances {
                    self.value(RESOURCE_INSTANCE, ri.id, &ri.value);
                }
            }
        }
    }

    #[inline(always)]
    fn resources(&mut self, rs: &IdMap<Resource>) {
        for r in rs {
            self.resource(r);
        }
    }

    #[inline(always)]
    fn node(&mut self, node: &Node) {
        match node {
            Node::Root(_) => self.bad = true,
            Node::Object(o) => {
                for i in &o.instances {
                    let len = self.len(|| Sizer::new().instance::<true>(i));
                    self.header(OBJECT_INSTANCE, i.id, len);
                    self.resources(&i.resources);
                }
            }
            Node::ObjectInstance(i) => self.resources(&i.resources),
            Node::Resource(r) => self.resource(r),
            Node::ResourceInstance(ri) => self.value(RESOURCE_INSTANCE, ri.id, &ri.value),
        }
    }
}

/// Copies `v` (at most 16 bytes) to the front of `d`: two overlapping moves of 8 or 4 bytes,
/// or up to three single bytes.
#[inline(always)]
fn small_copy(d: &mut [u8; 16], v: &[u8]) {
    let len = v.len();
    if let (Some(a), Some(b)) = (v.first_chunk::<8>(), v.last_chunk::<8>()) {
        // 8 to 16 bytes.
        let (a, b) = (*a, *b);
        if let Some(t) = d.get_mut(len - 8..len) {
            t.copy_from_slice(&b);
        }
        if let Some(h) = d.first_chunk_mut::<8>() {
            *h = a;
        }
    } else if let (Some(a), Some(b)) = (v.first_chunk::<4>(), v.last_chunk::<4>()) {
        // 4 to 7 bytes.
        let (a, b) = (*a, *b);
        if let Some(t) = d.get_mut(len - 4..len) {
            t.copy_from_slice(&b);
        }
        if let Some(h) = d.first_chunk_mut::<4>() {
            *h = a;
        }
    } else {
        // Up to 3 bytes.
        for (d, v) in d.iter_mut().zip(v) {
            *d = *v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writer;

    #[test]
    fn widths_agree_with_the_writer() {
        let mut vs: alloc::vec::Vec<i64> = alloc::vec![0, -1, i64::MIN, i64::MAX];
        for s in 0..64 {
            let p = 1i64 << s;
            vs.extend([
                p,
                p.wrapping_sub(1),
                p.wrapping_neg(),
                p.wrapping_neg().wrapping_sub(1),
                p.wrapping_add(1),
            ]);
        }
        for v in vs {
            assert_eq!(signed_width(v), writer::signed_width(v), "{v}");
            let u = v as u64;
            assert_eq!(unsigned_width(u), writer::unsigned_width(u), "{u}");
        }
    }

    #[test]
    fn headers_agree_with_the_writer() {
        for id in [0u16, 1, 255, 256, 4660, 65534] {
            for len in [0usize, 1, 7, 8, 9, 255, 256, 65535, 65536, MAX_LENGTH] {
                for kind in [crate::Kind::ObjectInstance, crate::Kind::Resource] {
                    let mut want = alloc::vec::Vec::new();
                    crate::Writer::new(&mut want).header(kind, id, len).unwrap();
                    let (h, n) = head(u64::from(kind.bits()), id, len);
                    assert_eq!(n, want.len(), "{id} {len}");
                    assert_eq!(n, head_len(id, len));
                    assert_eq!(&h.to_be_bytes()[..n], &want[..], "{id} {len}");
                    assert!(h.to_be_bytes()[n..].iter().all(|&b| b == 0));
                }
            }
        }
    }
}
