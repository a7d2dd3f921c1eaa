//! Criterion benches of `lwm2m-tlv`: the Device `/3/0` example (121 bytes) and a `/3/0/7`
//! multiple resource with 100 and 6400 instances; streaming typed read, node decode, node encode.
//! Two floors for the Device example: the allocations of the decoded node alone, and the UTF-8
//! validation of its strings alone.
//!
//! `cargo bench -p lwm2m-tlv -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lwm2m_tlv::{Error, Kind, Reader, decode, encode};
use lwm2m_types::{
    DataType, IdMap, Node, ObjectModel, Path, Resource, ResourceInstance, ResourceModel, Value,
};

/// TS Example 1 (tlv.md), Read `/3/0`.
const DEVICE: [u8; 121] = [
    0xC8, 0x00, 0x14, b'O', b'p', b'e', b'n', b' ', b'M', b'o', b'b', b'i', b'l', b'e', b' ', b'A',
    b'l', b'l', b'i', b'a', b'n', b'c', b'e', 0xC8, 0x01, 0x16, b'L', b'i', b'g', b'h', b't', b'w',
    b'e', b'i', b'g', b'h', b't', b' ', b'M', b'2', b'M', b' ', b'C', b'l', b'i', b'e', b'n', b't',
    0xC8, 0x02, 0x09, b'3', b'4', b'5', b'0', b'0', b'0', b'1', b'2', b'3', 0xC3, 0x03, b'1', b'.',
    b'0', 0x86, 0x06, 0x41, 0x00, 0x01, 0x41, 0x01, 0x05, 0x88, 0x07, 0x08, 0x42, 0x00, 0x0E, 0xD8,
    0x42, 0x01, 0x13, 0x88, 0x87, 0x08, 0x41, 0x00, 0x7D, 0x42, 0x01, 0x03, 0x84, 0xC1, 0x09, 0x64,
    0xC1, 0x0A, 0x0F, 0x83, 0x0B, 0x41, 0x00, 0x00, 0xC4, 0x0D, 0x51, 0x82, 0x42, 0x8F, 0xC6, 0x0E,
    b'+', b'0', b'2', b':', b'0', b'0', 0xC1, 0x10, 0x55,
];

fn device_model() -> ObjectModel {
    let r = |id, name, dt, multiple| {
        let mut m = ResourceModel::new(id, name, dt);
        m.multiple = multiple;
        m
    };
    let mut m = ObjectModel::new(3, "Device");
    m.resources = vec![
        r(0, "Manufacturer", DataType::String, false),
        r(1, "Model Number", DataType::String, false),
        r(2, "Serial Number", DataType::String, false),
        r(3, "Firmware Version", DataType::String, false),
        r(4, "Reboot", DataType::None, false),
        r(5, "Factory Reset", DataType::None, false),
        r(6, "Available Power Sources", DataType::Integer, true),
        r(7, "Power Source Voltage", DataType::Integer, true),
        r(8, "Power Source Current", DataType::Integer, true),
        r(9, "Battery Level", DataType::Integer, false),
        r(10, "Memory Free", DataType::Integer, false),
        r(11, "Error Code", DataType::Integer, true),
        r(12, "Reset Error Code", DataType::None, false),
        r(13, "Current Time", DataType::Time, false),
        r(14, "UTC Offset", DataType::String, false),
        r(15, "Timezone", DataType::String, false),
        r(16, "Supported Binding and Modes", DataType::String, false),
    ]
    .into();
    m
}

/// Streaming typed read of the Device payload: every value through its typed accessor.
fn read_device(bytes: &[u8]) -> Result<i64, Error> {
    let mut sum = 0i64;
    for e in Reader::new(bytes) {
        let e = e?;
        match (e.kind(), e.id()) {
            (Kind::MultipleResource, _) => {
                for c in e.children()? {
                    sum += c?.as_i64()?;
                }
            }
            (_, 13) => sum += e.as_time()?,
            (_, 9 | 10) => sum += e.as_i64()?,
            _ => sum += e.as_str()?.len() as i64,
        }
    }
    Ok(sum)
}

/// Streaming typed read of a `/3/0/7` payload.
fn read_multiple(bytes: &[u8]) -> Result<i64, Error> {
    let mut sum = 0i64;
    for e in Reader::new(bytes) {
        for c in e?.children()? {
            sum += c?.as_i64()?;
        }
    }
    Ok(sum)
}

/// The allocation floor of the Device decode: the same 11 heap objects as the decoded node
/// (the instance's resource map, four multiple-resource maps, six strings), of the same sizes,
/// allocated in the decode's order and freed together. No decode into `Node` can go below it.
fn alloc_floor(strings: &[&str; 6]) -> usize {
    let [s0, s1, s2, s3, s14, s16] = *strings;
    let mut resources: Vec<Resource> = Vec::with_capacity(black_box(13));
    let (s0, s1, s2, s3) = (s0.to_owned(), s1.to_owned(), s2.to_owned(), s3.to_owned());
    let maps: [Vec<ResourceInstance>; 4] = [2, 2, 2, 1].map(|n| Vec::with_capacity(black_box(n)));
    let (s14, s16) = (s14.to_owned(), s16.to_owned());
    resources.push(Resource::single(0, Value::Integer(0)));
    let all = (resources, [s0, s1, s2, s3, s14, s16], maps);
    black_box(&all).1.len()
}

/// The UTF-8 validation floor of the streaming read: `core::str::from_utf8` over the six
/// string values of the Device payload (the only safe way to a `&str`).
fn utf8_floor(values: &[&[u8]; 6]) -> usize {
    values
        .iter()
        .map(|v| core::str::from_utf8(v).map_or(0, str::len))
        .sum()
}

fn multiple(n: u16) -> (Node, Vec<u8>) {
    let node = Node::Resource(Resource::Multiple {
        id: 7,
        instances: (0..n)
            .map(|i| ResourceInstance::new(i, Value::Integer(3000 + i64::from(i % 2000))))
            .collect::<IdMap<_>>(),
    });
    let bytes = encode(&node, &"/3/0/7".parse().unwrap()).unwrap();
    (node, bytes)
}

fn benches(c: &mut Criterion) {
    let model = device_model();
    let p: Path = "/3/0".parse().unwrap();
    let node = decode(&DEVICE, &p, &model).unwrap();
    assert_eq!(encode(&node, &p).unwrap(), DEVICE);

    let mut g = c.benchmark_group("device_3_0");
    g.throughput(Throughput::Bytes(DEVICE.len() as u64));
    g.bench_function("streaming_read", |b| {
        b.iter(|| read_device(black_box(&DEVICE)).unwrap())
    });
    g.bench_function("decode", |b| {
        b.iter(|| decode(black_box(&DEVICE), &p, &model).unwrap())
    });
    g.bench_function("encode", |b| {
        b.iter(|| encode(black_box(&node), &p).unwrap())
    });
    let strings = [
        "Open Mobile Alliance",
        "Lightweight M2M Client",
        "345000123",
        "1.0",
        "+02:00",
        "U",
    ];
    g.bench_function("decode_alloc_floor", |b| {
        b.iter(|| alloc_floor(black_box(&strings)))
    });
    // The values where they are in the payload (the cost depends on their alignment).
    let values = strings.map(|s| {
        let at = DEVICE
            .windows(s.len())
            .rposition(|w| w == s.as_bytes())
            .unwrap();
        &DEVICE[at..at + s.len()]
    });
    g.bench_function("streaming_read_utf8_floor", |b| {
        b.iter(|| utf8_floor(black_box(&values)))
    });
    g.finish();

    let p7: Path = "/3/0/7".parse().unwrap();
    for n in [100u16, 6400] {
        let (node, bytes) = multiple(n);
        assert_eq!(decode(&bytes, &p7, &model).unwrap(), node);
        let mut g = c.benchmark_group(format!("multiple_3_0_7_x{n}"));
        g.throughput(Throughput::Elements(u64::from(n)));
        g.bench_function("streaming_read", |b| {
            b.iter(|| read_multiple(black_box(&bytes)).unwrap())
        });
        g.bench_function("decode", |b| {
            b.iter(|| decode(black_box(&bytes), &p7, &model).unwrap())
        });
        g.bench_function("encode", |b| {
            b.iter(|| encode(black_box(&node), &p7).unwrap())
        });
        g.finish();
    }
}

criterion_group!(tlv, benches);
criterion_main!(tlv);
