//! Typed reading of the LwM2M attributes of one link, shared by the views and `check`.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use lwm2m_types::{ContentFormat, Level, Path, Snippet};

use crate::attr::{AttrName, AttrSet, NotificationAttributes, Version, expected_text, parse_u64};
use crate::error::Error;
use crate::reader::{AttrValue, Link, Options};

/// The typed LwM2M attributes of one link.
#[derive(Debug, Default)]
pub(crate) struct Info<'a> {
    pub(crate) notification: NotificationAttributes,
    pub(crate) dim: Option<u8>,
    pub(crate) ssid: Option<u16>,
    pub(crate) uri: Option<Cow<'a, str>>,
    pub(crate) ver: Option<Version>,
    pub(crate) lwm2m: Option<Version>,
    pub(crate) ct: Option<Vec<ContentFormat>>,
    pub(crate) rt_lwm2m: bool,
}

/// Whether an `rt` value names `oma.lwm2m` (it may be a space-separated list).
pub(crate) fn is_lwm2m_rt(link: &Link<'_>) -> bool {
    link.attribute("rt")
        .and_then(|a| a.value)
        .is_some_and(|v| v.raw().split(' ').any(|t| t == "oma.lwm2m"))
}

/// The target as an LwM2M path below `root` (`"/"` or an alternate path such as
/// `"/lwm2m"`); the root path when the target is the root itself.
#[inline]
pub(crate) fn target_path(link: &Link<'_>, root: &str) -> Result<Path, Error> {
    let t = link.target();
    relative(t, root.trim_end_matches('/'))
        .and_then(|r| path_of(r.as_bytes()))
        .ok_or_else(|| Error::InvalidTarget {
            offset: link.offset(),
            target: Snippet::new(t.as_bytes()),
        })
}

/// `/`, `/o`, `/o/i`, `/o/i/r`, `/o/i/r/ri` with ids in 0..=65534 and no leading zeros
/// (the rules of `Path::from_str`, without building an error on the hot path): the ids and
/// how many there are.
#[inline(always)]
pub(crate) fn parse_ids(s: &[u8]) -> Option<([u16; 4], usize)> {
    let rest = s.strip_prefix(b"/")?;
    if rest.is_empty() {
        return Some(([0; 4], 0));
    }
    // The ids are packed into one register (16 bits each) rather than stored in an array
    // by variable index, which stalls the load that reads the array back.
    let mut packed: u64 = 0;
    let mut n = 0u32;
    let mut v: u32 = 0;
    let mut len = 0u32;
    for &b in rest {
        if b == b'/' {
            if len == 0 || v > u32::from(lwm2m_types::MAX_ID) || n == 3 {
                return None;
            }
            packed |= u64::from(v) << (16 * n);
            n += 1;
            v = 0;
            len = 0;
        } else if b.is_ascii_digit() {
            if len == 5 || (len == 1 && v == 0) {
                return None;
            }
            v = v * 10 + u32::from(b - b'0');
            len += 1;
        } else {
            return None;
        }
    }
    if len == 0 || v > u32::from(lwm2m_types::MAX_ID) {
        return None;
    }
    packed |= u64::from(v) << (16 * n);
    let id = |k: u32| (packed >> (16 * k)) as u16;
    Some(([id(0), id(1), id(2), id(3)], n as usize + 1))
}

#[inline]
fn path_of(s: &[u8]) -> Option<Path> {
    let (ids, n) = parse_ids(s)?;
    Path::new(ids.get(..n)?).ok()
}

/// The target relative to `root` (already stripped of trailing `/`; empty for `/`).
#[inline(always)]
pub(crate) fn relative<'t>(t: &'t str, root: &str) -> Option<&'t str> {
    if root.is_empty() {
        Some(t)
    } else if t.trim_end_matches('/') == root {
        Some("/")
    } else {
        t.strip_prefix(root).filter(|r| r.starts_with('/'))
    }
}

fn cardinal(s: &str) -> Option<u16> {
    if s.len() > 1 && s.starts_with('0') {
        return None;
    }
    parse_u64(s).and_then(|v| u16::try_from(v).ok())
}

/// Reads every known attribute of `link` at `path` (when the target is a valid path),
/// reporting each problem; unknown parameters are skipped (but must not repeat).
pub(crate) fn scan<'a>(
    link: &Link<'a>,
    path: Option<&Path>,
    options: &Options,
    info: &mut Info<'a>,
    report: &mut impl FnMut(Error),
) {
    if link.attribute_count() == 0 {
        return;
    }
    let mut seen = AttrSet::new();
    for (i, attr) in link.attributes().enumerate() {
        let Some(name) = AttrName::from_name(attr.name.as_bytes()) else {
            // Unknown names are rare and a link holds at most `max_attributes` of them.
            if link.attributes().take(i).any(|a| a.name == attr.name) {
                report(Error::DuplicateAttribute {
                    offset: attr.offset,
                    name: Snippet::new(attr.name.as_bytes()),
                });
            }
            continue;
        };
        if !seen.insert(name) {
            report(Error::DuplicateAttribute {
                offset: attr.offset,
                name: Snippet::new(attr.name.as_bytes()),
            });
            continue;
        }
        let Some(value) = attr.value else {
            report(Error::MissingValue {
                offset: attr.offset,
                name,
            });
            continue;
        };
        let value_at = attr.offset + attr.name.len() + 1 + usize::from(value.is_quoted());
        let bad = Error::InvalidValue {
            offset: value_at,
            name,
            expected: expected_text(name),
        };
        if let Some(path) = path {
            let level = path.level();
            let legacy_ver =
                name == AttrName::Ver && level == Level::ObjectInstance && options.legacy_forms;
            if !name.allowed_at(level) && !legacy_ver {
                report(Error::WrongLevel {
                    offset: attr.offset,
                    name,
                    level,
                });
            } else if matches!(name, AttrName::Ssid | AttrName::Uri) {
                let ok = match name {
                    AttrName::Ssid => matches!(path.object_id(), Some(0 | 1 | 21)),
                    _ => path.object_id() == Some(0),
                };
                if !ok {
                    report(Error::Structure {
                        offset: attr.offset,
                        problem: if name == AttrName::Ssid {
                            "ssid belongs only on instances of /0, /1 and /21"
                        } else {
                            "uri belongs only on instances of /0"
                        },
                    });
                }
            }
        }
        // Numbers are unquoted tokens; quoted versions are the LwM2M 1.0 form.
        let token = match value {
            AttrValue::Token(t) => Some(t),
            AttrValue::Quoted(q) => match name {
                AttrName::Ver | AttrName::Lwm2m if options.legacy_forms => Some(q),
                AttrName::Uri | AttrName::Ct | AttrName::Rt => Some(q),
                _ => None,
            },
        };
        let Some(text) = token else {
            report(bad);
            continue;
        };
        let ok = match name {
            AttrName::Dim => parse_u64(text)
                .and_then(|v| u8::try_from(v).ok())
                .map(|v| info.dim = Some(v))
                .is_some(),
            AttrName::Ssid => parse_u64(text)
                .and_then(|v| u16::try_from(v).ok())
                .filter(|v| (1..=65534).contains(v))
                .map(|v| info.ssid = Some(v))
                .is_some(),
            AttrName::Uri => {
                info.uri = Some(value.unescape());
                true
            }
            AttrName::Ver => Version::parse(text).map(|v| info.ver = Some(v)).is_some(),
            AttrName::Lwm2m => Version::parse(text).map(|v| info.lwm2m = Some(v)).is_some(),
            AttrName::Ct => {
                let quoted = value.is_quoted();
                let list: Option<Vec<ContentFormat>> = text
                    .split(' ')
                    .map(|p| cardinal(p).map(ContentFormat))
                    .collect();
                match list {
                    Some(l) if quoted || l.len() == 1 => {
                        info.ct = Some(l);
                        true
                    }
                    _ => false,
                }
            }
            AttrName::Rt => {
                info.rt_lwm2m = text.split(' ').any(|t| t == "oma.lwm2m");
                true
            }
            _ => match info.notification.set_text(name, text, value_at) {
                Ok(_) => true,
                Err(e) => {
                    report(e);
                    continue;
                }
            },
        };
        if !ok {
            report(bad);
        }
    }
    if seen.iter().any(AttrName::is_notification) {
        for rule in info.notification.violations() {
            report(Error::Rule {
                offset: link.offset(),
                rule,
            });
        }
    }
}

/// Runs [`scan`] into `info` and stops at the first problem.
#[inline]
pub(crate) fn scan_strict<'a>(
    link: &Link<'a>,
    path: Option<&Path>,
    options: &Options,
    info: &mut Info<'a>,
) -> Result<(), Error> {
    let mut first = None;
    scan(link, path, options, info, &mut |e| {
        if first.is_none() {
            first = Some(e);
        }
    });
    match first {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_path_rules() {
        assert_eq!(parse_ids(b"/"), Some(([0; 4], 0)));
        assert_eq!(parse_ids(b"/3/0/11/2"), Some(([3, 0, 11, 2], 4)));
        assert_eq!(parse_ids(b"/65534"), Some(([65534, 0, 0, 0], 1)));
        for bad in [
            &b""[..],
            b"3",
            b"//",
            b"/3/",
            b"/3//0",
            b"/03",
            b"/65535",
            b"/123456",
            b"/1/2/3/4/5",
            b"/a",
            b"/3/0x",
        ] {
            assert_eq!(parse_ids(bad), None, "{bad:?}");
            // The same rules as lwm2m-types.
            let s = core::str::from_utf8(bad).unwrap_or("");
            assert!(s.parse::<Path>().is_err(), "{s}");
        }
        assert_eq!(relative("/lwm2m/3/0", "/lwm2m"), Some("/3/0"));
        assert_eq!(relative("/lwm2m/", "/lwm2m"), Some("/"));
        assert_eq!(relative("/lwm2mx/3", "/lwm2m"), None);
        assert_eq!(relative("/3", ""), Some("/3"));
    }
}
