//! The library side of `lwm2m link`: JSON rendering and the LwM2M rule check.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use alloc::collections::{BTreeMap, BTreeSet};

use lwm2m_types::{DataType, Level, ModelProvider, NoModel, Path, Snippet};

use crate::attr::AttrName;
use crate::error::{Error, Expected};
use crate::reader::{AttrValue, Attribute, Link, Options, parse_with};
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

/// Which kind of LwM2M payload a link-format document is, for [`check_as`]: each kind adds
/// the rules that hold only for that payload (spec digest `link-format.md`, "Where LwM2M uses
/// link format").
///
/// ```
/// use lwm2m_link::{AttrName, Payload};
/// assert_eq!(Payload::Registration.to_string(), "registration");
/// assert!(Payload::Registration.allows(AttrName::Ver));
/// assert!(!Payload::Registration.allows(AttrName::Pmin));
/// assert!(Payload::Any.allows(AttrName::Pmin));
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Payload {
    /// Any link-format document: only the rules every LwM2M payload follows (what [`check`]
    /// checks).
    #[default]
    Any,
    /// The payload of a Register or Update request (`</>;rt="oma.lwm2m";ct=…,</1/0>,…`).
    Registration,
    /// A Discover response (Device Management interface: `</3>;pmin=10,</3/0>,…`).
    Discover,
    /// A Bootstrap-Discover response (`</>;lwm2m=1.1,</0/0>;ssid=101;uri="…",…`).
    BootstrapDiscover,
}

impl Payload {
    /// Every kind, [`Payload::Any`] first.
    pub const ALL: [Payload; 4] = [
        Payload::Any,
        Payload::Registration,
        Payload::Discover,
        Payload::BootstrapDiscover,
    ];

    /// The name used by `lwm2m link --check --as NAME`: `any`, `registration`, `discover`,
    /// `bootstrap-discover`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Payload::Any => "any",
            Payload::Registration => "registration",
            Payload::Discover => "discover",
            Payload::BootstrapDiscover => "bootstrap-discover",
        }
    }

    /// The kind with this [`as_str`](Self::as_str) name (`register` and `update` also name a
    /// registration).
    pub fn from_name(name: &str) -> Option<Payload> {
        Some(match name {
            "any" => Payload::Any,
            "registration" | "register" | "update" => Payload::Registration,
            "discover" => Payload::Discover,
            "bootstrap-discover" => Payload::BootstrapDiscover,
            _ => return None,
        })
    }

    /// Whether the LwM2M attribute `name` may appear in this kind of payload: `ver`, `rt` and
    /// `ct` in a registration; the notification attributes, `ver` and `dim` in a Discover
    /// response; `lwm2m`, `ver`, `ssid` and `uri` in a Bootstrap-Discover response; every
    /// attribute for [`Payload::Any`]. (Where on a link each may attach is
    /// [`AttrName::levels`].)
    pub fn allows(self, name: AttrName) -> bool {
        match self {
            Payload::Any => true,
            Payload::Registration => matches!(name, AttrName::Ver | AttrName::Rt | AttrName::Ct),
            Payload::Discover => {
                name.is_notification() || matches!(name, AttrName::Ver | AttrName::Dim)
            }
            Payload::BootstrapDiscover => matches!(
                name,
                AttrName::Lwm2m | AttrName::Ver | AttrName::Ssid | AttrName::Uri
            ),
        }
    }

    /// The payload as named in messages: `a registration`, `a discover response`, …
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Payload::Any => "this payload",
            Payload::Registration => "a registration",
            Payload::Discover => "a discover response",
            Payload::BootstrapDiscover => "a bootstrap-discover response",
        }
    }
}

impl fmt::Display for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Checks a link-format document against the rules of RFC 6690 and LwM2M and returns every
/// problem (empty when the document is valid), the output of `lwm2m link --check`, one
/// [`Problem`] per line. The same as [`check_as`] with [`Payload::Any`].
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
    check_as(bytes, Payload::Any)
}

/// Checks a link-format document as a payload of the given kind: every rule of [`check`],
/// plus the rules of that kind, and returns every problem in document order (empty when the
/// document is valid), the output of `lwm2m link --check --as KIND`.
///
/// A document that checks clean as a kind also parses with the matching typed view and
/// [`Options::strict`] ([`Registration`](crate::Registration), [`Discover`](crate::Discover),
/// [`BootstrapDiscover`](crate::BootstrapDiscover)).
///
/// - [`Payload::Registration`] (Register/Update): only the root (`</>` or the `rt="oma.lwm2m"`
///   alternate path, at most once, before the Object links when it is an alternate path),
///   Objects and Object Instances; no link twice; no Security `/0`, OSCORE `/21` or (1.2)
///   EDHOC `/23` Object or instance; only `ver` (on Object links), `rt` and `ct` (on the root).
/// - [`Payload::Discover`]: no root link; the first link is the Discover target and every
///   other link lies below it; no path twice; only the notification attributes, `ver` and
///   `dim`; a Resource whose instances are listed is multiple, so it carries `dim`, at least
///   the number of instances listed.
/// - [`Payload::BootstrapDiscover`]: the document starts with `</>` carrying `lwm2m`; only
///   the root, Objects and Object Instances; no path twice; only `lwm2m`, `ver`, `ssid` and
///   `uri`; an instance of `/1` carries `ssid`, and an instance of `/0` with `uri` carries
///   `ssid` too (the Bootstrap-Server's own Security instance carries neither).
///
/// The rules of [`check`] still decide where an attribute may attach (`ver` on an instance,
/// `ssid` on `/3/0`, a quoted `ver`): such a problem is reported once, not again as
/// [`Error::NotInPayload`].
///
/// ```
/// use lwm2m_link::{Payload, check_as};
/// let problems = check_as(b"</>;ct=110,</0/0>,</1/0>;pmin=10,</3/0>,</3/0>,</3/0/1>", Payload::Registration);
/// let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
/// assert_eq!(lines, [
///     "link 2 </0/0>: at byte 12: the security object /0 is not listed in a registration",
///     "link 3 </1/0>: attribute pmin at byte 25 does not belong in a registration",
///     "link 5 </3/0>: at byte 41: an object or instance listed twice",
///     "link 6 </3/0/1>: link target at byte 48 is a resource, expected an object or object instance",
/// ]);
/// assert!(check_as(b"</>;ct=110,</1/0>,</3/0>,</5>", Payload::Registration).is_empty());
/// ```
pub fn check_as(bytes: &[u8], payload: Payload) -> Vec<Problem> {
    check_with_model(bytes, payload, &NoModel)
}

/// [`check_as`] with object models (the bundled registry of `lwm2m-objects`, models loaded
/// from DDF XML, or any [`ModelProvider`]): the rules that need to know a Resource are checked
/// too, for the Resources the models know (others are skipped).
///
/// - `gt`, `lt` and `st` only on numeric Resources (Integer, Unsigned Integer, Float; Leshan's
///   `isNumeric`), and no notification attribute on a Resource that cannot be read (spec
///   digest, "Validity rules");
/// - `dim` only on multiple Resources, and, in a [`Payload::Discover`] response, on every
///   multiple Resource listed.
///
/// With [`NoModel`] it is [`check_as`].
///
/// ```
/// use lwm2m_link::{Payload, check_with_model};
/// use lwm2m_types::{DataType, ModelProvider, ObjectModel, ResourceModel};
///
/// // A tiny model of Device (3): Manufacturer (0, String), Error Code (11, multiple Integer).
/// struct Device(ObjectModel);
/// impl ModelProvider for Device {
///     fn object(&self, id: u16) -> Option<&ObjectModel> {
///         (id == 3).then_some(&self.0)
///     }
/// }
/// let mut errors = ResourceModel::new(11, "Error Code", DataType::Integer);
/// errors.multiple = true;
/// let mut model = ObjectModel::new(3, "Device");
/// model.resources = vec![ResourceModel::new(0, "Manufacturer", DataType::String), errors].into();
///
/// let problems = check_with_model(b"</3/0>,</3/0/0>;gt=5;dim=1,</3/0/11>", Payload::Discover, &Device(model));
/// let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
/// assert_eq!(lines, [
///     "link 2 </3/0/0>: at byte 16: gt, lt and st apply only to numeric resources",
///     "link 2 </3/0/0>: at byte 21: dim belongs only on multiple resources",
///     "link 3 </3/0/11>: at byte 28: a multiple resource carries dim",
/// ]);
/// ```
pub fn check_with_model<M: ModelProvider + ?Sized>(
    bytes: &[u8],
    payload: Payload,
    model: &M,
) -> Vec<Problem> {
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
    let mut rules = Rules::new(payload);
    for (k, link) in links.iter().enumerate() {
        let first_new = problems.len();
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
        let mut info = Info::default();
        scan(link, path.as_ref(), &strict, &mut info, &mut report);
        if payload != Payload::Any {
            rules.link(k, link, path, &info, &mut problems, first_new);
        }
        if let Some(path) = path
            && model_rules(k, link, path, payload, model, &mut problems, first_new)
            && let Some(r) = rules.resources.get_mut(&path)
        {
            r.dim_reported = true;
        }
    }
    if payload != Payload::Any {
        rules.finish(&mut problems);
        // Document problems first, then by link; each link's problems keep their order.
        problems.sort_by_key(|p| p.link.unwrap_or(0));
    }
    problems
}

/// The rules that need the model of the Resource a link names (see [`check_with_model`]);
/// `first_new` is where the link's problems start. Returns whether it reported a multiple
/// Resource without `dim`.
fn model_rules<M: ModelProvider + ?Sized>(
    k: usize,
    link: &Link<'_>,
    path: Path,
    payload: Payload,
    model: &M,
    problems: &mut Vec<Problem>,
    first_new: usize,
) -> bool {
    let level = path.level();
    if !matches!(level, Level::Resource | Level::ResourceInstance) {
        return false;
    }
    let (Some(o), Some(r)) = (path.object_id(), path.resource_id()) else {
        return false;
    };
    let Some(res) = model.resource(o, r) else {
        return false;
    };
    let numeric = matches!(
        res.data_type,
        DataType::Integer | DataType::UnsignedInteger | DataType::Float
    );
    let mut errors: Vec<Error> = Vec::new();
    let mut dim = false;
    let reported = problems.get(first_new..).unwrap_or_default();
    for a in link.attributes() {
        let Some(name) = AttrName::from_name(a.name.as_bytes()) else {
            continue;
        };
        dim |= name == AttrName::Dim;
        if already_reported(reported, &a) {
            continue;
        }
        let problem = match name {
            n if n.is_notification() && !res.operations.read => {
                "notification attributes apply only to readable resources"
            }
            AttrName::Gt | AttrName::Lt | AttrName::St if !numeric => {
                "gt, lt and st apply only to numeric resources"
            }
            AttrName::Dim if level == Level::Resource && !res.multiple => {
                "dim belongs only on multiple resources"
            }
            _ => continue,
        };
        errors.push(Error::Structure {
            offset: a.offset,
            problem,
        });
    }
    let no_dim = payload == Payload::Discover && level == Level::Resource && res.multiple && !dim;
    if no_dim {
        errors.push(Error::Structure {
            offset: link.offset(),
            problem: MULTIPLE_NO_DIM,
        });
    }
    for error in errors {
        problems.push(Problem {
            link: Some(k + 1),
            target: Some(Snippet::new(link.target().as_bytes())),
            error,
        });
    }
    no_dim
}

/// Whether one of `reported` (the problems of a link) points into the attribute `a`: its
/// name or its value.
fn already_reported(reported: &[Problem], a: &Attribute<'_>) -> bool {
    let len = a.name.len()
        + a.value
            .map_or(0, |v| 1 + v.raw().len() + if v.is_quoted() { 2 } else { 0 });
    reported
        .iter()
        .filter_map(|p| p.error.offset())
        .any(|o| (a.offset..a.offset + len).contains(&o))
}

const MULTIPLE_NO_DIM: &str = "a multiple resource carries dim";

/// A Resource of a Discover response: its link and how many of its instances are listed.
struct ListedResource {
    link: usize,
    offset: usize,
    target: Snippet,
    dim: Option<u8>,
    instances: usize,
    /// Whether the model rules reported it as multiple without `dim`.
    dim_reported: bool,
}

/// The state of the payload rules of [`check_as`] across the links of one document.
struct Rules {
    payload: Payload,
    seen: BTreeSet<Path>,
    root_seen: bool,
    objects_seen: bool,
    first: Option<Path>,
    resources: BTreeMap<Path, ListedResource>,
}

impl Rules {
    fn new(payload: Payload) -> Self {
        Rules {
            payload,
            seen: BTreeSet::new(),
            root_seen: false,
            objects_seen: false,
            first: None,
            resources: BTreeMap::new(),
        }
    }

    /// The rules of one link (`k` 0-based); `first_new` is where its generic problems start.
    fn link(
        &mut self,
        k: usize,
        link: &Link<'_>,
        path: Option<Path>,
        info: &Info<'_>,
        problems: &mut Vec<Problem>,
        first_new: usize,
    ) {
        let mut errors: Vec<Error> = Vec::new();
        let at = link.offset();
        let structure = |problem| Error::Structure {
            offset: at,
            problem,
        };
        let Some(path) = path else {
            return;
        };
        let level = path.level();
        let mut attrs_apply = true;
        match self.payload {
            Payload::Any => {}
            Payload::Registration => match level {
                Level::Root => {
                    if self.root_seen {
                        errors.push(structure("a second root link"));
                    } else if self.objects_seen
                        && is_lwm2m_rt(link)
                        && !link.target().trim_end_matches('/').is_empty()
                    {
                        errors.push(structure(
                            "the rt=\"oma.lwm2m\" link must come before the object links",
                        ));
                    }
                    self.root_seen = true;
                }
                Level::Object | Level::ObjectInstance => {
                    self.objects_seen = true;
                    match path.object_id() {
                        Some(0) => errors.push(structure(
                            "the security object /0 is not listed in a registration",
                        )),
                        Some(21) => errors.push(structure(
                            "the oscore object /21 is not listed in a registration",
                        )),
                        Some(23) => errors.push(structure(
                            "the edhoc object /23 is not listed in a registration (lwm2m 1.2)",
                        )),
                        _ => {}
                    }
                    if !self.seen.insert(path) {
                        errors.push(structure("an object or instance listed twice"));
                    }
                }
                level => {
                    attrs_apply = false;
                    errors.push(Error::TargetLevel {
                        offset: at,
                        level,
                        expected: "an object or object instance",
                    });
                }
            },
            Payload::Discover => {
                if k == 0 {
                    self.first = Some(path);
                }
                if level == Level::Root {
                    attrs_apply = false;
                    errors.push(Error::TargetLevel {
                        offset: at,
                        level,
                        expected: "an object, instance, resource or resource instance",
                    });
                } else {
                    if let Some(first) = self.first
                        && k > 0
                        && !path.starts_with(&first)
                    {
                        errors.push(structure(
                            "a link outside the discovered target (the first link)",
                        ));
                    }
                    if !self.seen.insert(path) {
                        errors.push(structure("a path listed twice"));
                    }
                    match level {
                        Level::Resource => {
                            self.resources
                                .entry(path)
                                .or_insert_with(|| ListedResource {
                                    link: k + 1,
                                    offset: at,
                                    target: Snippet::new(link.target().as_bytes()),
                                    dim: info.dim,
                                    instances: 0,
                                    dim_reported: false,
                                });
                        }
                        Level::ResourceInstance => {
                            if let Some(r) = path.parent().and_then(|p| self.resources.get_mut(&p))
                            {
                                r.instances += 1;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Payload::BootstrapDiscover => match level {
                Level::Root => {
                    if self.root_seen {
                        errors.push(structure("a second root link"));
                    } else if link.attribute("lwm2m").is_none() {
                        errors.push(structure("the root link carries no lwm2m version"));
                    }
                    self.root_seen = true;
                }
                Level::Object | Level::ObjectInstance => {
                    if k == 0 {
                        errors.push(structure(
                            "a bootstrap-discover response starts with the </> link",
                        ));
                    }
                    if !self.seen.insert(path) {
                        errors.push(structure("a path listed twice"));
                    }
                    if level == Level::ObjectInstance {
                        let ssid = link.attribute("ssid").is_some();
                        match path.object_id() {
                            Some(0) if !ssid && link.attribute("uri").is_some() => {
                                errors.push(structure(
                                    "uri without ssid: the security instance of an lwm2m server carries both",
                                ))
                            }
                            Some(1) if !ssid => {
                                errors.push(structure("a server instance carries no ssid"))
                            }
                            _ => {}
                        }
                    }
                }
                level => {
                    attrs_apply = false;
                    errors.push(Error::TargetLevel {
                        offset: at,
                        level,
                        expected: "the root, an object or an object instance",
                    });
                }
            },
        }
        if attrs_apply {
            // Attributes the generic rules already reported (wrong level, wrong Object,
            // missing or bad value, repeated) are not reported again.
            let reported = problems.get(first_new..).unwrap_or_default();
            for a in link.attributes() {
                let Some(name) = AttrName::from_name(a.name.as_bytes()) else {
                    continue;
                };
                if !self.payload.allows(name) && !already_reported(reported, &a) {
                    errors.push(Error::NotInPayload {
                        offset: a.offset,
                        name,
                        payload: self.payload,
                    });
                }
            }
        }
        for error in errors {
            problems.push(Problem {
                link: Some(k + 1),
                target: Some(Snippet::new(link.target().as_bytes())),
                error,
            });
        }
    }

    /// The rules that need the whole document.
    fn finish(&mut self, problems: &mut Vec<Problem>) {
        for r in self.resources.values() {
            let problem = match r.dim {
                // Reported already when the model says the Resource is multiple.
                _ if r.instances == 0 || r.dim_reported => continue,
                None => "a resource whose instances are listed is multiple and carries dim",
                Some(d) if usize::from(d) < r.instances => {
                    "dim is less than the number of resource instances listed"
                }
                Some(_) => continue,
            };
            problems.push(Problem {
                link: Some(r.link),
                target: Some(r.target),
                error: Error::Structure {
                    offset: r.offset,
                    problem,
                },
            });
        }
    }
}
