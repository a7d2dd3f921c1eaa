//! Typed LwM2M views on top of the reader: Register/Update, Discover, Bootstrap-Discover.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use lwm2m_types::{ContentFormat, Level, Path};

use crate::attr::{AttrName, NotificationAttributes, Version, itoa};
use crate::error::Error;
use crate::reader::{AttrValue, Options, Reader};
use crate::scan::{Info, is_lwm2m_rt, parse_ids, relative, scan_strict, target_path};
use crate::writer::Writer;

/// One link of a Register/Update payload below the root: an Object (`</3303>;ver=1.1`,
/// `instance == None`) or an Object Instance (`</3303/0>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegisteredLink {
    /// The Object id.
    pub object: u16,
    /// The Object Instance id, `None` for the Object link.
    pub instance: Option<u16>,
    /// `ver` of the Object (only on Object links in the canonical form).
    pub version: Option<Version>,
}

/// A view of one Object of a [`Registration`]: its id, version and instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegisteredObject<'r> {
    /// The Object id.
    pub id: u16,
    /// `ver` of the Object link, when not the default.
    pub version: Option<Version>,
    links: &'r [RegisteredLink],
}

impl<'r> RegisteredObject<'r> {
    /// The Object Instance ids, ascending (none for a supported Object without instances,
    /// `</5>`).
    pub fn instances(&self) -> impl Iterator<Item = u16> + 'r {
        self.links.iter().filter_map(|l| l.instance)
    }

    /// How many instances the Object has.
    pub fn instance_count(&self) -> usize {
        self.links.iter().filter(|l| l.instance.is_some()).count()
    }
}

/// The payload of a Register or Update request: `</>;rt="oma.lwm2m";ct=…,</1>;ver=1.1,</1/0>,…`.
///
/// The links are kept in one flat vector in canonical form: sorted by Object then Instance
/// (the order of links in a payload carries no meaning), no link twice, `ver` only on Object
/// links, and an Object link only when the Object has a version or no instance (`</1>,</1/0>`
/// reads as `</1/0>`). Unknown link parameters are ignored, as the TS asks of Servers; known
/// LwM2M attributes are type-checked.
///
/// ```
/// use lwm2m_link::{Registration, Version};
/// let reg = Registration::parse(br#"</lwm2m>;rt="oma.lwm2m";ct="60 110",</lwm2m/1/0>,</lwm2m/3303/0>,</lwm2m/3303>;ver=1.1,</lwm2m/5>"#)?;
/// assert_eq!(reg.root, "/lwm2m");
/// assert_eq!(reg.content_formats.iter().map(|c| c.0).collect::<Vec<_>>(), [60, 110]);
/// assert_eq!(reg.objects().count(), 3);
/// let temp = reg.object(3303).unwrap();
/// assert_eq!(temp.version, Some(Version::new(1, 1)));
/// assert_eq!(temp.instances().collect::<Vec<_>>(), [0]);
/// assert_eq!(reg.object(5).unwrap().instance_count(), 0);
/// // Written back in canonical order: objects by id, the Object link before its instances.
/// assert_eq!(reg.to_bytes()?, br#"</lwm2m>;rt="oma.lwm2m";ct="60 110",</lwm2m/1/0>,</lwm2m/5>,</lwm2m/3303>;ver=1.1,</lwm2m/3303/0>"#);
/// # Ok::<(), lwm2m_link::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Registration<'a> {
    /// The root path: `"/"`, or the alternate path of a root link with `rt="oma.lwm2m"`
    /// (e.g. `"/lwm2m"`), which prefixes every Object path.
    pub root: &'a str,
    /// Whether the root link carries `rt="oma.lwm2m"`.
    pub lwm2m_rt: bool,
    /// The Content-Formats listed by `ct` on the root link.
    pub content_formats: Vec<ContentFormat>,
    /// The Object and Object Instance links, in canonical form (see the type docs; call
    /// [`normalize`](Self::normalize) after editing by hand).
    pub links: Vec<RegisteredLink>,
}

impl Default for Registration<'_> {
    fn default() -> Self {
        Registration {
            root: "/",
            lwm2m_rt: false,
            content_formats: Vec::new(),
            links: Vec::new(),
        }
    }
}

/// Whether `links` (sorted) is in canonical form.
fn canonical(links: &[RegisteredLink]) -> bool {
    let mut prev: Option<&RegisteredLink> = None;
    for (k, l) in links.iter().enumerate() {
        if let Some(p) = prev
            && (p.object, p.instance) >= (l.object, l.instance)
        {
            return false;
        }
        match l.instance {
            Some(_) if l.version.is_some() => return false,
            // An Object link without version only when the Object has no instance.
            None if l.version.is_none()
                && links.get(k + 1).is_some_and(|n| n.object == l.object) =>
            {
                return false;
            }
            _ => {}
        }
        prev = Some(l);
    }
    true
}

impl<'a> Registration<'a> {
    /// Parses a payload with the default (lenient) [`Options`].
    pub fn parse(bytes: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with(bytes, &Options::default())
    }

    /// Parses a payload.
    ///
    /// Errors: syntax errors of the reader; targets that are not LwM2M paths below the root
    /// ([`Error::InvalidTarget`]); resource-level targets ([`Error::TargetLevel`]); bad
    /// values of known attributes; the same Object or Instance listed twice, two different
    /// versions for one Object, two root links, or the `rt="oma.lwm2m"` link after Object
    /// links ([`Error::Structure`]).
    ///
    /// Cost: the common shape (a root link with `rt`/`ct`, then `/o` and `/o/i` links with
    /// at most `ver`, no white space or escapes) is read in one pass over the bytes with one
    /// allocation for the links (plus one for `ct`); any other input takes the general parser,
    /// with the same result or error.
    pub fn parse_with(bytes: &'a [u8], options: &Options) -> Result<Self, Error> {
        // The common shape in one pass; anything else (and every error) takes the general
        // path below, so results and errors are the same either way.
        if let Some((reg, first_offset, canonical)) = crate::fast::registration(bytes, options) {
            return reg.finish(bytes, options, first_offset, canonical);
        }
        Self::parse_general(bytes, options)
    }

    /// The general parser behind [`parse_with`](Self::parse_with).
    pub(crate) fn parse_general(bytes: &'a [u8], options: &Options) -> Result<Self, Error> {
        let mut reg = Registration::default();
        let mut root_seen = false;
        let mut first_offset = 0usize;
        let mut root_trim = "";
        // A typical link takes about 8 bytes; the vector grows if there are more.
        reg.links.reserve(bytes.len() / 8 + 4);
        for link in Reader::with_options(bytes, *options) {
            let link = link?;
            let has_attrs = link.attribute_count() > 0;
            // The common `</o>;ver=X.Y`: one parameter, read once.
            let only = if link.attribute_count() == 1 {
                link.attributes().next()
            } else {
                None
            };
            let maybe_rt = match only {
                Some(a) => a.name == "rt",
                None => has_attrs,
            };
            if maybe_rt && is_lwm2m_rt(&link) {
                if root_seen {
                    return Err(Error::Structure {
                        offset: link.offset(),
                        problem: "a second root link",
                    });
                }
                if !reg.links.is_empty()
                    && link.target().trim_end_matches('/') != reg.root.trim_end_matches('/')
                {
                    return Err(Error::Structure {
                        offset: link.offset(),
                        problem: "the rt=\"oma.lwm2m\" link must come before the object links",
                    });
                }
                reg.root = link.target();
                root_trim = reg.root.trim_end_matches('/');
            }
            let (ids, n) = relative(link.target(), root_trim)
                .and_then(|r| parse_ids(r.as_bytes()))
                .ok_or_else(|| Error::InvalidTarget {
                    offset: link.offset(),
                    target: lwm2m_types::Snippet::new(link.target().as_bytes()),
                })?;
            // Most links carry no parameter: skip the typed scan for them.
            let mut version = None;
            let mut root_info = None;
            if has_attrs {
                // Fast path for the common `</o>;ver=X.Y`; anything else takes the full scan.
                let quick = if n == 1 {
                    only.filter(|a| a.name == "ver")
                        .and_then(|a| match a.value {
                            Some(AttrValue::Token(t)) => Version::parse(t),
                            _ => None,
                        })
                } else {
                    None
                };
                if quick.is_some() {
                    version = quick;
                } else {
                    let path = Path::new(ids.get(..n).unwrap_or_default())?;
                    let mut info = Info::default();
                    scan_strict(&link, Some(&path), options, &mut info)?;
                    version = info.ver;
                    root_info = Some((info.rt_lwm2m, info.ct));
                }
            }
            match n {
                0 => {
                    if root_seen {
                        return Err(Error::Structure {
                            offset: link.offset(),
                            problem: "a second root link",
                        });
                    }
                    root_seen = true;
                    if let Some((rt, ct)) = root_info {
                        reg.lwm2m_rt = rt;
                        reg.content_formats = ct.unwrap_or_default();
                    }
                }
                1 | 2 => {
                    if reg.links.is_empty() {
                        first_offset = link.offset();
                    }
                    let [object, instance, ..] = ids;
                    reg.links.push(RegisteredLink {
                        object,
                        instance: (n == 2).then_some(instance),
                        version,
                    });
                }
                _ => {
                    let level = if n == 3 {
                        Level::Resource
                    } else {
                        Level::ResourceInstance
                    };
                    return Err(Error::TargetLevel {
                        offset: link.offset(),
                        level,
                        expected: "an object or object instance",
                    });
                }
            }
        }
        let canonical = canonical(&reg.links);
        reg.finish(bytes, options, first_offset, canonical)
    }

    /// Brings the links collected in document order into canonical form, reporting repeats
    /// and conflicting versions.
    fn finish(
        mut self,
        bytes: &[u8],
        options: &Options,
        first_offset: usize,
        canonical: bool,
    ) -> Result<Self, Error> {
        let reg = &mut self;
        if !canonical {
            reg.links.sort_by_key(|l| (l.object, l.instance));
            if let Some(w) = reg.links.windows(2).find(|w| {
                w.first().map(|a| (a.object, a.instance))
                    == w.get(1).map(|b| (b.object, b.instance))
            }) {
                let dup = w.get(1).copied();
                return Err(Error::Structure {
                    offset: dup.map_or(first_offset, |d| find_offset(bytes, options, reg.root, d)),
                    problem: "an object or instance listed twice",
                });
            }
            reg.normalize_sorted().map_err(|o| Error::Structure {
                offset: find_offset(bytes, options, reg.root, o),
                problem: "two different versions for one object",
            })?;
        }
        Ok(self)
    }

    /// Brings hand-edited [`links`](Self::links) into canonical form: sorts them, drops
    /// repeats, moves versions to the Object link, and keeps an Object link only when it has
    /// a version or the Object has no instance. Of two different versions of one Object the
    /// higher wins.
    pub fn normalize(&mut self) {
        self.links.sort_by_key(|l| (l.object, l.instance));
        self.links.dedup_by(|b, a| {
            let same = (a.object, a.instance) == (b.object, b.instance);
            if same {
                a.version = a.version.max(b.version);
            }
            same
        });
        let mut k = 0;
        while k < self.links.len() {
            let o = self.links.get(k).map_or(0, |l| l.object);
            let end = k + self
                .links
                .get(k..)
                .map_or(0, |g| g.iter().take_while(|l| l.object == o).count());
            let _ = self.merge_group(k, end, true);
            k = self.links.get(k..).map_or(self.links.len(), |g| {
                k + g.iter().take_while(|l| l.object == o).count()
            });
        }
    }

    /// Canonicalizes sorted, repeat-free links; `Err` names the link of a conflicting version.
    fn normalize_sorted(&mut self) -> Result<(), RegisteredLink> {
        let mut k = 0;
        while k < self.links.len() {
            let o = self.links.get(k).map_or(0, |l| l.object);
            let end = k + self
                .links
                .get(k..)
                .map_or(0, |g| g.iter().take_while(|l| l.object == o).count());
            self.merge_group(k, end, false)?;
            k = self.links.get(k..).map_or(self.links.len(), |g| {
                k + g.iter().take_while(|l| l.object == o).count()
            });
        }
        Ok(())
    }

    /// Canonicalizes the links `k..end` of one Object (the group may shrink or grow by one).
    fn merge_group(&mut self, k: usize, end: usize, lenient: bool) -> Result<(), RegisteredLink> {
        let group = self.links.get(k..end).unwrap_or_default();
        let Some(&head) = group.first() else {
            return Ok(());
        };
        let mut version = None;
        for l in group {
            if let Some(v) = l.version {
                match version {
                    Some(old) if old != v && !lenient => return Err(*l),
                    Some(old) if old >= v => {}
                    _ => version = Some(v),
                }
            }
        }
        let has_instances = group.iter().any(|l| l.instance.is_some());
        for l in self.links.get_mut(k..end).unwrap_or_default() {
            l.version = None;
        }
        let object_link = RegisteredLink {
            object: head.object,
            instance: None,
            version,
        };
        let want_object_link = version.is_some() || !has_instances;
        match (head.instance, want_object_link) {
            (None, true) => {
                if let Some(l) = self.links.get_mut(k) {
                    *l = object_link;
                }
            }
            (None, false) => {
                self.links.remove(k);
            }
            (Some(_), true) => self.links.insert(k, object_link),
            (Some(_), false) => {}
        }
        Ok(())
    }

    /// The Objects in id order.
    pub fn objects(&self) -> impl Iterator<Item = RegisteredObject<'_>> {
        let mut rest = self.links.as_slice();
        core::iter::from_fn(move || {
            let first = *rest.first()?;
            let n = rest.iter().take_while(|l| l.object == first.object).count();
            let (links, tail) = rest.split_at(n);
            rest = tail;
            Some(RegisteredObject {
                id: first.object,
                version: links.iter().find_map(|l| l.version),
                links,
            })
        })
    }

    /// The Object with this id.
    pub fn object(&self, id: u16) -> Option<RegisteredObject<'_>> {
        let start = self.links.partition_point(|l| l.object < id);
        let n = self
            .links
            .get(start..)?
            .iter()
            .take_while(|l| l.object == id)
            .count();
        let links = self.links.get(start..start + n)?;
        let first = links.first()?;
        Some(RegisteredObject {
            id: first.object,
            version: links.iter().find_map(|l| l.version),
            links,
        })
    }

    /// Writes the payload: the root link when `root` is not `/`, `lwm2m_rt` is set or there
    /// are Content-Formats; then the links in their order, `ver` only on Object links.
    pub fn write(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        let mut w = Writer::new(out);
        let root = self.root.trim_end_matches('/');
        if !root.is_empty() || self.lwm2m_rt || !self.content_formats.is_empty() {
            w.link(if root.is_empty() { "/" } else { self.root })?;
            if self.lwm2m_rt {
                w.attr_quoted("rt", "oma.lwm2m")?;
            }
            write_ct(&mut w, &self.content_formats)?;
        }
        let mut buf = alloc::string::String::new();
        for l in &self.links {
            buf.clear();
            buf.push_str(root);
            push_id(&mut buf, l.object);
            if let Some(i) = l.instance {
                push_id(&mut buf, i);
            }
            w.link(&buf)?;
            if let (Some(v), None) = (l.version, l.instance) {
                buf.clear();
                push_version(&mut buf, v);
                w.attr("ver", Some(&buf))?;
            }
        }
        Ok(())
    }

    /// [`write`](Self::write) into a new vector.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut v = Vec::new();
        self.write(&mut v)?;
        Ok(v)
    }
}

/// Finds the offset of the first link whose target is `l` (for error reports on the cold
/// path after sorting).
fn find_offset(bytes: &[u8], options: &Options, root: &str, l: RegisteredLink) -> usize {
    Reader::with_options(bytes, *options)
        .filter_map(Result::ok)
        .filter(|link| {
            target_path(link, root)
                .is_ok_and(|p| p.object_id() == Some(l.object) && p.instance_id() == l.instance)
        })
        .map(|link| link.offset())
        .last()
        .unwrap_or(0)
}

fn push_id(buf: &mut alloc::string::String, id: u16) {
    let mut nb = [0u8; 20];
    buf.push('/');
    buf.push_str(core::str::from_utf8(itoa(u64::from(id), &mut nb)).unwrap_or_default());
}

fn push_version(buf: &mut alloc::string::String, v: Version) {
    let mut nb = [0u8; 20];
    buf.push_str(core::str::from_utf8(itoa(u64::from(v.major), &mut nb)).unwrap_or_default());
    buf.push('.');
    buf.push_str(core::str::from_utf8(itoa(u64::from(v.minor), &mut nb)).unwrap_or_default());
}

fn write_ct(w: &mut Writer<'_>, cts: &[ContentFormat]) -> Result<(), Error> {
    match cts {
        [] => Ok(()),
        [one] => w.attr_u64("ct", u64::from(one.0)).map(|_| ()),
        many => {
            let mut s = alloc::string::String::new();
            for (k, c) in many.iter().enumerate() {
                if k > 0 {
                    s.push(' ');
                }
                s.push_str(&alloc::format!("{}", c.0));
            }
            w.attr_quoted("ct", &s).map(|_| ())
        }
    }
}

/// One link of a Discover response: a path with the attributes attached at that level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DiscoverEntry {
    /// The path (Object, Object Instance, Resource or Resource Instance).
    pub path: Path,
    /// `ver` (Object links only).
    pub version: Option<Version>,
    /// `dim`: the number of instances of a multiple Resource (Resource links only).
    pub dim: Option<u8>,
    /// The notification attributes attached at this level.
    pub attributes: NotificationAttributes,
}

impl DiscoverEntry {
    /// An entry with no attribute.
    pub fn new(path: Path) -> Self {
        DiscoverEntry {
            path,
            version: None,
            dim: None,
            attributes: NotificationAttributes::default(),
        }
    }
}

/// A Discover response (Device Management interface): `</3>;pmin=10,</3/0>,</3/0/7>;dim=8;gt=50`.
///
/// Links keep their order. Each attribute must attach to the level of its link (see
/// [`AttrName::levels`]), the notification attributes of a link must follow the consistency
/// rules, and no path may repeat. The root `</>` is not allowed (root discovery is
/// Bootstrap-Discover). Unknown parameters are ignored.
///
/// ```
/// use lwm2m_link::Discover;
/// let d = Discover::parse(b"</3>;pmin=10,</3/0>,</3/0/7>;dim=8;gt=50;lt=42.2")?;
/// assert_eq!(d.entries[0].attributes.pmin, Some(10));
/// assert_eq!(d.entries[2].dim, Some(8));
/// assert_eq!(d.entries[2].attributes.lt, Some(42.2));
/// d.check_request(&"/3".parse()?)?;
/// assert_eq!(d.to_bytes()?, b"</3>;pmin=10,</3/0>,</3/0/7>;dim=8;gt=50;lt=42.2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Discover {
    /// The links in order.
    pub entries: Vec<DiscoverEntry>,
}

impl Discover {
    /// Parses a response with the default (lenient) [`Options`].
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        Self::parse_with(bytes, &Options::default())
    }

    /// Parses a response.
    pub fn parse_with(bytes: &[u8], options: &Options) -> Result<Self, Error> {
        let mut entries: Vec<DiscoverEntry> = Vec::new();
        let mut paths: Vec<(Path, usize)> = Vec::new();
        for link in Reader::with_options(bytes, *options) {
            let link = link?;
            let path = target_path(&link, "/")?;
            if path.is_root() {
                return Err(Error::TargetLevel {
                    offset: link.offset(),
                    level: Level::Root,
                    expected: "an object, instance, resource or resource instance",
                });
            }
            let mut info = Info::default();
            scan_strict(&link, Some(&path), options, &mut info)?;
            paths.push((path, link.offset()));
            entries.push(DiscoverEntry {
                path,
                version: info.ver,
                dim: info.dim,
                attributes: info.notification,
            });
        }
        paths.sort_unstable_by_key(|p| p.0);
        if let Some(w) = paths
            .windows(2)
            .find(|w| w.first().map(|a| a.0) == w.get(1).map(|b| b.0))
        {
            return Err(Error::Structure {
                offset: w.get(1).map_or(0, |b| b.1),
                problem: "a path listed twice",
            });
        }
        Ok(Discover { entries })
    }

    /// Checks that every entry lies at or below the request path.
    pub fn check_request(&self, request: &Path) -> Result<(), Error> {
        match self.entries.iter().find(|e| !e.path.starts_with(request)) {
            Some(e) => Err(Error::Types(lwm2m_types::Error::OutsidePath {
                request: *request,
                path: e.path,
            })),
            None => Ok(()),
        }
    }

    /// Writes the response: per entry the link, then `ver`, `dim` and the notification
    /// attributes in canonical order.
    pub fn write(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        let mut w = Writer::new(out);
        let mut buf = alloc::string::String::new();
        for e in &self.entries {
            buf.clear();
            buf.push_str(&alloc::format!("{}", e.path));
            w.link(&buf)?;
            if let Some(v) = e.version {
                w.attr("ver", Some(&alloc::format!("{v}")))?;
            }
            if let Some(d) = e.dim {
                w.attr_u64(AttrName::Dim.as_str(), u64::from(d))?;
            }
            e.attributes.write_link(&mut w)?;
        }
        Ok(())
    }

    /// [`write`](Self::write) into a new vector.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut v = Vec::new();
        self.write(&mut v)?;
        Ok(v)
    }
}

/// One link of a Bootstrap-Discover response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BootstrapEntry<'a> {
    /// The Object or Object Instance.
    pub path: Path,
    /// `ver` (Object links).
    pub version: Option<Version>,
    /// `ssid` (instances of `/0`, `/1`, `/21`).
    pub ssid: Option<u16>,
    /// `uri` (instances of `/0`), unescaped.
    pub uri: Option<Cow<'a, str>>,
}

impl BootstrapEntry<'_> {
    /// An entry with no attribute.
    pub fn new(path: Path) -> Self {
        BootstrapEntry {
            path,
            version: None,
            ssid: None,
            uri: None,
        }
    }
}

/// A Bootstrap-Discover response: `</>;lwm2m=1.1,</0/0>;ssid=101;uri="coaps://…",</1>,…`.
///
/// ```
/// use lwm2m_link::{BootstrapDiscover, Version};
/// let b = BootstrapDiscover::parse(br#"</>;lwm2m=1.1,</0/0>;ssid=101;uri="coaps://s1.example.com",</0/1>"#)?;
/// assert_eq!(b.lwm2m, Some(Version::new(1, 1)));
/// assert_eq!(b.entries[0].ssid, Some(101));
/// assert_eq!(b.entries[0].uri.as_deref(), Some("coaps://s1.example.com"));
/// assert_eq!(b.entries[1].ssid, None);
/// # Ok::<(), lwm2m_link::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct BootstrapDiscover<'a> {
    /// The enabler version on the root link.
    pub lwm2m: Option<Version>,
    /// The Object and Object Instance links in order.
    pub entries: Vec<BootstrapEntry<'a>>,
}

impl<'a> BootstrapDiscover<'a> {
    /// Parses a response with the default (lenient) [`Options`].
    pub fn parse(bytes: &'a [u8]) -> Result<Self, Error> {
        Self::parse_with(bytes, &Options::default())
    }

    /// Parses a response. With `legacy_forms`, also the pre-1.1 form
    /// `lwm2m="1.0",</0/0>;…` that starts without a `</>` link.
    pub fn parse_with(bytes: &'a [u8], options: &Options) -> Result<Self, Error> {
        let mut out = BootstrapDiscover::default();
        let mut body = bytes;
        let mut shift = 0usize;
        if options.legacy_forms
            && let Some(rest) = bytes.strip_prefix(b"lwm2m=")
        {
            let end = rest.iter().position(|&b| b == b',').unwrap_or(rest.len());
            let raw = rest.get(..end).unwrap_or_default();
            let raw = raw
                .strip_prefix(b"\"")
                .and_then(|r| r.strip_suffix(b"\""))
                .unwrap_or(raw);
            let v = core::str::from_utf8(raw)
                .ok()
                .and_then(Version::parse)
                .ok_or(Error::InvalidValue {
                    offset: 6,
                    name: AttrName::Lwm2m,
                    expected: "a version DIGITS.DIGITS",
                })?;
            out.lwm2m = Some(v);
            shift = (6 + end + 1).min(bytes.len());
            body = bytes.get(shift..).unwrap_or_default();
        }
        let mut root_seen = out.lwm2m.is_some();
        let mut paths: Vec<(Path, usize)> = Vec::new();
        for link in Reader::with_options(body, *options) {
            let link = link.map_err(|e| e.shifted(shift))?;
            let path = target_path(&link, "/").map_err(|e| e.shifted(shift))?;
            let mut info = Info::default();
            scan_strict(&link, Some(&path), options, &mut info).map_err(|e| e.shifted(shift))?;
            match path.level() {
                Level::Root => {
                    if root_seen {
                        return Err(Error::Structure {
                            offset: link.offset() + shift,
                            problem: "a second root link",
                        });
                    }
                    root_seen = true;
                    out.lwm2m = info.lwm2m;
                }
                Level::Object | Level::ObjectInstance => {
                    paths.push((path, link.offset() + shift));
                    out.entries.push(BootstrapEntry {
                        path,
                        version: info.ver,
                        ssid: info.ssid,
                        uri: info.uri,
                    });
                }
                level => {
                    return Err(Error::TargetLevel {
                        offset: link.offset() + shift,
                        level,
                        expected: "the root, an object or an object instance",
                    });
                }
            }
        }
        paths.sort_unstable_by_key(|p| p.0);
        if let Some(w) = paths
            .windows(2)
            .find(|w| w.first().map(|a| a.0) == w.get(1).map(|b| b.0))
        {
            return Err(Error::Structure {
                offset: w.get(1).map_or(0, |b| b.1),
                problem: "a path listed twice",
            });
        }
        Ok(out)
    }

    /// Writes the response: `</>;lwm2m=X.Y` when the version is known, then the entries
    /// with `ver`, `ssid` and `uri` (quoted).
    pub fn write(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        let mut w = Writer::new(out);
        if let Some(v) = self.lwm2m {
            w.link("/")?.attr("lwm2m", Some(&alloc::format!("{v}")))?;
        }
        for e in &self.entries {
            w.link(&alloc::format!("{}", e.path))?;
            if let Some(v) = e.version {
                w.attr("ver", Some(&alloc::format!("{v}")))?;
            }
            if let Some(s) = e.ssid {
                w.attr_u64("ssid", u64::from(s))?;
            }
            if let Some(u) = &e.uri {
                w.attr_quoted("uri", u)?;
            }
        }
        Ok(())
    }

    /// [`write`](Self::write) into a new vector.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut v = Vec::new();
        self.write(&mut v)?;
        Ok(v)
    }
}
