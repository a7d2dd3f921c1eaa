//! The node decoder ([`decode_with`]) against the reference it replaced (a loop over
//! [`Reader`] entries): the same node or the same error, on every input.

use super::*;

use alloc::borrow::Cow;
use alloc::format;
use alloc::vec;

use lwm2m_types::NoModel;

/// The node decoder as it was before [`Walk`]: over [`Reader`] entries. Kept as the
/// reference that the tests compare [`decode_with`] with.
fn decode_with_entries(
    bytes: &[u8],
    path: &Path,
    model: &(impl ModelProvider + ?Sized),
    options: &DecodeOptions,
) -> Result<Node, Error> {
    let mut tree = Tree::default();
    let mut guard = Guard::default();
    let mut types = ModelCursor::new(model);
    for e in Reader::with_options(bytes, options) {
        let e = e?;
        let inside = within(e.ids(), path.ids());
        let conflict = || Error::Conflict {
            offset: e.key_offset,
            path: e.path(),
        };
        match e.kind {
            EntryKind::Map { len } if inside || within(path.ids(), e.ids()) => {
                guard.see(&e)?;
                tree.open(e.ids(), len).ok_or_else(conflict)?;
            }
            EntryKind::Empty if inside || within(path.ids(), e.ids()) => {
                guard.see(&e)?;
                tree.open(e.ids(), Some(0)).ok_or_else(conflict)?;
            }
            EntryKind::Value(leaf) if inside => {
                let dt = match *e.ids() {
                    [o, _, r, ..] => types.data_type(o, r),
                    _ => None,
                };
                let v = leaf_value(&leaf, &e, dt, options)?;
                tree.push(unpack(pack_le(e.ids())), e.ids().len(), v)
                    .ok_or_else(conflict)?;
            }
            _ => {
                return Err(Error::OutsidePath {
                    offset: e.key_offset,
                    request: *path,
                    path: e.path(),
                });
            }
        }
    }
    if guard.empties.is_empty()
        && let Some(instance) = tree.only_instance(path)
    {
        // Everything decoded lies in the requested instance: no need to build the tree above.
        guard.check(None)?;
        return cut_instance(instance, path);
    }
    let root = tree.finish();
    guard.check(Some(&root))?;
    cut(root, path)
}

fn device_model() -> lwm2m_types::ObjectModel {
    use lwm2m_types::{ObjectModel, ResourceModel};
    let r = |id, dt, multiple| {
        let mut m = ResourceModel::new(id, "r", dt);
        m.multiple = multiple;
        m
    };
    let mut o = ObjectModel::new(3, "Device");
    o.resources = Cow::Owned(vec![
        r(0, DataType::String, false),
        r(1, DataType::String, false),
        r(4, DataType::None, false),
        r(6, DataType::Integer, true),
        r(7, DataType::Integer, true),
        r(9, DataType::Integer, false),
        r(11, DataType::Integer, true),
        r(13, DataType::Time, false),
        r(17, DataType::UnsignedInteger, false),
        r(18, DataType::Float, false),
        r(19, DataType::Boolean, false),
        r(20, DataType::Opaque, false),
        r(21, DataType::Objlnk, true),
        r(22, DataType::Corelnk, false),
    ]);
    o
}

/// Payloads to start from: the Device instance, a composite-like spread, empty maps, indefinite
/// maps, array keys, duplicates.
fn seeds() -> Vec<Vec<u8>> {
    let device = Node::ObjectInstance(
        ObjectInstance::new(0)
            .with(Resource::single(0, "Open Mobile Alliance"))
            .with(Resource::single(1, "Lightweight M2M Client"))
            .with(Resource::multiple(
                6,
                [(0, Value::Integer(1)), (1, Value::Integer(5))],
            ))
            .with(Resource::single(9, Value::Integer(100)))
            .with(Resource::multiple(11, [(0, Value::Integer(0))]))
            .with(Resource::single(13, Value::Time(1_367_491_215)))
            .with(Resource::single(18, Value::Float(22.5)))
            .with(Resource::single(19, Value::Boolean(true)))
            .with(Resource::single(20, Value::Opaque(vec![1, 2, 3].into())))
            .with(Resource::multiple(
                21,
                [(0, Value::ObjectLink(lwm2m_types::ObjectLink::new(3, 0)))],
            )),
    );
    let mut v = vec![encode(&device, &"/3/0".parse().unwrap()).unwrap()];
    v.extend([
        // {3: {0: {9: 100, 6: {0: 1}}, 1: {}}, [1, 0, 1]: 86400}
        vec![
            0xA2, 0x03, 0xA2, 0x00, 0xA2, 0x09, 0x18, 0x64, 0x06, 0xA1, 0x00, 0x01, 0x01, 0xA0,
            0x83, 0x01, 0x00, 0x01, 0x1A, 0x00, 0x01, 0x51, 0x80,
        ],
        // {_ [3, 0]: {_ 9: 100, 11: {}}, 3: {0: {7: {1: 2}}}}
        vec![
            0xBF, 0x82, 0x03, 0x00, 0xBF, 0x09, 0x18, 0x64, 0x0B, 0xA0, 0xFF, 0x03, 0xA1, 0x00,
            0xA1, 0x07, 0xA1, 0x01, 0x02, 0xFF,
        ],
        // {[3, 0, 9]: 1, [3, 0]: {9: 2}, [3]: {0: {}}}
        vec![
            0xA3, 0x83, 0x03, 0x00, 0x09, 0x01, 0x82, 0x03, 0x00, 0xA1, 0x09, 0x02, 0x81, 0x03,
            0xA1, 0x00, 0xA0,
        ],
        // {[3, 0]: {6: {1: 1, 0: 2}, 6: {0: 3}}, 3: {}}
        vec![
            0xA2, 0x82, 0x03, 0x00, 0xA2, 0x06, 0xA2, 0x01, 0x01, 0x00, 0x02, 0x06, 0xA1, 0x00,
            0x03, 0x03, 0xA0,
        ],
        // {[3, 0, 0]: "a", [3, 0, 22]: "</1>", [3, 0, 17]: 5, [3, 0, 13]: 1(5)}
        vec![
            0xA4, 0x83, 0x03, 0x00, 0x00, 0x61, 0x61, 0x83, 0x03, 0x00, 0x16, 0x64, 0x3C, 0x2F,
            0x31, 0x3E, 0x83, 0x03, 0x00, 0x11, 0x05, 0x83, 0x03, 0x00, 0x0D, 0xC1, 0x05,
        ],
    ]);
    v
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    const BYTES: [u8; 16] = [
        0x00, 0x03, 0x17, 0x18, 0x19, 0x80, 0x82, 0x9F, 0xA0, 0xA1, 0xBF, 0xC1, 0xF6, 0xFF, 0x61,
        0x44,
    ];
    let mut v = seed.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if at < v.len() => v[at] = BYTES[rng.below(BYTES.len())],
            1 if at < v.len() => v[at] = rng.next() as u8,
            2 => v.insert(at, BYTES[rng.below(BYTES.len())]),
            3 if at < v.len() => {
                v.remove(at);
            }
            _ => v.truncate(at),
        }
    }
    v
}

fn corpus() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus");
    let mut out = Vec::new();
    for sub in ["lwm2m_cbor_decode", "lwm2m_cbor_roundtrip", "nodes_cbor"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for f in rd.flatten() {
            if let Ok(b) = std::fs::read(f.path()) {
                out.push(b);
            }
        }
    }
    out
}

fn same(bytes: &[u8]) {
    let model = device_model();
    let paths: [Path; 8] = [
        Path::ROOT,
        "/3".parse().unwrap(),
        "/3/0".parse().unwrap(),
        "/3/0/6".parse().unwrap(),
        "/3/0/6/1".parse().unwrap(),
        "/3/0/9".parse().unwrap(),
        "/1".parse().unwrap(),
        "/1/0/1".parse().unwrap(),
    ];
    for path in &paths {
        for options in [
            DecodeOptions::default(),
            DecodeOptions::default()
                .with_max_entries(5)
                .with_lenient_numbers(true),
        ] {
            // Compared by their debug form, in which NaN equals NaN.
            let new = format!("{:?}", decode_with(bytes, path, &model, &options));
            let old = format!("{:?}", decode_with_entries(bytes, path, &model, &options));
            assert_eq!(new, old, "{bytes:02X?} at {path}");
            let new = format!("{:?}", decode_with(bytes, path, &NoModel, &options));
            let old = format!("{:?}", decode_with_entries(bytes, path, &NoModel, &options));
            assert_eq!(new, old, "{bytes:02X?} at {path} without a model");
        }
    }
}

#[test]
fn walk_agrees_with_reader_on_seeds_and_mutations() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for seed in seeds() {
        same(&seed);
        for _ in 0..3000 {
            same(&mutate(&mut rng, &seed));
        }
    }
}

#[test]
fn walk_agrees_with_reader_on_the_fuzz_corpora() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for bytes in corpus() {
        same(&bytes);
        for _ in 0..4 {
            same(&mutate(&mut rng, &bytes));
        }
    }
}

/// The tree encoder ([`encode_with`]) against the writer it bypasses: the same bytes for every
/// node that the corpora and their mutations decode to, at every level.
#[test]
fn tree_encoder_agrees_with_the_writer() {
    let model = device_model();
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let mut inputs = corpus();
    for seed in seeds() {
        for _ in 0..500 {
            inputs.push(mutate(&mut rng, &seed));
        }
        inputs.push(seed);
    }
    let mut nodes = 0;
    for bytes in &inputs {
        let Ok(Node::Root(root)) = decode(bytes, &Path::ROOT, &model) else {
            continue;
        };
        let mut check = |node: Node, path: Path| {
            for time in [TimeForm::Integer, TimeForm::Tag1] {
                let options = EncodeOptions::default().with_time(time);
                assert_eq!(
                    encode_with(&node, &path, &options),
                    encode_items(&node, &path, &options),
                    "{node:?} at {path}"
                );
            }
            nodes += 1;
        };
        check(Node::Root(root.clone()), Path::ROOT);
        for o in root.iter() {
            let op = Path::new(&[o.id]).unwrap();
            check(Node::Object(o.clone()), op);
            for i in o.instances.iter() {
                let ip = op.child(i.id).unwrap();
                check(Node::ObjectInstance(i.clone()), ip);
                for r in i.resources.iter() {
                    let rp = ip.child(r.id()).unwrap();
                    check(Node::Resource(r.clone()), rp);
                    if let Resource::Multiple { instances, .. } = r {
                        for ri in instances.iter() {
                            check(Node::ResourceInstance(ri.clone()), rp.child(ri.id).unwrap());
                        }
                    }
                }
            }
        }
    }
    assert!(nodes > 1000, "only {nodes} nodes");
    // A reserved id takes the writer's error.
    let bad = Node::Object(Object::new(3).with(ObjectInstance::new(65535)));
    let path = Path::new(&[3]).unwrap();
    assert!(encode_with(&bad, &path, &EncodeOptions::default()).is_err());
    assert_eq!(
        encode_with(&bad, &path, &EncodeOptions::default()),
        encode_items(&bad, &path, &EncodeOptions::default())
    );
    // A node that does not fit its path.
    assert_eq!(
        encode_with(&bad, &Path::ROOT, &EncodeOptions::default()),
        encode_items(&bad, &Path::ROOT, &EncodeOptions::default())
    );
}
