//! The `stakenet` command as a user runs it: each command, each format, each
//! exit code, atomic output, a closed pipe, and byte-identical output.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

mod common;
use common::stakenet;

use predicates::prelude::*;

const EXAMPLE: &str = "data/county-parenting-site";

fn stdout_of(args: &[&str]) -> Vec<u8> {
    let out = stakenet().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn validate_summarises_a_valid_network_and_exits_0() {
    stakenet()
        .args(["validate", "data/real/tiny"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "valid: 7 actors (1 practitioner and 0 stakeholders external, 1 practitioner and 5 stakeholders internal); 8 ties (5 practitioner–stakeholder, 2 stakeholder–stakeholder, 1 practitioner team; 0 directed); 4 groups: A, B, C, ISP\n",
        ));
    stakenet()
        .args(["validate", "data/real/disconnected"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning: actor \"z1\" has no ties\n",
        ));
}

#[test]
fn validate_accepts_the_two_files_by_name() {
    stakenet()
        .args([
            "validate",
            "--nodes",
            "data/real/tiny/nodes.csv",
            "--edges",
            "data/real/tiny/edges.csv",
        ])
        .assert()
        .success();
}

#[test]
fn analyze_json_has_the_contract_shape() {
    let out = stdout_of(&["analyze", "--format", "json", "data/real/tiny"]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let net = &v["network"];
    assert_eq!(net["actors"], 7);
    assert_eq!(net["ties"], 8);
    assert_eq!(net["components"], 1);
    assert_eq!(net["directed"], false);
    // density = 2·8 / (7·6)
    assert_eq!(net["density"].as_f64().unwrap(), 16.0 / 42.0);
    assert_eq!(net["reciprocity"], serde_json::Value::Null);
    let ids: Vec<&str> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a1", "a2", "b1", "b2", "c1", "p1", "p2"]);
    let p1 = &v["actors"][5];
    assert_eq!(p1["kind"], "practitioner");
    assert_eq!(p1["degree"], 4);
    // p1's ties: a1 0.8, b1 0.8, c1 0.5, p2 0.8.
    assert!((p1["strength"].as_f64().unwrap() - 2.9).abs() < 1e-12);
}

#[test]
fn analyze_csv_has_one_row_per_actor_and_attributes() {
    let out = String::from_utf8(stdout_of(&[
        "analyze",
        "--format",
        "csv",
        "data/real/disconnected",
    ]))
    .unwrap();
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,label,kind,placement,group,role,level,power,degree,in_degree,out_degree,strength,mean_trust_given,mean_trust_received,betweenness,closeness,harmonic,pagerank,stakeholder_betweenness,practitioner_share,constraint,effective_size,efficiency,hierarchy,coordinator,itinerant,representative,gatekeeper,liaison,brokerage_total,notes"
    );
    assert_eq!(lines.count(), 11);
    // A quoted label with a comma survives the round trip.
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let x1 = reader.records().next().unwrap().unwrap();
    assert_eq!(&x1[0], "q1");
    assert!(out.contains("\"Smith, Jo\""));
}

#[test]
fn analyze_table_is_for_people() {
    stakenet()
        .args(["analyze", "--format", "table", EXAMPLE])
        .assert()
        .success()
        .stdout(predicate::str::contains("28 actors"))
        .stdout(predicate::str::contains("practitioner_stakeholder"));
}

#[test]
fn output_file_takes_its_format_from_the_extension() {
    let tmp = tempfile::tempdir().unwrap();
    let csv_path = tmp.path().join("actors.csv");
    stakenet()
        .args(["analyze", EXAMPLE, "-o"])
        .arg(&csv_path)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(text.starts_with("id,label,"));
    let json_path = tmp.path().join("report.json");
    stakenet()
        .args(["analyze", EXAMPLE, "-o"])
        .arg(&json_path)
        .assert()
        .success();
    serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&json_path).unwrap())
        .unwrap();
    // Only the two reports: no temporary file left behind.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
}

#[test]
fn refuses_to_overwrite_an_input_file() {
    let tmp = tempfile::tempdir().unwrap();
    for f in ["nodes.csv", "edges.csv"] {
        std::fs::copy(format!("data/real/tiny/{f}"), tmp.path().join(f)).unwrap();
    }
    let before = std::fs::read(tmp.path().join("edges.csv")).unwrap();
    stakenet()
        .arg("analyze")
        .arg(tmp.path())
        .arg("-o")
        .arg(tmp.path().join("edges.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "refusing to write the report over the input file",
        ));
    assert_eq!(std::fs::read(tmp.path().join("edges.csv")).unwrap(), before);
}

#[test]
fn usage_errors_exit_2() {
    stakenet().assert().code(2);
    stakenet().args(["analyze"]).assert().code(2);
    stakenet()
        .args(["analyze", "--format", "xml", EXAMPLE])
        .assert()
        .code(2);
    stakenet().args(["frobnicate"]).assert().code(2);
    stakenet().args(["--help"]).assert().code(0);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let bin = assert_cmd::cargo::cargo_bin("stakenet");
    let mut child = StdCommand::new(bin)
        .args(["analyze", "--format", "json", "data/real/ckm-physicians"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}: {stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn same_bytes_every_run_and_any_thread_count() {
    for net in [EXAMPLE, "data/real/lazega-isp", "data/real/ckm-physicians"] {
        for format in ["json", "csv", "table"] {
            let base = stdout_of(&["analyze", "--format", format, net]);
            assert_eq!(base, stdout_of(&["analyze", "--format", format, net]));
            for threads in ["1", "2", "4"] {
                assert_eq!(
                    base,
                    stdout_of(&["analyze", "--threads", threads, "--format", format, net]),
                    "{net} {format} threads={threads}"
                );
            }
        }
    }
}

#[test]
fn issue_18_completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let out = stakenet().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        // Every command and a batch flag are offered.
        for word in ["analyze", "batch", "merge", "resume"] {
            assert!(text.contains(word), "{shell}: {word} missing");
        }
    }
    let out = stakenet().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = stakenet().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie"), "{}", &page[..40.min(page.len())]);
    assert!(page.contains(".TH stakenet"), "no title line");
    assert!(page.contains("batch"));
}
