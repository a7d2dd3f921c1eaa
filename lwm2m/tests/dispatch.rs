//! Decode/encode by content format, across codecs, with the bundled registry.

use lwm2m::{ContentFormat, Error, Node, Path, Registry, Resource, Value};

fn p(s: &str) -> Path {
    s.parse().unwrap()
}

/// The TS Device example `/3/0` as TLV (spec/tlv.md, Example 1).
const DEVICE_TLV: &str = include_str!("../../examples/device-3-0.tlv.hex");

fn unhex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
        .collect()
}

#[test]
fn tlv_device_example_through_the_facade() {
    let bytes = unhex(DEVICE_TLV);
    assert_eq!(bytes.len(), 121);
    let node = lwm2m::decode(ContentFormat::TLV, &bytes, &p("/3/0"), &Registry).unwrap();
    let Node::ObjectInstance(inst) = &node else {
        panic!("{node:?}")
    };
    assert_eq!(
        inst.resources.get(0).and_then(Resource::value),
        Some(&Value::from("Open Mobile Alliance"))
    );
    assert_eq!(
        inst.resources.get(13).and_then(Resource::value),
        Some(&Value::Time(1367491215))
    );
    assert_eq!(
        lwm2m::encode(ContentFormat::TLV, &node, &p("/3/0")).unwrap(),
        bytes
    );
    // The pre-IANA number 1542 is TLV too.
    assert_eq!(
        lwm2m::decode(ContentFormat::LEGACY_TLV, &bytes, &p("/3/0"), &Registry).unwrap(),
        node
    );
}

#[test]
fn single_values_move_between_text_opaque_and_tlv() {
    let path = p("/3/0/9");
    let node = lwm2m::decode(ContentFormat::TEXT, b"100", &path, &Registry).unwrap();
    let tlv = lwm2m::encode(ContentFormat::TLV, &node, &path).unwrap();
    assert_eq!(tlv, [0xC1, 0x09, 0x64]);
    let back = lwm2m::decode(ContentFormat::TLV, &tlv, &path, &Registry).unwrap();
    assert_eq!(
        lwm2m::encode(ContentFormat::TEXT, &back, &path).unwrap(),
        b"100"
    );
}

#[test]
fn errors_keep_the_codec_and_offset() {
    let err = lwm2m::decode(
        ContentFormat::TLV,
        &[0xC8, 0x00, 0x14, b'O'],
        &p("/3/0"),
        &Registry,
    )
    .unwrap_err();
    assert!(matches!(err, Error::Tlv(_)), "{err:?}");
    assert!(err.to_string().contains("truncated"), "{err}");
    assert!(err.offset().is_some(), "{err:?}");
    let err = lwm2m::decode(ContentFormat::from(9999), b"", &p("/"), &Registry).unwrap_err();
    assert_eq!(
        err.to_string(),
        "content format 9999 does not support decode"
    );
}

#[test]
fn device_example_survives_every_node_format() {
    let bytes = unhex(DEVICE_TLV);
    let path = p("/3/0");
    let node = lwm2m::decode(ContentFormat::TLV, &bytes, &path, &Registry).unwrap();
    for format in [
        ContentFormat::TLV,
        ContentFormat::SENML_JSON,
        ContentFormat::SENML_CBOR,
        ContentFormat::JSON,
        ContentFormat::LEGACY_JSON,
        ContentFormat::SENML_ETCH_JSON,
        ContentFormat::LWM2M_CBOR,
    ] {
        let encoded = lwm2m::encode(format, &node, &path).unwrap();
        let back = lwm2m::decode(format, &encoded, &path, &Registry).unwrap();
        assert_eq!(back, node, "{format}");
    }
    // The SenML CBOR bytes are the 196-byte TS/Wakaama vector (spec/senml.md, example A).
    let cbor = lwm2m::encode(ContentFormat::SENML_CBOR, &node, &path).unwrap();
    assert_eq!(cbor.len(), 196);
    assert_eq!(
        &cbor[..8],
        &[0x90, 0xA3, 0x21, 0x65, 0x2F, 0x33, 0x2F, 0x30]
    );
}

#[test]
fn composite_and_timestamped_dispatch() {
    let json = br#"[{"bn":"/3/0/","n":"9","v":100},{"bn":"/","n":"1/0/1","v":86400}]"#;
    let c = lwm2m::decode_composite(ContentFormat::SENML_JSON, json, &Registry).unwrap();
    assert_eq!(c.len(), 2);
    let cbor = lwm2m::encode_composite(ContentFormat::SENML_CBOR, &c).unwrap();
    assert_eq!(
        lwm2m::decode_composite(ContentFormat::SENML_CBOR, &cbor, &Registry).unwrap(),
        c
    );
    let series = lwm2m::decode_timestamped(
        ContentFormat::JSON,
        br#"{"bn":"/1024/0/1","e":[{"v":22.9,"t":-30},{"v":22.4,"t":-5}],"bt":25462634}"#,
        &lwm2m::NoModel,
    )
    .unwrap();
    assert_eq!(series.entries.len(), 2);
    for format in [
        ContentFormat::SENML_JSON,
        ContentFormat::SENML_CBOR,
        ContentFormat::JSON,
    ] {
        let bytes = lwm2m::encode_timestamped(format, &series).unwrap();
        assert_eq!(
            lwm2m::decode_timestamped(format, &bytes, &lwm2m::NoModel).unwrap(),
            series,
            "{format}"
        );
    }
    assert!(matches!(
        lwm2m::decode_composite(ContentFormat::TLV, b"", &Registry),
        Err(Error::Unsupported { .. })
    ));
}

#[test]
fn cbor_formats_through_the_facade() {
    // spec/lwm2m-cbor.md example 1: Read /3/0/9 as {[3, 0, 9]: 100}.
    let bytes = [0xA1, 0x83, 0x03, 0x00, 0x09, 0x18, 0x64];
    let node = lwm2m::decode(ContentFormat::LWM2M_CBOR, &bytes, &p("/3/0/9"), &Registry).unwrap();
    assert_eq!(
        node,
        Node::Resource(Resource::single(9, Value::Integer(100)))
    );
    assert_eq!(
        lwm2m::encode(ContentFormat::LWM2M_CBOR, &node, &p("/3/0/9")).unwrap(),
        bytes
    );
    // CBOR (60): Current Time as tag 1 + integer, as Leshan writes it.
    let time = Node::Resource(Resource::single(13, Value::Time(1367491215)));
    let cbor = lwm2m::encode(ContentFormat::CBOR, &time, &p("/3/0/13")).unwrap();
    assert_eq!(cbor, [0xC1, 0x1A, 0x51, 0x82, 0x42, 0x8F]);
    assert_eq!(
        lwm2m::decode(ContentFormat::CBOR, &cbor, &p("/3/0/13"), &Registry).unwrap(),
        time
    );
    // A composite through LwM2M CBOR.
    let json = br#"[{"bn":"/3/0/","n":"9","v":100},{"bn":"/","n":"1/0/1","v":86400}]"#;
    let c = lwm2m::decode_composite(ContentFormat::SENML_JSON, json, &Registry).unwrap();
    let cb = lwm2m::encode_composite(ContentFormat::LWM2M_CBOR, &c).unwrap();
    assert_eq!(
        lwm2m::decode_composite(ContentFormat::LWM2M_CBOR, &cb, &Registry).unwrap(),
        c
    );
}
