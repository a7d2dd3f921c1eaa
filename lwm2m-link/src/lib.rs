#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod attr;
mod check;
mod error;
mod fast;
mod reader;
mod scan;
mod views;
mod writer;

pub use attr::{AttrName, AttrSet, NotificationAttributes, Version, WriteAttributes};
pub use check::{Payload, Problem, check, check_as, check_with_model, to_json};
pub use error::{Error, Expected, Rule, Unclosed};
pub use reader::{
    AttrValue, Attribute, Attributes, Limits, Link, Options, Reader, parse, parse_with, unescape,
};
pub use views::{
    BootstrapDiscover, BootstrapEntry, Discover, DiscoverEntry, RegisteredLink, RegisteredObject,
    Registration,
};
pub use writer::Writer;
