//! Number helpers shared by the formats: integer and float text, half floats, decimal fractions,
//! RFC 3339 date/time strings.

use core::fmt::Write as _;

/// A small stack buffer implementing `fmt::Write` (fails instead of growing).
pub(crate) struct StackBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> StackBuf<N> {
    pub(crate) const fn new() -> Self {
        StackBuf {
            buf: [0; N],
            len: 0,
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ever filled through `push_str` with whole `&str`s.
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }

    pub(crate) fn push_bytes(&mut self, b: &[u8]) -> bool {
        let end = self.len + b.len();
        match self.buf.get_mut(self.len..end) {
            Some(dst) => {
                dst.copy_from_slice(b);
                self.len = end;
                true
            }
            None => false,
        }
    }

    #[cfg(test)]
    pub(crate) fn push_u64(&mut self, v: u64) -> bool {
        let mut tmp = [0u8; 20];
        let s = u64_digits(v, &mut tmp);
        self.push_bytes(s)
    }
}

impl<const N: usize> core::fmt::Write for StackBuf<N> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        if self.push_bytes(s.as_bytes()) {
            Ok(())
        } else {
            Err(core::fmt::Error)
        }
    }
}

/// The decimal digits of `v`, written at the end of `buf`.
pub(crate) fn u64_digits(mut v: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    &buf[i..]
}

/// The size of a [`Scratch`]: positions below 256 (masked to them, so never out of bounds),
/// and room behind the last position for the widest store (a string copy's 72 bytes).
const SCRATCH: usize = 256 + 72;

/// The pending bytes of a writer: whole records not yet appended to the output, then the record
/// being written (kept by a writer, so it is zeroed once).
pub(crate) struct Scratch([u8; SCRATCH]);

impl Scratch {
    pub(crate) const fn new() -> Self {
        Scratch([0; SCRATCH])
    }

    /// A cursor at the start.
    #[inline(always)]
    pub(crate) fn cursor(&mut self) -> Cursor<'_> {
        self.cursor_at(0)
    }

    /// A cursor after `k` pending bytes (below [`Cursor::SETTLE`]).
    #[inline(always)]
    pub(crate) fn cursor_at(&mut self, k: usize) -> Cursor<'_> {
        Cursor { b: &mut self.0, k }
    }

    /// Appends the first `k` bytes to `out`.
    #[inline]
    pub(crate) fn flush(&self, k: usize, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0[..k.min(256)]);
    }
}

/// Bytes assembled in a [`Scratch`] and appended to the output in one copy. A record starts
/// below [`Cursor::SETTLE`] and puts less than 128 bytes (strings longer than that are written
/// to the output directly), so positions stay below 256. Writes go to the position masked to
/// 0..256, so none has a bounds check or can panic: the bound matters for the output, never
/// for memory safety. Everything is inlined so the position stays in a register.
pub(crate) struct Cursor<'b> {
    b: &'b mut [u8; SCRATCH],
    pub(crate) k: usize,
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `v` set where that byte needs a JSON escape (`"`, `\`, a
/// control character), with the usual SWAR caveat that bytes above the lowest flagged one may
/// be flagged too: exact as a zero / non-zero test.
#[inline(always)]
fn specials(v: u64) -> u64 {
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    (v.wrapping_sub(LO * 0x20) & !v & HI) | zero(v ^ (LO * 0x22)) | zero(v ^ (LO * 0x5c))
}

#[inline(always)]
fn load8(s: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(c) = s.get(at..at + 8) {
        w.copy_from_slice(c);
    }
    u64::from_le_bytes(w)
}

#[inline(always)]
fn load4(s: &[u8], at: usize) -> u32 {
    let mut w = [0u8; 4];
    if let Some(c) = s.get(at..at + 4) {
        w.copy_from_slice(c);
    }
    u32::from_le_bytes(w)
}

impl Cursor<'_> {
    /// Pending bytes from this many on are appended to the output after a record.
    pub(crate) const SETTLE: usize = 128;

    /// Overwrites the byte at `at` (put earlier).
    #[inline(always)]
    pub(crate) fn set(&mut self, at: usize, c: u8) {
        self.b[at & 255] = c;
    }

    /// Appends `s` (a short constant: one or two stores, no check).
    #[inline(always)]
    pub(crate) fn put(&mut self, s: &[u8]) {
        let at = self.k & 255;
        if let Some(d) = self.b.get_mut(at..at + s.len()) {
            d.copy_from_slice(s);
        }
        self.k += s.len();
    }

    /// Stores the eight bytes of `w` at the position and moves on by `n` (≤ 8): `n` bytes
    /// of a constant in one store.
    #[inline(always)]
    pub(crate) fn word(&mut self, w: [u8; 8], n: usize) {
        let at = self.k & 255;
        self.b[at..at + 8].copy_from_slice(&w);
        self.k += n;
    }

    #[inline(always)]
    pub(crate) fn byte(&mut self, c: u8) {
        self.b[self.k & 255] = c;
        self.k += 1;
    }

    /// The decimal digits of `v`.
    #[inline(always)]
    pub(crate) fn u16(&mut self, v: u16) {
        if v < 10 {
            self.byte(b'0' + v as u8);
        } else if v < 100 {
            self.pair(usize::from(v));
        } else {
            self.u64(u64::from(v));
        }
    }

    /// The two digits of `v` < 100.
    #[inline(always)]
    fn pair(&mut self, v: usize) {
        let d = (v % 100) * 2;
        self.put(&[PAIRS[d], PAIRS[d + 1]]);
    }

    /// The decimal digits of `v` (below 10 000 inline, else out of line).
    #[inline(always)]
    pub(crate) fn u64(&mut self, v: u64) {
        if v < 10 {
            self.byte(b'0' + v as u8);
        } else if v < 100 {
            self.pair(v as usize);
        } else if v < 10_000 {
            let (hi, lo) = ((v / 100) as usize, (v % 100) as usize);
            if hi >= 10 {
                self.pair(hi);
            } else {
                self.byte(b'0' + hi as u8);
            }
            self.pair(lo);
        } else {
            self.k = u64_long(self.b, self.k, v);
        }
    }

    /// The decimal form of `v`.
    #[inline(always)]
    pub(crate) fn i64(&mut self, v: i64) {
        if v < 0 {
            self.byte(b'-');
        }
        self.u64(v.unsigned_abs());
    }

    /// `ids` joined by `/`.
    #[inline(always)]
    pub(crate) fn ids(&mut self, ids: &[u16]) {
        for (i, &id) in ids.iter().enumerate() {
            if i > 0 {
                self.byte(b'/');
            }
            self.u16(id);
        }
    }

    /// `ids` as an absolute path: `/` before each id, then `/` if `trailing` or no ids.
    #[inline(always)]
    pub(crate) fn abs_ids(&mut self, ids: &[u16], trailing: bool) {
        for &id in ids {
            self.byte(b'/');
            self.u16(id);
        }
        if trailing || ids.is_empty() {
            self.byte(b'/');
        }
    }

    /// Appends `s` if no byte of it needs a JSON escape, else puts nothing and returns `false`
    /// (as for an `s` of more than 64 bytes, or one that would take the position to 192 or
    /// more): the escape test and the copy in one pass over (overlapping) words, without a
    /// call.
    #[inline(always)]
    pub(crate) fn plain_str(&mut self, s: &[u8]) -> bool {
        self.copy::<true>(s)
    }

    /// Appends `s`, or puts nothing and returns `false` when [`Cursor::plain_str`] would for
    /// its length.
    #[inline(always)]
    pub(crate) fn bytes(&mut self, s: &[u8]) -> bool {
        self.copy::<false>(s)
    }

    /// [`Cursor::plain_str`] if `ESCAPES`, else [`Cursor::bytes`].
    #[inline(always)]
    fn copy<const ESCAPES: bool>(&mut self, s: &[u8]) -> bool {
        let n = s.len();
        if n > 64 || self.k + n >= 192 {
            return false;
        }
        let at = self.k & 255;
        let d = &mut self.b[at..at + 72];
        if n >= 8 {
            let mut flags = 0;
            let mut i = 0;
            while i + 8 < n {
                let w = load8(s, i);
                if ESCAPES {
                    flags |= specials(w);
                }
                d[i & 63..(i & 63) + 8].copy_from_slice(&w.to_le_bytes());
                i += 8;
            }
            let w = load8(s, n - 8);
            if ESCAPES {
                flags |= specials(w);
                if flags != 0 {
                    return false;
                }
            }
            d[(n - 8) & 63..((n - 8) & 63) + 8].copy_from_slice(&w.to_le_bytes());
        } else if n >= 4 {
            let (a, b) = (load4(s, 0), load4(s, n - 4));
            if ESCAPES && specials(u64::from(a) | u64::from(b) << 32) != 0 {
                return false;
            }
            d[..4].copy_from_slice(&a.to_le_bytes());
            d[(n - 4) & 7..((n - 4) & 7) + 4].copy_from_slice(&b.to_le_bytes());
        } else if n > 0 {
            // One to three bytes: the first, the middle and the last (some the same byte),
            // tested in one word padded with a plain byte.
            let (x, y, z) = (s[0], s[n / 2], s[n - 1]);
            let w = u64::from_le_bytes([x, y, z, b'a', b'a', b'a', b'a', b'a']);
            if ESCAPES && specials(w) != 0 {
                return false;
            }
            d[0] = x;
            d[(n / 2) & 7] = y;
            d[(n - 1) & 7] = z;
        }
        self.k += n;
        true
    }

    /// Appends everything put to `out` and empties the scratch (a fixed-size copy, then the
    /// length set back, for a few bytes).
    #[inline(always)]
    pub(crate) fn flush(&mut self, out: &mut Vec<u8>) {
        let k = self.k;
        if k <= 32 && out.capacity() - out.len() >= 32 {
            let len = out.len() + k;
            out.extend_from_slice(&self.b[..32]);
            out.truncate(len);
        } else {
            out.extend_from_slice(&self.b[..k.min(256)]);
        }
        self.k = 0;
    }

    /// Ends a record: the position the next one starts at, after appending everything to `out`
    /// once there are [`Cursor::SETTLE`] bytes or more.
    #[inline(always)]
    pub(crate) fn settle(&mut self, out: &mut Vec<u8>) -> usize {
        if self.k >= Self::SETTLE {
            out.extend_from_slice(&self.b[..self.k.min(256)]);
            self.k = 0;
        }
        self.k
    }
}

/// [`Cursor::u64`] for 10 000 and above: the digits of `v` written at `k` in `b` (masked),
/// the position after them returned.
#[inline(never)]
fn u64_long(b: &mut [u8; SCRATCH], k: usize, mut v: u64) -> usize {
    // The number of digits from the bit length (Bit Twiddling Hacks' integer log 10).
    let t = ((64 - v.leading_zeros() as usize) * 1233) >> 12;
    let n = t + usize::from(v >= POW10[t.min(19)]);
    let end = k + n;
    let mut i = end;
    let mut pair = |at: usize, d: usize| {
        let at = at & 255;
        let d = (d % 100) * 2;
        b[at..at + 2].copy_from_slice(&[PAIRS[d], PAIRS[d + 1]]);
    };
    while v >= 10_000 {
        let r = (v % 10_000) as usize;
        v /= 10_000;
        i -= 4;
        pair(i, r / 100);
        pair(i + 2, r % 100);
    }
    if v >= 100 {
        i -= 2;
        pair(i, (v % 100) as usize);
        v /= 100;
    }
    if v >= 10 {
        pair(i - 2, v as usize);
    } else {
        b[(i - 1) & 255] = b'0' + v as u8;
    }
    end
}

/// The number of decimal digits of `v`.
#[inline(always)]
pub(crate) fn u16_len(v: u16) -> usize {
    match v {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => 5,
    }
}

/// Powers of ten up to 10^19.
const POW10: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Two decimal digits for every value below 100.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Appends the decimal form of `v`.
#[inline]
pub(crate) fn push_u16(out: &mut Vec<u8>, v: u16) {
    if v < 10 {
        out.push(b'0' + v as u8);
    } else {
        push_u64(out, u64::from(v));
    }
}

/// Appends the decimal form of `v` (two digits at a time).
#[inline]
pub(crate) fn push_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while v >= 100 {
        let d = (v % 100) as usize * 2;
        v /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
    }
    if v >= 10 {
        let d = v as usize * 2;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&PAIRS[d..d + 2]);
    } else {
        i -= 1;
        buf[i] = b'0' + v as u8;
    }
    out.extend_from_slice(&buf[i..]);
}

/// Appends the decimal form of `v`.
#[inline]
pub(crate) fn push_i64(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    push_u64(out, v.unsigned_abs());
}

/// Appends the decimal form of `v`.
pub(crate) fn push_i128(out: &mut Vec<u8>, v: i128) {
    if v < 0 {
        out.push(b'-');
    }
    let m = v.unsigned_abs();
    let mut buf = [0u8; 20];
    match u64::try_from(m) {
        Ok(m) => out.extend_from_slice(u64_digits(m, &mut buf)),
        Err(_) => {
            // Beyond u64 (only -2^64 can occur here): print the high part then 19 digits.
            let hi = (m / 10_000_000_000_000_000_000) as u64;
            let lo = (m % 10_000_000_000_000_000_000) as u64;
            out.extend_from_slice(u64_digits(hi, &mut buf));
            let mut buf2 = [0u8; 20];
            let d = u64_digits(lo, &mut buf2);
            out.extend(core::iter::repeat_n(b'0', 19 - d.len()));
            out.extend_from_slice(d);
        }
    }
}

/// Appends the shortest JSON text that parses back to exactly `v` and that reads as a float
/// (it always has a `.` or an exponent). `v` must be finite.
pub(crate) fn push_f64_json(out: &mut Vec<u8>, v: f64) {
    let mut exp: StackBuf<32> = StackBuf::new();
    // LowerExp prints the shortest round-trip digits: at most 17 digits + sign + "e-324".
    let _ = write!(exp, "{v:e}");
    let text = exp.as_bytes();
    let e_pos = text.iter().position(|&c| c == b'e').unwrap_or(text.len());
    let e: i32 = exp
        .as_str()
        .get(e_pos + 1..)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if (-7..=21).contains(&e) {
        // The same digits in positional notation (what `{v}` prints, with `.0` added to
        // integers), built from the exponent form instead of formatting the float twice.
        let mantissa = text.get(..e_pos).unwrap_or_default();
        let (neg, mantissa) = match mantissa.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, mantissa),
        };
        let mut digits: StackBuf<20> = StackBuf::new();
        for &c in mantissa {
            if c != b'.' {
                digits.push_bytes(&[c]);
            }
        }
        let digits = digits.as_bytes();
        let n = digits.len() as i32;
        // Length of the positional form: sign, integer part, '.', fraction (at least "0").
        let int_len = if e >= 0 { e + 1 } else { 1 };
        let frac_len = if e >= 0 {
            (n - e - 1).max(1)
        } else {
            -e - 1 + n
        };
        let pos_len = i32::from(neg) + int_len + 1 + frac_len;
        if pos_len <= text.len() as i32 {
            if neg {
                out.push(b'-');
            }
            if e >= 0 {
                let split = (e + 1).min(n) as usize;
                out.extend_from_slice(digits.get(..split).unwrap_or_default());
                out.extend(core::iter::repeat_n(b'0', (e + 1 - n).max(0) as usize));
                out.push(b'.');
                match digits.get(split..) {
                    Some(f) if !f.is_empty() => out.extend_from_slice(f),
                    _ => out.push(b'0'),
                }
            } else {
                out.extend_from_slice(b"0.");
                out.extend(core::iter::repeat_n(b'0', (-e - 1) as usize));
                out.extend_from_slice(digits);
            }
            return;
        }
    }
    out.extend_from_slice(text);
}

/// A half-precision float (IEEE 754 binary16) as `f64`; exact.
pub(crate) fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1f);
    let frac = f64::from(h & 0x3ff);
    let v = match exp {
        0 => frac * pow2(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1024.0 + frac) * pow2(exp - 25),
    };
    sign * v
}

fn pow2(e: i32) -> f64 {
    // Exact for the small exponents used here.
    f64::from_bits(((1023 + e) as u64) << 52)
}

/// `v` as a half float, if that is exact (NaN maps to the canonical half NaN).
pub(crate) fn f64_to_f16_exact(v: f64) -> Option<u16> {
    if v.is_nan() {
        return Some(0x7e00);
    }
    let f = v as f32;
    if f64::from(f) != v {
        return None;
    }
    let bits = f.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exp = ((bits >> 23) & 0xff) as i32;
    let mant = bits & 0x7f_ffff;
    if exp == 255 {
        return Some(sign | 0x7c00);
    }
    if exp == 0 {
        // Zero (f32 subnormals are far below the half range).
        return (mant == 0).then_some(sign);
    }
    let e = exp - 127;
    if (-14..=15).contains(&e) {
        if mant & 0x1fff != 0 {
            return None;
        }
        return Some(sign | (((e + 15) as u16) << 10) | (mant >> 13) as u16);
    }
    if (-24..=-15).contains(&e) {
        let full = 0x80_0000 | mant;
        let shift = (-e - 1) as u32;
        if full & ((1 << shift) - 1) != 0 {
            return None;
        }
        return Some(sign | (full >> shift) as u16);
    }
    None
}

/// `v` as an `f32`, if that is exact.
pub(crate) fn f64_to_f32_exact(v: f64) -> Option<f32> {
    let f = v as f32;
    (f64::from(f) == v || v.is_nan()).then_some(f)
}

/// The value of the decimal fraction `mantissa * 10^exponent` (RFC 8949 tag 4): an integer when
/// it is one within ±2^64, else the correctly rounded `f64`.
pub(crate) fn decimal_fraction(exponent: i128, mantissa: i128) -> Option<crate::Number> {
    if mantissa == 0 {
        return Some(crate::Number::Integer(0));
    }
    if (0..=38).contains(&exponent) {
        let mut m = mantissa;
        let mut ok = true;
        for _ in 0..exponent {
            match m.checked_mul(10) {
                Some(x) => m = x,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && (-(1i128 << 64)..(1i128 << 64)).contains(&m) {
            return Some(crate::Number::from_i128(m));
        }
    }
    let mut s: StackBuf<96> = StackBuf::new();
    write!(s, "{mantissa}e{exponent}").ok()?;
    let f: f64 = s.as_str().parse().ok()?;
    f.is_finite().then_some(crate::Number::Float(f))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses an RFC 3339 date-time (`2013-05-02T10:40:15Z`, `…15.5+02:00`) into whole seconds since
/// the epoch (fractions are truncated towards the past).
pub(crate) fn parse_rfc3339(s: &[u8]) -> Option<i64> {
    fn num(s: &[u8], at: usize, n: usize) -> Option<i64> {
        let d = s.get(at..at + n)?;
        d.iter().try_fold(0i64, |a, &c| {
            c.is_ascii_digit().then(|| a * 10 + i64::from(c - b'0'))
        })
    }
    let sep = |at: usize, c: &[u8]| s.get(at).is_some_and(|x| c.contains(x));
    let (y, mo, d) = (num(s, 0, 4)?, num(s, 5, 2)?, num(s, 8, 2)?);
    let (h, mi, se) = (num(s, 11, 2)?, num(s, 14, 2)?, num(s, 17, 2)?);
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mdays = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&mo)
        || d < 1
        || d > mdays[(mo - 1) as usize]
        || h > 23
        || mi > 59
        || se > 60
    {
        return None;
    }
    let mut i = 19;
    if s.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while s.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset = match s.get(i)? {
        b'Z' | b'z' if s.len() == i + 1 => 0,
        &c @ (b'+' | b'-') if s.len() == i + 6 && sep(i + 3, b":") => {
            let (oh, om) = (num(s, i + 1, 2)?, num(s, i + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if c == b'-' { -o } else { o }
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(v: f64) -> String {
        let mut out = Vec::new();
        push_f64_json(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    /// The previous implementation: both notations through `core::fmt`, the shorter one.
    fn reference(v: f64) -> String {
        let exp = format!("{v:e}");
        let e: i32 = exp.split_once('e').map_or(0, |(_, e)| e.parse().unwrap());
        if (-7..=21).contains(&e) {
            let mut pos = format!("{v}");
            if !pos.contains('.') {
                pos.push_str(".0");
            }
            if pos.len() <= exp.len() {
                return pos;
            }
        }
        exp
    }

    proptest::proptest! {
        #[test]
        fn float_text_matches_the_two_notation_reference(bits in proptest::prelude::any::<u64>()) {
            let v = f64::from_bits(bits);
            if v.is_finite() {
                proptest::prop_assert_eq!(json(v), reference(v));
            }
        }

        #[test]
        fn float_text_matches_the_reference_near_the_notation_switch(
            m in 1u64..10_000_000_000_000_000, e in -12i32..=24, neg: bool,
        ) {
            let v = (m as f64) * 10f64.powi(e - 16) * if neg { -1.0 } else { 1.0 };
            proptest::prop_assert_eq!(json(v), reference(v));
        }
    }

    #[test]
    fn float_text_is_short_and_exact() {
        for (v, s) in [
            (22.4, "22.4"),
            (22.0, "22.0"),
            (-0.0, "-0.0"),
            (1e20, "1e20"),
            (1e300, "1e300"),
            (6.667e-11, "6.667e-11"),
            (0.001, "1e-3"),
            (0.0125, "0.0125"),
            (123456789.0, "123456789.0"),
            (f64::MAX, "1.7976931348623157e308"),
            (5e-324, "5e-324"),
        ] {
            assert_eq!(json(v), s);
            assert_eq!(s.parse::<f64>().unwrap().to_bits(), v.to_bits());
        }
    }

    #[test]
    fn half_floats() {
        for (h, v) in [
            (0x3c00u16, 1.0),
            (0x3e00, 1.5),
            (0x7bff, 65504.0),
            (0x0001, 5.960464477539063e-8),
            (0x0400, 6.103515625e-5),
            (0xc400, -4.0),
            (0x7c00, f64::INFINITY),
            (0x8000, -0.0),
        ] {
            assert_eq!(f16_to_f64(h), v);
            assert_eq!(f64_to_f16_exact(v), Some(h), "{v}");
        }
        assert!(f16_to_f64(0x7e00).is_nan());
        assert_eq!(f64_to_f16_exact(22.4), None);
        assert_eq!(f64_to_f16_exact(65520.0), None);
        assert_eq!(f64_to_f16_exact(1.0 + 1.0 / 4096.0), None);
        // Every half value converts back exactly.
        for h in 0..=u16::MAX {
            let v = f16_to_f64(h);
            if !v.is_nan() {
                assert_eq!(f64_to_f16_exact(v), Some(h));
            }
        }
    }

    #[test]
    fn decimal_fractions() {
        use crate::Number;
        assert_eq!(
            decimal_fraction(0, 500000004),
            Some(Number::Integer(500000004))
        );
        assert_eq!(decimal_fraction(2, -3), Some(Number::Integer(-300)));
        assert_eq!(decimal_fraction(-1, 224), Some(Number::Float(22.4)));
        assert_eq!(decimal_fraction(-1, 220), Some(Number::Float(22.0)));
        assert_eq!(decimal_fraction(400, 1), None);
        assert_eq!(decimal_fraction(30, 1), Some(Number::Float(1e30)));
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339(b"2013-05-02T10:40:15Z"), Some(1367491215));
        assert_eq!(
            parse_rfc3339(b"2013-05-02T10:40:15-00:00"),
            Some(1367491215)
        );
        assert_eq!(
            parse_rfc3339(b"2013-05-02T12:40:15.75+02:00"),
            Some(1367491215)
        );
        assert_eq!(parse_rfc3339(b"1969-12-31T23:59:59Z"), Some(-1));
        assert_eq!(parse_rfc3339(b"2016-02-29T00:00:00Z"), Some(1456704000));
        assert_eq!(parse_rfc3339(b"2015-02-29T00:00:00Z"), None);
        assert_eq!(parse_rfc3339(b"2013-05-02T10:40:15"), None);
        assert_eq!(parse_rfc3339(b"2013-05-02T10:40:15Zx"), None);
    }

    #[test]
    fn cursor_digits() {
        let mut sc = Scratch::new();
        let mut vals: Vec<u64> = (0..=10_100).collect();
        vals.extend([
            99_999,
            100_000,
            1_367_491_215,
            u64::from(u32::MAX),
            10u64.pow(18),
            10u64.pow(19) - 1,
            10u64.pow(19),
            u64::MAX,
        ]);
        for v in vals {
            let mut c = sc.cursor();
            c.byte(b'x');
            c.u64(v);
            let mut out = Vec::new();
            c.flush(&mut out);
            assert_eq!(out, format!("x{v}").into_bytes());
        }
        for v in [0i64, -1, -10_000, i64::MIN, i64::MAX] {
            let mut c = sc.cursor();
            c.i64(v);
            let mut out = Vec::with_capacity(64);
            c.flush(&mut out);
            assert_eq!(out, v.to_string().into_bytes());
        }
        for v in [0u16, 9, 10, 99, 100, 65535] {
            let mut c = sc.cursor();
            c.ids(&[v, 1]);
            c.abs_ids(&[v], true);
            let mut out = Vec::new();
            c.flush(&mut out);
            assert_eq!(out, format!("{v}/1/{v}/").into_bytes());
        }
    }

    #[test]
    fn integers() {
        for v in [
            0i128,
            -1,
            42,
            i128::from(i64::MIN),
            i128::from(u64::MAX),
            -(1i128 << 64),
        ] {
            let mut out = Vec::new();
            push_i128(&mut out, v);
            assert_eq!(String::from_utf8(out).unwrap(), v.to_string());
        }
    }
}
