#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

pub mod cbor;
mod direct;
#[cfg(test)]
mod encode_diff;
mod error;
pub mod json;
mod json_lex;
pub mod lwm2m_json;
mod num;
mod record;

pub use error::{EncodeKind, Error, FieldKind, LimitKind, SyntaxKind};
pub use record::{FieldValue, Number, Options, RecordRef, WriteRecord, WriteValue};
