//! The shared payloads of the lwm2m-rs benchmarks, built as nodes so that every format's bytes
//! come from the same data.
//!
//! - [`device_instance`]: the TS Device example `/3/0` (the 121-byte TLV example's content).
//! - [`multiple_resource`]: `/3/0/7` with `n` integer instances (100 and 6400 in the benches).
//! - [`send_series`]: a timestamped Send of `n` temperature values (50 in the benches).
//! - [`registration`]: a Register payload announcing `n` objects (10 in the benches).
//! - [`models`]: the object models these payloads need.
#![forbid(unsafe_code)]

use std::borrow::Cow;

use lwm2m_types::{
    Composite, DataType, Node, ObjectInstance, ObjectModel, Path, Resource, ResourceModel,
    Timestamped, TimestampedEntry, Value,
};

/// The TS Device example, `/3/0`.
pub fn device_instance() -> ObjectInstance {
    ObjectInstance::new(0)
        .with(Resource::single(0, "Open Mobile Alliance"))
        .with(Resource::single(1, "Lightweight M2M Client"))
        .with(Resource::single(2, "345000123"))
        .with(Resource::single(3, "1.0"))
        .with(Resource::multiple(
            6,
            [(0, Value::Integer(1)), (1, Value::Integer(5))],
        ))
        .with(Resource::multiple(
            7,
            [(0, Value::Integer(3800)), (1, Value::Integer(5000))],
        ))
        .with(Resource::multiple(
            8,
            [(0, Value::Integer(125)), (1, Value::Integer(900))],
        ))
        .with(Resource::single(9, Value::Integer(100)))
        .with(Resource::single(10, Value::Integer(15)))
        .with(Resource::multiple(11, [(0, Value::Integer(0))]))
        .with(Resource::single(13, Value::Time(1367491215)))
        .with(Resource::single(14, "+02:00"))
        .with(Resource::single(16, "U"))
}

/// The path of [`device_instance`].
pub fn device_path() -> Path {
    Path::instance(3, 0).expect("valid path")
}

/// `/3/0/7` (Power Source Voltage) with `n` instances whose values vary in width.
pub fn multiple_resource(n: u16) -> Resource {
    Resource::multiple(
        7,
        (0..n).map(|i| (i, Value::Integer(i64::from(i) * 997 % 70_000))),
    )
}

/// The path of [`multiple_resource`].
pub fn multiple_resource_path() -> Path {
    Path::resource(3, 0, 7).expect("valid path")
}

/// A timestamped Send of `n` values of `/3303/0/5700` (temperature), one per second.
pub fn send_series(n: u32) -> Timestamped {
    let path = Path::resource(3303, 0, 5700).expect("valid path");
    Timestamped {
        entries: (0..n)
            .map(|i| {
                let mut content = Composite::new();
                let v = 20.0 + f64::from(i % 40) * 0.25;
                content.insert(path, Some(Node::Resource(Resource::single(5700, v))));
                TimestampedEntry {
                    time: Some(1_700_000_000.0 + f64::from(i)),
                    content,
                }
            })
            .collect(),
    }
}

/// A Register payload announcing the root, `n` objects (with versions on some) and instances.
pub fn registration(n: u16) -> String {
    let mut s = String::from("</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543 11544\"");
    for (k, oid) in [1u16, 3, 4, 5, 6, 7, 3303, 3304, 3311, 3442, 10241, 10242]
        .iter()
        .take(usize::from(n))
        .enumerate()
    {
        if k % 3 == 1 {
            s.push_str(&format!(",</{oid}>;ver=1.1"));
        }
        s.push_str(&format!(",</{oid}/0>"));
        if k % 2 == 0 {
            s.push_str(&format!(",</{oid}/1>"));
        }
    }
    s
}

fn res(id: u16, name: &'static str, dt: DataType, multiple: bool) -> ResourceModel {
    let mut r = ResourceModel::new(id, name, dt);
    r.multiple = multiple;
    r
}

/// The models of Device (3) and Temperature (3303) used by the payloads.
pub fn models() -> Vec<ObjectModel> {
    let mut device = ObjectModel::new(3, "Device");
    device.resources = Cow::Owned(vec![
        res(0, "Manufacturer", DataType::String, false),
        res(1, "Model Number", DataType::String, false),
        res(2, "Serial Number", DataType::String, false),
        res(3, "Firmware Version", DataType::String, false),
        res(4, "Reboot", DataType::None, false),
        res(6, "Available Power Sources", DataType::Integer, true),
        res(7, "Power Source Voltage", DataType::Integer, true),
        res(8, "Power Source Current", DataType::Integer, true),
        res(9, "Battery Level", DataType::Integer, false),
        res(10, "Memory Free", DataType::Integer, false),
        res(11, "Error Code", DataType::Integer, true),
        res(13, "Current Time", DataType::Time, false),
        res(14, "UTC Offset", DataType::String, false),
        res(16, "Supported Binding and Modes", DataType::String, false),
    ]);
    let mut temp = ObjectModel::new(3303, "Temperature");
    temp.multiple = true;
    temp.resources = Cow::Owned(vec![res(5700, "Sensor Value", DataType::Float, false)]);
    vec![device, temp]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_shapes() {
        let recs = Node::ObjectInstance(device_instance())
            .to_records(&device_path())
            .unwrap();
        assert_eq!(recs.len(), 16);
        assert_eq!(multiple_resource(6400).instances().unwrap().len(), 6400);
        assert_eq!(send_series(50).entries.len(), 50);
        assert_eq!(registration(10).matches("</").count(), 1 + 10 + 5 + 3);
        assert!(
            models()
                .iter()
                .all(|m| m.resources.windows(2).all(|w| w[0].id < w[1].id))
        );
    }
}
