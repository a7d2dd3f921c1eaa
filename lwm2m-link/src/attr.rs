//! LwM2M attributes: names, attachment levels, typed values, consistency rules, and the
//! Write-Attributes query string.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use lwm2m_types::{Level, Snippet};

use crate::error::{Error, Rule};
use crate::writer::{Writer, write_decimal};

/// Every attribute name LwM2M gives a meaning to in link format.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttrName {
    /// `pmin`: minimum period between notifications, integer seconds.
    Pmin,
    /// `pmax`: maximum period between notifications, integer seconds (0 = ignore, 1.1).
    Pmax,
    /// `gt`: greater-than threshold, decimal (negative allowed, OMA #563).
    Gt,
    /// `lt`: less-than threshold, decimal (negative allowed).
    Lt,
    /// `st`: step, decimal ≥ 0.
    St,
    /// `epmin`: minimum evaluation period, integer seconds (1.1+).
    Epmin,
    /// `epmax`: maximum evaluation period, integer seconds (1.1+).
    Epmax,
    /// `edge`: `0` falling / `1` rising edge of a Boolean resource (1.2).
    Edge,
    /// `con`: `0` NON / `1` CON notifications (1.2).
    Con,
    /// `hqmax`: maximum historical queue, integer (1.2).
    Hqmax,
    /// `dim`: number of instances of a multiple resource, 0..=255.
    Dim,
    /// `ssid`: Short Server ID, 1..=65534 (Bootstrap-Discover).
    Ssid,
    /// `uri`: LwM2M Server URI, quoted (Bootstrap-Discover).
    Uri,
    /// `ver`: Object version `X.Y`.
    Ver,
    /// `lwm2m`: enabler version `X.Y` on the root link (Bootstrap-Discover).
    Lwm2m,
    /// `ct`: supported Content-Formats on the root link (Register).
    Ct,
    /// `rt`: resource type; `"oma.lwm2m"` marks the root link (Register).
    Rt,
}

impl AttrName {
    /// The ten notification attributes of LwM2M 1.2, in canonical order.
    pub const NOTIFICATION: [AttrName; 10] = [
        AttrName::Pmin,
        AttrName::Pmax,
        AttrName::Gt,
        AttrName::Lt,
        AttrName::St,
        AttrName::Epmin,
        AttrName::Epmax,
        AttrName::Edge,
        AttrName::Con,
        AttrName::Hqmax,
    ];

    /// Every known attribute.
    pub const ALL: [AttrName; 17] = [
        AttrName::Pmin,
        AttrName::Pmax,
        AttrName::Gt,
        AttrName::Lt,
        AttrName::St,
        AttrName::Epmin,
        AttrName::Epmax,
        AttrName::Edge,
        AttrName::Con,
        AttrName::Hqmax,
        AttrName::Dim,
        AttrName::Ssid,
        AttrName::Uri,
        AttrName::Ver,
        AttrName::Lwm2m,
        AttrName::Ct,
        AttrName::Rt,
    ];

    /// The name as written in links and queries.
    pub const fn as_str(self) -> &'static str {
        match self {
            AttrName::Pmin => "pmin",
            AttrName::Pmax => "pmax",
            AttrName::Gt => "gt",
            AttrName::Lt => "lt",
            AttrName::St => "st",
            AttrName::Epmin => "epmin",
            AttrName::Epmax => "epmax",
            AttrName::Edge => "edge",
            AttrName::Con => "con",
            AttrName::Hqmax => "hqmax",
            AttrName::Dim => "dim",
            AttrName::Ssid => "ssid",
            AttrName::Uri => "uri",
            AttrName::Ver => "ver",
            AttrName::Lwm2m => "lwm2m",
            AttrName::Ct => "ct",
            AttrName::Rt => "rt",
        }
    }

    /// Looks a name up (case-sensitive, as in Leshan and Anjay).
    pub fn from_name(name: &[u8]) -> Option<AttrName> {
        Some(match name {
            b"pmin" => AttrName::Pmin,
            b"pmax" => AttrName::Pmax,
            b"gt" => AttrName::Gt,
            b"lt" => AttrName::Lt,
            b"st" => AttrName::St,
            b"epmin" => AttrName::Epmin,
            b"epmax" => AttrName::Epmax,
            b"edge" => AttrName::Edge,
            b"con" => AttrName::Con,
            b"hqmax" => AttrName::Hqmax,
            b"dim" => AttrName::Dim,
            b"ssid" => AttrName::Ssid,
            b"uri" => AttrName::Uri,
            b"ver" => AttrName::Ver,
            b"lwm2m" => AttrName::Lwm2m,
            b"ct" => AttrName::Ct,
            b"rt" => AttrName::Rt,
            _ => return None,
        })
    }

    /// Whether it is one of the `<NOTIFICATION>` attributes a Server sets with
    /// Write-Attributes.
    pub const fn is_notification(self) -> bool {
        (self as u8) <= (AttrName::Hqmax as u8)
    }

    /// The levels this attribute may attach to (LwM2M TS 1.2.1 Table 7.3.2-1 / 5.1.2-1):
    ///
    /// | attribute | levels |
    /// | --- | --- |
    /// | pmin, pmax, epmin, epmax, con, hqmax | Object, Object Instance, Resource, Resource Instance |
    /// | gt, lt, st, edge | Resource, Resource Instance |
    /// | dim | Resource |
    /// | ssid, uri | Object Instance |
    /// | ver | Object |
    /// | lwm2m, ct, rt | root |
    pub const fn levels(self) -> &'static [Level] {
        const ANY: &[Level] = &[
            Level::Object,
            Level::ObjectInstance,
            Level::Resource,
            Level::ResourceInstance,
        ];
        const RES: &[Level] = &[Level::Resource, Level::ResourceInstance];
        match self {
            AttrName::Pmin
            | AttrName::Pmax
            | AttrName::Epmin
            | AttrName::Epmax
            | AttrName::Con
            | AttrName::Hqmax => ANY,
            AttrName::Gt | AttrName::Lt | AttrName::St | AttrName::Edge => RES,
            AttrName::Dim => &[Level::Resource],
            AttrName::Ssid | AttrName::Uri => &[Level::ObjectInstance],
            AttrName::Ver => &[Level::Object],
            AttrName::Lwm2m | AttrName::Ct | AttrName::Rt => &[Level::Root],
        }
    }

    /// Whether it may attach to `level`.
    pub fn allowed_at(self, level: Level) -> bool {
        self.levels().contains(&level)
    }

    fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

impl fmt::Display for AttrName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A small set of [`AttrName`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AttrSet(u32);

impl AttrSet {
    /// The empty set.
    pub const fn new() -> Self {
        AttrSet(0)
    }
    /// Adds a name; returns `false` if it was already there.
    pub fn insert(&mut self, name: AttrName) -> bool {
        let had = self.contains(name);
        self.0 |= name.bit();
        !had
    }
    /// Whether the set holds `name`.
    pub fn contains(&self, name: AttrName) -> bool {
        self.0 & name.bit() != 0
    }
    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
    /// The names in canonical order.
    pub fn iter(&self) -> impl Iterator<Item = AttrName> + '_ {
        AttrName::ALL.into_iter().filter(|n| self.contains(*n))
    }
}

/// A version `X.Y` as in `ver=1.1` or `lwm2m=1.2` (`1*DIGIT "." 1*DIGIT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The part before the dot.
    pub major: u16,
    /// The part after the dot.
    pub minor: u16,
}

impl Version {
    /// A version from its two parts.
    pub const fn new(major: u16, minor: u16) -> Self {
        Version { major, minor }
    }

    /// Parses `1*DIGIT "." 1*DIGIT` (each part must fit a `u16`).
    pub fn parse(s: &str) -> Option<Version> {
        let (a, b) = s.split_once('.')?;
        Some(Version {
            major: parse_u64(a).and_then(|v| u16::try_from(v).ok())?,
            minor: parse_u64(b).and_then(|v| u16::try_from(v).ok())?,
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// `1*DIGIT` as an integer, `None` on anything else or overflow.
pub(crate) fn parse_u64(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 20 {
        return None;
    }
    let mut v: u64 = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    Some(v)
}

/// `-?1*DIGIT ["." 1*DIGIT]` as a finite `f64` (OMA #563 / Leshan PR #1535 form).
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !frac.is_none_or(digits) {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v)
}

/// The notification attributes of LwM2M 1.2 as typed values; `None` = not set.
///
/// ```
/// use lwm2m_link::{NotificationAttributes, Rule, Error};
/// let mut a = NotificationAttributes::default();
/// a.gt = Some(-3.5);
/// a.lt = Some(-10.0);
/// a.st = Some(2.0);
/// assert!(a.validate().is_ok());
/// a.st = Some(4.0); // -10 + 8 is not below -3.5
/// assert_eq!(a.validate(), Err(Error::Rule { offset: 0, rule: Rule::StepFitsBetween }));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NotificationAttributes {
    /// `pmin` in seconds.
    pub pmin: Option<u32>,
    /// `pmax` in seconds.
    pub pmax: Option<u32>,
    /// `gt` threshold.
    pub gt: Option<f64>,
    /// `lt` threshold.
    pub lt: Option<f64>,
    /// `st` step (≥ 0).
    pub st: Option<f64>,
    /// `epmin` in seconds.
    pub epmin: Option<u32>,
    /// `epmax` in seconds.
    pub epmax: Option<u32>,
    /// `edge`: `false` = falling (`0`), `true` = rising (`1`).
    pub edge: Option<bool>,
    /// `con`: `false` = NON (`0`), `true` = CON (`1`).
    pub con: Option<bool>,
    /// `hqmax`.
    pub hqmax: Option<u32>,
}

/// What a value must look like, per attribute (used in error messages).
pub(crate) fn expected_text(name: AttrName) -> &'static str {
    match name {
        AttrName::Pmin | AttrName::Pmax | AttrName::Epmin | AttrName::Epmax | AttrName::Hqmax => {
            "an unsigned integer (0..=4294967295)"
        }
        AttrName::Gt | AttrName::Lt => "a decimal -?DIGITS[.DIGITS]",
        AttrName::St => "a decimal DIGITS[.DIGITS] (not negative)",
        AttrName::Edge | AttrName::Con => "0 or 1",
        AttrName::Dim => "an integer 0..=255",
        AttrName::Ssid => "an integer 1..=65534",
        AttrName::Uri => "a quoted uri",
        AttrName::Ver | AttrName::Lwm2m => "a version DIGITS.DIGITS",
        AttrName::Ct => "a content-format number or a quoted list of them",
        AttrName::Rt => "a relation type",
    }
}

impl NotificationAttributes {
    /// Whether no attribute is set.
    pub fn is_empty(&self) -> bool {
        *self == NotificationAttributes::default()
    }

    /// Whether the attribute is set (`false` for names that are not notification
    /// attributes).
    pub fn is_set(&self, name: AttrName) -> bool {
        match name {
            AttrName::Pmin => self.pmin.is_some(),
            AttrName::Pmax => self.pmax.is_some(),
            AttrName::Gt => self.gt.is_some(),
            AttrName::Lt => self.lt.is_some(),
            AttrName::St => self.st.is_some(),
            AttrName::Epmin => self.epmin.is_some(),
            AttrName::Epmax => self.epmax.is_some(),
            AttrName::Edge => self.edge.is_some(),
            AttrName::Con => self.con.is_some(),
            AttrName::Hqmax => self.hqmax.is_some(),
            _ => false,
        }
    }

    /// The names that are set, in canonical order.
    pub fn names(&self) -> AttrSet {
        let mut s = AttrSet::new();
        for n in AttrName::NOTIFICATION {
            if self.is_set(n) {
                s.insert(n);
            }
        }
        s
    }

    /// Removes an attribute (no-op for names that are not notification attributes).
    pub fn clear(&mut self, name: AttrName) {
        match name {
            AttrName::Pmin => self.pmin = None,
            AttrName::Pmax => self.pmax = None,
            AttrName::Gt => self.gt = None,
            AttrName::Lt => self.lt = None,
            AttrName::St => self.st = None,
            AttrName::Epmin => self.epmin = None,
            AttrName::Epmax => self.epmax = None,
            AttrName::Edge => self.edge = None,
            AttrName::Con => self.con = None,
            AttrName::Hqmax => self.hqmax = None,
            _ => {}
        }
    }

    /// Parses `value` as the typed value of the notification attribute `name` and sets it.
    /// `offset` is reported in errors. Values: integers for pmin/pmax/epmin/epmax/hqmax,
    /// `-?DIGITS[.DIGITS]` for gt/lt, the same without sign for st, `0`/`1` for edge/con.
    ///
    /// Returns `Ok(false)` if `name` is not a notification attribute.
    pub fn set_text(&mut self, name: AttrName, value: &str, offset: usize) -> Result<bool, Error> {
        let bad = || Error::InvalidValue {
            offset,
            name,
            expected: expected_text(name),
        };
        let int = || {
            parse_u64(value)
                .and_then(|v| u32::try_from(v).ok())
                .ok_or_else(bad)
        };
        let flag = || match value {
            "0" => Ok(false),
            "1" => Ok(true),
            _ => Err(bad()),
        };
        match name {
            AttrName::Pmin => self.pmin = Some(int()?),
            AttrName::Pmax => self.pmax = Some(int()?),
            AttrName::Epmin => self.epmin = Some(int()?),
            AttrName::Epmax => self.epmax = Some(int()?),
            AttrName::Hqmax => self.hqmax = Some(int()?),
            AttrName::Gt => self.gt = Some(parse_decimal(value).ok_or_else(bad)?),
            AttrName::Lt => self.lt = Some(parse_decimal(value).ok_or_else(bad)?),
            AttrName::St => {
                if value.starts_with('-') {
                    return Err(bad());
                }
                self.st = Some(parse_decimal(value).ok_or_else(bad)?);
            }
            AttrName::Edge => self.edge = Some(flag()?),
            AttrName::Con => self.con = Some(flag()?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Every consistency rule the attributes break (see [`Rule`]):
    /// `lt < gt`, `lt + 2*st < gt`, `pmin ≤ pmax`, `epmin ≤ epmax`, each checked when all
    /// the attributes it names are set.
    pub fn violations(&self) -> impl Iterator<Item = Rule> + '_ {
        let lt_gt = matches!((self.lt, self.gt), (Some(l), Some(g)) if l >= g);
        let step =
            matches!((self.lt, self.st, self.gt), (Some(l), Some(s), Some(g)) if l + 2.0 * s >= g);
        let p = matches!((self.pmin, self.pmax), (Some(a), Some(b)) if a > b);
        let ep = matches!((self.epmin, self.epmax), (Some(a), Some(b)) if a > b);
        [
            (lt_gt, Rule::LtBelowGt),
            (step, Rule::StepFitsBetween),
            (p, Rule::PminNotAbovePmax),
            (ep, Rule::EpminNotAboveEpmax),
        ]
        .into_iter()
        .filter_map(|(bad, r)| bad.then_some(r))
    }

    /// The first consistency rule broken, as [`Error::Rule`] with offset 0, or also an
    /// [`Error::InvalidValue`] for a negative `st` or a non-finite threshold set by hand.
    pub fn validate(&self) -> Result<(), Error> {
        for (name, v) in [
            (AttrName::Gt, self.gt),
            (AttrName::Lt, self.lt),
            (AttrName::St, self.st),
        ] {
            if let Some(v) = v
                && (!v.is_finite() || (name == AttrName::St && v < 0.0))
            {
                return Err(Error::InvalidValue {
                    offset: 0,
                    name,
                    expected: expected_text(name),
                });
            }
        }
        match self.violations().next() {
            Some(rule) => Err(Error::Rule { offset: 0, rule }),
            None => Ok(()),
        }
    }

    /// Checks that every attribute that is set may attach to `level`.
    pub fn check_level(&self, level: Level) -> Result<(), Error> {
        match self.names().iter().find(|n| !n.allowed_at(level)) {
            Some(name) => Err(Error::WrongLevel {
                offset: 0,
                name,
                level,
            }),
            None => Ok(()),
        }
    }

    /// Writes the attributes that are set as link parameters of the current link, in
    /// canonical order.
    pub fn write_link(&self, w: &mut Writer<'_>) -> Result<(), Error> {
        for name in self.names().iter() {
            self.write_one(name, &mut |text| {
                w.attr(name.as_str(), Some(text))?;
                Ok(())
            })?;
        }
        Ok(())
    }

    fn write_one(
        &self,
        name: AttrName,
        sink: &mut dyn FnMut(&str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut buf = Vec::new();
        let int = |buf: &mut Vec<u8>, v: Option<u32>| {
            buf.extend_from_slice(itoa(u64::from(v.unwrap_or(0)), &mut [0; 20]))
        };
        match name {
            AttrName::Pmin => int(&mut buf, self.pmin),
            AttrName::Pmax => int(&mut buf, self.pmax),
            AttrName::Epmin => int(&mut buf, self.epmin),
            AttrName::Epmax => int(&mut buf, self.epmax),
            AttrName::Hqmax => int(&mut buf, self.hqmax),
            AttrName::Gt | AttrName::Lt | AttrName::St => {
                let v = match name {
                    AttrName::Gt => self.gt,
                    AttrName::Lt => self.lt,
                    _ => self.st,
                }
                .unwrap_or(0.0);
                if !v.is_finite() {
                    return Err(Error::Unwritable {
                        what: "a non-finite threshold",
                    });
                }
                write_decimal(&mut buf, v);
            }
            AttrName::Edge => buf.push(if self.edge == Some(true) { b'1' } else { b'0' }),
            AttrName::Con => buf.push(if self.con == Some(true) { b'1' } else { b'0' }),
            _ => return Ok(()),
        }
        // Only ASCII digits, '-' and '.' were written.
        sink(core::str::from_utf8(&buf).unwrap_or_default())
    }
}

/// Formats an integer into `buf` without allocating.
pub(crate) fn itoa(mut v: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || i == 0 {
            break;
        }
    }
    buf.get(i..).unwrap_or_default()
}

/// A Write-Attributes request: attributes to set and attributes to remove, from/to the
/// URI query (`?pmin=10&pmax=60&gt=-3.5`; a name without value, `?pmin`, removes it).
///
/// ```
/// use lwm2m_link::{AttrName, WriteAttributes};
/// let w = WriteAttributes::parse_query(b"?pmin=10&pmax=60&gt=-3.5&st")?;
/// assert_eq!(w.set.pmin, Some(10));
/// assert_eq!(w.set.gt, Some(-3.5));
/// assert!(w.clear.contains(AttrName::St));
/// w.validate(&"/3303/0/5700".parse()?)?;
/// assert_eq!(w.to_query(), "?pmin=10&pmax=60&gt=-3.5&st");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WriteAttributes {
    /// Attributes to set.
    pub set: NotificationAttributes,
    /// Attributes to remove (value-less query parameters).
    pub clear: AttrSet,
}

impl WriteAttributes {
    /// Parses a URI query: an optional leading `?`, then `&`-separated `name=value` or
    /// `name` parameters. Only the ten notification attributes are accepted (others are an
    /// [`Error::UnknownAttribute`], as Anjay answers 4.00), each at most once; offsets count
    /// from the start of `query`.
    pub fn parse_query(query: &[u8]) -> Result<WriteAttributes, Error> {
        let (mut at, body) = match query.strip_prefix(b"?") {
            Some(b) => (1usize, b),
            None => (0usize, query),
        };
        let mut out = WriteAttributes::default();
        if body.is_empty() {
            return Ok(out);
        }
        for part in body.split(|&b| b == b'&') {
            let (name, value) = match part.iter().position(|&b| b == b'=') {
                Some(i) => (
                    part.get(..i).unwrap_or_default(),
                    Some(part.get(i + 1..).unwrap_or_default()),
                ),
                None => (part, None),
            };
            let Some(attr) = AttrName::from_name(name).filter(|n| n.is_notification()) else {
                return Err(Error::UnknownAttribute {
                    offset: at,
                    name: Snippet::new(name),
                });
            };
            if out.set.is_set(attr) || out.clear.contains(attr) {
                return Err(Error::DuplicateAttribute {
                    offset: at,
                    name: Snippet::new(name),
                });
            }
            match value {
                None => {
                    out.clear.insert(attr);
                }
                Some(v) => {
                    let value_at = at + name.len() + 1;
                    let text = core::str::from_utf8(v).map_err(|_| Error::InvalidValue {
                        offset: value_at,
                        name: attr,
                        expected: expected_text(attr),
                    })?;
                    out.set.set_text(attr, text, value_at)?;
                }
            }
            at = at + part.len() + 1;
        }
        Ok(out)
    }

    /// Checks the request against the target path: every attribute (set or removed) must
    /// attach to its level (none to the root), and the values set must follow the
    /// consistency rules.
    pub fn validate(&self, path: &lwm2m_types::Path) -> Result<(), Error> {
        let level = path.level();
        for name in self.set.names().iter().chain(self.clear.iter()) {
            if !name.allowed_at(level) {
                return Err(Error::WrongLevel {
                    offset: 0,
                    name,
                    level,
                });
            }
        }
        self.set.validate()
    }

    /// Applies the request to the attributes currently attached: removes, then sets.
    pub fn apply(&self, current: &mut NotificationAttributes) {
        for name in self.clear.iter() {
            current.clear(name);
        }
        let s = &self.set;
        macro_rules! take {
            ($($f:ident),*) => {$( if s.$f.is_some() { current.$f = s.$f; } )*};
        }
        take!(pmin, pmax, gt, lt, st, epmin, epmax, edge, con, hqmax);
    }

    /// Appends the query without the leading `?` (`pmin=10&pmax=60&st`), in canonical order.
    pub fn write_query(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        let mut first = true;
        for name in AttrName::NOTIFICATION {
            if self.set.is_set(name) {
                self.set.write_one(name, &mut |text| {
                    if !first {
                        out.push(b'&');
                    }
                    first = false;
                    out.extend_from_slice(name.as_str().as_bytes());
                    out.push(b'=');
                    out.extend_from_slice(text.as_bytes());
                    Ok(())
                })?;
            } else if self.clear.contains(name) {
                if !first {
                    out.push(b'&');
                }
                first = false;
                out.extend_from_slice(name.as_str().as_bytes());
            }
        }
        Ok(())
    }

    /// The query with its leading `?`, or `""` when there is nothing to set or remove.
    /// Non-finite thresholds set by hand are left out.
    pub fn to_query(&self) -> String {
        let mut v = Vec::new();
        let _ = self.write_query(&mut v);
        let mut s = String::new();
        if !v.is_empty() {
            s.push('?');
            s.push_str(core::str::from_utf8(&v).unwrap_or_default());
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("-3.5"), Some(-3.5));
        assert_eq!(parse_decimal("0"), Some(0.0));
        assert_eq!(parse_decimal("42.20"), Some(42.2));
        for bad in [
            "", "-", ".5", "5.", "+5", "1e3", "1.2.3", "--1", " 1", "NaN", "inf",
        ] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
        let huge = "9".repeat(400);
        assert_eq!(parse_decimal(&huge), None, "overflows to infinity");
    }

    #[test]
    fn integers_and_versions() {
        assert_eq!(parse_u64("0"), Some(0));
        assert_eq!(parse_u64("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_u64("18446744073709551616"), None);
        assert_eq!(parse_u64("-1"), None);
        assert_eq!(Version::parse("1.1"), Some(Version::new(1, 1)));
        assert_eq!(Version::parse("10.02"), Some(Version::new(10, 2)));
        assert_eq!(Version::parse("1"), None);
        assert_eq!(Version::parse("1.65536"), None);
        assert_eq!(alloc::format!("{}", Version::new(2, 10)), "2.10");
        assert_eq!(itoa(0, &mut [0; 20]), b"0");
        assert_eq!(itoa(u64::MAX, &mut [0; 20]), b"18446744073709551615");
    }

    #[test]
    fn attr_set() {
        let mut s = AttrSet::new();
        assert!(s.insert(AttrName::St));
        assert!(!s.insert(AttrName::St));
        assert!(s.insert(AttrName::Pmin));
        assert_eq!(s.iter().collect::<Vec<_>>(), [AttrName::Pmin, AttrName::St]);
        assert!(AttrName::Hqmax.is_notification());
        assert!(!AttrName::Dim.is_notification());
    }
}
