//! The loader on arbitrary bytes: it never panics, and every refusal names a
//! line and column and prints on one line (control characters escaped).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stakenet::io::{read, LoadOptions};
use stakenet::{DuplicateTies, Error};

mod split;

fuzz_target!(|data: &[u8]| {
    let (nodes, edges) = split::split(data);
    for duplicate_ties in [DuplicateTies::Reject, DuplicateTies::Merge] {
        let options = LoadOptions { duplicate_ties };
        match read(
            Path::new("nodes.csv"),
            nodes,
            Path::new("edges.csv"),
            edges,
            &options,
        ) {
            Ok(net) => {
                for t in net.ties() {
                    assert!((0.0..=1.0).contains(&t.trust), "trust {}", t.trust);
                    assert!(t.communication.is_finite() && t.communication >= 0.0);
                    assert!(t.power.is_finite() && (-1.0..=1.0).contains(&t.power));
                    assert_ne!(t.source, t.target);
                }
                for a in net.actors() {
                    assert!(!a.id.trim().is_empty());
                    assert!((0.0..=1.0).contains(&a.power));
                }
            }
            Err(Error::Input(problems)) => {
                assert!(!problems.errors.is_empty());
                for e in &problems.errors {
                    assert!(e.location.line >= 1 && e.location.column >= 1, "{e}");
                    let text = e.to_string();
                    assert!(
                        !text.chars().any(char::is_control),
                        "control character in {text:?}"
                    );
                }
            }
            Err(other) => panic!("unexpected error from readers in memory: {other}"),
        }
    }
    // Issue 18: the same files saved with CRLF line ends (as Excel on
    // Windows saves them) get their problems at the same lines and columns.
    if !data.contains(&b'\r') && data.len() < 4096 {
        let crlf = |b: &[u8]| -> Vec<u8> {
            b.iter()
                .flat_map(|&c| if c == b'\n' { vec![b'\r', b'\n'] } else { vec![c] })
                .collect()
        };
        let places = |nodes: &[u8], edges: &[u8]| match read(
            Path::new("nodes.csv"),
            nodes,
            Path::new("edges.csv"),
            edges,
            &LoadOptions::default(),
        ) {
            Err(Error::Input(problems)) => problems
                .errors
                .iter()
                .map(|e| (e.location.file.clone(), e.location.line, e.location.column))
                .collect(),
            _ => Vec::new(),
        };
        assert_eq!(places(nodes, edges), places(&crlf(nodes), &crlf(edges)));
    }
});
