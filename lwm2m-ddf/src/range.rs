//! `<RangeEnumeration>`: clean `a..b` forms become typed ranges, everything else stays raw.

use std::borrow::Cow;

use lwm2m_types::Range;

/// Parses the text of a `<RangeEnumeration>`; never fails.
///
/// - empty (after trimming) → `None`;
/// - `a..b` with integer bounds → [`Range::Unsigned`] when both values are ≥ 0 and fit `u64`,
///   [`Range::Signed`] when one is negative and both fit `i64`;
/// - `a..b` where a bound has a fraction or exponent → [`Range::Float`] (finite bounds only);
/// - anything else (enumerations, `0-100`, `0..255 bytes`, prose, integers beyond 64 bits) →
///   [`Range::Raw`] with the trimmed text.
///
/// ```
/// use lwm2m_ddf::parse_range;
/// use lwm2m_types::Range;
/// assert_eq!(parse_range(" 0..100 "), Some(Range::Unsigned { min: 0, max: 100 }));
/// assert_eq!(parse_range("-40..85"), Some(Range::Signed { min: -40, max: 85 }));
/// assert_eq!(parse_range("0..18446744073709551615"), Some(Range::Unsigned { min: 0, max: u64::MAX }));
/// assert_eq!(parse_range("0.0..86400.0"), Some(Range::Float { min: 0.0, max: 86400.0 }));
/// assert_eq!(parse_range("0..255 bytes"), Some(Range::Raw("0..255 bytes".into())));
/// assert_eq!(parse_range(""), None);
/// ```
pub fn parse_range(text: &str) -> Option<Range> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    Some(parse_bounds(t).unwrap_or_else(|| Range::Raw(Cow::Owned(t.to_owned()))))
}

fn parse_bounds(t: &str) -> Option<Range> {
    let (a, b) = t.split_once("..")?;
    let (a, b) = (a.trim(), b.trim());
    match (int_form(a)?, int_form(b)?) {
        (true, true) => {
            // i128 holds both i64 and u64, so the sign is decided by the value (`-0` is 0).
            let (lo, hi): (i128, i128) = (a.parse().ok()?, b.parse().ok()?);
            match (u64::try_from(lo), u64::try_from(hi)) {
                (Ok(min), Ok(max)) => Some(Range::Unsigned { min, max }),
                _ => Some(Range::Signed {
                    min: i64::try_from(lo).ok()?,
                    max: i64::try_from(hi).ok()?,
                }),
            }
        }
        _ => {
            let (min, max): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
            (min.is_finite() && max.is_finite()).then_some(Range::Float { min, max })
        }
    }
}

/// `Some(true)` for `[+-]?digits`, `Some(false)` for a decimal with a fraction and/or an
/// exponent, `None` for anything else.
fn int_form(s: &str) -> Option<bool> {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    if exp.is_some_and(|e| !digits(e.strip_prefix(['-', '+']).unwrap_or(e))) {
        return None;
    }
    Some(frac.is_none() && exp.is_none())
}

/// Writes a range in DDF form: `a..b`, or the raw text (what `<RangeEnumeration>` holds, and
/// what a listing of a model shows).
///
/// ```
/// use lwm2m_types::Range;
/// assert_eq!(lwm2m_ddf::range_text(&Range::Signed { min: -40, max: 85 }), "-40..85");
/// assert_eq!(lwm2m_ddf::range_text(&Range::Float { min: 0.0, max: 1.5 }), "0.0..1.5");
/// assert_eq!(lwm2m_ddf::range_text(&Range::Raw("1,2,4".into())), "1,2,4");
/// ```
pub fn range_text(r: &Range) -> String {
    match r {
        Range::Signed { min, max } => format!("{min}..{max}"),
        Range::Unsigned { min, max } => format!("{min}..{max}"),
        Range::Float { min, max } => format!("{min:?}..{max:?}"),
        Range::Raw(s) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(s: &str) -> Option<Range> {
        Some(Range::Raw(s.to_owned().into()))
    }

    #[test]
    fn forms() {
        let cases: &[(&str, Option<Range>)] = &[
            ("1..42", Some(Range::Unsigned { min: 1, max: 42 })),
            ("0 .. 65535", Some(Range::Unsigned { min: 0, max: 65535 })),
            (
                "-30..-120",
                Some(Range::Signed {
                    min: -30,
                    max: -120,
                }),
            ),
            (
                "-9223372036854775808..9223372036854775807",
                Some(Range::Signed {
                    min: i64::MIN,
                    max: i64::MAX,
                }),
            ),
            ("-1..18446744073709551615", raw("-1..18446744073709551615")),
            ("-0..5", Some(Range::Unsigned { min: 0, max: 5 })),
            ("+1..+2", Some(Range::Unsigned { min: 1, max: 2 })),
            (
                "99999999999999999999999999999999999999999..1",
                raw("99999999999999999999999999999999999999999..1"),
            ),
            ("0..18446744073709551616", raw("0..18446744073709551616")),
            (
                "-90.0..90.0",
                Some(Range::Float {
                    min: -90.0,
                    max: 90.0,
                }),
            ),
            (
                "0..1e3",
                Some(Range::Float {
                    min: 0.0,
                    max: 1000.0,
                }),
            ),
            ("0..1e999", raw("0..1e999")),
            ("5,10,15", raw("5,10,15")),
            ("8", raw("8")),
            ("0-100", raw("0-100")),
            ("1...15", raw("1...15")),
            ("0..3, 99", raw("0..3, 99")),
            ("0: RELEASED\n1: PRESSED", raw("0: RELEASED\n1: PRESSED")),
            ("..", raw("..")),
            ("1..", raw("1..")),
            ("-..1", raw("-..1")),
            ("1.5.2..3", raw("1.5.2..3")),
            ("   ", None),
        ];
        for (text, want) in cases {
            assert_eq!(&parse_range(text), want, "{text:?}");
        }
    }

    #[test]
    fn text_round_trip() {
        for t in ["1..42", "-5..5", "0.5..1.25", "1e300..2e300", "ON;OFF"] {
            let r = parse_range(t).unwrap();
            assert_eq!(parse_range(&range_text(&r)), Some(r));
        }
    }
}
