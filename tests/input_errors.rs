//! Every bad-input rule of docs/format.md, one fixture folder each under
//! `data/invalid/<rule>/` with the exact expected messages in `expected.txt`.
//! Each is checked three ways: the library's error, `validate`'s listing, and
//! `analyze -o` failing with exit 1 and writing no file.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The rules of the format's "Bad input" section, each with its fixture.
const RULES: &[&str] = &[
    "nodes_missing_id_column",
    "edges_missing_trust_column",
    "empty_node_id",
    "duplicate_node_id",
    "edge_end_not_a_node",
    "trust_not_a_number",
    "trust_out_of_range",
    "trust_nan",
    "trust_infinite",
    "trust_empty",
    "power_out_of_range",
    "communication_negative",
    "tie_power_out_of_range",
    "unknown_kind",
    "unknown_placement",
    "unknown_level",
    "bad_directed_value",
    "duplicate_mutual_tie",
    "directed_row_conflicts_with_mutual",
    "self_loop",
    "wrong_field_count",
    "empty_nodes_file",
    "invalid_utf8",
    "several_problems",
];

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir("data/invalid")
        .expect("data/invalid exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// What the command prints for the case (`validate`, `analyze`).
fn expected(dir: &Path) -> String {
    fs::read_to_string(dir.join("expected.txt")).unwrap()
}

/// The hints the command adds after a library message: the flag that
/// accepts what the message refuses.
const CLI_HINTS: [&str; 1] = ["; --merge-duplicates combines such rows"];

/// What the library says for the case: the command's text without its flag
/// hints, since the library names no command-line flag.
fn library_expected(dir: &Path) -> String {
    CLI_HINTS
        .iter()
        .fold(expected(dir), |text, hint| text.replace(hint, ""))
}

#[test]
fn every_rule_has_a_fixture_and_every_fixture_a_rule() {
    let mut found: Vec<String> = cases()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut rules: Vec<String> = RULES.iter().map(|s| s.to_string()).collect();
    found.sort();
    rules.sort();
    assert_eq!(found, rules);
}

#[test]
fn library_reports_the_exact_messages() {
    for dir in cases() {
        let err = stakenet::io::load_dir(&dir).expect_err(&dir.display().to_string());
        let stakenet::Error::Input(problems) = err else {
            panic!("{}: not an input error: {err}", dir.display());
        };
        assert!(!problems.to_string().contains("--"), "{problems}");
        assert_eq!(
            format!("{problems}\n"),
            library_expected(&dir),
            "case {}",
            dir.display()
        );
    }
}

#[test]
fn validate_lists_every_problem_and_exits_1() {
    for dir in cases() {
        let want = expected(&dir);
        let n = want.lines().count();
        let summary = format!(
            "{n} problem{} found; the network was not loaded\n",
            if n == 1 { "" } else { "s" }
        );
        Command::cargo_bin("stakenet")
            .unwrap()
            .arg("validate")
            .arg(&dir)
            .assert()
            .code(1)
            .stdout(format!("{want}{summary}"));
    }
}

#[test]
fn analyze_fails_with_the_message_and_writes_no_file() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in cases() {
        let out = tmp.path().join("report.json");
        let assert = Command::cargo_bin("stakenet")
            .unwrap()
            .args(["analyze", "--format", "json", "-o"])
            .arg(&out)
            .arg(&dir)
            .assert()
            .code(1)
            .stdout("");
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        for line in expected(&dir).lines() {
            assert!(stderr.contains(line), "{}: {stderr}", dir.display());
        }
        assert!(!out.exists(), "{}: output written", dir.display());
        assert_eq!(
            fs::read_dir(tmp.path()).unwrap().count(),
            0,
            "{}: a stray file was left",
            dir.display()
        );
    }
}

#[test]
fn a_failed_run_leaves_an_earlier_report_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.json");
    fs::write(&out, "earlier").unwrap();
    Command::cargo_bin("stakenet")
        .unwrap()
        .args(["analyze", "-o"])
        .arg(&out)
        .arg("data/invalid/self_loop")
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(&out).unwrap(), "earlier");
}

#[test]
fn missing_files_name_the_path() {
    Command::cargo_bin("stakenet")
        .unwrap()
        .args(["analyze", "data/no-such-network"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "cannot read data/no-such-network/nodes.csv",
        ));
}
