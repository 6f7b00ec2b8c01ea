//! `stakenet dot` on the command line: DOT to standard output, rendering by
//! file name, and a clear error when Graphviz is missing.

use predicates::prelude::*;

mod common;
use common::stakenet;

const NET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/county-parenting-site");

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

#[path = "support/dot_ast.rs"]
mod dot_ast;

const TINY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/real/tiny");

/// `stakenet dot` with these flags, parsed back.
fn dot_of(net: &str, flags: &[&str]) -> (String, graphviz_rust::dot_structures::Graph) {
    let assert = stakenet()
        .arg("dot")
        .arg(net)
        .args(flags)
        .assert()
        .success();
    let text = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let g = dot_ast::parse(&text);
    (text, g)
}

fn title_of(g: &graphviz_rust::dot_structures::Graph) -> String {
    dot_ast::shown(dot_ast::get(dot_ast::graph_attrs(g), "label").unwrap())
}

/// Node attribute `key` as shown, by node name.
fn node_attr(g: &graphviz_rust::dot_structures::Graph, id: &str, key: &str) -> Option<String> {
    let ns = dot_ast::nodes(g);
    let (_, attrs) = ns.iter().find(|(n, _)| n == id).unwrap();
    dot_ast::get(attrs, key).map(dot_ast::shown)
}

/// The ties drawn after the network's own: (tail, head, colour, style, label).
fn overlay_ties(
    g: &graphviz_rust::dot_structures::Graph,
    network_ties: usize,
) -> Vec<(String, String, String, String, String)> {
    dot_ast::edges(g)[network_ties..]
        .iter()
        .map(|(a, b, attrs)| {
            let s = |k| dot_ast::shown(dot_ast::get(attrs, k).unwrap());
            (a.clone(), b.clone(), s("color"), s("style"), s("label"))
        })
        .collect()
}

const TINY_TIES: usize = 8;

#[test]
fn exit_view_of_tiny_greys_p1_strands_c1_and_loses_the_bridges_to_c() {
    // data/real/tiny/SOURCE.md and tests/fixtures/exit/tiny-default.json:
    // p1 is the only external practitioner; without it c1 reaches no one,
    // groups A and B lose C, and 0.241 / 0.51136 = 47.1% of trusted reach
    // is left.
    let (text, g) = dot_of(TINY, &["--exit-view"]);
    assert_eq!(node_attr(&g, "p1", "fillcolor").as_deref(), Some("#eeeeee"));
    assert!(node_attr(&g, "p1", "label").unwrap().ends_with("\n(exits)"));
    assert_eq!(node_attr(&g, "c1", "color").as_deref(), Some("#cb181d"));
    assert!(node_attr(&g, "c1", "label")
        .unwrap()
        .ends_with("\n(stranded)"));
    for stays in ["a1", "a2", "b1", "b2", "p2"] {
        let label = node_attr(&g, stays, "label").unwrap();
        assert!(!label.contains("(exits)") && !label.contains("(stranded)"));
    }
    // p1's four ties are grey, the other four keep their colours.
    let grey: Vec<(String, String)> = dot_ast::edges(&g)
        .iter()
        .filter(|(_, _, a)| {
            dot_ast::get(a, "color").map(dot_ast::shown).as_deref() == Some("#cccccc")
        })
        .map(|(a, b, _)| (a.clone(), b.clone()))
        .collect();
    let p1 = |x: &str| ("p1".to_string(), x.to_string());
    assert_eq!(grey, [p1("a1"), p1("b1"), p1("c1"), p1("p2")]);
    // The groups that lost a bridge are outlined red, ISP is not.
    let red: Vec<String> = dot_ast::clusters(&g)
        .into_iter()
        .filter(|(_, attrs, _)| {
            dot_ast::get(attrs, "color").map(dot_ast::shown).as_deref() == Some("#cb181d")
        })
        .map(|(n, _, _)| n)
        .collect();
    assert_eq!(
        red,
        ["cluster_group_A", "cluster_group_B", "cluster_group_C"]
    );
    assert_eq!(
        title_of(&g),
        "If Pia leaves: the site keeps 47% of its trusted reach (1 stakeholder stranded)\n\
         Group bridges lost: A–C, B–C"
    );
    assert!(overlay_ties(&g, TINY_TIES).is_empty());
    // --exit naming the default set draws the same picture.
    assert_eq!(dot_of(TINY, &["--exit", "p1"]).0, text);
}

#[test]
fn handover_to_a1_marks_the_ties_it_copied() {
    // p1's ties to b1 (0.8) and c1 (0.5) go to a1 at half trust; a1 is TO
    // itself and p2 a practitioner. tests/fixtures/exit/tiny-handover-p1-a1.json:
    // sustainability 0.6895, no one stranded, no bridge lost.
    let (_, g) = dot_of(TINY, &["--handover", "p1=a1"]);
    let green = |b: &str, t: &str| {
        let s = |x: &str| x.to_string();
        (s("a1"), s(b), s("#1a9850"), s("bold"), s(t))
    };
    assert_eq!(
        overlay_ties(&g, TINY_TIES),
        [green("b1", "0.40"), green("c1", "0.25")]
    );
    assert!(!node_attr(&g, "c1", "label").unwrap().contains("stranded"));
    assert_eq!(
        title_of(&g),
        "If Pia leaves, handing ties over to Ana: the site keeps 69% of its trusted reach \
         (no stakeholder stranded)"
    );
}

#[test]
fn plan_2_draws_the_first_two_introductions_as_proposed_ties() {
    // tests/fixtures/exit/tiny-default.json: a1–b1 (0.8 × 0.8) then a1–c1
    // (0.8 × 0.5) through p1, reaching sustainability 0.9493.
    let (_, g) = dot_of(TINY, &["--plan", "2"]);
    let purple = |b: &str, t: &str| {
        let s = |x: &str| x.to_string();
        (s("a1"), s(b), s("#762a83"), s("dotted"), s(t))
    };
    assert_eq!(
        overlay_ties(&g, TINY_TIES),
        [purple("b1", "0.64"), purple("c1", "0.40")]
    );
    // The exit itself is still drawn: c1 is stranded until someone acts.
    assert!(node_attr(&g, "c1", "label")
        .unwrap()
        .ends_with("\n(stranded)"));
    assert!(title_of(&g).contains(
        "(1 stakeholder stranded)\nWith the 2 proposed introductions, it would keep 95%\n"
    ));
}

#[test]
fn exit_view_flags_are_checked_against_the_network() {
    stakenet()
        .args(["dot", TINY, "--exit", "nobody"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--exit: no actor has the id \"nobody\"",
        ));
    stakenet()
        .args(["dot", TINY, "--handover", "p1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no '='"));
}

#[test]
fn county_exit_view_matches_the_snapshot() {
    // The same overlay tests/dot.rs builds with the library.
    let expected = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/county-parenting-site-exit.dot"
    ))
    .unwrap();
    let (text, _) = dot_of(NET, &["--handover", "data_coach=qa_analyst", "--plan", "2"]);
    assert_eq!(text, expected);
}

#[test]
fn size_by_brokerage_and_constraint_scale_to_the_largest() {
    // Brokerage on tiny (groups A, B, C, ISP; each unlinked pair of contacts
    // counts both ways): p1 brokers its 4 mutually unlinked contacts, 6
    // pairs → 12; p2's 3 → 6; a1 between a2 and p1 → 2; c1 has one contact.
    let (_, g) = dot_of(TINY, &["--size-by", "brokerage_total", "--no-legend"]);
    let width = |g, id| node_attr(g, id, "width").unwrap();
    assert_eq!(width(&g, "p1"), "2.00");
    assert_eq!(width(&g, "p2"), "1.45"); // 0.9 + 1.1 · 6/12
    assert_eq!(width(&g, "a1"), "1.08"); // 0.9 + 1.1 · 2/12
    assert_eq!(width(&g, "c1"), "0.90");
    // Constraint: c1's one contact gives the largest, 1; a1 splits its
    // trust evenly between two unlinked contacts: 0.5² + 0.5² = 0.5.
    let (_, g) = dot_of(TINY, &["--size-by", "constraint"]);
    assert_eq!(width(&g, "c1"), "2.00");
    assert_eq!(width(&g, "a1"), "1.45");
    let (text, _) = dot_of(TINY, &["--size-by", "effective_size"]);
    assert!(text.contains("Legend (larger node: more effective_size)"));
}

#[test]
fn size_by_betweenness_follows_the_reference_values() {
    // Widths are 0.9 + 1.1 · b / max b, with b from the networkx fixture.
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/fixtures/metrics/tiny.json").unwrap())
            .unwrap();
    let b = |id: &str| fixture["actors"][id]["betweenness"].as_f64().unwrap();
    let max = ["a1", "a2", "b1", "b2", "c1", "p1", "p2"]
        .iter()
        .map(|id| b(id))
        .fold(0.0, f64::max);
    let (_, g) = dot_of(TINY, &["--size-by", "betweenness", "--no-legend"]);
    for id in ["a1", "a2", "c1", "p1", "p2"] {
        let want = format!("{:.2}", 0.9 + 1.1 * b(id) / max);
        assert_eq!(node_attr(&g, id, "width").unwrap(), want, "{id}");
    }
}

/// `stakenet dot --render png` with standard output on a terminal (made
/// with script(1)): refused with a message, no bytes dumped.
#[test]
fn issue_18_png_on_a_terminal_is_refused() {
    let Ok(script) = which_script() else {
        eprintln!("skipped: no script(1) here");
        return;
    };
    let bin = assert_cmd::cargo::cargo_bin("stakenet");
    let command = format!("{} dot data/real/tiny --render png", bin.display());
    let out = std::process::Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .current_dir(common::root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("refusing to print PNG bytes on the terminal"),
        "{text}"
    );
    assert!(!text.contains("PNG\r\n"), "PNG bytes reached the terminal");
}

fn which_script() -> Result<std::path::PathBuf, ()> {
    ["/usr/bin/script", "/bin/script"]
        .iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists())
        .ok_or(())
}
