//! Structure-aware fuzz bodies: the fuzzer's bytes drive a generator of valid nodes (and, for
//! link format, of valid attribute sets and links); each body encodes what it generated and
//! checks that decoding the bytes gives it back exactly.
//!
//! Where the byte-level round-trip bodies start from hostile bytes and can only reach the
//! encoders through what the decoders accept, these start from the data model, so every encoder
//! sees every data type, every level, extreme numbers, long strings and odd ids.
// Included with `#[path]` by `benches/tests/fuzz_nodes.rs`, where these items are not exported.
#![allow(unreachable_pub)]

use std::sync::OnceLock;

use lwm2m_link::{AttrName, AttrSet, NotificationAttributes, WriteAttributes, Writer};
use lwm2m_types::{
    Bytes, DataType, IdMap, Node, Object, ObjectInstance, ObjectLink, ObjectModel, Path, Resource,
    ResourceInstance, ResourceModel, Value,
};

/// The object every generated node belongs to.
const OID: u16 = 100;

/// Resources of [`OID`]: 18 ids, one single and one multiple resource of every data type.
const RESOURCES: u16 = 18;

fn models() -> &'static [ObjectModel] {
    static MODELS: OnceLock<Vec<ObjectModel>> = OnceLock::new();
    MODELS.get_or_init(|| {
        let mut o = ObjectModel::new(OID, "generated");
        o.multiple = true;
        o.resources = (0..RESOURCES)
            .map(|r| {
                let mut m = ResourceModel::new(r, "r", data_type(r));
                m.multiple = r >= 9;
                m
            })
            .collect::<Vec<_>>()
            .into();
        vec![o]
    })
}

/// The data type of resource `rid`: resources `r` and `r + 9` (`r` in 0..9) have the `r`-th
/// type of [`DataType::ALL`], which ends with `None`, the one type without a value. Resources
/// `0..9` are single and `9..18` multiple.
fn data_type(rid: u16) -> DataType {
    DataType::ALL[usize::from(rid % 9)]
}

/// What a format can carry, so that the generator only makes nodes that must round-trip.
#[derive(Clone, Copy)]
struct Caps {
    /// A node at `/` (TLV has no root level).
    root: bool,
    /// Objects without instances, instances without resources, multiple resources without
    /// instances (SenML has no record for them).
    empty: bool,
    /// Infinite floats (JSON has no literal for them).
    infinite: bool,
}

const TLV: Caps = Caps {
    root: false,
    empty: true,
    infinite: true,
};
const SENML: Caps = Caps {
    root: true,
    empty: false,
    infinite: false,
};
const SENML_CBOR: Caps = Caps {
    root: true,
    empty: false,
    infinite: true,
};
const LWM2M_CBOR: Caps = Caps {
    root: true,
    empty: true,
    infinite: true,
};

/// Reads the fuzzer's bytes as choices; past the end every choice is 0.
struct Gen<'a> {
    data: &'a [u8],
}

impl<'a> Gen<'a> {
    fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }

    /// `0..n`, for `n` in 1..=256.
    fn below(&mut self, n: usize) -> usize {
        usize::from(self.u8()) % n
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    fn u64(&mut self) -> u64 {
        // A width first, so small and large numbers are both common.
        let width = self.below(9);
        let mut v = 0u64;
        for k in 0..width {
            v |= u64::from(self.u8()) << (8 * k);
        }
        v
    }

    fn i64(&mut self) -> i64 {
        let v = self.u64();
        // Sign-extend from the width the bytes gave, so small negative numbers are common.
        if self.bool() { !(v as i64) } else { v as i64 }
    }

    /// An id in 0..=65534, usually small.
    fn id(&mut self) -> u16 {
        if self.below(4) == 0 {
            self.u16() % 65535
        } else {
            u16::from(self.u8() % 8)
        }
    }

    fn bytes(&mut self) -> &'a [u8] {
        let n = match self.below(16) {
            // Now and then a long one: 2000-byte strings are a peer's known failure.
            0 => usize::from(self.u16() % 2048),
            _ => self.below(24),
        };
        let n = n.min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        head
    }

    fn string(&mut self) -> String {
        String::from_utf8_lossy(self.bytes()).into_owned()
    }

    fn float(&mut self, caps: Caps) -> f64 {
        let f = match self.below(4) {
            0 => f64::from(f32::from_bits(self.u64() as u32)),
            1 => self.i64() as f64 / 4.0,
            _ => f64::from_bits(self.u64()),
        };
        if f.is_nan() || (f.is_infinite() && !caps.infinite) {
            0.5
        } else {
            f
        }
    }

    fn value(&mut self, dt: DataType, caps: Caps) -> Value {
        match dt {
            DataType::String => Value::String(self.string()),
            DataType::Corelnk => Value::CoreLink(self.string()),
            DataType::Integer => Value::Integer(self.i64()),
            DataType::UnsignedInteger => Value::UnsignedInteger(self.u64()),
            DataType::Float => Value::Float(self.float(caps)),
            DataType::Boolean => Value::Boolean(self.bool()),
            DataType::Time => Value::Time(self.i64()),
            DataType::Objlnk => Value::ObjectLink(ObjectLink::new(self.u16(), self.u16())),
            _ => Value::Opaque(Bytes::copy_from_slice(self.bytes())),
        }
    }

    /// Up to `max` items, at least one unless the format can carry empty containers.
    fn count(&mut self, max: usize, caps: Caps) -> usize {
        let n = self.below(max + 1);
        if caps.empty { n } else { n.max(1) }
    }

    fn resource(&mut self, rid: u16, caps: Caps) -> Resource {
        let dt = data_type(rid);
        if rid < 9 {
            return Resource::Single {
                id: rid,
                value: self.value(dt, caps),
            };
        }
        let mut instances = IdMap::new();
        for _ in 0..self.count(4, caps) {
            let id = self.id();
            let value = self.value(dt, caps);
            instances.insert(ResourceInstance { id, value });
        }
        Resource::Multiple { id: rid, instances }
    }

    fn instance(&mut self, caps: Caps) -> ObjectInstance {
        let mut i = ObjectInstance::new(self.id());
        for _ in 0..self.count(6, caps) {
            let rid = self.below(usize::from(RESOURCES)) as u16;
            let r = self.resource(rid, caps);
            i.resources.insert(r);
        }
        i
    }

    fn object(&mut self, caps: Caps) -> Object {
        let mut o = Object::new(OID);
        for _ in 0..self.count(3, caps) {
            let i = self.instance(caps);
            o.instances.insert(i);
        }
        o
    }

    /// A node at a level the format carries, with its path.
    fn node(&mut self, caps: Caps) -> (Node, Path) {
        let level = self.below(5);
        let path = |ids: &[u16]| Path::new(ids).expect("generated ids are valid");
        match level {
            0 if caps.root => {
                let o = self.object(caps);
                let mut root = IdMap::new();
                if caps.empty && o.instances.is_empty() && self.bool() {
                    // An empty root.
                } else {
                    root.insert(o);
                }
                (Node::Root(root), Path::ROOT)
            }
            0 | 1 => (Node::Object(self.object(caps)), path(&[OID])),
            2 => {
                let i = self.instance(caps);
                let p = path(&[OID, i.id]);
                (Node::ObjectInstance(i), p)
            }
            3 => {
                let iid = self.id();
                let rid = self.below(usize::from(RESOURCES)) as u16;
                (
                    Node::Resource(self.resource(rid, caps)),
                    path(&[OID, iid, rid]),
                )
            }
            _ => {
                let (iid, ri) = (self.id(), self.id());
                let rid = 9 + self.below(9) as u16;
                let value = self.value(data_type(rid), caps);
                (
                    Node::ResourceInstance(ResourceInstance { id: ri, value }),
                    path(&[OID, iid, rid, ri]),
                )
            }
        }
    }
}

/// Panics with the node, the path and the bytes when a generated node does not come back.
fn check<E: std::fmt::Display>(
    format: &str,
    node: &Node,
    path: &Path,
    bytes: &[u8],
    back: Result<Node, E>,
) {
    match back {
        Ok(n) => assert_eq!(
            &n, node,
            "{format}: decode(encode(node)) differs at {path}; bytes {bytes:02x?}"
        ),
        Err(e) => panic!("{format}: encoded node does not decode at {path}: {e}; {node:?}"),
    }
}

/// TLV (11542): a generated node → encode → decode must give the node back.
pub fn tlv(data: &[u8]) {
    let (node, path) = Gen { data }.node(TLV);
    let bytes = lwm2m_tlv::encode(&node, &path).expect("a valid node encodes as TLV");
    check(
        "tlv",
        &node,
        &path,
        &bytes,
        lwm2m_tlv::decode(&bytes, &path, &models()),
    );
}

/// SenML JSON (110), SenML CBOR (112) and the LwM2M 1.0 JSON (11543), chosen by the first
/// byte.
pub fn senml(data: &[u8]) {
    let mut g = Gen { data };
    let format = g.below(3);
    let caps = if format == 1 { SENML_CBOR } else { SENML };
    let (node, path) = g.node(caps);
    let m = models();
    match format {
        0 => {
            let b = lwm2m_senml::json::encode(&node, &path).expect("encodes as SenML JSON");
            check(
                "senml-json",
                &node,
                &path,
                &b,
                lwm2m_senml::json::decode(&b, &path, &m),
            );
        }
        1 => {
            let b = lwm2m_senml::cbor::encode(&node, &path).expect("encodes as SenML CBOR");
            check(
                "senml-cbor",
                &node,
                &path,
                &b,
                lwm2m_senml::cbor::decode(&b, &path, &m),
            );
        }
        _ => {
            let b = lwm2m_senml::lwm2m_json::encode(&node, &path).expect("encodes as JSON");
            check(
                "lwm2m-json",
                &node,
                &path,
                &b,
                lwm2m_senml::lwm2m_json::decode(&b, &path, &m),
            );
        }
    }
}

/// LwM2M CBOR (11544) for a generated node, and single-value CBOR (60), plain text (0) and
/// opaque (42) for a generated resource value; the first byte chooses.
pub fn cbor(data: &[u8]) {
    let mut g = Gen { data };
    let m = models();
    if g.bool() {
        let (node, path) = g.node(LWM2M_CBOR);
        let b = lwm2m_cbor::encode(&node, &path).expect("a valid node encodes as LwM2M CBOR");
        check(
            "lwm2m-cbor",
            &node,
            &path,
            &b,
            lwm2m_cbor::decode(&b, &path, &m),
        );
        return;
    }
    // One value, at a single resource or a resource instance.
    let rid = g.below(usize::from(RESOURCES)) as u16;
    let iid = g.id();
    let value = g.value(data_type(rid), LWM2M_CBOR);
    let (node, path) = if rid < 9 {
        (
            Node::Resource(Resource::Single {
                id: rid,
                value: value.clone(),
            }),
            Path::new(&[OID, iid, rid]).expect("valid"),
        )
    } else {
        let ri = g.id();
        (
            Node::ResourceInstance(ResourceInstance {
                id: ri,
                value: value.clone(),
            }),
            Path::new(&[OID, iid, rid, ri]).expect("valid"),
        )
    };
    let b = lwm2m_cbor::single::encode(&node, &path).expect("a value encodes as CBOR (60)");
    check(
        "cbor",
        &node,
        &path,
        &b,
        lwm2m_cbor::single::decode(&b, &path, &m),
    );
    let b = lwm2m_types::opaque::encode(&node, &path).expect("a value encodes as opaque");
    check(
        "opaque",
        &node,
        &path,
        &b,
        lwm2m_types::opaque::decode(&b, &path, &m),
    );
    // Plain text carries every value (Opaque as base64) except non-finite floats, which its
    // encoder refuses.
    match lwm2m_types::text::encode(&node, &path) {
        Ok(b) => check(
            "text",
            &node,
            &path,
            &b,
            lwm2m_types::text::decode(&b, &path, &m),
        ),
        Err(e) => assert!(
            matches!(value, Value::Float(f) if !f.is_finite()),
            "text refuses {value:?}: {e}"
        ),
    }
}

const NOTIFICATION: [AttrName; 10] = [
    AttrName::Pmin,
    AttrName::Pmax,
    AttrName::Gt,
    AttrName::Lt,
    AttrName::St,
    AttrName::Epmin,
    AttrName::Epmax,
    AttrName::Edge,
    AttrName::Con,
    AttrName::Hqmax,
];

/// Link format (40): generated Write-Attributes → query string → parse must give them back
/// (or the one consistency error the set really has); generated links with quoted values
/// holding any text → written → parsed must give the same targets and unescaped values.
pub fn link(data: &[u8]) {
    let mut g = Gen { data };
    let mut set = NotificationAttributes::default();
    let mut clear = AttrSet::new();
    let caps = SENML;
    for name in NOTIFICATION {
        match g.below(3) {
            0 => {}
            1 => {
                clear.insert(name);
            }
            _ => match name {
                AttrName::Pmin => set.pmin = Some(g.u64() as u32),
                AttrName::Pmax => set.pmax = Some(g.u64() as u32),
                AttrName::Gt => set.gt = Some(g.float(caps)),
                AttrName::Lt => set.lt = Some(g.float(caps)),
                AttrName::St => set.st = Some(g.float(caps).abs()),
                AttrName::Epmin => set.epmin = Some(g.u64() as u32),
                AttrName::Epmax => set.epmax = Some(g.u64() as u32),
                AttrName::Edge => set.edge = Some(g.bool()),
                AttrName::Con => set.con = Some(g.bool()),
                _ => set.hqmax = Some(g.u64() as u32),
            },
        }
    }
    let wa = WriteAttributes { set, clear };
    let q = wa.to_query();
    match WriteAttributes::parse_query(q.as_bytes()) {
        Ok(back) => assert_eq!(back, wa, "write-attributes round trip of {q}"),
        Err(e) => assert!(
            matches!(e, lwm2m_link::Error::Rule { .. }),
            "{q} does not parse: {e}"
        ),
    }

    // Links: paths under OID with one quoted parameter of arbitrary text each.
    let mut links: Vec<(String, String)> = Vec::new();
    for _ in 0..g.below(6) {
        let mut target = format!("/{OID}");
        for _ in 0..g.below(4) {
            target.push_str(&format!("/{}", g.id()));
        }
        let text: String = g
            .string()
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        links.push((target, text));
    }
    let mut out = Vec::new();
    let mut w = Writer::new(&mut out);
    for (target, text) in &links {
        w.link(target)
            .expect("a path is a writable target")
            .attr_quoted("x", text)
            .expect("text without control characters is writable");
    }
    let parsed = lwm2m_link::parse(&out).expect("written links parse");
    assert_eq!(parsed.len(), links.len(), "link count");
    for (l, (target, text)) in parsed.iter().zip(&links) {
        assert_eq!(l.target(), target);
        let attrs: Vec<_> = l.attributes().collect();
        assert_eq!(attrs.len(), 1);
        assert_eq!(attrs[0].name, "x");
        assert_eq!(attrs[0].unescaped().as_deref(), Some(text.as_str()));
    }
}
