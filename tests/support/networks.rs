//! The networks the format round-trip tests run over: the example site, the
//! hostile export fixture and every published network in `data/real`.
#![allow(dead_code)]

use std::path::PathBuf;

/// Every network folder the round trips cover, in a fixed order.
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
