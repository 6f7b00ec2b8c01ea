//! Burt's structural holes and Gould–Fernandez brokerage on a seeded random
//! network: 10,000 actors, mean degree 10, 20 groups, trust in {0.1, …, 1.0}.
//! `benches/holes_igraph.py` builds the same network for igraph and networkx.

use criterion::{criterion_group, criterion_main, Criterion};
use stakenet::metrics::{brokerage_roles, structural_holes};
use stakenet::{Actor, Network, TieSpec};

/// SplitMix64, so that the Python comparison can draw the same numbers.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// n actors, n·degree/2 tie draws (self-loops and repeated pairs skipped).
fn random_network(n: usize, mean_degree: usize, seed: u64) -> Network {
    let mut rng = SplitMix(seed);
    let id = |i: usize| format!("a{i:05}");
    let actors = (0..n)
        .map(|i| {
            let mut a = Actor::stakeholder(id(i));
            a.group = format!("g{:02}", i % 20);
            a
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut ties = Vec::new();
    for _ in 0..n * mean_degree / 2 {
        let s = (rng.next() % n as u64) as usize;
        let t = (rng.next() % n as u64) as usize;
        let trust = (1 + rng.next() % 10) as f64 / 10.0;
        if s != t && seen.insert((s.min(t), s.max(t))) {
            ties.push(TieSpec::mutual(id(s), id(t), trust));
        }
    }
    Network::from_parts(actors, &ties).expect("valid network")
}

fn holes(c: &mut Criterion) {
    let net = random_network(10_000, 10, 42);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let mut g = c.benchmark_group("n10000_deg10");
    g.sample_size(20);
    g.bench_function("structural_holes/1_thread", |b| {
        b.iter(|| one.install(|| structural_holes(&net)))
    });
    g.bench_function("structural_holes/all_threads", |b| {
        b.iter(|| structural_holes(&net))
    });
    g.bench_function("brokerage_roles/1_thread", |b| {
        b.iter(|| one.install(|| brokerage_roles(&net)))
    });
    g.bench_function("brokerage_roles/all_threads", |b| {
        b.iter(|| brokerage_roles(&net))
    });
    g.finish();
}

criterion_group!(benches, holes);
criterion_main!(benches);
