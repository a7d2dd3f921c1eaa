#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod base64;
mod content_format;
mod data_type;
mod error;
mod model;
mod node;
pub mod opaque;
mod path;
pub mod text;
mod value;

pub use bytes::Bytes;
pub use content_format::{ContentFormat, UnknownContentFormat};
pub use data_type::{DataType, UnknownDataType};
pub use error::{Error, PathErrorKind, Snippet, ValueErrorKind};
pub use model::{
    Chain, InvalidOperations, InvalidVersion, ModelCursor, ModelProvider, NoModel, ObjectModel,
    Operations, Range, ResourceModel, Version,
};
pub use node::{
    Composite, HasId, IdMap, Node, NodeBuilder, Object, ObjectInstance, Record, Resource,
    ResourceInstance, Timestamped, TimestampedEntry,
};
pub use path::{Level, MAX_ID, Path};
pub use value::{InvalidObjectLink, ObjectLink, Value, ValueRef};
