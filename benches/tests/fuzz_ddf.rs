//! Replays the ddf fuzz corpora through the fuzz bodies.
#[path = "../../fuzz/src/ddf.rs"]
mod body;
mod common;
#[test]
fn ddf_parse() {
    assert!(common::replay("ddf_parse", body::parse) >= 10);
}
