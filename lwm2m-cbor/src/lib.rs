#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod error;
mod leaf;
pub mod raw;
pub mod single;
mod tree;

pub use error::{Error, Malformed};
pub use leaf::{Chunks, Leaf, TimeForm, parse_rfc3339};
pub use tree::{
    DecodeOptions, EncodeOptions, Entry, EntryKind, Reader, Writer, decode, decode_composite,
    decode_composite_with, decode_with, encode, encode_composite, encode_composite_with,
    encode_with,
};
