//! SenML JSON (`application/senml+json`, content format 110; also the SenML-ETCH JSON bodies
//! 320/321, which have the same record syntax).
//!
//! ```
//! use lwm2m_senml::json;
//! use lwm2m_types::{NoModel, Node, Path, Resource, Value};
//!
//! let path: Path = "/3/0/9".parse()?;
//! let node = json::decode(br#"[{"bn":"/3/0/9","v":95}]"#, &path, &NoModel)?;
//! assert_eq!(node, Node::Resource(Resource::single(9, Value::Integer(95))));
//! assert_eq!(json::encode(&node, &path)?, br#"[{"bn":"/3/0/9","v":95}]"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use lwm2m_types::{Composite, ModelProvider, Node, Path, Timestamped, ValueRef, base64};

use crate::error::{EncodeKind, FieldKind, LimitKind, SyntaxKind};
use crate::json_lex::{Lexer, push_str};
use crate::num::{push_f64_json, push_i128};
use crate::record::{
    Dialect, FieldValue, Number, Planner, Raw, RecordRef, Resolver, Sink, Source, WriteRecord,
    WriteValue, build_composite, build_node, build_timestamped,
};
use crate::{Error, Options};

/// A zero-copy reader over a SenML JSON pack: yields one [`RecordRef`] per record, with the name
/// and time resolved, and fails on anything after the closing `]`.
///
/// After the first error the reader yields nothing more.
///
/// ```
/// use lwm2m_senml::{json::Reader, FieldValue, Number};
/// let recs: Vec<_> = Reader::new(br#"[{"bn":"/3/0/","n":"6/0","v":1},{"n":"9","v":100}]"#)
///     .collect::<Result<_, _>>()?;
/// assert_eq!(recs[1].path.to_string(), "/3/0/9");
/// assert_eq!(recs[1].value, Some(FieldValue::Number(Number::Integer(100))));
/// # Ok::<(), lwm2m_senml::Error>(())
/// ```
pub struct Reader<'a> {
    lex: Lexer<'a>,
    pending: Option<Error>,
    resolver: Resolver<'a>,
    opts: Options,
    state: State,
    count: usize,
    bver: Option<i128>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    First,
    Next,
    Done,
}

/// The fields a record parser acts on.
#[derive(Clone, Copy)]
enum F {
    Bn,
    Bt,
    N,
    T,
    V,
    Vs,
    Vb,
    Vd,
    Vlo,
    Bver,
    Skip,
}

// Label bits for duplicate detection.
const BVER: u32 = 1;
const BN: u32 = 1 << 1;
const BT: u32 = 1 << 2;
const N: u32 = 1 << 3;
const T: u32 = 1 << 4;
const VALUE: u32 = 1 << 5;
const BU: u32 = 1 << 6;
const U: u32 = 1 << 7;
const UT: u32 = 1 << 8;

impl<'a> Reader<'a> {
    /// A reader with the default [`Options`].
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader::with_options(bytes, &Options::DEFAULT)
    }

    /// A reader with the given limits.
    pub fn with_options(bytes: &'a [u8], opts: &Options) -> Self {
        let (lex, pending) = match Lexer::new(bytes) {
            Ok(l) => (l, None),
            Err(e) => (Lexer::empty(), Some(e)),
        };
        Reader {
            lex,
            pending,
            resolver: Resolver::new(Dialect::SenmlJson),
            opts: *opts,
            state: State::Start,
            count: 0,
            bver: None,
        }
    }

    fn step(&mut self) -> Result<Option<RecordRef<'a>>, Error> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        let lex = &mut self.lex;
        match self.state {
            State::Done => return Ok(None),
            State::Start => {
                // An empty payload is an empty pack (Leshan; OMA #579).
                if lex.peek().is_none() {
                    self.state = State::Done;
                    return Ok(None);
                }
                lex.expect(b'[', SyntaxKind::ExpectedArray)?;
                if lex.peek() == Some(b']') {
                    lex.pos += 1;
                    self.state = State::Done;
                    lex.end()?;
                    return Ok(None);
                }
                self.state = State::First;
            }
            State::First => {}
            State::Next => {
                if !lex.next_or_end(b']')? {
                    self.state = State::Done;
                    lex.end()?;
                    return Ok(None);
                }
            }
        }
        self.state = State::Next;
        if self.count >= self.opts.max_records {
            return Err(Error::Limit {
                offset: lex.pos,
                kind: LimitKind::Records,
            });
        }
        self.count += 1;
        let mut raw = Raw::default();
        record(lex, &self.opts, &mut self.bver, &mut raw)?;
        self.resolver.resolve(&mut raw).map(Some)
    }
}

/// Parses one record object.
fn record<'a>(
    lex: &mut Lexer<'a>,
    opts: &Options,
    bver: &mut Option<i128>,
    raw: &mut Raw<'a>,
) -> Result<(), Error> {
    if lex.peek() != Some(b'{') {
        return Err(match lex.peek() {
            None => Error::Eof { offset: lex.len() },
            Some(_) => Error::Syntax {
                offset: lex.pos,
                kind: SyntaxKind::ExpectedObject,
            },
        });
    }
    raw.offset = lex.pos;
    lex.pos += 1;
    if lex.peek() == Some(b'}') {
        lex.pos += 1;
        return Ok(());
    }
    let mut seen = 0u32;
    loop {
        let key_at = lex.pos;
        // The labels every record has, written without white space: no string scan.
        let fast = match lex.rest() {
            [b'"', b'n', b'"', b':', ..] => Some((4, N, "n", F::N)),
            [b'"', b'v', b'"', b':', ..] => Some((4, VALUE, "v", F::V)),
            [b'"', b'v', b's', b'"', b':', ..] => Some((5, VALUE, "vs", F::Vs)),
            [b'"', b'b', b'n', b'"', b':', ..] => Some((5, BN, "bn", F::Bn)),
            _ => None,
        };
        let (bit, label, f): (u32, &'static str, F) = if let Some((n, bit, label, f)) = fast {
            lex.pos += n;
            (bit, label, f)
        } else {
            general_label(lex, key_at)?
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
        lex.ws();
        let at = lex.pos;
        match f {
            F::Bn => raw.bn = Some(lex.string_field("bn")?),
            F::N => raw.n = Some(lex.string_field("n")?),
            F::Bt => raw.bt = Some((lex.number_field("bt")?, at)),
            F::T => raw.t = Some((lex.number_field("t")?, at)),
            F::V => {
                raw.value = Some(if lex.null()? {
                    FieldValue::Null
                } else {
                    FieldValue::Number(lex.number_field("v")?)
                });
            }
            F::Vs => raw.value = Some(FieldValue::String(lex.string_field("vs")?)),
            F::Vb => raw.value = Some(FieldValue::Boolean(lex.boolean("vb")?)),
            F::Vd => raw.value = Some(FieldValue::Base64(lex.string_field("vd")?)),
            F::Vlo => raw.value = Some(FieldValue::ObjectLink(lex.string_field("vlo")?)),
            F::Bver => check_bver(lex.number_field("bver")?, at, bver)?,
            F::Skip => lex.skip_value(2, opts.depth())?,
        }
        if bit == VALUE {
            raw.value_offset = at;
        }
        if !lex.next_or_end(b'}')? {
            return Ok(());
        }
    }
}

/// The field a label names (any label, after white space, with its `:`).
#[inline(never)]
fn general_label(lex: &mut Lexer<'_>, key_at: usize) -> Result<(u32, &'static str, F), Error> {
    let key = lex.key()?;
    // Slice patterns compile to length and byte tests (no memcmp).
    Ok(match *key.as_bytes() {
        [b'b', b'n'] => (BN, "bn", F::Bn),
        [b'b', b't'] => (BT, "bt", F::Bt),
        [b'n'] => (N, "n", F::N),
        [b't'] => (T, "t", F::T),
        [b'v'] => (VALUE, "v", F::V),
        [b'v', b's'] => (VALUE, "vs", F::Vs),
        [b'v', b'b'] => (VALUE, "vb", F::Vb),
        [b'v', b'd'] => (VALUE, "vd", F::Vd),
        [b'v', b'l', b'o'] => (VALUE, "vlo", F::Vlo),
        [b'b', b'v', b'e', b'r'] => (BVER, "bver", F::Bver),
        [b'b', b'u'] => (BU, "bu", F::Skip),
        [b'u'] => (U, "u", F::Skip),
        [b'u', b't'] => (UT, "ut", F::Skip),
        [b'b', b'v'] | [b'b', b's'] | [b's'] => {
            let label = match *key.as_bytes() {
                [b'b', b'v'] => "bv",
                [b'b', b's'] => "bs",
                _ => "s",
            };
            return Err(Error::Field {
                offset: key_at,
                label,
                kind: FieldKind::Unsupported,
            });
        }
        [] => {
            return Err(Error::Field {
                offset: key_at,
                label: "",
                kind: FieldKind::EmptyLabel,
            });
        }
        [.., b'_'] => {
            return Err(Error::Field {
                offset: key_at,
                label: "_",
                kind: FieldKind::MustUnderstand,
            });
        }
        _ => (0, "", F::Skip),
    })
}

/// `bver` must be a positive integer ≤ 10 and the same in every record.
pub(crate) fn check_bver(v: Number, at: usize, seen: &mut Option<i128>) -> Result<(), Error> {
    let err = |kind| Error::Field {
        offset: at,
        label: "bver",
        kind,
    };
    let v = match v {
        Number::Integer(v) if (1..=10).contains(&v) => i128::from(v),
        _ => return Err(err(FieldKind::UnsupportedVersion)),
    };
    match seen {
        Some(s) if *s != v => Err(err(FieldKind::VersionMismatch)),
        _ => {
            *seen = Some(v);
            Ok(())
        }
    }
}

impl<'a> Source<'a> for Reader<'a> {
    #[inline]
    fn next_record(&mut self) -> Result<Option<RecordRef<'a>>, Error> {
        self.step()
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<RecordRef<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.step() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => None,
            Err(e) => {
                // Yield the error once, then stop.
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

/// Writes SenML JSON records to a caller's buffer.
///
/// ```
/// use lwm2m_senml::{json::Writer, WriteRecord};
/// use lwm2m_types::ValueRef;
/// let mut out = Vec::new();
/// let mut w = Writer::new(&mut out);
/// w.record(&WriteRecord::new("/3/0/9", ValueRef::Integer(95)))?;
/// w.finish();
/// assert_eq!(out, br#"[{"n":"/3/0/9","v":95}]"#);
/// # Ok::<(), lwm2m_senml::Error>(())
/// ```
pub struct Writer<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> Writer<'o> {
    /// Starts a pack (writes `[`).
    pub fn new(out: &'o mut Vec<u8>) -> Self {
        out.push(b'[');
        Writer { out, first: true }
    }

    /// Writes one record. NaN and infinity are an [`Error::Encode`] (with the root path: the
    /// writer does not know paths).
    pub fn record(&mut self, r: &WriteRecord<'_>) -> Result<(), Error> {
        Sink::record(self, r).map_err(|kind| Error::Encode {
            path: Path::ROOT,
            kind,
        })
    }

    /// Ends the pack (writes `]`).
    pub fn finish(self) {
        self.out.push(b']');
    }
}

fn push_num(out: &mut Vec<u8>, f: f64) -> Result<(), EncodeKind> {
    if !f.is_finite() {
        return Err(EncodeKind::NonFinite);
    }
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        push_i128(out, f as i128);
    } else {
        push_f64_json(out, f);
    }
    Ok(())
}

impl Sink for Writer<'_> {
    #[inline]
    fn record(&mut self, r: &WriteRecord<'_>) -> Result<(), EncodeKind> {
        let out = &mut *self.out;
        let mark = out.len();
        if !self.first {
            out.push(b',');
        }
        out.push(b'{');
        let mut sep = false;
        let mut field = |out: &mut Vec<u8>, label: &[u8]| {
            if sep {
                out.push(b',');
            }
            sep = true;
            out.extend_from_slice(label);
        };
        if let Some(bn) = r.base_name {
            field(out, b"\"bn\":");
            push_str(out, bn);
        }
        if let Some(bt) = r.base_time {
            field(out, b"\"bt\":");
            push_num(out, bt).inspect_err(|_| out.truncate(mark))?;
        }
        if let Some(n) = r.name {
            field(out, b"\"n\":");
            push_str(out, n);
        }
        if let Some(t) = r.time {
            field(out, b"\"t\":");
            push_num(out, t).inspect_err(|_| out.truncate(mark))?;
        }
        match r.value {
            WriteValue::None => {}
            WriteValue::Null => {
                field(out, b"\"v\":null");
            }
            WriteValue::Value(v) => match v {
                ValueRef::String(s) | ValueRef::CoreLink(s) => {
                    field(out, b"\"vs\":");
                    push_str(out, s);
                }
                ValueRef::Integer(i) | ValueRef::Time(i) => {
                    field(out, b"\"v\":");
                    push_i128(out, i.into());
                }
                ValueRef::UnsignedInteger(u) => {
                    field(out, b"\"v\":");
                    push_i128(out, u.into());
                }
                ValueRef::Float(f) => {
                    if !f.is_finite() {
                        out.truncate(mark);
                        return Err(EncodeKind::NonFinite);
                    }
                    field(out, b"\"v\":");
                    push_f64_json(out, f);
                }
                ValueRef::Boolean(b) => {
                    field(out, if b { b"\"vb\":true" } else { b"\"vb\":false" });
                }
                ValueRef::Opaque(d) => {
                    field(out, b"\"vd\":\"");
                    let mut s = String::new();
                    base64::encode_to(d, base64::Alphabet::UrlSafeNoPad, &mut s);
                    out.extend_from_slice(s.as_bytes());
                    out.push(b'"');
                }
                ValueRef::ObjectLink(l) => {
                    field(out, b"\"vlo\":\"");
                    push_i128(out, l.object_id.into());
                    out.push(b':');
                    push_i128(out, l.instance_id.into());
                    out.push(b'"');
                }
            },
        }
        out.push(b'}');
        self.first = false;
        Ok(())
    }
}

/// The initial capacity of the buffers the encoders return.
const CAPACITY: usize = 512;

/// Decodes the node at `path` (the request path) from a SenML JSON Read/Observe response or
/// Write/Create body.
///
/// Every record needs a value and a resolved name at or below `path` at resource or resource
/// instance level; values are typed by the model (by the field when the model does not know the
/// resource). An empty payload or `[]` gives an empty object / object instance, or for a
/// resource path a multiple resource with no instances (unless the model says the resource is
/// single). Record times are ignored (see [`decode_timestamped`]).
///
/// ```
/// use lwm2m_senml::json;
/// use lwm2m_types::{NoModel, Node, Value};
/// let bytes = br#"[{"bn":"/3/0/","n":"9","v":100},{"n":"6/0","v":1}]"#;
/// let Node::ObjectInstance(i) = json::decode(bytes, &"/3/0".parse()?, &NoModel)? else { panic!() };
/// assert_eq!(i.resources.get(9).and_then(|r| r.value()), Some(&Value::Integer(100)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode(bytes: &[u8], path: &Path, model: &impl ModelProvider) -> Result<Node, Error> {
    decode_with(bytes, path, model, &Options::DEFAULT)
}

/// [`decode`] with explicit [`Options`].
pub fn decode_with(
    bytes: &[u8],
    path: &Path,
    model: &impl ModelProvider,
    opts: &Options,
) -> Result<Node, Error> {
    build_node(
        Reader::with_options(bytes, opts),
        path,
        model,
        opts,
        bytes.len(),
    )
}

/// Decodes composite content: a Read-Composite / Observe-Composite request (name-only records,
/// paths at any level, `/` included), a Read-Composite response or Observe-Composite
/// notification, a Write-Composite body, or a Send body.
///
/// Each record becomes one entry at its own resolved path:
/// - a record without a value field → `None` (a path to read; at resource instance level in a
///   Write-Composite, Anjay's lenient delete);
/// - `"v": null` → `None`, allowed only at resource instance level (a LwM2M 1.2 Write-Composite
///   delete); elsewhere an error;
/// - a value at `/o/i/r` → `Node::Resource` (single), at `/o/i/r/ri` → `Node::ResourceInstance`.
///
/// The same path twice, or a resource value together with values for its own instances, is an
/// [`Error::Node`] conflict. Which operation the body serves (and so whether `None` means "read"
/// or "delete") is the caller's knowledge. Record times are ignored (see
/// [`decode_timestamped`]).
///
/// ```
/// use lwm2m_senml::json;
/// use lwm2m_types::{NoModel, Path};
/// let c = json::decode_composite(br#"[{"n":"/3/0/0"},{"n":"/1"},{"n":"/"}]"#, &NoModel)?;
/// assert_eq!(c.get(&"/1".parse()?), Some(None));
/// assert_eq!(c.get(&Path::ROOT), Some(None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_composite(bytes: &[u8], model: &impl ModelProvider) -> Result<Composite, Error> {
    decode_composite_with(bytes, model, &Options::DEFAULT)
}

/// [`decode_composite`] with explicit [`Options`].
pub fn decode_composite_with(
    bytes: &[u8],
    model: &impl ModelProvider,
    opts: &Options,
) -> Result<Composite, Error> {
    build_composite(Reader::with_options(bytes, opts), model, opts)
}

/// Decodes a timestamped series (a notification with history, a timestamped Send): records are
/// grouped by resolved time (`bt` + `t`) into snapshots, in the order each time first appears;
/// records with no time at all form their own snapshot (`time: None`). Each snapshot's content
/// is built as in [`decode_composite`], except that every record needs a value (not `null`). Times below
/// 2^28 (relative to "now" in RFC 8428) are kept as written.
///
/// ```
/// use lwm2m_senml::json;
/// use lwm2m_types::NoModel;
/// let b = br#"[{"bn":"/72/","bt":25462634,"n":"1/2","v":22.4,"t":-5},{"n":"1/2","v":22.9,"t":-30}]"#;
/// let ts = json::decode_timestamped(b, &NoModel)?;
/// assert_eq!(ts.entries[1].time, Some(25462604.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_timestamped(bytes: &[u8], model: &impl ModelProvider) -> Result<Timestamped, Error> {
    decode_timestamped_with(bytes, model, &Options::DEFAULT)
}

/// [`decode_timestamped`] with explicit [`Options`].
pub fn decode_timestamped_with(
    bytes: &[u8],
    model: &impl ModelProvider,
    opts: &Options,
) -> Result<Timestamped, Error> {
    build_timestamped(Reader::with_options(bytes, opts), model, opts)
}

/// Encodes the node at `path` (the node's own path).
///
/// The base name is the node's path: `"bn":"/3/0/"` with relative names for an object instance,
/// `"bn":"/"` for the root, `"bn":"/3/0/0"` alone for a single resource or resource instance (as
/// the TS examples do). Integers (and Time) are written as integers, floats as the shortest text
/// that reads back to the same `f64` (always with a `.` or exponent), Opaque as unpadded
/// base64url in `vd`, Objlnk in `vlo`. Empty objects, instances and multiple resources inside
/// the node have no SenML form and are left out; an empty node is `[]`.
///
/// ```
/// use lwm2m_senml::json;
/// use lwm2m_types::{Node, ObjectInstance, Resource, Value};
/// let node = Node::ObjectInstance(ObjectInstance::new(0)
///     .with(Resource::single(0, "Open Mobile Alliance"))
///     .with(Resource::multiple(6, [(0, Value::Integer(1))])));
/// assert_eq!(
///     json::encode(&node, &"/3/0".parse()?)?,
///     br#"[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"6/0","v":1}]"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(CAPACITY);
    encode_to(node, path, &mut out)?;
    Ok(out)
}

/// [`encode`] appending to `out`.
pub fn encode_to(node: &Node, path: &Path, out: &mut Vec<u8>) -> Result<(), Error> {
    let mut w = Writer::new(out);
    Planner::default().node(node, path, &mut w)?;
    w.finish();
    Ok(())
}

/// Encodes composite content in path order: `None` entries as name-only records (a
/// Read-Composite / Observe-Composite request), nodes as value records. A leaf entry is written
/// with its full path in `n` while no base name is in effect (as the TS examples do); an
/// aggregate entry sets `bn` to its path.
///
/// ```
/// use lwm2m_senml::json;
/// use lwm2m_types::Composite;
/// let mut c = Composite::new();
/// c.insert("/3/0/9".parse()?, None);
/// c.insert("/1/0/1".parse()?, None);
/// assert_eq!(json::encode_composite(&c)?, br#"[{"n":"/1/0/1"},{"n":"/3/0/9"}]"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode_composite(content: &Composite) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let mut w = Writer::new(&mut out);
    Planner::default().composite(content, false, &mut w)?;
    w.finish();
    Ok(out)
}

/// Encodes a Write-Composite body: like [`encode_composite`], but `None` entries are LwM2M 1.2
/// deletes written as `"v": null`, which only resource instances can be (an
/// [`Error::Encode`] otherwise).
///
/// ```
/// use lwm2m_senml::json;
/// use lwm2m_types::Composite;
/// let mut c = Composite::new();
/// c.insert("/3/0/7/1".parse()?, None);
/// assert_eq!(json::encode_write_composite(&c)?, br#"[{"n":"/3/0/7/1","v":null}]"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode_write_composite(content: &Composite) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let mut w = Writer::new(&mut out);
    Planner::default().composite(content, true, &mut w)?;
    w.finish();
    Ok(out)
}

/// Encodes a timestamped series: snapshots without a time first, then each timed snapshot with
/// its time as `bt` on its first record (so [`decode_timestamped`] reads the same series back
/// as long as the times are distinct).
///
/// ```
/// use lwm2m_senml::json;
/// use lwm2m_types::{Composite, Node, Resource, Timestamped, TimestampedEntry, Value};
/// let mut c = Composite::new();
/// c.insert("/72/1/2".parse()?, Some(Node::Resource(Resource::single(2, Value::Float(22.4)))));
/// let ts = Timestamped { entries: vec![TimestampedEntry { time: Some(25462629.0), content: c }] };
/// assert_eq!(json::encode_timestamped(&ts)?, br#"[{"bt":25462629,"n":"/72/1/2","v":22.4}]"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode_timestamped(content: &Timestamped) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let mut w = Writer::new(&mut out);
    Planner::default().timestamped(content, &mut w)?;
    w.finish();
    Ok(out)
}
