//! The loader on arbitrary bytes: it never panics, and every refusal names a
//! line and column and prints on one line (control characters escaped, in
//! the cell and in the file's path). An encoding hint is given at most once
//! per file, and a UTF-16 file is one problem, not one per cell.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stakenet::io::{read, LoadOptions};
use stakenet::{DuplicateTies, Error, InputErrorKind};

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
                // Issue 18: the Latin-1 hint once per file.
                for file in ["nodes.csv", "edges.csv"] {
                    let hinted = problems
                        .errors
                        .iter()
                        .filter(|e| e.location.file == Path::new(file))
                        .filter(|e| matches!(&e.kind, InputErrorKind::NotUtf8 { hint: Some(_), .. }))
                        .count();
                    assert!(hinted <= 1, "{file}: {hinted} hints");
                }
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
    // Issue 18: the same text saved as UTF-16 with its mark (Excel's
    // "Unicode text") is one problem per file, at its start; and a path
    // holding a terminal escape is shown escaped.
    if data.len() < 4096 {
        let utf16 = |b: &[u8]| -> Vec<u8> {
            "\u{feff}"
                .encode_utf16()
                .chain(String::from_utf8_lossy(b).encode_utf16())
                .flat_map(u16::to_le_bytes)
                .collect()
        };
        let hostile = Path::new("site\u{1b}[2J\u{202e}");
        match read(
            &hostile.join("nodes.csv"),
            &utf16(nodes)[..],
            &hostile.join("edges.csv"),
            &utf16(edges)[..],
            &LoadOptions::default(),
        ) {
            Err(Error::Input(problems)) => {
                let kinds: Vec<_> = problems
                    .errors
                    .iter()
                    .map(|e| (e.location.line, e.location.column, &e.kind))
                    .collect();
                assert_eq!(
                    kinds,
                    [(1, 1, &InputErrorKind::Utf16), (1, 1, &InputErrorKind::Utf16)]
                );
                for e in &problems.errors {
                    let text = e.to_string();
                    assert!(
                        !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
                        "{text:?}"
                    );
                }
            }
            other => panic!("UTF-16 was read: {:?}", other.map(|n| n.len())),
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
