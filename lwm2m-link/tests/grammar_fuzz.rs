//! Grammar-biased random documents (fragments of link format glued at random): decoding never
//! panics, errors point inside the input, and whatever decodes round-trips through the writers
//! (`decode(encode(decode(x))) == decode(x)`), for the raw level and every typed view.

use lwm2m_link::{
    BootstrapDiscover, Discover, Options, Registration, WriteAttributes, Writer, check, parse_with,
    to_json,
};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "/",
    "0",
    "1",
    "3",
    "21",
    "3303",
    "65534",
    "65535",
    ",",
    ";",
    "=",
    "\"",
    "\\",
    " ",
    "\t",
    "\n",
    "pmin",
    "pmax",
    "gt",
    "lt",
    "st",
    "epmin",
    "epmax",
    "edge",
    "con",
    "hqmax",
    "dim",
    "ver",
    "ssid",
    "uri",
    "lwm2m",
    "ct",
    "rt",
    "oma.lwm2m",
    "1.1",
    "-3.5",
    "10",
    "?",
    "&",
    "\u{e9}",
    "\u{ff}",
    "x",
    ".",
    "-",
    "%",
    "</>",
    "</3/0>",
    "</lwm2m>",
];

fn doc() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            (0..PIECES.len()).prop_map(|k| PIECES[k].as_bytes().to_vec()),
            any::<u8>().prop_map(|b| vec![b]),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

type Flat<'a> = Vec<(&'a str, Vec<(&'a str, Option<lwm2m_link::AttrValue<'a>>)>)>;

fn flat<'a>(ls: &[lwm2m_link::Link<'a>]) -> Flat<'a> {
    ls.iter()
        .map(|l| {
            (
                l.target(),
                l.attributes().map(|a| (a.name, a.value)).collect(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn decode_and_round_trip(data in doc()) {
        let len = data.len();
        for opts in [Options::lenient(), Options::strict()] {
            match parse_with(&data, &opts) {
                Ok(links) => {
                    let _ = to_json(&links);
                    let mut out = Vec::new();
                    let mut w = Writer::new(&mut out);
                    for l in &links {
                        w.link(l.target()).unwrap();
                        for a in l.attributes() {
                            w.attr_value(a.name, a.value).unwrap();
                        }
                    }
                    let again = parse_with(&out, &Options::strict()).unwrap();
                    prop_assert_eq!(flat(&again), flat(&links));
                }
                Err(e) => prop_assert!(e.offset().unwrap() <= len, "{e}"),
            }
            if let Ok(r) = Registration::parse_with(&data, &opts) {
                let b = r.to_bytes().unwrap();
                prop_assert_eq!(Registration::parse_with(&b, &opts).unwrap(), r);
            }
            if let Ok(d) = Discover::parse_with(&data, &opts) {
                let b = d.to_bytes().unwrap();
                prop_assert_eq!(Discover::parse_with(&b, &opts).unwrap(), d);
            }
            if let Ok(d) = BootstrapDiscover::parse_with(&data, &opts) {
                let b = d.to_bytes().unwrap();
                prop_assert_eq!(BootstrapDiscover::parse_with(&b, &opts).unwrap(), d);
            }
        }
        if let Ok(w) = WriteAttributes::parse_query(&data) {
            prop_assert_eq!(WriteAttributes::parse_query(w.to_query().as_bytes()).unwrap(), w);
        }
        for p in check(&data) {
            if let Some(o) = p.error.offset() {
                prop_assert!(o <= len, "{p}");
            }
        }
    }
}
