//! Centrality against the networkx reference fixtures
//! (`tests/fixtures/metrics/<case>.json`, made by `generate.py` there with
//! exact Fraction lengths): every actor's betweenness, closeness, harmonic and
//! pagerank, the `*_hops` variants, stakeholder betweenness and the
//! network-level practitioner views, to 1e-9 relative.

use std::path::{Path, PathBuf};

mod common;
use common::root;

use serde_json::Value;
use stakenet::metrics::{pagerank, path_centrality, CentralityOptions, Distance, PathCentrality};

/// Reads one actor's value of one metric.
type Getter = fn(&PathCentrality, usize) -> Option<f64>;

const REL: f64 = 1e-9;
/// Below this an expected value counts as 0 and the difference must be tiny
/// in absolute terms instead.
const ABS: f64 = 1e-12;

fn fixtures() -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures/metrics");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

struct Check {
    case: String,
    failures: Vec<String>,
    compared: usize,
}

impl Check {
    fn value(&mut self, metric: &str, actor: &str, expected: &Value, actual: Option<f64>) {
        self.compared += 1;
        let ok = match (expected.as_f64(), actual) {
            (None, None) => expected.is_null(),
            (Some(e), Some(a)) => {
                let diff = (a - e).abs();
                diff <= REL * e.abs() || diff <= ABS
            }
            _ => false,
        };
        if !ok {
            let rel = match (expected.as_f64(), actual) {
                (Some(e), Some(a)) if e != 0.0 => format!("{:.3e}", ((a - e) / e).abs()),
                _ => "-".into(),
            };
            self.failures.push(format!(
                "{} {metric} {actor}: expected {expected}, actual {actual:?}, relative error {rel}",
                self.case
            ));
        }
    }
}

fn run_case(file: &Path) -> Check {
    let json: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let case = json["case"].as_str().unwrap().to_string();
    let net = stakenet::io::load_dir(root().join(json["network"].as_str().unwrap()))
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    assert_eq!(
        json["directed"].as_bool(),
        Some(net.is_directed()),
        "{case}"
    );
    let opts = |distance| CentralityOptions {
        distance,
        betweenness_sample: None,
    };
    let inverse = path_centrality(&net, &opts(Distance::Inverse));
    let hops = path_centrality(&net, &opts(Distance::Hops));
    let pr = pagerank(&net);
    let mut check = Check {
        case,
        failures: Vec::new(),
        compared: 0,
    };
    let actors = json["actors"].as_object().unwrap();
    assert_eq!(actors.len(), net.len(), "{}: actor count", check.case);
    for (id, expected) in actors {
        let i = net
            .index_of(id)
            .unwrap_or_else(|| panic!("unknown actor {id}"));
        let per_actor: [(&str, &PathCentrality, Getter); 7] = [
            ("betweenness", &inverse, |c, i| Some(c.betweenness[i])),
            ("closeness", &inverse, |c, i| Some(c.closeness[i])),
            ("harmonic", &inverse, |c, i| Some(c.harmonic[i])),
            ("betweenness_hops", &hops, |c, i| Some(c.betweenness[i])),
            ("closeness_hops", &hops, |c, i| Some(c.closeness[i])),
            ("harmonic_hops", &hops, |c, i| Some(c.harmonic[i])),
            ("stakeholder_betweenness", &inverse, |c, i| {
                c.stakeholder_betweenness[i]
            }),
        ];
        for (metric, result, get) in per_actor {
            if let Some(e) = expected.get(metric) {
                check.value(metric, id, e, get(result, i));
            }
        }
        if let Some(e) = expected.get("pagerank") {
            check.value("pagerank", id, e, Some(pr[i]));
        }
    }
    let level = &json["network_level"];
    if let Some(e) = level.get("practitioner_dependency") {
        check.value(
            "practitioner_dependency",
            "(network)",
            e,
            inverse.practitioner_dependency,
        );
    }
    if let Some(shares) = level.get("practitioner_share").and_then(Value::as_object) {
        for (id, e) in shares {
            let i = net.index_of(id).unwrap();
            check.value("practitioner_share", id, e, inverse.practitioner_share[i]);
        }
        let practitioners = net.actors().iter().filter(|a| a.is_practitioner()).count();
        assert_eq!(
            shares.len(),
            practitioners,
            "{}: one share per practitioner",
            check.case
        );
    }
    check
}

#[test]
fn every_fixture_matches_networkx() {
    let files = fixtures();
    assert!(!files.is_empty(), "no fixtures in tests/fixtures/metrics");
    let mut failures = Vec::new();
    let mut compared = 0;
    for file in &files {
        let check = run_case(file);
        // A fixture must give this test something to compare.
        assert!(check.compared > 0, "{}: nothing compared", check.case);
        compared += check.compared;
        failures.extend(check.failures);
    }
    assert!(
        failures.is_empty(),
        "{} of {compared} values differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
