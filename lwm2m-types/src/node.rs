//! The LwM2M node tree, composite and timestamped content, and flat records.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::{Error, Level, Path, Value};

/// Something that has an LwM2M id; the element type of [`IdMap`].
pub trait HasId {
    /// The id of this node.
    fn id(&self) -> u16;
}

/// Nodes kept sorted by id, at most one per id.
///
/// A `Vec` underneath: lookups are binary searches, and inserting in ascending order (the order
/// every format writes) is an append.
///
/// ```
/// use lwm2m_types::{IdMap, ResourceInstance, Value};
/// let mut m = IdMap::new();
/// assert!(m.insert(ResourceInstance::new(1, Value::Integer(5))).is_none());
/// assert!(m.insert(ResourceInstance::new(0, Value::Integer(1))).is_none());
/// assert_eq!(m.ids().collect::<Vec<_>>(), [0, 1]);
/// // Inserting an id again replaces the node and returns the old one.
/// assert!(m.insert(ResourceInstance::new(1, Value::Integer(6))).is_some());
/// assert_eq!(m.get(1).unwrap().value, Value::Integer(6));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct IdMap<T> {
    items: Vec<T>,
}

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        IdMap { items: Vec::new() }
    }
}

impl<T: HasId> IdMap<T> {
    /// An empty map.
    pub const fn new() -> Self {
        IdMap { items: Vec::new() }
    }

    /// An empty map with room for `n` nodes.
    #[inline]
    pub fn with_capacity(n: usize) -> Self {
        IdMap {
            items: Vec::with_capacity(n),
        }
    }

    /// How many nodes there are.
    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no nodes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    #[inline]
    fn find(&self, id: u16) -> Result<usize, usize> {
        match self.items.last() {
            Some(last) if last.id() < id => Err(self.items.len()),
            _ => self.items.binary_search_by_key(&id, HasId::id),
        }
    }

    /// The node with this id.
    #[inline]
    pub fn get(&self, id: u16) -> Option<&T> {
        self.find(id).ok().map(|i| &self.items[i])
    }

    /// The node with this id, mutably (its id must not be changed).
    pub fn get_mut(&mut self, id: u16) -> Option<&mut T> {
        match self.find(id) {
            Ok(i) => Some(&mut self.items[i]),
            Err(_) => None,
        }
    }

    /// Whether a node has this id.
    pub fn contains(&self, id: u16) -> bool {
        self.find(id).is_ok()
    }

    /// Appends `node` when its id is above every id in the map; gives it back otherwise. For
    /// decoders that read ids in ascending order: unlike [`IdMap::insert`], nothing is
    /// returned to drop when the node is appended.
    ///
    /// ```
    /// use lwm2m_types::{IdMap, ResourceInstance, Value};
    /// let mut map = IdMap::new();
    /// assert!(map.push(ResourceInstance::new(1, Value::Integer(5))).is_ok());
    /// let again = map.push(ResourceInstance::new(1, Value::Integer(6)));
    /// assert_eq!(again.unwrap_err().value, Value::Integer(6));
    /// assert_eq!(map.len(), 1);
    /// ```
    #[inline]
    pub fn push(&mut self, node: T) -> Result<(), T> {
        if self.items.last().is_some_and(|last| last.id() >= node.id()) {
            return Err(node);
        }
        self.items.push(node);
        Ok(())
    }

    /// Inserts `node`, returning the node it replaces.
    ///
    /// A node whose id is above every id in the map (the ascending order every format writes)
    /// is appended, without a search.
    #[inline]
    pub fn insert(&mut self, node: T) -> Option<T> {
        match self.items.last() {
            Some(last) if last.id() >= node.id() => self.insert_before_last(node),
            _ => {
                self.items.push(node);
                None
            }
        }
    }

    /// [`IdMap::insert`] of a node whose id is not above the last one: a binary search.
    fn insert_before_last(&mut self, node: T) -> Option<T> {
        match self.items.binary_search_by_key(&node.id(), HasId::id) {
            Ok(i) => Some(core::mem::replace(&mut self.items[i], node)),
            Err(i) => {
                self.items.insert(i, node);
                None
            }
        }
    }

    /// The node with this id, inserting `make()` first if there is none.
    pub fn get_or_insert_with(&mut self, id: u16, make: impl FnOnce() -> T) -> &mut T {
        let i = match self.find(id) {
            Ok(i) => i,
            Err(i) => {
                self.items.insert(i, make());
                i
            }
        };
        &mut self.items[i]
    }

    /// Removes the node with this id.
    pub fn remove(&mut self, id: u16) -> Option<T> {
        self.find(id).ok().map(|i| self.items.remove(i))
    }

    /// The nodes in ascending id order.
    #[inline]
    pub fn iter(&self) -> core::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The nodes in ascending id order, mutably (ids must not be changed).
    pub fn iter_mut(&mut self) -> core::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// The ids in ascending order.
    pub fn ids(&self) -> impl Iterator<Item = u16> + '_ {
        self.items.iter().map(HasId::id)
    }

    /// The nodes as a slice, in ascending id order.
    #[inline]
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// Builds a map from nodes, failing with the first id that appears twice.
    ///
    /// ```
    /// use lwm2m_types::{IdMap, ResourceInstance, Value};
    /// let two = [ResourceInstance::new(0, Value::Boolean(true)), ResourceInstance::new(0, Value::Boolean(false))];
    /// assert_eq!(IdMap::try_from_iter(two).unwrap_err(), 0);
    /// ```
    pub fn try_from_iter<I: IntoIterator<Item = T>>(iter: I) -> Result<Self, u16> {
        let mut m = IdMap::new();
        for node in iter {
            let id = node.id();
            if m.insert(node).is_some() {
                return Err(id);
            }
        }
        Ok(m)
    }
}

impl<T: HasId> FromIterator<T> for IdMap<T> {
    /// Later nodes replace earlier ones with the same id.
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut m = IdMap::new();
        for node in iter {
            m.insert(node);
        }
        m
    }
}

impl<T> IntoIterator for IdMap<T> {
    type Item = T;
    type IntoIter = alloc::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a IdMap<T> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(feature = "serde")]
impl<T: serde::Serialize> serde::Serialize for IdMap<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de, T: serde::Deserialize<'de> + HasId> serde::Deserialize<'de> for IdMap<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(d)?;
        IdMap::try_from_iter(items)
            .map_err(|id| serde::de::Error::custom(alloc::format!("duplicate id {id}")))
    }
}

/// An object: its instances.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Object {
    /// The object id.
    pub id: u16,
    /// The instances, by instance id.
    pub instances: IdMap<ObjectInstance>,
}

/// An object instance: its resources.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ObjectInstance {
    /// The instance id.
    pub id: u16,
    /// The resources, by resource id.
    pub resources: IdMap<Resource>,
}

/// A resource: a single value, or zero or more resource instances.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Resource {
    /// A single-instance resource.
    Single {
        /// The resource id.
        id: u16,
        /// Its value.
        value: Value,
    },
    /// A multiple-instance resource (possibly with no instances).
    Multiple {
        /// The resource id.
        id: u16,
        /// The instances, by resource instance id.
        instances: IdMap<ResourceInstance>,
    },
}

/// One instance of a multiple resource.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResourceInstance {
    /// The resource instance id.
    pub id: u16,
    /// Its value.
    pub value: Value,
}

impl HasId for Object {
    #[inline]
    fn id(&self) -> u16 {
        self.id
    }
}
impl HasId for ObjectInstance {
    #[inline]
    fn id(&self) -> u16 {
        self.id
    }
}
impl HasId for Resource {
    #[inline]
    fn id(&self) -> u16 {
        match self {
            Resource::Single { id, .. } | Resource::Multiple { id, .. } => *id,
        }
    }
}
impl HasId for ResourceInstance {
    #[inline]
    fn id(&self) -> u16 {
        self.id
    }
}

impl Object {
    /// An object with no instances.
    pub fn new(id: u16) -> Self {
        Object {
            id,
            instances: IdMap::new(),
        }
    }

    /// Adds an instance (builder style).
    pub fn with(mut self, instance: ObjectInstance) -> Self {
        self.instances.insert(instance);
        self
    }
}

impl ObjectInstance {
    /// An instance with no resources.
    pub fn new(id: u16) -> Self {
        ObjectInstance {
            id,
            resources: IdMap::new(),
        }
    }

    /// Adds a resource (builder style).
    ///
    /// ```
    /// use lwm2m_types::{ObjectInstance, Resource, Value};
    /// let i = ObjectInstance::new(0)
    ///     .with(Resource::single(9, Value::Integer(100)))
    ///     .with(Resource::multiple(7, [(0, Value::Integer(3800))]));
    /// assert_eq!(i.resources.len(), 2);
    /// assert_eq!(i.resources.get(9).and_then(Resource::value), Some(&Value::Integer(100)));
    /// ```
    pub fn with(mut self, resource: Resource) -> Self {
        self.resources.insert(resource);
        self
    }
}

impl Resource {
    /// A single resource.
    pub fn single(id: u16, value: impl Into<Value>) -> Self {
        Resource::Single {
            id,
            value: value.into(),
        }
    }

    /// A multiple resource from `(instance id, value)` pairs; a later pair replaces an earlier
    /// one with the same id.
    pub fn multiple<V: Into<Value>>(
        id: u16,
        instances: impl IntoIterator<Item = (u16, V)>,
    ) -> Self {
        Resource::Multiple {
            id,
            instances: instances
                .into_iter()
                .map(|(i, v)| ResourceInstance::new(i, v))
                .collect(),
        }
    }

    /// The value of a single resource.
    pub fn value(&self) -> Option<&Value> {
        match self {
            Resource::Single { value, .. } => Some(value),
            Resource::Multiple { .. } => None,
        }
    }

    /// The instances of a multiple resource.
    pub fn instances(&self) -> Option<&IdMap<ResourceInstance>> {
        match self {
            Resource::Multiple { instances, .. } => Some(instances),
            Resource::Single { .. } => None,
        }
    }

    /// Whether this is a multiple resource.
    pub fn is_multiple(&self) -> bool {
        matches!(self, Resource::Multiple { .. })
    }
}

impl ResourceInstance {
    /// A resource instance.
    pub fn new(id: u16, value: impl Into<Value>) -> Self {
        ResourceInstance {
            id,
            value: value.into(),
        }
    }
}

/// Any node of the tree: what a Read of a path returns, what a Write carries.
///
/// ```
/// use lwm2m_types::{Node, Path, Resource, Value};
/// let node = Node::Resource(Resource::single(9, Value::Integer(100)));
/// let records = node.to_records(&"/3/0/9".parse()?)?;
/// assert_eq!(records[0].path.to_string(), "/3/0/9");
/// assert_eq!(Node::from_records(&"/3/0/9".parse()?, records)?, node);
/// # Ok::<(), lwm2m_types::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Node {
    /// Everything below `/`: the objects.
    Root(IdMap<Object>),
    /// `/o`
    Object(Object),
    /// `/o/i`
    ObjectInstance(ObjectInstance),
    /// `/o/i/r`
    Resource(Resource),
    /// `/o/i/r/ri`
    ResourceInstance(ResourceInstance),
}

/// One value and its full path: the flat form of a node.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Record {
    /// A resource path (`/o/i/r`) or resource instance path (`/o/i/r/ri`).
    pub path: Path,
    /// The value.
    pub value: Value,
}

impl Node {
    /// The level of path this node sits at.
    pub fn level(&self) -> Level {
        match self {
            Node::Root(_) => Level::Root,
            Node::Object(_) => Level::Object,
            Node::ObjectInstance(_) => Level::ObjectInstance,
            Node::Resource(_) => Level::Resource,
            Node::ResourceInstance(_) => Level::ResourceInstance,
        }
    }

    /// The node's own id (`None` for the root).
    pub fn id(&self) -> Option<u16> {
        match self {
            Node::Root(_) => None,
            Node::Object(n) => Some(n.id),
            Node::ObjectInstance(n) => Some(n.id),
            Node::Resource(n) => Some(n.id()),
            Node::ResourceInstance(n) => Some(n.id),
        }
    }

    /// Checks that this node can sit at `path`: same level and same last id.
    pub fn check_path(&self, path: &Path) -> Result<(), Error> {
        if self.level() != path.level() || self.id() != path.last_id() {
            return Err(Error::WrongLevel {
                path: *path,
                expected: "a node whose level and id match the path",
            });
        }
        Ok(())
    }

    /// Calls `f` with the full path and value of every value below this node, in path order.
    /// `path` is the path of this node itself.
    ///
    /// ```
    /// use lwm2m_types::{Node, ObjectInstance, Resource, Value};
    /// let node = Node::ObjectInstance(ObjectInstance::new(0)
    ///     .with(Resource::multiple(6, [(0, Value::Integer(1)), (1, Value::Integer(5))])));
    /// let mut seen = vec![];
    /// node.visit_values(&"/3/0".parse()?, &mut |p, v| { seen.push((p.to_string(), v.clone())); Ok::<_, lwm2m_types::Error>(()) })?;
    /// assert_eq!(seen[1], ("/3/0/6/1".to_string(), Value::Integer(5)));
    /// # Ok::<(), lwm2m_types::Error>(())
    /// ```
    pub fn visit_values<E: From<Error>>(
        &self,
        path: &Path,
        f: &mut impl FnMut(Path, &Value) -> Result<(), E>,
    ) -> Result<(), E> {
        self.check_path(path)?;
        match self {
            Node::Root(objects) => objects.iter().try_for_each(|o| visit_object(o, path, f)),
            Node::Object(o) => visit_object(o, &Path::ROOT, f),
            Node::ObjectInstance(i) => visit_instance(i, &parent(path), f),
            Node::Resource(r) => visit_resource(r, &parent(path), f),
            Node::ResourceInstance(ri) => f(*path, &ri.value),
        }
    }

    /// The flat list of (path, value) records below this node; `path` is the node's own path.
    pub fn to_records(&self, path: &Path) -> Result<Vec<Record>, Error> {
        let mut out = Vec::new();
        self.visit_values(path, &mut |path, value| {
            out.push(Record {
                path,
                value: value.clone(),
            });
            Ok::<_, Error>(())
        })?;
        Ok(out)
    }

    /// Builds the node at `path` from records, each of which must lie at or below `path`.
    /// A resource with records at `/o/i/r/ri` becomes a multiple resource.
    pub fn from_records(
        path: &Path,
        records: impl IntoIterator<Item = Record>,
    ) -> Result<Node, Error> {
        let mut b = NodeBuilder::new(*path);
        for r in records {
            b.push(r.path, r.value)?;
        }
        b.finish()
    }
}

fn parent(path: &Path) -> Path {
    path.parent().unwrap_or(Path::ROOT)
}

fn child(path: &Path, id: u16) -> Result<Path, Error> {
    path.child(id)
}

fn visit_object<E: From<Error>>(
    o: &Object,
    parent: &Path,
    f: &mut impl FnMut(Path, &Value) -> Result<(), E>,
) -> Result<(), E> {
    let p = child(parent, o.id)?;
    o.instances
        .iter()
        .try_for_each(|i| visit_instance(i, &p, f))
}

fn visit_instance<E: From<Error>>(
    i: &ObjectInstance,
    parent: &Path,
    f: &mut impl FnMut(Path, &Value) -> Result<(), E>,
) -> Result<(), E> {
    let p = child(parent, i.id)?;
    i.resources
        .iter()
        .try_for_each(|r| visit_resource(r, &p, f))
}

fn visit_resource<E: From<Error>>(
    r: &Resource,
    parent: &Path,
    f: &mut impl FnMut(Path, &Value) -> Result<(), E>,
) -> Result<(), E> {
    let p = child(parent, r.id())?;
    match r {
        Resource::Single { value, .. } => f(p, value),
        Resource::Multiple { instances, .. } => instances
            .iter()
            .try_for_each(|ri| f(child(&p, ri.id)?, &ri.value)),
    }
}

impl From<Object> for Node {
    fn from(n: Object) -> Self {
        Node::Object(n)
    }
}
impl From<ObjectInstance> for Node {
    fn from(n: ObjectInstance) -> Self {
        Node::ObjectInstance(n)
    }
}
impl From<Resource> for Node {
    fn from(n: Resource) -> Self {
        Node::Resource(n)
    }
}
impl From<ResourceInstance> for Node {
    fn from(n: ResourceInstance) -> Self {
        Node::ResourceInstance(n)
    }
}

/// Builds the node at a request path from values that arrive one path at a time, in any order.
///
/// Every decoder that reads flat records (SenML, LwM2M CBOR, the LwM2M 1.0 JSON) uses it, so they
/// share one set of rules: a value must lie at or below the request path, at resource or resource
/// instance level; the same path twice is a [`Error::Conflict`], and so is a resource that is
/// given both a single value and instances.
///
/// ```
/// use lwm2m_types::{Node, NodeBuilder, Path, Value, Error};
/// let mut b = NodeBuilder::new("/3/0".parse()?);
/// b.push("/3/0/9".parse()?, Value::Integer(100))?;
/// b.push("/3/0/6/0".parse()?, Value::Integer(1))?;
/// assert!(matches!(b.push("/3/0/6".parse()?, Value::Integer(1)), Err(Error::Conflict { .. })));
/// assert!(matches!(b.push("/4/0/1".parse()?, Value::Integer(1)), Err(Error::OutsidePath { .. })));
/// let Node::ObjectInstance(i) = b.finish()? else { panic!() };
/// assert_eq!(i.resources.len(), 2);
/// # Ok::<(), lwm2m_types::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct NodeBuilder {
    request: Path,
    objects: IdMap<Object>,
}

impl NodeBuilder {
    /// A builder for the node at `request`.
    pub fn new(request: Path) -> Self {
        NodeBuilder {
            request,
            objects: IdMap::new(),
        }
    }

    /// The request path.
    pub fn request(&self) -> &Path {
        &self.request
    }

    /// Adds the value at `path` (`/o/i/r` or `/o/i/r/ri`, at or below the request path).
    pub fn push(&mut self, path: Path, value: Value) -> Result<(), Error> {
        if !path.starts_with(&self.request) {
            return Err(Error::OutsidePath {
                request: self.request,
                path,
            });
        }
        let ids = path.ids();
        if ids.len() < 3 {
            return Err(Error::WrongLevel {
                path,
                expected: "a resource or resource instance path for a value",
            });
        }
        let inst = self.instance_mut(ids[0], ids[1]);
        let conflict = Error::Conflict { path };
        if ids.len() == 3 {
            if inst
                .resources
                .insert(Resource::Single { id: ids[2], value })
                .is_some()
            {
                return Err(conflict);
            }
            return Ok(());
        }
        let res = inst
            .resources
            .get_or_insert_with(ids[2], || Resource::Multiple {
                id: ids[2],
                instances: IdMap::new(),
            });
        match res {
            Resource::Multiple { instances, .. } => {
                if instances
                    .insert(ResourceInstance { id: ids[3], value })
                    .is_some()
                {
                    return Err(conflict);
                }
                Ok(())
            }
            Resource::Single { .. } => Err(conflict),
        }
    }

    /// Creates an empty aggregate at `path` if there is none yet: an object, an object instance,
    /// or (at resource level) a multiple resource with no instances.
    pub fn push_empty(&mut self, path: Path) -> Result<(), Error> {
        if !path.starts_with(&self.request) && !self.request.starts_with(&path) {
            return Err(Error::OutsidePath {
                request: self.request,
                path,
            });
        }
        let ids = path.ids();
        match ids.len() {
            0 => Ok(()),
            1 => {
                self.objects
                    .get_or_insert_with(ids[0], || Object::new(ids[0]));
                Ok(())
            }
            2 => {
                self.instance_mut(ids[0], ids[1]);
                Ok(())
            }
            3 => {
                let inst = self.instance_mut(ids[0], ids[1]);
                match inst
                    .resources
                    .get_or_insert_with(ids[2], || Resource::Multiple {
                        id: ids[2],
                        instances: IdMap::new(),
                    }) {
                    Resource::Multiple { .. } => Ok(()),
                    Resource::Single { .. } => Err(Error::Conflict { path }),
                }
            }
            _ => Err(Error::WrongLevel {
                path,
                expected: "an object, instance or resource path for an empty node",
            }),
        }
    }

    fn instance_mut(&mut self, o: u16, i: u16) -> &mut ObjectInstance {
        self.objects
            .get_or_insert_with(o, || Object::new(o))
            .instances
            .get_or_insert_with(i, || ObjectInstance::new(i))
    }

    /// Whether no value or empty node has been added.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }

    /// The node at the request path. An object or object instance request with no values gives
    /// an empty node; a resource or resource instance request with no value is an error.
    pub fn finish(mut self) -> Result<Node, Error> {
        let req = self.request;
        let ids = req.ids();
        let missing = Error::WrongLevel {
            path: req,
            expected: "a value at the request path",
        };
        if ids.is_empty() {
            return Ok(Node::Root(self.objects));
        }
        let object = self
            .objects
            .remove(ids[0])
            .unwrap_or_else(|| Object::new(ids[0]));
        if ids.len() == 1 {
            return Ok(Node::Object(object));
        }
        let mut object = object;
        let instance = object
            .instances
            .remove(ids[1])
            .unwrap_or_else(|| ObjectInstance::new(ids[1]));
        if ids.len() == 2 {
            return Ok(Node::ObjectInstance(instance));
        }
        let mut instance = instance;
        let resource = instance.resources.remove(ids[2]).ok_or(missing)?;
        if ids.len() == 3 {
            return Ok(Node::Resource(resource));
        }
        match resource {
            Resource::Multiple { mut instances, .. } => instances
                .remove(ids[3])
                .map(Node::ResourceInstance)
                .ok_or(missing),
            Resource::Single { .. } => Err(missing),
        }
    }
}

/// Content for several paths at once: Read-Composite request paths (no node), Read-Composite
/// responses and Observe-Composite notifications, Write-Composite and Send bodies.
///
/// A path with no node is a path alone: in a Read-/Observe-Composite request it names what to
/// read; in a Write-Composite request it deletes that resource instance (LwM2M 1.2).
///
/// ```
/// use lwm2m_types::{Composite, Node, Path, Resource, Value};
/// let mut c = Composite::new();
/// c.insert("/3/0/9".parse()?, Some(Node::Resource(Resource::single(9, Value::Integer(100)))));
/// c.insert("/1".parse()?, None);
/// assert_eq!(c.paths().map(|p| p.to_string()).collect::<Vec<_>>(), ["/1", "/3/0/9"]);
/// # Ok::<(), lwm2m_types::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Composite {
    /// Each path with its node, or `None` for a path alone.
    pub entries: BTreeMap<Path, Option<Node>>,
}

impl Composite {
    /// Empty content.
    pub fn new() -> Self {
        Composite::default()
    }

    /// Adds a path with its node (or `None`), returning what was there before.
    pub fn insert(&mut self, path: Path, node: Option<Node>) -> Option<Option<Node>> {
        self.entries.insert(path, node)
    }

    /// The node at `path`: `None` if the path is absent, `Some(None)` for a path alone.
    pub fn get(&self, path: &Path) -> Option<Option<&Node>> {
        self.entries.get(path).map(Option::as_ref)
    }

    /// The paths in order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> + '_ {
        self.entries.keys()
    }

    /// How many paths there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no paths.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every value below every node, with its full path, in path order.
    pub fn to_records(&self) -> Result<Vec<Record>, Error> {
        let mut out = Vec::new();
        for (path, node) in &self.entries {
            if let Some(node) = node {
                out.extend(node.to_records(path)?);
            }
        }
        Ok(out)
    }
}

/// One snapshot of a timestamped series: the content at one time.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimestampedEntry {
    /// Seconds since the Unix epoch (SenML allows fractions); `None` when the values carry no
    /// time. SenML times below 2^28 are relative to "now" and are kept as they were written.
    pub time: Option<f64>,
    /// The nodes at that time, by path.
    pub content: Composite,
}

/// A series of (time, content) snapshots: notifications with history, timestamped Send.
///
/// ```
/// use lwm2m_types::{Composite, Node, Resource, Timestamped, TimestampedEntry, Value};
/// let mut c = Composite::new();
/// c.insert("/72/1/2".parse()?, Some(Node::Resource(Resource::single(2, Value::Float(22.4)))));
/// let series = Timestamped { entries: vec![TimestampedEntry { time: Some(25462629.0), content: c }] };
/// assert_eq!(series.entries[0].content.to_records()?.len(), 1);
/// # Ok::<(), lwm2m_types::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Timestamped {
    /// The snapshots, in the order they were written.
    pub entries: Vec<TimestampedEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn p(s: &str) -> Path {
        s.parse().unwrap()
    }

    fn device() -> ObjectInstance {
        ObjectInstance::new(0)
            .with(Resource::single(0, "Open Mobile Alliance"))
            .with(Resource::multiple(
                6,
                [(0, Value::Integer(1)), (1, Value::Integer(5))],
            ))
            .with(Resource::single(9, Value::Integer(100)))
    }

    #[test]
    fn records_round_trip_at_every_level() {
        let inst = device();
        let obj = Object::new(3).with(inst.clone());
        let cases = [
            (Node::Root([obj.clone()].into_iter().collect()), "/"),
            (Node::Object(obj), "/3"),
            (Node::ObjectInstance(inst.clone()), "/3/0"),
            (
                Node::Resource(inst.resources.get(6).unwrap().clone()),
                "/3/0/6",
            ),
            (
                Node::ResourceInstance(ResourceInstance::new(1, Value::Integer(5))),
                "/3/0/6/1",
            ),
        ];
        for (node, path) in cases {
            let records = node.to_records(&p(path)).unwrap();
            assert!(!records.is_empty());
            assert!(records.iter().all(|r| r.path.starts_with(&p(path))));
            assert_eq!(
                Node::from_records(&p(path), records).unwrap(),
                node,
                "{path}"
            );
        }
    }

    #[test]
    fn records_are_in_path_order() {
        let recs = Node::ObjectInstance(device())
            .to_records(&p("/3/0"))
            .unwrap();
        let paths: Vec<_> = recs.iter().map(|r| r.path.to_string()).collect();
        assert_eq!(paths, ["/3/0/0", "/3/0/6/0", "/3/0/6/1", "/3/0/9"]);
    }

    #[test]
    fn wrong_path_for_node_is_an_error() {
        let node = Node::ObjectInstance(device());
        assert!(node.to_records(&p("/3/1")).is_err());
        assert!(node.to_records(&p("/3/0/0")).is_err());
    }

    #[test]
    fn builder_conflicts() {
        let mut b = NodeBuilder::new(p("/3/0"));
        b.push(p("/3/0/9"), Value::Integer(1)).unwrap();
        assert_eq!(
            b.push(p("/3/0/9"), Value::Integer(2)),
            Err(Error::Conflict { path: p("/3/0/9") })
        );
        assert_eq!(
            b.push(p("/3/0/9/0"), Value::Integer(2)),
            Err(Error::Conflict {
                path: p("/3/0/9/0")
            })
        );
        b.push(p("/3/0/6/0"), Value::Integer(2)).unwrap();
        assert_eq!(
            b.push(p("/3/0/6"), Value::Integer(2)),
            Err(Error::Conflict { path: p("/3/0/6") })
        );
        assert!(matches!(
            b.push(p("/3/0"), Value::Integer(2)),
            Err(Error::WrongLevel { .. })
        ));
        assert!(matches!(
            b.push(p("/3/1/0"), Value::Integer(2)),
            Err(Error::OutsidePath { .. })
        ));
    }

    #[test]
    fn id_map_insert_in_any_order() {
        // Against a BTreeMap: appends (ascending ids), inserts before the last id, replacements.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..200u64 {
            let mut m = IdMap::new();
            let mut want = BTreeMap::new();
            for k in 0..(round % 40) {
                let id = match next() % 4 {
                    0 => (next() % 30) as u16,
                    _ => m
                        .ids()
                        .last()
                        .map_or(0, |l: u16| l.saturating_add(1 + (next() % 3) as u16)),
                };
                let value = Value::Integer(k as i64);
                let old = m.insert(ResourceInstance::new(id, value.clone()));
                assert_eq!(old.map(|o| o.value), want.insert(id, value));
                let ids: Vec<u16> = m.ids().collect();
                assert_eq!(ids, want.keys().copied().collect::<Vec<_>>());
            }
            for (id, v) in &want {
                assert_eq!(m.get(*id).map(|r| &r.value), Some(v));
            }
        }
    }

    #[test]
    fn builder_empty_nodes() {
        let b = NodeBuilder::new(p("/3/0"));
        assert_eq!(
            b.finish().unwrap(),
            Node::ObjectInstance(ObjectInstance::new(0))
        );
        assert!(NodeBuilder::new(p("/3/0/1")).finish().is_err());
        let mut b = NodeBuilder::new(p("/3/0/7"));
        b.push_empty(p("/3/0/7")).unwrap();
        assert_eq!(
            b.finish().unwrap(),
            Node::Resource(Resource::Multiple {
                id: 7,
                instances: IdMap::new()
            })
        );
        let mut b = NodeBuilder::new(p("/"));
        b.push_empty(p("/5")).unwrap();
        assert_eq!(
            b.finish().unwrap(),
            Node::Root([Object::new(5)].into_iter().collect())
        );
    }

    #[test]
    fn composite_records() {
        let mut c = Composite::new();
        c.insert(
            p("/3/0/9"),
            Some(Node::Resource(Resource::single(9, Value::Integer(100)))),
        );
        c.insert(p("/1/0/1"), None);
        let recs = c.to_records().unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].path.to_string(), "/3/0/9");
        assert_eq!(c.get(&p("/1/0/1")), Some(None));
        assert_eq!(c.get(&p("/1/0/2")), None);
    }
}
