//! The importers of other tools' files on arbitrary bytes: the first byte
//! chooses GraphML (even) or a Kumu JSON blueprint (odd), the rest is the
//! file. Reading and mapping never panic; a refusal names the file (or the
//! network file the loader refused) on every line but a last "… and N more
//! problems", and holds no control character but the line breaks between
//! problems; what is accepted imports as a network whose CSV files load
//! again to the same network.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stakenet::io::graphml::read_graphml;
use stakenet::io::import::{import, FieldMap};
use stakenet::io::kumu::read_blueprint;
use stakenet::Error;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let (name, graph) = if choice % 2 == 0 {
        (
            "fuzz.graphml",
            read_graphml(Path::new("fuzz.graphml"), bytes),
        )
    } else {
        ("fuzz.json", read_blueprint(Path::new("fuzz.json"), bytes))
    };
    let refused = |e: Error| {
        let text = e.to_string();
        for line in text.lines() {
            assert!(
                line.starts_with(name)
                    || line.starts_with("net/")
                    || (line.starts_with("… and ") && line.ends_with(" more problems")),
                "a line of a refusal names no file: {text:?}"
            );
        }
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "control character in {text:?}"
        );
    };
    let graph = match graph {
        Ok(graph) => graph,
        Err(e) => return refused(e),
    };
    match import(&graph, &FieldMap::default(), Path::new("net")) {
        Ok(imported) => {
            let again = stakenet::io::read(
                Path::new("net/nodes.csv"),
                imported.nodes_csv.as_slice(),
                Path::new("net/edges.csv"),
                imported.edges_csv.as_slice(),
                &stakenet::LoadOptions::default(),
            )
            .expect("an import's own files load");
            assert_eq!(again.len(), imported.network.len());
            assert_eq!(again.ties().len(), imported.network.ties().len());
            for t in imported.network.ties() {
                assert!((0.0..=1.0).contains(&t.trust), "trust {}", t.trust);
            }
        }
        Err(e) => refused(e),
    }
});
