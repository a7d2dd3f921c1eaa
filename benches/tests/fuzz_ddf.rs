//! Replays the ddf fuzz corpora through the fuzz bodies.
// The body module is written for the fuzz crate, where its functions are public API.
#![allow(unreachable_pub)]
#[path = "../../fuzz/src/ddf.rs"]
mod body;
mod common;
#[test]
fn ddf_parse() {
    assert!(common::replay("ddf_parse", body::parse) >= 10);
}
