//! `stakenet analyze` centrality flags: --distance, --betweenness-sample,
//! --seed, and the same bytes at any thread count.

use assert_cmd::Command;
use serde_json::Value;

const FLORENTINE: &str = "data/real/florentine";

fn json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("stakenet")
        .unwrap()
        .args(["analyze", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn actor<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()
}

fn fixture(id: &str, metric: &str) -> f64 {
    let text = std::fs::read_to_string("tests/fixtures/metrics/florentine.json").unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["actors"][id][metric].as_f64().unwrap()
}

#[test]
fn distance_flag_switches_to_hops() {
    let inverse = json(&[FLORENTINE]);
    let hops = json(&["--distance", "hops", FLORENTINE]);
    let medici = |v: &Value, m: &str| actor(v, "Medici")[m].as_f64().unwrap();
    for (v, suffix) in [(&inverse, ""), (&hops, "_hops")] {
        for m in ["betweenness", "closeness", "harmonic"] {
            let e = fixture("Medici", &format!("{m}{suffix}"));
            assert!((medici(v, m) - e).abs() <= 1e-9 * e, "{m}{suffix}");
        }
    }
    assert_eq!(inverse["network"]["sampled_sources"], Value::Null);
}

#[test]
fn sample_is_seeded_and_reported() {
    let a = json(&["--betweenness-sample", "5", "--seed", "9", FLORENTINE]);
    let b = json(&["--betweenness-sample", "5", "--seed", "9", FLORENTINE]);
    assert_eq!(a, b);
    assert_eq!(a["network"]["sampled_sources"], 5);
    let c = json(&["--betweenness-sample", "5", "--seed", "10", FLORENTINE]);
    assert_ne!(a["actors"], c["actors"]);
    // K ≥ n is the exact computation.
    let all = json(&["--betweenness-sample", "1000", FLORENTINE]);
    assert_eq!(all, json(&[FLORENTINE]));
    // K < 2 is a usage error.
    Command::cargo_bin("stakenet")
        .unwrap()
        .args(["analyze", "--betweenness-sample", "1", FLORENTINE])
        .assert()
        .code(2);
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let run = |threads: &str| {
        Command::cargo_bin("stakenet")
            .unwrap()
            .args(["analyze", "--threads", threads, "--format", "json"])
            .arg("data/real/ckm-physicians")
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("3"));
}
