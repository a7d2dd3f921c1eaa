//! Test helpers: a small hand-written object model (the registry crate is not a dependency of
//! this crate) and vector loading.
#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;

use lwm2m_types::{DataType, ObjectModel, ResourceModel};

fn res(id: u16, dt: DataType, multiple: bool) -> ResourceModel {
    let mut r = ResourceModel::new(id, format!("r{id}"), dt);
    r.multiple = multiple;
    r
}

fn obj(id: u16, resources: Vec<ResourceModel>) -> ObjectModel {
    let mut o = ObjectModel::new(id, format!("o{id}"));
    o.multiple = true;
    o.resources = resources.into();
    o
}

/// The id of the test object with one single and one multiple resource of every data type.
pub const ALL_TYPES: u16 = 9999;

/// The data types of [`ALL_TYPES`] resources 0..=8 (single) and 10..=18 (multiple).
pub const TYPES: [DataType; 9] = [
    DataType::String,
    DataType::Integer,
    DataType::UnsignedInteger,
    DataType::Float,
    DataType::Boolean,
    DataType::Opaque,
    DataType::Time,
    DataType::Objlnk,
    DataType::Corelnk,
];

/// Objects 0, 1, 3, 65, 66, 67, 72, 1024, 3308, 3311 (what the spec examples use, with the
/// registry's data types) and the synthetic [`ALL_TYPES`] object.
pub fn model() -> Vec<ObjectModel> {
    use DataType::*;
    let mut all = Vec::new();
    for (i, t) in TYPES.iter().enumerate() {
        all.push(res(i as u16, *t, false));
    }
    for (i, t) in TYPES.iter().enumerate() {
        all.push(res(10 + i as u16, *t, true));
    }
    vec![
        obj(
            0,
            vec![
                res(0, String, false),
                res(1, Boolean, false),
                res(2, Integer, false),
                res(3, Opaque, false),
            ],
        ),
        obj(1, vec![res(0, Integer, false), res(1, Integer, false)]),
        obj(
            3,
            vec![
                res(0, String, false),
                res(1, String, false),
                res(2, String, false),
                res(3, String, false),
                res(4, None, false),
                res(5, None, false),
                res(6, Integer, true),
                res(7, Integer, true),
                res(8, Integer, true),
                res(9, Integer, false),
                res(10, Integer, false),
                res(11, Integer, true),
                res(12, None, false),
                res(13, Time, false),
                res(14, String, false),
                res(15, String, false),
                res(16, String, false),
                res(17, String, false),
                res(18, String, false),
                res(19, String, false),
                res(20, Integer, false),
                res(21, Integer, false),
            ],
        ),
        obj(
            65,
            vec![
                res(0, Objlnk, true),
                res(1, String, false),
                res(2, Integer, false),
            ],
        ),
        obj(
            66,
            vec![
                res(0, String, false),
                res(1, String, false),
                res(2, Objlnk, false),
            ],
        ),
        obj(67, vec![res(0, String, false), res(1, String, false)]),
        obj(72, vec![res(2, Float, false)]),
        obj(
            1024,
            vec![
                res(0, String, false),
                res(1, Float, false),
                res(2, Boolean, false),
            ],
        ),
        obj(3308, vec![res(5900, Float, false)]),
        obj(
            3311,
            vec![res(5850, Boolean, false), res(5851, Integer, false)],
        ),
        obj(ALL_TYPES, all),
    ]
}

/// The bytes of a vector file: `.hex` files are parsed, anything else read as is.
pub fn vector(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors")
        .join(name);
    let text = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    if name.ends_with(".hex") {
        hex(std::str::from_utf8(&text).unwrap())
    } else {
        text
    }
}

/// Hex text (white space ignored) to bytes.
pub fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    digits
        .chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
        .collect()
}

/// A JSON vector without the white space between tokens (key order kept).
pub fn compact_json(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut in_str, mut esc) = (false, false);
    for &c in b {
        if in_str {
            out.push(c);
            if esc {
                esc = false;
            } else if c == b'\\' {
                esc = true;
            } else if c == b'"' {
                in_str = false;
            }
        } else if !c.is_ascii_whitespace() {
            in_str = c == b'"';
            out.push(c);
        }
    }
    out
}

pub fn p(s: &str) -> lwm2m_types::Path {
    s.parse().unwrap()
}
