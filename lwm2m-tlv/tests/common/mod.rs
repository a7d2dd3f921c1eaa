//! Hand-written object models for the tests (a few objects of the OMA registry, the TS example
//! objects 65/66/67 and the Leshan test object 3442), and small helpers.
#![allow(dead_code, unreachable_pub)]

use lwm2m_types::{DataType, ObjectModel, Path, ResourceModel};

fn res(id: u16, name: &'static str, dt: DataType, multiple: bool) -> ResourceModel {
    let mut r = ResourceModel::new(id, name, dt);
    r.multiple = multiple;
    r
}

fn object(id: u16, name: &'static str, multiple: bool, mut rs: Vec<ResourceModel>) -> ObjectModel {
    rs.sort_by_key(|r| r.id);
    let mut m = ObjectModel::new(id, name);
    m.multiple = multiple;
    m.resources = rs.into();
    m
}

/// Objects 1, 2, 3, 65, 66, 67, 3303 (temperature: 5700) and 3442 (resource 180 Corelnk).
pub fn models() -> Vec<ObjectModel> {
    use DataType::*;
    vec![
        object(
            1,
            "LwM2M Server",
            true,
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
            2,
            "LwM2M Access Control",
            true,
            vec![
                res(0, "Object ID", Integer, false),
                res(1, "Object Instance ID", Integer, false),
                res(2, "ACL", Integer, true),
                res(3, "Access Control Owner", Integer, false),
            ],
        ),
        object(
            3,
            "Device",
            false,
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
                res(21, "Memory Total", Integer, false),
                // Not in the registry's object 3: test-only resources of the 1.1+ types.
                res(30, "Test Unsigned", UnsignedInteger, false),
                res(31, "Test Float", Float, false),
                res(32, "Test Opaque", Opaque, false),
            ],
        ),
        object(
            65,
            "TS example 65",
            true,
            vec![
                res(0, "Links", Objlnk, true),
                res(1, "Text", String, false),
                res(2, "Number", Integer, false),
            ],
        ),
        object(
            66,
            "TS example 66",
            true,
            vec![
                res(0, "Name", String, false),
                res(1, "Address", String, false),
                res(2, "Link", Objlnk, false),
            ],
        ),
        object(
            67,
            "TS example 67",
            true,
            vec![res(0, "Name", String, false)],
        ),
        object(
            3303,
            "Temperature",
            true,
            vec![res(5700, "Sensor Value", Float, false)],
        ),
        object(
            3442,
            "LwM2M v1.1 Test Object",
            true,
            vec![res(180, "Corelnk Value", Corelnk, false)],
        ),
    ]
}

/// Parses hex with any white space in between.
pub fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|b| b.is_ascii_hexdigit()).collect();
    assert!(digits.len().is_multiple_of(2), "odd hex: {s}");
    digits
        .chunks(2)
        .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
        .collect()
}

pub fn path(s: &str) -> Path {
    s.parse().unwrap()
}

/// TS Example 1 (Read /3/0, 121 bytes), as reproduced in Leshan's `LwM2mNodeDecoderTest`.
pub const DEVICE_3_0: &str = "
C8 00 14 4F 70 65 6E 20 4D 6F 62 69 6C 65 20 41 6C 6C 69 61 6E 63 65
C8 01 16 4C 69 67 68 74 77 65 69 67 68 74 20 4D 32 4D 20 43 6C 69 65 6E 74
C8 02 09 33 34 35 30 30 30 31 32 33
C3 03 31 2E 30
86 06 41 00 01 41 01 05
88 07 08 42 00 0E D8 42 01 13 88
87 08 41 00 7D 42 01 03 84
C1 09 64
C1 0A 0F
83 0B 41 00 00
C4 0D 51 82 42 8F
C6 0E 2B 30 32 3A 30 30
C1 10 55";
