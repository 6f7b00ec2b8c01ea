//! Helpers shared by the integration tests: `mod common;` in a test file.
//! Each test crate uses only some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use stakenet::render::dot::{DotOptions, DotOverlay, NodeScores};
use stakenet::Network;

/// The `stakenet` binary of this build.
pub fn stakenet() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("stakenet").unwrap()
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A network read from the bytes of its two files (named `nodes.csv` and
/// `edges.csv` in errors), with the format's defaults.
pub fn load_bytes(nodes: &[u8], edges: &[u8]) -> Result<Network, stakenet::Error> {
    stakenet::io::read(
        Path::new("nodes.csv"),
        nodes,
        Path::new("edges.csv"),
        edges,
        &stakenet::LoadOptions::default(),
    )
}

/// `render::dot::to_dot` with the node scores `stakenet dot` computes by
/// default (exact betweenness, tie length 1/trust).
pub fn to_dot(net: &Network, options: &DotOptions, overlay: Option<&DotOverlay>) -> String {
    let scores = NodeScores::of(net, options.size_by, &Default::default());
    stakenet::render::dot::to_dot(net, options, &scores, overlay)
}

/// `render::dot::to_graph` with the default node scores (see [`to_dot`]).
pub fn to_graph(
    net: &Network,
    options: &DotOptions,
    overlay: Option<&DotOverlay>,
) -> graphviz_rust::dot_structures::Graph {
    let scores = NodeScores::of(net, options.size_by, &Default::default());
    stakenet::render::dot::to_graph(net, options, &scores, overlay)
}

/// The networks the format round-trip tests run over (workbooks, GraphML,
/// Kumu): the example site, the hostile export fixture and every published
/// network in `data/real`, in a fixed order.
pub fn every_network() -> Vec<PathBuf> {
    let mut dirs = vec![
        PathBuf::from("data/county-parenting-site"),
        PathBuf::from("tests/fixtures/exports/hostile"),
    ];
    let mut real: Vec<PathBuf> = std::fs::read_dir("data/real")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("nodes.csv").exists())
        .collect();
    real.sort();
    dirs.extend(real);
    dirs
}
