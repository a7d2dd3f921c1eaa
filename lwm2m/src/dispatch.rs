//! Decode and encode by content format.

use lwm2m_types::{ContentFormat, ModelProvider, Node, Path, opaque, text};

use crate::Error;

/// Decodes `bytes` of content format `format` for a request on `path`.
///
/// The pre-IANA LwM2M 1.0 numbers (1541–1544) are read as their registered formats.
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
        _ => {
            return Err(Error::Unsupported {
                format,
                operation: "decode",
            });
        }
    })
}

/// Encodes `node`, which sits at `path`, in content format `format`.
///
/// ```
/// use lwm2m::{ContentFormat, Node, Resource, Value};
/// let node = Node::Resource(Resource::single(0, "Open Mobile Alliance"));
/// let bytes = lwm2m::encode(ContentFormat::TEXT, &node, &"/3/0/0".parse()?)?;
/// assert_eq!(bytes, b"Open Mobile Alliance");
/// # Ok::<(), lwm2m::Error>(())
/// ```
pub fn encode(format: ContentFormat, node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    Ok(match format.canonical() {
        ContentFormat::TEXT => text::encode(node, path)?,
        ContentFormat::OPAQUE => opaque::encode(node, path)?,
        ContentFormat::TLV => lwm2m_tlv::encode(node, path)?,
        _ => {
            return Err(Error::Unsupported {
                format,
                operation: "encode",
            });
        }
    })
}
