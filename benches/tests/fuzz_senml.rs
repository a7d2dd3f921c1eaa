//! Replays the senml fuzz corpora through the fuzz bodies.
#[allow(unreachable_pub)]
#[path = "../../fuzz/src/senml.rs"]
mod body;
#[allow(unreachable_pub)]
mod common;

#[test]
fn senml_json_decode() {
    assert!(common::replay("senml_json_decode", body::json_decode) >= 10);
}

#[test]
fn senml_cbor_decode() {
    assert!(common::replay("senml_cbor_decode", body::cbor_decode) >= 10);
}

#[test]
fn json_decode() {
    assert!(common::replay("json_decode", body::lwm2m_json_decode) >= 10);
}

#[test]
fn senml_roundtrip() {
    assert!(common::replay("senml_roundtrip", body::roundtrip) >= 10);
}
