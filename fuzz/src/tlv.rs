//! Fuzz bodies for the tlv codec.
//!
//! Input layout for both bodies: the first byte chooses the request path (`sel % 8` indexes
//! [`PATHS`]) and whether the object models are used (`sel & 8 == 0`) or no model at all; the
//! rest is the TLV payload.
// `decode` and `roundtrip` are public for the fuzz binaries, not for the replay test's crate.
#![allow(unreachable_pub)]

use std::sync::OnceLock;

use lwm2m_tlv::{Entry, Error, Kind, Reader};
use lwm2m_types::{DataType, NoModel, Node, ObjectModel, Path, ResourceModel};

/// The request paths the selector byte chooses from.
const PATHS: [&str; 8] = [
    "/3", "/3/0", "/3/0/7", "/3/0/7/1", "/1", "/1/0", "/1/0/6", "/3/0/9",
];

fn models() -> &'static [ObjectModel] {
    static MODELS: OnceLock<Vec<ObjectModel>> = OnceLock::new();
    MODELS.get_or_init(|| {
        let r = |id, dt, multiple| {
            let mut m = ResourceModel::new(id, "r", dt);
            m.multiple = multiple;
            m
        };
        let mut device = ObjectModel::new(3, "Device");
        device.resources = vec![
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
        ]
        .into();
        let mut server = ObjectModel::new(1, "Server");
        server.multiple = true;
        server.resources = vec![
            r(0, DataType::Integer, false),
            r(1, DataType::Integer, false),
            r(6, DataType::Boolean, false),
            r(7, DataType::String, false),
        ]
        .into();
        vec![server, device]
    })
}

fn split(data: &[u8]) -> Option<(Path, bool, &[u8])> {
    let (&sel, payload) = data.split_first()?;
    let path = PATHS[usize::from(sel % 8)].parse().ok()?;
    Some((path, sel & 8 == 0, payload))
}

fn decode_at(payload: &[u8], path: &Path, with_model: bool) -> Result<Node, Error> {
    if with_model {
        lwm2m_tlv::decode(payload, path, &models())
    } else {
        lwm2m_tlv::decode(payload, path, &NoModel)
    }
}

/// Walks every entry with every typed accessor; checks the offsets the reader reports.
fn walk(reader: Reader<'_>, end: usize, depth: u8) {
    for e in reader {
        let Ok(e) = e else { return };
        assert!(e.offset() < e.value_offset() && e.value_offset() + e.value().len() <= end);
        touch(&e);
        if e.kind().is_nested() {
            assert!(depth < 2, "nesting deeper than tlv allows");
            let c = e.children().expect("nested kind has children");
            walk(c, e.value_offset() + e.value().len(), depth + 1);
        } else {
            assert!(e.children().is_err());
        }
    }
}

fn touch(e: &Entry<'_>) {
    let n = e.value().len();
    let nested = e.kind().is_nested();
    assert_eq!(e.as_i64().is_ok(), !nested && matches!(n, 1 | 2 | 4 | 8));
    assert_eq!(e.as_u64().is_ok(), !nested && matches!(n, 1 | 2 | 4 | 8));
    assert_eq!(e.as_time().is_ok(), !nested && matches!(n, 1 | 2 | 4 | 8));
    assert_eq!(e.as_f64().is_ok(), !nested && matches!(n, 4 | 8));
    assert_eq!(e.as_objlnk().is_ok(), !nested && n == 4);
    assert_eq!(e.as_bool().is_ok(), !nested && matches!(e.value(), [0 | 1]));
    let _ = e.as_str();
    let _ = e.as_corelnk();
    for dt in DataType::ALL {
        let _ = e.as_value(dt);
    }
    if e.kind() == Kind::Resource {
        assert_eq!(e.as_opaque(), Ok(e.value()));
    }
}

/// Decodes hostile bytes at the streaming and node level; nothing may panic, and the reader's
/// offsets and accessors must agree with the TLV rules.
pub fn decode(data: &[u8]) {
    let Some((path, with_model, payload)) = split(data) else {
        return;
    };
    walk(Reader::new(payload), payload.len(), 0);
    if let Err(e) = decode_at(payload, &path, with_model)
        && let Some(off) = e.offset()
    {
        assert!(off <= payload.len(), "error offset {off} past the end: {e}");
    }
}

/// `decode(encode(decode(x))) == decode(x)` whenever the first decode succeeds.
pub fn roundtrip(data: &[u8]) {
    let Some((path, with_model, payload)) = split(data) else {
        return;
    };
    let Ok(node) = decode_at(payload, &path, with_model) else {
        return;
    };
    let bytes = match lwm2m_tlv::encode(&node, &path) {
        Ok(b) => b,
        // Unsigned values may grow by a byte on re-encoding; only payloads near 16 MB can hit it.
        Err(Error::TooLong { .. }) => return,
        Err(e) => panic!("decoded node does not encode: {e}: {node:?}"),
    };
    let again = decode_at(&bytes, &path, with_model)
        .unwrap_or_else(|e| panic!("re-encoded bytes do not decode: {e}: {bytes:02x?}"));
    // Debug forms compare NaN values too.
    assert_eq!(
        format!("{again:?}"),
        format!("{node:?}"),
        "round trip changed the node"
    );
}
