//! `stakenet exit --sample K [--seed S]` from the command line: the same
//! bytes at any thread count, the same figures as the exact command when K
//! covers every stakeholder, and standard errors beside the estimates.

mod common;

use common::{root, stakenet};
use serde_json::Value;

fn exit_json(args: &[&str]) -> Vec<u8> {
    let out = stakenet()
        .current_dir(root())
        .args(args)
        .output()
        .expect("stakenet runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn sampled_exit_gives_the_same_bytes_at_one_and_four_threads() {
    for net in ["data/real/ckm-physicians", "data/real/disconnected"] {
        let run = |threads: &str| {
            exit_json(&[
                "exit",
                "--threads",
                threads,
                net,
                "--sample",
                "20",
                "--seed",
                "7",
                "--format",
                "json",
            ])
        };
        let one = run("1");
        assert!(!one.is_empty());
        assert_eq!(one, run("4"), "{net}");
    }
}

#[test]
fn a_sample_of_every_stakeholder_is_the_exact_exit() {
    for net in [
        "data/real/tiny",
        "data/real/lazega",
        "data/real/disconnected",
    ] {
        let exact: Value =
            serde_json::from_slice(&exit_json(&["exit", net, "--format", "json"])).unwrap();
        let sampled: Value = serde_json::from_slice(&exit_json(&[
            "exit", net, "--sample", "100000", "--format", "json",
        ]))
        .unwrap();
        let (e, s) = (&exact["summary"], &sampled["summary"]);
        for field in [
            "reach_before",
            "reach_after",
            "fragmentation_after",
            "trusted_reach_before",
            "trusted_reach_after",
            "sustainability",
            "dependent_pairs",
            "stranded",
            "group_bridges_lost",
        ] {
            assert_eq!(e[field], s[field], "{net} {field}");
            let se = &s[format!("{field}_se")];
            if e[field].is_f64() {
                assert_eq!(se.as_f64(), Some(0.0), "{net} {field}_se");
            }
        }
        assert_eq!(s["sampled_sources"], e["stakeholders"], "{net}");
        assert!(e.get("sampled_sources").is_none(), "exact output unchanged");
        for (a, b) in exact["actors"]
            .as_array()
            .unwrap()
            .iter()
            .zip(sampled["actors"].as_array().unwrap())
        {
            assert_eq!(a["exit_impact"], b["exit_impact"], "{net}");
            assert_eq!(a["trust_retained"], b["trust_retained"], "{net}");
            assert!(a.get("exit_impact_se").is_none());
            assert!(b.get("exit_impact_se").is_some());
        }
    }
}

#[test]
fn a_small_sample_reports_finite_standard_errors_and_the_seed_decides_it() {
    let net = "data/real/ckm-physicians";
    let run = |seed: &str| {
        let bytes = exit_json(&[
            "exit", net, "--sample", "10", "--seed", seed, "--format", "json",
        ]);
        serde_json::from_slice::<Value>(&bytes).unwrap()
    };
    let a = run("3");
    assert_eq!(a, run("3"));
    let s = &a["summary"];
    assert_eq!(s["sampled_sources"], 10);
    assert_eq!(s["seed"], 3);
    for field in [
        "reach_before_se",
        "trusted_reach_before_se",
        "trusted_reach_after_se",
    ] {
        let se = s[field]
            .as_f64()
            .unwrap_or_else(|| panic!("{field}: {}", s[field]));
        assert!(se.is_finite() && se >= 0.0, "{field} = {se}");
    }
    let picked = |v: &Value| -> Vec<bool> {
        v["actors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| !x["trust_retained"].is_null())
            .collect()
    };
    assert_eq!(picked(&a).iter().filter(|&&p| p).count(), 10);
    assert_ne!(picked(&a), picked(&run("4")), "another seed, other sources");
    // The table says it is an estimate.
    let table = exit_json(&["exit", net, "--sample", "10", "--format", "table"]);
    assert!(String::from_utf8_lossy(&table).contains("Estimated from 10 of"));
}
