//! Every LwM2M attribute: typed value, attachment level, consistency rules, link and query
//! forms (spec file "Attributes"; TS 1.2.1 §7.3, Leshan, Anjay).

use lwm2m_link::{
    AttrName, Discover, DiscoverEntry, Error, NotificationAttributes, Rule, WriteAttributes, check,
};
use lwm2m_types::{Level, Path};

fn p(s: &str) -> Path {
    s.parse().unwrap()
}

/// (name, a valid link value, the typed check, invalid values)
#[test]
fn notification_values_typed_from_links() {
    let d = Discover::parse(
        b"</3303/0/5700>;pmin=10;pmax=60;gt=-3.5;lt=-10;st=0.5;epmin=1;epmax=30;edge=1;con=0;hqmax=100",
    )
    .unwrap();
    let a = d.entries[0].attributes;
    assert_eq!(a.pmin, Some(10));
    assert_eq!(a.pmax, Some(60));
    assert_eq!(a.gt, Some(-3.5));
    assert_eq!(a.lt, Some(-10.0));
    assert_eq!(a.st, Some(0.5));
    assert_eq!(a.epmin, Some(1));
    assert_eq!(a.epmax, Some(30));
    assert_eq!(a.edge, Some(true));
    assert_eq!(a.con, Some(false));
    assert_eq!(a.hqmax, Some(100));
    // Written back in canonical order, floats without exponent.
    assert_eq!(
        d.to_bytes().unwrap(),
        b"</3303/0/5700>;pmin=10;pmax=60;gt=-3.5;lt=-10;st=0.5;epmin=1;epmax=30;edge=1;con=0;hqmax=100"
    );
}

#[test]
fn invalid_values_name_attribute_and_offset() {
    // (link, attribute, offset of the value)
    let cases: &[(&str, AttrName, usize)] = &[
        ("</3/0/1>;pmin=-1", AttrName::Pmin, 14),
        ("</3/0/1>;pmax=1.5", AttrName::Pmax, 14),
        ("</3/0/1>;pmin=4294967296", AttrName::Pmin, 14),
        ("</3/0/1>;gt=1e3", AttrName::Gt, 12),
        ("</3/0/1>;gt=.5", AttrName::Gt, 12),
        ("</3/0/1>;lt=5.", AttrName::Lt, 12),
        ("</3/0/1>;lt=+5", AttrName::Lt, 12),
        ("</3/0/1>;st=-1", AttrName::St, 12),
        ("</3/0/1>;epmin=x", AttrName::Epmin, 15),
        ("</3/0/1>;epmax=", AttrName::Epmax, 0),
        ("</3/0/1>;edge=2", AttrName::Edge, 14),
        ("</3/0/1>;con=true", AttrName::Con, 13),
        ("</3/0/1>;hqmax=1.0", AttrName::Hqmax, 15),
        ("</3/0/6>;dim=256", AttrName::Dim, 13),
        ("</3/0/1>;pmin=\"10\"", AttrName::Pmin, 15),
        ("</3>;ver=1", AttrName::Ver, 9),
        ("</3>;ver=1.x", AttrName::Ver, 9),
        ("</>;ct=\"60 x\"", AttrName::Ct, 8),
        ("</>;ct=060", AttrName::Ct, 7),
        ("</0/0>;ssid=0", AttrName::Ssid, 12),
        ("</0/0>;ssid=65535", AttrName::Ssid, 12),
        ("</>;lwm2m=one", AttrName::Lwm2m, 10),
    ];
    for &(input, name, offset) in cases {
        let problems = check(input.as_bytes());
        assert_eq!(problems.len(), 1, "{input}: {problems:?}");
        let e = problems[0].error;
        if input.ends_with('=') {
            // `epmax=` is a syntax error: a value is missing after '='.
            assert_eq!(
                e,
                Error::Truncated {
                    offset: 14,
                    unclosed: lwm2m_link::Unclosed::Value
                }
            );
            continue;
        }
        match e {
            Error::InvalidValue {
                offset: o, name: n, ..
            } => assert_eq!((o, n), (offset, name), "{input}"),
            other => panic!("{input}: {other:?}"),
        }
        assert!(
            problems[0]
                .to_string()
                .contains(&format!("attribute {name} at byte {offset}")),
            "{}",
            problems[0]
        );
    }
}

#[test]
fn attachment_levels() {
    use Level::*;
    let any = [Object, ObjectInstance, Resource, ResourceInstance];
    for n in [
        AttrName::Pmin,
        AttrName::Pmax,
        AttrName::Epmin,
        AttrName::Epmax,
        AttrName::Con,
        AttrName::Hqmax,
    ] {
        assert_eq!(n.levels(), any, "{n}");
        assert!(!n.allowed_at(Root));
        assert!(n.is_notification());
    }
    for n in [AttrName::Gt, AttrName::Lt, AttrName::St, AttrName::Edge] {
        assert_eq!(n.levels(), [Resource, ResourceInstance], "{n}");
        assert!(n.is_notification());
    }
    assert_eq!(AttrName::Dim.levels(), [Resource]);
    assert_eq!(AttrName::Ssid.levels(), [ObjectInstance]);
    assert_eq!(AttrName::Uri.levels(), [ObjectInstance]);
    assert_eq!(AttrName::Ver.levels(), [Object]);
    assert_eq!(AttrName::Lwm2m.levels(), [Root]);
    for n in AttrName::ALL {
        assert_eq!(AttrName::from_name(n.as_str().as_bytes()), Some(n));
    }
    assert_eq!(AttrName::from_name(b"PMIN"), None);
}

#[test]
fn wrong_level_in_links() {
    let cases: &[(&str, AttrName, Level, usize)] = &[
        ("</3>;gt=1", AttrName::Gt, Level::Object, 5),
        ("</3/0>;st=1", AttrName::St, Level::ObjectInstance, 7),
        ("</3/0>;lt=1", AttrName::Lt, Level::ObjectInstance, 7),
        ("</3/0>;edge=1", AttrName::Edge, Level::ObjectInstance, 7),
        ("</3/0>;dim=1", AttrName::Dim, Level::ObjectInstance, 7),
        (
            "</3/0/1/0>;dim=1",
            AttrName::Dim,
            Level::ResourceInstance,
            11,
        ),
        ("</0>;ssid=1", AttrName::Ssid, Level::Object, 5),
        ("</0/0/1>;uri=\"x\"", AttrName::Uri, Level::Resource, 9),
        ("</3/0>;ver=1.0", AttrName::Ver, Level::ObjectInstance, 7),
        ("</3>;lwm2m=1.1", AttrName::Lwm2m, Level::Object, 5),
        ("</>;pmin=1", AttrName::Pmin, Level::Root, 4),
        ("</3/0/1>;ct=0", AttrName::Ct, Level::Resource, 9),
    ];
    for &(input, name, level, offset) in cases {
        let problems = check(input.as_bytes());
        assert_eq!(problems.len(), 1, "{input}: {problems:?}");
        assert_eq!(
            problems[0].error,
            Error::WrongLevel {
                offset,
                name,
                level
            },
            "{input}"
        );
    }
    // Discover rejects them too (gt on an Object).
    assert_eq!(
        Discover::parse(b"</3>;gt=1").unwrap_err(),
        Error::WrongLevel {
            offset: 5,
            name: AttrName::Gt,
            level: Level::Object
        }
    );
    // ssid / uri on the wrong objects.
    let probs = check(b"</3/0>;ssid=1,</1/0>;uri=\"coap://x\"");
    assert_eq!(probs.len(), 2);
    assert!(matches!(probs[0].error, Error::Structure { offset: 7, .. }));
    assert_eq!(
        probs[1].to_string(),
        "link 2 </1/0>: at byte 21: uri belongs only on instances of /0"
    );
}

#[test]
fn consistency_rules() {
    let rule = |input: &str| -> Vec<Rule> {
        check(input.as_bytes())
            .into_iter()
            .map(|p| match p.error {
                Error::Rule { rule, offset } => {
                    assert_eq!(offset, 1);
                    rule
                }
                e => panic!("{input}: {e:?}"),
            })
            .collect()
    };
    assert_eq!(rule("</1/0/1>;lt=1;gt=2"), []);
    assert_eq!(rule("</1/0/1>;lt=2;gt=2"), [Rule::LtBelowGt]);
    assert_eq!(
        rule("</1/0/1>;lt=3;gt=2"),
        [Rule::LtBelowGt, Rule::StepFitsBetween][..1]
    );
    assert_eq!(rule("</1/0/1>;lt=-10;gt=-3.5;st=3"), []);
    assert_eq!(
        rule("</1/0/1>;lt=-10;gt=-3.5;st=3.25"),
        [Rule::StepFitsBetween]
    );
    assert_eq!(
        rule("</1/0/1>;lt=5;gt=1;st=1"),
        [Rule::LtBelowGt, Rule::StepFitsBetween]
    );
    assert_eq!(rule("</1/0/1>;st=100"), []);
    assert_eq!(rule("</1/0/1>;pmin=10;pmax=10"), []);
    assert_eq!(rule("</1/0/1>;pmin=11;pmax=10"), [Rule::PminNotAbovePmax]);
    assert_eq!(rule("</1/0/1>;epmin=5;epmax=4"), [Rule::EpminNotAboveEpmax]);
    assert_eq!(rule("</1/0/1>;epmin=5;epmax=5"), []);
    // Discover rejects the first broken rule with the link offset.
    assert_eq!(
        Discover::parse(b"</1/0>,</1/0/1>;pmin=11;pmax=10").unwrap_err(),
        Error::Rule {
            offset: 8,
            rule: Rule::PminNotAbovePmax
        }
    );
}

#[test]
fn query_every_attribute() {
    let w = WriteAttributes::parse_query(
        b"?pmin=1&pmax=2&gt=3.25&lt=-4&st=0.5&epmin=5&epmax=6&edge=0&con=1&hqmax=7",
    )
    .unwrap();
    let expected = NotificationAttributes {
        pmin: Some(1),
        pmax: Some(2),
        gt: Some(3.25),
        lt: Some(-4.0),
        st: Some(0.5),
        epmin: Some(5),
        epmax: Some(6),
        edge: Some(false),
        con: Some(true),
        hqmax: Some(7),
    };
    assert_eq!(w.set, expected);
    assert!(w.clear.is_empty());
    assert_eq!(
        w.to_query(),
        "?pmin=1&pmax=2&gt=3.25&lt=-4&st=0.5&epmin=5&epmax=6&edge=0&con=1&hqmax=7"
    );
    w.validate(&p("/3303/0/5700")).unwrap();
    assert_eq!(
        w.validate(&p("/3303/0")).unwrap_err(),
        Error::WrongLevel {
            offset: 0,
            name: AttrName::Gt,
            level: Level::ObjectInstance
        }
    );
}

#[test]
fn query_clear_and_apply() {
    let w = WriteAttributes::parse_query(b"pmin&gt=-3.5&st").unwrap();
    assert!(w.clear.contains(AttrName::Pmin));
    assert!(w.clear.contains(AttrName::St));
    assert!(!w.clear.contains(AttrName::Gt));
    assert_eq!(w.set.gt, Some(-3.5));
    assert_eq!(w.set.pmin, None);
    let mut current = NotificationAttributes {
        pmin: Some(5),
        st: Some(1.0),
        pmax: Some(30),
        ..Default::default()
    };
    w.apply(&mut current);
    assert_eq!(
        current,
        NotificationAttributes {
            pmax: Some(30),
            gt: Some(-3.5),
            ..Default::default()
        }
    );
    assert_eq!(w.to_query(), "?pmin&gt=-3.5&st");
    assert_eq!(
        WriteAttributes::parse_query(b"?").unwrap(),
        WriteAttributes::default()
    );
    assert_eq!(WriteAttributes::default().to_query(), "");
    // Clearing gt on an object is still a level error.
    assert!(
        WriteAttributes::parse_query(b"?gt")
            .unwrap()
            .validate(&p("/3"))
            .is_err()
    );
}

#[test]
fn query_errors_with_offsets() {
    let cases: &[(&[u8], Error)] = &[
        (
            b"?pmin=10&dim=3",
            Error::UnknownAttribute {
                offset: 9,
                name: lwm2m_types::Snippet::new(b"dim"),
            },
        ),
        (
            b"?pmin=10&pmin=20",
            Error::DuplicateAttribute {
                offset: 9,
                name: lwm2m_types::Snippet::new(b"pmin"),
            },
        ),
        (
            b"pmin&pmin=3",
            Error::DuplicateAttribute {
                offset: 5,
                name: lwm2m_types::Snippet::new(b"pmin"),
            },
        ),
        (
            b"?pmin=10&gt=abc",
            Error::InvalidValue {
                offset: 12,
                name: AttrName::Gt,
                expected: "a decimal -?DIGITS[.DIGITS]",
            },
        ),
        (
            b"?pmax=",
            Error::InvalidValue {
                offset: 6,
                name: AttrName::Pmax,
                expected: "an unsigned integer (0..=4294967295)",
            },
        ),
        (
            b"?st=-1",
            Error::InvalidValue {
                offset: 4,
                name: AttrName::St,
                expected: "a decimal DIGITS[.DIGITS] (not negative)",
            },
        ),
        (
            b"?pmin=1&&pmax=2",
            Error::UnknownAttribute {
                offset: 8,
                name: lwm2m_types::Snippet::new(b""),
            },
        ),
        (
            b"?con=\xff",
            Error::InvalidValue {
                offset: 5,
                name: AttrName::Con,
                expected: "0 or 1",
            },
        ),
    ];
    for (input, err) in cases {
        assert_eq!(
            WriteAttributes::parse_query(input).unwrap_err(),
            *err,
            "{}",
            String::from_utf8_lossy(input)
        );
    }
    // Consistency rules apply to Write-Attributes (TS: 4.00 Bad Request).
    let w = WriteAttributes::parse_query(b"?lt=10&gt=5").unwrap();
    assert_eq!(
        w.validate(&p("/3303/0/5700")).unwrap_err(),
        Error::Rule {
            offset: 0,
            rule: Rule::LtBelowGt
        }
    );
    let w = WriteAttributes::parse_query(b"?pmin=60&pmax=10").unwrap();
    assert_eq!(
        w.validate(&p("/3")).unwrap_err().to_string(),
        "inconsistent attributes at byte 0: pmin must not exceed pmax"
    );
}

#[test]
fn properties_dim_ver_ssid_uri() {
    let mut d = Discover::default();
    let mut e = DiscoverEntry::new(p("/3/0/6"));
    e.dim = Some(0);
    d.entries.push(e);
    let mut o = DiscoverEntry::new(p("/3"));
    o.version = Some(lwm2m_link::Version::new(1, 2));
    d.entries.push(o);
    assert_eq!(d.to_bytes().unwrap(), b"</3/0/6>;dim=0,</3>;ver=1.2");
    assert_eq!(Discover::parse(&d.to_bytes().unwrap()).unwrap(), d);
    assert_eq!(
        Discover::parse(b"</3/0/6>;dim=255").unwrap().entries[0].dim,
        Some(255)
    );
    // uri unescapes, and is written quoted with escapes.
    let b =
        lwm2m_link::BootstrapDiscover::parse(br#"</0/0>;ssid=65534;uri="coap://a\"b""#).unwrap();
    assert_eq!(b.entries[0].ssid, Some(65534));
    assert_eq!(b.entries[0].uri.as_deref(), Some("coap://a\"b"));
    assert_eq!(
        b.to_bytes().unwrap(),
        br#"</0/0>;ssid=65534;uri="coap://a\"b""#
    );
    // Quoted versions: LwM2M 1.0 form, lenient only.
    let q = lwm2m_link::Registration::parse(b"</3>;ver=\"1.1\"").unwrap();
    assert_eq!(
        q.object(3).unwrap().version,
        Some(lwm2m_link::Version::new(1, 1))
    );
    assert!(
        lwm2m_link::Registration::parse_with(b"</3>;ver=\"1.1\"", &lwm2m_link::Options::strict())
            .is_err()
    );
    assert_eq!(check(b"</3>;ver=\"1.1\"").len(), 1);
}

#[test]
fn notification_attributes_api() {
    let mut a = NotificationAttributes::default();
    assert!(a.is_empty());
    assert_eq!(a.set_text(AttrName::Gt, "-0.25", 0), Ok(true));
    assert_eq!(a.set_text(AttrName::Dim, "3", 0), Ok(false));
    assert_eq!(a.gt, Some(-0.25));
    assert!(a.is_set(AttrName::Gt));
    a.clear(AttrName::Gt);
    assert!(a.is_empty());
    a.pmin = Some(1);
    a.gt = Some(1.0);
    assert_eq!(
        a.check_level(Level::Object),
        Err(Error::WrongLevel {
            offset: 0,
            name: AttrName::Gt,
            level: Level::Object
        })
    );
    assert!(a.check_level(Level::ResourceInstance).is_ok());
    a.st = Some(f64::NAN);
    assert!(matches!(
        a.validate(),
        Err(Error::InvalidValue {
            name: AttrName::St,
            ..
        })
    ));
}
