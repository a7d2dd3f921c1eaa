//! Device instance `/3/0` (TS 1.1 Table 7.4.4-2) as SenML JSON (384 B) and SenML CBOR (196 B):
//! our node-level decode against generic `serde_json::Value` / `ciborium::Value` parsing of the
//! same bytes, our records-level readers, and our encoders.
//!
//! `cargo bench -p lwm2m-senml -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lwm2m_senml::{cbor, json, lwm2m_json};
use lwm2m_types::Path;

#[path = "../tests/common/mod.rs"]
mod common;

/// Walks every record (name, time and value resolved, nothing built).
fn records<'a>(
    r: impl Iterator<Item = Result<lwm2m_senml::RecordRef<'a>, lwm2m_senml::Error>>,
) -> usize {
    let mut n = 0;
    for rec in r {
        black_box(rec.unwrap());
        n += 1;
    }
    n
}

fn benches(c: &mut Criterion) {
    let m = common::model();
    let path: Path = "/3/0".parse().unwrap();
    let j = common::compact_json(&common::vector("senml_a_device_read_3_0.json"));
    let cb = common::vector("senml_a_device_read_3_0.cbor.hex");
    let lj = common::compact_json(&common::vector("lwm2m_json_device_3_0.json"));
    assert_eq!((j.len(), cb.len()), (384, 196));
    let node = json::decode(&j, &path, &m).unwrap();

    let mut g = c.benchmark_group("senml_json_decode_device");
    g.bench_function("lwm2m_senml", |b| {
        b.iter(|| json::decode(black_box(&j), &path, &m).unwrap())
    });
    g.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&j)).unwrap())
    });
    g.bench_function("records_only", |b| {
        b.iter(|| records(json::Reader::new(black_box(&j))))
    });
    g.finish();

    let mut g = c.benchmark_group("senml_cbor_decode_device");
    g.bench_function("lwm2m_senml", |b| {
        b.iter(|| cbor::decode(black_box(&cb), &path, &m).unwrap())
    });
    g.bench_function("ciborium_value", |b| {
        b.iter(|| ciborium::from_reader::<ciborium::Value, _>(black_box(&cb[..])).unwrap())
    });
    g.bench_function("records_only", |b| {
        b.iter(|| records(cbor::Reader::new(black_box(&cb))))
    });
    g.finish();

    let mut g = c.benchmark_group("lwm2m_json_decode_device");
    g.bench_function("lwm2m_senml", |b| {
        b.iter(|| lwm2m_json::decode(black_box(&lj), &path, &m).unwrap())
    });
    g.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&lj)).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("encode_device");
    g.bench_function("senml_json", |b| {
        b.iter(|| json::encode(black_box(&node), &path).unwrap())
    });
    g.bench_function("senml_cbor", |b| {
        b.iter(|| cbor::encode(black_box(&node), &path).unwrap())
    });
    g.bench_function("lwm2m_json", |b| {
        b.iter(|| lwm2m_json::encode(black_box(&node), &path).unwrap())
    });
    g.finish();
}

criterion_group!(senml, benches);
criterion_main!(senml);
