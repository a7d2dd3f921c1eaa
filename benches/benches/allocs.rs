//! Allocations per operation for every case of the suite, counted by a global allocator
//! wrapper (`stats_alloc`), printed as a table. A target of its own, so that the counting
//! allocator's atomic counters never run under the suite's timings.
//!
//! `cargo bench -p lwm2m-benches --bench allocs`

use std::alloc::System;
use std::hint::black_box;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

mod cases;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn allocation_table(cases: &[cases::Case]) {
    println!("allocations per operation (stats_alloc):");
    println!("| group | operation | allocations | bytes |");
    println!("| --- | --- | ---: | ---: |");
    for c in cases {
        (c.run)(); // warm any lazy state
        let region = Region::new(GLOBAL);
        black_box((c.run)());
        let s = region.change();
        println!(
            "| {} | {} | {} | {} |",
            c.group,
            c.name,
            s.allocations + s.reallocations,
            s.bytes_allocated
        );
    }
    println!();
}

fn main() {
    allocation_table(&cases::cases());
}
