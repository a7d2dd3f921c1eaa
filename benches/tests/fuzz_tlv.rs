//! Replays the tlv fuzz corpora through the fuzz bodies.
// The body module is written for the fuzz crate, where its functions are public API.
#![allow(unreachable_pub)]
#[path = "../../fuzz/src/tlv.rs"]
mod body;
mod common;
#[test]
fn tlv_decode() {
    assert!(common::replay("tlv_decode", body::decode) >= 10);
}
#[test]
fn tlv_roundtrip() {
    assert!(common::replay("tlv_roundtrip", body::roundtrip) >= 10);
}
