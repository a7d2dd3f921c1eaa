//! The LwM2M 1.0 JSON format (`application/vnd.oma.lwm2m+json`, content format 11543; 1543
//! before IANA registration): one object `{"bn": …, "bt": …, "e": [{"n", "v" | "sv" | "bv" |
//! "ov", "t"}]}`.
//!
//! Names resolve as `bn + n` like SenML; a missing leading `/` is accepted (`"bn":"1024/0/"`,
//! Leshan). Times are `bt + t` (no 2^28 rule in this format). Opaque values are in `sv` as
//! standard base64 with padding; Objlnk values are written in `ov` and read from `ov` or, for an
//! Objlnk resource, `sv` (Leshan writes them there). Unknown keys are ignored. Key order is free
//! (`bt` after `e` is fine), so the reader checks the whole object before yielding entries.
//!
//! ```
//! use lwm2m_senml::lwm2m_json;
//! use lwm2m_types::{NoModel, Node, Path, Resource, Value};
//!
//! let path: Path = "/3/0/9".parse()?;
//! let node = lwm2m_json::decode(br#"{"bn":"/3/0/9","e":[{"v":95}]}"#, &path, &NoModel)?;
//! assert_eq!(node, Node::Resource(Resource::single(9, Value::Integer(95))));
//! assert_eq!(lwm2m_json::encode(&node, &path)?, br#"{"bn":"/3/0/9","e":[{"v":95}]}"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use lwm2m_types::{Composite, ModelProvider, Node, Path, Timestamped, Value, ValueRef, base64};

use crate::error::{EncodeKind, FieldKind, LimitKind, SyntaxKind};
use crate::json_lex::{LWM2M_LABELS, Lexer, push_name, push_str, value_field};
use crate::num::{Scratch, push_f64_json, push_i64, push_i128, push_u16, push_u64};
use crate::record::{
    Dialect, FieldValue, NameRef, Raw, RecordRef, Resolver, base_name, build_node,
    build_timestamped, encode_error, instance_values, is_leaf, record_reader, visit_ids,
};
use crate::{Error, Options};

/// A zero-copy reader over a LwM2M 1.0 JSON payload: yields one [`RecordRef`] per entry of `e`,
/// with `bn + n` and `bt + t` resolved.
///
/// After the first error the reader yields nothing more.
///
/// ```
/// use lwm2m_senml::{lwm2m_json::Reader, FieldValue};
/// let mut r = Reader::new(br#"{"e":[{"n":"0","sv":"a string"}],"bn":"1024/0/"}"#);
/// let rec = r.next().unwrap()?;
/// assert_eq!(rec.path.to_string(), "/1024/0/0");
/// assert_eq!(rec.value, Some(FieldValue::String("a string".into())));
/// # Ok::<(), lwm2m_senml::Error>(())
/// ```
pub struct Reader<'a> {
    lex: Lexer<'a>,
    pending: Option<Error>,
    resolver: Resolver<'a>,
    opts: Options<'a>,
    started: bool,
    first: bool,
    done: bool,
    count: usize,
    /// Tests only: read every entry on the general path.
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
        let (lex, pending) = match Lexer::new(bytes) {
            Ok(l) => (l, None),
            Err(e) => (Lexer::empty(), Some(e)),
        };
        Reader {
            lex,
            pending,
            resolver: Resolver::new(Dialect::Lwm2mJson, opts),
            opts: *opts,
            started: false,
            first: true,
            done: false,
            count: 0,
            #[cfg(test)]
            slow: false,
        }
    }

    /// Reads the top-level object once: base fields, the position of `e`, nothing after it.
    fn start(&mut self) -> Result<(), Error> {
        let lex = &mut self.lex;
        lex.expect(b'{', SyntaxKind::ExpectedObject)?;
        let (mut bn, mut bt, mut e) = (None, None, None);
        if lex.peek() == Some(b'}') {
            lex.pos += 1;
        } else {
            loop {
                let key_at = lex.pos;
                let key = lex.key()?;
                lex.ws();
                let at = lex.pos;
                let dup = |label| Error::Field {
                    offset: key_at,
                    label,
                    kind: FieldKind::Duplicate,
                };
                match &*key {
                    "bn" if bn.is_some() => return Err(dup("bn")),
                    "bt" if bt.is_some() => return Err(dup("bt")),
                    "e" if e.is_some() => return Err(dup("e")),
                    "bn" => bn = Some(lex.string_field("bn")?),
                    "bt" => bt = Some((lex.number_field("bt")?, at)),
                    "e" => {
                        if lex.peek() != Some(b'[') {
                            return Err(Error::Field {
                                offset: at,
                                label: "e",
                                kind: FieldKind::WrongType,
                            });
                        }
                        e = Some(at);
                        lex.skip_value(1, self.opts.depth())?;
                    }
                    _ => lex.skip_value(1, self.opts.depth())?,
                }
                if !lex.next_or_end(b'}')? {
                    break;
                }
            }
        }
        lex.end()?;
        let Some(e) = e else {
            return Err(Error::Field {
                offset: 0,
                label: "e",
                kind: FieldKind::MissingEntries,
            });
        };
        self.resolver.set_base(bn, bt)?;
        lex.pos = e + 1;
        Ok(())
    }

    fn step(&mut self) -> Result<Option<RecordRef<'a>>, Error> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        if self.done {
            return Ok(None);
        }
        if !self.started {
            self.started = true;
            self.start()?;
        }
        let lex = &mut self.lex;
        if self.first {
            self.first = false;
            if lex.peek() == Some(b']') {
                self.done = true;
                return Ok(None);
            }
        } else if !lex.next_or_end(b']')? {
            self.done = true;
            return Ok(None);
        }
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
        if fast && let Some(r) = crate::json::fast_record(lex, &self.resolver, *b"sv", *b"bv") {
            return Ok(Some(r));
        }
        let mut raw = Raw::default();
        entry(lex, &self.opts, &mut raw)?;
        self.resolver.resolve(&mut raw).map(Some)
    }
}

fn entry<'a>(lex: &mut Lexer<'a>, opts: &Options<'_>, raw: &mut Raw<'a>) -> Result<(), Error> {
    if lex.peek() != Some(b'{') {
        return Err(Error::Syntax {
            offset: lex.pos,
            kind: SyntaxKind::ExpectedObject,
        });
    }
    raw.offset = lex.pos;
    lex.pos += 1;
    if lex.peek() == Some(b'}') {
        lex.pos += 1;
        return Ok(());
    }
    let (mut n_seen, mut t_seen) = (false, false);
    loop {
        let key_at = lex.pos;
        let key = lex.key()?;
        lex.ws();
        let at = lex.pos;
        let label: &'static str = match &*key {
            "n" => "n",
            "t" => "t",
            "v" => "v",
            "sv" => "sv",
            "bv" => "bv",
            "ov" => "ov",
            _ => "",
        };
        let dup = match label {
            "n" => std::mem::replace(&mut n_seen, true),
            "t" => std::mem::replace(&mut t_seen, true),
            "" => false,
            _ => raw.value.is_some(),
        };
        if dup {
            return Err(Error::Field {
                offset: key_at,
                label,
                kind: if matches!(label, "n" | "t") {
                    FieldKind::Duplicate
                } else {
                    FieldKind::TwoValues
                },
            });
        }
        match label {
            "n" => raw.n = Some(lex.string_field("n")?),
            "t" => raw.t = Some((lex.number_field("t")?, at)),
            "v" => raw.value = Some(FieldValue::Number(lex.number_field("v")?)),
            "sv" => raw.value = Some(FieldValue::String(lex.string_field("sv")?)),
            "bv" => raw.value = Some(FieldValue::Boolean(lex.boolean("bv")?)),
            "ov" => raw.value = Some(FieldValue::ObjectLink(lex.string_field("ov")?)),
            _ => lex.skip_value(3, opts.depth())?,
        }
        if !label.is_empty() && !matches!(label, "n" | "t") {
            raw.value_offset = at;
        }
        if !lex.next_or_end(b'}')? {
            return Ok(());
        }
    }
}

record_reader!(Reader, |r| r.done = true);

/// Writes a LwM2M 1.0 JSON payload to a caller's buffer.
///
/// ```
/// use lwm2m_senml::lwm2m_json::Writer;
/// use lwm2m_types::ValueRef;
/// let mut out = Vec::new();
/// let mut w = Writer::new(&mut out, Some("/3/0/"), None)?;
/// w.entry(Some("9"), None, ValueRef::Integer(95))?;
/// w.finish();
/// assert_eq!(out, br#"{"bn":"/3/0/","e":[{"n":"9","v":95}]}"#);
/// # Ok::<(), lwm2m_senml::Error>(())
/// ```
pub struct Writer<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
    /// The bytes of whole entries in `scratch` not yet appended to `out`: the encoders' entries
    /// are gathered there and appended a few at a time (by [`Writer::settle`], which
    /// [`Writer::finish`] and the general path call first).
    pending: usize,
    scratch: Scratch,
}

fn finite(f: f64) -> Result<f64, Error> {
    if f.is_finite() {
        Ok(f)
    } else {
        Err(Error::Encode {
            path: Path::ROOT,
            kind: EncodeKind::NonFinite,
        })
    }
}

fn push_time(out: &mut Vec<u8>, f: f64) {
    if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
        push_i128(out, f as i128);
    } else {
        push_f64_json(out, f);
    }
}

impl<'o> Writer<'o> {
    /// Starts the payload with its base name and base time.
    pub fn new(
        out: &'o mut Vec<u8>,
        base_name: Option<&str>,
        base_time: Option<f64>,
    ) -> Result<Self, Error> {
        Writer::start(out, base_name.map(NameRef::Text).as_ref(), base_time)
    }

    fn start(
        out: &'o mut Vec<u8>,
        base_name: Option<&NameRef<'_>>,
        base_time: Option<f64>,
    ) -> Result<Self, Error> {
        let mut w = Writer::empty(out);
        w.open(base_name, base_time)?;
        Ok(w)
    }

    /// A writer that has written nothing yet (see [`Writer::open`]).
    #[inline(always)]
    fn empty(out: &'o mut Vec<u8>) -> Self {
        Writer {
            out,
            first: true,
            pending: 0,
            scratch: Scratch::new(),
        }
    }

    /// Writes the start of the payload, up to the entries.
    #[inline(always)]
    fn open(
        &mut self,
        base_name: Option<&NameRef<'_>>,
        base_time: Option<f64>,
    ) -> Result<(), Error> {
        let out = &mut *self.out;
        match base_name {
            // The encoders' base name, a path: through the scratch.
            Some(&NameRef::Path {
                prefix: "",
                ids,
                lead: true,
                trailing,
            }) if ids.len() <= 4 && (trailing || !ids.is_empty()) => {
                let mut s = self.scratch.cursor();
                s.word(*b"{\"bn\":\"\0", 7);
                s.abs_ids(ids, trailing);
                s.word(*b"\",\0\0\0\0\0\0", 2);
                s.flush(out);
            }
            Some(bn) => {
                out.extend_from_slice(b"{\"bn\":");
                push_name(out, bn);
                out.push(b',');
            }
            None => out.push(b'{'),
        }
        if let Some(bt) = base_time {
            out.extend_from_slice(b"\"bt\":");
            push_time(out, finite(bt)?);
            out.push(b',');
        }
        out.extend_from_slice(b"\"e\":[");
        Ok(())
    }

    /// Appends the pending bytes to the output.
    #[inline]
    fn settle(&mut self) {
        if self.pending > 0 {
            self.scratch.flush(self.pending, self.out);
            self.pending = 0;
        }
    }

    /// Writes one entry. NaN and infinity are an [`Error::Encode`] (with the root path: the
    /// writer does not know paths).
    pub fn entry(
        &mut self,
        name: Option<&str>,
        time: Option<f64>,
        value: ValueRef<'_>,
    ) -> Result<(), Error> {
        self.entry_ref(name.map(NameRef::Text).as_ref(), time, value)
    }

    /// [`Writer::entry`] for a relative name given as ids and no time, with the fixed bytes
    /// (and short plain strings) written through the scratch.
    #[inline(always)]
    fn fast_entry(&mut self, name: &[u16], value: &Value) -> Result<(), Error> {
        let out = &mut *self.out;
        let mut cursor = self.scratch.cursor_at(self.pending);
        let s = &mut cursor;
        if self.first {
            s.word(*b"{\"n\":\"\0\0", 6);
        } else {
            s.word(*b",{\"n\":\"\0", 7);
        }
        s.ids(name);
        s.word(*b"\",\0\0\0\0\0\0", 2);
        value_field(s, out, value, &LWM2M_LABELS).map_err(|kind| Error::Encode {
            path: Path::ROOT,
            kind,
        })?;
        self.pending = s.settle(out);
        self.first = false;
        Ok(())
    }

    #[inline]
    fn entry_ref(
        &mut self,
        name: Option<&NameRef<'_>>,
        time: Option<f64>,
        value: ValueRef<'_>,
    ) -> Result<(), Error> {
        if let ValueRef::Float(f) = value {
            finite(f)?;
        }
        if let Some(t) = time {
            finite(t)?;
        }
        self.settle();
        let out = &mut *self.out;
        out.reserve(64);
        if !self.first {
            out.push(b',');
        }
        self.first = false;
        out.push(b'{');
        if let Some(n) = name {
            out.extend_from_slice(b"\"n\":");
            push_name(out, n);
            out.push(b',');
        }
        match value {
            ValueRef::String(s) | ValueRef::CoreLink(s) => {
                out.extend_from_slice(b"\"sv\":");
                push_str(out, s);
            }
            ValueRef::Opaque(d) => {
                out.extend_from_slice(b"\"sv\":");
                push_str(out, &base64::encode(d, base64::Alphabet::Standard));
            }
            ValueRef::Integer(i) | ValueRef::Time(i) => {
                out.extend_from_slice(b"\"v\":");
                push_i64(out, i);
            }
            ValueRef::UnsignedInteger(u) => {
                out.extend_from_slice(b"\"v\":");
                push_u64(out, u);
            }
            ValueRef::Float(f) => {
                out.extend_from_slice(b"\"v\":");
                push_f64_json(out, f);
            }
            ValueRef::Boolean(b) => {
                out.extend_from_slice(if b { b"\"bv\":true" } else { b"\"bv\":false" })
            }
            ValueRef::ObjectLink(l) => {
                out.extend_from_slice(b"\"ov\":\"");
                push_u16(out, l.object_id);
                out.push(b':');
                push_u16(out, l.instance_id);
                out.push(b'"');
            }
        }
        if let Some(t) = time {
            out.extend_from_slice(b",\"t\":");
            push_time(out, t);
        }
        out.push(b'}');
        Ok(())
    }

    /// Ends the payload.
    pub fn finish(mut self) {
        self.end();
    }

    /// [`Writer::finish`] in place (no move of the writer and its scratch).
    #[inline]
    fn end(&mut self) {
        self.settle();
        self.out.extend_from_slice(b"]}");
    }
}

/// Decodes the node at `path` (the request path). Same rules as
/// [`json::decode`](crate::json::decode); `{"e":[]}` is an empty node, `{}` an error.
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
    build_node(
        || Reader::with_options(bytes, opts),
        path,
        model,
        opts,
        bytes.len(),
    )
}

/// Decodes a timestamped series (a notification with history): entries grouped by `bt + t` as
/// in [`json::decode_timestamped`](crate::json::decode_timestamped).
///
/// ```
/// use lwm2m_senml::lwm2m_json;
/// use lwm2m_types::NoModel;
/// let b = br#"{"bn":"/1024/0/1","e":[{"v":22.9,"t":-30},{"v":22.4,"t":-5}],"bt":25462634}"#;
/// let ts = lwm2m_json::decode_timestamped(b, &NoModel)?;
/// assert_eq!(ts.entries[0].time, Some(25462604.0));
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

/// Encodes the node at `path` (the node's own path): `bn` is the node's path (with a trailing `/`
/// for aggregates, alone for a single resource or a resource instance), entry names relative.
///
/// ```
/// use lwm2m_senml::lwm2m_json;
/// use lwm2m_types::{Node, ObjectInstance, Resource, Value};
/// let node = Node::ObjectInstance(ObjectInstance::new(0).with(Resource::single(2, true)));
/// assert_eq!(
///     lwm2m_json::encode(&node, &"/1024/0".parse()?)?,
///     br#"{"bn":"/1024/0/","e":[{"n":"2","bv":true}]}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    encode_with(node, path, &Options::DEFAULT)
}

/// [`encode`] with explicit [`Options`]: with [`Options::alternate_path`] the base name starts
/// with the prefix.
///
/// ```
/// use lwm2m_senml::{lwm2m_json, Options};
/// use lwm2m_types::{Node, ObjectInstance, Resource};
/// let node = Node::ObjectInstance(ObjectInstance::new(0).with(Resource::single(2, true)));
/// let opts = Options::DEFAULT.with_alternate_path("/lwm2m");
/// assert_eq!(
///     lwm2m_json::encode_with(&node, &"/1024/0".parse()?, &opts)?,
///     br#"{"bn":"/lwm2m/1024/0/","e":[{"n":"2","bv":true}]}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode_with(node: &Node, path: &Path, opts: &Options<'_>) -> Result<Vec<u8>, Error> {
    let leaf = is_leaf(node);
    let mut out = Vec::with_capacity(512);
    let bn = base_name(opts.prefix(), path, leaf);
    node.check_path(path)?;
    let mut w = Writer::empty(&mut out);
    w.open(Some(&bn), None)?;
    let depth = path.len();
    if let Node::ObjectInstance(inst) = node
        && depth == 2
    {
        instance_values(inst, path.ids(), &mut |ids: &[u16], v: &Value| {
            w.fast_entry(&ids[2..], v).map_err(|e| with_path(e, ids))
        })?;
        w.end();
        return Ok(out);
    }
    general_entries(&mut w, node, path, leaf)?;
    w.end();
    Ok(out)
}

/// [`encode`] with every entry written by the general [`Writer::entry_ref`]: the reference the
/// tests hold the fast path to.
#[cfg(test)]
pub(crate) fn encode_general(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    let leaf = is_leaf(node);
    let mut out = Vec::new();
    let bn = base_name("", path, leaf);
    node.check_path(path)?;
    let mut w = Writer::start(&mut out, Some(&bn), None)?;
    general_entries(&mut w, node, path, leaf)?;
    w.end();
    Ok(out)
}

/// Every value of `node` at `path` through the general [`Writer::entry_ref`], named relative to
/// the base name (no name for a leaf).
fn general_entries(w: &mut Writer<'_>, node: &Node, path: &Path, leaf: bool) -> Result<(), Error> {
    let depth = path.len();
    visit_ids(node, path, &mut |ids: &[u16], v: &Value| {
        let name = (!leaf).then_some(NameRef::below(&ids[depth..]));
        w.entry_ref(name.as_ref(), None, v.as_ref())
            .map_err(|e| with_path(e, ids))
    })
}

fn with_path(e: Error, ids: &[u16]) -> Error {
    match e {
        Error::Encode { kind, .. } => encode_error(ids, kind),
        e => e,
    }
}

/// Encodes a timestamped series: every entry with its full path in `n` and its absolute time in
/// `t` (no `bn`, no `bt`), in the order of the series.
///
/// ```
/// use lwm2m_senml::lwm2m_json;
/// use lwm2m_types::{Composite, Node, Resource, Timestamped, TimestampedEntry, Value};
/// let mut c = Composite::new();
/// c.insert("/1024/0/1".parse()?, Some(Node::Resource(Resource::single(1, Value::Float(22.9)))));
/// let ts = Timestamped { entries: vec![TimestampedEntry { time: Some(25462604.0), content: c }] };
/// assert_eq!(
///     lwm2m_json::encode_timestamped(&ts)?,
///     br#"{"e":[{"n":"/1024/0/1","v":22.9,"t":25462604}]}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode_timestamped(content: &Timestamped) -> Result<Vec<u8>, Error> {
    encode_timestamped_with(content, &Options::DEFAULT)
}

/// [`encode_timestamped`] with explicit [`Options`]: with [`Options::alternate_path`] the prefix
/// is the base name (`"bn":"/lwm2m"`) and the entry names stay full paths.
pub fn encode_timestamped_with(
    content: &Timestamped,
    opts: &Options<'_>,
) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(256);
    let prefix = opts.prefix();
    let bn = NameRef::Path {
        prefix,
        ids: &[],
        lead: false,
        trailing: false,
    };
    let mut w = Writer::start(&mut out, (!prefix.is_empty()).then_some(&bn), None)?;
    for e in &content.entries {
        write_composite(&mut w, &e.content, e.time)?;
    }
    w.end();
    Ok(out)
}

fn write_composite(w: &mut Writer<'_>, c: &Composite, time: Option<f64>) -> Result<(), Error> {
    for (path, node) in &c.entries {
        if let Some(node) = node {
            visit_ids(node, path, &mut |ids: &[u16], v: &Value| {
                let name = NameRef::absolute(ids, false);
                w.entry_ref(Some(&name), time, v.as_ref())
                    .map_err(|e| with_path(e, ids))
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn a_path_base_name_is_written_as_push_name_writes_it(
            ids in proptest::collection::vec(
                prop_oneof![0u16..12, Just(99), Just(100), Just(65534), any::<u16>()],
                0..5,
            ),
            lead: bool,
            trailing: bool,
        ) {
            let bn = NameRef::Path { prefix: "", ids: &ids, lead, trailing };
            let mut out = b"x".to_vec();
            Writer::empty(&mut out).open(Some(&bn), None).unwrap();
            let mut expected = b"x{\"bn\":".to_vec();
            push_name(&mut expected, &bn);
            expected.extend_from_slice(b",\"e\":[");
            prop_assert_eq!(String::from_utf8(out).unwrap(), String::from_utf8(expected).unwrap());
        }
    }

    type Records<'a> = Vec<Result<RecordRef<'a>, Error>>;

    /// Every entry and error, with the fast path on and off.
    fn both(b: &[u8]) -> (Records<'_>, Records<'_>) {
        let fast: Vec<_> = Reader::new(b).collect();
        let mut r = Reader::new(b);
        r.slow = true;
        (fast, r.collect())
    }

    const PARTS: &[&[u8]] = &[
        br#"{"n":"1","v":2}"#,
        br#"{"n":"10/1","sv":"abc"}"#,
        br#"{"n":"2","bv":true}"#,
        br#"{"n":"2","bv":false}"#,
        br#"{"n":"/3/0/1","v":3}"#,
        br#"{"n":"1","vs":"x"}"#,
        br#"{"n":"1","v":1,"t":-5}"#,
        b"{\"n\":\"",
        b"0",
        b"1",
        b"/",
        b"65535",
        b"\",",
        b"\"v\":",
        b"\"sv\":\"",
        b"\"bv\":",
        b"true",
        b"-",
        b".",
        b"}",
        b"\"",
        b",",
        b"\\",
        b" ",
        b"x",
        b"]",
    ];

    proptest! {
        #[test]
        fn fast_and_general_paths_agree(
            parts in proptest::collection::vec(proptest::sample::select(PARTS), 0..16),
            bn in proptest::sample::select(&["\"bn\":\"/3/0/\",", "\"bn\":\"3/0/\",", "", "\"bt\":5,"][..]),
        ) {
            let mut b = format!("{{{bn}\"e\":[{{\"n\":\"0\",\"v\":1}},").into_bytes();
            for p in parts {
                b.extend_from_slice(p);
            }
            b.extend_from_slice(b"]}");
            let (f, s) = both(&b);
            prop_assert_eq!(f, s);
        }
    }

    #[test]
    fn the_fast_path_reads_what_the_general_path_reads() {
        let b = br#"{"bn":"/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"6/0","v":1},{"n":"7","bv":true}]}"#;
        let (f, s) = both(b);
        assert_eq!(f.len(), 3);
        assert!(f.iter().all(Result::is_ok));
        assert_eq!(f, s);
    }
}
