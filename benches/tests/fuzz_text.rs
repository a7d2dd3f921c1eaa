//! Replays the text/opaque/path fuzz corpus through its fuzz body.
// The body module is written for the fuzz crate, where its functions are public API.
#![allow(unreachable_pub)]

mod common;

#[path = "../../fuzz/src/text.rs"]
mod body;

#[test]
fn text_decode() {
    assert!(common::replay("text_decode", body::decode) >= 25);
}
