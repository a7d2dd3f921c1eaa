//! The library side of `lwm2m link`: JSON rendering and the LwM2M rule check.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use lwm2m_types::{Path, Snippet};

use crate::error::{Error, Expected};
use crate::reader::{AttrValue, Link, Options, parse_with};
use crate::scan::{Info, is_lwm2m_rt, scan, target_path};

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Renders parsed links as JSON text, the output of `lwm2m link [FILE]`.
///
/// The shape is an array with one object per link, in document order, each on its own line:
/// `"target"` is the URI between `<` and `>`; `"attributes"` is an array of
/// `[name, value]` pairs in the order they appear (repeats kept), where `value` is the
/// unescaped text of the value (quoted or not) or `null` for a parameter without value.
/// Strings use JSON escapes (`\"`, `\\`, `\n`, `\u00XX` for other control characters);
/// non-ASCII text is written as UTF-8. No trailing newline.
///
/// ```
/// let links = lwm2m_link::parse(br#"</3/0>;pmin=10;ct,</0/0>;uri="coap://a\"b""#)?;
/// assert_eq!(
///     lwm2m_link::to_json(&links),
///     "[\n  {\"target\":\"/3/0\",\"attributes\":[[\"pmin\",\"10\"],[\"ct\",null]]},\n  {\"target\":\"/0/0\",\"attributes\":[[\"uri\",\"coap://a\\\"b\"]]}\n]"
/// );
/// assert_eq!(lwm2m_link::to_json(&[]), "[]");
/// # Ok::<(), lwm2m_link::Error>(())
/// ```
pub fn to_json(links: &[Link<'_>]) -> String {
    if links.is_empty() {
        return String::from("[]");
    }
    let mut out = String::from("[\n");
    for (k, link) in links.iter().enumerate() {
        out.push_str("  {\"target\":");
        json_str(&mut out, link.target());
        out.push_str(",\"attributes\":[");
        for (j, a) in link.attributes().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push('[');
            json_str(&mut out, a.name);
            out.push(',');
            match a.value {
                None => out.push_str("null"),
                Some(v @ AttrValue::Token(_)) | Some(v @ AttrValue::Quoted(_)) => {
                    json_str(&mut out, &v.unescape())
                }
            }
            out.push(']');
        }
        out.push_str("]}");
        if k + 1 < links.len() {
            out.push(',');
        }
        out.push('\n');
    }
    out.push(']');
    out
}

/// One problem found by [`check`]: the link it belongs to (when known) and the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Problem {
    /// 1-based index of the link, `None` for a syntax problem of the document.
    pub link: Option<usize>,
    /// The first bytes of the link target.
    pub target: Option<Snippet>,
    /// What is wrong, with its byte offset.
    pub error: Error,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(n), Some(t)) = (self.link, &self.target) {
            write!(f, "link {n} <")?;
            for &b in t.as_bytes() {
                fmt::Write::write_char(f, char::from(b))?;
            }
            if t.is_truncated() {
                f.write_str("…")?;
            }
            write!(f, ">: ")?;
        }
        fmt::Display::fmt(&self.error, f)
    }
}

/// Checks a link-format document against the rules of RFC 6690 and LwM2M and returns every
/// problem (empty when the document is valid), the output of `lwm2m link --check`, one
/// [`Problem`] per line.
///
/// Checked: strict RFC 6690 syntax (white space around separators is reported once, then
/// the document is read leniently; any other syntax error ends the check); link targets that
/// are LwM2M paths (below the `rt="oma.lwm2m"` root when there is one); parameters that
/// repeat; known LwM2M attributes without value, with a value of the wrong type (including
/// quoted `ver`/`lwm2m`, the 1.0 form), or at a level they may not attach to; `ssid`/`uri`
/// on the wrong Objects; and the consistency rules of the notification attributes.
///
/// ```
/// let problems = lwm2m_link::check(b"</3/0/7>;gt=10;lt=20;pmin,</3>;dim=2");
/// let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
/// assert_eq!(lines, [
///     "link 1 </3/0/7>: attribute pmin at byte 21 has no value",
///     "link 1 </3/0/7>: inconsistent attributes at byte 1: lt must be less than gt",
///     "link 2 </3>: attribute dim at byte 31 is not allowed on an object",
/// ]);
/// assert!(lwm2m_link::check(b"</>;rt=\"oma.lwm2m\",</1/0>,</3/0>").is_empty());
/// ```
pub fn check(bytes: &[u8]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let doc = |error| Problem {
        link: None,
        target: None,
        error,
    };
    let strict = Options::strict();
    let links = match parse_with(bytes, &strict) {
        Ok(l) => l,
        Err(e) => {
            let ws = matches!(
                e,
                Error::Syntax {
                    expected: Expected::NoWhiteSpace,
                    ..
                }
            );
            if !ws {
                problems.push(doc(e));
                return problems;
            }
            problems.push(doc(e));
            match parse_with(bytes, &Options::lenient()) {
                Ok(l) => l,
                Err(e2) => {
                    problems.push(doc(e2));
                    return problems;
                }
            }
        }
    };
    let root = links
        .iter()
        .find(|l| l.attribute_count() > 0 && is_lwm2m_rt(l))
        .map_or("/", |l| l.target());
    for (k, link) in links.iter().enumerate() {
        let mut report = |error| {
            problems.push(Problem {
                link: Some(k + 1),
                target: Some(Snippet::new(link.target().as_bytes())),
                error,
            })
        };
        let path: Option<Path> = match target_path(link, root) {
            Ok(p) => Some(p),
            Err(e) => {
                report(e);
                None
            }
        };
        scan(
            link,
            path.as_ref(),
            &strict,
            &mut Info::default(),
            &mut report,
        );
    }
    problems
}
