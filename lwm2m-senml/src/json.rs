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

use std::borrow::Cow;

use lwm2m_types::{Composite, ModelProvider, Node, Path, Timestamped, Value, ValueRef, base64};

use crate::error::{EncodeKind, FieldKind, LimitKind, SyntaxKind};
use crate::json_lex::{Lexer, SENML_LABELS, plain_len, push_name, push_str, value_field};
use crate::num::{Scratch, push_f64_json, push_i64, push_i128, push_u16, push_u64};
use crate::record::label::{BN, BT, BU, BVER, N, T, U, UT, VALUE};
use crate::record::{
    Dialect, Field, FieldValue, Number, Planner, Raw, Rec, RecordRef, Resolver, Sink, WriteRecord,
    WriteValue, build_composite, build_node, build_timestamped, record_reader,
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
    opts: Options<'a>,
    state: State,
    count: usize,
    bver: Option<i128>,
    /// Tests only: read every record on the general path.
    #[cfg(test)]
    slow: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    First,
    Next,
    Done,
}

impl<'a> Reader<'a> {
    /// A reader with the default [`Options`].
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader::with_options(bytes, &Options::DEFAULT)
    }

    /// A reader with the given limits.
    pub fn with_options(bytes: &'a [u8], opts: &Options<'a>) -> Self {
        let (lex, pending) = match Lexer::new(bytes) {
            Ok(l) => (l, None),
            Err(e) => (Lexer::empty(), Some(e)),
        };
        Reader {
            lex,
            pending,
            resolver: Resolver::new(Dialect::SenmlJson, opts),
            opts: *opts,
            state: State::Start,
            count: 0,
            bver: None,
            #[cfg(test)]
            slow: false,
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
        #[cfg(test)]
        let fast = !self.slow;
        #[cfg(not(test))]
        let fast = true;
        if fast && let Some(r) = fast_record(lex, &self.resolver, *b"vs", *b"vb") {
            return Ok(Some(r));
        }
        let mut raw = Raw::default();
        record(lex, &self.opts, &mut self.bver, &mut raw)?;
        self.resolver.resolve(&mut raw).map(Some)
    }
}

/// The usual record in its compact form, `{"n":"6/0","v":1}` (or `"vs":"text"`, `"vb":true`),
/// when the name resolves on the resolver's fast path and no time applies: parsed in one pass
/// with the name read as path ids as it is scanned. `None` (nothing consumed) for anything
/// else, which [`record`] and [`Resolver::resolve`] then read with the same result.
///
/// `string_label` and `bool_label` are the string and boolean value labels (`vs` and `vb` in
/// SenML JSON, `sv` and `bv` in the LwM2M 1.0 JSON, whose entries have the same shape).
#[inline(always)]
pub(crate) fn fast_record<'a>(
    lex: &mut Lexer<'a>,
    resolver: &Resolver<'a>,
    string_label: [u8; 2],
    bool_label: [u8; 2],
) -> Option<RecordRef<'a>> {
    let (st, slash) = resolver.fast_start()?;
    let b = lex.rest();
    let offset = lex.pos;
    let rest = b.strip_prefix(b"{\"n\":\"")?;
    let rest = if slash {
        rest.strip_prefix(b"/")?
    } else {
        rest
    };
    let len = rest
        .iter()
        .position(|&c| !matches!(c, b'0'..=b'9' | b'/'))?;
    let (name, rest) = rest.split_at(len);
    let path = st.finish(name)?;
    let (value, value_len, used) = match rest {
        [b'"', b',', b'"', b'v', b'"', b':', v @ ..] => {
            let mut x: u64 = 0;
            let mut k = 0usize;
            while let Some(&c) = v.get(k) {
                if !c.is_ascii_digit() || k == 18 {
                    break;
                }
                x = x * 10 + u64::from(c - b'0');
                k += 1;
            }
            if k == 0 || (k > 1 && v[0] == b'0') || v.get(k) != Some(&b'}') {
                return None;
            }
            (FieldValue::Number(Number::Integer(x as i64)), 6, k + 1)
        }
        [b'"', b',', b'"', x, y, b'"', b':', b'"', v @ ..] if [*x, *y] == string_label => {
            let k = plain_len(v);
            if v.get(k) != Some(&b'"') || v.get(k + 1) != Some(&b'}') {
                return None;
            }
            let start = b.len() - v.len();
            let text = lex.slice(offset + start, offset + start + k)?;
            (FieldValue::String(Cow::Borrowed(text)), 7, k + 3)
        }
        [b'"', b',', b'"', x, y, b'"', b':', v @ ..] if [*x, *y] == bool_label => match v {
            [b't', b'r', b'u', b'e', b'}', ..] => (FieldValue::Boolean(true), 7, 5),
            [b'f', b'a', b'l', b's', b'e', b'}', ..] => (FieldValue::Boolean(false), 7, 6),
            _ => return None,
        },
        _ => return None,
    };
    let value_offset = offset + (b.len() - rest.len()) + value_len;
    lex.pos = value_offset + used;
    Some(resolver.fast_record(offset, path, value, value_offset))
}

/// Parses one record object.
fn record<'a>(
    lex: &mut Lexer<'a>,
    opts: &Options<'_>,
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
            [b'"', b'n', b'"', b':', ..] => Some((4, N, "n", Field::N)),
            [b'"', b'v', b'"', b':', ..] => Some((4, VALUE, "v", Field::V)),
            [b'"', b'v', b's', b'"', b':', ..] => Some((5, VALUE, "vs", Field::Vs)),
            [b'"', b'b', b'n', b'"', b':', ..] => Some((5, BN, "bn", Field::Bn)),
            _ => None,
        };
        let (bit, label, f): (u32, &'static str, Field) = if let Some((n, bit, label, f)) = fast {
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
            Field::Bn => raw.bn = Some(lex.string_field("bn")?),
            Field::N => raw.n = Some(lex.string_field("n")?),
            Field::Bt => raw.bt = Some((lex.number_field("bt")?, at)),
            Field::T => raw.t = Some((lex.number_field("t")?, at)),
            Field::V => {
                raw.value = Some(if lex.peek() == Some(b'n') && lex.null()? {
                    FieldValue::Null
                } else {
                    FieldValue::Number(lex.number_field("v")?)
                });
            }
            Field::Vs => raw.value = Some(FieldValue::String(lex.string_field("vs")?)),
            Field::Vb => raw.value = Some(FieldValue::Boolean(lex.boolean("vb")?)),
            Field::Vd => raw.value = Some(FieldValue::Base64(lex.string_field("vd")?)),
            Field::Vlo => raw.value = Some(FieldValue::ObjectLink(lex.string_field("vlo")?)),
            Field::Bver => check_bver(lex.number_field("bver")?, at, bver)?,
            Field::Skip => lex.skip_value(2, opts.depth())?,
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
fn general_label(lex: &mut Lexer<'_>, key_at: usize) -> Result<(u32, &'static str, Field), Error> {
    let key = lex.key()?;
    // Slice patterns compile to length and byte tests (no memcmp).
    Ok(match *key.as_bytes() {
        [b'b', b'n'] => (BN, "bn", Field::Bn),
        [b'b', b't'] => (BT, "bt", Field::Bt),
        [b'n'] => (N, "n", Field::N),
        [b't'] => (T, "t", Field::T),
        [b'v'] => (VALUE, "v", Field::V),
        [b'v', b's'] => (VALUE, "vs", Field::Vs),
        [b'v', b'b'] => (VALUE, "vb", Field::Vb),
        [b'v', b'd'] => (VALUE, "vd", Field::Vd),
        [b'v', b'l', b'o'] => (VALUE, "vlo", Field::Vlo),
        [b'b', b'v', b'e', b'r'] => (BVER, "bver", Field::Bver),
        [b'b', b'u'] => (BU, "bu", Field::Skip),
        [b'u'] => (U, "u", Field::Skip),
        [b'u', b't'] => (UT, "ut", Field::Skip),
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
        _ => (0, "", Field::Skip),
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

record_reader!(Reader, |r| r.state = State::Done);

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
    /// The bytes of whole records in `scratch` not yet appended to `out`: the encoders' records
    /// are gathered there and appended a few at a time (by [`Writer::settle`], which
    /// [`Writer::finish`] and the general path call first).
    pending: usize,
    scratch: Scratch,
}

impl<'o> Writer<'o> {
    /// Starts a pack (writes `[`).
    pub fn new(out: &'o mut Vec<u8>) -> Self {
        out.push(b'[');
        Writer {
            out,
            first: true,
            pending: 0,
            scratch: Scratch::new(),
        }
    }

    /// Appends the pending bytes to the output.
    #[inline]
    fn settle(&mut self) {
        if self.pending > 0 {
            self.scratch.flush(self.pending, self.out);
            self.pending = 0;
        }
    }

    /// Writes one record. NaN and infinity are an [`Error::Encode`] (with the root path: the
    /// writer does not know paths).
    pub fn record(&mut self, r: &WriteRecord<'_>) -> Result<(), Error> {
        Sink::record(self, &Rec::from_write(r)).map_err(|kind| Error::Encode {
            path: Path::ROOT,
            kind,
        })
    }

    /// Ends the pack (writes `]`).
    pub fn finish(mut self) {
        self.end();
    }

    /// [`Writer::finish`] in place (no move of the writer and its scratch).
    #[inline]
    fn end(&mut self) {
        self.settle();
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
    #[inline(always)]
    fn fast(
        &mut self,
        bn: Option<(&[u16], bool)>,
        n: Option<&[u16]>,
        v: &Value,
    ) -> Result<(), EncodeKind> {
        let out = &mut *self.out;
        let mut cursor = self.scratch.cursor_at(self.pending);
        let s = &mut cursor;
        if let Some((ids, trailing)) = bn {
            if self.first {
                s.word(*b"{\"bn\":\"\0", 7);
            } else {
                s.word(*b",{\"bn\":\"", 8);
            }
            s.abs_ids(ids, trailing);
            if let Some(ids) = n {
                s.word(*b"\",\"n\":\"\0", 7);
                s.ids(ids);
            }
        } else if let Some(ids) = n {
            if self.first {
                s.word(*b"{\"n\":\"\0\0", 6);
            } else {
                s.word(*b",{\"n\":\"\0", 7);
            }
            s.ids(ids);
        } else if self.first {
            s.byte(b'{');
        } else {
            s.word(*b",{\0\0\0\0\0\0", 2);
        }
        // A name ends with `",` before the value label.
        if bn.is_some() || n.is_some() {
            s.word(*b"\",\0\0\0\0\0\0", 2);
        }
        value_field(s, out, v, &SENML_LABELS)?;
        self.pending = s.settle(out);
        self.first = false;
        Ok(())
    }

    #[inline]
    fn record(&mut self, r: &Rec<'_>) -> Result<(), EncodeKind> {
        self.settle();
        let out = &mut *self.out;
        let mark = out.len();
        out.reserve(64);
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
        if let Some(bn) = &r.bn {
            field(out, b"\"bn\":");
            push_name(out, bn);
        }
        if let Some(bt) = r.bt {
            field(out, b"\"bt\":");
            push_num(out, bt).inspect_err(|_| out.truncate(mark))?;
        }
        if let Some(n) = &r.n {
            field(out, b"\"n\":");
            push_name(out, n);
        }
        if let Some(t) = r.t {
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
                    push_i64(out, i);
                }
                ValueRef::UnsignedInteger(u) => {
                    field(out, b"\"v\":");
                    push_u64(out, u);
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
                    push_u16(out, l.object_id);
                    out.push(b':');
                    push_u16(out, l.instance_id);
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
    opts: &Options<'_>,
) -> Result<Node, Error> {
    if let Some(node) = crate::direct::senml_json(bytes, path, model, opts) {
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
    opts: &Options<'_>,
) -> Result<Composite, Error> {
    build_composite(Reader::with_options(bytes, opts), model, opts)
}

/// Decodes a timestamped series (a notification with history, a timestamped Send): records are
/// grouped by resolved time (`bt` + `t`) into snapshots, in the order each time first appears;
/// records with no time at all form their own snapshot (`time: None`). Each snapshot's content
/// is built as in [`decode_composite`], except that every record needs a value (not `null`). Times below
/// 2^28 (relative to "now" in RFC 8428) are kept as written, unless
/// [`Options::reception_time`] is given to [`decode_timestamped_with`]: then they become
/// reception time + `bt` + `t`.
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
    opts: &Options<'_>,
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
    encode_with(node, path, &Options::DEFAULT)
}

/// [`encode`] with explicit [`Options`]: with [`Options::alternate_path`] every name carries
/// the prefix (in the base name).
///
/// ```
/// use lwm2m_senml::{json, Options};
/// use lwm2m_types::{Node, Resource};
/// let opts = Options::DEFAULT.with_alternate_path("/lwm2m");
/// let node = Node::Resource(Resource::single(9, 95i64));
/// let bytes = json::encode_with(&node, &"/3/0/9".parse()?, &opts)?;
/// assert_eq!(json::decode_with(&bytes, &"/3/0/9".parse()?, &lwm2m_types::NoModel, &opts)?, node);
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
    match Planner::new(opts).node(node, path, &mut w) {
        Ok(()) => {
            w.end();
            Ok(())
        }
        Err(e) => {
            // The records before the error stay in `out`, as the caller may look at them.
            w.settle();
            Err(e)
        }
    }
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
    encode_composite_with(content, &Options::DEFAULT)
}

/// [`encode_composite`] with explicit [`Options`] (the alternate path).
pub fn encode_composite_with(content: &Composite, opts: &Options<'_>) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let mut w = Writer::new(&mut out);
    Planner::new(opts).composite(content, false, &mut w)?;
    w.end();
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
    w.end();
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
    w.end();
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

    #[test]
    fn the_fast_path_reads_what_the_general_path_reads() {
        for b in [
            &br#"[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"6/0","v":1},{"n":"13","v":1367491215},{"n":"1","vb":true},{"n":"2","vb":false}]"#[..],
            br#"[{"n":"/3/0/1","v":1},{"n":"/3/0/2","vs":"x"},{"n":"/","v":1}]"#,
            br#"[{"bn":"/3/0/","n":"01","v":1}]"#,
            br#"[{"bn":"/3/0/","n":"65535","v":1}]"#,
            br#"[{"bn":"/3/0/","n":"123456","v":1}]"#,
            br#"[{"bn":"/3/0/","n":"1/2/3","v":1}]"#,
            br#"[{"bn":"/3/0/","n":"1","v":01}]"#,
            br#"[{"bn":"/3/0/","n":"1","v":1.5}]"#,
            br#"[{"bn":"/3/0/","n":"1","v":-1}]"#,
            br#"[{"bn":"/3/0/","n":"1","v":1234567890123456789}]"#,
            br#"[{"bn":"/3/0/","n":"1","v":123456789012345678}]"#,
            br#"[{"bn":"/3/0/","n":"1","v":1e3}]"#,
            br#"[{"bn":"/3/0/","n":"1","vs":"a\"b"}]"#,
            b"[{\"bn\":\"/3/0/\",\"n\":\"1\",\"vs\":\"a\x01\"}]",
            br#"[{"bn":"/3/0/","n":"1","vb":truex}]"#,
            br#"[{"bn":"/3/0/","n":"1","vb":tru"#,
            br#"[{"bn":"/3/0/","n":"","v":1}]"#,
            br#"[{"bn":"/3/0/","n":"1","v":1,"t":1}]"#,
            br#"[{"bn":"/3/0/","bt":5,"n":"1","v":1},{"n":"2","v":2}]"#,
            br#"[{"bn":"/3/0/","n":"1","v":1},{"n":"1","v":2"#,
            br#"[{"bn":"/3/0/","n":"1","v":1} ,{"n":"2","v":2}]"#,
            br#"[{"n":"3/0/1","v":1}]"#,
            br#"[{"n":"/3/0/1","v":null}]"#,
            br#"[{"n":"/3/0/1","vs":"abc"}"#,
        ] {
            let (f, s) = both(b);
            assert_eq!(f, s, "{}", String::from_utf8_lossy(b));
        }
    }

    const PARTS: &[&[u8]] = &[
        br#"{"n":"1","v":2}"#,
        br#"{"n":"10/1","vs":"abc"}"#,
        br#"{"n":"2","vb":true}"#,
        br#"{"n":"/3/0/1","v":3}"#,
        b"{\"n\":\"",
        b"{\"bn\":\"/3/0/\",",
        b"/",
        b"0",
        b"1",
        b"9",
        b"65535",
        b"\",",
        b"\"v\":",
        b"\"vs\":\"",
        b"\"vb\":",
        b"true",
        b"false",
        b"-",
        b".",
        b"}",
        b"\"",
        b",",
        b"\\",
        b" ",
        b"x",
        b"\"t\":",
        b"null",
        b"]",
    ];

    proptest! {
        #[test]
        fn fast_and_general_paths_agree(parts in proptest::collection::vec(proptest::sample::select(PARTS), 0..24)) {
            let mut b = br#"[{"bn":"/3/0/","n":"0","v":1},"#.to_vec();
            for p in parts {
                b.extend_from_slice(p);
            }
            let (f, s) = both(&b);
            prop_assert_eq!(f, s);
        }
    }
}
