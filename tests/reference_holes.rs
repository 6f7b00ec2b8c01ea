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
