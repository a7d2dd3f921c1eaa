//! The node level: [`decode`] and [`encode`], built on [`Reader`] and [`Writer`].

use alloc::vec::Vec;

use lwm2m_types::{
    DataType, IdMap, ModelProvider, Node, Object, ObjectInstance, ObjectModel, Path, Resource,
    ResourceInstance, ResourceModel, Value,
};

use crate::reader::count_hint;
use crate::{Entry, Error, Kind, Reader, Writer};

/// Limits for [`decode_with`].
///
/// ```
/// use lwm2m_tlv::Options;
/// let o = Options::new().max_entries(10);
/// assert_eq!(o.limit(), 10);
/// assert_eq!(Options::default().limit(), Options::DEFAULT_MAX_ENTRIES);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    max_entries: usize,
}

impl Options {
    /// The default limit on TLVs in one payload.
    pub const DEFAULT_MAX_ENTRIES: usize = 100_000;

    /// The defaults.
    pub const fn new() -> Self {
        Options {
            max_entries: Self::DEFAULT_MAX_ENTRIES,
        }
    }

    /// Sets the largest number of TLVs (at every level together) a payload may hold.
    /// Nesting needs no limit: TLV has at most three levels by construction.
    pub const fn max_entries(mut self, n: usize) -> Self {
        self.max_entries = n;
        self
    }

    /// The limit on TLVs.
    pub const fn limit(&self) -> usize {
        self.max_entries
    }
}

impl Default for Options {
    fn default() -> Self {
        Self::new()
    }
}

/// Decodes a TLV payload into the node at the request `path`, taking data types from `model`.
///
/// Which TLV level the payload may start at (TS rules, plus the leniency of Leshan):
///
/// | `path` | accepted payload |
/// | --- | --- |
/// | `/` | nothing: TLV cannot carry the root ([`Error::WrongLevel`]) |
/// | `/o` | object instance TLVs; or bare resource TLVs when the model says the object is single-instance (read as instance 0, as Leshan does) |
/// | `/o/i` | resource and multiple resource TLVs; or one object instance TLV with id `i` around them |
/// | `/o/i/r` | one resource or multiple resource TLV with id `r`; or a resource TLV inside an object instance TLV with id `i`; or a bare sequence of resource instance TLVs (older peers) |
/// | `/o/i/r/ri` | one resource instance TLV with id `ri` |
///
/// An empty payload is an object with no instances, an instance with no resources, or a
/// multiple resource with no instances (refused when the model says the resource is single).
///
/// Values take their data type from `model.resource(o, r)`. When no model knows the resource,
/// the value bytes are kept as [`Value::Opaque`] — lossless, so `encode` writes them back
/// unchanged. The TLV kind decides whether a resource is single or multiple, whatever the model
/// says (so nothing the peer sent is lost). Unsigned Integers are read
/// as unsigned (`C8` is 200; Leshan and Anjay write 200 as `00 C8`, which reads the same), Integer
/// and Time as two's complement.
///
/// ```
/// use lwm2m_tlv::decode;
/// use lwm2m_types::{DataType, Node, ObjectModel, ResourceModel, Value};
/// let mut device = ObjectModel::new(3, "Device");
/// device.resources = vec![ResourceModel::new(9, "Battery Level", DataType::Integer)].into();
/// let node = decode(&[0xC1, 0x09, 0x64], &"/3/0/9".parse()?, &device)?;
/// let Node::Resource(r) = node else { panic!() };
/// assert_eq!(r.value(), Some(&Value::Integer(100)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode(bytes: &[u8], path: &Path, model: &impl ModelProvider) -> Result<Node, Error> {
    decode_with(bytes, path, model, &Options::DEFAULT)
}

impl Options {
    const DEFAULT: Options = Options::new();
}

/// [`decode`] with explicit [`Options`].
pub fn decode_with(
    bytes: &[u8],
    path: &Path,
    model: &impl ModelProvider,
    options: &Options,
) -> Result<Node, Error> {
    let mut cx = Cx::new(model, path, options.max_entries);
    match *path.ids() {
        [] => Err(Error::WrongLevel {
            path: *path,
            expected: "an object, instance or resource path (tlv cannot carry the root)",
        }),
        [o] => cx.object(bytes, o, path).map(Node::Object),
        [o, i] => cx
            .instance_level(bytes, o, i, path)
            .map(Node::ObjectInstance),
        [o, i, r] => cx.resource_level(bytes, o, i, r, path).map(Node::Resource),
        [o, i, r, ri] => cx
            .resource_instance_level(bytes, o, i, r, ri, path)
            .map(Node::ResourceInstance),
        _ => Err(Error::WrongLevel {
            path: *path,
            expected: "a path of at most four ids",
        }),
    }
}

/// Decodes the payload of a Create on the object `path` (`/o`): either one object instance TLV
/// (the server chose the instance id, returned as `Some`) or a bare sequence of resource TLVs
/// (the client chooses the id: `None`).
///
/// ```
/// use lwm2m_tlv::decode_create;
/// use lwm2m_types::NoModel;
/// let (id, resources) = decode_create(&[0xC1, 0x00, 0x01], &"/1".parse()?, &NoModel)?;
/// assert_eq!((id, resources.len()), (None, 1));
/// let (id, _) = decode_create(&[0x03, 0x05, 0xC1, 0x00, 0x01], &"/1".parse()?, &NoModel)?;
/// assert_eq!(id, Some(5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_create(
    bytes: &[u8],
    path: &Path,
    model: &impl ModelProvider,
) -> Result<(Option<u16>, IdMap<Resource>), Error> {
    let [o] = *path.ids() else {
        return Err(Error::WrongLevel {
            path: *path,
            expected: "an object path for a create",
        });
    };
    let mut cx = Cx::new(model, path, Options::DEFAULT_MAX_ENTRIES);
    let mut rd = Reader::new(bytes);
    match rd.clone().next() {
        Some(Ok(e)) if e.kind() == Kind::ObjectInstance => {
            let e = cx.take(&mut rd)?.ok_or(Error::Truncated {
                offset: 0,
                needed: 1,
            })?;
            if !rd.is_empty() {
                return Err(Error::Trailing {
                    offset: rd.offset(),
                    path: *path,
                });
            }
            let res = cx.resources(e.children()?, o, e.id())?;
            Ok((Some(e.id()), res))
        }
        Some(Err(e)) => Err(e),
        _ => Ok((None, cx.resources_top(rd, o, 0, path)?)),
    }
}

struct Cx<'m, M: ?Sized> {
    model: &'m M,
    /// The model of the request's object, looked up once.
    object: Option<&'m ObjectModel>,
    left: usize,
    limit: usize,
}

impl<'m, M: ModelProvider + ?Sized> Cx<'m, M> {
    fn new(model: &'m M, path: &Path, limit: usize) -> Self {
        Cx {
            model,
            object: path.object_id().and_then(|o| model.object(o)),
            left: limit,
            limit,
        }
    }

    /// The data type of resource `r` of object `o`: from the request object's model when it
    /// knows the resource (resources kept in id order are found by index), else from the
    /// provider.
    #[inline]
    fn data_type(&self, o: u16, r: u16) -> Option<DataType> {
        self.resource_model(o, r).map(|m| m.data_type)
    }

    #[inline]
    fn resource_model(&self, o: u16, r: u16) -> Option<&'m ResourceModel> {
        if let Some(obj) = self.object {
            let rs: &'m [ResourceModel] = &obj.resources;
            if let Some(m) = rs.get(usize::from(r)).filter(|m| m.id == r) {
                return Some(m);
            }
            if let Some(m) = obj.resource(r) {
                return Some(m);
            }
        }
        self.model.resource(o, r)
    }
}

fn p(ids: &[u16]) -> Path {
    Path::new(ids).unwrap_or(Path::ROOT)
}

impl<M: ModelProvider + ?Sized> Cx<'_, M> {
    /// The next entry, counted against the limit.
    #[inline]
    fn take<'a>(&mut self, rd: &mut Reader<'a>) -> Result<Option<Entry<'a>>, Error> {
        match rd.next_entry() {
            None => Ok(None),
            Some(Err(e)) => Err(e),
            Some(Ok(e)) => {
                if self.left == 0 {
                    return Err(Error::TooManyEntries {
                        offset: e.offset(),
                        limit: self.limit,
                    });
                }
                self.left -= 1;
                Ok(Some(e))
            }
        }
    }

    fn object(&mut self, bytes: &[u8], o: u16, path: &Path) -> Result<Object, Error> {
        let mut rd = Reader::new(bytes);
        let mut obj = Object {
            id: o,
            instances: IdMap::new(),
        };
        match rd.clone().next() {
            None => return Ok(obj),
            Some(Err(e)) => return Err(e),
            Some(Ok(e)) if e.kind() == Kind::ObjectInstance => {}
            Some(Ok(e)) => {
                let single = self.model.object(o).is_some_and(|m| !m.multiple);
                if single && e.kind() != Kind::ResourceInstance {
                    let resources = self.resources_top(rd, o, 0, path)?;
                    obj.instances.insert(ObjectInstance { id: 0, resources });
                    return Ok(obj);
                }
                return Err(Error::UnexpectedKind {
                    offset: e.offset(),
                    kind: e.kind(),
                    inside: None,
                    path: Some(*path),
                });
            }
        }
        obj.instances = IdMap::with_capacity(count_hint(bytes));
        while let Some(e) = self.take(&mut rd)? {
            if e.kind() != Kind::ObjectInstance {
                return Err(Error::UnexpectedKind {
                    offset: e.offset(),
                    kind: e.kind(),
                    inside: None,
                    path: Some(*path),
                });
            }
            let resources = self.resources(e.children()?, o, e.id())?;
            if obj
                .instances
                .insert(ObjectInstance {
                    id: e.id(),
                    resources,
                })
                .is_some()
            {
                return Err(Error::Duplicate {
                    offset: e.offset(),
                    path: p(&[o, e.id()]),
                });
            }
        }
        Ok(obj)
    }

    fn instance_level(
        &mut self,
        bytes: &[u8],
        o: u16,
        i: u16,
        path: &Path,
    ) -> Result<ObjectInstance, Error> {
        let mut rd = Reader::new(bytes);
        if let Some(first) = rd.clone().next() {
            let first = first?;
            if first.kind() == Kind::ObjectInstance {
                let e = self.take(&mut rd)?.unwrap_or(first);
                if e.id() != i {
                    return Err(Error::IdMismatch {
                        offset: e.offset(),
                        path: *path,
                        found: e.id(),
                    });
                }
                if !rd.is_empty() {
                    return Err(Error::Trailing {
                        offset: rd.offset(),
                        path: *path,
                    });
                }
                let resources = self.resources(e.children()?, o, i)?;
                return Ok(ObjectInstance { id: i, resources });
            }
        }
        let resources = self.resources_top(rd, o, i, path)?;
        Ok(ObjectInstance { id: i, resources })
    }

    /// Resources at the top level of a payload: refuses object and resource instance TLVs.
    fn resources_top(
        &mut self,
        rd: Reader<'_>,
        o: u16,
        i: u16,
        path: &Path,
    ) -> Result<IdMap<Resource>, Error> {
        self.resources(rd, o, i).map_err(|e| match e {
            Error::UnexpectedKind {
                offset,
                kind,
                inside: None,
                path: None,
            } => Error::UnexpectedKind {
                offset,
                kind,
                inside: None,
                path: Some(*path),
            },
            e => e,
        })
    }

    /// The resources of instance `/o/i` from a sequence of resource / multiple resource TLVs.
    fn resources(&mut self, mut rd: Reader<'_>, o: u16, i: u16) -> Result<IdMap<Resource>, Error> {
        let mut map = IdMap::with_capacity(count_hint(rd.rest()));
        while let Some(e) = self.take(&mut rd)? {
            let r = self.resource(&e, o, i)?;
            if map.insert(r).is_some() {
                return Err(Error::Duplicate {
                    offset: e.offset(),
                    path: p(&[o, i, e.id()]),
                });
            }
        }
        Ok(map)
    }

    /// One resource or multiple resource TLV of instance `/o/i`.
    fn resource(&mut self, e: &Entry<'_>, o: u16, i: u16) -> Result<Resource, Error> {
        let r = e.id();
        let dt = self.data_type(o, r);
        match e.kind() {
            Kind::Resource => Ok(Resource::Single {
                id: r,
                value: value(e, dt).map_err(|err| err.with_path(p(&[o, i, r])))?,
            }),
            Kind::MultipleResource => Ok(Resource::Multiple {
                id: r,
                instances: self.instances(e.children()?, o, i, r, dt)?,
            }),
            kind => Err(Error::UnexpectedKind {
                offset: e.offset(),
                kind,
                inside: None,
                path: None,
            }),
        }
    }

    /// The instances of `/o/i/r` from a sequence of resource instance TLVs.
    fn instances(
        &mut self,
        mut rd: Reader<'_>,
        o: u16,
        i: u16,
        r: u16,
        dt: Option<DataType>,
    ) -> Result<IdMap<ResourceInstance>, Error> {
        let mut map = IdMap::with_capacity(count_hint(rd.rest()));
        while let Some(e) = self.take(&mut rd)? {
            if e.kind() != Kind::ResourceInstance {
                return Err(Error::UnexpectedKind {
                    offset: e.offset(),
                    kind: e.kind(),
                    inside: None,
                    path: Some(p(&[o, i, r])),
                });
            }
            let ri = e.id();
            let v = value(&e, dt).map_err(|err| err.with_path(p(&[o, i, r, ri])))?;
            if map.insert(ResourceInstance { id: ri, value: v }).is_some() {
                return Err(Error::Duplicate {
                    offset: e.offset(),
                    path: p(&[o, i, r, ri]),
                });
            }
        }
        Ok(map)
    }

    fn resource_level(
        &mut self,
        bytes: &[u8],
        o: u16,
        i: u16,
        r: u16,
        path: &Path,
    ) -> Result<Resource, Error> {
        let mut rd = Reader::new(bytes);
        let first = match rd.clone().next() {
            None => {
                if self.resource_model(o, r).is_some_and(|m| !m.multiple) {
                    return Err(Error::WrongLevel {
                        path: *path,
                        expected: "a resource tlv (the payload is empty and the resource is single)",
                    });
                }
                return Ok(Resource::Multiple {
                    id: r,
                    instances: IdMap::new(),
                });
            }
            Some(first) => first?,
        };
        let res = match first.kind() {
            Kind::ResourceInstance => {
                // Older peers send the instances without the multiple resource wrapper.
                let dt = self.data_type(o, r);
                return Ok(Resource::Multiple {
                    id: r,
                    instances: self.instances(rd, o, i, r, dt)?,
                });
            }
            Kind::Resource | Kind::MultipleResource => {
                let e = self.take(&mut rd)?.unwrap_or(first);
                if e.id() != r {
                    return Err(Error::IdMismatch {
                        offset: e.offset(),
                        path: *path,
                        found: e.id(),
                    });
                }
                self.resource(&e, o, i)?
            }
            Kind::ObjectInstance => {
                // Leshan also accepts the resource TLV wrapped in the instance TLV.
                let e = self.take(&mut rd)?.unwrap_or(first);
                if e.id() != i {
                    return Err(Error::IdMismatch {
                        offset: e.offset(),
                        path: *path,
                        found: e.id(),
                    });
                }
                let mut inner = e.children()?;
                let Some(c) = self.take(&mut inner)? else {
                    return Err(Error::WrongLevel {
                        path: *path,
                        expected: "a resource tlv inside the object instance tlv",
                    });
                };
                if c.kind() != Kind::Resource {
                    return Err(Error::UnexpectedKind {
                        offset: c.offset(),
                        kind: c.kind(),
                        inside: Some(Kind::ObjectInstance),
                        path: Some(*path),
                    });
                }
                if c.id() != r {
                    return Err(Error::IdMismatch {
                        offset: c.offset(),
                        path: *path,
                        found: c.id(),
                    });
                }
                if !inner.is_empty() {
                    return Err(Error::Trailing {
                        offset: inner.offset(),
                        path: *path,
                    });
                }
                self.resource(&c, o, i)?
            }
        };
        if !rd.is_empty() {
            return Err(Error::Trailing {
                offset: rd.offset(),
                path: *path,
            });
        }
        Ok(res)
    }

    fn resource_instance_level(
        &mut self,
        bytes: &[u8],
        o: u16,
        _i: u16,
        r: u16,
        ri: u16,
        path: &Path,
    ) -> Result<ResourceInstance, Error> {
        let mut rd = Reader::new(bytes);
        let Some(e) = self.take(&mut rd)? else {
            return Err(Error::WrongLevel {
                path: *path,
                expected: "a resource instance tlv (the payload is empty)",
            });
        };
        if e.kind() != Kind::ResourceInstance {
            return Err(Error::UnexpectedKind {
                offset: e.offset(),
                kind: e.kind(),
                inside: None,
                path: Some(*path),
            });
        }
        if e.id() != ri {
            return Err(Error::IdMismatch {
                offset: e.offset(),
                path: *path,
                found: e.id(),
            });
        }
        if !rd.is_empty() {
            return Err(Error::Trailing {
                offset: rd.offset(),
                path: *path,
            });
        }
        let dt = self.data_type(o, r);
        Ok(ResourceInstance {
            id: ri,
            value: value(&e, dt).map_err(|err| err.with_path(*path))?,
        })
    }
}

/// The owned value of a value TLV; raw bytes as Opaque when the type is unknown.
#[inline]
fn value(e: &Entry<'_>, dt: Option<DataType>) -> Result<Value, Error> {
    Ok(match dt {
        Some(dt) => e.as_value(dt)?.to_owned(),
        None => Value::Opaque(lwm2m_types::Bytes::copy_from_slice(e.as_opaque()?)),
    })
}

/// Encodes `node`, which sits at `path`, as a TLV payload.
///
/// The shape follows [`decode`]'s first choice at each level: object instance TLVs for an object,
/// bare resource TLVs for an instance, one resource or multiple resource TLV for a resource (an
/// empty multiple resource is `80 id`), one resource instance TLV for a resource instance. The
/// root is refused ([`Error::WrongLevel`]). Value widths are those of [`Writer`].
///
/// ```
/// use lwm2m_tlv::encode;
/// use lwm2m_types::{Node, Resource, Value};
/// let node = Node::Resource(Resource::single(9, Value::Integer(100)));
/// assert_eq!(encode(&node, &"/3/0/9".parse()?)?, [0xC1, 0x09, 0x64]);
/// let empty = Node::Resource(Resource::multiple::<Value>(11, []));
/// assert_eq!(encode(&empty, &"/3/0/11".parse()?)?, [0x80, 0x0B]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode(node: &Node, path: &Path) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    encode_into(node, path, &mut buf)?;
    Ok(buf)
}

/// [`encode`] appending to a caller's buffer. On error, the buffer is left as it was.
pub fn encode_into(node: &Node, path: &Path, buf: &mut Vec<u8>) -> Result<(), Error> {
    node.check_path(path)?;
    let start = buf.len();
    let r = encode_node(node, path, buf);
    if r.is_err() {
        buf.truncate(start);
    }
    r
}

fn encode_node(node: &Node, path: &Path, buf: &mut Vec<u8>) -> Result<(), Error> {
    match node {
        Node::Root(_) => Err(Error::WrongLevel {
            path: *path,
            expected: "an object, instance or resource node (tlv cannot carry the root)",
        }),
        Node::Object(o) => {
            buf.reserve(o.instances.iter().map(|i| 6 + instance_bound(i)).sum());
            let mut w = Writer::new(buf);
            for i in &o.instances {
                let ip = path.child(i.id).map_err(|_| Error::InvalidId {
                    id: i.id,
                    path: Some(*path),
                })?;
                let m = w.begin(Kind::ObjectInstance, i.id)?;
                write_resources(&mut w, &i.resources, &ip)?;
                w.end(m).map_err(|e| e.with_path(ip))?;
            }
            Ok(())
        }
        Node::ObjectInstance(i) => {
            buf.reserve(instance_bound(i));
            write_resources(&mut Writer::new(buf), &i.resources, path)
        }
        Node::Resource(r) => {
            let parent = path.parent().unwrap_or(Path::ROOT);
            buf.reserve(resource_bound(r));
            write_resource(&mut Writer::new(buf), r, &parent)
        }
        Node::ResourceInstance(ri) => Writer::new(buf)
            .resource_instance(ri.id, ri.value.as_ref())
            .map_err(|e| e.with_path(*path)),
    }
}

/// An upper bound of the encoded size of a value TLV (header at most 6 bytes, scalars at most
/// 8), cheap to compute, so that encoding allocates once.
#[inline]
fn value_bound(v: &Value) -> usize {
    6 + match v {
        Value::String(s) | Value::CoreLink(s) => s.len(),
        Value::Opaque(b) => b.len(),
        _ => 8,
    }
}

fn resource_bound(r: &Resource) -> usize {
    match r {
        Resource::Single { value, .. } => value_bound(value),
        Resource::Multiple { instances, .. } => {
            6 + instances
                .iter()
                .map(|ri| value_bound(&ri.value))
                .sum::<usize>()
        }
    }
}

fn instance_bound(i: &ObjectInstance) -> usize {
    i.resources.iter().map(resource_bound).sum()
}

fn write_resources(w: &mut Writer<'_>, rs: &IdMap<Resource>, inst: &Path) -> Result<(), Error> {
    rs.iter().try_for_each(|r| write_resource(w, r, inst))
}

fn write_resource(w: &mut Writer<'_>, r: &Resource, inst: &Path) -> Result<(), Error> {
    let at = |id: u16| inst.child(id).unwrap_or(*inst);
    match r {
        Resource::Single { id, value } => w
            .resource(*id, value.as_ref())
            .map_err(|e| e.with_path(at(*id))),
        Resource::Multiple { id, instances } => {
            let m = w
                .begin(Kind::MultipleResource, *id)
                .map_err(|e| e.with_path(at(*id)))?;
            for ri in instances {
                w.value(Kind::ResourceInstance, ri.id, ri.value.as_ref())
                    .map_err(|e| e.with_path(at(*id)))?;
            }
            w.end(m).map_err(|e| e.with_path(at(*id)))
        }
    }
}
