//! What the three formats share: resolved records, name and time resolution, value typing from
//! the model, building nodes / composite / timestamped content, and the encoder's choice of base
//! names. Each format only tokenizes and writes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use lwm2m_types::{
    Composite, DataType, HasId, IdMap, Level, ModelCursor, ModelProvider, Node, NodeBuilder,
    Object, ObjectInstance, ObjectLink, Path, PathErrorKind, Resource, ResourceInstance,
    Timestamped, TimestampedEntry, Value, ValueErrorKind, ValueRef, base64,
};

use crate::Error;
use crate::error::{EncodeKind, FieldKind};
#[cfg(test)]
use crate::num::StackBuf;

/// Limits, leniency switches and run-time context for the decoders (and, for the alternate
/// path, the encoders).
///
/// ```
/// use lwm2m_senml::{json, Options};
/// use lwm2m_types::NoModel;
/// let opts = Options { max_records: 1, ..Options::DEFAULT };
/// let two = br#"[{"n":"/3/0/9","v":1},{"n":"/3/0/10","v":2}]"#;
/// assert!(json::decode_with(two, &"/3/0".parse()?, &NoModel, &opts).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The lifetime `'p` is that of [`alternate_path`](Options::alternate_path): a server learns the
/// prefix at registration time (`</lwm2m>;rt="oma.lwm2m"`) and keeps it with the registration, so
/// the options borrow it instead of needing a `'static` string or an allocation per payload;
/// `Options` stays `Copy` and [`Options::DEFAULT`] stays a `const`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options<'p> {
    /// Deepest nesting of arrays / maps accepted (the pack and record count; unknown fields may
    /// nest below them). At most 64. Default 32.
    pub max_depth: usize,
    /// Most records accepted in one payload. Default 65 536.
    pub max_records: usize,
    /// SenML JSON `vd`: also accept the standard base64 alphabet and `=` padding (Zephyr before
    /// 2026 sent that; Leshan rejects it). Default `false`.
    pub lenient_base64: bool,
    /// The alternate path of the client (`rt="oma.lwm2m"` link at registration, e.g. `/lwm2m`),
    /// which prefixes every name in its payloads (Leshan's "Use Alternate path in SenML
    /// payload"). Decoders strip it from every resolved name (`/lwm2m/3/0/1` is `/3/0/1`) and
    /// reject a resolved name that does not start with it followed by `/` or nothing
    /// ([`FieldKind::MissingPrefix`](crate::FieldKind::MissingPrefix)); the `_with` encoders
    /// write it in front of every name. A trailing `/` is ignored (`/lwm2m/` is `/lwm2m`); `None`,
    /// `""` and `"/"` mean no prefix. Applies to all three formats. Default `None`.
    pub alternate_path: Option<&'p str>,
    /// The reception time of the payload, as time since the Unix epoch. When set, SenML
    /// resolved times (`bt + t`) below 2^28 (relative to "now", RFC 8428 §4.5.3) become
    /// `reception time + bt + t`, in the [`RecordRef::time`] of the readers and so in
    /// `decode_timestamped`; when `None` they are kept as written. The LwM2M 1.0 JSON has no
    /// relative times and ignores it. Default `None`.
    pub reception_time: Option<core::time::Duration>,
}

impl<'p> Options<'p> {
    /// The defaults: depth 32, 65 536 records, strict base64, no alternate path, no reception
    /// time.
    pub const DEFAULT: Options<'p> = Options {
        max_depth: 32,
        max_records: 65_536,
        lenient_base64: false,
        alternate_path: None,
        reception_time: None,
    };

    /// These options with an alternate path (see [`Options::alternate_path`]).
    ///
    /// ```
    /// use lwm2m_senml::{json, Options};
    /// use lwm2m_types::{NoModel, Path};
    /// let prefix = String::from("/lwm2m"); // from the registration
    /// let opts = Options::DEFAULT.with_alternate_path(&prefix);
    /// let c = json::decode_composite_with(br#"[{"n":"/lwm2m/3/0/1"}]"#, &NoModel, &opts)?;
    /// assert_eq!(c.get(&"/3/0/1".parse()?), Some(None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn with_alternate_path<'q>(self, prefix: &'q str) -> Options<'q> {
        Options {
            max_depth: self.max_depth,
            max_records: self.max_records,
            lenient_base64: self.lenient_base64,
            alternate_path: Some(prefix),
            reception_time: self.reception_time,
        }
    }

    /// These options with a reception time (see [`Options::reception_time`]).
    ///
    /// ```
    /// use std::time::Duration;
    /// use lwm2m_senml::{json, Options};
    /// let opts = Options::DEFAULT.with_reception_time(Duration::from_secs(1_700_000_000));
    /// let rec = json::Reader::with_options(br#"[{"n":"/3/0/9","v":1,"t":-5}]"#, &opts)
    ///     .next()
    ///     .unwrap()?;
    /// assert_eq!(rec.time, Some(1_699_999_995.0));
    /// # Ok::<(), lwm2m_senml::Error>(())
    /// ```
    pub const fn with_reception_time(self, since_epoch: core::time::Duration) -> Self {
        Options {
            reception_time: Some(since_epoch),
            ..self
        }
    }

    pub(crate) fn depth(&self) -> usize {
        self.max_depth.min(64)
    }

    /// The alternate path without a trailing `/` (empty for none).
    pub(crate) fn prefix(&self) -> &'p str {
        let p = self.alternate_path.unwrap_or("");
        p.strip_suffix('/').unwrap_or(p)
    }
}

impl Default for Options<'_> {
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
    /// SenML times below 2^28 are relative to "now": kept as written, or made absolute with
    /// [`Options::reception_time`].
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
        opts: &Options<'_>,
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

/// Implements [`Source`] and `Iterator` for a format's record reader from its `step` method.
/// After an error, `$stop` (run with `$r` bound to the reader) makes the reader end, so the
/// iterator yields each error once.
macro_rules! record_reader {
    ($reader:ident, |$r:ident| $stop:expr) => {
        impl<'a> $crate::record::Source<'a> for $reader<'a> {
            #[inline]
            fn next_record(&mut self) -> Result<Option<$crate::RecordRef<'a>>, $crate::Error> {
                self.step()
            }
        }

        impl<'a> Iterator for $reader<'a> {
            type Item = Result<$crate::RecordRef<'a>, $crate::Error>;

            fn next(&mut self) -> Option<Self::Item> {
                match self.step() {
                    Ok(Some(r)) => Some(Ok(r)),
                    Ok(None) => None,
                    Err(e) => {
                        let $r = &mut *self;
                        $stop;
                        Some(Err(e))
                    }
                }
            }
        }
    };
}
pub(crate) use record_reader;

/// The fields the SenML JSON and SenML CBOR record parsers act on.
#[derive(Clone, Copy)]
pub(crate) enum Field {
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

/// The label bits with which both record parsers find a label twice in one record (all value
/// labels share [`VALUE`](label::VALUE)).
pub(crate) mod label {
    pub(crate) const BVER: u32 = 1;
    pub(crate) const BN: u32 = 1 << 1;
    pub(crate) const BT: u32 = 1 << 2;
    pub(crate) const N: u32 = 1 << 3;
    pub(crate) const T: u32 = 1 << 4;
    pub(crate) const VALUE: u32 = 1 << 5;
    pub(crate) const BU: u32 = 1 << 6;
    pub(crate) const U: u32 = 1 << 7;
    pub(crate) const UT: u32 = 1 << 8;
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
    /// The alternate path to strip (empty for none).
    prefix: &'a str,
    /// The reception time in seconds since the epoch, for relative SenML times.
    now: Option<f64>,
}

/// Resolved SenML times below this are relative to "now" (RFC 8428 §4.5.3).
const RELATIVE_LIMIT: f64 = 268_435_456.0;

impl<'a> Resolver<'a> {
    pub(crate) fn new(dialect: Dialect, opts: &Options<'a>) -> Self {
        Resolver {
            bn: None,
            bn_fast: None,
            bt: None,
            lenient_slash: dialect == Dialect::Lwm2mJson,
            dialect,
            prefix: opts.prefix(),
            now: match dialect {
                Dialect::Lwm2mJson => None,
                _ => opts.reception_time.map(|d| d.as_secs_f64()),
            },
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
            self.bn_fast = match bn.as_bytes().strip_prefix(self.prefix.as_bytes()) {
                Some(rest) => FastPath::prefix(rest),
                None => None,
            };
            self.bn = Some(bn);
        }
        if let Some((bt, off)) = bt {
            self.bt = Some(finite(bt.to_f64(), off, "bt")?);
        }
        Ok(())
    }

    /// Where a record with only a name and a value can be resolved on the fast path: the
    /// path state after the base name in effect (and whether the name must start with `/`,
    /// when no base name is in effect); `None` when a time, an alternate path or a base name
    /// off the fast path applies.
    #[inline(always)]
    pub(crate) fn fast_start(&self) -> Option<(FastPath, bool)> {
        if self.bt.is_some() || !self.prefix.is_empty() {
            return None;
        }
        match (&self.bn, self.bn_fast) {
            (None, _) if !self.lenient_slash => Some((FastPath::NEW, true)),
            (Some(_), Some(st)) => Some((st, false)),
            _ => None,
        }
    }

    /// The record found by a format's fast path (see [`Resolver::fast_start`]).
    #[inline(always)]
    pub(crate) fn fast_record(
        &self,
        offset: usize,
        path: Path,
        value: FieldValue<'a>,
        value_offset: usize,
    ) -> RecordRef<'a> {
        RecordRef {
            offset,
            path,
            time: None,
            value: Some(value),
            value_offset,
            dialect: self.dialect,
        }
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
        let (mut a, mut b) = (bn.unwrap_or("").as_bytes(), n.unwrap_or("").as_bytes());
        if !self.prefix.is_empty() {
            (a, b) = strip_prefix(self.prefix.as_bytes(), a, b).ok_or(Error::Field {
                offset: raw.offset,
                label: "n",
                kind: FieldKind::MissingPrefix,
            })?;
        }
        let fast = match self.bn_fast {
            Some(st) => st.finish(b),
            None => None,
        };
        let path = match fast {
            Some(p) => Ok(p),
            None if a.is_empty() && b.is_empty() && !self.prefix.is_empty() => Ok(Path::ROOT),
            None => parse_path(a, b, self.lenient_slash),
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
                let at = t.map_or(raw.offset, |t| t.1);
                let sum = finite(bt.unwrap_or(0.0) + t.map_or(0.0, |t| t.0), at, "t")?;
                Some(match self.now {
                    Some(now) if sum < RELATIVE_LIMIT => finite(now + sum, at, "t")?,
                    _ => sum,
                })
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

/// The resolved name `a + b` without the alternate path `prefix` (non-empty), as two parts
/// again; `None` when it does not start with `prefix` followed by `/` or nothing.
fn strip_prefix<'x>(prefix: &[u8], a: &'x [u8], b: &'x [u8]) -> Option<(&'x [u8], &'x [u8])> {
    let (a, b) = match a.strip_prefix(prefix) {
        Some(rest) => (rest, b),
        None => {
            let tail = prefix.strip_prefix(a)?;
            (&a[a.len()..], b.strip_prefix(tail)?)
        }
    };
    match a.first().or(b.first()) {
        None | Some(b'/') => Some((a, b)),
        Some(_) => None,
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
}

impl FastPath {
    pub(crate) const NEW: FastPath = FastPath {
        ids: [0; 4],
        len: 0,
        v: 0,
        digits: 0,
    };

    /// The state after a base name `a` (which must start with `/`), or `None` when the fast
    /// path does not apply (the slow path then parses every name).
    #[inline(never)]
    pub(crate) fn prefix(a: &[u8]) -> Option<FastPath> {
        let (&b'/', rest) = a.split_first()? else {
            return None;
        };
        let mut st = FastPath::NEW;
        st.feed(rest).then_some(st)
    }

    /// Whether this is the state after `/o/i/` exactly (names below it are `r` or `r/ri`).
    #[inline(always)]
    pub(crate) fn is_dir(&self, (o, i): (u16, u16)) -> bool {
        self.len == 2 && self.digits == 0 && self.ids[0] == o && self.ids[1] == i
    }

    /// The path `a + b` for the state `self` after `a`, or `None` (the slow path then finds
    /// the result, error or root).
    #[inline(always)]
    pub(crate) fn finish(mut self, b: &[u8]) -> Option<Path> {
        if !self.feed(b) || !self.close() {
            return None;
        }
        Path::new(&self.ids[..self.len]).ok()
    }

    /// Closes the segment read so far; `false` if it is empty, not a valid id, or one too many.
    #[inline(always)]
    fn close(&mut self) -> bool {
        if self.digits == 0 || self.v > u32::from(lwm2m_types::MAX_ID) || self.len >= 4 {
            return false;
        }
        self.ids[self.len] = self.v as u16;
        self.len += 1;
        self.v = 0;
        self.digits = 0;
        true
    }

    /// Feeds the bytes of one part; `false` at anything the slow path must look at (a
    /// character other than a digit or `/`, a leading zero, a sixth digit, a bad segment).
    #[inline(always)]
    fn feed(&mut self, part: &[u8]) -> bool {
        for &c in part {
            let d = c.wrapping_sub(b'0');
            if d < 10 {
                // A digit after a leading `0`, or a sixth digit.
                if (self.digits > 0 && self.v == 0) || self.digits == 5 {
                    return false;
                }
                self.digits += 1;
                self.v = self.v * 10 + u32::from(d);
            } else if c != b'/' || !self.close() {
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
    let mut st = FastPath::NEW;
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

fn b64(text: &str, dialect: Dialect, opts: &Options<'_>) -> Result<Vec<u8>, TypeErr> {
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
    opts: &Options<'_>,
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

/// The typed value of a record for a node (every record needs a value, not `null`), its
/// resource's type looked up through `types`.
#[inline(always)]
fn node_value<M: ModelProvider + ?Sized>(
    r: &RecordRef<'_>,
    types: &mut ModelCursor<'_, M>,
    opts: &Options<'_>,
) -> Result<Value, Error> {
    match &r.value {
        None => Err(Error::Field {
            offset: r.offset,
            label: "v",
            kind: FieldKind::MissingValue,
        }),
        Some(FieldValue::Null) => Err(Error::Field {
            offset: r.value_offset,
            label: "v",
            kind: FieldKind::NullNotAllowed,
        }),
        Some(field) => {
            let dt = match *r.path.ids() {
                [o, _, res, ..] => types.data_type(o, res),
                _ => None,
            };
            typed(field, dt, r.dialect, opts).map_err(|(expected, kind)| Error::Value {
                offset: r.value_offset,
                path: r.path,
                expected,
                kind,
            })
        }
    }
}

/// Builds the node at `path` from records: every record needs a value at or below `path`.
///
/// `records` makes a reader over the payload. Under a root, object or instance request, the
/// node is built while reading as long as the records come in strictly increasing path order
/// (what every encoder writes); at the first record out of that order the payload is read again
/// and built through `lwm2m_types::NodeBuilder` (same result, same rules and errors).
pub(crate) fn build_node<'a, S: Source<'a>>(
    records: impl Fn() -> S,
    path: &Path,
    model: &impl ModelProvider,
    opts: &Options<'_>,
    end: usize,
) -> Result<Node, Error> {
    if path.len() <= 2
        && let Some(node) = build_sorted(records(), path, model, opts, end)?
    {
        return Ok(node);
    }
    build_general(records(), path, model, opts, end)
}

/// The sorted case of [`build_node`]: `Ok(None)` when a record is out of order or there is
/// none (nothing built then matters; the general path reads everything again). Errors of the
/// reader and of value typing are those the general path meets first as well.
fn build_sorted<'a>(
    mut records: impl Source<'a>,
    request: &Path,
    model: &impl ModelProvider,
    opts: &Options<'_>,
    end: usize,
) -> Result<Option<Node>, Error> {
    let mut types = ModelCursor::new(model);
    let Some(mut sorted) = Sorted::new(request, model, end) else {
        return Ok(None);
    };
    while let Some(r) = records.next_record()? {
        let value = node_value(&r, &mut types, opts)?;
        if !sorted.push(r.path.ids(), value) {
            return Ok(None);
        }
    }
    Ok(sorted.finish())
}

/// Builds the node of a request at any level from values that arrive in strictly
/// increasing path order (what every encoder writes), as [`build_node`]'s sorted case and the
/// formats' one-walk node decoders do. It only ever says "not this way" (`false`, `None`): the
/// caller then builds the node on the general path, which finds the same node or the error.
pub(crate) struct Sorted<'m, M: ?Sized> {
    model: ModelCursor<'m, M>,
    request: Path,
    /// The previous value's path as a [`Sorted::key`]; `None` before the first.
    prev: Option<u64>,
    res: IdMap<Resource>,
    objects: IdMap<Object>,
}

impl<'m, M: ModelProvider + ?Sized> Sorted<'m, M> {
    /// A builder for `request` (any level). `end` is the payload's length: the resources of
    /// an instance are reserved for as many records as it can hold (at most 1024), never for a
    /// count the payload claims.
    #[inline]
    pub(crate) fn new(request: &Path, model: &'m M, end: usize) -> Option<Self> {
        let cap = match request.len() {
            2 => (end / 12).min(1024),
            3 | 4 => 1,
            _ => 0,
        };
        Some(Sorted {
            model: ModelCursor::new(model),
            request: *request,
            prev: None,
            res: IdMap::with_capacity(cap),
            objects: IdMap::new(),
        })
    }

    /// The order of paths of three or four ids as one number: `/o/i/r` sorts before its own
    /// instances (`ri + 1` fits: ids end at 65534).
    #[inline(always)]
    fn key(ids: &[u16]) -> u64 {
        (u64::from(ids[0]) << 48)
            | (u64::from(ids[1]) << 32)
            | (u64::from(ids[2]) << 16)
            | ids.get(3).map_or(0, |&ri| u64::from(ri) + 1)
    }

    /// The model's data type for the resource of `path` (three or four ids).
    #[inline(always)]
    pub(crate) fn data_type(&mut self, path: &Path) -> Option<DataType> {
        let ids = path.ids();
        self.model.data_type(ids[0], ids[2])
    }

    /// Adds the value at `ids`; `false` (nothing added) when `ids` is not a resource or
    /// resource instance below the request, or does not come after the previous path (a
    /// resource followed by its own instances included).
    #[inline(always)]
    pub(crate) fn push(&mut self, ids: &[u16], value: Value) -> bool {
        if ids.len() < 3 || !prefix_eq(ids, self.request.ids()) {
            return false;
        }
        let key = Self::key(ids);
        if let Some(prev) = self.prev
            && (prev >= key || (prev & 0xffff == 0 && prev >> 16 == key >> 16))
        {
            return false;
        }
        self.prev = Some(key);
        if self.request.len() >= 2 {
            return add_resource(&mut self.res, ids, value);
        }
        let Some(obj) = last_or_push(&mut self.objects, ids[0], Object::new) else {
            return false;
        };
        let Some(inst) = last_or_push(&mut obj.instances, ids[1], ObjectInstance::new) else {
            return false;
        };
        add_resource(&mut inst.resources, ids, value)
    }

    /// The object and instance ids of an instance request.
    #[inline(always)]
    pub(crate) fn instance(&self) -> Option<(u16, u16)> {
        match *self.request.ids() {
            [o, i] => Some((o, i)),
            _ => None,
        }
    }

    /// [`Sorted::data_type`] for resource `r` of an instance request `/o/i`.
    #[inline(always)]
    pub(crate) fn data_type_rel(&mut self, (o, _): (u16, u16), r: u16) -> Option<DataType> {
        self.model.data_type(o, r)
    }

    /// [`Sorted::push`] of the value at `/o/i/r` or `/o/i/r/ri` under an instance request
    /// `/o/i` (ids from a relative name: valid, not yet ordered).
    #[inline(always)]
    pub(crate) fn push_rel(
        &mut self,
        (o, i): (u16, u16),
        r: u16,
        ri: Option<u16>,
        value: Value,
    ) -> bool {
        let key = (u64::from(o) << 48)
            | (u64::from(i) << 32)
            | (u64::from(r) << 16)
            | ri.map_or(0, |ri| u64::from(ri) + 1);
        if let Some(prev) = self.prev
            && (prev >= key || (prev & 0xffff == 0 && prev >> 16 == key >> 16))
        {
            return false;
        }
        self.prev = Some(key);
        add_resource_rel(&mut self.res, r, ri, value)
    }

    /// The node built; `None` when no value came (the general path decides what that is).
    #[inline]
    pub(crate) fn finish(self) -> Option<Node> {
        self.prev?;
        match *self.request.ids() {
            [_, iid] => Some(Node::ObjectInstance(ObjectInstance {
                id: iid,
                resources: self.res,
            })),
            [] => Some(Node::Root(self.objects)),
            [_] => self.objects.into_iter().next().map(Node::Object),
            // Every value is at or below the request: one resource.
            [_, _, _] => self.res.into_iter().next().map(Node::Resource),
            // The request's own resource instance, in a multiple resource.
            _ => match self.res.into_iter().next()? {
                Resource::Multiple { instances, .. } => {
                    instances.into_iter().next().map(Node::ResourceInstance)
                }
                Resource::Single { .. } => None,
            },
        }
    }
}

/// [`build_node`] for any input.
fn build_general<'a>(
    mut records: impl Source<'a>,
    path: &Path,
    model: &impl ModelProvider,
    opts: &Options<'_>,
    end: usize,
) -> Result<Node, Error> {
    // Typed values first (one allocation, sized by the real input, never by a claimed count).
    let mut items: Vec<(Path, Value, usize)> = Vec::with_capacity((end / 12).min(1024));
    let mut types = ModelCursor::new(model);
    while let Some(r) = records.next_record()? {
        let value = node_value(&r, &mut types, opts)?;
        items.push((r.path, value, r.offset));
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

/// The last node of `map` if its id is `id`, else a new `make(id)` inserted (ids come in
/// increasing order, so it is the last one then).
#[inline(always)]
fn last_or_push<T: HasId>(map: &mut IdMap<T>, id: u16, make: fn(u16) -> T) -> Option<&mut T> {
    if map.as_slice().last().map(HasId::id) != Some(id) {
        map.push(make(id)).ok()?;
    }
    map.iter_mut().next_back()
}

/// Adds the value at `ids` (`/o/i/r` or `/o/i/r/ri`, after the instance's last value) to an
/// instance's resources; `false` (nothing added) when it is not after the last one.
#[inline(always)]
fn add_resource(resources: &mut IdMap<Resource>, ids: &[u16], value: Value) -> bool {
    add_resource_rel(resources, ids[2], ids.get(3).copied(), value)
}

/// [`add_resource`] for resource `r` and resource instance `ri`.
#[inline(always)]
fn add_resource_rel(
    resources: &mut IdMap<Resource>,
    r: u16,
    ri: Option<u16>,
    value: Value,
) -> bool {
    match ri {
        None => pushed(resources.push(Resource::Single { id: r, value })),
        Some(ri) => {
            if let Some(Resource::Multiple { id, instances }) = resources.iter_mut().next_back()
                && *id == r
            {
                pushed(instances.push(ResourceInstance { id: ri, value }))
            } else {
                let mut instances = IdMap::with_capacity(2);
                pushed(instances.push(ResourceInstance { id: ri, value }))
                    && pushed(resources.push(Resource::Multiple { id: r, instances }))
            }
        }
    }
}

/// Whether [`IdMap::push`] appended; a node it gave back is dropped out of the hot path.
#[inline(always)]
fn pushed<T>(r: Result<(), T>) -> bool {
    #[cold]
    #[inline(never)]
    fn refused<T>(_: T) {}
    match r {
        Ok(()) => true,
        Err(node) => {
            refused(node);
            false
        }
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
        opts: &Options<'_>,
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
    opts: &Options<'_>,
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
    opts: &Options<'_>,
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

/// A name or base name to write: either text (the public writers) or a path built from ids
/// (the encoders), written straight from the ids without an intermediate string.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NameRef<'x> {
    /// Text as given (escaped where the format needs it).
    Text(&'x str),
    /// `prefix`, then the ids joined by `/` (with a `/` before the first id if `lead`), then a
    /// `/` if `trailing`.
    Path {
        prefix: &'x str,
        ids: &'x [u16],
        lead: bool,
        trailing: bool,
    },
}

impl<'x> NameRef<'x> {
    /// A name relative to the base name: `ids` joined by `/`.
    #[inline(always)]
    pub(crate) fn below(ids: &'x [u16]) -> Self {
        NameRef::Path {
            prefix: "",
            ids,
            lead: false,
            trailing: false,
        }
    }

    /// The absolute path of `ids` (`/` for none), with a trailing `/` if `trailing`.
    #[inline(always)]
    pub(crate) fn absolute(ids: &'x [u16], trailing: bool) -> Self {
        NameRef::Path {
            prefix: "",
            ids,
            lead: true,
            trailing: trailing || ids.is_empty(),
        }
    }

    /// The length of the text in bytes.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        match *self {
            NameRef::Text(s) => s.len(),
            NameRef::Path {
                prefix,
                ids,
                lead,
                trailing,
            } => {
                let mut n = prefix.len() + usize::from(trailing);
                for &id in ids {
                    n += crate::num::u16_len(id) + 1;
                }
                n - usize::from(!lead && !ids.is_empty())
            }
        }
    }

    /// Appends the ids part (`lead`, ids, `trailing`; not the prefix) as ASCII.
    #[inline]
    pub(crate) fn push_ids(out: &mut Vec<u8>, ids: &[u16], lead: bool, trailing: bool) {
        for (i, &id) in ids.iter().enumerate() {
            if i > 0 || lead {
                out.push(b'/');
            }
            crate::num::push_u16(out, id);
        }
        if trailing {
            out.push(b'/');
        }
    }
}

/// One record for the format writers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rec<'x> {
    pub(crate) bn: Option<NameRef<'x>>,
    pub(crate) bt: Option<f64>,
    pub(crate) n: Option<NameRef<'x>>,
    pub(crate) t: Option<f64>,
    pub(crate) value: WriteValue<'x>,
}

impl<'x> Rec<'x> {
    /// The record that [`Sink::fast`] takes apart: the base name `bn` (request ids and whether
    /// a `/` follows them), the name `n` (ids below the base name) and the value, with no
    /// alternate path and no time.
    #[inline]
    pub(crate) fn fast(bn: Option<(&'x [u16], bool)>, n: Option<&'x [u16]>, v: &'x Value) -> Self {
        Rec {
            bn: bn.map(|(ids, trailing)| NameRef::absolute(ids, trailing)),
            bt: None,
            n: n.map(NameRef::below),
            t: None,
            value: WriteValue::Value(v.as_ref()),
        }
    }

    /// The record for a public [`WriteRecord`].
    pub(crate) fn from_write(r: &WriteRecord<'x>) -> Self {
        Rec {
            bn: r.base_name.map(NameRef::Text),
            bt: r.base_time,
            n: r.name.map(NameRef::Text),
            t: r.time,
            value: r.value,
        }
    }
}

/// What the shared encoder drives: the format's record writer.
pub(crate) trait Sink {
    /// Any record.
    fn record(&mut self, r: &Rec<'_>) -> Result<(), EncodeKind>;
    /// The records of a node without alternate path or base time: `bn` absolute from ids (`/`
    /// before each id, a trailing `/` if asked, `/` alone for no ids), `n` relative (the ids
    /// joined by `/`), the node's value as it is (no [`ValueRef`] made and matched again).
    /// Writes nothing of the record on error. A writer may keep records back in its scratch
    /// until its next general record or its end.
    fn fast(
        &mut self,
        bn: Option<(&[u16], bool)>,
        n: Option<&[u16]>,
        v: &Value,
    ) -> Result<(), EncodeKind>;
}

#[cfg(test)]
pub(crate) type PathText = StackBuf<32>;

/// `path` as absolute text (`/3/0`, `/` for the root), with a trailing `/` if asked.
#[cfg(test)]
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
#[cfg(test)]
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

pub(crate) fn is_leaf(node: &Node) -> bool {
    matches!(
        node,
        Node::ResourceInstance(_) | Node::Resource(Resource::Single { .. })
    )
}

/// The base name of a node at `path` (`prefix/3/0/` for an aggregate, `prefix/3/0/0` for a
/// leaf, `prefix/` for the root).
pub(crate) fn base_name<'x>(prefix: &'x str, path: &'x Path, leaf: bool) -> NameRef<'x> {
    NameRef::Path {
        prefix,
        ids: path.ids(),
        lead: true,
        trailing: path.is_root() || !leaf,
    }
}

/// An id checked as [`Path::child`] checks it (the same error for 65535).
#[inline(always)]
fn id_ok(ids: &[u16], id: u16) -> Result<u16, Error> {
    if id > lwm2m_types::MAX_ID {
        return Err(id_error(ids, id));
    }
    Ok(id)
}

#[cold]
fn id_error(ids: &[u16], id: u16) -> Error {
    match Path::new(ids).and_then(|p| p.child(id)) {
        Err(e) => Error::from(e),
        Ok(_) => Error::Types(lwm2m_types::Error::Path {
            segment: ids.len() as u8 + 1,
            kind: PathErrorKind::OutOfRange,
        }),
    }
}

/// Calls `f` with the full ids and the value of every value below `node` (at `path`), in the
/// order of [`Node::visit_values`], with the same id checks, without building paths.
#[inline(always)]
pub(crate) fn visit_ids(
    node: &Node,
    path: &Path,
    f: &mut impl FnMut(&[u16], &Value) -> Result<(), Error>,
) -> Result<(), Error> {
    #[inline(always)]
    fn resources(
        ids: &mut [u16; 4],
        rs: &IdMap<Resource>,
        f: &mut impl FnMut(&[u16], &Value) -> Result<(), Error>,
    ) -> Result<(), Error> {
        for r in rs.iter() {
            ids[2] = id_ok(&ids[..2], lwm2m_types::HasId::id(r))?;
            match r {
                Resource::Single { value, .. } => f(&ids[..3], value)?,
                Resource::Multiple { instances, .. } => {
                    for ri in instances.iter() {
                        ids[3] = id_ok(&ids[..3], ri.id)?;
                        f(&ids[..4], &ri.value)?;
                    }
                }
            }
        }
        Ok(())
    }
    #[inline(always)]
    fn instances(
        ids: &mut [u16; 4],
        is: &IdMap<ObjectInstance>,
        f: &mut impl FnMut(&[u16], &Value) -> Result<(), Error>,
    ) -> Result<(), Error> {
        for i in is.iter() {
            ids[1] = id_ok(&ids[..1], i.id)?;
            resources(ids, &i.resources, f)?;
        }
        Ok(())
    }
    node.check_path(path)?;
    let mut ids = [0u16; 4];
    ids[..path.len()].copy_from_slice(path.ids());
    match node {
        Node::Root(objects) => {
            for o in objects.iter() {
                ids[0] = id_ok(&[], o.id)?;
                instances(&mut ids, &o.instances, f)?;
            }
            Ok(())
        }
        Node::Object(o) => {
            ids[0] = id_ok(&[], o.id)?;
            instances(&mut ids, &o.instances, f)
        }
        Node::ObjectInstance(i) => resources(&mut ids, &i.resources, f),
        Node::Resource(r) => match r {
            Resource::Single { value, .. } => f(&ids[..3], value),
            Resource::Multiple { instances, .. } => {
                for ri in instances.iter() {
                    ids[3] = id_ok(&ids[..3], ri.id)?;
                    f(&ids[..4], &ri.value)?;
                }
                Ok(())
            }
        },
        Node::ResourceInstance(ri) => f(&ids[..4], &ri.value),
    }
}

/// Calls `f` with the full ids and the value of every value of an object instance whose path
/// ids are `base` (`[o, i]`), in order, with the checks of [`visit_ids`]; `f` is called from one
/// place, so it is inlined.
#[inline(always)]
pub(crate) fn instance_values(
    inst: &ObjectInstance,
    base: &[u16],
    f: &mut impl FnMut(&[u16], &Value) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut ids = [0u16; 4];
    if let [o, i] = *base {
        ids[0] = o;
        ids[1] = i;
    }
    for r in inst.resources.iter() {
        ids[2] = id_ok(&ids[..2], lwm2m_types::HasId::id(r))?;
        let (single, instances) = match r {
            Resource::Single { value, .. } => (Some(value), &[][..]),
            Resource::Multiple { instances, .. } => (None, instances.as_slice()),
        };
        let mut k = 0;
        loop {
            let (n, v) = match single {
                Some(v) if k == 0 => (3, v),
                Some(_) => break,
                None => {
                    let Some(ri) = instances.get(k) else { break };
                    ids[3] = id_ok(&ids[..3], ri.id)?;
                    (4, &ri.value)
                }
            };
            k += 1;
            f(&ids[..n], v)?;
        }
    }
    Ok(())
}

fn emit(sink: &mut impl Sink, r: &Rec<'_>, ids: &[u16]) -> Result<(), Error> {
    sink.record(r).map_err(|kind| encode_error(ids, kind))
}

/// The encode error `kind` for the value at `ids`.
#[cold]
pub(crate) fn encode_error(ids: &[u16], kind: EncodeKind) -> Error {
    Error::Encode {
        path: Path::new(ids).unwrap_or(Path::ROOT),
        kind,
    }
}

/// The base name in effect while writing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    /// The alternate path alone.
    Prefix,
    /// The prefix, the path, a trailing `/` if set.
    Path(Path, bool),
}

/// Tracks the base name in effect while writing.
pub(crate) struct Planner<'p> {
    bn: Option<Base>,
    /// A base time to put on the next record written.
    pending_bt: Option<f64>,
    /// The alternate path written in front of every name (empty for none).
    prefix: &'p str,
}

impl<'p> Planner<'p> {
    pub(crate) fn new(opts: &Options<'p>) -> Self {
        Planner {
            bn: None,
            pending_bt: None,
            prefix: opts.prefix(),
        }
    }

    /// Writes the records of `node` at `path`. The node's path is the base name: with a trailing
    /// `/` and relative names for aggregates (`bn "/3/0/"`, `n "0"`), alone for a single resource
    /// or a resource instance (`bn "/3/0/0"`), as in the TS examples.
    pub(crate) fn node(
        &mut self,
        node: &Node,
        path: &Path,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let leaf = is_leaf(node);
        let trailing = path.is_root() || !leaf;
        let base = Base::Path(*path, trailing);
        let mut first_bn = self.bn != Some(base);
        let depth = path.len();
        let mut wrote = false;
        let prefix = self.prefix;
        if let Node::ObjectInstance(inst) = node
            && prefix.is_empty()
            && self.pending_bt.is_none()
            && path.len() == 2
        {
            // The usual node: one loop with one call of the writer.
            node.check_path(path)?;
            instance_values(inst, path.ids(), &mut |ids: &[u16], v: &Value| {
                // Two calls of the inlined writer: the usual record (no base name) is written
                // by code that does not test for one.
                let res = if first_bn {
                    first_bn = false;
                    sink.fast(Some((path.ids(), true)), Some(&ids[2..]), v)
                } else {
                    sink.fast(None, Some(&ids[2..]), v)
                };
                res.map_err(|kind| encode_error(ids, kind))?;
                wrote = true;
                Ok(())
            })?;
            if wrote {
                self.bn = Some(base);
            }
            return Ok(());
        }
        visit_ids(node, path, &mut |ids: &[u16], v: &Value| {
            let bn = core::mem::take(&mut first_bn);
            let n = (!leaf).then(|| &ids[depth..]);
            let res = if prefix.is_empty() && self.pending_bt.is_none() {
                sink.fast(bn.then(|| (path.ids(), trailing)), n, v)
            } else {
                sink.record(&Rec {
                    bn: bn.then(|| base_name(prefix, path, leaf)),
                    bt: self.pending_bt.take(),
                    n: n.map(NameRef::below),
                    t: None,
                    value: WriteValue::Value(v.as_ref()),
                })
            };
            res.map_err(|kind| encode_error(ids, kind))?;
            wrote = true;
            Ok(())
        })?;
        if wrote {
            self.bn = Some(base);
        }
        Ok(())
    }

    /// One record for a path alone (name-only, `"v": null`, or a leaf value of composite
    /// content): `n` with the full path while no base name is in effect, else `bn` with the full
    /// path. With an alternate path, `bn` is the prefix and `n` the full path.
    fn path_alone(
        &mut self,
        ids: &[u16],
        value: WriteValue<'_>,
        sink: &mut impl Sink,
    ) -> Result<(), Error> {
        let full = NameRef::absolute(ids, false);
        let r = if !self.prefix.is_empty() {
            Rec {
                bn: (self.bn != Some(Base::Prefix)).then_some(NameRef::Path {
                    prefix: self.prefix,
                    ids: &[],
                    lead: false,
                    trailing: false,
                }),
                bt: self.pending_bt.take(),
                n: Some(full),
                t: None,
                value,
            }
        } else if self.bn.is_none() {
            Rec {
                bn: None,
                bt: self.pending_bt.take(),
                n: Some(full),
                t: None,
                value,
            }
        } else {
            Rec {
                bn: Some(full),
                bt: self.pending_bt.take(),
                n: None,
                t: None,
                value,
            }
        };
        emit(sink, &r, ids)?;
        if !self.prefix.is_empty() {
            self.bn = Some(Base::Prefix);
        } else if let Some(b) = &mut self.bn
            && let Ok(p) = Path::new(ids)
        {
            *b = Base::Path(p, p.is_root());
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
                    self.path_alone(path.ids(), WriteValue::Null, sink)?;
                }
                None => self.path_alone(path.ids(), WriteValue::None, sink)?,
                Some(node) if is_leaf(node) && (self.bn.is_none() || !self.prefix.is_empty()) => {
                    visit_ids(node, path, &mut |ids: &[u16], v: &Value| {
                        self.path_alone(ids, WriteValue::Value(v.as_ref()), sink)
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
