#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod dispatch;
mod error;

pub use dispatch::{
    decode, decode_composite, decode_timestamped, encode, encode_composite, encode_timestamped,
};
pub use error::Error;

pub use lwm2m_cbor as cbor;
pub use lwm2m_ddf as ddf;
pub use lwm2m_link as link;
pub use lwm2m_objects as objects;
pub use lwm2m_objects::Registry;
pub use lwm2m_senml as senml;
pub use lwm2m_tlv as tlv;
pub use lwm2m_types as types;
pub use lwm2m_types::{
    Chain, Composite, ContentFormat, DataType, IdMap, Level, ModelProvider, NoModel, Node,
    NodeBuilder, Object, ObjectInstance, ObjectLink, ObjectModel, Operations, Path, Record,
    Resource, ResourceInstance, ResourceModel, Timestamped, TimestampedEntry, Value, ValueRef,
    Version, base64, opaque, text,
};
