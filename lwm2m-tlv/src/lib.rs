#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod error;
mod fast;
mod node;
mod reader;
mod writer;

pub use error::Error;
pub use node::{Options, decode, decode_create, decode_with, encode, encode_to};
pub use reader::{Entry, Kind, Reader};
pub use writer::{MAX_LENGTH, Mark, Writer};

/// The CoAP content format number of TLV (`application/vnd.oma.lwm2m+tlv`).
pub const CONTENT_FORMAT: u16 = 11542;

/// The number pre-IANA LwM2M 1.0 implementations used for TLV.
pub const LEGACY_CONTENT_FORMAT: u16 = 1542;
