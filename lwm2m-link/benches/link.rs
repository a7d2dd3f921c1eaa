//! Parses a 10-object Register payload with lwm2m-link (raw reader and typed
//! `Registration`) and with coap-lite's `LinkFormatParser`, on the same bytes, in one run.
//!
//! `cargo bench -p lwm2m-link --bench link -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use coap_lite::link_format::LinkFormatParser;
use criterion::{Criterion, criterion_group, criterion_main};
use lwm2m_link::{Reader, Registration};
use lwm2m_types::Path;

/// Objects 1, 2, 3, 4, 5, 6, 7, 3303, 3311, 3442 with versions, instances and a root link.
const PAYLOAD: &[u8] = br#"</>;rt="oma.lwm2m";ct="60 110 112 11542 11543",</1>;ver=1.1,</1/0>,</2/0>,</2/1>,</3>;ver=1.1,</3/0>,</4/0>,</5>,</6/0>,</7/0>,</3303>;ver=1.1,</3303/0>,</3303/1>,</3311/0>,</3442/0>"#;

/// (object, instance, version) as a coap-lite user would collect them.
type TypedLink = (u16, Option<u16>, Option<(u16, u16)>);

fn bench(c: &mut Criterion) {
    assert_eq!(Registration::parse(PAYLOAD).unwrap().objects().count(), 10);
    let mut g = c.benchmark_group("register_10_objects");
    g.bench_function(
        "coap-lite LinkFormatParser (utf8 + links + attrs to_cow)",
        |b| {
            b.iter(|| {
                // coap-lite takes &str: a server gets bytes, so the UTF-8 check is part of its cost.
                let s = core::str::from_utf8(black_box(PAYLOAD)).unwrap();
                let mut n = 0usize;
                for link in LinkFormatParser::new(s) {
                    let (target, attrs) = link.unwrap();
                    black_box(target);
                    for (k, v) in attrs {
                        black_box((k, v.to_cow()));
                        n += 1;
                    }
                }
                n
            })
        },
    );
    g.bench_function("coap-lite LinkFormatParser + typed conversion", |b| {
        b.iter(|| {
            // What a coap-lite user writes to get the same typed result: paths as ids,
            // `ver` as a version, `ct` as numbers.
            let s = core::str::from_utf8(black_box(PAYLOAD)).unwrap();
            let mut links: Vec<TypedLink> = Vec::new();
            let mut cts: Vec<u16> = Vec::new();
            for link in LinkFormatParser::new(s) {
                let (target, attrs) = link.unwrap();
                let path: Path = target.parse().unwrap();
                let mut ver = None;
                for (k, v) in attrs {
                    match k {
                        "ver" => {
                            let v = v.to_cow();
                            let (a, b) = v.split_once('.').unwrap();
                            ver = Some((a.parse().unwrap(), b.parse().unwrap()));
                        }
                        "ct" => cts = v.to_cow().split(' ').map(|c| c.parse().unwrap()).collect(),
                        _ => {}
                    }
                }
                if let Some(o) = path.object_id() {
                    links.push((o, path.instance_id(), ver));
                }
            }
            links.sort_unstable_by_key(|l| (l.0, l.1));
            (links, cts)
        })
    });
    g.bench_function("lwm2m-link Reader (links + attrs unescape)", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for link in Reader::new(black_box(PAYLOAD)) {
                let link = link.unwrap();
                black_box(link.target());
                for a in link.attributes() {
                    black_box((a.name, a.unescaped()));
                    n += 1;
                }
            }
            n
        })
    });
    g.bench_function("lwm2m-link Registration::parse (typed)", |b| {
        b.iter(|| Registration::parse(black_box(PAYLOAD)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
