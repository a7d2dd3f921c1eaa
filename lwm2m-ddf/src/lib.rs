#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod codegen;
mod error;
mod ident;
mod import;
mod parse;
mod range;
mod set;
mod validate;
mod write;

pub use codegen::{Builder, Typed};
pub use error::{Error, ErrorKind};
pub use ident::{to_camel_case, to_shouty_snake_case, to_snake_case};
pub use import::{FACTS_HEADER, import_facts};
pub use parse::{
    Limits, load_dir, load_dir_with, parse_bytes, parse_bytes_with, parse_file, parse_file_with,
    parse_str, parse_str_with,
};
pub use range::{parse_range, range_text};
pub use set::{ModelSet, load};
pub use validate::{Problem, urn_for, urn_matches, validate};
pub use write::{WriteOptions, to_xml};
