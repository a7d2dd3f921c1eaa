//! Replays the cbor fuzz corpora through the fuzz bodies.
// The body module is written for the fuzz crate, where its functions are public API.
#![allow(unreachable_pub)]
#[path = "../../fuzz/src/cbor.rs"]
mod body;
mod common;
#[test]
fn lwm2m_cbor_decode() {
    assert!(common::replay("lwm2m_cbor_decode", body::lwm2m_cbor_decode) >= 10);
}
#[test]
fn cbor_decode() {
    assert!(common::replay("cbor_decode", body::single_decode) >= 10);
}
#[test]
fn lwm2m_cbor_roundtrip() {
    assert!(common::replay("lwm2m_cbor_roundtrip", body::roundtrip) >= 10);
}
