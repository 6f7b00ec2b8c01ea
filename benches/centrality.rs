//! Criterion benchmarks of the shortest-path centralities and PageRank on
//! seeded sparse random networks (mean degree 10, trust uniform in (0, 1]),
//! at 1 thread and at every core. `cargo bench --bench centrality`.
//! The side-by-side comparison with other libraries is benches/peers.py.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use stakenet::metrics::{pagerank, path_centrality, CentralityOptions};
use stakenet::{Actor, Network, TieSpec};

fn random_network(n: usize, seed: u64) -> Network {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 11
    };
    let id = |i: usize| format!("v{i:06}");
    let actors = (0..n)
        .map(|i| {
            if i % 20 == 0 {
                Actor::practitioner(id(i))
            } else {
                Actor::stakeholder(id(i))
            }
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut ties = Vec::with_capacity(5 * n);
    while ties.len() < 5 * n {
        let (a, b) = (next() as usize % n, next() as usize % n);
        if a != b && seen.insert((a.min(b), a.max(b))) {
            let trust = 1.0 - (next() as f64) / ((1u64 << 53) as f64);
            ties.push(TieSpec::mutual(id(a), id(b), trust));
        }
    }
    Network::from_parts(actors, &ties).unwrap()
}

fn centrality(c: &mut Criterion) {
    let mut group = c.benchmark_group("path_centrality");
    group.sample_size(10);
    for n in [200, 1_000, 5_000] {
        let net = random_network(n, 7);
        for threads in [1, 0] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let label = if threads == 1 {
                "1 thread"
            } else {
                "all cores"
            };
            group.bench_with_input(BenchmarkId::new(label, n), &net, |b, net| {
                b.iter(|| pool.install(|| path_centrality(net, &CentralityOptions::default())))
            });
        }
    }
    group.finish();
    let mut group = c.benchmark_group("pagerank");
    for n in [1_000, 10_000] {
        let net = random_network(n, 7);
        group.bench_with_input(BenchmarkId::from_parameter(n), &net, |b, net| {
            b.iter(|| pagerank(net))
        });
    }
    group.finish();
}

criterion_group!(benches, centrality);
criterion_main!(benches);
