//! Criterion benches: the Device instance (/3/0) as LwM2M CBOR (11544), decoded by this crate
//! (node level and streaming reader) and by `ciborium::Value` from the same bytes; and encoded.
//!
//! Run briefly: `cargo bench -p lwm2m-cbor -- --warm-up-time 1 --measurement-time 3`.

use std::borrow::Cow;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lwm2m_cbor::{EntryKind, Reader, decode, encode, single};
use lwm2m_types::{
    DataType, Node, ObjectInstance, ObjectModel, Path, Resource, ResourceModel, Value,
};

fn device_model() -> ObjectModel {
    use DataType::*;
    let r = |id, name, dt, multiple| {
        let mut m = ResourceModel::new(id, name, dt);
        m.multiple = multiple;
        m
    };
    let mut o = ObjectModel::new(3, "Device");
    o.resources = Cow::Owned(vec![
        r(0, "Manufacturer", String, false),
        r(1, "Model Number", String, false),
        r(2, "Serial Number", String, false),
        r(3, "Firmware Version", String, false),
        r(6, "Available Power Sources", Integer, true),
        r(7, "Power Source Voltage", Integer, true),
        r(8, "Power Source Current", Integer, true),
        r(9, "Battery Level", Integer, false),
        r(10, "Memory Free", Integer, false),
        r(11, "Error Code", Integer, true),
        r(13, "Current Time", Time, false),
        r(14, "UTC Offset", String, false),
        r(15, "Timezone", String, false),
        r(16, "Supported Binding and Modes", String, false),
    ]);
    o
}

/// The Device object instance of the LwM2M TS examples (Appendix "Device").
fn device() -> Node {
    Node::ObjectInstance(
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
            .with(Resource::single(13, Value::Time(1_367_491_215)))
            .with(Resource::single(14, "+02:00"))
            .with(Resource::single(15, "Europe/Paris"))
            .with(Resource::single(16, "U")),
    )
}

fn benches(c: &mut Criterion) {
    let model = device_model();
    let path: Path = "/3/0".parse().unwrap();
    let node = device();
    let bytes = encode(&node, &path).unwrap();
    assert_eq!(decode(&bytes, &path, &model).unwrap(), node);

    let mut g = c.benchmark_group("device_11544");
    g.bench_function("decode/lwm2m-cbor node", |b| {
        b.iter(|| decode(black_box(&bytes), &path, &model).unwrap())
    });
    g.bench_function("decode/lwm2m-cbor reader", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for e in Reader::new(black_box(&bytes)) {
                if let EntryKind::Value(_) = e.unwrap().kind {
                    n += 1;
                }
            }
            n
        })
    });
    g.bench_function("decode/lwm2m-cbor reader+values", |b| {
        b.iter(|| {
            let mut v = Vec::with_capacity(24);
            for e in Reader::new(black_box(&bytes)) {
                let e = e.unwrap();
                if let EntryKind::Value(l) = e.kind {
                    v.push(
                        l.to_value(
                            lwm2m_types::ModelProvider::data_type(&model, &e.path()),
                            false,
                        )
                        .unwrap(),
                    );
                }
            }
            v
        })
    });
    g.bench_function("decode/ciborium Value", |b| {
        b.iter(|| ciborium::de::from_reader::<ciborium::Value, _>(black_box(&bytes[..])).unwrap())
    });
    g.bench_function("encode/lwm2m-cbor node", |b| {
        b.iter(|| encode(black_box(&node), &path).unwrap())
    });
    let value: ciborium::Value = ciborium::de::from_reader(&bytes[..]).unwrap();
    g.bench_function("encode/ciborium Value", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(bytes.len());
            ciborium::ser::into_writer(black_box(&value), &mut out).unwrap();
            out
        })
    });
    g.finish();

    let mut g = c.benchmark_group("single_60");
    let time = [0xC1, 0x1A, 0x51, 0x82, 0x42, 0x8F];
    g.bench_function("decode_value/time", |b| {
        b.iter(|| single::decode_value(black_box(&time), Some(DataType::Time)).unwrap())
    });
    g.bench_function("decode/ciborium Value", |b| {
        b.iter(|| ciborium::de::from_reader::<ciborium::Value, _>(black_box(&time[..])).unwrap())
    });
    g.finish();
}

criterion_group!(cbor, benches);
criterion_main!(cbor);
