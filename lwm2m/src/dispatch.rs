//! Decode and encode by content format.
//!
//! | Content format | `decode`/`encode` | composite | timestamped |
//! | --- | --- | --- | --- |
//! | 0 plain text, 42 opaque | single resource or resource instance | – | – |
//! | 11542 TLV | every level but the root | – | – |
//! | 110 SenML JSON, 112 SenML CBOR (and SenML-ETCH 320/322) | every level | yes | yes |
//! | 11543 LwM2M 1.0 JSON | every level | – | yes |
//! | 11544 LwM2M CBOR | every level | yes | – |
//! | 60 CBOR | single resource or resource instance | – | – |
//!
//! The pre-IANA LwM2M 1.0 numbers (1541–1544) are read as their registered formats. Link format
//! (40) is not node content: use [`crate::link`].

use lwm2m_types::{Composite, ContentFormat, ModelProvider, Node, Path, Timestamped, opaque, text};

use crate::Error;

fn unsupported<T>(format: ContentFormat, operation: &'static str) -> Result<T, Error> {
    Err(Error::Unsupported { format, operation })
}

/// Decodes `bytes` of content format `format` for a request on `path`.
///
/// ```
/// use lwm2m::{ContentFormat, DataType, Node, ObjectModel, Resource, ResourceModel, Value};
/// let mut device = ObjectModel::new(3, "Device");
/// device.resources = vec![ResourceModel::new(9, "Battery Level", DataType::Integer)].into();
/// let path = "/3/0/9".parse()?;
/// let node = lwm2m::decode(ContentFormat::TEXT, b"100", &path, &device)?;
/// assert_eq!(node, Node::Resource(Resource::single(9, Value::Integer(100))));
/// assert_eq!(lwm2m::encode(ContentFormat::OPAQUE, &node, &path)?, [100]);
/// # Ok::<(), lwm2m::Error>(())
/// ```
pub fn decode(
    format: ContentFormat,
    bytes: &[u8],
    path: &Path,
    model: &impl ModelProvider,
) -> Result<Node, Error> {
    Ok(match format.canonical() {
        ContentFormat::TEXT => text::decode(bytes, path, model)?,
        ContentFormat::OPAQUE => opaque::decode(bytes, path, model)?,
        ContentFormat::TLV => lwm2m_tlv::decode(bytes, path, model)?,
        ContentFormat::SENML_JSON | ContentFormat::SENML_ETCH_JSON => {
            lwm2m_senml::json::decode(bytes, path, model)?
        }
        ContentFormat::SENML_CBOR | ContentFormat::SENML_ETCH_CBOR => {
            lwm2m_senml::cbor::decode(bytes, path, model)?
        }
        ContentFormat::JSON => lwm2m_senml::lwm2m_json::decode(bytes, path, model)?,
        ContentFormat::LWM2M_CBOR => lwm2m_cbor::decode(bytes, path, model)?,
        ContentFormat::CBOR => lwm2m_cbor::single::decode(bytes, path, model)?,
        _ => return unsupported(format, "decode"),
    })
}

/// Encodes `node`, which sits at `path`, in content format `format`.
///
/// ```
/// use lwm2m::{ContentFormat, Node, Resource, Value};
/// let node = Node::Resource(Resource::single(0, "Open Mobile Alliance"));
/// let bytes = lwm2m::encode(ContentFormat::TEXT, &node, &"/3/0/0".parse()?)?;
/// assert_eq!(bytes, b"Open Mobile Alliance");
/// let json = lwm2m::encode(ContentFormat::SENML_JSON, &node, &"/3/0/0".parse()?)?;
/// assert_eq!(json, br#"[{"bn":"/3/0/0","vs":"Open Mobile Alliance"}]"#);
/// # Ok::<(), lwm2m::Error>(())
/// ```
pub fn encode(format: ContentFormat, node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    Ok(match format.canonical() {
        ContentFormat::TEXT => text::encode(node, path)?,
        ContentFormat::OPAQUE => opaque::encode(node, path)?,
        ContentFormat::TLV => lwm2m_tlv::encode(node, path)?,
        ContentFormat::SENML_JSON | ContentFormat::SENML_ETCH_JSON => {
            lwm2m_senml::json::encode(node, path)?
        }
        ContentFormat::SENML_CBOR | ContentFormat::SENML_ETCH_CBOR => {
            lwm2m_senml::cbor::encode(node, path)?
        }
        ContentFormat::JSON => lwm2m_senml::lwm2m_json::encode(node, path)?,
        ContentFormat::LWM2M_CBOR => lwm2m_cbor::encode(node, path)?,
        ContentFormat::CBOR => lwm2m_cbor::single::encode(node, path)?,
        _ => return unsupported(format, "encode"),
    })
}

/// Decodes composite content: a Read-/Observe-Composite request (paths alone), their responses,
/// a Write-Composite or a Send.
///
/// ```
/// use lwm2m::{ContentFormat, Registry};
/// let c = lwm2m::decode_composite(ContentFormat::SENML_JSON, br#"[{"n":"/3/0/9"},{"n":"/1"}]"#, &Registry)?;
/// assert_eq!(c.paths().map(|p| p.to_string()).collect::<Vec<_>>(), ["/1", "/3/0/9"]);
/// # Ok::<(), lwm2m::Error>(())
/// ```
pub fn decode_composite(
    format: ContentFormat,
    bytes: &[u8],
    model: &impl ModelProvider,
) -> Result<Composite, Error> {
    Ok(match format.canonical() {
        ContentFormat::SENML_JSON | ContentFormat::SENML_ETCH_JSON => {
            lwm2m_senml::json::decode_composite(bytes, model)?
        }
        ContentFormat::SENML_CBOR | ContentFormat::SENML_ETCH_CBOR => {
            lwm2m_senml::cbor::decode_composite(bytes, model)?
        }
        ContentFormat::LWM2M_CBOR => lwm2m_cbor::decode_composite(bytes, model)?,
        _ => return unsupported(format, "composite content"),
    })
}

/// Encodes composite content; a path without a node is written as a name-only record (a
/// Read-/Observe-Composite request). For Write-Composite deletes (`"v": null`), use
/// `senml::json::encode_write_composite` or its CBOR twin.
pub fn encode_composite(format: ContentFormat, content: &Composite) -> Result<Vec<u8>, Error> {
    Ok(match format.canonical() {
        ContentFormat::SENML_JSON | ContentFormat::SENML_ETCH_JSON => {
            lwm2m_senml::json::encode_composite(content)?
        }
        ContentFormat::SENML_CBOR | ContentFormat::SENML_ETCH_CBOR => {
            lwm2m_senml::cbor::encode_composite(content)?
        }
        ContentFormat::LWM2M_CBOR => lwm2m_cbor::encode_composite(content)?,
        _ => return unsupported(format, "composite content"),
    })
}

/// Decodes a timestamped series: a notification with history, or a timestamped Send.
///
/// ```
/// use lwm2m::{ContentFormat, NoModel};
/// let json = br#"[{"bn":"/72/","bt":25462634,"n":"1/2","v":22.4,"t":-5},{"n":"1/2","v":22.9,"t":-30}]"#;
/// let series = lwm2m::decode_timestamped(ContentFormat::SENML_JSON, json, &NoModel)?;
/// assert_eq!(series.entries.len(), 2);
/// assert_eq!(series.entries[1].time, Some(25462604.0));
/// # Ok::<(), lwm2m::Error>(())
/// ```
pub fn decode_timestamped(
    format: ContentFormat,
    bytes: &[u8],
    model: &impl ModelProvider,
) -> Result<Timestamped, Error> {
    Ok(match format.canonical() {
        ContentFormat::SENML_JSON | ContentFormat::SENML_ETCH_JSON => {
            lwm2m_senml::json::decode_timestamped(bytes, model)?
        }
        ContentFormat::SENML_CBOR | ContentFormat::SENML_ETCH_CBOR => {
            lwm2m_senml::cbor::decode_timestamped(bytes, model)?
        }
        ContentFormat::JSON => lwm2m_senml::lwm2m_json::decode_timestamped(bytes, model)?,
        _ => return unsupported(format, "timestamped content"),
    })
}

/// Encodes a timestamped series.
pub fn encode_timestamped(format: ContentFormat, content: &Timestamped) -> Result<Vec<u8>, Error> {
    Ok(match format.canonical() {
        ContentFormat::SENML_JSON | ContentFormat::SENML_ETCH_JSON => {
            lwm2m_senml::json::encode_timestamped(content)?
        }
        ContentFormat::SENML_CBOR | ContentFormat::SENML_ETCH_CBOR => {
            lwm2m_senml::cbor::encode_timestamped(content)?
        }
        ContentFormat::JSON => lwm2m_senml::lwm2m_json::encode_timestamped(content)?,
        _ => return unsupported(format, "timestamped content"),
    })
}
