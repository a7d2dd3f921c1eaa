//! Every example of `shared/spec/link-format.md`, each citing where it comes from.

use lwm2m_link::{
    AttrValue, BootstrapDiscover, Discover, Error, Options, Registration, Version, check, parse,
    parse_with,
};
use lwm2m_types::{ContentFormat, Path};

/// TS 1.1.1 §6.2.1 Register example (stray space removed).
const REG_TS_6_2_1: &str =
    "</>;ct=110,</1/0>,</1/1>,</2/0>,</2/1>,</2/2>,</2/3>,</2/4>,</3/0>,</4/0>,</5>";
/// The same as printed in the TS, with the space after a comma.
const REG_TS_6_2_1_SPACE: &str =
    "</>;ct=110, </1/0>,</1/1>,</2/0>,</2/1>,</2/2>,</2/3>,</2/4>,</3/0>,</4/0>,</5>";
/// Constructed (spec file, Register/Update): several Content-Formats, an object version.
const REG_CT_LIST: &str =
    "</>;ct=\"60 110 112 11542 11543\",</1/0>,</3/0>,</3303>;ver=1.1,</3303/0>,</3303/1>";
/// Constructed (spec file): alternate root path.
const REG_ALT_ROOT: &str = "</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>,</lwm2m/3/0>,</lwm2m/5>";
/// TS object-44 example in 1.1 form.
const REG_OBJ44: &str = "</1/0>,</1/1>,</3/0>,</44>;ver=2.2,</44/0>";
/// TS 1.2 object-44 example with `ver` on the instance (Leshan #1315, OMA #557: a typo).
const REG_OBJ44_TYPO: &str = "</1/0>,</1/1>,</3/0>,</44/0>;ver=2.2";
/// Leshan test value.
const REG_LESHAN: &str = "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 1542 1543 11542 11543\",</1>;ver=1.1,</1/0>,</2>,</3>;ver=1.1,</3/0>,</3442/0>";
/// Discover `/3` (spec file, constructed in the style of the TS Device example; `</3/0/7>`
/// quoted from the TS in OMA #47).
const DISCOVER_3: &str = "</3>;pmin=10,</3/0>,</3/0/0>,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,</3/0/7>;dim=8;gt=50;lt=42.2,</3/0/8>;dim=2,</3/0/9>,</3/0/11>;dim=1,</3/0/13>,</3/0/16>";
/// TS 1.1.1 §6.1.7.3 Bootstrap-Discover example quoted in OMA #474 (stray spaces and the
/// `</0/1/>` typo removed).
const BS_TS: &str = "</>;lwm2m=1.1,</0/0>;ssid=101;uri=\"coaps://server_1.example.com\",</0/1>,</0/2>;ssid=102;uri=\"coaps://server_2.example.com\"";
/// What Leshan expects, from Zephyr #77061.
const BS_ZEPHYR: &str = "</>;lwm2m=1.1,</3>;ver=1.0,</3/0>,</5/0>,</0/0>,</0/1>;ssid=101,</1>,</3311/0>,</3303/0>,</3340/0>,</16>";
/// Pre-1.1 form the TS says Servers MAY accept (Zephyr sent it until fixed).
const BS_LEGACY: &str = "lwm2m=\"1.0\",</0/0>;ssid=101,</1/0>;ssid=101";

fn ids(reg: &Registration<'_>) -> Vec<(u16, Option<Version>, Vec<u16>)> {
    reg.objects()
        .map(|o| (o.id, o.version, o.instances().collect()))
        .collect()
}

#[test]
fn register_ts_6_2_1() {
    let reg = Registration::parse(REG_TS_6_2_1.as_bytes()).unwrap();
    assert_eq!(reg.root, "/");
    assert!(!reg.lwm2m_rt);
    assert_eq!(reg.content_formats, [ContentFormat(110)]);
    assert_eq!(
        ids(&reg),
        [
            (1, None, vec![0, 1]),
            (2, None, vec![0, 1, 2, 3, 4]),
            (3, None, vec![0]),
            (4, None, vec![0]),
            (5, None, vec![]),
        ]
    );
    assert_eq!(reg.to_bytes().unwrap(), REG_TS_6_2_1.as_bytes());
    assert!(check(REG_TS_6_2_1.as_bytes()).is_empty());
}

#[test]
fn register_ts_space_lenient_and_strict() {
    let lenient = Registration::parse(REG_TS_6_2_1_SPACE.as_bytes()).unwrap();
    assert_eq!(
        lenient,
        Registration::parse(REG_TS_6_2_1.as_bytes()).unwrap()
    );
    let err =
        Registration::parse_with(REG_TS_6_2_1_SPACE.as_bytes(), &Options::strict()).unwrap_err();
    assert_eq!(
        err,
        Error::Syntax {
            offset: 11,
            expected: lwm2m_link::Expected::NoWhiteSpace,
            found: b' '
        }
    );
    let problems = check(REG_TS_6_2_1_SPACE.as_bytes());
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].to_string(),
        "syntax error at byte 11: expected no white space (strict mode), found byte 0x20"
    );
}

#[test]
fn register_ct_list() {
    let reg = Registration::parse(REG_CT_LIST.as_bytes()).unwrap();
    let cts: Vec<u16> = reg.content_formats.iter().map(|c| c.0).collect();
    assert_eq!(cts, [60, 110, 112, 11542, 11543]);
    assert_eq!(
        ids(&reg),
        [
            (1, None, vec![0]),
            (3, None, vec![0]),
            (3303, Some(Version::new(1, 1)), vec![0, 1]),
        ]
    );
    assert_eq!(reg.to_bytes().unwrap(), REG_CT_LIST.as_bytes());
    assert!(check(REG_CT_LIST.as_bytes()).is_empty());
}

#[test]
fn register_alternate_root() {
    let reg = Registration::parse(REG_ALT_ROOT.as_bytes()).unwrap();
    assert_eq!(reg.root, "/lwm2m");
    assert!(reg.lwm2m_rt);
    assert!(reg.content_formats.is_empty());
    assert_eq!(
        ids(&reg),
        [(1, None, vec![0]), (3, None, vec![0]), (5, None, vec![])]
    );
    assert_eq!(reg.to_bytes().unwrap(), REG_ALT_ROOT.as_bytes());
    assert!(check(REG_ALT_ROOT.as_bytes()).is_empty());
    // Object links outside the alternate root are not LwM2M paths.
    let err = Registration::parse(b"</lwm2m>;rt=\"oma.lwm2m\",</other/3/0>").unwrap_err();
    assert!(
        matches!(err, Error::InvalidTarget { offset: 25, .. }),
        "{err:?}"
    );
}

#[test]
fn register_object_44() {
    let reg = Registration::parse(REG_OBJ44.as_bytes()).unwrap();
    assert_eq!(reg.object(44).unwrap().version, Some(Version::new(2, 2)));
    assert_eq!(reg.object(44).unwrap().instances().collect::<Vec<_>>(), [0]);
    assert_eq!(reg.to_bytes().unwrap(), REG_OBJ44.as_bytes());
    // The 1.2 typo: accepted leniently as the Object's version, never emitted.
    let typo = Registration::parse(REG_OBJ44_TYPO.as_bytes()).unwrap();
    assert_eq!(typo, reg);
    let err = Registration::parse_with(REG_OBJ44_TYPO.as_bytes(), &Options::strict()).unwrap_err();
    assert_eq!(
        err,
        Error::WrongLevel {
            offset: 29,
            name: lwm2m_link::AttrName::Ver,
            level: lwm2m_types::Level::ObjectInstance
        }
    );
    assert_eq!(check(REG_OBJ44_TYPO.as_bytes()).len(), 1);
}

#[test]
fn register_leshan() {
    let reg = Registration::parse(REG_LESHAN.as_bytes()).unwrap();
    assert!(reg.lwm2m_rt);
    assert_eq!(reg.content_formats.len(), 7);
    assert_eq!(
        ids(&reg),
        [
            (1, Some(Version::new(1, 1)), vec![0]),
            (2, None, vec![]),
            (3, Some(Version::new(1, 1)), vec![0]),
            (3442, None, vec![0]),
        ]
    );
    assert_eq!(reg.to_bytes().unwrap(), REG_LESHAN.as_bytes());
    assert!(check(REG_LESHAN.as_bytes()).is_empty());
}

#[test]
fn discover_device() {
    let d = Discover::parse(DISCOVER_3.as_bytes()).unwrap();
    assert_eq!(d.entries.len(), 14);
    d.check_request(&Path::object(3).unwrap()).unwrap();
    assert!(d.check_request(&"/3/0/1".parse().unwrap()).is_err());
    let e0 = &d.entries[0];
    assert_eq!(e0.path, Path::object(3).unwrap());
    assert_eq!(e0.attributes.pmin, Some(10));
    let r7 = d
        .entries
        .iter()
        .find(|e| e.path == "/3/0/7".parse().unwrap())
        .unwrap();
    assert_eq!(r7.dim, Some(8));
    assert_eq!(r7.attributes.gt, Some(50.0));
    assert_eq!(r7.attributes.lt, Some(42.2));
    let dims: Vec<(String, u8)> = d
        .entries
        .iter()
        .filter_map(|e| e.dim.map(|n| (e.path.to_string(), n)))
        .collect();
    assert_eq!(
        dims,
        [
            ("/3/0/6".to_string(), 2),
            ("/3/0/7".to_string(), 8),
            ("/3/0/8".to_string(), 2),
            ("/3/0/11".to_string(), 1)
        ]
    );
    assert_eq!(d.to_bytes().unwrap(), DISCOVER_3.as_bytes());
    // The example has lt=42.2 < gt=50: consistent.
    assert!(check(DISCOVER_3.as_bytes()).is_empty());
}

#[test]
fn bootstrap_discover_ts() {
    let b = BootstrapDiscover::parse(BS_TS.as_bytes()).unwrap();
    assert_eq!(b.lwm2m, Some(Version::new(1, 1)));
    assert_eq!(b.entries.len(), 3);
    assert_eq!(b.entries[0].ssid, Some(101));
    assert_eq!(
        b.entries[0].uri.as_deref(),
        Some("coaps://server_1.example.com")
    );
    assert_eq!(b.entries[1].ssid, None);
    assert_eq!(b.entries[1].uri, None);
    assert_eq!(b.entries[2].ssid, Some(102));
    assert_eq!(b.to_bytes().unwrap(), BS_TS.as_bytes());
    assert!(check(BS_TS.as_bytes()).is_empty());
}

#[test]
fn bootstrap_discover_zephyr() {
    let b = BootstrapDiscover::parse(BS_ZEPHYR.as_bytes()).unwrap();
    assert_eq!(b.entries.len(), 10);
    assert_eq!(b.entries[0].version, Some(Version::new(1, 0)));
    assert_eq!(b.entries[4].path, "/0/1".parse().unwrap());
    assert_eq!(b.entries[4].ssid, Some(101));
    assert_eq!(b.to_bytes().unwrap(), BS_ZEPHYR.as_bytes());
    assert!(check(BS_ZEPHYR.as_bytes()).is_empty());
}

#[test]
fn bootstrap_discover_legacy() {
    let b = BootstrapDiscover::parse(BS_LEGACY.as_bytes()).unwrap();
    assert_eq!(b.lwm2m, Some(Version::new(1, 0)));
    assert_eq!(b.entries.len(), 2);
    assert_eq!(
        b.to_bytes().unwrap(),
        b"</>;lwm2m=1.0,</0/0>;ssid=101,</1/0>;ssid=101"
    );
    let err = BootstrapDiscover::parse_with(BS_LEGACY.as_bytes(), &Options::strict()).unwrap_err();
    assert_eq!(
        err,
        Error::Syntax {
            offset: 0,
            expected: lwm2m_link::Expected::LinkStart,
            found: b'l'
        }
    );
}

#[test]
fn raw_level_keeps_everything() {
    let links = parse(REG_LESHAN.as_bytes()).unwrap();
    assert_eq!(links.len(), 7);
    let root: Vec<_> = links[0]
        .attributes()
        .map(|a| (a.name, a.value, a.offset))
        .collect();
    assert_eq!(
        root,
        [
            ("rt", Some(AttrValue::Quoted("oma.lwm2m")), 4),
            (
                "ct",
                Some(AttrValue::Quoted("60 110 112 1542 1543 11542 11543")),
                19
            ),
        ]
    );
    assert_eq!(links[1].target(), "/1");
    assert_eq!(links[1].offset(), 58);
    let strict = parse_with(REG_LESHAN.as_bytes(), &Options::strict()).unwrap();
    assert_eq!(strict, links);
}
