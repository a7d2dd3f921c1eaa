//! Object and resource models: what the DDF says about each object, usable as `static` data
//! (the generated registry) and as owned data (XML loaded at runtime).

use alloc::borrow::Cow;
use core::fmt;
use core::str::FromStr;

use crate::{DataType, Path};

/// The operations a resource allows: any of Read, Write, Execute.
///
/// ```
/// use lwm2m_types::Operations;
/// let rw: Operations = "RW".parse()?;
/// assert!(rw.read && rw.write && !rw.execute);
/// assert_eq!(rw.to_string(), "RW");
/// assert_eq!(Operations::NONE.to_string(), "");
/// # Ok::<(), lwm2m_types::InvalidOperations>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Operations {
    /// Read (`R`).
    pub read: bool,
    /// Write (`W`).
    pub write: bool,
    /// Execute (`E`).
    pub execute: bool,
}

impl Operations {
    /// No operation (the DDF's empty `<Operations/>`, used by Bootstrap-only resources).
    pub const NONE: Self = Self::new(false, false, false);
    /// `R`
    pub const R: Self = Self::new(true, false, false);
    /// `W`
    pub const W: Self = Self::new(false, true, false);
    /// `RW`
    pub const RW: Self = Self::new(true, true, false);
    /// `E`
    pub const E: Self = Self::new(false, false, true);

    /// Operations from their three flags.
    pub const fn new(read: bool, write: bool, execute: bool) -> Self {
        Operations {
            read,
            write,
            execute,
        }
    }
}

impl fmt::Display for Operations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (on, c) in [(self.read, "R"), (self.write, "W"), (self.execute, "E")] {
            if on {
                f.write_str(c)?;
            }
        }
        Ok(())
    }
}

/// The error of parsing [`Operations`]: a letter other than R, W, E, or one given twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidOperations;

impl fmt::Display for InvalidOperations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("operations must be made of the letters R, W and E, each at most once")
    }
}

impl core::error::Error for InvalidOperations {}

impl FromStr for Operations {
    type Err = InvalidOperations;
    /// Parses `R`, `W`, `RW`, `E`, `RWE`, … (any order, surrounding white space ignored);
    /// empty text is [`Operations::NONE`].
    fn from_str(s: &str) -> Result<Self, InvalidOperations> {
        let mut ops = Operations::NONE;
        for c in s.trim().bytes() {
            let flag = match c.to_ascii_uppercase() {
                b'R' => &mut ops.read,
                b'W' => &mut ops.write,
                b'E' => &mut ops.execute,
                _ => return Err(InvalidOperations),
            };
            if *flag {
                return Err(InvalidOperations);
            }
            *flag = true;
        }
        Ok(ops)
    }
}

/// A `major.minor` version: object versions and LwM2M versions.
///
/// ```
/// use lwm2m_types::Version;
/// let v: Version = "1.2".parse()?;
/// assert_eq!(v, Version::new(1, 2));
/// assert!(Version::V1_0 < v);
/// assert_eq!(v.to_string(), "1.2");
/// # Ok::<(), lwm2m_types::InvalidVersion>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Version {
    /// The major number.
    pub major: u8,
    /// The minor number.
    pub minor: u8,
}

impl Version {
    /// 1.0, the default when a DDF gives no version.
    pub const V1_0: Version = Version::new(1, 0);
    /// 1.1
    pub const V1_1: Version = Version::new(1, 1);
    /// 1.2
    pub const V1_2: Version = Version::new(1, 2);

    /// `major.minor`
    pub const fn new(major: u8, minor: u8) -> Self {
        Version { major, minor }
    }
}

impl Default for Version {
    fn default() -> Self {
        Version::V1_0
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The error of parsing a [`Version`]: not `major.minor` with both parts in 0..=255.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidVersion;

impl fmt::Display for InvalidVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("version must be major.minor, e.g. 1.1")
    }
}

impl core::error::Error for InvalidVersion {}

impl FromStr for Version {
    type Err = InvalidVersion;
    /// Parses `1.1` (surrounding white space ignored); a bare `1` means `1.0`.
    fn from_str(s: &str) -> Result<Self, InvalidVersion> {
        let s = s.trim();
        let (maj, min) = s.split_once('.').unwrap_or((s, "0"));
        let num = |t: &str| {
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(InvalidVersion);
            }
            t.parse::<u8>().map_err(|_| InvalidVersion)
        };
        Ok(Version::new(num(maj)?, num(min)?))
    }
}

/// The allowed values of a resource, from the DDF `<RangeEnumeration>`.
///
/// Clean `a..b` forms become typed bounds; any other text (enumerations, lengths such as
/// `0..255 bytes`, lists) is kept as it was written.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Range {
    /// `min..max` with a negative bound, both within `i64`.
    Signed {
        /// The smallest allowed value.
        min: i64,
        /// The largest allowed value.
        max: i64,
    },
    /// `min..max` with non-negative bounds within `u64`.
    Unsigned {
        /// The smallest allowed value.
        min: u64,
        /// The largest allowed value.
        max: u64,
    },
    /// `min..max` where a bound has a fraction or exponent.
    Float {
        /// The smallest allowed value.
        min: f64,
        /// The largest allowed value.
        max: f64,
    },
    /// Any other form, as written in the DDF.
    Raw(Cow<'static, str>),
}

/// What the DDF says about one resource.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ResourceModel {
    /// The resource id.
    pub id: u16,
    /// The name, e.g. `Manufacturer`.
    pub name: Cow<'static, str>,
    /// Allowed operations.
    pub operations: Operations,
    /// Whether the resource has several instances.
    pub multiple: bool,
    /// Whether the resource is mandatory.
    pub mandatory: bool,
    /// The data type ([`DataType::None`] for executable resources).
    pub data_type: DataType,
    /// The allowed values, if the DDF gives any.
    pub range: Option<Range>,
    /// The units (empty if none).
    pub units: Cow<'static, str>,
    /// The description (empty in the bundled registry, which keeps facts only).
    pub description: Cow<'static, str>,
}

impl ResourceModel {
    /// A model with the given id, name and data type: single, optional, readable and writable
    /// (executable with no value for [`DataType::None`]), no range, units or description.
    ///
    /// ```
    /// use lwm2m_types::{DataType, ResourceModel};
    /// let r = ResourceModel::new(9, "Battery Level", DataType::Integer);
    /// assert!(!r.multiple && r.operations.read);
    /// ```
    pub fn new(id: u16, name: impl Into<Cow<'static, str>>, data_type: DataType) -> Self {
        ResourceModel {
            id,
            name: name.into(),
            operations: if data_type == DataType::None {
                Operations::E
            } else {
                Operations::RW
            },
            multiple: false,
            mandatory: false,
            data_type,
            range: None,
            units: Cow::Borrowed(""),
            description: Cow::Borrowed(""),
        }
    }
}

/// What the DDF says about one object (one version of it).
///
/// ```
/// use std::borrow::Cow;
/// use lwm2m_types::{DataType, ModelProvider, ObjectModel, ResourceModel, Version};
/// let mut m = ObjectModel::new(3, "Device");
/// m.resources = Cow::Owned(vec![ResourceModel::new(9, "Battery Level", DataType::Integer)]);
/// assert_eq!(m.resource(9).map(|r| r.data_type), Some(DataType::Integer));
/// // A single model, a slice or a Vec of them is already a ModelProvider.
/// let models = vec![m];
/// assert_eq!(models.data_type(&"/3/0/9".parse().unwrap()), Some(DataType::Integer));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ObjectModel {
    /// The object id.
    pub id: u16,
    /// The name, e.g. `Device`.
    pub name: Cow<'static, str>,
    /// The description (empty in the bundled registry).
    pub description: Cow<'static, str>,
    /// The object version (`ObjectVersion`, 1.0 when absent).
    pub version: Version,
    /// The LwM2M version the object was defined for (`LWM2MVersion`, 1.0 when absent).
    pub lwm2m_version: Version,
    /// The URN, e.g. `urn:oma:lwm2m:oma:3:1.1`.
    pub urn: Cow<'static, str>,
    /// Whether the object may have several instances.
    pub multiple: bool,
    /// Whether the object is mandatory.
    pub mandatory: bool,
    /// The resources, sorted by id.
    pub resources: Cow<'static, [ResourceModel]>,
}

impl ObjectModel {
    /// A model with an id and name, version 1.0, single, optional, and no resources.
    pub fn new(id: u16, name: impl Into<Cow<'static, str>>) -> Self {
        ObjectModel {
            id,
            name: name.into(),
            description: Cow::Borrowed(""),
            version: Version::V1_0,
            lwm2m_version: Version::V1_0,
            urn: Cow::Borrowed(""),
            multiple: false,
            mandatory: false,
            resources: Cow::Borrowed(&[]),
        }
    }

    /// The model of resource `id`. Resources are looked up by binary search when sorted by id
    /// (as the registry keeps them) and by a scan otherwise; a resource at the index equal to
    /// its id (lists numbered from 0 without gaps) is found at once.
    #[inline]
    pub fn resource(&self, id: u16) -> Option<&ResourceModel> {
        index_of(&self.resources, id).map(|i| &self.resources[i])
    }
}

/// The index of resource `id` in `rs`: at the index equal to the id (lists numbered from 0
/// without gaps), by binary search (sorted lists), or by a scan.
#[inline]
fn index_of(rs: &[ResourceModel], id: u16) -> Option<usize> {
    let i = usize::from(id);
    if rs.get(i).is_some_and(|r| r.id == id) {
        return Some(i);
    }
    match rs.binary_search_by_key(&id, |r| r.id) {
        Ok(i) => Some(i),
        Err(_) => rs.iter().position(|r| r.id == id),
    }
}

/// Finds object and resource models by id. Codecs that need resource types take any
/// `&impl ModelProvider`: the bundled registry, models loaded at runtime, or a hand-made one.
pub trait ModelProvider {
    /// The model of object `id` (when several versions are known, the provider chooses).
    fn object(&self, id: u16) -> Option<&ObjectModel>;

    /// The model of resource `resource_id` of object `object_id`.
    ///
    /// An override may only add to the default answer, `object(object_id)?.resource(resource_id)`:
    /// where that answers, it must answer the same. Codecs look resources up through
    /// [`ModelCursor`], which asks `object` once per object and this method only for what the
    /// object's model lacks (as [`Chain`] fills in from its second provider).
    fn resource(&self, object_id: u16, resource_id: u16) -> Option<&ResourceModel> {
        self.object(object_id)?.resource(resource_id)
    }

    /// The data type of the resource named by a resource or resource instance path. An
    /// override must answer the data type of [`ModelProvider::resource`]'s answer.
    fn data_type(&self, path: &Path) -> Option<DataType> {
        self.resource(path.object_id()?, path.resource_id()?)
            .map(|r| r.data_type)
    }
}

/// Resource lookups for one pass over a payload, whose resources mostly come in increasing
/// order: the object's model is looked up once per object, and each resource next to the one
/// found before, by its index when resources are numbered from 0 without gaps, or by a search.
/// It answers what [`ModelProvider::resource`] answers.
///
/// ```
/// use lwm2m_types::{DataType, ModelCursor, ObjectModel, ResourceModel};
/// let mut device = ObjectModel::new(3, "Device");
/// device.resources = vec![
///     ResourceModel::new(0, "Manufacturer", DataType::String),
///     ResourceModel::new(9, "Battery Level", DataType::Integer),
/// ]
/// .into();
/// let models = [device];
/// let mut cursor = ModelCursor::new(&models);
/// assert_eq!(cursor.data_type(3, 0), Some(DataType::String));
/// assert_eq!(cursor.data_type(3, 9), Some(DataType::Integer));
/// assert_eq!(cursor.data_type(3, 10), None);
/// assert!(cursor.resource(4, 0).is_none());
/// ```
#[derive(Debug)]
pub struct ModelCursor<'m, M: ?Sized> {
    model: &'m M,
    /// The object last asked for and its model.
    object: Option<(u16, Option<&'m ObjectModel>)>,
    /// The index, in that model's resources, of the resource found last.
    at: usize,
}

impl<M: ?Sized> Clone for ModelCursor<'_, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M: ?Sized> Copy for ModelCursor<'_, M> {}

impl<'m, M: ModelProvider + ?Sized> ModelCursor<'m, M> {
    /// A cursor over `model`'s objects.
    pub fn new(model: &'m M) -> Self {
        ModelCursor {
            model,
            object: None,
            at: 0,
        }
    }

    /// The model of resource `resource_id` of object `object_id`, as
    /// [`ModelProvider::resource`] answers.
    #[inline]
    pub fn resource(&mut self, object_id: u16, resource_id: u16) -> Option<&'m ResourceModel> {
        // The resource found last again (the instances of a multiple resource), or the next.
        if let Some((id, Some(m))) = self.object
            && id == object_id
        {
            let rs = &*m.resources;
            if let Some(r) = rs.get(self.at)
                && r.id == resource_id
            {
                return Some(r);
            }
            if let Some(r) = rs.get(self.at + 1)
                && r.id == resource_id
            {
                self.at += 1;
                return Some(r);
            }
        }
        self.search(object_id, resource_id)
    }

    /// [`ModelCursor::resource`] for anything but the resource found last.
    fn search(&mut self, object_id: u16, resource_id: u16) -> Option<&'m ResourceModel> {
        let object = match self.object {
            Some((id, m)) if id == object_id => m,
            _ => {
                let m = self.model.object(object_id);
                self.object = Some((object_id, m));
                self.at = 0;
                m
            }
        };
        if let Some(m) = object
            && let Some(i) = Self::find(&m.resources, self.at, resource_id)
        {
            self.at = i;
            return m.resources.get(i);
        }
        let model: &'m M = self.model;
        model.resource(object_id, resource_id)
    }

    /// [`ModelCursor::resource`]'s data type.
    #[inline(always)]
    pub fn data_type(&mut self, object_id: u16, resource_id: u16) -> Option<DataType> {
        self.resource(object_id, resource_id).map(|r| r.data_type)
    }

    /// The index of resource `id` in `rs`: among the few after `at` (the last one found),
    /// else as [`ObjectModel::resource`] finds it.
    #[inline(always)]
    fn find(rs: &[ResourceModel], at: usize, id: u16) -> Option<usize> {
        for (i, r) in rs.iter().enumerate().skip(at).take(3) {
            match r.id {
                x if x == id => return Some(i),
                x if x > id => break,
                _ => {}
            }
        }
        index_of(rs, id)
    }
}

/// A provider that knows no model: codecs then decode only what the bytes themselves type.
///
/// ```
/// use lwm2m_types::{ModelProvider, NoModel};
/// assert!(NoModel.object(3).is_none());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NoModel;

impl ModelProvider for NoModel {
    fn object(&self, _: u16) -> Option<&ObjectModel> {
        None
    }
}

impl ModelProvider for ObjectModel {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        (self.id == id).then_some(self)
    }
}

impl ModelProvider for [ObjectModel] {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        self.iter().find(|m| m.id == id)
    }
}

impl<const N: usize> ModelProvider for [ObjectModel; N] {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        self.as_slice().object(id)
    }
}

impl ModelProvider for alloc::vec::Vec<ObjectModel> {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        self.as_slice().object(id)
    }
}

impl<T: ModelProvider + ?Sized> ModelProvider for &T {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        (**self).object(id)
    }
    fn resource(&self, object_id: u16, resource_id: u16) -> Option<&ResourceModel> {
        (**self).resource(object_id, resource_id)
    }
}

/// Two providers: the first one's answer wins, the second fills in what it does not know.
///
/// ```
/// use lwm2m_types::{ModelProvider, ObjectModel, Chain};
/// let mine = vec![ObjectModel::new(10250, "Private")];
/// let both = Chain(&mine, ObjectModel::new(3, "Device"));
/// assert!(both.object(10250).is_some() && both.object(3).is_some());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Chain<A, B>(pub A, pub B);

impl<A: ModelProvider, B: ModelProvider> ModelProvider for Chain<A, B> {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        self.0.object(id).or_else(|| self.1.object(id))
    }
    fn resource(&self, object_id: u16, resource_id: u16) -> Option<&ResourceModel> {
        self.0
            .resource(object_id, resource_id)
            .or_else(|| self.1.resource(object_id, resource_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn model(ids: &[u16]) -> ObjectModel {
        let mut m = ObjectModel::new(3, "Device");
        m.resources = ids
            .iter()
            .map(|&id| ResourceModel::new(id, "r", DataType::Integer))
            .collect::<Vec<_>>()
            .into();
        m
    }

    #[test]
    fn resource_lookup_in_every_list_shape() {
        // Numbered from 0 without gaps, with gaps, and unsorted.
        for ids in [
            &[0, 1, 2, 3][..],
            &[0, 1, 5, 7, 30],
            &[2, 9, 0, 4],
            &[5, 1],
            &[],
        ] {
            let m = model(ids);
            for id in 0..40 {
                let found = m.resource(id).map(|r| r.id);
                assert_eq!(found, ids.contains(&id).then_some(id), "{ids:?} {id}");
            }
        }
    }

    #[test]
    fn cursor_answers_what_the_provider_answers() {
        // Object 3 in the first provider lacks what the second one's object 3 has: a chain
        // fills in resource by resource, and the cursor must too.
        let mut second = model(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12]);
        for r in second.resources.to_mut() {
            r.data_type = DataType::String;
        }
        let mut other = model(&[0, 3]);
        other.id = 4;
        let lists: [&[u16]; 6] = [
            &[0, 1, 2, 3],
            &[0, 1, 5, 7, 30, 31, 32, 40, 41, 1000],
            &[2, 9, 0, 4],
            &[5, 1],
            &[],
            &[0, 2, 4, 6, 8, 10, 12, 14],
        ];
        let mut x: u32 = 7;
        for ids in lists {
            let models = [model(ids), other.clone()];
            let both = Chain(&models[..], &second);
            let mut cursor = ModelCursor::new(&both);
            let mut alone = ModelCursor::new(&models);
            // Ascending runs, repeats, jumps back and other objects, in a random order.
            for step in 0..2000 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let o = [3, 3, 3, 4, 5][(x >> 8) as usize % 5];
                let r = if step % 3 == 0 {
                    (x >> 16) as u16 % 45
                } else {
                    (step / 3 % 45) as u16
                };
                let want = both.resource(o, r).map(|m| (m.id, m.data_type));
                assert_eq!(cursor.resource(o, r).map(|m| (m.id, m.data_type)), want);
                let want = models.resource(o, r).map(|m| m.id);
                assert_eq!(alone.resource(o, r).map(|m| m.id), want, "{ids:?} {o} {r}");
                assert_eq!(
                    alone.data_type(o, r),
                    models.data_type(&Path::resource(o, 0, r).unwrap())
                );
            }
        }
    }
}
