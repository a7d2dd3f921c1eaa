//! The streaming level: a zero-copy RFC 6690 parser.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use nom::error::ErrorKind;
use nom::{IResult, Input};

use crate::error::{Error, Expected, Unclosed};

/// Limits a caller can set against hostile input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most links in one document (default 65 536).
    pub max_links: usize,
    /// The most parameters in one link (default 64; an LwM2M link carries at most about 15).
    pub max_attributes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_links: 65_536,
            max_attributes: 64,
        }
    }
}

/// How tolerant the parser and the typed views are.
///
/// The default is lenient in two places where real peers and the TS itself send off-spec
/// bytes, and strict everywhere else:
///
/// - `white_space`: spaces, tabs, CR and LF are skipped before and after `,` and `;` and at
///   both ends of the document. RFC 6690 allows none, but several TS examples print
///   `</>;ct=110, </1/0>` and Zephyr/Wakaama dumps end with a newline. Leshan rejects them.
/// - `legacy_forms`: `ver="1.0"` / `lwm2m="1.0"` as written by LwM2M 1.0 clients are
///   accepted (Leshan rejects them unless its 1.0 tolerance switch is on), so is `ver` on an
///   Object Instance link (`</44/0>;ver=2.2`, a TS 1.2 example typo: Leshan #1315, OMA #557;
///   it is read as the Object's version), and so is the pre-1.1 Bootstrap-Discover form
///   `lwm2m="1.0",</0/0>` that has no `</>` link (the TS says Servers MAY accept it; Zephyr
///   sent `lwm2m="1.1",…` until fixed).
///
/// [`Options::strict`] turns both off: exactly RFC 6690 syntax and what LwM2M 1.1+ allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Skip white space around separators (see the type docs).
    pub white_space: bool,
    /// Accept the LwM2M 1.0-era forms listed in the type docs.
    pub legacy_forms: bool,
    /// Limits against hostile input.
    pub limits: Limits,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            white_space: true,
            legacy_forms: true,
            limits: Limits::default(),
        }
    }
}

impl Options {
    /// Lenient options (the default): see the type docs.
    pub fn lenient() -> Self {
        Options::default()
    }

    /// Strict options: RFC 6690 syntax without white space, and only what LwM2M 1.1+ allows.
    pub fn strict() -> Self {
        Options {
            white_space: false,
            legacy_forms: false,
            limits: Limits::default(),
        }
    }
}

/// A parameter value as it appears in the link: a `ptoken` or a quoted string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttrValue<'a> {
    /// An unquoted `ptoken`, e.g. `10` in `pmin=10`.
    Token(&'a str),
    /// A quoted string; the text between the quotes with its `\` escapes still in place.
    Quoted(&'a str),
}

impl<'a> AttrValue<'a> {
    /// The text as written (without quotes, escapes not resolved).
    pub fn raw(&self) -> &'a str {
        match *self {
            AttrValue::Token(s) | AttrValue::Quoted(s) => s,
        }
    }

    /// Whether the value was quoted.
    pub fn is_quoted(&self) -> bool {
        matches!(self, AttrValue::Quoted(_))
    }

    /// The value with quoted-pair escapes resolved (`\x` → `x`, RFC 2616). Borrows unless
    /// the value contains a `\`.
    ///
    /// ```
    /// use lwm2m_link::AttrValue;
    /// use std::borrow::Cow;
    /// assert!(matches!(AttrValue::Quoted("a b").unescape(), Cow::Borrowed("a b")));
    /// assert_eq!(AttrValue::Quoted(r#"say \"hi\" \\o/"#).unescape(), r#"say "hi" \o/"#);
    /// ```
    pub fn unescape(&self) -> Cow<'a, str> {
        match *self {
            AttrValue::Token(s) => Cow::Borrowed(s),
            AttrValue::Quoted(s) => unescape(s),
        }
    }
}

/// Resolves quoted-pair escapes (`\x` → `x`); borrows when there is no `\`.
pub fn unescape(s: &str) -> Cow<'_, str> {
    if !s.as_bytes().contains(&b'\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One link parameter (`;name` or `;name=value`), borrowed from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Attribute<'a> {
    /// The parameter name (`parmname`), e.g. `pmin`.
    pub name: &'a str,
    /// The value, if the parameter has one.
    pub value: Option<AttrValue<'a>>,
    /// Byte offset of the name in the input.
    pub offset: usize,
}

impl<'a> Attribute<'a> {
    /// The value with escapes resolved, or `None` for a parameter without value.
    pub fn unescaped(&self) -> Option<Cow<'a, str>> {
        self.value.map(|v| v.unescape())
    }
}

/// One link: a target and its parameters, borrowed from the input.
///
/// The parameters were validated when the link was read; [`Link::attributes`] walks them
/// again without allocating.
#[derive(Clone, Copy)]
pub struct Link<'a> {
    target: &'a str,
    target_offset: usize,
    params: &'a str,
    params_offset: usize,
    count: usize,
    white_space: bool,
}

impl<'a> Link<'a> {
    /// The URI-Reference between `<` and `>`, e.g. `/3/0`.
    pub fn target(&self) -> &'a str {
        self.target
    }

    /// Byte offset of the target (just after `<`).
    pub fn offset(&self) -> usize {
        self.target_offset
    }

    /// How many parameters the link has.
    pub fn attribute_count(&self) -> usize {
        self.count
    }

    /// The parameters in the order they appear.
    pub fn attributes(&self) -> Attributes<'a> {
        Attributes {
            src: Src {
                bytes: self.params.as_bytes(),
                text: self.params,
                base: self.params_offset,
                ws: self.white_space,
            },
            pos: 0,
        }
    }

    /// The first parameter with this name.
    pub fn attribute(&self, name: &str) -> Option<Attribute<'a>> {
        self.attributes().find(|a| a.name == name)
    }
}

/// Links are equal when their targets, offsets and parameters are (whatever white space
/// the parser skipped).
impl PartialEq for Link<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.target == other.target
            && self.target_offset == other.target_offset
            && self.count == other.count
            && self.attributes().eq(other.attributes())
    }
}

impl Eq for Link<'_> {}

impl core::hash::Hash for Link<'_> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.target.hash(state);
        self.target_offset.hash(state);
        for a in self.attributes() {
            a.hash(state);
        }
    }
}

impl fmt::Debug for Link<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Link")
            .field("target", &self.target)
            .field("offset", &self.target_offset)
            .field("attributes", &self.attributes().collect::<Vec<_>>())
            .finish()
    }
}

/// Iterator over the parameters of a [`Link`].
#[derive(Debug, Clone)]
pub struct Attributes<'a> {
    src: Src<'a>,
    pos: usize,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = Attribute<'a>;

    #[inline]
    fn next(&mut self) -> Option<Attribute<'a>> {
        let pos = self.src.skip_ws(self.pos);
        if self.src.bytes.get(pos) != Some(&b';') {
            return None;
        }
        // The bytes were validated when the link was read, so this cannot fail; if it did,
        // iteration would simply stop.
        let (next, attr) = self.src.param(pos + 1).ok()?;
        self.pos = next;
        Some(attr)
    }
}

// ---------------------------------------------------------------------------------------
// Character classes (RFC 6690 §2, RFC 3986)

macro_rules! class {
    ($f:ident) => {{
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = $f(i as u8);
            i += 1;
        }
        t
    }};
}

const fn parmname_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
        )
}

const fn ptoken_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'/'
                | b':'
                | b'<'
                | b'='
                | b'>'
                | b'?'
                | b'@'
                | b'['
                | b']'
                | b'^'
                | b'_'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'~'
        )
}

const fn uri_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'%'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
                | b'?'
                | b'#'
                | b'['
                | b']'
        )
}

const fn qdtext_char(b: u8) -> bool {
    // RFC 2616 TEXT without CTLs (HT allowed), minus DQUOTE and the escape.
    !(b == b'"' || b == b'\\' || (b < 0x20 && b != b'\t') || b == 0x7f)
}

static PARMNAME: [bool; 256] = class!(parmname_char);
static PTOKEN: [bool; 256] = class!(ptoken_char);
static URI: [bool; 256] = class!(uri_char);
static QDTEXT: [bool; 256] = class!(qdtext_char);

pub(crate) fn is_parmname(b: u8) -> bool {
    PARMNAME[usize::from(b)]
}
pub(crate) fn is_ptoken(b: u8) -> bool {
    PTOKEN[usize::from(b)]
}
pub(crate) fn is_uri(b: u8) -> bool {
    URI[usize::from(b)]
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

// ---------------------------------------------------------------------------------------
// Grammar (nom)

type Res<'a, T> = IResult<&'a [u8], T, ()>;

// The character-class parsers use nom's `Input::split_at_position*_complete` directly: they
// are what `take_while`/`take_while1` do on complete input, but stay inlinable (the
// combinators go through `Input::take_from`, which nom does not mark `#[inline]`, and cost
// about 15% on the registration bench).

#[inline]
fn ws(i: &[u8]) -> Res<'_, &[u8]> {
    i.split_at_position_complete(|b| !is_ws(b))
}

#[inline]
fn parmname(i: &[u8]) -> Res<'_, &[u8]> {
    i.split_at_position1_complete(|b| !is_parmname(b), ErrorKind::TakeWhile1)
}

#[inline]
fn ptoken(i: &[u8]) -> Res<'_, &[u8]> {
    i.split_at_position1_complete(|b| !is_ptoken(b), ErrorKind::TakeWhile1)
}

#[inline]
fn uri_reference(i: &[u8]) -> Res<'_, &[u8]> {
    i.split_at_position_complete(|b| !is_uri(b))
}

#[inline]
fn qdtext(i: &[u8]) -> Res<'_, &[u8]> {
    i.split_at_position_complete(|b| !QDTEXT[usize::from(b)])
}

/// The input being parsed, addressed by index: `bytes` for the grammar, `text` (the longest
/// valid UTF-8 prefix of `bytes`, checked once) to hand out `&str` slices without another
/// UTF-8 check, `base` the absolute offset of `bytes[0]`.
#[derive(Debug, Clone, Copy)]
struct Src<'a> {
    bytes: &'a [u8],
    text: &'a str,
    base: usize,
    ws: bool,
}

impl<'a> Src<'a> {
    fn new(bytes: &'a [u8], ws: bool) -> Self {
        let text = match core::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => core::str::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default())
                .unwrap_or_default(),
        };
        Src {
            bytes,
            text,
            base: 0,
            ws,
        }
    }

    #[inline]
    fn rest(&self, pos: usize) -> &'a [u8] {
        self.bytes.get(pos..).unwrap_or_default()
    }

    /// Index of `rest` (a tail of `bytes`).
    #[inline]
    fn pos_of(&self, rest: &[u8]) -> usize {
        self.bytes.len() - rest.len()
    }

    /// `bytes[a..b]` as text. Only a quoted string can hold non-ASCII bytes, so a slice past
    /// the valid prefix means the quoted string holds the first invalid byte.
    #[inline]
    fn str(&self, a: usize, b: usize) -> Result<&'a str, Error> {
        self.text.get(a..b).ok_or(Error::InvalidUtf8 {
            offset: self.base + self.text.len(),
        })
    }

    #[inline]
    fn skip_ws(&self, pos: usize) -> usize {
        if self.ws && self.bytes.get(pos).is_some_and(|&b| is_ws(b)) {
            match ws(self.rest(pos)) {
                Ok((r, _)) => self.pos_of(r),
                Err(_) => pos,
            }
        } else {
            pos
        }
    }

    /// Parses a quoted string whose opening `"` is at `open`; returns the index after the
    /// closing quote and the raw content.
    fn quoted(&self, open: usize) -> Result<(usize, &'a str), Error> {
        let body = open + 1;
        let truncated = Error::Truncated {
            offset: self.base + open,
            unclosed: Unclosed::QuotedString,
        };
        let mut pos = body;
        loop {
            let (r, _) = qdtext(self.rest(pos)).map_err(|_| truncated)?;
            let at = self.pos_of(r);
            match r.first() {
                Some(b'"') => return Ok((at + 1, self.str(body, at)?)),
                Some(b'\\') => match r.get(1) {
                    None => return Err(truncated),
                    Some(&c) if c < 0x20 || c == 0x7f => {
                        return Err(Error::Syntax {
                            offset: self.base + at + 1,
                            expected: Expected::QuotedText,
                            found: c,
                        });
                    }
                    Some(_) => pos = at + 2,
                },
                Some(&c) => {
                    return Err(Error::Syntax {
                        offset: self.base + at,
                        expected: Expected::QuotedText,
                        found: c,
                    });
                }
                None => return Err(truncated),
            }
        }
    }

    /// Parses `name [ "=" value ]` starting at `pos`, just after its `;`.
    #[inline]
    fn param(&self, pos: usize) -> Result<(usize, Attribute<'a>), Error> {
        let start = self.skip_ws(pos);
        let name_at = self.base + start;
        let Ok((rest, _)) = parmname(self.rest(start)) else {
            return Err(match self.bytes.get(start) {
                None => Error::Truncated {
                    offset: (self.base + pos).saturating_sub(1),
                    unclosed: Unclosed::Parameter,
                },
                Some(&b) if is_ws(b) => Error::Syntax {
                    offset: name_at,
                    expected: Expected::NoWhiteSpace,
                    found: b,
                },
                Some(&b) => Error::Syntax {
                    offset: name_at,
                    expected: Expected::ParamName,
                    found: b,
                },
            });
        };
        let eq = self.pos_of(rest);
        let name = self.str(start, eq)?;
        if rest.first() != Some(&b'=') {
            return Ok((
                eq,
                Attribute {
                    name,
                    value: None,
                    offset: name_at,
                },
            ));
        }
        let v = eq + 1;
        let value = match self.bytes.get(v) {
            Some(b'"') => {
                let (end, raw) = self.quoted(v)?;
                (end, AttrValue::Quoted(raw))
            }
            None => {
                return Err(Error::Truncated {
                    offset: self.base + eq,
                    unclosed: Unclosed::Value,
                });
            }
            Some(&b) => match ptoken(self.rest(v)) {
                Ok((r, _)) => {
                    let end = self.pos_of(r);
                    (end, AttrValue::Token(self.str(v, end)?))
                }
                Err(_) => {
                    return Err(Error::Syntax {
                        offset: self.base + v,
                        expected: Expected::Value,
                        found: b,
                    });
                }
            },
        };
        Ok((
            value.0,
            Attribute {
                name,
                value: Some(value.1),
                offset: name_at,
            },
        ))
    }
}

// ---------------------------------------------------------------------------------------
// Reader

/// A zero-copy reader over an `application/link-format` document: yields one [`Link`] per
/// `<…>` entry, in order, without allocating.
///
/// ```
/// use lwm2m_link::{AttrValue, Reader};
/// let mut links = Reader::new(br#"</>;rt="oma.lwm2m",</3/0>;pmin=10"#);
/// let root = links.next().unwrap()?;
/// assert_eq!(root.target(), "/");
/// assert_eq!(root.attribute("rt").unwrap().value, Some(AttrValue::Quoted("oma.lwm2m")));
/// let dev = links.next().unwrap()?;
/// assert_eq!(dev.target(), "/3/0");
/// let pmin = dev.attributes().next().unwrap();
/// assert_eq!((pmin.name, pmin.value), ("pmin", Some(AttrValue::Token("10"))));
/// assert!(links.next().is_none());
/// # Ok::<(), lwm2m_link::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    src: Src<'a>,
    pos: usize,
    limits: Limits,
    links: usize,
    state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    AfterComma(usize),
    Done,
}

impl<'a> Reader<'a> {
    /// A reader with the default (lenient white space) [`Options`].
    pub fn new(input: &'a [u8]) -> Self {
        Self::with_options(input, Options::default())
    }

    /// A reader with the given options.
    pub fn with_options(input: &'a [u8], options: Options) -> Self {
        Reader {
            src: Src::new(input, options.white_space),
            pos: 0,
            limits: options.limits,
            links: 0,
            state: State::Start,
        }
    }

    /// The byte offset of the next unread byte.
    pub fn position(&self) -> usize {
        self.pos
    }

    #[inline(always)]
    fn read_link(&mut self) -> Result<Option<Link<'a>>, Error> {
        let src = self.src;
        let open = src.skip_ws(self.pos);
        let first = match src.bytes.get(open) {
            None => {
                return match self.state {
                    State::AfterComma(comma) => Err(Error::Truncated {
                        offset: comma,
                        unclosed: Unclosed::Link,
                    }),
                    _ => Ok(None),
                };
            }
            Some(&b) => b,
        };
        if first != b'<' {
            let expected = if is_ws(first) {
                Expected::NoWhiteSpace
            } else {
                Expected::LinkStart
            };
            return Err(Error::Syntax {
                offset: open,
                expected,
                found: first,
            });
        }
        if self.links >= self.limits.max_links {
            return Err(Error::TooManyLinks {
                offset: open,
                limit: self.limits.max_links,
            });
        }
        let t = open + 1;
        let (after, _) = uri_reference(src.rest(t)).map_err(|_| Error::Truncated {
            offset: open,
            unclosed: Unclosed::Target,
        })?;
        let close = src.pos_of(after);
        match after.first() {
            Some(b'>') => {}
            Some(&b) => {
                return Err(Error::Syntax {
                    offset: close,
                    expected: Expected::TargetEnd,
                    found: b,
                });
            }
            None => {
                return Err(Error::Truncated {
                    offset: open,
                    unclosed: Unclosed::Target,
                });
            }
        }
        let target = src.str(t, close)?;
        let params_start = close + 1;
        let mut cur = params_start;
        let mut count = 0usize;
        loop {
            let r = src.skip_ws(cur);
            match src.bytes.get(r) {
                None => {
                    self.pos = r;
                    self.state = State::Done;
                    break;
                }
                Some(b',') => {
                    self.state = State::AfterComma(r);
                    self.pos = r + 1;
                    break;
                }
                Some(b';') => {
                    if count >= self.limits.max_attributes {
                        return Err(Error::TooManyAttributes {
                            offset: r,
                            limit: self.limits.max_attributes,
                        });
                    }
                    let (next, _) = src.param(r + 1)?;
                    count += 1;
                    cur = next;
                }
                Some(&b) => {
                    let expected = if is_ws(b) {
                        Expected::NoWhiteSpace
                    } else {
                        Expected::Separator
                    };
                    return Err(Error::Syntax {
                        offset: r,
                        expected,
                        found: b,
                    });
                }
            }
        }
        self.links += 1;
        Ok(Some(Link {
            target,
            target_offset: t,
            params: src.str(params_start, cur)?,
            params_offset: params_start,
            count,
            white_space: src.ws,
        }))
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Link<'a>, Error>;

    #[inline(always)]
    fn next(&mut self) -> Option<Self::Item> {
        if self.state == State::Done {
            return None;
        }
        match self.read_link() {
            Ok(Some(link)) => Some(Ok(link)),
            Ok(None) => {
                self.state = State::Done;
                None
            }
            Err(e) => {
                self.state = State::Done;
                Some(Err(e))
            }
        }
    }
}

/// Parses a whole document with the default [`Options`] into a list of links.
///
/// ```
/// let links = lwm2m_link::parse(b"</1/0>,</3/0>;ver=1.1")?;
/// assert_eq!(links.len(), 2);
/// assert_eq!(links[1].attribute("ver").unwrap().unescaped().unwrap(), "1.1");
/// # Ok::<(), lwm2m_link::Error>(())
/// ```
pub fn parse(input: &[u8]) -> Result<Vec<Link<'_>>, Error> {
    parse_with(input, &Options::default())
}

/// Parses a whole document with the given options into a list of links.
pub fn parse_with<'a>(input: &'a [u8], options: &Options) -> Result<Vec<Link<'a>>, Error> {
    Reader::with_options(input, *options).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_classes_match_rfc_6690() {
        let parm: Vec<u8> = (0..=255u8).filter(|&b| is_parmname(b)).collect();
        assert_eq!(parm.len(), 62 + 12);
        assert!(!is_parmname(b'=') && !is_parmname(b';') && !is_parmname(b'"'));
        let tok: Vec<u8> = (0..=255u8).filter(|&b| is_ptoken(b)).collect();
        assert_eq!(tok.len(), 62 + 28);
        for b in [b',', b';', b'"', b' ', b'\\'] {
            assert!(!is_ptoken(b), "{}", b as char);
        }
        assert!(is_uri(b'%') && is_uri(b',') && !is_uri(b'>') && !is_uri(b'<') && !is_uri(b' '));
        assert!((0x80..=0xff).all(|b| !is_uri(b) && !is_ptoken(b) && !is_parmname(b)));
    }

    #[test]
    fn unescape_only_allocates_with_escapes() {
        assert!(matches!(unescape("plain"), Cow::Borrowed("plain")));
        assert_eq!(unescape(r"a\\b\x"), r"a\bx");
        assert_eq!(unescape("é\\é"), "éé");
    }

    #[test]
    fn reader_position_and_fuse() {
        let mut r = Reader::new(b"</1>,</2");
        assert_eq!(r.next().unwrap().unwrap().target(), "/1");
        assert_eq!(r.position(), 5);
        assert!(r.next().unwrap().is_err());
        assert!(r.next().is_none(), "stops after an error");
    }
}
