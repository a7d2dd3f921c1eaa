//! A small zero-copy JSON tokenizer shared by SenML JSON and the LwM2M 1.0 JSON, and the JSON
//! text writers.

use std::borrow::Cow;

use lwm2m_types::{Value, base64};

use crate::Error;
use crate::error::{EncodeKind, FieldKind, LimitKind, SyntaxKind};
use crate::num::{Cursor, push_f64_json};
use crate::record::{NameRef, Number};

pub(crate) struct Lexer<'a> {
    s: &'a str,
    b: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Lexer<'a> {
    /// Checks the whole input is UTF-8 first, so every slice at an ASCII byte is a `&str`.
    pub(crate) fn new(b: &'a [u8]) -> Result<Self, Error> {
        let s = core::str::from_utf8(b).map_err(|e| Error::InvalidUtf8 {
            offset: e.valid_up_to(),
        })?;
        Ok(Lexer { s, b, pos: 0 })
    }

    /// A lexer at `pos` in `s` (checked as UTF-8 already).
    #[inline(always)]
    pub(crate) fn at(s: &'a str, pos: usize) -> Self {
        Lexer {
            s,
            b: s.as_bytes(),
            pos,
        }
    }

    /// A lexer over no input.
    pub(crate) fn empty() -> Lexer<'static> {
        Lexer {
            s: "",
            b: b"",
            pos: 0,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.b.len()
    }

    /// The text between two byte offsets (both at ASCII bytes), if in range.
    #[inline(always)]
    pub(crate) fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        self.s.get(start..end)
    }

    /// The input from the current position on.
    #[inline(always)]
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.b.get(self.pos..).unwrap_or_default()
    }

    fn syntax(&self, kind: SyntaxKind) -> Error {
        if self.pos >= self.b.len() {
            Error::Eof {
                offset: self.b.len(),
            }
        } else {
            Error::Syntax {
                offset: self.pos,
                kind,
            }
        }
    }

    #[inline]
    pub(crate) fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next non-white-space byte, not consumed.
    #[inline]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.pos).copied()
    }

    /// Consumes `c` (after white space) or fails with `kind`.
    #[inline]
    pub(crate) fn expect(&mut self, c: u8, kind: SyntaxKind) -> Result<(), Error> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(kind))
        }
    }

    /// After an element of an array / object: `true` if another follows (`,` consumed), `false`
    /// at the closing bracket (consumed).
    #[inline]
    pub(crate) fn next_or_end(&mut self, close: u8) -> Result<bool, Error> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(c) if c == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.syntax(SyntaxKind::ExpectedCommaOrEnd)),
        }
    }

    /// Fails unless only white space is left.
    pub(crate) fn end(&mut self) -> Result<(), Error> {
        if self.peek().is_some() {
            return Err(Error::TrailingBytes { offset: self.pos });
        }
        Ok(())
    }

    /// An object key and its `:`.
    #[inline]
    pub(crate) fn key(&mut self) -> Result<Cow<'a, str>, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax(SyntaxKind::ExpectedKey));
        }
        let k = self.string()?;
        self.expect(b':', SyntaxKind::ExpectedColon)?;
        Ok(k)
    }

    /// A string; the lexer must be at its opening quote.
    #[inline]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.pos += 1;
        let start = self.pos;
        let rest = self.b.get(start..).unwrap_or_default();
        for (k, &c) in rest.iter().enumerate() {
            if c == b'"' {
                self.pos = start + k + 1;
                return Ok(Cow::Borrowed(&self.s[start..start + k]));
            }
            if c == b'\\' || c < 0x20 {
                self.pos = start + k;
                if c == b'\\' {
                    return self.string_escaped(start).map(Cow::Owned);
                }
                return Err(self.syntax(SyntaxKind::ControlCharacter));
            }
        }
        self.pos = self.b.len();
        Err(Error::Eof {
            offset: self.b.len(),
        })
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.b.get(self.pos) {
                None => {
                    return Err(Error::Eof {
                        offset: self.b.len(),
                    });
                }
                Some(&c) => (c as char)
                    .to_digit(16)
                    .ok_or_else(|| self.syntax(SyntaxKind::InvalidEscape))?,
            };
            v = v << 4 | d;
            self.pos += 1;
        }
        Ok(v)
    }

    #[cold]
    fn string_escaped(&mut self, start: usize) -> Result<String, Error> {
        let mut out = String::from(&self.s[start..self.pos]);
        let mut run = self.pos;
        loop {
            match self.b.get(self.pos) {
                None => {
                    return Err(Error::Eof {
                        offset: self.b.len(),
                    });
                }
                Some(b'"') => {
                    out.push_str(&self.s[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.s[run..self.pos]);
                    let esc_at = self.pos;
                    self.pos += 1;
                    let c = match self.b.get(self.pos) {
                        None => {
                            return Err(Error::Eof {
                                offset: self.b.len(),
                            });
                        }
                        Some(&c) => c,
                    };
                    self.pos += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xd800..0xdc00).contains(&hi) {
                                if self.b.get(self.pos..self.pos + 2) != Some(b"\\u") {
                                    return Err(Error::Syntax {
                                        offset: esc_at,
                                        kind: SyntaxKind::InvalidEscape,
                                    });
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xdc00..0xe000).contains(&lo) {
                                    return Err(Error::Syntax {
                                        offset: esc_at,
                                        kind: SyntaxKind::InvalidEscape,
                                    });
                                }
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            match char::from_u32(cp) {
                                Some(ch) => out.push(ch),
                                None => {
                                    return Err(Error::Syntax {
                                        offset: esc_at,
                                        kind: SyntaxKind::InvalidEscape,
                                    });
                                }
                            }
                        }
                        _ => {
                            return Err(Error::Syntax {
                                offset: esc_at,
                                kind: SyntaxKind::InvalidEscape,
                            });
                        }
                    }
                    run = self.pos;
                }
                Some(&c) if c < 0x20 => return Err(self.syntax(SyntaxKind::ControlCharacter)),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.b.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number: integers exactly from their digits, the rest through `str::parse::<f64>`.
    /// `label` names the field in the out-of-range error.
    #[inline]
    pub(crate) fn number(&mut self, label: &'static str) -> Result<Number, Error> {
        // Fast path: a non-negative integer of at most 18 digits without a leading zero, not
        // followed by a fraction or an exponent (the general path gives the same result).
        let rest = self.rest();
        let mut v: u64 = 0;
        let mut k = 0usize;
        while let Some(&c) = rest.get(k) {
            if !c.is_ascii_digit() || k == 18 {
                break;
            }
            v = v * 10 + u64::from(c - b'0');
            k += 1;
        }
        if k > 0
            && (k == 1 || rest.first() != Some(&b'0'))
            && !matches!(rest.get(k), Some(b'.' | b'e' | b'E' | b'0'..=b'9'))
        {
            self.pos += k;
            return Ok(Number::Integer(v as i64));
        }
        self.number_general(label)
    }

    /// [`Lexer::number`] for every number.
    fn number_general(&mut self, label: &'static str) -> Result<Number, Error> {
        let start = self.pos;
        let neg = self.b.get(self.pos) == Some(&b'-');
        if neg {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = self.digits();
        if n == 0 {
            return Err(self.syntax(SyntaxKind::InvalidNumber));
        }
        if n > 1 && self.b[int_start] == b'0' {
            return Err(Error::Syntax {
                offset: int_start,
                kind: SyntaxKind::InvalidNumber,
            });
        }
        let mut float = false;
        if self.b.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.syntax(SyntaxKind::InvalidNumber));
            }
            float = true;
        }
        if matches!(self.b.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.b.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax(SyntaxKind::InvalidNumber));
            }
            float = true;
        }
        if !float && n <= 20 {
            let mut v: u64 = 0;
            let mut ok = true;
            for &d in &self.b[int_start..self.pos] {
                match v
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(u64::from(d - b'0')))
                {
                    Some(x) => v = x,
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                let v = i128::from(v);
                return Ok(Number::from_i128(if neg { -v } else { v }));
            }
        }
        let f: f64 = self.s[start..self.pos].parse().map_err(|_| Error::Syntax {
            offset: start,
            kind: SyntaxKind::InvalidNumber,
        })?;
        if !f.is_finite() {
            return Err(Error::Field {
                offset: start,
                label,
                kind: FieldKind::OutOfRange,
            });
        }
        Ok(Number::Float(f))
    }

    /// Consumes the literal `lit` (the first byte already checked).
    fn literal(&mut self, lit: &[u8]) -> Result<(), Error> {
        let end = self.pos + lit.len();
        match self.b.get(self.pos..end) {
            Some(x) if x == lit => {
                self.pos = end;
                Ok(())
            }
            _ if end > self.b.len() && self.b[self.pos..].iter().zip(lit).all(|(a, b)| a == b) => {
                Err(Error::Eof {
                    offset: self.b.len(),
                })
            }
            _ => Err(self.syntax(SyntaxKind::ExpectedValue)),
        }
    }

    /// `true`, `false`, or an error naming `label`.
    pub(crate) fn boolean(&mut self, label: &'static str) -> Result<bool, Error> {
        match self.peek() {
            Some(b't') => self.literal(b"true").map(|_| true),
            Some(b'f') => self.literal(b"false").map(|_| false),
            None => Err(Error::Eof {
                offset: self.b.len(),
            }),
            _ => Err(Error::Field {
                offset: self.pos,
                label,
                kind: FieldKind::WrongType,
            }),
        }
    }

    /// Consumes `null` if it is next.
    #[inline]
    pub(crate) fn null(&mut self) -> Result<bool, Error> {
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// A string field, or a wrong-type error naming `label`.
    #[inline]
    pub(crate) fn string_field(&mut self, label: &'static str) -> Result<Cow<'a, str>, Error> {
        match self.peek() {
            Some(b'"') => self.string(),
            None => Err(Error::Eof {
                offset: self.b.len(),
            }),
            _ => Err(Error::Field {
                offset: self.pos,
                label,
                kind: FieldKind::WrongType,
            }),
        }
    }

    /// A number field, or a wrong-type error naming `label`.
    #[inline]
    pub(crate) fn number_field(&mut self, label: &'static str) -> Result<Number, Error> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.number(label),
            None => Err(Error::Eof {
                offset: self.b.len(),
            }),
            _ => Err(Error::Field {
                offset: self.pos,
                label,
                kind: FieldKind::WrongType,
            }),
        }
    }

    /// Skips any JSON value, nested at most `max_depth - depth` more levels (no recursion).
    pub(crate) fn skip_value(&mut self, depth: usize, max_depth: usize) -> Result<(), Error> {
        // One bit per open container: 1 = object, 0 = array.
        let mut stack: u64 = 0;
        let mut open = 0usize;
        loop {
            // A value.
            match self.peek() {
                None => {
                    return Err(Error::Eof {
                        offset: self.b.len(),
                    });
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.number("?")?;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(c @ (b'[' | b'{')) => {
                    if depth + open + 1 > max_depth || open >= 64 {
                        return Err(Error::Limit {
                            offset: self.pos,
                            kind: LimitKind::Depth,
                        });
                    }
                    self.pos += 1;
                    let obj = c == b'{';
                    stack = stack << 1 | u64::from(obj);
                    open += 1;
                    let close = if obj { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        stack >>= 1;
                        open -= 1;
                    } else {
                        if obj {
                            self.key()?;
                        }
                        continue;
                    }
                }
                Some(_) => return Err(self.syntax(SyntaxKind::ExpectedValue)),
            }
            // After a value: close containers or go to the next element.
            loop {
                if open == 0 {
                    return Ok(());
                }
                let obj = stack & 1 == 1;
                if self.next_or_end(if obj { b'}' } else { b']' })? {
                    if obj {
                        self.key()?;
                    }
                    break;
                }
                stack >>= 1;
                open -= 1;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing.

/// The length of the start of `b` without a `"`, `\\` or control character (eight bytes at a
/// time).
#[inline(always)]
pub(crate) fn plain_len(b: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut i = 0;
    while let Some(c) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let v = u64::from_le_bytes(w);
        let hit =
            (v.wrapping_sub(LO * 0x20) & !v & HI) | zero(v ^ (LO * 0x22)) | zero(v ^ (LO * 0x5c));
        if hit != 0 {
            // The lowest flagged byte is the first special one (borrows only run upwards).
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// `true` if some byte of `b` needs a JSON escape (`"`, `\`, a control character); eight bytes
/// at a time.
#[inline]
pub(crate) fn needs_escape(b: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let v = u64::from_le_bytes(w);
        if (v.wrapping_sub(LO * 0x20) & !v & HI) | zero(v ^ (LO * 0x22)) | zero(v ^ (LO * 0x5c))
            != 0
        {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&c| c < 0x20 || c == b'"' || c == b'\\')
}

/// Appends `s` as a JSON string.
#[inline]
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    if needs_escape(s.as_bytes()) {
        push_str_escaped(out, s);
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

/// [`push_str`] with escapes.
#[cold]
fn push_str_escaped(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let b = s.as_bytes();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        let esc: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..0x20 => b"",
            _ => continue,
        };
        out.extend_from_slice(&b[run..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(c >> 4)],
                HEX[usize::from(c & 15)],
            ]);
        } else {
            out.extend_from_slice(esc);
        }
        run = i + 1;
    }
    out.extend_from_slice(&b[run..]);
    out.push(b'"');
}

/// Appends a name as a JSON string (the path parts are digits and `/`, never escaped).
#[inline]
pub(crate) fn push_name(out: &mut Vec<u8>, n: &NameRef<'_>) {
    match *n {
        NameRef::Text(s) => push_str(out, s),
        NameRef::Path {
            prefix,
            ids,
            lead,
            trailing,
        } => {
            if prefix.is_empty() {
                out.push(b'"');
            } else {
                push_str(out, prefix);
                out.pop();
            }
            NameRef::push_ids(out, ids, lead, trailing);
            out.push(b'"');
        }
    }
}

/// The rest of a string field's record after its opening quote: `st`, escaped where needed, then
/// `"}`. Short plain strings go through the scratch `s`; anything else settles the scratch into
/// `out` first.
#[inline(always)]
fn string_rest(s: &mut Cursor<'_>, out: &mut Vec<u8>, st: &str) {
    if s.plain_str(st.as_bytes()) {
        s.word(*b"\"}\0\0\0\0\0\0", 2);
    } else if needs_escape(st.as_bytes()) {
        s.k -= 1;
        s.flush(out);
        push_str(out, st);
        out.push(b'}');
    } else {
        out.reserve(st.len() + 2);
        s.flush(out);
        out.extend_from_slice(st.as_bytes());
        out.extend_from_slice(b"\"}");
    }
}

/// The value field labels of a JSON dialect, each as an 8-byte store and its length.
pub(crate) struct ValueLabels {
    /// `"vb":` / `"bv":` followed by `true}` and `false}`.
    pub(crate) boolean: [&'static [u8]; 2],
    /// The object link label and its opening quote.
    pub(crate) objlnk: ([u8; 8], usize),
    /// The string label and its opening quote (6 bytes).
    pub(crate) string: [u8; 8],
    /// The opaque label and its opening quote (6 bytes), and the base64 alphabet.
    pub(crate) opaque: ([u8; 8], base64::Alphabet),
}

/// SenML JSON: `vb`, `vlo`, `vs`, `vd` (base64url without padding).
pub(crate) const SENML_LABELS: ValueLabels = ValueLabels {
    boolean: [b"\"vb\":false}", b"\"vb\":true}"],
    objlnk: (*b"\"vlo\":\"\0", 7),
    string: *b"\"vs\":\"\0\0",
    opaque: (*b"\"vd\":\"\0\0", base64::Alphabet::UrlSafeNoPad),
};

/// The LwM2M 1.0 JSON: `bv`, `ov`, `sv`, and opaque as standard base64 in `sv`.
pub(crate) const LWM2M_LABELS: ValueLabels = ValueLabels {
    boolean: [b"\"bv\":false}", b"\"bv\":true}"],
    objlnk: (*b"\"ov\":\"\0\0", 6),
    string: *b"\"sv\":\"\0\0",
    opaque: (*b"\"sv\":\"\0\0", base64::Alphabet::Standard),
};

/// The value field of a record and its closing `}`, after the record's name and `,`: fixed bytes
/// and short plain strings through the scratch `s`, anything longer settled into `out` first.
#[inline(always)]
pub(crate) fn value_field(
    s: &mut Cursor<'_>,
    out: &mut Vec<u8>,
    v: &Value,
    labels: &ValueLabels,
) -> Result<(), EncodeKind> {
    match v {
        Value::Integer(i) | Value::Time(i) => {
            s.word(*b"\"v\":\0\0\0\0", 4);
            s.i64(*i);
            s.byte(b'}');
        }
        Value::UnsignedInteger(u) => {
            s.word(*b"\"v\":\0\0\0\0", 4);
            s.u64(*u);
            s.byte(b'}');
        }
        Value::Boolean(b) => s.put(labels.boolean[usize::from(*b)]),
        Value::ObjectLink(l) => {
            s.word(labels.objlnk.0, labels.objlnk.1);
            s.u16(l.object_id);
            s.byte(b':');
            s.u16(l.instance_id);
            s.word(*b"\"}\0\0\0\0\0\0", 2);
        }
        Value::String(st) | Value::CoreLink(st) => {
            s.word(labels.string, 6);
            string_rest(s, out, st);
        }
        Value::Float(f) => {
            if !f.is_finite() {
                return Err(EncodeKind::NonFinite);
            }
            s.word(*b"\"v\":\0\0\0\0", 4);
            s.flush(out);
            push_f64_json(out, *f);
            out.push(b'}');
        }
        Value::Opaque(d) => {
            // Base64 never needs an escape.
            s.word(labels.opaque.0, 6);
            s.flush(out);
            let mut t = String::new();
            base64::encode_to(d, labels.opaque.1, &mut t);
            out.extend_from_slice(t.as_bytes());
            out.extend_from_slice(b"\"}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(s: &str) -> Lexer<'_> {
        Lexer::new(s.as_bytes()).unwrap()
    }

    #[test]
    fn numbers_are_exact() {
        let n = |s: &str| lex(s).number("v");
        assert_eq!(n("18446744073709551615"), Ok(Number::Unsigned(u64::MAX)));
        assert_eq!(n("-9223372036854775808"), Ok(Number::Integer(i64::MIN)));
        assert_eq!(
            n("9223372036854775800"),
            Ok(Number::Integer(9223372036854775800))
        );
        assert_eq!(
            n("-18446744073709551615"),
            Ok(Number::Float(-18446744073709551615.0))
        );
        assert_eq!(
            n("18446744073709551616"),
            Ok(Number::Float(18446744073709551616.0))
        );
        assert_eq!(n("1.0"), Ok(Number::Float(1.0)));
        assert_eq!(n("1e3"), Ok(Number::Float(1000.0)));
        assert_eq!(n("-0"), Ok(Number::Integer(0)));
        assert_eq!(
            n("1e400"),
            Err(Error::Field {
                offset: 0,
                label: "v",
                kind: FieldKind::OutOfRange
            })
        );
        assert_eq!(
            n("01"),
            Err(Error::Syntax {
                offset: 0,
                kind: SyntaxKind::InvalidNumber
            })
        );
        assert_eq!(n("1."), Err(Error::Eof { offset: 2 }));
        assert_eq!(
            n("1.x"),
            Err(Error::Syntax {
                offset: 2,
                kind: SyntaxKind::InvalidNumber
            })
        );
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(lex(r#""abc""#).string(), Ok(Cow::Borrowed("abc")));
        assert_eq!(
            lex(r#""a\"b\u00e9\ud83d\ude00\n""#).string().unwrap(),
            "a\"bé😀\n"
        );
        assert_eq!(
            lex(r#""\ud83d""#).string(),
            Err(Error::Syntax {
                offset: 1,
                kind: SyntaxKind::InvalidEscape
            })
        );
        assert_eq!(
            lex("\"a\u{1}\"").string(),
            Err(Error::Syntax {
                offset: 2,
                kind: SyntaxKind::ControlCharacter
            })
        );
        assert_eq!(lex(r#""abc"#).string(), Err(Error::Eof { offset: 4 }));
        let mut out = Vec::new();
        push_str(&mut out, "a\"\\\n\u{1}é");
        assert_eq!(out, "\"a\\\"\\\\\\n\\u0001é\"".as_bytes());
    }

    #[test]
    fn plain_len_finds_the_first_special_byte() {
        let naive = |b: &[u8]| {
            b.iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
                .unwrap_or(b.len())
        };
        let alphabet = [
            b'a', b'"', b'\\', 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xff, 0x00, b'!', b'#',
        ];
        let mut x: u32 = 1;
        for len in 0..40 {
            for _ in 0..200 {
                let b: Vec<u8> = (0..len)
                    .map(|_| {
                        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(x >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                assert_eq!(plain_len(&b), naive(&b), "{b:?}");
                assert_eq!(needs_escape(&b), naive(&b) < b.len(), "{b:?}");
            }
        }
    }

    #[test]
    fn skipping() {
        let mut l = lex(r#"{"a":[1,{"b":null},"x",true],"c":{}} ,"#);
        l.skip_value(0, 10).unwrap();
        assert_eq!(l.next_or_end(b']'), Ok(true));
        let deep = "[".repeat(100);
        assert_eq!(
            lex(&deep).skip_value(0, 32),
            Err(Error::Limit {
                offset: 32,
                kind: LimitKind::Depth
            })
        );
        assert_eq!(
            lex("[1,}").skip_value(0, 32),
            Err(Error::Syntax {
                offset: 3,
                kind: SyntaxKind::ExpectedValue
            })
        );
        assert_eq!(
            lex("[1}").skip_value(0, 32),
            Err(Error::Syntax {
                offset: 2,
                kind: SyntaxKind::ExpectedCommaOrEnd
            })
        );
    }
}
