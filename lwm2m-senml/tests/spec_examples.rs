//! Every example of `senml.md` ("Examples" A–J) and of the LwM2M 1.0 JSON part of
//! `text-opaque-json.md`, decoded to the stated values and encoded back. The vectors are in
//! `tests/vectors/` (see its README for the source of each).

mod common;

use common::{compact_json, model, p, vector};
use lwm2m_senml::{Error, cbor, json, lwm2m_json};
use lwm2m_types::{
    Composite, IdMap, NoModel, Node, Object, ObjectInstance, ObjectLink, Resource,
    ResourceInstance, Timestamped, TimestampedEntry, Value,
};

fn device() -> ObjectInstance {
    ObjectInstance::new(0)
        .with(Resource::single(0, "Open Mobile Alliance"))
        .with(Resource::single(1, "Lightweight M2M Client"))
        .with(Resource::single(2, "345000123"))
        .with(Resource::single(3, "1.0"))
        .with(Resource::multiple(
            6,
            [(0, Value::Integer(1)), (1, Value::Integer(5))],
        ))
        .with(Resource::multiple(
            7,
            [(0, Value::Integer(3800)), (1, Value::Integer(5000))],
        ))
        .with(Resource::multiple(
            8,
            [(0, Value::Integer(125)), (1, Value::Integer(900))],
        ))
        .with(Resource::single(9, Value::Integer(100)))
        .with(Resource::single(10, Value::Integer(15)))
        .with(Resource::multiple(11, [(0, Value::Integer(0))]))
        .with(Resource::single(13, Value::Time(1367491215)))
        .with(Resource::single(14, "+02:00"))
        .with(Resource::single(16, "U"))
}

fn leaf(path: &str, value: Value) -> (lwm2m_types::Path, Option<Node>) {
    let path = p(path);
    let id = path.last_id().unwrap();
    let node = if path.len() == 4 {
        Node::ResourceInstance(ResourceInstance::new(id, value))
    } else {
        Node::Resource(Resource::single(id, value))
    };
    (path, Some(node))
}

fn composite<const N: usize>(entries: [(lwm2m_types::Path, Option<Node>); N]) -> Composite {
    Composite {
        entries: entries.into_iter().collect(),
    }
}

// --- A. Read /3/0 (TS 1.1 Table 7.4.4-2) -------------------------------------------------------

#[test]
fn a_device_decodes_in_both_formats() {
    let m = model();
    let want = Node::ObjectInstance(device());
    let j = vector("senml_a_device_read_3_0.json");
    let c = vector("senml_a_device_read_3_0.cbor.hex");
    assert_eq!(c.len(), 196);
    assert_eq!(json::decode(&j, &p("/3/0"), &m).unwrap(), want);
    assert_eq!(cbor::decode(&c, &p("/3/0"), &m).unwrap(), want);
    // Read of the object and of the root give the same instance inside.
    let obj = Node::Object(Object::new(3).with(device()));
    assert_eq!(json::decode(&j, &p("/3"), &m).unwrap(), obj);
    assert_eq!(
        cbor::decode(&c, &p("/"), &m).unwrap(),
        Node::Root(IdMap::try_from_iter([Object::new(3).with(device())]).unwrap())
    );
}

#[test]
fn a_device_encodes_to_the_exact_ts_bytes() {
    let node = Node::ObjectInstance(device());
    assert_eq!(
        cbor::encode(&node, &p("/3/0")).unwrap(),
        vector("senml_a_device_read_3_0.cbor.hex")
    );
    let j = json::encode(&node, &p("/3/0")).unwrap();
    assert_eq!(j, compact_json(&vector("senml_a_device_read_3_0.json")));
    assert_eq!(j.len(), 384);
}

#[test]
fn a_without_model_types_follow_the_fields() {
    let Node::ObjectInstance(i) = json::decode(
        &vector("senml_a_device_read_3_0.json"),
        &p("/3/0"),
        &NoModel,
    )
    .unwrap() else {
        panic!()
    };
    assert_eq!(
        i.resources.get(13).unwrap().value(),
        Some(&Value::Integer(1367491215))
    );
    assert_eq!(
        i.resources.get(14).unwrap().value(),
        Some(&Value::from("+02:00"))
    );
}

// --- B. Notification with historical values (TS 1.1 Table 7.4.4-3) -----------------------------

fn history_72() -> Timestamped {
    let snap = |t: f64, v: f64| TimestampedEntry {
        time: Some(t),
        content: composite([leaf("/72/1/2", Value::Float(v))]),
    };
    Timestamped {
        entries: vec![
            snap(25462629.0, 22.4),
            snap(25462604.0, 22.9),
            snap(25462584.0, 24.1),
        ],
    }
}

#[test]
fn b_history_decodes_to_three_snapshots() {
    let m = model();
    for ts in [
        json::decode_timestamped(&vector("senml_b_history_72.json"), &m).unwrap(),
        cbor::decode_timestamped(&vector("senml_b_history_72.cbor.hex"), &m).unwrap(),
        // Without a model the floats are floats anyway.
        cbor::decode_timestamped(&vector("senml_b_history_72.cbor.hex"), &NoModel).unwrap(),
    ] {
        assert_eq!(ts, history_72());
    }
}

#[test]
fn b_history_is_a_conflict_for_a_plain_decode() {
    let err =
        json::decode(&vector("senml_b_history_72.json"), &p("/72/1/2"), &model()).unwrap_err();
    assert!(
        matches!(err, Error::Node { error: lwm2m_types::Error::Conflict { path }, .. } if path == p("/72/1/2")),
        "{err:?}"
    );
}

#[test]
fn b_history_round_trips() {
    let m = model();
    let ts = history_72();
    let j = json::encode_timestamped(&ts).unwrap();
    assert_eq!(
        j,
        br#"[{"bt":25462629,"n":"/72/1/2","v":22.4},{"bt":25462604,"n":"/72/1/2","v":22.9},{"bt":25462584,"n":"/72/1/2","v":24.1}]"#
    );
    assert_eq!(json::decode_timestamped(&j, &m).unwrap(), ts);
    assert_eq!(
        cbor::decode_timestamped(&cbor::encode_timestamped(&ts).unwrap(), &m).unwrap(),
        ts
    );
}

// --- C. Object links (TS 1.1 Table 7.4.4-4, issue #484) ----------------------------------------

fn objlnk_root(space: bool) -> Node {
    let s = |a: &str, b: &str| {
        if space {
            format!("{a} {b}")
        } else {
            format!("{a}{b}")
        }
    };
    let l = |o, i| Value::ObjectLink(ObjectLink::new(o, i));
    let o65 = Object::new(65).with(
        ObjectInstance::new(0)
            .with(Resource::multiple(0, [(0, l(66, 0)), (1, l(66, 1))]))
            .with(Resource::single(1, "8613800755500"))
            .with(Resource::single(2, Value::Integer(1))),
    );
    let o66 = Object::new(66)
        .with(
            ObjectInstance::new(0)
                .with(Resource::single(0, s("myService", "1")))
                .with(Resource::single(1, "Internet.15.234"))
                .with(Resource::single(2, l(67, 0))),
        )
        .with(
            ObjectInstance::new(1)
                .with(Resource::single(0, s("myService", "2")))
                .with(Resource::single(1, "Internet.15.235"))
                .with(Resource::single(2, Value::ObjectLink(ObjectLink::NULL))),
        );
    let o67 = Object::new(67).with(
        ObjectInstance::new(0)
            .with(Resource::single(0, "85.76.76.84"))
            .with(Resource::single(1, "85.76.255.255")),
    );
    Node::Root(IdMap::try_from_iter([o65, o66, o67]).unwrap())
}

#[test]
fn c_object_links_decode_and_encode_exactly() {
    let m = model();
    let j = vector("senml_c_objlnk_root.json");
    assert_eq!(
        json::decode(&j, &lwm2m_types::Path::ROOT, &m).unwrap(),
        objlnk_root(false)
    );
    // `vlo` is typed by itself even without a model.
    assert_eq!(
        json::decode(&j, &lwm2m_types::Path::ROOT, &NoModel).unwrap(),
        objlnk_root(false)
    );
    assert_eq!(
        json::encode(&objlnk_root(false), &lwm2m_types::Path::ROOT).unwrap(),
        compact_json(&j)
    );
    let root = lwm2m_types::Path::ROOT;
    assert_eq!(
        cbor::decode(
            &cbor::encode(&objlnk_root(false), &root).unwrap(),
            &root,
            &m
        )
        .unwrap(),
        objlnk_root(false)
    );
}

#[test]
fn c_one_object_link_record() {
    let want = composite([leaf("/65/0/0/0", Value::ObjectLink(ObjectLink::new(66, 0)))]);
    let j = vector("senml_c_objlnk_one.json");
    let c = vector("senml_c_objlnk_one.cbor.hex");
    assert_eq!(json::decode_composite(&j, &model()).unwrap(), want);
    assert_eq!(cbor::decode_composite(&c, &model()).unwrap(), want);
    assert_eq!(json::encode_composite(&want).unwrap(), compact_json(&j));
    assert_eq!(cbor::encode_composite(&want).unwrap(), c);
    let node = Node::ResourceInstance(ResourceInstance::new(0, ObjectLink::new(66, 0)));
    assert_eq!(cbor::decode(&c, &p("/65/0/0/0"), &NoModel).unwrap(), node);
}

#[test]
fn c_leshan_objlnk_in_vs_when_the_model_says_objlnk() {
    let b = br#"[{"bn":"/66/0/","n":"2","vs":"67:0"}]"#;
    let want = Node::Resource(Resource::single(2, ObjectLink::new(67, 0)));
    assert_eq!(json::decode(b, &p("/66/0/2"), &model()).unwrap(), want);
    // Without a model it is the string it looks like.
    assert_eq!(
        json::decode(b, &p("/66/0/2"), &NoModel).unwrap(),
        Node::Resource(Resource::single(2, "67:0"))
    );
}

// --- D. Single resource (TS 1.1 Table 7.4.4-5) -------------------------------------------------

#[test]
fn d_single_resource() {
    let want = Node::Resource(Resource::single(0, "Open Mobile Alliance"));
    let j = vector("senml_d_single_3_0_0.json");
    let c = vector("senml_d_single_3_0_0.cbor.hex");
    assert_eq!(json::decode(&j, &p("/3/0/0"), &model()).unwrap(), want);
    assert_eq!(cbor::decode(&c, &p("/3/0/0"), &model()).unwrap(), want);
    assert_eq!(json::encode(&want, &p("/3/0/0")).unwrap(), compact_json(&j));
    assert_eq!(cbor::encode(&want, &p("/3/0/0")).unwrap(), c);
}

// --- E. Read-Composite (TS 1.1 Tables 7.4.4-6 and -7) ------------------------------------------

#[test]
fn e_read_composite_requests() {
    let m = model();
    let req = composite([
        (p("/3/0/0"), None),
        (p("/3/0/9"), None),
        (p("/1/0/1"), None),
    ]);
    for (json_file, cbor_file, want) in [
        (
            "senml_e_read_composite_request.json",
            "senml_e_read_composite_request.cbor.hex",
            req,
        ),
        (
            "senml_e_request_root.json",
            "senml_e_request_root.cbor.hex",
            composite([(p("/"), None)]),
        ),
        (
            "senml_e_request_3_0.json",
            "senml_e_request_3_0.cbor.hex",
            composite([(p("/3/0"), None)]),
        ),
    ] {
        let (j, c) = (vector(json_file), vector(cbor_file));
        assert_eq!(json::decode_composite(&j, &m).unwrap(), want, "{json_file}");
        assert_eq!(cbor::decode_composite(&c, &m).unwrap(), want, "{cbor_file}");
        let (ej, ec) = (
            json::encode_composite(&want).unwrap(),
            cbor::encode_composite(&want).unwrap(),
        );
        assert_eq!(json::decode_composite(&ej, &m).unwrap(), want);
        assert_eq!(cbor::decode_composite(&ec, &m).unwrap(), want);
        if want.len() == 1 {
            assert_eq!(ej, compact_json(&j));
            assert_eq!(ec, c);
        }
    }
}

#[test]
fn e_read_composite_response_both_name_styles() {
    let m = model();
    let want = composite([
        leaf("/3/0/0", Value::from("Open Mobile Alliance")),
        leaf("/3/0/9", Value::Integer(95)),
        leaf("/1/0/1", Value::Integer(86400)),
    ]);
    for f in [
        "senml_e_read_composite_response.json",
        "senml_e_read_composite_response_leshan.json",
    ] {
        assert_eq!(json::decode_composite(&vector(f), &m).unwrap(), want, "{f}");
    }
    assert_eq!(
        cbor::decode_composite(&vector("senml_e_read_composite_response.cbor.hex"), &m).unwrap(),
        want
    );
    // Our encoding (path order, full names in `n`) reads back the same.
    let ej = json::encode_composite(&want).unwrap();
    assert_eq!(
        ej,
        br#"[{"n":"/1/0/1","v":86400},{"n":"/3/0/0","vs":"Open Mobile Alliance"},{"n":"/3/0/9","v":95}]"#
    );
    assert_eq!(json::decode_composite(&ej, &m).unwrap(), want);
    assert_eq!(
        cbor::decode_composite(&cbor::encode_composite(&want).unwrap(), &m).unwrap(),
        want
    );
}

// --- F. Write-Composite (TS 1.1 Table 7.4.4-8) -------------------------------------------------

#[test]
fn f_write_composite() {
    let m = model();
    let want = composite([
        leaf("/3311/0/5850", Value::Boolean(false)),
        leaf("/3311/1/5850", Value::Boolean(false)),
        leaf("/3311/2/5851", Value::Integer(20)),
        leaf("/3308/0/5900", Value::Float(18.0)),
    ]);
    assert_eq!(
        json::decode_composite(&vector("senml_f_write_composite.json"), &m).unwrap(),
        want
    );
    assert_eq!(
        cbor::decode_composite(&vector("senml_f_write_composite.cbor.hex"), &m).unwrap(),
        want
    );
    assert_eq!(
        json::decode_composite(&json::encode_composite(&want).unwrap(), &m).unwrap(),
        want
    );
    let c = cbor::encode_composite(&want).unwrap();
    // 18.0 as a float: half precision `F9 4C 80`.
    assert!(c.windows(4).any(|w| w == [0x02, 0xf9, 0x4c, 0x80]));
    assert_eq!(cbor::decode_composite(&c, &m).unwrap(), want);
}

// --- G. LwM2M 1.2 Write-Composite delete (constructed) -----------------------------------------

#[test]
fn g_delete_resource_instance() {
    let want = composite([(p("/3/0/7/1"), None)]);
    let (j, c) = (
        vector("senml_g_delete_3_0_7_1.json"),
        vector("senml_g_delete_3_0_7_1.cbor.hex"),
    );
    assert_eq!(json::decode_composite(&j, &model()).unwrap(), want);
    assert_eq!(cbor::decode_composite(&c, &model()).unwrap(), want);
    assert_eq!(
        json::encode_write_composite(&want).unwrap(),
        compact_json(&j)
    );
    assert_eq!(cbor::encode_write_composite(&want).unwrap(), c);
}

// --- H. Opaque (Leshan vectors) ----------------------------------------------------------------

#[test]
fn h_opaque() {
    let want = Node::Resource(Resource::single(
        3,
        Value::Opaque(vec![0xab, 0xcd, 0xef].into()),
    ));
    let (j, c) = (
        vector("senml_h_opaque_0_0_3.json"),
        vector("senml_h_opaque_0_0_3.cbor.hex"),
    );
    for m in [&model()[..], &[][..]] {
        assert_eq!(json::decode(&j, &p("/0/0/3"), &m).unwrap(), want);
        assert_eq!(cbor::decode(&c, &p("/0/0/3"), &m).unwrap(), want);
    }
    assert_eq!(json::encode(&want, &p("/0/0/3")).unwrap(), compact_json(&j));
    assert_eq!(cbor::encode(&want, &p("/0/0/3")).unwrap(), c);
}

// --- I. Leshan timestamped Send with decimal-fraction base times -------------------------------

#[test]
fn i_leshan_send_with_tag4_times() {
    let m = model();
    let snap = |t: f64, path: &str, v: Value| TimestampedEntry {
        time: Some(t),
        content: composite([leaf(path, v)]),
    };
    let want = Timestamped {
        entries: vec![
            snap(500000004.0, "/0/0/0", Value::from("SampleString")),
            snap(500000005.0, "/0/0/1", Value::Boolean(false)),
            snap(500000006.0, "/0/0/2", Value::Integer(456)),
        ],
    };
    let c = vector("senml_i_leshan_send.cbor.hex");
    assert_eq!(cbor::decode_timestamped(&c, &m).unwrap(), want);
    let ours = cbor::encode_timestamped(&want).unwrap();
    assert_eq!(cbor::decode_timestamped(&ours, &m).unwrap(), want);
    assert_eq!(
        json::decode_timestamped(&json::encode_timestamped(&want).unwrap(), &m).unwrap(),
        want
    );
}

// --- J. Multiple-instance resource (Leshan) ----------------------------------------------------

#[test]
fn j_multiple_resource() {
    let want = Node::Resource(Resource::multiple(
        7,
        [(0, Value::Integer(3800)), (1, Value::Integer(5000))],
    ));
    let (j, c) = (
        vector("senml_j_multiple_3_0_7.json"),
        vector("senml_j_multiple_3_0_7.cbor.hex"),
    );
    assert_eq!(json::decode(&j, &p("/3/0/7"), &model()).unwrap(), want);
    assert_eq!(cbor::decode(&c, &p("/3/0/7"), &model()).unwrap(), want);
    assert_eq!(json::encode(&want, &p("/3/0/7")).unwrap(), compact_json(&j));
    assert_eq!(cbor::encode(&want, &p("/3/0/7")).unwrap(), c);
}

// --- Name resolution rules of senml.md --------------------------------------------------------

#[test]
fn names_resolve_by_plain_concatenation() {
    let m = model();
    // A split inside an id (Leshan test), and "/2/3" + "/0" (Wakaama test).
    let n = json::decode(br#"[{"bn":"/3/0/1","n":"1/0","v":7}]"#, &p("/3/0/11/0"), &m).unwrap();
    assert_eq!(
        n,
        Node::ResourceInstance(ResourceInstance::new(0, Value::Integer(7)))
    );
    let c = json::decode_composite(br#"[{"bn":"/2/3","n":"/0","v":1}]"#, &NoModel).unwrap();
    assert_eq!(c, composite([leaf("/2/3/0", Value::Integer(1))]));
    // All the equal ways of naming /3/0/0.
    for b in [
        &br#"[{"bn":"/3/0/","n":"0","vs":"x"}]"#[..],
        br#"[{"n":"/3/0/0","vs":"x"}]"#,
        br#"[{"bn":"/3/0/0","vs":"x"}]"#,
        br#"[{"bn":"/","n":"3/0/0","vs":"x"}]"#,
    ] {
        assert_eq!(
            json::decode(b, &p("/3/0/0"), &m).unwrap(),
            Node::Resource(Resource::single(0, "x"))
        );
    }
}

#[test]
fn empty_payloads_are_empty_nodes() {
    let m = model();
    let empty_multi = Node::Resource(Resource::Multiple {
        id: 7,
        instances: IdMap::new(),
    });
    for b in [&b""[..], b"[]", b" [ ] "] {
        assert_eq!(json::decode(b, &p("/3/0/7"), &m).unwrap(), empty_multi);
        assert_eq!(
            json::decode(b, &p("/3/0"), &m).unwrap(),
            Node::ObjectInstance(ObjectInstance::new(0))
        );
    }
    assert_eq!(
        cbor::decode(&[0x80], &p("/3/0/7"), &m).unwrap(),
        empty_multi
    );
    assert_eq!(cbor::decode(&[], &p("/3/0/7"), &m).unwrap(), empty_multi);
    assert_eq!(
        cbor::decode(&[0x9f, 0xff], &p("/3/0/7"), &m).unwrap(),
        empty_multi
    );
    assert_eq!(json::encode(&empty_multi, &p("/3/0/7")).unwrap(), b"[]");
    assert_eq!(cbor::encode(&empty_multi, &p("/3/0/7")).unwrap(), [0x80]);
    // A single resource needs its value.
    assert!(matches!(
        json::decode(b"[]", &p("/3/0/9"), &m),
        Err(Error::Node { offset: 2, .. })
    ));
}

// --- LwM2M 1.0 JSON (text-opaque-json.md) -------------------------------------------------------

#[test]
fn lwm2m_json_device_example() {
    let m = model();
    let b = vector("lwm2m_json_device_3_0.json");
    let want = Node::ObjectInstance(device());
    assert_eq!(lwm2m_json::decode(&b, &p("/3/0"), &m).unwrap(), want);
    assert_eq!(
        lwm2m_json::encode(&want, &p("/3/0")).unwrap(),
        compact_json(&b)
    );
    // The equivalent forms Leshan accepts.
    let single = Node::Resource(Resource::single(0, "Open Mobile Alliance"));
    for b in [
        &br#"{"bn":"/","e":[{"n":"3/0/0","sv":"Open Mobile Alliance"}]}"#[..],
        br#"{"e":[{"n":"/3/0/0","sv":"Open Mobile Alliance"}]}"#,
        br#"{"bn":"/3/0/0","e":[{"n":"","sv":"Open Mobile Alliance"}]}"#,
        br#"{"bn":"/3/0/0","e":[{"sv":"Open Mobile Alliance"}]}"#,
    ] {
        assert_eq!(lwm2m_json::decode(b, &p("/3/0/0"), &m).unwrap(), single);
    }
}

#[test]
fn lwm2m_json_history_example() {
    let m = model();
    let snap = |t: f64, v: f64| TimestampedEntry {
        time: Some(t),
        content: composite([leaf("/1024/0/1", Value::Float(v))]),
    };
    let want = Timestamped {
        entries: vec![
            snap(25462604.0, 22.9),
            snap(25462629.0, 22.4),
            snap(25462584.0, 24.1),
        ],
    };
    let b = vector("lwm2m_json_history_1024_0_1.json");
    assert_eq!(lwm2m_json::decode_timestamped(&b, &m).unwrap(), want);
    let ours = lwm2m_json::encode_timestamped(&want).unwrap();
    assert_eq!(lwm2m_json::decode_timestamped(&ours, &m).unwrap(), want);
}

#[test]
fn lwm2m_json_object_links_example() {
    let m = model();
    let b = vector("lwm2m_json_objlnk_root.json");
    let root = lwm2m_types::Path::ROOT;
    assert_eq!(
        lwm2m_json::decode(&b, &root, &m).unwrap(),
        objlnk_root(true)
    );
    assert_eq!(
        lwm2m_json::encode(&objlnk_root(true), &root).unwrap(),
        compact_json(&b)
    );
    // Leshan writes Objlnk in `sv`: read it when the model says Objlnk.
    let leshan = br#"{"bn":"/66/0/2","e":[{"sv":"67:0"}]}"#;
    assert_eq!(
        lwm2m_json::decode(leshan, &p("/66/0/2"), &m).unwrap(),
        Node::Resource(Resource::single(2, ObjectLink::new(67, 0)))
    );
}

#[test]
fn lwm2m_json_custom_object_example() {
    let m = model();
    let want = Node::ObjectInstance(
        ObjectInstance::new(0)
            .with(Resource::single(0, "a string"))
            .with(Resource::single(1, Value::Float(10.5)))
            .with(Resource::single(2, true)),
    );
    let b = vector("lwm2m_json_custom_1024_0.json");
    assert_eq!(lwm2m_json::decode(&b, &p("/1024/0"), &m).unwrap(), want);
    let ours = lwm2m_json::encode(&want, &p("/1024/0")).unwrap();
    assert_eq!(ours, br#"{"bn":"/1024/0/","e":[{"n":"0","sv":"a string"},{"n":"1","v":10.5},{"n":"2","bv":true}]}"#);
    assert_eq!(lwm2m_json::decode(&ours, &p("/1024/0"), &m).unwrap(), want);
}

#[test]
fn lwm2m_json_opaque_is_padded_standard_base64() {
    let node = Node::Resource(Resource::single(
        3,
        Value::Opaque(vec![1, 2, 3, 4, 5].into()),
    ));
    let b = lwm2m_json::encode(&node, &p("/0/0/3")).unwrap();
    assert_eq!(b, br#"{"bn":"/0/0/3","e":[{"sv":"AQIDBAU="}]}"#);
    assert_eq!(
        lwm2m_json::decode(&b, &p("/0/0/3"), &model()).unwrap(),
        node
    );
    assert_eq!(
        lwm2m_json::decode(br#"{"e":[]}"#, &p("/3/0"), &model()).unwrap(),
        Node::ObjectInstance(ObjectInstance::new(0))
    );
}

#[test]
fn record_order_does_not_matter() {
    // The decoder builds in-order packs directly and everything else through NodeBuilder: both
    // must give the same node.
    let m = model();
    let node = Node::ObjectInstance(device());
    let records = node.to_records(&p("/3/0")).unwrap();
    let mut reversed = Vec::new();
    {
        let mut w = json::Writer::new(&mut reversed);
        for r in records.iter().rev() {
            let name = r.path.to_string();
            w.record(&lwm2m_senml::WriteRecord::new(&name, r.value.as_ref()))
                .unwrap();
        }
        w.finish();
    }
    assert_eq!(json::decode(&reversed, &p("/3/0"), &m).unwrap(), node);
    assert_eq!(
        json::decode(&reversed, &p("/3"), &m).unwrap(),
        Node::Object(Object::new(3).with(device()))
    );
    let root = lwm2m_types::Path::ROOT;
    let in_order = json::encode(&node, &p("/3/0")).unwrap();
    assert_eq!(
        json::decode(&reversed, &root, &m).unwrap(),
        json::decode(&in_order, &root, &m).unwrap()
    );
}
