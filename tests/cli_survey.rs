//! `stakenet survey` from the command line: the folder it writes passes
//! `stakenet validate`, the report is printed and saved, an existing folder
//! is never replaced by accident, and a refused survey leaves nothing behind.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn stakenet() -> Command {
    Command::cargo_bin("stakenet").unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const ROSTER: &str = "id,kind\np,practitioner\na,stakeholder\nb,stakeholder\n";
const RESPONSES: &str =
    "respondent,alter,trust,frequency\np,a,4,every week\na,p,3,every month\nb,a,2,never\n";

/// A folder with roster.csv and responses.csv.
fn inputs(responses: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("roster.csv"), ROSTER).unwrap();
    fs::write(dir.path().join("responses.csv"), responses).unwrap();
    dir
}

fn survey(dir: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    stakenet()
        .arg("survey")
        .arg(dir.join("responses.csv"))
        .arg("--roster")
        .arg(dir.join("roster.csv"))
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

/// Names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

#[test]
fn writes_a_network_folder_that_validates_and_prints_the_report() {
    let dir = inputs(RESPONSES);
    let net = dir.path().join("net");
    let run = survey(dir.path(), &net, &[]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(names(&net), ["edges.csv", "nodes.csv", "survey-report.txt"]);
    assert_eq!(fs::read_to_string(net.join("nodes.csv")).unwrap(), ROSTER);
    // p → a 1 and a → p 2/3 (different trust: two directed rows), the
    // communication the mean of 4 and 1; b → a never: no tie.
    assert_eq!(
        fs::read_to_string(net.join("edges.csv")).unwrap(),
        "source,target,trust,communication,directed\na,p,0.6666666666666666,2.5,true\np,a,1,2.5,true\n"
    );
    let report = fs::read_to_string(net.join("survey-report.txt")).unwrap();
    let stdout = String::from_utf8(run.stdout).unwrap();
    assert!(stdout.starts_with(&report), "{stdout}");
    assert!(report.contains("3 of 3 actors answered (100%)"), "{report}");
    assert!(
        report.contains("respondents who rated nobody:   b"),
        "{report}"
    );
    let check = stakenet().arg("validate").arg(&net).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // Nothing else was left beside the folder.
    assert_eq!(names(dir.path()), ["net", "responses.csv", "roster.csv"]);
}

#[test]
fn the_readme_example_runs() {
    let out = tempfile::tempdir().unwrap();
    let net = out.path().join("site-from-survey");
    let run = stakenet()
        .current_dir(root())
        .args([
            "survey",
            "data/county-parenting-survey/responses.csv",
            "--roster",
            "data/county-parenting-site/nodes.csv",
            "--codebook",
            "data/county-parenting-survey/codebook.toml",
            "--assume-mutual",
            "-o",
        ])
        .arg(&net)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let analyze = |dir: &Path| {
        let out = stakenet()
            .args(["exit", "--format", "json"])
            .arg(dir)
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(
        analyze(&net),
        analyze(&root().join("data/county-parenting-site"))
    );
}

#[test]
fn an_existing_folder_is_replaced_only_with_force_and_only_a_surveys() {
    let dir = inputs(RESPONSES);
    let net = dir.path().join("net");
    assert!(survey(dir.path(), &net, &[]).status.success());
    let first = fs::read(net.join("edges.csv")).unwrap();

    let again = survey(dir.path(), &net, &["--assume-mutual"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists; --force"));
    assert_eq!(fs::read(net.join("edges.csv")).unwrap(), first);

    let forced = survey(dir.path(), &net, &["--force", "--communication", "max"]);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    assert_eq!(
        fs::read_to_string(net.join("edges.csv")).unwrap(),
        "source,target,trust,communication,directed\na,p,0.6666666666666666,4,true\np,a,1,4,true\n"
    );
    assert_eq!(names(dir.path()), ["net", "responses.csv", "roster.csv"]);

    // A folder holding anything else is not a survey's: never replaced.
    fs::write(net.join("notes.txt"), "mine").unwrap();
    let refused = survey(dir.path(), &net, &["--force"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr)
        .contains("\"notes.txt\", which a survey does not write"));
    assert_eq!(fs::read_to_string(net.join("notes.txt")).unwrap(), "mine");

    // Nor a file.
    let file = dir.path().join("file");
    fs::write(&file, "x").unwrap();
    let refused = survey(dir.path(), &file, &["--force"]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn force_never_replaces_a_folder_holding_an_input() {
    // The roster given is the nodes.csv of the folder to be replaced.
    let dir = inputs(RESPONSES);
    let net = dir.path().join("net");
    assert!(survey(dir.path(), &net, &[]).status.success());
    let run = stakenet()
        .arg("survey")
        .arg(dir.path().join("responses.csv"))
        .arg("--roster")
        .arg(net.join("nodes.csv"))
        .arg("-o")
        .arg(&net)
        .arg("--force")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("it holds the input file"));
    assert_eq!(fs::read_to_string(net.join("nodes.csv")).unwrap(), ROSTER);
}

#[test]
fn a_refused_survey_writes_nothing() {
    let dir = inputs("respondent,alter,trust\np,a,9\np,zed,1\n");
    let net = dir.path().join("net");
    let run = survey(dir.path(), &net, &[]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.contains("responses.csv:2:3: trust: expected an integer from 1 to 4, found \"9\""),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "responses.csv:3:2: alter: expected an alter on the roster roster.csv, found \"zed\""
        ),
        "{stderr}"
    );
    assert!(run.stdout.is_empty());
    assert_eq!(names(dir.path()), ["responses.csv", "roster.csv"]);
}

#[test]
fn a_missing_file_is_named() {
    let dir = inputs(RESPONSES);
    let run = stakenet()
        .arg("survey")
        .arg(dir.path().join("responses.csv"))
        .arg("--roster")
        .arg(dir.path().join("nobody.csv"))
        .arg("-o")
        .arg(dir.path().join("net"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot read"));
    assert!(String::from_utf8_lossy(&run.stderr).contains("nobody.csv"));
}
