//! One criterion suite over one shared set of payloads (see `lwm2m_benches` and `cases`):
//! every format's decode and encode at both levels, the peers on the same bytes, and the
//! facade's dispatch.
//!
//! Timed with the system allocator as users run it; the `allocs` target counts allocations
//! per operation on the same cases.
//!
//! `cargo bench -p lwm2m-benches --bench suite`; `cargo test -p lwm2m-benches --benches` runs
//! every case once as a smoke test.

use criterion::{Criterion, criterion_group};

mod cases;

fn suite(c: &mut Criterion) {
    let cases = cases::cases();
    // Groups in order of first appearance, each once.
    let mut groups: Vec<&'static str> = Vec::new();
    for c in &cases {
        if !groups.contains(&c.group) {
            groups.push(c.group);
        }
    }
    for g in groups {
        let mut group = c.benchmark_group(g);
        for case in cases.iter().filter(|c| c.group == g) {
            group.bench_function(case.name, |b| b.iter(|| (case.run)()));
        }
        group.finish();
    }
}

criterion_group!(benches, suite);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
