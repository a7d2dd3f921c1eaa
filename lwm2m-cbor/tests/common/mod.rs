//! Hand-written object models for the tests (not the bundled registry): Device (3), Server (1),
//! the object of the spec's object-link example (65), and a synthetic object family for the
//! property tests.
#![allow(dead_code, unreachable_pub)]

use std::borrow::Cow;

use lwm2m_types::{DataType, ObjectModel, Path, ResourceModel};

fn res(id: u16, name: &'static str, dt: DataType, multiple: bool) -> ResourceModel {
    let mut r = ResourceModel::new(id, name, dt);
    r.multiple = multiple;
    r
}

fn object(id: u16, name: &'static str, resources: Vec<ResourceModel>) -> ObjectModel {
    let mut o = ObjectModel::new(id, name);
    o.resources = Cow::Owned(resources);
    o
}

/// Device (3), Server (1) and object 65 of the spec examples.
pub fn models() -> Vec<ObjectModel> {
    use DataType::*;
    vec![
        object(
            1,
            "LwM2M Server",
            vec![
                res(0, "Short Server ID", Integer, false),
                res(1, "Lifetime", Integer, false),
                res(2, "Default Minimum Period", Integer, false),
                res(3, "Default Maximum Period", Integer, false),
                res(4, "Disable", None, false),
                res(5, "Disable Timeout", Integer, false),
                res(6, "Notification Storing", Boolean, false),
                res(7, "Binding", String, false),
                res(8, "Registration Update Trigger", None, false),
            ],
        ),
        object(
            3,
            "Device",
            vec![
                res(0, "Manufacturer", String, false),
                res(1, "Model Number", String, false),
                res(2, "Serial Number", String, false),
                res(3, "Firmware Version", String, false),
                res(4, "Reboot", None, false),
                res(5, "Factory Reset", None, false),
                res(6, "Available Power Sources", Integer, true),
                res(7, "Power Source Voltage", Integer, true),
                res(8, "Power Source Current", Integer, true),
                res(9, "Battery Level", Integer, false),
                res(10, "Memory Free", Integer, false),
                res(11, "Error Code", Integer, true),
                res(12, "Reset Error Code", None, false),
                res(13, "Current Time", Time, false),
                res(14, "UTC Offset", String, false),
                res(15, "Timezone", String, false),
                res(16, "Supported Binding and Modes", String, false),
                res(17, "Device Type", String, false),
                res(18, "Hardware Version", String, false),
                res(19, "Software Version", String, false),
                res(20, "Battery Status", Integer, false),
                res(21, "Memory Total", Integer, false),
                res(22, "ExtDevInfo", Objlnk, true),
            ],
        ),
        object(
            65,
            "Object link example",
            vec![
                res(0, "Links", Objlnk, true),
                res(1, "Number", String, false),
                res(2, "Count", Integer, false),
            ],
        ),
    ]
}

/// Every data type that carries a value.
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

/// Synthetic objects 0..OBJECTS whose resource `r` has type `TYPES[r % 9]`, for round trips.
pub const OBJECTS: u16 = 4;
/// Resources per synthetic object.
pub const RESOURCES: u16 = 18;

/// The synthetic models.
pub fn synthetic() -> Vec<ObjectModel> {
    (0..OBJECTS)
        .map(|o| {
            object(
                o,
                "synthetic",
                (0..RESOURCES)
                    .map(|r| res(r, "r", TYPES[usize::from(r) % 9], false))
                    .collect(),
            )
        })
        .collect()
}

/// Parses a path.
pub fn p(s: &str) -> Path {
    s.parse().unwrap()
}

/// Parses spaced hex (`A1 83 03`), ignoring whitespace.
pub fn hex(s: &str) -> Vec<u8> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}
