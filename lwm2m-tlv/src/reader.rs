//! The streaming reader: [`Reader`], [`Entry`] and [`Kind`].

use core::fmt;
use core::iter::FusedIterator;

use lwm2m_types::{DataType, ObjectLink, ValueErrorKind, ValueRef};

use crate::Error;

/// The kind of identifier of a TLV (bits 7–6 of its type byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `00`: an Object Instance; its value is a sequence of [`Kind::Resource`] and
    /// [`Kind::MultipleResource`] TLVs.
    ObjectInstance,
    /// `01`: a Resource Instance; its value is one value.
    ResourceInstance,
    /// `10`: a Multiple Resource; its value is a sequence of [`Kind::ResourceInstance`] TLVs.
    MultipleResource,
    /// `11`: a Resource with a value.
    Resource,
}

impl Kind {
    /// The kind a type byte names.
    ///
    /// ```
    /// use lwm2m_tlv::Kind;
    /// assert_eq!(Kind::from_type_byte(0xC8), Kind::Resource);
    /// assert_eq!(Kind::from_type_byte(0x61), Kind::ResourceInstance);
    /// ```
    pub const fn from_type_byte(b: u8) -> Kind {
        match b >> 6 {
            0 => Kind::ObjectInstance,
            1 => Kind::ResourceInstance,
            2 => Kind::MultipleResource,
            _ => Kind::Resource,
        }
    }

    /// The bits 7–6 of the type byte, in place (`0x00`, `0x40`, `0x80` or `0xC0`).
    pub const fn bits(self) -> u8 {
        match self {
            Kind::ObjectInstance => 0x00,
            Kind::ResourceInstance => 0x40,
            Kind::MultipleResource => 0x80,
            Kind::Resource => 0xC0,
        }
    }

    /// Whether the value of a TLV of this kind is a sequence of nested TLVs.
    pub const fn is_nested(self) -> bool {
        matches!(self, Kind::ObjectInstance | Kind::MultipleResource)
    }

    /// Whether a TLV of this kind may directly contain a TLV of kind `child`.
    pub const fn may_contain(self, child: Kind) -> bool {
        match self {
            Kind::ObjectInstance => matches!(child, Kind::Resource | Kind::MultipleResource),
            Kind::MultipleResource => matches!(child, Kind::ResourceInstance),
            Kind::ResourceInstance | Kind::Resource => false,
        }
    }

    /// The name used in messages: `object instance`, `resource instance`, `multiple resource`,
    /// `resource`.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::ObjectInstance => "object instance",
            Kind::ResourceInstance => "resource instance",
            Kind::MultipleResource => "multiple resource",
            Kind::Resource => "resource",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One TLV, borrowed from the payload.
///
/// The typed accessors follow the TLV width rules: Integer, Unsigned Integer and Time take 1, 2, 4
/// or 8 bytes, Float 4 or 8, Boolean exactly 1 (`0` or `1`), Objlnk exactly 4; anything else is
/// an [`Error::WrongWidth`] with the offset of the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    kind: Kind,
    id: u16,
    value: &'a [u8],
    offset: usize,
    value_offset: usize,
}

impl<'a> Entry<'a> {
    /// The kind of identifier.
    #[inline]
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The identifier (object instance, resource or resource instance id; never 65535).
    #[inline]
    pub fn id(&self) -> u16 {
        self.id
    }

    /// The value bytes: a value for [`Kind::Resource`] and [`Kind::ResourceInstance`], nested
    /// TLVs for the other kinds.
    #[inline]
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// Offset of the type byte in the whole payload.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Offset of the first value byte in the whole payload.
    #[inline]
    pub fn value_offset(&self) -> usize {
        self.value_offset
    }

    /// A reader over the nested TLVs of an object instance or multiple resource. It refuses
    /// kinds the parent may not contain ([`Kind::may_contain`]) and reports offsets in the whole
    /// payload.
    pub fn children(&self) -> Result<Reader<'a>, Error> {
        if !self.kind.is_nested() {
            return Err(Error::NotNested {
                offset: self.offset,
                kind: self.kind,
            });
        }
        Ok(Reader::nested(
            self.value,
            self.value_offset,
            self.kind,
            self.offset,
        ))
    }

    #[inline]
    fn scalar(&self) -> Result<&'a [u8], Error> {
        if self.kind.is_nested() {
            return Err(Error::NotAValue {
                offset: self.offset,
                kind: self.kind,
            });
        }
        Ok(self.value)
    }

    fn wrong_width(&self, data_type: DataType) -> Error {
        Error::WrongWidth {
            offset: self.value_offset,
            data_type,
            length: self.value.len(),
            path: None,
        }
    }

    #[inline]
    fn signed(&self, data_type: DataType) -> Result<i64, Error> {
        Ok(match *self.scalar()? {
            [a] => i64::from(a as i8),
            [a, b] => i64::from(i16::from_be_bytes([a, b])),
            [a, b, c, d] => i64::from(i32::from_be_bytes([a, b, c, d])),
            [a, b, c, d, e, f, g, h] => i64::from_be_bytes([a, b, c, d, e, f, g, h]),
            _ => return Err(self.wrong_width(data_type)),
        })
    }

    /// The value as a signed Integer (two's complement, 1/2/4/8 bytes).
    ///
    /// ```
    /// let e = lwm2m_tlv::Reader::new(&[0xC2, 0x05, 0xFD, 0x12]).next().unwrap()?;
    /// assert_eq!(e.as_i64()?, -750);
    /// # Ok::<(), lwm2m_tlv::Error>(())
    /// ```
    #[inline]
    pub fn as_i64(&self) -> Result<i64, Error> {
        self.signed(DataType::Integer)
    }

    /// The value as an Unsigned Integer (unsigned big-endian, 1/2/4/8 bytes): `C8` in one byte
    /// is 200, whatever a signed peer meant.
    #[inline]
    pub fn as_u64(&self) -> Result<u64, Error> {
        Ok(match *self.scalar()? {
            [a] => u64::from(a),
            [a, b] => u64::from(u16::from_be_bytes([a, b])),
            [a, b, c, d] => u64::from(u32::from_be_bytes([a, b, c, d])),
            [a, b, c, d, e, f, g, h] => u64::from_be_bytes([a, b, c, d, e, f, g, h]),
            _ => return Err(self.wrong_width(DataType::UnsignedInteger)),
        })
    }

    /// The value as a Time: signed seconds since the Unix epoch, encoded as an Integer.
    #[inline]
    pub fn as_time(&self) -> Result<i64, Error> {
        self.signed(DataType::Time)
    }

    /// The value as a Float (binary32 in 4 bytes or binary64 in 8 bytes). NaN and infinities
    /// are returned as their IEEE bits say.
    #[inline]
    pub fn as_f64(&self) -> Result<f64, Error> {
        Ok(match *self.scalar()? {
            [a, b, c, d] => f64::from(f32::from_be_bytes([a, b, c, d])),
            [a, b, c, d, e, f, g, h] => f64::from_be_bytes([a, b, c, d, e, f, g, h]),
            _ => return Err(self.wrong_width(DataType::Float)),
        })
    }

    /// The value as a Boolean: exactly one byte, `0` or `1`.
    #[inline]
    pub fn as_bool(&self) -> Result<bool, Error> {
        match *self.scalar()? {
            [0] => Ok(false),
            [1] => Ok(true),
            [_] => Err(Error::Value {
                offset: self.value_offset,
                data_type: DataType::Boolean,
                kind: ValueErrorKind::InvalidBoolean,
                path: None,
            }),
            _ => Err(self.wrong_width(DataType::Boolean)),
        }
    }

    /// The value as UTF-8 text (String; use [`Entry::as_corelnk`] for Corelnk).
    #[inline]
    pub fn as_str(&self) -> Result<&'a str, Error> {
        self.text(DataType::String)
    }

    /// The value as a Corelnk (UTF-8 link-format text, not parsed).
    #[inline]
    pub fn as_corelnk(&self) -> Result<&'a str, Error> {
        self.text(DataType::Corelnk)
    }

    #[inline]
    fn text(&self, data_type: DataType) -> Result<&'a str, Error> {
        let v = self.scalar()?;
        core::str::from_utf8(v).map_err(|e| Error::Value {
            offset: self.value_offset.saturating_add(e.valid_up_to()),
            data_type,
            kind: ValueErrorKind::InvalidUtf8,
            path: None,
        })
    }

    /// The value as an Objlnk: exactly 4 bytes, object id then instance id, both u16
    /// big-endian. `FF FF FF FF` is the null link; a link with one half 65535 is accepted.
    #[inline]
    pub fn as_objlnk(&self) -> Result<ObjectLink, Error> {
        match *self.scalar()? {
            [a, b, c, d] => Ok(ObjectLink::from_be_bytes([a, b, c, d])),
            _ => Err(self.wrong_width(DataType::Objlnk)),
        }
    }

    /// The value as Opaque bytes (any length).
    #[inline]
    pub fn as_opaque(&self) -> Result<&'a [u8], Error> {
        self.scalar()
    }

    /// The value read as `data_type`. [`DataType::None`] (executable resources) carries no
    /// value and is an [`Error::Value`] with [`ValueErrorKind::NoValue`].
    ///
    /// ```
    /// use lwm2m_tlv::Reader;
    /// use lwm2m_types::{DataType, ValueRef};
    /// let e = Reader::new(&[0xC1, 0x09, 0x64]).next().unwrap()?;
    /// assert_eq!(e.as_value(DataType::Integer)?, ValueRef::Integer(100));
    /// assert_eq!(e.as_value(DataType::String)?, ValueRef::String("d"));
    /// # Ok::<(), lwm2m_tlv::Error>(())
    /// ```
    #[inline]
    pub fn as_value(&self, data_type: DataType) -> Result<ValueRef<'a>, Error> {
        Ok(match data_type {
            DataType::String => ValueRef::String(self.as_str()?),
            DataType::Integer => ValueRef::Integer(self.as_i64()?),
            DataType::UnsignedInteger => ValueRef::UnsignedInteger(self.as_u64()?),
            DataType::Float => ValueRef::Float(self.as_f64()?),
            DataType::Boolean => ValueRef::Boolean(self.as_bool()?),
            DataType::Opaque => ValueRef::Opaque(self.as_opaque()?),
            DataType::Time => ValueRef::Time(self.as_time()?),
            DataType::Objlnk => ValueRef::ObjectLink(self.as_objlnk()?),
            DataType::Corelnk => ValueRef::CoreLink(self.as_corelnk()?),
            DataType::None => {
                return Err(Error::Value {
                    offset: self.value_offset,
                    data_type,
                    kind: ValueErrorKind::NoValue,
                    path: None,
                });
            }
        })
    }
}

/// A zero-copy reader over a sequence of TLVs; an iterator of [`Entry`].
///
/// The top-level reader accepts TLVs of every kind (which kinds a payload may start with depends
/// on the request path: the node level checks that). Readers of nested TLVs, from
/// [`Entry::children`], refuse kinds their parent may not contain, and a nested TLV that runs
/// past its parent's end. After an error the reader yields nothing more. Nothing is allocated.
///
/// ```
/// use lwm2m_tlv::{Kind, Reader};
/// // Resource 9 = 100, then multiple resource 6 with instances 0 = 1 and 1 = 5.
/// let bytes = [0xC1, 0x09, 0x64, 0x86, 0x06, 0x41, 0x00, 0x01, 0x41, 0x01, 0x05];
/// let mut r = Reader::new(&bytes);
/// let battery = r.next().unwrap()?;
/// assert_eq!((battery.kind(), battery.id(), battery.as_i64()?), (Kind::Resource, 9, 100));
/// let sources = r.next().unwrap()?;
/// assert_eq!(sources.kind(), Kind::MultipleResource);
/// let values: Vec<i64> = sources.children()?.map(|e| e?.as_i64()).collect::<Result<_, _>>()?;
/// assert_eq!(values, [1, 5]);
/// assert!(r.next().is_none());
/// # Ok::<(), lwm2m_tlv::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    /// The bytes not read yet.
    data: &'a [u8],
    /// Offset of `data` in the whole payload.
    offset: usize,
    /// Bit `k` set: kind `k` (type byte bits 7–6) is allowed here.
    allowed: u8,
    /// The containing TLV: its kind and offset (`None` at the top level).
    parent: Option<(Kind, usize)>,
}

const ALL_KINDS: u8 = 0b1111;

const fn allowed_in(parent: Kind) -> u8 {
    match parent {
        Kind::ObjectInstance => 0b1100,
        Kind::MultipleResource => 0b0010,
        Kind::ResourceInstance | Kind::Resource => 0,
    }
}

impl<'a> Reader<'a> {
    /// A reader over a whole payload.
    #[inline]
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader {
            data: bytes,
            offset: 0,
            allowed: ALL_KINDS,
            parent: None,
        }
    }

    #[inline]
    fn nested(data: &'a [u8], offset: usize, parent: Kind, parent_offset: usize) -> Self {
        Reader {
            data,
            offset,
            allowed: allowed_in(parent),
            parent: Some((parent, parent_offset)),
        }
    }

    /// Offset in the whole payload of the next TLV (or of the end).
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether no bytes are left.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The bytes not read yet.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        self.data
    }

    /// The kind of the TLV this reader reads the children of (`None` at the top level).
    #[inline]
    pub fn parent_kind(&self) -> Option<Kind> {
        self.parent.map(|(k, _)| k)
    }

    /// The next TLV, `None` at the end (and after an error).
    #[inline(always)]
    pub fn next_entry(&mut self) -> Option<Result<Entry<'a>, Error>> {
        let rest = self.data;
        let (hdr, id, len, t) = match *rest {
            [] => return None,
            // The common forms first: length in the type byte (8- or 16-bit id), or an 8-bit id
            // with an 8-bit Length.
            [t, i, ..] if t & 0x38 == 0 => (2, u16::from(i), usize::from(t & 7), t),
            [t, i, l, ..] if t & 0x38 == 0x08 => (3, u16::from(i), usize::from(l), t),
            [t, a, b, ..] if t & 0x38 == 0x20 => {
                (3, u16::from_be_bytes([a, b]), usize::from(t & 7), t)
            }
            [t, ..] => {
                let wide = usize::from((t >> 5) & 1);
                let lt = usize::from((t >> 3) & 3);
                let hdr = 2 + wide + lt;
                let Some(h) = rest.get(1..hdr) else {
                    return Some(Err(self.cut(hdr - rest.len())));
                };
                let (id, l) = match (wide, h) {
                    (0, [i, l @ ..]) => (u16::from(*i), l),
                    (_, [a, b, l @ ..]) => (u16::from_be_bytes([*a, *b]), l),
                    _ => return Some(Err(self.cut(1))),
                };
                let len = match *l {
                    [] => usize::from(t & 7),
                    [a] => usize::from(a),
                    [a, b] => (usize::from(a) << 8) | usize::from(b),
                    [a, b, c, ..] => {
                        (usize::from(a) << 16) | (usize::from(b) << 8) | usize::from(c)
                    }
                };
                (hdr, id, len, t)
            }
        };
        if id == u16::MAX || self.allowed & (1 << (t >> 6)) == 0 {
            return Some(Err(self.bad_head(t, id)));
        }
        let end = hdr.saturating_add(len);
        if rest.len() < end {
            return Some(Err(self.cut(end - rest.len())));
        }
        let (tlv, next) = rest.split_at(end);
        let offset = self.offset;
        self.data = next;
        self.offset = offset + end;
        Some(Ok(Entry {
            kind: Kind::from_type_byte(t),
            id,
            value: tlv.get(hdr..).unwrap_or_default(),
            offset,
            value_offset: offset + hdr,
        }))
    }

    /// The error for a TLV cut short; stops the reader.
    #[inline(always)]
    fn cut(&mut self, needed: usize) -> Error {
        self.data = &[];
        cut_error(self.offset, self.parent, needed)
    }

    /// The error for a reserved id or a kind not allowed here; stops the reader.
    #[inline(always)]
    fn bad_head(&mut self, t: u8, id: u16) -> Error {
        self.data = &[];
        bad_head_error(self.offset, self.parent, t, id)
    }
}

// The error paths take plain values, not the reader: a reader whose address never escapes
// stays in registers.

#[cold]
#[inline(never)]
fn cut_error(offset: usize, parent: Option<(Kind, usize)>, needed: usize) -> Error {
    match parent {
        None => Error::Truncated { offset, needed },
        Some((_, parent)) => Error::Overrun { offset, parent },
    }
}

#[cold]
#[inline(never)]
fn bad_head_error(offset: usize, parent: Option<(Kind, usize)>, t: u8, id: u16) -> Error {
    if id == u16::MAX {
        return Error::ReservedId { offset };
    }
    Error::UnexpectedKind {
        offset,
        kind: Kind::from_type_byte(t),
        inside: parent.map(|(k, _)| k),
        path: None,
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Entry<'a>, Error>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        self.next_entry()
    }
}

impl FusedIterator for Reader<'_> {}

/// Counts the TLVs of a sequence by their headers alone, stopping at the first malformed one;
/// bounded by the bytes that are really there (at most `bytes.len() / 2`). Used to size maps.
#[inline]
pub(crate) fn count_hint(bytes: &[u8]) -> usize {
    let mut rest = bytes;
    let mut n = 0usize;
    loop {
        // The size of the TLV: header and value.
        let size = match *rest {
            [] => break,
            // The common forms first: length in the type byte, or an 8-bit Length after an
            // 8-bit id.
            [t, ..] if t & 0x18 == 0 => 2 + usize::from((t >> 5) & 1) + usize::from(t & 7),
            [t, _, l, ..] if t & 0x38 == 0x08 => 3 + usize::from(l),
            [t, ..] => {
                let p = 2 + usize::from((t >> 5) & 1);
                let lt = usize::from((t >> 3) & 3);
                match rest.get(p..p + lt) {
                    Some(l) => p + lt + l.iter().fold(0usize, |a, &b| (a << 8) | usize::from(b)),
                    None => break,
                }
            }
        };
        match rest.get(size..) {
            Some(r) => rest = r,
            None => break,
        }
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn kinds() {
        for (b, k) in [
            (0x08, Kind::ObjectInstance),
            (0x61, Kind::ResourceInstance),
            (0x88, Kind::MultipleResource),
            (0xE4, Kind::Resource),
        ] {
            assert_eq!(Kind::from_type_byte(b), k);
            assert_eq!(b & 0xC0, k.bits());
        }
        assert!(Kind::ObjectInstance.may_contain(Kind::MultipleResource));
        assert!(!Kind::ObjectInstance.may_contain(Kind::ObjectInstance));
        assert!(!Kind::MultipleResource.may_contain(Kind::Resource));
        assert!(!Kind::Resource.may_contain(Kind::ResourceInstance));
        assert_eq!(Kind::MultipleResource.to_string(), "multiple resource");
    }

    #[test]
    fn count_hint_counts_real_tlvs_only() {
        assert_eq!(count_hint(&[]), 0);
        assert_eq!(count_hint(&[0xC1, 0x09, 0x64, 0x80, 0x0B]), 2);
        // Stops at a TLV whose value is not there.
        assert_eq!(
            count_hint(&[0xC1, 0x09, 0x64, 0xD8, 0x00, 0xFF, 0xFF, 0xFF]),
            1
        );
        assert_eq!(count_hint(&[0xC1, 0x09, 0x64, 0xC8]), 1);
    }

    #[test]
    fn offsets_of_nested_entries() {
        let b = [0x05, 0x00, 0x83, 0x0B, 0x41, 0x00, 0x00];
        let mut r = Reader::new(&b);
        let oi = r.next().unwrap().unwrap();
        assert!(r.is_empty());
        let mut c = oi.children().unwrap();
        assert_eq!(c.offset(), 2);
        assert_eq!(c.parent_kind(), Some(Kind::ObjectInstance));
        let mr = c.next().unwrap().unwrap();
        assert_eq!((mr.offset(), mr.value_offset()), (2, 4));
        let ri = mr.children().unwrap().next().unwrap().unwrap();
        assert_eq!((ri.offset(), ri.value_offset(), ri.as_i64()), (4, 6, Ok(0)));
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let b = [0xC4, 0x00, b'a', b'b', 0xC3, 0x28];
        let e = Reader::new(&b).next().unwrap().unwrap();
        assert_eq!(
            e.as_str(),
            Err(Error::Value {
                offset: 4,
                data_type: DataType::String,
                kind: ValueErrorKind::InvalidUtf8,
                path: None
            })
        );
    }
}
