//! Properties of the centralities that no fixture pins down: renaming actors
//! only permutes the results, and the thread count never changes a bit.

use proptest::prelude::*;
use stakenet::metrics::{
    pagerank, path_centrality, CentralityOptions, Distance, PathCentrality, Sample,
};
use stakenet::{Actor, Network, TieSpec};

/// Trusts whose inverse lengths make exact ties in sums (1/0.9 + 1/0.75 …),
/// plus 0 (no path) and 1.
const TRUSTS: [f64; 6] = [0.0, 0.5, 0.6, 0.75, 0.9, 1.0];

#[derive(Debug, Clone)]
struct Graph {
    n: usize,
    practitioners: Vec<bool>,
    ties: Vec<(usize, usize, f64, bool)>,
}

fn graph() -> impl Strategy<Value = Graph> {
    (2usize..12).prop_flat_map(|n| {
        let tie = (0..n, 0..n, 0..TRUSTS.len(), any::<bool>());
        (
            Just(n),
            prop::collection::vec(any::<bool>(), n),
            prop::collection::vec(tie, 0..3 * n),
        )
            .prop_map(|(n, practitioners, raw)| {
                let mut seen = std::collections::HashSet::new();
                let ties = raw
                    .into_iter()
                    .filter(|&(a, b, _, _)| a != b)
                    // One row per unordered pair keeps the builder happy.
                    .filter(|&(a, b, _, _)| seen.insert((a.min(b), a.max(b))))
                    .map(|(a, b, t, d)| (a, b, TRUSTS[t], d))
                    .collect();
                Graph {
                    n,
                    practitioners,
                    ties,
                }
            })
    })
}

/// The network with actor k named `name(k)`.
fn build(g: &Graph, name: impl Fn(usize) -> String) -> Network {
    let actors = (0..g.n)
        .map(|k| {
            if g.practitioners[k] {
                Actor::practitioner(name(k))
            } else {
                Actor::stakeholder(name(k))
            }
        })
        .collect();
    let ties: Vec<TieSpec> = g
        .ties
        .iter()
        .map(|&(a, b, t, d)| {
            if d {
                TieSpec::directed(name(a), name(b), t)
            } else {
                TieSpec::mutual(name(a), name(b), t)
            }
        })
        .collect();
    Network::from_parts(actors, &ties).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #[test]
    fn relabelling_permutes_results(g in graph(), seed in any::<u64>(), hops in any::<bool>()) {
        // A second naming whose sort order is a seeded shuffle of the first.
        let mut order: Vec<usize> = (0..g.n).collect();
        let mut state = seed;
        for i in (1..g.n).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let a = build(&g, |k| format!("a{k:02}"));
        let b = build(&g, |k| format!("b{:02}", order[k]));
        let options = CentralityOptions {
            distance: if hops { Distance::Hops } else { Distance::Inverse },
            betweenness_sample: None,
        };
        let (ca, cb) = (path_centrality(&a, &options), path_centrality(&b, &options));
        let (pa, pb) = (pagerank(&a), pagerank(&b));
        prop_assert!(close_opt(ca.practitioner_dependency, cb.practitioner_dependency));
        for (k, &renamed) in order.iter().enumerate() {
            let i = a.index_of(&format!("a{k:02}")).unwrap();
            let j = b.index_of(&format!("b{renamed:02}")).unwrap();
            prop_assert!(close(ca.betweenness[i], cb.betweenness[j]), "betweenness {k}");
            prop_assert!(close(ca.closeness[i], cb.closeness[j]), "closeness {k}");
            prop_assert!(close(ca.harmonic[i], cb.harmonic[j]), "harmonic {k}");
            prop_assert!(close(pa[i], pb[j]), "pagerank {k}");
            prop_assert!(close_opt(ca.stakeholder_betweenness[i], cb.stakeholder_betweenness[j]));
            prop_assert!(close_opt(ca.practitioner_share[i], cb.practitioner_share[j]));
        }
    }
}

/// A sparse seeded network large enough for several chunks and waves.
fn big(n: usize) -> Network {
    let mut state = 12345u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    let actors = (0..n)
        .map(|i| {
            let id = format!("v{i:05}");
            if i % 17 == 0 {
                Actor::practitioner(id)
            } else {
                Actor::stakeholder(id)
            }
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut ties = Vec::new();
    for i in 0..n {
        for _ in 0..3 {
            let j = next() as usize % n;
            if i != j && seen.insert((i.min(j), i.max(j))) {
                let trust = TRUSTS[1 + next() as usize % 5];
                let (a, b) = (format!("v{i:05}"), format!("v{j:05}"));
                ties.push(if next() % 4 == 0 {
                    TieSpec::directed(a, b, trust)
                } else {
                    TieSpec::mutual(a, b, trust)
                });
            }
        }
    }
    Network::from_parts(actors, &ties).unwrap()
}

fn bits(c: &PathCentrality) -> Vec<u64> {
    let opt = |v: &Option<f64>| v.map_or(u64::MAX, f64::to_bits);
    c.betweenness
        .iter()
        .chain(&c.closeness)
        .chain(&c.harmonic)
        .map(|v| v.to_bits())
        .chain(c.stakeholder_betweenness.iter().map(opt))
        .chain(c.practitioner_share.iter().map(opt))
        .chain([opt(&c.practitioner_dependency)])
        .collect()
}

#[test]
fn one_and_four_threads_give_the_same_bits() {
    let net = big(700);
    for sample in [
        None,
        Some(Sample {
            sources: 300,
            seed: 3,
        }),
    ] {
        let options = CentralityOptions {
            distance: Distance::Inverse,
            betweenness_sample: sample,
        };
        let runs: Vec<Vec<u64>> = [1, 4]
            .iter()
            .map(|&t| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build()
                    .unwrap();
                pool.install(|| bits(&path_centrality(&net, &options)))
            })
            .collect();
        assert_eq!(runs[0], runs[1]);
        // Something was computed: a connected sparse network has brokers.
        let c = path_centrality(&net, &options);
        assert!(c.betweenness.iter().any(|&b| b > 0.0));
    }
}
