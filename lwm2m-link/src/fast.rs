//! A one-pass reader for the common shape of a Register/Update payload.
//!
//! [`Registration::parse_with`](crate::Registration::parse_with) first tries this reader. It
//! walks the bytes once, without the generic [`Reader`](crate::Reader) machinery: no UTF-8
//! pass (every byte it accepts is ASCII), no attribute iterator, no unescaping, ids read as
//! they are scanned. It accepts only a strict subset of what the general parser accepts:
//!
//! - an optional first link that is the root (`</>` or an alternate path carrying
//!   `rt="oma.lwm2m"`) with at most `rt="oma.lwm2m"` and `ct` (one number, or a quoted list
//!   separated by single spaces);
//! - then Object and Object Instance links below the root, written `/o` or `/o/i` with
//!   canonical ids, an Object link carrying at most one unquoted `ver=X.Y`;
//! - separators exactly `,` and `;`, no white space, no escapes, no other parameter.
//!
//! Anything else (including every error) makes it return `None`, and the general parser then
//! reads the whole input and decides, so results, errors and offsets are the general
//! parser's. Whenever it returns `Some`, the links are those the general parser would have
//! collected, in the same order.

use lwm2m_types::ContentFormat;

use crate::attr::Version;
use crate::reader::{Options, is_ptoken, is_uri};
use crate::scan::{parse_ids, relative};
use crate::views::{RegisteredLink, Registration};

/// An id `0 | [1-9] *4DIGIT` at the start of `s`, at most 65534, and the bytes after it. A
/// leading `0` followed by a digit is left for the caller to reject (it expects `/` or `>`).
#[inline(always)]
fn id(s: &[u8]) -> Option<(u16, &[u8])> {
    let (&b, mut rest) = s.split_first()?;
    let d = b.wrapping_sub(b'0');
    if d > 9 {
        return None;
    }
    let mut v = u32::from(d);
    if v != 0 {
        // At most four more digits.
        for _ in 0..4 {
            match rest.split_first() {
                Some((&b, r)) if b.is_ascii_digit() => {
                    v = v * 10 + u32::from(b - b'0');
                    rest = r;
                }
                _ => break,
            }
        }
    }
    if v > u32::from(lwm2m_types::MAX_ID) {
        return None;
    }
    Some((v as u16, rest))
}

/// `1*5DIGIT` as a `u16` (leading zeros allowed, as in `Version::parse`) and the bytes after
/// it; more digits are left for the caller to reject.
#[inline(always)]
fn version_part(s: &[u8]) -> Option<(u16, &[u8])> {
    let mut v = 0u32;
    let mut rest = s;
    for _ in 0..5 {
        match rest.split_first() {
            Some((&b, r)) if b.is_ascii_digit() => {
                v = v * 10 + u32::from(b - b'0');
                rest = r;
            }
            _ => break,
        }
    }
    if rest.len() == s.len() {
        return None;
    }
    Some((u16::try_from(v).ok()?, rest))
}

/// `ct`: one cardinal unquoted, or, quoted, cardinals separated by single spaces up to the
/// closing `"`. Returns the list and the bytes after the value.
fn content_formats(s: &[u8]) -> Option<(alloc::vec::Vec<ContentFormat>, &[u8])> {
    let (quoted, body) = match s {
        [b'"', body @ ..] => (true, body),
        _ => (false, s),
    };
    let end = if quoted {
        body.iter().position(|&b| b == b'"')?
    } else {
        body.iter()
            .position(|&b| !is_ptoken(b))
            .unwrap_or(body.len())
    };
    let (v, after) = body.split_at_checked(end)?;
    let after = if quoted { after.get(1..)? } else { after };
    // Each number takes at least two bytes with its space: an upper bound, no counting pass.
    let mut out = alloc::vec::Vec::with_capacity(v.len() / 2 + 1);
    let mut n = 0u32;
    let mut digits = 0usize;
    for &b in v {
        if b == b' ' {
            if digits == 0 {
                return None;
            }
            out.push(ContentFormat(u16::try_from(n).ok()?));
            n = 0;
            digits = 0;
            continue;
        }
        let d = b.wrapping_sub(b'0');
        // No leading zero (except `0` itself), at most five digits.
        if d > 9 || (digits == 1 && n == 0) || digits == 5 {
            return None;
        }
        n = n * 10 + u32::from(d);
        digits += 1;
    }
    if digits == 0 {
        return None;
    }
    out.push(ContentFormat(u16::try_from(n).ok()?));
    (quoted || out.len() == 1).then_some((out, after))
}

/// `oma.lwm2m`, quoted or not, and the bytes after it.
fn rt_lwm2m(s: &[u8]) -> Option<&[u8]> {
    if let Some(rest) = s.strip_prefix(b"\"oma.lwm2m\"") {
        return Some(rest);
    }
    let rest = s.strip_prefix(b"oma.lwm2m")?;
    (!rest.first().is_some_and(|&b| is_ptoken(b))).then_some(rest)
}

/// `X.Y` (unquoted) and the bytes after it, which must not continue the token.
#[inline(always)]
fn version(s: &[u8]) -> Option<(Version, &[u8])> {
    let (major, rest) = version_part(s)?;
    let (minor, rest) = version_part(rest.strip_prefix(b".")?)?;
    match rest.first() {
        Some(&b) if is_ptoken(b) => None,
        _ => Some((Version::new(major, minor), rest)),
    }
}

/// Reads the first link (after its `<`), which may be the root link; returns the bytes
/// after it.
fn first_link<'a>(
    s: &'a [u8],
    max_attributes: usize,
    reg: &mut Registration<'a>,
    root_trim: &mut &'a [u8],
) -> Option<&'a [u8]> {
    let close = s.iter().position(|&b| !is_uri(b))?;
    let (target, rest) = s.split_at_checked(close)?;
    let mut rest = rest.strip_prefix(b">")?;
    let mut rt = false;
    let mut ct = None;
    let mut ver = None;
    let mut count = 0;
    while let [b';', r @ ..] = rest {
        rest = match r {
            [b'r', b't', b'=', v @ ..] if !rt => {
                rt = true;
                rt_lwm2m(v)?
            }
            [b'c', b't', b'=', v @ ..] if ct.is_none() => {
                let (list, after) = content_formats(v)?;
                ct = Some(list);
                after
            }
            [b'v', b'e', b'r', b'=', v @ ..] if ver.is_none() => {
                let (version, after) = version(v)?;
                ver = Some(version);
                after
            }
            _ => return None,
        };
        count += 1;
    }
    if count > max_attributes {
        return None;
    }
    let target = core::str::from_utf8(target).ok()?;
    if rt {
        // The root itself: its target becomes the prefix of every Object path.
        reg.root = target;
        *root_trim = target.trim_end_matches('/').as_bytes();
    }
    let trim = core::str::from_utf8(root_trim).ok()?;
    let (ids, n) = relative(target, trim).and_then(|r| parse_ids(r.as_bytes()))?;
    match n {
        0 if ver.is_none() => {
            reg.lwm2m_rt = rt;
            if let Some(list) = ct {
                reg.content_formats = list;
            }
        }
        // `ver` only as the one parameter of an Object link, no `ct` below the root.
        1 | 2 if ct.is_none() && (ver.is_none() || (n == 1 && count == 1)) => {
            let [object, instance, ..] = ids;
            reg.links.push(RegisteredLink {
                object,
                instance: (n == 2).then_some(instance),
                version: ver,
            });
        }
        _ => return None,
    }
    Some(rest)
}

/// Reads a payload of the common shape (see the module docs); `None` when it is not of that
/// shape. Returns the registration (links in document order), the offset of the first
/// Object link, and whether the links are already in canonical form.
pub(crate) fn registration<'a>(
    bytes: &'a [u8],
    options: &Options,
) -> Option<(Registration<'a>, usize, bool)> {
    let [b'<', first @ ..] = bytes else {
        return None;
    };
    if options.limits.max_attributes < 1 || options.limits.max_links < 1 {
        return None;
    }
    let mut reg = Registration {
        // A typical link takes about 8 bytes; the vector grows if there are more.
        links: alloc::vec::Vec::with_capacity(bytes.len() / 8 + 4),
        ..Registration::default()
    };
    let mut root_trim: &[u8] = b"";
    let mut rest = first_link(
        first,
        options.limits.max_attributes,
        &mut reg,
        &mut root_trim,
    )?;
    let mut first_offset = if reg.links.is_empty() { 0 } else { 1 };
    // How many more links the limit allows.
    let mut budget = options.limits.max_links - 1;
    // Sorted with no repeat and an Object link without version only when no instance
    // follows: what `canonical` checks, tracked as the links arrive.
    let mut canonical = true;
    let mut prev = reg.links.last().copied();
    while let [b',', b'<', tail @ ..] = rest {
        budget = budget.checked_sub(1)?;
        let path = match root_trim {
            [] => tail,
            r => tail.strip_prefix(r)?,
        };
        let [b'/', path @ ..] = path else {
            return None;
        };
        let (object, r) = id(path)?;
        let (instance, r) = match r {
            [b'/', r @ ..] => {
                let (i, r) = id(r)?;
                (Some(i), r)
            }
            _ => (None, r),
        };
        let [b'>', r @ ..] = r else {
            return None;
        };
        let (version, r) = match r {
            [b';', b'v', b'e', b'r', b'=', v @ ..] if instance.is_none() => {
                let (v, r) = version(v)?;
                (Some(v), r)
            }
            _ => (None, r),
        };
        rest = r;
        let link = RegisteredLink {
            object,
            instance,
            version,
        };
        match prev {
            None => first_offset = bytes.len() - tail.len(),
            Some(p) => {
                canonical &= (p.object, p.instance) < (object, instance)
                    && !(p.instance.is_none() && p.version.is_none() && p.object == object);
            }
        }
        prev = Some(link);
        reg.links.push(link);
    }
    if !rest.is_empty() {
        return None;
    }
    Some((reg, first_offset, canonical))
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec::Vec;

    use proptest::prelude::*;

    use crate::reader::{Limits, Options};
    use crate::views::Registration;

    /// The one-pass reader plus the shared tail against the general parser alone.
    fn same(bytes: &[u8]) {
        let small = Options {
            limits: Limits {
                max_links: 3,
                max_attributes: 1,
            },
            ..Options::strict()
        };
        for opts in [Options::lenient(), Options::strict(), small] {
            assert_eq!(
                Registration::parse_with(bytes, &opts),
                Registration::parse_general(bytes, &opts),
                "{:?} {opts:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn fast_path_is_taken_and_agrees() {
        let opts = Options::default();
        for ok in [
            &br#"</>;rt="oma.lwm2m";ct="60 110 112 11542 11543",</1>;ver=1.1,</1/0>,</3/0>"#[..],
            br#"</lwm2m>;rt="oma.lwm2m",</lwm2m/1/0>,</lwm2m/3/0>,</lwm2m/5>"#,
            b"</>;ct=110,</1/0>,</1/1>,</2/0>,</5>",
            b"</1/0>,</3/0>,</44>;ver=2.2,</44/0>",
            b"</3/0>,</1/0>,</1>;ver=1.1",
            b"</1>;ver=1.1",
            b"</>;ct=0",
        ] {
            assert!(super::registration(ok, &opts).is_some(), "{ok:?}");
            same(ok);
        }
        for other in [
            &b""[..],
            b" </1/0>",
            b"</1/0>, </3/0>",
            b"</1/0>,</3/0>;pmin=10",
            b"</44/0>;ver=2.2",
            br#"</3>;ver="1.1""#,
            br#"</>;rt="oma.lwm2m x""#,
            br#"</>;ct="60  110""#,
            b"</>;ct=010",
            b"</3/0/1>",
            b"</1/0>,</1/0>",
            b"</3>;ver=1.0,</3>;ver=1.1",
            b"</1/0>,</>;rt=\"oma.lwm2m\"",
            b"</03>",
            b"</65535>",
            b"</1/0>,",
            b"</1>;ver=1.1x",
            b"</1>;ver=123456.1",
        ] {
            same(other);
        }
    }

    #[cfg(feature = "std")]
    #[test]
    fn fuzz_corpus_agrees() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../fuzz/corpus/link_decode");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            if let Ok(bytes) = std::fs::read(e.path()) {
                same(&bytes);
            }
        }
    }

    const PIECES: &[&str] = &[
        "<",
        ">",
        "/",
        ",",
        ";",
        "=",
        "\"",
        " ",
        "0",
        "1",
        "3",
        "03",
        "44",
        "3303",
        "65534",
        "65535",
        "123456",
        "ver=",
        "1.1",
        "2.2",
        "01.0",
        "rt=",
        "\"oma.lwm2m\"",
        "oma.lwm2m",
        "ct=",
        "110",
        "\"60 110\"",
        "lwm2m",
        "pmin=10",
        "\\",
        "x",
        "</",
        ">,</",
        "/0>",
        "\u{e9}",
    ];

    fn piece_soup() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(prop::sample::select(PIECES), 0..24)
            .prop_map(|v| v.concat().into_bytes())
    }

    fn link_list() -> impl Strategy<Value = Vec<u8>> {
        let root = prop::sample::select(
            &[
                "",
                "</>,",
                "</>;ct=110,",
                "</>;rt=\"oma.lwm2m\";ct=\"60 110\",",
                "</lwm2m>;rt=\"oma.lwm2m\",",
                "</lwm2m/>;ct=\"11542\";rt=oma.lwm2m,",
            ][..],
        );
        let link = (
            0u16..6,
            prop::option::of(0u16..3),
            prop::option::of(0u16..3),
        );
        (root, prop::collection::vec(link, 0..8), any::<bool>()).prop_map(|(root, links, alt)| {
            let prefix = if alt && root.contains("lwm2m") {
                "/lwm2m"
            } else {
                ""
            };
            let mut s = String::from(root);
            for (o, i, v) in links {
                s.push_str(&alloc::format!("<{prefix}/{o}"));
                if let Some(i) = i {
                    s.push_str(&alloc::format!("/{i}"));
                }
                s.push('>');
                if let Some(v) = v {
                    s.push_str(&alloc::format!(";ver=1.{v}"));
                }
                s.push(',');
            }
            s.pop();
            s.into_bytes()
        })
    }

    proptest! {
        #[test]
        fn soup_agrees(bytes in piece_soup()) {
            same(&bytes);
        }

        #[test]
        fn link_lists_agree(bytes in link_list()) {
            same(&bytes);
        }
    }
}
