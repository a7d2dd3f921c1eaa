//! Fuzz bodies for the senml codec: SenML JSON, SenML CBOR and the LwM2M 1.0 JSON.
//!
//! Every body decodes at the records level and at the node level (with a small model and
//! without one); whatever decodes must encode, and decode again to the same content
//! (`decode(encode(decode(x))) == decode(x)`). The round-trip body also crosses formats: SenML
//! CBOR or JSON in, all three formats out.

use lwm2m_senml::{EncodeKind, Error, cbor, json, lwm2m_json};
use lwm2m_types::{
    Composite, DataType, ModelProvider, NoModel, Node, NodeBuilder, ObjectModel, Path, Record,
    ResourceModel, Timestamped, Value, base64,
};

/// Device (3), object 1024 and an object 9999 with one single (0..=8) and one multiple
/// (10..=18) resource of every data type.
fn model() -> Vec<ObjectModel> {
    fn res(id: u16, dt: DataType, multiple: bool) -> ResourceModel {
        let mut r = ResourceModel::new(id, "r", dt);
        r.multiple = multiple;
        r
    }
    // Every type with a value: all of DataType::ALL but the last, None.
    let types = &DataType::ALL[..9];
    let mut all: Vec<ResourceModel> = (0u16..)
        .zip(types)
        .map(|(i, &t)| res(i, t, false))
        .collect();
    all.extend((10u16..).zip(types).map(|(i, &t)| res(i, t, true)));
    let mut device = ObjectModel::new(3, "Device");
    device.resources = vec![
        res(0, DataType::String, false),
        res(6, DataType::Integer, true),
        res(7, DataType::Integer, true),
        res(9, DataType::Integer, false),
        res(13, DataType::Time, false),
    ]
    .into();
    let mut custom = ObjectModel::new(1024, "Custom");
    custom.resources = vec![
        res(0, DataType::String, false),
        res(1, DataType::Float, false),
        res(2, DataType::Boolean, false),
    ]
    .into();
    let mut every = ObjectModel::new(9999, "Every type");
    every.resources = all.into();
    vec![device, custom, every]
}

const PATHS: [&str; 6] = ["/", "/3", "/3/0", "/3/0/7", "/3/0/7/1", "/9999/0"];

/// Value equality across formats: NaN equals NaN; without a model a Time may come back as the
/// Integer it is written as, and (LwM2M 1.0 JSON) an Opaque as its base64 `sv` string and a
/// Corelnk as a String.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()) || x == y
        }
        (Value::Time(x), Value::Integer(y)) | (Value::Integer(x), Value::Time(y)) => x == y,
        (Value::Opaque(o), Value::String(s)) | (Value::String(s), Value::Opaque(o)) => {
            *s == base64::encode(o, base64::Alphabet::Standard)
        }
        (Value::CoreLink(x), Value::String(y)) | (Value::String(x), Value::CoreLink(y)) => x == y,
        _ => a == b,
    }
}

fn same_records(a: &[Record], b: &[Record]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.path == y.path && same_value(&x.value, &y.value))
}

fn same_node(a: &Node, b: &Node, path: &Path) -> bool {
    match (a.to_records(path), b.to_records(path)) {
        (Ok(x), Ok(y)) => same_records(&x, &y) && a.level() == b.level(),
        _ => false,
    }
}

fn same_composite(a: &Composite, b: &Composite) -> bool {
    a.entries.len() == b.entries.len()
        && a.entries
            .iter()
            .zip(&b.entries)
            .all(|((pa, na), (pb, nb))| {
                pa == pb
                    && match (na, nb) {
                        (None, None) => true,
                        (Some(x), Some(y)) => same_node(x, y, pa),
                        _ => false,
                    }
            })
}

/// Same snapshots, whatever their order (encoders write untimed snapshots first).
fn same_series(a: &Timestamped, b: &Timestamped) -> bool {
    let key = |t: Option<f64>| t.map(|t| if t == 0.0 { 0 } else { t.to_bits() });
    a.entries.len() == b.entries.len()
        && a.entries.iter().all(|e| {
            b.entries
                .iter()
                .any(|f| key(e.time) == key(f.time) && same_composite(&e.content, &f.content))
        })
}

/// JSON cannot carry NaN or infinity: that is the only encode error allowed.
fn json_encodable<T>(r: Result<T, Error>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(Error::Encode {
            kind: EncodeKind::NonFinite,
            ..
        }) => None,
        Err(e) => panic!("encode failed: {e}"),
    }
}

fn check_node_json(node: &Node, path: &Path, model: &impl ModelProvider) {
    if let Some(b) = json_encodable(json::encode(node, path)) {
        let back = json::decode(&b, path, model).expect("SenML JSON re-decode");
        assert!(
            same_node(node, &back, path),
            "SenML JSON node round trip at {path}"
        );
    }
    if let Some(b) = json_encodable(lwm2m_json::encode(node, path)) {
        let back = lwm2m_json::decode(&b, path, model).expect("LwM2M JSON re-decode");
        assert!(
            same_node(node, &back, path),
            "LwM2M JSON node round trip at {path}"
        );
    }
}

fn check_node_cbor(node: &Node, path: &Path, model: &impl ModelProvider) {
    let b = cbor::encode(node, path).expect("SenML CBOR encode");
    let back = cbor::decode(&b, path, model).expect("SenML CBOR re-decode");
    assert!(
        same_node(node, &back, path),
        "SenML CBOR node round trip at {path}"
    );
}

fn check_composite(c: &Composite, model: &impl ModelProvider) {
    let b = cbor::encode_composite(c).expect("SenML CBOR composite encode");
    let back = cbor::decode_composite(&b, model).expect("SenML CBOR composite re-decode");
    assert!(same_composite(c, &back), "SenML CBOR composite round trip");
    if let Some(b) = json_encodable(json::encode_composite(c)) {
        let back = json::decode_composite(&b, model).expect("SenML JSON composite re-decode");
        assert!(same_composite(c, &back), "SenML JSON composite round trip");
    }
}

fn check_series(t: &Timestamped, model: &impl ModelProvider) {
    let b = cbor::encode_timestamped(t).expect("SenML CBOR timestamped encode");
    let back = cbor::decode_timestamped(&b, model).expect("SenML CBOR timestamped re-decode");
    assert!(same_series(t, &back), "SenML CBOR timestamped round trip");
    if let Some(b) = json_encodable(json::encode_timestamped(t)) {
        let back = json::decode_timestamped(&b, model).expect("SenML JSON timestamped re-decode");
        assert!(same_series(t, &back), "SenML JSON timestamped round trip");
    }
    if let Some(b) = json_encodable(lwm2m_json::encode_timestamped(t)) {
        let back =
            lwm2m_json::decode_timestamped(&b, model).expect("LwM2M JSON timestamped re-decode");
        // The 1.0 JSON has no name-only records: compare only value content.
        let values_only = Timestamped {
            entries: t
                .entries
                .iter()
                .map(|e| lwm2m_types::TimestampedEntry {
                    time: e.time,
                    content: Composite {
                        entries: e
                            .content
                            .entries
                            .iter()
                            .filter(|(_, n)| n.is_some())
                            .map(|(p, n)| (*p, n.clone()))
                            .collect(),
                    },
                })
                .filter(|e| !e.content.is_empty())
                .collect(),
        };
        assert!(
            same_series(&values_only, &back),
            "LwM2M JSON timestamped round trip"
        );
    }
}

/// Types every record a reader yields; its first error must carry an offset inside the input.
fn walk_records<'a>(
    records: impl Iterator<Item = Result<lwm2m_senml::RecordRef<'a>, Error>>,
    len: usize,
    m: &[ObjectModel],
) {
    for r in records {
        match r {
            Ok(rec) => {
                let _ = rec.typed_value(&m);
            }
            Err(e) => {
                assert!(e.offset().is_some_and(|o| o <= len), "offset of {e:?}");
                break;
            }
        }
    }
}

/// The node that a reader's records make under `NodeBuilder`'s rules (the decoders' general
/// path); `None` at the first error or record without a value, or without any record.
fn node_from_records<'a>(
    records: impl Iterator<Item = Result<lwm2m_senml::RecordRef<'a>, Error>>,
    path: &Path,
    m: &impl ModelProvider,
) -> Option<Node> {
    let mut b = NodeBuilder::new(*path);
    let mut any = false;
    for r in records {
        let r = r.ok()?;
        b.push(r.path, r.typed_value(m).ok()??).ok()?;
        any = true;
    }
    if !any {
        return None;
    }
    b.finish().ok()
}

/// The node decoders, whatever shortcut they take, decode what the records make, and decode
/// whenever the records make a node (compared by debug form: NaN equals NaN).
fn check_against_records(decoded: &Result<Node, Error>, general: Option<Node>, path: &Path) {
    if let Some(g) = general {
        assert_eq!(
            format!("{decoded:?}"),
            format!("{:?}", Ok::<_, Error>(g)),
            "node decode and records differ at {path}"
        );
    }
}

/// SenML JSON: records, nodes at several paths, composite, timestamped.
pub fn json_decode(data: &[u8]) {
    let m = model();
    walk_records(json::Reader::new(data), data.len(), &m);
    for p in PATHS {
        let path: Path = p.parse().expect("path");
        let decoded = json::decode(data, &path, &m);
        check_against_records(
            &decoded,
            node_from_records(json::Reader::new(data), &path, &m),
            &path,
        );
        if let Ok(node) = decoded {
            check_node_json(&node, &path, &m);
            check_node_cbor(&node, &path, &m);
        }
        let decoded = json::decode(data, &path, &NoModel);
        check_against_records(
            &decoded,
            node_from_records(json::Reader::new(data), &path, &NoModel),
            &path,
        );
        if let Ok(node) = decoded {
            check_node_json(&node, &path, &NoModel);
        }
    }
    if let Ok(c) = json::decode_composite(data, &m) {
        check_composite(&c, &m);
    }
    if let Ok(t) = json::decode_timestamped(data, &m) {
        check_series(&t, &m);
    }
}

/// SenML CBOR: records, nodes at several paths, composite, timestamped.
pub fn cbor_decode(data: &[u8]) {
    let m = model();
    walk_records(cbor::Reader::new(data), data.len(), &m);
    for p in PATHS {
        let path: Path = p.parse().expect("path");
        let decoded = cbor::decode(data, &path, &m);
        check_against_records(
            &decoded,
            node_from_records(cbor::Reader::new(data), &path, &m),
            &path,
        );
        if let Ok(node) = decoded {
            check_node_cbor(&node, &path, &m);
        }
        let decoded = cbor::decode(data, &path, &NoModel);
        check_against_records(
            &decoded,
            node_from_records(cbor::Reader::new(data), &path, &NoModel),
            &path,
        );
        if let Ok(node) = decoded {
            check_node_cbor(&node, &path, &NoModel);
        }
    }
    if let Ok(c) = cbor::decode_composite(data, &m) {
        check_composite(&c, &m);
    }
    if let Ok(t) = cbor::decode_timestamped(data, &m) {
        check_series(&t, &m);
    }
}

/// The LwM2M 1.0 JSON: records, nodes at several paths, timestamped.
pub fn lwm2m_json_decode(data: &[u8]) {
    let m = model();
    walk_records(lwm2m_json::Reader::new(data), data.len(), &m);
    for p in PATHS {
        let path: Path = p.parse().expect("path");
        if let Ok(node) = lwm2m_json::decode(data, &path, &m) {
            check_node_json(&node, &path, &m);
            check_node_cbor(&node, &path, &m);
        }
    }
    if let Ok(t) = lwm2m_json::decode_timestamped(data, &m) {
        check_series(&t, &m);
    }
}

/// Decodes as SenML CBOR (else SenML JSON) at the root and re-encodes through all three formats,
/// each of which must decode back to the same values.
pub fn roundtrip(data: &[u8]) {
    let m = model();
    let root = Path::ROOT;
    let node = match cbor::decode(data, &root, &m) {
        Ok(n) => n,
        Err(_) => match json::decode(data, &root, &m) {
            Ok(n) => n,
            Err(_) => return,
        },
    };
    check_node_cbor(&node, &root, &m);
    check_node_json(&node, &root, &m);
    // Twice through every format is stable.
    let once = cbor::encode(&node, &root).expect("SenML CBOR encode");
    let again = cbor::encode(&cbor::decode(&once, &root, &m).expect("re-decode"), &root)
        .expect("re-encode");
    assert_eq!(once, again, "SenML CBOR encoding is not stable");
}
