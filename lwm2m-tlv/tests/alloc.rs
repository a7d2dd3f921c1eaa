//! Counts allocations with `stats_alloc`: the streaming read allocates nothing, a length claimed
//! by the input is never allocated, and encode allocates once.
//!
//! One test function only: the counters are global to the process, and tests run in parallel.

mod common;

use std::alloc::System;

use common::{DEVICE_3_0, hex, models, path};
use lwm2m_tlv::{Error, Kind, Reader, decode, encode};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Streaming typed read of the Device example: every value through its typed accessor.
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

#[test]
fn allocation_counts() {
    let device = hex(DEVICE_3_0);
    let m = models();
    let p = path("/3/0");
    let huge = hex("D8 00 FF FF FF 01 02");
    let wrapped_huge = hex("18 00 FF FF FF C1 09 64");

    let region = Region::new(GLOBAL);
    let sum = read_device(&device).unwrap();
    let stats = region.change();
    assert_eq!(
        stats.allocations + stats.reallocations,
        0,
        "streaming read: {stats:?}"
    );
    assert_eq!(
        sum,
        1_367_491_215 + 20 + 22 + 9 + 3 + 6 + 8800 + 1025 + 100 + 15 + 6 + 1
    );

    // Lengths claiming 16 MB allocate nothing in proportion.
    let region = Region::new(GLOBAL);
    assert!(decode(&huge, &p, &m).is_err());
    assert!(decode(&wrapped_huge, &path("/3"), &m).is_err());
    let stats = region.change();
    assert!(stats.bytes_allocated < 1024, "claimed lengths: {stats:?}");

    // Node decode: the instance map, four multiple-resource maps, six strings.
    let region = Region::new(GLOBAL);
    let node = decode(&device, &p, &m).unwrap();
    let stats = region.change();
    assert_eq!(stats.allocations, 11, "decode: {stats:?}");
    assert_eq!(stats.reallocations, 0, "decode: {stats:?}");

    // Encode: one exact allocation.
    let region = Region::new(GLOBAL);
    let out = encode(&node, &p).unwrap();
    let stats = region.change();
    assert_eq!(
        (stats.allocations, stats.reallocations),
        (1, 0),
        "encode: {stats:?}"
    );
    assert_eq!(out, device);
}
