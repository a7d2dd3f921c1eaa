//! LwM2M CBOR (11544): one CBOR map whose keys are path ids (or arrays of ids) and whose values
//! are nested maps or leaf values.
//!
//! - [`Reader`] walks the bytes and yields one [`Entry`] per map key, with its absolute path and
//!   a borrowed [`Leaf`]; it never allocates and keeps its own small fixed stack (at most 5
//!   maps, since every map level adds at least one of the 4 path ids).
//! - [`Writer`] collects (path, value) pairs and writes the shortest nested form.
//! - [`decode`], [`encode`], [`decode_composite`], [`encode_composite`] work on nodes.

use alloc::string::String;
use alloc::vec::Vec;

use lwm2m_types::{
    Composite, DataType, HasId, IdMap, ModelCursor, ModelProvider, Node, NodeBuilder, Object,
    ObjectInstance, Path, Resource, ResourceInstance, Value, ValueErrorKind, ValueRef,
};

use crate::error::{Error, Malformed};
use crate::leaf::{Chunks, Leaf, TimeForm, read_leaf_from, write_value};
use crate::raw::{Decoder, Encoder, Token};

/// What a key leads to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EntryKind<'a> {
    /// A non-empty map: the entries below this path follow.
    Map {
        /// The number of pairs it announces (`None` for indefinite length). Claimed by the
        /// input: use it only as a hint.
        len: Option<u64>,
    },
    /// An empty map: an empty aggregate (object, object instance, or multiple resource with no
    /// instances), e.g. `{[3, 0, 11]: {}}`.
    Empty,
    /// A leaf value (possibly [`Leaf::Null`]).
    Value(Leaf<'a>),
}

/// One key of the payload with its absolute path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry<'a> {
    ids: [u16; 4],
    len: u8,
    /// What the key leads to.
    pub kind: EntryKind<'a>,
    /// Byte offset of the key.
    pub key_offset: usize,
    /// Byte offset of the value.
    pub offset: usize,
    /// A number for the map holding this key (0 = the top map, then 1, 2, ... in the order the
    /// maps open). Two keys with the same scope and path are a duplicate key.
    pub scope: u32,
}

impl Entry<'_> {
    /// The ids of the path reached by this key (all enclosing keys and this one), from the
    /// Object ID down: 1 to 4 ids, each below 65535.
    pub fn ids(&self) -> &[u16] {
        self.ids.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The path reached by this key.
    pub fn path(&self) -> Path {
        to_path(self.ids())
    }
}

fn unpack(p: u64) -> [u16; 4] {
    [
        p as u16,
        (p >> 16) as u16,
        (p >> 32) as u16,
        (p >> 48) as u16,
    ]
}

/// A path from ids the reader has already checked (at most 4, each below 65535).
fn to_path(ids: &[u16]) -> Path {
    Path::new(ids).unwrap_or(Path::ROOT)
}

/// Limits and leniency for decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// The most keys a payload may have (default 65536).
    pub max_entries: usize,
    /// Accept a CBOR integer for a Float resource (Leshan's strict decoder does not; default
    /// `false`).
    pub lenient_numbers: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            max_entries: 65536,
            lenient_numbers: false,
        }
    }
}

/// Choices for encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct EncodeOptions {
    /// How Time values are written (default: a plain integer, as Anjay writes LwM2M CBOR and as
    /// the spec examples show; [`TimeForm::Tag1`] writes tag 1 + integer).
    pub time: TimeForm,
}

impl DecodeOptions {
    /// These options with `max_entries`.
    pub fn with_max_entries(mut self, max_entries: usize) -> Self {
        self.max_entries = max_entries;
        self
    }

    /// These options with `lenient_numbers`.
    pub fn with_lenient_numbers(mut self, lenient: bool) -> Self {
        self.lenient_numbers = lenient;
        self
    }
}

impl EncodeOptions {
    /// These options with Time written as `time`.
    pub fn with_time(mut self, time: TimeForm) -> Self {
        self.time = time;
        self
    }
}

const MAX_FRAMES: usize = 5;

#[derive(Debug, Clone, Copy, Default)]
struct Frame {
    remaining: Option<u64>,
    base: u8,
    scope: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Running,
    Done,
}

/// A zero-copy streaming reader of LwM2M CBOR (11544).
///
/// Yields one [`Entry`] per key, in the order of the bytes, after checking the structure: the
/// top item is a map, keys are unsigned ids or non-empty arrays of them (definite or
/// indefinite), ids are below 65535, no branch has more than 4 ids, leaves sit at resource or
/// resource instance paths, and nothing follows the top map. Duplicate paths are not detected
/// here (that needs memory); [`decode`] and [`decode_composite`] do it.
///
/// ```
/// use lwm2m_cbor::{EntryKind, Leaf, Reader};
/// let bytes = [0xA1, 0x82, 0x03, 0x00, 0xA2, 0x09, 0x18, 0x64, 0x0B, 0xA0];
/// let entries: Vec<_> = Reader::new(&bytes).collect::<Result<_, _>>()?;
/// assert_eq!(entries[0].path().to_string(), "/3/0");
/// assert_eq!(entries[0].kind, EntryKind::Map { len: Some(2) });
/// assert_eq!(entries[1].path().to_string(), "/3/0/9");
/// assert_eq!(entries[1].kind, EntryKind::Value(Leaf::Unsigned(100)));
/// assert_eq!(entries[2].kind, EntryKind::Empty);
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    dec: Decoder<'a>,
    frames: [Frame; MAX_FRAMES],
    depth: usize,
    /// The path ids so far, packed 16 bits each (id `k` at bits `16 * k`), so that they are
    /// copied in one register.
    ids: u64,
    state: State,
    maps: u32,
    entries: usize,
    max_entries: usize,
}

impl<'a> Reader<'a> {
    /// A reader over a whole payload, with the default limits.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self::with_options(bytes, &DecodeOptions::default())
    }

    /// A reader with the limits of `options`.
    pub fn with_options(bytes: &'a [u8], options: &DecodeOptions) -> Self {
        Reader {
            dec: Decoder::new(bytes),
            frames: [Frame::default(); MAX_FRAMES],
            depth: 0,
            ids: 0,
            state: State::Start,
            maps: 0,
            entries: 0,
            max_entries: options.max_entries,
        }
    }

    /// The byte offset reached.
    pub fn offset(&self) -> usize {
        self.dec.offset()
    }

    #[inline(always)]
    fn step(&mut self) -> Result<Option<Entry<'a>>, Error> {
        loop {
            match self.state {
                State::Done => return Ok(None),
                State::Start => {
                    let at = self.dec.offset();
                    match self.dec.token()? {
                        Token::Map(n) => {
                            self.frames[0] = Frame {
                                remaining: n,
                                base: 0,
                                scope: 0,
                            };
                            self.depth = 1;
                            self.state = State::Running;
                        }
                        _ => {
                            return Err(Error::Unexpected {
                                offset: at,
                                expected: "a map at the top of the payload",
                            });
                        }
                    }
                }
                State::Running => {
                    let Some(frame) = self
                        .depth
                        .checked_sub(1)
                        .and_then(|i| self.frames.get_mut(i))
                    else {
                        if !self.dec.is_empty() {
                            return Err(Error::TrailingBytes {
                                offset: self.dec.offset(),
                            });
                        }
                        self.state = State::Done;
                        return Ok(None);
                    };
                    match frame.remaining {
                        Some(0) => {
                            self.depth -= 1;
                            continue;
                        }
                        None if self.dec.eat_break() => {
                            self.depth -= 1;
                            continue;
                        }
                        None => {}
                        Some(n) => frame.remaining = Some(n - 1),
                    }
                    let (base, scope) = (frame.base, frame.scope);
                    return self.entry(base, scope).map(Some);
                }
            }
        }
    }

    #[inline(always)]
    fn entry(&mut self, base: u8, scope: u32) -> Result<Entry<'a>, Error> {
        let key_offset = self.dec.offset();
        self.entries += 1;
        if self.entries > self.max_entries {
            return Err(Error::TooManyEntries { offset: key_offset });
        }
        let mut len = usize::from(base);
        read_key(&mut self.dec, &mut self.ids, &mut len, key_offset)?;
        self.value(len, key_offset, scope)
    }

    #[inline(always)]
    fn value(&mut self, len: usize, key_offset: usize, scope: u32) -> Result<Entry<'a>, Error> {
        let ids = unpack(self.ids);
        let path = || to_path(ids.get(..len).unwrap_or_default());
        let offset = self.dec.offset();
        let entry = |kind| Entry {
            ids,
            len: len as u8,
            kind,
            key_offset,
            offset,
            scope,
        };
        if len >= 3 {
            // Fast path: a small unsigned leaf.
            if let Some(b @ 0..=0x17) = self.dec.peek() {
                self.dec.skip(1);
                return Ok(entry(EntryKind::Value(Leaf::Unsigned(u64::from(b)))));
            }
        }
        let tok = self.dec.token()?;
        let kind = match tok {
            Token::Map(n) => {
                let empty = n == Some(0) || (n.is_none() && self.dec.eat_break());
                if empty {
                    if len == 4 {
                        return Err(Error::Unexpected {
                            offset,
                            expected: "a leaf value at a resource instance path",
                        });
                    }
                    EntryKind::Empty
                } else {
                    let Some(frame) = self.frames.get_mut(self.depth) else {
                        return Err(Error::PathTooLong {
                            offset,
                            path: path(),
                        });
                    };
                    self.maps = self.maps.saturating_add(1);
                    *frame = Frame {
                        remaining: n,
                        base: len as u8,
                        scope: self.maps,
                    };
                    self.depth += 1;
                    EntryKind::Map { len: n }
                }
            }
            _ if len < 3 => {
                return Err(Error::LeafAboveResource {
                    offset,
                    path: path(),
                });
            }
            tok => EntryKind::Value(read_leaf_at(&mut self.dec, tok, offset, path)?),
        };
        Ok(entry(kind))
    }
}

/// Appends `id` at position `len` of the packed `ids` (id `k` at bits `16 * k`).
#[inline(always)]
fn push_id(ids: &mut u64, len: &mut usize, id: u64, at: usize) -> Result<(), Error> {
    if id > u64::from(lwm2m_types::MAX_ID) {
        return Err(Error::IdOutOfRange { offset: at, id });
    }
    if *len >= 4 {
        return Err(Error::PathTooLong {
            offset: at,
            path: to_path(&unpack(*ids)),
        });
    }
    let shift = 16 * *len as u32;
    *ids = (*ids & !(0xFFFF << shift)) | (id << shift);
    *len += 1;
    Ok(())
}

/// Reads one map key (an id or a non-empty array of ids) at `key_offset`, appending its ids to
/// the packed `ids` after the first `len`.
#[inline(always)]
fn read_key(
    dec: &mut Decoder<'_>,
    ids: &mut u64,
    len: &mut usize,
    key_offset: usize,
) -> Result<(), Error> {
    // Fast path: a key that is one small id (the common case).
    if let Some(b @ 0..=0x17) = dec.peek() {
        dec.skip(1);
        return push_id(ids, len, u64::from(b), key_offset);
    }
    // Fast path: a definite array of 1 to 4 small ids that fits below the ids so far.
    if let [h @ 0x81..=0x84, rest @ ..] = dec.rest() {
        let n = usize::from(h & 0x0F);
        if let Some(key) = rest.get(..n)
            && *len + n <= 4
            && key.iter().all(|&b| b <= 0x17)
        {
            for &b in key {
                let shift = 16 * *len as u32;
                *ids = (*ids & !(0xFFFF << shift)) | u64::from(b) << shift;
                *len += 1;
            }
            dec.skip(1 + n);
            return Ok(());
        }
    }
    match dec.token()? {
        Token::Unsigned(id) => push_id(ids, len, id, key_offset),
        Token::Array(n) => {
            let mut count = 0u64;
            loop {
                if n == Some(count) {
                    break;
                }
                let at = dec.offset();
                match dec.token()? {
                    Token::Unsigned(id) => push_id(ids, len, id, at)?,
                    Token::Break if n.is_none() => break,
                    Token::Break => {
                        return Err(Error::Malformed {
                            offset: at,
                            kind: Malformed::UnexpectedBreak,
                        });
                    }
                    _ => {
                        return Err(Error::Unexpected {
                            offset: at,
                            expected: "an unsigned integer path id in a key array",
                        });
                    }
                }
                count += 1;
            }
            if count == 0 {
                return Err(Error::EmptyKey { offset: key_offset });
            }
            Ok(())
        }
        Token::Break => Err(Error::Malformed {
            offset: key_offset,
            kind: Malformed::UnexpectedBreak,
        }),
        Token::Text(_) | Token::TextStart => Err(Error::Unexpected {
            offset: key_offset,
            expected: "an unsigned integer or array key (gateway text prefixes are not supported)",
        }),
        _ => Err(Error::Unexpected {
            offset: key_offset,
            expected: "an unsigned integer or array key",
        }),
    }
}

/// Reads a leaf whose head `tok` (at `offset`) is already read, giving a value error the path
/// of its key.
#[inline(always)]
fn read_leaf_at<'a>(
    dec: &mut Decoder<'a>,
    tok: Token<'a>,
    offset: usize,
    path: impl Fn() -> Path,
) -> Result<Leaf<'a>, Error> {
    read_leaf_from(dec, tok, offset).map_err(|e| match e {
        Error::Value {
            offset,
            path: None,
            expected,
            kind,
        } => Error::Value {
            offset,
            path: Some(path()),
            expected,
            kind,
        },
        e => e,
    })
}

/// [`read_key`] out of line, for the keys that are not one small id (an array key such as
/// `[3, 0]` comes once per payload, not once per value).
#[cold]
#[inline(never)]
fn read_key_cold(
    dec: &mut Decoder<'_>,
    ids: &mut u64,
    len: &mut usize,
    key_offset: usize,
) -> Result<(), Error> {
    read_key(dec, ids, len, key_offset)
}

/// [`read_leaf_at`] out of line, for the leaves that are not an integer or a text string.
#[inline(never)]
fn read_leaf_cold<'a>(
    dec: &mut Decoder<'a>,
    tok: Token<'a>,
    offset: usize,
    path: Path,
) -> Result<Leaf<'a>, Error> {
    read_leaf_at(dec, tok, offset, || path)
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Entry<'a>, Error>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        match self.step() {
            Ok(Some(e)) => Some(Ok(e)),
            Ok(None) => None,
            Err(e) => {
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

/// Duplicate-key and empty-aggregate bookkeeping shared by the node-level decoders.
#[derive(Default)]
struct Guard {
    /// (scope, path) of every key that leads to a map, packed for sorting, with its offset:
    /// the first few in place, the rest in `spill`.
    inline: [(u128, usize); 8],
    n: usize,
    spill: Vec<(u128, usize)>,
    empties: Vec<(Path, usize)>,
}

/// A key of the map `scope` with the packed `ids` (of which the first `len` count), as one
/// number: equal numbers are a duplicate key.
#[inline(always)]
fn pack(scope: u32, ids: u64, len: usize) -> u128 {
    u128::from(scope) << 72 | (len as u128) << 64 | u128::from(ids & mask_le(len))
}

/// The path of a key packed by [`pack`].
fn unpack_key(k: u128) -> Path {
    let len = ((k >> 64) & 0xFF) as usize;
    to_path(unpack(k as u64).get(..len).unwrap_or_default())
}

/// Whether the path `a` lies at or below the path `b`.
#[inline(always)]
fn within(a: &[u16], b: &[u16]) -> bool {
    a.len() >= b.len() && b.iter().zip(a).all(|(x, y)| x == y)
}

impl Guard {
    #[inline(always)]
    fn map(&mut self, key: u128, offset: usize) {
        match self.inline.get_mut(self.n) {
            Some(slot) => {
                *slot = (key, offset);
                self.n += 1;
            }
            None => self.spill.push((key, offset)),
        }
    }

    #[inline]
    fn see(&mut self, e: &Entry<'_>) -> Result<(), Error> {
        match e.kind {
            EntryKind::Map { .. } => {
                self.map(pack(e.scope, pack_le(e.ids()), e.ids().len()), e.key_offset)
            }
            EntryKind::Empty => self.empty(e.scope, e.path(), e.key_offset)?,
            EntryKind::Value(_) => {}
        }
        Ok(())
    }

    /// An empty map at `path` (a key at `key_offset` in the map `scope`): a conflict if it lies
    /// at, above or below another empty map.
    fn empty(&mut self, scope: u32, path: Path, key_offset: usize) -> Result<(), Error> {
        if self
            .empties
            .iter()
            .any(|(p, _)| within(p.ids(), path.ids()) || within(path.ids(), p.ids()))
        {
            return Err(Error::Conflict {
                offset: key_offset,
                path,
            });
        }
        self.map(pack(scope, pack_le(path.ids()), path.len()), key_offset);
        self.empties.push((path, key_offset));
        Ok(())
    }

    /// No map holds the same path twice among its keys, and every empty aggregate is still
    /// empty in the finished tree.
    fn check(&mut self, root: Option<&IdMap<Object>>) -> Result<(), Error> {
        let mut spill;
        let maps: &mut [(u128, usize)] = if self.spill.is_empty() {
            self.inline.get_mut(..self.n).unwrap_or_default()
        } else {
            spill = core::mem::take(&mut self.spill);
            spill.extend_from_slice(&self.inline);
            &mut spill
        };
        // Keys in strictly ascending order (as most payloads have them) hold no duplicate;
        // otherwise sort them (by key, then offset) and look for neighbours with one key.
        if maps.windows(2).any(|w| matches!(w, [a, b] if a.0 >= b.0)) {
            maps.sort_unstable();
            let first_dup = maps
                .windows(2)
                .filter_map(|w| match w {
                    [a, b] if a.0 == b.0 => Some((b.1, unpack_key(b.0))),
                    _ => None,
                })
                .min_by_key(|d| d.0);
            if let Some((offset, path)) = first_dup {
                return Err(Error::Conflict { offset, path });
            }
        }
        if let Some(root) = root {
            for &(path, offset) in &self.empties {
                if has_children(root, &path) {
                    return Err(Error::Conflict { offset, path });
                }
            }
        }
        Ok(())
    }
}

fn has_children(root: &IdMap<Object>, path: &Path) -> bool {
    let ids = path.ids();
    let Some(o) = ids.first().and_then(|&o| root.get(o)) else {
        return false;
    };
    let Some(&i) = ids.get(1) else {
        return !o.instances.is_empty();
    };
    let Some(inst) = o.instances.get(i) else {
        return false;
    };
    let Some(&r) = ids.get(2) else {
        return !inst.resources.is_empty();
    };
    match inst.resources.get(r) {
        Some(Resource::Multiple { instances, .. }) => !instances.is_empty(),
        Some(Resource::Single { .. }) => true,
        None => false,
    }
}

#[inline(always)]
fn leaf_value(
    leaf: &Leaf<'_>,
    e: &Entry<'_>,
    dt: Option<DataType>,
    options: &DecodeOptions,
) -> Result<Value, Error> {
    leaf.to_value(dt, options.lenient_numbers)
        .map_err(|kind| Error::Value {
            offset: e.offset,
            path: Some(e.path()),
            expected: dt.or(leaf.natural_type()).unwrap_or(DataType::None),
            kind,
        })
}

fn finish_error(e: lwm2m_types::Error) -> Error {
    match e {
        lwm2m_types::Error::WrongLevel { path, expected } => Error::WrongLevel { path, expected },
        other => Error::Types(other),
    }
}

/// Decodes an LwM2M CBOR payload into the node at the request `path` (`Node::Root` for `/`,
/// `Node::Object` for `/o`, ...).
///
/// Paths in the payload are absolute (from the Object ID), as the TS requires for responses and
/// as Anjay reads every payload; a value outside `path` is [`Error::OutsidePath`]. Data types
/// come from `model`; for a resource the model does not know, the leaf is typed by its CBOR item
/// (see [`Leaf::natural_type`]). A `null` leaf is an error here (see [`decode_composite`]).
///
/// ```
/// use lwm2m_cbor::decode;
/// use lwm2m_types::{Node, NoModel, Value};
/// let node = decode(&[0xA1, 0x83, 0x03, 0x00, 0x09, 0x18, 0x64], &"/3/0/9".parse()?, &NoModel)?;
/// let Node::Resource(r) = node else { panic!() };
/// assert_eq!(r.value(), Some(&Value::Integer(100)));
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
pub fn decode(
    bytes: &[u8],
    path: &Path,
    model: &(impl ModelProvider + ?Sized),
) -> Result<Node, Error> {
    decode_with(bytes, path, model, &DecodeOptions::default())
}

/// [`decode`] with options.
pub fn decode_with(
    bytes: &[u8],
    path: &Path,
    model: &(impl ModelProvider + ?Sized),
    options: &DecodeOptions,
) -> Result<Node, Error> {
    let ids = path.ids();
    let mut walk = Walk {
        dec: Decoder::new(bytes),
        entries: 0,
        max_entries: options.max_entries,
        lenient: options.lenient_numbers,
        maps: 0,
        request: path,
        req: pack_le(ids),
        req_mask: mask_le(ids.len()),
        req_len: ids.len(),
        types: ModelCursor::new(model),
        tree: Tree::default(),
        guard: Guard::default(),
    };
    walk.run()?;
    let Walk {
        mut tree,
        mut guard,
        ..
    } = walk;
    if guard.empties.is_empty()
        && let Some(instance) = tree.only_instance(path)
    {
        // Everything decoded lies in the requested instance: no need to build the tree above.
        guard.check(None)?;
        return cut_instance(instance, path);
    }
    let root = tree.finish();
    guard.check(Some(&root))?;
    cut(root, path)
}

/// Ids packed as the reader packs them (id `k` at bits `16 * k`).
fn pack_le(ids: &[u16]) -> u64 {
    ids.iter()
        .enumerate()
        .fold(0, |k, (i, &id)| k | u64::from(id) << (16 * i))
}

/// The bits of the first `len` (0 to 4) ids packed by [`pack_le`].
#[inline(always)]
fn mask_le(len: usize) -> u64 {
    const MASKS: [u64; 5] = [0, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF_FFFF, !0];
    MASKS.get(len).copied().unwrap_or(!0)
}

/// The node decoder: one recursive walk over the payload that makes the checks of [`Reader`]
/// (sharing its key and leaf parsing) and then those of the node level, in the same order as a
/// loop over the reader's entries would, and builds the tree as it goes: no [`Entry`] per key,
/// no path per key (paths are made only for errors), the model asked once per resource (its
/// instances follow each other).
///
/// The tests in `tree/tests.rs` check that it gives the same node or the same error as that
/// loop, on mutated payloads and the fuzz corpora.
struct Walk<'a, 'r, M: ?Sized> {
    dec: Decoder<'a>,
    entries: usize,
    max_entries: usize,
    lenient: bool,
    /// Non-empty maps opened so far (the scope of the last one).
    maps: u32,
    request: &'r Path,
    /// The request ids, packed.
    req: u64,
    /// The bits of `req`.
    req_mask: u64,
    req_len: usize,
    types: ModelCursor<'r, M>,
    tree: Tree,
    guard: Guard,
}

impl<M: ModelProvider + ?Sized> Walk<'_, '_, M> {
    fn run(&mut self) -> Result<(), Error> {
        let at = self.dec.offset();
        let Token::Map(n) = self.dec.token()? else {
            return Err(Error::Unexpected {
                offset: at,
                expected: "a map at the top of the payload",
            });
        };
        self.map(n, 0, 0, 0, 1)?;
        if !self.dec.is_empty() {
            return Err(Error::TrailingBytes {
                offset: self.dec.offset(),
            });
        }
        Ok(())
    }

    /// The pairs of a non-empty map that announces `n` pairs, whose keys extend the first
    /// `base` of `ids`; `scope` numbers the map, `depth` counts the maps open (at most
    /// [`MAX_FRAMES`], so the recursion is bounded).
    fn map(
        &mut self,
        n: Option<u64>,
        ids: u64,
        base: usize,
        scope: u32,
        depth: usize,
    ) -> Result<(), Error> {
        match n {
            Some(n) => {
                for _ in 0..n {
                    self.entry(ids, base, scope, depth)?;
                }
            }
            None => {
                while !self.dec.eat_break() {
                    self.entry(ids, base, scope, depth)?;
                }
            }
        }
        Ok(())
    }

    #[inline(always)]
    fn entry(&mut self, mut ids: u64, base: usize, scope: u32, depth: usize) -> Result<(), Error> {
        let key_offset = self.dec.offset();
        self.entries += 1;
        if self.entries > self.max_entries {
            return Err(Error::TooManyEntries { offset: key_offset });
        }
        let mut len = base;
        match self.dec.peek() {
            // Fast path: one small id below the 4th level.
            Some(b @ 0..=0x17) if len < 4 => {
                self.dec.skip(1);
                ids = ids & mask_le(len) | u64::from(b) << (16 * len);
                len += 1;
            }
            _ => read_key_cold(&mut self.dec, &mut ids, &mut len, key_offset)?,
        }
        let ids = ids & mask_le(len);
        let path = || to_path(unpack(ids).get(..len).unwrap_or_default());
        let offset = self.dec.offset();
        // The key's path lies at or below the request path / above it.
        let inside = len >= self.req_len && ids & self.req_mask == self.req;
        let above = || len < self.req_len && self.req & mask_le(len) == ids;
        let outside = || Error::OutsidePath {
            offset: key_offset,
            request: *self.request,
            path: path(),
        };
        let conflict = || Error::Conflict {
            offset: key_offset,
            path: path(),
        };
        // Fast paths: the leaves most payloads are made of, whole and well-formed.
        let fast = if len >= 3 {
            match self.dec.unsigned() {
                Some(n) => Some(Leaf::Unsigned(n)),
                None => self.dec.short_text().map(|t| Leaf::Text(Chunks::text(t))),
            }
        } else {
            None
        };
        let leaf = match fast {
            Some(leaf) => leaf,
            None => match self.dec.token()? {
                Token::Map(n) => {
                    let empty = n == Some(0) || (n.is_none() && self.dec.eat_break());
                    if empty {
                        if len == 4 {
                            return Err(Error::Unexpected {
                                offset,
                                expected: "a leaf value at a resource instance path",
                            });
                        }
                        if !(inside || above()) {
                            return Err(outside());
                        }
                        self.guard.empty(scope, path(), key_offset)?;
                        let a = unpack(ids);
                        return self
                            .tree
                            .open(a.get(..len).unwrap_or_default(), Some(0))
                            .ok_or_else(conflict);
                    }
                    if depth >= MAX_FRAMES {
                        return Err(Error::PathTooLong {
                            offset,
                            path: path(),
                        });
                    }
                    self.maps = self.maps.saturating_add(1);
                    let inner = self.maps;
                    if !(inside || above()) {
                        return Err(outside());
                    }
                    self.guard.map(pack(scope, ids, len), key_offset);
                    let a = unpack(ids);
                    let a = a.get(..len).unwrap_or_default();
                    self.tree.open(a, n).ok_or_else(conflict)?;
                    return self.map(n, ids, len, inner, depth + 1);
                }
                _ if len < 3 => {
                    return Err(Error::LeafAboveResource {
                        offset,
                        path: path(),
                    });
                }
                Token::Unsigned(n) => Leaf::Unsigned(n),
                Token::Text(t) => Leaf::Text(Chunks::text(t)),
                tok => read_leaf_cold(&mut self.dec, tok, offset, path())?,
            },
        };
        if !inside {
            return Err(outside());
        }
        let a = unpack(ids);
        let dt = self.types.data_type(a[0], a[2]);
        // The common leaves first, as `Leaf::to_value` makes them.
        let v = match (leaf, dt) {
            (Leaf::Unsigned(n), Some(DataType::Integer) | None) if n <= i64::MAX as u64 => {
                Value::Integer(n as i64)
            }
            (Leaf::Unsigned(n), Some(DataType::Time)) if n <= i64::MAX as u64 => {
                Value::Time(n as i64)
            }
            (
                Leaf::Text(Chunks {
                    text: Some(text), ..
                }),
                Some(DataType::String) | None,
            ) => Value::String(String::from(text)),
            _ => to_value(&leaf, dt, self.lenient, offset, path)?,
        };
        self.tree.push(a, len, v).ok_or_else(conflict)
    }
}

/// `leaf` as a value of type `dt` (see [`Leaf::to_value`]), or the error at `offset`.
fn to_value(
    leaf: &Leaf<'_>,
    dt: Option<DataType>,
    lenient: bool,
    offset: usize,
    path: impl Fn() -> Path,
) -> Result<Value, Error> {
    leaf.to_value(dt, lenient).map_err(|kind| Error::Value {
        offset,
        path: Some(path()),
        expected: dt.or(leaf.natural_type()).unwrap_or(DataType::None),
        kind,
    })
}

/// No (object, instance) pair: ids are below 65535.
const NO_KEY: u32 = u32::MAX;

/// Room to reserve for a map of `len` pairs: the claim is only a hint, so it is capped.
fn hint(len: Option<u64>) -> usize {
    len.map_or(0, |n| n.min(32) as usize)
}

/// The tree under construction, with the rules of [`NodeBuilder`]: a path twice, or a
/// resource that is both single and multiple, is a conflict (`None`).
///
/// The object instance being filled is kept out of the tree (`cur`), so that the values of one
/// instance, which arrive together, need no lookups of their object and instance.
struct Tree {
    root: IdMap<Object>,
    /// `object << 16 | instance` of `cur` ([`NO_KEY`] when there is none).
    key: u32,
    cur: ObjectInstance,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            root: IdMap::new(),
            key: NO_KEY,
            cur: ObjectInstance::new(0),
        }
    }
}

impl Tree {
    /// Takes the current instance out.
    fn take(&mut self) -> ObjectInstance {
        self.key = NO_KEY;
        core::mem::replace(&mut self.cur, ObjectInstance::new(0))
    }

    /// Puts the current instance back into the tree.
    fn flush(&mut self) {
        if self.key != NO_KEY {
            let o = (self.key >> 16) as u16;
            let inst = self.take();
            self.root
                .get_or_insert_with(o, || Object::new(o))
                .instances
                .insert(inst);
        }
    }

    /// The instance being filled, if it is the instance of the request `path` (or of its
    /// resource) and nothing else was decoded.
    fn only_instance(&mut self, path: &Path) -> Option<ObjectInstance> {
        let ids = path.ids();
        let (&o, &i) = (ids.first()?, ids.get(1)?);
        let key = u32::from(o) << 16 | u32::from(i);
        (self.root.is_empty() && self.key == key).then(|| self.take())
    }

    /// The whole tree.
    fn finish(mut self) -> IdMap<Object> {
        self.flush();
        self.root
    }

    #[inline(always)]
    fn instance(&mut self, o: u16, i: u16, cap: usize) -> &mut ObjectInstance {
        if self.key != u32::from(o) << 16 | u32::from(i) {
            self.switch(o, i, cap);
        }
        &mut self.cur
    }

    /// Makes instance `i` of object `o` the current one.
    fn switch(&mut self, o: u16, i: u16, cap: usize) {
        self.flush();
        self.cur = self
            .root
            .get_mut(o)
            .and_then(|ob| ob.instances.remove(i))
            .unwrap_or_else(|| ObjectInstance {
                id: i,
                resources: IdMap::with_capacity(cap),
            });
        self.key = u32::from(o) << 16 | u32::from(i);
    }

    /// Makes sure the aggregate at `path` (1 to 3 ids) exists, reserving room for `len`
    /// children when it is created.
    fn open(&mut self, ids: &[u16], len: Option<u64>) -> Option<()> {
        let cap = hint(len);
        match *ids {
            [o] => {
                self.root.get_or_insert_with(o, || Object {
                    id: o,
                    instances: IdMap::with_capacity(cap),
                });
            }
            [o, i] => {
                self.instance(o, i, cap);
            }
            [o, i, r] => {
                let rs = &mut self.instance(o, i, 0).resources;
                let make = || Resource::Multiple {
                    id: r,
                    instances: IdMap::with_capacity(cap),
                };
                // Resources arrive in ascending order: append without a search.
                if rs.as_slice().last().is_none_or(|l| l.id() < r) {
                    rs.insert(make());
                    return Some(());
                }
                if !rs.get_or_insert_with(r, make).is_multiple() {
                    return None;
                }
            }
            _ => {}
        }
        Some(())
    }

    #[inline(always)]
    fn push(&mut self, ids: [u16; 4], len: usize, value: Value) -> Option<()> {
        let [o, i, r, ri] = ids;
        match len {
            3 => {
                let rs = &mut self.instance(o, i, 0).resources;
                if rs.as_slice().last().is_some_and(|l| l.id() >= r) && rs.contains(r) {
                    return None;
                }
                rs.insert(Resource::Single { id: r, value });
            }
            4 => {
                let rs = &mut self.instance(o, i, 0).resources;
                // The instances of a resource arrive in a row: the resource is the last one.
                let res = if rs.as_slice().last().is_some_and(|l| l.id() == r) {
                    rs.iter_mut().next_back()?
                } else {
                    rs.get_or_insert_with(r, || Resource::Multiple {
                        id: r,
                        instances: IdMap::with_capacity(2),
                    })
                };
                let Resource::Multiple { instances, .. } = res else {
                    return None;
                };
                if instances.as_slice().last().is_some_and(|l| l.id >= ri) && instances.contains(ri)
                {
                    return None;
                }
                instances.insert(ResourceInstance { id: ri, value });
            }
            _ => return None,
        }
        Some(())
    }
}

/// The node at `path` inside the tree `root`, as `NodeBuilder::finish` gives it.
fn cut(mut root: IdMap<Object>, path: &Path) -> Result<Node, Error> {
    let ids = path.ids();
    let Some(&o) = ids.first() else {
        return Ok(Node::Root(root));
    };
    let mut object = root.remove(o).unwrap_or_else(|| Object::new(o));
    let Some(&i) = ids.get(1) else {
        return Ok(Node::Object(object));
    };
    let instance = object
        .instances
        .remove(i)
        .unwrap_or_else(|| ObjectInstance::new(i));
    cut_instance(instance, path)
}

/// The node at `path` (an instance path or below) inside `instance`.
fn cut_instance(mut instance: ObjectInstance, path: &Path) -> Result<Node, Error> {
    let missing = Error::WrongLevel {
        path: *path,
        expected: "a value at the request path",
    };
    let ids = path.ids();
    let Some(&r) = ids.get(2) else {
        return Ok(Node::ObjectInstance(instance));
    };
    let resource = instance.resources.remove(r).ok_or(missing)?;
    let Some(&ri) = ids.get(3) else {
        return Ok(Node::Resource(resource));
    };
    match resource {
        Resource::Multiple { mut instances, .. } => instances
            .remove(ri)
            .map(Node::ResourceInstance)
            .ok_or(missing),
        Resource::Single { .. } => Err(missing),
    }
}

/// Decodes LwM2M CBOR content for several paths: a Read-Composite response, an
/// Observe-Composite notification, a Write-Composite request or a Send body.
///
/// The format keeps no record of which paths were requested, so the result has one entry per
/// key that ends the tree: every leaf at its own path (a `Node::Resource` for `/o/i/r`, a
/// `Node::ResourceInstance` for `/o/i/r/ri`), every empty aggregate at its path, and every
/// `null` leaf at a resource instance path as a path alone (`None`: delete this resource
/// instance, LwM2M 1.2 Write-Composite). A `null` at another level is an error (as in Anjay).
///
/// ```
/// use lwm2m_cbor::decode_composite;
/// use lwm2m_types::NoModel;
/// // {[3, 0, 9]: 95, [3, 0, 7, 1]: null}
/// let c = decode_composite(&[0xA2, 0x83, 3, 0, 9, 0x18, 0x5F, 0x84, 3, 0, 7, 1, 0xF6], &NoModel)?;
/// assert!(c.get(&"/3/0/9".parse()?).unwrap().is_some());
/// assert_eq!(c.get(&"/3/0/7/1".parse()?), Some(None));
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
pub fn decode_composite(
    bytes: &[u8],
    model: &(impl ModelProvider + ?Sized),
) -> Result<Composite, Error> {
    decode_composite_with(bytes, model, &DecodeOptions::default())
}

/// [`decode_composite`] with options.
pub fn decode_composite_with(
    bytes: &[u8],
    model: &(impl ModelProvider + ?Sized),
    options: &DecodeOptions,
) -> Result<Composite, Error> {
    let mut b = NodeBuilder::new(Path::ROOT);
    let mut guard = Guard::default();
    let mut out = Composite::new();
    for e in Reader::with_options(bytes, options) {
        let e = e?;
        guard.see(&e)?;
        let path = e.path();
        let at = |x| Error::at(x, e.key_offset);
        let node = match e.kind {
            EntryKind::Map { .. } => continue,
            EntryKind::Empty => {
                b.push_empty(path).map_err(at)?;
                Some(empty_node(&path)?)
            }
            EntryKind::Value(Leaf::Null) => {
                if path.len() != 4 {
                    return Err(Error::Value {
                        offset: e.offset,
                        path: Some(path),
                        expected: model.data_type(&path).unwrap_or(DataType::None),
                        kind: ValueErrorKind::NoValue,
                    });
                }
                // A stand-in value, so that the builder sees the path taken.
                b.push(path, Value::Boolean(false)).map_err(at)?;
                None
            }
            EntryKind::Value(leaf) => {
                let v = leaf_value(&leaf, &e, model.data_type(&path), options)?;
                b.push(path, v.clone()).map_err(at)?;
                let id = path.last_id().unwrap_or_default();
                Some(if path.len() == 3 {
                    Node::Resource(Resource::Single { id, value: v })
                } else {
                    Node::ResourceInstance(ResourceInstance { id, value: v })
                })
            }
        };
        if out.insert(path, node).is_some() {
            return Err(Error::Conflict {
                offset: e.key_offset,
                path,
            });
        }
    }
    if guard.empties.is_empty() {
        guard.check(None)?;
    } else if let Node::Root(root) = b.finish().map_err(finish_error)? {
        guard.check(Some(&root))?;
    }
    Ok(out)
}

fn empty_node(path: &Path) -> Result<Node, Error> {
    let id = path.last_id().unwrap_or_default();
    Ok(match path.len() {
        1 => Node::Object(Object::new(id)),
        2 => Node::ObjectInstance(ObjectInstance::new(id)),
        3 => Node::Resource(Resource::Multiple {
            id,
            instances: IdMap::new(),
        }),
        _ => {
            return Err(Error::WrongLevel {
                path: *path,
                expected: "an object, instance or resource path for an empty map",
            });
        }
    })
}

/// What one flat item of the writer holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Out<'v> {
    Value(ValueRef<'v>),
    Null,
    Empty,
}

/// One flat item: a path packed as a sort key (id `k` + 1 in bits `48 - 16 k`, 0 for "no id",
/// so that a path sorts before the paths below it) and what is at that path.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Item<'v> {
    key: u64,
    what: Out<'v>,
}

fn key_id(key: u64, d: usize) -> u16 {
    let shift = 48usize.saturating_sub(16 * d);
    (((key >> shift) & 0xFFFF) as u16).saturating_sub(1)
}

fn key_len(key: u64) -> usize {
    (0..4)
        .take_while(|&d| (key >> (48 - 16 * d)) & 0xFFFF != 0)
        .count()
}

fn key_path(key: u64) -> Path {
    let ids: [u16; 4] = core::array::from_fn(|d| key_id(key, d));
    to_path(ids.get(..key_len(key)).unwrap_or_default())
}

/// `key` extended by `id` at depth `d` (0..4); fails for the reserved id 65535.
#[inline(always)]
fn key_child(key: u64, d: usize, id: u16) -> Result<u64, Error> {
    if id > lwm2m_types::MAX_ID || d > 3 {
        // Path::child gives the error with the right segment.
        return Err(key_path(key).child(id).err().map_or(
            Error::WrongLevel {
                path: key_path(key),
                expected: "at most 4 path ids",
            },
            Error::Types,
        ));
    }
    Ok(key | (u64::from(id) + 1) << (48 - 16 * d))
}

fn key_of(path: &Path) -> u64 {
    path.ids()
        .iter()
        .enumerate()
        .fold(0, |k, (d, &id)| k | (u64::from(id) + 1) << (48 - 16 * d))
}

fn collect<'n>(node: &'n Node, path: &Path, items: &mut Vec<Item<'n>>) -> Result<(), Error> {
    node.check_path(path)?;
    let key = key_of(path);
    match node {
        Node::Root(objects) => {
            for o in objects.iter() {
                collect_object(o, key_child(0, 0, o.id)?, items)?;
            }
        }
        Node::Object(o) => collect_object(o, key, items)?,
        Node::ObjectInstance(i) => collect_instance(i, key, items)?,
        Node::Resource(r) => collect_resource(r, key, items)?,
        Node::ResourceInstance(ri) => items.push(Item {
            key,
            what: Out::Value(ri.value.as_ref()),
        }),
    }
    Ok(())
}

fn collect_object<'n>(o: &'n Object, key: u64, items: &mut Vec<Item<'n>>) -> Result<(), Error> {
    if o.instances.is_empty() {
        items.push(Item {
            key,
            what: Out::Empty,
        });
    }
    for i in o.instances.iter() {
        collect_instance(i, key_child(key, 1, i.id)?, items)?;
    }
    Ok(())
}

fn collect_instance<'n>(
    i: &'n ObjectInstance,
    key: u64,
    items: &mut Vec<Item<'n>>,
) -> Result<(), Error> {
    if i.resources.is_empty() {
        items.push(Item {
            key,
            what: Out::Empty,
        });
    }
    items.reserve(i.resources.len());
    for r in i.resources.iter() {
        collect_resource(r, key_child(key, 2, r.id())?, items)?;
    }
    Ok(())
}

fn collect_resource<'n>(r: &'n Resource, key: u64, items: &mut Vec<Item<'n>>) -> Result<(), Error> {
    match r {
        Resource::Single { value, .. } => items.push(Item {
            key,
            what: Out::Value(value.as_ref()),
        }),
        Resource::Multiple { instances, .. } => {
            if instances.is_empty() {
                items.push(Item {
                    key,
                    what: Out::Empty,
                });
            }
            for ri in instances.iter() {
                items.push(Item {
                    key: key_child(key, 3, ri.id)?,
                    what: Out::Value(ri.value.as_ref()),
                });
            }
        }
    }
    Ok(())
}

/// Collects (path, value) pairs in any order and writes them as LwM2M CBOR, merging common path
/// prefixes into nested maps and using array keys for runs of ids.
///
/// Paths are absolute (from the Object ID). The output is canonical for the tree: definite
/// lengths, keys in path order, a run of two or more ids as one array key (`[3, 0]` is as short
/// as `3: {0: ...}` and is what the spec examples and Anjay use), a single id as an integer key.
///
/// ```
/// use lwm2m_cbor::Writer;
/// use lwm2m_types::{Path, ValueRef};
/// let mut w = Writer::new();
/// w.push(Path::resource(3, 0, 9)?, ValueRef::Integer(100));
/// w.push(Path::resource(3, 0, 0)?, ValueRef::String("Open Mobile Alliance"));
/// let mut out = Vec::new();
/// w.finish(&mut out)?;
/// assert_eq!(&out[..5], &[0xA1, 0x82, 0x03, 0x00, 0xA2]);
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Writer<'v> {
    items: Vec<Item<'v>>,
    options: EncodeOptions,
}

impl<'v> Writer<'v> {
    /// An empty writer with the default options.
    pub fn new() -> Self {
        Writer::default()
    }

    /// An empty writer with `options`.
    pub fn with_options(options: EncodeOptions) -> Self {
        Writer {
            items: Vec::new(),
            options,
        }
    }

    /// Adds a value at a resource or resource instance path.
    pub fn push(&mut self, path: Path, value: ValueRef<'v>) {
        self.items.push(Item {
            key: key_of(&path),
            what: Out::Value(value),
        });
    }

    /// Adds a `null` (in a Write-Composite: delete this resource instance).
    pub fn push_null(&mut self, path: Path) {
        self.items.push(Item {
            key: key_of(&path),
            what: Out::Null,
        });
    }

    /// Adds an empty aggregate (an object, object instance or multiple resource with nothing in
    /// it), written as an empty map.
    pub fn push_empty(&mut self, path: Path) {
        self.items.push(Item {
            key: key_of(&path),
            what: Out::Empty,
        });
    }

    /// Writes everything to `out`. Fails with [`Error::Conflict`] (offset 0) when a path appears
    /// twice or lies below another item, and [`Error::WrongLevel`] for a value above resource
    /// level, an empty map at a resource instance, or anything at the root.
    pub fn finish(mut self, out: &mut Vec<u8>) -> Result<(), Error> {
        if !self.items.is_sorted_by_key(|a| a.key) {
            self.items.sort_unstable_by_key(|a| a.key);
        }
        check_items(&self.items)?;
        let mut enc = Encoder::new(out);
        write_map(&mut enc, &self.items, 0, self.options.time);
        Ok(())
    }
}

fn check_items(items: &[Item<'_>]) -> Result<(), Error> {
    for it in items {
        let len = key_len(it.key);
        let ok = match it.what {
            Out::Value(_) | Out::Null => len >= 3,
            Out::Empty => (1..=3).contains(&len),
        };
        if !ok {
            return Err(Error::WrongLevel {
                path: key_path(it.key),
                expected: "a value at a resource (instance) path, or an empty aggregate above",
            });
        }
    }
    for w in items.windows(2) {
        if let [a, b] = w {
            // `a` is `b` or above it when `b` agrees with `a` on all of `a`'s ids.
            let mask = (!0u64)
                .checked_shl(64 - 16 * key_len(a.key) as u32)
                .unwrap_or(0);
            if b.key & mask == a.key {
                return Err(Error::Conflict {
                    offset: 0,
                    path: key_path(b.key),
                });
            }
        }
    }
    Ok(())
}

#[inline(always)]
fn id_at(it: &Item<'_>, d: usize) -> u16 {
    key_id(it.key, d)
}

/// Writes the map for `items` (sorted, unique, none below another, all longer than `d`).
fn write_map(enc: &mut Encoder<'_>, items: &[Item<'_>], d: usize, time: TimeForm) {
    let mut groups = 0u64;
    let mut prev = None;
    for it in items {
        let id = id_at(it, d);
        if prev != Some(id) {
            groups += 1;
            prev = Some(id);
        }
    }
    enc.map(groups);
    let mut rest = items;
    while let Some(first) = rest.first() {
        let id = id_at(first, d);
        let n = rest.iter().take_while(|it| id_at(it, d) == id).count();
        let (group, tail) = rest.split_at(n);
        rest = tail;
        let last = group.last().unwrap_or(first);
        // Items in a group share ids up to `end` (the whole path for a single item).
        let end = if n == 1 {
            key_len(first.key)
        } else {
            d + (d..4)
                .take_while(|&k| key_id(first.key, k) == key_id(last.key, k))
                .count()
        };
        if end == d + 1 {
            enc.u64(u64::from(id));
        } else {
            enc.array(end.saturating_sub(d) as u64);
            (d..end).for_each(|k| enc.u64(u64::from(key_id(first.key, k))));
        }
        if n == 1 {
            match first.what {
                Out::Value(v) => write_value(enc, v, time),
                Out::Null => enc.null(),
                Out::Empty => enc.map(0),
            }
        } else {
            write_map(enc, group, end, time);
        }
    }
}

/// Encodes the node at `path` as LwM2M CBOR with absolute paths (from the Object ID), merging
/// common prefixes (see [`Writer`]). Time values are plain integers (see [`encode_with`]).
///
/// ```
/// use lwm2m_cbor::encode;
/// use lwm2m_types::{Node, Resource, Value};
/// let node = Node::Resource(Resource::single(9, Value::Integer(100)));
/// assert_eq!(encode(&node, &"/3/0/9".parse()?)?, [0xA1, 0x83, 0x03, 0x00, 0x09, 0x18, 0x64]);
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
pub fn encode(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    encode_with(node, path, &EncodeOptions::default())
}

/// [`encode`] with options.
pub fn encode_with(node: &Node, path: &Path, options: &EncodeOptions) -> Result<Vec<u8>, Error> {
    node.check_path(path)?;
    // A node holds each path once and in order, so it is written straight from the tree (the
    // same bytes as the [`Writer`] makes); an id of 65535 is left to the writer's error.
    let at = At::of(node);
    let mut out = Vec::with_capacity(at.size());
    let mut enc = Encoder::new(&mut out);
    let written = match at {
        At::Root(objects) => write_children(&mut enc, at, objects.len(), options.time),
        _ => {
            enc.map(1);
            let mut ids = Ids::default();
            path.ids().iter().for_each(|&id| ids.push(id));
            write_pair(&mut enc, ids, at, options.time)
        }
    };
    if written.is_none() {
        return encode_items(node, path, options);
    }
    Ok(out)
}

/// [`encode_with`] through the [`Writer`].
fn encode_items(node: &Node, path: &Path, options: &EncodeOptions) -> Result<Vec<u8>, Error> {
    let mut w = Writer::with_options(*options);
    collect(node, path, &mut w.items)?;
    let mut out = Vec::with_capacity(16 + 8 * w.items.len());
    w.finish(&mut out)?;
    Ok(out)
}

/// A node of a tree being encoded, at any level (a single resource as its value).
#[derive(Clone, Copy)]
enum At<'n> {
    Root(&'n IdMap<Object>),
    Object(&'n Object),
    Instance(&'n ObjectInstance),
    Multiple(u16, &'n IdMap<ResourceInstance>),
    Value(u16, &'n Value),
}

impl<'n> At<'n> {
    fn of(node: &'n Node) -> Self {
        match node {
            Node::Root(objects) => At::Root(objects),
            Node::Object(o) => At::Object(o),
            Node::ObjectInstance(i) => At::Instance(i),
            Node::Resource(r) => At::resource(r),
            Node::ResourceInstance(ri) => At::Value(ri.id, &ri.value),
        }
    }

    #[inline]
    fn resource(r: &'n Resource) -> Self {
        match r {
            Resource::Single { id, value } => At::Value(*id, value),
            Resource::Multiple { id, instances } => At::Multiple(*id, instances),
        }
    }

    #[inline]
    fn id(self) -> u16 {
        match self {
            At::Root(_) => 0,
            At::Object(o) => o.id,
            At::Instance(i) => i.id,
            At::Multiple(id, _) | At::Value(id, _) => id,
        }
    }

    /// The number of children (0 for a value).
    #[inline]
    fn len(self) -> usize {
        match self {
            At::Root(objects) => objects.len(),
            At::Object(o) => o.instances.len(),
            At::Instance(i) => i.resources.len(),
            At::Multiple(_, instances) => instances.len(),
            At::Value(..) => 0,
        }
    }

    /// Child `k` (below [`At::len`]).
    #[inline]
    fn child(self, k: usize) -> Option<At<'n>> {
        Some(match self {
            At::Root(objects) => At::Object(objects.as_slice().get(k)?),
            At::Object(o) => At::Instance(o.instances.as_slice().get(k)?),
            At::Instance(i) => At::resource(i.resources.as_slice().get(k)?),
            At::Multiple(_, instances) => {
                let ri = instances.as_slice().get(k)?;
                At::Value(ri.id, &ri.value)
            }
            At::Value(..) => return None,
        })
    }

    /// Room for the encoding of this subtree: 8 bytes per key and value head, plus the
    /// content of strings and byte strings.
    fn size(self) -> usize {
        fn value(v: &Value) -> usize {
            match v {
                Value::String(s) | Value::CoreLink(s) => 16 + s.len(),
                Value::Opaque(b) => 16 + b.len(),
                _ => 16,
            }
        }
        fn instances(m: &IdMap<ResourceInstance>) -> usize {
            m.iter().map(|ri| value(&ri.value)).sum::<usize>() + 8
        }
        fn resources(i: &ObjectInstance) -> usize {
            let rs = i.resources.iter().map(|r| match r {
                Resource::Single { value: v, .. } => value(v),
                Resource::Multiple { instances: m, .. } => 8 + instances(m),
            });
            rs.sum::<usize>() + 8
        }
        fn object(o: &Object) -> usize {
            o.instances.iter().map(|i| 8 + resources(i)).sum::<usize>() + 8
        }
        16 + match self {
            At::Root(objects) => objects.iter().map(|o| 8 + object(o)).sum(),
            At::Object(o) => object(o),
            At::Instance(i) => resources(i),
            At::Multiple(_, m) => instances(m),
            At::Value(_, v) => value(v),
        }
    }
}

/// The ids of a key (at most 4).
#[derive(Default, Clone, Copy)]
struct Ids {
    ids: [u16; 4],
    len: usize,
}

impl Ids {
    #[inline]
    fn push(&mut self, id: u16) {
        if let Some(slot) = self.ids.get_mut(self.len) {
            *slot = id;
            self.len += 1;
        }
    }
}

/// Writes the map of the `len` children of `at`, one key per child; `None` for an id of 65535
/// (not written).
fn write_children(enc: &mut Encoder<'_>, at: At<'_>, len: usize, time: TimeForm) -> Option<()> {
    enc.map(len as u64);
    for c in (0..len).filter_map(|k| at.child(k)) {
        let mut ids = Ids::default();
        ids.push(c.id());
        write_pair(enc, ids, c, time)?;
    }
    Some(())
}

/// Writes one key and its value: the key is `ids` followed by the ids of the chain of only
/// children below `at` (as the [`Writer`] merges a path prefix that all items below share).
fn write_pair(enc: &mut Encoder<'_>, mut ids: Ids, mut at: At<'_>, time: TimeForm) -> Option<()> {
    if at.id() > lwm2m_types::MAX_ID {
        return None;
    }
    let mut len = at.len();
    while len == 1
        && let Some(c) = at.child(0)
    {
        if c.id() > lwm2m_types::MAX_ID {
            return None;
        }
        ids.push(c.id());
        at = c;
        len = at.len();
    }
    let key = ids.ids.get(..ids.len).unwrap_or_default();
    if let [id] = key {
        enc.u64(u64::from(*id));
    } else {
        enc.array(key.len() as u64);
        key.iter().for_each(|&id| enc.u64(u64::from(id)));
    }
    match at {
        At::Value(_, v) => {
            write_value(enc, v.as_ref(), time);
            Some(())
        }
        _ => write_children(enc, at, len, time),
    }
}

/// Encodes composite content (Read-Composite response, Write-Composite, Send) as one LwM2M
/// CBOR map. A path alone (`None`) is written as `null` and must be a resource instance path
/// (Write-Composite delete); two entries that overlap are [`Error::Conflict`].
///
/// ```
/// use lwm2m_cbor::{decode_composite, encode_composite};
/// use lwm2m_types::{Composite, Node, NoModel, Resource, Value};
/// let mut c = Composite::new();
/// c.insert("/3/0/9".parse()?, Some(Node::Resource(Resource::single(9, Value::Integer(95)))));
/// c.insert("/1/0/1".parse()?, Some(Node::Resource(Resource::single(1, Value::Integer(86400)))));
/// let bytes = encode_composite(&c)?;
/// assert_eq!(decode_composite(&bytes, &NoModel)?, c);
/// # Ok::<(), lwm2m_cbor::Error>(())
/// ```
pub fn encode_composite(content: &Composite) -> Result<Vec<u8>, Error> {
    encode_composite_with(content, &EncodeOptions::default())
}

/// [`encode_composite`] with options.
pub fn encode_composite_with(
    content: &Composite,
    options: &EncodeOptions,
) -> Result<Vec<u8>, Error> {
    let mut w = Writer::with_options(*options);
    for (path, node) in &content.entries {
        match node {
            Some(node) => collect(node, path, &mut w.items)?,
            None if path.len() == 4 => w.push_null(*path),
            None => {
                return Err(Error::WrongLevel {
                    path: *path,
                    expected: "a resource instance path for a path without value (null)",
                });
            }
        }
    }
    let mut out = Vec::with_capacity(16 + 8 * w.items.len());
    w.finish(&mut out)?;
    Ok(out)
}

#[cfg(all(test, feature = "std"))]
mod tests;
