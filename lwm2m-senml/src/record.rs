//! What the three formats share: resolved records, name and time resolution, value typing from
//! the model, building nodes / composite / timestamped content, and the encoder's choice of base
//! names. Each format only tokenizes and writes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use lwm2m_types::{
    Composite, DataType, IdMap, Level, ModelProvider, Node, NodeBuilder, Object, ObjectInstance,
    ObjectLink, Path, PathErrorKind, Resource, ResourceInstance, Timestamped, TimestampedEntry,
    Value, ValueErrorKind, ValueRef, base64,
};

use crate::Error;
use crate::error::{EncodeKind, FieldKind};
use crate::num::StackBuf;

/// Limits and leniency switches for the decoders.
///
/// ```
/// use lwm2m_senml::{json, Options};
/// use lwm2m_types::NoModel;
/// let opts = Options { max_records: 1, ..Options::DEFAULT };
/// let two = br#"[{"n":"/3/0/9","v":1},{"n":"/3/0/10","v":2}]"#;
/// assert!(json::decode_with(two, &"/3/0".parse()?, &NoModel, &opts).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Deepest nesting of arrays / maps accepted (the pack and record count; unknown fields may
    /// nest below them). At most 64. Default 32.
    pub max_depth: usize,
    /// Most records accepted in one payload. Default 65 536.
    pub max_records: usize,
    /// SenML JSON `vd`: also accept the standard base64 alphabet and `=` padding (Zephyr before
    /// 2026 sent that; Leshan rejects it). Default `false`.
    pub lenient_base64: bool,
}

impl Options {
    /// The defaults: depth 32, 65 536 records, strict base64.
    pub const DEFAULT: Options = Options {
        max_depth: 32,
        max_records: 65_536,
        lenient_base64: false,
    };

    pub(crate) fn depth(&self) -> usize {
        self.max_depth.min(64)
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::DEFAULT
    }
}

/// A number as written in a numeric field.
///
/// JSON integers are read from their lexical form (exact from `i64::MIN` to `u64::MAX`); every
/// other JSON number (a fraction, an exponent, or an integer outside that range) is a `Float`.
/// CBOR integers are `Integer` / `Unsigned` (a negative integer below `i64::MIN` is the nearest
/// `Float`), CBOR floats `Float`, and a CBOR decimal fraction (tag 4) is an integer when it is one
/// within that range, else the nearest `Float`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// An integer within `i64`.
    Integer(i64),
    /// An integer above `i64::MAX`.
    Unsigned(u64),
    /// A float.
    Float(f64),
}

impl Number {
    /// The number for an integer: `Integer`, `Unsigned` above `i64::MAX`, else the nearest
    /// `Float`.
    pub fn from_i128(i: i128) -> Number {
        if let Ok(v) = i64::try_from(i) {
            Number::Integer(v)
        } else if let Ok(u) = u64::try_from(i) {
            Number::Unsigned(u)
        } else {
            Number::Float(i as f64)
        }
    }

    /// The value as `f64` (rounded for integers beyond 2^53).
    pub fn to_f64(self) -> f64 {
        match self {
            Number::Integer(i) => i as f64,
            Number::Unsigned(u) => u as f64,
            Number::Float(f) => f,
        }
    }

    /// The value as an integer when it is one exactly (floats with no fraction included).
    pub fn to_i128(self) -> Option<i128> {
        match self {
            Number::Integer(i) => Some(i.into()),
            Number::Unsigned(u) => Some(u.into()),
            Number::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 3.5e38 => {
                Some(f as i128)
            }
            Number::Float(_) => None,
        }
    }
}

/// The value field of a record, as written (untyped; borrowed from the input where possible).
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue<'a> {
    /// `v` (SenML), `v` (1.0 JSON).
    Number(Number),
    /// `vs` (SenML), `sv` (1.0 JSON).
    String(Cow<'a, str>),
    /// `vb` (SenML), `bv` (1.0 JSON).
    Boolean(bool),
    /// SenML CBOR `vd`: the bytes.
    Bytes(Cow<'a, [u8]>),
    /// SenML JSON `vd`: the base64url text, not yet decoded.
    Base64(Cow<'a, str>),
    /// `vlo` (SenML), `ov` (1.0 JSON): `"oid:iid"`, not yet parsed.
    ObjectLink(Cow<'a, str>),
    /// SenML CBOR: a tag-0 RFC 3339 date/time string in `v` or `vs` (Zephyr writes Time so).
    DateTime(Cow<'a, str>),
    /// `"v": null` / CBOR `2: null`: a LwM2M 1.2 Write-Composite delete.
    Null,
}

/// Which format a record came from (value typing differs slightly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    SenmlJson,
    SenmlCbor,
    Lwm2mJson,
}

/// One resolved record: the name resolved and parsed as a path, the time resolved, the value field
/// as written.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordRef<'a> {
    /// Byte offset of the record in the input.
    pub offset: usize,
    /// The resolved name (`bn` + `n`) as an LwM2M path.
    pub path: Path,
    /// The resolved time (`bt` + `t`); `None` when neither a base time nor a time applies.
    /// SenML times below 2^28 are relative to "now" and are kept as written.
    pub time: Option<f64>,
    /// The value field; `None` for a name-only record (Read-Composite requests).
    pub value: Option<FieldValue<'a>>,
    /// Byte offset of the value field's value.
    pub value_offset: usize,
    pub(crate) dialect: Dialect,
}

impl RecordRef<'_> {
    /// The value typed with the model's data type for this path, or with the type the field
    /// shows when the model does not know the resource (see the crate docs). `None` for a
    /// name-only record or `"v": null`.
    ///
    /// ```
    /// use lwm2m_senml::json::Reader;
    /// use lwm2m_types::{NoModel, Value};
    /// let mut r = Reader::new(br#"[{"n":"/3/0/9","v":100}]"#);
    /// let rec = r.next().unwrap()?;
    /// assert_eq!(rec.typed_value(&NoModel)?, Some(Value::Integer(100)));
    /// # Ok::<(), lwm2m_senml::Error>(())
    /// ```
    pub fn typed_value(&self, model: &impl ModelProvider) -> Result<Option<Value>, Error> {
        self.typed_value_with(model, &Options::DEFAULT)
    }

    pub(crate) fn typed_value_with(
        &self,
        model: &impl ModelProvider,
        opts: &Options,
    ) -> Result<Option<Value>, Error> {
        match &self.value {
            None | Some(FieldValue::Null) => Ok(None),
            Some(f) => {
                let dt = model.data_type(&self.path);
                typed(f, dt, self.dialect, opts)
                    .map(Some)
                    .map_err(|(expected, kind)| Error::Value {
                        offset: self.value_offset,
                        path: self.path,
                        expected,
                        kind,
                    })
            }
        }
    }
}

/// What the node-level builders read records from (the readers, without the `Iterator`
/// wrapping).
pub(crate) trait Source<'a> {
    fn next_record(&mut self) -> Result<Option<RecordRef<'a>>, Error>;
}

/// A record before name and time resolution (what a tokenizer produces).
#[derive(Debug, Default)]
pub(crate) struct Raw<'a> {
    pub(crate) offset: usize,
    pub(crate) bn: Option<Cow<'a, str>>,
    pub(crate) bt: Option<(Number, usize)>,
    pub(crate) n: Option<Cow<'a, str>>,
    pub(crate) t: Option<(Number, usize)>,
    pub(crate) value: Option<FieldValue<'a>>,
    pub(crate) value_offset: usize,
}

/// Base name / base time state across the records of a pack.
#[derive(Debug)]
pub(crate) struct Resolver<'a> {
    bn: Option<Cow<'a, str>>,
    /// The fast path's state after the base name (`None` when it does not apply).
    bn_fast: Option<FastPath>,
    bt: Option<f64>,
    lenient_slash: bool,
    dialect: Dialect,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(dialect: Dialect) -> Self {
        Resolver {
            bn: None,
            bn_fast: None,
            bt: None,
            lenient_slash: dialect == Dialect::Lwm2mJson,
            dialect,
        }
    }

    /// Sets the base fields that apply from here on (the 1.0 JSON has them once, at the top).
    #[inline]
    pub(crate) fn set_base(
        &mut self,
        bn: Option<Cow<'a, str>>,
        bt: Option<(Number, usize)>,
    ) -> Result<(), Error> {
        if let Some(bn) = bn {
            self.bn_fast = FastPath::prefix(bn.as_bytes());
            self.bn = Some(bn);
        }
        if let Some((bt, off)) = bt {
            self.bt = Some(finite(bt.to_f64(), off, "bt")?);
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn resolve(&mut self, raw: &mut Raw<'a>) -> Result<RecordRef<'a>, Error> {
        self.set_base(raw.bn.take(), raw.bt.take())?;
        let bn = self.bn.as_deref();
        let n = raw.n.as_deref();
        if bn.is_none() && n.is_none() {
            return Err(Error::Field {
                offset: raw.offset,
                label: "n",
                kind: FieldKind::MissingName,
            });
        }
        let fast = match self.bn_fast {
            Some(st) => st.finish(n.unwrap_or("").as_bytes()),
            None => None,
        };
        let path = match fast {
            Some(p) => Ok(p),
            None => parse_path(
                bn.unwrap_or("").as_bytes(),
                n.unwrap_or("").as_bytes(),
                self.lenient_slash,
            ),
        }
        .map_err(|(segment, kind)| Error::Name {
            offset: raw.offset,
            segment,
            kind,
        })?;
        let time = match (self.bt, raw.t) {
            (None, None) => None,
            (bt, t) => {
                let t = t.map(|(t, off)| (t.to_f64(), off));
                let sum = bt.unwrap_or(0.0) + t.map_or(0.0, |t| t.0);
                Some(finite(sum, t.map_or(raw.offset, |t| t.1), "t")?)
            }
        };
        Ok(RecordRef {
            offset: raw.offset,
            path,
            time,
            value: raw.value.take(),
            value_offset: raw.value_offset,
            dialect: self.dialect,
        })
    }
}

fn finite(v: f64, offset: usize, label: &'static str) -> Result<f64, Error> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Error::Field {
            offset,
            label,
            kind: FieldKind::OutOfRange,
        })
    }
}

/// Parses the concatenation `a + b` as an LwM2M path, with the same rules (and error kinds) as
/// `Path::from_str`, without building the concatenation. With `lenient_slash` a missing leading
/// `/` is accepted (the LwM2M 1.0 JSON, `"bn":"1024/0/"`).
#[inline]
pub(crate) fn parse_path(
    a: &[u8],
    b: &[u8],
    lenient_slash: bool,
) -> Result<Path, (u8, PathErrorKind)> {
    // Fast path: a valid absolute path, parsed across both parts without joining them.
    if let Some(p) = parse_path_fast(a, b) {
        return Ok(p);
    }
    parse_path_slow(a, b, lenient_slash)
}

/// The state of [`parse_path_fast`] between the two parts of a name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FastPath {
    ids: [u16; 4],
    len: usize,
    v: u32,
    digits: usize,
    first: u8,
}

impl FastPath {
    /// The state after a base name `a` (which must start with `/`), or `None` when the fast
    /// path does not apply (the slow path then parses every name).
    #[inline(never)]
    fn prefix(a: &[u8]) -> Option<FastPath> {
        let (&b'/', rest) = a.split_first()? else {
            return None;
        };
        let mut st = FastPath {
            ids: [0; 4],
            len: 0,
            v: 0,
            digits: 0,
            first: 0,
        };
        st.feed(rest).then_some(st)
    }

    /// The path `a + b` for the state `self` after `a`, or `None` (the slow path then finds
    /// the result, error or root).
    #[inline(always)]
    fn finish(mut self, b: &[u8]) -> Option<Path> {
        if !self.feed(b) || !self.close() {
            return None;
        }
        Path::new(&self.ids[..self.len]).ok()
    }

    /// Closes the segment read so far; `false` if it is not a valid id or one too many.
    #[inline(always)]
    fn close(&mut self) -> bool {
        if self.digits == 0
            || (self.digits > 1 && self.first == b'0')
            || self.v > u32::from(lwm2m_types::MAX_ID)
            || self.len == 4
        {
            return false;
        }
        self.ids[self.len] = self.v as u16;
        self.len += 1;
        self.v = 0;
        self.digits = 0;
        true
    }

    /// Feeds the bytes of one part; `false` at anything the slow path must look at.
    #[inline(always)]
    fn feed(&mut self, part: &[u8]) -> bool {
        for &c in part {
            if c == b'/' {
                if !self.close() {
                    return false;
                }
            } else if c.is_ascii_digit() {
                if self.digits == 0 {
                    self.first = c;
                }
                self.digits += 1;
                if self.digits > 5 {
                    return false;
                }
                self.v = self.v * 10 + u32::from(c - b'0');
            } else {
                return false;
            }
        }
        true
    }
}

/// A valid absolute path written as `a + b`, or `None` (the slow path then finds the error).
#[inline(always)]
fn parse_path_fast(a: &[u8], b: &[u8]) -> Option<Path> {
    let (a, b) = match (a.split_first(), b.split_first()) {
        (Some((&b'/', rest)), _) => (rest, b),
        (None, Some((&b'/', rest))) => (a, rest),
        _ => return None,
    };
    if a.is_empty() && b.is_empty() {
        return Some(Path::ROOT);
    }
    let mut st = FastPath {
        ids: [0; 4],
        len: 0,
        v: 0,
        digits: 0,
        first: 0,
    };
    if !st.feed(a) || !st.feed(b) || !st.close() {
        return None;
    }
    Path::new(&st.ids[..st.len]).ok()
}

#[cold]
#[inline(never)]
fn parse_path_slow(a: &[u8], b: &[u8], lenient_slash: bool) -> Result<Path, (u8, PathErrorKind)> {
    let mut it = a.iter().chain(b.iter()).copied().peekable();
    match it.peek() {
        Some(b'/') => {
            it.next();
        }
        Some(_) if lenient_slash => {}
        _ => return Err((0, PathErrorKind::MissingSlash)),
    }
    if it.peek().is_none() {
        return Ok(Path::ROOT);
    }
    let mut ids = [0u16; 4];
    let mut len = 0usize;
    loop {
        let segment = (len + 1) as u8;
        if len == 4 {
            return Err((5, PathErrorKind::TooDeep));
        }
        let (mut count, mut value, mut first, mut bad) = (0usize, 0u32, 0u8, false);
        let mut more = false;
        for c in it.by_ref() {
            match c {
                b'/' => {
                    more = true;
                    break;
                }
                b'0'..=b'9' => {
                    if count == 0 {
                        first = c;
                    }
                    count += 1;
                    value = value.saturating_mul(10).saturating_add(u32::from(c - b'0'));
                }
                _ => bad = true,
            }
        }
        if bad {
            return Err((segment, PathErrorKind::NotDigits));
        }
        if count == 0 {
            return Err((segment, PathErrorKind::EmptySegment));
        }
        if count > 1 && first == b'0' {
            return Err((segment, PathErrorKind::LeadingZero));
        }
        if count > 5 || value > u32::from(lwm2m_types::MAX_ID) {
            return Err((segment, PathErrorKind::OutOfRange));
        }
        ids[len] = value as u16;
        len += 1;
        if !more {
            break;
        }
    }
    Path::new(&ids[..len]).map_err(|_| (len as u8, PathErrorKind::OutOfRange))
}

type TypeErr = (DataType, ValueErrorKind);

#[inline]
fn int_of(n: Number, expected: DataType) -> Result<i128, TypeErr> {
    match n {
        Number::Integer(i) => Ok(i.into()),
        Number::Unsigned(u) => Ok(u.into()),
        Number::Float(f) => match Number::Float(f).to_i128() {
            Some(i) => Ok(i),
            None if f.is_finite() && f.fract() == 0.0 => {
                Err((expected, ValueErrorKind::OutOfRange))
            }
            None => Err((expected, ValueErrorKind::InvalidNumber)),
        },
    }
}

#[inline]
fn i64_of(n: Number, expected: DataType) -> Result<i64, TypeErr> {
    i64::try_from(int_of(n, expected)?).map_err(|_| (expected, ValueErrorKind::OutOfRange))
}

fn objlnk(s: &str) -> Result<ObjectLink, TypeErr> {
    ObjectLink::parse_bytes(s.as_bytes())
        .map_err(|_| (DataType::Objlnk, ValueErrorKind::InvalidObjectLink))
}

fn b64(text: &str, dialect: Dialect, opts: &Options) -> Result<Vec<u8>, TypeErr> {
    let bad = (DataType::Opaque, ValueErrorKind::InvalidBase64);
    match dialect {
        Dialect::Lwm2mJson => {
            base64::decode(text.as_bytes(), base64::Alphabet::Standard).map_err(|_| bad)
        }
        _ => match base64::decode(text.as_bytes(), base64::Alphabet::UrlSafeNoPad) {
            Ok(v) => Ok(v),
            Err(_) if opts.lenient_base64 => {
                let t: Vec<u8> = text
                    .bytes()
                    .filter(|&c| c != b'=')
                    .map(|c| match c {
                        b'+' => b'-',
                        b'/' => b'_',
                        c => c,
                    })
                    .collect();
                let pad = text.len() - text.trim_end_matches('=').len();
                if text[..text.len() - pad].contains('=') || pad > 2 {
                    return Err(bad);
                }
                base64::decode(&t, base64::Alphabet::UrlSafeNoPad).map_err(|_| bad)
            }
            Err(_) => Err(bad),
        },
    }
}

/// Types a value field: with the model's data type when known, else by the field.
#[inline(always)]
pub(crate) fn typed(
    field: &FieldValue<'_>,
    dt: Option<DataType>,
    dialect: Dialect,
    opts: &Options,
) -> Result<Value, TypeErr> {
    use FieldValue as F;
    let Some(dt) = dt else {
        return Ok(match field {
            F::Number(Number::Float(f)) => Value::Float(*f),
            F::Number(Number::Integer(i)) => Value::Integer(*i),
            F::Number(Number::Unsigned(u)) => Value::UnsignedInteger(*u),
            F::String(s) => Value::String(s.clone().into_owned()),
            F::Boolean(b) => Value::Boolean(*b),
            F::Bytes(b) => Value::Opaque(b.clone().into_owned().into()),
            F::Base64(s) => Value::Opaque(b64(s, dialect, opts)?.into()),
            F::ObjectLink(s) => Value::ObjectLink(objlnk(s)?),
            F::DateTime(s) => Value::Time(
                crate::num::parse_rfc3339(s.as_bytes())
                    .ok_or((DataType::Time, ValueErrorKind::InvalidNumber))?,
            ),
            F::Null => return Err((DataType::None, ValueErrorKind::NoValue)),
        });
    };
    let wrong = Err((dt, ValueErrorKind::WrongType));
    Ok(match (dt, field) {
        (DataType::Integer, F::Number(n)) => Value::Integer(i64_of(*n, dt)?),
        (DataType::UnsignedInteger, F::Number(n)) => Value::UnsignedInteger(
            u64::try_from(int_of(*n, dt)?).map_err(|_| (dt, ValueErrorKind::OutOfRange))?,
        ),
        (DataType::Time, F::Number(n)) => Value::Time(i64_of(*n, dt)?),
        (DataType::Time, F::DateTime(s)) => Value::Time(
            crate::num::parse_rfc3339(s.as_bytes()).ok_or((dt, ValueErrorKind::InvalidNumber))?,
        ),
        (DataType::Float, F::Number(n)) => Value::Float(n.to_f64()),
        (DataType::Boolean, F::Boolean(b)) => Value::Boolean(*b),
        (DataType::String, F::String(s)) => Value::String(s.clone().into_owned()),
        (DataType::Corelnk, F::String(s)) => Value::CoreLink(s.clone().into_owned()),
        (DataType::Opaque, F::Bytes(b)) => Value::Opaque(b.clone().into_owned().into()),
        (DataType::Opaque, F::Base64(s)) => Value::Opaque(b64(s, dialect, opts)?.into()),
        (DataType::Opaque, F::String(s)) if dialect == Dialect::Lwm2mJson => {
            Value::Opaque(b64(s, dialect, opts)?.into())
        }
        // Objlnk from `vlo` / `ov`, or from `vs` / `sv` (Leshan writes it so).
        (DataType::Objlnk, F::ObjectLink(s) | F::String(s)) => Value::ObjectLink(objlnk(s)?),
        (DataType::None, _) => return Err((dt, ValueErrorKind::NoValue)),
        _ => return wrong,
    })
}

/// Builds the node at `path` from records: every record needs a value at or below `path`.
pub(crate) fn build_node<'a>(
    mut records: impl Source<'a>,
    path: &Path,
    model: &impl ModelProvider,
    opts: &Options,
    end: usize,
) -> Result<Node, Error> {
    // Typed values first (one allocation, sized by the real input, never by a claimed count).
    let mut items: Vec<(Path, Value, usize)> = Vec::with_capacity((end / 24).min(1024));
    // The data type of the last resource looked up (instances of a resource come in a row).
    let mut last: Option<((u16, u16), Option<DataType>)> = None;
    while let Some(r) = records.next_record()? {
        let value = match &r.value {
            None => {
                return Err(Error::Field {
                    offset: r.offset,
                    label: "v",
                    kind: FieldKind::MissingValue,
                });
            }
            Some(FieldValue::Null) => {
                return Err(Error::Field {
                    offset: r.value_offset,
                    label: "v",
                    kind: FieldKind::NullNotAllowed,
                });
            }
            Some(field) => {
                let ids = r.path.ids();
                let key = (
                    ids.first().copied().unwrap_or(0),
                    ids.get(2).copied().unwrap_or(0),
                );
                let dt = match last {
                    Some((k, dt)) if k == key && ids.len() >= 3 => dt,
                    _ => {
                        let dt = model.data_type(&r.path);
                        if ids.len() >= 3 {
                            last = Some((key, dt));
                        }
                        dt
                    }
                };
                typed(field, dt, r.dialect, opts).map_err(|(expected, kind)| Error::Value {
                    offset: r.value_offset,
                    path: r.path,
                    expected,
                    kind,
                })?
            }
        };
        items.push((r.path, value, r.offset));
    }
    if let Some(node) = assemble_sorted(path, &mut items) {
        return Ok(node);
    }
    // The general case, with NodeBuilder's rules and errors.
    let mut b = NodeBuilder::new(*path);
    let any = !items.is_empty();
    for (p, value, offset) in items {
        b.push(p, value)
            .map_err(|error| Error::Node { offset, error })?;
    }
    if !any && path.level() == Level::Resource {
        // An empty payload / `[]` for a resource: a multiple resource with no instances (OMA
        // #494, Leshan), unless the model says the resource is single.
        let single = match (path.object_id(), path.resource_id()) {
            (Some(o), Some(r)) => model.resource(o, r).is_some_and(|m| !m.multiple),
            _ => false,
        };
        if !single {
            b.push_empty(*path)
                .map_err(|error| Error::Node { offset: end, error })?;
        }
    }
    b.finish()
        .map_err(|error| Error::Node { offset: end, error })
}

/// `a` starts with `b` (without a call to `memcmp` for these short slices).
#[inline(always)]
fn prefix_eq(a: &[u16], b: &[u16]) -> bool {
    a.len() >= b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The fast path of [`build_node`] for what every encoder writes: values in strictly increasing
/// path order under a root, object or object instance request. Gives exactly what
/// `NodeBuilder` gives for such input; `None` (leaving `items` untouched) for anything else, which
/// then goes through `NodeBuilder`.
fn assemble_sorted(request: &Path, items: &mut Vec<(Path, Value, usize)>) -> Option<Node> {
    if request.len() > 2 || items.is_empty() {
        return None;
    }
    let mut prev: Option<&[u16]> = None;
    // Distinct resources (room to reserve when all lie in the one requested instance).
    let mut resources = 0usize;
    for (p, _, _) in items.iter() {
        let ids = p.ids();
        if ids.len() < 3 || !prefix_eq(ids, request.ids()) {
            return None;
        }
        if let Some(q) = prev {
            if q >= ids || (q.len() == 3 && prefix_eq(ids, q)) {
                return None;
            }
            if !prefix_eq(ids, q.get(..3).unwrap_or(q)) {
                resources += 1;
            }
        } else {
            resources = 1;
        }
        prev = Some(ids);
    }
    let (objects_cap, instances_cap, resources_cap) = match request.len() {
        2 => (1, 1, resources),
        1 => (1, 0, 0),
        _ => (0, 0, 0),
    };
    let mut objects: IdMap<Object> = IdMap::with_capacity(objects_cap);
    for (p, value, _) in items.drain(..) {
        let ids = p.ids();
        let (o, i, r) = (ids[0], ids[1], ids[2]);
        if objects.as_slice().last().map(|x| x.id) != Some(o) {
            objects.insert(Object {
                id: o,
                instances: IdMap::with_capacity(instances_cap),
            });
        }
        let obj = objects.iter_mut().next_back()?;
        if obj.instances.as_slice().last().map(|x| x.id) != Some(i) {
            obj.instances.insert(ObjectInstance {
                id: i,
                resources: IdMap::with_capacity(resources_cap),
            });
        }
        let inst = obj.instances.iter_mut().next_back()?;
        match ids.get(3) {
            None => {
                inst.resources.insert(Resource::Single { id: r, value });
            }
            Some(&ri) => {
                if let Some(Resource::Multiple { id, instances }) =
                    inst.resources.iter_mut().next_back()
                    && *id == r
                {
                    instances.insert(ResourceInstance { id: ri, value });
                } else {
                    let mut instances = IdMap::with_capacity(2);
                    instances.insert(ResourceInstance { id: ri, value });
                    inst.resources
                        .insert(Resource::Multiple { id: r, instances });
                }
            }
        }
    }
    match request.len() {
        0 => Some(Node::Root(objects)),
        1 => objects.into_iter().next().map(Node::Object),
        _ => objects
            .into_iter()
            .next()
            .and_then(|o| o.instances.into_iter().next())
            .map(Node::ObjectInstance),
    }
}

/// Builds record-level composite content; shared by composite and timestamped decoding.
#[derive(Debug, Default)]
struct CompositeBuilder {
    content: Composite,
}

impl CompositeBuilder {
    fn push(
        &mut self,
        r: &RecordRef<'_>,
        model: &impl ModelProvider,
        opts: &Options,
    ) -> Result<(), Error> {
        let conflict = |path| Error::Node {
            offset: r.offset,
            error: lwm2m_types::Error::Conflict { path },
        };
        let node = match &r.value {
            None => None,
            Some(FieldValue::Null) => {
                if r.path.level() != Level::ResourceInstance {
                    return Err(Error::Field {
                        offset: r.value_offset,
                        label: "v",
                        kind: FieldKind::NullNotAllowed,
                    });
                }
                None
            }
            Some(_) => {
                let value = r.typed_value_with(model, opts)?.ok_or(Error::Field {
                    offset: r.offset,
                    label: "v",
                    kind: FieldKind::MissingValue,
                })?;
                let ids = r.path.ids();
                match ids {
                    [.., rid] if ids.len() == 3 => {
                        // A resource value conflicts with values for its own instances.
                        let lo = r.path.child(0).map_err(Error::Types)?;
                        let hi = r.path.child(lwm2m_types::MAX_ID).map_err(Error::Types)?;
                        if let Some((p, _)) = self
                            .content
                            .entries
                            .range(lo..=hi)
                            .find(|(_, n)| n.is_some())
                        {
                            return Err(conflict(*p));
                        }
                        Some(Node::Resource(Resource::Single { id: *rid, value }))
                    }
                    [.., riid] if ids.len() == 4 => {
                        if let Some(parent) = r.path.parent()
                            && let Some(Some(_)) = self.content.entries.get(&parent)
                        {
                            return Err(conflict(r.path));
                        }
                        Some(Node::ResourceInstance(ResourceInstance {
                            id: *riid,
                            value,
                        }))
                    }
                    _ => {
                        return Err(Error::Node {
                            offset: r.offset,
                            error: lwm2m_types::Error::WrongLevel {
                                path: r.path,
                                expected: "a resource or resource instance path for a value",
                            },
                        });
                    }
                }
            }
        };
        if self.content.entries.contains_key(&r.path) {
            return Err(conflict(r.path));
        }
        self.content.entries.insert(r.path, node);
        Ok(())
    }
}

/// Builds composite content (see [`crate::json::decode_composite`] for the rules).
pub(crate) fn build_composite<'a>(
    mut records: impl Source<'a>,
    model: &impl ModelProvider,
    opts: &Options,
) -> Result<Composite, Error> {
    let mut b = CompositeBuilder::default();
    while let Some(r) = records.next_record()? {
        b.push(&r, model, opts)?;
    }
    Ok(b.content)
}

/// Groups records by resolved time into snapshots (first-appearance order).
pub(crate) fn build_timestamped<'a>(
    mut records: impl Source<'a>,
    model: &impl ModelProvider,
    opts: &Options,
) -> Result<Timestamped, Error> {
    let mut groups: Vec<(Option<f64>, CompositeBuilder)> = Vec::new();
    let mut index: BTreeMap<Option<u64>, usize> = BTreeMap::new();
    while let Some(r) = records.next_record()? {
        match r.value {
            None => {
                return Err(Error::Field {
                    offset: r.offset,
                    label: "v",
                    kind: FieldKind::MissingValue,
                });
            }
            Some(FieldValue::Null) => {
                return Err(Error::Field {
                    offset: r.value_offset,
                    label: "v",
                    kind: FieldKind::NullNotAllowed,
                });
            }
            Some(_) => {}
        }
        // -0.0 and 0.0 are the same time.
        let key = r.time.map(|t| if t == 0.0 { 0 } else { t.to_bits() });
        let i = *index.entry(key).or_insert_with(|| {
            groups.push((r.time, CompositeBuilder::default()));
            groups.len() - 1
        });
        groups[i].1.push(&r, model, opts)?;
    }
    Ok(Timestamped {
        entries: groups
            .into_iter()
            .map(|(time, b)| TimestampedEntry {
                time,
                content: b.content,
            })
            .collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Encoding: the choice of base names, shared by SenML JSON and SenML CBOR.

/// The value part of a record to write.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WriteValue<'a> {
    /// No value field (a name-only record, e.g. a Read-Composite request).
    None,
    /// `"v": null` (a LwM2M 1.2 Write-Composite delete of a resource instance).
    Null,
    /// A value, written in the field its data type uses.
    Value(ValueRef<'a>),
}

/// One record to write with a [`json::Writer`](crate::json::Writer) or
/// [`cbor::Writer`](crate::cbor::Writer). Absent fields are not written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WriteRecord<'a> {
    /// `bn`.
    pub base_name: Option<&'a str>,
    /// `bt`.
    pub base_time: Option<f64>,
    /// `n`.
    pub name: Option<&'a str>,
    /// `t`.
    pub time: Option<f64>,
    /// The value field.
    pub value: WriteValue<'a>,
}

impl<'a> WriteRecord<'a> {
    /// A record with only a name and a value.
    pub fn new(name: &'a str, value: ValueRef<'a>) -> Self {
        WriteRecord {
            base_name: None,
            base_time: None,
            name: Some(name),
            time: None,
            value: WriteValue::Value(value),
        }
    }
}

/// What the shared encoder drives: the format's record writer.
pub(crate) trait Sink {
    fn record(&mut self, r: &WriteRecord<'_>) -> Result<(), EncodeKind>;
}

pub(crate) type PathText = StackBuf<32>;

/// `path` as absolute text (`/3/0`, `/` for the root), with a trailing `/` if asked.
pub(crate) fn path_text(path: &Path, trailing_slash: bool) -> PathText {
    let mut t = PathText::new();
    for id in path.ids() {
        t.push_bytes(b"/");
        t.push_u64(u64::from(*id));
    }
    if path.is_root() || trailing_slash {
        t.push_bytes(b"/");
    }
    t
}

/// The segments of `path` from segment `from` on, as relative text (`6/0`).
pub(crate) fn rel_text(path: &Path, from: usize) -> PathText {
    let mut t = PathText::new();
    for (i, id) in path.ids().iter().skip(from).enumerate() {
        if i > 0 {
            t.push_bytes(b"/");
        }
        t.push_u64(u64::from(*id));
    }
    t
}

fn is_leaf(node: &Node) -> bool {
    matches!(
        node,
        Node::ResourceInstance(_) | Node::Resource(Resource::Single { .. })
    )
}

fn emit(sink: &mut impl Sink, r: &WriteRecord<'_>, path: Path) -> Result<(), Error> {
    sink.record(r).map_err(|kind| Error::Encode { path, kind })
}

/// Tracks the base name in effect while writing.
#[derive(Default)]
pub(crate) struct Planner {
    bn: Option<PathText>,
    /// A base time to put on the next record written.
    pending_bt: Option<f64>,
}

impl Planner {
    /// Writes the records of `node` at `path`. The node's path is the base name: with a trailing
    /// `/` and relative names for aggregates (`bn "/3/0/"`, `n "0"`), alone for a single resource
    /// or a resource instance (`bn "/3/0/0"`), as in the TS examples.
    pub(crate) fn node(
        &mut self,
        node: &Node,
        path: &Path,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        node.check_path(path)?;
        let leaf = is_leaf(node);
        let base = path_text(path, !leaf && !path.is_root());
        let same = self
            .bn
            .as_ref()
            .is_some_and(|b| b.as_bytes() == base.as_bytes());
        let mut first_bn = (!same).then_some(base);
        let depth = path.len();
        node.visit_values(path, &mut |p: Path, v: &Value| {
            let name = (!leaf).then(|| rel_text(&p, depth));
            let bn = first_bn.take();
            let r = WriteRecord {
                base_name: bn.as_ref().map(PathText::as_str),
                base_time: self.pending_bt.take(),
                name: name.as_ref().map(PathText::as_str),
                time: None,
                value: WriteValue::Value(v.as_ref()),
            };
            emit(sink, &r, p)?;
            if let Some(bn) = bn {
                self.bn = Some(bn);
            }
            Ok(())
        })
    }

    /// One record for a path alone (name-only, or `"v": null`): `n` with the full path while no
    /// base name is in effect, else `bn` with the full path.
    fn path_alone(
        &mut self,
        path: &Path,
        value: WriteValue<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let full = path_text(path, false);
        let r = if self.bn.is_none() {
            WriteRecord {
                base_name: None,
                base_time: self.pending_bt.take(),
                name: Some(full.as_str()),
                time: None,
                value,
            }
        } else {
            WriteRecord {
                base_name: Some(full.as_str()),
                base_time: self.pending_bt.take(),
                name: None,
                time: None,
                value,
            }
        };
        emit(sink, &r, *path)?;
        if self.bn.is_some() {
            self.bn = Some(full);
        }
        Ok(())
    }

    /// Writes composite content in path order. `None` entries become name-only records, or
    /// `"v": null` deletes when `deletes` is set (resource instances only).
    pub(crate) fn composite(
        &mut self,
        c: &Composite,
        deletes: bool,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        for (path, node) in &c.entries {
            match node {
                None if deletes => {
                    if path.level() != Level::ResourceInstance {
                        return Err(Error::Encode {
                            path: *path,
                            kind: EncodeKind::DeleteNotResourceInstance,
                        });
                    }
                    self.path_alone(path, WriteValue::Null, sink)?;
                }
                None => self.path_alone(path, WriteValue::None, sink)?,
                Some(node) if is_leaf(node) && self.bn.is_none() => {
                    node.check_path(path)?;
                    node.visit_values(path, &mut |p: Path, v: &Value| {
                        let full = path_text(&p, false);
                        let r = WriteRecord {
                            base_name: None,
                            base_time: self.pending_bt.take(),
                            name: Some(full.as_str()),
                            time: None,
                            value: WriteValue::Value(v.as_ref()),
                        };
                        emit(sink, &r, p)
                    })?;
                }
                Some(node) => self.node(node, path, sink)?,
            }
        }
        Ok(())
    }

    /// Writes a timestamped series: entries without time first, then each timed entry with its
    /// time as `bt` on its first record.
    pub(crate) fn timestamped(
        &mut self,
        t: &Timestamped,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        for e in t.entries.iter().filter(|e| e.time.is_none()) {
            self.composite(&e.content, false, sink)?;
        }
        for e in t.entries.iter().filter(|e| e.time.is_some()) {
            self.pending_bt = e.time;
            self.composite(&e.content, false, sink)?;
        }
        self.pending_bt = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_resolution_matches_path_from_str() {
        for (a, b) in [
            ("/3/0/", "1"),
            ("/3/0/1", "1/0"),
            ("/2/3", "/0"),
            ("/", ""),
            ("", "/3"),
            ("/3//", "0"),
            ("/3/0/", ""),
            ("/03", ""),
            ("/65535", ""),
            ("/1/2/3/4", "/5"),
            ("/3/x", ""),
            ("/3/99999999999", ""),
            ("3/0", ""),
            ("", ""),
        ] {
            let joined = format!("{a}{b}");
            let ours = parse_path(a.as_bytes(), b.as_bytes(), false);
            let theirs = joined.parse::<Path>().map_err(|e| match e {
                lwm2m_types::Error::Path { segment, kind } => (segment, kind),
                e => panic!("{e}"),
            });
            assert_eq!(ours, theirs, "{joined}");
        }
        assert_eq!(
            parse_path(b"1024/0/", b"1", true),
            Ok(Path::resource(1024, 0, 1).unwrap())
        );
    }

    #[test]
    fn path_texts() {
        let p = Path::resource_instance(3, 0, 6, 1).unwrap();
        assert_eq!(path_text(&p, false).as_str(), "/3/0/6/1");
        assert_eq!(rel_text(&p, 2).as_str(), "6/1");
        assert_eq!(rel_text(&p, 0).as_str(), "3/0/6/1");
        assert_eq!(
            path_text(&p.parent().unwrap().parent().unwrap(), true).as_str(),
            "/3/0/"
        );
        assert_eq!(path_text(&Path::ROOT, false).as_str(), "/");
        assert_eq!(path_text(&Path::ROOT, true).as_str(), "/");
        let max = Path::resource_instance(65534, 65534, 65534, 65534).unwrap();
        assert_eq!(path_text(&max, true).as_str(), "/65534/65534/65534/65534/");
    }

    #[test]
    fn typing_from_the_field_without_a_model() {
        let o = Options::DEFAULT;
        let t = |f: FieldValue<'_>| typed(&f, None, Dialect::SenmlJson, &o);
        assert_eq!(
            t(FieldValue::Number(Number::Integer(5))),
            Ok(Value::Integer(5))
        );
        assert_eq!(
            t(FieldValue::Number(Number::Unsigned(u64::MAX))),
            Ok(Value::UnsignedInteger(u64::MAX))
        );
        assert_eq!(
            t(FieldValue::Number(Number::from_i128(-(1 << 64)))),
            Ok(Value::Float(-18446744073709551616.0))
        );
        assert_eq!(
            t(FieldValue::Number(Number::Float(1.0))),
            Ok(Value::Float(1.0))
        );
        assert_eq!(
            t(FieldValue::ObjectLink("66:0".into())),
            Ok(Value::ObjectLink(ObjectLink::new(66, 0)))
        );
    }

    #[test]
    fn typing_with_a_data_type() {
        let o = Options::DEFAULT;
        let t = |f: FieldValue<'_>, dt| typed(&f, Some(dt), Dialect::SenmlJson, &o);
        let num = |f| FieldValue::Number(Number::Float(f));
        assert_eq!(t(num(5.0), DataType::Integer), Ok(Value::Integer(5)));
        assert_eq!(
            t(num(1.638435e9), DataType::Time),
            Ok(Value::Time(1638435000))
        );
        assert_eq!(
            t(num(5.5), DataType::Integer),
            Err((DataType::Integer, ValueErrorKind::InvalidNumber))
        );
        assert_eq!(
            t(num(1e19), DataType::Integer),
            Err((DataType::Integer, ValueErrorKind::OutOfRange))
        );
        assert_eq!(
            t(num(1e19), DataType::UnsignedInteger),
            Ok(Value::UnsignedInteger(10_000_000_000_000_000_000))
        );
        assert_eq!(
            t(
                FieldValue::Number(Number::Integer(-1)),
                DataType::UnsignedInteger
            ),
            Err((DataType::UnsignedInteger, ValueErrorKind::OutOfRange))
        );
        assert_eq!(
            t(FieldValue::String("66:1".into()), DataType::Objlnk),
            Ok(Value::ObjectLink(ObjectLink::new(66, 1)))
        );
        assert_eq!(
            t(FieldValue::String("1".into()), DataType::Integer),
            Err((DataType::Integer, ValueErrorKind::WrongType))
        );
        assert_eq!(
            t(FieldValue::Base64("q83v".into()), DataType::Opaque),
            Ok(Value::Opaque(vec![0xab, 0xcd, 0xef].into()))
        );
        assert_eq!(
            t(FieldValue::Base64("-_8=".into()), DataType::Opaque),
            Err((DataType::Opaque, ValueErrorKind::InvalidBase64))
        );
        let lenient = Options {
            lenient_base64: true,
            ..o
        };
        assert_eq!(
            typed(
                &FieldValue::Base64("+/8=".into()),
                Some(DataType::Opaque),
                Dialect::SenmlJson,
                &lenient
            ),
            Ok(Value::Opaque(vec![0xfb, 0xff].into()))
        );
    }
}
