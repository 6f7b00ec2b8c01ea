//! Criterion benches of sustainability after exit and the exit plan on a
//! seeded random network (`cargo bench --bench exit`).

use criterion::{criterion_group, criterion_main, Criterion};
use stakenet::metrics::exit::{exit_and_impact, ExitSpec};
use stakenet::metrics::{plan, successors};
use stakenet::{Actor, Network, TieSpec};

/// n actors (the first `p` external practitioners), each stakeholder tied to
/// about `deg` others; each practitioner to `contacts` stakeholders.
fn network(n: usize, p: usize, deg: usize, contacts: usize, seed: u64) -> Network {
    let mut state = seed;
    let mut next = move || {
        // splitmix64: a fixed, dependency-free stream.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let id = |i: usize| format!("a{i:05}");
    let actors = (0..n)
        .map(|i| {
            let mut a = if i < p {
                Actor::practitioner(id(i))
            } else {
                Actor::stakeholder(id(i))
            };
            a.group = format!("g{}", i % 12);
            a
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut ties = Vec::new();
    let mut add = |u: usize, v: usize, t: f64, ties: &mut Vec<TieSpec>| {
        if u != v && seen.insert((u.min(v), u.max(v))) {
            ties.push(TieSpec::mutual(id(u), id(v), t));
        }
    };
    let trust = |r: u64| 0.1 + 0.9 * (r % 1000) as f64 / 1000.0;
    for _ in 0..(n - p) * deg / 2 {
        let (u, v) = (p + next() as usize % (n - p), p + next() as usize % (n - p));
        add(u, v, trust(next()), &mut ties);
    }
    for x in 0..p {
        for _ in 0..contacts {
            let s = p + next() as usize % (n - p);
            add(x, s, trust(next()), &mut ties);
        }
    }
    Network::from_parts(actors, &ties).unwrap()
}

fn bench(c: &mut Criterion) {
    let big = network(2000, 10, 10, 10, 7);
    let spec = ExitSpec::default_for(&big);
    let mut g = c.benchmark_group("exit");
    g.sample_size(10);
    g.bench_function("exit+impact 2000 actors, 10 practitioners", |b| {
        b.iter(|| exit_and_impact(&big, &spec, true).unwrap())
    });
    let small = network(500, 5, 8, 40, 11);
    let spec = ExitSpec::default_for(&small);
    g.bench_function("plan K=5, 500 actors", |b| {
        b.iter(|| plan(&small, &spec, 5).unwrap())
    });
    g.bench_function("successors, 500 actors", |b| {
        b.iter(|| successors(&small, &spec.exit))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
