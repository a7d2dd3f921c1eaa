//! Replays the link fuzz corpora through the fuzz bodies.
// The body module is written for the fuzz crate, where its functions are public API.
#![allow(unreachable_pub)]
#[path = "../../fuzz/src/link.rs"]
mod body;
mod common;
#[test]
fn link_decode() {
    assert!(common::replay("link_decode", body::decode) >= 10);
}
#[test]
fn link_roundtrip() {
    assert!(common::replay("link_roundtrip", body::roundtrip) >= 10);
}
