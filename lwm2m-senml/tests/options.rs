//! The run-time decode/encode options: the alternate path of `rt="oma.lwm2m"` registrations
//! (senml.md "Names") and the reception time for relative SenML times (senml.md "Time").

mod common;

use std::time::Duration;

use common::{hex, model, p, vector};
use lwm2m_senml::{Error, FieldKind, Options, RecordRef, cbor, json, lwm2m_json};
use lwm2m_types::{
    Composite, NoModel, Node, Object, ObjectInstance, Resource, Timestamped, TimestampedEntry,
    Value,
};

const LWM2M: Options<'static> = Options {
    alternate_path: Some("/lwm2m"),
    ..Options::DEFAULT
};

fn instance() -> Node {
    Node::ObjectInstance(
        ObjectInstance::new(0)
            .with(Resource::single(0, "Open Mobile Alliance"))
            .with(Resource::multiple(
                6,
                [(0, Value::Integer(1)), (1, Value::Integer(5))],
            ))
            .with(Resource::single(9, Value::Integer(95))),
    )
}

fn json_records<'a>(b: &'a [u8], o: &Options<'a>) -> Result<Vec<RecordRef<'a>>, Error> {
    json::Reader::with_options(b, o).collect()
}

fn cbor_records<'a>(b: &'a [u8], o: &Options<'a>) -> Result<Vec<RecordRef<'a>>, Error> {
    cbor::Reader::with_options(b, o).collect()
}

fn paths(recs: &[RecordRef<'_>]) -> Vec<String> {
    recs.iter().map(|r| r.path.to_string()).collect()
}

fn times(recs: &[RecordRef<'_>]) -> Vec<Option<f64>> {
    recs.iter().map(|r| r.time).collect()
}

// ---------------------------------------------------------------------------------------------
// Alternate path: decoding.

#[test]
fn alternate_path_is_stripped_from_resolved_names() {
    let b = br#"[{"bn":"/lwm2m/3/0/","n":"1","vs":"x"},{"n":"6/0","v":1},{"bn":"/lwm2m","n":"/3/0/9","v":95},{"bn":"/lw","n":"m2m/1/0/1","v":2},{"n":"m2m/","vb":true}]"#;
    let recs = json_records(b, &LWM2M).unwrap();
    assert_eq!(
        paths(&recs),
        ["/3/0/1", "/3/0/6/0", "/3/0/9", "/1/0/1", "/"]
    );
    // A trailing `/` on the prefix is the same prefix.
    let slash = Options::DEFAULT.with_alternate_path("/lwm2m/");
    assert_eq!(paths(&json_records(b, &slash).unwrap()), paths(&recs));
}

#[test]
fn the_prefix_alone_is_the_root() {
    let c = json::decode_composite_with(br#"[{"n":"/lwm2m"},{"n":"/lwm2m/1"}]"#, &NoModel, &LWM2M)
        .unwrap();
    assert_eq!(c.get(&p("/")), Some(None));
    assert_eq!(c.get(&p("/1")), Some(None));
    assert_eq!(c.entries.len(), 2);
}

#[test]
fn a_name_without_the_prefix_is_an_error_at_its_record() {
    for (b, offset) in [
        (&br#"[{"n":"/3/0/1","v":1}]"#[..], 1),
        (
            br#"[{"n":"/lwm2m/3/0/1","v":1},{"n":"/lwm2mx/3/0/1","v":1}]"#,
            28,
        ),
        (
            br#"[{"bn":"/lwm2m/","n":"3/0/1","v":1},{"bn":"/lw","n":"/3/0/1","v":1}]"#,
            36,
        ),
        (br#"[{"n":"/lwm","v":1}]"#, 1),
    ] {
        assert_eq!(
            json_records(b, &LWM2M).unwrap_err(),
            Error::Field {
                offset,
                label: "n",
                kind: FieldKind::MissingPrefix
            },
            "{}",
            String::from_utf8_lossy(b)
        );
    }
    // Without the option the prefixed name is simply not a path.
    assert!(matches!(
        json_records(br#"[{"n":"/lwm2m/3/0/1","v":1}]"#, &Options::DEFAULT),
        Err(Error::Name { offset: 1, .. })
    ));
    // After stripping, the rest must still be a path.
    assert!(matches!(
        json_records(br#"[{"n":"/lwm2m/3/x","v":1}]"#, &LWM2M),
        Err(Error::Name { offset: 1, .. })
    ));
}

#[test]
fn no_prefix_options() {
    let b = br#"[{"n":"/3/0/1","v":1}]"#;
    for prefix in ["", "/"] {
        let o = Options::DEFAULT.with_alternate_path(prefix);
        assert_eq!(paths(&json_records(b, &o).unwrap()), ["/3/0/1"]);
    }
}

#[test]
fn alternate_path_in_senml_cbor() {
    // [{-2: "/lwm2m/3/0/", 0: "9", 2: 95}, {0: "6/0", 2: 1}]
    let b = hex(
        "82 A3 21 6B 2F 6C 77 6D 32 6D 2F 33 2F 30 2F 00 61 39 02 18 5F A2 00 63 36 2F 30 02 01",
    );
    assert_eq!(
        paths(&cbor_records(&b, &LWM2M).unwrap()),
        ["/3/0/9", "/3/0/6/0"]
    );
    assert_eq!(
        cbor_records(&b, &Options::DEFAULT.with_alternate_path("/x")).unwrap_err(),
        Error::Field {
            offset: 1,
            label: "n",
            kind: FieldKind::MissingPrefix
        }
    );
}

#[test]
fn alternate_path_in_lwm2m_json() {
    let b = br#"{"bn":"/lwm2m/3/0/","e":[{"n":"9","v":95},{"n":"6/0","v":1}]}"#;
    let r: Vec<_> = lwm2m_json::Reader::with_options(b, &LWM2M)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(paths(&r), ["/3/0/9", "/3/0/6/0"]);
    // The 1.0 JSON's lenient missing leading `/` does not apply to the prefix.
    let e = lwm2m_json::decode_with(
        br#"{"bn":"lwm2m/3/0/","e":[{"n":"9","v":95}]}"#,
        &p("/3/0"),
        &NoModel,
        &LWM2M,
    )
    .unwrap_err();
    assert_eq!(
        e,
        Error::Field {
            offset: 24,
            label: "n",
            kind: FieldKind::MissingPrefix
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Alternate path: encoding (exact bytes) and round trips.

#[test]
fn encode_node_with_alternate_path() {
    let node = instance();
    let path = p("/3/0");
    let j = json::encode_with(&node, &path, &LWM2M).unwrap();
    assert_eq!(
        j,
        br#"[{"bn":"/lwm2m/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"6/0","v":1},{"n":"6/1","v":5},{"n":"9","v":95}]"#
    );
    let c = cbor::encode_with(&node, &path, &LWM2M).unwrap();
    let mut want = hex("84 A3 21 6B 2F 6C 77 6D 32 6D 2F 33 2F 30 2F 00 61 30 03 74");
    want.extend_from_slice(b"Open Mobile Alliance");
    want.extend(hex(
        "A2 00 63 36 2F 30 02 01 A2 00 63 36 2F 31 02 05 A2 00 61 39 02 18 5F",
    ));
    assert_eq!(c, want);
    let l = lwm2m_json::encode_with(&node, &path, &LWM2M).unwrap();
    assert_eq!(
        l,
        br#"{"bn":"/lwm2m/3/0/","e":[{"n":"0","sv":"Open Mobile Alliance"},{"n":"6/0","v":1},{"n":"6/1","v":5},{"n":"9","v":95}]}"#
    );
    let m = model();
    assert_eq!(json::decode_with(&j, &path, &m, &LWM2M).unwrap(), node);
    assert_eq!(cbor::decode_with(&c, &path, &m, &LWM2M).unwrap(), node);
    assert_eq!(
        lwm2m_json::decode_with(&l, &path, &m, &LWM2M).unwrap(),
        node
    );
    // Without the option the same node encodes as before.
    assert_eq!(
        json::encode_with(&node, &path, &Options::DEFAULT).unwrap(),
        json::encode(&node, &path).unwrap()
    );
}

#[test]
fn encode_leaf_and_root_with_alternate_path() {
    let leaf = Node::Resource(Resource::single(9, Value::Integer(95)));
    assert_eq!(
        json::encode_with(&leaf, &p("/3/0/9"), &LWM2M).unwrap(),
        br#"[{"bn":"/lwm2m/3/0/9","v":95}]"#
    );
    assert_eq!(
        cbor::encode_with(&leaf, &p("/3/0/9"), &LWM2M).unwrap(),
        hex("81 A2 21 6C 2F 6C 77 6D 32 6D 2F 33 2F 30 2F 39 02 18 5F")
    );
    let root = Node::Root(
        [Object {
            id: 3,
            instances: [ObjectInstance::new(0).with(Resource::single(9, Value::Integer(95)))]
                .into_iter()
                .collect(),
        }]
        .into_iter()
        .collect(),
    );
    let j = json::encode_with(&root, &p("/"), &LWM2M).unwrap();
    assert_eq!(j, br#"[{"bn":"/lwm2m/","n":"3/0/9","v":95}]"#);
    assert_eq!(
        json::decode_with(&j, &p("/"), &NoModel, &LWM2M).unwrap(),
        root
    );
}

#[test]
fn encode_composite_with_alternate_path() {
    let mut c = Composite::new();
    c.insert(p("/3/0/0"), None);
    c.insert(p("/3/0/9"), None);
    c.insert(p("/1/0/1"), None);
    c.insert(p("/"), None);
    let j = json::encode_composite_with(&c, &LWM2M).unwrap();
    assert_eq!(
        j,
        br#"[{"bn":"/lwm2m","n":"/"},{"n":"/1/0/1"},{"n":"/3/0/0"},{"n":"/3/0/9"}]"#
    );
    assert_eq!(
        json::decode_composite_with(&j, &NoModel, &LWM2M).unwrap(),
        c
    );
    let cb = cbor::encode_composite_with(&c, &LWM2M).unwrap();
    assert_eq!(
        cb,
        hex(
            "84 A2 21 66 2F 6C 77 6D 32 6D 00 61 2F A1 00 66 2F 31 2F 30 2F 31 \
             A1 00 66 2F 33 2F 30 2F 30 A1 00 66 2F 33 2F 30 2F 39"
        )
    );
    assert_eq!(
        cbor::decode_composite_with(&cb, &NoModel, &LWM2M).unwrap(),
        c
    );

    // Values, with an aggregate between two leaves: the base name goes back to the prefix.
    let mut v = Composite::new();
    v.insert(
        p("/1/0/1"),
        Some(Node::Resource(Resource::single(1, Value::Integer(86400)))),
    );
    v.insert(p("/3/0"), Some(instance()));
    v.insert(
        p("/4/0/2"),
        Some(Node::Resource(Resource::single(2, Value::Integer(7)))),
    );
    let j = json::encode_composite_with(&v, &LWM2M).unwrap();
    assert_eq!(
        j,
        br#"[{"bn":"/lwm2m","n":"/1/0/1","v":86400},{"bn":"/lwm2m/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"6/0","v":1},{"n":"6/1","v":5},{"n":"9","v":95},{"bn":"/lwm2m","n":"/4/0/2","v":7}]"#
    );
    let back = json::decode_composite_with(&j, &NoModel, &LWM2M).unwrap();
    assert_eq!(back.entries.len(), 6);
    assert_eq!(
        back.get(&p("/4/0/2")),
        Some(Some(&Node::Resource(Resource::single(
            2,
            Value::Integer(7)
        ))))
    );

    let mut d = Composite::new();
    d.insert(p("/3/0/7/1"), None);
    assert_eq!(
        json::encode_write_composite_with(&d, &LWM2M).unwrap(),
        br#"[{"bn":"/lwm2m","n":"/3/0/7/1","v":null}]"#
    );
    assert_eq!(
        cbor::encode_write_composite_with(&d, &LWM2M).unwrap(),
        hex("81 A3 21 66 2F 6C 77 6D 32 6D 00 68 2F 33 2F 30 2F 37 2F 31 02 F6")
    );
}

#[test]
fn encode_timestamped_with_alternate_path() {
    let mut c = Composite::new();
    c.insert(
        p("/1024/0/1"),
        Some(Node::Resource(Resource::single(1, Value::Float(22.9)))),
    );
    let ts = Timestamped {
        entries: vec![TimestampedEntry {
            time: Some(25462604.0),
            content: c,
        }],
    };
    assert_eq!(
        json::encode_timestamped_with(&ts, &LWM2M).unwrap(),
        br#"[{"bn":"/lwm2m","bt":25462604,"n":"/1024/0/1","v":22.9}]"#
    );
    let l = lwm2m_json::encode_timestamped_with(&ts, &LWM2M).unwrap();
    assert_eq!(
        l,
        br#"{"bn":"/lwm2m","e":[{"n":"/1024/0/1","v":22.9,"t":25462604}]}"#
    );
    assert_eq!(
        lwm2m_json::decode_timestamped_with(&l, &NoModel, &LWM2M).unwrap(),
        ts
    );
    let cb = cbor::encode_timestamped_with(&ts, &LWM2M).unwrap();
    assert_eq!(
        cbor::decode_timestamped_with(&cb, &NoModel, &LWM2M).unwrap(),
        ts
    );
}

#[test]
fn a_prefix_that_needs_json_escapes() {
    let o = Options::DEFAULT.with_alternate_path("/a\"b");
    let leaf = Node::Resource(Resource::single(9, Value::Integer(1)));
    let j = json::encode_with(&leaf, &p("/3/0/9"), &o).unwrap();
    assert_eq!(j, br#"[{"bn":"/a\"b/3/0/9","v":1}]"#);
    assert_eq!(
        json::decode_with(&j, &p("/3/0/9"), &NoModel, &o).unwrap(),
        leaf
    );
}

// ---------------------------------------------------------------------------------------------
// Reception time.

const NOW: Duration = Duration::from_secs(1_700_000_000);

#[test]
fn relative_times_become_absolute_with_a_clock() {
    // senml.md example B: three resolved times below 2^28.
    let b = common::compact_json(&vector("senml_b_history_72.json"));
    let raw = json_records(&b, &Options::DEFAULT).unwrap();
    assert_eq!(
        times(&raw),
        [Some(25462629.0), Some(25462604.0), Some(25462584.0)]
    );
    let clock = Options::DEFAULT.with_reception_time(NOW);
    let abs = json_records(&b, &clock).unwrap();
    assert_eq!(
        times(&abs),
        [
            Some(1_725_462_629.0),
            Some(1_725_462_604.0),
            Some(1_725_462_584.0)
        ]
    );
    // The same in SenML CBOR, and at the node level.
    let cb = vector("senml_b_history_72.cbor.hex");
    assert_eq!(times(&cbor_records(&cb, &clock).unwrap()), times(&abs));
    let ts = json::decode_timestamped_with(&b, &model(), &clock).unwrap();
    assert_eq!(
        ts.entries.iter().map(|e| e.time).collect::<Vec<_>>(),
        times(&abs)
    );
    let ts = cbor::decode_timestamped_with(&cb, &model(), &clock).unwrap();
    assert_eq!(ts.entries[2].time, Some(1_725_462_584.0));
    // Without a clock decode_timestamped keeps the raw numbers.
    let ts = json::decode_timestamped(&b, &model()).unwrap();
    assert_eq!(ts.entries[0].time, Some(25462629.0));
}

#[test]
fn fractions_zero_and_future_with_a_clock() {
    let clock = Options::DEFAULT.with_reception_time(Duration::from_millis(1_700_000_000_250));
    let b = br#"[{"n":"/3/0/9","v":1,"t":0},{"n":"/3/0/9","v":2,"t":-1.5},{"n":"/3/0/9","v":3,"t":60},{"n":"/3/0/9","v":4,"t":268435455},{"n":"/3/0/9","v":5,"t":268435456},{"n":"/3/0/9","v":6}]"#;
    assert_eq!(
        times(&json_records(b, &clock).unwrap()),
        [
            Some(1_700_000_000.25),
            Some(1_699_999_998.75),
            Some(1_700_000_060.25),
            Some(1_968_435_455.25),
            Some(268_435_456.0),
            None
        ]
    );
}

#[test]
fn absolute_times_are_unchanged_by_a_clock() {
    // senml.md example I (Leshan's decimal-fraction base times, all at or above 2^28).
    let cb = vector("senml_i_leshan_send.cbor.hex");
    let clock = Options::DEFAULT.with_reception_time(NOW);
    let a = cbor::decode_timestamped_with(&cb, &model(), &clock).unwrap();
    let b = cbor::decode_timestamped(&cb, &model()).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        a.entries.iter().map(|e| e.time).collect::<Vec<_>>(),
        [Some(500000004.0), Some(500000005.0), Some(500000006.0)]
    );
}

#[test]
fn overflowing_times_with_a_clock() {
    let clock = Options::DEFAULT.with_reception_time(NOW);
    // bt + t overflows: the same error with or without a clock, at the `t`.
    let b = br#"[{"bn":"/3/0/9","bt":-1e308,"v":1,"t":-1e308}]"#;
    let want = Error::Field {
        offset: 38,
        label: "t",
        kind: FieldKind::OutOfRange,
    };
    assert_eq!(json_records(b, &clock).unwrap_err(), want);
    assert_eq!(json_records(b, &Options::DEFAULT).unwrap_err(), want);
    // A base time beyond f64: the number itself is out of range.
    let b = br#"[{"bn":"/3/0/9","bt":-1e400,"v":1}]"#;
    assert_eq!(
        json_records(b, &clock).unwrap_err(),
        Error::Field {
            offset: 21,
            label: "bt",
            kind: FieldKind::OutOfRange
        }
    );
    // A huge negative base time is relative: far in the past, still finite.
    let b = br#"[{"bn":"/3/0/9","bt":-1.7976931348623157e308,"v":1}]"#;
    assert_eq!(
        times(&json_records(b, &clock).unwrap()),
        [Some(-1.7976931348623157e308 + 1.7e9)]
    );
    // A huge positive base time is absolute and kept.
    let b = br#"[{"bn":"/3/0/9","bt":1.7976931348623157e308,"v":1}]"#;
    assert_eq!(times(&json_records(b, &clock).unwrap()), [Some(f64::MAX)]);
    // In CBOR: {-2: "/3/0/9", -3: -1.0e308 (double), 2: 1, 6: -1.0e308}
    let mut cb = hex("81 A4 21 66 2F 33 2F 30 2F 39 22 FB");
    cb.extend((-1e308f64).to_bits().to_be_bytes());
    cb.extend(hex("02 01 06 FB"));
    cb.extend((-1e308f64).to_bits().to_be_bytes());
    assert_eq!(
        cbor_records(&cb, &clock).unwrap_err(),
        Error::Field {
            offset: 23,
            label: "t",
            kind: FieldKind::OutOfRange
        }
    );
}

#[test]
fn lwm2m_json_has_no_relative_times() {
    let b = br#"{"bn":"/1024/0/1","e":[{"v":22.9,"t":-30}],"bt":25462634}"#;
    let clock = Options::DEFAULT.with_reception_time(NOW);
    let ts = lwm2m_json::decode_timestamped_with(b, &NoModel, &clock).unwrap();
    assert_eq!(ts.entries[0].time, Some(25462604.0));
}

#[test]
fn both_options_together() {
    let o = Options::DEFAULT
        .with_alternate_path("/lwm2m")
        .with_reception_time(NOW);
    let r = json_records(br#"[{"bn":"/lwm2m/72/0/","n":"1","v":22.4,"t":-5}]"#, &o).unwrap();
    assert_eq!(paths(&r), ["/72/0/1"]);
    assert_eq!(times(&r), [Some(1_699_999_995.0)]);
}
