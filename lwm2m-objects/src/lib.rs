#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

use lwm2m_types::{ModelProvider, ObjectModel, Version};

include!(concat!(env!("OUT_DIR"), "/objects.rs"));

/// The bundled registry: every version of every object of the OMA registry.
///
/// As a [`ModelProvider`], an object id finds the latest version; [`Registry::get_version`]
/// finds a given one.
///
/// ```
/// use lwm2m_objects::Registry;
/// use lwm2m_types::{DataType, ModelProvider, Version};
/// let device = Registry.object(3).unwrap();
/// assert_eq!((device.name.as_ref(), device.version), ("Device", Version::new(1, 2)));
/// assert_eq!(Registry.get_version(3, Version::V1_0).unwrap().version, Version::V1_0);
/// assert_eq!(Registry.data_type(&"/3/0/9".parse().unwrap()), Some(DataType::Integer));
/// assert_eq!(Registry.lookup("3@1.1").map(|m| m.version), Some(Version::V1_1));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Registry;

impl Registry {
    /// The latest version of object `id`.
    pub fn get(&self, id: u16) -> Option<&'static ObjectModel> {
        latest(id)
    }

    /// Version `version` of object `id`.
    pub fn get_version(&self, id: u16, version: Version) -> Option<&'static ObjectModel> {
        model(id, version)
    }

    /// Finds a model by `ID` (latest version) or `ID@MAJOR.MINOR`, as the CLI's
    /// `lwm2m objects 3@1.1` writes it.
    pub fn lookup(&self, spec: &str) -> Option<&'static ObjectModel> {
        let (id, version) = match spec.trim().split_once('@') {
            Some((id, v)) => (id, Some(v.parse::<Version>().ok()?)),
            None => (spec.trim(), None),
        };
        let id: u16 = id.trim().parse().ok()?;
        match version {
            Some(v) => model(id, v),
            None => latest(id),
        }
    }

    /// Every version of object `id`, oldest first.
    pub fn versions(&self, id: u16) -> impl Iterator<Item = &'static ObjectModel> {
        let start = MODELS.partition_point(|m| m.id < id);
        MODELS[start..]
            .iter()
            .copied()
            .take_while(move |m| m.id == id)
    }

    /// Every model (all versions), sorted by id and version.
    pub fn iter(&self) -> impl Iterator<Item = &'static ObjectModel> {
        MODELS.iter().copied()
    }

    /// The latest version of every object, sorted by id.
    pub fn latest(&self) -> impl Iterator<Item = &'static ObjectModel> {
        MODELS
            .iter()
            .enumerate()
            .filter(|(i, m)| MODELS.get(i + 1).is_none_or(|next| next.id != m.id))
            .map(|(_, m)| *m)
    }

    /// How many models (all versions) the registry holds.
    pub fn len(&self) -> usize {
        MODELS.len()
    }

    /// Whether the registry is empty (never, for the bundled one).
    pub fn is_empty(&self) -> bool {
        MODELS.is_empty()
    }
}

impl ModelProvider for Registry {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        latest(id)
    }
}
