//! Replays the structure-aware fuzz corpora (generated node → encode → decode must equal)
//! through their bodies.
// The body module is written for the fuzz crate, where its functions are public API.
#![allow(unreachable_pub)]
#[path = "../../fuzz/src/nodes.rs"]
mod body;
mod common;
#[test]
fn nodes_tlv() {
    assert!(common::replay("nodes_tlv", body::tlv) >= 10);
}
#[test]
fn nodes_senml() {
    assert!(common::replay("nodes_senml", body::senml) >= 10);
}
#[test]
fn nodes_cbor() {
    assert!(common::replay("nodes_cbor", body::cbor) >= 10);
}
#[test]
fn nodes_link() {
    assert!(common::replay("nodes_link", body::link) >= 10);
}
