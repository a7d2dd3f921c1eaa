//! `lwm2m objects`: list models or show one.

use std::fmt::Write;

use lwm2m::ddf::{ModelSet, range_text};
use lwm2m::{ObjectModel, Registry, Version};

fn parse_spec(spec: &str) -> Result<(u16, Option<Version>), String> {
    let bad = || format!("invalid object {spec:?}: expected ID or ID@VERSION, e.g. 3 or 3@1.1");
    let (id, ver) = match spec.split_once('@') {
        Some((id, v)) => (id, Some(v.parse::<Version>().map_err(|_| bad())?)),
        None => (spec, None),
    };
    let id = id.parse::<u16>().map_err(|_| bad())?;
    Ok((id, ver))
}

fn find(user: &ModelSet, id: u16, ver: Option<Version>) -> Option<&ObjectModel> {
    match ver {
        Some(v) => user.get(id, v).or_else(|| Registry.get_version(id, v)),
        None => user.latest(id).or_else(|| Registry.get(id)),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn multiplicity(multiple: bool) -> &'static str {
    if multiple { "multiple" } else { "single" }
}

/// The text `lwm2m objects [SPEC]` prints.
pub(crate) fn run(spec: Option<&str>, user: &ModelSet) -> Result<String, String> {
    let mut out = String::new();
    let Some(spec) = spec else {
        let mut all: Vec<&ObjectModel> = user.iter().collect();
        let user_ids: Vec<u16> = all.iter().map(|m| m.id).collect();
        for m in Registry.latest() {
            if !user_ids.contains(&m.id) {
                all.push(m);
            }
        }
        all.sort_by_key(|m| (m.id, m.version));
        all.dedup_by_key(|m| m.id);
        let _ = writeln!(
            out,
            "{:>5}  {:<7}  {:<8}  {:<9}  NAME",
            "ID", "VERSION", "INSTANCES", "MANDATORY"
        );
        for m in all {
            let _ = writeln!(
                out,
                "{:>5}  {:<7}  {:<9}  {:<9}  {}",
                m.id,
                m.version,
                multiplicity(m.multiple),
                yes_no(m.mandatory),
                m.name
            );
        }
        return Ok(out);
    };
    let (id, ver) = parse_spec(spec)?;
    let m = find(user, id, ver).ok_or_else(|| format!("no object model for {spec}"))?;
    let _ = writeln!(
        out,
        "{} {} (object {}, version {}, LwM2M {})",
        m.id, m.name, m.id, m.version, m.lwm2m_version
    );
    let _ = writeln!(out, "urn: {}", m.urn);
    let _ = writeln!(
        out,
        "instances: {}, mandatory: {}",
        multiplicity(m.multiple),
        yes_no(m.mandatory)
    );
    let _ = writeln!(
        out,
        "{:>5}  {:<32}  {:<16}  {:<3}  {:<8}  {:<9}  {:<16}  UNITS",
        "ID", "NAME", "TYPE", "OPS", "INSTANCES", "MANDATORY", "RANGE"
    );
    for r in m.resources.iter() {
        let range = r.range.as_ref().map(range_text).unwrap_or_default();
        let ty = if r.data_type == lwm2m::DataType::None {
            "none"
        } else {
            r.data_type.ddf_name()
        };
        let _ = writeln!(
            out,
            "{:>5}  {:<32}  {:<16}  {:<3}  {:<9}  {:<9}  {:<16}  {}",
            r.id,
            r.name,
            ty,
            r.operations.to_string(),
            multiplicity(r.multiple),
            yes_no(r.mandatory),
            range,
            r.units
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(parse_spec("3").unwrap(), (3, None));
        assert_eq!(parse_spec("3@1.1").unwrap(), (3, Some(Version::new(1, 1))));
        assert!(parse_spec("3@x").is_err());
        assert!(parse_spec("device").is_err());
        assert!(parse_spec("70000").is_err());
    }
}
