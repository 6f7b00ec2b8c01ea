//! `dot --size-by betweenness` follows the same shortest-path options as
//! `analyze` (`--distance`, `--betweenness-sample`): the node sizes come
//! from the report, not from defaults inside the renderer.
//!
//! The network is the 4-cycle a–b–d–c–a with trust 1 on a–b and b–d and 0.1
//! on a–c and c–d. Worked by hand (networkx-normalised betweenness, then
//! scaled to the largest, width = 0.9 + 1.1·s):
//! - `--distance inverse` (lengths 1, 1, 10, 10): a–d runs only through b
//!   (2 < 20); b–c has two paths of length 11, through a and through d.
//!   Betweenness a 0.5, b 1, c 0, d 0.5 (×1/3) → widths 1.45, 2.00, 0.90, 1.45.
//! - `--distance hops`: every non-adjacent pair has two paths, so every
//!   actor has the same betweenness → every width 2.00.

use std::path::Path;

mod common;
#[path = "support/dot_ast.rs"]
mod dot_ast;

fn square(dir: &Path) {
    std::fs::write(
        dir.join("nodes.csv"),
        "id,label,kind,placement,group\n\
         a,a,stakeholder,internal,\n\
         b,b,stakeholder,internal,\n\
         c,c,stakeholder,internal,\n\
         d,d,stakeholder,internal,\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("edges.csv"),
        "source,target,trust,communication,directed\n\
         a,b,1,1,false\n\
         b,d,1,1,false\n\
         a,c,0.1,1,false\n\
         c,d,0.1,1,false\n",
    )
    .unwrap();
}

/// Node id → width, from `stakenet dot` with these extra flags.
fn widths(dir: &Path, flags: &[&str]) -> Vec<(String, String)> {
    let out = common::stakenet()
        .arg("dot")
        .arg(dir)
        .args([
            "--size-by",
            "betweenness",
            "--no-legend",
            "--cluster-by",
            "none",
        ])
        .args(flags)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let g = dot_ast::parse(&text);
    dot_ast::nodes(&g)
        .into_iter()
        .map(|(id, attrs)| (id, dot_ast::shown(dot_ast::get(attrs, "width").unwrap())))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn size_by_betweenness_follows_the_distance_flag() {
    let tmp = tempfile::tempdir().unwrap();
    square(tmp.path());
    let inverse = pairs(&[("a", "1.45"), ("b", "2.00"), ("c", "0.90"), ("d", "1.45")]);
    assert_eq!(widths(tmp.path(), &[]), inverse);
    assert_eq!(widths(tmp.path(), &["--distance", "inverse"]), inverse);
    let hops = pairs(&[("a", "2.00"), ("b", "2.00"), ("c", "2.00"), ("d", "2.00")]);
    assert_eq!(widths(tmp.path(), &["--distance", "hops"]), hops);
}

#[test]
fn size_by_betweenness_follows_the_sample_flag() {
    // With all 4 sources sampled the estimate is the exact value.
    let tmp = tempfile::tempdir().unwrap();
    square(tmp.path());
    assert_eq!(
        widths(tmp.path(), &["--betweenness-sample", "4", "--seed", "7"]),
        widths(tmp.path(), &[])
    );
    // The library call takes the same options as `analyze`.
    let net = stakenet::load(tmp.path()).unwrap();
    let hops = stakenet::CentralityOptions {
        distance: stakenet::Distance::Hops,
        ..Default::default()
    };
    let request = |centrality| stakenet::DotRequest {
        options: stakenet::DotOptions {
            size_by: stakenet::SizeBy::Betweenness,
            ..Default::default()
        },
        centrality,
        ..Default::default()
    };
    let by_hops = stakenet::dot(&net, &request(hops)).unwrap().text;
    let by_inverse = stakenet::dot(&net, &request(Default::default()))
        .unwrap()
        .text;
    assert_ne!(by_hops, by_inverse);
    assert!(by_hops.matches("width=2.00").count() >= 4, "{by_hops}");
}
