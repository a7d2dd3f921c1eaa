//! The node level: [`decode`] and [`encode`], built on [`Reader`] and [`Writer`].

use alloc::vec::Vec;

use lwm2m_types::{
    DataType, IdMap, ModelProvider, Node, Object, ObjectInstance, ObjectModel, Path, Resource,
    ResourceInstance, ResourceModel, Value, ValueRef,
};

use crate::fast::{SLACK, Sizer, write};
use crate::reader::count_hint;
use crate::writer::{MAX_LENGTH, head_len, payload_len};
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
            at_end(&rd, path)?;
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
    /// Its resource models (empty when the object is unknown), borrowed once.
    rs: &'m [ResourceModel],
    left: usize,
    limit: usize,
}

impl<'m, M: ModelProvider + ?Sized> Cx<'m, M> {
    fn new(model: &'m M, path: &Path, limit: usize) -> Self {
        let object = path.object_id().and_then(|o| model.object(o));
        Cx {
            model,
            object,
            rs: object.map_or(&[], |m| &m.resources),
            left: limit,
            limit,
        }
    }

    /// The data type of resource `r` of object `o`: from the request object's model when it
    /// knows the resource, else from the provider.
    #[inline]
    fn data_type(&self, o: u16, r: u16) -> Option<DataType> {
        self.resource_model(o, r).map(|m| m.data_type)
    }

    #[inline]
    fn resource_model(&self, o: u16, r: u16) -> Option<&'m ResourceModel> {
        let mut at = usize::from(r);
        self.resource_model_at(&mut at, o, r)
    }

    /// [`Cx::resource_model`] with a cursor into the request object's resource list: `at` is
    /// tried first and left after the model found there. Resource TLVs come in ascending id
    /// order and the list is sorted by id, so walking both together finds each model at once,
    /// gaps in the numbering included.
    #[inline(always)]
    fn resource_model_at(&self, at: &mut usize, o: u16, r: u16) -> Option<&'m ResourceModel> {
        let mut k = *at;
        // Skip the models of resources the payload does not carry.
        while let Some(m) = self.rs.get(k) {
            if m.id >= r {
                if m.id == r {
                    *at = k + 1;
                    return Some(m);
                }
                break;
            }
            k += 1;
        }
        self.resource_model_search(at, o, r)
    }

    /// The slow path of [`Cx::resource_model_at`]: the lookup of [`ObjectModel::resource`]
    /// (binary search, then a scan for unsorted lists), then the provider.
    #[inline(never)]
    fn resource_model_search(&self, at: &mut usize, o: u16, r: u16) -> Option<&'m ResourceModel> {
        if self.object.is_some() {
            let rs = self.rs;
            let found = match rs.binary_search_by_key(&r, |m| m.id) {
                Ok(k) => Some(k),
                Err(_) => rs.iter().position(|m| m.id == r),
            };
            if let Some(k) = found {
                *at = k + 1;
                return rs.get(k);
            }
        }
        self.model.resource(o, r)
    }
}

/// Refuses an entry whose id is not the one the request path names.
fn same_id(e: &Entry<'_>, id: u16, path: &Path) -> Result<(), Error> {
    if e.id() == id {
        Ok(())
    } else {
        Err(Error::IdMismatch {
            offset: e.offset(),
            path: *path,
            found: e.id(),
        })
    }
}

/// Refuses bytes left after the one entry a request level allows.
fn at_end(rd: &Reader<'_>, path: &Path) -> Result<(), Error> {
    if rd.is_empty() {
        Ok(())
    } else {
        Err(Error::Trailing {
            offset: rd.offset(),
            path: *path,
        })
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
                same_id(&e, i, path)?;
                at_end(&rd, path)?;
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
    fn resources(&mut self, rd: Reader<'_>, o: u16, i: u16) -> Result<IdMap<Resource>, Error> {
        // A local copy, which the optimizer keeps in registers.
        let mut rd = rd.clone();
        let mut map = IdMap::with_capacity(count_hint(rd.rest()));
        // The model cursor: resource TLVs normally come in the order of the model's list.
        let mut at = 0;
        while let Some(e) = self.take(&mut rd)? {
            let r = e.id();
            let dt = self.resource_model_at(&mut at, o, r).map(|m| m.data_type);
            let replaced = match e.kind() {
                Kind::Resource => with_value(
                    &e,
                    dt,
                    Single {
                        map: &mut map,
                        id: r,
                    },
                )
                .map_err(|err| err.with_path(p(&[o, i, r])))?,
                Kind::MultipleResource => {
                    let instances = self.instances_inline(e.children()?, o, i, r, dt)?;
                    map.insert(Resource::Multiple { id: r, instances })
                        .is_some()
                }
                kind => {
                    return Err(Error::UnexpectedKind {
                        offset: e.offset(),
                        kind,
                        inside: None,
                        path: None,
                    });
                }
            };
            if replaced {
                return Err(Error::Duplicate {
                    offset: e.offset(),
                    path: p(&[o, i, r]),
                });
            }
        }
        Ok(map)
    }

    /// One resource or multiple resource TLV of instance `/o/i`.
    #[inline]
    fn resource(&mut self, e: &Entry<'_>, o: u16, i: u16) -> Result<Resource, Error> {
        let mut at = usize::from(e.id());
        self.resource_at(e, o, i, &mut at)
    }

    /// [`Cx::resource`] with a model cursor (see [`Cx::resource_model_at`]).
    #[inline(always)]
    fn resource_at(
        &mut self,
        e: &Entry<'_>,
        o: u16,
        i: u16,
        at: &mut usize,
    ) -> Result<Resource, Error> {
        let r = e.id();
        let dt = self.resource_model_at(at, o, r).map(|m| m.data_type);
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
    #[inline(never)]
    fn instances(
        &mut self,
        rd: Reader<'_>,
        o: u16,
        i: u16,
        r: u16,
        dt: Option<DataType>,
    ) -> Result<IdMap<ResourceInstance>, Error> {
        self.instances_inline(rd, o, i, r, dt)
    }

    /// [`Cx::instances`], inlined in the resources loop (returning the map from a call costs
    /// more than building it).
    #[inline(always)]
    fn instances_inline(
        &mut self,
        rd: Reader<'_>,
        o: u16,
        i: u16,
        r: u16,
        dt: Option<DataType>,
    ) -> Result<IdMap<ResourceInstance>, Error> {
        // A local copy, which the optimizer keeps in registers.
        let mut rd = rd.clone();
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
            let replaced = with_value(
                &e,
                dt,
                Instance {
                    map: &mut map,
                    id: ri,
                },
            )
            .map_err(|err| err.with_path(p(&[o, i, r, ri])))?;
            if replaced {
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
                same_id(&e, r, path)?;
                self.resource(&e, o, i)?
            }
            Kind::ObjectInstance => {
                // Leshan also accepts the resource TLV wrapped in the instance TLV.
                let e = self.take(&mut rd)?.unwrap_or(first);
                same_id(&e, i, path)?;
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
                same_id(&c, r, path)?;
                at_end(&inner, path)?;
                self.resource(&c, o, i)?
            }
        };
        at_end(&rd, path)?;
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
        same_id(&e, ri, path)?;
        at_end(&rd, path)?;
        let dt = self.data_type(o, r);
        Ok(ResourceInstance {
            id: ri,
            value: value(&e, dt).map_err(|err| err.with_path(*path))?,
        })
    }
}

/// Where [`with_value`] puts a value.
trait Put {
    /// What putting returns.
    type Out;
    /// Puts `value`.
    fn put(self, value: Value) -> Self::Out;
}

/// Just the value.
struct Plain;

impl Put for Plain {
    type Out = Value;
    #[inline(always)]
    fn put(self, value: Value) -> Value {
        value
    }
}

/// A single resource, inserted in the resources of an instance; `true` when it replaced one.
struct Single<'a> {
    map: &'a mut IdMap<Resource>,
    id: u16,
}

impl Put for Single<'_> {
    type Out = bool;
    #[inline(always)]
    fn put(self, value: Value) -> bool {
        let id = self.id;
        self.map.insert(Resource::Single { id, value }).is_some()
    }
}

/// A resource instance, inserted in the instances of a multiple resource; `true` when it
/// replaced one.
struct Instance<'a> {
    map: &'a mut IdMap<ResourceInstance>,
    id: u16,
}

impl Put for Instance<'_> {
    type Out = bool;
    #[inline(always)]
    fn put(self, value: Value) -> bool {
        let id = self.id;
        self.map.insert(ResourceInstance { id, value }).is_some()
    }
}

/// The owned value of a value TLV; raw bytes as Opaque when the type is unknown.
///
/// The same checks as [`Entry::as_value`], but building the owned value at once.
#[inline(always)]
fn value(e: &Entry<'_>, dt: Option<DataType>) -> Result<Value, Error> {
    with_value(e, dt, Plain)
}

/// [`value`], handed to `to` in each branch: the node that holds the value is then built once
/// per data type, and each kind of value is written straight to its place (a value built in
/// one place from several branches is assembled on the stack and copied, which costs more
/// than the rest of the decoding).
#[inline(always)]
fn with_value<P: Put>(e: &Entry<'_>, dt: Option<DataType>, to: P) -> Result<P::Out, Error> {
    Ok(match dt {
        Some(DataType::String) => to.put(Value::String(e.as_str()?.into())),
        Some(DataType::Integer) => to.put(Value::Integer(e.as_i64()?)),
        Some(DataType::UnsignedInteger) => to.put(Value::UnsignedInteger(e.as_u64()?)),
        Some(DataType::Float) => to.put(Value::Float(e.as_f64()?)),
        Some(DataType::Boolean) => to.put(Value::Boolean(e.as_bool()?)),
        Some(DataType::Time) => to.put(Value::Time(e.as_time()?)),
        Some(DataType::Objlnk) => to.put(Value::ObjectLink(e.as_objlnk()?)),
        Some(DataType::Corelnk) => to.put(Value::CoreLink(e.as_corelnk()?.into())),
        Some(DataType::Opaque) | None => to.put(Value::Opaque(
            lwm2m_types::Bytes::copy_from_slice(e.as_opaque()?),
        )),
        Some(dt @ DataType::None) => return Err(no_value(*e, dt)),
    })
}

/// The error of a value for a resource without one (executable).
#[cold]
#[inline(never)]
fn no_value(e: Entry<'_>, dt: DataType) -> Error {
    match e.as_value(dt) {
        Err(err) => err,
        Ok(_) => Error::Value {
            offset: e.value_offset(),
            data_type: dt,
            kind: lwm2m_types::ValueErrorKind::NoValue,
            path: None,
        },
    }
}

/// Encodes `node`, which sits at `path`, as a TLV payload.
///
/// The shape follows [`decode`]'s first choice at each level: object instance TLVs for an object,
/// bare resource TLVs for an instance, one resource or multiple resource TLV for a resource (an
/// empty multiple resource is `80 id`), one resource instance TLV for a resource instance. The
/// root is refused ([`Error::WrongLevel`]). Value widths are those of [`Writer`].
///
/// The vector is allocated once. Its capacity is a tight bound on the size, found without
/// working out every value's width: it exceeds the length by at most 16 bytes, plus at most 10
/// per single value outside a nested TLV.
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
    node.check_path(path)?;
    let mut sizer = Sizer::new();
    let size = sizer.node(node);
    if size <= OUT_MAX && !matches!(node, Node::Root(_)) {
        // Allocated once (the size is a tight bound), with the slack of the fixed-size stores,
        // and zeroed. `vec![0; n]` (calloc) measured slower here than malloc and memset.
        #[allow(clippy::slow_vector_initialization)]
        let mut buf = {
            let mut buf = Vec::with_capacity(size + SLACK);
            buf.resize(size + SLACK, 0);
            buf
        };
        if let Some(n) = write(&mut buf, &sizer, node) {
            buf.truncate(n);
            return Ok(buf);
        }
    }
    let mut buf = Vec::new();
    encode_slow(node, path, &mut buf)?;
    Ok(buf)
}

/// [`encode`] appending to a caller's buffer. On error, the buffer is left as it was.
pub fn encode_to(node: &Node, path: &Path, buf: &mut Vec<u8>) -> Result<(), Error> {
    node.check_path(path)?;
    let mut sizer = Sizer::new();
    let size = sizer.node(node);
    if size <= OUT_MAX && !matches!(node, Node::Root(_)) {
        // Written in place, into zeroed room (grown once: the size is a tight bound).
        let start = buf.len();
        buf.resize(start + size + SLACK, 0);
        if let Some(n) = write(buf.get_mut(start..).unwrap_or_default(), &sizer, node) {
            buf.truncate(start + n);
            return Ok(());
        }
        // An invalid id: the plain writer reports it, in the order of the content.
        buf.truncate(start);
    }
    encode_slow(node, path, buf)
}

/// The [`Writer`] path of [`encode`] and [`encode_to`]: the root, invalid ids, contents too long
/// for a TLV, and payloads past [`OUT_MAX`]. It reports the errors, with their paths, in the
/// order of the content.
#[cold]
#[inline(never)]
fn encode_slow(node: &Node, path: &Path, buf: &mut Vec<u8>) -> Result<(), Error> {
    let start = buf.len();
    let (size, top) = node_size(node);
    if !matches!(node, Node::Root(_)) {
        // Large payloads are appended: zeroing the room first would cost as much as writing.
        buf.reserve(size.saturating_add(SLACK));
    }
    let r = encode_node(node, path, top, &mut Writer::new(buf));
    if r.is_err() {
        buf.truncate(start);
    }
    r
}

/// The largest payload written by the fast path (which zeroes its room first).
const OUT_MAX: usize = 1 << 20;

/// What the slow path of the node encoder writes with (the [`Writer`]).
trait Sink {
    fn header(&mut self, kind: Kind, id: u16, len: usize) -> Result<(), Error>;
    fn value(&mut self, kind: Kind, id: u16, value: ValueRef<'_>) -> Result<(), Error>;
    /// An object instance whose content is too long for a TLV (the error comes after those
    /// of the content).
    fn long_instance(&mut self, i: &ObjectInstance, ip: &Path) -> Result<(), Error>;
    /// A multiple resource whose content is too long for a TLV.
    fn long_multiple(
        &mut self,
        id: u16,
        instances: &IdMap<ResourceInstance>,
        rp: &Path,
    ) -> Result<(), Error>;
}

impl Sink for Writer<'_> {
    #[inline(always)]
    fn header(&mut self, kind: Kind, id: u16, len: usize) -> Result<(), Error> {
        Writer::header(self, kind, id, len)
    }
    #[inline(always)]
    fn value(&mut self, kind: Kind, id: u16, value: ValueRef<'_>) -> Result<(), Error> {
        self.value_inline(kind, id, value)
    }
    fn long_instance(&mut self, i: &ObjectInstance, ip: &Path) -> Result<(), Error> {
        let m = self.begin(Kind::ObjectInstance, i.id)?;
        write_resources(self, &i.resources, ip)?;
        self.end(m).map_err(|e| e.with_path(*ip))
    }
    fn long_multiple(
        &mut self,
        id: u16,
        instances: &IdMap<ResourceInstance>,
        rp: &Path,
    ) -> Result<(), Error> {
        let m = self
            .begin(Kind::MultipleResource, id)
            .map_err(|e| e.with_path(*rp))?;
        for ri in instances {
            self.value(Kind::ResourceInstance, ri.id, ri.value.as_ref())
                .map_err(|e| e.with_path(*rp))?;
        }
        self.end(m).map_err(|e| e.with_path(*rp))
    }
}

/// The exact encoded size of a node (saturating; what is too long for a TLV is refused when
/// writing), and the length of the content of a multiple resource node (else 0).
fn node_size(node: &Node) -> (usize, usize) {
    match node {
        Node::Root(_) => (0, 0),
        Node::Object(o) => {
            let size = o.instances.iter().fold(0usize, |n, i| {
                let len = instance_len(i);
                n.saturating_add(head_len(i.id, len).saturating_add(len))
            });
            (size, 0)
        }
        Node::ObjectInstance(i) => (instance_len(i), 0),
        Node::Resource(Resource::Multiple { id, instances }) => {
            let len = instances_len(instances);
            (head_len(*id, len).saturating_add(len), len)
        }
        Node::Resource(r) => (resource_size(r), 0),
        Node::ResourceInstance(ri) => (value_size(ri.id, &ri.value), 0),
    }
}

/// Writes `node`; `top` is the content length of a multiple resource node (from
/// [`node_size`]).
#[inline(always)]
fn encode_node<S: Sink>(node: &Node, path: &Path, top: usize, w: &mut S) -> Result<(), Error> {
    match node {
        Node::Root(_) => Err(Error::WrongLevel {
            path: *path,
            expected: "an object, instance or resource node (tlv cannot carry the root)",
        }),
        Node::Object(o) => {
            for i in &o.instances {
                let ip = path.child(i.id).map_err(|_| Error::InvalidId {
                    id: i.id,
                    path: Some(*path),
                })?;
                let len = instance_len(i);
                if len > MAX_LENGTH {
                    w.long_instance(i, &ip)?;
                } else {
                    w.header(Kind::ObjectInstance, i.id, len)?;
                    write_resources(w, &i.resources, &ip)?;
                }
            }
            Ok(())
        }
        Node::ObjectInstance(i) => write_resources(w, &i.resources, path),
        Node::Resource(Resource::Multiple { id, instances }) => {
            write_multiple(w, *id, instances, top, &path.parent().unwrap_or(Path::ROOT))
        }
        Node::Resource(r) => write_resource(w, r, &path.parent().unwrap_or(Path::ROOT)),
        Node::ResourceInstance(ri) => w
            .value(Kind::ResourceInstance, ri.id, ri.value.as_ref())
            .map_err(|e| e.with_path(*path)),
    }
}

/// The exact encoded size of a value TLV (saturating; sizes past [`MAX_LENGTH`] are refused
/// when writing).
#[inline(always)]
fn value_size(id: u16, v: &Value) -> usize {
    let len = payload_len(v.as_ref());
    head_len(id, len).saturating_add(len)
}

/// The exact encoded size of the instances of a multiple resource (its content).
#[inline]
fn instances_len(instances: &IdMap<ResourceInstance>) -> usize {
    instances
        .iter()
        .fold(0, |n, ri| n.saturating_add(value_size(ri.id, &ri.value)))
}

/// The exact encoded size of a resource or multiple resource TLV.
#[inline]
fn resource_size(r: &Resource) -> usize {
    match r {
        Resource::Single { id, value } => value_size(*id, value),
        Resource::Multiple { id, instances } => {
            let len = instances_len(instances);
            head_len(*id, len).saturating_add(len)
        }
    }
}

/// The exact encoded size of the resources of an instance (its content).
fn instance_len(i: &ObjectInstance) -> usize {
    i.resources
        .iter()
        .fold(0, |n, r| n.saturating_add(resource_size(r)))
}

fn write_resources<S: Sink>(w: &mut S, rs: &IdMap<Resource>, inst: &Path) -> Result<(), Error> {
    rs.iter().try_for_each(|r| write_resource(w, r, inst))
}

#[inline(always)]
fn write_resource<S: Sink>(w: &mut S, r: &Resource, inst: &Path) -> Result<(), Error> {
    let at = |id: u16| inst.child(id).unwrap_or(*inst);
    match r {
        Resource::Single { id, value } => w
            .value(Kind::Resource, *id, value.as_ref())
            .map_err(|e| e.with_path(at(*id))),
        Resource::Multiple { id, instances } => {
            write_multiple(w, *id, instances, instances_len(instances), inst)
        }
    }
}

/// A multiple resource of instance `inst`, whose content is `len` bytes long.
#[inline(always)]
fn write_multiple<S: Sink>(
    w: &mut S,
    id: u16,
    instances: &IdMap<ResourceInstance>,
    len: usize,
    inst: &Path,
) -> Result<(), Error> {
    let at = || inst.child(id).unwrap_or(*inst);
    if len > MAX_LENGTH {
        return w.long_multiple(id, instances, &at());
    }
    w.header(Kind::MultipleResource, id, len)
        .map_err(|e| e.with_path(at()))?;
    for ri in instances {
        w.value(Kind::ResourceInstance, ri.id, ri.value.as_ref())
            .map_err(|e| e.with_path(at()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use lwm2m_types::NoModel;

    fn model(ids: &[(u16, DataType)]) -> ObjectModel {
        let mut m = ObjectModel::new(3, "Device");
        m.resources = ids
            .iter()
            .map(|&(id, dt)| ResourceModel::new(id, "r", dt))
            .collect::<Vec<_>>()
            .into();
        m
    }

    #[test]
    fn model_cursor_finds_every_resource_in_any_list_order() {
        use DataType::{Boolean, Integer, String};
        // Resources 0 (string), 5 (integer), 9 (boolean), 300 (integer), written in the
        // ascending order, then in another order.
        let mut w = Vec::new();
        let mut wr = Writer::new(&mut w);
        wr.entry(Kind::Resource, 0, b"ab").unwrap();
        wr.entry(Kind::Resource, 5, &[7]).unwrap();
        wr.entry(Kind::Resource, 9, &[1]).unwrap();
        wr.entry(Kind::Resource, 300, &[0, 2]).unwrap();
        let mut shuffled = Vec::new();
        let mut ws = Writer::new(&mut shuffled);
        ws.entry(Kind::Resource, 9, &[1]).unwrap();
        ws.entry(Kind::Resource, 300, &[0, 2]).unwrap();
        ws.entry(Kind::Resource, 0, b"ab").unwrap();
        ws.entry(Kind::Resource, 5, &[7]).unwrap();
        let want = ObjectInstance::new(0)
            .with(Resource::single(0, "ab"))
            .with(Resource::single(5, Value::Integer(7)))
            .with(Resource::single(9, true))
            .with(Resource::single(300, Value::Integer(2)));
        let sorted = model(&[(0, String), (5, Integer), (9, Boolean), (300, Integer)]);
        let unsorted = model(&[(300, Integer), (9, Boolean), (0, String), (5, Integer)]);
        let path = "/3/0".parse().unwrap();
        for bytes in [&w, &shuffled] {
            for m in [&sorted, &unsorted] {
                assert_eq!(
                    decode(bytes, &path, m).unwrap(),
                    Node::ObjectInstance(want.clone())
                );
            }
        }
        // Resources the model lacks stay opaque.
        let Node::ObjectInstance(i) = decode(&w, &path, &model(&[(5, Integer)])).unwrap() else {
            panic!()
        };
        assert_eq!(
            i.resources.get(0).and_then(Resource::value),
            Some(&Value::Opaque(b"ab".to_vec().into()))
        );
    }

    /// Nodes with every header form, every value width, more nested TLVs than the sizing pass
    /// keeps lengths for, and ids past 255: the fast path writes what the [`Writer`] writes.
    #[test]
    fn fast_path_writes_what_the_writer_writes() {
        let values = |k: u16| -> Vec<Value> {
            vec![
                Value::Integer(-1),
                Value::Integer(i64::from(k) * 1000),
                Value::Integer(i64::MIN + i64::from(k)),
                Value::UnsignedInteger(u64::MAX - u64::from(k)),
                Value::UnsignedInteger(200),
                Value::Float(1.5),
                Value::Float(0.1),
                Value::Boolean(k.is_multiple_of(2)),
                Value::Time(1_700_000_000),
                Value::ObjectLink(lwm2m_types::ObjectLink::new(k, 1)),
                Value::String("x".repeat(usize::from(k % 20))),
                Value::String("y".repeat([0usize, 7, 8, 255, 256, 70_000][usize::from(k % 6)])),
                Value::CoreLink("</1/0>".into()),
                Value::Opaque(vec![0xAB; usize::from(k % 17)].into()),
            ]
        };
        let instance = |id: u16, n: u16| {
            let mut i = ObjectInstance::new(id);
            for r in 0..n {
                let rid = [r, r + 250, r * 300 + 1][usize::from(r % 3)];
                let vs = values(r);
                let v = vs[usize::from(r) % vs.len()].clone();
                if r % 4 == 0 {
                    let ris = (0..r % 5).map(|k| {
                        ResourceInstance::new(k * 97, vs[usize::from(k) % vs.len()].clone())
                    });
                    i.resources.insert(Resource::Multiple {
                        id: rid,
                        instances: ris.collect(),
                    });
                } else {
                    i.resources.insert(Resource::single(rid, v));
                }
            }
            i
        };
        let mut object = Object::new(7);
        for k in 0..20 {
            object.instances.insert(instance(k * 50, k + 3));
        }
        let cases = [
            (Node::Object(object), "/7"),
            (Node::ObjectInstance(instance(3, 60)), "/7/3"),
            (Node::Resource(Resource::single(1000, 5i64)), "/7/3/1000"),
            (
                Node::Resource(Resource::Multiple {
                    id: 9,
                    instances: (0..400)
                        .map(|k| (k, Value::Integer(i64::from(k))))
                        .map(|(k, v)| ResourceInstance::new(k, v))
                        .collect(),
                }),
                "/7/3/9",
            ),
            (
                Node::ResourceInstance(ResourceInstance::new(300, Value::Float(0.1))),
                "/7/3/9/300",
            ),
        ];
        for (node, p) in cases {
            let path = p.parse().unwrap();
            // Through the fast path.
            assert!(Sizer::new().node(&node) <= OUT_MAX, "{p}");
            let mut want = vec![0xEE];
            encode_slow(&node, &path, &mut want).unwrap();
            let got = encode(&node, &path).unwrap();
            assert_eq!(got, want[1..], "{p}");
            let singles = match &node {
                Node::ObjectInstance(i) => i
                    .resources
                    .iter()
                    .filter(|r| matches!(r, Resource::Single { .. }))
                    .count(),
                Node::Resource(Resource::Single { .. }) | Node::ResourceInstance(_) => 1,
                _ => 0,
            };
            assert!(got.capacity() <= got.len() + SLACK + 10 * singles, "{p}");
            let mut appended = vec![0xEE];
            encode_to(&node, &path, &mut appended).unwrap();
            assert_eq!(appended, want, "{p}");
        }
    }

    /// An id of 65535 anywhere: the error of the [`Writer`] path, and the buffer unchanged.
    #[test]
    fn reserved_ids_are_refused_with_their_path() {
        let bad_ri = Resource::Multiple {
            id: 6,
            instances: [
                ResourceInstance::new(0, Value::Integer(1)),
                ResourceInstance::new(u16::MAX, Value::Integer(2)),
            ]
            .into_iter()
            .collect(),
        };
        let cases = [
            (
                Node::ObjectInstance(
                    ObjectInstance::new(0)
                        .with(Resource::single(1, "a"))
                        .with(Resource::single(u16::MAX, "b")),
                ),
                "/3/0",
            ),
            (
                Node::ObjectInstance(ObjectInstance::new(0).with(bad_ri.clone())),
                "/3/0",
            ),
            (Node::Resource(bad_ri), "/3/0/6"),
            (
                Node::Object(Object {
                    id: 3,
                    instances: [ObjectInstance::new(1), ObjectInstance::new(u16::MAX)]
                        .into_iter()
                        .collect(),
                }),
                "/3",
            ),
        ];
        for (node, p) in cases {
            let path = p.parse().unwrap();
            let mut slow = vec![0xEE];
            let want = encode_slow(&node, &path, &mut slow).unwrap_err();
            assert!(
                matches!(want, Error::InvalidId { id: u16::MAX, .. }),
                "{p}: {want:?}"
            );
            assert_eq!(encode(&node, &path), Err(want), "{p}");
            let mut buf = vec![0xEE];
            assert_eq!(encode_to(&node, &path, &mut buf), Err(want), "{p}");
            assert_eq!(buf, [0xEE]);
        }
    }

    #[test]
    fn large_payloads_are_appended_like_small_ones() {
        // Past OUT_MAX the encoder appends with the Writer: the same bytes as by hand.
        let blob = vec![0x5A; OUT_MAX + 3];
        let node = Node::Resource(Resource::Multiple {
            id: 7,
            instances: [
                ResourceInstance::new(0, Value::Opaque(blob.clone().into())),
                ResourceInstance::new(300, Value::Opaque(vec![0xFE].into())),
            ]
            .into_iter()
            .collect(),
        });
        let mut want = vec![0xEE];
        let mut w = Writer::new(&mut want);
        let m = w.begin(Kind::MultipleResource, 7).unwrap();
        w.entry(Kind::ResourceInstance, 0, &blob).unwrap();
        w.entry(Kind::ResourceInstance, 300, &[0xFE]).unwrap();
        w.end(m).unwrap();
        let mut got = vec![0xEE];
        encode_to(&node, &"/3/0/7".parse().unwrap(), &mut got).unwrap();
        assert_eq!(got, want);
        let back = decode(&got[1..], &"/3/0/7".parse().unwrap(), &NoModel).unwrap();
        assert_eq!(back, node);
    }
}
