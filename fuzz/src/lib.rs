//! The bodies of the fuzz targets, one module per codec.
//!
//! Each body decodes hostile bytes and checks what must hold (no panic, and for round-trip
//! bodies, `decode(encode(decode(x))) == decode(x)`). The binaries in `fuzz_targets/` call them;
//! the workspace test `benches/tests/fuzz_corpus.rs` replays every committed corpus through the
//! same bodies on stable Rust, so CI catches regressions without nightly.
//!
//! The modules use only the public APIs of the crates (no `crate::` paths), because the replay
//! test includes each file with `#[path]`.

pub mod cbor;
pub mod ddf;
pub mod link;
pub mod nodes;
pub mod senml;
pub mod text;
pub mod tlv;
