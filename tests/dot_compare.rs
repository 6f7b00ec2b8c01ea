//! The change view of `stakenet dot --compare BEFORE`: what changed since
//! the earlier map, each change drawn with a cue other than colour, and all
//! of them in the legend.

use std::collections::BTreeMap;

use graphviz_rust::dot_structures::{Graph, Id, Stmt};
use stakenet::compare::{change_overlay, compare, CompareOptions};
use stakenet::render::dot::{to_dot, to_graph, DotOptions, NodeScores};
use stakenet::{Actor, Network, TieSpec};

#[path = "support/dot_ast.rs"]
mod dot_ast;
use dot_ast::{edges, get, nodes, parse, shown, stmts};

fn value(attrs: &[graphviz_rust::dot_structures::Attribute], key: &str) -> Option<String> {
    get(attrs, key).map(shown)
}

/// Before: a–b 0.5, b–c 0.5, c–d 0.4 (a, b, c, d stakeholders; p a
/// practitioner tied to a). After: d left (c–d dissolved), e joined with
/// b–e, a–b rose to 0.8, b–c fell to 0.2, p–c formed.
fn waves() -> (Network, Network) {
    let s = Actor::stakeholder;
    let before = Network::from_parts(
        vec![Actor::practitioner("p"), s("a"), s("b"), s("c"), s("d")],
        &[
            TieSpec::mutual("p", "a", 0.7),
            TieSpec::mutual("a", "b", 0.5),
            TieSpec::mutual("b", "c", 0.5),
            TieSpec::mutual("c", "d", 0.4),
        ],
    )
    .unwrap();
    let after = Network::from_parts(
        vec![Actor::practitioner("p"), s("a"), s("b"), s("c"), s("e")],
        &[
            TieSpec::mutual("p", "a", 0.7),
            TieSpec::mutual("a", "b", 0.8),
            TieSpec::mutual("b", "c", 0.2),
            TieSpec::mutual("b", "e", 0.6),
            TieSpec::mutual("p", "c", 0.5),
        ],
    )
    .unwrap();
    (before, after)
}

fn drawn() -> (String, Graph) {
    let (before, after) = waves();
    let c = compare(&before, &after, &CompareOptions::default()).unwrap();
    let (net, ov) = change_overlay(&before, &after, &c).unwrap();
    let options = DotOptions::default();
    let scores = NodeScores::of(&net, options.size_by, &Default::default());
    let text = to_dot(&net, &options, &scores, Some(&ov));
    assert_eq!(parse(&text), to_graph(&net, &options, &scores, Some(&ov)));
    let g = parse(&text);
    (text, g)
}

/// A tie's label, style and colour.
type Drawn = (Option<String>, Option<String>, Option<String>);

#[test]
fn each_change_has_a_label_and_a_line_style() {
    let (_, g) = drawn();
    let ties: BTreeMap<(String, String), Drawn> = edges(&g)
        .into_iter()
        .filter(|(a, _, _)| !a.starts_with("legend:"))
        .map(|(a, b, attrs)| {
            (
                (a, b),
                (
                    value(attrs, "label"),
                    value(attrs, "style"),
                    value(attrs, "color"),
                ),
            )
        })
        .collect();
    let tie = |a: &str, b: &str| ties[&(a.to_string(), b.to_string())].clone();
    // Unchanged: no label.
    assert_eq!(tie("p", "a").0, None);
    // Formed: bold and "new" (p–c and b–e).
    assert_eq!(tie("p", "c").0.as_deref(), Some("new"));
    assert_eq!(tie("p", "c").1.as_deref(), Some("bold"));
    assert_eq!(tie("b", "e").0.as_deref(), Some("new"));
    // Up by 0.3, down by 0.3 (b–c is dashed: trust 0.2 is below 0.3).
    assert_eq!(tie("a", "b").0.as_deref(), Some("+0.30"));
    assert_eq!(tie("b", "c").0.as_deref(), Some("−0.30"));
    assert_eq!(tie("b", "c").1.as_deref(), Some("dashed"));
    // Dissolved, with the actor who left: still drawn, faint and dashed.
    assert_eq!(
        tie("c", "d"),
        (
            Some("gone".to_string()),
            Some("dashed".to_string()),
            Some("#cccccc".to_string())
        )
    );
    assert_eq!(ties.len(), 6);
}

#[test]
fn joined_and_departed_actors_say_so_in_their_labels() {
    let (_, g) = drawn();
    let labels: BTreeMap<String, String> = nodes(&g)
        .into_iter()
        .filter(|(n, _)| !n.starts_with("legend:"))
        .map(|(n, attrs)| (n, value(attrs, "label").unwrap()))
        .collect();
    assert_eq!(labels["d"], "d\n(left)");
    assert_eq!(labels["e"], "e\n(joined)");
    assert_eq!(labels["a"], "a");
    let title = value(dot_ast::graph_attrs(&g), "label").unwrap();
    assert_eq!(
        title,
        "Since the first map: 2 ties formed, 1 dissolved, 1 strengthened, 1 weakened; 1 actor \
         joined, 1 left"
    );
}

#[test]
fn the_legend_explains_every_change() {
    let (text, g) = drawn();
    let legend = stmts(&g)
        .iter()
        .find_map(|s| match s {
            Stmt::Subgraph(sg) if sg.id == Id::Escaped("\"cluster_legend\"".into()) => Some(sg),
            _ => None,
        })
        .unwrap();
    let texts: Vec<String> = legend
        .stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => get(&n.attributes, "label").map(shown),
            _ => None,
        })
        .collect();
    for expected in [
        "joined",
        "left",
        "new tie: bold, labelled “new”\n",
        "dissolved tie: faint, dashed, labelled “gone”\n",
        "trust up (or down, “−0.20”) by the amount shown\n",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected:?} in {texts:?}"
        );
    }
    // The exit view's samples are not in a change view.
    assert!(!text.contains("handed-over"));
}

#[test]
fn cli_draws_the_change_view_and_refuses_the_exit_flags() {
    let out = assert_cmd::Command::cargo_bin("stakenet")
        .unwrap()
        .args([
            "dot",
            "data/county-parenting-site-wave2",
            "--compare",
            "data/county-parenting-site",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let g = parse(&text);
    let n = nodes(&g)
        .into_iter()
        .filter(|(n, _)| !n.starts_with("legend:"))
        .count();
    // The 27 actors of the second map and the 2 who left.
    assert_eq!(n, 29);
    assert!(text.contains("(joined)") && text.contains("(left)"));
    assert_cmd::Command::cargo_bin("stakenet")
        .unwrap()
        .args([
            "dot",
            "data/county-parenting-site-wave2",
            "--compare",
            "data/county-parenting-site",
            "--exit-view",
        ])
        .assert()
        .code(2);
}
