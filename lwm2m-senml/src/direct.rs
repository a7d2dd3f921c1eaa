//! Node decoding in one walk over the bytes, for the payloads every encoder writes: a pack of
//! records `{bn?, n?, value}` (fields in that order; SenML JSON without white space) in
//! increasing path order, at any request level, with no time, no alternate path and no other
//! field. Under an instance request `/o/i` whose base name is `/o/i/`, the
//! usual record `{n: "r" or "r/ri", value}` takes a shorter lane that reads the two ids
//! directly.
//!
//! These walks read the bytes once, type each value as they read it (through the same
//! `typed` as the readers for anything but plain integers and strings) and build the node as they
//! go. They never report an error: at the first thing off that shape (including every error)
//! they answer `None`, and the caller decodes the payload again on the record readers
//! (`build_node`), which find the same node or the error. So they only have to agree with the
//! readers where they answer `Some`: the tests here compare the two on the spec vectors, on
//! mutations of them and on the fuzz corpora, and the fuzz bodies compare every node decode with
//! the node that the readers' records make.

use std::borrow::Cow;

use lwm2m_types::{DataType, ModelProvider, Node, Path, Value};

use crate::Options;
use crate::json_lex::{Lexer, plain_len};
use crate::num::f16_to_f64;
use crate::record::{Dialect, FastPath, FieldValue, Number, Sorted, typed};

/// The path of a record's name `n` under the base name state `base`: `None` when it is off
/// the fast path or not a resource or resource instance.
#[inline(always)]
fn resolve(base: Option<FastPath>, n: Option<&[u8]>) -> Option<Path> {
    let path = match (base, n) {
        (Some(st), n) => st.finish(n.unwrap_or_default())?,
        (None, Some(n)) => FastPath::NEW.finish(n.strip_prefix(b"/")?)?,
        (None, None) => return None,
    };
    (path.len() >= 3).then_some(path)
}

/// A name relative to `/o/i/`: `r` or `r/ri`, each id as [`FastPath`] reads it (no leading
/// zero, at most `MAX_ID`); `None` for anything else (the general resolution then decides).
#[inline(always)]
fn rel_name(n: &[u8]) -> Option<(u16, Option<u16>)> {
    // The short names of most resources by their shape, without a loop or a branch per
    // byte: digits (`c - b'0'` below 10), and no leading zero in an id of two digits.
    let v = |c: u8| u16::from(c.wrapping_sub(b'0'));
    match *n {
        [a] => (v(a) < 10).then_some((v(a), None)),
        [a, b] => (v(a).max(v(b)) < 10 && v(a) != 0).then_some((v(a) * 10 + v(b), None)),
        [a, b'/', c] => (v(a).max(v(c)) < 10).then_some((v(a), Some(v(c)))),
        [a, b'/', c, e] => {
            (v(a).max(v(c)).max(v(e)) < 10 && v(c) != 0).then_some((v(a), Some(v(c) * 10 + v(e))))
        }
        [a, b, b'/', c] => {
            (v(a).max(v(b)).max(v(c)) < 10 && v(a) != 0).then_some((v(a) * 10 + v(b), Some(v(c))))
        }
        _ => rel_prefix(n).and_then(|(r, ri, k)| (k == n.len()).then_some((r, ri))),
    }
}

/// [`rel_name`] at the start of `b`, up to its closing quote (not included), and its length.
#[inline(always)]
fn rel_quoted(b: &[u8]) -> Option<(u16, Option<u16>, usize)> {
    let k = match *b {
        [_, b'"', ..] => 1,
        [_, _, b'"', ..] => 2,
        [_, _, _, b'"', ..] => 3,
        [_, _, _, _, b'"', ..] => 4,
        _ => return rel_prefix(b),
    };
    let (r, ri) = rel_name(&b[..k])?;
    Some((r, ri, k))
}

/// [`rel_name`] at the start of `b`, and its length.
#[inline(always)]
fn rel_prefix(b: &[u8]) -> Option<(u16, Option<u16>, usize)> {
    let (r, k) = id_prefix(b)?;
    if b.get(k) != Some(&b'/') {
        return Some((r, None, k));
    }
    let (ri, m) = id_prefix(&b[k + 1..])?;
    Some((r, Some(ri), k + 1 + m))
}

/// The id that the digits at the start of `s` spell and how many there are: one to five digits,
/// no leading zero, at most `MAX_ID`.
#[inline(always)]
fn id_prefix(s: &[u8]) -> Option<(u16, usize)> {
    let mut v = 0u32;
    let mut k = 0;
    while let Some(&c) = s.get(k) {
        let d = c.wrapping_sub(b'0');
        if d > 9 || k == 5 {
            break;
        }
        v = v * 10 + u32::from(d);
        k += 1;
    }
    if k == 0 || (k > 1 && s[0] == b'0') || s.get(k).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    u16::try_from(v)
        .ok()
        .filter(|&v| v <= lwm2m_types::MAX_ID)
        .map(|v| (v, k))
}

/// The builder of a walk at `request`; `None` when walks do not apply (an alternate path).
#[inline(always)]
fn start<'m, M: ModelProvider + ?Sized>(
    request: &Path,
    model: &'m M,
    opts: &Options<'_>,
    len: usize,
) -> Option<Sorted<'m, M>> {
    if !opts.prefix().is_empty() {
        return None;
    }
    Sorted::new(request, model, len)
}

/// The instance `/o/i` whose records take the short lane: the request's, when the base name in
/// effect is `/o/i/`.
#[inline(always)]
fn rel_lane(instance: Option<(u16, u16)>, base: Option<FastPath>) -> Option<(u16, u16)> {
    instance.filter(|&oi| base.is_some_and(|st| st.is_dir(oi)))
}

/// A SenML CBOR node at `request` (see the module docs).
pub(crate) fn senml_cbor<M: ModelProvider + ?Sized>(
    bytes: &[u8],
    request: &Path,
    model: &M,
    opts: &Options<'_>,
) -> Option<Node> {
    let mut sorted = start(request, model, opts, bytes.len())?;
    let mut c = Cbor { rest: bytes };
    let h = c.byte()?;
    if h >> 5 != 4 {
        return None;
    }
    let count = c.arg(h)?;
    if count > opts.max_records as u64 {
        return None;
    }
    let mut base: Option<FastPath> = None;
    let instance = sorted.instance();
    for _ in 0..count {
        // Under an instance request `/o/i` with the base name `/o/i/`: {0: "r" or "r/ri", value}.
        if let Some(oi) = rel_lane(instance, base)
            && let [0xa2, 0x00, nh @ 0x61..=0x6b, rest @ ..] = c.rest
            && let Some((name, rest)) = rest.split_at_checked(usize::from(nh & 0x1f))
            && let Some((r, ri)) = rel_name(name)
        {
            c.rest = rest;
            let key = c.byte()?;
            let value = c.typed_value(key, sorted.data_type_rel(oi, r), opts)?;
            if !sorted.push_rel(oi, r, ri, value) {
                return None;
            }
            continue;
        }
        // {-2: bn?, 0: n?, value} in this order (what every encoder writes).
        let h = c.byte()?;
        if !(0xa1..=0xb7).contains(&h) {
            return None;
        }
        let mut left = h & 0x1f;
        if c.peek() == Some(0x21) {
            c.skip();
            left -= 1;
            base = Some(FastPath::prefix(c.string(3)?)?);
        }
        let n = if left > 1 && c.peek() == Some(0x00) {
            c.skip();
            left -= 1;
            Some(c.string(3)?)
        } else {
            None
        };
        if left != 1 {
            return None;
        }
        let path = resolve(base, n)?;
        let key = c.byte()?;
        let value = c.typed_value(key, sorted.data_type(&path), opts)?;
        if !sorted.push(path.ids(), value) {
            return None;
        }
    }
    if !c.rest.is_empty() {
        return None;
    }
    sorted.finish()
}

/// The bytes of a SenML CBOR payload that the walk has not read yet.
struct Cbor<'a> {
    rest: &'a [u8],
}

impl<'a> Cbor<'a> {
    #[inline(always)]
    fn byte(&mut self) -> Option<u8> {
        let (&c, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(c)
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Skips the byte that [`Cbor::peek`] saw.
    #[inline(always)]
    fn skip(&mut self) {
        self.rest = self.rest.get(1..).unwrap_or_default();
    }

    /// The next `n` bytes.
    #[inline(always)]
    fn take(&mut self, n: u64) -> Option<&'a [u8]> {
        let (s, rest) = self.rest.split_at_checked(usize::try_from(n).ok()?)?;
        self.rest = rest;
        Some(s)
    }

    /// The argument of the head `h` (definite lengths and integers only).
    #[inline(always)]
    fn arg(&mut self, h: u8) -> Option<u64> {
        Some(match h & 0x1f {
            ai @ 0..=23 => u64::from(ai),
            24 => u64::from(self.byte()?),
            25 => u64::from(u16::from_be_bytes(self.take(2)?.try_into().ok()?)),
            26 => u64::from(u32::from_be_bytes(self.take(4)?.try_into().ok()?)),
            27 => u64::from_be_bytes(self.take(8)?.try_into().ok()?),
            _ => return None,
        })
    }

    /// A definite byte (`major` 2) or text (3) string.
    #[inline(always)]
    fn string(&mut self, major: u8) -> Option<&'a [u8]> {
        let h = self.byte()?;
        if h >> 5 != major {
            return None;
        }
        let len = self.arg(h)?;
        self.take(len)
    }

    #[inline(always)]
    fn text(&mut self) -> Option<Cow<'a, str>> {
        core::str::from_utf8(self.string(3)?)
            .ok()
            .map(Cow::Borrowed)
    }

    /// The value of the field `key` typed with `dt`, as [`typed`] types what
    /// [`Cbor::value`] reads; integers for integer and time resources and strings for string
    /// resources are typed as they are read.
    #[inline(always)]
    fn typed_value(&mut self, key: u8, dt: Option<DataType>, opts: &Options<'_>) -> Option<Value> {
        let at = self.rest;
        let h = *at.first()?;
        match (key, dt) {
            (0x02, None | Some(DataType::Integer | DataType::Time))
                if h <= 0x1b || (0x20..=0x3b).contains(&h) =>
            {
                self.skip();
                // Beyond i64: through `typed`, from the start of the value.
                if let Ok(v) = i64::try_from(self.arg(h)?) {
                    let v = if h >= 0x20 { -1 - v } else { v };
                    return Some(match dt {
                        Some(DataType::Time) => Value::Time(v),
                        _ => Value::Integer(v),
                    });
                }
                self.rest = at;
            }
            (0x03, Some(DataType::String)) if h >> 5 == 3 => {
                let s = core::str::from_utf8(self.string(3)?).ok()?;
                return Some(Value::String(s.to_owned()));
            }
            _ => {}
        }
        typed(&self.value(key)?, dt, Dialect::SenmlCbor, opts).ok()
    }

    /// The value of the field `key` (`v` as an integer or a float, `vs`, `vb`, `vd`, `vlo`).
    #[inline(always)]
    fn value(&mut self, key: u8) -> Option<FieldValue<'a>> {
        Some(match key {
            0x02 => {
                let h = self.byte()?;
                FieldValue::Number(match h {
                    0x00..=0x1b => Number::from_i128(i128::from(self.arg(h)?)),
                    0x20..=0x3b => Number::from_i128(-1 - i128::from(self.arg(h)?)),
                    0xf9 => Number::Float(f16_to_f64(self.arg(h)? as u16)),
                    0xfa => Number::Float(f64::from(f32::from_bits(self.arg(h)? as u32))),
                    0xfb => Number::Float(f64::from_bits(self.arg(h)?)),
                    _ => return None,
                })
            }
            0x03 => FieldValue::String(self.text()?),
            0x04 => FieldValue::Boolean(match self.byte()? {
                0xf4 => false,
                0xf5 => true,
                _ => return None,
            }),
            0x08 => FieldValue::Bytes(Cow::Borrowed(self.string(2)?)),
            0x63 if self.take(3)? == b"vlo" => FieldValue::ObjectLink(self.text()?),
            _ => return None,
        })
    }
}

/// A SenML JSON node at `request` (see the module docs), written
/// without white space as the encoders write it (white space anywhere: `None`).
pub(crate) fn senml_json<M: ModelProvider + ?Sized>(
    bytes: &[u8],
    request: &Path,
    model: &M,
    opts: &Options<'_>,
) -> Option<Node> {
    let mut sorted = start(request, model, opts, bytes.len())?;
    let mut j = Json::new(bytes)?;
    let mut base: Option<FastPath> = None;
    let instance = sorted.instance();
    let mut count = 0usize;
    let mut open = b'[';
    while j.eat(open) {
        open = b',';
        count += 1;
        if count > opts.max_records {
            return None;
        }
        // Under an instance request `/o/i` with the base name `/o/i/`: {"n":"r" or "r/ri",value}.
        if let Some(oi) = rel_lane(instance, base)
            && let Some(rest) = j.rest.strip_prefix(b"{\"n\":\"")
            && let Some((r, ri, k)) = rel_quoted(rest)
            && let Some(rest) = rest[k..].strip_prefix(b"\",")
        {
            j.rest = rest;
            let value = json_value(&mut j, sorted.data_type_rel(oi, r), opts)?;
            if !j.eat(b'}') || !sorted.push_rel(oi, r, ri, value) {
                return None;
            }
            continue;
        }
        // {"bn":"…",? "n":"…",? value}
        let mut first = b'{';
        if j.eat_str(b"{\"bn\":\"") {
            base = Some(FastPath::prefix(j.plain()?.as_bytes())?);
            first = b',';
        }
        let n = if j.eat_str(&[first, b'"', b'n', b'"', b':', b'"']) {
            first = b',';
            Some(j.plain()?.as_bytes())
        } else {
            None
        };
        let path = resolve(base, n)?;
        if !j.eat(first) {
            return None;
        }
        let value = json_value(&mut j, sorted.data_type(&path), opts)?;
        if !j.eat(b'}') || !sorted.push(path.ids(), value) {
            return None;
        }
    }
    if j.rest != b"]" {
        return None;
    }
    sorted.finish()
}

/// The text of a SenML JSON payload (checked as UTF-8 once, as the readers check it: then
/// every slice between ASCII bytes is a `&str`) and what the walk has not read yet.
struct Json<'a> {
    s: &'a str,
    rest: &'a [u8],
}

impl<'a> Json<'a> {
    #[inline(always)]
    fn new(b: &'a [u8]) -> Option<Self> {
        let s = core::str::from_utf8(b).ok()?;
        Some(Json { s, rest: b })
    }

    /// Consumes `c` if it comes next.
    #[inline(always)]
    fn eat(&mut self, c: u8) -> bool {
        match self.rest.split_first() {
            Some((&x, rest)) if x == c => {
                self.rest = rest;
                true
            }
            _ => false,
        }
    }

    /// Consumes `p` if it comes next.
    #[inline(always)]
    fn eat_str(&mut self, p: &[u8]) -> bool {
        match self.rest.strip_prefix(p) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// The offset of what comes next.
    #[inline(always)]
    fn pos(&self) -> usize {
        self.s.len() - self.rest.len()
    }

    /// A string without escapes, after its opening quote; consumed up to the closing one.
    #[inline(always)]
    fn plain(&mut self) -> Option<&'a str> {
        let len = plain_len(self.rest);
        let rest = self.rest.get(len..)?.strip_prefix(b"\"")?;
        let start = self.pos();
        self.rest = rest;
        self.s.get(start..start + len)
    }

    /// A number or a boolean, read by the readers' lexer from what comes next.
    #[inline(always)]
    fn lexed<T>(&mut self, f: impl FnOnce(&mut Lexer<'a>) -> Result<T, crate::Error>) -> Option<T> {
        let mut lex = Lexer::at(self.s, self.pos());
        let v = f(&mut lex).ok()?;
        self.rest = self.s.as_bytes().get(lex.pos..)?;
        Some(v)
    }
}

/// The value field at the position (`"v":`, `"vs":`, `"vb":`, `"vd":` or `"vlo":` and its
/// value), typed with `dt` as [`typed`] types what the readers read; non-negative integers for
/// integer and time resources and strings without escapes for string resources are typed as
/// they are read.
#[inline(always)]
fn json_value(j: &mut Json<'_>, dt: Option<DataType>, opts: &Options<'_>) -> Option<Value> {
    let field = if j.eat_str(b"\"v\":") {
        let v = j.rest;
        if matches!(dt, None | Some(DataType::Integer | DataType::Time)) {
            // The readers' integer fast path: at most 18 digits, no leading zero, no fraction
            // or exponent after.
            let mut k = 0;
            while k < 18 && v.get(k).is_some_and(u8::is_ascii_digit) {
                k += 1;
            }
            if k > 0
                && (k == 1 || v[0] != b'0')
                && !matches!(v.get(k), Some(b'.' | b'e' | b'E' | b'0'..=b'9'))
            {
                let x = v[..k]
                    .iter()
                    .fold(0i64, |x, &c| x * 10 + i64::from(c - b'0'));
                j.rest = &v[k..];
                return Some(match dt {
                    Some(DataType::Time) => Value::Time(x),
                    _ => Value::Integer(x),
                });
            }
        }
        if !matches!(v.first(), Some(b'-' | b'0'..=b'9')) {
            return None;
        }
        FieldValue::Number(j.lexed(|l| l.number("v"))?)
    } else if j.eat_str(b"\"vs\":\"") {
        let s = j.plain()?;
        if dt == Some(DataType::String) {
            return Some(Value::String(s.to_owned()));
        }
        FieldValue::String(Cow::Borrowed(s))
    } else if j.eat_str(b"\"vb\":") {
        FieldValue::Boolean(j.lexed(|l| l.boolean("vb"))?)
    } else if j.eat_str(b"\"vd\":\"") {
        FieldValue::Base64(Cow::Borrowed(j.plain()?))
    } else if j.eat_str(b"\"vlo\":\"") {
        FieldValue::ObjectLink(Cow::Borrowed(j.plain()?))
    } else {
        return None;
    };
    typed(&field, dt, Dialect::SenmlJson, opts).ok()
}

#[cfg(test)]
mod tests {
    use lwm2m_types::{DataType, NoModel, ObjectModel, ResourceModel};

    use super::*;
    use crate::record::build_node;
    use crate::{cbor, json};

    /// Device (3) with the TS types, and an object (1024) of every data type.
    fn models() -> Vec<ObjectModel> {
        let res = |id, dt, multiple| ResourceModel {
            multiple,
            ..ResourceModel::new(id, "r", dt)
        };
        let mut device = ObjectModel::new(3, "Device");
        device.resources = vec![
            res(0, DataType::String, false),
            res(1, DataType::String, false),
            res(2, DataType::String, false),
            res(3, DataType::String, false),
            res(6, DataType::Integer, true),
            res(7, DataType::Integer, true),
            res(8, DataType::Integer, true),
            res(9, DataType::Integer, false),
            res(10, DataType::Integer, false),
            res(11, DataType::Integer, true),
            res(13, DataType::Time, false),
            res(14, DataType::String, false),
            res(16, DataType::String, false),
        ]
        .into();
        let mut all = ObjectModel::new(1024, "All");
        all.resources = DataType::ALL
            .iter()
            .enumerate()
            .map(|(i, &dt)| res(i as u16, dt, i % 2 == 1))
            .collect::<Vec<_>>()
            .into();
        vec![device, all]
    }

    fn paths() -> [Path; 9] {
        [
            Path::ROOT,
            "/3".parse().unwrap(),
            "/3/0".parse().unwrap(),
            "/1024/0".parse().unwrap(),
            "/3/0/6".parse().unwrap(),
            "/3/0/7".parse().unwrap(),
            "/3/0/9".parse().unwrap(),
            "/3/0/6/1".parse().unwrap(),
            "/1024/0/1/0".parse().unwrap(),
        ]
    }

    /// Where a walk answers, the record readers build the same node (compared by debug form, in
    /// which NaN equals NaN); counts the answers.
    fn same(bytes: &[u8]) -> usize {
        let models = models();
        let mut answers = 0;
        for opts in [
            Options::DEFAULT,
            Options {
                max_records: 3,
                ..Options::DEFAULT
            },
        ] {
            for path in &paths() {
                answers += agree(bytes, path, &models, &opts) + agree(bytes, path, &NoModel, &opts);
            }
        }
        answers
    }

    /// [`same`] for one model and one set of options, both formats.
    fn agree(bytes: &[u8], path: &Path, model: &impl ModelProvider, opts: &Options<'_>) -> usize {
        let len = bytes.len();
        let walks = [
            (
                senml_cbor(bytes, path, model, opts),
                build_node(
                    || cbor::Reader::with_options(bytes, opts),
                    path,
                    model,
                    opts,
                    len,
                ),
            ),
            (
                senml_json(bytes, path, model, opts),
                build_node(
                    || json::Reader::with_options(bytes, opts),
                    path,
                    model,
                    opts,
                    len,
                ),
            ),
        ];
        let mut answers = 0;
        for (walk, readers) in walks {
            if let Some(node) = walk {
                answers += 1;
                assert_eq!(
                    format!("{:?}", Ok::<_, crate::Error>(node)),
                    format!("{readers:?}"),
                    "{bytes:02X?} at {path}"
                );
            }
        }
        answers
    }

    fn vector(name: &str) -> Vec<u8> {
        let text = std::fs::read_to_string(format!(
            "{}/tests/vectors/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        if !name.ends_with(".hex") {
            return text.into_bytes();
        }
        let hex: String = text.chars().filter(char::is_ascii_hexdigit).collect();
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    fn seeds() -> Vec<Vec<u8>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|f| f.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("senml_"))
            .collect();
        names.sort();
        let mut out: Vec<Vec<u8>> = names.iter().map(|n| vector(n)).collect();
        // Every value field, white space, a float, a negative number, an escape.
        out.push(
            br#" [ {"bn":"/1024/0/","n":"0","v":-5} , {"n":"1/0","v":2.5e3},
                {"n":"2","vs":"caf\u00e9"},{"n":"4","vb":true},{"n":"5","vd":"AQID"},
                {"n":"7/3","vlo":"3:0"},{"n":"8","v":1.5}] "#
                .to_vec(),
        );
        // The same, as encoders write it (no white space).
        out.push(
            br#"[{"bn":"/1024/0/","n":"0","v":-5},{"n":"1/0","v":2.5e3},{"n":"2","vs":"caf\u00e9"},{"n":"3","vs":"x"},{"n":"4","vb":true},{"n":"5","vd":"AQID"},{"n":"7/3","vlo":"3:0"},{"n":"8","v":1.5}]"#
                .to_vec(),
        );
        out.push(
            br#"[{"bn":"/1024/0/","n":"0","v":-5},{"n":"1/0","v":2.5e3},{"n":"3","vs":"x"},{"n":"4","vb":true},{"n":"5","vd":"AQID"},{"n":"6","v":7},{"n":"7/3","vlo":"3:0"},{"n":"8","v":1.5}]"#
                .to_vec(),
        );
        // [{-2: "/1024/0/", 0: "0", 2: -5}, {0: "1/0", 2: 1.5 (f16)}, {0: "5", 8: h'0102'},
        //  {0: "7/3", "vlo": "3:0"}, {0: "4", 4: true}] (out of order on purpose: the last)
        out.push(vec![
            0x85, 0xa3, 0x21, 0x68, b'/', b'1', b'0', b'2', b'4', b'/', b'0', b'/', 0x00, 0x61,
            b'0', 0x02, 0x24, 0xa2, 0x00, 0x63, b'1', b'/', b'0', 0x02, 0xf9, 0x3e, 0x00, 0xa2,
            0x00, 0x61, b'5', 0x08, 0x42, 0x01, 0x02, 0xa2, 0x00, 0x63, b'7', b'/', b'3', 0x63,
            b'v', b'l', b'o', 0x63, b'3', b':', b'0', 0xa2, 0x00, 0x61, b'4', 0x04, 0xf5,
        ]);
        out
    }

    /// A small deterministic generator for mutations.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// `seed` with one byte changed, dropped, doubled, or the tail cut.
    fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
        const BYTES: &[u8] = b"0123456789/\",:{}[] nvsbdlo\x00\x02\x03\x04\x08\x21\x22\x61\x62\xa1\xa2\xa3\xf4\xf5\xf6\xf9\xff";
        let mut v = seed.to_vec();
        if v.is_empty() {
            return v;
        }
        let at = rng.below(v.len());
        match rng.below(4) {
            0 => v[at] = BYTES[rng.below(BYTES.len())],
            1 => {
                v.remove(at);
            }
            2 => v.insert(at, v[at]),
            _ => v.truncate(at),
        }
        v
    }

    #[test]
    fn walks_answer_for_the_spec_examples_as_the_readers_do() {
        let models = models();
        let device: Path = "/3/0".parse().unwrap();
        for name in [
            "senml_a_device_read_3_0.json",
            "senml_a_device_read_3_0.cbor.hex",
        ] {
            // The vector is laid out on lines; the walk reads what encoders write.
            let mut b = vector(name);
            if !name.ends_with(".hex") {
                let text = String::from_utf8(b).unwrap();
                b = text.replace("\n ", "").trim_end().as_bytes().to_vec();
            }
            let walk = if name.ends_with(".hex") {
                senml_cbor(&b, &device, &models, &Options::DEFAULT)
            } else {
                senml_json(&b, &device, &models, &Options::DEFAULT)
            };
            let Some(Node::ObjectInstance(i)) = walk else {
                panic!("{name}: no answer");
            };
            assert_eq!(i.resources.len(), 13, "{name}");
            assert_eq!(
                i.resources.get(13).and_then(|r| r.value()),
                Some(&lwm2m_types::Value::Time(1367491215)),
                "{name}"
            );
        }
        let mut answers = 0;
        for seed in seeds() {
            answers += same(&seed);
        }
        // Both extra seeds, the Device example in both formats, and more, at several levels.
        assert!(answers >= 12, "{answers}");
    }

    #[test]
    fn walks_agree_with_the_readers_on_mutations() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut answers = 0;
        for seed in seeds() {
            for _ in 0..1500 {
                answers += same(&mutate(&mut rng, &seed));
            }
        }
        assert!(answers > 1000, "{answers}");
    }

    #[test]
    fn walks_agree_with_the_readers_on_the_fuzz_corpora() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for sub in [
            "senml_json_decode",
            "senml_cbor_decode",
            "senml_roundtrip",
            "nodes_senml",
        ] {
            let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            for f in rd.flatten() {
                let bytes = std::fs::read(f.path()).unwrap();
                same(&bytes);
                same(&mutate(&mut rng, &bytes));
            }
        }
    }

    #[test]
    fn short_names_read_as_the_general_reading() {
        // Every name of up to five bytes over digits (with a zero), `/` and two non-digits
        // just outside the digits: the shapes read without a loop agree with the loop.
        let alphabet = b"0159/.:";
        let general = |n: &[u8]| rel_prefix(n).filter(|&(_, _, k)| k == n.len());
        let mut checked = 0;
        for len in 1..=5u32 {
            for mut x in 0..7usize.pow(len) {
                let mut n = Vec::new();
                for _ in 0..len {
                    n.push(alphabet[x % 7]);
                    x /= 7;
                }
                let want = general(&n).map(|(r, ri, _)| (r, ri));
                assert_eq!(rel_name(&n), want, "{:?}", String::from_utf8_lossy(&n));
                let mut quoted = n.clone();
                quoted.extend_from_slice(b"\",");
                let got = rel_quoted(&quoted).filter(|&(_, _, k)| quoted[k..].starts_with(b"\","));
                assert_eq!(got, general(&n), "{:?}", String::from_utf8_lossy(&n));
                checked += usize::from(want.is_some());
            }
        }
        // "0", "05/1", "5/05" and the like are refused; "10/9", "9/10", "5", "51" are read.
        assert_eq!(rel_name(b"10/9"), Some((10, Some(9))));
        assert_eq!(rel_name(b"9/10"), Some((9, Some(10))));
        assert_eq!(rel_name(b"05"), None);
        assert_eq!(rel_name(b"5/05"), None);
        assert!(checked > 300, "{checked}");
    }

    #[test]
    fn off_shape_payloads_get_no_answer() {
        let models = models();
        let p: Path = "/3/0".parse().unwrap();
        let j = |b: &[u8]| senml_json(b, &p, &models, &Options::DEFAULT);
        // A time, an unknown label, an out-of-order record, a resource before its own
        // instance, a value outside the request, trailing bytes, an alternate path.
        assert!(j(br#"[{"n":"/3/0/9","v":1,"t":5}]"#).is_none());
        assert!(j(br#"[{"n":"/3/0/9","v":1,"x":5}]"#).is_none());
        assert!(j(br#"[{"n":"/3/0/9","v":1},{"n":"/3/0/1","vs":"a"}]"#).is_none());
        assert!(j(br#"[{"n":"/3/0/6","v":1},{"n":"/3/0/6/0","v":1}]"#).is_none());
        let at = |b: &[u8], p: &str| senml_json(b, &p.parse().unwrap(), &models, &Options::DEFAULT);
        assert!(at(br#"[{"n":"/3/0/9","v":1}]"#, "/3/0/10").is_none());
        assert!(j(br#"[{"n":"/3/0/9","v":1}] x"#).is_none());
        let prefixed = Options::DEFAULT.with_alternate_path("/lwm2m");
        assert!(senml_json(br#"[{"n":"/lwm2m/3/0/9","v":1}]"#, &p, &models, &prefixed).is_none());
        // and the same records in order do get one, at every level
        assert!(j(br#"[{"n":"/3/0/1","vs":"a"},{"n":"/3/0/9","v":1}]"#).is_some());
        assert_eq!(
            at(br#"[{"n":"/3/0/9","v":1}]"#, "/3/0/9"),
            Some(Node::Resource(lwm2m_types::Resource::single(9, 1i64)))
        );
        let Some(Node::Resource(r)) = at(
            br#"[{"bn":"/3/0/7/","n":"0","v":1},{"n":"2","v":3}]"#,
            "/3/0/7",
        ) else {
            panic!("no resource");
        };
        assert_eq!(
            r.instances().map(|i| i.ids().collect::<Vec<_>>()),
            Some(vec![0, 2])
        );
        assert_eq!(
            at(br#"[{"n":"/3/0/7/2","v":3}]"#, "/3/0/7/2"),
            Some(Node::ResourceInstance(lwm2m_types::ResourceInstance::new(
                2, 3i64
            )))
        );
    }
}
