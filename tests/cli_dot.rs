//! `stakenet dot` on the command line: DOT to standard output, rendering by
//! file name, and a clear error when Graphviz is missing.

use assert_cmd::Command;
use predicates::prelude::*;

const NET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/county-parenting-site");

fn stakenet() -> Command {
    Command::cargo_bin("stakenet").unwrap()
}

fn has_graphviz() -> bool {
    let found = std::process::Command::new("dot").arg("-V").output().is_ok();
    if !found {
        eprintln!("SKIPPED: Graphviz's `dot` is not installed (apt-get install graphviz)");
    }
    found
}

#[test]
fn dot_text_goes_to_standard_output_and_matches_the_snapshot() {
    let expected = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/county-parenting-site.dot"
    ))
    .unwrap();
    // No Graphviz needed for DOT text.
    stakenet()
        .args(["dot", NET])
        .env("STAKENET_DOT", "/nonexistent/dot")
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn an_svg_file_name_renders_with_graphviz() {
    if !has_graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site.svg");
    stakenet()
        .args(["dot", NET, "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.contains("Helen (agency director)"));
    // --render overrides: PNG bytes on standard output.
    let png = stakenet()
        .args(["dot", NET, "--render", "png"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn rendering_without_graphviz_says_how_to_install_it_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site.png");
    stakenet()
        .args(["dot", NET, "-o"])
        .arg(&out)
        .env("STAKENET_DOT", dir.path().join("no-such-dot"))
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("Graphviz's `dot` program, which was not found")
                .and(predicate::str::contains("apt-get install graphviz")),
        );
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn options_reach_the_diagram() {
    let assert = stakenet()
        .args([
            "dot",
            NET,
            "--cluster-by",
            "level",
            "--size-by",
            "degree",
            "--no-legend",
            "--title",
            "County \"site\"",
        ])
        .assert()
        .success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(text.contains("subgraph \"cluster_level_macro\""));
    assert!(!text.contains("cluster_group_"));
    assert!(!text.contains("cluster_legend"));
    assert!(text.contains("label=\"County \\\"site\\\"\""));
    // isp_lead has the most ties (15 + … arcs): the largest node.
    assert!(text.contains("\"isp_lead\"[label=\"Nadia (lead\\nimplementation\\nspecialist -\\nintermediary)\" tooltip=\"isp_lead: practitioner (external), group intermediary, organizational, power 0.6\" fontsize=22.0 width=2.00"));
}
