//! The writing side of the streaming level.

use alloc::vec::Vec;
use core::fmt::Write as _;

use crate::error::Error;
use crate::reader::{AttrValue, is_parmname, is_ptoken, is_uri};

/// Appends links to a caller's `Vec<u8>` with correct separators, quoting and escaping.
///
/// Never emits white space. A value is written as a bare token when every byte is a
/// `ptoken` character, else quoted with `"` and `\` escaped.
///
/// ```
/// use lwm2m_link::Writer;
/// let mut out = Vec::new();
/// let mut w = Writer::new(&mut out);
/// w.link("/")?.attr("rt", Some("oma.lwm2m"))?.attr_quoted("ct", "60 110")?;
/// w.link("/3/0")?.attr("uri", Some("say \"hi\""))?.attr("x", None)?;
/// assert_eq!(out, br#"</>;rt=oma.lwm2m;ct="60 110",</3/0>;uri="say \"hi\"";x"#);
/// # Ok::<(), lwm2m_link::Error>(())
/// ```
#[derive(Debug)]
pub struct Writer<'w> {
    out: &'w mut Vec<u8>,
    links: usize,
}

struct Fmt<'a>(&'a mut Vec<u8>);

impl core::fmt::Write for Fmt<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

impl<'w> Writer<'w> {
    /// A writer that appends to `out` (which may already hold bytes).
    pub fn new(out: &'w mut Vec<u8>) -> Self {
        Writer { out, links: 0 }
    }

    /// How many links have been written.
    pub fn link_count(&self) -> usize {
        self.links
    }

    /// Starts a new link `<target>` (preceded by `,` unless it is the first).
    ///
    /// Fails if the target holds a byte that RFC 3986 does not allow in a URI-Reference.
    pub fn link(&mut self, target: &str) -> Result<&mut Self, Error> {
        if !target.bytes().all(is_uri) {
            return Err(Error::Unwritable {
                what: "a link target with characters outside RFC 3986",
            });
        }
        if self.links > 0 {
            self.out.push(b',');
        }
        self.out.push(b'<');
        self.out.extend_from_slice(target.as_bytes());
        self.out.push(b'>');
        self.links += 1;
        Ok(self)
    }

    fn name(&mut self, name: &str) -> Result<(), Error> {
        if self.links == 0 {
            return Err(Error::Unwritable {
                what: "an attribute before the first link",
            });
        }
        if name.is_empty() || !name.bytes().all(is_parmname) {
            return Err(Error::Unwritable {
                what: "an attribute name outside RFC 6690 parmname",
            });
        }
        self.out.push(b';');
        self.out.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// Appends `;name` or `;name=value` to the current link, quoting the value only when
    /// it is empty or holds a byte outside `ptoken`.
    pub fn attr(&mut self, name: &str, value: Option<&str>) -> Result<&mut Self, Error> {
        match value {
            None => {
                self.name(name)?;
                Ok(self)
            }
            Some(v) if !v.is_empty() && v.bytes().all(is_ptoken) => {
                self.name(name)?;
                self.out.push(b'=');
                self.out.extend_from_slice(v.as_bytes());
                Ok(self)
            }
            Some(v) => self.attr_quoted(name, v),
        }
    }

    /// Appends `;name="value"`, escaping `"` and `\`. Fails on control characters other
    /// than tab, which a quoted string cannot hold.
    pub fn attr_quoted(&mut self, name: &str, value: &str) -> Result<&mut Self, Error> {
        if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
            return Err(Error::Unwritable {
                what: "a control character in a quoted string",
            });
        }
        self.name(name)?;
        self.out.extend_from_slice(b"=\"");
        for &b in value.as_bytes() {
            if b == b'"' || b == b'\\' {
                self.out.push(b'\\');
            }
            self.out.push(b);
        }
        self.out.push(b'"');
        Ok(self)
    }

    /// Appends `;name=value` with a value exactly as it was read ([`AttrValue::Quoted`]
    /// keeps its escapes), so a parsed link is written back byte for byte.
    pub fn attr_value(
        &mut self,
        name: &str,
        value: Option<AttrValue<'_>>,
    ) -> Result<&mut Self, Error> {
        match value {
            None => self.attr(name, None),
            Some(AttrValue::Token(t)) => {
                if t.is_empty() || !t.bytes().all(is_ptoken) {
                    return Err(Error::Unwritable {
                        what: "a token with characters outside ptoken",
                    });
                }
                self.attr(name, Some(t))
            }
            Some(AttrValue::Quoted(raw)) => {
                if !quoted_raw_ok(raw) {
                    return Err(Error::Unwritable {
                        what: "a raw quoted string with an unescaped quote or control character",
                    });
                }
                self.name(name)?;
                self.out.push(b'=');
                self.out.push(b'"');
                self.out.extend_from_slice(raw.as_bytes());
                self.out.push(b'"');
                Ok(self)
            }
        }
    }

    /// Appends `;name=<integer>` (unquoted).
    pub fn attr_u64(&mut self, name: &str, value: u64) -> Result<&mut Self, Error> {
        self.name(name)?;
        let _ = write!(Fmt(self.out), "={value}");
        Ok(self)
    }

    /// Appends `;name=<decimal>` in the `-?DIGITS[.DIGITS]` form (no exponent). Fails on NaN
    /// and infinities.
    pub fn attr_f64(&mut self, name: &str, value: f64) -> Result<&mut Self, Error> {
        if !value.is_finite() {
            return Err(Error::Unwritable {
                what: "a non-finite number",
            });
        }
        self.name(name)?;
        self.out.push(b'=');
        write_decimal(self.out, value);
        Ok(self)
    }
}

/// Whether `raw` is valid between quotes: no bare `"`, no control characters, every `\`
/// followed by a character.
fn quoted_raw_ok(raw: &str) -> bool {
    let mut esc = false;
    for b in raw.bytes() {
        if (b < 0x20 && b != b'\t') || b == 0x7f {
            return false;
        }
        if esc {
            esc = false;
        } else if b == b'\\' {
            esc = true;
        } else if b == b'"' {
            return false;
        }
    }
    !esc
}

/// Writes a finite `f64` as `-?DIGITS[.DIGITS]` (Rust's `Display` for `f64` never uses an
/// exponent and is the shortest text that reads back to the same value).
pub(crate) fn write_decimal(out: &mut Vec<u8>, value: f64) {
    let value = if value == 0.0 { 0.0 } else { value };
    let _ = write!(Fmt(out), "{value}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_quoted_validation() {
        assert!(quoted_raw_ok(r#"a \"b\" \\"#));
        assert!(!quoted_raw_ok(r#"a "b"#));
        assert!(!quoted_raw_ok("a\\"));
        assert!(!quoted_raw_ok("a\nb"));
    }

    #[test]
    fn decimals_without_exponent() {
        for (v, s) in [
            (-3.5, "-3.5"),
            (1e21, "1000000000000000000000"),
            (1e-7, "0.0000001"),
            (-0.0, "0"),
        ] {
            let mut out = Vec::new();
            write_decimal(&mut out, v);
            assert_eq!(out, s.as_bytes());
        }
    }

    #[test]
    fn rejects_what_link_format_cannot_carry() {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        assert!(w.attr("a", None).is_err(), "attribute before a link");
        assert!(w.link("/a b").is_err());
        w.link("/").unwrap();
        assert!(w.attr("a b", None).is_err());
        assert!(w.attr("", None).is_err());
        assert!(w.attr_quoted("a", "x\u{1}").is_err());
        assert!(w.attr_f64("gt", f64::NAN).is_err());
        assert!(w.attr_value("a", Some(AttrValue::Token("a,b"))).is_err());
        assert_eq!(w.link_count(), 1);
        w.attr("e", Some("")).unwrap();
        assert_eq!(out, br#"</>;e="""#);
    }
}
