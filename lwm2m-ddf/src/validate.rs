//! Opt-in checks of a parsed model: report problems, never fix them.

use std::fmt;

use lwm2m_types::{DataType, ObjectModel, Version};

/// One problem [`validate`] found in a model.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The object id is 65535 (reserved).
    ObjectIdOutOfRange {
        /// The object id.
        object: u16,
    },
    /// A resource id is 65535 (reserved).
    ResourceIdOutOfRange {
        /// The object id.
        object: u16,
        /// The resource id.
        resource: u16,
    },
    /// Two or more resources share an id.
    DuplicateResource {
        /// The object id.
        object: u16,
        /// The repeated resource id.
        resource: u16,
    },
    /// A resource is executable but has a type, or has no type but is not executable
    /// (registry example: `10482.xml` resource 5, `R` with an empty type).
    ExecutableType {
        /// The object id.
        object: u16,
        /// The resource id.
        resource: u16,
        /// Whether the resource is executable.
        executable: bool,
        /// Its data type.
        data_type: DataType,
    },
    /// The URN is not `urn:oma:lwm2m:{oma|ext|x}:{id}` (with `:{major}.{minor}` when the object
    /// version is not 1.0).
    UrnMismatch {
        /// The object id.
        object: u16,
        /// The object version.
        version: Version,
        /// The URN as written.
        urn: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::ObjectIdOutOfRange { object } => {
                write!(f, "object id {object} is out of range 0..=65534")
            }
            Problem::ResourceIdOutOfRange { object, resource } => {
                write!(
                    f,
                    "/{object}: resource id {resource} is out of range 0..=65534"
                )
            }
            Problem::DuplicateResource { object, resource } => {
                write!(
                    f,
                    "/{object}: resource id {resource} is defined more than once"
                )
            }
            Problem::ExecutableType {
                object,
                resource,
                executable: true,
                data_type,
            } => write!(
                f,
                "/{object}/{resource}: executable resource has type {data_type}"
            ),
            Problem::ExecutableType {
                object, resource, ..
            } => write!(
                f,
                "/{object}/{resource}: resource with no type is not executable"
            ),
            Problem::UrnMismatch {
                object,
                version,
                urn,
            } => write!(
                f,
                "/{object}: urn {urn:?} does not match object {object} version {version}"
            ),
        }
    }
}

/// Checks a model: ids in 0..=65534, no duplicate resource ids, executable exactly when the
/// type is empty, and the URN matching the id and version. Returns every problem found (empty
/// when the model is clean).
///
/// ```
/// use lwm2m_ddf::{Problem, validate};
/// let xml = r#"<LWM2M><Object ObjectType="MODefinition"><Name>X</Name><ObjectID>10250</ObjectID>
///   <ObjectURN>urn:oma:lwm2m:x:10250:1.1</ObjectURN>
///   <MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory><Resources/>
///   </Object></LWM2M>"#;
/// let model = &lwm2m_ddf::parse_str(xml)?[0];
/// assert!(matches!(validate(model)[..], [Problem::UrnMismatch { object: 10250, .. }]));
/// # Ok::<(), lwm2m_ddf::Error>(())
/// ```
pub fn validate(model: &ObjectModel) -> Vec<Problem> {
    let mut problems = Vec::new();
    let object = model.id;
    if object == u16::MAX {
        problems.push(Problem::ObjectIdOutOfRange { object });
    }
    let mut ids: Vec<u16> = model.resources.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    for w in ids.windows(2) {
        if w[0] == w[1]
            && problems.last()
                != Some(&Problem::DuplicateResource {
                    object,
                    resource: w[0],
                })
        {
            problems.push(Problem::DuplicateResource {
                object,
                resource: w[0],
            });
        }
    }
    for r in model.resources.iter() {
        if r.id == u16::MAX {
            problems.push(Problem::ResourceIdOutOfRange {
                object,
                resource: r.id,
            });
        }
        let untyped = r.data_type == DataType::None;
        if r.operations.execute != untyped {
            problems.push(Problem::ExecutableType {
                object,
                resource: r.id,
                executable: r.operations.execute,
                data_type: r.data_type,
            });
        }
    }
    if !urn_matches(&model.urn, object, model.version) {
        problems.push(Problem::UrnMismatch {
            object,
            version: model.version,
            urn: model.urn.to_string(),
        });
    }
    problems
}

/// Whether `urn` is `urn:oma:lwm2m:{oma|ext|x}:{id}[:{version}]` for this id and version (the
/// version part is required when the version is not 1.0; an explicit `:1.0`, as in the
/// registry's `10254.xml`, is accepted).
pub fn urn_matches(urn: &str, id: u16, version: Version) -> bool {
    let Some(rest) = urn.strip_prefix("urn:oma:lwm2m:") else {
        return false;
    };
    let Some((kind, rest)) = rest.split_once(':') else {
        return false;
    };
    if !matches!(kind, "oma" | "ext" | "x") {
        return false;
    }
    let (id_text, ver) = match rest.split_once(':') {
        Some((i, v)) => (i, Some(v)),
        None => (rest, None),
    };
    if id_text != id.to_string() {
        return false;
    }
    match ver {
        None => version == Version::V1_0,
        Some(v) => v == version.to_string(),
    }
}

/// The URN a model with this id and version should have, given its kind (`oma`, `ext` or `x`).
pub fn urn_for(kind: &str, id: u16, version: Version) -> String {
    if version == Version::V1_0 {
        format!("urn:oma:lwm2m:{kind}:{id}")
    } else {
        format!("urn:oma:lwm2m:{kind}:{id}:{version}")
    }
}
