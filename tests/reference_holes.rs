//! Burt's structural holes and Gould–Fernandez brokerage against the
//! reference fixtures (networkx 3.6 and R sna 2.7, made by
//! `tests/fixtures/metrics/generate.py`): every actor of every fixture, to
//! 1e-9 relative (null exactly), brokerage counts exactly.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use stakenet::metrics::{brokerage_roles, structural_holes};

/// The repository root the fixtures' `network` paths are relative to.
/// `STAKENET_REFERENCE_ROOT` points it at another checkout.
fn root() -> PathBuf {
    std::env::var_os("STAKENET_REFERENCE_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

fn fixtures(root: &Path) -> Vec<PathBuf> {
    let dir = root.join("tests/fixtures/metrics");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Equal to 1e-9 relative; an expected 0 allows 1e-12 of rounding noise
/// (e.g. hierarchy over contacts that are equal in exact arithmetic).
fn close(expected: f64, actual: f64) -> bool {
    (expected - actual).abs() <= 1e-9 * expected.abs().max(actual.abs()) + 1e-12
}

const HOLES: [&str; 4] = ["constraint", "effective_size", "efficiency", "hierarchy"];
const ROLES: [&str; 5] = [
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
];

#[test]
fn structural_holes_and_brokerage_match_every_fixture() {
    let root = root();
    let files = fixtures(&root);
    // The fixture set names 22 networks; fewer means files went missing.
    assert!(
        files.len() >= 22,
        "expected at least 22 fixtures in {}/tests/fixtures/metrics, found {}",
        root.display(),
        files.len()
    );
    let mut failures = String::new();
    let mut checked = 0usize;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("fixture readable");
        let fixture: Value = serde_json::from_str(&text).expect("fixture is JSON");
        let case = fixture["case"].as_str().expect("case");
        let dir = root.join(fixture["network"].as_str().expect("network"));
        let net = stakenet::io::load_dir(&dir)
            .unwrap_or_else(|e| panic!("{case}: loading {}: {e}", dir.display()));
        assert_eq!(
            net.is_directed(),
            fixture["directed"].as_bool().expect("directed"),
            "{case}: directedness"
        );
        let holes = structural_holes(&net);
        let roles = brokerage_roles(&net);
        let actors = fixture["actors"].as_object().expect("actors");
        assert_eq!(actors.len(), net.len(), "{case}: actor count");
        for (id, expected) in actors {
            let i = net
                .index_of(id)
                .unwrap_or_else(|| panic!("{case}: no actor {id}"));
            let h = holes[i];
            let got = [h.constraint, h.effective_size, h.efficiency, h.hierarchy];
            for (metric, actual) in HOLES.iter().zip(got) {
                let want = expected[*metric].as_f64();
                let ok = match (want, actual) {
                    (None, None) => true,
                    (Some(e), Some(a)) => close(e, a),
                    _ => false,
                };
                if !ok {
                    let rel = match (want, actual) {
                        (Some(e), Some(a)) => {
                            format!(" (rel. error {:e})", (a - e).abs() / e.abs())
                        }
                        _ => String::new(),
                    };
                    writeln!(
                        failures,
                        "{case}: {metric} of {id}: expected {want:?}, got {actual:?}{rel}"
                    )
                    .unwrap();
                }
                checked += 1;
            }
            let r = roles[i];
            let got = [
                r.coordinator,
                r.itinerant,
                r.representative,
                r.gatekeeper,
                r.liaison,
            ];
            for (metric, actual) in ROLES.iter().zip(got) {
                let want = expected[*metric]
                    .as_u64()
                    .unwrap_or_else(|| panic!("{case}: {metric} of {id} is not a count"));
                if want != actual {
                    writeln!(
                        failures,
                        "{case}: {metric} of {id}: expected {want}, got {actual}"
                    )
                    .unwrap();
                }
                checked += 1;
            }
            if r.total != got.iter().sum::<u64>() {
                writeln!(failures, "{case}: total of {id} is not the sum of roles").unwrap();
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{checked} values checked; mismatches:\n{failures}"
    );
}

fn load_real(name: &str) -> stakenet::Network {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/real")
        .join(name);
    stakenet::io::load_dir(&dir).expect("network loads")
}

/// The spot checks worked by hand in `data/real/tiny/SOURCE.md`.
#[test]
fn tiny_spot_checks_from_its_source_notes() {
    let net = load_real("tiny");
    let holes = structural_holes(&net);
    let a1 = holes[net.index_of("a1").unwrap()];
    assert_eq!(a1.constraint, Some(0.5));
    assert_eq!(a1.effective_size, Some(2.0));
    assert_eq!(a1.hierarchy, Some(0.0));
    let p1 = brokerage_roles(&net)[net.index_of("p1").unwrap()];
    assert_eq!(
        (p1.liaison, p1.gatekeeper, p1.representative),
        (6, 3, 3),
        "{p1:?}"
    );
    assert_eq!((p1.coordinator, p1.itinerant, p1.total), (0, 0, 12));
}

mod properties {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use stakenet::metrics::{brokerage_roles, structural_holes, BrokerageRoles, StructuralHoles};
    use stakenet::{Actor, Network, TieSpec};

    const TRUSTS: [f64; 6] = [0.0, 0.1, 0.25, 0.5, 0.8, 1.0];

    /// A random network: (groups, pair ties). Each pair is a mutual tie
    /// (kind 0), a directed tie either way (1, 2) or two directed ties (3).
    #[derive(Debug, Clone)]
    struct Spec {
        groups: Vec<u8>,
        ties: Vec<(usize, usize, u8, usize, usize)>,
    }

    fn spec(max_n: usize, max_ties: usize) -> impl Strategy<Value = Spec> {
        (2..max_n).prop_flat_map(move |n| {
            (
                prop::collection::vec(0u8..3, n),
                prop::collection::vec((0..n, 0..n, 0u8..4, 0..6usize, 0..6usize), 0..max_ties),
            )
                .prop_map(|(groups, ties)| Spec { groups, ties })
        })
    }

    /// Build the network with actor k named by `name(k)`.
    fn build(spec: &Spec, name: impl Fn(usize) -> String) -> Network {
        let actors = spec
            .groups
            .iter()
            .enumerate()
            .map(|(k, g)| {
                let mut a = Actor::stakeholder(name(k));
                a.group = format!("g{g}");
                a
            })
            .collect();
        let mut seen = BTreeSet::new();
        let mut ties = Vec::new();
        for &(s, t, kind, t1, t2) in &spec.ties {
            if s == t || !seen.insert((s.min(t), s.max(t))) {
                continue;
            }
            let (s, t) = (name(s), name(t));
            match kind {
                0 => ties.push(TieSpec::mutual(s, t, TRUSTS[t1])),
                1 => ties.push(TieSpec::directed(s, t, TRUSTS[t1])),
                2 => ties.push(TieSpec::directed(t, s, TRUSTS[t1])),
                _ => {
                    ties.push(TieSpec::directed(s.clone(), t.clone(), TRUSTS[t1]));
                    ties.push(TieSpec::directed(t, s, TRUSTS[t2]));
                }
            }
        }
        Network::from_parts(actors, &ties).expect("valid network")
    }

    fn close(a: Option<f64>, b: Option<f64>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * a.abs().max(b.abs()) + 1e-15,
            _ => false,
        }
    }

    fn same_bits(a: &[StructuralHoles], b: &[StructuralHoles]) -> bool {
        let bits = |h: &StructuralHoles| {
            [h.constraint, h.effective_size, h.efficiency, h.hierarchy].map(|x| x.map(f64::to_bits))
        };
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| bits(x) == bits(y))
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
    }

    proptest! {
        #[test]
        fn relabelling_actors_permutes_the_results(
            spec in spec(14, 40),
            seed in any::<u64>(),
        ) {
            let n = spec.groups.len();
            // A permutation of 0..n from the seed (Fisher–Yates on an LCG).
            let mut perm: Vec<usize> = (0..n).collect();
            let mut x = seed | 1;
            for k in (1..n).rev() {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                perm.swap(k, (x >> 33) as usize % (k + 1));
            }
            let original = build(&spec, |k| format!("a{k:02}"));
            let relabelled = build(&spec, |k| format!("b{:02}", perm[k]));
            let (h0, h1) = (structural_holes(&original), structural_holes(&relabelled));
            let (r0, r1) = (brokerage_roles(&original), brokerage_roles(&relabelled));
            for (k, &pk) in perm.iter().enumerate() {
                let i = original.index_of(&format!("a{k:02}")).unwrap();
                let j = relabelled.index_of(&format!("b{pk:02}")).unwrap();
                let (x, y) = (h0[i], h1[j]);
                prop_assert!(close(x.constraint, y.constraint), "{x:?} vs {y:?}");
                prop_assert!(close(x.effective_size, y.effective_size), "{x:?} vs {y:?}");
                prop_assert!(close(x.efficiency, y.efficiency), "{x:?} vs {y:?}");
                prop_assert!(close(x.hierarchy, y.hierarchy), "{x:?} vs {y:?}");
                prop_assert_eq!(r0[i], r1[j]);
            }
        }

    }

    proptest! {
        // Large enough for several parallel tasks (structural holes takes 512
        // actors per task), so fewer cases.
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn one_and_four_threads_give_the_same_bits(spec in spec(2000, 6000)) {
            let net = build(&spec, |k| format!("a{k:03}"));
            let (h1, r1): (Vec<StructuralHoles>, Vec<BrokerageRoles>) =
                pool(1).install(|| (structural_holes(&net), brokerage_roles(&net)));
            let (h4, r4) = pool(4).install(|| (structural_holes(&net), brokerage_roles(&net)));
            prop_assert!(same_bits(&h1, &h4));
            prop_assert_eq!(r1, r4);
        }
    }
}

/// `analyze` carries the values under the format's names: brokerage as JSON
/// integers, an isolate's Burt measures as null.
#[test]
fn analyze_report_names_the_values() {
    use serde_json::json;
    use stakenet::{Actor, Network, TieSpec};
    let actors = [("p", "ISP"), ("a", "A"), ("b", "B"), ("z", "A")]
        .map(|(id, group)| {
            let mut actor = Actor::stakeholder(id);
            actor.group = group.to_string();
            actor
        })
        .to_vec();
    let ties = [
        TieSpec::mutual("p", "a", 0.8),
        TieSpec::mutual("p", "b", 0.4),
    ];
    let net = Network::from_parts(actors, &ties).unwrap();
    let json = serde_json::to_value(stakenet::report::analyze(&net)).unwrap();
    let rows = json["actors"].as_array().unwrap();
    let p = &rows[net.index_of("p").unwrap()];
    assert_eq!(p["id"], json!("p"));
    // a → p → b and b → p → a, three groups: two liaison paths.
    assert_eq!(p["liaison"], json!(2));
    assert_eq!(p["brokerage_total"], json!(2));
    assert_eq!(p["representative"], json!(0));
    assert_eq!(p["effective_size"], json!(2.0));
    // p_pa = 2/3, p_pb = 1/3, a and b unconnected.
    assert_eq!(p["constraint"].as_f64(), Some(4.0 / 9.0 + 1.0 / 9.0));
    let z = &rows[net.index_of("z").unwrap()];
    for field in HOLES {
        assert!(z[field].is_null(), "{field} of an isolate: {}", z[field]);
    }
    assert_eq!(z["brokerage_total"], json!(0));
}
