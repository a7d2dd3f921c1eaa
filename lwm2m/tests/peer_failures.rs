//! Inputs that crashed or confused peer implementations, through every format that can carry
//! them. Each must give a clear error (with a byte offset where the codec knows one) or the right
//! value, never a panic.

use lwm2m::{ContentFormat as F, Error, Node, Path, Registry, Resource, Value};

fn p(s: &str) -> Path {
    s.parse().unwrap()
}

fn refused(format: F, bytes: &[u8], path: &str) -> Error {
    match lwm2m::decode(format, bytes, &p(path), &Registry) {
        Err(e) => e,
        Ok(n) => panic!("{format} {path}: expected an error, got {n:?}"),
    }
}

#[test]
fn resource_followed_by_its_own_instance_and_the_reverse() {
    for json in [
        &br#"[{"n":"/3/0/7","v":1},{"n":"/3/0/7/0","v":2}]"#[..],
        &br#"[{"n":"/3/0/7/0","v":2},{"n":"/3/0/7","v":1}]"#[..],
    ] {
        let e = refused(F::SENML_JSON, json, "/3/0");
        assert!(matches!(e, Error::Senml(_)), "{e:?}");
        assert!(e.offset().is_some(), "{e:?}");
    }
    // The same in LwM2M CBOR: {[3, 0, 7]: 1, [3, 0, 7, 0]: 2}.
    let cbor = [
        0xA2, 0x83, 0x03, 0x00, 0x07, 0x01, 0x84, 0x03, 0x00, 0x07, 0x00, 0x02,
    ];
    let e = refused(F::LWM2M_CBOR, &cbor, "/3/0");
    assert!(matches!(e, Error::Cbor(_)) && e.offset().is_some(), "{e:?}");
}

#[test]
fn an_empty_cbor_text_label() {
    // [{"": 1, 0: "/3/0/9", 2: 100}]: an empty label names no SenML field; it is refused where it
    // stands rather than silently dropped.
    let bytes = [
        0x81, 0xA3, 0x60, 0x01, 0x00, 0x66, b'/', b'3', b'/', b'0', b'/', b'9', 0x02, 0x18, 0x64,
    ];
    let e = refused(F::SENML_CBOR, &bytes, "/3/0/9");
    assert!(matches!(e, Error::Senml(_)), "{e:?}");
    assert_eq!(e.offset(), Some(2), "{e}");
    // An empty text key in LwM2M CBOR is not a path id.
    let e = refused(F::LWM2M_CBOR, &[0xA1, 0x60, 0x01], "/3/0/9");
    assert!(matches!(e, Error::Cbor(_)), "{e:?}");
    assert_eq!(e.offset(), Some(1), "{e}");
}

#[test]
fn tlv_nested_100000_deep() {
    // 100 000 object-instance headers, each with a 24-bit length that covers all that follows.
    const N: usize = 100_000;
    let mut bytes = Vec::with_capacity(N * 5);
    for i in 0..N {
        let len = 5 * (N - 1 - i);
        bytes.extend_from_slice(&[0x18, 0x00, (len >> 16) as u8, (len >> 8) as u8, len as u8]);
    }
    let e = refused(F::TLV, &bytes, "/3");
    assert!(matches!(e, Error::Tlv(_)), "{e:?}");
    assert_eq!(e.offset(), Some(5), "{e}");
}

#[test]
fn tlv_6400_instances_decode() {
    let node = Node::Resource(Resource::multiple(
        7,
        (0..6400u16).map(|i| (i, Value::Integer(i64::from(i)))),
    ));
    let bytes = lwm2m::encode(F::TLV, &node, &p("/3/0/7")).unwrap();
    assert_eq!(
        lwm2m::decode(F::TLV, &bytes, &p("/3/0/7"), &Registry).unwrap(),
        node
    );
}

#[test]
fn a_2000_byte_string_through_every_encoder() {
    let s: String = "0123456789".repeat(200);
    let node = Node::Resource(Resource::single(0, s.as_str()));
    let path = p("/3/0/0");
    for f in [
        F::TEXT,
        F::OPAQUE,
        F::TLV,
        F::SENML_JSON,
        F::SENML_CBOR,
        F::JSON,
        F::LWM2M_CBOR,
        F::CBOR,
    ] {
        let bytes = lwm2m::encode(f, &node, &path).unwrap();
        assert!(bytes.len() >= 2000, "{f}");
        assert_eq!(
            lwm2m::decode(f, &bytes, &path, &Registry).unwrap(),
            node,
            "{f}"
        );
    }
}

#[test]
fn huge_declared_lengths_in_every_length_prefixed_form() {
    // TLV: a resource claiming 16 MiB - 1 bytes.
    let e = refused(F::TLV, &[0xD8, 0x00, 0xFF, 0xFF, 0xFF, b'x'], "/3/0/0");
    assert!(e.offset().is_some(), "{e:?}");
    // SenML CBOR: a name of 2^32 - 1 bytes.
    let e = refused(
        F::SENML_CBOR,
        &[0x81, 0xA1, 0x00, 0x7A, 0xFF, 0xFF, 0xFF, 0xFF, b'/'],
        "/3/0/0",
    );
    assert!(e.offset().is_some(), "{e:?}");
    // SenML CBOR: an array of 2^64 - 1 records.
    let e = refused(
        F::SENML_CBOR,
        &[0x9B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        "/3/0",
    );
    assert!(e.offset().is_some(), "{e:?}");
    // LwM2M CBOR: {[3, 0, 0]: text of 2^64 - 1 bytes}.
    let e = refused(
        F::LWM2M_CBOR,
        &[
            0xA1, 0x83, 0x03, 0x00, 0x00, 0x7B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        ],
        "/3/0/0",
    );
    assert!(e.offset().is_some(), "{e:?}");
    // LwM2M CBOR: a map of 2^32 - 1 pairs.
    let e = refused(
        F::LWM2M_CBOR,
        &[0xBA, 0xFF, 0xFF, 0xFF, 0xFF, 0x03],
        "/3/0/0",
    );
    assert!(e.offset().is_some(), "{e:?}");
    // CBOR (60): a byte string of 2^64 - 1 bytes for an Opaque resource.
    let e = refused(
        F::CBOR,
        &[0x5B, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        "/5/0/0",
    );
    assert!(e.offset().is_some(), "{e:?}");
}

#[test]
fn base_values_and_base_times_that_overflow() {
    // bt + t overflows f64 to infinity: no time can be that.
    let json = br#"[{"bt":1e308,"t":1e308,"n":"/3/0/9","v":1}]"#;
    let r = lwm2m::decode_timestamped(F::SENML_JSON, json, &Registry);
    assert!(r.is_err(), "{r:?}");
    // A base value would change every value (RFC 8428); LwM2M does not use it, so it is refused.
    let json = br#"[{"bv":1e308,"n":"/3/0/9","v":1e308}]"#;
    let e = refused(F::SENML_JSON, json, "/3/0/9");
    assert!(e.offset().is_some(), "{e:?}");
    // An integer resource given a number beyond i64.
    let json = br#"[{"n":"/3/0/9","v":9223372036854775808}]"#;
    let e = refused(F::SENML_JSON, json, "/3/0/9");
    assert!(e.offset().is_some(), "{e:?}");
}

#[test]
fn vb_t_is_not_json() {
    let e = refused(F::SENML_JSON, br#"[{"n":"/3/0/9","vb":t}]"#, "/3/0/9");
    assert_eq!(e.offset(), Some(20), "{e}");
}

#[test]
fn truncated_trailing_tlvs() {
    let hex = include_str!("../../examples/device-3-0.tlv.hex");
    let mut bytes: Vec<u8> = hex
        .split_whitespace()
        .map(|h| u8::from_str_radix(h, 16).unwrap())
        .collect();
    bytes.extend_from_slice(&[0xC8, 0x11]);
    let e = refused(F::TLV, &bytes, "/3/0");
    assert_eq!(e.offset(), Some(121), "{e}");
    // Cut inside the last TLV (Resource 16, `C1 10 55` at bytes 118..121).
    bytes.truncate(120);
    let e = refused(F::TLV, &bytes, "/3/0");
    assert_eq!(e.offset(), Some(118), "{e}");
}
