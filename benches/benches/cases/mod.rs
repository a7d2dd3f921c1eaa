//! The cases both bench targets run: every format's decode and encode at both levels, the
//! peers on the same bytes and the facade's dispatch, over one shared set of payloads (see
//! `lwm2m_benches`).

use std::hint::black_box;

use lwm2m::{ContentFormat, Node, Path};
use lwm2m_benches as data;

/// A named operation on fixed bytes.
pub(crate) struct Case {
    /// The payload and format, e.g. `device/tlv`.
    pub(crate) group: &'static str,
    /// The operation, e.g. `decode (node)`.
    pub(crate) name: &'static str,
    /// One operation; returns a count so nothing is optimized out.
    pub(crate) run: Box<dyn Fn() -> usize>,
}

fn leak<T>(v: T) -> &'static T {
    Box::leak(Box::new(v))
}

/// Every case, in the order of the report.
pub(crate) fn cases() -> Vec<Case> {
    let models: &'static Vec<lwm2m::ObjectModel> = leak(data::models());
    let dev_path: &'static Path = leak(data::device_path());
    let multi_path: &'static Path = leak(data::multiple_resource_path());
    let device: &'static Node = leak(Node::ObjectInstance(data::device_instance()));
    let m100: &'static Node = leak(Node::Resource(data::multiple_resource(100)));
    let m6400: &'static Node = leak(Node::Resource(data::multiple_resource(6400)));
    let send: &'static lwm2m::Timestamped = leak(data::send_series(50));
    let reg: &'static [u8] = leak(data::registration(10)).as_bytes();

    let enc = |f: ContentFormat, n: &Node, p: &Path| -> &'static [u8] {
        leak(lwm2m::encode(f, n, p).expect("encodes")).as_slice()
    };
    let tlv = enc(ContentFormat::TLV, device, dev_path);
    let sj = enc(ContentFormat::SENML_JSON, device, dev_path);
    let sc = enc(ContentFormat::SENML_CBOR, device, dev_path);
    let oj = enc(ContentFormat::JSON, device, dev_path);
    let lc = enc(ContentFormat::LWM2M_CBOR, device, dev_path);
    let lc100 = enc(ContentFormat::LWM2M_CBOR, m100, multi_path);
    let lc6400 = enc(ContentFormat::LWM2M_CBOR, m6400, multi_path);
    let tlv100 = enc(ContentFormat::TLV, m100, multi_path);
    let tlv6400 = enc(ContentFormat::TLV, m6400, multi_path);
    let sc100 = enc(ContentFormat::SENML_CBOR, m100, multi_path);
    let sc6400 = enc(ContentFormat::SENML_CBOR, m6400, multi_path);
    let send_json: &'static [u8] =
        leak(lwm2m::encode_timestamped(ContentFormat::SENML_JSON, send).unwrap()).as_slice();
    let send_cbor: &'static [u8] =
        leak(lwm2m::encode_timestamped(ContentFormat::SENML_CBOR, send).unwrap()).as_slice();

    let mut v: Vec<Case> = Vec::new();
    let mut add = |group, name, run: Box<dyn Fn() -> usize>| v.push(Case { group, name, run });

    // Node-level decode of one payload in a format: returns a count so nothing is optimized out.
    fn node_count(n: &Node) -> usize {
        match n {
            Node::ObjectInstance(i) => i.resources.len(),
            Node::Resource(r) => r.instances().map_or(1, |i| i.len()),
            _ => 1,
        }
    }

    // --- TLV ---
    add(
        "device/tlv",
        "read (streaming, typed)",
        Box::new(move || {
            // Every value through its typed accessor, as lwm2m-tlv's own bench does.
            let mut n = 0i64;
            for e in lwm2m::tlv::Reader::new(black_box(tlv)) {
                let e = e.unwrap();
                match (e.kind(), e.id()) {
                    (lwm2m::tlv::Kind::MultipleResource, _) => {
                        for c in e.children().unwrap() {
                            n += c.unwrap().as_i64().unwrap();
                        }
                    }
                    (_, 13) => n += e.as_time().unwrap(),
                    (_, 9 | 10) => n += e.as_i64().unwrap(),
                    _ => n += e.as_str().unwrap().len() as i64,
                }
            }
            n as usize
        }),
    );
    add(
        "device/tlv",
        "decode (node)",
        Box::new(move || {
            node_count(&lwm2m::tlv::decode(black_box(tlv), dev_path, models).unwrap())
        }),
    );
    add(
        "device/tlv",
        "decode (facade dispatch)",
        Box::new(move || {
            node_count(
                &lwm2m::decode(ContentFormat::TLV, black_box(tlv), dev_path, models).unwrap(),
            )
        }),
    );
    add(
        "device/tlv",
        "encode (node)",
        Box::new(move || {
            lwm2m::tlv::encode(black_box(device), dev_path)
                .unwrap()
                .len()
        }),
    );
    add(
        "device/tlv",
        "encode (facade dispatch)",
        Box::new(move || {
            lwm2m::encode(ContentFormat::TLV, black_box(device), dev_path)
                .unwrap()
                .len()
        }),
    );
    for (group, bytes, node) in [
        ("multi100/tlv", tlv100, m100),
        ("multi6400/tlv", tlv6400, m6400),
    ] {
        add(
            group,
            "decode (node)",
            Box::new(move || {
                node_count(&lwm2m::tlv::decode(black_box(bytes), multi_path, models).unwrap())
            }),
        );
        add(
            group,
            "encode (node)",
            Box::new(move || {
                lwm2m::tlv::encode(black_box(node), multi_path)
                    .unwrap()
                    .len()
            }),
        );
    }

    // --- SenML JSON ---
    add(
        "device/senml-json",
        "read (streaming records)",
        Box::new(move || {
            lwm2m::senml::json::Reader::new(black_box(sj))
                .map(|r| r.unwrap().path.len())
                .sum()
        }),
    );
    add(
        "device/senml-json",
        "decode (node)",
        Box::new(move || {
            node_count(&lwm2m::senml::json::decode(black_box(sj), dev_path, models).unwrap())
        }),
    );
    add(
        "device/senml-json",
        "encode (node)",
        Box::new(move || {
            lwm2m::senml::json::encode(black_box(device), dev_path)
                .unwrap()
                .len()
        }),
    );
    add(
        "device/senml-json",
        "peer: serde_json::Value",
        Box::new(move || {
            let v: serde_json::Value = serde_json::from_slice(black_box(sj)).unwrap();
            v.as_array().map_or(0, Vec::len)
        }),
    );

    // --- SenML CBOR ---
    add(
        "device/senml-cbor",
        "read (streaming records)",
        Box::new(move || {
            lwm2m::senml::cbor::Reader::new(black_box(sc))
                .map(|r| r.unwrap().path.len())
                .sum()
        }),
    );
    add(
        "device/senml-cbor",
        "decode (node)",
        Box::new(move || {
            node_count(&lwm2m::senml::cbor::decode(black_box(sc), dev_path, models).unwrap())
        }),
    );
    add(
        "device/senml-cbor",
        "encode (node)",
        Box::new(move || {
            lwm2m::senml::cbor::encode(black_box(device), dev_path)
                .unwrap()
                .len()
        }),
    );
    add(
        "device/senml-cbor",
        "peer: ciborium::Value",
        Box::new(move || {
            let v: ciborium::Value = ciborium::from_reader(black_box(sc)).unwrap();
            v.as_array().map_or(0, Vec::len)
        }),
    );
    add(
        "device/senml-cbor",
        "peer: minicbor Tokenizer (tokens only)",
        Box::new(move || {
            minicbor::decode::Tokenizer::new(black_box(sc))
                .map(|t| t.is_ok() as usize)
                .sum()
        }),
    );
    for (group, bytes, node) in [
        ("multi100/senml-cbor", sc100, m100),
        ("multi6400/senml-cbor", sc6400, m6400),
    ] {
        add(
            group,
            "decode (node)",
            Box::new(move || {
                node_count(
                    &lwm2m::senml::cbor::decode(black_box(bytes), multi_path, models).unwrap(),
                )
            }),
        );
        add(
            group,
            "encode (node)",
            Box::new(move || {
                lwm2m::senml::cbor::encode(black_box(node), multi_path)
                    .unwrap()
                    .len()
            }),
        );
    }

    // --- LwM2M CBOR ---
    add(
        "device/lwm2m-cbor",
        "read (streaming entries)",
        Box::new(move || {
            lwm2m::cbor::Reader::new(black_box(lc))
                .map(|e| e.unwrap().ids().len())
                .sum()
        }),
    );
    add(
        "device/lwm2m-cbor",
        "decode (node)",
        Box::new(move || {
            node_count(&lwm2m::cbor::decode(black_box(lc), dev_path, models).unwrap())
        }),
    );
    add(
        "device/lwm2m-cbor",
        "encode (node)",
        Box::new(move || {
            lwm2m::cbor::encode(black_box(device), dev_path)
                .unwrap()
                .len()
        }),
    );
    add(
        "device/lwm2m-cbor",
        "peer: ciborium::Value",
        Box::new(move || {
            let v: ciborium::Value = ciborium::from_reader(black_box(lc)).unwrap();
            v.as_map().map_or(0, Vec::len)
        }),
    );
    add(
        "device/lwm2m-cbor",
        "peer: minicbor Tokenizer (tokens only)",
        Box::new(move || {
            minicbor::decode::Tokenizer::new(black_box(lc))
                .map(|t| t.is_ok() as usize)
                .sum()
        }),
    );
    for (group, bytes, node) in [
        ("multi100/lwm2m-cbor", lc100, m100),
        ("multi6400/lwm2m-cbor", lc6400, m6400),
    ] {
        add(
            group,
            "decode (node)",
            Box::new(move || {
                node_count(&lwm2m::cbor::decode(black_box(bytes), multi_path, models).unwrap())
            }),
        );
        add(
            group,
            "encode (node)",
            Box::new(move || {
                lwm2m::cbor::encode(black_box(node), multi_path)
                    .unwrap()
                    .len()
            }),
        );
    }

    // --- LwM2M 1.0 JSON ---
    add(
        "device/lwm2m-json",
        "decode (node)",
        Box::new(move || {
            node_count(&lwm2m::senml::lwm2m_json::decode(black_box(oj), dev_path, models).unwrap())
        }),
    );
    add(
        "device/lwm2m-json",
        "encode (node)",
        Box::new(move || {
            lwm2m::senml::lwm2m_json::encode(black_box(device), dev_path)
                .unwrap()
                .len()
        }),
    );
    add(
        "device/lwm2m-json",
        "read (streaming entries)",
        Box::new(move || {
            lwm2m::senml::lwm2m_json::Reader::new(black_box(oj))
                .map(|r| r.unwrap().path.len())
                .sum()
        }),
    );
    add(
        "device/lwm2m-json",
        "peer: serde_json::Value",
        Box::new(move || {
            let v: serde_json::Value = serde_json::from_slice(black_box(oj)).unwrap();
            v.as_object().map_or(0, |o| o.len())
        }),
    );

    // --- Send of 50 timestamped values ---
    add(
        "send50/senml-json",
        "decode (timestamped)",
        Box::new(move || {
            lwm2m::senml::json::decode_timestamped(black_box(send_json), models)
                .unwrap()
                .entries
                .len()
        }),
    );
    add(
        "send50/senml-json",
        "encode (timestamped)",
        Box::new(move || {
            lwm2m::senml::json::encode_timestamped(black_box(send))
                .unwrap()
                .len()
        }),
    );
    add(
        "send50/senml-json",
        "peer: serde_json::Value",
        Box::new(move || {
            let v: serde_json::Value = serde_json::from_slice(black_box(send_json)).unwrap();
            v.as_array().map_or(0, Vec::len)
        }),
    );
    add(
        "send50/senml-cbor",
        "decode (timestamped)",
        Box::new(move || {
            lwm2m::senml::cbor::decode_timestamped(black_box(send_cbor), models)
                .unwrap()
                .entries
                .len()
        }),
    );
    add(
        "send50/senml-cbor",
        "encode (timestamped)",
        Box::new(move || {
            lwm2m::senml::cbor::encode_timestamped(black_box(send))
                .unwrap()
                .len()
        }),
    );
    add(
        "send50/senml-cbor",
        "peer: ciborium::Value",
        Box::new(move || {
            let v: ciborium::Value = ciborium::from_reader(black_box(send_cbor)).unwrap();
            v.as_array().map_or(0, Vec::len)
        }),
    );

    // --- Registration with 10 objects (link format) ---
    add(
        "register10/link",
        "read (streaming links + attributes)",
        Box::new(move || {
            let mut n = 0;
            for l in lwm2m::link::Reader::new(black_box(reg)) {
                n += l.unwrap().attributes().count() + 1;
            }
            n
        }),
    );
    add(
        "register10/link",
        "parse (typed Registration)",
        Box::new(move || {
            lwm2m::link::Registration::parse(black_box(reg))
                .unwrap()
                .objects()
                .count()
        }),
    );
    add(
        "register10/link",
        "peer: coap-lite LinkFormatParser",
        Box::new(move || {
            let s = std::str::from_utf8(black_box(reg)).unwrap();
            let mut n = 0;
            for l in coap_lite::link_format::LinkFormatParser::new(s) {
                let (_target, attrs) = l.unwrap();
                for (_k, v) in attrs {
                    n += v.to_cow().len();
                }
                n += 1;
            }
            n
        }),
    );

    // --- Streaming writers: the Device instance written value by value ---
    // The node encoders above walk a `Node`; these rows drive each format's `Writer` directly
    // from borrowed values, as a client that keeps its own data model would.
    let Node::ObjectInstance(inst) = device else {
        unreachable!("the device payload is an object instance")
    };
    let flat: &'static Vec<(Path, lwm2m::Value)> = leak({
        let mut v = Vec::new();
        device
            .visit_values(dev_path, &mut |p, val| {
                v.push((p, val.clone()));
                Ok::<(), lwm2m::types::Error>(())
            })
            .expect("visits");
        v
    });
    // SenML names relative to the base name `/3/0/`, as a writer would keep them.
    let names: &'static Vec<String> = leak(
        flat.iter()
            .map(|(p, _)| {
                let ids = p.ids();
                ids[2..]
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect(),
    );
    add(
        "device/tlv",
        "write (streaming Writer)",
        Box::new(move || {
            use lwm2m::tlv::{Kind, Writer};
            let mut out = Vec::with_capacity(128);
            let mut w = Writer::new(&mut out);
            for r in inst.resources.iter() {
                match r {
                    lwm2m::Resource::Single { id, value } => {
                        w.resource(*id, value.as_ref()).unwrap()
                    }
                    lwm2m::Resource::Multiple { id, instances } => {
                        let mark = w.begin(Kind::MultipleResource, *id).unwrap();
                        for ri in instances.iter() {
                            w.resource_instance(ri.id, ri.value.as_ref()).unwrap();
                        }
                        w.end(mark).unwrap();
                    }
                }
            }
            debug_assert_eq!(out, tlv);
            out.len()
        }),
    );
    add(
        "device/senml-json",
        "write (streaming Writer)",
        Box::new(move || {
            use lwm2m::senml::WriteRecord;
            let mut out = Vec::with_capacity(512);
            let mut w = lwm2m::senml::json::Writer::new(&mut out);
            for (k, ((_, v), n)) in flat.iter().zip(names.iter()).enumerate() {
                let mut r = WriteRecord::new(n, v.as_ref());
                if k == 0 {
                    r.base_name = Some("/3/0/");
                }
                w.record(&r).unwrap();
            }
            w.finish();
            debug_assert_eq!(out, sj);
            out.len()
        }),
    );
    add(
        "device/senml-cbor",
        "write (streaming Writer)",
        Box::new(move || {
            use lwm2m::senml::WriteRecord;
            let mut out = Vec::with_capacity(256);
            let mut w = lwm2m::senml::cbor::Writer::new(&mut out);
            for (k, ((_, v), n)) in flat.iter().zip(names.iter()).enumerate() {
                let mut r = WriteRecord::new(n, v.as_ref());
                if k == 0 {
                    r.base_name = Some("/3/0/");
                }
                w.record(&r).unwrap();
            }
            w.finish();
            debug_assert_eq!(out, sc);
            out.len()
        }),
    );
    add(
        "device/lwm2m-json",
        "write (streaming Writer)",
        Box::new(move || {
            let mut out = Vec::with_capacity(512);
            let mut w =
                lwm2m::senml::lwm2m_json::Writer::new(&mut out, Some("/3/0/"), None).unwrap();
            for ((_, v), n) in flat.iter().zip(names.iter()) {
                w.entry(Some(n), None, v.as_ref()).unwrap();
            }
            w.finish();
            debug_assert_eq!(out, oj);
            out.len()
        }),
    );
    add(
        "device/lwm2m-cbor",
        "write (streaming Writer)",
        Box::new(move || {
            let mut w = lwm2m::cbor::Writer::new();
            for (p, v) in flat.iter() {
                w.push(*p, v.as_ref());
            }
            let mut out = Vec::with_capacity(256);
            w.finish(&mut out).unwrap();
            debug_assert_eq!(out, lc);
            out.len()
        }),
    );
    // The registration's links as (target, ver), formatted once, as a client keeps them.
    let reg_links: &'static Vec<(String, Option<&'static str>)> = leak({
        let mut v = Vec::new();
        for (k, oid) in [1u16, 3, 4, 5, 6, 7, 3303, 3304, 3311, 3442]
            .iter()
            .enumerate()
        {
            if k % 3 == 1 {
                v.push((format!("/{oid}"), Some("1.1")));
            }
            v.push((format!("/{oid}/0"), None));
            if k % 2 == 0 {
                v.push((format!("/{oid}/1"), None));
            }
        }
        v
    });
    add(
        "register10/link",
        "write (streaming Writer)",
        Box::new(move || {
            let mut out = Vec::with_capacity(256);
            let mut w = lwm2m::link::Writer::new(&mut out);
            w.link("/")
                .unwrap()
                .attr_quoted("rt", "oma.lwm2m")
                .unwrap()
                .attr_quoted("ct", "60 110 112 11542 11543 11544")
                .unwrap();
            for (target, ver) in reg_links.iter() {
                let l = w.link(target).unwrap();
                if let Some(ver) = ver {
                    l.attr("ver", Some(ver)).unwrap();
                }
            }
            debug_assert_eq!(out, reg);
            out.len()
        }),
    );

    // --- Plain text and opaque, one value ---
    let level_path: &'static Path = leak("/3/0/9".parse().unwrap());
    add(
        "value/text",
        "decode (node)",
        Box::new(move || {
            node_count(&lwm2m::text::decode(black_box(b"100"), level_path, models).unwrap())
        }),
    );
    let level_node: &'static Node = leak(Node::Resource(lwm2m::Resource::single(
        9,
        lwm2m::Value::Integer(100),
    )));
    add(
        "value/text",
        "encode (node)",
        Box::new(move || {
            lwm2m::text::encode(black_box(level_node), level_path)
                .unwrap()
                .len()
        }),
    );
    add(
        "value/opaque",
        "decode (node)",
        Box::new(move || {
            node_count(&lwm2m::opaque::decode(black_box(&[100]), level_path, models).unwrap())
        }),
    );
    add(
        "value/opaque",
        "encode (node)",
        Box::new(move || {
            lwm2m::opaque::encode(black_box(level_node), level_path)
                .unwrap()
                .len()
        }),
    );
    v
}
