//! Fuzz bodies for the cbor codec: LwM2M CBOR (11544) and single-value CBOR (60).
//!
//! `lwm2m_cbor_decode` and `roundtrip` take the whole input as an 11544 payload.
//! `single_decode` reads the first byte as a selector (`sel % 10` picks a data type from
//! [`TYPES`], 9 meaning "no model") and the rest as a CBOR (60) payload.

use std::sync::OnceLock;

use lwm2m_cbor::{
    EncodeOptions, EntryKind, Reader, TimeForm, decode, decode_composite, encode, encode_composite,
    encode_composite_with, encode_with, single,
};
use lwm2m_types::{DataType, NoModel, ObjectModel, Path, ResourceModel};

/// The data types the selector byte of `single_decode` chooses from: every type with a value
/// (all of [`DataType::ALL`] but the last, `None`).
const TYPES: &[DataType] = DataType::ALL.split_last().expect("not empty").1;

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

/// Decodes the input as LwM2M CBOR at the root, with and without models, as composite content,
/// and through the streaming reader; checks that the reader and the node decoder agree on
/// structural errors.
pub fn lwm2m_cbor_decode(data: &[u8]) {
    let with_model = decode(data, &Path::ROOT, models());
    let _ = decode(data, &Path::ROOT, &NoModel);
    let _ = decode_composite(data, models());
    let mut values = 0usize;
    let mut reader_error = None;
    for e in Reader::new(data) {
        match e {
            Ok(e) => {
                assert!(e.offset <= data.len() && e.key_offset < e.offset);
                if let EntryKind::Value(_) = e.kind {
                    assert!(
                        e.path().len() >= 3,
                        "leaf above resource level at {}",
                        e.path()
                    );
                    values += 1;
                }
            }
            Err(err) => {
                assert!(err.offset().is_some_and(|o| o <= data.len()), "{err:?}");
                reader_error = Some(err);
            }
        }
    }
    // A payload the reader rejects is rejected by the node decoder too.
    if reader_error.is_some() {
        assert!(with_model.is_err());
    }
    let _ = values;
    if let Ok(node) = &with_model {
        for p in ["/1", "/3", "/3/0"] {
            let _ = decode(data, &p.parse().unwrap(), models());
        }
        assert!(encode(node, &Path::ROOT).is_ok());
    }
}

/// Decodes the input as a CBOR (60) value of the type the first byte selects; a decoded value
/// must encode and decode back to itself.
pub fn single_decode(data: &[u8]) {
    let Some((&sel, payload)) = data.split_first() else {
        return;
    };
    let dt = TYPES.get(usize::from(sel % 10)).copied();
    let _ = single::read(payload);
    let _ = single::decode(payload, &"/3/0/13".parse().unwrap(), models());
    if let Ok(v) = single::decode_value(payload, dt) {
        let mut out = Vec::new();
        single::encode_value(v.as_ref(), &mut out);
        let again = single::decode_value(&out, Some(v.data_type())).expect("re-decode");
        // NaN is the one value that is not equal to itself.
        if !matches!(v, lwm2m_types::Value::Float(f) if f.is_nan()) {
            assert_eq!(again, v);
        }
    }
}

/// `decode(encode(decode(x))) == decode(x)` for nodes at the root and for composite content.
///
/// Time is written with tag 1 here: the default plain integer (Anjay's form) reads back as
/// Integer when no model knows the resource, while tag 1 is Time with or without a model.
pub fn roundtrip(data: &[u8]) {
    let tag1 = EncodeOptions::default().with_time(TimeForm::Tag1);
    if let Ok(node) = decode(data, &Path::ROOT, models()) {
        let bytes = encode_with(&node, &Path::ROOT, &tag1).expect("encode a decoded node");
        let again = decode(&bytes, &Path::ROOT, models()).expect("decode an encoded node");
        if !has_nan(&bytes) {
            assert_eq!(again, node);
        }
        assert_eq!(
            encode_with(&again, &Path::ROOT, &tag1).expect("encode again"),
            bytes
        );
        // The default form decodes too, to the same tree where the model knows every Time.
        let plain = encode(&node, &Path::ROOT).expect("encode with plain Time");
        assert!(decode(&plain, &Path::ROOT, models()).is_ok());
    }
    if let Ok(c) = decode_composite(data, models()) {
        let bytes = encode_composite_with(&c, &tag1).expect("encode decoded composite");
        let again = decode_composite(&bytes, models()).expect("decode encoded composite");
        if !has_nan(&bytes) {
            assert_eq!(again, c);
        }
        assert_eq!(
            encode_composite_with(&again, &tag1).expect("encode again"),
            bytes
        );
        assert!(encode_composite(&c).is_ok());
    }
}

/// Whether the bytes may hold a NaN (written as the half float `F9 7E 00`), which is never
/// equal to itself.
fn has_nan(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w == [0xF9, 0x7E, 0x00])
}
