#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod dispatch;
mod error;

pub use dispatch::{decode, encode};
pub use error::Error;

pub use lwm2m_types as types;
pub use lwm2m_types::{
    Composite, ContentFormat, DataType, IdMap, Level, ModelProvider, NoModel, Node, NodeBuilder,
    Object, ObjectInstance, ObjectLink, ObjectModel, Path, Record, Resource, ResourceInstance,
    ResourceModel, Timestamped, TimestampedEntry, Value, ValueRef, base64, opaque, text,
};
