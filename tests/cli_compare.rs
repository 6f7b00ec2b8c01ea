//! `stakenet compare` from the outside: formats, findings, warnings, each
//! wave's input errors, and no output over an input.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn stakenet() -> Command {
    Command::cargo_bin("stakenet").unwrap()
}

const W1: &str = "data/county-parenting-site";
const W2: &str = "data/county-parenting-site-wave2";

#[test]
fn table_opens_with_the_findings() {
    let out = stakenet()
        .args(["compare", W1, W2, "--format", "table"])
        .assert()
        .success()
        .stderr("");
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first,
        "Between the two maps the site depends less on the practitioners (a 62% share of \
         stakeholder paths ran through them, now 55%)."
    );
    assert!(text.contains(
        "If the external practitioners left now the site would keep 80% of its trusted reach \
         (56% before, when they were Omar and Nadia), and no stakeholder would be left without \
         a trusted tie (2 before)."
    ));
    assert!(text.contains("families and supervisors formed 3"), "{text}");
}

#[test]
fn json_lists_pairs_with_their_arcs_and_figures_with_changes() {
    let out = stakenet()
        .args(["compare", W1, W2, "--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["summary"]["actors_joined"], 1);
    assert_eq!(v["summary"]["actors_left"], 2);
    let ben = v["ties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["a"] == "cw_ben" && t["b"] == "sup_a")
        .unwrap();
    assert_eq!(ben["change"], "rebalanced");
    assert_eq!(ben["form_before"], "mutual");
    assert_eq!(ben["form_after"], "both_ways");
    assert_eq!(ben["arcs"][0]["trust_before"], 0.75);
    assert_eq!(ben["arcs"][0]["trust_after"], 0.85);
    assert_eq!(ben["arcs"][1]["trust_after"], 0.65);
    let stranded = v["network"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["figure"] == "stranded")
        .unwrap();
    assert_eq!(
        (&stranded["before"], &stranded["after"], &stranded["change"]),
        (&Value::from(2), &Value::from(0), &Value::from(-2))
    );
    assert_eq!(
        v["exit_before"]["stranded"],
        serde_json::json!(["evaluator", "funder"])
    );
    let sup_d = v["per_actor"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "sup_d")
        .unwrap();
    assert_eq!(sup_d["presence"], "joined");
    assert_eq!(sup_d["figures"][0]["before"], Value::Null);
    assert_eq!(sup_d["figures"][0]["change"], Value::Null);
}

#[test]
fn csv_is_one_tidy_row_per_measure() {
    let out = stakenet()
        .args(["compare", W1, W2, "--format", "csv"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("scope,actor,other,relationship,measure,before,after,change,note")
    );
    assert!(text.contains("\nnetwork,,,,stranded,2,0,-2,\n"));
    assert!(text.contains("\nactor,sup_d,,,presence,,,,joined\n"));
    assert!(text.contains(
        "\ntie,director,state_officer,stakeholder_stakeholder,trust,0.6,0.3,-0.3,weakened\n"
    ));
    assert!(text.contains("\narc,sup_a,cw_ben,stakeholder_stakeholder,trust,0.75,0.65,"));
}

#[test]
fn no_actor_in_common_is_a_warning_not_a_wall_of_changes() {
    let out = stakenet()
        .args(["compare", W1, "data/real/florentine", "--format", "table"])
        .assert()
        .success()
        .stderr(predicate::str::starts_with(
            "stakenet: warning: the two maps have no actor in common (28 actors before, 16 after)",
        ));
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("Warning: the two maps have no actor in common"));
    assert!(!text.contains("dissolved"), "{text}");
    assert!(text.lines().count() < 40, "{text}");
}

#[test]
fn each_waves_input_errors_name_its_file() {
    let bad = "data/invalid/trust_out_of_range";
    stakenet()
        .args(["compare", W1, bad])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "AFTER map data/invalid/trust_out_of_range: data/invalid/trust_out_of_range/edges.csv:4:3: trust: expected a number in [0, 1], found \"1.4\"",
        ));
    // Both waves broken: both are reported.
    stakenet()
        .args(["compare", "data/invalid/unknown_kind", bad])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("BEFORE map data/invalid/unknown_kind: data/invalid/unknown_kind/nodes.csv:")
                .and(predicate::str::contains(
                    "AFTER map data/invalid/trust_out_of_range: data/invalid/trust_out_of_range/edges.csv:4:3",
                )),
        );
}

#[test]
fn thresholds_are_checked_and_change_the_counts() {
    stakenet()
        .args(["compare", W1, W2, "--changed=-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("expected a number ≥ 0"));
    let count = |changed: &str| {
        let out = stakenet()
            .args(["compare", W1, W2, "--format", "json", "--changed", changed])
            .assert()
            .success();
        let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        v["summary"]["ties_strengthened"].as_u64().unwrap()
    };
    assert_eq!(count("0.1"), 5);
    assert_eq!(count("0.25"), 2);
}

#[test]
fn refuses_to_write_over_either_wave() {
    let dir = tempfile::tempdir().unwrap();
    for (k, which) in ["before", "after"].iter().enumerate() {
        let wave = dir.path().join(which);
        std::fs::create_dir(&wave).unwrap();
        for f in ["nodes.csv", "edges.csv"] {
            std::fs::copy(format!("{W1}/{f}"), wave.join(f)).unwrap();
        }
        let target = wave.join("edges.csv");
        let before_bytes = std::fs::read(&target).unwrap();
        let (b, a) = if k == 0 {
            (wave.clone(), W2.into())
        } else {
            (W2.into(), wave.clone())
        };
        stakenet()
            .arg("compare")
            .arg(&b)
            .arg(&a)
            .arg("-o")
            .arg(&target)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("refusing to write"));
        assert_eq!(std::fs::read(&target).unwrap(), before_bytes);
    }
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let run = |threads: &str, format: &str| {
        let out = stakenet()
            .args(["compare", "--threads", threads, W1, W2, "--format", format])
            .assert()
            .success();
        out.get_output().stdout.clone()
    };
    for format in ["json", "csv", "table"] {
        assert_eq!(run("1", format), run("4", format), "{format}");
    }
}

#[test]
fn the_readme_example_is_what_the_command_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("$ stakenet compare data/county-parenting-site data/county-parenting-site-wave2\n")
        .unwrap();
    let shown: Vec<&str> = readme[start..].lines().skip(1).take(7).collect();
    let out = stakenet()
        .args(["compare", W1, W2, "--format", "table"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let printed: Vec<&str> = text.lines().take(7).collect();
    assert_eq!(shown, printed);
}
