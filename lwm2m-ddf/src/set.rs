//! A set of models keyed by object id and version.

use std::collections::BTreeMap;
use std::path::Path;

use lwm2m_types::{ModelProvider, ObjectModel, Version};

use crate::error::Error;
use crate::parse::{load_dir, parse_file};

/// Loads a DDF file, or every DDF file under a directory ([`parse_file`] or [`load_dir`]):
/// what a `--ddf FILE_OR_DIR` option needs.
pub fn load(path: impl AsRef<Path>) -> Result<Vec<ObjectModel>, Error> {
    let path = path.as_ref();
    if path.is_dir() {
        load_dir(path)
    } else {
        parse_file(path)
    }
}

/// Models keyed by (object id, version); as a [`ModelProvider`], an object id finds its latest
/// version. Chain it before the bundled registry to let a user's definitions win:
/// `lwm2m_types::Chain(&set, lwm2m_objects::Registry)`.
///
/// ```
/// use lwm2m_ddf::ModelSet;
/// use lwm2m_types::{ModelProvider, ObjectModel, Version};
/// let mut old = ObjectModel::new(10250, "Meter");
/// let mut new = old.clone();
/// new.version = Version::V1_1;
/// let set: ModelSet = [new, old].into_iter().collect();
/// assert_eq!(set.object(10250).map(|m| m.version), Some(Version::V1_1));
/// assert!(set.get(10250, Version::V1_0).is_some());
/// assert_eq!(set.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelSet {
    models: BTreeMap<(u16, Version), ObjectModel>,
}

impl ModelSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a model; returns the one it replaces (same id and version), if any.
    pub fn insert(&mut self, model: ObjectModel) -> Option<ObjectModel> {
        self.models.insert((model.id, model.version), model)
    }

    /// Loads a DDF file or directory (see [`load`]) into the set; returns how many models were
    /// read. Later definitions of an (id, version) replace earlier ones.
    pub fn load(&mut self, path: impl AsRef<Path>) -> Result<usize, Error> {
        let models = load(path)?;
        let n = models.len();
        self.extend(models);
        Ok(n)
    }

    /// Version `version` of object `id`.
    pub fn get(&self, id: u16, version: Version) -> Option<&ObjectModel> {
        self.models.get(&(id, version))
    }

    /// The latest version of object `id`.
    pub fn latest(&self, id: u16) -> Option<&ObjectModel> {
        self.models
            .range((id, Version::new(0, 0))..=(id, Version::new(u8::MAX, u8::MAX)))
            .next_back()
            .map(|(_, m)| m)
    }

    /// Every model, sorted by id and version.
    pub fn iter(&self) -> impl Iterator<Item = &ObjectModel> {
        self.models.values()
    }

    /// How many models the set holds.
    pub fn len(&self) -> usize {
        self.models.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.models.is_empty()
    }
}

impl ModelProvider for ModelSet {
    fn object(&self, id: u16) -> Option<&ObjectModel> {
        self.latest(id)
    }
}

impl Extend<ObjectModel> for ModelSet {
    fn extend<I: IntoIterator<Item = ObjectModel>>(&mut self, iter: I) {
        for m in iter {
            self.insert(m);
        }
    }
}

impl FromIterator<ObjectModel> for ModelSet {
    fn from_iter<I: IntoIterator<Item = ObjectModel>>(iter: I) -> Self {
        let mut set = ModelSet::new();
        set.extend(iter);
        set
    }
}

impl IntoIterator for ModelSet {
    type Item = ObjectModel;
    type IntoIter = std::collections::btree_map::IntoValues<(u16, Version), ObjectModel>;
    fn into_iter(self) -> Self::IntoIter {
        self.models.into_values()
    }
}
