//! LwM2M paths: `/`, `/o`, `/o/i`, `/o/i/r`, `/o/i/r/ri`.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

use crate::error::{Error, PathErrorKind};

/// The largest id allowed in a path; 65535 (`MAX-ID`) is reserved.
pub const MAX_ID: u16 = 65534;

/// The depth of a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Level {
    /// `/`
    Root,
    /// `/o`
    Object,
    /// `/o/i`
    ObjectInstance,
    /// `/o/i/r`
    Resource,
    /// `/o/i/r/ri`
    ResourceInstance,
}

/// An LwM2M path of zero to four ids, each in `0..=65534`.
///
/// Small and `Copy`; ordered by ids so that `/3/0/9` sorts before `/3/0/10` and a path sorts
/// before the paths below it.
///
/// ```
/// use lwm2m_types::{Level, Path};
/// let p: Path = "/3/0/9".parse()?;
/// assert_eq!(p.level(), Level::Resource);
/// assert_eq!(p.resource_id(), Some(9));
/// assert_eq!(p.parent(), Some("/3/0".parse()?));
/// assert!(p.starts_with(&Path::object(3)?));
/// assert_eq!(p.to_string(), "/3/0/9");
/// assert!(p < "/3/0/10".parse()?);
/// assert!("/3/65535".parse::<Path>().is_err());
/// # Ok::<(), lwm2m_types::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Path {
    ids: [u16; 4],
    len: u8,
}

impl Path {
    /// The root path `/`.
    pub const ROOT: Path = Path {
        ids: [0; 4],
        len: 0,
    };

    #[inline]
    const fn check(id: u16, segment: u8) -> Result<u16, Error> {
        if id > MAX_ID {
            Err(Error::Path {
                segment,
                kind: PathErrorKind::OutOfRange,
            })
        } else {
            Ok(id)
        }
    }

    /// Builds a path from up to four ids; fails on more than four or on an id of 65535.
    ///
    /// ```
    /// use lwm2m_types::Path;
    /// assert_eq!(Path::new(&[3, 0])?.to_string(), "/3/0");
    /// assert!(Path::new(&[1, 2, 3, 4, 5]).is_err());
    /// # Ok::<(), lwm2m_types::Error>(())
    /// ```
    #[inline]
    pub fn new(ids: &[u16]) -> Result<Path, Error> {
        if ids.len() > 4 {
            return Err(Error::path(5, PathErrorKind::TooDeep));
        }
        let mut p = Path::ROOT;
        for (i, &id) in ids.iter().enumerate() {
            p.ids[i] = Self::check(id, i as u8 + 1)?;
        }
        p.len = ids.len() as u8;
        Ok(p)
    }

    /// `/o`
    pub const fn object(o: u16) -> Result<Path, Error> {
        match Self::check(o, 1) {
            Ok(o) => Ok(Path {
                ids: [o, 0, 0, 0],
                len: 1,
            }),
            Err(e) => Err(e),
        }
    }

    /// `/o/i`
    #[inline]
    pub fn instance(o: u16, i: u16) -> Result<Path, Error> {
        Path::new(&[o, i])
    }

    /// `/o/i/r`
    #[inline]
    pub fn resource(o: u16, i: u16, r: u16) -> Result<Path, Error> {
        Path::new(&[o, i, r])
    }

    /// `/o/i/r/ri`
    #[inline]
    pub fn resource_instance(o: u16, i: u16, r: u16, ri: u16) -> Result<Path, Error> {
        Path::new(&[o, i, r, ri])
    }

    /// The path one level down: `/3/0`.child(9) is `/3/0/9`.
    ///
    /// ```
    /// use lwm2m_types::Path;
    /// assert_eq!(Path::ROOT.child(3)?.child(0)?.to_string(), "/3/0");
    /// assert!(Path::resource_instance(3, 0, 6, 1)?.child(0).is_err());
    /// # Ok::<(), lwm2m_types::Error>(())
    /// ```
    #[inline]
    pub fn child(&self, id: u16) -> Result<Path, Error> {
        let n = self.len as usize;
        if n == 4 {
            return Err(Error::path(5, PathErrorKind::TooDeep));
        }
        let mut p = *self;
        p.ids[n] = Self::check(id, n as u8 + 1)?;
        p.len += 1;
        Ok(p)
    }

    /// The ids, from the object id down.
    #[inline]
    pub fn ids(&self) -> &[u16] {
        &self.ids[..self.len as usize]
    }

    /// How many ids the path has (0 for the root, see [`Path::is_root`]).
    #[allow(clippy::len_without_is_empty)]
    #[inline]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether this is the root path `/`.
    #[inline]
    pub fn is_root(&self) -> bool {
        self.len == 0
    }

    /// The depth of the path.
    #[inline]
    pub fn level(&self) -> Level {
        match self.len {
            0 => Level::Root,
            1 => Level::Object,
            2 => Level::ObjectInstance,
            3 => Level::Resource,
            _ => Level::ResourceInstance,
        }
    }

    #[inline]
    fn id(&self, n: u8) -> Option<u16> {
        (self.len > n).then(|| self.ids[n as usize])
    }

    /// The object id, if the path has one.
    #[inline]
    pub fn object_id(&self) -> Option<u16> {
        self.id(0)
    }

    /// The object instance id, if the path has one.
    #[inline]
    pub fn instance_id(&self) -> Option<u16> {
        self.id(1)
    }

    /// The resource id, if the path has one.
    #[inline]
    pub fn resource_id(&self) -> Option<u16> {
        self.id(2)
    }

    /// The resource instance id, if the path has one.
    #[inline]
    pub fn resource_instance_id(&self) -> Option<u16> {
        self.id(3)
    }

    /// The last id of the path (`None` for the root).
    #[inline]
    pub fn last_id(&self) -> Option<u16> {
        self.len.checked_sub(1).map(|n| self.ids[n as usize])
    }

    /// The path one level up; `None` for the root.
    #[inline]
    pub fn parent(&self) -> Option<Path> {
        let n = self.len.checked_sub(1)?;
        let mut p = *self;
        p.ids[n as usize] = 0;
        p.len = n;
        Some(p)
    }

    /// Whether `prefix` is this path or one of its ancestors (every path starts with `/`).
    #[inline]
    pub fn starts_with(&self, prefix: &Path) -> bool {
        self.ids().starts_with(prefix.ids())
    }
}

impl PartialEq for Path {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.ids() == other.ids()
    }
}

impl Eq for Path {}

impl Hash for Path {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.ids().hash(state)
    }
}

impl Ord for Path {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.ids().cmp(other.ids())
    }
}

impl PartialOrd for Path {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Default for Path {
    fn default() -> Self {
        Path::ROOT
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.len == 0 {
            return f.write_str("/");
        }
        for id in self.ids() {
            write!(f, "/{id}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({self})")
    }
}

/// Parses one decimal id segment (1-based `segment` for errors).
fn parse_segment(s: &[u8], segment: u8) -> Result<u16, Error> {
    if s.is_empty() {
        return Err(Error::path(segment, PathErrorKind::EmptySegment));
    }
    if !s.iter().all(u8::is_ascii_digit) {
        return Err(Error::path(segment, PathErrorKind::NotDigits));
    }
    if s.len() > 1 && s[0] == b'0' {
        return Err(Error::path(segment, PathErrorKind::LeadingZero));
    }
    if s.len() > 5 {
        return Err(Error::path(segment, PathErrorKind::OutOfRange));
    }
    let v = s
        .iter()
        .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'));
    if v > u32::from(MAX_ID) {
        return Err(Error::path(segment, PathErrorKind::OutOfRange));
    }
    Ok(v as u16)
}

impl FromStr for Path {
    type Err = Error;

    /// Parses `/`, `/o`, `/o/i`, `/o/i/r` or `/o/i/r/ri`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let b = s.as_bytes();
        let Some(rest) = b.strip_prefix(b"/") else {
            return Err(Error::path(0, PathErrorKind::MissingSlash));
        };
        let mut p = Path::ROOT;
        if rest.is_empty() {
            return Ok(p);
        }
        for (i, seg) in rest.split(|&c| c == b'/').enumerate() {
            if i == 4 {
                return Err(Error::path(5, PathErrorKind::TooDeep));
            }
            p.ids[i] = parse_segment(seg, i as u8 + 1)?;
            p.len += 1;
        }
        Ok(p)
    }
}

impl TryFrom<&str> for Path {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        s.parse()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Path {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Path {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Path;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an LwM2M path such as \"/3/0/9\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Path, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn err(s: &str) -> (u8, PathErrorKind) {
        match s.parse::<Path>() {
            Err(Error::Path { segment, kind }) => (segment, kind),
            other => panic!("{s}: expected a path error, got {other:?}"),
        }
    }

    #[test]
    fn parses_every_level() {
        for (s, level) in [
            ("/", Level::Root),
            ("/3", Level::Object),
            ("/3/0", Level::ObjectInstance),
            ("/3/0/9", Level::Resource),
            ("/3/0/6/1", Level::ResourceInstance),
            ("/65534/65534/65534/65534", Level::ResourceInstance),
        ] {
            let p: Path = s.parse().unwrap();
            assert_eq!(p.level(), level, "{s}");
            assert_eq!(p.to_string(), s);
        }
    }

    #[test]
    fn rejects_bad_paths_naming_the_segment() {
        assert_eq!(err(""), (0, PathErrorKind::MissingSlash));
        assert_eq!(err("3/0"), (0, PathErrorKind::MissingSlash));
        assert_eq!(err("/3//0"), (2, PathErrorKind::EmptySegment));
        assert_eq!(err("/3/0/"), (3, PathErrorKind::EmptySegment));
        assert_eq!(err("//"), (1, PathErrorKind::EmptySegment));
        assert_eq!(err("/65535"), (1, PathErrorKind::OutOfRange));
        assert_eq!(err("/3/65536"), (2, PathErrorKind::OutOfRange));
        assert_eq!(
            err("/3/0/99999999999999999999"),
            (3, PathErrorKind::OutOfRange)
        );
        assert_eq!(err("/+3"), (1, PathErrorKind::NotDigits));
        assert_eq!(err("/3/-1"), (2, PathErrorKind::NotDigits));
        assert_eq!(err("/3/0/a"), (3, PathErrorKind::NotDigits));
        assert_eq!(err("/3/ 0"), (2, PathErrorKind::NotDigits));
        assert_eq!(err("/03"), (1, PathErrorKind::LeadingZero));
        assert_eq!(err("/1/2/3/4/5"), (5, PathErrorKind::TooDeep));
        assert!(Path::new(&[65535]).is_err());
        assert!(Path::object(65535).is_err());
        assert!(Path::resource(3, 0, 65535).is_err());
    }

    #[test]
    fn error_messages_name_the_segment() {
        let e = "/3/x".parse::<Path>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid path: segment is not a decimal number at segment 2"
        );
    }

    #[test]
    fn queries_and_parent() {
        let p = Path::resource_instance(3, 0, 6, 1).unwrap();
        assert_eq!(p.object_id(), Some(3));
        assert_eq!(p.instance_id(), Some(0));
        assert_eq!(p.resource_id(), Some(6));
        assert_eq!(p.resource_instance_id(), Some(1));
        assert_eq!(p.last_id(), Some(1));
        assert_eq!(p.ids(), &[3, 0, 6, 1]);
        let up = p.parent().unwrap();
        assert_eq!(up.to_string(), "/3/0/6");
        assert_eq!(up.resource_instance_id(), None);
        assert_eq!(
            up.parent().unwrap().parent().unwrap().parent(),
            Some(Path::ROOT)
        );
        assert_eq!(Path::ROOT.parent(), None);
        assert_eq!(Path::ROOT.last_id(), None);
        assert!(Path::ROOT.is_root());
    }

    #[test]
    fn starts_with_is_prefix_by_ids_not_text() {
        let p: Path = "/3/0/10".parse().unwrap();
        assert!(p.starts_with(&"/3/0".parse().unwrap()));
        assert!(p.starts_with(&p));
        assert!(p.starts_with(&Path::ROOT));
        assert!(!p.starts_with(&"/3/0/1".parse().unwrap()));
        assert!(!p.starts_with(&"/3/0/10/0".parse().unwrap()));
    }

    #[test]
    fn ordering_is_numeric_and_parents_first() {
        let mut v: alloc::vec::Vec<Path> =
            ["/3/0/10", "/3/0/9", "/3", "/", "/3/0", "/2/5", "/3/0/9/0"]
                .iter()
                .map(|s| s.parse().unwrap())
                .collect();
        v.sort();
        let s: alloc::vec::Vec<_> = v.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            s,
            ["/", "/2/5", "/3", "/3/0", "/3/0/9", "/3/0/9/0", "/3/0/10"]
        );
    }

    #[test]
    fn child_builds_down_to_four_levels() {
        let p = Path::ROOT
            .child(3)
            .unwrap()
            .child(0)
            .unwrap()
            .child(7)
            .unwrap();
        assert_eq!(p, Path::resource(3, 0, 7).unwrap());
        assert!(p.child(65535).is_err());
        assert!(p.child(1).unwrap().child(1).is_err());
    }
}
