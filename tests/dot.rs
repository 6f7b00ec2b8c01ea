//! `render::dot`: the DOT text parses back to the graph we meant, matches
//! the committed snapshots, survives hostile labels, and Graphviz renders it.

use std::path::{Path, PathBuf};
use std::process::Command;

use graphviz_rust::dot_structures::{Attribute, EdgeTy, Graph, Id, Stmt, Vertex};
use stakenet::render::dot::{to_dot, to_graph, ClusterBy, DotOptions, DotOverlay, SizeBy};
use stakenet::{Actor, Network, TieSpec};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn county() -> Network {
    stakenet::io::load_dir(root().join("data/county-parenting-site")).unwrap()
}

/// The county site after the default exit, hand-copied from
/// tests/fixtures/exit/county-parenting-site-default.json (the exit library
/// is not wired in yet): X = {data_coach, isp_lead}, stranded evaluator and
/// funder, 15 lost group bridges, and the plan's first introduction.
fn county_exit_overlay(net: &Network) -> DotOverlay {
    let a = |id: &str| net.index_of(id).unwrap();
    let g = |name: &str| net.groups().iter().position(|x| x == name).unwrap();
    let bridges = [
        ("agency_leadership", "funder"),
        ("agency_leadership", "university"),
        ("community_provider", "funder"),
        ("community_provider", "university"),
        ("families", "funder"),
        ("families", "university"),
        ("frontline", "funder"),
        ("frontline", "university"),
        ("funder", "implementation_team"),
        ("funder", "state"),
        ("funder", "supervisors"),
        ("funder", "university"),
        ("implementation_team", "university"),
        ("state", "university"),
        ("supervisors", "university"),
    ];
    DotOverlay {
        exiting: vec![a("data_coach"), a("isp_lead")],
        stranded: vec![a("evaluator"), a("funder")],
        lost_group_bridges: bridges.iter().map(|&(x, y)| (g(x), g(y))).collect(),
        handed_over: vec![(a("imp_lead"), a("fam_lee"), 0.475)],
        proposed: vec![(a("deputy"), a("fam_lee"), 0.665)],
        title: Some("After the intermediary exits: sustainability 0.561".into()),
    }
}

/// The text an escString ID shows (quotes removed, `\\`, `\"` undone, `\n`
/// and `\l` as line breaks).
fn shown(id: &Id) -> String {
    let raw = match id {
        Id::Escaped(s) => &s[1..s.len() - 1],
        Id::Plain(s) => s.as_str(),
        other => panic!("unexpected id {other:?}"),
    };
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('l') => out.push('\n'),
            Some(c) => out.push(c),
            None => panic!("dangling backslash in {raw}"),
        }
    }
    out
}

/// The name a quoted node ID stands for (inverse of the `\x`/`\\`/`\"`
/// escaping of names).
fn name(id: &Id) -> String {
    let Id::Escaped(s) = id else {
        panic!("node names are quoted: {id:?}")
    };
    let raw = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            Some(c) => out.push(c),
            None => panic!("dangling backslash in {raw}"),
        }
    }
    out
}

fn get<'a>(attrs: &'a [Attribute], key: &str) -> Option<&'a Id> {
    attrs
        .iter()
        .rev()
        .find(|Attribute(k, _)| matches!(k, Id::Plain(k) if k == key))
        .map(|Attribute(_, v)| v)
}

fn stmts(g: &Graph) -> &[Stmt] {
    match g {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    }
}

/// Top-level node statements: (name, attributes).
fn nodes(g: &Graph) -> Vec<(String, &[Attribute])> {
    stmts(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Node(n) => Some((name(&n.id.0), n.attributes.as_slice())),
            _ => None,
        })
        .collect()
}

/// Top-level edge statements: (tail, head, attributes).
fn edges(g: &Graph) -> Vec<(String, String, &[Attribute])> {
    stmts(g)
        .iter()
        .filter_map(|s| match s {
            Stmt::Edge(e) => match &e.ty {
                EdgeTy::Pair(Vertex::N(a), Vertex::N(b)) => {
                    Some((name(&a.0), name(&b.0), e.attributes.as_slice()))
                }
                other => panic!("unexpected edge {other:?}"),
            },
            _ => None,
        })
        .collect()
}

fn parse(text: &str) -> Graph {
    graphviz_rust::parse(text).unwrap_or_else(|e| panic!("DOT does not parse: {e}\n{text}"))
}

#[test]
fn dot_parses_back_to_the_same_graph() {
    let net = county();
    let overlay = county_exit_overlay(&net);
    for (options, ov) in [
        (DotOptions::default(), None),
        (
            DotOptions {
                size_by: SizeBy::Degree,
                cluster_by: ClusterBy::Level,
                title: Some("t".into()),
                no_legend: true,
            },
            Some(&overlay),
        ),
    ] {
        let text = to_dot(&net, &options, ov);
        assert_eq!(parse(&text), to_graph(&net, &options, ov));
    }
}

/// Compare with the committed file; `UPDATE_SNAPSHOTS=1 cargo test` rewrites it.
fn check_snapshot(file: &str, text: &str) {
    let path = root().join("tests/snapshots").join(file);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    if expected != text {
        let line = expected
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(text.lines().count()));
        panic!(
            "{} differs from the output at line {}:\nexpected: {:?}\nactual:   {:?}\n\
             (UPDATE_SNAPSHOTS=1 cargo test --test dot rewrites it; review the diff)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            text.lines().nth(line)
        );
    }
}

#[test]
fn county_site_dot_matches_the_snapshot() {
    let net = county();
    let text = to_dot(&net, &DotOptions::default(), None);
    check_snapshot("county-parenting-site.dot", &text);
    // The same input gives the same bytes.
    assert_eq!(text, to_dot(&net, &DotOptions::default(), None));
}

#[test]
fn county_site_exit_view_matches_the_snapshot() {
    let net = county();
    let text = to_dot(
        &net,
        &DotOptions::default(),
        Some(&county_exit_overlay(&net)),
    );
    check_snapshot("county-parenting-site-exit.dot", &text);
}
