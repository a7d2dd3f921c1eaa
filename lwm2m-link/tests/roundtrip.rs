//! Proptest round trips: write → parse gives back what was written, at both levels.

use lwm2m_link::{
    AttrValue, BootstrapDiscover, BootstrapEntry, Discover, DiscoverEntry, NotificationAttributes,
    Options, RegisteredLink, Registration, Version, WriteAttributes, Writer, parse, parse_with,
};
use lwm2m_types::{ContentFormat, Level, Path};
use proptest::prelude::*;
use std::borrow::Cow;

const URI: &str = "[a-zA-Z0-9/._~%!$&'()*+,;=:@?#\\[\\]-]{0,12}";
const NAME: &str = "[a-zA-Z0-9!#$&+.^_`|~-]{1,8}";
const TOKEN: &str = "[a-zA-Z0-9!#$%&'()*+./:<=>?@\\[\\]^_`{|}~-]{1,10}";

#[derive(Debug, Clone)]
enum V {
    None,
    Text(String),
}

fn attrs() -> impl Strategy<Value = Vec<(String, V)>> {
    let value = prop_oneof![
        Just(V::None),
        TOKEN.prop_map(V::Text),
        // Any text without control characters (quoted, with escapes where needed).
        "[^\\x00-\\x08\\x0a-\\x1f\\x7f]{0,12}".prop_map(V::Text),
    ];
    prop::collection::vec((NAME, value), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn raw_write_then_parse(links in prop::collection::vec((URI, attrs()), 0..6), strict in any::<bool>()) {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        for (t, a) in &links {
            w.link(t).unwrap();
            for (n, v) in a {
                match v {
                    V::None => w.attr(n, None).unwrap(),
                    V::Text(s) => w.attr(n, Some(s)).unwrap(),
                };
            }
        }
        let opts = if strict { Options::strict() } else { Options::default() };
        let parsed = parse_with(&out, &opts).unwrap();
        prop_assert_eq!(parsed.len(), links.len());
        for (l, (t, a)) in parsed.iter().zip(&links) {
            prop_assert_eq!(l.target(), t.as_str());
            let got: Vec<(&str, Option<Cow<'_, str>>)> = l.attributes().map(|x| (x.name, x.unescaped())).collect();
            let want: Vec<(&str, Option<Cow<'_, str>>)> = a.iter().map(|(n, v)| (n.as_str(), match v {
                V::None => None,
                V::Text(s) => Some(Cow::Borrowed(s.as_str())),
            })).collect();
            prop_assert_eq!(got, want);
        }
        // Writing the parsed links back with their raw values gives the same bytes.
        let mut again = Vec::new();
        let mut w = Writer::new(&mut again);
        for l in &parsed {
            w.link(l.target()).unwrap();
            for a in l.attributes() {
                w.attr_value(a.name, a.value).unwrap();
            }
        }
        prop_assert_eq!(again, out);
    }

    #[test]
    fn unescape_inverts_quoting(s in "\\PC{0,20}") {
        let mut out = Vec::new();
        let mut w = Writer::new(&mut out);
        w.link("/").unwrap();
        if w.attr_quoted("a", &s).is_ok() {
            let l = parse(&out).unwrap();
            let v = l[0].attribute("a").unwrap().value.unwrap();
            prop_assert!(matches!(v, AttrValue::Quoted(_)));
            prop_assert_eq!(v.unescape(), s.as_str());
            prop_assert_eq!(matches!(v.unescape(), Cow::Borrowed(_)), !s.contains(['"', '\\']));
        }
    }

    #[test]
    fn registration_round_trip(
        alt in prop_oneof![Just("/"), Just("/lwm2m"), Just("/a/b")],
        rt in any::<bool>(),
        cts in prop::collection::vec(any::<u16>(), 0..5),
        objs in prop::collection::btree_map(0u16..=65534, (prop::option::of((0u16..100, 0u16..100)), prop::collection::btree_set(0u16..=65534, 0..4)), 0..12),
    ) {
        let reg = Registration {
            root: alt,
            lwm2m_rt: rt || alt != "/",
            content_formats: cts.into_iter().map(ContentFormat).collect(),
            links: objs.into_iter().flat_map(|(id, (v, inst))| {
                let version = v.map(|(a, b)| Version::new(a, b));
                let head = (version.is_some() || inst.is_empty()).then_some(RegisteredLink { object: id, instance: None, version });
                head.into_iter().chain(inst.into_iter().map(move |i| RegisteredLink { object: id, instance: Some(i), version: None }))
            }).collect(),
        };
        let mut normalized = reg.clone();
        normalized.normalize();
        prop_assert_eq!(&normalized, &reg);
        let bytes = reg.to_bytes().unwrap();
        let back = Registration::parse_with(&bytes, &Options::strict()).unwrap();
        prop_assert_eq!(&back, &reg);
        prop_assert!(lwm2m_link::check(&bytes).is_empty(), "{:?}", lwm2m_link::check(&bytes));
    }

    #[test]
    fn discover_round_trip(entries in prop::collection::vec(discover_entry(), 0..10)) {
        let mut seen = std::collections::BTreeSet::new();
        let d = Discover { entries: entries.into_iter().filter(|e| seen.insert(e.path)).collect() };
        let bytes = d.to_bytes().unwrap();
        let back = Discover::parse_with(&bytes, &Options::strict()).unwrap();
        prop_assert_eq!(&back, &d);
        prop_assert!(lwm2m_link::check(&bytes).is_empty());
    }

    #[test]
    fn bootstrap_round_trip(
        v in prop::option::of((0u16..10, 0u16..10)),
        entries in prop::collection::btree_map((0u16..30, prop::option::of(0u16..5)), (prop::option::of(1u16..=65534), "\\PC{0,16}"), 0..8),
    ) {
        let b = BootstrapDiscover {
            lwm2m: v.map(|(a, b)| Version::new(a, b)),
            entries: entries.into_iter().map(|((o, i), (ssid, uri))| {
                let path = match i { Some(i) => Path::instance(o, i).unwrap(), None => Path::object(o).unwrap() };
                let inst = i.is_some();
                BootstrapEntry {
                    path,
                    version: (!inst).then(|| Version::new(1, o % 3)),
                    ssid: ssid.filter(|_| inst && matches!(o, 0 | 1 | 21)),
                    uri: (inst && o == 0).then_some(Cow::Owned(uri)),
                }
            }).collect(),
        };
        let bytes = b.to_bytes().unwrap();
        let back = BootstrapDiscover::parse_with(&bytes, &Options::strict()).unwrap();
        prop_assert_eq!(&back, &b);
    }

    #[test]
    fn write_attributes_query_round_trip(a in notification(true), clear in prop::collection::vec(0usize..10, 0..4)) {
        let mut w = WriteAttributes { set: a, ..Default::default() };
        for k in clear {
            let n = lwm2m_link::AttrName::NOTIFICATION[k];
            if !a.is_set(n) {
                w.clear.insert(n);
            }
        }
        let q = w.to_query();
        let back = WriteAttributes::parse_query(q.as_bytes()).unwrap();
        prop_assert_eq!(back, w);
        back.validate(&"/1/2/3".parse().unwrap()).unwrap();
    }

    #[test]
    fn any_finite_threshold_round_trips(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let q = format!("?gt={}", if x == 0.0 { 0.0 } else { x });
        let w = WriteAttributes::parse_query(q.as_bytes()).unwrap();
        prop_assert_eq!(w.set.gt, Some(x));
        prop_assert_eq!(w.to_query(), q);
    }
}

fn notification(resource: bool) -> impl Strategy<Value = NotificationAttributes> {
    let o32 = || prop::option::of(any::<u32>());
    let dec = || prop::option::of(-1.0e6f64..1.0e6);
    (
        (o32(), o32(), o32(), o32(), o32()),
        (dec(), dec(), prop::option::of(0.0f64..1.0e3)),
        (
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
        ),
    )
        .prop_map(move |((p1, p2, e1, e2, hq), (g, l, s), (edge, con))| {
            let sort = |a: Option<u32>, b: Option<u32>| match (a, b) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                x => x,
            };
            let (pmin, pmax) = sort(p1, p2);
            let (epmin, epmax) = sort(e1, e2);
            let mut n = NotificationAttributes {
                pmin,
                pmax,
                epmin,
                epmax,
                hqmax: hq,
                con,
                ..Default::default()
            };
            if resource {
                n.gt = g;
                n.lt = l;
                n.st = s;
                n.edge = edge;
                if n.violations().next().is_some() {
                    n.lt = None;
                }
            }
            n
        })
}

fn discover_entry() -> impl Strategy<Value = DiscoverEntry> {
    (
        prop::collection::vec(0u16..=65534, 1..=4),
        prop::option::of((0u16..9, 0u16..9)),
        prop::option::of(any::<u8>()),
        notification(true),
        notification(false),
    )
        .prop_map(|(ids, v, dim, res, obj)| {
            let path = Path::new(&ids).unwrap();
            let level = path.level();
            let resource = matches!(level, Level::Resource | Level::ResourceInstance);
            DiscoverEntry {
                path,
                version: v
                    .filter(|_| level == Level::Object)
                    .map(|(a, b)| Version::new(a, b)),
                dim: dim.filter(|_| level == Level::Resource),
                attributes: if resource { res } else { obj },
            }
        })
}

proptest! {
    #[test]
    fn registration_normalize_is_canonical(links in prop::collection::vec((0u16..5, prop::option::of(0u16..4), prop::option::of((0u16..3, 0u16..3))), 0..12)) {
        let mut reg = Registration {
            links: links.into_iter().map(|(o, i, v)| RegisteredLink { object: o, instance: i, version: v.map(|(a, b)| Version::new(a, b)) }).collect(),
            ..Registration::default()
        };
        reg.normalize();
        let bytes = reg.to_bytes().unwrap();
        let back = Registration::parse_with(&bytes, &Options::strict()).unwrap();
        prop_assert_eq!(&back, &reg);
        let mut again = back.clone();
        again.normalize();
        prop_assert_eq!(again, back);
    }
}
