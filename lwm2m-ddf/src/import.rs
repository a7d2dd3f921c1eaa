//! Extracting the facts of a registry checkout (what `lwm2m-objects` bundles).

use std::collections::BTreeMap;
use std::path::Path;

use crate::codegen::Builder;
use crate::error::Error;
use crate::write::{WriteOptions, to_xml};

/// The comment at the top of every file [`import_facts`] writes.
pub const FACTS_HEADER: &str = "<!-- Facts (ids, names, types, operations, multiplicity, mandatory, ranges, units,\n     versions, URNs) extracted from the OMA LwM2M registry by `lwm2m-ddf`'s import example.\n     Descriptions are left out. Regenerate, do not edit. -->\n";

/// Reads a registry checkout (every DDF file under `dir`, as [`load_dir`](crate::load_dir))
/// and returns one facts-only DDF document per object id and version, keyed by the file name
/// `{id}-{major}_{minor}.xml`. Descriptions are dropped; the output is deterministic. Two
/// different definitions of one (id, version) are an error.
///
/// ```no_run
/// let files = lwm2m_ddf::import_facts("lwm2m-registry")?;
/// assert!(files.contains_key("3-1_2.xml"));
/// # Ok::<(), lwm2m_ddf::Error>(())
/// ```
pub fn import_facts(dir: impl AsRef<Path>) -> Result<BTreeMap<String, String>, Error> {
    let models = Builder::new().dir(dir.as_ref()).collect_models()?;
    let mut out = BTreeMap::new();
    for m in models {
        let name = format!("{}-{}_{}.xml", m.id, m.version.major, m.version.minor);
        let xml = to_xml(
            std::slice::from_ref(&m),
            WriteOptions {
                descriptions: false,
            },
        );
        let xml = xml.replacen("\n", &format!("\n{FACTS_HEADER}"), 1);
        out.insert(name, xml);
    }
    Ok(out)
}
