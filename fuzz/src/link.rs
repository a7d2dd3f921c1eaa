//! Fuzz bodies for the link codec.
// Included with `#[path]` by `benches/tests/fuzz_link.rs`, where these items are not exported.
#![allow(unreachable_pub)]

use lwm2m_link::{
    Attribute, BootstrapDiscover, Discover, Link, Options, Registration, WriteAttributes, Writer,
    check, parse_with, to_json,
};

type Flat<'a> = Vec<(&'a str, Vec<(&'a str, Option<lwm2m_link::AttrValue<'a>>)>)>;

fn flat<'a>(links: &[Link<'a>]) -> Flat<'a> {
    links
        .iter()
        .map(|l| {
            let attrs: Vec<Attribute<'a>> = l.attributes().collect();
            assert_eq!(attrs.len(), l.attribute_count(), "attribute count");
            (
                l.target(),
                attrs.iter().map(|a| (a.name, a.value)).collect(),
            )
        })
        .collect()
}

/// Decodes hostile bytes with every entry point: the reader (lenient and strict), the typed
/// views, the Write-Attributes query parser, `check` and `to_json`. Offsets must lie inside
/// the input.
pub fn decode(data: &[u8]) {
    let len = data.len();
    let in_bounds = |e: &lwm2m_link::Error| {
        if let Some(o) = e.offset() {
            assert!(o <= len, "offset {o} beyond {len}: {e}");
        }
        let _ = e.to_string();
    };
    for opts in [Options::lenient(), Options::strict()] {
        match parse_with(data, &opts) {
            Ok(links) => {
                for l in &links {
                    assert!(l.offset() <= len);
                    for a in l.attributes() {
                        assert!(a.offset < len);
                        let _ = a.unescaped();
                    }
                }
                let _ = to_json(&links);
            }
            Err(e) => in_bounds(&e),
        }
        if let Err(e) = Registration::parse_with(data, &opts) {
            in_bounds(&e);
        }
        if let Err(e) = Discover::parse_with(data, &opts) {
            in_bounds(&e);
        }
        if let Err(e) = BootstrapDiscover::parse_with(data, &opts) {
            in_bounds(&e);
        }
    }
    if let Err(e) = WriteAttributes::parse_query(data) {
        in_bounds(&e);
    }
    for p in check(data) {
        in_bounds(&p.error);
        let _ = p.to_string();
    }
}

/// Round trips: for every decoder that accepts the bytes, `decode(encode(decode(x))) ==
/// decode(x)`.
pub fn roundtrip(data: &[u8]) {
    for opts in [Options::lenient(), Options::strict()] {
        if let Ok(links) = parse_with(data, &opts) {
            let mut out = Vec::new();
            let mut w = Writer::new(&mut out);
            for l in &links {
                w.link(l.target()).expect("parsed target is writable");
                for a in l.attributes() {
                    w.attr_value(a.name, a.value)
                        .expect("parsed value is writable");
                }
            }
            let again = parse_with(&out, &Options::strict()).expect("written links parse");
            assert_eq!(flat(&again), flat(&links), "raw link round trip");
        }
        if let Ok(reg) = Registration::parse_with(data, &opts) {
            let bytes = reg.to_bytes().expect("registration encodes");
            let back = Registration::parse_with(&bytes, &opts).expect("registration re-parses");
            assert_eq!(back, reg, "registration round trip");
        }
        if let Ok(d) = Discover::parse_with(data, &opts) {
            let bytes = d.to_bytes().expect("discover encodes");
            let back = Discover::parse_with(&bytes, &opts).expect("discover re-parses");
            assert_eq!(back, d, "discover round trip");
        }
        if let Ok(b) = BootstrapDiscover::parse_with(data, &opts) {
            let bytes = b.to_bytes().expect("bootstrap-discover encodes");
            let back = BootstrapDiscover::parse_with(&bytes, &opts).expect("bootstrap re-parses");
            assert_eq!(back, b, "bootstrap-discover round trip");
        }
    }
    if let Ok(w) = WriteAttributes::parse_query(data) {
        let q = w.to_query();
        let back = WriteAttributes::parse_query(q.as_bytes()).expect("query re-parses");
        assert_eq!(back, w, "write-attributes round trip");
    }
}
